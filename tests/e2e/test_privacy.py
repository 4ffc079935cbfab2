"""Nothing leaves the machine: the built pages, stylesheets and scripts ask no other host for
anything, carry no tracker, and every browser test watches the network.

tests/e2e/test_build.py::test_no_page_loads_anything_from_another_host covers script, link, img,
iframe and media tags; this file adds what it does not see: CSS url() and @import (in files,
<style> blocks and style attributes), srcset, preconnect and prefetch hints, meta refresh, form
targets, SVG references, tracker hosts and snippets anywhere, and Material's dormant loaders.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from e2e.sitescan import external_tags
from e2e.tabs import open_tab

pytestmark = pytest.mark.build

E2E = Path(__file__).resolve().parent
TESTS = E2E.parent

# Hosts and snippets of analytics, tag managers, ad networks, session recorders, error reporters
# and the public CDNs that would see every reader's address. Matched case-insensitively in every
# HTML, CSS and JS file of the site.
TRACKERS = [
    "google-analytics.com",
    "googletagmanager.com",
    "gtag(",
    "doubleclick.net",
    "googlesyndication",
    "hm.baidu.com",
    "_hmt",
    "cnzz.com",
    "umeng.com",
    "51.la",
    "growingio",
    "sensorsdata",
    "matomo",
    "piwik",
    "plausible.io",
    "umami",
    "facebook.net",
    "fbq(",
    "connect.facebook",
    "hotjar",
    "clarity.ms",
    "mixpanel",
    "segment.io",
    "cdn.segment.com",
    "sentry.io",
    "newrelic",
    "nr-data.net",
    "fonts.googleapis.com",
    "fonts.gstatic.com",
    "ajax.googleapis.com",
    "cdn.jsdelivr.net",
    "cdnjs.cloudflare.com",
    "bootcdn",
    "staticfile.org",
    "gravatar.com",
]
# Material's bundle holds loaders that fetch from unpkg.com only when a page asks for them
# (mermaid diagrams; a ResizeObserver polyfill for browsers without one) and api.github.com for
# a repository widget; the Atom feed and JSON Schema name their specs. Those strings are expected
# in these files and nowhere else.
DORMANT = {"unpkg.com": "assets/javascripts/bundle."}

_CSS_URL = re.compile(
    r"""url\(\s*(['"]?)(?P<url>[^'")]*)\1\s*\)|@import\s+(['"])(?P<imp>[^'"]+)\3""", re.IGNORECASE
)


def is_external(url: str) -> bool:
    url = url.strip()
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.IGNORECASE)) and not url.startswith(
        "data:"
    )


def css_references(css: str) -> list[str]:
    return [m.group("url") or m.group("imp") for m in _CSS_URL.finditer(css)]


class _Refs(HTMLParser):
    """Everything in a page that would make the browser fetch or go somewhere on its own."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        values = {k: v or "" for k, v in attrs}
        if values.get("style"):
            self.found += [
                f"style attribute url({u})"
                for u in css_references(values["style"])
                if is_external(u)
            ]
        for name in ("srcset", "imagesrcset"):
            for candidate in values.get(name, "").split(","):
                url = candidate.strip().split(" ")[0]
                if url and is_external(url):
                    self.found.append(f"<{tag} {name}> {url}")
        rel = set(values.get("rel", "").lower().split())
        if (
            tag == "link"
            and rel
            & {
                "preconnect",
                "dns-prefetch",
                "prefetch",
                "preload",
                "modulepreload",
                "prerender",
                "stylesheet",
                "icon",
                "manifest",
            }
            and is_external(values.get("href", ""))
        ):
            self.found.append(f"<link rel={values['rel']}> {values['href']}")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.found.append(f"<meta refresh> {values.get('content')}")
        if tag == "form" and is_external(values.get("action", "")):
            self.found.append(f"<form action> {values['action']}")
        if tag in ("use", "image", "feimage") and any(
            is_external(values.get(a, "")) for a in ("href", "xlink:href")
        ):
            self.found.append(f"<{tag}> {values.get('href') or values.get('xlink:href')}")
        if tag == "iframe":
            self.found.append(f"<iframe> {values.get('src')}")
        if tag == "base":
            self.found.append(f"<base> {values.get('href')}")
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.found += [f"<style> url({u})" for u in css_references(data) if is_external(u)]


def site_files(site: Path, *suffixes: str) -> list[Path]:
    """The site's files of those types; the search index is the pages' text, not code."""
    return sorted(
        p
        for p in site.rglob("*")
        if p.is_file()
        and p.suffix in suffixes
        and p.relative_to(site).as_posix() != "search/search_index.js"
    )


@pytest.fixture(params=["built_site", "offline_site"])
def site(request) -> Path:
    """Each scan runs on the site as served and on the offline package (OFFLINE=true), whose
    iframe-worker shim must stay the vendored copy, never unpkg.com."""
    return request.getfixturevalue(request.param)


def test_pages_fetch_nothing_through_css_hints_or_frames(site):
    """No page has an external CSS url()/@import, srcset, preconnect or prefetch hint, meta
    refresh, form target, SVG reference, iframe or <base>."""
    offenders = []
    for page in site_files(site, ".html"):
        parser = _Refs()
        parser.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(site)}: {f}" for f in parser.found]
    assert [] == offenders


def test_stylesheets_fetch_nothing_from_another_host(site):
    """Every url() and @import in every stylesheet is a local path or a data: URI; no font is
    fetched at all (the site uses system fonts)."""
    offenders = []
    for css in site_files(site, ".css"):
        for url in css_references(css.read_text(encoding="utf-8")):
            if is_external(url) or re.search(r"\.(woff2?|ttf|otf|eot)\b", url):
                offenders.append(f"{css.relative_to(site)}: {url}")
    assert [] == offenders
    assert not site_files(site, ".woff", ".woff2", ".ttf", ".otf", ".eot")


class _Code(HTMLParser):
    """What a page would run or load: attribute values and <script>/<style> contents (prose
    that names a tracker, e.g. to say the site has none, is not code)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._in_code = False

    def handle_starttag(self, tag, attrs):
        self.parts += [v for _, v in attrs if v]
        self._in_code = tag in ("script", "style")

    def handle_endtag(self, tag):
        self._in_code = False

    def handle_data(self, data):
        if self._in_code:
            self.parts.append(data)


def code_text(path: Path) -> str:
    """What a file would run or load: the whole of a stylesheet or script, the code of a page."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix != ".html":
        return text
    parser = _Code()
    parser.feed(text)
    return "\n".join(parser.parts)


def test_no_tracker_anywhere(site):
    """No analytics, tag manager, ad, session-recording or CDN host or snippet in any page's
    attributes, scripts and styles, nor in any stylesheet or script file."""
    offenders = []
    for path in site_files(site, ".html", ".css", ".js"):
        text = code_text(path).lower()
        offenders += [f"{path.relative_to(site)}: {t}" for t in TRACKERS if t in text]
    assert [] == offenders


def test_materials_dormant_loaders_stay_dormant(site):
    """unpkg.com appears only inside Material's bundle, and no page gives it a reason to load:
    no mermaid diagram, no repository widget (it would call api.github.com)."""
    places = []
    for path in site_files(site, ".html", ".css", ".js"):
        text = code_text(path)
        name = path.relative_to(site).as_posix()
        places += [
            f"{name}: {host}"
            for host, allowed in DORMANT.items()
            if host in text and not name.startswith(allowed)
        ]
    assert [] == places
    for page in site_files(site, ".html"):
        html = page.read_text(encoding="utf-8")
        assert 'class="mermaid"' not in html, page
        assert 'data-md-component="source"' not in html, page


def test_offline_package_has_no_external_tag(offline_site):
    """The tag scan of test_build.py, on the offline package."""
    offenders = external_tags(offline_site)
    assert [] == offenders, "\n".join(offenders)


def test_quick_exit_target_is_a_neutral_page_that_receives_no_referrer(built_site):
    """The quick-exit link goes to a plain https search page and tells it nothing of this site."""
    html = (built_site / "borrowers" / "harassment" / "index.html").read_text(encoding="utf-8")
    link = re.search(r"<a [^>]*data-quick-exit[^>]*>", html).group(0)
    href = re.search(r'href="([^"]+)"', link).group(1)
    assert urlsplit(href).scheme == "https" and urlsplit(href).path in ("", "/")
    assert 'rel="noreferrer"' in link


def test_every_browser_test_watches_the_network():
    """Tests open pages only through the recording tabs of tests/e2e/tabs.py (open_tab, and the
    tab, phone and file_tab fixtures built on it), or through a page marked `# watched:` whose
    requests are recorded and checked where it is made; anything else would go unwatched."""
    bare = [
        f"{path.relative_to(TESTS)}:{number}"
        for path in sorted(TESTS.rglob("*.py"))
        if path != E2E / "tabs.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.new_(context|page)\(", line) and "# watched:" not in line
    ]
    assert [] == bare


@pytest.mark.browser
def test_the_watch_sees_tabs_that_tests_open(browser, site_url, watched_visits):
    """A tab a test module opens with open_tab is in the registry the after-test check reads
    (pytest imports conftest.py under its own module name: a registry kept there was a second
    one, and such tabs went unwatched)."""
    visit = open_tab(browser, site_url.rstrip("/"))
    try:
        assert any(v is visit for v in watched_visits)
    finally:
        visit.page.context.close()
