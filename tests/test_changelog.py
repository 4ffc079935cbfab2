"""The update log: regulations/changelog.yaml loaded and checked, rendered as a page and an Atom
feed, and linked from each law page."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from conftest import REPO, problem_lines
from scripts import changelog, scaffold
from scripts.catalog import load_catalog
from scripts.render import CHANGELOG, FEED, nav_section, render_instrument

LOG = "regulations/changelog.yaml"
TODAY = dt.date(2026, 11, 28)
ATOM = "{http://www.w3.org/2005/Atom}"

NEWER = """\
changes:
  - date: 2026-12-01
    kind: entry
    instruments: [new-law]
    change: 更正第12条概要中的期限。
    reason: 再次对照官方文本时发现笔误。
"""


@pytest.fixture
def catalog(project):
    catalog, problems = load_catalog(project)
    assert [] == problems
    return catalog


def feed_of(catalog, **options) -> ET.Element:
    return ET.fromstring(
        changelog.render_feed(catalog, TODAY, site_name="法规参考", author="编写组", **options)
    )


# ---------------------------------------------------------------- the real log


def test_real_log_records_every_instrument_and_the_legal_changes():
    """Each instrument has its first entry of 2026-11-28; the four legal changes carry the dates
    of their files."""
    catalog, problems = load_catalog(REPO)
    assert [] == [p for p in problems if p.path == LOG]
    first = {
        c.instruments[0] for c in catalog.changes if c.kind == "entry" and c.date == "2026-11-28"
    }
    assert set(catalog.instruments) == first
    laws = [(c.date, tuple(c.instruments)) for c in catalog.changes if c.kind == "law"]
    assert [
        (
            "2026-01-01",
            ("public-security-penalties-law-2025", "public-security-penalties-law-2012"),
        ),
        ("2025-10-15", ("anti-unfair-competition-law-2025", "anti-unfair-competition-law-2019")),
        ("2024-04-18", ("consumer-finance-company-measures",)),
        ("2021-01-01", ("contract-law", "civil-code")),
    ] == laws


# ---------------------------------------------------------------- loading and checks


def test_log_is_optional(project):
    """Without regulations/changelog.yaml the log is empty, the page says so and nothing fails."""
    (project / LOG).unlink()
    catalog, problems = load_catalog(project)
    assert ([], []) == (problems, catalog.changes)
    assert "暂无记录。" in changelog.render_changelog_page(catalog)
    assert [] == feed_of(catalog).findall(f"{ATOM}entry")


def test_schema_problem_names_the_change_and_its_line(project, edit):
    """A wrong kind is E103 at its line, naming the change by its date."""
    edit(LOG, "kind: entry", "kind: update")
    assert [
        f"{LOG}:4: E103 change 2026-11-28: 'kind' is 'update' (expected one of: law, entry)"
    ] == problem_lines(project)


def test_impossible_date_is_located(project, edit):
    """A date that does not exist is reported at its line, not raised."""
    edit(LOG, "date: 2025-07-01", "date: 2025-02-30")
    assert [
        f"{LOG}:8: E103 change 2025-02-30: 'date' is '2025-02-30', "
        "not a real date (expected YYYY-MM-DD)"
    ] == problem_lines(project)


def test_markup_in_a_change_is_refused(project, edit):
    """Change text is plain text like every other YAML text."""
    edit(LOG, "reason: 修订决定", "reason: <b>修订决定</b>")
    assert [
        f"{LOG}:12: E112 change 2025-07-01: contains HTML markup "
        "(write plain text; no <tags> or on…= attributes)"
    ] == problem_lines(project)


def test_legal_change_on_another_instruments_date_names_each_instrument(project, edit):
    """E119 is checked per instrument: old-law stopped on 2025-07-01, so only its adoption fails."""
    edit(LOG, "instruments: [new-law]\n", "instruments: [new-law, old-law]\n")
    edit(LOG, "date: 2025-07-01", "date: 2015-04-24")
    assert [
        f"{LOG}:10: E119 change 2015-04-24: 'new-law' has no date 2015-04-24 "
        "(adopted 2025-01-10, effective 2025-07-01; correct the date here or in its file)",
    ] == problem_lines(project)


def test_instrument_that_fails_to_load_is_not_reported_again_by_the_log(project, edit):
    """A broken file is reported once, by its own problem, not as an unknown id in the log too."""
    edit("regulations/old-law.yaml", "short_title: 民间借贷管理法", "short_title: [民间借贷管理法")
    lines = problem_lines(project)
    assert lines and all("regulations/old-law.yaml" in line or "E118" not in line for line in lines)
    assert [] == [line for line in lines if line.startswith(LOG)]


def test_log_is_newest_first_and_old_anchors_never_move(project):
    """Adding entries on top keeps every existing anchor; a second one for the same day and
    instrument gets -2."""
    before = {c.change: c.anchor for c in load_catalog(project)[0].changes}
    path = project / LOG
    text = path.read_text(encoding="utf-8")
    same_day = NEWER.replace("2026-12-01", "2026-11-28").replace("changes:\n", "")
    path.write_text(text.replace("changes:\n", NEWER + same_day, 1), encoding="utf-8")
    catalog, problems = load_catalog(project)
    assert [] == problems
    assert ["2026-12-01", "2026-11-28", "2026-11-28", "2025-07-01"] == [
        c.date for c in catalog.changes
    ]
    after = {c.change: c.anchor for c in catalog.changes}
    assert before.items() <= after.items()
    assert "change-2026-11-28-new-law-2" in after.values()


# ---------------------------------------------------------------- page, law pages, nav


def test_page_lists_each_change_under_its_day(catalog):
    """Day headings newest first; each change a heading with its anchor, text, reason and links."""
    page = changelog.render_changelog_page(catalog)
    assert page.index("## 2026年11月28日") < page.index("## 2025年7月1日")
    assert "### 法律变化 · 《民间借贷管理法》（2025年修订） {#change-2025-07-01-new-law}" in page
    assert "原因：修订决定规定自2025年7月1日起施行。" in page
    assert "涉及：[《民间借贷管理法》（2025年修订）](new-law.md)" in page
    assert "[Atom 订阅源](../changelog.xml)" in page


def test_law_page_links_to_its_entries_in_the_log(catalog):
    """The new version's page lists both of its changes, each linking to its anchor in the log."""
    page = render_instrument(catalog.instruments["new-law"], catalog, TODAY)
    section = page.split("## 更新记录\n", 1)[1].split("\n## ", 1)[0]
    assert "(changelog.md#change-2026-11-28-new-law)" in section
    assert "(changelog.md#change-2025-07-01-new-law)" in section


def test_law_page_without_changes_has_no_log_section(catalog):
    """An instrument no change names gets no empty section."""
    page = render_instrument(catalog.instruments["collection-guideline"], catalog, TODAY)
    assert "## 更新记录" not in page


def test_nav_lists_the_log_under_the_law_library(catalog):
    """The generated 法规库 section ends with the update log."""
    assert {"更新记录": CHANGELOG} == nav_section(catalog, TODAY)[-1]


def test_render_changelog_gives_the_page_and_the_feed(catalog):
    """One call, two files, keyed by their paths under docs/."""
    assert {CHANGELOG, FEED} == set(
        changelog.render_changelog(catalog, TODAY, site_name="法规参考")
    )


# ---------------------------------------------------------------- the feed


def test_feed_is_atom_with_one_entry_per_change(catalog):
    """Atom 1.0: id, title, updated (newest change), links, one entry per change, newest first."""
    feed = feed_of(catalog)
    assert "2026-11-28T00:00:00+08:00" == feed.findtext(f"{ATOM}updated")
    entries = feed.findall(f"{ATOM}entry")
    assert [c.anchor for c in catalog.changes] == [
        e.find(f"{ATOM}link").get("href").split("#", 1)[1] for e in entries
    ]
    for entry in entries:
        assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
        assert entry.findtext(f"{ATOM}title")
        assert entry.findtext(f"{ATOM}summary")
    assert "2025-07-01T00:00:00+08:00" == entries[-1].findtext(f"{ATOM}updated")
    assert "law" == entries[-1].find(f"{ATOM}category").get("term")


def test_feed_links_are_relative_to_the_feed_without_a_site_url(catalog):
    """changelog.xml (site root) points at laws/changelog/ (or laws/changelog.html offline)."""
    links = {link.get("rel"): link.get("href") for link in feed_of(catalog).findall(f"{ATOM}link")}
    assert {"alternate": "laws/changelog/", "self": "changelog.xml"} == links
    offline = feed_of(catalog, directory_urls=False).find(f"{ATOM}entry/{ATOM}link").get("href")
    assert offline.startswith("laws/changelog.html#change-")


def test_feed_links_are_absolute_with_a_site_url_and_ids_do_not_move(catalog):
    """With site_url the links are absolute; the ids stay the same wherever the site lives."""
    here, there = feed_of(catalog), feed_of(catalog, site_url="https://example.cn/fagui/")
    assert "https://example.cn/fagui/laws/changelog/" == there.find(f"{ATOM}link").get("href")
    assert [e.text for e in here.iter(f"{ATOM}id")] == [e.text for e in there.iter(f"{ATOM}id")]
    ids = [e.text for e in here.iter(f"{ATOM}id")]
    assert len(ids) == len(set(ids))


def test_change_template_validates_once_it_names_an_instrument(project):
    """`python -m scripts new change`, pasted on top with a real id, leaves the project valid."""
    path = project / LOG
    entry = scaffold.change_template(TODAY).replace("example-law", "new-law")
    path.write_text(
        path.read_text(encoding="utf-8").replace("changes:\n", "changes:\n" + entry, 1),
        encoding="utf-8",
    )
    assert [] == problem_lines(project)
