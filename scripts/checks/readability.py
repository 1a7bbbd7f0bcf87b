"""Readability of a page: sentence length, longest sentence and Flesch reading ease, per language.

Pages whose audience includes young people (`audience: [teens, …]` in the front matter) have a budget:
sentences of at most 14 words on average, none over 30. Going over it is a warning, not an error: a
long sentence is a reason to rewrite, not to refuse a contribution. The measure reads what a reader
reads: the front matter, fenced and inline code, tables, headings, admonition syntax, link targets and
HTML are left out; a data marker inside a sentence counts as the words it shows (a penalty is a few
words, not one), a marker on its own line (a block of help lines, a law) is not the page's prose.

`python -m scripts.checks.readability [PATHS…]` prints the figures of each page (see scripts/README.md).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pyphen
import textstat

from scripts import paths
from scripts.checks.pages import ADMONITION, HEADING, MARKER, Page, all_pages, read_page
from scripts.mdsource import FENCE
from scripts.checks.report import Problem, rel
from scripts.sitedata import markers as data_markers
from scripts.sitedata.records import SiteData, load_data

YOUNG_AUDIENCE = "teens"
BUDGET_KINDS = {"explain", "lesson", "crisis"}
MAX_AVERAGE = 14  # words per sentence, on average
MAX_SENTENCE = 30  # words in any one sentence
LONG = 25  # a sentence over this many words counts as long in the figures
_HYPHENATOR = pyphen.Pyphen(lang="en_GB")

# Markers that show words inside a sentence (the others show a block: a call button, help lines, a law).
IN_SENTENCE = {"figure", "tel", "link", "penalty", "in-force", "cite"}
TAG = re.compile(r"<[^>]+>")
LINK = re.compile(r"!?\[((?:[^\]\[]|\[[^\]]*\])*)\]\([^)]*\)")
REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
ATTR_LIST = re.compile(r"\{\s*[#.:][^}]*\}")
EMPHASIS = re.compile(r"(\*\*|\*|__|~~|==|\^\^)")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
TABLE_ROW = re.compile(r"^\s*\|")
# A sentence ends at . ! ? or … followed by a space and what starts a sentence (a capital, a digit, a
# quotation mark, a parenthesis), or at the end of the block; a known abbreviation (« art. », « M. »,
# "e.g.") does not end one.
SENTENCE_END = re.compile(r"(?<=[.!?…])[»”\")]*\s+(?=[«“\"(¿¡]?\s?[A-ZÀ-ÖØ-Þ0-9])")
ABBREVIATION = re.compile(r"\b(?:art|n°|p|cf|e\.g|i\.e|M|Mme|Dr|St|vs|etc|Art)\.$")
WORD = re.compile(r"[\w’'-]*\w[\w’'-]*")


@dataclass(frozen=True)
class Sentence:
    line: int
    text: str

    @property
    def words(self) -> int:
        return len(WORD.findall(self.text))


@dataclass(frozen=True)
class Figures:
    sentences: int
    average: float  # words per sentence
    long_share: float  # % of sentences over LONG words
    longest: Sentence | None
    flesch: float


def _inline_markers(line: str, data: SiteData | None, lang: str) -> str:
    """A marker inside a sentence becomes the text it shows (or one word when data cannot render it)."""
    def shown(match: re.Match) -> str:
        if data is None or match.group("name") not in IN_SENTENCE:
            return " X "
        found, _ = data_markers.find(match.group(0))
        try:
            html = data_markers.render_marker(data, lang, found[0])
        except (data_markers.MarkerError, KeyError, ValueError, IndexError):
            return " X "
        return " " + re.sub(r"\s+", " ", unescape(TAG.sub(" ", html))).strip() + " "
    return MARKER.sub(shown, line)


def _prose_line(line: str, data: SiteData | None, lang: str) -> str:
    line = _inline_markers(line, data, lang)
    line = re.sub(r"<!--.*?-->", " ", line)
    line = LINK.sub(r"\1", line)
    line = REF_LINK.sub(r"\1", line)
    line = TAG.sub(" ", line)
    line = ATTR_LIST.sub(" ", line)
    line = EMPHASIS.sub("", line)
    return unescape(line)


def _block_marker_line(stripped: str) -> bool:
    """A line holding only markers of blocks (help lines, laws), or only an HTML comment."""
    if not re.fullmatch(r"(?:<!--.*?-->\s*)+", stripped):
        return False
    names = [m.group("name") for m in MARKER.finditer(stripped)]
    return not names or any(name not in IN_SENTENCE for name in names)


def blocks(page: Page, data: SiteData | None = None) -> list[list[tuple[int, str]]]:
    """The page's prose as blocks (paragraphs, list items), each a list of (line, text)."""
    found: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []

    def close() -> None:
        nonlocal current
        if current:
            found.append(current)
        current = []

    for number, raw in page.body_lines:  # fenced code is already left out, inline code blanked
        stripped = raw.strip()
        if (not stripped or HEADING.match(stripped) or ADMONITION.match(raw) or TABLE_ROW.match(raw)
                or FENCE.match(raw) or _block_marker_line(stripped)
                or re.match(r"</?[A-Za-z]|---|\*\*\*|\*\[|\[\^", stripped)):
            close()
            continue
        if LIST_ITEM.match(raw):
            close()
            raw = LIST_ITEM.sub("", raw)
        text = _prose_line(raw, data, page.lang).strip()
        if text:
            current.append((number, text))
    close()
    return found


def sentences(page: Page, data: SiteData | None = None) -> list[Sentence]:
    """Every sentence of the page's prose, with the line where it starts."""
    out = []
    for block in blocks(page, data):
        # Join the block's lines, remembering where each line starts in the joined text.
        starts, text = [], ""
        for number, line in block:
            starts.append((len(text), number))
            text += line + " "
        position = 0
        pieces = []
        for match in SENTENCE_END.finditer(text):
            candidate = text[position:match.start()].strip()
            if ABBREVIATION.search(candidate):
                continue
            pieces.append((position, candidate))
            position = match.end()
        pieces.append((position, text[position:].strip()))
        for offset, piece in pieces:
            if WORD.search(piece):
                line = max(n for start, n in starts if start <= max(offset, 0))
                out.append(Sentence(line, re.sub(r"\s+([,.)])", r"\1", re.sub(r"\s+", " ", piece))))
    return out


def figures(page: Page, data: SiteData | None = None) -> Figures:
    found = sentences(page, data)
    if not found:
        return Figures(0, 0.0, 0.0, None, 0.0)
    counts = [s.words for s in found]
    longest = max(found, key=lambda s: s.words)
    return Figures(len(found), sum(counts) / len(found), 100 * sum(c > LONG for c in counts) / len(found),
                   longest, flesch(found, page.lang))


def flesch(found: list[Sentence], lang: str) -> float:
    """Flesch reading ease over the same sentences, with the language's own formula.

    French: textstat's Kandel & Moles formula, syllables from its hyphenation dictionary. English:
    textstat would look words up in the CMU dictionary, which it downloads on first use (a request to a
    third party, refused here and offline), so we apply Flesch's own constants to syllables counted
    with the same hyphenation dictionaries (pyphen, textstat's own fallback for words it cannot find).
    """
    text = " ".join(s.text.rstrip(".!?…:;, ") + "." for s in found)  # each ends with a full stop
    if lang == "fr":
        textstat.set_lang("fr")
        return float(textstat.flesch_reading_ease(text))
    words = [w.lower() for s in found for w in WORD.findall(s.text)]
    if not words:
        return 0.0
    syllables = sum(len(_HYPHENATOR.positions(w)) + 1 for w in words)
    return 206.835 - 1.015 * len(words) / len(found) - 84.6 * syllables / len(words)


def for_young_people(page: Page) -> bool:
    """Pages with a budget: young people among the audience, outside the what-to-do pages for now.

    The what-to-do pages (kind `crisis`) are next: a few of their sentences still run to 31–37 words.
    """
    return YOUNG_AUDIENCE in page.audiences and page.kind in BUDGET_KINDS


def _opening(sentence: Sentence, words: int = 8) -> str:
    first = WORD.findall(sentence.text)[:words]
    return "“" + " ".join(first) + " …”"


def check(page: Page, data: SiteData | None = None) -> list[Problem]:
    """Warnings for a page young people read that is over the sentence budget."""
    if not for_young_people(page):
        return []
    where = rel(page.path)
    found = sentences(page, data)
    if not found:
        return []
    stats = figures(page, data)
    problems = []
    for sentence in found:
        if sentence.words > MAX_SENTENCE:
            problems.append(Problem(
                where, sentence.line,
                f"readability: a sentence of {sentence.words} words ({_opening(sentence)}), on a page young "
                f"people read (budget: {MAX_SENTENCE} words)",
                "split it in two or three sentences of one idea each; move a citation or a detail to a list",
                severity="warning"))
    if stats.average > MAX_AVERAGE:
        longest = stats.longest
        problems.append(Problem(
            where, 0,
            f"readability: sentences average {stats.average:.1f} words (budget for pages young people read: "
            f"{MAX_AVERAGE}; Flesch {stats.flesch:.0f}); the longest has {longest.words} words, at line "
            f"{longest.line}",
            f"split the longest sentences, starting with line {longest.line}: one idea per sentence",
            severity="warning"))
    return problems


def main(argv: list[str]) -> int:
    """Print the figures of the pages named (default: every page), as a Markdown table."""
    data, _ = load_data()
    targets = [read_page(Path(p).resolve()) for p in argv] if argv else all_pages()
    print("| page | sentences | average words | % over 25 words | longest (line) | Flesch |")
    print("|---|---|---|---|---|---|")
    for page in targets:
        stats = figures(page, data)
        longest = f"{stats.longest.words} ({stats.longest.line})" if stats.longest else "–"
        print(f"| {rel(page.path)} | {stats.sentences} | {stats.average:.1f} | {stats.long_share:.0f} % | "
              f"{longest} | {stats.flesch:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
