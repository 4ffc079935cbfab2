"""Accessibility of every page type: axe-core in Chromium finds nothing serious or critical, on a
desktop and on a phone; headings, landmarks and alt texts are checked on every page of the
build; search and the quick exit work from the keyboard alone.

axe is the copy bundled with axe-playwright-python (no network). Fixes live in overrides/ (the
search dialog's name, the quick exit's place), docs/assets/ (contrast; scroll-boxes.js for wide
tables and code) and scripts/checklists.py (checklist boxes): no rule is disabled.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from e2e.sitescan import images_without_alt, outlines

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]

# One page of each type; the second value says why it is there.
PAGES = {
    "": "home page",
    "borrowers/harassment/": "borrower page: quick exit, checklist",
    "training/02-before-you-start/": "training module with collapsed self-check answers",
    "training/scenarios/": "scenarios",
    "training/checklist/": "desk checklist (task-list boxes)",
    "laws/civil-code/": "law page with chapters, status banner and article anchors",
    "laws/spc-private-lending-provisions/": "law page without chapters",
    "laws/topics/kantouxi/": "topic page",
    "laws/concordance/contract-law--civil-code/": "concordance page",
    "laws/": "laws index",
    "laws/changelog/": "update log",
    "about/": "about page",
    "about/deploy/": "about page with shell code blocks (comment colours)",
    "print/training-handbook/": "print handbook",
}
# On a phone: pages with wide tables (scroll boxes) and the pages a frightened reader opens.
PHONE_PAGES = ["", "borrowers/harassment/", "borrowers/evidence-log/", "training/03-contact-rules/"]
BLOCKING = {"serious", "critical"}
SETTLED = """() => [...document.querySelectorAll('.md-typeset__scrollwrap, .md-typeset pre > code')]
    .every(box => box.scrollWidth <= box.clientWidth + 1 || box.hasAttribute('tabindex'))"""


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def blocking_violations(axe, page) -> list[str]:
    """Serious and critical axe violations, one line per rule with up to three places."""
    # Collapsed answers and closed tabs are content too: open them so axe sees them.
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    # scroll-boxes.js marks wide boxes 100 ms after a change; if it does not, axe says so.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(SETTLED, timeout=3000)
    results = axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        + (f" (+{len(v['nodes']) - 3})" if len(v["nodes"]) > 3 else "")
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("path", list(PAGES), ids=lambda p: p or "home")
def test_no_serious_axe_violation_on_a_desktop(tab, site_url, axe, path):
    """axe-core reports no serious or critical violation (1280×900)."""
    tab.page.goto(f"{site_url}{path}")
    violations = blocking_violations(axe, tab.page)
    assert [] == violations, "\n".join(violations)


@pytest.mark.parametrize("path", PHONE_PAGES, ids=lambda p: p or "home")
def test_no_serious_axe_violation_on_a_phone(phone, site_url, axe, path):
    """axe-core reports no serious or critical violation (375×667), wide tables included."""
    phone.page.goto(f"{site_url}{path}")
    violations = blocking_violations(axe, phone.page)
    assert [] == violations, "\n".join(violations)


# ---------------------------------------------------------------- every page, read as HTML


def test_headings_start_at_h1_and_skip_no_level(built_site):
    """In every page's content: one h1, first; no heading more than one level below the one
    before it (h2 → h4 is a skip)."""
    problems = []
    for name, page in outlines(built_site):
        levels = page.headings
        if not levels or levels[0] != 1 or levels.count(1) != 1:
            problems.append(f"{name}: starts {levels[:3]}, {levels.count(1)} h1")
        skips = [f"h{a}→h{b}" for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        if skips:
            problems.append(f"{name}: {', '.join(sorted(set(skips)))}")
    assert [] == problems, "\n".join(problems)


def test_every_page_has_its_landmarks_and_language(built_site):
    """Each page has one banner (header), one main, one contentinfo (footer), a search region,
    and says it is Chinese."""
    problems = []
    for name, page in outlines(built_site):
        counts = {k: page.landmarks.count(k) for k in ("header", "main", "footer", "search")}
        if counts != {"header": 1, "main": 1, "footer": 1, "search": 1}:
            problems.append(f"{name}: {counts}")
        if not (page.lang or "").startswith("zh"):
            problems.append(f"{name}: lang={page.lang!r}")
    assert [] == problems, "\n".join(problems)


def test_every_image_has_alt_text(built_site):
    """Every <img> has an alt attribute, and every image in the content says what it shows
    (alt="" is for decoration in the site's frame only)."""
    missing = images_without_alt(built_site)
    assert [] == missing, "\n".join(missing)


# ---------------------------------------------------------------- keyboard


def tab_to(page, selector: str, limit: int = 40) -> int:
    """Press Tab until the element matching `selector` has focus; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(
            "s => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return presses
    raise AssertionError(f"{selector} not reached in {limit} Tab presses")


def test_search_works_from_the_keyboard(tab, site_url):
    """Tab reaches the search box; typing lists results; arrow keys and Enter open one."""
    page = tab.page
    page.goto(site_url)
    tab_to(page, "input.md-search__input")
    page.keyboard.type("砍头息")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert focused and "laws/" in focused
    page.keyboard.press("Enter")
    page.wait_for_url("**/laws/**")


def test_quick_exit_is_an_early_tab_stop_and_enter_leaves(tab, site_url):
    """On a borrower page the quick exit is the first Tab stop after "skip to content"; Enter on
    it leaves at once for the neutral page."""
    page = tab.page
    page.goto(f"{site_url}borrowers/harassment/")
    target = page.locator("[data-quick-exit]").get_attribute("href")
    tab.stub(target, "<title>neutral</title>ok")
    assert tab_to(page, "[data-quick-exit]", limit=40) <= 2
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    assert page.title() == "neutral"


def test_search_override_differs_from_material_only_by_the_dialog_name():
    """overrides/partials/search.html is Material's partial plus aria-label on the dialog, so a
    Material upgrade that changes the partial shows up here."""
    import material

    original = Path(material.__file__).parent / "templates" / "partials" / "search.html"
    ours = ROOT / "overrides" / "partials" / "search.html"

    def body(text: str) -> list[str]:
        return re.sub(r"\{#-.*?-#\}\s*", "", text, count=1, flags=re.DOTALL).splitlines()

    theirs = body(original.read_text(encoding="utf-8"))
    mine = body(ours.read_text(encoding="utf-8"))
    changed = [(a, b) for a, b in zip(theirs, mine, strict=True) if a != b]
    assert [
        (
            '<div class="md-search" data-md-component="search" role="dialog">',
            '<div class="md-search" data-md-component="search" role="dialog" '
            "aria-label=\"{{ lang.t('search') }}\">",
        )
    ] == changed
