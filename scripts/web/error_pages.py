"""One "page not found" page per language.

MkDocs renders the theme's 404.html once per build, and static-i18n runs one build per language into
the same folder, so the last language built (English) used to overwrite the French page: the one
404.html was `<html lang="en">` with English menus and exit button, under a French-default site.

The hook keeps each language's rendering (`keep`), and after each build `place` writes them where
they belong: the default language's at the root (`404.html`, the page GitHub Pages serves for every
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


def keep(store: dict[str, str], lang: str, html: str) -> None:
    store[lang] = html


def place(site_dir: Path, store: dict[str, str]) -> list[Path]:
    """Write each kept page to its language's place; return the files written."""
    written = []
    for lang, html in store.items():
        target = site_dir / path_for(lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        written.append(target)
    return written
