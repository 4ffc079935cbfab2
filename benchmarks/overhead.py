"""Overhead of our layer: what the hook (load, validate, render, citations, search extras) adds
to a build.

Two measurements of the same thing:

- end to end: the real site's `mkdocs build --strict` against the same pages written out as plain
  Markdown (captured from the real build after the hook) and built with the same mkdocs.yml minus
  `hooks:` — the ratio of the two;
- inside the real build: a CPU-time stopwatch on every hook event and on our Markdown extension
  (benchmarks/_timed_build.py), split into load + validate, render and the rest. jieba's
  dictionary load happens to run inside the hook (it teaches jieba the site's words first) but
  Material's search pays it in any build with jieba, so it is reported apart, not as ours.

Each build runs four times (--runs), real and plain in turn; the one that used the least CPU
counts. Ratios and shares use CPU seconds (benchmarks/common.py: Build); wall times are shown.

    .venv/bin/python -m benchmarks.overhead
"""

from __future__ import annotations

from benchmarks.common import Context, Target, pct, seconds

TARGET_SHARE = 0.20


def run(ctx: Context) -> dict:
    ctx.alternate()
    real, plain = ctx.real(), ctx.plain()
    t = real.timings
    steps = {
        "load+validate": real.step("load+validate"),
        "render": real.step("render"),
        "search vocabulary": max(0.0, real.step("search vocabulary") - real.dictionary_in_hook()),
        "search enrichment": real.step("search enrichment"),
        "citations": real.step("citations"),
        "glossary": real.step("glossary"),
    }
    search = sum(v for k, v in t.items() if k.startswith("event:material/search"))
    core = steps["load+validate"] + steps["render"]
    return {
        "real_s": real.wall,
        "real_cpu": real.cpu,
        "plain_s": plain.wall,
        "plain_cpu": plain.cpu,
        "real_runs": [[b.wall, b.cpu] for b in ctx.real_builds()],
        "plain_runs": [[b.wall, b.cpu] for b in ctx.plain_builds()],
        "ratio": real.cpu / plain.cpu,
        "wall_ratio": real.wall / plain.wall,
        "end_to_end_share": (real.cpu - plain.cpu) / real.cpu,
        "core_s": core,
        "core_share": core / real.cpu,
        "hook_s": real.hook(),
        "hook_share": real.hook() / real.cpu,
        "steps": steps,
        "jieba_dictionary_s": real.dictionary_in_hook(),
        "search_plugin_s": search,
    }


def targets(r: dict) -> list[Target]:
    share = max(r["hook_share"], r["end_to_end_share"])
    reason = ""
    if share >= TARGET_SHARE:
        biggest = max(r["steps"].items(), key=lambda kv: kv[1])
        reason = (
            f"我们这一层占构建时间的 {pct(share)}；其中最大的一步是{STEP_LABELS[biggest[0]]}"
            f"（{seconds(biggest[1])}）。"
        )
        if biggest[0] == "load+validate":
            reason += "这一步和下面的 `validate` 是同一段代码。"
        gap = r["real_cpu"] - r["plain_cpu"]
        if r["end_to_end_share"] > r["hook_share"] and gap > r["hook_s"]:
            reason += (
                f"端到端比普通 Markdown 多用 {seconds(gap)} CPU 时间，钩子里计时的步骤合计只有 "
                f"{seconds(r['hook_s'])}；其余 {seconds(gap - r['hook_s'])} 在钩子的计时之外"
                "（例如导入本站模块），没有逐项测量。两次运行之间端到端占比的波动也较大。"
            )
    return [
        Target(
            "我们这一层占构建时间",
            f"{pct(r['hook_share'])}（端到端 {pct(r['end_to_end_share'])}）",
            f"< {TARGET_SHARE:.0%}",
            share < TARGET_SHARE,
            reason,
        )
    ]


STEP_LABELS = {
    "load+validate": "读取并校验 YAML 和引用（load + validate）",
    "render": "生成法规页、主题页、对照表、更新记录、打印版、开放数据（render）",
    "search vocabulary": "把本站词汇教给 jieba",
    "search enrichment": "补充搜索索引、写搜索词表",
    "citations": "改写指南页里的 law: 引用",
    "glossary": "术语提示（CJK 术语表扩展）",
}


def markdown(r: dict) -> str:
    cpu = r["real_cpu"]
    lines = [
        "### 我们这一层的开销\n",
        "| | 用时 | CPU 时间 | 占真实构建（CPU） |",
        "| --- | ---: | ---: | ---: |",
        f"| 真实网站 `mkdocs build --strict` | {seconds(r['real_s'])} | {seconds(cpu)} | 100% |",
        "| 同样的页面写成普通 Markdown，同样的 Material 配置，不用钩子 | "
        f"{seconds(r['plain_s'])} | {seconds(r['plain_cpu'])} | {pct(r['plain_cpu'] / cpu)} |",
        f"| **两者之比** | {r['wall_ratio']:.2f} | **{r['ratio']:.2f}** | |",
    ]
    for key, label in STEP_LABELS.items():
        lines.append(f"| 　{label} | | {seconds(r['steps'][key])} | {pct(r['steps'][key] / cpu)} |")
    lines += [
        "| **其中 load + validate + render** | | "
        f"**{seconds(r['core_s'])}** | **{pct(r['core_share'])}** |",
        f"| **钩子和术语扩展合计** | | **{seconds(r['hook_s'])}** | **{pct(r['hook_share'])}** |",
        "| 对照：jieba 载入词典（任何用 jieba 的构建都要付） | | "
        f"{seconds(r['jieba_dictionary_s'])} | {pct(r['jieba_dictionary_s'] / cpu)} |",
        "| 对照：Material 搜索插件（分词、建索引） | | "
        f"{seconds(r['search_plugin_s'])} | {pct(r['search_plugin_s'] / cpu)} |",
        "",
        f"每种构建各跑 {len(r['real_runs'])} 次，取 CPU 时间最少的一次（真实网站："
        + "、".join(f"{seconds(w)} / CPU {seconds(c)}" for w, c in r["real_runs"])
        + "；普通 Markdown："
        + "、".join(f"{seconds(w)} / CPU {seconds(c)}" for w, c in r["plain_runs"])
        + "）。"
        "比例和占比按 CPU 时间算（构建是单线程的，用时约等于 CPU 时间）。"
        "在这类小型虚拟机上，同一个构建前后几次的 CPU 时间可以相差三成，"
        "比真实网站和普通 Markdown 之间的差距还大，所以各跑多次、取最少的一次。",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    from benchmarks.run_all import main

    raise SystemExit(main(["--only", "overhead"]))
