"""`python -m scripts check`: every contributor check that needs no browser, in one report."""

from __future__ import annotations

import time

from scripts import paths
from scripts.checks import parity
from scripts.checks.report import Problem, errors, print_problems
from scripts.sitedata.records import load_data

CHECKS = {
    "translations": lambda fix: parity.missing_twins(),
    "data": lambda fix: load_data()[1],
}


def run(fix: bool = False, only: list[str] | None = None) -> int:
    started = time.perf_counter()
    problems: list[Problem] = []
    for name, check in CHECKS.items():
        if only and name not in only:
            continue
        problems.extend(check(fix))
    print_problems(problems)
    failed = errors(problems)
    warnings = len(problems) - len(failed)
    took = time.perf_counter() - started
    status = "FAILED" if failed else "ok"
    print(f"check {status}: {len(failed)} error(s), {warnings} warning(s) in {took:.2f} s "
          f"({len(list(paths.DOCS.rglob('*.md')))} pages)")
    return 1 if failed else 0
