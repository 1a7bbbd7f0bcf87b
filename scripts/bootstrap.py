"""Create or refresh the project's environments from the lock files. Standard library only.

Every `make` target runs this first, so a fresh clone needs no manual set-up step:

    python3 scripts/bootstrap.py python   # .venv from requirements.lock (hash-checked)
    python3 scripts/bootstrap.py node     # node_modules from package-lock.json (npm ci)
    python3 scripts/bootstrap.py browser  # Debian chromium, installed with apt-get when missing
    python3 scripts/bootstrap.py java     # a Java runtime for the Nu HTML Checker (apt-get when missing)

Each step is skipped when a stamp file says the environment already matches its lock file, so the
cost on an up-to-date checkout is a few file reads.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
MIN_PYTHON = (3, 11)
# Debian's chromium; CHROMIUM_PATH overrides it (e.g. Google Chrome on a GitHub runner).
DEFAULT_CHROMIUM = "/usr/bin/chromium"


def say(message: str) -> None:
    print(f"[bootstrap] {message}", flush=True)


def fail(message: str) -> None:
    print(f"[bootstrap] error: {message}", file=sys.stderr, flush=True)
    raise SystemExit(2)


def digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.read_bytes())
    return h.hexdigest()


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_python() -> None:
    if sys.version_info < MIN_PYTHON:
        fail(
            f"Python {'.'.join(map(str, MIN_PYTHON))} or newer is needed, this is {sys.version.split()[0]}. "
            "Install python3.11 and run the command again."
        )
    lock = ROOT / "requirements.lock"
    stamp = VENV / ".requirements.lock.sha256"
    wanted = digest(lock)
    if venv_python().exists() and stamp.exists() and stamp.read_text().strip() == wanted:
        return
    if not venv_python().exists():
        say(f"creating .venv with Python {sys.version.split()[0]}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    say("installing requirements.lock (exact versions, hashes checked)")
    cmd = [str(venv_python()), "-m", "pip", "install", "--disable-pip-version-check", "--quiet",
           "--require-hashes", "--no-deps", "-r", str(lock)]
    if subprocess.call(cmd, cwd=ROOT) != 0:
        fail("pip could not install requirements.lock; read the message above, fix, then run again.")
    # The guard runs inside the new environment: it refuses MkDocs 2 and Material 10 even if a lock
    # file edited by hand let them in.
    if subprocess.call([str(venv_python()), "-m", "scripts.stack"], cwd=ROOT) != 0:
        fail("the installed stack is outside the supported versions (see above).")
    stamp.write_text(wanted + "\n")


def ensure_node() -> None:
    lock = ROOT / "package-lock.json"
    stamp = ROOT / "node_modules" / ".package-lock.sha256"
    wanted = digest(lock)
    if stamp.exists() and stamp.read_text().strip() == wanted:
        return
    npm = shutil.which("npm")
    if not npm:
        fail("npm is needed for the spelling, Markdown and accessibility tools. Install Node.js 20+ (with npm).")
    say("installing node_modules from package-lock.json (npm ci)")
    env = dict(os.environ, PUPPETEER_SKIP_DOWNLOAD="1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1")
    # --ignore-scripts: the only install script in the lock file is vnu-jar's, which would download a
    # Java runtime from GitHub when none is found; scripts/nu.py uses the system's Java instead
    # (`bootstrap.py java`). Nothing is fetched outside package-lock.json.
    cmd = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
    if subprocess.call(cmd, cwd=ROOT, env=env) != 0:
        fail("npm ci failed; read the message above.")
    stamp.write_text(wanted + "\n")


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH", DEFAULT_CHROMIUM)


def ensure_browser() -> None:
    path = chromium_path()
    if os.access(path, os.X_OK):
        return
    if path != DEFAULT_CHROMIUM:
        fail(f"CHROMIUM_PATH={path} is not an executable file.")
    apt = shutil.which("apt-get")
    if not apt:
        fail("Chromium is needed for the browser tests: install it, or set CHROMIUM_PATH to a Chromium/Chrome binary.")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    say("installing Debian chromium for the browser tests (apt-get)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    ok = subprocess.call(sudo + [apt, "update", "-qq"], env=env) == 0 and subprocess.call(
        sudo + [apt, "install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-dejavu-core"], env=env
    ) == 0
    if not ok or not os.access(path, os.X_OK):
        fail("apt-get could not install chromium; install it by hand or set CHROMIUM_PATH.")


def java_candidates() -> list[str]:
    """Java binaries that can run, in order of preference: JAVA, then JAVA_HOME, then PATH (also used by
    scripts/nu.py, which checks the version)."""
    home = os.environ.get("JAVA_HOME")
    candidates = (os.environ.get("JAVA"), home and os.path.join(home, "bin", "java"), shutil.which("java"))
    return [c for c in candidates if c and os.access(c, os.X_OK)]


def has_java() -> bool:
    return bool(java_candidates())


def ensure_java() -> None:
    """The W3C Nu HTML Checker (vnu.jar, from node_modules) needs Java 11+; Debian's default is 17."""
    if has_java():
        return
    apt = shutil.which("apt-get")
    if not apt:
        fail("Java 11 or newer is needed for the HTML validity test (W3C Nu HTML Checker): install a Java "
             "runtime, or set JAVA to a java binary.")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    say("installing Debian default-jre-headless for the HTML validity test (apt-get)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    ok = subprocess.call(sudo + [apt, "update", "-qq"], env=env) == 0 and subprocess.call(
        sudo + [apt, "install", "-y", "-qq", "--no-install-recommends", "default-jre-headless"], env=env
    ) == 0
    if not ok or not has_java():
        fail("apt-get could not install default-jre-headless; install Java 11+ by hand or set JAVA.")


STEPS = {"python": ensure_python, "node": ensure_node, "browser": ensure_browser, "java": ensure_java}


def main(argv: list[str]) -> int:
    names = argv or ["python"]
    for name in names:
        if name not in STEPS:
            fail(f"unknown step {name!r}; choose from {', '.join(STEPS)}")
        STEPS[name]()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
