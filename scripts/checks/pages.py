"""Read a Markdown page the way the checks need it: front matter with line numbers, and the
headings, anchors, data markers, admonitions, links and images of the body, each with its line.

Fenced code blocks and inline code are skipped: what is shown as code is not content structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from scripts import mdsource, paths
from scripts.sitedata.markers import MARKER, find  # markers are found here as the build finds them
from scripts.sitedata.yamlload import Document, YamlError, _Loader, _walk
from scripts.web.search_index import default_kind  # the kind search and the build give a page

HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*(?:\{\s*#(?P<anchor>[A-Za-z0-9_-]+)[^}]*\})?\s*$")
ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*(?P<type>[\w-]+)")
LINK = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\((?P<target><[^>]*>|[^)\s]+)(?:\s+\"[^\"]*\")?\)")
HTML_LINK = re.compile(r"<(?:a|img)\b[^>]*\b(?:href|src)=\"(?P<target>[^\"]+)\"", re.I)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str | None
    line: int


@dataclass(frozen=True)
class Item:
    """Something found in the body, with its line: an admonition type, a link target, a marker."""

    value: str
    line: int


@dataclass
class Page:
    path: Path
    text: str
    meta: dict = field(default_factory=dict)
    meta_lines: dict = field(default_factory=dict)  # front-matter key -> line
    body_start: int = 1  # line where the body begins
    meta_error: tuple[int, str] | None = None  # (line, message) when the front matter is not valid YAML

    @property
    def lang(self) -> str:
        """The language folder (docs/fr/…), or for page templates the suffix (page.fr.md)."""
        first = self.rel_to_docs.split("/", 1)[0]
        if first in paths.LANGUAGES:
            return first
        suffix = self.path.name.removesuffix(".md").rpartition(".")[2]
        return suffix if suffix in paths.LANGUAGES else paths.DEFAULT_LANGUAGE

    @property
    def rel_to_docs(self) -> str:
        return self.path.resolve().relative_to(paths.DOCS.resolve()).as_posix()

    @property
    def twin_key(self) -> str:
        """Path inside the language folder: the same for both twins."""
        return self.rel_to_docs.split("/", 1)[1]

    @property
    def audiences(self) -> list[str]:
        """Who the front matter says the page is for (`audience: [teens, parents]`); none if unsaid."""
        audience = self.meta.get("audience") or []
        return [str(a) for a in audience] if isinstance(audience, list) else []

    @property
    def kind(self) -> str:
        """The page's `kind`, or the one the build gives a page without it, from its address."""
        return str(self.meta.get("kind") or default_kind(self.twin_key))

    @cached_property
    def body_text_lines(self) -> list[tuple[int, str]]:
        """(line number, text) of body lines outside fenced code, as written (code: scripts/mdsource.py)."""
        fenced = mdsource.fenced_line_numbers(self.text)
        return [(number, line) for number, line in enumerate(self.text.split("\n"), start=1)
                if number >= self.body_start and number not in fenced]

    @cached_property
    def body_lines(self) -> list[tuple[int, str]]:
        """(line number, text) of body lines outside fenced code, with inline code blanked."""
        return [(number, mdsource.blank_inline_code(line)) for number, line in self.body_text_lines]

    @cached_property
    def headings(self) -> list[Heading]:
        found = []
        for number, line in self.body_lines:
            match = HEADING.match(line)
            if match:
                found.append(Heading(len(match.group("hashes")), match.group("text"), match.group("anchor"), number))
        return found

    @cached_property
    def admonitions(self) -> list[Item]:
        return [Item(m.group("type").lower(), n) for n, line in self.body_lines if (m := ADMONITION.match(line))]

    @cached_property
    def markers(self) -> list[Item]:
        found = []
        for marker in find(self.text)[0]:
            if marker.line >= self.body_start:
                args = " ".join(sorted(f"{key}={','.join(values)}" for key, values in marker.args.items()))
                found.append(Item(f"{marker.name} {args}".strip(), marker.line))
        return found

    @cached_property
    def links(self) -> list[Item]:
        """Internal link and image targets (no web, mail or phone links; anchors kept)."""
        found = []
        for number, line in self.body_lines:
            text = MARKER.sub("", line)  # a marker's arguments are not links
            for regex in (LINK, HTML_LINK):
                for m in regex.finditer(text):
                    target = m.group("target").strip("<>")
                    if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("//"):
                        continue
                    found.append(Item(target, number))
        return found


def read_page(path: Path) -> Page:
    text = path.read_text(encoding="utf-8")
    page = Page(path=path, text=text)
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return page
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "...")), None)
    if end is None:
        page.meta_error = (1, "the front matter is not closed — add a line with --- after it")
        return page
    page.body_start = end + 2
    block = "\n".join(lines[1:end])
    loader = _Loader(block)
    try:
        node = loader.get_single_node()
        doc_lines: dict = {}
        meta = {} if node is None else _walk(loader, node, (), doc_lines)
    except (yaml.YAMLError, YamlError) as error:
        mark = getattr(error, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else getattr(error, "line", 0) + 1
        problem = getattr(error, "problem", None) or getattr(error, "message", str(error))
        page.meta_error = (line, f"the front matter is not valid YAML ({problem})")
        return page
    finally:
        loader.dispose()
    if not isinstance(meta, dict):
        page.meta_error = (2, "the front matter must be `key: value` lines")
        return page
    page.meta = meta
    page.meta_lines = {key[0]: line + 1 for key, line in doc_lines.items() if len(key) == 1}
    return page


def all_pages(docs: Path = paths.DOCS, languages=paths.LANGUAGES) -> list[Page]:
    return [read_page(p) for lang in languages for p in sorted((docs / lang).rglob("*.md"))]


def latest_review(folder: Path) -> str | None:
    """The most recent `reviewed_on` among the pages of one language (shown on the home page)."""
    dates = [str(page.meta.get("reviewed_on")) for page in map(read_page, sorted(folder.rglob("*.md")))
             if page.meta and page.meta.get("reviewed_on")]
    return max(dates) if dates else None


def as_document(page: Page) -> Document:
    return Document(page.path, page.meta, {(k,): v for k, v in page.meta_lines.items()})
