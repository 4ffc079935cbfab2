"""benchmarks/synthetic.py: the build-scale benchmark's synthetic instruments are real data as
far as the site can tell — they pass every check and render, with revisions, backlinks, topics
and citations. Not a timed test: `make bench` measures (docs/about/performance.md)."""

from __future__ import annotations

import datetime as dt

from benchmarks.synthetic import PREFIX, Synthetic, add_nav, add_synthetic

from scripts.catalog import load_catalog
from scripts.render import concordance_path, page_path, render_site, topic_path

TODAY = dt.date(2026, 11, 28)


def test_synthetic_instruments_validate_and_render(real_topics_project):
    before, problems = load_catalog(real_topics_project)
    assert problems == []
    extra = add_synthetic(real_topics_project, 200, seed=7)

    catalog, problems = load_catalog(real_topics_project)
    assert [str(p) for p in problems] == []
    synthetic = {i: inst for i, inst in catalog.instruments.items() if i.startswith(f"{PREFIX}-")}
    assert len(synthetic) == extra.instruments >= 3
    assert sum(len(i.articles) for i in synthetic.values()) == extra.articles == 200
    # Revisions (replaces, superseded), related links, topics and citations all scale.
    old = [i for i in synthetic.values() if i.superseded_by]
    assert old and all(a.replaced_by or a.no_successor for i in old for a in i.articles)
    articles = [a for i in synthetic.values() for a in i.articles]
    assert any(a.related for a in articles)
    assert all(a.topics and set(a.topics) <= set(catalog.topics) for a in articles)
    cited = [c for c in catalog.citations if c.instrument in synthetic]
    assert len(cited) == extra.citations > len(articles)
    assert sum(bool(a.cited_by) for a in articles) > len(articles) / 2

    pages = render_site(catalog, TODAY)
    for inst in synthetic.values():
        assert page_path(inst.id) in pages
    new = next(i for i in synthetic.values() if i.data.get("supersedes"))
    assert concordance_path(new.data["supersedes"][0], new.id) in pages
    topic = articles[0].topics[0]
    assert f"{articles[0].instrument_id}.md#art-{articles[0].number}" in pages[topic_path(topic)]


def test_explainer_pages_go_into_the_nav(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nnav:\n  - 首页: index.md\n", encoding="utf-8")
    add_nav(config, Synthetic(pages=[("《某法》解读", "synthetic/syn-0001.md")]))
    text = config.read_text(encoding="utf-8")
    section = '  - "合成条目解读（基准测试）":\n      - "《某法》解读": synthetic/syn-0001.md\n'
    assert "nav:\n" + section + "  - 首页: index.md\n" in text
