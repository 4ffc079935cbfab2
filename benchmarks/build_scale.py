"""Build scale: does a build stay linear as the library grows?

The real data (1×) and temporary copies grown to 10× and 50× the real number of articles with
synthetic instruments (benchmarks/synthetic.py: the real schema, the real topic ids, text made of
the real summaries, `replaces`/`related` links and 2.7 citations per article, so backlinks, topic
pages and concordances grow with the data). Each copy is built with `mkdocs build --strict`; the
figures are the wall time, the peak memory, the cost per article, and our layer's share.

`make bench` has a time budget (run_all.py): when the 50× build, predicted from the cost per
article between 1× and 10×, would not fit in what is left of it, the largest multiple of 5 that
fits is built instead and the docs say so. `--scales 1,10,50` forces the sizes.

    .venv/bin/python -m benchmarks.build_scale --scales 1,10,50
"""

from __future__ import annotations

import shutil
import time

from benchmarks.common import (
    Build,
    Context,
    Target,
    copy_project,
    file_sizes,
    kb,
    log,
    pct,
    seconds,
    timed_build,
)
from benchmarks.synthetic import add_nav, add_synthetic

TARGET_RATIO = 1.3
WANTED = [1, 10, 50]
SAFETY = 1.15  # the prediction of a build's time is multiplied by this before it is trusted


def _measure(
    build: Build,
    articles: int,
    instruments: int,
    citations: int,
    scale: int,
    generated_s: float = 0.0,
) -> dict:
    raw, gz = file_sizes(build.site / "search" / "search_index.json")
    pages = sum(1 for _ in build.site.rglob("index.html"))
    return {
        "scale": scale,
        "articles": articles,
        "instruments": instruments,
        "citations": citations,
        "wall_s": build.wall,
        "cpu_s": build.cpu,
        "peak_rss": build.peak_rss,
        "per_article_ms": build.cpu / articles * 1000,
        "wall_per_article_ms": build.wall / articles * 1000,
        "hook_s": build.hook(),
        "hook_share": build.hook() / build.cpu,
        "core_s": build.step("load+validate") + build.step("render"),
        "pages": pages,
        "index_raw": raw,
        "index_gzip": gz,
        "generate_s": generated_s,
    }


def run(ctx: Context, scales: list[int] | None = None) -> dict:
    from scripts.catalog import load_catalog

    forced = scales is not None
    scales = sorted(set(scales or WANTED))
    real = ctx.real()
    catalog, _ = load_catalog(ctx.project)
    base_articles = sum(len(i.articles) for i in catalog.instruments.values())
    base_instruments = len(catalog.instruments)
    base_citations = len(catalog.citations)
    rows: list[dict] = []
    note = ""
    for scale in scales:
        if scale == 1:
            rows.append(_measure(real, base_articles, base_instruments, base_citations, 1))
            continue
        target = base_articles * scale
        if not forced and ctx.deadline is not None and len(rows) >= 2:
            scale, note = _fit(rows, scale, base_articles, ctx.deadline)
            if scale is None:
                break
            target = base_articles * scale
        folder = ctx.work / f"scale-{scale}"
        log(f"build scale {scale}×: generating {target - base_articles:,} synthetic articles")
        project = copy_project(folder)
        start = time.perf_counter()
        extra = add_synthetic(project, target - base_articles)
        add_nav(project / "mkdocs.yml", extra)
        generated = time.perf_counter() - start
        instruments = base_instruments + extra.instruments
        log(f"build scale {scale}×: building {target:,} articles ({instruments} instruments)")
        build = timed_build(project, folder / "site")
        rows.append(
            _measure(
                build,
                base_articles + extra.articles,
                instruments,
                base_citations + extra.citations,
                scale,
                generated,
            )
        )
        log(f"build scale {scale}×: {build.wall:.1f} s, {build.peak_rss / 2**20:.0f} MB")
        shutil.rmtree(folder, ignore_errors=True)
    first, last = rows[0], rows[-1]
    result = {"rows": rows, "note": note, "ratio": last["per_article_ms"] / first["per_article_ms"]}
    if len(rows) >= 3:

        def marginal(a: dict, b: dict) -> float:
            return (b["cpu_s"] - a["cpu_s"]) / (b["articles"] - a["articles"])

        early, late = marginal(rows[0], rows[1]), marginal(rows[-2], rows[-1])
        result["marginal_ratio"] = late / early
        result["marginal_ms"] = [early * 1000, late * 1000]
    return result


def _size(n: float) -> str:
    return f"{n / 2**20:,.1f} MB" if n >= 2**20 else kb(n)


def _fit(rows: list[dict], wanted: int, base: int, deadline: float) -> tuple[int | None, str]:
    """The largest size ≤ wanted (a multiple of 5) whose predicted build ends by the deadline."""
    a, b = rows[0], rows[-1]  # predicted from wall times: the budget is in wall time
    marginal = (b["wall_s"] - a["wall_s"]) / (b["articles"] - a["articles"])
    generate = b["generate_s"] / max(1, b["articles"] - a["articles"])

    def predicted(scale: int) -> float:
        extra = base * scale - b["articles"]
        return SAFETY * (b["wall_s"] + extra * marginal + base * (scale - 1) * generate)

    left = deadline - time.monotonic()
    if predicted(wanted) <= left:
        return wanted, ""
    fits = [s for s in range(wanted - 5, b["scale"], -5) if predicted(s) <= left]
    budget = f"只剩 {seconds(left)}" if left > 0 else "已经用完"
    note = (
        f"{wanted}× 的构建（连同生成数据）预计要 {seconds(predicted(wanted) / SAFETY)}，"
        f"`make bench` 约 10 分钟的时间预算{budget}"
    )
    if not fits:
        return None, note + "，所以最大只测到 " + f"{b['scale']}×。"
    return fits[0], note + f"，所以最大的规模改测 {fits[0]}×（能放进预算的最大的 5 的倍数）。"


def targets(r: dict) -> list[Target]:
    last = r["rows"][-1]
    met = r["ratio"] <= TARGET_RATIO
    reason = ""
    if not met:
        first = r["rows"][0]
        reason = (
            f"{last['scale']}× 每条 {last['per_article_ms']:.1f} ms，"
            f"1× 每条 {first['per_article_ms']:.1f} ms；"
            f"我们这一层在 {last['scale']}× 占 {pct(last['hook_share'])}。"
        )
    name = f"每条条文的构建成本：{last['scale']}× ÷ 1×"
    partial = ""
    if last["scale"] != 50:
        name += "（要求在 50× 测，见下）"
        partial = r["note"] or f"本次只测到 {last['scale']}×。"
    return [Target(name, f"{r['ratio']:.2f}", f"≤ {TARGET_RATIO}", met, reason, partial)]


def markdown(r: dict) -> str:
    lines = [
        "### 数据增长时构建还快不快\n",
        "| 规模 | 条文 | 法规文件 | 引用 | 页面 | 构建用时 | CPU 时间 | 内存峰值 "
        "| 每条条文（CPU） | 我们这一层 | 搜索索引 gzip（合计 / 每 1,000 条） |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in r["rows"]:
        lines.append(
            f"| {row['scale']}× | {row['articles']:,} | {row['instruments']} "
            f"| {row['citations']:,} | {row['pages']} "
            f"| {seconds(row['wall_s'])} | {seconds(row['cpu_s'])} "
            f"| {row['peak_rss'] / 2**20:,.0f} MB | {row['per_article_ms']:.1f} ms "
            f"| {pct(row['hook_share'])} | {_size(row['index_gzip'])} / "
            f"{kb(row['index_gzip'] / row['articles'] * 1000)} |"
        )
    lines.append("")
    last = r["rows"][-1]
    wall_ratio = last["wall_per_article_ms"] / r["rows"][0]["wall_per_article_ms"]
    text = (
        f"每条条文的成本（构建的 CPU 时间 ÷ 条文数），{last['scale']}× 是 1× 的 "
        f"**{r['ratio']:.2f}** 倍（按用时算是 {wall_ratio:.2f} 倍；"
        "1× 的成本里含首页、指南页等固定部分，规模越大摊得越薄）。"
    )
    if "marginal_ratio" in r:
        early, late = r["marginal_ms"]
        text += (
            f"只看新增的条文：从 1× 到 {r['rows'][1]['scale']}× 每多一条要 {early:.1f} ms，"
            f"从 {r['rows'][-2]['scale']}× 到 {last['scale']}× 每多一条要 {late:.1f} ms，"
            f"之比 **{r['marginal_ratio']:.2f}**（接近 1 表示没有随规模变慢的环节）。"
        )
    if r["note"]:
        text += r["note"]
    lines += [text, ""]
    if last["scale"] > 1:
        more = ""
        if last["hook_share"] > 0.2:
            more = (
                "规模越大，我们这一层的占比越高"
                f"（{last['scale']}× 时 {pct(last['hook_share'])}，"
                f"其中 load + validate + render {seconds(last['core_s'])}）。"
            )
        lines += [
            more + f"对读者影响最大的是搜索索引：它和条文数成正比，{last['scale']}× 时"
            f"第一次访问要在后台下载 {_size(last['index_gzip'])}（gzip 后）才能搜索。",
            "",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    from benchmarks.run_all import main

    raise SystemExit(main(["--only", "build_scale"]))
