"""The standard written citation offered by each article's 复制引用 button."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import make_project
from scripts.catalog import load_catalog
from scripts.render import citation_text, render_instrument


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("cite") / "project")
    catalog, problems = load_catalog(root)
    assert [] == problems
    return catalog


def test_current_article_citation_names_full_title_numeral_and_effective_date(catalog):
    """A version in a chain gets its version label; the number is in Chinese numerals."""
    inst = catalog.instruments["new-law"]
    number = inst.articles[0].number
    text = citation_text(inst, number)
    assert text.startswith(f"《{inst.title}》（{inst.version}）第")
    assert text.endswith(
        f"{inst.effective[:4]}年{int(inst.effective[5:7])}月{int(inst.effective[8:])}日起施行"
    )


def test_historical_article_citation_says_when_it_stopped(catalog):
    """An article of a superseded version says from when it no longer applies."""
    inst = catalog.instruments["old-law"]
    text = citation_text(inst, inst.articles[0].number)
    assert "起被新版本取代" in text


def test_copy_buttons_carry_escaped_citation_and_anchor(catalog):
    """Each article section has both buttons, with the citation HTML-escaped in the attribute."""
    inst = catalog.instruments["new-law"]
    page = render_instrument(inst, catalog, dt.date(2026, 11, 28))
    for art in inst.articles:
        assert f'data-copy-anchor="art-{art.number}"' in page
    assert page.count('class="md-button copy-citation"') == 2 * len(inst.articles)
