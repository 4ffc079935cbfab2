"""The one place MkDocs meets the core: validate before the site is touched, add generated pages,
resolve citations. Registered in mkdocs.yml under `hooks:`.

MkDocs puts only this file's folder on sys.path, so the repository root is added explicitly; and
`mkdocs serve` never re-imports hooks, so the core modules are reloaded on every config load to
make edits to them live.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from markdown.extensions.toc import slugify as default_slugify  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

import scripts.catalog  # noqa: E402
import scripts.changelog  # noqa: E402
import scripts.checklists  # noqa: E402
import scripts.citations  # noqa: E402
import scripts.cjk_glossary  # noqa: E402
import scripts.export  # noqa: E402
import scripts.guidance  # noqa: E402
import scripts.model  # noqa: E402
import scripts.printbook  # noqa: E402
import scripts.problems  # noqa: E402
import scripts.render  # noqa: E402
import scripts.search_index  # noqa: E402

_CORE = [
    "problems",
    "loader",
    "schema",
    "numbering",
    "model",
    "checks",
    "guidance",
    "citations",
    "catalog",
    "render",
    "changelog",
    "export",
    "printbook",
    "search_index",
    "cjk_glossary",
    "checklists",
]
_state: dict = {}
SEARCH_VOCABULARY = "assets/search-vocabulary.js"  # written after the index (search-query.js)
GLOSSARY = "includes/glossary.yaml"  # under docs/: terms shown as tooltips across the site


def on_config(config):
    for name in _CORE:
        importlib.reload(sys.modules[f"scripts.{name}"])
    # Glossary tooltips (scripts/cjk_glossary.py). Registered here rather than in mkdocs.yml, where
    # the MkDocs command could import `scripts` only with PYTHONPATH set.
    glossary = Path(config.docs_dir) / GLOSSARY
    if glossary.exists():
        try:
            terms = scripts.cjk_glossary.load_glossary(glossary)
        except ValueError as error:
            raise PluginError(str(error)) from error
        config.markdown_extensions.append(scripts.cjk_glossary.CJKGlossaryExtension(terms=terms))
    # Checklist boxes named after their item, for screen readers (scripts/checklists.py).
    config.markdown_extensions.append(scripts.checklists.ChecklistExtension())
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
    urls = config.use_directory_urls  # False in the offline build (the offline plugin sets it)
    # Print books read the nav before the 法规库 section is filled in; they only need their own.
    pages = scripts.render.render_site(catalog, today)
    pages |= scripts.changelog.render_changelog(
        catalog,
        today,
        site_name=config.site_name,
        author=config.site_author or "",
        site_url=config.site_url,
        directory_urls=urls,
    )
    pages |= scripts.printbook.render_books(
        catalog,
        Path(config.docs_dir),
        config.nav,
        config.mdx_configs.get("toc", {}).get("slugify", default_slugify),
    )
    pages |= scripts.export.export_files(
        catalog, today, site_name=config.site_name, directory_urls=urls
    )
    _teach_jieba(scripts.search_index.vocabulary(catalog))
    _state["pages"] = pages  # every generated file: Markdown pages, the feed, the data export
    _place_in_nav(config, scripts.render.nav_section(catalog, today))


def _place_in_nav(config, section):
    """Fill the nav entry whose first page is laws/index.md with every generated page."""
    for entry in config.nav or []:
        if isinstance(entry, dict):
            ((title, children),) = entry.items()
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
    markdown = markdown.replace(
        scripts.export.FILES_MARKER, scripts.export.files_list(_state["catalog"], src)
    )
    markdown, problems = scripts.citations.rewrite_citations(markdown, src, _state["catalog"])
    if problems:  # pages are validated in on_pre_build; this only guards pages added since
        raise PluginError("\n".join(str(p) for p in problems))
    if scripts.guidance.is_guidance(src) and page.meta.get("reviewed"):
        markdown = scripts.guidance.add_review_notice(markdown, page.meta["reviewed"])
    return markdown


def _teach_jieba(words):
    """Give jieba the site's vocabulary before the search plugin segments the pages with it."""
    try:
        import jieba
    except ImportError:  # Material then leaves Chinese unsegmented; tests/site catches that
        return
    for word in words:
        jieba.add_word(word)


@event_priority(-50)  # after the search plugin wrote the index, before the offline plugin copies it
def on_post_build(config):
    """Add hidden fields to the search index (scripts/search_index.py) and write the vocabulary
    the query normaliser segments with."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists():
        return
    try:
        import jieba

        is_word = lambda w: jieba.dt.FREQ.get(w, 0) > 0  # noqa: E731 - a word jieba knows
        everyday = lambda w: jieba.dt.FREQ.get(w, 0) >= 10_000  # noqa: E731 - 要求, 没有, 处理
    except ImportError:
        is_word = everyday = lambda w: False  # noqa: E731
    catalog = _state["catalog"]
    index = scripts.search_index.enrich_index(
        json.loads(path.read_text(encoding="utf-8")),
        catalog,
        is_word=is_word,
        directory_urls=config.use_directory_urls,
    )
    # Written as UTF-8, not \uXXXX escapes: a third smaller before compression.
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    script = scripts.search_index.vocabulary_script(catalog, index, everyday)
    (Path(config.site_dir) / SEARCH_VOCABULARY).write_text(script, encoding="utf-8")
