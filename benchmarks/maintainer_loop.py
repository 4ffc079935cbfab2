"""The maintainer's loop: how long `python -m scripts validate` takes on the real data, and how
long it takes from saving a YAML file to seeing the change in the page `make serve` shows.

- validate: the real command on the real data, three times (median), each a fresh process as a
  maintainer runs it; plus, in this process, how much of it is reading YAML.
- serve: `mkdocs serve --strict --livereload` (what `make serve` runs) on a free loopback port,
  from a temporary copy. The summary of 《民法典》第670条 in regulations/civil-code.yaml is edited
  three times; each time the clock runs from the save until (a) the server returns the page with
  the new text and (b) the page open in headless Chromium has reloaded itself and shows it.

    .venv/bin/python -m benchmarks.maintainer_loop
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import threading
import time
import urllib.request
import uuid
from pathlib import Path

from benchmarks.common import (
    ENV,
    PYTHON,
    ROOT,
    Context,
    Target,
    chromium,
    copy_project,
    free_port,
    log,
    run_measured,
    seconds,
    stop,
)

VALIDATE_LIMIT = 1.0
RELOAD_LIMIT = 3.0
EDITS = 3
EDITED = "regulations/civil-code.yaml"
PAGE = "laws/civil-code/"
_SUMMARY = re.compile(r'(number: "670"\n(?:.*\n)*?    summary: >-\n      )')


def time_validate(runs: int = 3) -> dict:
    walls, cpus = [], []
    for _ in range(runs):
        wall, rss, code, output = run_measured([PYTHON, "-m", "scripts", "validate"], cwd=ROOT)
        if code != 0:
            raise RuntimeError(f"validate failed on the real data:\n{output[-2000:]}")
        walls.append(wall)
        cpus.append(run_measured.cpu)
    return {
        "runs": walls,
        "median_s": statistics.median(walls),
        "cpu_runs": cpus,
        "median_cpu_s": statistics.median(cpus),
        "peak_rss": rss,
        **_validate_parts(),
    }


def _cpu_seconds(pid: int) -> float:
    """CPU seconds a running process has used so far (user + system), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _validate_parts() -> dict:
    """In this process: load_catalog's time, and how much of it is reading YAML."""
    import scripts.catalog
    import scripts.loader

    spent = {"yaml": 0.0}
    original = scripts.loader.load_yaml

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent["yaml"] += time.perf_counter() - start

    scripts.catalog.load_yaml = timed
    try:
        start = time.perf_counter()
        scripts.catalog.load_catalog(ROOT)
        total = time.perf_counter() - start
    finally:
        scripts.catalog.load_yaml = original
    return {"load_catalog_s": total, "yaml_s": spent["yaml"]}


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def time_serve(work: Path) -> dict:
    project = copy_project(work / "serve")
    port = free_port()
    url = f"http://127.0.0.1:{port}/{PAGE}"
    log_path = work / "serve.log"
    started = time.perf_counter()
    with open(log_path, "wb") as out:
        server = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "mkdocs",
                "serve",
                "--strict",
                "--livereload",
                "-a",
                f"127.0.0.1:{port}",
                "-f",
                str(project / "mkdocs.yml"),
            ],
            cwd=project,
            env=ENV,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        while "《民法典》" not in _get(url):
            if server.poll() is not None or time.perf_counter() - started > 300:
                raise RuntimeError("mkdocs serve did not start:\n" + log_path.read_text()[-3000:])
            time.sleep(0.1)
        startup = time.perf_counter() - started
        log(f"mkdocs serve is up after {startup:.1f} s; editing {EDITED}")
        time.sleep(1.0)  # let the watcher settle after the first build
        path = project / EDITED
        original = path.read_text(encoding="utf-8")
        if not _SUMMARY.search(original):
            raise RuntimeError(f"{EDITED}: the summary of article 670 was not found")
        http_times, browser_times, cpu_times = [], [], []
        with chromium() as browser:
            page = browser.new_page()
            page.goto(url)
            for n in range(EDITS):
                token = f"基准测试修改{n + 1}号{uuid.uuid4().hex[:6]}"
                seen: dict[str, float] = {}

                def poll(token=token, seen=seen, t0=None):
                    while "http" not in seen:
                        if token in _get(url):
                            seen["http"] = time.perf_counter()
                            return
                        time.sleep(0.05)

                edited = _SUMMARY.sub(lambda m, t=token: m.group(1) + t + "。", original, count=1)
                thread = threading.Thread(target=poll, daemon=True)
                cpu0 = _cpu_seconds(server.pid)
                t0 = time.perf_counter()
                path.write_text(edited, encoding="utf-8")
                thread.start()
                page.wait_for_function(
                    "t => document.body && document.body.innerText.includes(t)",
                    arg=token,
                    timeout=180_000,
                    polling=50,
                )
                browser_times.append(time.perf_counter() - t0)
                cpu_times.append(_cpu_seconds(server.pid) - cpu0)
                thread.join(timeout=180)
                http_times.append(seen.get("http", float("nan")) - t0)
                log(f"edit {n + 1}: page {http_times[-1]:.2f} s, browser {browser_times[-1]:.2f} s")
                time.sleep(1.0)
    finally:
        stop(server, timeout=20)
    return {
        "startup_s": startup,
        "http_s": http_times,
        "browser_s": browser_times,
        "cpu_s": cpu_times,
        "cpu_median_s": statistics.median(cpu_times),
        "http_median_s": statistics.median(http_times),
        "browser_median_s": statistics.median(browser_times),
    }


def run(ctx: Context) -> dict:
    log("maintainer loop: python -m scripts validate")
    validate = time_validate()
    log("maintainer loop: mkdocs serve, edit, reload")
    serve = time_serve(ctx.work)
    # What a rebuild costs: the same full build as `mkdocs build`, minus the first-build costs.
    real = ctx.real()
    return {
        "validate": validate,
        "serve": serve,
        "build_s": real.wall,
        "jieba_dictionary_s": real.dictionary_in_hook(),
    }


def targets(r: dict) -> list[Target]:
    v, s = r["validate"], r["serve"]
    reason_v = ""
    if v["median_s"] >= VALIDATE_LIMIT:
        reason_v = (
            "大部分时间在读 YAML（同一次测量里 load + validate 共 "
            f"{seconds(v['load_catalog_s'])}，其中读 YAML {seconds(v['yaml_s'])}；"
            "其余是 Python 启动和导入）："
            "scripts/loader.py 把每个文件读两遍（先扫描事件、再组装节点以记下行号），"
            "格式正确的文件用 libyaml，出错的文件再用纯 Python 解析器读一遍以写出问题。"
        )
    reload_ = s["browser_median_s"]
    reason_s = ""
    if reload_ >= RELOAD_LIMIT:
        reason_s = (
            "`mkdocs serve` 每次保存都重新构建整个网站"
            f"（约 {seconds(r['build_s'])}，与 `mkdocs build` 相同，"
            "只省去 jieba 载入词典；这次每次重建用掉 "
            f"{seconds(s['cpu_median_s'])} CPU 时间），没有增量构建；"
            "大部分时间花在 Material 搜索插件给每页分词、"
            "Markdown 转换和模板渲染上，见上面的构建开销。"
        )
    return [
        Target(
            "`python -m scripts validate`（真实数据）",
            seconds(v["median_s"]),
            "< 1 s",
            v["median_s"] < VALIDATE_LIMIT,
            reason_v,
        ),
        Target(
            "保存 YAML 到 `make serve` 的页面显示新内容",
            seconds(reload_),
            "< 3 s",
            reload_ < RELOAD_LIMIT,
            reason_s,
        ),
    ]


def markdown(r: dict) -> str:
    v, s = r["validate"], r["serve"]
    lines = [
        "### 维护者的等待\n",
        "| | 耗时 |",
        "| --- | ---: |",
        f"| `python -m scripts validate`，真实数据（{len(v['runs'])} 次的中位数） "
        f"| {seconds(v['median_s'])}（CPU {seconds(v['median_cpu_s'])}） |",
        f"| 　其中 load + validate（不含 Python 启动和导入） | {seconds(v['load_catalog_s'])} |",
        f"| 　其中读 YAML | {seconds(v['yaml_s'])} |",
        f"| `make serve`：启动到第一次能打开页面（含第一次构建） | {seconds(s['startup_s'])} |",
        f"| 保存 YAML 到服务器返回新页面（{len(s['http_s'])} 次的中位数） "
        f"| {seconds(s['http_median_s'])} |",
        "| 保存 YAML 到浏览器里的页面自动刷新、显示新内容（中位数） "
        f"| **{seconds(s['browser_median_s'])}** |",
        f"| 　其间 `mkdocs serve` 用掉的 CPU 时间（中位数） | {seconds(s['cpu_median_s'])} |",
        "",
        "每次修改的耗时（浏览器）：" + "、".join(seconds(t) for t in s["browser_s"]) + "。"
        "用时是维护者实际等待的时间，机器上同时有别的任务时会变长；CPU 时间几乎不受影响。",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    from benchmarks.run_all import main

    raise SystemExit(main(["--only", "maintainer_loop"]))
