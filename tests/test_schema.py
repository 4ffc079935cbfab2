"""scripts.schema: jsonschema errors turned into located, fixed-form problems."""

from __future__ import annotations

import pytest

from conftest import VALID
from scripts.loader import load_yaml
from scripts.schema import check_document

NEW_LAW = (VALID / "regulations/new-law.yaml").read_text(encoding="utf-8")


def schema_lines(tmp_path, old: str, new: str) -> list[str]:
    """Change `old` to `new` once in new-law.yaml and return the schema's problems."""
    assert NEW_LAW.count(old) == 1, old
    path = tmp_path / "new-law.yaml"
    path.write_text(NEW_LAW.replace(old, new), encoding="utf-8")
    doc = load_yaml(path, "regulations/new-law.yaml")
    assert doc.ok, doc.problems
    return [str(p) for p in check_document(doc, "instrument")]


def test_valid_instrument_has_no_schema_problems(tmp_path):
    """The valid fixture passes the schema untouched."""
    assert [] == schema_lines(tmp_path, "id: new-law", "id: new-law")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'number: "31"',
            "number: 31",
            "regulations/new-law.yaml:36: E103 articles[1]: 'number' should be text (found 31)",
        ),
        (
            'number: "31"',
            'number: "031"',
            "regulations/new-law.yaml:36: E103 article 031: 'number' is '031' "
            '(expected an article number like "670" or "293-1" (quoted))',
        ),
        (
            "effective: 2025-07-01",
            "effective: 2025-02-30",
            "regulations/new-law.yaml:11: E103 'effective' is '2025-02-30', not a real date "
            "(expected YYYY-MM-DD)",
        ),
        (
            "effective: 2025-07-01\n",
            "",
            "regulations/new-law.yaml:2: E101 missing required field 'effective' "
            "(or 'unreviewed' saying why the date is unknown)",
        ),
        (
            "    title: 债权转让应当通知债务人\n",
            "",
            "regulations/new-law.yaml:36: E101 article 31: missing required field 'title'",
        ),
        (
            "  retrieved: 2026-11-28\n",
            "",
            "regulations/new-law.yaml:14: E101 missing required field 'retrieved'",
        ),
        (
            "total_articles: 64",
            "total_articles: 0",
            "regulations/new-law.yaml:13: E103 'total_articles' is too small "
            "(0 is less than the minimum of 1)",
        ),
        (
            "topics: [debt-assignment]",
            "topics: [debt-assignment, debt-assignment]",
            "regulations/new-law.yaml:41: E103 article 31: "
            "'topics' lists the same value twice (keep one)",
        ),
        (
            "title: 中华人民共和国民间借贷管理法",
            'title: ""',
            "regulations/new-law.yaml:3: E103 'title' is empty "
            "(write the text or remove the field)",
        ),
        (
            "supersedes: [old-law]",
            "supersedes: old-law",
            "regulations/new-law.yaml:12: E103 'supersedes' should be a list (found 'old-law')",
        ),
        (
            'replaces: ["old-law#12"]',
            'replaces: ["old-law 12"]',
            "regulations/new-law.yaml:33: E103 article 12: 'replaces' is 'old-law 12' "
            "(expected a reference like contract-law#200)",
        ),
        (
            "    topics: [debt-assignment]\n",
            "    topics: [debt-assignment]\n    notes: 见第45条\n",
            "regulations/new-law.yaml:42: E102 article 31: unknown field 'notes' (expected one of: "
            "change_note, chapter, for_borrowers, for_staff, no_successor, number, related, "
            "replaces, summary, title, topics, unreviewed)",
        ),
    ],
)
def test_schema_problem_names_place_field_and_fix(tmp_path, old, new, expected):
    """Each schema error is one line: file, line, code, article, what was found and expected."""
    assert [expected] == schema_lines(tmp_path, old, new)


def test_unknown_fields_are_each_reported_at_their_own_line(tmp_path):
    """Two unknown keys in one mapping give two E102 lines, each at its key."""
    actual = schema_lines(
        tmp_path,
        "  publisher: 国家法律法规数据库\n",
        "  publisher: 国家法律法规数据库\n  page: 1\n  lang: zh\n",
    )
    expected = [
        "regulations/new-law.yaml:18: E102 unknown field 'page' "
        "(expected one of: publisher, retrieved, url)",
        "regulations/new-law.yaml:19: E102 unknown field 'lang' "
        "(expected one of: publisher, retrieved, url)",
    ]
    assert expected == actual
