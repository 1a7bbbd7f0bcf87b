"""Per-language search index, built from the rendered pages.

Material's search puts both languages in one index, does not fold accents and loads the whole index
on every first visit. Ours writes one small file per language (search/index-fr.js, index-en.js),
which assets/javascripts/search.js loads only when the reader opens search — with a <script> tag,
so it also works from file:// in the offline pack. The browser indexes it with MiniSearch (vendored,
see scripts/vendor.py), folding accents and stemming with the Snowball French or Porter English
stemmer, on both the index and the query.

The file holds {docs, stop, groups, none}:
- docs: each a section of a page: {u: url relative to the site root (with #anchor), t: page title,
  h: section heading, x: text, k: the page's kind (c crisis, e explain, l lesson)}; the page's first
  entry also has d: its description (front matter), which says in a sentence what the page is for
  and so ranks it well for the words a reader uses;
- stop, keep, groups: this language's stop words, words never stemmed, and synonym groups (data/search-synonyms.yml), a group
  being {w: words and phrases, p: urls of its pages that exist};
- none: what to offer when nothing matches: {pages: [{u, t}], tel: {name, number, tel},
  contacts: {u, t}}.
The help block and sources at the foot of every page are left out: they would make every page match
"3018"; so would the full list of sources on the About page.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import lxml.etree

from scripts.web import language

# The hub's app cards are left out too: they name every app, and each app's own guide should answer its name.
SKIP_CLASSES = ("page-footer", "help-now", "headerlink", "md-content__button", "page-covers", "data-block--sources",
                "data-block--apps")
SKIP_CLASS_SET = frozenset(SKIP_CLASSES)
SKIP_TAGS = frozenset({"script", "style", "svg"})
WHITESPACE = re.compile(r"\s+")
MAX_TEXT = 2000  # characters per section kept for matching and snippets


def _text(element) -> str:
    return WHITESPACE.sub(" ", " ".join(element.itertext())).strip()


KINDS = {"crisis": "c", "explain": "e", "lesson": "l"}


def default_kind(url: str, lang_prefix: str = "") -> str:
    """The kind of a page without `kind` in its front matter, from its address."""
    path = url[len(lang_prefix):] if lang_prefix and url.startswith(lang_prefix) else url
    if path.startswith("que-faire/"):
        return "crisis"
    if path.startswith("ecoles/"):
        return "lesson"
    return "explain"


def sections(html: str, url: str, kind: str = "explain") -> list[dict]:
    """Split the article of a built page into searchable sections."""
    return sections_of_tree(lxml.etree.fromstring(html, lxml.etree.HTMLParser()), url, kind)


def drop_tree(element) -> None:
    """Remove an element and its content, keeping the text that follows it (lxml.html's drop_tree, for
    plain lxml.etree elements)."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _skipped(article) -> list:
    """The elements of `article` left out of search (a plain walk: cheaper than an XPath per class)."""
    found = []
    for element in article.iter(tag=lxml.etree.Element):  # elements only, not comments
        classes = element.get("class")
        if element.tag in SKIP_TAGS or (classes and not SKIP_CLASS_SET.isdisjoint(classes.split())):
            found.append(element)
    return found


def searchable_article(root):
    """A copy of the page's article without what search leaves out (None for a page without one); the
    page itself is not changed. Also the text of the offline pack's Kiwix index (scripts/zim.py)."""
    article = next((element for element in root.iter("article")
                    if "md-content__inner" in (element.get("class") or "").split()), None)
    if article is None:
        return None
    article = copy.deepcopy(article)
    for bad in _skipped(article):
        if bad.getparent() is not None:
            drop_tree(bad)
    return article


def sections_of_tree(root, url: str, kind: str = "explain") -> list[dict]:
    """sections() for a page already parsed (scripts/web/finish.py); the page itself is not changed."""
    article = searchable_article(root)
    if article is None:
        return []
    meta = root.find(".//meta[@name='description']")
    description = (meta.get("content") or "").strip() if meta is not None else ""
    h1 = article.find(".//h1")
    title = _text(h1) if h1 is not None else ""
    entries: list[dict] = []
    current = {"u": url, "t": title, "h": "", "x": []}
    for element in article.iterchildren(tag=lxml.etree.Element):  # not comments (<!-- TODO -->)
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
        record = {"u": entry["u"], "t": entry["t"], "h": entry["h"], "x": text, "k": KINDS.get(kind, "e")}
        if number == 0 and description:
            record["d"] = description
        if text or entry["h"] or record.get("d"):
            result.append(record)
    return result


def extras(lang: str, lang_prefix: str, entries: list[dict], search: dict, helplines: dict) -> tuple[dict, list[str]]:
    """This language's stop words, synonym groups and no-results offer, from data/search-synonyms.yml.
    Pages named there that this build does not have are left out; returns (extras, warnings)."""
    titles = {e["u"]: e["t"] for e in entries if "#" not in e["u"]}
    warnings: list[str] = []

    def page(path: str, where: str) -> str | None:
        # Hosted builds have directory URLs (que-faire/chantage/); the offline flavour has files
        # (que-faire/chantage.html, contacts/index.html).
        for url in (lang_prefix + path, lang_prefix + path.rstrip("/") + ".html", lang_prefix + path + "index.html"):
            if url in titles:
                return url
        warnings.append(f"data/search-synonyms.yml: {where}: no page {path!r} in the {lang} build — skipped")
        return None

    groups = []
    for group in search.get("groups", []):
        pages = [u for u in (page(p, f"group {group['id']!r}") for p in group.get("pages", [])) if u]
        groups.append({"w": group[lang], **({"p": pages} if pages else {})})
    none_cfg = search.get("no_results", {})
    doors = [{"u": u, "t": titles[u]} for u in (page(p, "no_results") for p in none_cfg.get("pages", [])) if u]
    none: dict = {"pages": doors}
    contacts = page(none_cfg.get("contacts", "contacts/"), "no_results")
    if contacts:
        none["contacts"] = {"u": contacts, "t": titles[contacts]}
    line = helplines.get(none_cfg.get("helpline", ""))
    if line:
        none["tel"] = {"name": language.plain(line["name"][lang]), "number": line["phone"], "tel": line["tel"]}
    elif none_cfg.get("helpline"):
        warnings.append(f"data/search-synonyms.yml: no_results: no help line {none_cfg['helpline']!r} in data/helplines.yml")
    return {"stop": search.get("stop_words", {}).get(lang, []), "keep": search.get("keep_whole", {}).get(lang, []),
            "groups": groups, "none": none}, warnings


def script(lang: str, entries: list[dict], extra: dict | None = None) -> str:
    """The index as a tiny script that registers itself (loadable from file://, no fetch)."""
    payload = json.dumps({"docs": entries, **(extra or {})}, ensure_ascii=False, separators=(",", ":"))
    return f'(window.__siteSearch=window.__siteSearch||{{}})["{lang}"]={payload};\n'


def index_path(site_dir: Path, lang: str) -> Path:
    return site_dir / "search" / f"index-{lang}.js"
