"""Terminology (issue 16): the words the site decided not to use are absent from what readers see.

The rules are those of data/wording.yml marked `built: true` ("help line", "listening service",
« enfants abusés », « signal rouge »…). `make check` already looks for them in the Markdown pages;
this test looks in the built HTML of each language, where the data blocks (helplines, glossary,
figures) and the interface strings appear too. Passages marked as the other language (a French
publication title on an English page) are left out. A rule's `pending:` pages, being rewritten on
another branch, may still use the word, but only as long as they do.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from scripts import paths
from scripts.sitedata.yamlload import load


def wording_rules() -> dict[str, list[dict]]:
    return {lang: [r for r in rules if r.get("built")] for lang, rules in load(paths.DATA / "wording.yml").data.items()}


def built_rules() -> dict[str, list[str]]:
    return {lang: [r["pattern"] for r in rules] for lang, rules in wording_rules().items()}


def pending() -> dict[str, set[str]]:
    """Rule pattern -> the Markdown pages (repository paths) still allowed to use the word."""
    return {r["pattern"]: set(r.get("pending") or ()) for rules in wording_rules().values() for r in rules}


def source_of(page) -> str:
    return page.source.relative_to(paths.ROOT).as_posix()


def reader_text(soup: BeautifulSoup) -> str:
    """What a reader sees or hears in the page's language: the tab title, the description and the body
    text, without scripts and without passages marked as another language."""
    for node in soup(["script", "style", "template"]):
        node.decompose()
    page_lang = (soup.html.get("lang", "") if soup.html else "")[:2]
    for node in soup.select("body [lang]"):
        if page_lang and not node.get("lang", "").startswith(page_lang):
            node.decompose()
    parts = [soup.title.get_text(" ") if soup.title else ""]
    description = soup.find("meta", attrs={"name": "description"})
    if description:
        parts.append(description.get("content", ""))
    parts.append(soup.body.get_text(" ") if soup.body else "")
    return " ".join(" ".join(parts).split())


def avoided_terms(html: str, patterns: list[str]) -> dict[str, list[str]]:
    """Pattern -> the words it found in the page's reader text (case-insensitive)."""
    text = reader_text(BeautifulSoup(html, "lxml"))
    found = {}
    for pattern in patterns:
        hits = [m.group(0) for m in re.finditer(pattern, text, re.I)]
        if hits:
            found[pattern] = hits
    return found


def test_the_rules_exist_and_find_the_words():
    rules = built_rules()
    assert {"fr", "en"} <= set(rules) and all(rules[lang] for lang in ("fr", "en"))
    page = ("<html lang=en><head><title>Help Lines</title></head><body><p>Call a help line or a listening "
            "service.</p><p>Les enfants abusés, un signal rouge.</p><script>help line</script>"
            "<p lang=fr>« Office mineurs »</p></body></html>")
    en, fr = avoided_terms(page, rules["en"]), avoided_terms(page, rules["fr"])
    assert [w.lower() for w in en[r"\bhelp[ -]lines?\b"]] == ["help lines", "help line"]  # not the script
    assert any("listening" in p for p in en) and len(fr) == 2
    assert not any("Office" in p for p in en)  # the French passage is left out
    clean = "<html><body><p>Call a helpline. Des enfants victimes, un signal d'alerte.</p></body></html>"
    assert avoided_terms(clean, rules["en"] + rules["fr"]) == {}


def test_no_avoided_word_on_any_built_page(pages):
    rules, allowed = built_rules(), pending()
    problems = []
    for page in pages:
        for pattern, hits in avoided_terms(page.file.read_text(encoding="utf-8"), rules[page.lang]).items():
            if source_of(page) not in allowed[pattern]:
                problems.append(f"{page.rel}: {sorted(set(hits))} (data/wording.yml rule {pattern!r})")
    assert not problems, "avoided words on built pages:\n" + "\n".join(problems)


def test_pending_pages_still_need_their_exemption(pages):
    by_source = {source_of(page): page for page in pages}
    stale = []
    for pattern, sources in pending().items():
        for source in sorted(sources):
            page = by_source.get(source)
            if page is None or pattern not in avoided_terms(page.file.read_text(encoding="utf-8"), [pattern]):
                stale.append(f"data/wording.yml: {source} no longer uses {pattern!r} — remove it from that "
                             "rule's `pending:` list")
    assert not stale, "\n".join(stale)
