"""The W3C Nu HTML Checker (vnu.jar, from the pinned `vnu-jar` npm package) over built pages.

    python -m scripts nu [FILES OR FOLDERS…]   # default: site/ (run `make build` first)

One Java process checks many files at once (a JVM start costs about a second; the 101 pages of the
site take about 6 s). Only errors are reported (warnings such as "section lacks heading" are
advice, and the Content-Security-Policy notes are the checker's guesses about file: URLs), each as
`path:line:column: message — extract`. Nothing is downloaded: the jar is in node_modules/ (npm ci
from package-lock.json) and Java comes from the system. We never run the package's own launcher
(vnu-jar.js), which downloads a Java runtime from GitHub when it finds none.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts import paths
from scripts.bootstrap import java_candidates

JAR = paths.ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MIN_JAVA = 11  # vnu.jar's own minimum; Debian 12 ships 17
BATCH = 400  # files per Java process: well under the command-line length limit
INSTALL_JAVA = ("install a Java runtime (11 or newer): on Debian/Ubuntu `sudo apt-get install default-jre-headless`, "
                "or run `python3 scripts/bootstrap.py java`; or set JAVA to a java binary")


class NuUnavailable(RuntimeError):
    """The checker cannot run here; the message says how to fix it."""


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int
    column: int
    message: str
    extract: str

    def show(self, base: Path | None = None) -> str:
        file = self.file
        if base is not None:
            try:
                file = file.relative_to(base)
            except ValueError:
                pass
        extract = " ".join(self.extract.split())
        return f"{file}:{self.line}:{self.column}: {self.message}" + (f" — {extract[:160]}" if extract else "")


def java() -> str:
    """The java binary to use (JAVA, then JAVA_HOME, then PATH), checked to be new enough."""
    for candidate in java_candidates():
        result = subprocess.run([candidate, "-version"], capture_output=True, text=True)
        found = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr + result.stdout)
        if found:
            major = int(found.group(1))
            major = int(found.group(2)) if major == 1 and found.group(2) else major  # "1.8" is Java 8
            if major >= MIN_JAVA:
                return candidate
            raise NuUnavailable(f"{candidate} is Java {major}; the Nu HTML Checker needs {MIN_JAVA}+: {INSTALL_JAVA}")
    raise NuUnavailable(f"no Java runtime found for the Nu HTML Checker: {INSTALL_JAVA}")


def jar() -> Path:
    if not JAR.is_file():
        raise NuUnavailable(f"{JAR.relative_to(paths.ROOT)} is missing: run `python3 scripts/bootstrap.py node` "
                            "(npm ci installs the vnu-jar package pinned in package-lock.json)")
    return JAR


def html_files(targets: list[Path]) -> list[Path]:
    files: list[Path] = []
    for target in targets:
        files.extend(sorted(target.rglob("*.html")) if target.is_dir() else [target])
    return files


def _file(url: str) -> Path:
    parts = urlsplit(url)
    return Path(unquote(parts.path)) if parts.scheme == "file" else Path(url)


def check(files: list[Path]) -> list[Problem]:
    """Errors the Nu checker finds in these HTML files (an empty list: all valid)."""
    if not files:
        return []
    command = [java(), "-Xss8m", "-jar", str(jar()), "--errors-only", "--exit-zero-always", "--format", "json"]
    problems: list[Problem] = []
    for start in range(0, len(files), BATCH):
        batch = [str(Path(f).resolve()) for f in files[start:start + BATCH]]
        result = subprocess.run(command + batch, capture_output=True, text=True)
        try:
            report = json.loads(result.stderr or "{}")
        except json.JSONDecodeError:
            raise NuUnavailable(f"the Nu checker did not answer in JSON (exit {result.returncode}):\n"
                                f"{result.stderr[-2000:]}{result.stdout[-2000:]}") from None
        for message in report.get("messages", []):
            # "error" (with subType "fatal" for unparseable files), and "non-document-error" for a file
            # the checker could not read: every one of them is a failure.
            if message.get("type") == "info":
                continue
            problems.append(Problem(
                file=_file(message.get("url", "?")),
                line=int(message.get("firstLine") or message.get("lastLine") or 0),
                column=int(message.get("firstColumn") or message.get("lastColumn") or 0),
                message=message.get("message", "?"),
                extract=message.get("extract", ""),
            ))
    return problems


def main(targets: list[str]) -> int:
    roots = [Path(t) for t in targets] or [paths.SITE]
    missing = [str(r) for r in roots if not r.exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(missing)} (for site/, run `make build` first)",
              file=sys.stderr)
        return 2
    files = html_files(roots)
    try:
        problems = check(files)
    except NuUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem.show(Path.cwd()))
    print(f"Nu HTML Checker: {len(problems)} error(s) in {len(files)} file(s).")
    return 1 if problems else 0
