"""The open dataset: the whole catalog as one JSON file with its JSON Schema beside it, and each
old→new concordance as a CSV file that spreadsheet programs open as UTF-8 (it starts with a BOM).

    >>> files = export_files(catalog, dt.date(2026, 11, 28), site_name="法规参考")
    >>> sorted(files)[:2]
    ['data/catalog.json', 'data/catalog.schema.json']

Pure: catalog in, file contents out (text, or bytes for the CSV files). The schema is
regulations/schema/catalog.schema.json; a test validates the built site's export against it.
Every field the export writes is named here, so a new YAML field never leaks out unannounced.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from scripts.model import KIND_LABELS, STATUS_LABELS, Article, Catalog, Instrument
from scripts.numbering import anchor, article_label, article_label_zh
from scripts.render import (
    CHANGELOG,
    _rel,
    cite_text,
    concordance_pairs,
    concordance_path,
    page_path,
    page_url,
    plain,
    topic_path,
)
from scripts.schema import SCHEMA_DIR

DATA = "data"
CATALOG_JSON = f"{DATA}/catalog.json"
CATALOG_SCHEMA = f"{DATA}/catalog.schema.json"
# A hand-written page (docs/about/data.md) carries this line; the hook puts the file list there.
FILES_MARKER = "<!-- data-files -->"
FORMAT_VERSION = 1
NOTICE = (
    "概要、说明和标题是本站编写组用自己的话写的，不是法律条文；条文以官方发布的文本为准。"
    "本数据不构成法律意见。status 是按 generated 当天计算的效力状态。"
)
CSV_HEADER = [
    "旧条文",
    "旧条文标题",
    "新条文",
    "新条文标题",
    "变化",
    "无对应条文的原因",
    "旧条文编号",
    "新条文编号",
]

_INSTRUMENT_FIELDS = (
    "title",
    "short_title",
    "title_en",
    "version",
    "kind",
    "issuer",
    "document_number",
    "adopted",
    "effective",
    "until",
    "until_reason",
    "date_note",
    "total_articles",
    "why_it_matters",
    "unreviewed",
)
_ARTICLE_FIELDS = (
    "chapter",
    "title",
    "summary",
    "for_borrowers",
    "for_staff",
    "change_note",
    "no_successor",
    "unreviewed",
)


def concordance_csv_path(old_id: str, new_id: str) -> str:
    return f"{DATA}/concordance-{old_id}--{new_id}.csv"


def _instrument(inst: Instrument, catalog: Catalog, today: dt.date, urls: bool) -> dict[str, Any]:
    status = inst.status(today)
    source, reviewed = inst.source, inst.reviewed
    return {
        "id": inst.id,
        **{name: inst.data.get(name) for name in _INSTRUMENT_FIELDS},
        "kind_label": KIND_LABELS[inst.data["kind"]],
        "status": status,
        "status_label": STATUS_LABELS[status],
        "supersedes": list(inst.data.get("supersedes", [])),
        "superseded_by": sorted(inst.superseded_by),
        "key_points": list(inst.data.get("key_points", [])),
        "source": {
            "url": source["url"],
            "retrieved": source["retrieved"],
            "publisher": source.get("publisher"),
        },
        "reviewed": {
            "on": reviewed["on"],
            "against": reviewed["against"],
            "note": reviewed.get("note"),
        },
        "articles": [a.ref for a in sorted(inst.articles, key=lambda a: a.sort_key)],
        "changes": [c.anchor for c in catalog.changes_for(inst.id)],
        "url": page_url(page_path(inst.id), urls),
    }


def _article(art: Article, urls: bool) -> dict[str, Any]:
    return {
        "ref": art.ref,
        "instrument": art.instrument_id,
        "number": art.number,
        "label": article_label(art.number),
        "label_zh": article_label_zh(art.number),
        **{name: getattr(art, name) for name in _ARTICLE_FIELDS},
        "topics": list(art.topics),
        "replaces": list(art.replaces),
        "replaced_by": sorted(art.replaced_by),
        "related": list(art.related),
        "url": page_url(page_path(art.instrument_id), urls) + f"#{anchor(art.number)}",
    }


def concordance_rows(old: Instrument, new: Instrument, catalog: Catalog) -> list[dict[str, Any]]:
    """One row per old→new article pair; an old article without successor, or a new article
    without predecessor, has a row of its own with the other side empty."""
    rows = []
    for art in sorted(old.articles, key=lambda a: a.sort_key):
        successors = [r for r in art.replaced_by if r.startswith(f"{new.id}#")]
        for ref in sorted(successors, key=lambda r: catalog.article(r).sort_key):
            rows.append(
                {
                    "old": art.ref,
                    "new": ref,
                    "change_note": catalog.article(ref).change_note,
                    "no_successor": None,
                }
            )
        if not successors:
            rows.append(
                {"old": art.ref, "new": None, "change_note": None, "no_successor": art.no_successor}
            )
    for art in sorted(new.articles, key=lambda a: a.sort_key):
        if not any(r.startswith(f"{old.id}#") for r in art.replaces):
            rows.append(
                {"old": None, "new": art.ref, "change_note": art.change_note, "no_successor": None}
            )
    return rows


def export_catalog(
    catalog: Catalog, today: dt.date, *, site_name: str, directory_urls: bool = True
) -> dict[str, Any]:
    """The dataset as plain data, in the shape catalog.schema.json describes."""
    urls = directory_urls
    insts = sorted(catalog.instruments.values(), key=lambda i: i.id)
    return {
        "$schema": "catalog.schema.json",
        "format_version": FORMAT_VERSION,
        "title": site_name,
        "generated": today.isoformat(),
        "notice": NOTICE,
        "instruments": [_instrument(i, catalog, today, urls) for i in insts],
        "articles": [
            _article(a, urls) for i in insts for a in sorted(i.articles, key=lambda a: a.sort_key)
        ],
        "topics": [
            {
                "id": t.id,
                "name": t.name,
                "aliases": list(t.aliases),
                "description": t.description,
                "articles": [a.ref for a in catalog.articles_for_topic(t.id)],
                "url": page_url(topic_path(t.id), urls),
            }
            for t in catalog.topics.values()
        ],
        "concordances": [
            {
                "old": old.id,
                "new": new.id,
                "url": page_url(concordance_path(old.id, new.id), urls),
                "csv": concordance_csv_path(old.id, new.id),
                "rows": concordance_rows(old, new, catalog),
            }
            for old, new in concordance_pairs(catalog)
        ],
        "citations": [
            {
                "page": c.page,
                "page_title": c.page_title,
                "line": c.line,
                "instrument": c.instrument,
                "article": c.article,
                "text": c.text,
                "url": page_url(c.page, urls),
            }
            for c in sorted(
                catalog.citations, key=lambda c: (c.page, c.line, c.instrument, c.article or "")
            )
        ],
        "changes": [
            {
                "anchor": c.anchor,
                "date": c.date,
                "kind": c.kind,
                "kind_label": c.kind_label,
                "instruments": list(c.instruments),
                "change": c.change,
                "reason": c.reason,
                "url": page_url(CHANGELOG, urls) + f"#{c.anchor}",
            }
            for c in catalog.changes
        ],
    }


def concordance_csv(old: Instrument, new: Instrument, catalog: Catalog) -> bytes:
    """UTF-8 with a byte-order mark and CRLF line ends: what Excel and WPS need to show Chinese."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)

    def side(ref: str | None) -> tuple[str, str]:
        if ref is None:
            return "", ""
        art = catalog.article(ref)
        return cite_text(catalog.instruments[art.instrument_id], art.number), art.title

    for row in concordance_rows(old, new, catalog):
        old_cite, old_title = side(row["old"])
        new_cite, new_title = side(row["new"])
        writer.writerow(
            [
                old_cite,
                old_title,
                new_cite,
                new_title,
                row["change_note"] or "",
                row["no_successor"] or "",
                row["old"] or "",
                row["new"] or "",
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def export_files(
    catalog: Catalog, today: dt.date, *, site_name: str, directory_urls: bool = True
) -> dict[str, str | bytes]:
    """Every file of the dataset, keyed by its path in the site."""
    data = export_catalog(catalog, today, site_name=site_name, directory_urls=directory_urls)
    files: dict[str, str | bytes] = {
        CATALOG_JSON: json.dumps(data, ensure_ascii=False, indent=1) + "\n",
        CATALOG_SCHEMA: (SCHEMA_DIR / "catalog.schema.json").read_text(encoding="utf-8"),
    }
    for old, new in concordance_pairs(catalog):
        files[concordance_csv_path(old.id, new.id)] = concordance_csv(old, new, catalog)
    return files


def files_list(catalog: Catalog, from_page: str) -> str:
    """Markdown list of the dataset's files, linked relative to `from_page` (the about page)."""
    lines = [
        f"- [catalog.json]({_rel(from_page, CATALOG_JSON)})："
        "全部数据（法规、条文、主题、新旧对照、指南页引用、更新记录）",
        f"- [catalog.schema.json]({_rel(from_page, CATALOG_SCHEMA)})："
        "上述 JSON 的格式说明（JSON Schema 2020-12）",
    ]
    for old, new in concordance_pairs(catalog):
        path = concordance_csv_path(old.id, new.id)
        name, pair = path.rsplit("/", 1)[1], f"{plain(cite_text(old))} → {plain(cite_text(new))}"
        lines.append(f"- [{name}]({_rel(from_page, path)})：{pair} 条文对照（CSV）")
    return "\n".join(lines) + "\n"
