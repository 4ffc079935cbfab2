"""scripts.citations: `law:` links in guidance pages found, checked and rewritten."""

from __future__ import annotations

import pytest

from conftest import make_project
from scripts.catalog import load_catalog
from scripts.citations import find_citations, law_url, page_title, rewrite_citations
from scripts.model import Citation


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    """The valid fixture catalog (new-law has articles 12, 31 and 45), loaded once: read only."""
    catalog, problems = load_catalog(make_project(tmp_path_factory.mktemp("citations") / "project"))
    assert [] == problems
    return catalog


NOT_A_CITATION = "is not a citation (write law:ID or law:ID#NUMBER, e.g. law:civil-code#670)"


def lines_of(problems) -> list[str]:
    return [str(p) for p in problems]


# ---------------------------------------------------------------- rewriting


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("index.md", "见[第12条](laws/new-law.md#art-12)。\n"),
        ("borrowers/rights.md", "见[第12条](../laws/new-law.md#art-12)。\n"),
        ("training/cases/01.md", "见[第12条](../../laws/new-law.md#art-12)。\n"),
        ("laws/topics/x.md", "见[第12条](../new-law.md#art-12)。\n"),
    ],
)
def test_rewrite_gives_relative_links_from_nested_pages(catalog, page, expected):
    """The same citation becomes a link relative to wherever the page sits."""
    assert (expected, []) == rewrite_citations("见[第12条](law:new-law#12)。\n", page, catalog)


def test_citation_of_a_whole_instrument_links_its_page(catalog):
    """law:ID without a number links the instrument page, no anchor."""
    assert ("全文见[本法](../laws/old-law.md)。\n", []) == rewrite_citations(
        "全文见[本法](law:old-law)。\n", "borrowers/guide.md", catalog
    )


def test_two_links_on_one_line_are_both_rewritten(catalog):
    """Rewriting one link does not shift the other."""
    markdown = (
        "见[第12条](law:new-law#12)和[旧法第30条](law:old-law#30)，另见[第45条](law:new-law#45)。\n"
    )
    expected = (
        "见[第12条](../laws/new-law.md#art-12)和[旧法第30条](../laws/old-law.md#art-30)，"
        "另见[第45条](../laws/new-law.md#art-45)。\n"
    )
    assert (expected, []) == rewrite_citations(markdown, "borrowers/guide.md", catalog)


def test_fenced_code_is_left_alone(catalog):
    """Links inside ``` or ~~~ fences are examples: neither checked nor rewritten."""
    markdown = (
        "```markdown\n[例子](law:no-such-law#1)\n```\n\n"
        "~~~\n[例子](law:new-law#12)\n~~~\n\n"
        "[正文](law:new-law#12)\n"
    )
    expected = (
        "```markdown\n[例子](law:no-such-law#1)\n```\n\n"
        "~~~\n[例子](law:new-law#12)\n~~~\n\n"
        "[正文](laws/new-law.md#art-12)\n"
    )
    assert (expected, []) == rewrite_citations(markdown, "index.md", catalog)


def test_other_links_are_left_alone(catalog):
    """Web and page links are not citations."""
    markdown = "[人大网](https://www.npc.gov.cn/) [权利](rights.md) [法](law-notes.md)\n"
    assert (markdown, []) == rewrite_citations(markdown, "borrowers/guide.md", catalog)


def test_link_text_may_hold_brackets(catalog):
    """One level of brackets inside the link text still makes a citation."""
    assert ("[《法》[注]第12条](laws/new-law.md#art-12)\n", []) == rewrite_citations(
        "[《法》[注]第12条](law:new-law#12)\n", "index.md", catalog
    )


def test_unknown_instrument_is_reported_and_left_unrewritten(catalog):
    """A citation that cannot resolve stays as written and comes back as a problem."""
    markdown = "见[个人信息保护法](law:pipl#1)。\n"
    text, problems = rewrite_citations(markdown, "borrowers/guide.md", catalog)
    assert (
        markdown,
        [
            "docs/borrowers/guide.md:1: E201 law:pipl#1: no instrument 'pipl' "
            "(see regulations/ for the ids)"
        ],
    ) == (text, lines_of(problems))


def test_law_link_with_a_title_is_not_silently_left_behind(catalog):
    """[text](law:ID#N "title") is either rewritten or reported, never left as a dead law: link."""
    text, problems = rewrite_citations(
        '见[第12条](law:new-law#12 "借贷管理法")。\n', "index.md", catalog
    )
    assert ("](law:" in text) == bool(problems)


def test_law_url():
    """law_url is relative to the page's folder and adds the article anchor."""
    actual = (
        law_url("index.md", "civil-code", "670"),
        law_url("borrowers/rights.md", "criminal-law", "293-1"),
        law_url("training/a/b.md", "civil-code", None),
    )
    assert (
        "laws/civil-code.md#art-670",
        "../laws/criminal-law.md#art-293-1",
        "../../laws/civil-code.md",
    ) == actual


# ---------------------------------------------------------------- finding and checking


def test_find_records_each_citation_with_page_title_line_and_text(catalog):
    """Each resolved citation keeps where it came from, for the reverse 'cited by' links."""
    markdown = (
        "---\ntitle: 你的权利\nreviewed: 2026-11-28\n---\n\n# 标题\n\n"
        "见[第12条](law:new-law#12)、[本法](law:new-law)。\n"
    )
    citations, problems = find_citations(markdown, "borrowers/rights.md", catalog)
    expected = [
        Citation("borrowers/rights.md", "你的权利", 8, "new-law", "12", "第12条"),
        Citation("borrowers/rights.md", "你的权利", 8, "new-law", None, "本法"),
    ]
    assert (expected, []) == (citations, problems)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("law:newlaw#12", "E201 law:newlaw#12: no instrument 'newlaw' (nearest: new-law, old-law)"),
        ("law:old-laws", "E201 law:old-laws: no instrument 'old-laws' (nearest: old-law, new-law)"),
        ("law:pipl#14", "E201 law:pipl#14: no instrument 'pipl' (see regulations/ for the ids)"),
        (
            "law:new-law#44",
            "E202 law:new-law#44: 'new-law' has no article 44 (nearest entered: 12, 31, 45)",
        ),
        (
            "law:old-law#29",
            "E202 law:old-law#29: 'old-law' has no article 29 (nearest entered: 12, 30)",
        ),
        (
            "law:collection-guideline#3",
            "E202 law:collection-guideline#3: 'collection-guideline' has no article 3 "
            "(it has no articles entered; cite the instrument as law:ID)",
        ),
        (
            "law:new-law#第12条",
            f"E203 law:new-law#第12条: {NOT_A_CITATION}",
        ),
        (
            "law:New-Law#12",
            f"E203 law:New-Law#12: {NOT_A_CITATION}",
        ),
        (
            "law:new-law#012",
            f"E203 law:new-law#012: {NOT_A_CITATION}",
        ),
    ],
)
def test_bad_citations_get_nearest_hints(catalog, target, expected):
    """Unknown ids suggest the closest ids; unknown numbers the closest entered articles."""
    citations, problems = find_citations(
        f"# 页\n\n见[条文]({target})。\n", "training/01.md", catalog
    )
    assert ([], [f"docs/training/01.md:3: {expected}"]) == (citations, lines_of(problems))


def test_nearest_articles_are_the_three_closest_in_order(project, edit):
    """With many articles, the hint lists the three nearest by number, in article order."""
    path = project / "regulations/new-law.yaml"
    text = path.read_text(encoding="utf-8")
    article = text[text.index('  - number: "45"') :]
    extra = "".join(article.replace('"45"', f'"{n}"') for n in ("46", "46-1", "60", "61"))
    path.write_text(text + extra, encoding="utf-8")
    catalog, problems = load_catalog(project)
    assert [] == problems
    _, problems = find_citations("[x](law:new-law#47)\n", "index.md", catalog)
    assert [
        "docs/index.md:1: E202 law:new-law#47: 'new-law' has no article 47 "
        "(nearest entered: 45, 46, 46-1)"
    ] == lines_of(problems)


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("---\ntitle: 你的权利\n---\n\n# 别的标题\n", "你的权利"),
        ('---\ntitle: "核实债务"\n---\n', "核实债务"),
        ("---\ndescription: 说明\n---\n\n# 页面标题\n", "页面标题"),
        ("正文，没有标题。\n", "borrowers/x.md"),
    ],
)
def test_page_title(markdown, expected):
    """Front-matter title first, then the H1, then the page path."""
    assert expected == page_title(markdown, "borrowers/x.md")
