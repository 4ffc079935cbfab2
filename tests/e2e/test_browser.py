"""The built site in Debian's Chromium: what a reader sees and does, on a desktop and on a phone."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from e2e.tabs import open_tab

pytestmark = pytest.mark.browser

BORROWER_PAGES = [
    "borrowers/",
    "borrowers/rights/",
    "borrowers/prohibited/",
    "borrowers/verify-debt/",
    "borrowers/harassment/",
    "borrowers/complaints/",
    "borrowers/templates/",
    "borrowers/evidence-log/",
    "borrowers/faq/",
]


def landing(url: str) -> str:
    """Where a result link lands: path and #fragment, without the ?h= highlight query."""
    parts = urlsplit(url)
    return parts.path + (f"#{parts.fragment}" if parts.fragment else "")


def search(page, query: str) -> list[str]:
    """Type a query the way a reader does and return the result links shown."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # on a phone the box opens from the header's search icon
        page.locator("label[for='__search']").first.click()
    box.fill(query)
    # Material listens for keyup; fill() with CJK text sends none.
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


def test_home_page_offers_the_three_doors(tab, site_url):
    """The home page leads to the borrower, staff and law-library sections."""
    page = tab.page
    page.goto(site_url)
    for name, href in (
        ("我是借款人", "borrowers/"),
        ("我是从业人员", "training/"),
        ("法规库", "laws/"),
    ):
        link = page.locator(".doors a", has_text=name)
        assert link.is_visible()
        assert link.get_attribute("href") == href
    page.locator(".doors a", has_text="我是借款人").click()
    page.wait_for_url(f"{site_url}borrowers/")
    assert "借款人" in page.locator("h1").inner_text()


def test_law_page_shows_status_and_article_anchor(tab, site_url):
    """Opening an article link scrolls to that article under a visible status banner."""
    page = tab.page
    page.goto(f"{site_url}laws/contract-law/#art-200")
    assert "已废止" in page.locator(".admonition.danger .admonition-title").first.inner_text()
    heading = page.locator("#art-200")
    assert heading.is_visible()
    assert heading.inner_text().startswith("第200条")
    assert (
        page.evaluate("() => document.getElementById('art-200').getBoundingClientRect().top") < 300
    )


@pytest.mark.parametrize("path", ["borrowers/rights/", "training/03-contact-rules/"])
def test_citation_on_a_guidance_page_lands_on_the_article(tab, site_url, path):
    """Clicking the first citation on a borrower page and on a training module opens the cited
    article's section."""
    page = tab.page
    page.goto(f"{site_url}{path}")
    link = page.locator("article a[href*='/laws/'][href*='#art-']").first
    href = link.get_attribute("href")
    link.click()
    fragment = href.split("#", 1)[1]
    page.wait_for_url(f"**#{fragment}")
    assert page.locator(f"[id='{fragment}']").is_visible()


def test_topic_page_links_to_articles(tab, site_url):
    """A topic page lists articles whose links open on the right anchor."""
    page = tab.page
    page.goto(f"{site_url}laws/topics/third-parties/")
    links = page.locator("article a[href*='#art-']")
    assert links.count() >= 3


def test_search_returns_results_for_an_everyday_word(tab, site_url):
    """Typing 砍头息 in the search box lists results, with the Civil Code article among them."""
    page = tab.page
    page.goto(site_url)
    results = search(page, "砍头息")
    assert results
    assert "/laws/civil-code/#art-670" in [landing(r) for r in results[:10]], results[:10]


def test_search_works_on_a_phone(phone, site_url):
    """On a phone the search opens from the header icon and an article number finds the article."""
    page = phone.page
    page.goto(site_url)
    results = search(page, "民法典670")
    assert "/laws/civil-code/#art-670" in [landing(r) for r in results[:5]], results[:5]
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_load_state()
    assert "/laws/" in page.url


def test_home_page_doors_fit_a_phone(phone, site_url):
    """At 375×667 the three doors are on the page, stacked, and nothing scrolls sideways."""
    page = phone.page
    page.goto(site_url)
    boxes = [page.locator(".doors a").nth(i).bounding_box() for i in range(3)]
    assert all(b and b["x"] >= 0 and b["x"] + b["width"] <= 375 for b in boxes), boxes
    assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_law_page_on_a_phone_opens_on_the_article(phone, site_url):
    """A shared article link opens on a phone with the article heading on screen, and the page
    still says which version and status it shows."""
    page = phone.page
    page.goto(f"{site_url}laws/civil-code/#art-1033")
    assert page.locator("#art-1033").is_visible()
    top = page.evaluate("() => document.getElementById('art-1033').getBoundingClientRect().top")
    assert 0 <= top < 667
    assert "现行有效" in page.locator(".admonition").first.inner_text()
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0


@pytest.mark.parametrize("path", BORROWER_PAGES)
def test_borrower_pages_fit_a_small_phone(phone, site_url, path):
    """At 375×667 no borrower page scrolls sideways and the quick exit is on screen."""
    page = phone.page
    page.goto(f"{site_url}{path}")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} is {overflow}px wider than the screen"
    exit_box = page.locator("[data-quick-exit]").bounding_box()
    assert exit_box and exit_box["y"] + exit_box["height"] <= 667 and exit_box["x"] >= 0
    assert [] == phone.external_requests()


def test_quick_exit_replaces_the_page(phone, site_url):
    """The quick-exit control leaves at once and leaves no way back with the back button."""
    page = phone.page
    page.goto(f"{site_url}borrowers/harassment/")
    target = page.locator("[data-quick-exit]").get_attribute("href")
    phone.stub(target, "<title>neutral</title>ok")
    page.locator("[data-quick-exit]").click()
    page.wait_for_url(target)
    assert page.title() == "neutral"
    page.go_back()
    assert "harassment" not in page.url


def test_copy_button_copies_a_letter_template(browser, site_url):
    """The copy button on a letter template puts the letter on the clipboard."""
    visit = open_tab(
        browser,
        site_url.rstrip("/"),
        viewport={"width": 1280, "height": 900},
        permissions=["clipboard-read", "clipboard-write"],
    )
    try:
        page = visit.page
        page.goto(f"{site_url}borrowers/templates/")
        block = page.locator("pre").first
        block.hover()
        block.locator(
            "button.md-code__button[data-md-type='copy'], button.md-clipboard"
        ).first.click()
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied.strip() == block.locator("code").inner_text().strip()
        assert len(copied) > 40
        assert [] == visit.external_requests()
    finally:
        visit.page.context.close()


@pytest.mark.parametrize("path", ["borrowers/templates/", "borrowers/evidence-log/"])
def test_templates_and_log_print_cleanly(tab, site_url, path):
    """In print media, navigation and the quick exit vanish and the content stays."""
    page = tab.page
    page.goto(f"{site_url}{path}")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", "[data-quick-exit]", ".md-footer"):
        assert not page.locator(hidden).first.is_visible(), hidden
    content = page.locator("article.md-content__inner")
    assert content.is_visible()
    table_or_code = page.locator("article pre, article table").first
    assert table_or_code.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF" and len(pdf) > 5000
