"""Rules that span fields and files, one `check_<rule>` each; all return problems, none raise.

They run only on documents that passed the schema, so every field they read has the right type.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from scripts.model import Catalog, Change, Instrument
from scripts.problems import Problem
from scripts.schema import subject_of

_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>|<\s*[a-zA-Z]|\bon[a-z]+\s*=", re.IGNORECASE)
_SCRIPT_URL = re.compile(r"\b(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
_MARKUP_MESSAGE = "contains HTML markup (write plain text; no <tags> or on…= attributes)"
_SCRIPT_URL_MESSAGE = "contains a script URL (javascript:, data: or vbscript: is not allowed)"

# Where an instrument's `source` may point: the publishers of official texts, each host together
# with its subdomains (www.npc.gov.cn, flk.npc.gov.cn). A new publisher is added here, in review.
OFFICIAL_SOURCE_HOSTS = (
    "gov.cn",  # every government site; the .gov.cn hosts below are named for review
    "npc.gov.cn",  # 全国人大 / 国家法律法规数据库 (flk.npc.gov.cn)
    "court.gov.cn",  # 最高人民法院
    "spp.gov.cn",  # 最高人民检察院
    "nfra.gov.cn",  # 国家金融监督管理总局
    "pbc.gov.cn",  # 中国人民银行
    "cac.gov.cn",  # 国家互联网信息办公室
    "samr.gov.cn",  # 市场监管总局; openstd.samr.gov.cn (national standards)
    "nifa.org.cn",  # 中国互联网金融协会
    "china-cba.net",  # 中国银行业协会
)


def official_source_host(url: str) -> bool:
    """True if `url` is on one of OFFICIAL_SOURCE_HOSTS or a subdomain of one."""
    try:
        host = (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return False
    return any(host == h or host.endswith("." + h) for h in OFFICIAL_SOURCE_HOSTS)


def _problem(inst: Instrument, path: tuple, code: str, message: str) -> Problem:
    return Problem(
        inst.doc.display, inst.doc.line_of(path), code, subject_of(inst.data, path), message
    )


def check_id_matches_file(inst: Instrument) -> Iterator[Problem]:
    stem = inst.doc.path.stem
    if inst.id != stem:
        yield _problem(
            inst,
            ("id",),
            "E104",
            f"id '{inst.id}' differs from file name '{stem}' (make them equal)",
        )


def check_article_numbers(inst: Instrument) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for i, art in enumerate(inst.articles):
        if art.number in first:
            yield _problem(
                inst,
                ("articles", i, "number"),
                "E105",
                f"duplicate number (first at line {first[art.number]}; merge or renumber)",
            )
        else:
            first[art.number] = inst.doc.line_of(("articles", i, "number"))


def check_topics(inst: Instrument, catalog: Catalog) -> Iterator[Problem]:
    if catalog.topics_unreadable:
        return
    for i, art in enumerate(inst.articles):
        for j, topic in enumerate(art.topics):
            if topic not in catalog.topics:
                yield _problem(
                    inst,
                    ("articles", i, "topics", j),
                    "E107",
                    f"topic '{topic}' is not in regulations/topics.yaml (use an existing id or add it there)",
                )


def check_supersedes(inst: Instrument, catalog: Catalog) -> Iterator[Problem]:
    for j, old in enumerate(inst.data.get("supersedes", [])):
        if old == inst.id or (old not in catalog.instruments and old not in catalog.unreadable):
            yield _problem(
                inst,
                ("supersedes", j),
                "E108",
                f"'{old}' is not another instrument's id (expected one of the files in regulations/)",
            )


def check_supersedes_cycles(catalog: Catalog) -> Iterator[Problem]:
    """Report each loop in the supersedes graph once, from its smallest id."""
    graph = {
        i: sorted(n for n in inst.data.get("supersedes", []) if n in catalog.instruments and n != i)
        for i, inst in catalog.instruments.items()
    }
    done: set[str] = set()
    reported: set[frozenset[str]] = set()

    def visit(node: str, path: list[str]) -> Iterator[list[str]]:
        if node in path:
            yield path[path.index(node) :]
            return
        if node in done:
            return
        for nxt in graph[node]:
            yield from visit(nxt, [*path, node])
        done.add(node)

    for start in sorted(graph):
        for cycle in visit(start, []):
            key = frozenset(cycle)
            if key in reported:
                continue
            reported.add(key)
            first = min(cycle)
            cycle = cycle[cycle.index(first) :] + cycle[: cycle.index(first)]
            chain = " → ".join([*cycle, first])
            yield _problem(
                catalog.instruments[first],
                ("supersedes",),
                "E114",
                f"versions supersede each other in a loop ({chain}); an older version cannot supersede a newer one",
            )


def check_references(inst: Instrument, catalog: Catalog) -> Iterator[Problem]:
    superseded = set(inst.data.get("supersedes", []))
    for i, art in enumerate(inst.articles):
        for field_name in ("replaces", "related"):
            for j, ref in enumerate(getattr(art, field_name)):
                path = ("articles", i, field_name, j)
                inst_id, _, number = ref.partition("#")
                target = catalog.instruments.get(inst_id)
                if target is None and inst_id in catalog.unreadable:
                    continue  # that file's own problem comes first
                if target is None or number not in target.article_map:
                    known = "instrument" if target is None else f"article {number} in '{inst_id}'"
                    yield _problem(inst, path, "E109", f"'{ref}' does not exist (no such {known})")
                elif field_name == "replaces" and inst_id not in superseded:
                    yield _problem(
                        inst,
                        path,
                        "E117",
                        f"'{ref}' belongs to '{inst_id}', which this instrument does not list in supersedes",
                    )


def check_dates(inst: Instrument) -> Iterator[Problem]:
    data = inst.data
    order = [k for k in ("adopted", "effective", "until") if k in data]
    for earlier, later in zip(order, order[1:], strict=False):
        if dt.date.fromisoformat(data[later]) < dt.date.fromisoformat(data[earlier]):
            yield _problem(
                inst,
                (later,),
                "E110",
                f"'{later}' {data[later]} is before '{earlier}' {data[earlier]}",
            )
    if ("until" in data) != ("until_reason" in data):
        missing = "until_reason" if "until" in data else "until"
        yield _problem(
            inst,
            ("until" if "until" in data else "until_reason",),
            "E110",
            f"'until' and 'until_reason' go together (add '{missing}')",
        )


def check_successor(inst: Instrument) -> Iterator[Problem]:
    if inst.is_historical() and not inst.superseded_by:
        yield _problem(
            inst,
            ("until",),
            "E111",
            "stops applying but no instrument lists it in supersedes (add it to the successor's supersedes)",
        )


def check_historical_articles(inst: Instrument) -> Iterator[Problem]:
    if not inst.is_historical():
        return
    for i, art in enumerate(inst.articles):
        if not art.replaced_by and not art.no_successor:
            yield _problem(
                inst,
                ("articles", i),
                "E115",
                "no article of the successor replaces it (add 'replaces' there, or 'no_successor' here with the reason)",
            )


def check_source_host(inst: Instrument) -> Iterator[Problem]:
    url = inst.data.get("source", {}).get("url")
    if url and not official_source_host(url):
        host = urlsplit(url).hostname or url
        roots = [
            h
            for h in OFFICIAL_SOURCE_HOSTS
            if not any(h.endswith("." + g) for g in OFFICIAL_SOURCE_HOSTS)
        ]
        yield _problem(
            inst,
            ("source", "url"),
            "E120",
            f"source url host '{host}' is not an official publisher's site "
            f"(expected {', '.join(roots)} or a subdomain; "
            "the list is OFFICIAL_SOURCE_HOSTS in scripts/checks.py)",
        )


def check_text_safety(inst: Instrument) -> Iterator[Problem]:
    for path, text in _strings(inst.data, ()):
        if path and path[-1] == "url":
            continue
        if _MARKUP.search(text):
            yield _problem(
                inst,
                path,
                "E112",
                "contains HTML markup (write plain text; no <tags> or on…= attributes)",
            )
        elif _SCRIPT_URL.search(text):
            yield _problem(
                inst,
                path,
                "E113",
                "contains a script URL (javascript:, data: or vbscript: is not allowed)",
            )


def _strings(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, (*path, i))


def _change_problem(change: Change, path: tuple, code: str, message: str) -> Problem:
    line = change.line_of(*path)
    return Problem(change.doc.display, line, code, f"change {change.date}", message)


def check_change_instruments(change: Change, catalog: Catalog) -> Iterator[Problem]:
    for j, inst_id in enumerate(change.instruments):
        if inst_id not in catalog.instruments and inst_id not in catalog.unreadable:
            near = difflib.get_close_matches(inst_id, list(catalog.instruments), n=3, cutoff=0.4)
            hint = f"nearest: {', '.join(near)}" if near else "expected a file name in regulations/"
            yield _change_problem(
                change, ("instruments", j), "E118", f"'{inst_id}' is not an instrument id ({hint})"
            )


def check_change_date(change: Change, catalog: Catalog) -> Iterator[Problem]:
    """A legal change takes its date from the instrument's own file, never from memory."""
    if change.kind != "law":
        return
    for j, inst_id in enumerate(change.instruments):
        inst = catalog.instruments.get(inst_id)
        if inst is None:
            continue
        dates = {k: inst.data[k] for k in ("adopted", "effective", "until") if k in inst.data}
        if change.date not in dates.values():
            known = ", ".join(f"{k} {v}" for k, v in dates.items()) or "no dates"
            yield _change_problem(
                change,
                ("instruments", j),
                "E119",
                f"'{inst_id}' has no date {change.date} ({known}; correct the date here or in its file)",
            )


def check_change_text(change: Change) -> Iterator[Problem]:
    for key in ("change", "reason"):
        text = getattr(change, key)
        if _MARKUP.search(text):
            yield _change_problem(change, (key,), "E112", _MARKUP_MESSAGE)
        elif _SCRIPT_URL.search(text):
            yield _change_problem(change, (key,), "E113", _SCRIPT_URL_MESSAGE)


def check_catalog(catalog: Catalog) -> list[Problem]:
    """Every cross-file rule, after reverse links are derived."""
    problems: list[Problem] = []
    per_instrument = [
        check_id_matches_file,
        check_article_numbers,
        check_dates,
        check_text_safety,
        check_source_host,
    ]
    if not catalog.unreadable:  # an unreadable file may hold the successor: judge no history
        per_instrument += [check_successor, check_historical_articles]
    for inst in catalog.instruments.values():
        for check in per_instrument:
            problems.extend(check(inst))
        for check in (check_topics, check_supersedes, check_references):
            problems.extend(check(inst, catalog))
    problems.extend(check_supersedes_cycles(catalog))
    for change in catalog.changes:
        problems.extend(check_change_instruments(change, catalog))
        problems.extend(check_change_date(change, catalog))
        problems.extend(check_change_text(change))
    return problems
