"""Every error code fires exactly where its fixture says, and nowhere else.

A fixture in tests/fixtures/invalid/ is named after its code and is one change away from a valid
file. A file fixture replaces one file of the valid project (see `CASES`); a folder fixture is a
whole regulations/ set of its own, installed next to the test topic vocabulary and nothing else.
"""

from __future__ import annotations

import gzip
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import INVALID, make_project, problem_lines
from scripts.problems import CODES

GUIDELINE = "regulations/collection-guideline.yaml"
NEW_LAW = "regulations/new-law.yaml"
OLD_LAW = "regulations/old-law.yaml"
TOPICS = "regulations/topics.yaml"
CHANGELOG = "regulations/changelog.yaml"
GUIDE = "docs/borrowers/guide.md"


@dataclass(frozen=True)
class Case:
    fixture: str
    install: str | None  # where a file fixture goes in the valid project; None for a folder
    expected: list[str]


CASES: dict[str, Case] = {
    "E001": Case(
        "E001.yaml",
        GUIDELINE,
        [
            f"{GUIDELINE}:3: E001 byte 0xb8 is not UTF-8 (save as UTF-8)",
        ],
    ),
    "E002": Case(
        "E002.yaml",
        GUIDELINE,
        [
            f"{GUIDELINE}:3: E002 mapping values are not allowed here "
            "(check indentation, colons and quotes)",
        ],
    ),
    "E003": Case(
        "E003.yaml",
        GUIDELINE,
        [
            f"{GUIDELINE}:1: E003 no content (expected a YAML mapping)",
        ],
    ),
    "E004": Case(
        "E004.yaml",
        GUIDELINE,
        [
            f"{GUIDELINE}:5: E004 title: key appears twice (first at line 3; keep one)",
        ],
    ),
    "E005": Case(
        "E005.yaml",
        GUIDELINE,
        [
            f"{GUIDELINE}:6: E005 tag !!python/object/apply:os.system "
            "(remove it; plain values only)",
        ],
    ),
    "E006": Case(
        "E006.yaml",
        GUIDELINE,
        [
            f"{GUIDELINE}:10: E006 anchor or alias (write each value out in full)",
        ],
    ),
    "E007": Case(
        "E007.yaml",
        GUIDELINE,
        [
            f"{GUIDELINE}:11: E007 tab character (indent with spaces; no tabs in text)",
        ],
    ),
    "E008": Case(
        "E008.yaml.gz",
        GUIDELINE,
        [
            f"{GUIDELINE}:1: E008 1,035,866 bytes "
            "(at most 1,000,000; split the instrument or trim text)",
        ],
    ),
    "E009": Case(
        "E009.yaml",
        GUIDELINE,
        [
            f"{GUIDELINE}:17: E009 more than 16 levels (flatten the structure)",
        ],
    ),
    "E101": Case(
        "E101.yaml",
        GUIDELINE,
        [
            f"{GUIDELINE}:2: E101 missing required field 'issuer'",
        ],
    ),
    "E102": Case(
        "E102.yaml",
        GUIDELINE,
        [
            f"{GUIDELINE}:7: E102 unknown field 'date_notes' (expected one of: adopted, articles, "
            "date_note, document_number, effective, id, issuer, key_points, kind, reviewed, "
            "short_title, source, supersedes, title, title_en, total_articles, unreviewed, until, "
            "until_reason, version, why_it_matters)",
        ],
    ),
    "E103": Case(
        "E103.yaml",
        GUIDELINE,
        [
            f"{GUIDELINE}:5: E103 'kind' is 'self-regulation' (expected one of: law, "
            "judicial-interpretation, administrative-regulation, departmental-rule, "
            "normative-document, national-standard, self-regulatory, local-regulation)",
        ],
    ),
    "E104": Case(
        "E104.yaml",
        GUIDELINE,
        [
            f"{GUIDELINE}:2: E104 id 'collection-guidelines' differs from file name "
            "'collection-guideline' (make them equal)",
        ],
    ),
    "E105": Case(
        "E105.yaml",
        NEW_LAW,
        [
            f"{NEW_LAW}:42: E105 article 31: duplicate number "
            "(first at line 36; merge or renumber)",
        ],
    ),
    "E106": Case(
        "E106",
        None,
        [
            "regulations/collection-guideline.yml:2: E106 id 'collection-guideline' "
            "is also used by "
            "regulations/collection-guideline.yaml (ids must be unique)",
        ],
    ),
    "E107": Case(
        "E107.yaml",
        NEW_LAW,
        [
            f"{NEW_LAW}:41: E107 article 31: topic 'debt-transfer' "
            "is not in regulations/topics.yaml "
            "(use an existing id or add it there)",
        ],
    ),
    "E108": Case(
        "E108.yaml",
        GUIDELINE,
        [
            f"{GUIDELINE}:7: E108 'collection-convention-2018' is not another instrument's id "
            "(expected one of the files in regulations/)",
        ],
    ),
    "E109": Case(
        "E109.yaml",
        NEW_LAW,
        [
            f"{NEW_LAW}:35: E109 article 12: 'new-law#13' does not exist "
            "(no such article 13 in 'new-law')",
        ],
    ),
    "E110": Case(
        "E110.yaml",
        NEW_LAW,
        [
            f"{NEW_LAW}:11: E110 'effective' 2025-07-01 is before 'adopted' 2025-10-01",
        ],
    ),
    "E111": Case(
        "E111.yaml",
        GUIDELINE,
        [
            f"{GUIDELINE}:7: E111 stops applying but no instrument lists it in supersedes "
            "(add it to the successor's supersedes)",
        ],
    ),
    "E112": Case(
        "E112.yaml",
        NEW_LAW,
        [
            f"{NEW_LAW}:45: E112 article 45: contains HTML markup "
            "(write plain text; no <tags> or on…= attributes)",
        ],
    ),
    "E113": Case(
        "E113.yaml",
        GUIDELINE,
        [
            f"{GUIDELINE}:9: E113 source url 'www.china-cba.net/' is not allowed "
            "(expected an http:// or https:// address without spaces or quotes)",
        ],
    ),
    "E114": Case(
        "E114",
        None,
        [
            f"{NEW_LAW}:12: E114 versions supersede each other in a loop "
            "(new-law → old-law → new-law); an older version cannot supersede a newer one",
        ],
    ),
    "E115": Case(
        "E115.yaml",
        OLD_LAW,
        [
            f"{OLD_LAW}:31: E115 article 30: no article of the successor replaces it "
            "(add 'replaces' there, or 'no_successor' here with the reason)",
        ],
    ),
    "E116": Case(
        "E116.yaml",
        TOPICS,
        [
            f"{TOPICS}:25: E116 topic kantouxi: defined twice (keep one)",
        ],
    ),
    "E117": Case(
        "E117",
        None,
        [
            "regulations/credit-card-notice.yaml:22: E117 article 3: "
            "'credit-card-rules#30' belongs "
            "to 'credit-card-rules', which this instrument does not list in supersedes",
        ],
    ),
    "E118": Case(
        "E118.yaml",
        CHANGELOG,
        [
            f"{CHANGELOG}:5: E118 change 2026-11-28: 'old-laws' is not an instrument id "
            "(nearest: old-law, new-law)",
        ],
    ),
    "E119": Case(
        "E119.yaml",
        CHANGELOG,
        [
            f"{CHANGELOG}:10: E119 change 2025-07-10: 'new-law' has no date 2025-07-10 "
            "(adopted 2025-01-10, effective 2025-07-01; correct the date here or in its file)",
        ],
    ),
    "E120": Case(
        "E120.yaml",
        GUIDELINE,
        [
            f"{GUIDELINE}:9: E120 source url host 'news.example.com' is not an official "
            "publisher's site (expected gov.cn, nifa.org.cn, china-cba.net or a subdomain; "
            "the list is OFFICIAL_SOURCE_HOSTS in scripts/checks.py)",
        ],
    ),
    "E201": Case(
        "E201.md",
        GUIDE,
        [
            f"{GUIDE}:9: E201 law:newlaw#12: no instrument 'newlaw' (nearest: new-law, old-law)",
        ],
    ),
    "E202": Case(
        "E202.md",
        GUIDE,
        [
            f"{GUIDE}:9: E202 law:new-law#21: 'new-law' has no article 21 "
            "(nearest entered: 12, 31, 45)",
        ],
    ),
    "E203": Case(
        "E203.md",
        GUIDE,
        [
            f"{GUIDE}:9: E203 law:new-law#第12条: is not a citation "
            "(write law:ID or law:ID#NUMBER, e.g. law:civil-code#670)",
        ],
    ),
    "E204": Case(
        "E204.md",
        GUIDE,
        [
            f"{GUIDE}:1: E204 front matter needs 'reviewed: YYYY-MM-DD' "
            "(the date the page was last checked against the law)",
        ],
    ),
}


def install(case: Case, root: Path) -> Path:
    """Build the project for one case at `root`."""
    fixture = INVALID / case.fixture
    if case.install is None:
        make_project(root, instruments=False, docs=False)
        for path in sorted(fixture.iterdir()):
            shutil.copyfile(path, root / "regulations" / path.name)
        return root
    make_project(root)
    data = fixture.read_bytes()
    if fixture.suffix == ".gz":  # E008 must exceed 1 MB; stored compressed to keep the repo small
        data = gzip.decompress(data)
    target = root / case.install
    assert target.exists(), f"{case.fixture} must replace an existing file of the valid project"
    target.write_bytes(data)
    return root


def test_valid_project_has_no_problems(project):
    """The base every case starts from validates clean, so each case's lines are its own."""
    assert [] == problem_lines(project)


@pytest.mark.parametrize("code", sorted(CASES))
def test_code_fires_exactly_where_expected(code, tmp_path):
    """The fixture named after a code yields exactly the expected lines, all with that code."""
    case = CASES[code]
    actual = problem_lines(install(case, tmp_path / "project"))
    assert case.expected == actual
    assert all(f": {code} " in line for line in actual)


def test_every_code_has_a_fixture_and_a_case():
    """A code added to CODES without a fixture and an expected line fails here."""
    fixtures = {path.name.split(".")[0] for path in INVALID.iterdir() if path.name != "README.md"}
    assert sorted(CODES) == sorted(fixtures)
    assert sorted(CODES) == sorted(CASES)
    assert all((INVALID / case.fixture).exists() for case in CASES.values())


def test_fixture_readme_lists_every_code():
    """tests/fixtures/invalid/README.md has a row for each code and its fixed sentence."""
    readme = (INVALID / "README.md").read_text(encoding="utf-8")
    missing = [
        code
        for code, sentence in CODES.items()
        if f"| {code} " not in readme or sentence not in readme
    ]
    assert [] == missing
