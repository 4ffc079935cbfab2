"""docs/assets/search-query.js in Chromium: what a typed query becomes before Material's worker
sees it. The terms are written as Lunr reads them: `\\` between Chinese characters, `^N` weight."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.build]


def terms(normalised: str) -> list[str]:
    """The normaliser's output as plain terms: 民\\法\\典670^3 → 民法典670. Prefix terms for the
    word perhaps still being typed (曝光*) are left out; test_typing_ahead looks at them."""
    plain = [t.replace("\\", "").rsplit("^", 1)[0] for t in normalised.split()]
    return [t for t in plain if not t.endswith("*")]


@pytest.fixture(scope="module")
def normalise(evaluate):
    return lambda query: evaluate("q => window.__normaliseSearchQuery(q)", query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("民法典670", ["民法典670", "670"]),
        ("民法典第670条", ["民法典670", "670"]),
        ("民法典第六百七十条", ["民法典670", "670"]),
        ("《民法典》 第 670 条", ["民法典670", "670"]),
        ("民法典第一千零三十八条", ["民法典1038", "1038"]),
        ("刑法293条之一", ["刑法293.1", "293.1"]),
        ("刑法第二百九十三条之一", ["刑法293.1", "293.1"]),
        ("消保法第27条", ["消费者权益保护法27", "27"]),
        ("个保法23条", ["个人信息保护法23", "23"]),
        ("第670条 民法典", ["670", "民法典670"]),
        ("670条", ["670"]),
        ("治安管理处罚法2012年第42条", ["2012", "治安管理处罚法42", "42"]),
    ],
)
def test_article_references_become_the_article_token(normalise, query, expected):
    """Every way of writing an article number reaches the index as the same token."""
    assert expected == terms(normalise(query))


def test_a_law_nickname_becomes_the_law_name(normalise):
    """消保法 is searched as the name the index carries."""
    assert ["消费者权益保护法"] == terms(normalise("消保法"))


def test_a_question_keeps_its_words_and_drops_question_words(normalise):
    """Whole words stay whole (砍头息 is not cut to 砍头), 怎么办 and 吗 go."""
    assert "砍头息" in terms(normalise("砍头息怎么算"))
    kept = terms(normalise("欠钱不还会坐牢吗"))
    assert "坐牢" in kept and "吗" not in kept and "怎么办" not in terms(normalise("被跟踪怎么办"))


def test_a_word_found_all_over_the_site_counts_only_when_nothing_else_was_asked(normalise):
    """催收 is on most pages: dropped from 催收骂人怎么办, kept when it is all there is."""
    assert ["骂人"] == terms(normalise("催收骂人怎么办"))
    assert ["催收"] == terms(normalise("催收怎么办"))


def test_latin_and_digits_are_split_from_chinese(normalise):
    """P图 and 4倍LPR are indexed in script runs; the normaliser cuts them the same way."""
    assert ["p", "图", "曝光"] == terms(normalise("P图曝光"))
    assert ["4", "倍", "lpr"] == terms(normalise("４倍ＬＰＲ"))


def test_typing_ahead_matches_the_beginning_of_the_last_word(normalise):
    """Results while typing: 爆通 is searched as the beginning of 爆通讯录, 1237 of 12378;
    after a space the word is finished."""
    assert "爆\\通*^1" in normalise("爆通").split()
    assert "1237*^1" in normalise("1237").split()
    assert not any(t.endswith("*^1") for t in normalise("砍头息 ").split())


def test_query_syntax_is_left_alone(normalise):
    """A reader who writes Lunr syntax gets exactly that."""
    assert "+砍头息 -合同法" == normalise("+砍头息 -合同法")
