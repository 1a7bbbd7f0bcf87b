"""Print built pages to PDF with headless Chromium (the site's own print stylesheet, no second layout).

The pages are those of the hosted site, served to the browser under the site's public address
(site_url) straight from the build folder: links in the PDFs then lead to the real online pages,
which is what a reader of a printed or shared PDF needs, and they are the same on every machine.
Nothing reaches the network: requests outside the build folder are refused.

Chromium also writes the time of printing, a random document id and run-dependent structure ids into
each PDF; we overwrite them with fixed values of the same length (so the PDF's byte offsets stay valid).
"""

from __future__ import annotations

import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts.browser import chromium

DATE_FIELD = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})([^)]*)\)")
DOC_ID = re.compile(rb"/ID \[<([0-9A-Fa-f]+)> <([0-9A-Fa-f]+)>\]")
NODE_ID = re.compile(rb"\(node(\d+)\)")  # ids of tagged-PDF structure elements (from DOM node numbers)


def make_reproducible(pdf: bytes, stamp: str) -> bytes:
    """Replace creation/modification dates with `stamp` (14 digits) and zero the document id."""
    pdf = DATE_FIELD.sub(lambda m: b"/%s (D:%s%s)" % (m.group(1), stamp.encode(), b"Z" + b" " * (len(m.group(3)) - 1)
                                                        if m.group(3) else b""), pdf)
    pdf = DOC_ID.sub(lambda m: b"/ID [<%s> <%s>]" % (b"0" * len(m.group(1)), b"0" * len(m.group(2))), pdf)
    # Renumber structure ids in order of appearance, same width, so byte offsets do not move.
    numbers: dict[bytes, int] = {}

    def renumber(m: re.Match) -> bytes:
        n = numbers.setdefault(m.group(1), len(numbers) + 1)
        return b"(node%s)" % str(n).zfill(len(m.group(1))).encode()

    return NODE_ID.sub(renumber, pdf)


def print_pages(site: Path, base_url: str, pages: list[tuple[str, Path]], stamp: str) -> list[Path]:
    """Print each (URL path below base_url, output file) of the built `site`."""
    base_url = base_url.rstrip("/") + "/"
    base_path = urlsplit(base_url).path

    def serve(route):
        path = unquote(urlsplit(route.request.url).path)
        local = (site / path[len(base_path):]).resolve() if path.startswith(base_path) else None
        if local is not None and local.is_dir():
            local = local / "index.html"
        if local is None or site.resolve() not in local.parents or not local.is_file():
            return route.abort()
        route.fulfill(status=200, body=local.read_bytes(),
                      content_type=mimetypes.guess_type(local.name)[0] or "application/octet-stream")

    written = []
    with chromium() as context:
        context.route("**/*", lambda route: serve(route) if route.request.url.startswith(base_url)
                      else route.abort())
        browser_page = context.new_page()
        for url_path, out in pages:
            browser_page.goto(base_url + url_path, wait_until="load")
            browser_page.emulate_media(media="print")
            pdf = browser_page.pdf(format="A4", print_background=True, tagged=True, outline=True,
                                   margin={"top": "15mm", "bottom": "15mm", "left": "14mm", "right": "14mm"})
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(make_reproducible(pdf, stamp))
            written.append(out)
    return written
