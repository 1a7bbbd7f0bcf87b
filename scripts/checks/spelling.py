"""Spelling in French and English with cspell (npm, run by Node): French pages with the French
dictionary, English pages with British English, both with the project's word list (cspell.json).
"""

from __future__ import annotations

import re
import shutil
import subprocess

from scripts import paths
from scripts.checks.report import Problem

CSPELL = paths.ROOT / "node_modules" / ".bin" / "cspell"
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):\d+ - Unknown word \((?P<word>[^)]+)\)")


def check(targets: list[str] | None = None) -> list[Problem]:
    if not CSPELL.exists() or not shutil.which("node"):
        return [Problem("cspell.json", 0, "the spelling checker is not installed",
                        "run `make check` (it installs it with npm), or install Node.js 20+", severity="warning")]
    files = [str(t) for t in targets] if targets else ["docs/fr/**/*.md", "docs/en/**/*.md"]
    result = subprocess.run([str(CSPELL), "--no-progress", "--no-summary", "--no-color", "--no-must-find-files",
                             *files], cwd=paths.ROOT, capture_output=True, text=True)
    problems = []
    for line in result.stdout.splitlines():
        match = LINE.match(line.strip())
        if match:
            path = match.group("path").removeprefix(str(paths.ROOT) + "/")
            problems.append(Problem(path, int(match.group("line")), f"unknown word “{match.group('word')}”",
                                    "correct the spelling, or add the word to `words` in cspell.json if it is right"))
    if result.returncode not in (0, 1) and not problems:
        problems.append(Problem("cspell.json", 0, "the spelling checker failed: " + result.stderr.strip()[:200],
                                "check cspell.json"))
    return problems
