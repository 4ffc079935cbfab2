"""Build small, throw-away project trees so no test reads the real regulations/*.yaml.

    def test_something(project):
        catalog, problems = load_catalog(project)

`project` is a valid tree: a copy of regulations/schema/, a topic vocabulary, the files of
tests/fixtures/valid/regulations/ (old-law, new-law, collection-guideline and a changelog) and the
pages of tests/fixtures/valid/docs/ (one guidance page, one home page). The vocabulary is
tests/fixtures/topics.yaml, a pinned subset of regulations/topics.yaml: it keeps golden pages
stable while the real list grows, and halves the time of each load (PyYAML is pure Python here).
`real_topics_project` copies the real regulations/topics.yaml instead.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
# `scripts` is not installed (package = false) and the pytest entry point does not put the
# working directory on sys.path, so the repository root is added here.
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from scripts.catalog import load_catalog  # noqa: E402

FIXTURES = TESTS / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
GOLDEN = TESTS / "golden"
REAL_TOPICS = REPO / "regulations" / "topics.yaml"
PINNED_TOPICS = FIXTURES / "topics.yaml"
# The Markdown extensions mkdocs.yml enables (toc without its custom slugify, which needs no
# test; the hook's glossary only wraps terms in <abbr>).
MARKDOWN_EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.tasklist",
]


def make_project(
    root: Path, *, instruments: bool = True, docs: bool = True, topics: Path = PINNED_TOPICS
) -> Path:
    """Lay out a project at `root`: schema and topics always, the valid fixtures on request."""
    regulations = root / "regulations"
    shutil.copytree(REPO / "regulations" / "schema", regulations / "schema")
    shutil.copyfile(topics, regulations / "topics.yaml")
    if instruments:
        for path in sorted((VALID / "regulations").iterdir()):
            shutil.copyfile(path, regulations / path.name)
    if docs:
        shutil.copytree(VALID / "docs", root / "docs")
    return root


def problem_lines(root: Path) -> list[str]:
    """Every problem `load_catalog` reports for `root`, formatted as the CLI prints it."""
    _, problems = load_catalog(root)
    return [str(p) for p in problems]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A valid project tree with the pinned topic vocabulary."""
    return make_project(tmp_path / "project")


@pytest.fixture
def real_topics_project(tmp_path: Path) -> Path:
    """A valid project tree with a copy of the real regulations/topics.yaml."""
    return make_project(tmp_path / "project", topics=REAL_TOPICS)


@pytest.fixture
def edit(project: Path) -> Callable[[str, str, str], Path]:
    """Replace the one occurrence of `old` by `new` in a file of `project`: one change away."""

    def change(relative: str, old: str, new: str) -> Path:
        path = project / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur exactly once in {relative}"
        path.write_text(text.replace(old, new), encoding="utf-8")
        return path

    return change
