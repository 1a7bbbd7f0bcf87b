"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, plus a local web server.

Used by the browser tests, the PDF printing of the offline pack and the benchmark. Playwright's own
browser download is never used (`playwright install` cannot reach its CDN here, and we want the
distribution's browser): we pass `executable_path` and a fresh, throw-away profile each time.

The test suite launches Chromium once per process (`share_one_browser()`, called by tests/conftest.py):
`chromium()` and `chromium_browser()` then hand out a fresh context in that browser instead of
launching one each time. A context is an isolated, incognito-like profile (its own cookies, storage and
cache), and the one browser runs on Playwright's fresh temporary user-data dir, removed when it closes.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Iterator

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


class _SharedBrowser:
    """One Chromium for this process, launched on first use, closed by `close()` (see share_one_browser)."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()
        self.playwright = None
        self.browser = None
        self.launches = 0

    def get(self):
        if self.browser is None or not self.browser.is_connected():
            from playwright.sync_api import sync_playwright

            if self.playwright is None:
                self.playwright = sync_playwright().start()
            self.browser = self.playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                                           args=CHROMIUM_FLAGS)
            self.launches += 1
        return self.browser

    def close(self) -> None:
        if self.browser is not None:
            self.browser.close()
        if self.playwright is not None:
            self.playwright.stop()
        self.browser = self.playwright = None


_shared: _SharedBrowser | None = None


def share_one_browser() -> _SharedBrowser:
    """From now on, in this thread, `chromium()` and `chromium_browser()` use one Chromium launched on first
    use (same executable and flags) and give each caller a fresh context. Call `.close()` on the result at
    the end. Other threads still launch their own browser (Playwright objects belong to one thread)."""
    global _shared
    if _shared is None:
        _shared = _SharedBrowser()
    return _shared


def stop_sharing() -> None:
    global _shared
    if _shared is not None:
        _shared.close()
    _shared = None


def _sharing() -> _SharedBrowser | None:
    return _shared if _shared is not None and _shared.thread == threading.get_ident() else None


@contextlib.contextmanager
def chromium(**context_options) -> Iterator:
    """Yield a Playwright BrowserContext on a fresh user-data dir; everything is removed afterwards.
    When the browser is shared (share_one_browser), a fresh context in it."""
    shared = _sharing()
    if shared is not None:
        context = shared.get().new_context(**context_options)
        try:
            yield context
        finally:
            context.close()
        return
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    try:
        with sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                profile,
                executable_path=chromium_path(),
                headless=True,
                args=CHROMIUM_FLAGS,
                **context_options,
            )
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@contextlib.contextmanager
def chromium_browser() -> Iterator:
    """Yield a Playwright Browser (same executable and flags as `chromium`) for callers that open many
    short-lived contexts: `browser.new_context(...)` gives each one a fresh, cookie-less profile, so a
    test module can launch Chromium once and still isolate its tests. When the browser is shared
    (share_one_browser), that browser: left open for the next caller."""
    shared = _sharing()
    if shared is not None:
        yield shared.get()
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, no request log; optionally gzip like GitHub Pages does for text assets."""

    gzip_types = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
    compress = False

    def log_message(self, *args) -> None:  # keep test output readable
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self):
        if not self.compress or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url_path.endswith("/"):
                return super().send_head()  # the base class redirects dir -> dir/
            path = path / "index.html"
        if not path.is_file() or path.suffix not in self.gzip_types:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve_directory(root: Path, compress: bool = False) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 on a free port; yield the base URL ('http://127.0.0.1:PORT/')."""
    handler = functools.partial(type("Handler", (_QuietHandler,), {"compress": compress}),
                                directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
