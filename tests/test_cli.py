"""scripts.cli: the maintainer commands, called in-process on throw-away projects."""

from __future__ import annotations

import shutil

import pytest

from conftest import INVALID
from scripts.cli import main


@pytest.fixture(autouse=True)
def pinned_day(monkeypatch):
    """Every command sees 2026-11-28 as today."""
    monkeypatch.setenv("SITE_BUILD_DATE", "2026-11-28")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_valid_tree_exits_0_with_summary(project, capsys):
    """A clean tree prints only the summary line and exits 0."""
    assert (0, "validate: 0 errors, 0 warnings in 5 files\n", "") == run(
        capsys, "--root", str(project), "validate"
    )


def test_validate_invalid_tree_exits_1_with_each_problem_and_summary(project, capsys):
    """Each problem is one line, file:line: CODE subject: message, then the summary; exit 1."""
    shutil.copyfile(INVALID / "E105.yaml", project / "regulations/new-law.yaml")
    shutil.copyfile(INVALID / "E204.md", project / "docs/borrowers/guide.md")
    expected = (
        "docs/borrowers/guide.md:1: E204 front matter needs 'reviewed: YYYY-MM-DD' "
        "(the date the page was last checked against the law)\n"
        "regulations/new-law.yaml:42: E105 article 31: duplicate number "
        "(first at line 36; merge or renumber)\n"
        "validate: 2 errors, 0 warnings in 5 files\n"
    )
    assert (1, expected, "") == run(capsys, "--root", str(project), "validate")


def test_new_instrument_template_validates_as_printed(real_topics_project, capsys):
    """`new instrument x` saved as regulations/x.yaml passes validate with the real topic list."""
    code, template, _ = run(capsys, "new", "instrument", "x")
    (real_topics_project / "regulations/x.yaml").write_text(template, encoding="utf-8")
    assert (0, "validate: 0 errors, 0 warnings in 6 files\n", "") == run(
        capsys, "--root", str(real_topics_project), "validate"
    )
    assert (0, True) == (code, "adopted: 2026-11-28" in template.splitlines())


def test_new_instrument_needs_an_id(capsys):
    """Without an id the command explains itself on stderr and exits 2."""
    assert (
        2,
        "",
        "new instrument needs an id, e.g. python -m scripts new instrument example-law\n",
    ) == run(capsys, "new", "instrument")


def test_new_article_appended_to_an_instrument_validates(project, capsys):
    """`new article`, renumbered and appended to new-law's articles, passes validate."""
    code, template, _ = run(capsys, "new", "article")
    path = project / "regulations/new-law.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + template.replace('number: "1" ', 'number: "46"'), encoding="utf-8")
    assert (0, 0, "validate: 0 errors, 0 warnings in 5 files\n") == (
        code,
        *run(capsys, "--root", str(project), "validate")[:2],
    )


def test_new_article_as_printed_collides_with_article_1(project, capsys):
    """Appended twice without renumbering, the template's article 1 is a duplicate (E105)."""
    _, template, _ = run(capsys, "new", "article")
    path = project / "regulations/new-law.yaml"
    path.write_text(path.read_text(encoding="utf-8") + template + template, encoding="utf-8")
    _, out, _ = run(capsys, "--root", str(project), "validate")
    assert [
        "regulations/new-law.yaml:62: E105 article 1: duplicate number "
        "(first at line 50; merge or renumber)",
        "validate: 1 error, 0 warnings in 5 files",
    ] == out.splitlines()


def test_stats_prints_counts(project, capsys):
    """One row per instrument with articles, coverage and citations, then the totals."""
    expected = [
        "instrument            kind                       status   articles  coverage  citations",
        "collection-guideline  self-regulatory            施行日期未核实     0/-         -      0",
        "new-law               law                        现行有效        3/64     4.7%      3",
        "old-law               law                        已被取代        2/60     3.3%      1",
        "total: 3 instruments, 5 articles, 5 topics (4 in use), 4 citations in 2 pages",
    ]
    code, out, _ = run(capsys, "--root", str(project), "stats")
    assert (0, expected) == (code, out.splitlines())


def test_stats_refuses_invalid_data(project, capsys):
    """With errors in the data, stats points at validate and exits 1."""
    shutil.copyfile(INVALID / "E105.yaml", project / "regulations/new-law.yaml")
    assert (1, "", "stats: the data has errors; run `python -m scripts validate`\n") == run(
        capsys, "--root", str(project), "stats"
    )


def test_unknown_command_is_a_usage_error(capsys):
    """argparse rejects an unknown command with exit status 2."""
    with pytest.raises(SystemExit) as exit_info:
        main(["publish"])
    assert 2 == exit_info.value.code
