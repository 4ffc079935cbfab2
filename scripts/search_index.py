"""What site search knows beyond the visible page text. Pure: catalog and index in, data out.

Material's search plugin segments the index with jieba at build time, but the browser splits a
Chinese query on its own, and neither side knows the words readers type (砍头息, 爆通讯录, 消保法)
or that 第六百七十条, 第670条 and 民法典670 name one article. This module gives both sides the
same knowledge (docs/about/search.md tells the whole story):

- `vocabulary(catalog)`: words jieba must keep whole — topic aliases, law names and nicknames,
  legal terms. The hook adds them to jieba before the pages are indexed.
- `enrich_index(index, catalog, is_word)`: after the search plugin wrote search_index.json, adds
  two hidden fields — `keys` (ranked like titles: the law's name, the article as one token such
  as 民法典670 or 刑法293.1, the sub-words of the title) and `parts` (ranked like text: the
  sub-words of the text, so that 坐牢 finds a section indexed as 会不会坐牢) — and ranks old
  versions, lists of links and empty headings below the sections they point to.
- `vocabulary_script(catalog, index)`: assets/search-vocabulary.js for the query normaliser
  (docs/assets/search-query.js): every word of the index with the number of sections it occurs
  in, so the browser cuts a query the way jieba cut the pages; every law name → the name the index
  uses; the words too common to search for.

    >>> article_key("刑法", "293-1"), article_key("民法典", "670")
    ('刑法293.1', '民法典670')
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable

from scripts.model import Catalog, Instrument
from scripts.render import LAWS, concordance_pairs, concordance_path, page_path, page_url

HISTORICAL_BOOST = 0.5  # a repealed or superseded version: the law in force comes first
LAW_PAGE_BOOST = 0.5  # the top of a law's page (status, facts): its articles come first
LISTING_BOOST = 0.4  # a list of links: the pages it lists come first
EMPTY_BOOST = 0.2  # a heading with nothing under it (a chapter): the articles under it come first
COMMON_SHARE = 0.25  # a word in this share of all sections tells nothing about any of them
EVERYDAY_SHARE = 0.10  # nor does an everyday word (要求, 处理, 没有) in this share

# Popular names of the laws, by short title (the short and the full title are added anyway).
# The query normaliser maps each of them to the short title, which the index carries in `keys`.
NICKNAMES: dict[str, list[str]] = {
    "民法典": ["中国民法典"],
    "刑法": ["刑法典", "中国刑法"],
    "合同法": ["旧合同法", "原合同法"],
    "消费者权益保护法": ["消保法", "消法", "消费者保护法", "消费者权益法", "消费者法"],
    "个人信息保护法": ["个保法", "个人信息法", "个信法"],
    "治安管理处罚法": ["治安法", "治安处罚法", "治安管理法", "治安条例"],
    "反不正当竞争法": ["反不正当竞争", "不正当竞争法", "反法"],
    "民间借贷规定": ["民间借贷司法解释", "民间借贷解释", "民间借贷新规"],
    "民法典时间效力规定": ["时间效力规定", "时间效力司法解释", "民法典时间效力"],
    "诉讼时效规定": ["诉讼时效司法解释", "诉讼时效解释"],
    "征信业管理条例": ["征信条例", "征信管理条例"],
    "信用卡业务监管办法": ["信用卡办法", "信用卡管理办法", "信用卡监管办法", "信用卡业务办法"],
    "消费金融公司办法": ["消费金融公司管理办法", "消金办法", "消费金融办法"],
    "互联网贷款办法": ["互联网贷款管理办法", "互联网贷款暂行办法"],
    "消保法实施条例": ["消费者权益保护法实施条例", "消保条例", "消法实施条例"],
    "银行保险机构消保办法": ["银行保险机构消费者权益保护管理办法", "银保消保办法", "消保管理办法"],
    "银行业协会消费贷催收指引": ["催收工作指引", "消费贷催收指引"],
    "互金协会催收自律公约": ["催收自律公约", "互金协会公约"],
    "贷后催收风控指引": ["贷后催收指引", "催收国家标准"],
}

# Words of the statutes and the guidance pages that jieba's general dictionary splits badly.
_LEGAL_TERMS = """
催收 委外催收 外包催收 暴力催收 催收人员 催收机构 催收公司 催收记录 催收费 催收非法债务罪 非法债务
借款人 贷款人 出借人 债务人 债权人 担保人 保证人 受让人 第三人 近亲属 紧急联系人
借款合同 民间借贷 网络小贷 小额贷款 消费金融 持牌机构 放贷机构 金融机构 助贷平台
本金 利息 罚息 复利 逾期 逾期利息 违约金 服务费 手续费 综合成本 年化利率 贷款市场报价利率
以贷还贷 借新还旧 诉讼时效 时效中断 时效中止 时效届满 时效抗辩 除斥期间 债权转让 转让通知 抵销
个人信息 敏感个人信息 单独同意 个人信息处理者 最小必要 信息泄露 私人生活安宁 隐私权 名誉权
人格尊严 人格权 人格权禁令 人身自由 侵入住宅 非法侵入住宅 非法拘禁 非法搜查 寻衅滋事
敲诈勒索 招摇撞骗 侮辱罪 诽谤罪 侵犯公民个人信息罪 故意毁坏财物罪 虚假诉讼罪 高利放贷
治安处罚 行政处罚 刑事责任 民事责任 精神损害赔偿 侵权责任 连带责任 禁止接触
格式条款 合作机构 名单制 名单制管理 个性化分期 停息挂账 展期 提前还款 结清证明
信用报告 征信系统 不良信息 征信异议 征信中心 投诉渠道 纠纷调解 法律援助 诉讼服务
"""
LEGAL_TERMS = _LEGAL_TERMS.split()

_HAN = re.compile(r"[\u4e00-\u9fff]+")
_TAGS = re.compile(r"<[^>]+>")
_ITEM = re.compile(r"<li>(.*?)</li>\s*", re.S)
# The link lists under each article (scripts/render.py): in a search result they would fill the
# teaser and cost drawing time. 主题 and 常见说法 are still searched, as hidden words; the
# citation lists (取代, 相关条文 …) are pointers to other sections, which answer for themselves.
_LISTS_SEARCHED = ("主题：", "常见说法：")
_LISTS_DROPPED = (
    "取代：",
    "现行对应条文：",
    "无直接对应的新条文：",
    "相关条文：",
    "引用本条的页面：",
)


def canonical_name(inst: Instrument) -> str:
    """The one name the index carries for a law: its short title without notes in brackets."""
    return re.sub(r"（.*?）", "", inst.short_title)


def _names(inst: Instrument) -> set[str]:
    short = canonical_name(inst)
    names = {short, inst.short_title, inst.title, re.sub(r"^中华人民共和国", "", inst.title)}
    return {n for n in names | set(NICKNAMES.get(short, [])) if n}


def law_names(catalog: Catalog) -> dict[str, str]:
    """Every name and nickname of a law → its canonical name (消保法 → 消费者权益保护法)."""
    out: dict[str, str] = {}
    for inst in sorted(catalog.instruments.values(), key=lambda i: (i.is_historical(), i.id)):
        for name in sorted(_names(inst)):
            out.setdefault(name, canonical_name(inst))
    return dict(sorted(out.items()))  # the same file from every build


def vocabulary(catalog: Catalog) -> list[str]:
    """The words jieba must keep whole: topic aliases and names, law names, legal terms."""
    words: set[str] = set(LEGAL_TERMS) | set(law_names(catalog))
    for topic in catalog.topics.values():
        words |= set(topic.aliases)
        words |= {part for part in re.split(r"[、，（）\s]+", topic.name) if part}
    # Only Chinese needs teaching: the search plugin leaves Latin letters and digits to the
    # separator, so P图 is indexed as p | 图 whatever jieba knows.
    return sorted(w for w in words if _HAN.fullmatch(w) and len(w) > 1)


def article_key(name: str, number: str) -> str:
    """One token for one article: the law's canonical name and the number, 293-1 written 293.1
    (the search separator splits at '-')."""
    return f"{name}{number.replace('-', '.')}"


def _version_year(inst: Instrument) -> str | None:
    m = re.match(r"(\d{4})", str(inst.data.get("version") or ""))
    return m.group(1) if m and (inst.superseded_by or inst.data.get("supersedes")) else None


def citation_keys(catalog: Catalog, directory_urls: bool = True) -> dict[str, list[str]]:
    """Search-index location → citation keys, for every law page and every article section."""
    keys: dict[str, list[str]] = {}
    for inst in catalog.instruments.values():
        name = canonical_name(inst)
        common = [name] + ([year] if (year := _version_year(inst)) else [])
        url = page_url(page_path(inst.id), directory_urls)
        keys[url] = list(common)
        for art in inst.articles:
            own = [article_key(name, art.number)]
            if "-" in art.number:
                own.append(art.number.replace("-", "."))
            keys[f"{url}#art-{art.number}"] = common + own
    return keys


def subwords(token: str, is_word: Callable[[str], bool]) -> list[str]:
    """Dictionary words inside one long Chinese token (jieba's search mode, every length):
    会不会坐牢 → 不会, 坐牢, 会不会."""
    return [
        token[start : start + size]
        for size in range(2, len(token))
        for start in range(len(token) - size + 1)
        if is_word(token[start : start + size])
    ]


def _booster(catalog: Catalog, directory_urls: bool) -> Callable[[str, str], float]:
    """location, text → the section's boost: below 1 for sections that point to the answer rather
    than give it, or that Material would otherwise rank above it."""
    url = lambda p: page_url(p, directory_urls)  # noqa: E731
    laws = {url(page_path(i.id)): i for i in catalog.instruments.values()}
    lists = {url(f"{LAWS}/index.md"), url(f"{LAWS}/topics/index.md"), url(f"{LAWS}/changelog.md")}
    lists |= {url(concordance_path(old.id, new.id)) for old, new in concordance_pairs(catalog)}
    topic_pages = {url(f"{LAWS}/topics/{t}.md") for t in catalog.topics}

    def boost(location: str, text: str) -> float:
        page, _, section = location.partition("#")
        factor = 1.0
        if page in laws:
            if laws[page].is_historical():
                factor *= HISTORICAL_BOOST
            if not section:
                # Material ranks the top of a page 2–3 times above its sections: for a law page
                # that puts the page above the very article asked for (刑法 催收非法债务罪).
                factor *= LAW_PAGE_BOOST
        if page in lists or (section and page in topic_pages):
            factor *= LISTING_BOOST
        if section and not _TAGS.sub("", text).strip():
            factor *= EMPTY_BOOST
        return factor

    return boost


def enrich_index(
    index: dict, catalog: Catalog, is_word: Callable[[str], bool], directory_urls: bool = True
) -> dict:
    """Material's search index with the hidden `keys` and `parts` fields and the boosts above.
    `is_word` says whether jieba knows a word. Returns a new dict; `index` is not changed."""
    keys = citation_keys(catalog, directory_urls)
    boost_of = _booster(catalog, directory_urls)
    names = set(law_names(catalog))  # 个人信息保护法 is a name, not 个人信息 + 保护法
    separator = re.compile(index["config"]["separator"])

    def parts_of(html: str) -> list[str]:
        tokens = separator.split(_TAGS.sub(" ", html))
        return sorted(
            {
                w
                for t in tokens
                if len(t) > 2 and _HAN.fullmatch(t) and t not in names
                for w in subwords(t, is_word)
            }
        )

    def lists_out(html: str) -> tuple[str, list[str]]:
        """An article's text without its link lists, and the words of 主题 and 常见说法."""
        words: list[str] = []

        def item(match: re.Match) -> str:
            plain = _TAGS.sub(" ", match.group(1)).replace("\u200b", "").strip()
            if plain.startswith(_LISTS_SEARCHED):
                words.extend(w for w in separator.split(_TAGS.sub(" ", match.group(1))) if w)
                return ""
            return "" if plain.startswith(_LISTS_DROPPED) else match.group(0)

        text = re.sub(r"<ul>\s*</ul>", "", _ITEM.sub(item, html)).strip()
        return text, [w.lower() for w in words if w not in {"主题", "常见", "说法"}]

    docs = []
    for doc in index["docs"]:
        doc = dict(doc)
        own = keys.get(doc["location"], []) + parts_of(doc.get("title", ""))
        if own:
            doc["keys"] = " ".join(own)
        extra: list[str] = []
        if "#art-" in doc["location"]:
            doc["text"], extra = lists_out(doc.get("text", ""))
        parts = sorted(set(parts_of(doc.get("text", "")) + extra + parts_of(" ".join(extra))))
        if parts:
            doc["parts"] = " ".join(parts)
        boost = doc.get("boost", 1) * boost_of(doc["location"], doc.get("text", ""))
        if boost != 1:  # a page's own `search: boost:` counts too
            doc["boost"] = round(boost, 3)
        docs.append(doc)
    return {**index, "docs": docs}


def word_counts(index: dict) -> Counter:
    """In how many sections of the index each Chinese word occurs (any field)."""
    separator = re.compile(index["config"]["separator"])
    sections: Counter = Counter()
    for doc in index["docs"]:
        text = " ".join(_TAGS.sub(" ", doc.get(f, "")) for f in ("title", "text", "keys", "parts"))
        sections.update({w for w in separator.split(text.lower()) if _HAN.fullmatch(w)})
    return sections


def vocabulary_script(
    catalog: Catalog, index: dict, everyday: Callable[[str], bool] = lambda word: False
) -> str:
    """assets/search-vocabulary.js: what the query normaliser needs, and nothing else.
    `everyday` says whether a word is frequent in Chinese at large (jieba's dictionary)."""
    sections = word_counts(index)
    names = law_names(catalog)

    def common(word: str, n: int) -> bool:
        share = n / len(index["docs"])
        return word not in names.values() and (
            share >= COMMON_SHARE or (share >= EVERYDAY_SHARE and everyday(word))
        )

    data = {
        "sections": len(index["docs"]),
        "words": dict(sorted(sections.items())),
        "laws": names,
        # 催收, 可以, 要求 …: in a title they would rank a page first whatever else was asked,
        # and they bring in half the site for the reader to wait for
        "common": sorted(w for w, n in sections.items() if common(w, n)),
    }
    script = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        "// Generated at build time by scripts/search_index.py from the search index: in how\n"
        "// many sections each word occurs, law names → the name the index uses, words too\n"
        f"// common to search for.\nwindow.__searchVocabulary = {script};\n"
    )
