"""Page weight: the compressed bytes a first visit downloads, by kind, for our site and for a
stock Material site with the same pages.

Both sites are served from loopback by a small static server that gzips text responses (level 6,
as web servers do) and records every response it sends; each page is opened in a fresh Chromium
context (empty cache) and the visit counts every response until the network is idle — including
the search index, which Material's search worker fetches on every first visit. Requests to any
other host are blocked and counted: stock Material asks Google Fonts for Roboto.

Pages: the home page, the Civil Code page (the largest law page) and the borrower page with the
heaviest HTML.

    .venv/bin/python -m benchmarks.page_weight
"""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.common import Context, Target, block_external, chromium, file_sizes, kb, log, serve

KINDS = ["HTML", "CSS", "JS", "字体", "图片", "搜索索引", "其他"]
BORROWER_LIMIT = 150 * 1024
LAW_PAGE = "laws/civil-code/"


def kind_of(path: str) -> str:
    name = path.rsplit("/", 1)[-1].lower()
    if path.endswith("/search/search_index.json"):
        return "搜索索引"
    if path.endswith("/") or name.endswith((".html", ".htm")):
        return "HTML"
    if name.endswith(".css"):
        return "CSS"
    if name.endswith((".js", ".mjs")):
        return "JS"
    if name.endswith((".woff2", ".woff", ".ttf", ".otf", ".eot")):
        return "字体"
    if name.endswith((".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico", ".avif")):
        return "图片"
    return "其他"


def heaviest_borrower_page(site: Path) -> str:
    pages = sorted((site / "borrowers").glob("*/index.html"))
    best = max(pages, key=lambda p: file_sizes(p)[1])
    return f"borrowers/{best.parent.name}/"


def visit(browser, base: str, sent: list, page_path: str) -> dict:
    """One first visit; bytes on the wire by kind, request counts, blocked requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked: list[str] = []
    block_external(context, base, blocked)
    sent.clear()
    page = context.new_page()
    page.goto(base + page_path, wait_until="load")
    deadline = time.monotonic() + 15

    def index_fetched() -> bool:
        return any(p.endswith("search_index.json") for p, *_ in sent)

    while time.monotonic() < deadline and not index_fetched():
        page.wait_for_timeout(100)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    context.close()
    files: dict[str, int] = {}
    for path, wire, _raw in list(sent):
        files[path] = files.get(path, 0) + wire
    by_kind = dict.fromkeys(KINDS, 0)
    raw_by_kind = dict.fromkeys(KINDS, 0)
    requests = dict.fromkeys(KINDS, 0)
    for path, wire, raw in list(sent):
        kind = kind_of(path)
        by_kind[kind] += wire
        raw_by_kind[kind] += raw
        requests[kind] += 1
    fonts_blocked = [u for u in blocked if "font" in u]
    return {
        "page": page_path,
        "files": files,
        "bytes": by_kind,
        "raw": raw_by_kind,
        "requests": requests,
        "blocked": blocked,
        "fonts_requested": requests["字体"] + len(fonts_blocked),
        "total": sum(by_kind.values()),
        "before_index": sum(by_kind.values()) - by_kind["搜索索引"],
    }


def run(ctx: Context) -> dict:
    sites = {"ours": ctx.real_site, "stock": ctx.stock().site}
    borrower = heaviest_borrower_page(ctx.real_site)
    pages = {"home": "", "law": LAW_PAGE, "borrower": borrower}
    result: dict = {"pages": pages}
    with chromium() as browser:
        for name, site in sites.items():
            log(f"page weight: first visits to {name} site")
            with serve(site) as (base, sent):
                result[name] = {
                    key: visit(browser, base, sent, path) for key, path in pages.items()
                }
    vocabulary = ctx.real_site / "assets" / "search-vocabulary.js"
    result["vocabulary_gzip"] = file_sizes(vocabulary)[1]
    return result


PAGE_LABELS = {"home": "首页", "law": "法规页（民法典）", "borrower": "借款人页面"}


def targets(r: dict) -> list[Target]:
    ours, stock = r["ours"], r["stock"]
    borrower = ours["borrower"]["before_index"]
    out = [
        Target(
            f"首次打开借款人页面（{r['pages']['borrower']}），不含搜索索引",
            kb(borrower),
            "< 150 KB",
            borrower < BORROWER_LIMIT,
            "" if borrower < BORROWER_LIMIT else _biggest(ours["borrower"]),
        )
    ]
    fonts = sum(v["fonts_requested"] for v in ours.values())
    font_bytes = sum(v["bytes"]["字体"] for v in ours.values())
    out.append(
        Target(
            "下载的网页字体",
            f"{fonts} 个请求，{kb(font_bytes)}",
            "0",
            fonts == 0,
            "" if fonts == 0 else "页面请求了网页字体。",
        )
    )
    worse = []
    for field, what in (("before_index", "不含搜索索引"), ("total", "含搜索索引")):
        more = [
            f"{label} +{kb(ours[k][field] - stock[k][field])}"
            for k, label in PAGE_LABELS.items()
            if ours[k][field] > stock[k][field]
        ]
        if more:
            worse.append(f"{what}：" + "、".join(more))
    external = sum(len(v["blocked"]) for v in ours.values())
    if external > sum(len(v["blocked"]) for v in stock.values()):
        worse.append(f"外部请求 {external} 次")
    reason = ""
    if worse:
        reason = (
            "比默认 Material 多下载——"
            + "；".join(worse)
            + "。"
            + _extras(ours["borrower"], stock["borrower"])
            + _index_reason(r)
        )
    b_ours, b_stock = ours["borrower"]["before_index"], stock["borrower"]["before_index"]
    out.append(
        Target(
            "页面重量不比默认 Material 差",
            f"借款人页面 {kb(b_ours)}，默认 {kb(b_stock)}（不含搜索索引）",
            "每页 ≤ 默认 Material",
            not worse,
            reason,
        )
    )
    return out


def _biggest(visit_: dict) -> str:
    sizes = [(k, v) for k, v in visit_["bytes"].items() if k != "搜索索引"]
    kind, size = max(sizes, key=lambda kv: kv[1])
    return f"最大的一项是 {kind}（{kb(size)}）。"


def _extras(ours: dict, stock: dict) -> str:
    """What our page downloads that the stock one does not (or more of), largest first."""
    extra = {
        p: b - stock["files"].get(p, 0)
        for p, b in ours["files"].items()
        if not p.endswith("search_index.json") and b > stock["files"].get(p, 0)
    }
    top = sorted(extra.items(), key=lambda kv: -kv[1])[:6]
    if not top:
        return ""
    return (
        "借款人页面多出的下载："
        + "、".join(f"`{p}` {kb(b)}" for p, b in top)
        + "。其中搜索词表和查询规范化（search-vocabulary.js、search-query.js）"
        "让中文问题找得到答案，extra.css 和 palette 样式表是系统中文字体、对比度和配色，"
        "其余是快速离开按钮等小脚本；默认 Material 省下的这些，"
        "换来的是它要向 Google Fonts 下载字体（在中国大陆常常打不开）。"
    )


def _index_reason(r: dict) -> str:
    ours = r["ours"]["home"]["bytes"]["搜索索引"]
    stock = r["stock"]["home"]["bytes"]["搜索索引"]
    if ours <= stock:
        return ""
    return (
        f"本站的搜索索引（gzip {kb(ours)}）比默认 Material 的（{kb(stock)}）大："
        "索引里多了隐藏字段 keys 和 parts（法律名称、条号和标题、正文的子词），"
        "中文搜索靠它们才找得到答案，"
        "见[搜索说明](search.md)。"
    )


def markdown(r: dict) -> str:
    lines = [
        "### 首次访问下载多少（gzip 压缩后）\n",
        "| 页面 | 网站 | " + " | ".join(KINDS) + " | 不含搜索索引 | 合计 | 外部请求（已拦截） |",
        "| --- | --- | " + " | ".join("---:" for _ in KINDS) + " | ---: | ---: | ---: |",
    ]
    for key, label in PAGE_LABELS.items():
        for site, site_label in (("ours", "本站"), ("stock", "默认 Material")):
            v = r[site][key]
            cells = [kb(v["bytes"][k]) if v["bytes"][k] else "0" for k in KINDS]
            blocked = len(v["blocked"])
            lines.append(
                f"| {label if site == 'ours' else ''} | {site_label} | "
                + " | ".join(cells)
                + f" | **{kb(v['before_index'])}** | {kb(v['total'])} | {blocked} |"
            )
    blocked = [u for v in r["stock"].values() for u in v["blocked"]]
    fonts = [u for u in blocked if "font" in u]
    lines += [
        "",
        f"借款人页面取 HTML 最大的一页：`{r['pages']['borrower']}`。本站的 JS 里含搜索词表 "
        f"`assets/search-vocabulary.js`（gzip {kb(r['vocabulary_gzip'])}），查询规范化要用它。",
        # No host names: the site's privacy test refuses third-party hosts anywhere in the pages.
        (
            "默认 Material 的页面会向谷歌字体服务（Google Fonts）请求网页字体；"
            "测量时这些请求被拦截并计数，所以它真实的首次访问比表中还要重。"
            if fonts
            else ""
        )
        + (
            f"默认 Material 另有 {len(blocked) - len(fonts)} 个发往其他网站的请求，也被拦截。"
            if len(blocked) > len(fonts)
            else ""
        ),
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    from benchmarks.run_all import main

    raise SystemExit(main(["--only", "page_weight"]))
