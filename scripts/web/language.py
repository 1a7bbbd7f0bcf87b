"""Language leaks in built pages: French text outside `lang="fr"` passages on English pages, and
English outside `lang="en"` passages on French pages.

A screen reader reads a page in the voice of its `<html lang>`; a French sentence on an English page
is read with English sounds unless it is marked. So every passage in the other language (a quoted law,
a French press headline, an organisation's French name) must sit inside an element with the right
`lang` attribute, and everything else must be in the page's language.

How a page is checked (`html_leaks`):

1. The page is cut into text blocks: paragraphs, list items, cells, headings, captions, summaries,
   buttons, labels… (`BLOCK_TAGS`; a block's nested blocks are checked on their own), plus the
   reader-facing attributes `alt`, `aria-label`, `title`, `placeholder` and `data-label-*` (text our
   scripts show), the `<title>` and the description. Text inside an element
   whose `lang` is not the page's language is left out: it is marked, so it is read right.
2. Each block is split into segments at punctuation (brackets, commas, sentence ends, quotes), and a
   segment is a leak when
   - it holds a *telltale*: a word that exists only in the other language (« depuis », « vigueur »,
     « communiqué », any word with French accents on an English page; "the", "undated", "with" on a
     French page) — this catches fragments of two or three words that no statistical model can
     classify; or
   - py3langid, limited to French and English, gives it to the other language with a probability of
     at least `MIN_PROBABILITY` (4 words or more) or `SHORT_PROBABILITY` (2 or 3 words).
3. Proper names that are written the same in both languages (`ALLOWED_NAMES`, three of them), web
   addresses and "et al." are removed first.

Data text (data/*.yml) marks such passages as `[passage]{lang=fr}` (`mark_html`, `plain`, `tooltip`);
scripts/sitedata/records.py checks each `{fr, en}` value with the telltale words alone.

Pure functions over HTML text: used by tests/test_language.py on the built site and by
`report(site)` for a contributor's listing (`python -m scripts.web.language [SITE]`).
"""

from __future__ import annotations

import html
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import lxml.html

from scripts.typography import PROSE_ATTRIBUTE_PREFIX, PROSE_ATTRIBUTES  # the attributes read aloud or shown

LANGS = ("fr", "en")

# Elements whose text is read as one unit; a nested one is its own block.
BLOCK_TAGS = {
    "p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "summary",
    "caption", "button", "label", "option", "blockquote", "title", "legend",
    # containers: their loose text (a site name in the header, a link in a <nav>) is a block too
    "div", "section", "article", "aside", "nav", "header", "footer", "main", "body", "form", "details",
    "table", "ul", "ol", "dl", "figure", "small",
}
# Never prose: code, scripts, icons.
SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "code", "pre", "kbd", "samp", "math", "head"}

# Proper names written the same in both languages, removed before the check. Keep this short: a French
# name on an English page (« Défenseur des droits », « Le Monde ») is marked lang="fr" instead, so that
# screen readers pronounce it; this list is only for names that are the same in both languages and
# carry an accent or an English word (the check would take them for a leak otherwise).
# (Names without an accent or a listed word, such as e-Enfance, Pharos or Report Remove, need no entry.)
ALLOWED_NAMES = (
    "Légifrance",     # the official law website's name, as English legal guides write it
    "Child Focus",    # the Belgian foundation's name in French, Dutch and English alike
    "Take It Down",   # NCMEC's service: French partners (e-Enfance, Pharos) name it in English too
)
# Latin, at home in both languages: "Bellovin et al." is not French.
LATIN = re.compile(r"\bet al\.?")

# Words that exist only in French (lower case). With ACCENT below, these catch short French fragments
# on English pages: « non identifié », « communiqué », « version en vigueur », « depuis le ».
FRENCH_WORDS = set("""
le la les de des du au aux et est sont une un pour avec dans sur par depuis non pas qui que ou où ce cette
ces son sa ses leur leurs nous vous tu il elle ils elles mais sans selon chez entre très aussi comme
vigueur loi peines identiques création chaîne télévision presse titre journal relevé communiqué
identifié identifiée traque pédocriminels enfants jeunes appeler signaler introuvable accueil retour
quitter ouvrir fermer rechercher aller contenu haut bas suivant précédent modifier
""".split())
# Words that exist only in English (lower case): "undated", "the", "with" on a French page.
ENGLISH_WORDS = set("""
the and of with your you is are was were this that these those from by to it its be been have has had
what which who how why when where into about undated help call child children young teachers not found
home search close open skip back previous next exit edit footer warning
""".split())
ACCENT = re.compile(r"[àâäçéèêëîïôöûùüÿœæ]", re.I)

# py3langid decides for segments of MIN_WORDS words or more at MIN_PROBABILITY; two or three words
# carry little evidence, so they need SHORT_PROBABILITY (over the whole site, that flags only real
# leaks such as « leurre de mineurs »; single words are left to the telltale lists).
MIN_WORDS = 4
MIN_PROBABILITY = 0.98
SHORT_PROBABILITY = 0.99

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.U)
SEGMENT_SPLIT = re.compile(r"[()\[\]{};:,.!?«»\"“”„‘’—–·|/…¶\n]+|\s[-–]\s")
URLISH = re.compile(r"\S+@\S+|\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:fr|com|org|net|uk|eu|gouv\.fr|be|ch|ca)\b\S*")


# --- Marking a passage's language in data text ------------------------------------------------
# Data values (data/*.yml) are plain text. A passage in another language inside one is written as
# Pandoc writes a span with attributes, close to the attr_list syntax of our pages:
#     en: "Child in danger helpline ([Allô Enfance en danger]{lang=fr})"
# The renderer turns it into <span lang="fr">…</span>; attributes and search get the plain text.
LANG_SPAN = re.compile(r'\[([^\[\]]+)\]\{\s*lang="?([a-z]{2})"?\s*\}')


def mark_html(text: object) -> str:
    """Escape `text` for HTML, turning [passage]{lang=xx} into <span lang="xx">passage</span>."""
    text, out, pos = str(text), [], 0
    if "]{" not in text:  # most data text marks nothing: escape it in one call
        return html.escape(text, quote=True)
    for match in LANG_SPAN.finditer(text):
        out.append(html.escape(text[pos:match.start()], quote=True))
        out.append(f'<span lang="{match.group(2)}">{html.escape(match.group(1), quote=True)}</span>')
        pos = match.end()
    out.append(html.escape(text[pos:], quote=True))
    return "".join(out)


def plain(text: object) -> str:
    """The text without language marks: for attributes (title, aria-label) and the search index."""
    return LANG_SPAN.sub(r"\1", str(text))


def tooltip(text: object) -> str:
    """Text for a tooltip (a title attribute cannot mark a passage's language): a bracketed passage in
    another language is left out — « Centre américain ([National Center…]{lang=en}) » gives
    « Centre américain » — and other marks are removed."""
    return plain(re.sub(r"\s*\(" + LANG_SPAN.pattern + r"\)", "", str(text)))


def unmarked(text: object) -> str:
    """The text without its marked passages: what must be in the value's own language."""
    return LANG_SPAN.sub(" | ", str(text))


@dataclass(frozen=True)
class Leak:
    page: str      # path of the page in the site
    lang: str      # the page's language
    found: str     # the other language's code
    where: str     # "p", "li", "title attribute of a"…
    text: str      # the segment that leaks
    block: str     # the whole block, shortened, for context
    why: str       # "telltale « vigueur »" or "py3langid fr 0.99"

    def __str__(self) -> str:
        return (f"{self.page}: {self.found.upper()} text on a {self.lang.upper()} page in <{self.where}>: "
                f"« {self.text} » ({self.why}) in « {self.block} » — translate it at its source, or mark "
                f'it lang="{self.found}" if it is a quotation or a name in that language')


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGS))
    return identifier


def classify(text: str) -> tuple[str, float]:
    """('fr', 0.99) — French or English only, with the model's probability."""
    lang, probability = _identifier().classify(text)
    return lang, float(probability)


def _strip_names(text: str) -> str:
    for name in ALLOWED_NAMES:
        text = text.replace(name, " ")
    return URLISH.sub(" ", LATIN.sub(" ", text))


def telltale(segment: str, other: str) -> str | None:
    """The first word of `segment` that belongs only to `other` ('fr' or 'en'), or None.
    Words in capitals (acronyms: UN, OFMIN) are not words of either language."""
    words = WORD.findall(segment)
    listed = FRENCH_WORDS if other == "fr" else ENGLISH_WORDS
    for word in words:
        if word.isupper() and len(word) > 1:
            continue
        low = word.casefold()
        if low in listed or (other == "fr" and ACCENT.search(word)):
            return word
    return None


def segments(text: str) -> list[str]:
    return [s.strip() for s in SEGMENT_SPLIT.split(text) if s.strip()]


def text_leaks(text: str, page_lang: str, use_model: bool = True) -> list[tuple[str, str]]:
    """Segments of `text` (shown on a `page_lang` page, not marked) in the other language, each with
    the reason: [('non identifiée', 'telltale « identifiée »')]. `use_model=False` relies on the
    telltale words alone (the data check: loading the model takes a second, too long for `make check`)."""
    other = "en" if page_lang == "fr" else "fr"
    text = unicodedata.normalize("NFC", _strip_names(text))
    found = []
    for segment in segments(text):
        word = telltale(segment, other)
        if word:
            # No exception for loan words: over the whole site, the only accented word inside an
            # English sentence was a real leak ("choose Français or English"); mark such words.
            found.append((segment, f"telltale « {word} »"))
            continue
        size = len(WORD.findall(segment))
        if use_model and size >= 2:
            lang, probability = classify(segment)
            if lang == other and probability >= (MIN_PROBABILITY if size >= MIN_WORDS else SHORT_PROBABILITY):
                found.append((segment, f"py3langid {lang} {probability:.3f}"))
    return found


def _lang_of(element) -> str | None:
    while element is not None:
        value = element.get("lang") if isinstance(element.tag, str) else None
        if value:
            return value.split("-")[0].lower()
        element = element.getparent()
    return None


def _own_text(element, page_lang: str) -> str:
    """The block's text, without nested blocks, skipped tags and passages in another language
    (each replaced by a separator, so that the text around them is not glued together)."""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):  # comments, processing instructions
            parts.append(child.tail or "")
            continue
        lang = child.get("lang")
        if child.tag in BLOCK_TAGS or child.tag in SKIP_TAGS or (lang and lang.split("-")[0].lower() != page_lang):
            parts.append(" | ")
        else:
            parts.append(_own_text(child, page_lang))
        parts.append(child.tail or "")
    return "".join(parts)


def _short(text: str, width: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def html_leaks(html: str, page: str = "", page_lang: str | None = None) -> list[Leak]:
    """Every unmarked passage in the other language on one page (its `<html lang>` unless given)."""
    root = lxml.html.document_fromstring(html)
    page_lang = page_lang or (root.get("lang") or "fr").split("-")[0].lower()
    other = "en" if page_lang == "fr" else "fr"
    leaks: list[Leak] = []

    def add(where: str, text: str, context: str) -> None:
        for segment, why in text_leaks(text, page_lang):
            leaks.append(Leak(page, page_lang, other, where, segment, _short(context), why))

    for element in root.iter():
        if not isinstance(element.tag, str) or any(a.tag in SKIP_TAGS for a in element.iterancestors()):
            continue
        if element.tag in SKIP_TAGS:
            continue
        if _lang_of(element) not in (page_lang, None):
            continue
        if element.tag in BLOCK_TAGS:
            text = _own_text(element, page_lang)
            if text.strip():
                add(element.tag, text, element.text_content())
        for attribute, value in element.attrib.items():
            if (attribute in PROSE_ATTRIBUTES or attribute.startswith(PROSE_ATTRIBUTE_PREFIX)) and value.strip():
                add(f"{attribute} attribute of {element.tag}", value, value)
    # The <title> is in <head> (skipped above) but is read out first.
    title = root.find(".//title")
    if title is not None and title.text:
        add("title", title.text, title.text)
    for meta in root.iterfind(".//meta[@name='description']"):
        add("meta description", meta.get("content", ""), meta.get("content", ""))
    return leaks


def site_leaks(site: Path) -> list[Leak]:
    """Every leak in every HTML page of a built site (or an offline pack's site folder)."""
    leaks = []
    for file in sorted(site.rglob("*.html")):
        text = file.read_text(encoding="utf-8")
        leaks.extend(html_leaks(text, file.relative_to(site).as_posix()))
    return leaks


def counts(leaks: list[Leak]) -> dict[str, int]:
    """{'fr-on-en': French fragments on English pages, 'en-on-fr': English on French pages}."""
    return {"fr-on-en": sum(1 for x in leaks if x.lang == "en"),
            "en-on-fr": sum(1 for x in leaks if x.lang == "fr")}


def report(site: Path) -> int:
    leaks = site_leaks(site)
    for leak in leaks:
        print(leak)
    c = counts(leaks)
    print(f"{c['fr-on-en']} French fragments on English pages, {c['en-on-fr']} English fragments on French pages")
    return 1 if leaks else 0


if __name__ == "__main__":
    sys.exit(report(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))
