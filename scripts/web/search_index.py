"""Per-language search index, built from the rendered pages.

Material's search puts both languages in one index, does not fold accents and loads the whole index
on every first visit. Ours writes one small file per language (search/index-fr.js, index-en.js),
which assets/javascripts/search.js loads only when the reader opens search — with a <script> tag,
so it also works from file:// in the offline pack. Accent folding and stemming happen in the
browser, on both the index and the query, with one implementation (search.js).

Each entry is a section of a page: {u: url relative to the site root (with #anchor), t: page title,
h: section heading, x: text}; the page's first entry also has d: its description (front matter),
which says in a sentence what the page is for and so ranks it well for the words a reader uses.
The help block and sources at the foot of every page are left out: they would make every page match
"3018"; so would the full list of sources on the About page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html

SKIP_CLASSES = ("page-footer", "help-now", "headerlink", "md-content__button", "page-covers", "data-block--sources")
SKIP_XPATH = " | ".join(
    [f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {c} ')]" for c in SKIP_CLASSES]
    + [".//script", ".//style", ".//*[local-name()='svg']"]
)
WHITESPACE = re.compile(r"\s+")
MAX_TEXT = 2000  # characters per section kept for matching and snippets


def _text(element) -> str:
    return WHITESPACE.sub(" ", " ".join(element.itertext())).strip()


def sections(html: str, url: str) -> list[dict]:
    """Split the article of a built page into searchable sections."""
    root = lxml.html.fromstring(html)
    article = root.find_class("md-content__inner")
    if not article:
        return []
    article = article[0]
    for bad in article.xpath(SKIP_XPATH):
        if bad.getparent() is not None:
            bad.drop_tree()
    meta = root.find(".//meta[@name='description']")
    description = (meta.get("content") or "").strip() if meta is not None else ""
    h1 = article.find(".//h1")
    title = _text(h1) if h1 is not None else ""
    entries: list[dict] = []
    current = {"u": url, "t": title, "h": "", "x": []}
    for element in article.iterchildren():
        if element.tag in ("h2", "h3"):
            entries.append(current)
            anchor = element.get("id")
            current = {"u": f"{url}#{anchor}" if anchor else url, "t": title, "h": _text(element), "x": []}
        elif element.tag != "h1":
            current["x"].append(_text(element))
    entries.append(current)
    result = []
    for number, entry in enumerate(entries):
        text = " ".join(t for t in entry["x"] if t)[:MAX_TEXT]
        record = {"u": entry["u"], "t": entry["t"], "h": entry["h"], "x": text}
        if number == 0 and description:
            record["d"] = description
        if text or entry["h"] or record.get("d"):
            result.append(record)
    return result


def script(lang: str, entries: list[dict]) -> str:
    """The index as a tiny script that registers itself (loadable from file://, no fetch)."""
    payload = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
    return f'(window.__siteSearch=window.__siteSearch||{{}})["{lang}"]={payload};\n'


def index_path(site_dir: Path, lang: str) -> Path:
    return site_dir / "search" / f"index-{lang}.js"
