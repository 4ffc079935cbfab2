"""The real site built once for the search tests, and served on a loopback port."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks import search as bench


@pytest.fixture(scope="session")
def search_site(tmp_path_factory) -> Path:
    """The repository built strictly into a temporary folder, as `make build` does."""
    return bench.build_site(tmp_path_factory.mktemp("search"))


@pytest.fixture(scope="session")
def search_url(search_site):
    with bench.serve(search_site) as url:
        yield url
