"""The offline package: built with OFFLINE=true, zipped, unzipped elsewhere and opened from the
file system in Chromium with every non-file request aborted — navigation and search still work."""

from __future__ import annotations

import zipfile

import pytest

from scripts.model import build_date
from scripts.package import zip_site

pytestmark = [pytest.mark.build, pytest.mark.browser]

NAME = "cuishou-fagui-offline"


@pytest.fixture(scope="module")
def unzipped(offline_site, tmp_path_factory):
    """The package as a reader gets it: dist/<name>-offline.zip unzipped in some other folder."""
    dist = tmp_path_factory.mktemp("dist")
    archive = zip_site(offline_site, dist / f"{NAME}.zip", build_date())
    target = tmp_path_factory.mktemp("desktop")
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(target)
    return target / NAME


def test_offline_build_links_files_not_folders(unzipped):
    """Directory URLs are off, the search index is inlined as a script and the shim is local."""
    home = (unzipped / "index.html").read_text(encoding="utf-8")
    assert 'href="laws/index.html"' in home
    assert (unzipped / "search" / "search_index.js").is_file()
    assert "assets/vendor/iframe-worker/shim.js" in home and "unpkg.com" not in home


def test_unzipped_site_navigates_and_searches_from_the_file_system(unzipped, file_tab):
    """From index.html: open the law library, then a law; search 砍头息 and get the Civil Code
    article; nothing is requested from any other place."""
    page = file_tab.page
    page.goto((unzipped / "index.html").as_uri())
    page.locator(".doors a", has_text="法规库").click()
    page.wait_for_url("**/laws/index.html")
    page.locator("article a[href='civil-code.html']").first.click()
    page.wait_for_url("**/laws/civil-code.html")
    assert "民法典" in page.locator("h1").inner_text()
    assert page.locator("#art-670").is_visible()

    box = page.locator("input.md-search__input")
    box.click()
    box.fill("砍头息")
    box.press("End")  # Material listens for keyup; fill() with CJK text sends none
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    results = page.eval_on_selector_all(
        ".md-search-result__item > a", "els => els.map(e => e.href)"
    )
    assert results and all(r.startswith("file://") for r in results)
    assert any("civil-code.html" in r and "art-670" in r for r in results[:10]), results[:10]
    assert [] == file_tab.external_requests()


def test_offline_data_and_print_pages_are_in_the_package(unzipped):
    """The package carries the open data, the feed and both print books, linked as files."""
    for path in (
        "data/catalog.json",
        "data/catalog.schema.json",
        "changelog.xml",
        "print/training-handbook.html",
        "print/borrower-booklet.html",
    ):
        assert (unzipped / path).is_file(), path
    about = (unzipped / "about" / "data.html").read_text(encoding="utf-8")
    assert 'href="../print/training-handbook.html"' in about
