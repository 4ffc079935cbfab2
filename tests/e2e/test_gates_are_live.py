"""The quality gates can fail: a copy of the project is broken once in each way the gates exist
to catch, built with the real `mkdocs build`, and every gate must find its break.

- an external web font: Material's Google Fonts loader switched back on in mkdocs.yml;
- an image without alt text, in a borrower page;
- a link to an anchor that does not exist, written as raw HTML (MkDocs' own anchor validation
  sees only Markdown links, so the crawl of the built HTML is the net for this one).

A bad YAML file is the fourth kind: test_build.py breaks one and checks the build fails with the
file and line and leaves the previous site/ byte-for-byte unchanged.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from benchmarks.common import copy_project, serve_files

from e2e.conftest import mkdocs_build
from e2e.linkcheck import check_site
from e2e.sitescan import external_tags, images_without_alt
from e2e.tabs import expect_leaks, open_tab
from e2e.test_accessibility import blocking_violations

pytestmark = pytest.mark.build

FONT_HOST = "fonts.googleapis.com"
PAGE = "borrowers/faq"
# The borrower booklet prints the FAQ page, so what breaks there breaks in the booklet too.
PAGES = {f"{PAGE}/index.html", "print/borrower-booklet/index.html"}
BAD_ANCHOR = "../rights/#no-such-section"


def break_project(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^  font: false.*$", "  font:\n    text: Noto Sans SC", text)
    assert count == 1, "mkdocs.yml no longer has `font: false` under theme: update this test"
    config.write_text(text, encoding="utf-8")

    page = project / "docs" / f"{PAGE}.md"
    page.write_text(
        page.read_text(encoding="utf-8").rstrip("\n")
        + '\n\n<img src="../../assets/favicon.svg">\n\n'
        + f'另见<a href="{BAD_ANCHOR}">你的权利</a>。\n',
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("broken")
    project = copy_project(root / "project")
    break_project(project)
    result = mkdocs_build(project, root / "site")
    assert result.returncode == 0, result.output
    return result.site


def test_the_tag_scan_finds_the_external_font_on_every_page(broken_site):
    offenders = external_tags(broken_site)
    fonts = {line.partition(": ")[0] for line in offenders if f"//{FONT_HOST}/css" in line}
    assert {p.relative_to(broken_site).as_posix() for p in broken_site.rglob("*.html")} == fonts


def test_the_alt_text_check_finds_the_image(broken_site):
    missing = images_without_alt(broken_site)
    assert {f"{page}: ../../assets/favicon.svg" for page in PAGES} == set(missing)


def test_the_link_crawl_finds_the_broken_anchor(broken_site):
    broken = check_site(broken_site).broken
    assert PAGES == {line.partition(": ")[0] for line in broken}, broken
    assert all(BAD_ANCHOR in line for line in broken), broken


@pytest.mark.browser
def test_the_browser_watch_and_axe_catch_the_font_and_the_image(broken_site, browser):
    """In Chromium the font request is recorded (and aborted), and axe reports the image."""
    from axe_playwright_python.sync_playwright import Axe

    with serve_files(broken_site) as url:
        visit = open_tab(browser, url.rstrip("/"))
        try:
            visit.page.goto(f"{url}{PAGE}/")
            violations = blocking_violations(Axe(), visit.page)
        finally:
            visit.page.context.close()
            leaks = expect_leaks(visit)
    assert any(FONT_HOST in leak for leak in leaks), leaks
    assert any(v.startswith("image-alt (critical)") for v in violations), violations
