"""The update log: regulations/changelog.yaml as a page (newest first) and as an Atom feed.

    >>> files = render_changelog(catalog, dt.date(2026, 11, 28), site_name="法规参考")
    >>> sorted(files)
    ['changelog.xml', 'laws/changelog.md']

Pure like render.py: catalog in, text out. Entry ids in the feed are UUIDs derived from each
entry's anchor, so they survive a move of the site to another address.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import uuid
import xml.etree.ElementTree as ET

from scripts.guidance import format_date
from scripts.model import CHANGE_KIND_LABELS, Catalog, Change
from scripts.render import (
    CHANGELOG,
    FEED,
    _rel,
    cite_text,
    front_matter,
    page_path,
    page_url,
    plain,
)

ATOM = "http://www.w3.org/2005/Atom"
# Fixed namespace: the feed's and entries' ids never change, whatever the host.
_NAMESPACE = uuid.UUID("5b0c3f1e-8f53-4c56-9a43-2d1e7c6a9b10")
_TIMEZONE = "+08:00"  # the law's dates are days in China


def change_title(change: Change, catalog: Catalog) -> str:
    names = "、".join(cite_text(catalog.instruments[i]) for i in change.instruments)
    return f"{change.kind_label} · {names}"


def render_changelog_page(catalog: Catalog) -> str:
    here = CHANGELOG
    parts = [
        front_matter(
            "更新记录", "法律的施行、修订、废止，以及本站条目的新增和更正，按时间倒序排列。"
        ),
        "# 更新记录\n",
        "本页按时间倒序列出两类变化："
        + "；".join(
            f"**{label}**（{what}）"
            for label, what in zip(
                CHANGE_KIND_LABELS.values(),
                ("法律文件的通过、施行、修订、废止", "本站新增或更正条目"),
                strict=True,
            )
        )
        + "。每一条写明日期、涉及的法规、变化了什么和原因。"
        "法律变化的日期都取自相应法规条目记载的日期。\n",
        f"想及时知道变化，可以用 RSS 阅读器订阅 [Atom 订阅源]({_rel(here, FEED)})。\n",
    ]
    if not catalog.changes:
        parts.append("暂无记录。\n")
    day = None
    for change in catalog.changes:
        if change.date != day:
            day = change.date
            parts.append(f"## {format_date(day)}\n")
        parts.append(f"### {plain(change_title(change, catalog))} {{#{change.anchor}}}\n")
        parts.append(plain(change.change) + "\n")
        parts.append(f"原因：{plain(change.reason)}\n")
        links = "、".join(
            f"[{plain(cite_text(catalog.instruments[i]))}]({_rel(here, page_path(i))})"
            for i in change.instruments
        )
        parts.append(f"涉及：{links}\n")
    return "\n".join(parts).rstrip() + "\n"


def _id(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, name)}"


def render_feed(
    catalog: Catalog,
    today: dt.date,
    *,
    site_name: str,
    author: str,
    site_url: str | None = None,
    directory_urls: bool = True,
) -> str:
    """Atom 1.0. Without a site_url, links are relative to the feed's own address (RFC 4287 §2)."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    feed_dir = posixpath.dirname(FEED) or "."

    def href(page: str, fragment: str = "") -> str:
        url = page_url(page, directory_urls)
        url = (
            base + url
            if base
            else posixpath.relpath(url, feed_dir) + ("/" if url.endswith("/") else "")
        )
        return url + (f"#{fragment}" if fragment else "")

    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        el.text = text
        return el

    sub(feed, "id", _id("changelog"))
    sub(feed, "title", f"{site_name}：更新记录")
    sub(feed, "subtitle", "法律的施行、修订、废止，以及本站条目的新增和更正。")
    newest = catalog.changes[0].date if catalog.changes else today.isoformat()
    sub(feed, "updated", f"{newest}T00:00:00{_TIMEZONE}")
    sub(feed, "link", rel="alternate", type="text/html", href=href(CHANGELOG))
    sub(
        feed,
        "link",
        rel="self",
        type="application/atom+xml",
        href=base + FEED if base else posixpath.basename(FEED),
    )
    sub(sub(feed, "author"), "name", author)
    for change in catalog.changes:
        entry = sub(feed, "entry")
        sub(entry, "id", _id(change.anchor))
        sub(entry, "title", change_title(change, catalog))
        sub(entry, "updated", f"{change.date}T00:00:00{_TIMEZONE}")
        sub(entry, "link", rel="alternate", type="text/html", href=href(CHANGELOG, change.anchor))
        sub(entry, "category", term=change.kind, label=change.kind_label)
        sub(
            entry, "summary", f"{change.change.strip()}\n原因：{change.reason.strip()}", type="text"
        )
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def render_changelog(
    catalog: Catalog,
    today: dt.date,
    *,
    site_name: str,
    author: str = "",
    site_url: str | None = None,
    directory_urls: bool = True,
) -> dict[str, str]:
    """The page and the feed, keyed by their paths under docs/."""
    return {
        CHANGELOG: render_changelog_page(catalog),
        FEED: render_feed(
            catalog,
            today,
            site_name=site_name,
            author=author or site_name,
            site_url=site_url,
            directory_urls=directory_urls,
        ),
    }
