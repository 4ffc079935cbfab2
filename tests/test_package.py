"""scripts.package: the offline zip."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest

from scripts.package import README_NAME, zip_site

TODAY = dt.date(2026, 11, 28)


@pytest.fixture
def site(tmp_path):
    site = tmp_path / "site"
    (site / "laws").mkdir(parents=True)
    (site / "index.html").write_text("<h1>首页</h1>", encoding="utf-8")
    (site / "laws" / "civil-code.html").write_text("<h1>民法典</h1>", encoding="utf-8")
    return site


def test_zip_holds_one_folder_with_the_site_and_a_note(site, tmp_path):
    """Unzipped it is one folder named after the archive: index.html, the pages, README.txt."""
    archive = zip_site(site, tmp_path / "dist" / "fagui-offline.zip", TODAY)
    with zipfile.ZipFile(archive) as zf:
        assert [
            f"fagui-offline/{README_NAME}",
            "fagui-offline/index.html",
            "fagui-offline/laws/civil-code.html",
        ] == zf.namelist()
        note = zf.read(f"fagui-offline/{README_NAME}").decode("utf-8-sig")
        assert "双击 index.html" in note and "2026-11-28" in note
        assert {(2026, 11, 28, 0, 0, 0)} == {info.date_time for info in zf.infolist()}
        assert {zipfile.ZIP_DEFLATED} == {info.compress_type for info in zf.infolist()}


def test_zip_is_reproducible(site, tmp_path):
    """The same site on the same day gives the same bytes."""
    first = zip_site(site, tmp_path / "a" / "x.zip", TODAY).read_bytes()
    assert first == zip_site(site, tmp_path / "b" / "x.zip", TODAY).read_bytes()


def test_zip_refuses_a_folder_that_is_not_a_built_site(tmp_path):
    """Without index.html there is nothing to open: say so instead of zipping an empty folder."""
    with pytest.raises(FileNotFoundError, match="index.html is missing"):
        zip_site(tmp_path, tmp_path / "x.zip", TODAY)
