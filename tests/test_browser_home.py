"""Both home pages in real headless Chromium over a local HTTP server: every request stays on the
local server and the console stays clean."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from scripts import paths
from scripts.browser import chromium

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", paths.LANGUAGES)
def test_home_page_makes_no_third_party_request_and_logs_no_error(served_site, lang, tmp_path):
    local_host = urlsplit(served_site).netloc
    requests, console = [], []
    with chromium(viewport={"width": 1280, "height": 900}) as context:
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: console.append((m.type, m.text, m.location.get("url", ""))))
        page.on("pageerror", lambda e: console.append(("pageerror", str(e), "")))
        page.goto(served_site + paths.lang_prefix(lang), wait_until="networkidle")
        page.wait_for_timeout(300)  # let Material's start-up requests (sitemap, repo info) fire
        shot = tmp_path / f"home-{lang}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        assert page.evaluate("document.documentElement.lang") == lang
    foreign = [u for u in requests if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != local_host]
    assert requests, "no request recorded: the recorder is broken"
    assert not foreign, f"requests to other hosts: {foreign}"
    errors = [c for c in console if c[0] in ("error", "pageerror")]
    assert not errors, f"console errors: {errors}"
