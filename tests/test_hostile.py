"""Hostile input: every file of tests/fixtures/hostile/ makes `python -m scripts validate` fail
cleanly — exit 1, a `file:line: CODE` line naming where, no traceback, within seconds.

Each case is installed into a copy of the valid project (tests/fixtures/valid/) and validated by
the real command in a subprocess. Two 10 MB cases are generated here rather than committed.
tests/e2e/test_hostile_build.py runs a subset through the real `mkdocs build`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, VALID, make_project

HOSTILE = FIXTURES / "hostile"
GUIDELINE = "regulations/collection-guideline.yaml"
NEW_LAW = "regulations/new-law.yaml"
OLD_LAW = "regulations/old-law.yaml"
CHANGELOG = "regulations/changelog.yaml"
TOPICS = "regulations/topics.yaml"
GUIDE = "docs/borrowers/guide.md"
# A safety guard against hangs and blow-ups (alias bombs, deep nesting), not a benchmark.
SECONDS = 10
TEN_MB = 10 * 1024 * 1024
# Every line validate prints: a located problem, or the closing summary.
LOCATED = re.compile(r"^[\w./-]+:\d+: [EW]\d{3} .+$")
SUMMARY = re.compile(r"^validate: \d+ errors?, \d+ warnings? in \d+ files?$")


@dataclass(frozen=True)
class Case:
    install: str | None  # where the file goes in the valid project; None: a folder of extra files
    where: str  # the file the expected problem names
    line: int
    code: str


CASES: dict[str, Case] = {
    # YAML syntax
    "syntax-unclosed-flow.yaml": Case(GUIDELINE, GUIDELINE, 4, "E002"),
    "syntax-bad-indent.yaml": Case(GUIDELINE, GUIDELINE, 10, "E002"),
    "syntax-unclosed-quote.yaml": Case(GUIDELINE, GUIDELINE, 6, "E002"),
    "syntax-two-documents.yaml": Case(GUIDELINE, GUIDELINE, 23, "E002"),
    "topics-syntax-error.yaml": Case(TOPICS, TOPICS, 12, "E002"),
    # tabs
    "tab-indent.yaml": Case(GUIDELINE, GUIDELINE, 11, "E007"),
    "tab-in-text.yaml": Case(GUIDELINE, GUIDELINE, 13, "E007"),
    # duplicate keys
    "duplicate-key-top.yaml": Case(GUIDELINE, GUIDELINE, 23, "E004"),
    "duplicate-key-nested.yaml": Case(GUIDELINE, GUIDELINE, 12, "E004"),
    # encodings and bytes
    "bom.yaml": Case(GUIDELINE, GUIDELINE, 1, "E001"),
    "gbk.yaml": Case(GUIDELINE, GUIDELINE, 3, "E001"),
    "utf16.yaml": Case(GUIDELINE, GUIDELINE, 1, "E001"),
    "invalid-byte-late.yaml": Case(GUIDELINE, GUIDELINE, 16, "E001"),
    "nul-byte.yaml": Case(GUIDELINE, GUIDELINE, 4, "E001"),
    "bidi-override.yaml": Case(GUIDELINE, GUIDELINE, 4, "E001"),
    "page-gbk.md": Case(GUIDE, GUIDE, 2, "E001"),
    # empty, size, depth
    "empty.yaml": Case(GUIDELINE, GUIDELINE, 1, "E003"),
    "null-document.yaml": Case(GUIDELINE, GUIDELINE, 2, "E103"),
    "top-level-list.yaml": Case(GUIDELINE, GUIDELINE, 1, "E103"),
    "huge-10mb.yaml": Case(GUIDELINE, GUIDELINE, 1, "E008"),  # generated
    "huge-page-10mb.md": Case(GUIDE, GUIDE, 1, "E008"),  # generated
    "deep-nesting-block.yaml": Case(GUIDELINE, GUIDELINE, 17, "E009"),
    "deep-nesting-flow-100k.yaml": Case(GUIDELINE, GUIDELINE, 1, "E009"),
    # anchors, aliases and tags
    "alias-bomb.yaml": Case(GUIDELINE, GUIDELINE, 23, "E006"),
    "merge-key.yaml": Case(GUIDELINE, GUIDELINE, 20, "E006"),
    "python-object-apply.yaml": Case(GUIDELINE, GUIDELINE, 6, "E005"),
    "local-tag-include.yaml": Case(GUIDELINE, GUIDELINE, 12, "E005"),
    # wrong types and impossible values
    "wrong-types.yaml": Case(GUIDELINE, GUIDELINE, 5, "E103"),
    "yaml11-boolean.yaml": Case(GUIDELINE, GUIDELINE, 5, "E103"),
    "complex-key.yaml": Case(GUIDELINE, GUIDELINE, 23, "E103"),
    "number-unquoted.yaml": Case(NEW_LAW, NEW_LAW, 36, "E103"),
    "id-path-traversal.yaml": Case(GUIDELINE, GUIDELINE, 2, "E103"),
    "impossible-date.yaml": Case(GUIDELINE, GUIDELINE, 10, "E103"),
    "date-with-time.yaml": Case(GUIDELINE, GUIDELINE, 20, "E103"),
    # articles, topics and references
    "duplicate-articles.yaml": Case(NEW_LAW, NEW_LAW, 42, "E105"),
    "unknown-topic.yaml": Case(NEW_LAW, NEW_LAW, 41, "E107"),
    "replaces-unknown-article.yaml": Case(NEW_LAW, NEW_LAW, 33, "E109"),
    # supersedes chains
    "supersedes-unknown.yaml": Case(NEW_LAW, NEW_LAW, 12, "E108"),
    "supersedes-self.yaml": Case(NEW_LAW, NEW_LAW, 12, "E108"),
    "successor-missing.yaml": Case(NEW_LAW, OLD_LAW, 11, "E111"),
    "supersedes-cycle": Case(None, "regulations/loop-a.yaml", 8, "E114"),
    # markup and script URLs in text fields and source URLs
    "script-tag-summary.yaml": Case(NEW_LAW, NEW_LAW, 28, "E112"),
    "event-handler-tag.yaml": Case(GUIDELINE, GUIDELINE, 3, "E112"),
    "event-handler-bare.yaml": Case(NEW_LAW, NEW_LAW, 47, "E112"),
    "changelog-script.yaml": Case(CHANGELOG, CHANGELOG, 12, "E112"),
    "javascript-url-text.yaml": Case(GUIDELINE, GUIDELINE, 12, "E113"),
    "javascript-source-url.yaml": Case(GUIDELINE, GUIDELINE, 9, "E113"),
    "data-source-url.yaml": Case(GUIDELINE, GUIDELINE, 9, "E113"),
    "source-url-breaks-attribute.yaml": Case(GUIDELINE, GUIDELINE, 9, "E113"),
    "source-url-unofficial-host.yaml": Case(GUIDELINE, GUIDELINE, 9, "E120"),
    "source-url-lookalike-host.yaml": Case(GUIDELINE, GUIDELINE, 9, "E120"),
    "source-url-userinfo.yaml": Case(GUIDELINE, GUIDELINE, 9, "E120"),
    # citations in guidance pages
    "citation-unknown-instrument.md": Case(GUIDE, GUIDE, 9, "E201"),
    "citation-malformed.md": Case(GUIDE, GUIDE, 9, "E203"),
    "citation-javascript.md": Case(GUIDE, GUIDE, 12, "E203"),
}
GENERATED = {"huge-10mb.yaml", "huge-page-10mb.md"}


def hostile_bytes(name: str) -> bytes:
    """The content of a hostile file; the two 10 MB ones are made from the valid fixtures."""
    if name == "huge-10mb.yaml":
        valid = (VALID / "regulations" / "collection-guideline.yaml").read_bytes()
        filler = "  这是一段被整页粘贴进来的正文。".encode() * (TEN_MB // 45)
        return valid.replace(b"why_it_matters: >-\n", b"why_it_matters: >-\n" + filler + b"\n", 1)
    if name == "huge-page-10mb.md":
        valid = (VALID / "docs" / "borrowers" / "guide.md").read_bytes()
        line = "先扣掉利息的，本金按实际到手的金额计算（[第12条](law:new-law#12)）。\n".encode()
        return valid + line * (TEN_MB // len(line))
    return (HOSTILE / name).read_bytes()


def install(name: str, root: Path) -> Path:
    """A valid project at `root` with the hostile file in place (or a folder's files added)."""
    make_project(root)
    case = CASES[name]
    if case.install is None:
        for path in sorted((HOSTILE / name).iterdir()):
            shutil.copyfile(path, root / "regulations" / path.name)
    else:
        target = root / case.install
        assert target.exists(), f"{name} must replace a file of the valid project"
        target.write_bytes(hostile_bytes(name))
    return root


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str
    seconds: float


def validate(root: Path) -> Outcome:
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "scripts", "--root", str(root), "validate"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    return Outcome(result.returncode, result.stdout, result.stderr, time.monotonic() - start)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, Outcome]:
    """Every case validated once, two at a time (each run is a fresh interpreter, ~1 s)."""
    base = tmp_path_factory.mktemp("hostile")
    roots = {name: install(name, base / re.sub(r"\W", "_", name)) for name in CASES}
    with ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2))) as pool:
        results = pool.map(validate, roots.values())
        return dict(zip(roots, results, strict=True))


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_fails_cleanly_with_its_location(outcomes, name):
    """Exit 1; the expected `file:line: CODE` line; every line located; no traceback; quick."""
    case, outcome = CASES[name], outcomes[name]
    output = outcome.stdout + outcome.stderr
    assert 1 == outcome.returncode, output
    lines = outcome.stdout.splitlines()
    assert any(line.startswith(f"{case.where}:{case.line}: {case.code} ") for line in lines), output
    assert [] == [line for line in lines[:-1] if not LOCATED.match(line)]
    assert SUMMARY.match(lines[-1]), output
    assert "Traceback" not in output
    assert "" == outcome.stderr
    assert outcome.seconds < SECONDS, f"{name} took {outcome.seconds:.1f} s"


def test_the_python_tag_runs_nothing(tmp_path):
    """A `!!python/object/apply` tag is refused before any constructor could call it."""
    marker = tmp_path / "pwned"
    root = install("python-object-apply.yaml", tmp_path / "project")
    entry = root / GUIDELINE
    text = entry.read_text(encoding="utf-8").replace("echo hostile", f"touch {marker}")
    entry.write_text(text, encoding="utf-8")
    outcome = validate(root)
    assert 1 == outcome.returncode
    assert not marker.exists()


def test_the_corpus_is_all_covered_and_large_enough():
    """Every file in tests/fixtures/hostile/ has a case and every case a file (or a generator);
    at least 30 inputs in all."""
    on_disk = {p.name for p in HOSTILE.iterdir() if p.name != "README.md"}
    assert sorted(on_disk) == sorted(set(CASES) - GENERATED)
    assert len(CASES) >= 30


def test_generated_files_are_over_ten_megabytes():
    """The size cases are what they claim to be."""
    assert all(len(hostile_bytes(name)) >= TEN_MB for name in GENERATED)


def test_readme_lists_every_case():
    """tests/fixtures/hostile/README.md has a row for each case, with its expected code."""
    readme = (HOSTILE / "README.md").read_text(encoding="utf-8")
    missing = [
        name
        for name, case in CASES.items()
        if not re.search(rf"^\| `{re.escape(name)}/?` \|.*\| {case.code} \|", readme, re.MULTILINE)
    ]
    assert [] == missing
