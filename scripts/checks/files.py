"""Source files that cannot be read as they are: checked before anything else reads them.

`make check` and the build both start here, so a page saved in Latin-1, a page with nothing after
its front matter or a 24 MB photo gives one `path:line: problem — fix` line, not a traceback deep
inside another check or inside MkDocs.
"""

from __future__ import annotations

from pathlib import Path

from scripts import paths
from scripts.checks.report import Problem, rel

IMAGE_BUDGET = 300 * 1024  # bytes; readers on weak data pay for every image
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif"}


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


def not_utf8(path: Path) -> Problem | None:
    raw = path.read_bytes()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return Problem(rel(path), line, f"this file is not UTF-8 text (byte 0x{raw[error.start]:02x} cannot be read)",
                       "save it with the UTF-8 encoding (in most editors: Save as… › Encoding › UTF-8), "
                       "then check the accented letters on this line")
    return None


def empty_page(path: Path, text: str) -> Problem | None:
    body = text
    if text.startswith("---"):
        end = text.find("\n---", 3)
        body = text[end + 4:] if end != -1 else ""
    if not body.strip():
        return Problem(rel(path), 1, "this page has no text after its front matter",
                       "write the page (a # title and at least one paragraph), or delete it and its twin")
    return None


def source_problems(docs: Path = paths.DOCS, data: Path = paths.DATA,
                    pages: list[Path] | None = None) -> list[Problem]:
    """Unreadable pages and data files, empty pages, and images over the budget."""
    problems = []
    for path in pages if pages is not None else sorted(docs.rglob("*.md")):
        problem = not_utf8(path)
        if problem is None:
            problem = empty_page(path, path.read_text(encoding="utf-8"))
        if problem:
            problems.append(problem)
    for path in sorted(data.glob("*.yml")):
        problem = not_utf8(path)
        if problem:
            problems.append(problem)
    for path in sorted(p for p in docs.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES):
        size = path.stat().st_size
        if size > IMAGE_BUDGET:
            problems.append(Problem(rel(path), 0, f"this image is {_size(size)}, more than {_size(IMAGE_BUDGET)}",
                                    "make it at most 1200 px wide and save it as JPEG or WebP (quality about 80); "
                                    "readers on a phone plan pay for every byte"))
    return problems
