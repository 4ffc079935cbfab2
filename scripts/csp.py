"""The Content-Security-Policy of the served site, computed from the built pages.

    >>> inventory = scan_site(Path("site"))
    >>> inventory.problems                    # on…= handlers, javascript: URLs: none allowed
    >>> policy(inventory)                     # the header value
    "default-src 'none'; script-src 'self' 'sha256-…' …; …"

The site loads scripts, styles, fonts, images, the search worker and the search index only from
itself. Material writes a few inline <script> blocks into every page (`__md_scope`/`__md_get`,
the palette, the tabbed-content hash); each distinct one is allowed by its SHA-256 hash, never by
'unsafe-inline'. Inline style attributes (Markdown's table alignment) are allowed the same way,
by hash with 'unsafe-hashes', which covers only those exact attribute values. Scripts inside
`on…=` attributes and `javascript:` URLs are never allowed: scanning reports them as problems.

The policy is committed as the nginx include deploy/nginx/csp.conf (`nginx_include`), so that a
change to it shows in review and reaches a CDN's header settings; `python -m scripts csp SITE
--check` fails when the built pages need a different policy than the committed one.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# `type` values a browser runs as script; anything else in a <script> is data (Material's
# `__config` JSON) and needs no hash.
SCRIPT_TYPES = {
    "",
    "text/javascript",
    "application/javascript",
    "module",
    "text/ecmascript",
    "application/ecmascript",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}

# Every fetch directive is 'self' or nothing. data: images are the icons Material's CSS draws
# (admonitions, checkboxes) as inline SVG.
FIXED_DIRECTIVES = [
    ("default-src", ["'none'"]),
    ("script-src", ["'self'"]),  # + a hash per inline script
    ("style-src", ["'self'"]),  # + 'unsafe-hashes' and a hash per style attribute
    ("img-src", ["'self'", "data:"]),
    ("font-src", ["'self'"]),
    ("connect-src", ["'self'"]),
    ("worker-src", ["'self'"]),
    ("manifest-src", ["'self'"]),
    ("base-uri", ["'none'"]),
    ("form-action", ["'none'"]),
    ("frame-ancestors", ["'none'"]),
]


@dataclass
class Inventory:
    """What the built pages run or style inline, and what they may not contain."""

    scripts: dict[str, str] = field(default_factory=dict)  # hash source → first page
    styles: dict[str, str] = field(default_factory=dict)  # <style> elements
    style_attributes: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    pages: int = 0


def source_hash(text: str) -> str:
    """The CSP hash source of an inline script or style, as the browser computes it."""
    # The HTML parser turns CR LF and lone CR into LF before the text reaches the script.
    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalized.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


class _InlineCode(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.style_attributes: list[str] = []
        self.handlers: list[str] = []
        self._open: str | None = None  # "script" or "style" while inside one that counts
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}=…>")
            elif name == "style" and value:
                self.style_attributes.append(value)
            elif name in URL_ATTRIBUTES and value and re.match(r"\s*javascript:", value, re.I):
                self.handlers.append(f'<{tag} {name}="javascript:…">')
        if tag == "script" and "src" not in values:
            if (values.get("type") or "").strip().lower() in SCRIPT_TYPES:
                self._open, self._text = "script", []
        elif tag == "style":
            self._open, self._text = "style", []

    def handle_data(self, data):
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._open and tag == self._open:
            (self.scripts if tag == "script" else self.styles).append("".join(self._text))
            self._open = None


def scan(pages: Iterable[tuple[str, str]]) -> Inventory:
    """Collect the inline code of (name, html) pairs; each hash keeps the page it was first in."""
    inventory = Inventory()
    for name, html in pages:
        parser = _InlineCode()
        parser.feed(html)
        parser.close()
        inventory.pages += 1
        for texts, found in (
            (parser.scripts, inventory.scripts),
            (parser.styles, inventory.styles),
            (parser.style_attributes, inventory.style_attributes),
        ):
            for text in texts:
                found.setdefault(source_hash(text), name)
        inventory.problems += [
            f"{name}: inline script in {h} is not allowed" for h in parser.handlers
        ]
    return inventory


def scan_site(site: Path) -> Inventory:
    """Scan every HTML page of a built site."""
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site}/index.html is missing: build the site first")
    pages = sorted(site.rglob("*.html"))
    return scan((p.relative_to(site).as_posix(), p.read_text(encoding="utf-8")) for p in pages)


def policy(inventory: Inventory) -> str:
    """The Content-Security-Policy header value for the scanned pages (sorted: reproducible)."""
    directives = []
    for name, sources in FIXED_DIRECTIVES:
        sources = list(sources)
        if name == "script-src":
            sources += sorted(inventory.scripts)
        elif name == "style-src":
            sources += sorted(inventory.styles)
            if inventory.style_attributes:
                sources += ["'unsafe-hashes'", *sorted(inventory.style_attributes)]
        directives.append(" ".join([name, *sources]))
    return "; ".join(directives)


NGINX_HEADER = """\
# Generated by `python -m scripts csp site --write` from the built pages: do not edit.
# Each hash allows one inline <script> (or style attribute) that Material writes into the pages.
# `make test` fails when the built pages need a different policy; regenerate, review the diff,
# and update the same header on the CDN if the site is published there (docs/about/deploy.md).
"""


def nginx_include(value: str) -> str:
    """The nginx include that sends the policy on every response of the location it is in."""
    # One line: a quoted nginx string keeps its line breaks, and a header value may not have any.
    return f'{NGINX_HEADER}add_header Content-Security-Policy "{value}" always;\n'


def read_include(text: str) -> str:
    """The header value back out of an nginx include written by `nginx_include`."""
    match = re.search(r'add_header\s+Content-Security-Policy\s+"([^"]*)"', text)
    if not match:
        raise ValueError('no `add_header Content-Security-Policy "…"` line')
    return match.group(1)
