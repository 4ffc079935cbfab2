"""Property tests (Hypothesis): random valid instruments go through load → validate → render →
Markdown without a problem and without losing or inventing text; random damage to valid files
gives located problems, never an exception.

Deterministic (derandomize=True, no example database) so CI does not flake; about 100 examples
each, a few seconds in all.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MARKDOWN_EXTENSIONS, PINNED_TOPICS, VALID, make_project
from scripts.catalog import load_catalog
from scripts.changelog import render_changelog
from scripts.checks import _MARKUP, _SCRIPT_URL, OFFICIAL_SOURCE_HOSTS
from scripts.export import export_files
from scripts.loader import load_yaml
from scripts.problems import CODES
from scripts.render import plain, render_site

SETTINGS = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TODAY = dt.date(2026, 11, 28)
TOPICS = [t["id"] for t in yaml.safe_load(PINNED_TOPICS.read_text(encoding="utf-8"))["topics"]]
KINDS = [
    "law",
    "judicial-interpretation",
    "administrative-regulation",
    "departmental-rule",
    "normative-document",
    "national-standard",
    "self-regulatory",
    "local-regulation",
]
EXTENSION_CONFIGS = {
    "pymdownx.tabbed": {"alternate_style": True},
    "pymdownx.tasklist": {"custom_checkbox": True},
}

# Text an editor might type: Chinese, full-width and ASCII punctuation, Markdown's special
# characters, digits and a few Latin letters (too few to spell javascript: or on…=), and lines
# that start like Markdown blocks. Text validation refuses (E112, E113) is filtered out.
CJK = "借款人催收利息本金合同法院条第一二三四五六七八九十年月日的不得应当可以债务通知"
PUNCT = "，。；：、（）《》“”‘’！？…—·％"
MARKDOWN = "*_`#[]()!|<>-+=:.{}~\\&'\"/@$%^"
LATIN = "abcxyzABCXYZ0123456789 "
TEXT_ALPHABET = CJK + PUNCT + MARKDOWN + LATIN
BLOCK_STARTS = [
    "",
    "",
    "",
    "    ",
    "~~~",
    "```",
    ": ",
    "> ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "#",
    "!!! note ",
    "??? ",
    "=== ",
    "---",
    "|",
    "[^1]: ",
    "*[x]: ",
    "{: .x} ",
    "- [ ] ",
    "&amp;",
    "&#60;",
    "\\",
    "<!-- ",
]


def text(max_size: int = 40, lines: bool = False) -> st.SearchStrategy[str]:
    """Free text: one line, or (lines=True) several, each perhaps opening like a block."""
    line = st.builds(
        lambda start, rest: start + rest,
        st.sampled_from(BLOCK_STARTS),
        st.text(TEXT_ALPHABET, max_size=max_size),
    )
    value = st.lists(line, min_size=1, max_size=4).map("\n".join) if lines else line
    return value.filter(lambda s: s.strip() and not _MARKUP.search(s) and not _SCRIPT_URL.search(s))


@st.composite
def dates(draw, after: dt.date | None = None) -> dt.date:
    start = after or dt.date(1980, 1, 1)
    return draw(st.dates(min_value=start, max_value=dt.date(2030, 12, 31)))


@st.composite
def instruments(draw) -> dict:
    """A valid instrument: required fields, optional ones at random, 0–6 articles."""
    slug = st.from_regex(r"\A[a-z][a-z0-9]{0,7}(-[a-z0-9]{1,6}){0,2}\Z")
    inst_id = draw(slug)
    adopted = draw(dates())
    effective = draw(dates(after=adopted))
    data: dict = {
        "id": inst_id,
        "title": draw(text()),
        "short_title": draw(text(12)),
        "kind": draw(st.sampled_from(KINDS)),
        "issuer": draw(text(20)),
        "adopted": adopted.isoformat(),
        "effective": effective.isoformat(),
        "source": {
            "url": "https://"
            + draw(st.sampled_from(["www.", "flk.", ""]))
            + draw(st.sampled_from(OFFICIAL_SOURCE_HOSTS))
            + "/"
            + draw(st.from_regex(r"\A[a-z0-9_/.-]{0,20}\Z")),
            "retrieved": draw(dates()).isoformat(),
            "publisher": draw(text(12)),
        },
        "why_it_matters": draw(text(120)),
        "reviewed": {"on": draw(dates()).isoformat(), "against": draw(text(20))},
    }
    for key in ("title_en", "version", "document_number", "unreviewed"):
        if draw(st.booleans()):
            data[key] = draw(text(30))
    numbers = draw(
        st.lists(st.from_regex(r"\A[1-9][0-9]{0,3}(-[1-9])?\Z"), max_size=6, unique=True)
    )
    chapters = draw(st.lists(text(15), min_size=1, max_size=3))
    articles = []
    for number in numbers:
        article = {
            "number": number,
            "title": draw(text(20)),
            "summary": draw(text(150)),
            "topics": draw(st.lists(st.sampled_from(TOPICS), max_size=2, unique=True)),
        }
        if draw(st.booleans()):
            article["chapter"] = draw(st.sampled_from(chapters))
        for key in ("for_borrowers", "for_staff", "unreviewed"):
            if draw(st.booleans()):
                article[key] = draw(text(80))
        others = [n for n in numbers if n != number]
        if others and draw(st.booleans()):
            article["related"] = [f"{inst_id}#{draw(st.sampled_from(others))}"]
        articles.append(article)
    data["articles"] = articles
    return data


def dump(data: dict) -> str:
    # One line per value (no folding), as an editor would keep short fields.
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=float("inf"))


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: set[str] = set()
        self.attrs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += [f"{k}={v}" for k, v in attrs]

    def handle_data(self, data):
        self.parts.append(data)


def to_html(page_markdown: str) -> _Visible:
    body = re.sub(r"\A---\n.*?\n---\n", "", page_markdown, flags=re.DOTALL)
    html = markdown.markdown(
        body, extensions=MARKDOWN_EXTENSIONS, extension_configs=EXTENSION_CONFIGS
    )
    parser = _Visible()
    parser.feed(html)
    return parser


def squeeze(value: str) -> str:
    return re.sub(r"\s+", "", value)


def texts_of(data: dict) -> list[str]:
    """Every free-text value a reader must see on the instrument's page."""
    found = [data[k] for k in ("title", "issuer", "why_it_matters") if k in data]
    for article in data["articles"]:
        found += [
            article[k] for k in ("title", "summary", "for_borrowers", "for_staff") if k in article
        ]
    return found


@pytest.fixture(scope="module")
def empty_project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("prop") / "project", instruments=False, docs=False)


@SETTINGS
@given(data=instruments())
def test_random_valid_instruments_load_validate_and_render(empty_project, data):
    """A valid instrument loads back exactly as written, validates without a problem, renders
    its page, topic pages, update log and data export, and its page shows every text it holds,
    as text: nothing lost, nothing turned into markup."""
    path = empty_project / "regulations" / f"{data['id']}.yaml"
    path.write_text(dump(data), encoding="utf-8")
    try:
        assert data == load_yaml(path, path.name).data
        catalog, problems = load_catalog(empty_project)
        assert [] == [str(p) for p in problems]
        pages = render_site(catalog, TODAY)
        render_changelog(catalog, TODAY, site_name="法规参考")
        export_files(catalog, TODAY, site_name="法规参考")
    finally:
        path.unlink()
    page = to_html(pages[f"laws/{data['id']}.md"])
    visible = squeeze("".join(page.parts))
    assert [] == [t for t in texts_of(data) if squeeze(t) not in visible]
    assert not page.tags & {"script", "iframe", "img", "object", "embed", "form", "input", "style"}
    scripted = re.compile(r"on\w+=|(href|src)=\s*(javascript|vbscript|data):", re.IGNORECASE)
    assert [] == [a for a in page.attrs if scripted.match(a)]


@SETTINGS
@given(value=text(200, lines=True))
def test_plain_text_stays_text_in_markdown(value):
    """Whatever an editor types (Markdown punctuation, block markers at line starts, entities),
    plain() makes Markdown show exactly those characters and no markup but paragraphs."""
    page = to_html(plain(value))
    assert squeeze(value) == squeeze("".join(page.parts))
    assert page.tags <= {"p", "br"}, page.tags


# ---------------------------------------------------------------- damaged files

VALID_FILES = {
    "regulations/collection-guideline.yaml": VALID / "regulations" / "collection-guideline.yaml",
    "regulations/new-law.yaml": VALID / "regulations" / "new-law.yaml",
    "regulations/old-law.yaml": VALID / "regulations" / "old-law.yaml",
    "regulations/changelog.yaml": VALID / "regulations" / "changelog.yaml",
    "regulations/topics.yaml": PINNED_TOPICS,
    "docs/borrowers/guide.md": VALID / "docs" / "borrowers" / "guide.md",
}
UNICODE = st.characters(blacklist_categories=["Cs"])  # any code point a file can hold
# What YAML counts as a line break (YAML 1.1, as PyYAML reads it).
LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


@st.composite
def damaged(draw) -> tuple[str, str, str]:
    """(file, how, damaged text): one random mutation of one valid file."""
    name = draw(st.sampled_from(sorted(VALID_FILES)))
    lines = VALID_FILES[name].read_text(encoding="utf-8").splitlines(keepends=True)
    how = draw(
        st.sampled_from(
            [
                "delete line",
                "duplicate line",
                "swap characters",
                "insert character",
                "indent",
                "dedent",
                "tab",
            ]
        )
    )
    i = draw(st.integers(0, len(lines) - 1))
    line = lines[i]
    if how == "delete line":
        del lines[i]
    elif how == "duplicate line":
        lines.insert(i, line)
    elif how == "swap characters" and len(line) > 2:
        j = draw(st.integers(0, len(line) - 3))
        lines[i] = line[:j] + line[j + 1] + line[j] + line[j + 2 :]
    elif how == "insert character":
        j = draw(st.integers(0, len(line)))
        lines[i] = line[:j] + draw(UNICODE) + line[j:]
    elif how == "indent":
        lines[i] = " " * draw(st.integers(1, 4)) + line
    elif how == "dedent":
        lines[i] = line[min(len(line) - len(line.lstrip(" ")), draw(st.integers(1, 4))) :]
    elif how == "tab":
        lines[i] = "\t" + line.lstrip(" ")
    return name, how, "".join(lines)


@pytest.fixture(scope="module")
def valid_project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("damage") / "project")


@SETTINGS
@given(case=damaged())
def test_damaged_files_validate_or_give_located_problems(valid_project, case):
    """A line deleted, duplicated or re-indented, two characters swapped, any character inserted:
    the project still validates (and renders), or every problem names a file of the project, a
    line inside it and a known code; no exception escapes."""
    name, _how, damaged_text = case
    path = valid_project / name
    path.write_text(damaged_text, encoding="utf-8")
    try:
        catalog, problems = load_catalog(valid_project)
        if not any(p.is_error for p in problems):
            render_site(catalog, TODAY)
    finally:
        shutil.copyfile(VALID_FILES[name], path)
    files = {
        p.relative_to(valid_project).as_posix(): p for p in valid_project.rglob("*") if p.is_file()
    }
    for problem in problems:
        assert problem.code in CODES, str(problem)
        assert problem.path in files, str(problem)
        text = damaged_text if problem.path == name else files[problem.path].read_text("utf-8")
        assert 1 <= problem.line <= len(LINE_BREAK.findall(text)) + 1, str(problem)
