"""Page-weight budgets, measured in headless Chromium: the gzip size of every response a page loads
before any interaction (GitHub Pages compresses). Sizes in bytes are deterministic, so they can be
budgets; times never are (see `make bench`)."""

from __future__ import annotations

import gzip
from urllib.parse import urlsplit

import pytest

from conftest import content_pages
from scripts import paths
from scripts.browser import chromium

pytestmark = pytest.mark.browser

FIRST_VISIT_BUDGET = 90 * 1024  # either home page, empty cache
NEXT_PAGE_BUDGET = 25 * 1024  # any other page after the home page: bytes not already loaded


def load(page, url: str) -> dict[str, int]:
    """URL -> gzip size of each response body loaded by `url` before any interaction."""
    sizes: dict[str, int] = {}

    def record(response):
        if response.ok and urlsplit(response.url).scheme in ("http", "https"):
            sizes[response.url] = len(gzip.compress(response.body(), 6))

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    page.remove_listener("response", record)
    return sizes


def load_many(context, urls: list[str], tabs: int = 8) -> list[dict[str, int]]:
    """load() for many pages, several tabs at a time: each page still waits for its network to be idle
    (500 ms with no request), but the tabs wait together instead of one after the other."""
    results: list[dict[str, int]] = []
    for start in range(0, len(urls), tabs):
        opened = []
        for url in urls[start:start + tabs]:
            page, sizes = context.new_page(), {}

            def record(response, sizes=sizes):
                if response.ok and urlsplit(response.url).scheme in ("http", "https"):
                    sizes[response.url] = len(gzip.compress(response.body(), 6))

            page.on("response", record)
            page.goto(url, wait_until="commit")
            opened.append((page, sizes))
        for page, sizes in opened:
            page.wait_for_load_state("networkidle")
            page.close()
            results.append(sizes)
    return results


@pytest.mark.parametrize("lang", paths.LANGUAGES)
def test_first_visit_of_the_home_page_is_light(served_site, lang):
    with chromium() as context:  # a fresh profile: nothing cached
        sizes = load(context.new_page(), served_site + paths.lang_prefix(lang))
    total = sum(sizes.values())
    assert total <= FIRST_VISIT_BUDGET, f"{total} bytes: {sorted(sizes.items(), key=lambda x: -x[1])[:5]}"
    assert not any("search/index" in url for url in sizes), "the search index must wait until search is opened"


@pytest.mark.parametrize("lang", paths.LANGUAGES)
def test_every_next_page_adds_little(site, served_site, lang):
    pages = [p for p in content_pages(site) if p.lang == lang and p.rel != paths.lang_prefix(lang) + "index.html"]
    over = []
    urls = [served_site + (b.rel[: -len("index.html")] if b.rel.endswith("index.html") else b.rel) for b in pages]
    with chromium() as context:
        seen = load(context.new_page(), served_site + paths.lang_prefix(lang))
        for built, sizes in zip(pages, load_many(context, urls)):
            assert sizes, f"{built.rel}: nothing loaded"
            new = sum(size for u, size in sizes.items() if u not in seen)
            if new > NEXT_PAGE_BUDGET:
                over.append(f"{built.rel}: {new} bytes")
    assert not over, "pages over budget:\n" + "\n".join(over)


def test_every_image_exists_has_a_text_alternative_and_article_images_have_dimensions(pages):
    """Replaces "images have dimensions", which could not fail on a site whose articles have no image: every
    <img> of every page (the logo at least) loads from the site and has an alt; an article image also has
    width and height, so the text does not jump while it loads."""
    from urllib.parse import unquote

    checked, problems = 0, []
    for page in pages:
        for img in page.soup.find_all("img"):
            checked += 1
            src = img.get("src", "")
            if not img.has_attr("alt"):
                problems.append(f"{page.rel}: {src} has no alt")
            if urlsplit(src).scheme or src.startswith("/") or not (page.file.parent / unquote(src)).is_file():
                problems.append(f"{page.rel}: {src} is not a file of the site")
            if img.find_parent("article") and not (img.get("width") and img.get("height")):
                problems.append(f"{page.rel}: {src} has no width and height")
    assert checked >= len(pages), f"{checked} images on {len(pages)} pages: the logo is missing somewhere"
    assert not problems, "\n".join(problems[:20])
