"""scripts.printbook: pages of one nav section joined into one printable document."""

from __future__ import annotations

import re

import markdown
import pytest
from pymdownx.slugs import slugify as make_slugify

from scripts import printbook
from scripts.catalog import load_catalog
from scripts.printbook import Book, Chapter

SLUGIFY = make_slugify(case="lower")
BOOK = Book(
    "print/guide-book.md",
    "指南手册（打印版）",
    "合成的一份文件。",
    "guide/index.md",
    "borrower",
    "导言。",
)
NAV = [
    {"首页": "index.md"},
    {
        "指南": [
            "guide/index.md",
            {"第一部分": "guide/first.md"},
            {"更多": [{"第二部分": "guide/second.md"}]},
            {"外部": "https://example.org/"},
        ]
    },
    {"关于": ["about/index.md"]},
]

FIRST = """\
---
title: 第一部分
reviewed: 2026-11-28
---

# 第一部分

放款时先扣掉利息的，按实际到手的金额计算（[《民间借贷管理法》第12条](law:new-law#12)、[第31条](law:new-law#31)）。
旧文本见[第12条](law:old-law#12)。

## 背景

## 要点 { #key-points }

见[下文](#背景_1)、[本节](#key-points)、[第二部分的表格](second.md#表格)和[第二部分](second.md)。
另见[法规库](../laws/index.md)、[表格文件](files/log.csv)、[官方网站](https://flk.npc.gov.cn/)。

## 背景

??? question "自测"
    答案。

脚注[^1]。

[^1]: 说明。

```text
# 不是标题 [链接](second.md)
```
"""

SECOND = """\
---
title: 第二部分
reviewed: 2026-10-01
---

# 第二部分

## 表格

回到[第一部分](first.md#key-points)。
"""


@pytest.fixture
def catalog(project):
    catalog, problems = load_catalog(project)
    assert [] == problems
    return catalog


@pytest.fixture
def book(catalog):
    chapters = [
        Chapter("guide/first.md", "第一部分", FIRST),
        Chapter("guide/second.md", "第二部分", SECOND),
    ]
    return printbook.render_book(BOOK, chapters, catalog, SLUGIFY)


def test_nav_pages_are_the_section_in_nav_order():
    """Every page of the section holding the index, nested ones included, external links out."""
    assert [
        (None, "guide/index.md"),
        ("第一部分", "guide/first.md"),
        ("第二部分", "guide/second.md"),
    ] == printbook.nav_pages(NAV, "guide/index.md")
    assert [] == printbook.nav_pages(NAV, "missing/index.md")


def test_chapter_key_names_the_page():
    """The key is the page path without .md; an index page takes its folder's name."""
    assert ("training-01-legal-framework", "borrowers") == (
        printbook.chapter_key("training/01-legal-framework.md"),
        printbook.chapter_key("borrowers/index.md"),
    )


def test_book_front_matter_keeps_the_copy_out_of_search(book):
    """The chapters are indexed on their own pages; the book says so in its front matter."""
    assert book.startswith('---\ntitle: "指南手册（打印版）"\n')
    assert "search:\n  exclude: true\n---\n" in book
    assert "audience: borrower" in book


def test_contents_list_every_chapter_in_order(book):
    """The table of contents uses the nav titles and links each chapter's anchor."""
    assert "1. [第一部分](#guide-first)\n2. [第二部分](#guide-second)" in book


def test_headings_move_down_and_get_chapter_ids(book):
    """The page title becomes a chapter heading that starts a new sheet; the rest follow one level
    down, with ids prefixed by the chapter (explicit ids kept, repeats numbered as toc does)."""
    assert "## 第一部分 {#guide-first .print-module}" in book
    assert "### 要点 {#guide-first--key-points}" in book
    assert "### 背景 {#guide-first--背景}" in book
    assert "### 背景 {#guide-first--背景_1}" in book
    assert "## 第二部分 {#guide-second .print-module}" in book
    assert "### 表格 {#guide-second--表格}" in book


def test_each_chapter_names_its_web_page_and_review_date(book):
    """Under each chapter heading: a link to the page online and its last review."""
    assert (
        "网页版：[第一部分](../guide/first.md) · 最后审核：2026年11月28日\n{: .print-meta }" in book
    )
    assert "最后审核：2026年10月1日" in book


def test_links_point_into_the_book_or_out_from_print(book):
    """Links to chapters become anchors in the document; other relative links are re-pointed from
    print/; external links and fenced code stay as written."""
    assert "[下文](#guide-first--背景_1)、[本节](#guide-first--key-points)" in book
    assert "[第二部分的表格](#guide-second--表格)和[第二部分](#guide-second)" in book
    assert "[回到第一部分]" not in book and "回到[第一部分](#guide-first--key-points)" in book
    assert "[法规库](../laws/index.md)、[表格文件](../guide/files/log.csv)" in book
    assert "[官方网站](https://flk.npc.gov.cn/)" in book
    assert "# 不是标题 [链接](second.md)" in book


def test_citations_resolve_for_print_and_read_whole_on_paper(book):
    """law: links point at the article from print/; a bare 第N条 names its instrument unless the
    same line just did."""
    assert (
        "[《民间借贷管理法》第12条](../laws/new-law.md#art-12)、[第31条](../laws/new-law.md#art-31)"
        in book
    )
    assert "旧文本见[《民间借贷管理法》（2015年文本）第12条](../laws/old-law.md#art-12)" in book
    assert "](law:" not in book


def test_answers_are_open_and_footnotes_stay_apart(book):
    """Collapsed blocks print open; footnote labels are prefixed so chapters cannot collide."""
    assert '???+ question "自测"' in book
    assert "脚注[^guide-first-1]" in book and "[^guide-first-1]: 说明。" in book


def test_every_link_inside_the_book_lands_on_an_id(book):
    """Rendered with the site's extensions, each #anchor link has a matching id."""
    body = book.split("\n---\n", 1)[1]
    html = markdown.markdown(
        body,
        extensions=[
            "attr_list",
            "admonition",
            "footnotes",
            "md_in_html",
            "pymdownx.details",
            "pymdownx.superfences",
            "toc",
        ],
        extension_configs={"toc": {"slugify": SLUGIFY}},
    )
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets and targets <= ids, targets - ids
    assert 2 == html.count('class="print-module"')


def test_a_page_without_a_title_heading_gets_one_from_the_nav(catalog):
    """A chapter whose page has no # heading still starts with its nav title."""
    chapters = [Chapter("guide/first.md", "第一部分", "正文。\n")]
    book = printbook.render_book(BOOK, chapters, catalog, SLUGIFY)
    assert (
        "## 第一部分 {#guide-first .print-module}\n\n网页版：[第一部分](../guide/first.md)" in book
    )


def test_load_chapters_reads_the_nav_pages_that_exist(tmp_path):
    """Pages are read in nav order; one the nav names but the folder lacks is left to MkDocs."""
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "index.md").write_text("# 指南\n", encoding="utf-8")
    (tmp_path / "guide" / "second.md").write_text(SECOND, encoding="utf-8")
    chapters = printbook.load_chapters(BOOK, NAV, tmp_path)
    assert ["guide/index.md", "guide/second.md"] == [c.page for c in chapters]
