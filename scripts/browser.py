"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, plus a local web server.

Used by the browser tests, the PDF printing of the offline pack and the benchmark. Playwright's own
browser download is never used (`playwright install` cannot reach its CDN here, and we want the
distribution's browser): we pass `executable_path` and a fresh, throw-away profile each time.
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


@contextlib.contextmanager
def chromium(**context_options) -> Iterator:
    """Yield a Playwright BrowserContext on a fresh user-data dir; everything is removed afterwards."""
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
    test module can launch Chromium once and still isolate its tests."""
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
