"""The one pass over the finished site: each HTML file MkDocs wrote is parsed once (lxml), finished in
place, and written back.

On each page, in this order:
1. French typography on every French passage (scripts/typography.py): French pages, and lang="fr"
   passages of English pages; text nodes and the attributes read aloud, never markup or code;
2. its search sections, taken after typography so that snippets read right (scripts/web/search_index.py);
3. accessibility repairs to Markdown extensions' output (scripts/web/a11y.py);
4. the Content-Security-Policy <meta>, with the hashes of the page's inline scripts (scripts/web/csp.py),
   last, because it must see the final scripts.

MkDocs calls this once per language, when that language's pages are all written
(overrides/hooks/html_finish.py, on_post_build), so `make build` and `make serve` finish pages alike, and
`make build` still builds into a staging folder: a page that cannot be finished stops the build with
its name and leaves the previous site/ untouched (scripts/build.py).

`make build` finishes a language's pages in a second process (Background) while MkDocs builds the next
language, and splits the last language's pages between both processes: the same work, on two cores.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import lxml.etree

from scripts import typography
from scripts.web import a11y, csp, search_index

DOCTYPE = "<!doctype html>"
# Plain lxml.etree elements: lxml.html's element classes cost a Python call per element, for methods the
# pass does not need.
PARSER = lxml.etree.HTMLParser()


class FinishError(ValueError):
    """A page that could not be finished; the message names the file."""


@dataclass(frozen=True)
class Written:
    """A file MkDocs wrote: a page (with its URL and kind, for search) or a static template (url None)."""

    path: Path
    url: str | None = None
    kind: str = "explain"


def finish_html(html: str, lang: str, url: str | None = None, kind: str = "explain",
                offline: bool = False) -> tuple[str, list[dict]]:
    """A finished page and its search sections (none for a static template, whose url is None)."""
    root = lxml.etree.fromstring(html, PARSER)
    typography.fix_tree(root, lang)
    sections = search_index.sections_of_tree(root, url, kind) if url is not None else []
    a11y.decorative_task_checkboxes(root)
    a11y.first_tooltips_only(root)
    a11y.labels_without_target(root)
    csp.add_policy(root, offline=offline)
    doctype = root.getroottree().docinfo.doctype or DOCTYPE
    return lxml.etree.tostring(root, doctype=doctype, encoding="unicode", method="html"), sections


def finish_files(files: list[Written], lang: str, site_dir: Path, offline: bool = False) -> list[dict]:
    """Finish each written file in place; returns the search sections of the pages, in order."""
    sections: list[dict] = []
    for file in files:
        name = file.path.relative_to(site_dir).as_posix() if file.path.is_relative_to(site_dir) else str(file.path)
        try:
            html = file.path.read_text(encoding="utf-8")
            finished, found = finish_html(html, lang, file.url, file.kind, offline)
        except (OSError, UnicodeError, ValueError, lxml.etree.LxmlError) as error:
            raise FinishError(f"{site_dir.name}/{name}: the built page could not be finished ({error}) — "
                              "look at the Markdown or template that makes this page; if it looks right, "
                              "report it with this message") from error
        file.path.write_text(finished, encoding="utf-8")
        sections.extend(found)
    return sections


class Background:
    """One worker process that finishes pages while the caller goes on. It is forked, so it starts at
    once with everything already imported; where fork is missing (Windows) or a single core would only
    take turns, `available` is False and the caller finishes pages itself."""

    available = "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, files: list[Written], lang: str, site_dir: Path, offline: bool = False) -> Future:
        """finish_files(...) in the worker; the future's result is the pages' search sections, or the
        FinishError that names the page."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        return self._pool.submit(finish_files, files, lang, site_dir, offline)

    @staticmethod
    def collect(future: Future) -> list[dict]:
        """The sections a submitted batch found; its FinishError, or one saying the worker died."""
        try:
            return future.result()
        except BrokenProcessPool as error:
            raise FinishError(f"the second process that finishes pages stopped unexpectedly ({error}) — run the "
                              "build again; if it happens again, report it with this message") from error

    def close(self) -> None:
        """Stop the worker (after a failed build, what it has not started is dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
