"""Web addresses written out on paper.

The print stylesheet writes each outside link's address after its text. A long address must wrap
between its parts, never inside a word: each external link gets `data-print-href`, its address
with a zero-width space after every `/`, `.`, `-`, `_`, `?`, `&` and `=`, which the stylesheet shows
instead of the raw href (assets/stylesheets/site.css, @media print).
"""

from __future__ import annotations

import html as html_lib
import re

ANCHOR = re.compile(r'<a\b(?P<attrs>[^>]*?)\shref="(?P<href>https?://[^"]+)"(?P<rest>[^>]*)>', re.I)
BREAK_AFTER = re.compile(r"([/.\-_?&=])")
ZWSP = "\u200b"


def breakable(url: str) -> str:
    """'https://a.b/c-d' -> 'https://a.b/c-d' with a zero-width space after each separator of the
    host and path (none inside the scheme's '//')."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    return f"{scheme}://" + BREAK_AFTER.sub(lambda m: m.group(1) + ZWSP, rest.rstrip("/")).rstrip(ZWSP)


def print_addresses(page_html: str) -> str:
    def add(match: re.Match) -> str:
        if "data-print-href" in match.group(0):
            return match.group(0)
        shown = html_lib.escape(breakable(html_lib.unescape(match.group("href"))), quote=True)
        return match.group(0)[:-1] + f' data-print-href="{shown}">'

    return ANCHOR.sub(add, page_html)
