"""The one place MkDocs meets the core: validate before the site is touched, add generated pages,
resolve citations. Registered in mkdocs.yml under `hooks:`.

MkDocs puts only this file's folder on sys.path, so the repository root is added explicitly; and
`mkdocs serve` never re-imports hooks, so the core modules are reloaded on every config load to
make edits to them live.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

import scripts.catalog  # noqa: E402
import scripts.citations  # noqa: E402
import scripts.guidance  # noqa: E402
import scripts.model  # noqa: E402
import scripts.problems  # noqa: E402
import scripts.render  # noqa: E402

_CORE = ["problems", "loader", "schema", "numbering", "model", "checks", "guidance",
         "citations", "catalog", "render"]
_state: dict = {}


def on_config(config):
    for name in _CORE:
        importlib.reload(sys.modules[f"scripts.{name}"])
    return config


def on_pre_build(config):
    # Runs before MkDocs cleans site_dir: a bad edit stops here and the last good site survives.
    catalog, problems = scripts.catalog.load_catalog(ROOT, Path(config.docs_dir))
    errors = [p for p in problems if p.is_error]
    if errors:
        summary = scripts.problems.summarize(problems, catalog.files)
        raise PluginError(
            "\n".join(str(p) for p in errors)
            + f"\n{summary}\nNothing was built; the previous site/ is unchanged."
        )
    today = scripts.model.build_date()
    _state["catalog"] = catalog
    _state["pages"] = scripts.render.render_site(catalog, today)
    _place_in_nav(config, scripts.render.nav_section(catalog, today))


def _place_in_nav(config, section):
    """Fill the nav entry whose first page is laws/index.md with every generated page."""
    for entry in config.nav or []:
        if isinstance(entry, dict):
            (title, children), = entry.items()
            if isinstance(children, list) and scripts.render.LAWS + "/index.md" in children:
                entry[title] = section
                return


@event_priority(100)
def on_files(files, config):
    for src_uri, content in _state["pages"].items():
        generated = File.generated(config, src_uri, content=content)
        files.append(generated)
    return files


def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri
    if src in _state["pages"]:
        return markdown
    markdown, problems = scripts.citations.rewrite_citations(markdown, src, _state["catalog"])
    if problems:  # pages are validated in on_pre_build; this only guards pages added since
        raise PluginError("\n".join(str(p) for p in problems))
    if scripts.guidance.is_guidance(src) and page.meta.get("reviewed"):
        markdown = scripts.guidance.add_review_notice(markdown, page.meta["reviewed"])
    return markdown
