"""The reader in need (issue 13, /work/shared/design/reader-in-need.md), in real headless Chromium with
phone emulation (touch, 390×844 and 320×640), both languages, on the built site over a local server:

- the first screen of the home page and of the three hubs holds the situation doors and a call
  button, and the site's name is not cut;
- no page is wider than the screen (390 and 320 px), and the quick exit is inside it and uncovered at
  the top, middle and bottom of every page (one visit of each page per screen size);
- one tap on the exit leaves even with the search or the menu open, and Shift×3 leaves from search;
- the pupil and parent cards print on exactly one A4 page (printed the way the offline pack does),
  their help lines under a heading, and printed web addresses wrap only between their parts.

Chromium is launched once for the module; each test gets a fresh context (cookie-less profile).
"""

from __future__ import annotations

import re

import pytest

from conftest import content_pages
from scripts import pack, paths, pdf
from scripts.browser import chromium_browser

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SMALL = {"width": 320, "height": 640}
NEUTRAL_SITES = ("https://meteofrance.com/", "https://www.bbc.co.uk/weather")
HUBS = ["", "jeunes/", "parents/", "enseignants/"]
CARDS = ["ecoles/fiche-chantage/", "ecoles/fiche-parents/"]


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as launched:
        yield launched


def phone(browser, viewport=PHONE):
    """A fresh phone-like context: touch, mobile viewport rules, the exit's neutral sites stubbed."""
    context = browser.new_context(viewport=viewport, is_mobile=True, has_touch=True, device_scale_factor=2)
    for site in NEUTRAL_SITES:
        context.route(site + "**", lambda route: route.fulfill(status=200, content_type="text/html",
                                                               body="<title>Weather</title><p>Forecast</p>"))
    return context


def url_of(built) -> str:
    rel = built.rel
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def box(page, selector):
    return page.eval_on_selector(selector, "e => { const b = e.getBoundingClientRect(); "
                                           "return {x: b.x, y: b.y, right: b.right, bottom: b.bottom}; }")


# --- First screen ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", paths.LANGUAGES)
def test_first_screen_holds_situation_doors_and_a_call_button(browser, served_site, lang):
    context = phone(browser)
    try:
        page = context.new_page()
        for hub in HUBS:
            page.goto(served_site + paths.lang_prefix(lang) + hub)
            where = f"{lang}/{hub or 'home'}"
            found = page.evaluate("""(h) => {
                const seen = e => { const b = e.getBoundingClientRect();
                    return b.width > 0 && b.top >= 0 && b.bottom <= h && b.left >= 0 && b.right <= innerWidth; };
                const title = document.querySelector('.md-header__topic .md-ellipsis');
                return {
                    doors: [...document.querySelectorAll('.md-content .doors a')].filter(seen).length,
                    tel: [...document.querySelectorAll('.md-content a[href^="tel:"]')].filter(seen)
                          .map(a => a.textContent.trim()),
                    titleCut: title.scrollWidth > title.clientWidth + 1 || title.scrollHeight > title.clientHeight + 1,
                    breadcrumb: !!document.querySelector('.md-path'),
                };
            }""", PHONE["height"])
            assert found["doors"] >= 5, f"{where}: only {found['doors']} situation doors on the first screen"
            assert found["tel"], f"{where}: no call link on the first screen"
            assert not found["titleCut"], f"{where}: the site's name is cut in the header"
            if hub == "":
                assert not found["breadcrumb"], f"{where}: the home page shows a breadcrumb"
        # The call button says when the line answers (from data/helplines.yml, not typed).
        assert page.locator(".call-now__when").first.inner_text().strip()
    finally:
        context.close()


# --- Quick exit: in view, uncovered, one tap ------------------------------------------------------

EXIT_CHECK = """() => {
    const a = document.querySelector('[data-quick-exit]');
    const b = a.getBoundingClientRect();
    if (b.width < 44 || b.height < 24) return 'too small: ' + JSON.stringify(b);
    if (b.left < 0 || b.top < 0 || b.right > innerWidth || b.bottom > innerHeight)
        return 'outside the screen: ' + JSON.stringify(b);
    const points = [[b.left + 2, b.top + 2], [b.right - 2, b.top + 2], [b.left + 2, b.bottom - 2],
                    [b.right - 2, b.bottom - 2], [(b.left + b.right) / 2, (b.top + b.bottom) / 2]];
    for (const [x, y] of points) {
        const e = document.elementFromPoint(x, y);
        if (!e || !(e === a || a.contains(e))) return `covered at ${x},${y} by ${e && e.outerHTML.slice(0, 80)}`;
    }
    return 'ok';
}"""
# One call per page (a round trip to the browser costs more than the checks): the page's width, then the
# exit at the top, middle and bottom, each after the scroll has been painted (two animation frames).
PAGE_CHECK = """async () => {
    const check = """ + EXIT_CHECK + """;
    const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    // On a phone, Chromium widens the layout viewport to the content: compare with the screen.
    const width = Math.max(document.documentElement.scrollWidth, innerWidth);
    const exit = {};
    for (const [name, y] of [['top', 0], ['middle', document.documentElement.scrollHeight / 2],
                             ['bottom', document.documentElement.scrollHeight]]) {
        window.scrollTo(0, y);
        await frames();
        exit[name] = check();
    }
    return {width, exit};
}"""


@pytest.mark.parametrize("viewport", [PHONE, SMALL], ids=["390x844", "320x640"])
def test_no_page_is_wider_than_the_screen_and_the_exit_stays_in_view_at_every_scroll_position(
        browser, site, served_site, viewport):
    context = phone(browser, viewport)
    too_wide, exit_problems, checked = [], [], 0
    try:
        page = context.new_page()
        for built in content_pages(site):
            page.goto(served_site + url_of(built))
            found = page.evaluate(PAGE_CHECK)
            checked += 1
            if found["width"] > viewport["width"]:
                too_wide.append(f"{built.rel}: {found['width']} px")
            exit_problems += [f"{built.rel} (scrolled to the {where}): {result}"
                              for where, result in found["exit"].items() if result != "ok"]
    finally:
        context.close()
    assert checked > 100, f"only {checked} pages checked"
    assert not too_wide, f"pages wider than a {viewport['width']} px screen:\n" + "\n".join(too_wide)
    assert not exit_problems, "\n".join(exit_problems[:20])


def open_search(page):
    page.click("[data-site-search]")
    page.wait_for_selector("dialog.site-search[open] #site-search-input")


def open_menu(page):
    page.click("button[data-site-menu]")
    page.wait_for_function("document.getElementById('__drawer').checked")


@pytest.mark.parametrize("lang", paths.LANGUAGES)
@pytest.mark.parametrize("opened", [open_search, open_menu], ids=["search-open", "menu-open"])
@pytest.mark.parametrize("gesture", ["tap", "click"])
def test_one_tap_on_exit_leaves_whatever_is_open(browser, served_site, lang, opened, gesture):
    context = phone(browser)
    try:
        page = context.new_page()
        page.goto(served_site + paths.lang_prefix(lang) + "que-faire/chantage/")
        opened(page)
        b = box(page, "[data-quick-exit]")
        x, y = (b["x"] + b["right"]) / 2, (b["y"] + b["bottom"]) / 2
        # Where the reader's finger lands, whatever lies on top: no retry, no second tap.
        if gesture == "tap":
            page.touchscreen.tap(x, y)
        else:
            page.mouse.click(x, y)
        page.wait_for_url(lambda url: url.startswith(NEUTRAL_SITES), timeout=3000)
    finally:
        context.close()


@pytest.mark.parametrize("lang", paths.LANGUAGES)
def test_shift_three_times_leaves_while_typing_in_search(browser, served_site, lang):
    context = phone(browser)
    try:
        page = context.new_page()
        page.goto(served_site + paths.lang_prefix(lang) + "jeunes/")
        open_search(page)
        page.keyboard.type("aide")
        for _ in range(3):
            page.keyboard.press("Shift")
        page.wait_for_url(lambda url: url.startswith(NEUTRAL_SITES), timeout=3000)
    finally:
        context.close()


def test_a_tap_inside_the_search_dialog_does_not_leave(browser, served_site):
    """The exit listens before the search: it must not steal taps meant for the dialog itself."""
    context = phone(browser, SMALL)
    try:
        page = context.new_page()
        page.goto(served_site + "que-faire/chantage/")
        open_search(page)
        page.tap("#site-search-input")
        page.keyboard.type("chantage")
        page.wait_for_selector(".site-search__link")
        assert page.url.startswith(served_site)
    finally:
        context.close()


# --- Print -------------------------------------------------------------------------------------

def page_count(pdf_bytes: bytes) -> int:
    """Pages of a Chromium PDF: its page objects (/Type /Page, not /Pages)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf_bytes))


def test_pupil_and_parent_cards_print_on_one_page(site, tmp_path):
    jobs = [(paths.lang_prefix(lang) + card, tmp_path / f"{lang}-{card.strip('/').replace('/', '-')}.pdf")
            for lang in paths.LANGUAGES for card in CARDS]
    # Printed in the test run's one browser (scripts/browser.py share_one_browser), as the pack prints.
    written = pdf.print_pages(site, pack.site_url(site), jobs, "20260101000000")
    counts = {out.name: page_count(out.read_bytes()) for out in written}
    assert len(counts) == 4 and all(counts.values()), counts
    assert all(n == 1 for n in counts.values()), f"cards printed on more than one page: {counts}"


@pytest.mark.parametrize("lang", paths.LANGUAGES)
def test_printed_web_addresses_wrap_only_between_their_parts(browser, served_site, lang):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(served_site + paths.lang_prefix(lang) + CARDS[0])
        page.emulate_media(media="print")
        shown = page.evaluate("""() => [...document.querySelectorAll('.md-typeset a[href^="http"]')]
            .filter(a => a.checkVisibility()).map(a => ({
            href: a.getAttribute('href'), after: getComputedStyle(a, '::after').content,
            wordBreak: getComputedStyle(a, '::after').wordBreak}))""")
    finally:
        context.close()
    assert shown, "no web address on the card"
    for link in shown:
        # The address is written out, with a break point after each "/" and "." and nowhere else.
        assert "\u200b" in link["after"], link
        assert link["after"].replace("\u200b", "").rstrip('")').endswith(link["href"].rstrip("/")), link
        assert link["wordBreak"] != "break-all", link


@pytest.mark.parametrize("lang", paths.LANGUAGES)
@pytest.mark.parametrize("card", CARDS)
def test_cards_put_their_help_lines_under_a_heading(site, lang, card):
    from conftest import BuiltPage

    soup = BuiltPage(site, site / paths.lang_prefix(lang) / card / "index.html").soup
    block = soup.select_one("article .data-block--helplines")
    assert block is not None
    heading = block.find_previous(["h1", "h2", "h3"])
    assert heading.get("id") == "qui-appeler", heading


@pytest.mark.parametrize("lang", paths.LANGUAGES)
@pytest.mark.parametrize("hub", HUBS)
def test_call_button_shows_the_hours_from_the_data(site, lang, hub):
    from bs4 import BeautifulSoup

    from scripts.sitedata import records, render

    data, _ = records.load_cached()
    line = data.helplines["fr-3018"]
    html = (site / paths.lang_prefix(lang) / hub / "index.html").read_text(encoding="utf-8")
    call = BeautifulSoup(html, "lxml").select_one('article .call-now[data-record="fr-3018"]')
    assert call is not None, "no call button for the main line"
    assert call.a["href"] == render.tel_href(line["tel"])
    when = call.select_one(".call-now__when").get_text()
    assert render.format_hours(line["hours"], lang, data).replace("\u00a0", " ") in when.replace("\u00a0", " ")
