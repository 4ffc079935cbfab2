"""Fixtures for tests that build the real site with the real `mkdocs` command."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT_PARTS = ["mkdocs.yml", "scripts", "regulations", "docs", "overrides"]


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path


def copy_project(dest: Path) -> Path:
    """A throw-away copy of everything a build reads, so a test may break it."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def mkdocs_build(project: Path, site: Path, **env: str) -> BuildResult:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project, capture_output=True, text=True, timeout=300,
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
    path = site / ("index.html" if stem == "index" else
                   f"{stem.removesuffix('/index')}/index.html" if stem.endswith("index") else f"{stem}/index.html")
    return path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the tests read responses, not logs
        pass


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site served on a free loopback port for the whole session."""
    handler = partial(_QuietHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Visit:
    """A browser tab that records every request, so a test can prove nothing left the machine."""

    page: object
    requests: list[str]
    origin: str
    stubs: set[str] = field(default_factory=set)

    def external_requests(self) -> list[str]:
        local = (self.origin, "data:", "blob:", "about:")
        return [u for u in self.requests if not u.startswith(local) and u not in self.stubs]

    def stub(self, url: str, html: str) -> None:
        """Answer `url` with `html` from inside the browser: the request never leaves the machine
        (e.g. the quick exit's neutral page), so it does not count as external."""
        self.stubs.add(url)
        self.page.route(
            url, lambda route: route.fulfill(status=200, content_type="text/html", body=html)
        )


# Every tab opened during the current test; `_no_request_leaves_the_machine` checks them all.
_VISITS: list[Visit] = []


def open_tab(browser, origin: str, **context_args) -> Visit:
    """The one way browser tests open pages: every request is recorded, and any request not to
    `origin` is aborted here and fails the test that made it."""
    context = browser.new_context(**context_args)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    # Anything bound elsewhere is stopped here and still recorded above.
    context.route(re.compile(r"^(?!" + re.escape(origin) + r").*"), lambda route: route.abort())
    visit = Visit(context.new_page(), requests, origin)
    _VISITS.append(visit)
    return visit


@pytest.fixture(autouse=True)
def _no_request_leaves_the_machine():
    """After each test: no tab it opened asked any host but its own origin for anything."""
    start = len(_VISITS)
    yield
    opened = _VISITS[start:]
    del _VISITS[start:]
    leaks = [url for visit in opened for url in visit.external_requests()]
    assert [] == leaks, f"requests to other hosts (aborted, but the page made them): {leaks}"


@pytest.fixture
def tab(browser, site_url):
    visit = open_tab(browser, site_url.rstrip("/"), viewport={"width": 1280, "height": 900})
    yield visit
    visit.page.context.close()  # its requests are checked by _no_request_leaves_the_machine


@pytest.fixture
def phone(browser, site_url):
    visit = open_tab(browser, site_url.rstrip("/"), viewport={"width": 375, "height": 667},
                     device_scale_factor=2, is_mobile=True, has_touch=True)
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
