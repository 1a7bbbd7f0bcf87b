"""The offline pack: its files, its links, its ZIM, and the site working from file:// in Chromium."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import run_pack, search_results
from scripts import pack, paths
from scripts.browser import chromium

ZIP_BUDGET = 8 * 1024 * 1024
# The tests reading the pack run on one pytest-xdist worker (the pack is made once, under a file lock);
# the two below that make packs of their own are left free to run on another worker meanwhile.
PACK = pytest.mark.xdist_group("pack")


# `dist` and `unpacked` (the pack, made once per run) come from tests/conftest.py.


@PACK
def test_zip_is_whole_within_budget_and_has_its_checksum(dist):
    zip_file = next(dist.glob("*.zip"))
    with zipfile.ZipFile(zip_file) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names == sorted(names), "entries must be sorted"
        assert {i.date_time for i in archive.infolist()} == {pack.ZIP_TIME}
    assert zip_file.stat().st_size <= ZIP_BUDGET
    sums = next(dist.glob("*.sha256")).read_text().splitlines()
    listed = dict(reversed(line.split("  ")) for line in sums)
    for file in list(dist.glob("*.zip")) + list(dist.glob("*.zim")):
        assert listed[file.name] == hashlib.sha256(file.read_bytes()).hexdigest()


@PACK
def test_pack_has_chooser_readme_licences_version_and_pdfs(unpacked):
    for name in ("index.html", "LISEZ-MOI.txt", "README.txt", "LICENCE-CONTENU.txt", "LICENCE-CODE.txt", "VERSION.txt"):
        assert (unpacked / name).is_file(), name
    chooser = BeautifulSoup((unpacked / "index.html").read_text(), "lxml")
    targets = {a["href"] for a in chooser.select(".languages a")}
    assert targets == {"site/index.html", "site/en/index.html"}
    assert "{" not in (unpacked / "LISEZ-MOI.txt").read_text(), "unfilled template value"
    for lang in paths.LANGUAGES:
        expected = {Path(p).stem for p in pack.printable_pages(lang)}
        found = {p.stem for p in (unpacked / "pdf" / lang).glob("*.pdf")}
        assert found == expected and expected, f"{lang}: PDFs {found} vs {expected}"
        for pdf in (unpacked / "pdf" / lang).glob("*.pdf"):
            data = pdf.read_bytes()
            assert data.startswith(b"%PDF") and b"/Type /Page" in data


@PACK
def test_every_local_link_in_the_pack_resolves_and_none_is_absolute(unpacked):
    broken, absolute, remote = [], [], []
    for html in unpacked.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        for el in soup.find_all(["a", "link", "script", "img", "source"]):
            url = el.get("href") or el.get("src")
            if not url or url.startswith(("#", "mailto:", "tel:", "sms:", "data:")):
                continue
            if urlsplit(url).scheme or url.startswith("//"):
                if el.name != "a" and "alternate" not in (el.get("rel") or []):
                    remote.append(f"{html.relative_to(unpacked)}: {url}")
                continue
            if url.startswith("/"):
                absolute.append(f"{html.relative_to(unpacked)}: {url}")
                continue
            target = (html.parent / unquote(urlsplit(url).path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{html.relative_to(unpacked)}: {url}")
    assert not absolute, absolute[:10]
    assert not broken, broken[:10]
    assert not remote, remote[:10]


@PACK
def test_pack_holds_no_dead_weight(unpacked):
    assert not list(unpacked.rglob("*.map")), "source maps"
    assert not (unpacked / "site/assets/javascripts/lunr").exists(), "Material's unused search languages"
    assert not list(unpacked.rglob("sitemap.xml*"))


@PACK
def test_zim_opens_with_the_expected_entries_and_metadata(dist):
    from libzim.reader import Archive

    archive = Archive(str(next(dist.glob("*.zim"))))
    assert archive.main_entry.get_item().path == "index.html"
    for path in ("index.html", "site/index.html", "site/en/index.html", "site/risques/sextorsion.html",
                 "site/search/index-fr.js", "LISEZ-MOI.txt"):
        assert archive.has_entry_by_path(path), path
    meta = {key: bytes(archive.get_metadata(key)).decode() for key in ("Title", "Language", "Description", "Name")}
    assert meta["Language"] == "fra,eng" and meta["Title"] and len(meta["Title"]) <= 30
    assert 0 < len(meta["Description"]) <= 80
    assert "Illustration_48x48@1" in archive.metadata_keys
    assert bytes(archive.get_metadata("Illustration_48x48@1")).startswith(b"\x89PNG")
    item = archive.get_entry_by_path("site/index.html").get_item()
    assert item.mimetype == "text/html" and b"<html lang=\"fr\"" in bytes(item.content)


@pytest.mark.slow
def test_same_commit_gives_the_same_pack(request, tmp_path):
    again = tmp_path / "again"
    result = run_pack(paths.ROOT, again, "--no-zim")
    assert result.returncode == 0, result.stdout + result.stderr
    # Asked for only now: under pytest-xdist another worker may be making the first pack meanwhile.
    dist = request.getfixturevalue("dist")
    first = next(dist.glob("*.zip")).read_bytes()
    second = next(again.glob("*.zip")).read_bytes()
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()


@pytest.mark.slow
def test_a_failed_pack_leaves_dist_untouched(project_copy, tmp_path):
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / f"{pack.NAME}-old.zip").write_text("previous pack")
    page = project_copy / "docs/fr/loi/index.md"
    page.write_text(page.read_text() + "\n[cassé](nulle-part.md)\n")
    result = subprocess.run([sys.executable, "-m", "scripts", "pack", "--dist", str(dist)], cwd=project_copy,
                            capture_output=True, text=True)
    assert result.returncode == 1 and "left as it was" in result.stderr
    assert [p.name for p in dist.iterdir()] == [f"{pack.NAME}-old.zip"]
    assert (dist / f"{pack.NAME}-old.zip").read_text() == "previous pack"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".pack-")]


# --- From file:// in real headless Chromium ------------------------------------------------------

SAMPLE = [  # (page in French, expected twin, search query as typed, page that must be found)
    ("site/index.html", "site/en/index.html", "sextorsions", "risques/sextorsion.html"),
    ("site/risques/sextorsion.html", "site/en/risques/sextorsion.html", "harcelement", "cyberharcelement.html"),
    ("site/contacts/index.html", "site/en/contacts/index.html", "pedopiegeage", "pedopiegeage.html"),
    ("site/ecoles/seance-13-15.html", "site/en/ecoles/seance-13-15.html", "chantage", "chantage.html"),
]


@PACK
@pytest.mark.browser
@pytest.mark.parametrize("french,english,query,expected", SAMPLE, ids=[s[0] for s in SAMPLE])
def test_pages_work_from_file(unpacked, french, english, query, expected):
    requests, console = [], []
    with chromium(viewport={"width": 1280, "height": 900}) as context:
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: console.append((m.type, m.text)))
        page.on("pageerror", lambda e: console.append(("pageerror", str(e))))
        for start, twin in ((french, english), (english, french)):
            page.goto((unpacked / start).as_uri())
            # CSS loaded: the header has the site's purple, not a browser default.
            assert page.eval_on_selector(".md-header", "e => getComputedStyle(e).backgroundColor") in (
                "rgb(75, 35, 119)", "rgb(52, 22, 90)")
            assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
            page.click("a.site-lang__link")
            page.wait_for_load_state("load")
            assert Path(unquote(urlsplit(page.url).path)) == (unpacked / twin).resolve()
        # Navigation: follow the first link of the navigation menu.
        page.goto((unpacked / french).as_uri())
        first_nav = page.eval_on_selector(".md-tabs__link", "e => e.href")
        page.goto(first_nav)
        assert page.title()
        # Search, as typed, in the page's language.
        page.goto((unpacked / french).as_uri())
        found = search_results(page, query)[:5]
        assert any(expected in href and "/en/" not in href for href in found), found
        page.keyboard.press("Escape")
        # Quick exit goes to the neutral local page, and Back does not return to this page.
        exited = page.url
        page.click("[data-quick-exit]")
        page.wait_for_load_state("load")
        assert page.url.endswith("neutral-fr.html")
        page.go_back()
        page.wait_for_timeout(200)
        assert page.url != exited
    assert [u for u in requests if not u.startswith("file://")] == []
    assert [c for c in console if c[0] in ("error", "pageerror")] == []


@PACK
@pytest.mark.browser
def test_country_choice_works_and_is_remembered_from_file(unpacked):
    """The country chooser needs no request: the lines are in the page, the choice in localStorage."""
    shown = "els => els.filter(e => !e.hidden && e.offsetParent !== null).map(e => e.dataset.country)"
    requests = []
    with chromium() as context:
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.goto((unpacked / "site/en/que-faire/chantage.html").as_uri())
        # Before a choice a right-now box shows France's call button, in English too (one screen long).
        assert page.eval_on_selector_all("[data-block=country-lines] [data-country]", shown) == ["FR"]
        page.select_option("#pays-maintenant", "BE")
        for scope in ("[data-block=country-lines]", "aside.help-now"):
            assert page.eval_on_selector_all(f"{scope} [data-country]", shown) == ["BE"]
        assert page.is_visible('[data-block=country-lines] a[href="tel:101"]')
        page.goto((unpacked / "site/risques/pedopiegeage.html").as_uri())
        assert page.eval_on_selector_all("aside.help-now [data-country]", shown) == ["BE"]
    assert [u for u in requests if not u.startswith("file://")] == []


@PACK
@pytest.mark.browser
def test_english_search_from_file(unpacked):
    with chromium() as context:
        page = context.new_page()
        page.goto((unpacked / "site/en/index.html").as_uri())
        found = search_results(page, "blackmailed")[:5]
        assert any("/en/que-faire/chantage.html" in href for href in found), found


@PACK
@pytest.mark.browser
def test_printing_hides_the_chrome_and_shows_link_addresses(unpacked):
    with chromium() as context:
        page = context.new_page()
        page.goto((unpacked / "site/ecoles/fiche-chantage.html").as_uri())
        page.emulate_media(media="print")
        for selector in (".quick-exit", ".md-header", ".md-sidebar--primary", ".md-footer", ".md-path"):
            hidden = page.eval_on_selector_all(selector, "els => els.every(e => getComputedStyle(e).display === 'none')")
            assert hidden, selector
        shown = page.evaluate("""() => {
            const a = [...document.querySelectorAll('.md-typeset a[href^="http"]')][0];
            return a ? getComputedStyle(a, '::after').content : 'none';
        }""")
        assert "http" in shown


@PACK
def test_kiwix_search_finds_the_crisis_pages(dist):
    """Kiwix lists and searches page titles as readers read them (no "I&#39;m", no site name), and its
    full-text search also knows the words of data/search-synonyms.yml that name a page."""
    from libzim.reader import Archive
    from libzim.search import Query, Searcher
    from libzim.suggestion import SuggestionSearcher

    archive = Archive(str(next(dist.glob("*.zim"))))
    assert archive.get_entry_by_path("site/en/que-faire/chantage.html").title == "I'm being blackmailed"
    assert archive.get_entry_by_path("site/que-faire/chantage.html").title == "On me fait du chantage"

    def titles(query):
        return list(SuggestionSearcher(archive).suggest(query).getResults(0, 5))

    def full_text(query):
        return list(Searcher(archive).search(Query().set_query(query)).getResults(0, 5))

    assert titles("blackmailed")[0] == "site/en/que-faire/chantage.html"
    assert "site/en/que-faire/chantage.html" in titles("blackmail")[:3]
    assert "site/que-faire/chantage.html" in titles("chantage")[:1]
    assert "site/en/que-faire/chantage.html" in full_text("blackmail")
    assert "site/en/que-faire/chantage.html" in full_text("threats")[:1]
    assert "site/que-faire/chantage.html" in full_text("chantage")[:3]


# --- App guides (issue 18): in the pack, searchable from file://, and in the Kiwix file ----------

@pytest.mark.browser
def test_app_guides_work_from_file_and_come_first_for_their_names(unpacked):
    from test_apps import app_name_queries, first_results

    from scripts.sitedata.records import load_data

    data = load_data()[0]
    queries = app_name_queries(data)
    requests = []
    with chromium() as context:
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url))
        for lang, hub in (("fr", "site/applis/index.html"), ("en", "site/en/applis/index.html")):
            page.goto((unpacked / hub).as_uri())
            cards = page.eval_on_selector_all("[data-block=apps] a", "els => els.map(e => e.href)")
            assert len(cards) == len(data.apps), lang
            assert all(Path(unquote(urlsplit(h).path)).is_file() for h in cards), cards
            first = first_results(page, [q for q, _ in queries], lang)
            wrong = [(q, got) for (q, app_id), got in zip(queries, first) if got != f"applis/{app_id}/"]
            assert wrong == [], f"{lang} from file://: not first for {wrong}"
    assert [u for u in requests if not u.startswith("file://")] == []


def test_app_guides_are_in_the_kiwix_file_and_found_by_name(dist):
    from libzim.reader import Archive
    from libzim.search import Query, Searcher

    from scripts.sitedata.records import load_data

    archive = Archive(str(next(dist.glob("*.zim"))))
    apps = load_data()[0].apps
    for app_id in apps:
        for prefix in ("", "en/"):
            assert archive.has_entry_by_path(f"site/{prefix}applis/{app_id}.html"), (prefix, app_id)
    assert archive.has_entry_by_path("site/applis/index.html") and archive.has_entry_by_path("site/en/applis/index.html")

    def full_text(query):
        return list(Searcher(archive).search(Query().set_query(query)).getResults(0, 5))

    # A misspelling readers type is a keyword of the guide (data/apps.yml also_known_as).
    assert any(p.endswith("applis/fortnite.html") for p in full_text("fortnit")), full_text("fortnit")
    assert any(p.endswith("applis/snapchat.html") for p in full_text("snapchat")), full_text("snapchat")
