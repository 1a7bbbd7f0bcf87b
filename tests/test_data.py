"""Single-source data: validation of every error class, exact rendering in both languages, and the
built pages showing the same figures in French and English."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import BuiltPage, run_build
from scripts import paths
from scripts.sitedata import markers, render
from scripts.sitedata.records import load_data, load_or_raise

NNBSP, NBSP = "\u202f", "\u00a0"

# (case, file, text to find, replacement, expected message fragment, severity)
BAD_DATA = [
    ("invalid YAML", "helplines.yml", "  - id: fr-3018\n", "  - id: fr-3018\n    oops: [\n", "is not valid YAML", "error"),
    ("missing translation", "helplines.yml",
     'when: {fr: "Danger immédiat", en: "Immediate danger"}\n    phone: "17"',
     'when: {fr: "Danger immédiat"}\n    phone: "17"', "has no `en`", "error"),
    ("unknown key", "helplines.yml", "  - id: fr-119\n", "  - id: fr-119\n    colour: red\n",
     "unknown key `colour`", "error"),
    ("number written as prose", "laws.yml", "penalty: {prison_years: 5, fine_eur: 75000}",
     'penalty: {prison_years: "5 ans", fine_eur: 75000}', "must be a whole number", "error"),
    ("unknown country", "helplines.yml", "  - id: fr-17\n    country: FR\n", "  - id: fr-17\n    country: FRA\n",
     "`country` is 'FRA', which is not allowed", "error"),
    ("unknown situation", "helplines.yml", "situations: [complaint, blackmail, sexual-requests, harassment]",
     "situations: [complaint, sextortion, sexual-requests, harassment]", "`situations` is 'sextortion', which is not allowed", "error"),
    ("http link", "helplines.yml", "url: https://3018.fr/", "url: http://3018.fr/", "must start with https://", "error"),
    ("duplicate id", "helplines.yml", "  - id: fr-112\n", "  - id: fr-17\n", "the id 'fr-17' is used twice", "error"),
    ("checked_on in the future", "helplines.yml", "    sources: [gendarmerie-114]\n    checked_on: 2026-11-22",
     "    sources: [gendarmerie-114]\n    checked_on: 2099-01-01", "`checked_on` 2099-01-01 is in the future", "error"),
    ("law without in-force date", "laws.yml", '    in_force_since: "2021-12-02"\n', "",
     "record 'cp-227-24' has no `in_force_since`", "error"),
    ("law not on Légifrance", "laws.yml", "source_url: https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000044394218",
     "source_url: https://code-penal.fr/article-227-24-a44394218.html", "must link to www.legifrance.gouv.fr", "error"),
    ("unknown source id", "laws.yml", "sources: [doctrine-227-22, juriblio-loi-2021-478-art3]",
     "sources: [doctrine-227-22, no-such-source]", "unknown source id 'no-such-source'", "error"),
    ("tel does not dial the number shown", "helplines.yml", 'tel: "3018"', 'tel: "3019"',
     "`tel` 3019 does not dial the number shown", "error"),
    ("number typed in a name", "helplines.yml", 'name: {fr: "Violences numériques (e-Enfance)"',
     'name: {fr: "3018 Violences numériques (e-Enfance)"', "the fr name repeats the number 3018", "error"),
    ("badly written date", "sources.yml", "    checked_on: 2026-11-22\n  - id: juriblio-loi-2021-478-art5",
     "    checked_on: 22/11/2026\n  - id: juriblio-loi-2021-478-art5", "write dates as YYYY-MM-DD", "error"),
    ("missing interface label", "labels.yml", 'country.US: {fr: "États-Unis", en: "United States"}\n', "",
     "no 'fr' label for 'country.US'", "error"),
    ("record written as plain text", "helplines.yml", "\nhelplines:\n", "\nhelplines:\n  - just a string\n",
     "record #1: `helplines` must be a block of `key: value` lines", "error"),
    ("record not checked for a year", "helplines.yml", "    sources: [gendarmerie-114]\n    checked_on: 2026-11-22",
     "    sources: [gendarmerie-114]\n    checked_on: 2024-01-15", "more than 12 months ago", "warning"),
]


def validate(data_dir) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts", "validate-data", "--data-dir", str(data_dir)],
                          cwd=paths.ROOT, capture_output=True, text=True)


def test_the_real_data_validates():
    data, problems = load_data()
    assert problems == []
    assert len(data.laws) == 11 and len(data.helplines) >= 20 and len(data.sources) >= 50
    result = validate(paths.DATA)
    assert result.returncode == 0 and "data ok" in result.stdout


@pytest.mark.parametrize("case,file,old,new,expected,severity", BAD_DATA, ids=[c[0] for c in BAD_DATA])
def test_each_bad_input_is_reported_with_file_and_line(tmp_path, case, file, old, new, expected, severity):
    data_dir = tmp_path / "data"
    shutil.copytree(paths.DATA, data_dir)
    text = (data_dir / file).read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"fixture no longer matches the data: {old!r}"
    start = text.index(old)
    (data_dir / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    result = validate(data_dir)
    lines = [line for line in result.stdout.splitlines() if expected in line]
    assert lines, f"{case}: expected {expected!r} in:\n{result.stdout}"
    match = re.match(rf".*{re.escape(file)}:(\d+): (warning: )?", lines[0])
    assert match, f"{case}: no file:line in {lines[0]!r}"
    assert " — " in lines[0], f"{case}: the message must say how to fix it: {lines[0]!r}"
    if case != "law without in-force date":  # a missing field is reported on its record's first line
        changed_line = text.count("\n", 0, start) + 1
        assert abs(int(match.group(1)) - changed_line) <= 2, f"{case}: line {match.group(1)}, edit at {changed_line}"
    if severity == "error":
        assert result.returncode == 1, f"{case}: an error must fail the check"
    else:
        assert result.returncode == 0 and match.group(2), f"{case}: a warning must not fail the check"


# --- Rendering -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def data():
    return load_or_raise()[0]


def test_penalty_is_formatted_for_each_language(data):
    penalty = {"prison_years": 5, "fine_eur": 75000}
    assert render.penalty_text(penalty, "fr", data) == f"5 ans d'emprisonnement et 75{NNBSP}000{NBSP}€ d'amende"
    assert render.penalty_text(penalty, "en", data) == "5 years' imprisonment and a €75,000 fine"
    one = {"prison_years": 1, "fine_eur": 1000000}
    assert render.penalty_text(one, "fr", data) == f"1 an d'emprisonnement et 1{NNBSP}000{NNBSP}000{NBSP}€ d'amende"
    assert render.penalty_text(one, "en", data) == "1 year's imprisonment and a €1,000,000 fine"
    ban = {"account_suspension_months": 6}
    assert render.penalty_text(ban, "fr", data) == "Suspension des comptes jusqu'à 6 mois"
    assert render.penalty_text(ban, "en", data) == "Account suspension for up to 6 months"


def test_dates_and_hours_are_formatted_for_each_language(data):
    assert render.format_date("2021-04-23", "fr") == f"23{NBSP}avril 2021"
    assert render.format_date("2021-04-01", "fr") == f"1er{NBSP}avril 2021"
    assert render.format_date("2021-04-23", "en") == f"23{NBSP}April 2021"
    assert render.format_date("2023-10", "en") == "October 2023"
    hours = {"days": "every-day", "from": "09:00", "to": "23:00"}
    assert render.format_hours(hours, "fr", data) == f"tous les jours, 9{NBSP}h{NBSP}–{NBSP}23{NBSP}h"
    assert render.format_hours(hours, "en", data) == f"every day, 9{NBSP}am{NBSP}–{NBSP}11{NBSP}pm"
    assert render.format_hours({"days": "every-day", "from": "10:00", "to": "24:00"}, "fr", data).endswith("minuit")


def test_a_help_line_renders_exactly_in_both_languages(data):
    line = data.helplines["fr-3018"]
    assert render.helpline_compact(line, "fr", data) == (
        '<li class="helpline helpline--compact" data-record="fr-3018"><strong>Chantage, image diffusée, '
        f'harcèlement en ligne</strong>{NBSP}: <a class="helpline__tel" href="tel:3018" data-tel="3018">3018</a> '
        '<span class="helpline__name">(Violences numériques (e-Enfance))</span><br><span class="helpline__when-open">'
        f'<span class="helpline__hours">tous les jours, 9{NBSP}h{NBSP}–{NBSP}23{NBSP}h</span> · '
        f'<span class="helpline__night" data-night="fr-119">la nuit{NBSP}: <a class="helpline__tel" href="tel:119" '
        f'data-tel="119">119</a> (24 h/24, 7 j/7, gratuit, n&#x27;apparaît pas sur la facture)</span></span></li>')
    assert render.helpline_compact(line, "en", data) == (
        '<li class="helpline helpline--compact" data-record="fr-3018"><strong>Blackmail, an image shared, '
        'online harassment</strong>: <a class="helpline__tel" href="tel:3018" data-tel="3018">3018</a> '
        '<span class="helpline__name">(Online violence helpline (e-Enfance))</span><br><span class="helpline__when-open">'
        f'<span class="helpline__hours">every day, 9{NBSP}am{NBSP}–{NBSP}11{NBSP}pm</span> · '
        '<span class="helpline__night" data-night="fr-119">at night: <a class="helpline__tel" href="tel:119" '
        'data-tel="119">119</a> (24 hours a day, 7 days a week, free, not shown on the phone bill)</span></span></li>')
    card_fr = render.helpline_card(line, "fr", data)
    card_en = render.helpline_card(line, "en", data)
    assert f"tous les jours, 9{NBSP}h{NBSP}–{NBSP}23{NBSP}h · gratuit · anonyme · téléphone, tchat, application" in card_fr
    assert f"every day, 9{NBSP}am{NBSP}–{NBSP}11{NBSP}pm · free · anonymous · phone, chat, app" in card_en
    assert f"Vérifié le 24{NBSP}novembre 2026" in card_fr and f"Checked on 24{NBSP}November 2026" in card_en


def test_a_caveat_is_shown_to_readers(data):
    card = render.helpline_card(data.helplines["ca-kids-help-phone"], "en", data)
    assert '<p class="data-caveat"><strong>To check:</strong> CONNECT is the confirmed English keyword' in card


def test_markers_are_parsed_with_their_line_and_code_is_left_alone():
    text = "intro\n\n<!-- data:helplines country=FR,BE situation=blackmail -->\n\n```\n<!-- data:laws -->\n```\n"
    found, malformed = markers.find(text)
    assert [(m.name, m.args, m.line) for m in found] == [
        ("helplines", {"country": ["FR", "BE"], "situation": ["blackmail"]}, 3)]
    assert malformed == []


def test_a_marker_shown_as_code_is_left_alone_and_the_real_one_replaced(data):
    """Markers are replaced where they were found, not at the first matching text: a page that shows a
    marker in inline code and then uses it for real once lost the real one (the check passed, the build
    failed)."""
    marker = "<!-- data:tel id=fr-3018 -->"
    text = f"Écrire `{marker}` dans la page :\n\n{marker}\n"
    out, errors = markers.expand(text, data, "fr", "docs/fr/x.md", source=f"---\ntitle: X\n---\n{text}")
    assert errors == []
    assert out.startswith(f"Écrire `{marker}` dans la page") and out.count(marker) == 1 and "3018" in out


def test_stashed_blocks_come_back_where_their_markers_were(data):
    """The build hides rendered blocks from Markdown behind placeholders and puts them back after it; an
    inline marker at the start of a line must stay inside its paragraph."""
    import markdown

    text = "Appeler le\n<!-- data:tel id=fr-3018 --> maintenant.\n\n<!-- data:glossary -->\n\nFin.\n"
    stash: dict[str, str] = {}
    hidden, errors = markers.expand(text, data, "fr", "docs/fr/x.md", stash=stash)
    assert errors == [] and len(stash) == 2 and "3018" not in hidden
    html = markers.unstash(markdown.markdown(hidden), stash)
    direct, _ = markers.expand(text, data, "fr", "docs/fr/x.md")
    assert html.startswith("<p>Appeler le\n<span data-record=\"fr-3018\">") and "3018</a></span> maintenant.</p>" in html
    block = next(html_ for key, html_ in stash.items() if key.startswith("<!--"))
    assert block in html and block in direct and "<!--data-block" not in html and "\ue000" not in html


def test_code_is_the_same_for_the_check_and_the_build():
    """A fence indented inside an admonition is code for every reader of the source (scripts/mdsource.py)."""
    from scripts import mdsource
    from scripts.checks.pages import Page

    text = ("---\ntitle: X\n---\n!!! note\n\n    ```md\n    <!-- data:laws -->\n    ```\n\n"
            "<!-- data:glossary -->\n\n~~~\n```\n<!-- data:laws -->\n~~~\n")
    assert [m.name for m in markers.find(text)[0]] == ["glossary"]
    page = Page(path=Path("docs/fr/x.md"), text=text)
    assert [item.value for item in page.markers] == ["glossary"]
    assert mdsource.fenced_line_numbers("a\n```\nb") == {2, 3}  # never closed: code to the end, as in CommonMark
    assert mdsource.blank_inline_code("a ``x ` y`` b") == "a " + " " * len("``x ` y``") + " b"


def test_bad_markers_stop_the_build_with_page_and_line(project_copy, tmp_path):
    page = project_copy / "docs/fr/signaux/index.md"
    text = re.sub(r"^sources: \[", "sources: [no-such-source, ", page.read_text(encoding="utf-8"), count=1, flags=re.M)
    sources_line = next(i for i, line in enumerate(text.split("\n"), start=1) if line.startswith("sources:"))
    body = ["", "<!-- data:helpline country=FR -->", "<!-- data:helplines ids=fr-9999 -->",
            "<!-- data:helplines situation=sextortion -->", "<!-- data:laws colour=red -->",
            "<!-- data helplines -->"]
    page.write_text(text + "\n".join(body) + "\n", encoding="utf-8")
    first = text.count("\n") + 2  # line of the first marker in the file (after the "" joined first)
    result = run_build(project_copy, tmp_path / "site")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    expected = [
        (first, "unknown data marker data:helpline — use one of:"),
        (first + 1, "unknown help line id 'fr-9999'"),
        (first + 2, "unknown situation 'sextortion' in data:helplines"),
        (first + 3, "data:laws does not take colour"),
        (first + 4, "this looks like a data marker but cannot be read"),
        (sources_line, "front matter cites an unknown source id 'no-such-source'"),
    ]
    for line, message in expected:
        assert f"docs/fr/signaux/index.md:{line}: {message}" in out, f"missing {line}: {message}\n{out}"


# --- The built site ------------------------------------------------------------------------------

def _records_by_language(pages) -> dict[str, dict[str, set]]:
    """{lang: {record id: set of (tel numbers | penalty attributes)}} over every built page."""
    seen: dict[str, dict[str, set]] = {"fr": defaultdict(set), "en": defaultdict(set)}
    for page in pages:
        for el in page.soup.select("[data-record]"):
            rid = el["data-record"]
            seen[page.lang][rid].add(("shown",))
            for tel in el.select("[data-tel]"):
                seen[page.lang][rid].add(("tel", tel["data-tel"]))
            for pen in el.select(".penalty"):
                seen[page.lang][rid].add(tuple(sorted((k, v) for k, v in pen.attrs.items() if k.startswith("data-"))))
    return seen


# Inline markers: (argument naming the record, element rendered with data-record=<that id>).
INLINE_MARKERS = {"tel": ("id", "span"), "link": ("id", "span"), "penalty": ("law", "span"),
                  "in-force": ("law", "time")}


def test_each_inline_marker_is_rendered_on_its_own_page(pages):
    """Replaces "no page keeps a marker", which could not fail (the strict build already stops on one):
    every tel, link, penalty and in-force marker of a source page is an inline record on that very page."""
    from scripts.sitedata import markers

    checked, missing = 0, []
    for page in pages:
        wanted: dict[tuple[str, str], int] = {}
        for marker in markers.find(page.source.read_text(encoding="utf-8"))[0]:
            if marker.name in INLINE_MARKERS:
                key, element = INLINE_MARKERS[marker.name]
                wanted[element, marker.args[key][0]] = wanted.get((element, marker.args[key][0]), 0) + 1
        for (element, rid), count in wanted.items():
            shown = len(page.soup.select(f'{element}[data-record="{rid}"]'))
            checked += count
            if shown < count:
                missing.append(f"{page.rel}: {count} marker(s) for {rid}, {shown} <{element}> shown")
    assert checked > 100, f"only {checked} inline markers found: the test no longer sees them"
    assert not missing, "\n".join(missing[:20])


def test_every_help_line_and_law_is_shown_and_identical_in_both_languages(pages, data):
    seen = _records_by_language(pages)
    for rid in list(data.helplines) + list(data.laws):
        assert rid in seen["fr"] and rid in seen["en"], f"{rid} is shown on no page"
        assert seen["fr"][rid] == seen["en"][rid], f"{rid}: FR {seen['fr'][rid]} vs EN {seen['en'][rid]}"
    for rid, line in data.helplines.items():
        if "tel" in line:
            assert ("tel", line["tel"]) in seen["fr"][rid]


def test_home_pages_show_the_help_now_block(site):
    for lang in paths.LANGUAGES:
        page = BuiltPage(site, site / paths.lang_prefix(lang) / "index.html")
        records = [li["data-record"] for li in page.soup.select('[data-block="helplines"] li[data-record]')]
        assert records == ["fr-17", "fr-112", "fr-3018", "fr-119"]


def test_home_pages_show_the_site_latest_review_and_the_help_lines_check_date(site, data):
    from scripts.checks.pages import read_page

    for lang in paths.LANGUAGES:
        page = BuiltPage(site, site / paths.lang_prefix(lang) / "index.html")
        note = page.soup.select_one(".page-footer .site-reviewed")
        assert note is not None, f"{page.rel}: no site review date"
        reviewed = [str(read_page(f).meta["reviewed_on"]) for f in (paths.DOCS / lang).rglob("*.md")]
        checked = [str(data.helplines[i]["checked_on"]) for i in ("fr-17", "fr-112", "fr-3018", "fr-119")]
        assert [t["datetime"] for t in note.select("time")] == [max(reviewed), min(checked)]
        assert note.select_one("a")["href"] == "a-propos/journal/"


def test_every_other_page_ends_with_help_lines(pages):
    for page in pages:
        if page.rel in ("index.html", "en/index.html"):
            continue
        aside = page.soup.select_one("aside.help-now")
        assert aside is not None and aside.select("[data-tel]"), f"{page.rel}: no help block at the foot"


@pytest.mark.slow
def test_one_change_in_data_changes_every_page_of_both_languages(project_copy, tmp_path):
    laws = project_copy / "data/laws.yml"
    text = laws.read_text(encoding="utf-8")
    # The penalty and the official sentence it is read from change together (tests/test_law_sentences.py).
    old = ("penalty: {prison_years: 2, fine_eur: 30000}\n      text: \"Le fait pour un majeur de faire des propositions "
           "sexuelles à un mineur de quinze ans ou à une personne se présentant comme telle en utilisant un moyen de "
           "communication électronique est puni de deux ans d'emprisonnement et de 30 000 euros d'amende.\"")
    assert old in text
    laws.write_text(text.replace(old, old.replace("30000", "31000").replace("30 000", "31 000")), encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(project_copy, site)
    assert result.returncode == 0, result.stdout + result.stderr
    for lang, new, gone in (("fr", f"31{NNBSP}000{NBSP}€", f"30{NNBSP}000{NBSP}€"), ("en", "€31,000", "€30,000")):
        page = BuiltPage(site, site / paths.lang_prefix(lang) / "loi/index.html").soup
        cells = [el.get_text() for el in page.select('[data-record="cp-227-22-1"] .penalty')]
        assert any(new in c for c in cells) and not any(gone in c for c in cells), cells


def test_a_place_is_shown_in_the_page_language(data):
    """A help line reached in person (no phone, text line or website) shows its place in the page's language."""
    line = {**data.helplines["fr-plainte"]}
    assert "phone" not in line and "url" not in line and "text_line" not in line
    assert render.e(line["place"]["en"]) in render.helpline_compact(line, "en", data)
    assert render.e(line["place"]["fr"]) in render.helpline_compact(line, "fr", data)


def test_glossary_headwords_show_their_equivalent_once(data):
    """"Grooming (pédopiégeage) (Pédopiégeage (grooming))" read twice; each headword now shows its equivalent
    once, and the French deepfake entry is headed by the word pages use, so its tooltip triggers."""
    for lang in ("fr", "en"):
        html = render.glossary_block(data, lang)
        for dt in re.findall(r"<dt [^>]*>(.*?)</dt>", html):
            text = re.sub(r"<[^>]+>", "", dt)
            assert text.count("(") <= 1, f"{lang}: {text}"
    assert data.terms["deepfake"]["term"]["fr"].startswith("Deepfake")
    assert "deepfake" in data.terms["deepfake"]["tooltip_words"]["fr"]


def test_a_described_publisher_is_in_the_page_language_and_a_name_is_marked_with_its_own(data):
    """"(chaîne de télévision non identifiée, undated)" appeared on English pages: a described publisher is
    bilingual data, and a proper name in another language carries its lang attribute."""
    tv = data.sources["seed-tv-ofmin-sharenting"]
    assert "unidentified TV channel" in render.cite_inline([tv], "en", data)
    assert "chaîne de télévision non identifiée" in render.cite_inline([tv], "fr", data)
    ministry = data.sources["masecurite-pharos"]
    assert '<span lang="fr">Ministère de l&#x27;Intérieur' in render.source_item(ministry, "en", data)
    assert "<span" not in render.publisher(ministry, "fr")


def test_the_suite_date_is_fixed_and_the_twelve_month_rule_still_bites(monkeypatch):
    """No time bomb: the suite runs on a fixed day (conftest.SUITE_TODAY), yet a year later the same data
    would warn that its records are stale."""
    import conftest

    assert paths.today().isoformat() == conftest.SUITE_TODAY
    monkeypatch.setenv("SITE_TODAY", "2027-12-01")
    result = validate(paths.DATA)
    assert result.returncode == 0 and "more than 12 months ago" in result.stdout


def test_shared_french_data_speaks_to_no_one_in_particular():
    """Help lines and interface labels appear on "tu" pages (teens) and "vous" pages (parents, teachers): their
    French uses the infinitive (« appeler le 17 »), never « appelez » or « appelle ». Only texts written for
    one audience (the crisis box for teens or for parents) may address the reader."""
    import yaml

    # (Forms that are also third person — « le service envoie », « un relais contacte » — are left out.)
    imperative = re.compile(r"\b(appelez|contactez|vérifiez|consultez|composez|tapez|écrivez|utilisez|cliquez|"
                            r"appelle|tape|écris|clique)\b", re.I)
    found = []
    for name in ("helplines.yml", "labels.yml"):
        def walk(node, where):
            if isinstance(node, dict):
                for key, value in node.items():
                    if key == "fr" and isinstance(value, str) and imperative.search(value) \
                            and not str(where[0] if where else "").startswith("crisis."):
                        found.append(f"{name} {where}: {imperative.search(value).group(0)}")
                    walk(value, where + [key])
            elif isinstance(node, list):
                for i, value in enumerate(node):
                    walk(value, where + [i])
        walk(yaml.safe_load((paths.DATA / name).read_text(encoding="utf-8")), [])
    assert found == []
