"""Repairs to Markdown extensions' output, on the parsed page (scripts/web/finish.py).

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

TASK_CHECKBOXES = ("//label[contains(concat(' ', normalize-space(@class), ' '), ' task-list-control ')]"
                   "/input[@type='checkbox'][@disabled]")


def decorative_task_checkboxes(root) -> None:
    for box in root.xpath(TASK_CHECKBOXES):
        box.set("aria-hidden", "true")


def first_tooltips_only(root) -> None:
    """Keep <abbr title> on the first occurrence of each term, plain text after that."""
    seen: set[str] = set()
    for abbr in list(root.iter("abbr")):
        if abbr.get("title") is None:
            continue
        key = "".join(abbr.itertext()).casefold()
        if key in seen:
            _drop_tag(abbr)
        else:
            seen.add(key)


def _drop_tag(element) -> None:
    """Replace an element by its content, text and tail kept (lxml.html's drop_tag, for lxml.etree)."""
    parent, previous = element.getparent(), element.getprevious()
    index, children = parent.index(element), list(element)

    def append(text: str, after) -> None:
        if after is not None:
            after.tail = (after.tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    append(element.text or "", previous)
    for offset, child in enumerate(children):
        parent.insert(index + 1 + offset, child)
    append(element.tail or "", children[-1] if children else previous)
    parent.remove(element)


def labels_without_target(root) -> None:
    """Drop `for` from labels that point at no element of the page."""
    ids = set(root.xpath("//@id"))
    for label in root.xpath("//label[@for]"):
        if label.get("for") not in ids:
            del label.attrib["for"]
