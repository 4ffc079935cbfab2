"""Maintainer commands. The only module that prints or exits.

python -m scripts validate            all problems, one line each, exit 1 on error
python -m scripts new instrument ID   print a commented template for a new instrument
python -m scripts new article         print a template for one more article
python -m scripts new change          print a template for one more update-log entry
python -m scripts stats               instruments, articles, coverage, citations
python -m scripts codes               the error-code table (as in CONTRIBUTING.md)
python -m scripts package SITE ZIP    zip a site built with OFFLINE=true (make offline)
python -m scripts csp SITE            the Content-Security-Policy the built pages need
                                      (--write: into deploy/nginx/csp.conf; --check)
python -m scripts nginx SITE OUT …    render deploy/nginx/ for SITE into OUT
                                      (docs/about/deploy.md)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts import csp, nginx_conf, package, scaffold
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
        print(
            "new instrument needs an id, e.g. python -m scripts new instrument example-law",
            file=sys.stderr,
        )
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


def cmd_csp(args: argparse.Namespace) -> int:
    try:
        needed = nginx_conf.required_policy(args.site)
    except (FileNotFoundError, ValueError) as err:
        print(f"csp: {err}", file=sys.stderr)
        return 1
    include = args.templates / nginx_conf.CSP_INCLUDE
    if args.write:
        include.write_text(csp.nginx_include(needed), encoding="utf-8")
        print(f"csp: wrote {include}")
    elif args.check:
        try:
            nginx_conf.check_policy(args.site, args.templates)
        except nginx_conf.PolicyMismatch as err:
            print(f"csp: {err}", file=sys.stderr)
            return 1
        print(f"csp: {include} matches {args.site}")
    else:
        print(needed)
    return 0


def cmd_nginx(args: argparse.Namespace) -> int:
    settings = nginx_conf.Settings(
        root=args.site.resolve(),
        server_name=args.server_name,
        cert=args.cert.resolve(),
        key=args.key.resolve(),
        http_listen=args.http_listen,
        https_listen=args.https_listen,
        user=args.user,
        runtime_dir=args.runtime_dir.resolve() if args.runtime_dir else None,
    )
    try:
        written = nginx_conf.write_config(args.site, args.out, settings, args.templates)
    except (FileNotFoundError, ValueError, nginx_conf.PolicyMismatch) as err:
        print(f"nginx: {err}", file=sys.stderr)
        return 1
    out = args.out.resolve()
    print(f"nginx: wrote {len(written)} files into {out}")
    print(f"nginx: test with: nginx -t -p {out} -c {out / nginx_conf.MAIN}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts", description="Maintain the regulation entries."
    )
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
    policy = sub.add_parser("csp", help="the Content-Security-Policy of a built site")
    policy.add_argument("site", type=Path)
    mode = policy.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write it into deploy/nginx/csp.conf")
    mode.add_argument("--check", action="store_true", help="fail if deploy/nginx/csp.conf differs")
    policy.add_argument(
        "--templates", type=Path, default=nginx_conf.TEMPLATES, help=argparse.SUPPRESS
    )
    policy.set_defaults(run=cmd_csp)
    web = sub.add_parser("nginx", help="render the nginx configuration for a built site")
    web.add_argument("site", type=Path, help="the built site nginx serves (its root)")
    web.add_argument("out", type=Path, help="folder for nginx.conf and its includes")
    web.add_argument("--server-name", required=True)
    web.add_argument("--cert", type=Path, required=True, help="TLS certificate chain (PEM)")
    web.add_argument("--key", type=Path, required=True, help="its private key (PEM)")
    web.add_argument("--http-listen", default="80", help="address:port or port (default 80)")
    web.add_argument("--https-listen", default="443", help="address:port or port (default 443)")
    web.add_argument("--user", default="www-data", help="user of the worker processes")
    web.add_argument(
        "--runtime-dir",
        type=Path,
        help="pid, logs and temporary files here instead of Debian's paths",
    )
    web.add_argument("--templates", type=Path, default=nginx_conf.TEMPLATES, help=argparse.SUPPRESS)
    web.set_defaults(run=cmd_nginx)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
