"""Content-Security-Policy as a <meta> (GitHub Pages cannot send headers).

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

JS_TYPES = {"", "text/javascript", "module", "application/javascript"}


def inline_script_hashes(root) -> list[str]:
    """sha256 sources for every inline script of a parsed page that the browser would run."""
    hashes = []
    for script in root.iter("script"):
        if script.get("src") is not None or (script.get("type") or "").strip().lower() not in JS_TYPES:
            continue  # a file (allowed by 'self') or data such as <script type="application/json">
        digest = hashlib.sha256((script.text or "").encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode()}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy(root, offline: bool = False) -> str:
    own = "'self' file:" if offline else "'self'"
    scripts = " ".join([own, *inline_script_hashes(root)])
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


def add_policy(root, offline: bool = False) -> None:
    """Put the policy <meta> right after <meta charset> of a parsed page (lxml), in place."""
    charset = root.xpath("//head/meta[@charset]")
    if not charset:
        raise ValueError('no <meta charset="utf-8"> to put the Content-Security-Policy after')
    meta = charset[0].makeelement("meta", {"http-equiv": "Content-Security-Policy", "content": policy(root, offline)})
    meta.tail = charset[0].tail
    charset[0].addnext(meta)
