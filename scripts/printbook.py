"""Printable books: the training modules, or the borrower pages, joined into one document each.

    >>> pages = render_books(catalog, Path("docs"), config_nav, slugify)
    >>> sorted(pages)
    ['print/borrower-booklet.md', 'print/training-handbook.md']

The chapters come from the nav section that holds the book's index page, in nav order. Each page
becomes one chapter that starts on a new sheet (CSS class `print-module`): its headings move one
level down, every heading gets an id prefixed with the chapter's key so that ids stay unique,
links into another chapter of the same book become links inside the document, other relative
links are re-pointed from print/, and `law:` citations are resolved for the new path with link
text that names the instrument, so that a citation still reads whole on paper.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.citations import page_title, rewrite_citations
from scripts.guidance import format_date
from scripts.model import Catalog
from scripts.render import cite_text, plain

PRINT = "print"
Slugify = Callable[[str, str], str]


@dataclass(frozen=True)
class Book:
    path: str
    title: str
    description: str
    section: str  # the index page of the nav section the chapters come from
    audience: str
    intro: str


BOOKS = (
    Book(
        f"{PRINT}/training-handbook.md",
        "合规催收培训手册（打印版）",
        "“合规催收培训”全部模块、场景练习和检查清单合成的一份文件，便于打印或存为 PDF。",
        "training/index.md",
        "staff",
        "本手册把“合规催收培训”的全部模块、场景练习和检查清单合成一份，"
        "供培训时打印、分发或存为 PDF。每个模块从新的一页开始；自测题的参考答案直接展开。",
    ),
    Book(
        f"{PRINT}/borrower-booklet.md",
        "借款人权益手册（打印版）",
        "“借款人权益”各页合成的一份文件，便于打印、存为 PDF 或带到调解、投诉现场。",
        "borrowers/index.md",
        "borrower",
        "本手册把“借款人权益”各页合成一份，便于打印、存为 PDF，或带去投诉、调解时对照。"
        "每一部分从新的一页开始；文书模板可以照着填写。",
    ),
)


@dataclass(frozen=True)
class Chapter:
    page: str  # docs path, e.g. training/01-legal-framework.md
    nav_title: str | None
    markdown: str


# ---------------------------------------------------------------- chapters from the nav


def _entries(nav: list) -> Iterator[tuple[str | None, object]]:
    for item in nav:
        if isinstance(item, dict):
            yield from item.items()
        else:
            yield None, item


def _contains(children: object, page: str) -> bool:
    if isinstance(children, str):
        return children == page
    if isinstance(children, list):
        return any(_contains(c, page) for _, c in _entries(children))
    return False


def nav_pages(nav: list, section_index: str) -> list[tuple[str | None, str]]:
    """(nav title, page) of every page in the nav section that holds `section_index`, in order."""
    for _, children in _entries(nav or []):
        if isinstance(children, list) and _contains(children, section_index):
            return list(_flatten(children))
    return []


def _flatten(children: list) -> Iterator[tuple[str | None, str]]:
    for title, child in _entries(children):
        if isinstance(child, str):
            if not re.match(r"^[a-z]+://", child):
                yield title, child
        elif isinstance(child, list):
            yield from _flatten(child)


def load_chapters(book: Book, nav: list, docs_dir: Path) -> list[Chapter]:
    """The book's pages as written; a page the nav names but the folder lacks is left to MkDocs
    to report."""
    chapters = []
    for title, page in nav_pages(nav, book.section):
        path = docs_dir / page
        if page.endswith(".md") and path.is_file():
            chapters.append(Chapter(page, title, path.read_text(encoding="utf-8")))
    return chapters


# ---------------------------------------------------------------- one chapter

_FRONT_MATTER = re.compile(r"\A---\s*\n(?P<body>.*?)\n---\s*\n", re.DOTALL)
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(?P<indent>\s*)(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_ATTRS = re.compile(r"\s*\{:?\s*(?P<attrs>[#.][^{}]*)\}$")
_LINK = re.compile(
    r"(?P<head>!?\[(?:[^\[\]]|\[[^\]]*\])*\])\((?P<target>[^)\s]+)(?P<title>\s+\"[^\"]*\")?\)"
)
_REF_DEF = re.compile(r"^(?P<head>\s{0,3}\[(?!\^)[^\]]+\]:\s*)(?P<target>\S+)")  # not footnotes
_FOOTNOTE = re.compile(r"\[\^(?P<label>[^\]\s]+)\]")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_DETAILS = re.compile(r"^(?P<indent>\s*)\?\?\?(?!\+)")
_BARE_ARTICLE = re.compile(r"第[0-9]+条(之[0-9]+)?")
_INLINE_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[`*_]")


def chapter_key(page: str) -> str:
    """training/01-legal-framework.md → training-01-legal-framework; borrowers/index.md →
    borrowers."""
    stem = page.removesuffix(".md").removesuffix("/index")
    return stem.replace("/", "-")


def _heading_text(text: str) -> str:
    return _INLINE_MARKUP.sub(lambda m: m.group(1) or "", text).strip()


def _front_matter(markdown: str) -> tuple[dict, str]:
    match = _FRONT_MATTER.match(markdown)
    if not match:
        return {}, markdown
    try:
        meta = yaml.safe_load(match.group("body")) or {}
    except yaml.YAMLError:
        meta = {}
    return (meta if isinstance(meta, dict) else {}), markdown[match.end() :]


def _unique(slug: str, taken: set[str]) -> str:
    """Python-Markdown's toc rule for repeated headings: slug, slug_1, slug_2 …"""
    candidate, n = slug, 0
    while candidate in taken or not candidate:
        n += 1
        candidate = f"{slug}_{n}"
    taken.add(candidate)
    return candidate


def _heading_ids(body: str, slugify: Slugify) -> list[str]:
    """The id of each heading (in order) on the page's own page: explicit, or as toc makes it."""
    headings = [m for m in map(_HEADING.match, _outside_fences(body)) if m]
    explicit: list[str | None] = []
    for match in headings:
        attrs = _ATTRS.search(match.group("text"))
        found = re.search(r"#([^\s}]+)", attrs.group("attrs")) if attrs else None
        explicit.append(found.group(1) if found else None)
    taken = {e for e in explicit if e}
    return [
        e or _unique(slugify(_heading_text(_ATTRS.sub("", m.group("text"))), "-"), taken)
        for m, e in zip(headings, explicit, strict=True)
    ]


def _outside_fences(body: str) -> Iterator[str]:
    fenced = False
    for line in body.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield line


def render_chapter(
    chapter: Chapter, book: Book, pages: set[str], catalog: Catalog, slugify: Slugify
) -> str:
    key = chapter_key(chapter.page)
    meta, body = _front_matter(chapter.markdown)
    ids = iter(_heading_ids(body, slugify))

    def local(page: str, fragment: str) -> str:
        return f"{chapter_key(page)}--{fragment}" if fragment else chapter_key(page)

    def retarget(target: str) -> str:
        if target.startswith("#"):
            return "#" + local(chapter.page, target[1:])
        if _SCHEME.match(target) or target.startswith("/"):
            return target  # law: citations are resolved below; other schemes stay as written
        path, _, fragment = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(chapter.page), path))
        if resolved in pages:
            return "#" + local(resolved, fragment)
        return posixpath.relpath(resolved, PRINT) + (f"#{fragment}" if fragment else "")

    out: list[str] = []
    fenced = False
    titled = False
    for line in body.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            out.append(line)
            continue
        if fenced:
            out.append(line)
            continue
        heading = _HEADING.match(line)
        if heading:
            text = _ATTRS.sub("", heading.group("text"))
            attrs = _ATTRS.search(heading.group("text"))
            own_id = next(ids)
            classes = " ".join(re.findall(r"\.[^\s}]+", attrs.group("attrs"))) if attrs else ""
            level = len(heading.group("hashes"))
            if level == 1 and not titled:
                classes = (classes + " .print-module").strip()
                anchor = key
                titled = True
            else:
                anchor = local(chapter.page, own_id)
            hashes = "#" * min(level + 1, 6)
            attrs = f"#{anchor} {classes}".strip()
            out.append(f"{heading.group('indent')}{hashes} {text} {{{attrs}}}")
            if anchor == key:
                out.append("")
                out.append(_chapter_note(chapter, meta))
            continue
        line = _DETAILS.sub(r"\g<indent>???+", line)
        line = _FOOTNOTE.sub(lambda m: f"[^{key}-{m.group('label')}]", line)
        line = _REF_DEF.sub(lambda m: m.group("head") + retarget(m.group("target")), line)
        line = _LINK.sub(
            lambda m: f"{m.group('head')}({retarget(m.group('target'))}{m.group('title') or ''})",
            line,
        )
        out.append(line)
    if not titled:
        title = chapter.nav_title or page_title(chapter.markdown, chapter.page)
        out[:0] = [
            f"## {plain(title)} {{#{key} .print-module}}",
            "",
            _chapter_note(chapter, meta),
            "",
        ]

    def readable(text: str, inst_id: str, number: str | None, before: str) -> str:
        # On paper a link's target is gone: a bare "第25条" must name its instrument, unless the
        # text does already or the same line just did ("《民法典》第1165条、第1182条").
        inst = catalog.instruments[inst_id]
        if "《" in text or (_BARE_ARTICLE.fullmatch(text) and f"《{inst.short_title}》" in before):
            return text
        return plain(cite_text(inst, number))

    markdown, _ = rewrite_citations("\n".join(out) + "\n", book.path, catalog, label=readable)
    return markdown


def _chapter_note(chapter: Chapter, meta: dict) -> str:
    web = posixpath.relpath(chapter.page, PRINT)
    note = f"网页版：[{plain(meta.get('title') or chapter.nav_title or chapter.page)}]({web})"
    if meta.get("reviewed"):
        note += f" · 最后审核：{format_date(meta['reviewed'])}"
    return f"{note}\n{{: .print-meta }}"


# ---------------------------------------------------------------- the book


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_book(book: Book, chapters: list[Chapter], catalog: Catalog, slugify: Slugify) -> str:
    pages = {c.page for c in chapters}
    section_web = posixpath.relpath(book.section, PRINT)
    parts = [
        "---\n"
        f"title: {_quoted(book.title)}\n"
        f"description: {_quoted(book.description)}\n"
        f"audience: {book.audience}\n"
        "search:\n  exclude: true\n"  # the chapters are indexed on their own pages
        "---\n",
        f"# {plain(book.title)}\n",
        f"{book.intro}网页版见[这里]({section_web})。\n",
        '!!! note "本文件不是法律意见"\n'
        "    本文件用通俗的话介绍法律规定，不能代替律师对具体案件的意见。法律和监管规则可能修改，"
        "请以官方发布的文本为准；各部分的最后审核日期写在该部分开头。"
        "引用的条文写成《法规简称》第N条，可在本站“法规库”查到概要和官方来源。\n",
        "## 目录 {#contents}\n",
        "\n".join(
            f"{i}. [{plain(c.nav_title or page_title(c.markdown, c.page))}](#{chapter_key(c.page)})"
            for i, c in enumerate(chapters, 1)
        )
        + "\n",
    ]
    parts.extend(render_chapter(c, book, pages, catalog, slugify) for c in chapters)
    return "\n".join(parts).rstrip() + "\n"


def render_books(catalog: Catalog, docs_dir: Path, nav: list, slugify: Slugify) -> dict[str, str]:
    """Every printable book, keyed by its path under docs/."""
    return {
        book.path: render_book(book, load_chapters(book, nav, docs_dir), catalog, slugify)
        for book in BOOKS
    }
