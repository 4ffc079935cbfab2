"""`mkdocs build` in this process, with a CPU-time stopwatch on every plugin event and on the
site's own steps (load + validate, render, search vocabulary, glossary), and optionally a copy of
every page as the Markdown MkDocs converted. Run by benchmarks/common.py in a child process, so
that the parent can read the child's peak memory:

    python benchmarks/_timed_build.py REPORT.json CAPTURE_DIR|- build --strict -f mkdocs.yml -d site

REPORT.json gets the wall time and the seconds spent per (plugin, event) and per step. With a
CAPTURE_DIR, it also gets every page (front matter + Markdown after the hook), every other file the
hook generated and the final nav: the same site as plain Markdown, for benchmarks/overhead.py.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

timings: dict[str, float] = defaultdict(float)
captured: dict[str, str] = {}
state: dict = {}


def _timed(key: str, function):
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            timings[key] += time.process_time() - start

    wrapper.__wrapped__ = function
    return wrapper


def _patch(owner, name: str, key: str) -> None:
    function = getattr(owner, name, None)
    if function is not None and not hasattr(function, "__wrapped__"):
        setattr(owner, name, _timed(key, function))


def _patch_core(hook_globals: dict) -> None:
    """After the hook's on_config (which reloads the core modules): time the site's own steps."""
    modules = sys.modules
    steps = {
        "scripts.catalog": [("load_catalog", "step:load+validate")],
        "scripts.render": [("render_site", "step:render"), ("nav_section", "step:render")],
        "scripts.changelog": [("render_changelog", "step:render")],
        "scripts.printbook": [("render_books", "step:render")],
        "scripts.export": [("export_files", "step:render")],
        "scripts.search_index": [
            ("vocabulary", "step:search vocabulary"),
            ("enrich_index", "step:search enrichment"),
            ("vocabulary_script", "step:search enrichment"),
        ],
        "scripts.citations": [("rewrite_citations", "step:citations")],
    }
    for module, names in steps.items():
        if module in modules:
            for name, key in names:
                _patch(modules[module], name, key)
    if "_teach_jieba" in hook_globals:
        teach = hook_globals["_teach_jieba"]
        hook_globals["_teach_jieba"] = _timed("step:search vocabulary", teach)
    glossary = modules.get("scripts.cjk_glossary")
    processor = getattr(glossary, "_GlossaryTreeprocessor", None)
    if processor is not None:
        _patch(processor, "run", "step:glossary")


def _install() -> None:
    from mkdocs import plugins

    try:  # jieba's dictionary load: paid by Material's search in any build, not by our layer
        import jieba

        initialize = jieba.Tokenizer.initialize

        def timed_initialize(*args, **kwargs):
            # "jieba:dictionary": loaded inside one of our hook's events (the hook teaches jieba
            # the site's words before the search plugin segments anything); else elsewhere.
            key = "jieba:dictionary" if state.get("in_hook") else "jieba:dictionary-elsewhere"
            start = time.process_time()
            try:
                return initialize(*args, **kwargs)
            finally:
                timings[key] += time.process_time() - start

        jieba.Tokenizer.initialize = timed_initialize
    except ImportError:
        pass

    def run_event(self, name, item=None, **kwargs):
        pass_item = item is not None
        for method in self.events[name]:
            origin = self._event_origins.get(method, "<unknown>")
            self._current_plugin = origin
            hook_globals = getattr(method, "__globals__", {})
            state["in_hook"] = "_state" in hook_globals
            start = time.process_time()
            try:
                result = method(item, **kwargs) if pass_item else method(**kwargs)
            finally:
                state["in_hook"] = False
            timings[f"event:{origin}:{name}"] += time.process_time() - start
            if result is not None:
                item = result
            if "_state" in hook_globals:
                state["hook"] = hook_globals
                if name == "config":
                    _patch_core(hook_globals)
        self._current_plugin = None
        if name == "page_markdown" and state.get("capture"):
            page = kwargs["page"]
            meta = dict(page.meta)
            front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) if meta else ""
            captured[page.file.src_uri] = (f"---\n{front}---\n\n" if front else "") + item
        if name == "post_build":
            state["nav"] = kwargs["config"].nav
            state["site_dir"] = kwargs["config"].site_dir
        return item

    plugins.PluginCollection.run_event = run_event


def main(argv: list[str]) -> int:
    report, capture, mkdocs_args = Path(argv[0]), argv[1], argv[2:]
    state["capture"] = capture != "-"
    _install()
    from mkdocs.__main__ import cli

    start, start_cpu = time.perf_counter(), time.process_time()
    code = 0
    try:
        cli.main(args=mkdocs_args, prog_name="mkdocs", standalone_mode=False)
    except SystemExit as exit_:
        code = exit_.code or 0
    except Exception as error:  # noqa: BLE001 - reported to the parent, which fails loudly
        print(f"build failed: {type(error).__name__}: {error}", file=sys.stderr)
        code = 1
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    written, written_cpu = time.perf_counter(), time.process_time()
    if state["capture"] and code == 0:
        _write_capture(Path(capture))
    # Not part of the build: the parent subtracts it.
    written, written_cpu = time.perf_counter() - written, time.process_time() - written_cpu
    report.write_text(
        json.dumps(
            {
                "wall": wall,
                "cpu": cpu,
                "code": code,
                "capture_seconds": written,
                "capture_cpu": written_cpu,
                "timings": timings,
            },
            indent=1,
        )
    )
    return code


def _write_capture(folder: Path) -> None:
    docs = folder / "docs"
    for src_uri, markdown in captured.items():
        path = docs / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
    for src_uri, content in state["hook"]["_state"]["pages"].items():
        if src_uri.endswith(".md"):
            continue
        path = docs / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    (folder / "nav.json").write_text(json.dumps(state["nav"], ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
