"""Hostile input through the real `mkdocs build`: one file of each class from
tests/fixtures/hostile/ stops the build with its location, without a traceback, and the site
that was there before stays byte-for-byte the same."""

from __future__ import annotations

import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from benchmarks.common import copy_project

from e2e.conftest import mkdocs_build
from e2e.test_build import tree_digest
from test_hostile import CASES, HOSTILE, hostile_bytes

pytestmark = pytest.mark.build

# One per class: syntax, resource exhaustion, size, code-running tags, cross-file integrity,
# script injection in a source URL, citations in a guidance page.
BUILD_CASES = [
    "syntax-unclosed-flow.yaml",
    "alias-bomb.yaml",
    "huge-10mb.yaml",
    "python-object-apply.yaml",
    "supersedes-cycle",
    "javascript-source-url.yaml",
    "citation-unknown-instrument.md",
]


def install_in_real_project(name: str, project: Path) -> None:
    """Add the hostile file to a copy of the real project at the path its case names.

    The real project has no collection-guideline.yaml or guide.md, so the file is added, not
    swapped in: every real entry still validates and the hostile one is the only problem."""
    case = CASES[name]
    if case.install is None:
        for path in sorted((HOSTILE / name).iterdir()):
            shutil.copyfile(path, project / "regulations" / path.name)
        return
    target = project / case.install
    assert not target.exists(), f"{case.install} would replace a real file"
    target.write_bytes(hostile_bytes(name))


@pytest.fixture(scope="module")
def builds(built_site, tmp_path_factory):
    """Each case built over its own copy of the real site; (output, returncode, digest after)."""
    base = tmp_path_factory.mktemp("hostile-build")
    before = tree_digest(built_site)

    def build(name: str):
        work = base / re.sub(r"\W", "_", name)
        project = copy_project(work / "project")
        install_in_real_project(name, project)
        site = work / "site"
        shutil.copytree(built_site, site)
        result = mkdocs_build(project, site)
        return result.output, result.returncode, tree_digest(site)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return before, dict(zip(BUILD_CASES, pool.map(build, BUILD_CASES), strict=True))


@pytest.mark.parametrize("name", BUILD_CASES)
def test_hostile_file_stops_the_build_and_keeps_the_site(builds, name):
    """Exit 1 with `file:line: CODE`, no traceback, and site/ unchanged to the byte."""
    before, results = builds
    output, returncode, after = results[name]
    case = CASES[name]
    assert 1 == returncode, output
    assert f"{case.where}:{case.line}: {case.code} " in output, output
    assert "Traceback" not in output
    assert "the previous site/ is unchanged" in output
    assert before == after
