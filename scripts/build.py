"""Build and preview the site.

`build` runs MkDocs in strict mode in a separate process, into a temporary folder next to the
target, checks the result, and only then swaps it into place. A failed build — a broken link, a
missing translation, bad data — therefore never leaves a half-written site/ behind: the previous
site/ stays as it was.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from scripts import engines, paths, stack


class BuildError(RuntimeError):
    pass


@dataclass(frozen=True)
class Flavour:
    """What differs between the hosted site and the offline pack."""

    name: str
    env: dict[str, str]


ONLINE = Flavour("online", {})
# file:// has no server to map folder/ to folder/index.html, so pages become page.html.
OFFLINE = Flavour("offline", {"OFFLINE": "1", "USE_DIRECTORY_URLS": "false"})


def mkdocs_env(flavour: Flavour, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    # The Material 9.8 and ProperDocs banners are advice about the future, not build problems.
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    env.update(flavour.env)
    env.update(extra or {})
    return env


# What a build depends on: if none of it changed, the previous build can be reused (`make pack` reuses
# site/ for the PDFs instead of building the hosted flavour a second time).
BUILD_INPUTS = ("docs", "data", "overrides", "scripts", "mkdocs.yml", "requirements.lock")
BUILD_ENV = ("SITE_URL", "REPO_URL", "REPO_NAME", "EDIT_URI", "BUILD_ONLY_LOCALE")


def source_digest(flavour: Flavour, engine: str = engines.DEFAULT_ENGINE) -> str:
    """A digest of everything a build reads: source files, the flavour, the environment that mkdocs.yml
    reads, and today's date (freshness notices depend on it)."""
    digest = hashlib.sha256()
    for name in BUILD_INPUTS:
        root = paths.ROOT / name
        for path in sorted([root] if root.is_file() else root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(paths.ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    env = {**flavour.env, **{k: os.environ.get(k, "") for k in BUILD_ENV}}
    digest.update(repr((sorted(env.items()), engine, paths.today().isoformat())).encode())
    return digest.hexdigest()


def digest_file(target: Path) -> Path:
    return target.with_name(f".{target.name}.digest")  # next to the site, not in it (never deployed)


def is_current(target: Path, flavour: Flavour = ONLINE) -> bool:
    """Whether `target` holds a finished build of the current sources in this flavour."""
    stamp = digest_file(target)
    return target.is_dir() and stamp.is_file() and stamp.read_text().strip() == source_digest(flavour)


def _swap_into_place(built: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
    built.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build(target: Path = paths.SITE, flavour: Flavour = ONLINE, quiet: bool = False,
          extra_env: dict[str, str] | None = None, engine: str = engines.DEFAULT_ENGINE) -> float:
    """Strict build of both languages into `target` with `engine` (scripts/engines.py). Returns the
    engine's time in seconds."""
    if engine not in engines.ENGINES:
        raise BuildError(f"unknown engine {engine!r}: use one of {', '.join(engines.ENGINES)}")
    stack.check()
    from scripts.checks import files, report

    unreadable = report.errors(files.source_problems())
    if unreadable:
        report.print_problems(unreadable, stream=sys.stderr)
        raise BuildError(f"The build stopped: {len(unreadable)} file(s) above must be fixed first. "
                         f"{target.name}/ was left unchanged.")
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = source_digest(flavour, engine)  # before building: an edit made meanwhile makes it stale
    digest_file(target).unlink(missing_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    try:
        cmd = [sys.executable, "-m", engine, "build", "--strict", "--clean",
               "--config-file", str(paths.MKDOCS_YML), "--site-dir", str(staging)]
        # Never pass --quiet: it raises MkDocs' log level, and --strict then no longer sees the
        # warnings it must fail on. Quiet builds capture the output and show it only on failure.
        started = time.perf_counter()
        result = subprocess.run(cmd, cwd=paths.ROOT, env=mkdocs_env(flavour, extra_env),
                                capture_output=quiet, text=True)
        seconds = time.perf_counter() - started
        if result.returncode != 0:
            if quiet:
                sys.stderr.write(result.stdout + result.stderr)
            raise BuildError(
                "The build stopped (see the messages above, each names a file and line). "
                f"{target.name}/ was left unchanged."
            )
        from scripts.web import verify

        problems = verify.built_site(staging)
        if problems:
            raise BuildError("The built site is incomplete:\n  " + "\n  ".join(problems))
        _swap_into_place(staging, target)
        staging = None
        digest_file(target).write_text(digest + "\n")
        return seconds
    finally:
        if staging is not None and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def serve(lang: str | None = None, port: int = 8000) -> int:
    stack.check()
    extra = {}
    if lang:
        if lang not in paths.LANGUAGES:
            raise BuildError(f"--lang must be one of {', '.join(paths.LANGUAGES)}")
        extra["BUILD_ONLY_LOCALE"] = lang
    # Serve at the root of the local address (not under the Pages sub-path /site/), so the preview is
    # where the message says and /en/ works as typed; links are relative, so nothing else changes.
    extra.setdefault("SITE_URL", os.environ.get("SITE_URL") or f"http://127.0.0.1:{port}/")
    print(f"Preview on http://127.0.0.1:{port}/ (English: /en/) — edits to docs/, data/ and overrides/ "
          "reload the page.", flush=True)
    # --livereload is explicit because click > 8.2.1 turned live reload off by default (mkdocs#4032).
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}",
           "--config-file", str(paths.MKDOCS_YML)]
    return subprocess.call(cmd, cwd=paths.ROOT, env=mkdocs_env(ONLINE, extra))
