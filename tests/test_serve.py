"""`make serve` (= `python -m scripts serve`) previews both languages where its message says."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_preview_serves_both_languages_at_the_printed_address():
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "scripts", "serve", "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        first_line = server.stdout.readline()
        assert f"Preview on http://127.0.0.1:{port}/" in first_line
        deadline, pages = time.monotonic() + 90, {}
        while time.monotonic() < deadline and len(pages) < 2:
            for path in ("", "en/"):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
                        pages[path] = response.read().decode("utf-8")
                except OSError:
                    time.sleep(0.5)
        assert '<html lang="fr"' in pages.get("", ""), "the French home page is not served at /"
        assert '<html lang="en"' in pages.get("en/", ""), "the English home page is not served at /en/"
    finally:
        server.terminate()
        server.wait(timeout=20)
