"""scripts.model and scripts.problems: the catalog's small behaviours and the problem format."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from conftest import make_project
from scripts.catalog import load_catalog
from scripts.model import build_date
from scripts.problems import Problem, summarize


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    """The valid fixture catalog, loaded once: these tests only read it."""
    catalog, problems = load_catalog(make_project(tmp_path_factory.mktemp("model") / "project"))
    assert [] == problems
    return catalog


def test_build_date_can_be_pinned(monkeypatch):
    """SITE_BUILD_DATE fixes 'today' for reproducible builds."""
    monkeypatch.setenv("SITE_BUILD_DATE", "2026-11-28")
    assert dt.date(2026, 11, 28) == build_date()


def test_build_date_is_today_in_china(monkeypatch):
    """Without a pin, today is the date in Asia/Shanghai."""
    monkeypatch.delenv("SITE_BUILD_DATE", raising=False)
    before = dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()
    assert build_date() in {before, before + dt.timedelta(days=1)}


def test_optional_fields_read_as_attributes(catalog):
    """Fields a file leaves out read as None; labels and display titles are derived."""
    new, guideline = catalog.instruments["new-law"], catalog.instruments["collection-guideline"]
    actual = (
        new.title_en,
        guideline.title_en,
        guideline.version,
        new.kind_label,
        new.display_title,
        guideline.display_title,
    )
    expected = (
        "Private Lending Administration Law of the People's Republic of China",
        None,
        None,
        "法律",
        "中华人民共和国民间借贷管理法（2025年修订）",
        "个人贷款催收工作指引（试行）",
    )
    assert expected == actual


def test_private_attributes_are_not_read_from_data(catalog):
    """Dunder and private names raise AttributeError, so copy and pickle behave."""
    with pytest.raises(AttributeError):
        _ = catalog.instruments["new-law"]._secret


def test_article_lookup_and_topic_listing(catalog):
    """Catalog.article resolves refs; articles_for_topic lists each article using a topic."""
    actual = (
        catalog.article("new-law#31").title,
        catalog.article("new-law#99"),
        catalog.article("no-law#1"),
        sorted(a.ref for a in catalog.articles_for_topic("kantouxi")),
        catalog.articles_for_topic("limitation"),
    )
    assert ("债权转让应当通知债务人", None, None, ["new-law#12", "old-law#12"], []) == actual


def test_article_lines_point_at_their_list_item(catalog):
    """Each article remembers the line of its '- number:' item."""
    assert [25, 36, 42] == [a.line for a in catalog.instruments["new-law"].articles]


def test_load_catalog_counts_files_and_reads_docs_from_elsewhere(project):
    """Files are topics, instruments and changelog; docs_dir may be another folder."""
    (project / "docs").rename(project / "pages")
    catalog, problems = load_catalog(project, project / "pages")
    assert (5, [], 4) == (catalog.files, problems, len(catalog.citations))


def test_missing_docs_folder_means_no_citations(project):
    """Without docs/, nothing is cited and nothing is wrong."""
    (project / "docs").rename(project / "elsewhere")
    catalog, problems = load_catalog(project)
    assert ([], []) == (catalog.citations, problems)


def test_missing_topics_file_is_reported(project):
    """regulations/topics.yaml is required; without it that one problem is reported, not an
    unknown topic for every article that uses one."""
    (project / "regulations/topics.yaml").unlink()
    _, problems = load_catalog(project)
    assert ["regulations/topics.yaml:1: E001 cannot read file (No such file or directory)"] == [
        str(p) for p in problems
    ]


def test_an_unreadable_instrument_is_reported_once(project):
    """A syntax error in one instrument gives one problem: citations of it, references to it and
    the history it would complete are not reported again as unknown or broken."""
    path = project / "regulations/new-law.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: 中华", "title: [中华", 1), encoding="utf-8"
    )
    _, problems = load_catalog(project)
    # PyYAML notices the unclosed flow sequence on the line after it opens.
    assert ["regulations/new-law.yaml:4"] == [f"{p.path}:{p.line}" for p in problems]
    assert "E002" == problems[0].code


def test_problem_format_with_and_without_subject():
    """`path:line: CODE subject: message`, the subject left out when empty."""
    actual = (
        str(Problem("regulations/civil-code.yaml", 88, "E105", "article 670", "duplicate number")),
        str(Problem("docs/borrowers/rights.md", 1, "E204", "", "front matter needs a date")),
    )
    expected = (
        "regulations/civil-code.yaml:88: E105 article 670: duplicate number",
        "docs/borrowers/rights.md:1: E204 front matter needs a date",
    )
    assert expected == actual


def test_problems_sort_by_file_then_line():
    """Problems sort by path, then line, then code, so output reads top to bottom."""
    problems = [
        Problem("b.yaml", 1, "E101", "", "x"),
        Problem("a.yaml", 9, "E105", "", "x"),
        Problem("a.yaml", 10, "E101", "", "x"),
    ]
    assert [("a.yaml", 9), ("a.yaml", 10), ("b.yaml", 1)] == [
        (p.path, p.line) for p in sorted(problems)
    ]


@pytest.mark.parametrize(
    ("errors", "files", "expected"),
    [
        (0, 1, "validate: 0 errors, 0 warnings in 1 file"),
        (1, 2, "validate: 1 error, 0 warnings in 2 files"),
        (2, 9, "validate: 2 errors, 0 warnings in 9 files"),
    ],
)
def test_summary_line(errors, files, expected):
    """The closing line counts errors and files with the right plural."""
    problems = [Problem("a.yaml", i, "E101", "", "x") for i in range(errors)]
    assert expected == summarize(problems, files)
