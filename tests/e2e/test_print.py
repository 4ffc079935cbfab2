"""Print: the combined training handbook and borrower booklet, and the print stylesheet, checked on
the built site and rendered to PDF by Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from e2e.tabs import open_tab
from scripts.citations import page_title
from scripts.printbook import BOOKS, chapter_key, nav_pages

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parents[2]
HANDBOOK = BOOKS[0]


class _NavLoader(yaml.SafeLoader):
    """mkdocs.yml with its !ENV and python tags read as nulls: only the nav is wanted here."""


_NavLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def chapters(book) -> list[tuple[str, str]]:
    """(page, title) of each page the book must contain, from the nav in mkdocs.yml."""
    nav = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_NavLoader)["nav"]
    return [
        (page, page_title((ROOT / "docs" / page).read_text(encoding="utf-8"), page))
        for _, page in nav_pages(nav, book.section)
    ]


def built(site: Path, book) -> str:
    return (site / book.path.removesuffix(".md") / "index.html").read_text(encoding="utf-8")


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


@pytest.mark.parametrize("book", BOOKS, ids=lambda b: b.path)
def test_book_contains_every_chapter_of_its_section(built_site, book):
    """Each page of the nav section is in the book, in nav order, under its title, each a chapter
    that starts a new sheet."""
    html = built(built_site, book)
    expected = chapters(book)
    assert len(expected) >= (12 if book is HANDBOOK else 9)
    positions = []
    for page, title in expected:
        heading = re.search(
            rf'<h2 class="print-module" id="{re.escape(chapter_key(page))}">{re.escape(title)}',
            html,
        )
        assert heading, f"{book.path}: no chapter {title} ({page})"
        positions.append(heading.start())
    assert positions == sorted(positions)


@pytest.mark.parametrize("book", BOOKS, ids=lambda b: b.path)
def test_citations_in_the_book_read_whole_and_point_at_articles(built_site, book):
    """Links into the law library name their instrument (or follow one that did) and land on an
    article."""
    html = built(built_site, book)
    cites = re.findall(r'<a href="\.\./\.\./laws/([a-z0-9-]+)/#art-[0-9-]+">([^<]+)</a>', html)
    assert len(cites) > 50
    bare = [text for _, text in cites if "《" not in text]
    assert all(re.fullmatch(r"第[0-9]+条(之[0-9]+)?", text) for text in bare), bare
    assert "law:" not in html


def test_books_are_kept_out_of_search(built_site):
    """The chapters are found on their own pages; the combined copies would only repeat them."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [] == [d["location"] for d in index["docs"] if d["location"].startswith("print/")]


@pytest.mark.browser
@pytest.mark.parametrize("book", BOOKS, ids=lambda b: b.path)
def test_book_prints_to_a_pdf_with_a_sheet_per_chapter(built_site, browser, book):
    """Chromium prints the book to A4 with more pages than chapters; in print each chapter
    starts a page, answers are open and the site's controls are gone."""
    visit = open_tab(browser, "file://")
    context, page = visit.page.context, visit.page
    page.goto((built_site / book.path.removesuffix(".md") / "index.html").as_uri())
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert pdf_pages(pdf) > len(chapters(book))
    page.emulate_media(media="print")
    styles = page.evaluate("""() => ({
        breaks: [...document.querySelectorAll('.print-module')]
            .map(h => getComputedStyle(h).breakBefore),
        hidden: ['.md-header', '.md-sidebar--primary', '.md-search', '.md-footer', '.quick-exit']
            .map(s => document.querySelector(s)).filter(Boolean)
            .map(e => getComputedStyle(e).display),
        closed: [...document.querySelectorAll('details:not([open])')].length,
    })""")
    context.close()
    assert ["page"] * len(chapters(book)) == styles["breaks"]
    assert set(styles["hidden"]) == {"none"}
    assert 0 == styles["closed"]


@pytest.mark.browser
def test_print_stylesheet_opens_answers_and_shows_external_addresses(built_site, browser):
    """On any page in print: collapsed answers show, an external link is followed by its address,
    and navigation, search and quick exit are hidden."""
    visit = open_tab(browser, "file://")
    context, page = visit.page.context, visit.page
    page.goto((built_site / "training" / "02-before-you-start" / "index.html").as_uri())
    answer = "document.querySelector('details:not([open]) > :not(summary)').checkVisibility()"
    assert not page.evaluate(answer)
    page.emulate_media(media="print")
    assert page.evaluate(answer)
    page.goto((built_site / "laws" / "anti-unfair-competition-law-2025" / "index.html").as_uri())
    after = page.evaluate("""() => {
        const a = document.querySelector('article a[href^="https://"]');
        return [a.getAttribute('href'), getComputedStyle(a, '::after').content];
    }""")
    context.close()
    assert f'"（{after[0]}）"' == after[1]
