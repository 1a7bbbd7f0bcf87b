"""No point médian (« seul·e », « un·e ami·e ») in what young people read.

Young readers, dyslexic readers and screen readers stumble on it (a screen reader says « seul point e »),
and the Éducation nationale circular of 5 May 2021 excludes it from school material. Pages for young
people and pupil material write both forms out (« seul ou seule ») or use an epicene word
(« quelqu'un », « la personne », « sans personne »). The data files are checked too: their French
strings end up on those pages (help lines, labels, glossary…).
"""

from __future__ import annotations

import re
from pathlib import Path

from scripts import paths
from scripts.checks.pages import Page
from scripts.checks.prose import HTML_COMMENT, LINK_TARGET
from scripts.checks.report import Problem, rel

# A word split by a point médian (or the bullet often typed for it): « seul·e », « ami·es », « un·e ».
POINT_MEDIAN = re.compile(r"\b(\w+)[·•]((?:\w+)(?:[·•]\w+)*)\b")
# Pages read by young people or handed to pupils, by folder (inside docs/<lang>/), besides any page whose
# audience lists teens.
YOUNG_PATHS = re.compile(r"^(?:jeunes\.md|que-faire/|risques/|signaux/|ecoles/(?:seance-|fiche-))")
# Better than both forms, where the sentence allows it.
EPICENE = {
    "seul": "« sans personne à qui parler »",
    "ami": "« quelqu'un de ton entourage », « un copain ou une copine »",
    "un": "« quelqu'un », « une personne »",
    "concerné": "« si cela te concerne »",
    "visé": "« si c'est toi qu'on vise »",
}


def both_forms(found: re.Match) -> str:
    """« seul·e » → « seul ou seule », « ami·es » → « amis ou amies », « un·e » → « un ou une »."""
    base, suffix = found.group(1), found.group(2).split("·")[0].split("•")[0]
    if suffix.endswith("s") and len(suffix) > 1:  # plural: ami·es → amis / amies
        return f"{base}s ou {base}{suffix}"
    return f"{base} ou {base}{suffix}"


def _problem(path: str, line: int, found: re.Match, where: str = ", on a page young people read") -> Problem:
    hint = EPICENE.get(found.group(1).lower())
    instead = f"« {both_forms(found)} »" + (f", or an epicene word: {hint}" if hint else ", or an epicene word")
    return Problem(path, line, f"point médian in « {found.group(0)} »{where}",
                   f"write both forms out ({instead}); no point médian for young readers and pupils")


def for_young_people(page: Page) -> bool:
    return page.lang == "fr" and ("teens" in page.audiences or bool(YOUNG_PATHS.match(page.twin_key)))


def check(page: Page) -> list[Problem]:
    if not for_young_people(page):
        return []
    where = rel(page.path)
    problems = []
    for number, raw in page.body_text_lines:  # inline code too: a pupil reads it on the slide
        line = LINK_TARGET.sub(" ", HTML_COMMENT.sub(" ", raw))
        problems += [_problem(where, number, m) for m in POINT_MEDIAN.finditer(line)]
    for key in ("title", "description", "covers", "objectives"):
        value = page.meta.get(key)
        texts = value if isinstance(value, list) else [value] if value else []
        for text in texts:
            problems += [_problem(where, page.meta_lines.get(key, 1), m, f" in `{key}`, on a page young people read")
                         for m in POINT_MEDIAN.finditer(str(text))]
    return problems


def check_data(folder: Path = paths.DATA) -> list[Problem]:
    """French strings of the data files (shown on every page, the young people's pages included)."""
    problems = []
    for path in sorted(folder.glob("*.yml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            if line.lstrip().startswith("#"):
                continue
            problems += [_problem(rel(path), number, m, ", in data shown on pages young people read")
                         for m in POINT_MEDIAN.finditer(line)]
    return problems
