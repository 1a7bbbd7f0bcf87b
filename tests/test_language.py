"""Each page wholly in its language: no French outside `lang="fr"` passages on English pages, no English
outside `lang="en"` passages on French pages (scripts/web/language.py), data text marked at its source
(scripts/sitedata/records.py), and one 404 page per language (scripts/web/error_pages.py)."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, run_build
from scripts import pack, paths
from scripts.sitedata import records, render
from scripts.web import error_pages, language

SITE_URL = "https://protection-jeunes.github.io/site/"


# --- The detector, on fragments we know -------------------------------------------------------------

FRENCH_ON_AN_ENGLISH_PAGE = [
    "(chaîne de télévision non identifiée, undated)",
    "(presse belge (titre du journal non relevé), August 2023)",
    "(WeProtect Global Alliance (communiqué de presse en français), October 2023)",
    "In force since 23 April 2021 (version en vigueur depuis le 23 avril 2021)",
    "Arte's documentary Pédocriminels, la traque, filmed in eight countries",
    "Page introuvable",
    "A secondary source calls it leurre de mineurs.",
    "the home page, where you choose Français or English",
]
ENGLISH_ON_A_FRENCH_PAGE = [
    "(Darknet_corpus, undated)",
    "Exit this page",
    "Les victimes peuvent appeler le 3018. Take a screenshot before you block the account.",
    "Voir la page de l'association (Child Abuse Hotline, with a chat)",
    '!!! warning "Beaucoup de pages donnent encore les anciennes peines"',
]


@pytest.mark.parametrize("fragment, page_lang", [(f, "en") for f in FRENCH_ON_AN_ENGLISH_PAGE]
                         + [(f, "fr") for f in ENGLISH_ON_A_FRENCH_PAGE])
def test_fragments_in_the_other_language_are_found(fragment, page_lang):
    assert language.text_leaks(fragment, page_lang), fragment


@pytest.mark.parametrize("text, lang", [
    ("Take a screenshot before you block the account, then call 3018 (free, anonymous).", "en"),
    ("Fais une capture d'écran avant de bloquer le compte, puis appelle le 3018.", "fr"),
    ("The French charity e-Enfance runs 3018; Child Focus works in Belgium; see Légifrance.", "en"),
    ("arXiv (Abelson, Anderson, Bellovin et al.), 2021", "en"),
    ("Le service Take It Down du NCMEC, avec OFMIN et Pharos.", "fr"),
    ("Grooming, sextortion, deepfakes: understand and act.", "en"),
])
def test_text_in_the_page_language_is_not_a_leak(text, lang):
    assert language.text_leaks(text, lang) == []


def test_a_passage_marked_with_its_language_is_not_a_leak_and_an_unmarked_one_is():
    marked = '<html lang="en"><body><p>Arte\'s <em lang="fr">Pédocriminels, la traque</em> (2023).</p></body></html>'
    unmarked = marked.replace(' lang="fr"', "")
    assert language.html_leaks(marked) == []
    assert [leak.text for leak in language.html_leaks(unmarked)] == ["Arte's Pédocriminels", "la traque"]
    # A block inside an element of the other language is fine (quoted law text).
    quoted = '<html lang="en"><body><blockquote lang="fr"><p>Toute autorité constituée est tenue d\'en donner avis.</p></blockquote></body></html>'
    assert language.html_leaks(quoted) == []


def test_attributes_and_interface_labels_are_checked():
    page = ('<html lang="en"><head><title>Help</title></head><body>'
            '<button aria-label="Ouvrir le menu"></button><img alt="Retour en haut" src="x.png">'
            '<div data-label-close="Fermer la recherche"></div></body></html>')
    found = {leak.where.split(" ")[0] for leak in language.html_leaks(page)}
    assert found == {"aria-label", "alt", "data-label-close"}


def test_the_allowlist_stays_small():
    """Names the same in both languages; anything else is marked with lang (see language.py)."""
    assert len(language.ALLOWED_NAMES) <= 4


def test_data_marks_become_lang_spans_and_plain_text_in_attributes():
    text = "Child in danger helpline ([Allô Enfance en danger]{lang=fr}) & co"
    assert language.mark_html(text) == 'Child in danger helpline (<span lang="fr">Allô Enfance en danger</span>) &amp; co'
    assert language.plain(text) == "Child in danger helpline (Allô Enfance en danger) & co"
    assert language.tooltip(text) == "Child in danger helpline & co"
    assert language.text_leaks(language.unmarked(text), "en") == []


# --- At the source: data and renderer -------------------------------------------------------------

@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(paths.DATA, target)
    return target


def test_an_unmarked_french_name_in_english_data_is_refused_at_its_line(data_copy):
    file = data_copy / "helplines.yml"
    text = file.read_text(encoding="utf-8")
    marked = "[Allô Enfance en danger]{lang=fr}"
    assert marked in text
    file.write_text(text.replace(marked, "Allô Enfance en danger", 1), encoding="utf-8")
    line = next(i for i, row in enumerate(file.read_text(encoding="utf-8").splitlines(), 1)
                if "Child in danger helpline (Allô" in row)
    problems = [p for p in records.load_data(data_copy)[1] if p.severity == "error"]
    assert len(problems) == 1
    assert f"data/helplines.yml:{line}:" in str(problems[0]) or f"helplines.yml:{line}:" in str(problems[0])
    assert "Allô Enfance en danger" in str(problems[0]) and "{lang=fr}" in str(problems[0])


def test_a_malformed_mark_is_refused_with_a_fix(data_copy):
    file = data_copy / "helplines.yml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("[Allô Enfance en danger]{lang=fr}", "Allô Enfance en danger{lang=fr}", 1), encoding="utf-8")
    problems = [str(p) for p in records.load_data(data_copy)[1]]
    assert any("[passage]{lang=fr}" in p for p in problems), problems


def test_the_renderer_marks_a_french_name_on_english_pages(data):
    card = render.helpline_card(data.helplines["fr-119"], "en", data)
    assert '(<span lang="fr">Allô Enfance en danger</span>)' in card
    assert "lang=" not in render.helpline_card(data.helplines["fr-119"], "fr", data).split("helpline__when")[0]


@pytest.fixture(scope="module")
def data():
    return records.load_cached()[0]


# --- The built site --------------------------------------------------------------------------------

def test_no_page_of_the_built_site_leaks_the_other_language(site):
    leaks = language.site_leaks(site)
    assert not leaks, f"{language.counts(leaks)}\n" + "\n".join(map(str, leaks[:30]))


def _soup(file):
    return BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")


@pytest.mark.parametrize("lang", paths.LANGUAGES)
def test_each_language_has_its_own_404_wholly_in_that_language(site, lang, data):
    file = site / error_pages.path_for(lang)
    assert file.is_file(), f"no {error_pages.path_for(lang)}"
    soup = _soup(file)
    other = "en" if lang == "fr" else "fr"
    assert soup.html["lang"] == lang
    assert language.html_leaks(file.read_text(encoding="utf-8"), file.name) == []
    assert soup.h1.get_text(strip=True) == data.labels[lang]["page_not_found"]
    # The exit button and the search button speak the page's language.
    assert soup.select_one(".quick-exit__button").get_text(strip=True) == data.labels[lang]["quick_exit"]
    assert soup.select_one(".quick-exit__button")["href"] == {"fr": "https://meteofrance.com/",
                                                              "en": "https://www.bbc.co.uk/weather"}[lang]
    assert soup.select_one("[data-site-search]")["aria-label"] == data.labels[lang]["search_open"]
    # Menus in the page's language.
    tabs = [a.get_text(strip=True) for a in soup.select(".md-tabs__link")]
    assert ("Comprendre" if lang == "fr" else "Understand") in tabs, tabs
    # The language switch goes to the other language's home, never to an unrelated page.
    switch = soup.select(".site-lang__link")
    assert [(a["hreflang"], a["href"]) for a in switch] == [(other, SITE_URL + paths.lang_prefix(other))]
    # Back home, in this language, with an absolute address (a 404 is served at any depth).
    assert soup.find("a", string=data.labels[lang]["back_home"])["href"] == SITE_URL + paths.lang_prefix(lang)


def test_the_root_404_also_offers_an_english_line(site, data):
    """GitHub Pages serves the root 404.html for every missing address, /en/… included."""
    soup = _soup(site / "404.html")
    line = soup.select_one(".not-found-other")
    assert line is not None and line["lang"] == "en"
    assert data.labels["en"]["page_not_found"] in line.get_text()
    assert line.a["href"] == SITE_URL + "en/" and line.a.get_text(strip=True) == "English home"
    assert _soup(site / "en" / "404.html").select_one(".not-found-other") is None


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("offline") / "site"
    result = run_build(ROOT, out, "--offline")
    if result.returncode != 0:
        pytest.fail(result.stdout + result.stderr)
    return out


def test_the_offline_pack_pages_do_not_leak_and_ship_no_404(offline_site):
    leaks = language.site_leaks(offline_site)
    assert not leaks, "\n".join(map(str, leaks[:30]))
    # What the pack removes (scripts/pack.py): every language's 404, useless from file://.
    for lang in paths.LANGUAGES:
        assert (offline_site / error_pages.path_for(lang)).is_file()
        assert error_pages.path_for(lang) in pack.NOT_OFFLINE
    assert pack.page_counts(offline_site)["en"] == pack.page_counts(offline_site)["fr"]


@pytest.mark.parametrize("lang", paths.LANGUAGES)
def test_a_404_still_offers_help_now(site, lang, data):
    """A reader who mistyped an address may be the one who needs help most: the help lines that end
    every page, as tap-to-call links, and all contacts by an absolute link."""
    soup = _soup(site / error_pages.path_for(lang))
    box = soup.select_one(".help-now")
    assert box is not None and box.h2.get_text(strip=True).replace("\u202f", " ").replace("\u00a0", " ") \
        == data.labels[lang]["help_now_title"].replace("\u202f", " ").replace("\u00a0", " ")
    assert {a["href"] for a in box.select("a[href^='tel:']")} >= {"tel:17", "tel:3018", "tel:119"}
    assert box.find("a", href=SITE_URL + paths.lang_prefix(lang) + "contacts/") is not None


def test_the_offline_pack_chooser_marks_its_english_half():
    chooser = (paths.ROOT / "scripts" / "pack_templates" / "index.html").read_text(encoding="utf-8")
    assert language.html_leaks(chooser, "pack_templates/index.html") == []
    assert language.html_leaks(chooser.replace('lang="en"', ""), "pack_templates/index.html")
