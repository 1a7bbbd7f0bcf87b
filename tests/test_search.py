"""Search as a worried teen types it, on the hosted site (local server), in real headless Chromium:
no accents, plurals and other forms, either word order, and results only in the page's language.
The same queries are run from file:// on the offline pack in test_offline_pack.py.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import search_results
from scripts.browser import chromium

pytestmark = pytest.mark.browser

# (page to search from, query as typed, page that must be among the first five results)
QUERIES = [
    ("", "harcelement", "risques/cyberharcelement/"),
    ("", "pedopiegeage", "risques/pedopiegeage/"),
    ("risques/sextorsion/", "sextorsions", "risques/sextorsion/"),
    ("", "menaces", "que-faire/chantage/"),
    ("", "photo intime", "risques/images-intimes/"),
    ("", "intime photo", "risques/images-intimes/"),
    ("en/", "blackmailed", "en/que-faire/chantage/"),
    ("en/", "grooming", "en/risques/pedopiegeage/"),
    ("en/contacts/", "threats", "en/que-faire/chantage/"),
]


def result_paths(page, query: str) -> list[str]:
    return [urlsplit(href).path for href in search_results(page, query)]


@pytest.mark.parametrize("start,query,expected", QUERIES, ids=[f"{q[0] or 'fr'}:{q[1]}" for q in QUERIES])
def test_query_as_typed_finds_the_page(served_site, start, query, expected):
    with chromium() as context:
        page = context.new_page()
        page.goto(served_site + start)
        found = result_paths(page, query)
        assert "/" + expected in found[:5], f"{query!r} from /{start}: first results {found[:5]}"


@pytest.mark.parametrize("start,query", [("", "sextorsion"), ("en/", "sextortion")])
def test_results_stay_in_the_page_language(served_site, start, query):
    with chromium() as context:
        page = context.new_page()
        requested = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(served_site + start)
        found = result_paths(page, query)
        assert found, "no result"
        in_english = [p for p in found if p.startswith("/en/")]
        assert (in_english == found) if start == "en/" else not in_english, found
        # Only the page's language index was fetched.
        indexes = [u for u in requested if "/search/index-" in u]
        lang = "en" if start == "en/" else "fr"
        assert indexes and all(u.endswith(f"/search/index-{lang}.js") for u in indexes), indexes


def test_no_result_says_so_and_offers_the_contacts(served_site):
    with chromium() as context:
        page = context.new_page()
        page.goto(served_site)
        page.keyboard.press("/")
        page.fill("#site-search-input", "zzzzqqq")
        page.wait_for_timeout(500)
        assert page.locator(".site-search__link").count() == 0
        assert "Qui contacter" in page.inner_text(".site-search__status")
