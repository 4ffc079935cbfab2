"""复制引用 and 复制链接 on an article section put the right text on the clipboard."""

from __future__ import annotations

import pytest

from e2e.tabs import open_tab

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("button", "expected"),
    [
        ("复制引用", "《中华人民共和国民法典》第六百七十条，2021年1月1日起施行"),
        ("复制链接", "{site}laws/civil-code/#art-670"),
    ],
)
def test_copy_buttons_put_citation_and_link_on_the_clipboard(browser, site_url, button, expected):
    """The Civil Code article 670 buttons copy the standard citation and the stable link."""
    visit = open_tab(
        browser, site_url.rstrip("/"), permissions=["clipboard-read", "clipboard-write"]
    )
    try:
        page = visit.page
        page.goto(f"{site_url}laws/civil-code/#art-670")
        section = page.locator("#art-670 ~ p.article-copy").first
        section.get_by_role("button", name=button).click()
        page.wait_for_function(
            "() => document.querySelector('#art-670 ~ p.article-copy').textContent.includes('已复制')"
        )
        assert expected.format(site=site_url) == page.evaluate(
            "() => navigator.clipboard.readText()"
        )
        assert [] == visit.external_requests()
    finally:
        visit.page.context.close()
