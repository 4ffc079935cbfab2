"""The real site built once for the search tests, served on a loopback port, and a Chromium tab
on it that runs in its own thread (the e2e tests may hold Playwright's event loop in this one)."""

from __future__ import annotations

import queue
import re
import threading
from pathlib import Path

import pytest
from benchmarks import search as bench
from benchmarks.common import serve_files


@pytest.fixture(scope="session")
def search_site(tmp_path_factory) -> Path:
    """The repository built strictly into a temporary folder, as `make build` does."""
    return bench.build_site(tmp_path_factory.mktemp("search"))


@pytest.fixture(scope="session")
def search_url(search_site):
    with serve_files(search_site) as url:
        yield url


@pytest.fixture(scope="session")
def evaluate(search_url):
    """evaluate(script, arg) → the value of `script` (a JS function) on the built home page."""
    requests: queue.Queue = queue.Queue()
    # Every URL the tab asks for; any not on the served site is aborted and fails at teardown.
    asked: list[str] = []

    def tab() -> None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=bench.CHROMIUM, args=bench.CHROMIUM_ARGS
            )
            page = browser.new_page()  # watched: see `asked`
            page.on("request", lambda request: asked.append(request.url))
            page.route(
                re.compile(r"^(?!" + re.escape(search_url) + r").*"), lambda route: route.abort()
            )
            page.goto(search_url)
            while (request := requests.get()) is not None:
                script, arg, reply = request
                try:
                    reply.put((True, page.evaluate(script, arg)))
                except Exception as error:  # handed to the test that asked
                    reply.put((False, error))
            browser.close()

    thread = threading.Thread(target=tab, daemon=True)
    thread.start()

    def run(script: str, arg=None):
        reply: queue.Queue = queue.Queue()
        requests.put((script, arg, reply))
        ok, value = reply.get(timeout=120)
        if not ok:
            raise value
        return value

    yield run
    requests.put(None)
    thread.join(timeout=30)
    leaks = [url for url in asked if not url.startswith(search_url)]
    assert [] == leaks, f"the search tab asked other hosts: {leaks}"
