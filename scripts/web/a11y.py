"""Repairs to Markdown extensions' output, on built HTML.

Glossary tooltips (`abbr`) wrap every occurrence of a term with its full definition; on a long page
that repeats the same sentence dozens of times, for readers and screen readers alike, and weighs
on every download. We keep the first occurrence of each term per page.

Task lists (`- [ ] item`) render as disabled checkboxes with no label of their own: a screen reader
announces "checkbox, unchecked" with no name (axe: label). They are decoration here — the item's
text carries the meaning and nothing can be ticked — so we hide the box from assistive technology.

Material's table of contents has a title `<label for="__toc">` that folds the contents inside the
mobile menu, where the menu item of the current page carries the `__toc` toggle. A section's index
page (navigation.indexes) is drawn as the section's link, with no toggle, so its label points at
nothing (W3C Nu checker: "must be the ID of a non-hidden form control") and clicking it does
nothing. Which pages lack the toggle is known only once the whole page is rendered, so a label
whose `for` names no element of the page loses its `for` here; it stays the same title.
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


LABEL_FOR = re.compile(r'(<label\b[^>]*?) for="(?P<target>[^"]*)"')
IDS = re.compile(r'(?<![\w-])id="([^"]*)"')


def labels_without_target(html: str) -> str:
    """Drop `for` from labels that point at no element of the page."""
    ids = set(IDS.findall(html))
    return LABEL_FOR.sub(lambda m: m.group(0) if m.group("target") in ids else m.group(1), html)
