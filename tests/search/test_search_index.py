"""scripts.search_index: the vocabulary jieba learns, the hidden fields and boosts it adds to
Material's search index, and the data it writes for the query normaliser."""

from __future__ import annotations

import json

import pytest

from conftest import make_project
from scripts.catalog import load_catalog
from scripts.search_index import (
    EMPTY_BOOST,
    HISTORICAL_BOOST,
    LAW_PAGE_BOOST,
    LISTING_BOOST,
    article_key,
    citation_keys,
    enrich_index,
    law_names,
    subwords,
    vocabulary,
    vocabulary_script,
)

SEPARATOR = "[\\s\\u200b\\u3000\\-、。，．？！；：（）《》“”]+"
WORDS = {"坐牢", "不会", "会不会", "利息", "预扣", "债权", "转让"}


def is_word(word: str) -> bool:
    return word in WORDS


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    catalog, problems = load_catalog(make_project(tmp_path_factory.mktemp("search") / "project"))
    assert [] == problems
    return catalog


def index_of(*docs: dict) -> dict:
    return {
        "config": {"separator": SEPARATOR, "lang": ["en"], "pipeline": [], "fields": {}},
        "docs": list(docs),
    }


def test_article_key_is_one_token_for_one_article():
    """Law name and number glued, 之一 as .1: the search separator would split at '-'."""
    assert ("民法典670", "刑法293.1") == (
        article_key("民法典", "670"),
        article_key("刑法", "293-1"),
    )


def test_vocabulary_holds_aliases_and_law_names_but_no_latin(catalog):
    """Topic aliases and law names are taught to jieba; Latin words are left to the separator."""
    words = vocabulary(catalog)
    assert {"砍头息", "债务被卖", "民间借贷管理法", "催收非法债务罪"} <= set(words)
    assert all(len(w) > 1 for w in words)


def test_law_names_map_every_name_to_the_short_title(catalog):
    """Full title, title without 中华人民共和国, short title: one name in the index."""
    names = law_names(catalog)
    assert {"民间借贷管理法"} == {names["中华人民共和国民间借贷管理法"], names["民间借贷管理法"]}


def test_citation_keys_name_the_law_the_article_and_the_version(catalog):
    """Each article carries its law, its token and, for a version in a chain, the year."""
    keys = citation_keys(catalog)
    assert ["民间借贷管理法", "2025", "民间借贷管理法12"] == keys["laws/new-law/#art-12"]
    assert ["民间借贷管理法", "2025"] == keys["laws/new-law/"]
    assert "laws/old-law.html#art-12" in citation_keys(catalog, directory_urls=False)


def test_subwords_are_the_known_words_inside_a_long_token():
    """jieba's search mode: 会不会坐牢 also answers 坐牢."""
    assert ["不会", "坐牢", "会不会"] == subwords("会不会坐牢", is_word)


def test_enrich_index_adds_hidden_fields_and_ranks_pointers_lower(catalog):
    """Keys and parts are added; old versions, law page tops, lists, empty headings rank lower."""
    index = index_of(
        {
            "location": "laws/new-law/#art-12",
            "title": "第12条 不得\u200b预扣利息",
            "text": "<p>会不会坐牢</p>",
        },
        {"location": "laws/new-law/", "title": "民间借贷管理法", "text": "<p>现行有效</p>"},
        {"location": "laws/old-law/#art-12", "title": "第12条", "text": "<p>x</p>"},
        {
            "location": "laws/topics/kantouxi/#民间借贷管理法",
            "title": "《民间借贷管理法》",
            "text": "<p>x</p>",
        },
        {"location": "laws/new-law/#第三章", "title": "第三章 债权转让", "text": ""},
        {"location": "borrowers/faq/", "title": "常见问题", "text": "<p>x</p>", "boost": 0.5},
    )
    docs = {d["location"]: d for d in enrich_index(index, catalog, is_word)["docs"]}
    article = docs["laws/new-law/#art-12"]
    assert ["民间借贷管理法", "2025", "民间借贷管理法12", "利息", "预扣"] == article["keys"].split()
    assert ["不会", "会不会", "坐牢"] == article["parts"].split()  # sorted
    assert "boost" not in article
    assert LAW_PAGE_BOOST == docs["laws/new-law/"]["boost"]
    assert HISTORICAL_BOOST == docs["laws/old-law/#art-12"]["boost"]
    assert LISTING_BOOST == docs["laws/topics/kantouxi/#民间借贷管理法"]["boost"]
    assert EMPTY_BOOST == docs["laws/new-law/#第三章"]["boost"]
    assert 0.5 == docs["borrowers/faq/"]["boost"]
    assert "keys" not in index["docs"][0]  # the input is left alone


def test_vocabulary_script_counts_sections_and_names_common_words(catalog):
    """Words with the number of sections that have them; words in a quarter of them are common,
    law names never."""
    index = index_of(
        *[
            {"location": f"p{i}/", "title": "催收\u200b规则", "text": f"民间借贷管理法 词{i}"}
            for i in range(4)
        ],
        {"location": "q/", "title": "砍头息", "text": ""},
    )
    script = vocabulary_script(catalog, index)
    data = json.loads(script[script.index("{") : script.rindex("}") + 1])
    assert 5 == data["sections"]
    assert 4 == data["words"]["催收"] and 1 == data["words"]["砍头息"]
    assert {"催收", "规则"} <= set(data["common"])
    assert "民间借贷管理法" not in data["common"]
    assert "民间借贷管理法" == data["laws"]["中华人民共和国民间借贷管理法"]


def test_everyday_words_are_common_at_a_lower_share(catalog):
    """An everyday word (jieba knows it as frequent) is common in a tenth of the sections already;
    a legal word in as many sections stays searchable."""
    docs = [{"location": f"p{i}/", "title": f"页{i}", "text": ""} for i in range(8)]
    docs += [{"location": "a/", "title": "要求\u200b骚扰", "text": ""}]
    script = vocabulary_script(catalog, index_of(*docs), everyday=lambda w: w == "要求")
    data = json.loads(script[script.index("{") : script.rindex("}") + 1])
    assert "要求" in data["common"] and "骚扰" not in data["common"]


def test_link_lists_leave_the_article_teaser_and_their_words_stay_searchable(catalog):
    """The lists under an article are not shown in a search result; 常见说法 is still found."""
    text = (
        "<p>概要</p> <ul> <li>相关条文：《民法典》第680条</li> <li>常见说法：呼死你、电话轰炸</li>"
        " <li>引用本条的页面：常见问题</li> </ul>"
    )
    index = index_of({"location": "laws/new-law/#art-12", "title": "第12条", "text": text})
    (doc,) = enrich_index(index, catalog, is_word)["docs"]
    assert "<p>概要</p>" == doc["text"]
    assert {"呼死你", "电话轰炸"} <= set(doc["parts"].split())
    assert "680" not in doc["parts"]
