"""Checks on the built HTML of both languages (the output readers get, not the Markdown sources)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import BuiltPage
from scripts import paths

SITE_HOST = "protection-jeunes.github.io"  # mkdocs.yml default site_url; tests build without SITE_URL


def source_pages(lang: str) -> set[str]:
    return {p.relative_to(paths.DOCS / lang).as_posix() for p in (paths.DOCS / lang).rglob("*.md")}


def built_file_for(site: Path, lang: str, md_path: str) -> Path:
    stem = md_path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        rel = stem[: -len("index")] + "index.html"
    else:
        rel = stem + "/index.html"
    return site / paths.lang_prefix(lang) / rel


def resolve(site: Path, page: BuiltPage, href: str) -> tuple[Path, str]:
    """File inside the site that a relative href from `page` points to, and its #fragment."""
    page_url = "http://site/" + page.rel
    target = urlsplit(urljoin(page_url, href))
    path = unquote(target.path).lstrip("/")
    candidate = site / path
    if path == "" or path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate, target.fragment


def is_external(url: str) -> bool:
    return bool(urlsplit(url).scheme) or url.startswith("//")


def test_every_page_has_its_twin_and_both_are_built(site):
    fr, en = source_pages("fr"), source_pages("en")
    assert fr, "no French pages found"
    assert fr == en, f"pages without a twin: FR only {sorted(fr - en)}, EN only {sorted(en - fr)}"
    for lang in paths.LANGUAGES:
        for md in sorted(fr):
            assert built_file_for(site, lang, md).exists(), f"{lang}/{md} was not built"


def test_html_lang_matches_the_language_folder(pages):
    for page in pages:
        assert page.soup.html.get("lang") == page.lang, f"{page.rel}: <html lang> is {page.soup.html.get('lang')}"


def test_one_h1_a_title_and_a_description(pages):
    for page in pages:
        h1s = page.soup.find_all("h1")
        assert len(h1s) == 1, f"{page.rel}: {len(h1s)} <h1> elements, want exactly one"
        assert page.soup.title and page.soup.title.string.strip(), f"{page.rel}: no <title>"
        desc = page.soup.find("meta", attrs={"name": "description"})
        assert desc and desc.get("content", "").strip(), f"{page.rel}: no meta description"


def test_page_description_is_the_page_own(pages):
    """The meta description comes from the page's front matter, not the site-wide default."""
    import yaml

    for page in pages:
        meta = yaml.safe_load(page.source.read_text(encoding="utf-8").split("---")[1])
        desc = page.soup.find("meta", attrs={"name": "description"})["content"]
        assert desc == meta["description"].strip(), f"{page.rel}: description differs from front matter"


def test_language_switcher_links_to_the_same_page_in_the_other_language(site, pages):
    for page in pages:
        links = page.soup.select("a.site-lang__link")
        assert len(links) == 1, f"{page.rel}: expected one language link, found {len(links)}"
        link = links[0]
        other = link["hreflang"]
        assert other != page.lang and link.get("lang") == other
        target, _ = resolve(site, page, link["href"])
        twin_rel = page.rel[3:] if page.lang == "en" else "en/" + page.rel
        assert target == site / twin_rel, f"{page.rel}: switcher goes to {target.relative_to(site)}, want {twin_rel}"


def test_hreflang_alternates_are_absolute_and_complete(pages):
    for page in pages:
        alts = {link["hreflang"]: link["href"] for link in page.soup.select('link[rel="alternate"][hreflang]')}
        assert set(alts) == {"fr", "en", "x-default"}, f"{page.rel}: hreflang {sorted(alts)}"
        twin_rel = page.rel[3:] if page.lang == "en" else page.rel
        fr_url = f"https://{SITE_HOST}/site/" + twin_rel.removesuffix("index.html")
        assert alts["fr"] == fr_url and alts["x-default"] == fr_url, f"{page.rel}: {alts}"
        assert alts["en"] == f"https://{SITE_HOST}/site/en/" + twin_rel.removesuffix("index.html")


def test_no_asset_is_loaded_from_another_host(site):
    offenders = []
    for html in site.rglob("*.html"):
        soup = BuiltPage(site, html).soup
        for tag, attr in (("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"),
                          ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data")):
            for el in soup.find_all(tag):
                url = el.get(attr)
                if url and is_external(url):
                    offenders.append(f"{html.relative_to(site)}: <{tag} {attr}={url}>")
        for el in soup.find_all("link"):
            rel = set(el.get("rel") or [])
            url = el.get("href", "")
            if rel & {"alternate", "canonical"}:  # not fetched; must still be our own host
                if is_external(url) and urlsplit(url).hostname != SITE_HOST:
                    offenders.append(f"{html.relative_to(site)}: <link rel={rel} href={url}>")
            elif url and is_external(url):
                offenders.append(f"{html.relative_to(site)}: <link rel={rel} href={url}>")
        for style in soup.find_all("style"):
            if re.search(r"@import|url\(\s*['\"]?(https?:)?//", style.text):
                offenders.append(f"{html.relative_to(site)}: <style> imports or loads a remote resource")
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for match in re.finditer(r"@import[^;]*|@font-face\s*{[^}]*}|url\(\s*['\"]?(?:https?:)?//[^)]*\)", text):
            offenders.append(f"{css.relative_to(site)}: {match.group(0)[:80]}")
    assert not offenders, "remote resources:\n" + "\n".join(offenders)


def test_no_internal_link_or_anchor_is_broken(site, pages):
    ids_cache: dict[Path, set[str]] = {}

    def ids_of(file: Path) -> set[str]:
        if file not in ids_cache:
            soup = BuiltPage(site, file).soup
            ids_cache[file] = {el["id"] for el in soup.find_all(id=True)} | {
                el["name"] for el in soup.find_all(attrs={"name": True})}
        return ids_cache[file]

    broken = []
    for page in pages:
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for el in page.soup.find_all(tag):
                url = el.get(attr)
                if not url or is_external(url) or url.startswith(("mailto:", "tel:", "data:")):
                    continue
                target, fragment = resolve(site, page, url)
                if not target.exists():
                    broken.append(f"{page.rel}: {url} -> missing {target.relative_to(site)}")
                elif fragment and target.suffix == ".html" and fragment not in ids_of(target):
                    broken.append(f"{page.rel}: {url} -> no #{fragment} in {target.relative_to(site)}")
    assert not broken, "broken internal links:\n" + "\n".join(broken)


def test_no_link_opens_a_new_window(pages):
    # Why links to other sites carry no rel="noopener": with no target, there is no opener to protect, and
    # <meta name="referrer" content="no-referrer"> keeps readers' origin from those sites.
    assert [(p.rel, a.get("href")) for p in pages for a in p.soup.select("a[target]")] == []
    assert all(p.soup.select_one('meta[name="referrer"][content="no-referrer"]') for p in pages)


def test_no_link_is_server_absolute(pages):
    """A link starting with / breaks under the GitHub Pages sub-path and from file://."""
    offenders = [f"{p.rel}: {el.get('href') or el.get('src')}"
                 for p in pages for el in p.soup.find_all(["a", "link", "script", "img"])
                 if (el.get("href") or el.get("src") or "").startswith("/")
                 and not (el.get("href") or el.get("src") or "").startswith("//")]
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("lang", paths.LANGUAGES)
def test_quick_exit_is_the_first_focusable_element(site, lang):
    soup = BuiltPage(site, site / paths.lang_prefix(lang) / "index.html").soup
    focusable = soup.body.find(lambda el: el.name in ("a", "button", "input", "select", "textarea")
                               and not (el.name == "input" and "md-toggle" in (el.get("class") or []))
                               and el.get("tabindex") != "-1")
    assert focusable is not None and focusable.has_attr("data-quick-exit"), focusable


# --- French typography on the built pages ---------------------------------------------------------

# A plain space, or none, before « : ; ! ? » at the end of a word (times such as 14:30 do not match).
PLAIN_BEFORE_MARK = re.compile(r"(?:(?<=\w)|[ ])[:;!?](?=\s|$)")


def text_nodes_in(soup, lang: str):
    """Text nodes whose passage is in `lang` (the nearest lang attribute), outside code, scripts and styles."""
    from bs4 import NavigableString, Tag

    def walk(element, current):
        for child in element.children:
            if isinstance(child, Tag):
                if child.name not in ("code", "pre", "script", "style", "kbd", "samp"):
                    yield from walk(child, (child.get("lang") or current)[:2])
            elif isinstance(child, NavigableString) and type(child) is NavigableString and current == lang:
                yield str(child)

    yield from walk(soup, "")


def test_french_passages_have_no_break_spaces_before_double_marks_and_english_ones_do_not(pages):
    # Data (source titles, labels) is typed with plain spaces: this fails if the build stops fixing it,
    # on French pages and in the French passages (lang="fr") of English pages alike.
    wrong = [(p.rel, text[max(0, m.start() - 25): m.end() + 5]) for p in pages
             for text in text_nodes_in(p.soup, "fr") for m in PLAIN_BEFORE_MARK.finditer(text)]
    assert wrong == [], wrong[:10]
    assert any(list(text_nodes_in(p.soup, "fr")) for p in pages if p.lang == "en"), "no French passage on English pages?"
    french_spacing = re.compile("[\u00a0\u202f][:;!?](?=\\s|$)")
    english = [(p.rel, text[max(0, m.start() - 25): m.end() + 5]) for p in pages
               for text in text_nodes_in(p.soup, "en") for m in french_spacing.finditer(text)]
    assert english == [], english[:10]


def test_typography_typed_plainly_is_fixed_in_the_built_page(project_copy, tmp_path):
    from conftest import run_build

    page = project_copy / "docs" / "fr" / "parents.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "# Vous êtes parent\n", "# Vous êtes parent\n\nAttention: **vraiment**! Pourquoi ? « Oui »\n\n"
        "<!-- TODO: relire le passage quiproquo -->\n"), encoding="utf-8")  # a contributor's note: it once crashed the search index
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "parents" / "index.html").read_text(encoding="utf-8")
    assert "Attention\u00a0: <strong>vraiment</strong>\u202f! Pourquoi\u202f? «\u00a0Oui\u00a0»" in html
    index = (tmp_path / "site" / "search" / "index-fr.js").read_text(encoding="utf-8")
    assert "Pourquoi" in index and "quiproquo" not in index

    # The build left a digest of its sources next to the site: `make pack` reuses a current build
    # (scripts/build.py is_current) and rebuilds after any edit.
    def current() -> str:
        return subprocess.run([sys.executable, "-c", "from pathlib import Path; from scripts import build; "
                               f"print(build.is_current(Path({str(tmp_path / 'site')!r})))"],
                              cwd=project_copy, capture_output=True, text=True).stdout.strip()

    assert current() == "True"
    page.write_text(page.read_text(encoding="utf-8") + "\nUne ligne de plus.\n", encoding="utf-8")
    assert current() == "False"


def test_french_typography_leaves_character_references_whole(pages):
    """The « ; » of &amp; or &para; is part of the reference: a space before it showed "¶ ;" on every French
    heading and "Missing & ; Exploited" in a source name."""
    from scripts.web.finish import finish_html

    html, _ = finish_html('<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body>'
                          '<a href="#x">&para;</a><p>Missing &amp; Exploited ; oui</p></body></html>', "fr")
    assert '<a href="#x">\u00b6</a><p>Missing &amp; Exploited\u202f; oui</p>' in html
    broken = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+)[\s\u00a0\u202f]+;")
    for page in pages:
        html = page.file.read_text(encoding="utf-8")
        assert not broken.search(html), f"{page.rel}: {broken.search(html).group(0)!r}"
        if page.lang == "fr" and page.soup.select("h2 .headerlink"):
            assert all(a.get_text() == "¶" for a in page.soup.select(".headerlink")), page.rel
