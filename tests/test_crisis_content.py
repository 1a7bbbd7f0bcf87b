"""Crisis-first content (issue 13): on the built pages of both languages, the right-now box comes first
on every what-to-do page and fits in a phone's first screen, every box that shows 3018 says when it
answers and who answers at night, the crisis box is on the pages where a blackmailed or exposed teen
lands, the evidence advice never makes a reader copy an image, and the paid-removal scam warning is on
every page where a victim lands.
"""

from __future__ import annotations

import re
import shutil

import pytest

from scripts import paths
from scripts.sitedata import markers, render
from scripts.sitedata.records import load_data

# Built pages are addressed without the language prefix: "que-faire/chantage/index.html".
WHAT_TO_DO = ["chantage", "image-diffusee", "demande-de-nudes", "appel-video", "ami-en-difficulte", "j-ai-partage",
              "parent", "eleve-se-confie", "preuves", "signaler", "porter-plainte", "effacer-ses-traces"]
CRISIS_PAGES = ["que-faire/chantage", "que-faire/image-diffusee", "que-faire/demande-de-nudes", "que-faire/parent",
                "que-faire/appel-video", "risques/sextorsion"]
# Pages where a victim lands: the scam warning, and the two reassurances (not j-ai-partage, whose reader
# shared someone else's image: it says "never too late" but not "not your fault").
VICTIM_PAGES = ["que-faire/chantage", "que-faire/image-diffusee", "que-faire/demande-de-nudes",
                "que-faire/appel-video", "risques/sextorsion"]
SCAM_PAGES = VICTIM_PAGES + ["que-faire/j-ai-partage"]
REASSURANCE = {
    "fr": (re.compile(r"(pas ta faute|jamais la faute)", re.I), re.compile(r"jamais trop tard", re.I)),
    "en": (re.compile(r"(not your fault|never the victim's fault)", re.I), re.compile(r"never too late", re.I)),
}
# Advice that makes a reader copy an image: whole/uncropped screenshots of a chat that may contain it.
WHOLE_SCREENSHOTS = re.compile(
    r"captures? (d'écran )?(entières|complètes|non recadrées)|gardez les captures entières|sans les recadrer"
    r"|screenshots? whole|whole screenshots?|full screenshots?|uncropped|without cropping", re.I)
HELP_BOXES = ".help-now, .data-block--contacts, .data-block--helplines, .data-block--directory, .call-line"


def _page(pages, lang: str, path: str):
    rel = paths.lang_prefix(lang) + path + "/index.html"
    found = [p for p in pages if p.rel == rel]
    assert found, f"{rel} was not built"
    return found[0]


def _text(node) -> str:
    return " ".join(node.get_text(" ").split())


@pytest.fixture(scope="module")
def data():
    loaded, problems = load_data()
    assert not [p for p in problems if p.severity == "error"]
    return loaded


# --- 3018: hours and the night line, wherever a box shows it ------------------------------------

def test_every_3018_box_shows_its_hours_and_119_for_the_night(pages, data):
    hours = {lang: render.format_hours(data.helplines["fr-3018"]["hours"], lang, data) for lang in paths.LANGUAGES}
    checked = 0
    for page in pages:
        for box in page.soup.select(HELP_BOXES):
            entries = box.select('[data-record="fr-3018"]') if box.get("data-record") != "fr-3018" else [box]
            for entry in entries:
                checked += 1
                where = f"{page.rel}: a help box showing 3018"
                assert hours[page.lang] in entry.get_text(), f"{where} does not give its hours"
                night = entry.select_one('[data-night="fr-119"]')
                assert night is not None and night.select_one('a[href="tel:119"]'), \
                    f"{where} does not offer 119 for the night"
                if not entry.select_one(".call-line__tel"):  # the call button keeps it short
                    bill = data.label("helpline.not_on_bill", page.lang)
                    assert bill in night.get_text(), f"{where} does not say 119 is not on the phone bill"
    # The footer of every page shows 3018: a handful of boxes would mean the selector broke.
    assert checked > len(pages)


# --- Right-now box -------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", paths.LANGUAGES)
@pytest.mark.parametrize("name", WHAT_TO_DO)
def test_the_right_now_box_comes_first_with_3_to_5_actions_and_a_call_line(pages, lang, name):
    page = _page(pages, lang, f"que-faire/{name}")
    article = page.soup.select_one("article")
    h1 = article.find("h1")
    after = [el for el in h1.find_next_siblings() if el.name != "a"]
    first = after[0]
    if first.name == "p":  # at most one short reassuring line before the box
        assert len(_text(first)) <= 90, f"{page.rel}: the line before the right-now box is too long"
        first = after[1]
    assert "right-now" in (first.get("class") or []), f"{page.rel}: the right-now box is not right under the title"
    actions = first.select("ol > li")
    assert 3 <= len(actions) <= 5, f"{page.rel}: the right-now box has {len(actions)} actions (3 to 5)"
    assert all(len(_text(li)) <= 60 for li in actions), f"{page.rel}: a right-now action is longer than a line"
    call = first.select_one(".call-line a.call-line__tel[href^='tel:']")
    assert call is not None, f"{page.rel}: the right-now box has no tap-to-call line"
    assert not first.select("cite, .source-ref"), f"{page.rel}: a citation sits in the right-now box"


# --- Crisis box ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", paths.LANGUAGES)
@pytest.mark.parametrize("path", CRISIS_PAGES)
def test_a_calm_crisis_box_with_3114_is_on_the_pages_where_a_victim_lands(pages, lang, path, data):
    page = _page(pages, lang, path)
    box = page.soup.select_one(".data-block--crisis")
    assert box is not None, f"{page.rel} has no crisis box"
    assert box.select_one('a[href="tel:3114"]'), f"{page.rel}: the crisis box has no tap-to-call 3114"
    assert data.label("hours.always", lang) in _text(box), f"{page.rel}: the crisis box does not say 3114 is 24/7"
    for emergency in ("tel:17", "tel:112", "sms:114"):
        assert box.select_one(f'a[href="{emergency}"]'), f"{page.rel}: the crisis box lacks {emergency}"
    # Suicide-prevention guidance: no statistics, penalties or citations next to the crisis box.
    assert not box.select(".figure, .penalty, cite"), f"{page.rel}: a figure or citation sits in the crisis box"


# --- Safe evidence, scam warning, reassurance ----------------------------------------------------

def test_no_page_advises_whole_or_uncropped_screenshots(pages):
    offending = []
    for page in pages:
        match = WHOLE_SCREENSHOTS.search(_text(page.soup.select_one("article") or page.soup))
        if match:
            offending.append(f"{page.rel}: «{match.group(0)}»")
    assert not offending, "screenshots of a whole chat can copy an intimate image:\n" + "\n".join(offending)


@pytest.mark.parametrize("lang", paths.LANGUAGES)
@pytest.mark.parametrize("path", SCAM_PAGES)
def test_every_victim_page_warns_about_paid_removal_services(pages, lang, path):
    page = _page(pages, lang, path)
    box = page.soup.select_one(".data-block--scam-warning")
    assert box is not None, f"{page.rel} has no paid-removal scam warning"
    assert box.select_one('a[href="tel:3018"]'), f"{page.rel}: the scam warning does not name the free service"


@pytest.mark.parametrize("lang", paths.LANGUAGES)
@pytest.mark.parametrize("path", VICTIM_PAGES)
def test_victim_pages_say_it_is_not_your_fault_and_never_too_late(pages, lang, path):
    page = _page(pages, lang, path)
    text = _text(page.soup.select_one("article"))
    for phrase in REASSURANCE[lang]:
        assert phrase.search(text), f"{page.rel} does not say {phrase.pattern!r}"


# --- Markers and data: bad input is a page:line message -----------------------------------------

def test_a_call_marker_with_an_unknown_id_or_key_is_a_page_line_error(data):
    text = "# T\n\n<!-- data:call id=fr-9999 -->\n\n<!-- data:call id=fr-3018 colour=red -->\n\n<!-- data:crisis for=cats -->\n"
    _, errors = markers.expand(text, data, "fr", "docs/fr/x.md")
    assert len(errors) == 3, errors
    assert errors[0].startswith("docs/fr/x.md:3: unknown help line id 'fr-9999'") and " — " in errors[0]
    assert errors[1].startswith("docs/fr/x.md:5: data:call does not take colour")
    assert errors[2].startswith("docs/fr/x.md:7: unknown for 'cats'")


def test_a_night_alternative_that_is_unknown_or_not_24_7_is_a_data_error(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(paths.DATA, data_dir)
    helplines = data_dir / "helplines.yml"
    text = helplines.read_text(encoding="utf-8")
    helplines.write_text(text.replace("night_alternative: fr-119", "night_alternative: fr-116006", 1), encoding="utf-8")
    _, problems = load_data(data_dir)
    messages = [str(p) for p in problems if p.severity == "error"]
    assert any("data/helplines.yml:" in m and "is not a phone line open 24/7" in m and " — " in m for m in messages), \
        messages
    helplines.write_text(text.replace("night_alternative: fr-119", "night_alternative: fr-nope", 1), encoding="utf-8")
    _, problems = load_data(data_dir)
    assert any("'fr-nope' is not a help line id" in str(p) for p in problems)


# --- In a phone's first screen (browser) -----------------------------------------------------------

@pytest.fixture(scope="module")
def phone(served_site):
    from scripts.browser import chromium

    with chromium(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                  device_scale_factor=2) as context:
        yield context.new_page()


FIRST_SCREEN_JS = """() => {
  const box = document.querySelector('article .admonition.right-now');
  const tel = box && box.querySelector('a[href^="tel:"]');
  const bottom = el => el ? el.getBoundingClientRect().bottom + window.scrollY : null;
  return {box: bottom(box), tel: bottom(tel)};
}"""


def test_the_right_now_box_and_its_call_button_fit_in_the_first_700_px_of_a_phone(phone, served_site):
    too_low = []
    for lang in paths.LANGUAGES:
        for name in WHAT_TO_DO:
            url = f"{served_site}/{'en/' if lang == 'en' else ''}que-faire/{name}/"
            phone.goto(url)
            where = phone.evaluate(FIRST_SCREEN_JS)
            assert where["box"] is not None and where["tel"] is not None, f"{url}: no right-now box with a tel: link"
            if where["box"] > 700 or where["tel"] > 700:
                too_low.append(f"{url}: box ends at {where['box']:.0f} px, call link at {where['tel']:.0f} px")
    assert not too_low, "at 390×844 the right-now box must end within 700 px:\n" + "\n".join(too_low)
