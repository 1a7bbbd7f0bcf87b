"""Translation parity between docs/fr/ and docs/en/.

Every page exists in both languages at the same path (the language switcher, the offline pack and
search all rely on it).
"""

from __future__ import annotations

from pathlib import Path

from scripts import paths
from scripts.checks.report import Problem, rel


def page_paths(lang_dir: Path) -> set[str]:
    if not lang_dir.is_dir():
        return set()
    return {p.relative_to(lang_dir).as_posix() for p in lang_dir.rglob("*.md")}


def missing_twins(docs: Path = paths.DOCS, languages=paths.LANGUAGES) -> list[Problem]:
    """A page in one language without its twin in another."""
    pages = {lang: page_paths(docs / lang) for lang in languages}
    problems = []
    for lang in languages:
        for other in languages:
            if other == lang:
                continue
            for page in sorted(pages[lang] - pages[other]):
                problems.append(Problem(
                    rel(docs / lang / page), 0,
                    f"this page has no {other.upper()} twin (expected docs/{other}/{page})",
                    f"create docs/{other}/{page} with the same sections, in {other.upper()} — "
                    "copy docs/_templates/page." + other + ".md to start",
                ))
    return problems
