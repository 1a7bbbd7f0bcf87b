"""What in a page's Markdown source is code: shown to readers as written, never acted on.

One rule for every tool that reads pages — data markers (scripts/sitedata/markers.py) and the contributor
checks (scripts/checks/pages.py) — so that a marker shown in a code block on a page that explains markers
is left alone by the check and by the build alike:
- a fenced block starts with ``` or ~~~ (three or more), indented or not (inside an admonition or a list
  item), and ends at a line with the same character, at least as many, and nothing else; a fence never
  closed runs to the end of the page, as in CommonMark;
- an inline code span is a run of backticks and the next run of the same length, within one paragraph.
"""

from __future__ import annotations

import re

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
INLINE_CODE = re.compile(r"(?P<ticks>`+)(?:(?!\n[ \t]*\n).)+?(?<!`)(?P=ticks)(?!`)", re.S)


def fenced_blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of fenced code blocks, fences included."""
    spans, offset, opening = [], 0, None
    for line in text.splitlines(keepends=True):
        match = FENCE.match(line.rstrip("\r\n"))
        if opening is None:
            if match and not (match.group("fence")[0] == "`" and "`" in match.group("info")):
                opening = (offset, match.group("fence"))
        elif match and not match.group("info").strip() and match.group("fence")[0] == opening[1][0] \
                and len(match.group("fence")) >= len(opening[1]):
            spans.append((opening[0], offset + len(line)))
            opening = None
        offset += len(line)
    if opening is not None:
        spans.append((opening[0], len(text)))
    return spans


def code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of all code in `text`: fenced blocks, then inline code outside them."""
    blocks = fenced_blocks(text)
    spans = list(blocks)
    for match in INLINE_CODE.finditer(text):
        if not any(start <= match.start() < end for start, end in blocks):
            spans.append(match.span())
    return sorted(spans)


def fenced_line_numbers(text: str) -> set[int]:
    """1-based numbers of the lines that belong to fenced blocks, fences included."""
    numbers: set[int] = set()
    for start, end in fenced_blocks(text):
        first = text.count("\n", 0, start) + 1
        last = text.count("\n", 0, max(start, end - 1)) + 1
        numbers.update(range(first, last + 1))
    return numbers


def blank_inline_code(line: str) -> str:
    """A line with its inline code spans replaced by spaces (columns kept)."""
    return INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)
