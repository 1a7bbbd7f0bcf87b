"""App guides (issue 18): data/apps.yml is checked (schema, addresses only on each app's own domains,
sourced steps or "see the app's help", six-month freshness), and the built guides of both languages
have the same apps and sections, show when they were checked, lead to the blackmail and image pages,
and come first in the site's search for each app's name and misspellings.
The same search from file:// and the Kiwix file are tested in test_offline_pack.py."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from conftest import BuiltPage
from scripts import paths, search_quality
from scripts.sitedata import render
from scripts.sitedata.records import APP_SECTIONS, load_data

APPS_FILE = paths.DATA / "apps.yml"
ISSUE_APPS = {"snapchat", "instagram", "tiktok", "whatsapp", "discord", "roblox", "fortnite", "minecraft",
              "telegram", "youtube", "facebook", "x", "twitch"}


@pytest.fixture(scope="module")
def data():
    loaded, problems = load_data()
    assert [p for p in problems if p.severity == "error"] == []
    return loaded


def test_the_thirteen_apps_are_there_with_every_section(data):
    assert set(data.apps) >= ISSUE_APPS
    for app in data.apps.values():
        assert set(app["sections"]) == set(APP_SECTIONS), app["id"]
        for name, section in app["sections"].items():
            assert section.get("see_help") or (section["url"] and section["steps"]["fr"] and section["steps"]["en"]), \
                (app["id"], name)
            for lang in ("fr", "en"):
                assert len((section.get("steps") or {}).get(lang, [])) <= 6, (app["id"], name, lang)


# --- Bad input: each is reported as `data/apps.yml:LINE: problem — fix` ---------------------------

def _problems(tmp_path: Path, old: str, new: str, today: dt.date | None = None) -> list[str]:
    data_dir = tmp_path / "data"
    shutil.copytree(paths.DATA, data_dir)
    text = (data_dir / "apps.yml").read_text(encoding="utf-8")
    assert old in text, f"fixture no longer matches data/apps.yml: {old!r}"
    (data_dir / "apps.yml").write_text(text.replace(old, new, 1), encoding="utf-8")
    _, problems = load_data(data_dir, today=today)
    return [str(p).replace(f"{tmp_path}/", "") for p in problems]


def _line_of(text: str) -> int:
    source = APPS_FILE.read_text(encoding="utf-8")
    return source.count("\n", 0, source.index(text)) + 1


SNAP_REPORT_URL = "        url: https://www.snap.com/en-US/safety/safety-team\n"


def test_an_address_off_the_apps_domains_is_refused_with_line_and_fix(tmp_path):
    line = _line_of(SNAP_REPORT_URL)
    found = _problems(tmp_path, SNAP_REPORT_URL, "        url: https://www.wikihow.com/Report-on-Snapchat\n")
    assert found == [
        f"data/apps.yml:{line}: app 'snapchat': https://www.wikihow.com/Report-on-Snapchat is not on the app's own "
        "domains (help.snapchat.com, snap.com) — link only the app's official help pages; cite anything else "
        "with `source:` (data/sources.yml)"]


def test_a_look_alike_host_is_not_a_sub_domain(tmp_path):
    found = _problems(tmp_path, SNAP_REPORT_URL, "        url: https://www.evilsnap.com/report\n")
    assert len(found) == 1 and "https://www.evilsnap.com/report is not on the app's own domains" in found[0]


def test_a_generic_host_cannot_be_listed_as_an_apps_domain(tmp_path):
    old = "    domains: [help.snapchat.com, snap.com]\n"
    line = _line_of(old)
    found = _problems(tmp_path, old, "    domains: [help.snapchat.com, snap.com, web.archive.org]\n")
    assert found == [
        f"data/apps.yml:{line}: app 'snapchat': `domains` lists web.archive.org, a host anyone can publish on or a "
        "whole company's domain — list only the app's own help domains, e.g. help.snapchat.com or support.google.com"]


def test_an_unknown_key_is_refused(tmp_path):
    old = "    publisher: Snap Inc.\n"
    line = _line_of(old)
    found = _problems(tmp_path, old, old + "    colour: yellow\n")
    assert len(found) == 1
    assert found[0].startswith(f"data/apps.yml:{line + 1}: record 'snapchat' has an unknown key `colour` — "
                               "remove it or fix its spelling (allowed: ")


def test_a_missing_language_is_refused(tmp_path):
    old = '            - "Press and hold the Snap."\n            - "Tap \\"Report Snap\\"."\n' \
          '            - "Say what is happening, then send."\n'
    assert old in APPS_FILE.read_text(encoding="utf-8")
    text = APPS_FILE.read_text(encoding="utf-8")
    block = text[text.index("          en:\n" + old):][:len("          en:\n" + old)]
    found = _problems(tmp_path, block, "")
    assert len(found) == 1 and re.match(r"data/apps\.yml:\d+: record 'snapchat' has no `en` — add `en:` to it$",
                                        found[0]), found


def test_a_section_without_sourced_steps_must_say_see_help(tmp_path):
    old = "      remove_image: {see_help: true}\n      settings: {see_help: true}\n\n  - id: instagram"
    line = _line_of(old)
    found = _problems(tmp_path, old, old.replace("{see_help: true}", "{note: {fr: \"…\", en: \"…\"}}", 1))
    assert found == [
        f"data/apps.yml:{line}: app 'snapchat': section `remove_image` has no sourced steps — give `url:` "
        "(the official page) and `steps:` {fr, en}, or write `see_help: true` if the steps could not be sourced"]


def test_a_participation_must_say_where_it_was_seen(tmp_path):
    old = '    stopncii: {value: "yes", source: swgfl-stopncii}\n    checked_on: 2026-11-24\n    sections:\n' \
          '      block: {see_help: true}\n      report:\n        url: https://www.snap.com'
    line = _line_of(old)
    found = _problems(tmp_path, old, old.replace(', source: swgfl-stopncii', '', 1))
    assert found == [
        f"data/apps.yml:{line}: app 'snapchat': `stopncii` says 'yes' but does not say where it was seen — add "
        "`url:` (a page on the app's domains) or `source:` (an id from data/sources.yml), or set `value: unknown`"]


def test_an_app_record_is_old_after_six_months_not_twelve(tmp_path):
    """Dates are chosen around the record's own checked_on, never around the calendar."""
    old = "    checked_on: 2026-11-24\n    sections:\n      block: {see_help: true}\n      report:\n        url: https://www.snap.com"
    line = _line_of(old)
    checked = dt.date(2026, 11, 24)
    fresh = _problems(tmp_path / "a", old, old, today=checked + dt.timedelta(days=180))
    assert fresh == []
    stale = _problems(tmp_path / "b", old, old, today=checked + dt.timedelta(days=200))
    snap = [p for p in stale if "'snapchat'" in p]
    assert snap == [f"data/apps.yml:{line}: warning: record 'snapchat' was last checked on 2026-11-24, more than "
                    "6 months ago — re-read the source, update the record if needed, then set checked_on to "
                    "today's date"]
    # Help lines keep their twelve months.
    assert not [p for p in stale if "data/helplines.yml" in p]


# --- Built pages, both languages ---------------------------------------------------------------

def _app_page(pages: list[BuiltPage], lang: str, app_id: str) -> BuiltPage:
    wanted = f"applis/{app_id}/index.html" if lang == "fr" else f"en/applis/{app_id}/index.html"
    return next(p for p in pages if p.rel == wanted)


def test_both_languages_have_the_same_apps_and_sections(pages, data):
    for lang in ("fr", "en"):
        hub = next(p for p in pages if p.rel == ("applis/index.html" if lang == "fr" else "en/applis/index.html"))
        cards = [li["data-record"] for li in hub.soup.select("[data-block=apps] li.app-card")]
        assert sorted(cards) == sorted(data.apps), lang
    for app_id in data.apps:
        shape = {}
        for lang in ("fr", "en"):
            soup = _app_page(pages, lang, app_id).soup
            article = soup.select_one(".md-content__inner")
            shape[lang] = ([h["id"] for h in article.select("h2[id]")],
                           [(b["data-section"], "see-help" in " ".join(b.get("class", [])))
                            for b in article.select(".app-steps[data-section]")],
                           [len(ol.select("li")) for ol in article.select("ol.app-steps")])
        assert shape["fr"] == shape["en"], app_id
        assert [s for s, _ in shape["fr"][1]] == list(APP_SECTIONS), app_id


def test_every_app_page_shows_its_check_date_at_the_top_and_links_to_the_crisis_pages(pages, data):
    for app_id, app in data.apps.items():
        for lang in ("fr", "en"):
            page = _app_page(pages, lang, app_id)
            article = page.soup.select_one(".md-content__inner")
            first_h2 = article.select_one("h2")
            checked = article.select_one(".app-checked time")
            assert checked is not None and checked["datetime"] == str(app["checked_on"]), (lang, app_id)
            assert checked.get_text() == render.format_date(str(app["checked_on"]), lang), (lang, app_id)
            # Before the first section: seen without scrolling.
            assert str(article).index("app-checked") < str(article).index(str(first_h2)[:30]), (lang, app_id)
            box = article.select_one(".admonition.right-now")
            hrefs = [a["href"] for a in box.select("a[href]")]
            assert any(h.endswith("que-faire/chantage/") for h in hrefs), (lang, app_id, hrefs)
            assert any(h.endswith("que-faire/image-diffusee/") for h in hrefs), (lang, app_id, hrefs)
            assert box.select('a[href^="tel:"]'), (lang, app_id)
            # Official links only go to the app's own domains.
            for a in article.select(".app-official a, .app-steps--see-help a"):
                host = re.sub(r"^https://([^/]+)/?.*$", r"\1", a["href"])
                assert any(host == d or host.endswith("." + d) for d in app["domains"]), (app_id, a["href"])


def test_what_to_do_pages_link_to_the_app_hub_at_the_report_step(pages):
    for rel in ("que-faire/chantage/index.html", "que-faire/image-diffusee/index.html",
                "que-faire/demande-de-nudes/index.html", "que-faire/index.html", "que-faire/signaler/index.html",
                "jeunes/index.html"):
        for prefix in ("", "en/"):
            page = next(p for p in pages if p.rel == prefix + rel)
            links = [a["href"] for a in page.soup.select(".md-content__inner a[href]")]
            assert any(re.search(r"(^|/)applis/$", h) for h in links), prefix + rel


# --- Search: each app's guide first for its name and misspellings ---------------------------------

def app_name_queries(data) -> list[tuple[str, str]]:
    """(query as typed, app id) for every name a reader may type (two letters at least: the search
    ignores one-letter words)."""
    return [(word, app_id) for app_id, app in data.apps.items()
            for word in dict.fromkeys([app["name"], *app["also_known_as"]]) if len(word.strip()) >= 2]


def first_results(page, queries: list[str], lang: str) -> list[str]:
    page.evaluate(search_quality.OPEN)
    shown = page.evaluate(search_quality.RUN, queries)
    return [search_quality.page_of(hrefs[0], lang) if hrefs else "" for hrefs in shown]


@pytest.mark.browser
def test_each_app_name_finds_its_guide_first_online(served_site, data):
    from scripts.browser import chromium

    queries = app_name_queries(data)
    assert {"snap", "insta", "tik tok", "fortnit", "whatsap", "discorde", "mc", "twitter", "messenger"} <= \
        {q for q, _ in queries}
    with chromium() as context:
        page = context.new_page()
        for lang, start in (("fr", ""), ("en", "en/")):
            page.goto(served_site + start)
            first = first_results(page, [q for q, _ in queries], lang)
            wrong = [(q, got) for (q, app_id), got in zip(queries, first) if got != f"applis/{app_id}/"]
            assert wrong == [], f"{lang}: not first for {wrong}"
