"""The point médian rule and the readability warning of `make check` (issue 16), each case in a scratch
copy of the project, running only the check concerned, as `python -m scripts check --only NAME PAGE`.

Point médian: refused (an error, with a rewrite to use) on pages young people read, pupil material
and the data shown on them; allowed on pages for adults. Readability: a warning on pages whose
audience includes teens, naming the long sentence's line, never on adult pages; the real site is
within its budget. The measure itself (what is stripped before counting) is tested on a fixture page.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from scripts import paths
from scripts.checks import readability
from scripts.checks.pages import read_page
from scripts.sitedata.records import load_data
from test_checks import break_page, checked_copy, problem_lines, run_check  # noqa: F401 (fixture)

TEEN_HEADING = "# Tu es jeune\n"  # docs/fr/jeunes.md, audience: [teens]; the line after it is line 11


def after_heading(sentence: str) -> tuple[str, str]:
    return TEEN_HEADING, f"{TEEN_HEADING}\n{sentence}\n"  # the sentence lands on line 12


HANDOUT_HEADING = "# Si on te fait du chantage\n"  # docs/fr/ecoles/fiche-chantage.md, audience: [teens]


def on_handout(sentence: str) -> tuple[str, str]:
    return HANDOUT_HEADING, f"{HANDOUT_HEADING}\n{sentence}\n"  # the sentence lands on line 13


LONG_SENTENCE = ("Si quelqu'un que tu as rencontré dans un jeu en ligne te demande une photo, te dit de garder "
                 "le secret, te propose des cadeaux et veut passer sur une autre appli, arrête la conversation "
                 "tout de suite.")  # 38 words

# (id, page, text replaced, replacement, --only, exit code, exact problem lines)
CASES = [
    ("point médian on a teen page", "docs/fr/jeunes.md", *after_heading("Tu n'es pas seul·e."), "point-median", 1, [
        "docs/fr/jeunes.md:12: point médian in « seul·e », on a page young people read — write both forms out "
        "(« seul ou seule », or an epicene word: « sans personne à qui parler »); no point médian for young "
        "readers and pupils",
    ]),
    ("point médian in a lesson plan", "docs/fr/ecoles/seance-10-12.md", "audience: [educators]",
     "audience: [educators]\ncovers: \"une séance pour les élèves, pour qu'aucun·e ne reste sans aide.\"",
     "point-median", 1, [
         "docs/fr/ecoles/seance-10-12.md:5: point médian in « aucun·e » in `covers`, on a page young people "
         "read — write both forms out (« aucun ou aucune », or an epicene word); no point médian for young "
         "readers and pupils",
     ]),
    ("point médian in data", "data/labels.yml", 'quick_access: {fr: "Accès rapide"',
     'quick_access: {fr: "Accès rapide pour les ami·es"', "point-median", 1, [
         "data/labels.yml:10: point médian in « ami·es », in data shown on pages young people read — write both "
         "forms out (« amis ou amies », or an epicene word: « quelqu'un de ton entourage », « un copain ou une "
         "copine »); no point médian for young readers and pupils",
     ]),
    ("point médian on a page for parents", "docs/fr/parents.md", "# Vous êtes parent\n",
     "# Vous êtes parent\n\nVotre enfant est-il seul·e ?\n", "point-median", 0, []),
    ("long sentence on a pupils' handout", "docs/fr/ecoles/fiche-chantage.md", *on_handout(LONG_SENTENCE),
     "readability", 0, [
        "docs/fr/ecoles/fiche-chantage.md:13: warning: readability: a sentence of 38 words (“Si quelqu'un que tu as rencontré "
        "dans un …”), on a page young people read (budget: 30 words) — split it in two or three sentences of "
        "one idea each; move a citation or a detail to a list",
    ]),
    ("the same, split", "docs/fr/ecoles/fiche-chantage.md",
     *on_handout("Quelqu'un rencontré dans un jeu te demande une photo ? Il veut un secret, te fait des "
                    "cadeaux, veut passer sur une autre appli ? Arrête tout de suite."), "readability", 0, []),
    ("long sentence on a page for parents", "docs/fr/parents.md", "# Vous êtes parent\n",
     f"# Vous êtes parent\n\n{LONG_SENTENCE}\n", "readability", 0, []),
]


@pytest.mark.parametrize("case,page,old,new,only,code,expected", CASES, ids=[c[0] for c in CASES])
def test_rule_reports_at_the_line_with_a_rewrite(checked_copy, case, page, old, new, only, code, expected):
    break_page(checked_copy, page, old, new)
    target = page if page.startswith("docs/") else "docs/fr/jeunes.md"
    result = run_check(checked_copy, "--only", only, target)
    assert result.returncode == code, result.stdout + result.stderr
    assert problem_lines(result) == expected


def test_average_over_budget_is_a_page_warning(checked_copy):
    """Many sentences of 19 words: none over 30, but the page's average is over 14."""
    sentence = "Cette phrase compte dix-neuf mots pour que la moyenne de la page dépasse très nettement le budget fixé ici."
    break_page(checked_copy, "docs/fr/ecoles/fiche-chantage.md", *on_handout(" ".join([sentence] * 60)))
    result = run_check(checked_copy, "--only", "readability", "docs/fr/ecoles/fiche-chantage.md")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = problem_lines(result)
    assert len(lines) == 1, lines
    assert lines[0].startswith("docs/fr/ecoles/fiche-chantage.md: warning: readability: sentences average 1"), lines
    assert "starting with line 13" in lines[0]


def test_measure_leaves_out_what_readers_do_not_read_as_sentences(tmp_path, monkeypatch):
    """Front matter, code, tables, headings, admonition syntax, link targets and block markers are not
    counted; a marker inside a sentence counts as the words it shows."""
    monkeypatch.setattr(paths, "DOCS", tmp_path / "docs")
    page = tmp_path / "docs" / "fr" / "page.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "---\ntitle: Essai de mesure\naudience: [teens]\n---\n\n# Un titre de page assez long pour compter\n\n"
        '!!! tip "Un titre de boîte"\n\n    Deux mots.\n\n'
        "| une | table | très | large | avec | beaucoup | de | mots |\n|---|---|---|---|---|---|---|---|\n\n"
        "```\ndu code qui ne compte pas du tout dans la mesure des phrases\n```\n\n"
        "Lis [cette page](../un/chemin/tres/long-avec-beaucoup-de-mots.md) maintenant.\n\n"
        "Appelle le <!-- data:tel id=fr-3018 --> ce soir.\n\n"
        "<!-- data:contacts situation=blackmail country=FR -->\n",
        encoding="utf-8")
    data, _ = load_data()
    found = readability.sentences(read_page(page), data)
    assert [(s.line, s.words) for s in found] == [(10, 2), (19, 4), (21, 5)], found
    assert found[2].text == "Appelle le 3018 ce soir."


def test_real_teen_pages_are_within_the_budget():
    data, _ = load_data()
    pages = [read_page(p) for lang in ("fr", "en") for p in sorted((ROOT / "docs" / lang).rglob("*.md"))]
    checked = [p for p in pages if readability.for_young_people(p)]
    assert len(checked) >= 14, "the teen explanation pages and the pupils' handout are measured"
    over = [str(problem) for page in checked for problem in readability.check(page, data)]
    assert over == []


# --- The explanation pages, as built ---------------------------------------------------------------

ESSENTIALS_TITLE = {"fr": "L'essentiel", "en": "The essentials"}


def explanation_pages(pages):
    return [p for p in pages if re.match(r"(?:en/)?(?:risques/[^/]+|signaux(?:/[^/]+)?)/index\.html$", p.rel)]


def test_explanation_pages_open_with_the_essentials_box(pages):
    """Every risks and warning-signs page (both languages) opens with the same essentials box, right
    after the title and the « En bref » line: a few short lines, before any other text."""
    found = explanation_pages(pages)
    assert len(found) == 18, [p.rel for p in found]
    for page in found:
        content = page.soup.select_one("article.md-content__inner")
        h1 = content.find("h1")
        following = [el for el in h1.find_next_siblings() if el.name in ("p", "div", "ul", "ol", "h2")]
        first = next(el for el in following if "page-covers" not in (el.get("class") or []))
        assert first.name == "div" and "essentials" in first.get("class", []), f"{page.rel}: {first}"
        assert first.select_one(".admonition-title").get_text(strip=True) == ESSENTIALS_TITLE[page.lang]
        items = [li.get_text(" ", strip=True) for li in first.select("li")]
        assert 3 <= len(items) <= 5, f"{page.rel}: {items}"
        assert all(len(item.split()) <= 20 for item in items), f"{page.rel}: {items}"


def test_en_bref_is_one_lower_case_fragment_never_repeated(pages):
    """The « En bref » / "In brief" line is one style on these pages: a fragment starting in lower case,
    and the page's first paragraph does not say it again."""
    for page in explanation_pages(pages):
        note = page.soup.select_one(".page-covers")
        if note is None:  # the hubs have none
            continue
        label = note.find("strong").get_text()
        fragment = note.get_text()[len(label):].strip()
        assert fragment[0].islower(), f"{page.rel}: « {fragment} »"
        words = set(re.findall(r"\w{5,}", fragment.lower()))
        box = page.soup.select_one(".admonition.essentials")
        first_paragraph = box.find_next_sibling("p")
        if first_paragraph is not None:
            said_again = words & set(re.findall(r"\w{5,}", first_paragraph.get_text().lower()))
            assert len(said_again) < len(words) / 2, f"{page.rel}: the first paragraph repeats « {fragment} »"
