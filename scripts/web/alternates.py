"""Language-switcher links that work on GitHub Pages under a sub-path *and* from file://.

static-i18n gives home pages (and the whole selector, before it knows the page) server-absolute
links such as `/site/en/`; those break in the offline pack, where `/` is the root of the disk.
We turn them into site-root-relative links (`en/`), which Material's `url` filter then makes
relative to the current page (`../en/`), exactly like the per-page alternates it already emits.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def site_path(site_url: str | None) -> str:
    """'/site/' for 'https://owner.github.io/site/'; '/' when there is no site_url."""
    path = urlsplit(site_url or "").path or "/"
    return path if path.endswith("/") else path + "/"


def relative_link(link: str, base_path: str) -> str:
    """'/site/en/' -> 'en/'; '/site/' -> '.'; links that are already relative or external are kept."""
    if "://" in link or not link.startswith("/"):
        return link
    if link.startswith(base_path):
        link = link[len(base_path):]
    else:
        link = link.lstrip("/")
    return link or "."
