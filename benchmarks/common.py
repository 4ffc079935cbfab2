"""Shared pieces of the benchmarks: project copies, timed builds, a gzip server, the browser.

Every benchmark works on a temporary copy of the project (never the repository itself), builds
with the real `mkdocs` command line in a child process and reads the child's wall time and peak
memory (`os.wait4`), so all figures of one run come from the same machine, the same way.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PYTHON = sys.executable
PROJECT_PARTS = ["mkdocs.yml", "scripts", "regulations", "docs", "overrides"]
ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "DISABLE_MKDOCS_2_WARNING": "true",
    "PYTHONDONTWRITEBYTECODE": "1",
}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMED_BUILD = Path(__file__).resolve().parent / "_timed_build.py"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def stop(process: subprocess.Popen, timeout: float) -> None:
    """Ask a child process to end and wait for it; kill it if it has not ended within `timeout`."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def copy_project(dest: Path) -> Path:
    """A throw-away copy of everything a build reads."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


@contextlib.contextmanager
def workdir(prefix: str = "bench-") -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_measured(
    args: list[str], cwd: Path, env: dict | None = None, timeout: float = 3600
) -> tuple[float, int, int, str]:
    """Run a command; (wall seconds, peak resident memory in bytes, exit code, output).
    The child's CPU seconds (user + system) are in `run_measured.cpu` afterwards."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            args, cwd=cwd, env=env or ENV, stdout=out, stderr=subprocess.STDOUT
        )
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
        wall = time.perf_counter() - start
        run_measured.cpu = usage.ru_utime + usage.ru_stime
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    return wall, usage.ru_maxrss * 1024, process.returncode, output


@dataclasses.dataclass
class Build:
    """One `mkdocs build`. Ratios and shares use CPU seconds: a build is one thread, so on an
    idle machine CPU ≈ wall, and CPU time barely moves when something else runs at the same time."""

    wall: float  # seconds, the whole `mkdocs build` process
    cpu: float  # CPU seconds (user + system) of the process
    peak_rss: int  # bytes
    timings: dict[str, float]  # CPU seconds per plugin event and per step of our layer
    site: Path

    def hook(self) -> float:
        """Seconds in our hook's events and our Markdown extension, without jieba's dictionary."""
        events = sum(
            v for k, v in self.timings.items() if k.startswith("event:") and "mkdocs_hooks" in k
        )
        return events + self.timings.get("step:glossary", 0.0) - self.dictionary_in_hook()

    def dictionary_in_hook(self) -> float:
        # The hook teaches jieba its words before Material's search segments anything, so jieba's
        # dictionary load (which every build with jieba pays) happens inside the hook's pre_build.
        return self.timings.get("jieba:dictionary", 0.0)

    def step(self, name: str) -> float:
        return self.timings.get(f"step:{name}", 0.0)


def timed_build(
    project: Path,
    site: Path,
    capture: Path | None = None,
    config: str = "mkdocs.yml",
    strict: bool = True,
) -> Build:
    """`mkdocs build` of `project` into `site` through benchmarks/_timed_build.py."""
    report = site.parent / f".{site.name}-timings.json"
    args = [
        PYTHON,
        str(TIMED_BUILD),
        str(report),
        str(capture) if capture else "-",
        "build",
        "-q",
        "-f",
        str(project / config),
        "-d",
        str(site),
    ]
    if strict:
        args.insert(5, "--strict")
    wall, rss, code, output = run_measured(args, cwd=project)
    data = json.loads(report.read_text()) if report.exists() else {"code": code, "timings": {}}
    if code != 0 or data.get("code"):
        raise RuntimeError(f"mkdocs build of {project} failed ({code}):\n{output[-4000:]}")
    cpu = run_measured.cpu - data.get("capture_cpu", 0.0)
    return Build(wall - data.get("capture_seconds", 0.0), cpu, rss, data["timings"], site)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def file_sizes(path: Path) -> tuple[int, int]:
    """Bytes of a file as written and gzipped (level 6, what web servers use), (0, 0) if missing."""
    if not path.exists():
        return 0, 0
    data = path.read_bytes()
    return len(data), gzip_size(data)


def load_average() -> float:
    return os.getloadavg()[0]


# ---------------------------------------------------------------- serving with gzip

COMPRESSIBLE = re.compile(r"^(text/|application/(javascript|json|xml|atom\+xml)|image/svg)")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzipped (level 6) when the client accepts it; records what it sent."""

    sent: list[tuple[str, int, int]]  # (path, bytes on the wire, bytes uncompressed)
    lock: threading.Lock

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - http.server's naming
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().do_GET()  # the redirect to the slash URL
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return super().do_GET()
        data = Path(path).read_bytes()
        ctype = self.guess_type(path)
        body = data
        gzipped = "gzip" in self.headers.get("Accept-Encoding", "") and COMPRESSIBLE.match(ctype)
        if gzipped:
            body = gzip.compress(data, compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(body)
        with self.lock:
            self.sent.append((unquote(urlsplit(self.path).path), len(body), len(data)))


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # callers read responses, not logs
        pass


@contextlib.contextmanager
def serve_files(site: Path) -> Iterator[str]:
    """Serve `site` as plain static files on a free loopback port; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextlib.contextmanager
def serve(site: Path) -> Iterator[tuple[str, list]]:
    """Serve `site` on a free loopback port; yields (base URL, the list of responses sent)."""
    sent: list[tuple[str, int, int]] = []
    handler = type("Handler", (GzipHandler,), {"sent": sent, "lock": threading.Lock()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", sent
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium() -> Iterator:
    """Debian's Chromium, headless, through Playwright."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: run `make chromium`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def block_external(context, origin: str, blocked: list[str]) -> None:
    """Abort every request that leaves `origin` and remember it (fonts, CDNs, trackers)."""

    def handle(route):
        blocked.append(route.request.url)
        route.abort()

    elsewhere = re.compile(r"^(?!" + re.escape(origin.rstrip("/")) + r")(https?|wss?):.*")
    context.route(elsewhere, handle)


# ---------------------------------------------------------------- configuration texts


def top_level_block(text: str, key: str) -> re.Match[str] | None:
    """The `key:` block of a YAML file, up to the next top-level key."""
    return re.search(rf"^{key}:.*\n(?:(?:[ \t#].*)?\n)*", text, re.MULTILINE)


def without_block(text: str, key: str) -> str:
    match = top_level_block(text, key)
    return text if match is None else text[: match.start()] + text[match.end() :]


def with_nav(text: str, nav: list) -> str:
    """mkdocs.yml text with its nav replaced by `nav` (JSON is YAML)."""
    text = without_block(text, "nav")
    return text.rstrip("\n") + "\n\nnav: " + json.dumps(nav, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- one run's shared builds


class Context:
    """The builds several benchmarks share, made once per run on demand.

    - the real site, built `runs` times from a copy (the first run also writes every page as
      the plain Markdown MkDocs converted);
    - the plain site: those pages with the same Material configuration, without our hook;
    - the stock site: the same pages with `theme: material` and nothing else (default font).
    """

    def __init__(self, work: Path, runs: int = 2):
        self.work = work
        self.runs = runs
        self._real: list[Build] = []
        self._plain: list[Build] = []
        self._stock: Build | None = None
        self.deadline: float | None = None  # time.monotonic() by which the run should end

    @property
    def project(self) -> Path:
        path = self.work / "real"
        if not path.exists():
            copy_project(path)
        return path

    @property
    def capture(self) -> Path:
        return self.work / "plain"

    def real_builds(self, runs: int | None = None) -> list[Build]:
        while len(self._real) < (runs or self.runs):
            n = len(self._real)
            log(f"building the real site ({n + 1}/{self.runs})")
            self._real.append(
                timed_build(
                    self.project,
                    self.work / f"site-real-{n}",
                    capture=self.capture if n == 0 else None,
                )
            )
        return self._real

    def real(self) -> Build:
        """The real build that took the least CPU time (the least disturbed one)."""
        return min(self.real_builds(), key=lambda b: b.cpu)

    @property
    def real_site(self) -> Path:
        return self.real_builds(1)[0].site

    def plain_project(self) -> Path:
        self.real_builds(1)  # the first real build writes the pages
        config = self.capture / "mkdocs.yml"
        if not config.exists():
            docs = self.capture / "docs"
            shutil.copytree(
                ROOT / "docs", docs, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.md")
            )
            # Written by the hook after the search index; the pages load it as a plain script.
            vocabulary = self.real_site / "assets" / "search-vocabulary.js"
            if vocabulary.exists():
                shutil.copy2(vocabulary, docs / "assets" / vocabulary.name)
            shutil.copytree(ROOT / "overrides", self.capture / "overrides", dirs_exist_ok=True)
            nav = json.loads((self.capture / "nav.json").read_text())
            text = (self.project / "mkdocs.yml").read_text(encoding="utf-8")
            for key in ("hooks", "watch"):
                text = without_block(text, key)
            config.write_text(with_nav(text, nav), encoding="utf-8")
            stock = [
                f"site_name: {json.dumps(_site_name(text), ensure_ascii=False)}",
                "docs_dir: docs",
                "theme:",
                "  name: material",
            ]
            extensions = top_level_block(text, "markdown_extensions")
            stock_text = "\n".join(stock) + "\n" + (extensions.group(0) if extensions else "")
            stock_config = self.capture / "mkdocs-stock.yml"
            stock_config.write_text(with_nav(stock_text, nav), encoding="utf-8")
        return self.capture

    def alternate(self) -> None:
        """Real and plain builds in turn (real, plain, real, plain …), so that a change in what
        else runs on the machine falls on both alike."""
        for n in range(1, self.runs + 1):
            self.real_builds(n)
            self.plain_builds(n)

    def plain_builds(self, runs: int | None = None) -> list[Build]:
        project = self.plain_project()
        while len(self._plain) < (runs or self.runs):
            n = len(self._plain)
            log(f"building the same pages as plain Markdown, no hook ({n + 1}/{self.runs})")
            self._plain.append(timed_build(project, self.work / f"site-plain-{n}"))
        return self._plain

    def plain(self) -> Build:
        return min(self.plain_builds(), key=lambda b: b.cpu)

    def stock(self) -> Build:
        if self._stock is None:
            log("building the same pages with stock Material (theme: material, defaults)")
            self._stock = timed_build(
                self.plain_project(),
                self.work / "site-stock",
                config="mkdocs-stock.yml",
                strict=False,
            )
        return self._stock


def _site_name(config_text: str) -> str:
    match = re.search(r"^site_name:\s*(.+?)\s*$", config_text, re.MULTILINE)
    return match.group(1).strip("'\"") if match else "site"


@dataclasses.dataclass
class Target:
    """One target of the issue: the figure measured, the target, and why it was missed."""

    name: str  # Chinese, as the docs table shows it
    figure: str
    target: str
    met: bool
    reason: str = ""  # when missed: why (filled in by the benchmark from what it measured)
    partial: str = ""  # when measured on less than the target asks for: what was left out, why


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def seconds(s: float) -> str:
    return f"{s:.2f} s" if s < 10 else f"{s:.1f} s"


def pct(x: float) -> str:
    return f"{x * 100:.1f}%"
