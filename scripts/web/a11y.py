"""Repairs to Markdown extensions' output, on built HTML.

Glossary tooltips (`abbr`) wrap every occurrence of a term with its full definition; on a long page
that repeats the same sentence dozens of times, for readers and screen readers alike, and weighs
on every download. We keep the first occurrence of each term per page.

Task lists (`- [ ] item`) render as disabled checkboxes with no label of their own: a screen reader
announces "checkbox, unchecked" with no name (axe: label). They are decoration here — the item's
text carries the meaning and nothing can be ticked — so we hide the box from assistive technology.
"""

from __future__ import annotations

import re

TASK_CHECKBOX = re.compile(r'(<label class="task-list-control"><input type="checkbox" disabled)(?![^>]*aria-hidden)')


def decorative_task_checkboxes(html: str) -> str:
    return TASK_CHECKBOX.sub(r'\1 aria-hidden="true"', html)


ABBR = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<text>.*?)</abbr>', re.S)


def first_tooltips_only(html: str) -> str:
    """Keep <abbr title> on the first occurrence of each term, plain text after that."""
    seen: set[str] = set()

    def keep_first(match: re.Match) -> str:
        key = match.group("text").casefold()
        if key in seen:
            return match.group("text")
        seen.add(key)
        return match.group(0)

    return ABBR.sub(keep_first, html)
