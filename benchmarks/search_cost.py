"""Search cost: how big the search index is per 1,000 articles, and how long a query takes in the
browser, on the real site and on stock Material with the same pages.

Queries are the questions of tests/search/queries.yaml (what borrowers, staff and maintainers
type), each typed into the real search box in headless Chromium. Material listens for keyup, so
each query is filled and then End is pressed. A query's time runs from that keyup to the moment
Material has drawn the answer of the worker (the probe and typing of benchmarks/search.py). Index sizes: search/search_index.json as written and gzipped (level 6).

    .venv/bin/python -m benchmarks.search_cost
"""

from __future__ import annotations

import statistics
from pathlib import Path

import yaml

from benchmarks.common import (
    ROOT,
    Context,
    Target,
    block_external,
    chromium,
    file_sizes,
    kb,
    log,
    serve,
)
from benchmarks.search import WARM_UP, open_search, type_query

QUERIES = ROOT / "tests" / "search" / "queries.yaml"
FALLBACK_QUERIES = [
    "砍头息",
    "爆通讯录",
    "呼死你",
    "民法典第670条",
    "第六百七十条",
    "个保法",
    "催收半夜打电话骚扰怎么办",
    "欠钱不还会坐牢吗",
    "诉讼时效",
    "冒充律师",
]


def queries() -> list[str]:
    try:
        data = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
        found = [q["q"] for q in data["queries"] if q.get("q")]
        return found or FALLBACK_QUERIES
    except (OSError, KeyError, TypeError, yaml.YAMLError):
        return FALLBACK_QUERIES


def index_sizes(site: Path) -> tuple[int, int]:
    return file_sizes(site / "search" / "search_index.json")


def time_queries(browser, base: str, texts: list[str]) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    block_external(context, base, [])
    page = context.new_page()
    box, ready = open_search(page, base)

    def type_(text: str) -> float:
        return type_query(page, box, text)[0]

    type_(WARM_UP)
    times = {text: type_(text) for text in texts}
    context.close()
    ordered = sorted(times.items(), key=lambda kv: kv[1])
    return {
        "ready_ms": ready,
        "median_ms": statistics.median(times.values()),
        "slowest_ms": ordered[-1][1],
        "slowest_query": ordered[-1][0],
        "count": len(times),
    }


def run(ctx: Context) -> dict:
    from scripts.catalog import load_catalog

    catalog, _ = load_catalog(ROOT)
    articles = sum(len(i.articles) for i in catalog.instruments.values())
    sites = {"ours": ctx.real_site, "stock": ctx.stock().site}
    texts = queries()
    result: dict = {"articles": articles, "queries": len(texts)}
    with chromium() as browser:
        for name, site in sites.items():
            raw, gz = index_sizes(site)
            log(f"search cost: {len(texts)} queries on the {name} site")
            with serve(site) as (base, _sent):
                timing = time_queries(browser, base, texts)
            result[name] = {
                "raw": raw,
                "gzip": gz,
                "raw_per_1000": raw / articles * 1000,
                "gzip_per_1000": gz / articles * 1000,
                **timing,
            }
    result["vocabulary"] = file_sizes(ctx.real_site / "assets" / "search-vocabulary.js")
    return result


def targets(r: dict) -> list[Target]:
    ours, stock = r["ours"], r["stock"]
    worse = []
    if ours["gzip"] > stock["gzip"]:
        worse.append(f"索引 gzip {kb(ours['gzip'])} > {kb(stock['gzip'])}")
    if ours["median_ms"] > stock["median_ms"]:
        worse.append(f"查询中位数 {ours['median_ms']:.0f} ms > {stock['median_ms']:.0f} ms")
    if ours["slowest_ms"] > stock["slowest_ms"]:
        worse.append(f"最慢查询 {ours['slowest_ms']:.0f} ms > {stock['slowest_ms']:.0f} ms")
    if ours["ready_ms"] > stock["ready_ms"]:
        worse.append(
            f"打开首页到索引可用 {ours['ready_ms'] / 1000:.1f} s > {stock['ready_ms'] / 1000:.1f} s"
        )
    reason = ""
    if worse:
        reason = "；".join(worse) + "。"
        if ours["gzip"] > stock["gzip"]:
            reason += (
                "索引多了隐藏字段 keys 和 parts（法律名称、条号、标题和正文的子词），"
                "默认 Material 的中文搜索找不到的问题靠它们找到，见[搜索说明](search.md)。"
            )
        if ours["median_ms"] > stock["median_ms"] or ours["slowest_ms"] > stock["slowest_ms"]:
            reason += (
                "本站的查询先经过查询规范化（search-query.js）：一个中文问题被切成几个词、"
                "条号和法律简称被改写，再到标题、正文和隐藏字段 keys、parts 里逐个匹配；"
                "默认 Material 把整句当作一个词去查，很快，但大多数中文问题找不到答案"
                "（见[搜索说明](search.md)里的对照）。"
            )
    if ours["ready_ms"] > stock["ready_ms"]:
        reason += (
            "索引可用得晚一些，是因为搜索的工作线程在浏览器里建索引时，"
            "还要为 keys、parts 两个隐藏字段建倒排表。"
        )
    figure = (
        f"索引 gzip {kb(ours['gzip'])}（默认 {kb(stock['gzip'])}），"
        f"查询中位数 {ours['median_ms']:.0f} ms（默认 {stock['median_ms']:.0f} ms）"
    )
    return [
        Target(
            "搜索不比默认 Material 差（索引大小、查询耗时）",
            figure,
            "≤ 默认 Material",
            not worse,
            reason,
        )
    ]


def markdown(r: dict) -> str:
    ours, stock = r["ours"], r["stock"]
    vocab_raw, vocab_gz = r["vocabulary"]
    lines = [
        "### 搜索的代价\n",
        "| | 本站 | 默认 Material（同样的页面） |",
        "| --- | ---: | ---: |",
        f"| 搜索索引（原始 / gzip） | {kb(ours['raw'])} / {kb(ours['gzip'])} "
        f"| {kb(stock['raw'])} / {kb(stock['gzip'])} |",
        f"| 每 1,000 条条文的索引（原始 / gzip） "
        f"| {kb(ours['raw_per_1000'])} / {kb(ours['gzip_per_1000'])} "
        f"| {kb(stock['raw_per_1000'])} / {kb(stock['gzip_per_1000'])} |",
        f"| 查询耗时：中位数 / 最慢（{r['queries']} 个问题） "
        f"| {ours['median_ms']:.0f} / {ours['slowest_ms']:.0f} ms "
        f"| {stock['median_ms']:.0f} / {stock['slowest_ms']:.0f} ms |",
        f"| 最慢的查询 | {ours['slowest_query']} | {stock['slowest_query']} |",
        f"| 打开首页到索引可用 | {ours['ready_ms'] / 1000:.1f} s "
        f"| {stock['ready_ms'] / 1000:.1f} s |",
        "",
        f"本站有 {r['articles']} 条条文；“每 1,000 条”把整个索引"
        "（也包括指南页、主题页等）按条文数折算。"
        f"另有搜索词表 `assets/search-vocabulary.js`：{kb(vocab_raw)} / gzip {kb(vocab_gz)}。"
        "查询质量（能不能找到答案）见[搜索说明](search.md)。",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    from benchmarks.run_all import main

    raise SystemExit(main(["--only", "search_cost"]))
