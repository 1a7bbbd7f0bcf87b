"""Last look at a freshly built site before it replaces site/: did every part of the build run?

MkDocs ignores a hook or plugin that fails to load under another engine, and a data marker that no
hook replaced is invisible in the browser. These checks turn such silent failures into a stopped
build. (tests/ check much more; this is the cheap part that every build runs.)
"""

from __future__ import annotations

from pathlib import Path

from scripts import paths

LEFTOVER_MARKER = "<!-- data:"


def html_files(site: Path):
    return sorted(p for p in site.rglob("*.html") if p.is_file())


def built_site(site: Path) -> list[str]:
    problems = []
    for lang in paths.LANGUAGES:
        home = site / paths.lang_prefix(lang) / "index.html"
        if not home.exists():
            problems.append(f"no home page for '{lang}' ({home.relative_to(site)}); was the language built?")
    for page in html_files(site):
        text = page.read_text(encoding="utf-8")
        if LEFTOVER_MARKER in text:
            problems.append(f"{page.relative_to(site)}: a data marker was not rendered (did the data hook run?)")
    return problems
