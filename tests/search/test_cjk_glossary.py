"""scripts.cjk_glossary: glossary terms become tooltips in Chinese running text, once per page,
never in headings, links or code; and the hook registers it for the real `mkdocs` command."""

from __future__ import annotations

import re

import markdown
import pytest

from scripts.cjk_glossary import CJKGlossaryExtension, load_glossary

TERMS = {
    "砍头息": "预扣的利息",
    "催收非法债务罪": "刑法第293条之一",
    "催收": "要求还钱",
    "LPR": "报价利率",
}


def render(text: str) -> str:
    glossary = CJKGlossaryExtension(terms=TERMS)
    return markdown.markdown(text, extensions=["admonition", "tables", glossary])


def test_a_term_inside_a_chinese_sentence_gets_a_tooltip():
    """No word boundary needed: 收取砍头息的 marks 砍头息, which the stock abbr would miss."""
    assert '<p>收取<abbr title="预扣的利息">砍头息</abbr>的</p>' == render("收取砍头息的")


def test_only_the_first_occurrence_on_a_page_is_marked():
    """A term marked once per page; the rest of the page reads undisturbed."""
    html = render("砍头息是什么？\n\n还是砍头息。")
    assert 1 == html.count("<abbr")


def test_the_longest_term_wins():
    """催收非法债务罪 is one term, not 催收 + 非法债务罪."""
    assert '<abbr title="刑法第293条之一">催收非法债务罪</abbr>' in render("构成催收非法债务罪")


def test_latin_terms_need_boundaries():
    """LPR in 4倍LPR is the term; in XLPRS it is part of another word."""
    assert "<abbr" in render("4倍LPR的")
    assert "<abbr" not in render("XLPRS")


@pytest.mark.parametrize(
    "text", ["# 砍头息", "[砍头息](x.md)", "`砍头息`", '!!! tip "砍头息"\n    正文']
)
def test_headings_links_code_and_admonition_titles_are_left_alone(text):
    """Places where a tooltip would be in the way."""
    assert "<abbr" not in render(text)


def test_the_site_glossary_loads(tmp_path):
    """docs/includes/glossary.yaml parses; a bad entry is refused with the file named."""
    from benchmarks.search import ROOT

    terms = load_glossary(ROOT / "docs" / "includes" / "glossary.yaml")
    assert {"砍头息", "诉讼时效", "LPR"} <= set(terms)
    bad = tmp_path / "glossary.yaml"
    bad.write_text("terms:\n  - term: 砍头息\n", encoding="utf-8")
    with pytest.raises(ValueError, match="glossary.yaml.*entry 1"):
        load_glossary(bad)


@pytest.mark.build
def test_the_built_site_shows_glossary_tooltips(search_site):
    """Through the real `mkdocs build`: the borrower page on debts explains 砍头息 on hover."""
    html = (search_site / "borrowers" / "verify-debt" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="[^"]+">砍头息</abbr>', html)
