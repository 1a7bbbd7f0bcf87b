"""`make check` / `make fix`: French typography in the sources (the rules are in scripts/typography.py,
which the build also applies to the finished HTML)."""

from __future__ import annotations

from pathlib import Path

from scripts.checks.pages import Page
from scripts.checks.report import Problem, rel
from scripts.typography import FRONT_MATTER_TEXT, fix_line


def _lines_to_fix(page: Page):
    """(index, line) of lines that hold French prose: front-matter text values and the body outside
    fenced code. For front matter, the `key: ` or `  - ` prefix is part of the line; fix_line skips it."""
    if not page.meta_error:  # a broken front matter is reported by the front-matter check; fix that first
        for i, line in enumerate(page.text.split("\n")[: page.body_start - 1]):
            if FRONT_MATTER_TEXT.match(line):
                yield i, line
    for number, line in page.body_text_lines:
        yield number - 1, line


def check(page: Page) -> list[Problem]:
    if page.lang != "fr":
        return []
    problems = []
    for i, line in _lines_to_fix(page):
        fixed, kinds = fix_line(line, front_matter=i + 1 < page.body_start)
        if fixed != line:
            problems.append(Problem(rel(page.path), i + 1, "French typography: " + ", ".join(dict.fromkeys(kinds)),
                                    "readers already see the right spaces; run `make fix` to tidy the source "
                                    "(or leave it to the pre-commit hook or a maintainer)", severity="warning"))
    return problems


def fix(page: Page) -> bool:
    if page.lang != "fr":
        return False
    lines = page.text.split("\n")
    for i, line in _lines_to_fix(page):
        lines[i] = fix_line(line, front_matter=i + 1 < page.body_start)[0]
    new = "\n".join(lines)
    if new != page.text:
        Path(page.path).write_text(new, encoding="utf-8")
        return True
    return False
