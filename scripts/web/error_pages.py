"""One "page not found" page per language.

MkDocs renders the theme's 404.html once per build, and static-i18n runs one build per language into
the same folder, so the last language built (English) used to overwrite the French page: the one
404.html was `<html lang="en">` with English menus and exit button, under a French-default site.

After each language's build, `place` (called by overrides/hooks/html_finish.py, before the one
post-build pass finishes the files) puts each page where it belongs: the default language's at the root (`404.html`, the page GitHub Pages serves for every
missing address, so it also carries a short line in the other language, marked with its `lang`),
the others under their prefix (`en/404.html`, for servers that can serve one per folder). A 404 is
served at any depth, so its links are absolute (`home`).
"""

from __future__ import annotations

from pathlib import Path

from scripts import paths

TEMPLATE = "404.html"


def path_for(lang: str) -> str:
    """'404.html' for French (the default), 'en/404.html' for English."""
    return paths.lang_prefix(lang) + TEMPLATE


def home(site_url: str | None, lang: str) -> str:
    """The language's home as an absolute address (or site-root path without a site_url)."""
    base = (site_url or "/").rstrip("/") + "/"
    return base + paths.lang_prefix(lang)


def switch_links(site_url: str | None, lang: str, names: dict[str, str]) -> list[dict]:
    """The language switch of a 404 page: the other languages' homes (never an unrelated page)."""
    return [{"lang": other, "name": names.get(other, other), "link": home(site_url, other)}
            for other in paths.LANGUAGES if other != lang]


def help_now(data, lang: str, ids: list[str], site_url: str | None) -> str:
    """The "Need help now?" lines of every page's foot (tel: links work from any address), then an
    absolute link to all contacts."""
    from scripts.sitedata import render

    lines = render.helplines_block(data, lang, [data.helplines[i] for i in ids], "compact")
    more = home(site_url, lang) + "contacts/"
    return (f'<aside class="help-now" aria-labelledby="aide-immediate"><h2 id="aide-immediate">'
            f'{render.e(data.label("help_now_title", lang))}</h2>{lines}'
            f'<p><a href="{render.attr(more)}">{render.e(data.label("help_now_more", lang))}</a></p></aside>')


def place(site_dir: Path, lang: str, html: str, root_html: str | None) -> None:
    """After a language's build: MkDocs wrote this language's 404 page at the root. The default
    language's stays there; another language's moves to its prefix (en/404.html), and the default
    language's finished page (`root_html`, kept from its build) goes back to the root."""
    if lang == paths.DEFAULT_LANGUAGE:
        return
    target = site_dir / path_for(lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    if root_html is not None:
        (site_dir / TEMPLATE).write_text(root_html, encoding="utf-8")
