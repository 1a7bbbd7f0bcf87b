"""Terminology (issue 16): the words the site decided not to use are absent from what readers see.

The rules are those of data/wording.yml marked `built: true` ("help line", "listening service",
« enfants abusés », « signal rouge »…). `make check` already looks for them in the Markdown pages;
this test looks in the built HTML of each language, where the data blocks (help lines, glossary,
figures) and the interface strings appear too.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from scripts import paths
from scripts.sitedata.yamlload import load

# Rule pattern -> built pages that still use the word because they are being rewritten on another
# branch (issue 16). When a page is fixed, remove it here (the last test fails until you do) and turn
# the rule's severity in data/wording.yml into `error`.
PENDING = {
    r"\bsigna(?:l|ux) rouges?\b": {"signaux/conversation/index.html"},
    r"\bhelp[ -]lines?\b": {"en/risques/index.html"},
    r"\b(?:the |an? )?(?:e-Enfance association|association e-Enfance)\b": {"en/risques/deepfakes/index.html"},
}


def built_rules() -> dict[str, list[str]]:
    doc = load(paths.DATA / "wording.yml")
    return {lang: [r["pattern"] for r in rules if r.get("built")] for lang, rules in doc.data.items()}


def reader_text(soup: BeautifulSoup) -> str:
    """What a reader sees or hears: the tab title, the description and the body text."""
    for node in soup(["script", "style", "template"]):
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
    page = ("<html><head><title>Help Lines</title></head><body><p>Call a help line or a listening "
            "service.</p><p>Les enfants abusés, un signal rouge.</p><script>help line</script></body></html>")
    en, fr = avoided_terms(page, rules["en"]), avoided_terms(page, rules["fr"])
    assert [w.lower() for w in en[r"\bhelp[ -]lines?\b"]] == ["help lines", "help line"]  # not the script
    assert any("listening" in p for p in en) and len(fr) == 2
    clean = "<html><body><p>Call a helpline. Des enfants victimes, un signal d'alerte.</p></body></html>"
    assert avoided_terms(clean, rules["en"] + rules["fr"]) == {}


def test_no_avoided_word_on_any_built_page(pages):
    rules = built_rules()
    problems = []
    for page in pages:
        for pattern, hits in avoided_terms(page.file.read_text(encoding="utf-8"), rules[page.lang]).items():
            if page.rel not in PENDING.get(pattern, set()):
                problems.append(f"{page.rel}: {sorted(set(hits))} (data/wording.yml rule {pattern!r})")
    assert not problems, "avoided words on built pages:\n" + "\n".join(problems)


def test_pending_pages_still_need_their_allowance(pages):
    rules = built_rules()
    by_rel = {page.rel: page for page in pages}
    stale = []
    for pattern, rels in PENDING.items():
        lang_rules = [p for lang in rules.values() for p in lang]
        assert pattern in lang_rules, f"PENDING names {pattern!r}, which is not a `built: true` rule"
        for rel in rels:
            page = by_rel.get(rel)
            if page is None or pattern not in avoided_terms(page.file.read_text(encoding="utf-8"), [pattern]):
                stale.append(f"{rel} no longer uses {pattern!r}: remove it from PENDING")
    assert not stale, "\n".join(stale)
