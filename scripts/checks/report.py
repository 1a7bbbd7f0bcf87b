"""One shape for every problem a check finds, printed as `path:line: what is wrong — how to fix it`.

Inside GitHub Actions the same problems are also printed as workflow annotations, so they appear on
the pull request next to the line to fix.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from scripts import paths


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the repository root, forward slashes
    line: int  # 1-based; 0 when the problem concerns the whole file
    message: str  # what is wrong
    fix: str  # how to fix it, in plain words
    severity: str = "error"  # "error" fails the check; "warning" is reported only

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}: {prefix}{self.message} — {self.fix}"

    def annotation(self) -> str:
        kind = "error" if self.severity == "error" else "warning"
        line = f",line={self.line}" if self.line else ""
        return f"::{kind} file={self.path}{line}::{self.message} — {self.fix}"


def rel(path: Path | str) -> str:
    """Repository-relative path with forward slashes (absolute if outside the repository)."""
    p = Path(path).resolve()
    try:
        return p.relative_to(paths.ROOT).as_posix()
    except ValueError:
        return p.as_posix()


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def print_problems(problems: Iterable[Problem], stream=sys.stdout) -> None:
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in sorted(problems):
        print(problem, file=stream)
        if in_actions:
            print(problem.annotation(), file=stream)
