"""Fixtures for tests that build the real site with the real `mkdocs` command."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from benchmarks.common import CHROMIUM, CHROMIUM_ARGS, serve_files

from e2e.tabs import VISITS, open_tab

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path


def mkdocs_build(project: Path, site: Path, **env: str) -> BuildResult:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **env},
    )
    return BuildResult(result.returncode, result.stdout + result.stderr, site)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real repository built once per test session."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.output
    return site


def read_page(site: Path, page: str) -> str:
    """HTML of a page given as its docs path, e.g. 'laws/civil-code.md'."""
    stem = page.removesuffix(".md")
    path = site / (
        "index.html"
        if stem == "index"
        else f"{stem.removesuffix('/index')}/index.html"
        if stem.endswith("index")
        else f"{stem}/index.html"
    )
    return path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def site_url(built_site) -> Iterator[str]:
    """The built site served for the whole session."""
    with serve_files(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _no_request_leaves_the_machine():
    """After each test: no tab it opened asked any host but its own origin for anything."""
    start = len(VISITS)
    yield
    opened = VISITS[start:]
    del VISITS[start:]
    leaks = [url for visit in opened for url in visit.external_requests()]
    assert [] == leaks, f"requests to other hosts (aborted, but the page made them): {leaks}"


@pytest.fixture
def watched_visits() -> list:
    """The tabs `_no_request_leaves_the_machine` will check after the current test."""
    return VISITS


@pytest.fixture
def tab(browser, site_url):
    visit = open_tab(browser, site_url.rstrip("/"), viewport={"width": 1280, "height": 900})
    yield visit
    visit.page.context.close()  # its requests are checked by _no_request_leaves_the_machine


@pytest.fixture
def phone(browser, site_url):
    visit = open_tab(
        browser,
        site_url.rstrip("/"),
        viewport={"width": 375, "height": 667},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    yield visit
    visit.page.context.close()


# ---------------------------------------------------------------- offline build, file:// tabs


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The real repository built once with OFFLINE=true, as `make offline` builds it."""
    site = tmp_path_factory.mktemp("offline") / "site"
    result = mkdocs_build(ROOT, site, OFFLINE="true")
    assert result.returncode == 0, result.output
    return site


@pytest.fixture
def file_tab(browser):
    """A tab for pages opened from disk: every request that is not file:// is aborted and recorded."""
    visit = open_tab(browser, "file://", viewport={"width": 1280, "height": 900})
    yield visit
    visit.page.context.close()
