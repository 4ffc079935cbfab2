"""Guidance pages (borrowers/, training/): the review stamp they must carry and the notice it becomes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from scripts.loader import read_text
from scripts.problems import Problem

SECTIONS = ("borrowers", "training")
_FRONT_MATTER = re.compile(r"\A---\s*\n(?P<body>.*?)\n---\s*\n", re.DOTALL)
_REVIEWED = re.compile(r"^reviewed:\s*['\"]?(\d{4}-\d{2}-\d{2})['\"]?\s*$", re.MULTILINE)


def is_guidance(page: str) -> bool:
    return page.split("/", 1)[0] in SECTIONS


def check_guidance_pages(docs_dir: Path) -> list[Problem]:
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        page = path.relative_to(docs_dir).as_posix()
        if not is_guidance(page):
            continue
        text, _ = read_text(path, f"docs/{page}", bom=True, unit="page")
        if text is None:  # reported once, by citations.collect_citations
            continue
        front = _FRONT_MATTER.match(text)
        stamp = _REVIEWED.search(front.group("body")) if front else None
        valid = False
        if stamp:
            try:
                dt.date.fromisoformat(stamp.group(1))
                valid = True
            except ValueError:
                valid = False
        if not valid:
            problems.append(
                Problem(
                    f"docs/{page}",
                    1,
                    "E204",
                    "",
                    "front matter needs 'reviewed: YYYY-MM-DD' (the date the page was last checked against the law)",
                )
            )
    return problems


def format_date(value: Any) -> str:
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return f"{day.year}年{day.month}月{day.day}日"


def review_notice(reviewed: Any) -> str:
    return (
        '!!! note "本页不是法律意见"\n'
        "    本页用通俗的话介绍法律规定，帮助你了解权利和义务，不能代替律师对具体案件的意见。"
        "法律和监管规则可能修改，请以官方发布的文本为准。"
        f"最后审核：{format_date(reviewed)}。\n"
    )


def add_review_notice(markdown: str, reviewed: Any) -> str:
    """Append the notice: a frightened reader needs the page's own first lines (safety) first."""
    return markdown.rstrip("\n") + "\n\n" + review_notice(reviewed)
