"""The validated catalog: instruments, their articles, topics, and the links derived between them.

Only forward links are written in YAML (`supersedes`, `replaces`, citations in guidance pages);
the reverse ones (`superseded_by`, `replaced_by`, `cited_by`) are filled in here, once.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from scripts.loader import Document
from scripts.numbering import split_number

KIND_LABELS = {
    "law": "法律",
    "judicial-interpretation": "司法解释",
    "administrative-regulation": "行政法规",
    "departmental-rule": "部门规章",
    "normative-document": "规范性文件",
    "national-standard": "国家标准",
    "self-regulatory": "行业自律",
    "local-regulation": "地方性法规",
}

# Order used for the instrument index: strongest binding force first.
KIND_ORDER = list(KIND_LABELS)

STATUS_LABELS = {
    "in-force": "现行有效",
    "not-yet": "尚未施行",
    "repealed": "已废止",
    "superseded": "已被取代",
    "unknown": "施行日期未核实",
}


def build_date() -> dt.date:
    """Today in China, where the law applies; SITE_BUILD_DATE=YYYY-MM-DD pins it for tests."""
    pinned = os.environ.get("SITE_BUILD_DATE")
    if pinned:
        return dt.date.fromisoformat(pinned)
    return dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Citation:
    """One `law:` link in a guidance page."""

    page: str  # docs-relative source path, e.g. borrowers/rights.md
    page_title: str
    line: int
    instrument: str
    article: str | None
    text: str


@dataclass
class Article:
    instrument_id: str
    number: str
    title: str
    summary: str
    topics: list[str]
    line: int
    chapter: str | None = None
    for_borrowers: str | None = None
    for_staff: str | None = None
    replaces: list[str] = field(default_factory=list)
    change_note: str | None = None
    no_successor: str | None = None
    related: list[str] = field(default_factory=list)
    unreviewed: str | None = None
    replaced_by: list[str] = field(default_factory=list)
    cited_by: list[Citation] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return f"{self.instrument_id}#{self.number}"

    @property
    def sort_key(self) -> tuple[int, int]:
        return split_number(self.number)


@dataclass
class Instrument:
    data: dict[str, Any]
    doc: Document
    articles: list[Article]
    superseded_by: list[str] = field(default_factory=list)
    cited_by: list[Citation] = field(default_factory=list)

    @classmethod
    def from_document(cls, doc: Document) -> Instrument:
        data = doc.data
        articles = [
            Article(
                instrument_id=data["id"],
                line=doc.line_of(("articles", i)),
                **{k: v for k, v in a.items() if k in Article.__dataclass_fields__},
            )
            for i, a in enumerate(data["articles"])
        ]
        return cls(data=data, doc=doc, articles=articles)

    def __getattr__(self, name: str) -> Any:
        # Optional YAML fields read as attributes (inst.title_en), None when absent.
        if name.startswith("_") or name in ("data", "doc", "articles"):
            raise AttributeError(name)
        return self.data.get(name)

    @property
    def id(self) -> str:
        return self.data["id"]

    @cached_property
    def article_map(self) -> dict[str, Article]:
        # Built once: every citation and reference looks an article up here, and rebuilding it
        # per lookup made loading grow with citations × articles (benchmarks/build_scale.py).
        return {a.number: a for a in self.articles}

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.data["kind"]]

    @property
    def display_title(self) -> str:
        version = self.data.get("version")
        return f"{self.title}（{version}）" if version else self.title

    def status(self, today: dt.date) -> str:
        effective, until = _date(self.data.get("effective")), _date(self.data.get("until"))
        if until and until <= today:
            return self.data.get("until_reason", "repealed")
        if effective is None:
            return "unknown"
        return "not-yet" if effective > today else "in-force"

    def is_historical(self) -> bool:
        return "until" in self.data


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    aliases: tuple[str, ...]
    description: str


CHANGE_KIND_LABELS = {"law": "法律变化", "entry": "条目更新"}


@dataclass
class Change:
    """One entry of regulations/changelog.yaml: a change to the law or to the site's entries."""

    date: str
    kind: str
    instruments: list[str]
    change: str
    reason: str
    doc: Document
    index: int  # position in the file, for line numbers
    anchor: str = ""  # stable id on the update-log page, set by Catalog.add_changes

    @property
    def kind_label(self) -> str:
        return CHANGE_KIND_LABELS[self.kind]

    def line_of(self, *path: str | int) -> int:
        return self.doc.line_of(("changes", self.index, *path))


@dataclass
class Catalog:
    instruments: dict[str, Instrument] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    citations: list[Citation] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)  # newest first
    # Ids (file names) of instrument files that failed to load: their own problems say why, so a
    # reference to one of them is not reported again as unknown.
    unreadable: set[str] = field(default_factory=set)
    # regulations/topics.yaml failed to load: its own problem says why, not one per topic used.
    topics_unreadable: bool = False
    files: int = 0

    def add_changes(self, changes: list[Change]) -> None:
        """Keep the log newest first and give each entry an anchor that later entries never move:
        date and main instrument, numbered in date order when one day has several for it."""
        taken: set[str] = set()
        for change in sorted(changes, key=lambda c: (c.date, -c.index)):
            base = f"change-{change.date}-{change.instruments[0]}"
            anchor, n = base, 1
            while anchor in taken:
                n += 1
                anchor = f"{base}-{n}"
            taken.add(anchor)
            change.anchor = anchor
        self.changes = sorted(changes, key=lambda c: (c.date, -c.index), reverse=True)

    def changes_for(self, inst_id: str) -> list[Change]:
        return [c for c in self.changes if inst_id in c.instruments]

    def article(self, ref: str) -> Article | None:
        inst_id, _, number = ref.partition("#")
        inst = self.instruments.get(inst_id)
        return inst.article_map.get(number) if inst else None

    def articles_for_topic(self, topic_id: str) -> list[Article]:
        return [
            a for inst in self.instruments.values() for a in inst.articles if topic_id in a.topics
        ]

    def link_reverse(self) -> None:
        """Fill the derived reverse links from the forward ones written in YAML."""
        for inst in self.instruments.values():
            for old in inst.data.get("supersedes", []):
                if old in self.instruments:
                    self.instruments[old].superseded_by.append(inst.id)
            for art in inst.articles:
                for ref in art.replaces:
                    old = self.article(ref)
                    if old is not None:
                        old.replaced_by.append(art.ref)
        for cite in self.citations:
            inst = self.instruments.get(cite.instrument)
            if inst is None:
                continue
            target = inst.article_map.get(cite.article) if cite.article else None
            (target.cited_by if target else inst.cited_by).append(cite)
