"""Checklist boxes a screen reader can name: a Python-Markdown extension.

pymdownx.tasklist draws each `- [ ]` item as a disabled checkbox inside an empty <label>, so the
box has no accessible name (axe rule `label`, critical) and a screen reader announces a bare
"checkbox". This extension names each box after the text of its own item:

    >>> import markdown
    >>> html = markdown.markdown("- [ ] 已核对欠款构成",
    ...                          extensions=["pymdownx.tasklist", ChecklistExtension()])
    >>> 'aria-label="已核对欠款构成"' in html
    True

The hook registers it next to the glossary (scripts/mkdocs_hooks.py, on_config).
"""

from __future__ import annotations

import html
import re

from markdown import Extension
from markdown.postprocessors import Postprocessor

# One task-list item up to its checkbox, then the item's own text: up to the next item, the end
# of this one or of its first paragraph, or a nested list (whose items are named on their own).
_ITEM = re.compile(
    r'(?P<head><li class="(?:[^"]*\s)?task-list-item(?:\s[^"]*)?">\s*(?:<p>)?'
    r'(?:<label class="task-list-control">)?<input type="checkbox"(?P<attrs>[^>]*?))'
    r"(?P<close>/?>)(?P<body>.*?)(?=<li\b|</li>|</p>|<ul\b|<ol\b|\Z)",
    re.DOTALL,
)
_TAG = re.compile(r"<[^>]*>")
_MAX_LABEL = 120


def item_label(body: str) -> str:
    """The plain text of an item's HTML, on one line, shortened to a readable name."""
    text = " ".join(html.unescape(_TAG.sub("", body)).split())
    return text if len(text) <= _MAX_LABEL else text[: _MAX_LABEL - 1] + "…"


def label_checkboxes(page_html: str) -> str:
    """Add aria-label to every task-list checkbox that has no name yet."""

    def name(match: re.Match[str]) -> str:
        if "aria-label" in match.group("attrs"):
            return match.group(0)
        label = html.escape(item_label(match.group("body")), quote=True)
        if not label:
            return match.group(0)
        return (
            f'{match.group("head")} aria-label="{label}"{match.group("close")}{match.group("body")}'
        )

    return _ITEM.sub(name, page_html)


class _ChecklistPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return label_checkboxes(text)


class ChecklistExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        # After raw HTML (tasklist stores its checkbox there) is put back, priority 30.
        md.postprocessors.register(_ChecklistPostprocessor(md), "checklist_labels", 5)


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    return ChecklistExtension(**kwargs)
