"""Safety, privacy and accessibility on every page, in real headless Chromium over a local server:
quick exit (click and Shift×3, Back does not return), no request to another host, no cookie, storage
limited to Material's palette preference, a CSP that holds while search is used, a keyboard path
through the controls, and axe-core with zero violations on every page, light and dark.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conftest import content_pages, search_results
from scripts import paths
from scripts.browser import chromium

pytestmark = pytest.mark.browser

AXE = (paths.ROOT / "node_modules" / "axe-core" / "axe.min.js")
NEUTRAL_SITES = ("https://meteofrance.com/", "https://www.bbc.co.uk/weather")
SAMPLE = ["", "risques/sextorsion/", "que-faire/chantage/", "en/", "en/contacts/", "en/ecoles/seance-13-15/"]


def page_url(page) -> str:
    rel = page.rel
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def stub_neutral_sites(context) -> None:
    """The quick exit leaves for a public weather site; tests answer for it instead of the network."""
    for site in NEUTRAL_SITES:
        context.route(site + "**", lambda route: route.fulfill(status=200, content_type="text/html",
                                                               body="<title>Weather</title><p>Forecast</p>"))


@pytest.mark.parametrize("path", SAMPLE)
def test_quick_exit_by_click_replaces_the_page(served_site, path):
    with chromium() as context:
        stub_neutral_sites(context)
        page = context.new_page()
        page.goto(served_site)  # an earlier page in the history
        page.goto(served_site + path)
        exited = page.url
        page.click("[data-quick-exit]")
        page.wait_for_url(lambda url: url.startswith(NEUTRAL_SITES))
        page.go_back()  # history.back()
        page.wait_for_timeout(400)
        assert page.url != exited, "Back returned to the page the reader left"


@pytest.mark.parametrize("path", ["risques/pedopiegeage/", "en/que-faire/image-diffusee/"])
def test_quick_exit_by_pressing_shift_three_times(served_site, path):
    with chromium() as context:
        stub_neutral_sites(context)
        page = context.new_page()
        page.goto(served_site + path)
        exited = page.url
        for _ in range(3):
            page.keyboard.press("Shift")
        page.wait_for_url(lambda url: url.startswith(NEUTRAL_SITES))
        page.go_back()  # history.back()
        page.wait_for_timeout(400)
        assert page.url != exited


def test_two_shift_presses_and_typing_do_not_exit(served_site):
    with chromium() as context:
        stub_neutral_sites(context)
        page = context.new_page()
        page.goto(served_site + "risques/")
        page.keyboard.press("Shift")
        page.keyboard.press("Shift")
        page.keyboard.press("a")
        page.keyboard.press("Shift")
        page.wait_for_timeout(300)
        assert page.url.startswith(served_site)


@pytest.mark.parametrize("viewport", [{"width": 320, "height": 480}, {"width": 375, "height": 667},
                                      {"width": 1280, "height": 800}], ids=["zoom-400", "phone", "desktop"])
def test_quick_exit_is_visible_at_every_size(served_site, viewport):
    with chromium(viewport=viewport) as context:
        page = context.new_page()
        page.goto(served_site + "que-faire/chantage/")
        box = page.locator("[data-quick-exit]").bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 24, box
        assert 0 <= box["x"] and box["x"] + box["width"] <= viewport["width"]
        assert 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"]
        page.mouse.wheel(0, 3000)
        page.wait_for_timeout(200)
        assert page.locator("[data-quick-exit]").is_visible()


def test_keyboard_reaches_quick_exit_first_then_menu_search_and_language(served_site):
    with chromium(viewport={"width": 1280, "height": 800}) as context:
        page = context.new_page()
        page.goto(served_site + "risques/")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.hasAttribute('data-quick-exit')")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "focus must be visible"
        seen = set()
        for _ in range(40):
            page.keyboard.press("Tab")
            seen.add(page.evaluate("""() => {
                const e = document.activeElement;
                if (e.classList.contains('md-skip')) return 'skip';
                if (e.hasAttribute('data-site-search')) return 'search';
                if (e.classList.contains('site-lang__link')) return 'language';
                if (e.closest('.md-tabs')) return 'menu';
                return e.tagName;
            }"""))
        assert {"skip", "search", "language", "menu"} <= seen, seen
        # Search opens from the keyboard, and Escape closes it and gives focus back.
        page.focus("[data-site-search]")
        page.keyboard.press("Enter")
        page.wait_for_selector("#site-search-input")
        page.keyboard.type("chantage")
        page.wait_for_selector(".site-search__link")
        page.keyboard.press("Escape")
        assert page.evaluate("document.activeElement.hasAttribute('data-site-search')")
        # The language link goes to the same page in English.
        page.focus("a.site-lang__link")
        page.keyboard.press("Enter")
        page.wait_for_url("**/en/risques/")


def test_menu_opens_from_the_keyboard_on_a_narrow_screen(served_site):
    with chromium(viewport={"width": 360, "height": 640}) as context:
        page = context.new_page()
        page.goto(served_site + "risques/")
        for key in ("Enter", " "):
            page.evaluate("document.getElementById('__drawer').checked = false")
            page.focus("button[data-site-menu]")
            assert page.evaluate("document.activeElement.matches('button[data-site-menu]')")
            page.keyboard.press(key)
            page.wait_for_function("document.getElementById('__drawer').checked", timeout=2000)
            assert page.get_attribute("button[data-site-menu]", "aria-expanded") == "true"


def test_menu_opens_without_javascript_on_a_narrow_screen(served_site):
    """The menu button needs site.js; without JavaScript it is hidden and Material's label (in <noscript>)
    opens the CSS-only drawer instead."""
    with chromium(viewport={"width": 360, "height": 640}, java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(served_site + "risques/")
        assert not page.is_visible("button[data-site-menu]")
        page.click('label.md-header__button[for="__drawer"]')
        assert page.is_checked("#__drawer")
        expect(page.locator(".md-sidebar--primary .md-nav__link").first).to_be_in_viewport(ratio=1)


def test_no_cookie_and_only_the_palette_preference_is_stored(served_site):
    with chromium() as context:
        page = context.new_page()
        for path in SAMPLE:
            page.goto(served_site + path)
            page.wait_for_load_state("networkidle")
        page.click("label[for^='__palette']:visible")
        page.click("[data-site-search]")
        page.fill("#site-search-input", "photo")
        page.wait_for_timeout(200)
        assert context.cookies() == []
        assert page.evaluate("document.cookie") == ""
        local = page.evaluate("Object.keys(localStorage)")
        assert local and all(key.endswith(".__palette") for key in local), local
        assert page.evaluate("Object.keys(sessionStorage)") == []


def test_policy_holds_while_search_and_palette_are_used(served_site):
    console = []
    with chromium() as context:
        page = context.new_page()
        page.on("console", lambda m: console.append((m.type, m.text)))
        page.on("pageerror", lambda e: console.append(("pageerror", str(e))))
        for path, query in (("", "sextorsion"), ("en/loi/", "sextortion")):
            page.goto(served_site + path)
            policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
            assert "script-src 'self' 'sha256-" in policy and "unsafe-inline" not in policy
            search_results(page, query)
            page.keyboard.press("Escape")
            page.click("label[for^='__palette']:visible")
            page.click("a.site-lang__link")
            page.wait_for_load_state("networkidle")
    violations = [c for c in console if "Content Security Policy" in c[1] or c[0] in ("error", "pageerror")]
    assert violations == []


# Split by language and colour scheme (four tests that pytest-xdist can spread over workers); each page
# is checked once `load` has fired: axe needs the rendered page, not a quiet network (the home page test
# in tests/test_browser_home.py waits for the network to settle and records every late request).
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", paths.LANGUAGES)
def test_every_page_loads_only_from_this_site_and_passes_axe(site, served_site, lang, scheme):
    axe = AXE.read_text(encoding="utf-8")
    local = urlsplit(served_site).netloc
    pages = [p for p in content_pages(site) if p.lang == lang]
    assert len(pages) > 10, f"only {len(pages)} {lang} pages found"
    problems, foreign, rules_run = [], [], set()
    with chromium(viewport={"width": 1280, "height": 900}, color_scheme=scheme) as context:
        context.add_init_script(script=axe)  # in every page, without sending axe over again for each
        page = context.new_page()
        page.on("request", lambda r: foreign.append(r.url) if urlsplit(r.url).netloc not in (local, "")
                and not r.url.startswith("data:") else None)
        for built in pages:
            page.goto(served_site + page_url(built), wait_until="load")
            shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            assert shown == {"light": "default", "dark": "slate"}[scheme], f"{built.rel}: {shown} scheme"
            result = page.evaluate("""async () => {
                const r = await axe.run(document, {resultTypes: ['violations']});
                return {rules: [...r.passes, ...r.violations, ...r.incomplete, ...r.inapplicable].map(x => x.id),
                        violations: r.violations.map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)};
            }""")
            rules_run.update(result["rules"])
            problems += [f"{scheme} {built.rel}: {v}" for v in result["violations"]]
    assert not foreign, foreign[:10]
    assert len(rules_run) > 50, "axe did not run its rules"
    assert not problems, "\n".join(problems[:40])
