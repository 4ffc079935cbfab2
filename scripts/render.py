"""Catalog → Markdown pages. Pure: model in, text out; MkDocs (or any writer) stores them.

    >>> pages = render_site(catalog, dt.date(2026, 11, 28))
    >>> sorted(pages)[:2]
    ['laws/civil-code.md', 'laws/concordance/contract-law--civil-code.md']

Every text that comes from YAML goes through `plain()`, so nothing in the data becomes markup.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from collections.abc import Iterable

from scripts.guidance import format_date
from scripts.model import KIND_ORDER, STATUS_LABELS, Article, Catalog, Instrument, Topic
from scripts.numbering import anchor, article_label, article_label_zh

LAWS = "laws"
CHANGELOG = f"{LAWS}/changelog.md"  # the update log and its feed: scripts/changelog.py
# At the site root: Material fetches sitemap.xml beside every <link rel="alternate"> (its language
# integration), and beside the root that file exists; beside laws/ it was a 404 on every page view.
FEED = "changelog.xml"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|])")
# A line that starts like Markdown block syntax (list, admonition, details, quote, heading,
# ~~~ fence, definition).
_BLOCK_START = re.compile(r"^(\s*)([-+>!?=~:]|\d+\.)", re.MULTILINE)

STATUS_ADMONITION = {
    "in-force": "success",
    "not-yet": "info",
    "repealed": "danger",
    "superseded": "warning",
    "unknown": "question",
}


def plain(text: str) -> str:
    """YAML text as inert Markdown: HTML escaped, Markdown punctuation backslashed, and no line
    indented (four spaces would start a code block)."""
    lines = "\n".join(line.lstrip() for line in text.strip().splitlines())
    escaped = _MD_SPECIAL.sub(r"\\\1", html.escape(lines, quote=False))
    return _BLOCK_START.sub(_neutralize_block_start, escaped)


def _neutralize_block_start(match: re.Match[str]) -> str:
    marker = match.group(2)
    if marker[-1] == ".":
        return match.group(1) + marker[:-1] + "\\."
    # ? = ~ : have no Markdown escape; an entity reads the same and starts no block.
    return match.group(1) + (f"&#{ord(marker)};" if marker in "?=~:" else "\\" + marker)


def indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.splitlines())


def front_matter(title: str, description: str) -> str:
    def quoted(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'

    return f"---\ntitle: {quoted(title)}\ndescription: {quoted(description)}\n---\n\n"


def page_path(inst_id: str) -> str:
    return f"{LAWS}/{inst_id}.md"


def topic_path(topic_id: str) -> str:
    return f"{LAWS}/topics/{topic_id}.md"


def concordance_path(old_id: str, new_id: str) -> str:
    return f"{LAWS}/concordance/{old_id}--{new_id}.md"


def page_url(page: str, directory_urls: bool = True) -> str:
    """Site-relative URL of a docs page as MkDocs writes it (laws/civil-code.md → laws/civil-code/,
    or laws/civil-code.html without directory URLs)."""
    stem = page.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def _rel(from_page: str, to_page: str) -> str:
    return posixpath.relpath(to_page, posixpath.dirname(from_page))


def cite_text(inst: Instrument, number: str | None = None) -> str:
    name = f"《{inst.short_title}》"
    # Only versions in a chain need telling apart: 《反不正当竞争法》（2019年修正）
    if inst.version and (inst.superseded_by or inst.data.get("supersedes")):
        name += f"（{inst.version}）"
    return name + (article_label(number) if number else "")


def article_link(catalog: Catalog, ref: str, from_page: str) -> str:
    inst_id, _, number = ref.partition("#")
    inst = catalog.instruments[inst_id]
    url = _rel(from_page, page_path(inst_id)) + f"#{anchor(number)}"
    return f"[{plain(cite_text(inst, number))}]({url})"


def _sentence_list(items: Iterable[str]) -> str:
    return "、".join(items)


# ---------------------------------------------------------------- instrument page


def render_instrument(inst: Instrument, catalog: Catalog, today: dt.date) -> str:
    here = page_path(inst.id)
    status = inst.status(today)
    parts = [
        front_matter(
            inst.display_title, f"{inst.title}：与催收相关条文的概要、效力状态和官方来源。"
        ),
        f"# {plain(inst.display_title)}\n",
        _status_banner(inst, catalog, status, here),
        _facts_table(inst, today),
    ]
    if inst.unreviewed:
        parts.append(f'!!! warning "部分事实未能核实"\n{indent(plain(inst.unreviewed))}\n')
    parts.append(f"## 与催收的关系\n\n{plain(inst.why_it_matters)}\n")
    if inst.key_points:
        parts.append(
            "## 要点\n\n以下要点来自公开报道，本站未能核对原文，条号从略：\n\n"
            + "\n".join(f"- {plain(p)}" for p in inst.key_points)
            + "\n"
        )
    history = _history(inst, catalog, here)
    if history:
        parts.append("## 版本沿革\n\n" + history + "\n")
    changes = catalog.changes_for(inst.id)
    if changes:
        log = _rel(here, CHANGELOG)
        parts.append(
            "## 更新记录\n\n"
            + "\n".join(
                f"- [{format_date(c.date)} {c.kind_label}]({log}#{c.anchor})：{plain(c.change)}"
                for c in changes
            )
            + "\n"
        )
    if inst.cited_by:
        parts.append("## 引用本法规的页面\n\n" + _cited_by(inst.cited_by, here) + "\n")
    if inst.articles:
        parts.append(_articles(inst, catalog, here))
    return "\n".join(parts).rstrip() + "\n"


def _status_banner(inst: Instrument, catalog: Catalog, status: str, here: str) -> str:
    kind = STATUS_ADMONITION[status]
    title = f"{STATUS_LABELS[status]} · {inst.kind_label}"
    lines = []
    if inst.effective:
        verb = "起施行" if status != "not-yet" else "起施行（尚未生效）"
        lines.append(f"本版本自{format_date(inst.effective)}{verb}。")
    elif inst.date_note:
        lines.append(f"日期：{plain(inst.date_note)}。")
    if inst.until:
        verb = "废止" if inst.until_reason == "repealed" else "被新版本取代"
        successors = _sentence_list(
            f"[{plain(cite_text(catalog.instruments[s]))}]({_rel(here, page_path(s))})"
            for s in inst.superseded_by
        )
        tense = "已于" if status in ("repealed", "superseded") else "将于"
        lines.append(
            f"{tense}{format_date(inst.until)}{verb}"
            + (f"，现行规定见{successors}" if successors else "")
            + "。"
        )
        if status in ("repealed", "superseded"):
            lines.append("本页保留历史版本，供处理当时发生的事实时参考。")
    return f'!!! {kind} "{title}"\n{indent("".join(lines))}\n'


def _facts_table(inst: Instrument, today: dt.date) -> str:
    rows = [("效力层级", inst.kind_label), ("制定或发布机关", plain(inst.issuer))]
    if inst.title_en:
        rows.append(("英文名称", plain(inst.title_en)))
    if inst.document_number:
        rows.append(("文号", plain(inst.document_number)))
    if inst.adopted:
        rows.append(("通过或公布日期", format_date(inst.adopted)))
    rows.append(("施行日期", format_date(inst.effective) if inst.effective else "未核实"))
    if inst.date_note:
        rows.append(("日期说明", plain(inst.date_note)))
    if inst.until:
        rows.append(("失效日期", format_date(inst.until)))
    source = inst.source
    publisher = plain(source.get("publisher") or "官方来源")
    rows.append(
        ("官方文本", f"[{publisher}](<{source['url']}>)（{format_date(source['retrieved'])}查阅）")
    )
    entered = len(inst.articles)
    total = inst.total_articles
    rows.append(("本站收录", f"{entered} 条" + (f"（全文共 {total} 条）" if total else "")))
    reviewed = inst.reviewed
    review = f"{format_date(reviewed['on'])}，对照{plain(reviewed['against'])}"
    if reviewed.get("note"):
        review += f"。{plain(reviewed['note'])}"
    rows.append(("核对", review))
    body = "\n".join(f"| {k} | {v} |" for k, v in rows)
    return "| 项目 | 内容 |\n| --- | --- |\n" + body + "\n"


def _history(inst: Instrument, catalog: Catalog, here: str) -> str:
    lines = []
    for old in inst.data.get("supersedes", []):
        old_inst = catalog.instruments[old]
        lines.append(
            f"- 取代 [{plain(cite_text(old_inst))}]({_rel(here, page_path(old))})："
            f"[条文对照表]({_rel(here, concordance_path(old, inst.id))})"
        )
    for new in inst.superseded_by:
        new_inst = catalog.instruments[new]
        lines.append(
            f"- 被 [{plain(cite_text(new_inst))}]({_rel(here, page_path(new))}) 取代："
            f"[条文对照表]({_rel(here, concordance_path(inst.id, new))})"
        )
    return "\n".join(lines)


def _cited_by(citations: Iterable, here: str) -> str:
    pages: dict[str, str] = {}
    for cite in citations:
        pages.setdefault(cite.page, cite.page_title)
    return "\n".join(
        f"- [{plain(title)}]({_rel(here, page)})" for page, title in sorted(pages.items())
    )


def _articles(inst: Instrument, catalog: Catalog, here: str) -> str:
    out = ["## 条文概要\n"]
    chapter = None
    for art in sorted(inst.articles, key=lambda a: a.sort_key):
        if art.chapter and art.chapter != chapter:
            chapter = art.chapter
            out.append(f"### {plain(chapter)}\n")
        # Under a chapter heading an article is h4; without one, h3, so no level is skipped.
        out.append(_article(inst, art, catalog, here, level=4 if chapter else 3))
    return "\n".join(out)


def citation_text(inst: Instrument, number: str) -> str:
    """The standard written citation, e.g. 《中华人民共和国民法典》第六百七十条，2021年1月1日起施行."""
    title = f"《{inst.title}》"
    if inst.version and (inst.superseded_by or inst.data.get("supersedes")):
        title += f"（{inst.version}）"
    text = title + article_label_zh(number)
    if inst.effective:
        text += f"，{format_date(inst.effective)}起施行"
    if inst.until:
        text += f"，{format_date(inst.until)}" + (
            "废止" if inst.until_reason == "repealed" else "起被新版本取代"
        )
    return text


def _copy_buttons(inst: Instrument, art: Article) -> str:
    # Filled in by assets/copy-citation.js; without script they do nothing and print hides them.
    cite = html.escape(citation_text(inst, art.number), quote=True)
    return (
        f'<p class="article-copy"><button type="button" class="md-button copy-citation" data-copy-text="{cite}">复制引用</button> '
        f'<button type="button" class="md-button copy-citation" data-copy-anchor="{anchor(art.number)}">复制链接</button></p>\n'
    )


def _article(inst: Instrument, art: Article, catalog: Catalog, here: str, level: int = 4) -> str:
    heading = (
        f"{'#' * level} {article_label(art.number)} {plain(art.title)} {{#{anchor(art.number)}}}\n"
    )
    # Raw HTML: Markdown escapes would show, so only HTML escaping applies here.
    where = f"《{html.escape(inst.short_title)}》{article_label_zh(art.number)}"
    if art.chapter:
        where += f" · {html.escape(art.chapter)}"
    parts = [
        heading,
        f'<p class="article-where">{where}</p>\n',
        _copy_buttons(inst, art),
        plain(art.summary) + "\n",
    ]
    if art.for_borrowers:
        parts.append(f'!!! tip "对借款人意味着什么"\n{indent(plain(art.for_borrowers))}\n')
    if art.for_staff:
        parts.append(f'!!! abstract "从业人员须知"\n{indent(plain(art.for_staff))}\n')
    if art.unreviewed:
        parts.append(f'!!! warning "未能核实"\n{indent(plain(art.unreviewed))}\n')
    facts = []
    if art.replaces:
        line = "取代：" + _sentence_list(article_link(catalog, r, here) for r in art.replaces)
        if art.change_note:
            line += f"。变化：{plain(art.change_note)}"
        facts.append(line)
    if art.replaced_by:
        facts.append(
            "现行对应条文："
            + _sentence_list(article_link(catalog, r, here) for r in art.replaced_by)
        )
    if art.no_successor:
        facts.append(f"无直接对应的新条文：{plain(art.no_successor)}")
    if art.related:
        facts.append(
            "相关条文：" + _sentence_list(article_link(catalog, r, here) for r in art.related)
        )
    if art.topics:
        facts.append(
            "主题："
            + _sentence_list(
                f"[{plain(catalog.topics[t].name)}]({_rel(here, topic_path(t))})"
                for t in art.topics
            )
        )
        # The words readers type for these topics: shown, and so found by site search.
        aliases = dict.fromkeys(a for t in art.topics for a in catalog.topics[t].aliases)
        if aliases:
            facts.append("常见说法：" + _sentence_list(plain(a) for a in aliases))
    if art.cited_by:
        facts.append(
            "引用本条的页面："
            + _sentence_list(
                f"[{plain(title)}]({_rel(here, page)})"
                for page, title in sorted({c.page: c.page_title for c in art.cited_by}.items())
            )
        )
    if facts:
        parts.append("\n".join(f"- {f}" for f in facts) + "\n")
    return "\n".join(parts)


# ---------------------------------------------------------------- other pages


def render_index(catalog: Catalog, today: dt.date) -> str:
    here = f"{LAWS}/index.md"
    parts = [
        front_matter(
            "法规库", "与消费债务催收相关的法律、司法解释、规章和行业规范，按效力层级排列。"
        ),
        "# 法规库\n",
        "这里按效力层级列出本站收录的法律文件。每部文件一页，每一条都有固定的链接地址；"
        "已经废止或被取代的版本也保留，并标明现行的对应规定。各页只有本站用自己的话写的概要，"
        "完整条文请看各页链接的官方来源。\n",
        f"- [按主题浏览]({_rel(here, f'{LAWS}/topics/index.md')})\n",
    ]
    by_kind: dict[str, list[Instrument]] = {}
    for inst in catalog.instruments.values():
        by_kind.setdefault(inst.data["kind"], []).append(inst)
    for kind in KIND_ORDER:
        if kind not in by_kind:
            continue
        insts = sorted(
            by_kind[kind], key=lambda i: (i.is_historical(), i.short_title, i.effective or "")
        )
        parts.append(f"## {insts[0].kind_label}\n")
        parts.append("| 名称 | 状态 | 施行日期 | 收录条文 |\n| --- | --- | --- | --- |")
        for inst in insts:
            status = STATUS_LABELS[inst.status(today)]
            effective = format_date(inst.effective) if inst.effective else "未核实"
            parts.append(
                f"| [{plain(inst.display_title)}]({_rel(here, page_path(inst.id))}) | {status} | "
                f"{effective} | {len(inst.articles)} |"
            )
        parts.append("")
    pairs = list(concordance_pairs(catalog))
    if pairs:
        parts.append("## 新旧条文对照\n")
        for old, new in pairs:
            parts.append(
                f"- [{plain(cite_text(old))} → {plain(cite_text(new))}]"
                f"({_rel(here, concordance_path(old.id, new.id))})"
            )
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def concordance_pairs(catalog: Catalog) -> Iterable[tuple[Instrument, Instrument]]:
    for new in sorted(catalog.instruments.values(), key=lambda i: i.id):
        for old_id in new.data.get("supersedes", []):
            yield catalog.instruments[old_id], new


def render_concordance(old: Instrument, new: Instrument, catalog: Catalog) -> str:
    here = concordance_path(old.id, new.id)
    title = f"条文对照：{cite_text(old)} → {cite_text(new)}"
    parts = [
        front_matter(title, f"{old.display_title}与{new.display_title}的条文对应关系和主要变化。"),
        f"# {plain(title)}\n",
        f"{plain(cite_text(old))}自{format_date(old.until)}起不再适用，由{plain(cite_text(new))}取代。"
        "下表列出本站收录的旧条文在新版本中的对应条文；没有对应条文的，说明原因。\n"
        if old.until
        else "",
        f"| {plain(cite_text(old))} | 内容 | {plain(cite_text(new))} | 变化 |\n| --- | --- | --- | --- |",
    ]
    for art in sorted(old.articles, key=lambda a: a.sort_key):
        successors = [r for r in art.replaced_by if r.startswith(f"{new.id}#")]
        notes = [
            catalog.article(r).change_note for r in successors if catalog.article(r).change_note
        ]
        if successors:
            target = "、".join(article_link(catalog, r, here) for r in successors)
            change = "；".join(plain(n) for n in notes) or "内容基本相同"
        else:
            target = "无"
            change = plain(art.no_successor or "未找到对应条文")
        parts.append(
            f"| {article_link(catalog, art.ref, here)} | {plain(art.title)} | {target} | {change} |"
        )
    new_only = [a for a in new.articles if not any(r.startswith(f"{old.id}#") for r in a.replaces)]
    if new_only:
        parts.append(f"\n## {plain(cite_text(new))}新增或没有旧条文对应的条文\n")
        parts.extend(
            f"- {article_link(catalog, a.ref, here)} {plain(a.title)}"
            for a in sorted(new_only, key=lambda a: a.sort_key)
        )
    return "\n".join(parts).rstrip() + "\n"


def render_topics_index(catalog: Catalog) -> str:
    here = f"{LAWS}/topics/index.md"
    parts = [
        front_matter("按主题浏览", "按生活中常见的问题浏览相关法律条文。"),
        "# 按主题浏览\n",
        "| 主题 | 常见说法 | 条文数 |\n| --- | --- | --- |",
    ]
    for topic in catalog.topics.values():
        count = len(catalog.articles_for_topic(topic.id))
        aliases = "、".join(plain(a) for a in topic.aliases[:6])
        parts.append(
            f"| [{plain(topic.name)}]({_rel(here, topic_path(topic.id))}) | {aliases} | {count} |"
        )
    return "\n".join(parts) + "\n"


def render_topic(topic: Topic, catalog: Catalog, today: dt.date) -> str:
    here = topic_path(topic.id)
    parts = [
        front_matter(topic.name, topic.description),
        f"# {plain(topic.name)}\n",
        plain(topic.description) + "\n",
    ]
    if topic.aliases:
        parts.append("常见说法：" + "、".join(plain(a) for a in topic.aliases) + "\n")
    articles = catalog.articles_for_topic(topic.id)
    if not articles:
        parts.append("本主题暂未收录条文。\n")
    by_inst: dict[str, list[Article]] = {}
    for art in articles:
        by_inst.setdefault(art.instrument_id, []).append(art)
    order = sorted(
        by_inst,
        key=lambda i: (
            catalog.instruments[i].is_historical(),
            KIND_ORDER.index(catalog.instruments[i].data["kind"]),
            i,
        ),
    )
    for inst_id in order:
        inst = catalog.instruments[inst_id]
        status = inst.status(today)
        note = "" if status == "in-force" else f"（{STATUS_LABELS[status]}）"
        parts.append(f"## {plain(cite_text(inst))}{note}\n")
        for art in sorted(by_inst[inst_id], key=lambda a: a.sort_key):
            parts.append(f"- {article_link(catalog, art.ref, here)} {plain(art.title)}")
        parts.append("")
    pages = sorted({(c.page, c.page_title) for a in articles for c in a.cited_by})
    if pages:
        parts.append("## 相关指南\n")
        parts.extend(f"- [{plain(title)}]({_rel(here, page)})" for page, title in pages)
    return "\n".join(parts).rstrip() + "\n"


def render_site(catalog: Catalog, today: dt.date) -> dict[str, str]:
    """Every generated page, keyed by its path under docs/."""
    pages = {
        f"{LAWS}/index.md": render_index(catalog, today),
        f"{LAWS}/topics/index.md": render_topics_index(catalog),
    }
    for inst in catalog.instruments.values():
        pages[page_path(inst.id)] = render_instrument(inst, catalog, today)
    for old, new in concordance_pairs(catalog):
        pages[concordance_path(old.id, new.id)] = render_concordance(old, new, catalog)
    for topic in catalog.topics.values():
        pages[topic_path(topic.id)] = render_topic(topic, catalog, today)
    return pages


def nav_section(catalog: Catalog, today: dt.date) -> list:
    """The 法规库 part of the navigation, in MkDocs' nav format, so no generated page is orphaned."""
    section: list = [f"{LAWS}/index.md"]
    for kind in KIND_ORDER:
        insts = [i for i in catalog.instruments.values() if i.data["kind"] == kind]
        if insts:
            insts.sort(key=lambda i: (i.is_historical(), i.short_title, i.effective or ""))
            section.append(
                {insts[0].kind_label: [{i.display_title: page_path(i.id)} for i in insts]}
            )
    section.append(
        {
            "按主题浏览": [f"{LAWS}/topics/index.md"]
            + [{t.name: topic_path(t.id)} for t in catalog.topics.values()]
        }
    )
    pairs = list(concordance_pairs(catalog))
    if pairs:
        section.append(
            {
                "新旧条文对照": [
                    {f"{cite_text(old)} → {cite_text(new)}": concordance_path(old.id, new.id)}
                    for old, new in pairs
                ]
            }
        )
    section.append({"更新记录": CHANGELOG})
    return section
