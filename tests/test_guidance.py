"""scripts.guidance: the review date guidance pages must carry, and the notice it becomes."""

from __future__ import annotations

import datetime as dt

import pytest

from scripts.guidance import add_review_notice, check_guidance_pages, format_date, is_guidance

NOTICE_TAIL = "最后审核：2026年11月28日。\n"


def e204(page: str) -> str:
    return (
        f"docs/{page}:1: E204 front matter needs 'reviewed: YYYY-MM-DD' "
        "(the date the page was last checked against the law)"
    )


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("---\ntitle: 页\nreviewed: 2026-11-28\n---\n\n# 页\n", True),
        ("---\nreviewed: '2026-11-28'\ntitle: 页\n---\n", True),
        ('---\nreviewed: "2026-11-28"\n---\n', True),
        ("---\ntitle: 页\n---\n\n# 页\n", False),
        ("---\nreviewed: 2026-02-30\n---\n", False),
        ("---\nreviewed: 2026/11/28\n---\n", False),
        ("# 页\n\nreviewed: 2026-11-28\n", False),
        ("---\ntitle: 页\n---\n\nreviewed: 2026-11-28\n", False),
    ],
)
def test_review_date_must_be_a_real_date_in_front_matter(tmp_path, text, ok):
    """Only a real YYYY-MM-DD under 'reviewed:' in the front matter counts."""
    (tmp_path / "borrowers").mkdir()
    (tmp_path / "borrowers/page.md").write_text(text, encoding="utf-8")
    expected = [] if ok else [e204("borrowers/page.md")]
    assert expected == [str(p) for p in check_guidance_pages(tmp_path)]


def test_only_guidance_sections_need_a_review_date(tmp_path):
    """borrowers/ and training/ pages (at any depth) need one; the home and about pages do not."""
    for page in ("index.md", "about/index.md", "borrowers/index.md", "training/cases/01.md"):
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("# 页\n", encoding="utf-8")
    assert [e204("borrowers/index.md"), e204("training/cases/01.md")] == [
        str(p) for p in check_guidance_pages(tmp_path)
    ]


def test_is_guidance():
    """The first folder decides, not a name that merely starts the same."""
    actual = [
        is_guidance(p)
        for p in ("borrowers/rights.md", "training/01.md", "borrowers-old/x.md", "index.md")
    ]
    assert [True, True, False, False] == actual


def test_notice_is_appended_after_the_page_content():
    """The not-legal-advice notice comes after the page's own text, with the date in Chinese."""
    markdown = "---\nreviewed: 2026-11-28\n---\n\n# 你的权利\n\n正文。\n\n\n"
    actual = add_review_notice(markdown, dt.date(2026, 11, 28))
    head, notice = actual.split("正文。\n\n", 1)
    assert ("---\nreviewed: 2026-11-28\n---\n\n# 你的权利\n\n", True, True) == (
        head,
        notice.startswith('!!! note "本页不是法律意见"\n    '),
        notice.endswith(NOTICE_TAIL),
    )


def test_notice_accepts_a_date_or_its_text():
    """Front matter may give the date as a date or as a string; the notice is the same."""
    assert add_review_notice("正文。\n", "2026-11-28") == add_review_notice(
        "正文。\n", dt.date(2026, 11, 28)
    )


def test_format_date():
    """Dates read the Chinese way, without leading zeros."""
    assert ("2026年1月5日", "2025年12月31日") == (
        format_date("2026-01-05"),
        format_date(dt.date(2025, 12, 31)),
    )
