"""`python -m scripts check [PATHS…]`: every contributor check that needs no browser, in one report.

With paths, the page checks look only at those pages (and their twins); data checks always run.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from scripts import paths
from scripts.checks import (files, freshness, frontmatter, inclusive, markdown, parity, prose, readability, spelling,
                            typography, wording)
from scripts.checks.pages import Page, all_pages, read_page
from scripts.checks.report import Problem, errors, print_problems, rel
from scripts.sitedata import markers
from scripts.sitedata.records import SiteData, load_data


def _markers(page: Page, data: SiteData) -> list[Problem]:
    """The same marker errors the build would report, without building."""
    _, messages = markers.expand(page.text, data, page.lang, rel(page.path), source=page.text)
    problems = []
    for message in messages:
        where, _, rest = message.partition(": ")
        path, _, line = where.rpartition(":")
        what, _, fix = rest.partition(" — ")
        problems.append(Problem(path, int(line) if line.isdigit() else 0, what, fix))
    return problems


def _selected_paths(targets: list[str] | None) -> list[Path] | None:
    """The page files named on the command line (None: every page)."""
    if not targets:
        return None
    found = []
    for target in targets:
        path = Path(target).resolve()
        candidates = sorted(path.rglob("*.md")) if path.is_dir() else [path]
        found += [f for f in candidates if f.suffix == ".md" and paths.DOCS.resolve() in f.parents]
    return found


def _selected_pages(selected: list[Path] | None) -> list[Page]:
    return all_pages() if selected is None else [read_page(f) for f in selected]


# The checks, in report order (`--only` takes these names).
CHECKS = ("data", "translations", "structure", "freshness", "front-matter", "markers", "numbers", "wording",
          "point-median", "readability", "typography", "markdown", "spelling")
EXTERNAL = {"markdown", "spelling"}  # run by Node in their own process


def run(fix: bool = False, only: list[str] | None = None, targets: list[str] | None = None) -> int:
    started = time.perf_counter()
    selected_paths = _selected_paths(targets)
    # Files that cannot be read as they are (not UTF-8, empty page, huge image) come first: every other
    # check reads them, and would stop with a traceback instead of a line to fix.
    unreadable = files.source_problems(pages=selected_paths)
    if errors(unreadable):
        print_problems(unreadable)
        print(f"check FAILED: {len(errors(unreadable))} file(s) must be fixed before the other checks can run")
        return 1
    data, data_problems = load_data()
    pages = _selected_pages(selected_paths)
    if fix:
        for page in pages:
            if frontmatter.fix(page):
                print(f"fixed: {rel(page.path)} (front matter order and formatting)")
        pages = [read_page(p.path) for p in pages]
        for page in pages:
            if typography.fix(page):
                print(f"fixed: {rel(page.path)} (French typography)")
        before = {p.path: p.path.read_text(encoding="utf-8") for p in pages}
        markdown.check([str(p.path) for p in pages] if targets else None, fix=True)
        pages = [read_page(p.path) for p in pages]
        for page in pages:
            if page.text != before[page.path]:
                print(f"fixed: {rel(page.path)} (Markdown layout)")
    rules = wording.load_rules()
    # Repository paths of the selected pages and of their twins (for the pair checks).
    twins = {f"docs/{lang}/{p.twin_key}" for p in pages for lang in paths.LANGUAGES}

    checks = {
        "data": lambda: data_problems,
        "translations": lambda: [p for p in parity.missing_twins() if not targets or p.path in twins],
        "structure": lambda: [p for p in parity.structure() if not targets or p.path in twins],
        "freshness": lambda: [p for p in freshness.check() if not targets or p.path in twins],
        "front-matter": lambda: [x for p in pages for x in frontmatter.check(p, data)],
        "markers": lambda: [x for p in pages for x in _markers(p, data)],
        "numbers": lambda: [x for p in pages for x in prose.check(p, data)],
        "wording": lambda: [x for p in pages for x in wording.check(p, rules)],
        "point-median": lambda: [x for p in pages for x in inclusive.check(p)] + inclusive.check_data(),
        "readability": lambda: [x for p in pages for x in readability.check(p, data)],
        "typography": lambda: [x for p in pages for x in typography.check(p)],
        "markdown": lambda: markdown.check([str(p.path) for p in pages] if targets else None),
        "spelling": lambda: spelling.check([str(p.path) for p in pages] if targets else None),
    }
    assert tuple(checks) == CHECKS, "keep CHECKS in step with the checks below"
    selected = [name for name in checks if not only or name in only]
    # The Node checks are separate processes: start them first so they run while Python checks.
    with ThreadPoolExecutor(max_workers=2) as pool:
        running = {name: pool.submit(checks[name]) for name in selected if name in EXTERNAL}
        found = {name: checks[name]() for name in selected if name not in EXTERNAL}
        found.update({name: future.result() for name, future in running.items()})
    problems: list[Problem] = [p for name in selected for p in found[name]]
    print_problems(problems)
    failed = errors(problems)
    took = time.perf_counter() - started
    print(f"check {'FAILED' if failed else 'ok'}: {len(failed)} error(s), {len(problems) - len(failed)} warning(s) "
          f"in {took:.2f} s ({len(pages)} pages; checks: {', '.join(only or checks)})")
    return 1 if failed else 0
