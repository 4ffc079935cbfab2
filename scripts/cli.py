"""Maintainer commands. The only module that prints or exits.

    python -m scripts validate            all problems, one line each, exit 1 on error
    python -m scripts new instrument ID   print a commented template for a new instrument
    python -m scripts new article         print a template for one more article
    python -m scripts new change          print a template for one more update-log entry
    python -m scripts stats               instruments, articles, coverage, citations
    python -m scripts codes               the error-code table (as in CONTRIBUTING.md)
    python -m scripts package SITE ZIP    zip a site built with OFFLINE=true (make offline)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts import package, scaffold
from scripts.catalog import load_catalog
from scripts.model import STATUS_LABELS, build_date
from scripts.problems import codes_table, summarize

ROOT = Path(__file__).resolve().parents[1]


def cmd_validate(args: argparse.Namespace) -> int:
    catalog, problems = load_catalog(args.root)
    for problem in problems:
        print(problem)
    print(summarize(problems, catalog.files))
    return 1 if any(p.is_error for p in problems) else 0


def cmd_new(args: argparse.Namespace) -> int:
    if args.what == "article":
        sys.stdout.write(scaffold.article_template())
        return 0
    if args.what == "change":
        sys.stdout.write(scaffold.change_template(build_date()))
        return 0
    if not args.id:
        print("new instrument needs an id, e.g. python -m scripts new instrument example-law", file=sys.stderr)
        return 2
    sys.stdout.write(scaffold.instrument_template(args.id, build_date()))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    catalog, problems = load_catalog(args.root)
    if any(p.is_error for p in problems):
        print("stats: the data has errors; run `python -m scripts validate`", file=sys.stderr)
        return 1
    today = build_date()
    insts = sorted(catalog.instruments.values(), key=lambda i: i.id)
    width = max(len(i.id) for i in insts) if insts else 10
    print(f"{'instrument':<{width}}  {'kind':<26} {'status':<8} articles  coverage  citations")
    for inst in insts:
        total = inst.total_articles
        coverage = f"{len(inst.articles) / total:6.1%}" if total else "     -"
        cites = len(inst.cited_by) + sum(len(a.cited_by) for a in inst.articles)
        print(
            f"{inst.id:<{width}}  {inst.data['kind']:<26} {STATUS_LABELS[inst.status(today)]:<8} "
            f"{len(inst.articles):>4}/{total or '-':<4} {coverage}  {cites:>5}"
        )
    articles = sum(len(i.articles) for i in insts)
    used = {t for i in insts for a in i.articles for t in a.topics}
    print(
        f"total: {len(insts)} instruments, {articles} articles, {len(catalog.topics)} topics "
        f"({len(used)} in use), {len(catalog.citations)} citations in "
        f"{len({c.page for c in catalog.citations})} pages"
    )
    return 0


def cmd_codes(args: argparse.Namespace) -> int:
    sys.stdout.write(codes_table())
    return 0


def cmd_package(args: argparse.Namespace) -> int:
    try:
        archive = package.zip_site(args.site, args.archive, build_date())
    except FileNotFoundError as err:
        print(f"package: {err}", file=sys.stderr)
        return 1
    size = archive.stat().st_size / 1e6
    print(f"package: {archive} ({size:.1f} MB); unzip it and open index.html")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts", description="Maintain the regulation entries.")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check every entry and citation").set_defaults(run=cmd_validate)
    new = sub.add_parser("new", help="print a commented template")
    new.add_argument("what", choices=["instrument", "article", "change"])
    new.add_argument("id", nargs="?")
    new.set_defaults(run=cmd_new)
    sub.add_parser("stats", help="counts and coverage").set_defaults(run=cmd_stats)
    sub.add_parser("codes", help="print the error-code table").set_defaults(run=cmd_codes)
    pack = sub.add_parser("package", help="zip an offline build")
    pack.add_argument("site", type=Path)
    pack.add_argument("archive", type=Path)
    pack.set_defaults(run=cmd_package)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
