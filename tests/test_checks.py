"""scripts.checks: rules across fields and files. Cross-file rules run through load_catalog on a
valid project changed in one place; text-safety rules on one changed file read on its own."""

from __future__ import annotations

import pytest

from conftest import VALID, problem_lines
from scripts.checks import check_text_safety
from scripts.loader import load_yaml
from scripts.model import Instrument
from scripts.schema import check_document

NEW = "regulations/new-law.yaml"
OLD = "regulations/old-law.yaml"
GUIDELINE = "regulations/collection-guideline.yaml"


def codes(root) -> list[str]:
    return [line.split(": ", 1)[1].split(" ", 1)[0] for line in problem_lines(root)]


# ---------------------------------------------------------------- dates


def test_until_without_reason(project, edit):
    """'until' alone is E110 at the until line, asking for the missing partner."""
    edit(GUIDELINE, "date_note:", "until: 2026-06-30\ndate_note:")
    assert [
        f"{GUIDELINE}:7: E110 'until' and 'until_reason' go together (add 'until_reason')",
        f"{GUIDELINE}:7: E111 stops applying but no instrument lists it in supersedes "
        "(add it to the successor's supersedes)",
    ] == problem_lines(project)


def test_reason_without_until(project, edit):
    """'until_reason' alone is E110 at its own line."""
    edit(NEW, "supersedes: [old-law]\n", "supersedes: [old-law]\nuntil_reason: repealed\n")
    assert [
        f"{NEW}:13: E110 'until' and 'until_reason' go together (add 'until')"
    ] == problem_lines(project)


def test_until_before_effective(project, edit):
    """A version cannot stop applying before it started."""
    edit(OLD, "until: 2025-07-01", "until: 2015-07-01")
    assert [f"{OLD}:11: E110 'until' 2015-07-01 is before 'effective' 2015-10-01"] == problem_lines(
        project
    )


def test_until_before_adopted_when_effective_is_unknown(project, edit):
    """Without 'effective', 'until' is compared with 'adopted'."""
    edit(OLD, "effective: 2015-10-01\n", "unreviewed: 施行日期未能核实。\n")
    edit(OLD, "until: 2025-07-01", "until: 2015-01-01")
    assert [f"{OLD}:11: E110 'until' 2015-01-01 is before 'adopted' 2015-04-24"] == problem_lines(
        project
    )


def test_same_day_dates_are_consistent(project, edit):
    """Adopted and effective on the same day is fine."""
    edit(NEW, "adopted: 2025-01-10", "adopted: 2025-07-01")
    assert [] == problem_lines(project)


# ---------------------------------------------------------------- versions


def test_instrument_cannot_supersede_itself(project, edit):
    """Listing its own id in supersedes is E108, not a cycle."""
    edit(NEW, "supersedes: [old-law]", "supersedes: [old-law, new-law]")
    assert [
        f"{NEW}:12: E108 'new-law' is not another instrument's id "
        "(expected one of the files in regulations/)"
    ] == problem_lines(project)


def test_three_version_cycle_is_reported_once(project, edit):
    """A loop through three instruments is one E114 naming the whole chain."""
    edit(
        OLD,
        "until_reason: superseded\n",
        "until_reason: superseded\nsupersedes: [collection-guideline]\n",
    )
    edit(GUIDELINE, "date_note:", "supersedes: [new-law]\ndate_note:")
    assert [
        f"{GUIDELINE}:7: E114 versions supersede each other in a loop "
        "(collection-guideline → new-law → old-law → collection-guideline); "
        "an older version cannot supersede a newer one"
    ] == problem_lines(project)


def test_cycle_through_a_second_predecessor_is_found(project, edit):
    """A loop is found even when it leaves an instrument through its second supersedes entry."""
    # new-law merges the guideline and old-law; old-law wrongly lists new-law back.
    edit(NEW, "supersedes: [old-law]", "supersedes: [collection-guideline, old-law]")
    edit(OLD, "until_reason: superseded\n", "until_reason: superseded\nsupersedes: [new-law]\n")
    assert ["E114"] == codes(project)


def test_historical_article_with_successor_needs_no_note(project, edit):
    """An old article replaced by a new one needs no 'no_successor'; one without either is E115."""
    edit(NEW, '    replaces: ["old-law#12"]\n', "")
    edit(NEW, "    change_note: 把“服务费”等名目明确列为预先扣除的利息。\n", "")
    assert [
        f"{OLD}:25: E115 article 12: no article of the successor replaces it "
        "(add 'replaces' there, or 'no_successor' here with the reason)"
    ] == problem_lines(project)


def test_reference_to_unknown_instrument(project, edit):
    """A reference to an instrument that is not entered says so."""
    edit(NEW, 'related: ["new-law#31"]', 'related: ["civil-code#1033"]')
    assert [
        f"{NEW}:35: E109 article 12: 'civil-code#1033' does not exist (no such instrument)"
    ] == problem_lines(project)


def test_replaces_an_unknown_article(project, edit):
    """An unknown article in 'replaces' is E109 (not E117), and the old article becomes E115."""
    edit(NEW, 'replaces: ["old-law#12"]', 'replaces: ["old-law#13"]')
    assert [
        f"{NEW}:33: E109 article 12: 'old-law#13' does not exist (no such article 13 in 'old-law')",
        f"{OLD}:25: E115 article 12: no article of the successor replaces it "
        "(add 'replaces' there, or 'no_successor' here with the reason)",
    ] == problem_lines(project)


# ---------------------------------------------------------------- one file


def test_every_repeat_of_an_article_number_names_the_first(project):
    """Three articles with one number give two E105 lines, both pointing at the first."""
    path = project / NEW
    text = path.read_text(encoding="utf-8")
    article_45 = text[text.index('  - number: "45"') :]
    path.write_text(text + article_45 + article_45, encoding="utf-8")
    assert [
        f"{NEW}:50: E105 article 45: duplicate number (first at line 42; merge or renumber)",
        f"{NEW}:58: E105 article 45: duplicate number (first at line 42; merge or renumber)",
    ] == problem_lines(project)


def test_id_is_compared_with_the_yml_stem(project):
    """A .yml file is an instrument too, and its id must equal the name without extension."""
    (project / GUIDELINE).rename(project / "regulations/collection-guideline.yml")
    assert [] == problem_lines(project)


def test_every_unknown_topic_is_reported(project, edit):
    """Each unknown topic of an article is its own E107 line (lines sort by message)."""
    edit(NEW, "topics: [kantouxi, interest-fees]", "topics: [kantou-xi, interest, interest-fees]")
    assert [
        f"{NEW}:32: E107 article 12: topic 'interest' is not in regulations/topics.yaml "
        "(use an existing id or add it there)",
        f"{NEW}:32: E107 article 12: topic 'kantou-xi' is not in regulations/topics.yaml "
        "(use an existing id or add it there)",
    ] == problem_lines(project)


# ---------------------------------------------------------------- text safety

KEY_POINT = "  - 据报道：同一联系方式一天尝试拨打不宜超过6次。"


def own_file_lines(tmp_path, name: str, old: str, new: str) -> list[str]:
    """Schema, then text-safety problems of one valid file changed once, read on its own."""
    text = (VALID / name).read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / name
    path.parent.mkdir(parents=True)
    path.write_text(text.replace(old, new), encoding="utf-8")
    doc = load_yaml(path, name)
    problems = doc.problems or check_document(doc, "instrument")
    if not problems:
        problems = list(check_text_safety(Instrument.from_document(doc)))
    return [str(p) for p in problems]


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "见<a href='https://example.org'>原文</a>",
        "< img src=x>",
        "换行<br/>之后",
        "<!-- 注释 -->",
        "点击 onclick = 'x'",
    ],
)
def test_markup_in_any_text_is_e112(tmp_path, text):
    """Tags, comments and on…= attributes are refused in text, wherever it sits."""
    actual = own_file_lines(tmp_path, GUIDELINE, KEY_POINT, f"  - 据报道：{text}")
    assert [
        f"{GUIDELINE}:17: E112 contains HTML markup "
        "(write plain text; no <tags> or on…= attributes)"
    ] == actual


@pytest.mark.parametrize(
    "text", ["年利率<24%的部分受保护", "本金 > 0 且利率 < 24%", "《民法典》第六百七十条", "online"]
)
def test_text_that_only_looks_like_markup_is_fine(tmp_path, text):
    """A comparison, Chinese title marks or an English word are not markup."""
    assert [] == own_file_lines(tmp_path, GUIDELINE, KEY_POINT, f"  - {text}")


@pytest.mark.parametrize(
    "text", ["javascript:alert(1)", "JavaScript :void(0)", "data:text/html,x", "vbscript:x"]
)
def test_script_url_in_text_is_e113(tmp_path, text):
    """A script URL in any text field is E113 with the article named."""
    actual = own_file_lines(tmp_path, NEW, "只联系债务人本人；", f"只联系债务人本人（{text}）；")
    assert [
        f"{NEW}:47: E113 article 45: contains a script URL "
        "(javascript:, data: or vbscript: is not allowed)"
    ] == actual


def test_markup_inside_nested_fields_is_found(project, edit):
    """reviewed.note is checked like any top-level text."""
    edit(
        NEW,
        "  against: 国家法律法规数据库所载文本\n",
        "  against: 国家法律法规数据库所载文本\n  note: <b>已核对</b>\n",
    )
    assert [
        f"{NEW}:24: E112 contains HTML markup (write plain text; no <tags> or on…= attributes)"
    ] == problem_lines(project)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://flk.npc.gov.cn/",
        "https://flk.npc.gov.cn/a b",
        'https://x/"onmouseover=1',
    ],
)
def test_source_url_must_be_a_plain_web_address(tmp_path, url):
    """Only http(s) addresses without spaces or quotes are accepted as source."""
    quoted = f"'{url}'" if '"' in url else f'"{url}"'
    actual = own_file_lines(
        tmp_path, GUIDELINE, "url: https://www.china-cba.net/", f"url: {quoted}"
    )
    assert [
        f"{GUIDELINE}:9: E113 source url {url!r} is not allowed "
        "(expected an http:// or https:// address without spaces or quotes)"
    ] == actual
