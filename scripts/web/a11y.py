"""Accessibility repairs to Markdown extensions' output, on built HTML.

Task lists (`- [ ] item`) render as disabled checkboxes with no label of their own: a screen reader
announces "checkbox, unchecked" with no name (axe: label). They are decoration here — the item's
text carries the meaning and nothing can be ticked — so we hide the box from assistive technology.
"""

from __future__ import annotations

import re

TASK_CHECKBOX = re.compile(r'(<label class="task-list-control"><input type="checkbox" disabled)(?![^>]*aria-hidden)')


def decorative_task_checkboxes(html: str) -> str:
    return TASK_CHECKBOX.sub(r'\1 aria-hidden="true"', html)
