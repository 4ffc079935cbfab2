"""The real data: it validates clean, covers what the issues ask for, and says what it should."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import pytest

from scripts.catalog import instrument_files, load_catalog
from scripts.loader import load_yaml
from scripts.model import Catalog
from scripts.numbering import parse_chinese_numeral

ROOT = Path(__file__).resolve().parents[1]
STATUTES = ROOT.parent / "shared" / "reference" / "statutes"
TODAY = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    catalog, problems = load_catalog(ROOT)
    assert [] == [str(p) for p in problems]
    return catalog


def numbers(catalog: Catalog, inst_id: str) -> set[str]:
    return set(catalog.instruments[inst_id].article_map)


def test_real_data_validates_clean(catalog):
    """Every entry and every citation in docs/ passes all checks."""
    assert len(catalog.instruments) >= 20


@pytest.mark.parametrize(
    ("inst_id", "total"),
    [
        ("consumer-protection-law", 63),
        ("anti-unfair-competition-law-2019", 33),
        ("anti-unfair-competition-law-2025", 41),
    ],
)
def test_complete_instruments_have_every_article(catalog, inst_id, total):
    """The three core laws that must be complete have articles 1..N, naming any missing one."""
    missing = sorted({str(n) for n in range(1, total + 1)} - numbers(catalog, inst_id), key=int)
    assert [] == missing
    assert total == catalog.instruments[inst_id].total_articles


@pytest.mark.parametrize(
    ("inst_id", "required"),
    [
        ("contract-law", [str(n) for n in range(196, 212)]),
        (
            "civil-code",
            [
                *map(
                    str,
                    [
                        109,
                        110,
                        111,
                        *range(188, 200),
                        509,
                        510,
                        *range(545, 550),
                        558,
                        561,
                        *range(577, 586),
                        *range(667, 681),
                        1024,
                        *range(1032, 1040),
                        1165,
                        1183,
                    ],
                )
            ],
        ),
        (
            "personal-information-protection-law",
            [*map(str, [*range(4, 11), *range(13, 18), 23, 28, 29, *range(44, 51), 66, 69])],
        ),
        ("criminal-law", ["238", "245", "246", "253-1", "274", "279", "293", "293-1"]),
        ("public-security-penalties-law-2025", ["47", "50", "56", "62"]),
        ("public-security-penalties-law-2012", ["40", "42", "51"]),
        ("spc-private-lending-provisions", ["1", "13", *map(str, range(24, 32))]),
        ("credit-reporting-regulation", ["15", "16", "17", "25"]),
        ("credit-card-measures", [str(n) for n in range(66, 72)]),
    ],
)
def test_required_articles_are_entered(catalog, inst_id, required):
    """Each article the issues name is in the catalog; the message names what is missing."""
    assert [] == [n for n in required if n not in numbers(catalog, inst_id)]


def test_every_2019_competition_article_is_mapped_or_explained(catalog):
    """Each 2019 AUCL article has a 2025 successor or says why it has none."""
    old = catalog.instruments["anti-unfair-competition-law-2019"]
    unmapped = [a.number for a in old.articles if not a.replaced_by and not a.no_successor]
    assert [] == unmapped
    assert ["anti-unfair-competition-law-2025#9"] == catalog.article(
        "anti-unfair-competition-law-2019#8"
    ).replaced_by


def test_contract_law_loan_chapter_maps_to_the_civil_code(catalog):
    """Arts 196-211 map to 667-680, except 198 and 204 which have no direct successor."""
    expected = {
        "196": "667",
        "197": "668",
        "199": "669",
        "200": "670",
        "201": "671",
        "202": "672",
        "203": "673",
        "205": "674",
        "206": "675",
        "207": "676",
        "208": "677",
        "209": "678",
        "210": "679",
        "211": "680",
    }
    actual = {
        n: [r.removeprefix("civil-code#") for r in catalog.article(f"contract-law#{n}").replaced_by]
        for n in expected
    }
    assert {n: [v] for n, v in expected.items()} == actual
    for n in ("198", "204"):
        art = catalog.article(f"contract-law#{n}")
        assert not art.replaced_by and art.no_successor
    assert catalog.article("civil-code#679").change_note
    assert "成立" in catalog.article("civil-code#679").change_note
    assert catalog.article("civil-code#680").change_note


def test_public_order_concordance_resolves_both_ways(catalog):
    """2012 arts 42, 40, 51 lead to 2025 arts 50, 47, 62 and back."""
    for old, new in (("42", "50"), ("40", "47"), ("51", "62")):
        assert (
            f"public-security-penalties-law-2025#{new}"
            in catalog.article(f"public-security-penalties-law-2012#{old}").replaced_by
        )
        assert (
            f"public-security-penalties-law-2012#{old}"
            in catalog.article(f"public-security-penalties-law-2025#{new}").replaces
        )


@pytest.mark.parametrize(
    ("inst_id", "status", "effective", "until"),
    [
        ("contract-law", "repealed", "1999-10-01", "2021-01-01"),
        ("civil-code", "in-force", "2021-01-01", None),
        ("consumer-protection-law", "in-force", "2014-03-15", None),
        ("anti-unfair-competition-law-2019", "superseded", None, "2025-10-15"),
        ("anti-unfair-competition-law-2025", "in-force", "2025-10-15", None),
        ("public-security-penalties-law-2012", "superseded", None, "2026-01-01"),
        ("public-security-penalties-law-2025", "in-force", "2026-01-01", None),
        ("personal-information-protection-law", "in-force", "2021-11-01", None),
        ("credit-reporting-regulation", "in-force", "2013-03-15", None),
        ("consumer-finance-company-measures", "in-force", "2024-04-18", None),
    ],
)
def test_statuses_and_dates(catalog, inst_id, status, effective, until):
    """Statuses follow from the dates; the dates are the ones in the official texts."""
    inst = catalog.instruments[inst_id]
    assert status == inst.status(TODAY)
    if effective:
        assert effective == inst.effective
    assert until == inst.until


def test_repealed_contract_law_is_replaced_by_the_civil_code(catalog):
    """The Contract Law is repealed (not merely superseded) and the Civil Code is its successor."""
    contract = catalog.instruments["contract-law"]
    assert "repealed" == contract.until_reason
    assert ["civil-code"] == contract.superseded_by


@pytest.mark.parametrize(
    ("inst_id", "kind"),
    [
        ("civil-code", "law"),
        ("spc-private-lending-provisions", "judicial-interpretation"),
        ("spc-civil-code-temporal-effect", "judicial-interpretation"),
        ("credit-reporting-regulation", "administrative-regulation"),
        ("consumer-protection-regulation", "administrative-regulation"),
        ("credit-card-measures", "departmental-rule"),
        ("banking-insurance-consumer-protection-measures", "departmental-rule"),
        ("internet-loan-measures", "departmental-rule"),
        ("consumer-finance-company-measures", "departmental-rule"),
        ("post-loan-collection-standard-2025", "national-standard"),
        ("nifa-collection-convention-2018", "self-regulatory"),
        ("cba-consumer-loan-collection-guideline-2026", "self-regulatory"),
    ],
)
def test_binding_levels(catalog, inst_id, kind):
    """Each instrument carries the binding level of what it is."""
    assert kind == catalog.instruments[inst_id].data["kind"]


def test_every_review_stamp_names_what_it_was_checked_against(catalog):
    """No entry is stamped reviewed without saying against what."""
    assert [] == [i.id for i in catalog.instruments.values() if len(i.reviewed["against"]) < 6]


def test_competition_law_is_not_presented_as_banning_threats(catalog):
    """Both AUCL versions say plainly that the law governs competition, not threats to debtors."""
    for inst_id in ("anti-unfair-competition-law-2019", "anti-unfair-competition-law-2025"):
        why = catalog.instruments[inst_id].why_it_matters
        assert "经营者" in why and "竞争" in why
        assert re.search(r"不是|并不|不管|不涉及|没有", why), inst_id
        assert "刑法" in why


def test_article_1039_is_said_to_bind_state_organs(catalog):
    """The common misquote is corrected: 1039 binds state organs, not collectors."""
    art = catalog.article("civil-code#1039")
    assert "国家机关" in art.summary
    assert {"civil-code#1032", "civil-code#1038"} <= set(art.related)


def test_unreviewed_facts_are_visible(catalog):
    """Instruments resting on unverified facts say so, and the page shows a notice."""
    from scripts.render import render_instrument

    for inst_id in (
        "nifa-collection-convention-2018",
        "post-loan-collection-standard-2025",
        "cba-consumer-loan-collection-guideline-2026",
        "contract-law",
    ):
        inst = catalog.instruments[inst_id]
        assert inst.unreviewed, inst_id
        assert "部分事实未能核实" in render_instrument(inst, catalog, TODAY)


# ---------------------------------------------------------------- own words

RUN = 20
PROSE_FIELDS = (
    "summary",
    "for_borrowers",
    "for_staff",
    "why_it_matters",
    "change_note",
    "no_successor",
    "unreviewed",
    "key_points",
    "title",
)


def _statute_grams() -> set[str]:
    text = "".join(
        p.read_text(encoding="utf-8")
        for p in sorted(STATUTES.glob("*.md"))
        if p.name != "README.md"
    )
    text = re.sub(r"\s+", "", text)
    return {text[i : i + RUN] for i in range(len(text) - RUN + 1)}


def _prose(value, path=()):
    if isinstance(value, str):
        # The instrument's own title is its official name, quoted on purpose.
        if path == ("title",):
            return
        if path and path[-1] in PROSE_FIELDS or (len(path) > 1 and path[-2] == "key_points"):
            yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _prose(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _prose(v, (*path, i))


def test_no_summary_copies_the_statutes():
    """No prose field shares a run of 20 characters with the reference statute texts."""
    if not STATUTES.is_dir():
        pytest.skip("../shared/reference/statutes is not beside this checkout: copy check not run")
    grams = _statute_grams()
    copied = []
    for path in instrument_files(ROOT):
        doc = load_yaml(path, path.name)
        for where, text in _prose(doc.data):
            flat = re.sub(r"\s+", "", re.sub(r"《[^》]*》", "", text))
            for i in range(len(flat) - RUN + 1):
                if flat[i : i + RUN] in grams:
                    copied.append(f"{path.name}:{doc.line_of(where)}: {flat[i : i + RUN]}")
                    break
    assert [] == copied


def test_copy_check_catches_a_pasted_sentence():
    """The copy check is live: a sentence lifted from the Civil Code text is found."""
    if not STATUTES.is_dir():
        pytest.skip("../shared/reference/statutes is not beside this checkout: copy check not run")
    source = re.sub(
        r"\s+", "", (STATUTES / "civil-code-3-contracts.md").read_text(encoding="utf-8")
    )
    start = source.index("第六百七十条") + 6
    pasted = source[start : start + 25]
    assert pasted[:RUN] in _statute_grams()


# ---------------------------------------------------------------- numbers against the texts

# Instruments whose text is in ../shared/reference/statutes, and the files that hold it.
REFERENCE_FILES = {
    "consumer-protection-law": ["consumer-rights-protection-law-2013.md"],
    "anti-unfair-competition-law-2019": ["anti-unfair-competition-law-2019.md"],
    "anti-unfair-competition-law-2025": ["anti-unfair-competition-law-2025.md"],
    "civil-code": [
        "civil-code-1-general.md",
        "civil-code-3-contracts.md",
        "civil-code-4-personality-rights.md",
        "civil-code-7-torts.md",
        "civil-code-supplementary.md",
    ],
    "personal-information-protection-law": ["personal-information-protection-law-2021.md"],
    "public-security-penalties-law-2012": [
        "public-security-administration-punishments-law-2012.md"
    ],
    "public-security-penalties-law-2025": [
        "public-security-administration-punishments-law-2025.md"
    ],
    "criminal-law": ["criminal-law.md"],
    "spc-private-lending-provisions": ["spc-private-lending-provisions-2020.md"],
    "spc-civil-code-temporal-effect": ["spc-civil-code-temporal-effect-2020.md"],
    "credit-reporting-regulation": ["credit-reporting-regulation-2013.md"],
}
# Quantities a summary states on purpose from another text, named in the summary itself.
FROM_ELSEWHERE = {
    ("public-security-penalties-law-2025", "22"): {"6个月"},  # the 2012 text's period, compared
    ("credit-reporting-regulation", "15"): {"1万元", "2万元", "5万元", "20万元"},  # art 41's fines
}
ZH_NUMERAL = "零〇一二两三四五六七八九十百千"
ARTICLE_HEAD = re.compile(rf"^第([{ZH_NUMERAL}]+)条(?:之([{ZH_NUMERAL}]+))?[\s　]", re.M)
UNIT = r"(?:个月|小时|周岁|万元|年|日|天|倍|元|%|次|人)"


@cache  # read once per instrument, whichever check asks first
def reference_articles(inst_id: str) -> dict[str, str]:
    """Article number ("293-1") → its text, from the reference transcription."""
    articles: dict[str, str] = {}
    for name in REFERENCE_FILES[inst_id]:
        text = (STATUTES / name).read_text(encoding="utf-8")
        heads = list(ARTICLE_HEAD.finditer(text))
        for head, after in zip(heads, [*heads[1:], None], strict=True):
            number = str(parse_chinese_numeral(head.group(1)))
            if head.group(2):
                number += f"-{parse_chinese_numeral(head.group(2))}"
            articles.setdefault(number, text[head.end() : after.start() if after else None])
    return articles


def quantities(text: str) -> set[str]:
    """Amounts with their unit ("3年", "20万元", "5%"), Chinese numerals read as digits; dates,
    article numbers and a bare "one" of days, times or people (这一日期, 一次性, 任何一人: wording,
    not a figure) are left out."""
    text = re.sub(r"\s+", "", text)
    text = re.sub(
        rf"百分之([{ZH_NUMERAL}]+)", lambda m: f"{parse_chinese_numeral(m.group(1))}%", text
    )
    text = re.sub(
        rf"([{ZH_NUMERAL}]+)(?={UNIT})", lambda m: str(parse_chinese_numeral(m.group(1))), text
    )
    text = re.sub(r"\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日|\d{4}年", "", text)
    found = {m.group(0) for m in re.finditer(rf"(?<![第\d.])\d+(?:\.\d+)?{UNIT}", text)}
    return found - {"1日", "1天", "1次", "1人"}


def summaries_with_foreign_numbers(catalog: Catalog) -> list[str]:
    problems = []
    for inst_id in REFERENCE_FILES:
        official = reference_articles(inst_id)
        for art in catalog.instruments[inst_id].articles:
            if art.number not in official:
                problems.append(f"{inst_id} {art.number}: no such article in the reference text")
                continue
            stray = (
                quantities(art.summary or "")
                - quantities(official[art.number])
                - FROM_ELSEWHERE.get((inst_id, art.number), set())
            )
            if stray:
                problems.append(f"{inst_id} {art.number}: {sorted(stray)} not in the article")
    return problems


def test_every_number_in_a_summary_is_in_its_article(catalog):
    """Each summarised article exists in the reference text, and every amount, period or rate
    its summary states (3年, 20万元, 4倍) is in that article, unless FROM_ELSEWHERE names it."""
    if not STATUTES.is_dir():
        pytest.skip("../shared/reference/statutes is not beside this checkout: numbers not checked")
    assert [] == summaries_with_foreign_numbers(catalog)


def test_number_check_catches_a_wrong_period(catalog):
    """The number check is live: Civil Code art. 188 with a two-year period is caught."""
    if not STATUTES.is_dir():
        pytest.skip("../shared/reference/statutes is not beside this checkout: numbers not checked")
    art = catalog.instruments["civil-code"].article_map["188"]
    right = art.summary
    try:
        art.summary = right.replace("一般是3年", "一般是两年")
        assert right != art.summary
        assert ["civil-code 188: ['2年'] not in the article"] == summaries_with_foreign_numbers(
            catalog
        )
    finally:
        art.summary = right


HEADING = re.compile(r"^#{1,6}\s+(.*)$", re.M)
DIVISION = re.compile(rf"^(第[{ZH_NUMERAL}]+[编章节])(.*)$")


@cache
def reference_headings(inst_id: str) -> dict[str, list[str]]:
    """Article number → the headings (book, chapter, section) it stands under, spaces removed."""
    placed: dict[str, list[str]] = {}
    for name in REFERENCE_FILES[inst_id]:
        text = (STATUTES / name).read_text(encoding="utf-8")
        marks = sorted(
            [(m.start(), m) for m in HEADING.finditer(text)]
            + [(m.start(), m) for m in ARTICLE_HEAD.finditer(text)],
            key=lambda pair: pair[0],
        )
        stack: dict[int, str] = {}
        for _, mark in marks:
            if mark.re is HEADING:
                level = len(mark.group(0)) - len(mark.group(0).lstrip("#"))
                stack = {k: v for k, v in stack.items() if k < level}
                stack[level] = re.sub(r"\s+", "", mark.group(1))
                continue
            number = str(parse_chinese_numeral(mark.group(1)))
            if mark.group(2):
                number += f"-{parse_chinese_numeral(mark.group(2))}"
            placed.setdefault(number, [stack[k] for k in sorted(stack)])
    return placed


def misplaced_chapters(catalog: Catalog) -> list[str]:
    problems = []
    for inst_id in REFERENCE_FILES:
        placed = reference_headings(inst_id)
        for art in catalog.instruments[inst_id].articles:
            headings = placed.get(art.number, [])
            for part in art.chapter.split(" › ") if art.chapter else []:
                squashed = re.sub(r"\s+", "", part)
                division = DIVISION.match(squashed)
                ordinal, name = division.groups() if division else ("", squashed)
                # The Civil Code transcription heads its books 合同编, not 第三编 合同.
                if not any(h in (ordinal + name, name, f"{name}编") for h in headings):
                    problems.append(f"{inst_id} {art.number}: '{part}' not in {headings}")
    return problems


def test_every_chapter_is_the_one_the_article_stands_in(catalog):
    """Each `chapter` of a summarised article names, with the official wording, the book,
    chapter and section the article stands under in the reference text."""
    if not STATUTES.is_dir():
        pytest.skip(
            "../shared/reference/statutes is not beside this checkout: chapters not checked"
        )
    assert [] == misplaced_chapters(catalog)


def test_chapter_check_catches_a_wrong_chapter(catalog):
    """The chapter check is live: Civil Code art. 670 put in chapter 13 is caught."""
    if not STATUTES.is_dir():
        pytest.skip(
            "../shared/reference/statutes is not beside this checkout: chapters not checked"
        )
    art = catalog.instruments["civil-code"].article_map["670"]
    right = art.chapter
    try:
        art.chapter = right.replace("第十二章 借款合同", "第十三章 保证合同")
        assert [
            "civil-code 670: '第十三章 保证合同' not in ['合同编', '第二分编典型合同', '第十二章借款合同']"
        ] == misplaced_chapters(catalog)
    finally:
        art.chapter = right
