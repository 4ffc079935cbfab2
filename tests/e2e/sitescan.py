"""Scans of a built site's HTML that the quality gates share: the tests run them on the real
build, and test_gates_are_live.py runs them on a deliberately broken one to prove they can fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

# A tag that makes the browser fetch something, pointed at another host (absolute or //host).
EXTERNAL = re.compile(
    r"""<(script|link|img|iframe|source|audio|video|embed|object)\b[^>]*\b(?:src|href)=["']"""
    r"""(?P<url>(?:https?:)?//[^"'\s>]+)""",
    re.IGNORECASE,
)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def external_tags(site: Path) -> list[str]:
    """Every tag in every page that would fetch something from another host."""
    return [
        f"{page.relative_to(site).as_posix()}: <{match.group(1)}> {match.group('url')[:120]}"
        for page in html_pages(site)
        for match in EXTERNAL.finditer(page.read_text(encoding="utf-8"))
    ]


class _Outline(HTMLParser):
    """Heading levels inside the article, landmarks, images and the document language."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[int] = []
        self.landmarks: list[str] = []
        self.images: list[dict[str, str | None]] = []
        self.lang: str | None = None
        self._article_depth = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "article":
            self._article_depth += 1
        if self._article_depth and re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in ("main", "header", "footer") or values.get("role") in ("main", "search"):
            self.landmarks.append(values.get("role") or tag)
        if tag == "img":
            self.images.append({**values, "in_article": bool(self._article_depth)})

    def handle_endtag(self, tag):
        if tag == "article" and self._article_depth:
            self._article_depth -= 1


def outlines(site: Path) -> Iterator[tuple[str, _Outline]]:
    """(page path in the site, its outline) for every page."""
    for path in html_pages(site):
        parser = _Outline()
        parser.feed(path.read_text(encoding="utf-8"))
        yield path.relative_to(site).as_posix(), parser


def images_without_alt(site: Path) -> list[str]:
    """Images with no alt attribute, and images in the content whose alt says nothing (alt=""
    is for decoration in the site's frame only)."""
    return [
        f"{name}: {img.get('src')}"
        for name, page in outlines(site)
        for img in page.images
        if img.get("alt") is None or (img["in_article"] and not img["alt"].strip())
    ]
