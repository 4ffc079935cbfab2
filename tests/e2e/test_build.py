"""The real site, built with the real `mkdocs build --strict`, read back as HTML."""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from benchmarks.common import copy_project

from e2e.conftest import ROOT, mkdocs_build, read_page
from e2e.sitescan import external_tags

pytestmark = pytest.mark.build


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        self.links.append((tag, attrs))


def parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


@cache
def ids_of(page: Path) -> frozenset[str]:
    """The ids of a built page, parsed once however many citations point at it."""
    return frozenset(parse(page.read_text(encoding="utf-8")).ids)


def tree_digest(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        digest.update(path.relative_to(site).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def test_pilot_law_page_shows_status_source_and_article_anchors(built_site):
    """The Consumer Rights Protection Law page has its banner, source link and one anchor per article."""
    html = read_page(built_site, "laws/consumer-protection-law.md")
    page = parse(html)
    assert "现行有效 · 法律" in html
    assert "2014年3月15日起施行" in html
    assert {f"art-{n}" for n in range(1, 64)} <= page.ids
    assert any(
        tag == "a" and (a.get("href") or "").startswith("http") and "npc.gov.cn" in a["href"]
        for tag, a in page.links
    )


def test_repealed_contract_law_points_to_the_civil_code(built_site):
    """A repealed version keeps its page, says so, and links to its successor, article by article."""
    html = read_page(built_site, "laws/contract-law.md")
    assert "已废止 · 法律" in html
    assert "已于2021年1月1日废止" in html
    assert 'href="../civil-code/#art-670"' in html


def test_every_citation_lands_on_an_existing_article_anchor(built_site):
    """Each link a guidance page makes into laws/ resolves to a page that has the anchor."""
    checked = 0
    for page in sorted((built_site / "borrowers").rglob("index.html")) + sorted(
        (built_site / "training").rglob("index.html")
    ):
        for tag, attrs in parse(page.read_text(encoding="utf-8")).links:
            href = attrs.get("href") or ""
            if tag != "a" or "/laws/" not in f"/{href}" or "#art-" not in href:
                continue
            path, _, fragment = href.partition("#")
            target = (page.parent / path / "index.html").resolve()
            assert target.is_file(), f"{page}: {href}"
            assert fragment in ids_of(target), f"{page}: {href}"
            checked += 1
    assert checked > 50


def test_cited_article_lists_the_pages_that_cite_it(built_site):
    """Backlinks: an article cited by the rights page names that page."""
    rights = read_page(built_site, "borrowers/rights.md")
    cited = re.search(r'href="\.\./\.\./laws/([a-z0-9-]+)/#art-([0-9-]+)"', rights)
    assert cited, "the rights page cites at least one article"
    law = read_page(built_site, f"laws/{cited.group(1)}.md")
    section = law.split(f'id="art-{cited.group(2)}"', 1)[1].split("<h4", 1)[0]
    assert "引用本条的页面" in section
    assert 'href="../../borrowers/rights/"' in section


def test_guidance_pages_carry_the_not_legal_advice_notice(built_site):
    """Every borrower and training page shows the notice with its review date."""
    pages = sorted((built_site / "borrowers").rglob("index.html")) + sorted(
        (built_site / "training").rglob("index.html")
    )
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "本页不是法律意见" in html, page
        assert re.search(r"最后审核：\d{4}年\d{1,2}月\d{1,2}日", html), page


def test_borrower_pages_have_the_quick_exit_and_staff_pages_do_not(built_site):
    """The quick-exit control appears on borrower pages only."""
    assert "data-quick-exit" in read_page(built_site, "borrowers/rights.md")
    assert "data-quick-exit" not in read_page(built_site, "laws/civil-code.md")


def test_topic_page_lists_tagged_articles(built_site):
    """The 砍头息 topic page lists the Civil Code article on deducted interest."""
    html = read_page(built_site, "laws/topics/kantouxi.md")
    assert 'href="../../civil-code/#art-670"' in html
    assert "砍头息" in html


def test_search_index_is_segmented_with_jieba(built_site):
    """Chinese text in the search index is split into words (zero-width spaces between them)."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(doc["text"] for doc in index["docs"])
    assert "\u200b" in texts
    assert index["config"]["separator"].startswith("[\\s\\u200b")


def test_no_page_loads_anything_from_another_host(built_site):
    """No script, style, font, image or frame is fetched from outside the site."""
    offenders = external_tags(built_site)
    assert [] == offenders, "\n".join(offenders)
    css = "".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_bad_yaml_fails_the_build_and_keeps_the_previous_site(tmp_path):
    """A broken entry stops the build with file:line, no traceback, and leaves site/ as it was."""
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    first = mkdocs_build(project, site)
    assert first.returncode == 0, first.output
    before = tree_digest(site)

    entry = project / "regulations" / "consumer-protection-law.yaml"
    lines = entry.read_text(encoding="utf-8").splitlines(keepends=True)
    broken_line = next(i for i, line in enumerate(lines) if line.startswith("  - number:"))
    lines[broken_line] = '  - number: "29"\n    title: [unclosed\n'
    entry.write_text("".join(lines), encoding="utf-8")

    second = mkdocs_build(project, site)
    assert second.returncode != 0
    # PyYAML notices the unclosed flow sequence on the line after it opens.
    reported = re.search(r"regulations/consumer-protection-law\.yaml:(\d+): E002 ", second.output)
    assert reported, second.output
    assert broken_line + 2 <= int(reported.group(1)) <= broken_line + 3
    assert "Traceback" not in second.output
    assert "the previous site/ is unchanged" in second.output
    assert before == tree_digest(site)


def test_unresolvable_citation_names_page_line_and_nearest_ids(tmp_path):
    """A citation to an unknown instrument fails the build with the page, the line and suggestions."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "borrowers" / "rights.md"
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n\n见[民法典](law:civil-cod#670)。\n"
    page.write_text(text, encoding="utf-8")
    line = text.count("\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert (
        f"docs/borrowers/rights.md:{line}: E201 law:civil-cod#670: no instrument 'civil-cod' (nearest: civil-code"
        in result.output
    )
    assert "Traceback" not in result.output
    assert not (tmp_path / "site").exists()


def test_generated_pages_are_identical_across_builds(tmp_path, built_site):
    """Two builds of the same tree give the same pages, except the sitemap's build stamps."""
    again = mkdocs_build(ROOT, tmp_path / "site")
    assert again.returncode == 0, again.output
    stamped = {"sitemap.xml", "sitemap.xml.gz"}
    differ = [
        p.relative_to(built_site).as_posix()
        for p in built_site.rglob("*")
        if p.is_file()
        and p.name not in stamped
        and p.read_bytes() != (tmp_path / "site" / p.relative_to(built_site)).read_bytes()
    ]
    assert [] == differ
