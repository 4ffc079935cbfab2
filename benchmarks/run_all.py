"""Run every benchmark once, on this machine, and rewrite the table in docs/about/performance.md.

    make bench                                         # all of them, docs updated
    .venv/bin/python -m benchmarks.run_all --only page_weight --no-write
    .venv/bin/python -m benchmarks.run_all --scales 1,10,50 --budget 0   # force the 50× build

The benchmarks share the builds of one run (benchmarks/common.py: Context): the real site is built
four times, the same pages as plain Markdown four times, the stock Material site once, then the maintainer
loop, and the build-scale copies last, within the time budget (--budget seconds for the whole run;
0 for none). Raw figures go to benchmarks/out/performance.json (ignored by git).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import re
import shutil
import sys
import tempfile
import time
import traceback
from importlib import metadata
from pathlib import Path

from benchmarks import build_scale, maintainer_loop, overhead, page_weight, search_cost
from benchmarks.common import ROOT, Context, Target, load_average, log

DOCS_PAGE = ROOT / "docs" / "about" / "performance.md"
OUT = ROOT / "benchmarks" / "out" / "performance.json"
MARK_START = "<!-- performance-benchmark:start -->"
MARK_END = "<!-- performance-benchmark:end -->"
BENCHMARKS = {
    "overhead": overhead,
    "page_weight": page_weight,
    "search_cost": search_cost,
    "maintainer_loop": maintainer_loop,
    "build_scale": build_scale,  # last: it fills what is left of the time budget
}
DEFAULT_BUDGET = 600  # seconds for the whole run: `make bench` stays around ten minutes


def _duration(seconds_: float) -> str:
    minutes, secs = divmod(round(seconds_), 60)
    return f"{minutes} 分 {secs} 秒" if minutes else f"{secs} 秒"


def report_block(results: dict, targets: list[Target], meta: dict) -> str:
    lines = [
        f"测量日期：{meta['date']}。命令：`make bench`（本次用时 {_duration(meta['elapsed_s'])}）。"
        f"机器：{meta['cpus']} 核 CPU，Python {meta['python']}，MkDocs {meta['mkdocs']}，"
        f"Material {meta['material']}；开始时系统负载 {meta['load']:.1f}。",
        "",
        "### 目标\n",
        "| 目标 | 结果 | 要求 | 达到 |",
        "| --- | ---: | ---: | :---: |",
    ]
    for t in targets:
        mark = ("✓" if t.met else "✗") + ("（不完整）" if t.partial else "")
        lines.append(f"| {t.name} | {t.figure} | {t.target} | {mark} |")
    lines.append("")
    for name, module in BENCHMARKS.items():
        if name in results:
            lines.append(module.markdown(results[name]))
    missed = [t for t in targets if not t.met]
    lines.append("### 未达到的目标\n")
    if missed:
        lines += [f"- **{t.name}**：{t.figure}（要求 {t.target}）。{t.reason}" for t in missed]
    else:
        lines.append("全部达到。")
    partial = [t for t in targets if t.partial]
    if partial:
        lines.append("\n### 没有完整测量的目标\n")
        lines += [f"- **{t.name}**：{t.partial}" for t in partial]
    lines.append("")
    return "\n".join(lines).replace("\n\n\n", "\n\n")


def write_docs(block: str, page: Path = DOCS_PAGE) -> None:
    text = page.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(MARK_START) + r".*?" + re.escape(MARK_END), re.DOTALL)
    if not pattern.search(text):
        raise SystemExit(f"{page}: markers {MARK_START} … {MARK_END} not found")
    new = pattern.sub(lambda _: f"{MARK_START}\n{block.strip()}\n\n{MARK_END}", text)
    page.write_text(new, encoding="utf-8")


def render_only(no_write: bool = False) -> int:
    raw = json.loads(OUT.read_text(encoding="utf-8"))
    results = raw["results"]
    targets = [
        t
        for name, module in BENCHMARKS.items()
        if name in results
        for t in module.targets(results[name])
    ]
    block = report_block(results, targets, raw["meta"])
    print(block)
    if not no_write and set(results) == set(BENCHMARKS):
        write_docs(block)
        log(f"wrote {DOCS_PAGE.relative_to(ROOT)} from {OUT.relative_to(ROOT)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run_all", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=list(BENCHMARKS),
        help="run only this benchmark (repeatable); the docs stay as they are",
    )
    parser.add_argument(
        "--scales", help="build-scale sizes, e.g. 1,10,50 (default: 1,10,50 within the budget)"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=DEFAULT_BUDGET,
        help=f"seconds for the whole run (default {DEFAULT_BUDGET}; 0: no limit)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=4,
        # One build's CPU time varies by up to 30% on a small virtual machine, more than the
        # real-vs-plain gap it is compared with; the least of four is steadier than of two.
        help="builds of the real and the plain site (default 4)",
    )
    parser.add_argument(
        "--no-write", action="store_true", help="do not rewrite docs/about/performance.md"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary folder and print its path"
    )
    parser.add_argument(
        "--render-only",
        action="store_true",
        help="measure nothing: rewrite the docs from the figures of the last run "
        "(benchmarks/out/performance.json), e.g. after editing the wording",
    )
    args = parser.parse_args(argv)
    if args.render_only:
        return render_only(no_write=args.no_write)

    started = time.monotonic()
    selected = args.only or list(BENCHMARKS)
    meta = {
        "date": dt.date.today().isoformat(),
        "load": load_average(),
        "cpus": len(__import__("os").sched_getaffinity(0)),
        "python": platform.python_version(),
        "mkdocs": metadata.version("mkdocs"),
        "material": metadata.version("mkdocs-material"),
    }
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    ctx = Context(work, runs=args.runs)
    if args.budget:
        ctx.deadline = started + args.budget
    results: dict = {}
    targets: list[Target] = []
    failed: dict[str, str] = {}
    try:
        for name in selected:
            module = BENCHMARKS[name]
            log(f"— {name}")
            try:
                if name == "build_scale" and args.scales:
                    results[name] = module.run(ctx, [int(s) for s in args.scales.split(",")])
                else:
                    results[name] = module.run(ctx)
            except Exception:  # noqa: BLE001 - the others still run; the run fails at the end
                failed[name] = traceback.format_exc()
                log(f"{name} failed:\n{failed[name]}")
                continue
            targets += module.targets(results[name])
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    meta["elapsed_s"] = time.monotonic() - started
    # A partial run keeps its figures apart, so --render-only still has the last full run's.
    out = OUT.with_name(f"{OUT.stem}-partial.json") if args.only else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    raw = {"meta": meta, "results": results, "targets": [t.__dict__ for t in targets]}
    out.write_text(json.dumps(raw, ensure_ascii=False, indent=1))
    block = report_block(results, targets, meta)
    print(block)
    if failed:
        log(f"failed: {', '.join(failed)}; {DOCS_PAGE.relative_to(ROOT)} left as it was")
        return 1
    if not args.no_write and not args.only:
        write_docs(block)
        log(f"wrote {DOCS_PAGE.relative_to(ROOT)}")
    log(f"done in {_duration(meta['elapsed_s'])}; raw figures in {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
