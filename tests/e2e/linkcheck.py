"""Every link in a built site: internal ones must land on a file and, with #fragment, on an id;
external ones are listed by host. Reads the HTML only, so it needs no server and no network.

    .venv/bin/python tests/e2e/linkcheck.py site/          # report; exit 1 on a broken link

tests/e2e/test_links.py runs it on the session's build.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# The origin pages are resolved against; the site's own absolute links use it too.
BASE = "http://site.invalid/"
# Attributes that load or link something.
LINK_ATTRS = {
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("audio", "src"),
    ("video", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("form", "action"),
}
HARMLESS_SCHEMES = {"mailto", "tel"}


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)  # (tag, url)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.page.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"])
        for name, value in attrs:
            if (tag, name) in LINK_ATTRS and value is not None:
                self.page.links.append((tag, value.strip()))


@dataclass
class Report:
    pages: int = 0
    internal: int = 0
    broken: list[str] = field(default_factory=list)
    external: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))

    def external_urls(self) -> set[str]:
        return {url for links in self.external.values() for url, _ in links}

    def text(self) -> str:
        """The report as a reader scans it: totals, broken links, then hosts with their links."""
        lines = [
            f"{self.pages} pages, {self.internal} internal links, {len(self.broken)} broken, "
            f"{len(self.external_urls())} external links to {len(self.external)} hosts",
        ]
        if self.broken:
            lines += ["", "broken:"] + [f"  {b}" for b in self.broken]
        lines += ["", "external hosts:"]
        for host in sorted(self.external, key=lambda h: (-len(self.external[h]), h)):
            links = self.external[host]
            lines.append(f"  {host}  ({len(links)} links)")
            for url in sorted({u for u, _ in links}):
                pages = sorted({p for u, p in links if u == url})
                more = f" +{len(pages) - 2}" if len(pages) > 2 else ""
                lines.append(f"    {url}  ← {', '.join(pages[:2])}{more}")
        return "\n".join(lines) + "\n"


def check_site(site: Path) -> Report:
    site = site.resolve()
    report = Report()

    @cache
    def parsed(path: Path) -> Page:
        parser = _Parser()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        return parser.page

    def target_file(url_path: str) -> Path | None:
        relative = unquote(url_path).lstrip("/")
        path = (site / relative).resolve()
        if not path.is_relative_to(site):
            return None
        if url_path.endswith("/") or path.is_dir():
            path = path / "index.html"
        return path if path.is_file() else None

    for page_path in sorted(site.rglob("*.html")):
        name = page_path.relative_to(site).as_posix()
        page_url = urljoin(BASE, name)
        report.pages += 1
        for tag, raw in parsed(page_path).links:
            if not raw:
                continue
            url = urljoin(page_url, raw)
            parts = urlsplit(url)
            if parts.scheme in HARMLESS_SCHEMES:
                continue
            if parts.scheme not in ("http", "https"):
                problem = f"scheme {parts.scheme}: is not allowed"
                report.broken.append(f"{name}: <{tag}> {raw} ({problem})")
                continue
            if f"{parts.scheme}://{parts.netloc}/" != BASE:
                report.external[parts.hostname or parts.netloc].append((url, name))
                continue
            report.internal += 1
            target = target_file(parts.path)
            if target is None:
                report.broken.append(f"{name}: <{tag}> {raw} (no such file)")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in parsed(target).ids:
                where = target.relative_to(site).as_posix()
                report.broken.append(f"{name}: <{tag}> {raw} (no id '{fragment}' in {where})")
    return report


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: linkcheck.py SITE_DIR", file=sys.stderr)
        return 2
    report = check_site(Path(argv[0]))
    sys.stdout.write(report.text())
    return 1 if report.broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
