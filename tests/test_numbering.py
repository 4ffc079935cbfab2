"""scripts.numbering: article numbers in Arabic and Chinese numerals."""

from __future__ import annotations

import pytest

from scripts.numbering import (
    anchor,
    article_label,
    article_label_zh,
    chinese_numeral,
    parse_chinese_numeral,
    split_number,
)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (15, "十五"),
        (20, "二十"),
        (100, "一百"),
        (101, "一百零一"),
        (105, "一百零五"),
        (110, "一百一十"),
        (119, "一百一十九"),
        (670, "六百七十"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (1039, "一千零三十九"),
        (1100, "一千一百"),
        (1260, "一千二百六十"),
        (9999, "九千九百九十九"),
    ],
)
def test_chinese_numeral_spot_values(number, expected):
    """Numbers are written the way statutes write them."""
    assert expected == chinese_numeral(number)


def test_chinese_numeral_round_trips_for_every_article_number_up_to_1260():
    """parse_chinese_numeral undoes chinese_numeral for 1…1260 (the Civil Code's last article)."""
    failures = [n for n in range(1, 1261) if parse_chinese_numeral(chinese_numeral(n)) != n]
    assert [] == failures


def test_chinese_numerals_are_distinct():
    """No two numbers share a Chinese form, so anchors and labels never collide."""
    forms = [chinese_numeral(n) for n in range(1, 1261)]
    assert len(forms) == len(set(forms))


@pytest.mark.parametrize("number", [0, -1, 10000])
def test_chinese_numeral_refuses_numbers_out_of_range(number):
    """Only 1–9999 have a statute form."""
    with pytest.raises(ValueError, match="article numbers run from 1 to 9999"):
        chinese_numeral(number)


@pytest.mark.parametrize(("text", "expected"), [("两百", 200), ("一百〇五", 105), ("十", 10)])
def test_parse_accepts_everyday_variants(text, expected):
    """Readers type 两 and 〇; both parse."""
    assert expected == parse_chinese_numeral(text)


@pytest.mark.parametrize("text", ["", "670", "第六百七十条", "六百七十 "])
def test_parse_refuses_what_is_not_a_numeral(text):
    """Anything but numeral characters is a ValueError."""
    with pytest.raises(ValueError, match="not a Chinese numeral"):
        parse_chinese_numeral(text)


def test_article_labels():
    """Arabic and Chinese labels, including 之一 articles inserted by amendment."""
    actual = (
        article_label("670"),
        article_label("293-1"),
        article_label_zh("670"),
        article_label_zh("293-1"),
        article_label_zh("1260"),
    )
    expected = ("第670条", "第293条之一", "第六百七十条", "第二百九十三条之一", "第一千二百六十条")
    assert expected == actual


def test_split_number_sorts_inserted_articles_after_their_base():
    """293-1 sorts after 293 and before 294; 10 after 9."""
    numbers = ["294", "293-1", "10", "293", "9", "293-2"]
    assert ["9", "10", "293", "293-1", "293-2", "294"] == sorted(numbers, key=split_number)


def test_anchor():
    """Anchors are stable, ASCII and keep the suffix."""
    assert ("art-670", "art-293-1") == (anchor("670"), anchor("293-1"))
