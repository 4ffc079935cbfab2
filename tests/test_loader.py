"""scripts.loader: safe YAML reading, located values, hostile input refused before it is built."""

from __future__ import annotations

import codecs
import time
from pathlib import Path

import pytest
import yaml

from conftest import VALID
from scripts.loader import MAX_BYTES, MAX_DEPTH, load_yaml


def load(tmp_path: Path, content: str | bytes):
    """Write `content` to a file and load it, as regulations/x.yaml."""
    path = tmp_path / "x.yaml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return load_yaml(path, "regulations/x.yaml")


def lines_of(doc) -> list[str]:
    return [str(p) for p in doc.problems]


# ---------------------------------------------------------------- lines


def test_line_numbers_are_kept_for_nested_values():
    """Values deep inside articles and mappings keep the 1-based line of their key."""
    doc = load_yaml(VALID / "regulations/new-law.yaml", "regulations/new-law.yaml")
    actual = {
        path: doc.line_of(path)
        for path in [
            ("id",),
            ("source", "url"),
            ("reviewed", "against"),
            ("articles", 1),
            ("articles", 1, "number"),
            ("articles", 0, "topics", 1),
            ("articles", 0, "replaces", 0),
            ("articles", 2, "for_staff"),
        ]
    }
    expected = {
        ("id",): 2,
        ("source", "url"): 15,
        ("reviewed", "against"): 23,
        ("articles", 1): 36,
        ("articles", 1, "number"): 36,
        ("articles", 0, "topics", 1): 32,
        ("articles", 0, "replaces", 0): 33,
        ("articles", 2, "for_staff"): 47,
    }
    assert expected == actual


def test_line_of_a_missing_value_is_its_nearest_ancestor():
    """A path the file does not have points at the closest thing it does have."""
    doc = load_yaml(VALID / "regulations/new-law.yaml", "regulations/new-law.yaml")
    assert (36, 2) == (doc.line_of(("articles", 1, "for_staff")), doc.line_of(("nothing",)))


def test_items_of_a_block_list_have_their_own_lines(tmp_path):
    """Each item of a block list is located on its own line."""
    doc = load(tmp_path, "topics:\n  - a\n  - b\n  - c\n")
    assert [2, 3, 4] == [doc.line_of(("topics", i)) for i in range(3)]


# ---------------------------------------------------------------- values


def test_dates_stay_strings(tmp_path):
    """Dates are not turned into datetime objects: the schema checks them as text."""
    doc = load(tmp_path, "effective: 2025-07-01\nat: 2025-07-01 10:00:00\nbad: 2025-02-30\n")
    assert {"effective": "2025-07-01", "at": "2025-07-01 10:00:00", "bad": "2025-02-30"} == doc.data


def test_plain_scalars_keep_their_yaml_types(tmp_path):
    """Integers, booleans and nulls still load as such, so the schema can name the wrong type."""
    doc = load(tmp_path, 'n: 64\nflag: true\nnothing:\nnumber: "12"\n')
    assert {"n": 64, "flag": True, "nothing": None, "number": "12"} == doc.data


def test_folded_chinese_text_has_no_stray_spaces(tmp_path):
    """Lines of a folded scalar join without a space between Chinese characters or punctuation."""
    doc = load(
        tmp_path,
        "why: >-\n  本法规定借款利息、债权转让和催收行为的基本规则，\n"
        "  是判断催收是否合法的主要依据。\n"
        "  引用时请注明\n  条号\n",
    )
    assert (
        "本法规定借款利息、债权转让和催收行为的基本规则，是判断催收是否合法的主要依据。引用时请注明条号"
        == doc.data["why"]
    )


def test_folded_latin_words_keep_their_space(tmp_path):
    """Between Latin words the folding space is a real word space and stays."""
    doc = load(tmp_path, "title_en: >-\n  Private Lending\n  Administration Law\n")
    assert "Private Lending Administration Law" == doc.data["title_en"]


def test_folded_text_keeps_a_space_written_inside_a_line(tmp_path):
    """Only the spaces folding adds are removed; one the author typed inside a line stays."""
    doc = load(tmp_path, "summary: >-\n  见第三编 合同的规定，\n  以及第十二章。\n")
    assert "见第三编 合同的规定，以及第十二章。" == doc.data["summary"]


def test_plain_multiline_chinese_text_has_no_stray_spaces(tmp_path):
    """A plain scalar continued on the next line folds like >- and gets no space between Chinese."""
    doc = load(
        tmp_path, "summary: 出借人不得在本金中预先扣除利息，\n  预先扣除的按实际到手金额计算。\n"
    )
    assert "出借人不得在本金中预先扣除利息，预先扣除的按实际到手金额计算。" == doc.data["summary"]


def test_non_specific_tag_is_allowed(tmp_path):
    """The bare `!` tag only forces a string and is harmless."""
    doc = load(tmp_path, "title: ! 民法典\n")
    assert ([], {"title": "民法典"}) == (doc.problems, doc.data)


# ---------------------------------------------------------------- refused input


def test_alias_bomb_is_refused_fast_without_expansion(tmp_path, monkeypatch):
    """A billion-laughs document stops at its first anchor; nothing is composed or expanded."""
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, cur in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")

    def refuse(*args, **kwargs):
        raise AssertionError("yaml.compose must not run on a refused document")

    monkeypatch.setattr(yaml, "compose", refuse)
    start = time.perf_counter()
    doc = load(tmp_path, "\n".join(lines) + "\n")
    elapsed = time.perf_counter() - start
    assert [
        "regulations/x.yaml:1: E006 anchor or alias (write each value out in full)"
    ] == lines_of(doc)
    assert doc.data is None
    assert elapsed < 0.5


def test_alias_without_anchor_is_refused(tmp_path):
    """An alias alone is refused as E006 on its own line, not reported as a YAML error."""
    doc = load(tmp_path, "id: x\nsource: *nowhere\n")
    assert [
        "regulations/x.yaml:2: E006 anchor or alias (write each value out in full)"
    ] == lines_of(doc)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ('!!python/object/apply:os.system ["touch pwned"]', "!!python/object/apply:os.system"),
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!!python/object:pathlib.Path {}", "!!python/object:pathlib.Path"),
        ("!!str 2025-07-01", "!!str"),
        ("!include other.yaml", "!include"),
    ],
)
def test_tags_are_refused_before_construction(tmp_path, monkeypatch, value, shown):
    """Python and custom tags are E005 with the tag named; no constructor ever runs."""
    monkeypatch.chdir(tmp_path)
    doc = load(tmp_path, f"id: x\nissuer: {value}\n")
    expected = [f"regulations/x.yaml:2: E005 tag {shown} (remove it; plain values only)"]
    assert (expected, None) == (lines_of(doc), doc.data)
    assert not (tmp_path / "pwned").exists()


def test_byte_order_mark_is_refused(tmp_path):
    """A UTF-8 BOM is E001 at line 1 with the fix in the message."""
    doc = load(tmp_path, codecs.BOM_UTF8 + b"id: x\n")
    assert [
        "regulations/x.yaml:1: E001 starts with a byte-order mark (save as UTF-8 without BOM)"
    ] == lines_of(doc)


def test_non_utf8_bytes_are_located(tmp_path):
    """The first byte that is not UTF-8 is named, on its own line."""
    doc = load(tmp_path, b"id: x\n\ntitle: " + "民法典".encode("gbk") + b"\n")
    assert ["regulations/x.yaml:3: E001 byte 0xc3 is not UTF-8 (save as UTF-8)"] == lines_of(doc)


def test_unreadable_file_is_reported(tmp_path):
    """A path that cannot be read is E001, not an exception."""
    doc = load_yaml(tmp_path / "missing.yaml", "regulations/missing.yaml")
    assert [
        "regulations/missing.yaml:1: E001 cannot read file (No such file or directory)"
    ] == lines_of(doc)


@pytest.mark.parametrize("content", ["", "\n\n", "   \n", "# 待补充\n\n  # 还没有内容\n"])
def test_empty_or_comment_only_file_is_e003(tmp_path, content):
    """Nothing but whitespace and comments is an empty file."""
    doc = load(tmp_path, content)
    assert ["regulations/x.yaml:1: E003 no content (expected a YAML mapping)"] == lines_of(doc)


def test_tab_is_refused_with_its_line(tmp_path):
    """A tab anywhere, even inside a quoted value, is E007 on the line where it first appears."""
    doc = load(tmp_path, 'id: x\ntitle: "民法\t典"\n\tissuer: y\n')
    assert [
        "regulations/x.yaml:2: E007 tab character (indent with spaces; no tabs in text)"
    ] == lines_of(doc)


def test_file_over_one_megabyte_is_refused_before_reading_it_as_yaml(tmp_path):
    """One byte over the limit is E008 with both sizes."""
    padding = MAX_BYTES + 1 - len("id: x\n# \n")
    doc = load(tmp_path, "id: x\n# " + "x" * padding + "\n")
    assert [
        "regulations/x.yaml:1: E008 1,000,001 bytes "
        "(at most 1,000,000; split the instrument or trim text)"
    ] == lines_of(doc)


def test_file_of_exactly_one_megabyte_passes_the_size_check(tmp_path):
    """At exactly the limit the size is fine; the next check (a tab here) is what fires."""
    head = "id: x\n\t\n# "
    doc = load(tmp_path, head + "x" * (MAX_BYTES - len(head) - 1) + "\n")
    assert (
        MAX_BYTES,
        ["regulations/x.yaml:2: E007 tab character (indent with spaces; no tabs in text)"],
    ) == ((tmp_path / "x.yaml").stat().st_size, lines_of(doc))


def test_nesting_at_the_limit_loads(tmp_path):
    """MAX_DEPTH levels of collections are still accepted."""
    doc = load(tmp_path, "a: " + "[" * (MAX_DEPTH - 1) + "x" + "]" * (MAX_DEPTH - 1) + "\n")
    assert [] == doc.problems


def test_nesting_past_the_limit_is_refused(tmp_path):
    """One level more is E009 on the line where it happens."""
    doc = load(tmp_path, "id: x\na: " + "[" * MAX_DEPTH + "x" + "]" * MAX_DEPTH + "\n")
    assert ["regulations/x.yaml:2: E009 more than 16 levels (flatten the structure)"] == lines_of(
        doc
    )


def test_very_deep_nesting_is_refused_without_recursion(tmp_path):
    """Thousands of levels are refused by the event scan, never reaching the recursive composer."""
    doc = load(tmp_path, "a: " + "[" * 5_000 + "]" * 5_000 + "\n")
    assert ["regulations/x.yaml:1: E009 more than 16 levels (flatten the structure)"] == lines_of(
        doc
    )


def test_syntax_error_is_located(tmp_path):
    """A YAML syntax error is E002 on the offending line, with PyYAML's reason and a hint."""
    doc = load(tmp_path, "id: x\ntitle: 指引: 试行\n")
    assert [
        "regulations/x.yaml:2: E002 mapping values are not allowed here "
        "(check indentation, colons and quotes)"
    ] == lines_of(doc)


def test_control_character_is_reported_on_its_line_in_one_line(tmp_path):
    """A control character pasted from a PDF is located on its line and the message is one line."""
    doc = load(tmp_path, "id: x\n\nsummary: 第一条\x0c第二条\n")
    [problem] = doc.problems
    assert (3, False) == (problem.line, "\n" in str(problem))


def test_every_duplicate_key_is_reported_with_the_first_line(tmp_path):
    """Each repeat of a key is E004 at its own line, naming where the key first appeared."""
    doc = load(tmp_path, "title: a\nshort_title: b\ntitle: c\nsource:\n  url: x\n  url: y\n")
    expected = [
        "regulations/x.yaml:3: E004 title: key appears twice (first at line 1; keep one)",
        "regulations/x.yaml:6: E004 url: key appears twice (first at line 5; keep one)",
    ]
    assert expected == lines_of(doc)
    assert {"title": "a", "short_title": "b", "source": {"url": "x"}} == doc.data


# ---------------------------------------------------------------- libyaml and pure Python

REPO = Path(__file__).resolve().parents[1]
REAL_FILES = sorted((REPO / "regulations").glob("*.yaml"))


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml here")
@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name)
def test_libyaml_reads_every_real_file_as_pure_python_does(path, monkeypatch):
    """Well-formed files go through libyaml (the fast path) and come out with the same values
    and the same line for every value as through the pure-Python parser."""
    from scripts import loader

    text = path.read_text(encoding="utf-8")
    assert loader._compose(text) is not None  # the fast path was taken
    fast = load_yaml(path, path.name)
    monkeypatch.setattr(loader, "_FAST_LOADER", None)
    slow = load_yaml(path, path.name)
    assert (fast.problems, fast.data, fast.lines) == (slow.problems, slow.data, slow.lines)
    assert fast.ok and len(fast.lines) > 20


@pytest.mark.parametrize(
    "text", ["a: &x 1\nb: *x\n", "a: !!python/object:os.system x\n", "a: [1,\n", "a: 1\na: 2\n"]
)
def test_refused_or_broken_files_are_worded_by_the_pure_python_parser(tmp_path, text, monkeypatch):
    """What libyaml rejects or the scan refuses is read again by pure Python, so every problem
    is worded and located the same whichever parser is installed."""
    from scripts import loader

    fast = lines_of(load(tmp_path, text))
    monkeypatch.setattr(loader, "_FAST_LOADER", None)
    assert fast and fast == lines_of(load(tmp_path, text))
