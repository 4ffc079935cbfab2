"""scripts.render: the valid fixtures rendered at a pinned date match tests/golden/; data never
becomes markup; status and reverse links are derived right.

Regenerate the golden pages after an intended change with

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_render.py

and review the diff before committing it.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
from urllib.parse import urlsplit

import markdown
import pytest

from conftest import GOLDEN, MARKDOWN_EXTENSIONS, make_project
from scripts.catalog import load_catalog
from scripts.model import Catalog
from scripts.render import nav_section, plain, render_instrument, render_site

TODAY = dt.date(2026, 11, 28)
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS)


@pytest.fixture(scope="module")
def catalog(tmp_path_factory) -> Catalog:
    """The valid fixture project, loaded once for the module (pinned topic vocabulary)."""
    root = make_project(tmp_path_factory.mktemp("render") / "project")
    catalog, problems = load_catalog(root)
    assert [] == problems
    return catalog


@pytest.fixture(scope="module")
def site(catalog) -> dict[str, str]:
    """Every generated page at the pinned date; rewrites tests/golden/ when UPDATE_GOLDEN=1."""
    pages = render_site(catalog, TODAY)
    if UPDATE:
        shutil.rmtree(GOLDEN / "laws", ignore_errors=True)
        for name, text in pages.items():
            path = GOLDEN / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return pages


def golden_pages() -> list[str]:
    return sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md"))


# ---------------------------------------------------------------- golden pages


def test_site_has_exactly_the_golden_pages(site):
    """render_site produces one page per golden file, no more and no fewer."""
    assert golden_pages() == sorted(site)


@pytest.mark.parametrize("page", golden_pages())
def test_page_matches_golden(site, page):
    """Each generated page is byte-for-byte its golden file."""
    assert (GOLDEN / page).read_text(encoding="utf-8") == site[page]


def test_rendering_is_deterministic(catalog, site):
    """Rendering twice gives the same pages: no ordering by hash or time."""
    assert site == render_site(catalog, TODAY)


# ---------------------------------------------------------------- escaping


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "[点我](javascript:alert(1))",
        "![图](https://example.org/x.png)",
        "<https://example.org>",
        "**重点** 和 _强调_ 和 `代码`",
        "见注[^1]",
        '{: onclick="alert(1)" }',
        "| 甲 | 乙 |",
        "*[HTML]: 超文本",
        "[ ] 待办",
        "&lt;已转义&gt; & 未转义",
        "22点~8点",
        "利率\\年",
    ],
)
def test_plain_text_renders_as_itself(text):
    """After plain(), the site's Markdown shows just the text: no element, link or backslash."""
    assert f"<p>{text}</p>" == html.unescape(to_html(plain(text)))


@pytest.mark.parametrize(
    "text", ['!!! danger "假通知"', '??? note "展开"', "1. 第一项", "- 第一项", "+ 第一项"]
)
def test_plain_text_at_the_start_of_a_block_stays_a_paragraph(text):
    """A summary that starts like an admonition or a list is still just a paragraph."""
    assert f"<p>{text}</p>" == html.unescape(to_html(plain(text)))


def test_plain_neutralises_a_javascript_link():
    """[x](javascript:…) in data keeps its brackets escaped, so Markdown never makes it a link."""
    assert ("\\[x\\](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>") == (
        plain("[x](javascript:alert(1))"),
        to_html(plain("[x](javascript:alert(1))")),
    )


def test_plain_escapes_html_and_strips_outer_whitespace():
    """HTML is escaped (quotes are harmless outside attributes) and outer whitespace dropped."""
    assert '&lt;b onclick="x"&gt;粗&lt;/b&gt; \\#1' == plain('  <b onclick="x">粗</b> #1 \n')


def test_text_in_the_article_location_line_shows_without_backslashes(tmp_path):
    """The raw-HTML line under each article heading shows chapter text exactly as written."""
    root = make_project(tmp_path / "project")
    path = root / "regulations/new-law.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("chapter: 第三章 债权转让", "chapter: 第三章 债权转让 [试行]"),
        encoding="utf-8",
    )
    catalog, problems = load_catalog(root)
    assert [] == problems
    page = to_html(render_instrument(catalog.instruments["new-law"], catalog, TODAY))
    line = re.search(r'<p class="article-where">[^<]*第三十一条[^<]*</p>', page).group(0)
    assert (
        '<p class="article-where">《民间借贷管理法》第三十一条 · 第三章 债权转让 [试行]</p>' == line
    )


def test_source_url_cannot_add_a_link_of_its_own(tmp_path):
    """Whatever url the data holds, the instrument page links nothing but http(s) addresses."""
    root = make_project(tmp_path / "project")
    path = root / "regulations/new-law.yaml"
    url = "https://flk.npc.gov.cn/)[官方文本](javascript:alert(1)"
    path.write_text(
        path.read_text(encoding="utf-8").replace("url: https://flk.npc.gov.cn/", f"url: {url}"),
        encoding="utf-8",
    )
    catalog, problems = load_catalog(root)
    if any(p.code == "E113" for p in problems):
        return  # refused at validation: it never reaches a page
    page = to_html(render_instrument(catalog.instruments["new-law"], catalog, TODAY))
    schemes = {urlsplit(href).scheme for href in re.findall(r'href="([^"]*)"', page)}
    assert set() == schemes - {"", "http", "https"}


def test_status_banner_joins_chinese_sentences_without_spaces(site):
    """Sentences in the status box follow each other like Chinese prose, with no space after 。."""
    banner = site["laws/old-law.md"].split("!!! warning", 1)[1].split("\n\n", 1)[0]
    assert "。 " not in banner


# ---------------------------------------------------------------- status


@pytest.mark.parametrize(
    ("inst_id", "day", "expected"),
    [
        ("old-law", dt.date(2015, 9, 30), "not-yet"),
        ("old-law", dt.date(2015, 10, 1), "in-force"),
        ("old-law", dt.date(2025, 6, 30), "in-force"),
        ("old-law", dt.date(2025, 7, 1), "superseded"),
        ("new-law", dt.date(2025, 6, 30), "not-yet"),
        ("new-law", dt.date(2025, 7, 1), "in-force"),
        ("new-law", TODAY, "in-force"),
        ("collection-guideline", TODAY, "unknown"),
    ],
)
def test_status_on_a_given_day(catalog, inst_id, day, expected):
    """Status follows effective and until; the day 'until' names is already the new status."""
    assert expected == catalog.instruments[inst_id].status(day)


def test_repealed_status_comes_from_until_reason(tmp_path):
    """A version that stopped with until_reason repealed is repealed, not superseded."""
    root = make_project(tmp_path / "project")
    path = root / "regulations/old-law.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "until_reason: superseded", "until_reason: repealed"
        ),
        encoding="utf-8",
    )
    catalog, problems = load_catalog(root)
    assert [] == problems
    old = catalog.instruments["old-law"]
    assert ("repealed", "已于2025年7月1日废止，现行规定见") == (
        old.status(TODAY),
        re.search(r"已于\S+?现行规定见", render_instrument(old, catalog, TODAY)).group(0),
    )


def test_banner_before_and_after_the_change(catalog):
    """Before 'until' the banner says it will be replaced; the day before effective, not yet."""
    old = render_instrument(catalog.instruments["old-law"], catalog, dt.date(2025, 6, 30))
    new = render_instrument(catalog.instruments["new-law"], catalog, dt.date(2025, 6, 30))
    assert (
        '!!! success "现行有效 · 法律"',
        "将于2025年7月1日被新版本取代",
        '!!! info "尚未施行 · 法律"',
        "起施行（尚未生效）",
    ) == (
        re.search(r'!!! \w+ "[^"]+"', old).group(0),
        re.search(r"将于\S+?取代", old).group(0),
        re.search(r'!!! \w+ "[^"]+"', new).group(0),
        re.search(r"起施行（尚未生效）", new).group(0),
    )


# ---------------------------------------------------------------- derived links


def test_reverse_links_are_derived(catalog):
    """superseded_by, replaced_by and cited_by are filled from the forward links only."""
    old, new = catalog.instruments["old-law"], catalog.instruments["new-law"]
    actual = {
        "superseded_by": (old.superseded_by, new.superseded_by),
        "replaced_by": (old.article_map["12"].replaced_by, old.article_map["30"].replaced_by),
        "article cited_by": sorted((c.page, c.line) for c in new.article_map["12"].cited_by),
        "old article cited_by": [(c.page, c.line) for c in old.article_map["12"].cited_by],
        "index cited_by": [(c.page, c.line) for c in new.article_map["31"].cited_by],
        "instrument cited_by": [(c.page, c.article) for c in new.cited_by],
    }
    expected = {
        "superseded_by": (["new-law"], []),
        "replaced_by": (["new-law#12"], []),
        "article cited_by": [("borrowers/guide.md", 9)],
        "old article cited_by": [("borrowers/guide.md", 10)],
        "index cited_by": [("index.md", 3)],
        "instrument cited_by": [("borrowers/guide.md", None)],
    }
    assert expected == actual


def test_nav_section_lists_every_generated_page(catalog, site):
    """The 法规库 nav holds every page render_site generates, so MkDocs orphans none."""

    def pages(entry):
        if isinstance(entry, str):
            yield entry
        elif isinstance(entry, dict):
            for value in entry.values():
                yield from pages(value)
        else:
            for item in entry:
                yield from pages(item)

    assert [] == sorted(set(site) - set(pages(nav_section(catalog, TODAY))))
