"""Content-Security-Policy as a <meta> (GitHub Pages cannot send headers), and safe external links.

Material writes a few small inline scripts (its storage helpers, whose text contains the page's
relative base URL, the tab restorer and the palette setter). Rather than allow all inline code
('unsafe-inline'), we hash each inline script of each page and allow exactly those hashes; every
other script must be a file from this site. The meta tag goes right after <meta charset>, before
any script, because a meta policy only covers what follows it.

Offline (file://) the same policy is used with `file:` added to the source lists: for pages opened
from disk, Chromium gives 'self' no origin to compare with. tests/test_offline_pack.py proves it works.
"""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s+[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
CHARSET = re.compile(r"<meta charset=\"utf-8\">", re.I)
NON_JS_TYPE = re.compile(r"\btype=\"(?!text/javascript|module)[^\"]*\"", re.I)


def inline_script_hashes(html: str) -> list[str]:
    """sha256 sources for every inline script that the browser would run."""
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs") or ""
        if "src=" in attrs or NON_JS_TYPE.search(attrs):
            continue  # a file (allowed by 'self') or data such as <script type="application/json">
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode()}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy(html: str, offline: bool = False) -> str:
    own = "'self' file:" if offline else "'self'"
    scripts = " ".join([own, *inline_script_hashes(html)])
    return "; ".join([
        "default-src 'none'",
        f"script-src {scripts}",
        f"style-src {own}",
        f"img-src {own} data:",
        f"font-src {own}",
        f"connect-src {own}",
        f"manifest-src {own}",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def add_policy(html: str, offline: bool = False) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, offline)}">'
    new, count = CHARSET.subn(lambda m: m.group(0) + "\n    " + meta, html, count=1)
    if count != 1:
        raise ValueError("no <meta charset=\"utf-8\"> to put the Content-Security-Policy after")
    return new


# --- External links -------------------------------------------------------------------------------

ANCHOR = re.compile(r"<a\b(?P<attrs>[^>]*)>", re.I)
HREF = re.compile(r"\bhref=\"(?P<href>[^\"]*)\"", re.I)
REL = re.compile(r"\brel=\"(?P<rel>[^\"]*)\"", re.I)
REQUIRED_REL = ("noopener", "noreferrer")


def _is_external(href: str, own_host: str | None) -> bool:
    match = re.match(r"^(?:https?:)?//(?P<host>[^/:?#]+)", href, re.I)
    return bool(match) and match.group("host").lower() != (own_host or "").lower()


def secure_external_links(html: str, own_host: str | None = None) -> str:
    """Add rel="noopener noreferrer" to every link to another site (keeping other rel values)."""
    def fix(match: re.Match) -> str:
        attrs = match.group("attrs")
        href = HREF.search(attrs)
        if not href or not _is_external(href.group("href"), own_host):
            return match.group(0)
        rel = REL.search(attrs)
        if rel:
            values = rel.group("rel").split()
            values += [v for v in REQUIRED_REL if v not in values]
            attrs = attrs[:rel.start()] + f'rel="{" ".join(values)}"' + attrs[rel.end():]
        else:
            attrs += f' rel="{" ".join(REQUIRED_REL)}"'
        return f"<a{attrs}>"

    return ANCHOR.sub(fix, html)
