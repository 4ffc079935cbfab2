"""Load and validate everything the site is built from, collecting every problem before failing.

>>> catalog, problems = load_catalog(Path("."))
>>> [str(p) for p in problems]
[]
"""

from __future__ import annotations

from pathlib import Path

from scripts import checks, citations, guidance
from scripts.loader import Document, load_yaml
from scripts.model import Catalog, Change, Instrument, Topic
from scripts.problems import Problem
from scripts.schema import check_document

REGULATIONS = "regulations"
DOCS = "docs"
# Files in regulations/ that are not instruments, each with its own schema.
SPECIAL_FILES = {"topics.yaml": "topics", "changelog.yaml": "changelog"}


def instrument_files(root: Path) -> list[Path]:
    folder = root / REGULATIONS
    files = [*folder.glob("*.yaml"), *folder.glob("*.yml")]
    return sorted(f for f in files if f.name not in SPECIAL_FILES)


def _load(path: Path, root: Path, schema: str) -> Document:
    try:
        display = path.relative_to(root).as_posix()
    except ValueError:
        display = path.as_posix()
    doc = load_yaml(path, display)
    if doc.ok:
        doc.problems.extend(check_document(doc, schema))
    return doc


def load_topics(root: Path, catalog: Catalog) -> list[Problem]:
    doc = _load(root / REGULATIONS / "topics.yaml", root, "topics")
    if not doc.ok:
        catalog.topics_unreadable = True
        return doc.problems
    problems = []
    for i, item in enumerate(doc.data["topics"]):
        if item["id"] in catalog.topics:
            problems.append(
                Problem(
                    doc.display,
                    doc.line_of(("topics", i, "id")),
                    "E116",
                    f"topic {item['id']}",
                    "defined twice (keep one)",
                )
            )
            continue
        catalog.topics[item["id"]] = Topic(
            item["id"], item["name"], tuple(item["aliases"]), item["description"]
        )
    return problems


def load_changelog(root: Path, catalog: Catalog) -> list[Problem]:
    """The update log is optional: without regulations/changelog.yaml the log is empty."""
    path = root / REGULATIONS / "changelog.yaml"
    if not path.exists():
        return []
    catalog.files += 1
    doc = _load(path, root, "changelog")
    if not doc.ok:
        return doc.problems
    catalog.add_changes(
        [
            Change(c["date"], c["kind"], c["instruments"], c["change"], c["reason"], doc, i)
            for i, c in enumerate(doc.data["changes"])
        ]
    )
    return []


def load_instruments(
    root: Path, catalog: Catalog, paths: list[Path] | None = None
) -> list[Problem]:
    problems: list[Problem] = []
    first_file: dict[str, str] = {}
    for path in paths if paths is not None else instrument_files(root):
        catalog.files += 1
        doc = _load(path, root, "instrument")
        if not doc.ok:
            problems.extend(doc.problems)
            catalog.unreadable.add(path.stem)
            continue
        inst = Instrument.from_document(doc)
        if inst.id in catalog.instruments:
            problems.append(
                Problem(
                    doc.display,
                    doc.line_of(("id",)),
                    "E106",
                    "",
                    f"id '{inst.id}' is also used by {first_file[inst.id]} (ids must be unique)",
                )
            )
            continue
        first_file[inst.id] = doc.display
        catalog.instruments[inst.id] = inst
    return problems


def load_catalog(root: Path, docs_dir: Path | None = None) -> tuple[Catalog, list[Problem]]:
    """Everything from `root`: topics, instruments, and (if docs exist) guidance citations."""
    catalog = Catalog()
    problems = load_topics(root, catalog)
    catalog.files += 1
    problems += load_instruments(root, catalog)
    problems += load_changelog(root, catalog)
    docs_dir = docs_dir or root / DOCS
    if docs_dir.is_dir():
        problems += citations.collect_citations(docs_dir, catalog)
        problems += guidance.check_guidance_pages(docs_dir)
    catalog.link_reverse()
    problems += checks.check_catalog(catalog)
    return catalog, sorted(set(problems))
