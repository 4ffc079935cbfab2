"""Synthetic instruments for the build-scale benchmark, written in the real format.

`add_synthetic(project, n)` adds `n` articles' worth of made-up instruments to a project tree (a
temporary copy, never the repository): YAML files in regulations/ that pass the real schema and
cross-file checks, one update-log entry per instrument, and one explainer page per instrument in
docs/synthetic/ that cites its articles with `law:` links. Everything is shaped like the project's
own data, which it reads first:

- article count per instrument: the real instruments' full article counts (`total_articles`), in
  turn, capped so one file stays under the loader's 1 MB limit — growth means entering whole laws;
- each article copies the shape of a real article picked at random: which optional fields it has,
  its topic ids (real ones), how many `related` links (mostly within the instrument, some across);
- text: sentences of the real summaries, borrower and staff notes, stitched to the real lengths;
- one instrument in six is a revision: an old version (`until`, superseded) and a new one whose
  articles `replaces` the old ones, so concordances and replaced-by links scale too;
- citations: 2.7 per article, the real ratio (1,024 citations of 378 articles), from the
  explainer pages, so cited-by lists scale with the data.

    >>> extra = add_synthetic(Path("/tmp/copy"), 3780)   # the real 378 articles → 10×
    >>> extra.articles, extra.instruments, extra.citations
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in __import__("sys").path:
    __import__("sys").path.insert(0, str(ROOT))

from scripts.catalog import load_catalog  # noqa: E402

PREFIX = "syn"
DOCS_FOLDER = "synthetic"
NAV_TITLE = "合成条目解读（基准测试）"
CITATIONS_PER_ARTICLE = 2.7  # real data: 1,024 citations of 378 articles
REVISION_EVERY = 6  # one instrument family in six has an old and a new version
MAX_ARTICLES = 800  # ~930 bytes of YAML an article: a file stays under the loader's 1 MB
TODAY = "2026-11-28"

REGIONS = [
    "北京市",
    "天津市",
    "河北省",
    "山西省",
    "内蒙古自治区",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "上海市",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "广西壮族自治区",
    "海南省",
    "重庆市",
    "四川省",
    "贵州省",
    "云南省",
    "西藏自治区",
    "陕西省",
    "甘肃省",
    "青海省",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
]
SUBJECTS = [
    "消费信贷",
    "网络借贷",
    "信用卡业务",
    "个人信息保护",
    "债务催收",
    "小额贷款",
    "融资担保",
    "地方金融",
    "消费者权益保护",
    "社会信用",
    "金融纠纷调解",
    "不良资产处置",
    "商业保理",
    "典当行",
    "民间借贷",
    "金融广告",
]
SUFFIX = {
    "law": "促进条例",
    "judicial-interpretation": "纠纷审理指引",
    "administrative-regulation": "管理条例",
    "departmental-rule": "管理办法",
    "normative-document": "工作规范",
    "national-standard": "服务规范",
    "self-regulatory": "自律公约",
    "local-regulation": "条例",
}
# Synthetic instruments are local or sectoral, so a "law" is filed as a local regulation.
KINDS = [
    "local-regulation",
    "departmental-rule",
    "local-regulation",
    "administrative-regulation",
    "normative-document",
    "local-regulation",
    "judicial-interpretation",
    "self-regulatory",
]
CHAPTERS = [
    "总则",
    "业务规则",
    "信息保护",
    "催收行为规范",
    "消费者权益",
    "纠纷处理",
    "监督管理",
    "法律责任",
    "附则",
]
ZH_DIGITS = "零一二三四五六七八九"
_SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")

# Used only when the source project has no article text (e.g. an empty fixture).
FALLBACK = [
    "催收方不得以暴力、威胁或者侮辱的方式催收债务。",
    "借款人有权要求催收方说明债权的来源、金额和计算方法。",
    "催收人员应当在合理的时间以合理的频率联系债务人。",
    "不得向与债务无关的第三人透露债务人的欠款信息。",
]


@dataclass
class Synthetic:
    """What was added: counts, and the nav section the explainer pages need."""

    articles: int = 0
    instruments: int = 0
    citations: int = 0
    pages: list[tuple[str, str]] = field(default_factory=list)  # (title, docs path)

    def nav_yaml(self) -> str:
        """The nav section as mkdocs.yml lines (JSON strings are YAML strings)."""
        lines = [f"  - {json.dumps(NAV_TITLE, ensure_ascii=False)}:"]
        lines += [f"      - {json.dumps(t, ensure_ascii=False)}: {p}" for t, p in self.pages]
        return "\n".join(lines) + "\n"


class _Pools:
    """Text and shapes taken from the project's own entries."""

    def __init__(self, project: Path):
        catalog, _ = load_catalog(project, project / "docs")
        self.topics = list(catalog.topics)
        instruments = list(catalog.instruments.values())
        self.articles = [a for inst in instruments for a in inst.articles]
        self.sizes = [
            min(i.total_articles or len(i.articles), MAX_ARTICLES)
            for i in instruments
            if i.articles
        ] or [20]
        self.titles = [a.title for a in self.articles] or ["催收行为的基本要求"]
        # Real sources, so that synthetic entries pass whatever the checks ask of a source.
        self.sources = [dict(i.source) for i in instruments if i.source] or [
            {"url": "https://www.gov.cn/", "retrieved": TODAY, "publisher": "中国政府网"}
        ]

        def sentences(texts) -> list[str]:
            found = (s.strip() for t in texts if t for s in _SENTENCE.findall(t))
            out = [s for s in found if len(s) > 4]
            return out or FALLBACK

        self.summary = sentences(a.summary for a in self.articles)
        self.borrowers = sentences(a.for_borrowers for a in self.articles)
        self.staff = sentences(a.for_staff for a in self.articles)
        self.notes = sentences(
            [a.change_note for a in self.articles] + [a.unreviewed for a in self.articles]
        )
        self.why = sentences(i.why_it_matters for i in instruments)


def _text(rng: random.Random, pool: list[str], length: int) -> str:
    out = ""
    while len(out) < max(length, 20):
        out += rng.choice(pool)
    return out


def _zh(n: int) -> str:
    if n < 10:
        return ZH_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else ZH_DIGITS[tens]) + "十" + (ZH_DIGITS[ones] if ones else "")


def _date(rng: random.Random, start: int, end: int) -> dt.date:
    first = dt.date(start, 1, 1)
    return first + dt.timedelta(days=rng.randrange((dt.date(end, 12, 31) - first).days))


class _NoAliases(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter when present
    def ignore_aliases(self, data):  # the loader refuses anchors and aliases (E006)
        return True


def _dump(data: dict) -> str:
    return "# Synthetic entry for benchmarks/build_scale.py: not a real instrument.\n" + yaml.dump(
        data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=10**6
    )


def add_synthetic(project: Path, n_articles: int, *, seed: int = 20261128) -> Synthetic:
    """Add `n_articles` synthetic articles to the project tree at `project` (see module doc)."""
    rng = random.Random(seed)
    pools = _Pools(project)
    result = Synthetic()
    built: list[tuple[str, list[str]]] = []  # (id, article numbers) of every instrument so far
    changes: list[dict] = []
    family = 0
    while result.articles < n_articles:
        size = min(pools.sizes[family % len(pools.sizes)], n_articles - result.articles)
        family += 1
        region = REGIONS[(family - 1) % len(REGIONS)]
        subject = SUBJECTS[((family - 1) // len(REGIONS)) % len(SUBJECTS)]
        kind = KINDS[family % len(KINDS)]
        cycle = (family - 1) // (len(REGIONS) * len(SUBJECTS))
        title = f"{region}{subject}{SUFFIX[kind]}" + (f"（第{cycle + 1}辑）" if cycle else "")
        short = f"{region.removesuffix('省').removesuffix('市')}{subject}{SUFFIX[kind]}"
        short += f"{cycle + 1}" if cycle else ""
        left = n_articles - result.articles
        revision = family % REVISION_EVERY == 2 and size >= 4 and left >= 2 * size
        versions = ["old", "new"] if revision else ["only"]
        effective = _date(rng, 2012, 2024)
        previous: tuple[str, list[str]] | None = None
        # Old articles the new version drops (real data: 2 of 66); the rest are replaced one to one.
        dropped = {k for k in range(size) if rng.random() < 0.05}
        for version in versions:
            suffix = {"old": "-2015", "new": "-2025", "only": ""}[version]
            inst_id = f"{PREFIX}-{family:04d}{suffix}"
            count = size if version != "new" else size + rng.randint(0, 3)
            count = min(count, MAX_ARTICLES)
            numbers = [str(k) for k in range(1, count + 1)]
            data = {
                "id": inst_id,
                "title": title,
                "short_title": short,
            }
            if version != "only":
                data["version"] = "2015年修正" if version == "old" else "2025年修订"
            adopted = effective - dt.timedelta(days=rng.randint(30, 300))
            data.update(
                {
                    "kind": kind,
                    "issuer": (
                        f"{region}人民代表大会常务委员会"
                        if kind == "local-regulation"
                        else "合成数据发布机关"
                    ),
                    "adopted": adopted.isoformat(),
                    "effective": effective.isoformat(),
                }
            )
            if version == "new":
                data["supersedes"] = [previous[0]]
            data.update(
                {
                    "total_articles": count,
                    "source": rng.choice(pools.sources),
                    "why_it_matters": _text(rng, pools.why, 260),
                    "reviewed": {"on": TODAY, "against": "合成数据（基准测试用，不是真实的法规）"},
                    "articles": [],
                }
            )
            chapter_every = max(8, count // len(CHAPTERS) + 1)
            for k, number in enumerate(numbers):
                template = rng.choice(pools.articles) if pools.articles else None
                art: dict = {"number": number}
                if template is None or template.chapter:
                    c = k // chapter_every
                    art["chapter"] = f"第{_zh(c + 1)}章 {CHAPTERS[c % len(CHAPTERS)]}"
                art["title"] = rng.choice(pools.titles)

                def length(name: str, default: int, template=template) -> int:
                    return len(getattr(template, name, None) or "") or default

                art["summary"] = _text(rng, pools.summary, length("summary", 90))
                if template is None or template.for_borrowers:
                    art["for_borrowers"] = _text(rng, pools.borrowers, length("for_borrowers", 60))
                if template is None or template.for_staff:
                    art["for_staff"] = _text(rng, pools.staff, length("for_staff", 60))
                topics = [t for t in (template.topics if template else []) if t in pools.topics]
                art["topics"] = list(topics or [rng.choice(pools.topics)])
                if version == "new" and k < len(previous[1]) and k not in dropped:
                    art["replaces"] = [f"{previous[0]}#{previous[1][k]}"]
                    if rng.random() < 0.7:
                        art["change_note"] = _text(rng, pools.notes, 40)
                if version == "old" and k in dropped:
                    art["no_successor"] = _text(rng, pools.notes, 30)
                related = []
                for _ in range(len(template.related) if template else 1):
                    if built and rng.random() < 0.25:
                        other_id, other_numbers = rng.choice(built)
                        ref = f"{other_id}#{rng.choice(other_numbers)}" if other_numbers else None
                    else:
                        ref = f"{inst_id}#{rng.choice(numbers)}"
                    if ref and ref != f"{inst_id}#{number}" and ref not in related:
                        related.append(ref)
                if related:
                    art["related"] = related
                if template is not None and template.unreviewed:
                    art["unreviewed"] = _text(rng, pools.notes, len(template.unreviewed))
                data["articles"].append(art)
            if version == "old":
                data["until"] = (effective + dt.timedelta(days=rng.randint(2000, 3500))).isoformat()
                data["until_reason"] = "superseded"
                effective = dt.date.fromisoformat(data["until"])
            (project / "regulations" / f"{inst_id}.yaml").write_text(_dump(data), encoding="utf-8")
            changes.append(
                {
                    "date": TODAY,
                    "kind": "entry",
                    "instruments": [inst_id],
                    "change": f"新增《{title}》条目（合成数据）。",
                    "reason": "基准测试用的合成条目，不是真实的法规。",
                }
            )
            result.articles += len(numbers)
            result.instruments += 1
            version_label = f"（{data['version']}）" if "version" in data else ""
            label = f"《{short}》{version_label}解读"
            result.citations += _explainer(
                project, rng, pools, inst_id, label, short, numbers, built, result
            )
            built.append((inst_id, numbers))
            previous = (inst_id, numbers)
    _append_changes(project, changes)
    return result


def _explainer(
    project: Path,
    rng: random.Random,
    pools: _Pools,
    inst_id: str,
    title: str,
    short: str,
    numbers: list[str],
    built: list,
    result: Synthetic,
) -> int:
    """One page that cites the instrument's articles 2.7 times each on average."""
    path = f"{DOCS_FOLDER}/{inst_id}.md"
    wanted = round(CITATIONS_PER_ARTICLE * len(numbers))
    lines = [f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n", f"# {title}\n"]
    cited = 0
    for number in numbers:
        if cited >= wanted:
            break
        links = [f"[《{short}》第{number}条](law:{inst_id}#{number})"]
        extra = 1 if rng.random() < CITATIONS_PER_ARTICLE - 2 else 0
        for _ in range(1 + extra):
            if built and rng.random() < 0.2:
                other_id, other_numbers = rng.choice(built)
                if other_numbers:
                    links.append(f"[第{(n := rng.choice(other_numbers))}条](law:{other_id}#{n})")
                    continue
            n = rng.choice(numbers)
            links.append(f"[第{n}条](law:{inst_id}#{n})")
        cited += len(links)
        lines.append(_text(rng, pools.borrowers, 60) + "见" + "、".join(links) + "。\n")
    page = project / "docs" / path
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("\n".join(lines), encoding="utf-8")
    result.pages.append((title, path))
    return cited


def _append_changes(project: Path, changes: list[dict]) -> None:
    path = project / "regulations" / "changelog.yaml"
    if not path.exists():
        path.write_text("changes:\n", encoding="utf-8")
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    block = yaml.dump(changes, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=10**6)
    text += "".join(f"  {line}\n" for line in block.splitlines())
    path.write_text(text, encoding="utf-8")


def add_nav(mkdocs_yml: Path, extra: Synthetic) -> None:
    """Put the explainer pages in the nav of a copied mkdocs.yml (strict builds refuse orphans)."""
    text = mkdocs_yml.read_text(encoding="utf-8")
    match = re.search(r"^nav:[ \t]*\n", text, re.MULTILINE)
    if match is None:
        raise ValueError(f"{mkdocs_yml}: no top-level nav: to extend")
    text = text[: match.end()] + extra.nav_yaml() + text[match.end() :]
    mkdocs_yml.write_text(text, encoding="utf-8")
