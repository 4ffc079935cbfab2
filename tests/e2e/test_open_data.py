"""The built site publishes its data: the JSON export with its schema, the CSV concordances, the
update log and its Atom feed, each linked from where readers look for it."""

from __future__ import annotations

import codecs
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

pytestmark = pytest.mark.build

REGULATIONS = Path(__file__).resolve().parents[2] / "regulations"
ATOM = "{http://www.w3.org/2005/Atom}"


def html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_export_validates_against_the_schema_beside_it(built_site):
    """site/data/catalog.json is valid against site/data/catalog.schema.json (2020-12)."""
    data = json.loads(html(built_site, "data/catalog.json"))
    schema = json.loads(html(built_site, "data/catalog.schema.json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert [] == [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def test_export_holds_the_whole_catalog(built_site):
    """One instrument per YAML file, their articles, topics, concordances, citations and changes;
    each url names a page the site has."""
    data = json.loads(html(built_site, "data/catalog.json"))
    files = {p.stem for p in REGULATIONS.glob("*.yaml")} - {"topics", "changelog"}
    assert files == {i["id"] for i in data["instruments"]}
    assert sum(len(i["articles"]) for i in data["instruments"]) == len(data["articles"]) > 300
    assert data["topics"] and data["citations"] and data["changes"]
    assert {("contract-law", "civil-code")} <= {(c["old"], c["new"]) for c in data["concordances"]}
    for record in data["instruments"] + data["articles"][:50] + data["topics"]:
        page = record["url"].split("#", 1)[0]
        assert (built_site / page / "index.html").is_file(), record["url"]


def test_concordance_csv_files_exist_with_bom_and_are_linked_from_the_about_page(built_site):
    """Every concordance has its CSV (UTF-8 with BOM); the data page links each file."""
    data = json.loads(html(built_site, "data/catalog.json"))
    about = html(built_site, "about/data/index.html")
    for concordance in data["concordances"]:
        raw = (built_site / concordance["csv"]).read_bytes()
        assert raw.startswith(codecs.BOM_UTF8 + "旧条文,".encode()), concordance["csv"]
        assert f'href="../../{concordance["csv"]}"' in about
    assert (
        'href="../../data/catalog.json"' in about
        and 'href="../../data/catalog.schema.json"' in about
    )


def test_about_nav_links_the_data_page(built_site):
    """关于 → 开放数据与离线使用 is in the navigation."""
    assert re.search(
        r'href="[^"]*about/data/"[^>]*>\s*(<span[^>]*>)?\s*开放数据与离线使用',
        html(built_site, "index.html"),
    )


def test_update_log_page_lists_changes_newest_first(built_site):
    """The log shows the legal changes with their dates, newest first, each under its anchor."""
    page = html(built_site, "laws/changelog/index.html")
    days = re.findall(r'<h2 id="[^"]*">(\d{4})年(\d{1,2})月(\d{1,2})日', page)
    assert days == sorted(days, key=lambda d: tuple(map(int, d)), reverse=True)
    for anchor in (
        "change-2021-01-01-contract-law",
        "change-2025-10-15-anti-unfair-competition-law-2025",
        "change-2026-01-01-public-security-penalties-law-2025",
        "change-2024-04-18-consumer-finance-company-measures",
    ):
        assert f'id="{anchor}"' in page


def test_law_page_links_to_its_entries_in_the_log(built_site):
    """The Contract Law page links to the log entry of its repeal, and that anchor exists."""
    page = html(built_site, "laws/contract-law/index.html")
    assert 'href="../changelog/#change-2021-01-01-contract-law"' in page
    assert 'id="change-2021-01-01-contract-law"' in html(built_site, "laws/changelog/index.html")


def test_atom_feed_is_published_and_discoverable(built_site):
    """changelog.xml parses as Atom with one entry per change; every page announces it."""
    feed = ET.parse(built_site / "changelog.xml").getroot()
    data = json.loads(html(built_site, "data/catalog.json"))
    assert f"{ATOM}feed" == feed.tag
    assert len(data["changes"]) == len(feed.findall(f"{ATOM}entry"))
    link = feed.find(f"{ATOM}entry/{ATOM}link").get("href")
    page, _, anchor = link.partition("#")
    assert f'id="{anchor}"' in html(built_site, f"{page}index.html")
    for path in ("index.html", "laws/civil-code/index.html", "borrowers/rights/index.html"):
        found = re.search(
            r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"',
            html(built_site, path),
        )
        assert found, path
        assert (built_site / "changelog.xml").resolve() == (built_site / path).parent.joinpath(
            found.group(1)
        ).resolve()
