"""Glossary tooltips that work in Chinese: a Python-Markdown extension.

Python-Markdown's `abbr` finds terms between word boundaries (`\\b`), and Chinese has none: it
marks “砍头息” in quotes but not 收取砍头息的. This extension marks the first occurrence of each
glossary term on a page, wherever it stands in the running text, as `<abbr title="…">`; Material's
`content.tooltips` shows the definition on hover or tap. Headings, links, code and existing
abbreviations are left alone; a Latin term (LPR) still needs non-letters around it.

    >>> import markdown
    >>> glossary = CJKGlossaryExtension(terms={"砍头息": "预扣的利息"})
    >>> markdown.markdown("收取砍头息的", extensions=[glossary])
    '<p>收取<abbr title="预扣的利息">砍头息</abbr>的</p>'

The hook registers it with the terms of docs/includes/glossary.yaml (`load_glossary`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

import yaml
from markdown import Extension
from markdown.treeprocessors import Treeprocessor

SKIP = {"a", "abbr", "code", "pre", "kbd", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6"}


def load_glossary(path: Path) -> dict[str, str]:
    """term → definition from a YAML file with a `terms:` list of {term, definition}."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ValueError(f"Error reading glossary '{path}': {error}") from error
    terms: dict[str, str] = {}
    for i, item in enumerate((data or {}).get("terms", []), 1):
        term = str(item.get("term", "")).strip()
        definition = str(item.get("definition", "")).strip()
        if not term or not definition:
            raise ValueError(
                f"Error reading glossary '{path}': entry {i} needs a term and a definition"
            )
        terms[term] = " ".join(definition.split())
    return terms


def _pattern(terms: dict[str, str]) -> re.Pattern | None:
    if not terms:
        return None
    # Longest first, so that 催收非法债务罪 wins over 催收; Latin terms need non-letters around.
    alternatives = []
    for term in sorted(terms, key=len, reverse=True):
        escaped = re.escape(term)
        if re.fullmatch(r"[A-Za-z0-9]+", term):
            escaped = rf"(?<![A-Za-z0-9]){escaped}(?![A-Za-z0-9])"
        alternatives.append(escaped)
    return re.compile("|".join(alternatives))


class _GlossaryTreeprocessor(Treeprocessor):
    def __init__(self, md, terms: dict[str, str]):
        super().__init__(md)
        self.terms = terms
        self.pattern = _pattern(terms)

    def run(self, root: etree.Element) -> None:
        if self.pattern is None:
            return
        self.seen: set[str] = set()
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag in SKIP or "admonition-title" in (element.get("class") or ""):
            return
        element.text, new = self._mark(element.text)
        for position, abbr in enumerate(new):
            element.insert(position, abbr)
        children = list(element)[len(new) :]
        for child in children:
            self._walk(child)
            child.tail, new = self._mark(child.tail)
            index = list(element).index(child)
            for offset, abbr in enumerate(new, 1):
                element.insert(index + offset, abbr)

    def _mark(self, text: str | None) -> tuple[str | None, list[etree.Element]]:
        """The text up to its first unseen term, and an <abbr> per such term (tails: the rest)."""
        if not text:
            return text, []
        head, elements, last = text, [], 0
        for match in self.pattern.finditer(text):
            term = match.group(0)
            if term in self.seen:
                continue
            self.seen.add(term)
            abbr = etree.Element("abbr", {"title": self.terms[term]})
            abbr.text = term
            if elements:
                elements[-1].tail = text[last : match.start()]
            else:
                head = text[: match.start()]
            elements.append(abbr)
            last = match.end()
        if elements:
            elements[-1].tail = text[last:]
        return head, elements


class CJKGlossaryExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"terms": [{}, "term → definition"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After inline markup (20) and Python-Markdown's own abbr (7), before unescaping (0).
        processor = _GlossaryTreeprocessor(md, self.getConfig("terms"))
        md.treeprocessors.register(processor, "cjk_glossary", 6)


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    return CJKGlossaryExtension(**kwargs)
