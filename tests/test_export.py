"""scripts.export: the open dataset (JSON with its JSON Schema, concordances as CSV)."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json

import jsonschema
import pytest

from scripts import export
from scripts.catalog import load_catalog
from scripts.schema import SCHEMA_DIR

TODAY = dt.date(2026, 11, 28)
PAIR_CSV = "data/concordance-old-law--new-law.csv"


@pytest.fixture
def catalog(project):
    catalog, problems = load_catalog(project)
    assert [] == problems
    return catalog


@pytest.fixture
def files(catalog):
    return export.export_files(catalog, TODAY, site_name="法规参考")


def validator(schema_text: str) -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_files_are_the_json_its_schema_and_one_csv_per_concordance(files):
    """data/catalog.json, data/catalog.schema.json and the old→new CSV; nothing else."""
    assert ["data/catalog.json", "data/catalog.schema.json", PAIR_CSV] == sorted(files)
    assert (SCHEMA_DIR / "catalog.schema.json").read_text(encoding="utf-8") == files[
        "data/catalog.schema.json"
    ]


def test_export_validates_against_its_schema(files):
    """The JSON the site publishes is what the published schema describes."""
    data = json.loads(files["data/catalog.json"])
    assert [] == [e.message for e in validator(files["data/catalog.schema.json"]).iter_errors(data)]


def test_schema_rejects_a_field_it_does_not_describe(files):
    """additionalProperties is closed: a field that leaks into the export fails the schema test."""
    data = json.loads(files["data/catalog.json"])
    data["articles"][0]["secret"] = "x"
    assert not validator(files["data/catalog.schema.json"]).is_valid(data)


def test_every_reference_in_the_export_resolves(files):
    """Articles, topics, concordances, citations and changes name only things the export holds."""
    data = json.loads(files["data/catalog.json"])
    instruments = {i["id"] for i in data["instruments"]}
    articles = {a["ref"] for a in data["articles"]}
    assert {a["instrument"] for a in data["articles"]} <= instruments
    assert {r for i in data["instruments"] for r in i["articles"]} == articles
    assert {
        r for a in data["articles"] for k in ("replaces", "replaced_by", "related") for r in a[k]
    } <= articles
    assert {r for t in data["topics"] for r in t["articles"]} <= articles
    assert {row[k] for c in data["concordances"] for row in c["rows"] for k in ("old", "new")} - {
        None
    } <= articles
    assert {c["instrument"] for c in data["citations"]} <= instruments
    assert {i for c in data["changes"] for i in c["instruments"]} <= instruments
    anchors = {c["anchor"] for c in data["changes"]}
    assert {a for i in data["instruments"] for a in i["changes"]} <= anchors


def test_instrument_record_carries_status_and_derived_links(files):
    """Status as of the export date, and the reverse link that YAML never writes."""
    data = json.loads(files["data/catalog.json"])
    old = next(i for i in data["instruments"] if i["id"] == "old-law")
    assert ("superseded", "已被取代", ["new-law"]) == (
        old["status"],
        old["status_label"],
        old["superseded_by"],
    )
    assert "laws/old-law/" == old["url"]
    assert "2026-11-28" == data["generated"]


def test_urls_follow_the_offline_build(catalog):
    """Without directory URLs (the offline build) page links end in .html."""
    data = export.export_catalog(catalog, TODAY, site_name="法规参考", directory_urls=False)
    assert (
        "laws/new-law.html#art-12"
        == next(a for a in data["articles"] if a["ref"] == "new-law#12")["url"]
    )


def test_concordance_csv_opens_as_utf8_in_spreadsheets(files, catalog):
    """BOM, CRLF, the header, and one row per old→new pair or article without counterpart."""
    raw = files[PAIR_CSV]
    assert raw.startswith(codecs.BOM_UTF8)
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert export.CSV_HEADER == rows[0]
    old, new = catalog.instruments["old-law"], catalog.instruments["new-law"]
    expected = export.concordance_rows(old, new, catalog)
    assert [(r["old"] or "", r["new"] or "") for r in expected] == [(r[6], r[7]) for r in rows[1:]]
    assert {a.ref for a in old.articles} <= {r[6] for r in rows[1:]}
    assert rows[1][0].startswith("《民间借贷管理法》")


def test_export_is_the_same_every_time(catalog):
    """Same catalog, same bytes: builds stay reproducible."""
    first = export.export_files(catalog, TODAY, site_name="法规参考")
    assert first == export.export_files(catalog, TODAY, site_name="法规参考")


def test_files_list_links_each_file_from_the_about_page(catalog):
    """The about page's list links the JSON, the schema and every CSV relative to itself."""
    listing = export.files_list(catalog, "about/data.md")
    for path in ("data/catalog.json", "data/catalog.schema.json", PAIR_CSV):
        assert f"](../{path})" in listing
