"""Find, resolve and rewrite `law:` citations in guidance pages.

>>> rewrite_citations("见[《民法典》第670条](law:civil-code#670)。", "borrowers/rights.md", catalog)
('见[《民法典》第670条](../laws/civil-code.md#art-670)。', [])
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from scripts.loader import read_text
from scripts.model import Catalog, Citation
from scripts.numbering import anchor, split_number
from scripts.problems import Problem

LAWS_DIR = "laws"
_LINK = re.compile(
    r"\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<target>law:[^)\s]*)(?:\s+\"[^\"]*\")?\)"
)
# Any other Markdown link to law: (a form the pattern above does not read) is reported, not ignored.
_ANY_LAW_LINK = re.compile(r"\]\(\s*<?law:")
_TARGET = re.compile(
    r"law:(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)(?:#(?P<number>[1-9][0-9]*(?:-[1-9][0-9]*)?))?"
)
_FENCE = re.compile(r"^\s*(```|~~~)")
_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)
_TITLE = re.compile(r"^title:\s*(.+?)\s*$", re.MULTILINE)
_H1 = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)


def page_title(markdown: str, fallback: str) -> str:
    front = _FRONT_MATTER.match(markdown)
    if front and (m := _TITLE.search(front.group(0))):
        return m.group(1).strip("'\"")
    m = _H1.search(markdown)
    return m.group(1) if m else fallback


def _links(markdown: str) -> Iterator[tuple[int, re.Match[str]]]:
    """Each `law:` link with its 1-based line, skipping fenced code."""
    in_fence = False
    for number, line in enumerate(markdown.splitlines(), 1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            for match in _LINK.finditer(line):
                yield number, match


def _unread_law_links(markdown: str) -> Iterator[tuple[int, str]]:
    in_fence = False
    for number, line in enumerate(markdown.splitlines(), 1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        readable = {m.start("target") for m in _LINK.finditer(line)}
        for m in _ANY_LAW_LINK.finditer(line):
            if line.find("law:", m.start()) not in readable:
                yield number, line[m.start() : m.start() + 40].strip()


def find_citations(
    markdown: str, page: str, catalog: Catalog
) -> tuple[list[Citation], list[Problem]]:
    """Parse every citation of one page and check it against the catalog."""
    title = page_title(markdown, page)
    citations, problems = [], []
    display = f"docs/{page}"
    for line, text in _unread_law_links(markdown):
        problems.append(
            Problem(
                display,
                line,
                "E203",
                text,
                "is not a citation this site can read (write [text](law:ID#NUMBER), e.g. [《民法典》第670条](law:civil-code#670))",
            )
        )
    for line, match in _links(markdown):
        target = match.group("target")
        parsed = _TARGET.fullmatch(target)
        if not parsed:
            problems.append(
                Problem(
                    display,
                    line,
                    "E203",
                    target,
                    "is not a citation (write law:ID or law:ID#NUMBER, e.g. law:civil-code#670)",
                )
            )
            continue
        inst_id, number = parsed.group("id"), parsed.group("number")
        inst = catalog.instruments.get(inst_id)
        if inst is None and inst_id in catalog.unreadable:
            continue  # the instrument's file did not load; its own problem says why
        if inst is None:
            near = difflib.get_close_matches(inst_id, list(catalog.instruments), n=3, cutoff=0.4)
            hint = f"nearest: {', '.join(near)}" if near else "see regulations/ for the ids"
            problems.append(
                Problem(display, line, "E201", target, f"no instrument '{inst_id}' ({hint})")
            )
            continue
        if number is not None and number not in inst.article_map:
            problems.append(
                Problem(
                    display,
                    line,
                    "E202",
                    target,
                    f"'{inst_id}' has no article {number} ({_nearest_articles(number, list(inst.article_map))})",
                )
            )
            continue
        citations.append(Citation(page, title, line, inst_id, number, match.group("text")))
    return citations, problems


def _nearest_articles(number: str, numbers: list[str]) -> str:
    if not numbers:
        return "it has no articles entered; cite the instrument as law:ID"
    wanted = split_number(number)
    near = sorted(numbers, key=lambda n: (abs(split_number(n)[0] - wanted[0]), split_number(n)))[:3]
    return "nearest entered: " + ", ".join(sorted(near, key=split_number))


def law_url(from_page: str, inst_id: str, number: str | None) -> str:
    """Relative Markdown link from a docs page to an instrument page or article anchor."""
    target = posixpath.relpath(f"{LAWS_DIR}/{inst_id}.md", posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor(number)}" if number else target


def rewrite_citations(
    markdown: str,
    page: str,
    catalog: Catalog,
    label: Callable[[str, str, str | None, str], str] | None = None,
) -> tuple[str, list[Problem]]:
    """Turn each resolvable `law:` link into a relative link MkDocs validates like any other.

    `label(text, instrument_id, number, before)`, if given, also replaces the link text; `before`
    is the line up to the link. Print copies use it so that a citation reads whole on paper."""
    _, problems = find_citations(markdown, page, catalog)
    lines = markdown.splitlines(keepends=True)
    for line, match in reversed(list(_links(markdown))):
        parsed = _TARGET.fullmatch(match.group("target"))
        if not parsed or parsed.group("id") not in catalog.instruments:
            continue
        inst_id, number = parsed.group("id"), parsed.group("number")
        url = law_url(page, inst_id, number)
        text = lines[line - 1]
        if label is None:
            start, end = match.span("target")
            lines[line - 1] = text[:start] + url + text[end:]
        else:
            start, end = match.span()
            new_text = label(match.group("text"), inst_id, number, text[:start])
            lines[line - 1] = text[:start] + f"[{new_text}]({url})" + text[end:]
    return "".join(lines), problems


def collect_citations(docs_dir: Path, catalog: Catalog) -> list[Problem]:
    """Read every guidance page once, record its citations in the catalog, return bad ones."""
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        page = path.relative_to(docs_dir).as_posix()
        markdown, unreadable = read_text(path, f"docs/{page}", bom=True, unit="page")
        if markdown is None:
            problems.extend(unreadable)
            continue
        citations, page_problems = find_citations(markdown, page, catalog)
        catalog.citations.extend(citations)
        problems.extend(page_problems)
    return problems
