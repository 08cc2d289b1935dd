"""Companies and labs: candidate spans from suffixes, abbreviation patterns and lists.

Rules (each hit records which one found it):
- ``suffix``: a name chunk ending in a legal form (有限公司, 集团 …) or a lab word
  (实验室, 研究院, 大学 …); the chunk runs left over noun-like words and stops at
  verbs, particles and punctuation; a core made only of generic words (省, 国家,
  重点 …) is no name (省实验室, 国家重点实验室).
- ``abbrev``: known institutions and their abbreviations (data/institutions.tsv)
  and abbreviation patterns: 中科院X所, X交大, <organ>X所.
- ``list``: items of an enumeration that the text calls companies or projects
  (招引了A、B、C等11家企业; 开工A等项目); a project item yields its leading brand.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from kgraph.extract.places import ZONE_DIVISIONS
from kgraph.model import EntityType
from kgraph.resources.divisions import Gazetteer, load_gazetteer
from kgraph.resources.lexicon import Lexicon, alternation, pairs, read_table, threshold, word_set, words
from kgraph.segment import Token, is_cjk, is_function_char, tagged, tokens, word_info

__all__ = ["BRANCHES", "LEGAL_FORMS", "OrgHit", "company_core", "find_orgs", "free_trade_zone_name", "good_core", "known_company_length", "legal_core", "masked_names", "org_key_name"]

COMPANY_SUFFIXES = words("orgs", "company-suffixes")
LAB_SUFFIXES = words("orgs", "lab-suffixes")
ZONE_SUFFIXES = words("orgs", "zone-suffixes")
INDUSTRY_WORDS = words("orgs", "industry-words")
_GENERIC = word_set("orgs", "generic")
_NAME_TAGS = word_set("orgs", "name-tags")
_JOINERS = word_set("orgs", "joiners")
_NAME_DIRECTIONS = word_set("orgs", "name-directions")
_CATEGORY = word_set("orgs", "category")
_PLACE_ENDS = words("orgs", "place-ends")
ORG_WORDS = words("orgs", "org-words")
_SUO_VERBS = word_set("orgs", "suo-verbs")
_ORGAN_ENDS = words("orgs", "organ-ends")
_RARE = threshold("rare-word")
_COUNTRY_CHARS = frozenset("美日俄英法德韩欧澳加印")  # one-character country names (美方, 日企)
_BUILDING_VERBS = word_set("relations", "building-verbs")
_TRADE_NAME_VERB = threshold("trade-name-verb")
_COMMON_VERB = threshold("common-verb")
_FIELD_VERB = threshold("field-verb")
_TIME_WORDS = word_set("orgs", "time-words")
_GOVERNING = word_set("orgs", "governing-verbs")
_REGION_NAME_VERBS = word_set("orgs", "region-name-verbs")
_STOP_CHARS = word_set("orgs", "stop-chars")
_STOP_WORDS = word_set("orgs", "stop-words")
_LIST_TRIGGER_BEFORE = words("orgs", "list-verbs")
_PROPER_TAGS = word_set("orgs", "proper-tags")
# 等 then, within the clause, a noun saying what the listed items are: 等11家企业, 等重点项目
_LIST_TRIGGER_AFTER = re.compile(
    r"^等"
    r"[^，。；,;和及]{0,20}?"  # a count or modifiers: 11家, 一批 (not 等侨团和…企业: another conjunct)
    "(" + alternation(words("orgs", "list-nouns")) + ")"  # the kind of item
    r"(?!活动|建设|工作|发展|推广|合作|家)"  # 等品牌活动: events; 企业家: persons
)
_TITLE_WORDS = word_set("orgs", "title-words")
_PERSONS_COUNTED = re.compile("[0-9一二两三四五六七八九十百几多余]+[位名]")
# 开工建设成渝中线、西渝等高铁通道: the items are works, not businesses
_WORKS_AFTER = re.compile("等[^，。；,;、]{0,12}?(?:" + alternation(words("orgs", "works")) + ")")
_OPENING_VERBS = word_set("orgs", "opening-verbs")
_MEASURES = word_set("orgs", "measure-chars")
_SINGLE_SUFFIXES = words("orgs", "single-char-suffixes")
_CUE_SUFFIXES = words("orgs", "cue-suffixes")
_DESIGNATIONS = words("orgs", "designations")
_QUANTITIES = words("orgs", "quantity-words")
BRANCHES = words("orgs", "branches")
_BRANCHES = BRANCHES
_PARENT_ENDS = words("orgs", "parent-ends")
_ZONE_ABBREVIATIONS = pairs("orgs", "zone-abbreviations")
LEGAL_FORMS = tuple(s for s in COMPANY_SUFFIXES if s.endswith(("公司", "集团")))  # not 银行: 中国银行 keeps it
_PRODUCTS = words("orgs", "product-words")
_BRAND_INDUSTRIES = word_set("orgs", "brand-industries")
_BANK_KINDS = word_set("orgs", "bank-kinds")
_NUMERALS = frozenset("一二两三四五六七八九十百千万几多数")
_MASKS = re.compile(alternation(words("orgs", "mask-suffixes")))
_NAMED_ZONE_TYPES = words("orgs", "named-zone-types")
_NOT_COMPANY = words("orgs", "not-company-words")
_KIND_CORES = word_set("orgs", "kind-cores")
_UNIVERSITY_KINDS = word_set("orgs", "university-kinds")
_EVENTS = words("orgs", "event-endings")
_FIELDS = word_set("orgs", "industry-fields")
_COMMON_PLACE_WORD = threshold("common-place-word")
_DESIGNATING = word_set("orgs", "designating-verbs")
_CONJUNCTIONS = frozenset({"和", "与", "及"})
_NOT_TRADE_NAME_ENDS = ("企", "企业", "企业家", "公司", "商会", "区", "老板", "家", "人")  # 车企, 分公司, 中国区, 温州老板
_ZONE_ENDS = tuple(z for z in ZONE_SUFFIXES if z.endswith(("开发区", "高新区", "经开区", "保税区")))  # not 试验区: …自由贸易试验区临港新片区 is one name
_SHORTER_THAN_NAMED = tuple(z for z in ZONE_SUFFIXES if z.endswith(_NAMED_ZONE_TYPES) and z not in _NAMED_ZONE_TYPES)
# a name in quotes or after 共建: “新时代数字文化研究院”, 共建国家茶树种质资源库
# a clause opening on a trade name, then an executive's title and a person's name
_EXECUTIVE = re.compile(
    r"(?:^|(?<=[，。；：！？、“”（(\n]))([\u4e00-\u9fffA-Za-z0-9]{2,6}?)(?:轮值|联合|执行)?"
    "(?:" + alternation(words("orgs", "executive-titles")) + r")(?!的)(?=[\u4e00-\u9fff]{2,3}(?:[，。、：（(]|说|表示|介绍|认为|指出|称))"
)
_QUOTED = re.compile(r"[“「]([\u4e00-\u9fffA-Za-z0-9]{3,20})[”」]")
# 共建X实验室; not 共建成|…平台, 共建了|…: a complement or particle after the verb opens no name
_COBUILT = re.compile(r"共建(?:的)?(?![成了好起过出])([\u4e00-\u9fffA-Za-z0-9]{4,20}?(?:" + alternation(LAB_SUFFIXES + _CUE_SUFFIXES) + "))")
_CLAUSE_PUNCT = "，。；：！？,;:!?\n“”\"「」"
# a list item ending in a project word (data: orgs.txt [project-tails])
_PROJECT_TAIL = re.compile("(" + alternation(words("orgs", "project-tails")) + ")$")
_ABBREV_PATTERNS = (
    # 中科院上海硅酸盐所: the Academy's abbreviation, a short field, 所 or 院
    re.compile(r"中科院 [\u4e00-\u9fff]{2,8}? [所院]", re.VERBOSE),
    # 上海交大: two characters and 交大, at the start of a phrase or after 与/和/、
    re.compile(
        r"""(?<![\u4e00-\u9fff]) [\u4e00-\u9fff]{2} 交大
          | (?<=[与和、])          [\u4e00-\u9fff]{2} 交大""",
        re.VERBOSE,
    ),
)
# a short bracketed note right after a name: (暂名), （筹）
_PAREN = re.compile(r"^ [（(] (?!(?:以下)?(?:简称|下称)) [^）)]{1,8} [）)]", re.VERBOSE)  # not （简称“某某”）: a short name
# the same notes at the end of a name, stripped for its key (data: orgs.txt [name-notes])
NOTE = re.compile("[（(](" + alternation(words("orgs", "name-notes")) + ")[）)]$")


@dataclass(frozen=True)
class OrgHit:
    """A span naming a company or lab; ``name`` is the span without notes like (暂名)."""

    start: int
    end: int
    type: EntityType
    name: str
    rule: str


def org_key_name(name: str, type_: EntityType, lex: Lexicon) -> str:
    """The normalised name used for the entity key: legal form and notes stripped."""
    name = NOTE.sub("", name)
    if type_ is EntityType.LAB:
        return lex.institutions.get(name, name)
    if type_ is EntityType.ZONE:
        free_trade = _free_trade_zone(name)
        if free_trade is not None:
            return free_trade
        short = next((s for s, _ in _ZONE_ABBREVIATIONS if name.endswith(s)), None)
        return name[: -len(short)] + dict(_ZONE_ABBREVIATIONS)[short] if short else name
    for suffix in LEGAL_FORMS:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


# a province's free trade zone however written: 上海自贸试验区, 中国（上海）自贸试验区, 中国(上海)自由贸易试验区
_FREE_TRADE = re.compile(
    r"^(?:中国)?[（(]?([\u4e00-\u9fff]{2,8}?)?[）)]?(?:自由贸易试验区|自贸试验区|自贸区)([\u4e00-\u9fff]{2,6}?(?:新片区|片区))?$"
)


def _free_trade_zone(name: str) -> str | None:
    """The one key of a province's free trade zone, its official name 中国（上海）自由贸易试验区, and
    of an area of it (…自由贸易试验区喀什片区, however the zone is written; its province may be
    known from the area's city alone: 自贸区喀什片区)."""
    m = _FREE_TRADE.match(name)
    if m is None or not (m.group(1) or m.group(2)):
        return None
    gaz = load_gazetteer()
    if m.group(1):
        codes = [c for c in gaz.candidates(m.group(1)) if gaz.get(c).level == "province"]
    else:
        area = m.group(2).removesuffix("新片区").removesuffix("片区")
        codes = list({gaz.province_of(c) for c in gaz.candidates(area)})
    if len(codes) != 1:
        return None
    return free_trade_zone_name(codes[0]) + (m.group(2) or "")


def free_trade_zone_name(province: str) -> str:
    """中国（上海）自由贸易试验区: the official name of the free trade zone of the province ``province`` (a code)."""
    short = _province_short_names().get(province, load_gazetteer().get(province).name)
    return f"中国（{short}）自由贸易试验区"


@lru_cache(maxsize=1)
def _province_short_names() -> dict[str, str]:
    """Province code → its shortest name (广西壮族自治区 → 广西)."""
    gaz = load_gazetteer()
    out: dict[str, str] = {}
    for form, codes in gaz.short_forms.items():
        for code in codes:
            if gaz.get(code).level == "province" and len(form) < len(out.get(code, form + "_")):
                out[code] = form
    return out


def find_orgs(text: str, toks: list[Token], lex: Lexicon, gaz: Gazetteer) -> list[OrgHit]:
    """Company, lab and zone spans, longest first where they overlap.

    A company named only by a place (福州分公司, 上海公司) is a branch or a generic
    reference, not a named company. Each hit is refined (:func:`_refine`): places
    written before the name are left out of it, a company's lab is the company.
    """
    def is_place(name: str) -> bool:
        return bool(gaz.candidates(name)) or name in lex.countries

    ends = {t.end for t in toks}
    found = (
        _abbreviations(text, toks, lex, is_place) + _known_companies(text, toks) + _suffix_hits(text, lex, is_place, ends, toks)
        + [h for h in _list_hits(text, lex, gaz) if not _only_places(h.name, gaz)] + _cued_hits(text, lex) + _source_hits(text)
    )  # fmt: skip
    found += _brand_hits(text, toks, gaz) + _executive_hits(text, gaz) + _visited_brands(text, toks, lex, is_place)
    hits = [h for h in (_refine(a, text, gaz) for a in map(lambda x: _after_organ(x, lex), found) if a is not None) if h is not None and h.name not in lex.organs]
    hits = [h for h in hits if not (h.type is EntityType.LAB and text.startswith(_HONOURS, h.end))]  # 中国科学院|院士: an honour
    hits = _with_branches([_with_organ(_no_joiner(h), text, lex) for h in hits], text)
    chosen: list[OrgHit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    branch_ends = {c.start: c.end for c in chosen if c.rule == "branch"}
    parents = {
        (h.start, h.end): h for h in hits
        if h.end < branch_ends.get(h.start, 0) and text[h.start : h.end].endswith(_PARENT_ENDS)
    }  # fmt: skip
    parents.update(((h.start, h.end), h) for h in map(_host_institution, chosen) if h is not None)
    return sorted(chosen + list(parents.values()), key=lambda h: h.start)  # a branch's parent named inside it


_LOCALIZERS = ("里", "内")
_EDITION = re.compile("第[一二三四五六七八九十百零〇0-9]+届")
_HOSTS = ("大学", "研究所", "研究院")
_HONOURS = ("院士", "外籍院士")


def _host_institution(hit: OrgHit) -> OrgHit | None:
    """某某大学|遥感信息工程国家重点实验室: the university (or institute) that hosts a laboratory
    named after it is named too."""
    if hit.type is not EntityType.LAB or not hit.name.endswith("实验室"):
        return None
    end = max((hit.name.find(h) + len(h) for h in _HOSTS if h in hit.name[:-4]), default=-1)
    if end < 4 or len(hit.name) - end < 5:
        return None
    return OrgHit(hit.start, hit.start + end, EntityType.LAB, hit.name[:end], hit.rule)


_VAGUE = tuple(words("orgs", "vague-words"))
# 记者从某某集团获悉: the news source named between 从 and a verb of learning is one organisation
_SOURCE_FORMS = tuple(x for x in COMPANY_SUFFIXES if x.endswith(("公司", "集团")) and not x.startswith("分"))
_SOURCE = re.compile(r"(?<=从)([\u4e00-\u9fff]{2,14}?(?:" + alternation(_SOURCE_FORMS) + r"))(?=获悉|了解到|得知)")


def _source_hits(text: str) -> list[OrgHit]:
    """记者从延长石油集团获悉: the whole span between 从 and 获悉 that ends in a legal form is the
    company's name, even when it opens with a verb (延长); not a count (多家航空公司)."""
    hits = []
    for m in _SOURCE.finditer(text):
        name = m.group(1)
        if _quantified(text, m.start(1)) or re.search(f"[{''.join(_NUMERALS)}][家个]", name) or _side(name[:2]):
            continue
        if any(ch in name for ch in "和与及、") or name.startswith(_VAGUE) or any(w in name[:-2] for w in _ORGAN_ENDS):
            continue  # 省某厅和某集团, 相关公司: a list, a vague phrase or an organ, not one name
        if any(known_company_length(name[i:]) for i in range(len(name) - 1)):
            continue  # 中储粮集团: a well-known enterprise, found by its own rule
        hits.append(OrgHit(m.start(1), m.end(1), EntityType.COMPANY, name, "cue"))
    return hits


def _abbreviations(text: str, toks: list[Token], lex: Lexicon, is_place: Callable[[str], bool] = lambda _: False) -> list[OrgHit]:
    by_end = {t.end: t for t in toks}
    return [_regional(h, by_end, is_place) for h in _national_abbreviations(text, toks, lex)]


def _regional(hit: OrgHit, by_end: dict[int, Token], is_place: Callable[[str], bool]) -> OrgHit:
    """河南省农科院, 吉林社科院: a region right before a national institution's short name
    makes the region's own institution, not the national one."""
    before = by_end.get(hit.start)
    if before is None or not is_place(before.word):
        return hit
    return OrgHit(before.start, hit.end, hit.type, before.word + hit.name, hit.rule)


def _national_abbreviations(text: str, toks: list[Token], lex: Lexicon) -> list[OrgHit]:
    hits = []
    for pattern in _ABBREV_PATTERNS:
        for m in pattern.finditer(text):
            hits.append(OrgHit(m.start(), m.end(), EntityType.LAB, m.group(), "abbrev"))
    following = {t.start: t for t in toks}
    for token in toks:
        after = following.get(token.end)
        if after is not None and len(after.word) == 1 and is_cjk(after.word) and not is_function_char(after.word):
            continue  # 北大|湖 is a lake, not 北京大学
        if len(token.word) == 2 and token.word in lex.institutions:
            hits.append(OrgHit(token.start, token.end, EntityType.LAB, token.word, "abbrev"))
    bounds = {t.start for t in toks} | {t.end for t in toks}
    for m in lex.institution_pattern.finditer(text):
        if m.start() in bounds and m.end() in bounds and not _suo_construction(text, m.end()):
            hits.append(OrgHit(m.start(), m.end(), EntityType.LAB, m.group(), "abbrev"))
    return hits



def _suo_construction(text: str, end: int) -> bool:
    """…所需, 所有, 所在: the 所 of a 所+verb phrase, not the 所 of an institute (自动化所需的)."""
    return text[end - 1] == "所" and text[end : end + 1] in _SUO_VERBS


# any company, lab or zone suffix, the longest where several end at one place
_SUFFIX = re.compile(alternation(COMPANY_SUFFIXES + LAB_SUFFIXES + ZONE_SUFFIXES))


def _suffix_hits(
    text: str, lex: Lexicon, is_place: Callable[[str], bool], ends: set[int], toks: list[Token]
) -> list[OrgHit]:
    starts = {t.start for t in toks}
    by_end = {t.end: t for t in toks}
    hits = []
    for m in _SUFFIX.finditer(text):
        glued = m.group() != "园" and text[m.end() : m.end() + 1] in _LOCALIZERS and m.end() + 1 in ends and m.start() in starts
        if (m.end() not in ends and not glued) or (m.group() in _SINGLE_SUFFIXES and m.start() not in starts):
            continue  # 大学|生, 公园: the suffix is inside a longer word; not 某某|谷里, glued to 里
        last = by_end.get(m.end()) or Token(m.start(), m.end(), m.group(), "n")
        start = _start_before(text, last, m, is_place)
        if m.group() in ZONE_SUFFIXES or m.group() in LAB_SUFFIXES:
            start = _after_building_verb(text, start, m.start())
        if m.group() in ZONE_SUFFIXES:
            start = _listed_zone_start(text, start, m.end())
            start = _zone_of_place_after_zone(text, start, m, is_place)
        if m.group() in LAB_SUFFIXES:
            start = _institution_before(text, start, m.start(), lex)
            start = _after_country(text, start, m.start(), lex)
        edition = _EDITION.match(text, start, m.start())
        start = edition.end() if edition else start  # 第十二届|中国（绵阳）科技城…博览会: an event's edition
        fields = m.group() == "重点实验室" and not _proper_core(text, start, m.start())
        start = _fields_start(text, m.start()) if fields else start
        fields = fields and start < m.start()
        core = text[start : m.start()]
        zone_of_place = m.group() in ZONE_SUFFIXES and is_place(core) and not _common_place_word(core)  # 洛阳高新区, not 合作|试验区
        plain = (m.group() in ("大学", "学院") and not _verbal(core)) or m.group().startswith("联合") or _national(core, m.group()) or zone_of_place
        plain = plain or _state_registered(core, m.group()) or _dictionary_name(text[start : m.end()])
        plain = plain or _trade_name_and_industry(text, start, m.start(), m.group())
        plain = plain or (m.group() in LAB_SUFFIXES and _institution_head(core, lex)) or fields
        plain = plain or (m.group() == "谷" and _field_words(core))  # 智能传感|谷: a valley is named by its field
        if not (good_core(core) or zone_of_place) or not (plain or _proper_core(text, start, m.start())) or _quantified(text, start):
            continue
        company = m.group() in COMPANY_SUFFIXES  # 某某房地产开发|有限公司: a company's name may end on a verb
        if (_no_name_core(core, verbs=not company) and not is_place(core)) or text.startswith(_BIGGER_BODIES, m.end()):
            continue  # 出台|合作区, 集控室和|实验室, 中新两国|实验室; 某某实验室|联盟 is the alliance
        if m.group() == "公司" and text.startswith(("债", "企业债", "信用债"), m.end()):
            continue  # 北交所公司企业债券市场: corporate bonds, no company
        if m.group() in ZONE_SUFFIXES and m.group() != "基地" and _designated_kind(core):
            continue  # 国家现代农业产业园, 全国海洋经济发展示范区: a kind of zone the state designates, no name
        if m.group() == "片区" and not any(w in text[max(0, start - 12, _clause_start(text, start)) : m.start()] for w in ("自贸", "自由贸易")):
            continue  # …自由贸易试验区厦门片区, 前海自贸片区: an area of a free trade zone; not 钟鼓楼片区
        if m.group() == "基地" and not ("国家" in core[1:] or core.startswith(("国家（", "国家("))):
            continue  # 上海基地, 中试基地, 国家重要粮食生产基地: a site or a designation; 三江源国家大数据基地 is named
        if m.group() in ("大学", "学院") and core.endswith(tuple(_UNIVERSITY_KINDS)):
            continue  # 高水平大学, 综合性大学: a kind of university
        city_bank = m.group() == "银行" and _city_bank(text, core, m.end())
        if m.group() == "银行" and not (_bank_core(text, start, m.start()) or city_bank):
            continue  # 六大商业银行, 农村中小银行: kinds of bank
        if m.group() in ("公司", "集团") and (core.endswith(_KIND_ENDS) or "最" in core):
            continue  # …上市公司, 跨国公司, 最大廉价航空公司: a kind of company
        if m.group() in ("公司", "集团") and ((_all_dictionary(core) and not _dictionary_name(core + m.group())) or core in _KIND_CORES or core in _FIELDS or _side(core)):
            continue  # 财险公司, 管网公司, 阿方银行: a kind of company, a side
        if m.group() == "集团" and len(core) >= 2 and core[-1] == "国" and core[-2] in _NUMERALS:
            continue  # 七国集团, 二十国集团: groups of states
        if re.search("[两三四五六七八九十几]大", core) or last.word == "子公司":
            continue  # 日本三大航运公司: a count; 在美子公司: a subsidiary
        if any(word in core for word in _NOT_COMPANY) or (m.group() == "银行" and _side(core)):
            continue  # 某犯罪集团: no enterprise
        type_ = _suffix_type(m.group())
        if type_ is EntityType.COMPANY and is_place(core) and not city_bank:
            continue
        end = m.end()
        note = _PAREN.match(text[end:])
        hits.append(OrgHit(start, end + (note.end() if note else 0), type_, text[start:end], "suffix"))
    return hits


_AREA_ENDS = tuple(words("orgs", "area-name-ends"))


def _zone_of_place_after_zone(text: str, start: int, suffix: re.Match[str], is_place: Callable[[str], bool]) -> int:
    """西部科学城|重庆高新区: a development zone named by a place alone after a bigger area's name
    is that place's zone; the area before it is another one."""
    if not suffix.group().endswith(_ZONE_ENDS):
        return start
    for length in range(min(6, suffix.start() - start - 1), 1, -1):
        place = text[suffix.start() - length : suffix.start()]
        if is_place(place) and text[start : suffix.start() - length].endswith(_AREA_ENDS):
            return suffix.start() - length
    return start


def _listed_zone_start(text: str, start: int, end: int) -> int:
    """未来之城|雄安新区, 重庆|两江新区: a zone the division table lists is its whole name; a
    place before it locates it (jieba, reading the text before the suffix alone, may also glue
    the words before it to its first characters: 之城雄安)."""
    listed = next((z for z in ZONE_DIVISIONS if text.startswith(z, end - len(z))), None)
    return start if listed is None or end - len(listed) <= start else end - len(listed)


def _institution_head(core: str, lex: Lexicon) -> bool:
    """某某科技大学|先进技术|研究院: an institute of a named institution is named by it."""
    head = lex.institution_pattern.match(core)
    return head is not None and len(core) - head.end() >= 2


def _after_country(text: str, start: int, end: int, lex: Lexicon) -> int:
    """巴西|圣保罗大学: another country's name before a university or institute with a name of its
    own locates it; the country stays in a name that needs it (意大利国家核物理研究所, 菲律宾火山
    地震研究所: a national or generic one)."""
    country = next((c for c in _longest_first(lex.foreign_names) if text.startswith(c, start)), None)
    if country is None or end - start - len(country) < 2 or text.startswith(_STATE_WORDS, start + len(country)):
        return start
    return start + len(country) if _proper_core(text, start + len(country), end) else start


_STATE_WORDS = tuple(words("orgs", "state-name-words"))


@lru_cache(maxsize=4)
def _longest_first(names: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(names, key=len, reverse=True))


def _institution_before(text: str, start: int, end: int, lex: Lexicon) -> int:
    """中国科学院|量子信息与|量子科技创新研究院: fields joined by 与 after an institution's
    name belong to the institute's name, which starts at the institution."""
    joined = text[max(0, start - 12) : start]
    if not joined.endswith(("与", "和")) or not _all_dictionary(text[start:end]):
        return start  # 北京大学教授与|深圳湾实验室: a name of its own after 与 is another lab
    for head in lex.institution_pattern.finditer(joined):
        fields = joined[head.end() : -1]
        if 2 <= len(fields) <= 8 and all(w.tag in ("n", "vn", "nz") and w.word not in lex.titles for w in tagged(fields)):
            return start - len(joined) + head.start()
    return start


def _place_word(word: str, is_place: Callable[[str], bool]) -> bool:
    """大同 (tagged an adverb), 开封 (a verb): a place even where jieba reads a common word, unless
    the word is a frequent one (合作, 合作市)."""
    return is_place(word) and not _common_place_word(word)


def _common_place_word(form: str) -> bool:
    """合作 (合作市), 开放: a short place form that is a frequent common word."""
    info = word_info(form)
    return info is not None and info[1] != "ns" and info[0] >= _COMMON_PLACE_WORD


def _after_building_verb(text: str, start: int, end: int) -> int:
    """海南全岛建设|自由贸易试验区, 湖南加快布局建设|某某山实验室: a zone's or a lab's name starts
    after the verb that builds it."""
    for word in reversed(tagged(text, start, end)):
        if word.word in _BUILDING_VERBS or word.word in _DESIGNATING:
            return word.end  # also 医院获评|国家临床医学研究基地
    return start


def _dictionary_name(name: str) -> bool:
    """波音公司, 清华大学: a name jieba's dictionary holds as an organisation's."""
    info = word_info(name)
    return info is not None and info[1] == "nt"


def _state_registered(core: str, suffix: str) -> bool:
    """中国汽车技术研究中心有限公司, 中国电影股份有限公司: a company registered under the name of
    the state (中国, a field of two characters or more and a full legal form, or fields of four
    characters or more and 集团) is named even by dictionary words."""
    if not core.startswith("中国") or len(core) < 4:
        return False
    if suffix == "集团":  # 中国供销粮油|集团: fields of four characters or more
        words = tagged(core[2:])  # a verb after the first word (能源装备|制造)
        return len(core) >= 6 and all((w.tag in _FIELD_TAGS or (i and w.tag == "v")) and w.word not in _GENERIC and not _kind_word(w.word) for i, w in enumerate(words))
    return suffix.endswith(("有限公司", "有限责任公司"))


def _kind_word(word: str) -> bool:
    """民营企业, 上市公司, 财险: a word for a kind of company."""
    return word in _KIND_CORES or word.endswith(_KIND_ENDS + ("企业", "公司"))


_LIMITED = ("有限公司", "有限责任公司")


def _trade_name_and_industry(text: str, start: int, end: int, suffix: str) -> bool:
    """星火|智能科技|有限公司: a full legal form after a noun and industry words is a registered
    name even when the trade name is a dictionary word, if no field and not a very common word
    (not 数字|科技有限公司, 科技|有限公司: kinds)."""
    if not suffix.endswith(_LIMITED):
        return False
    words = [w for w in tagged(text, start, end) if w.word.strip()]
    first, info = words[0] if words else None, word_info(words[0].word) if words else None
    if first is None or len(words) < 2 or first.word in INDUSTRY_WORDS or first.word in _FIELDS or len(first.word) < 2:
        return False
    if first.tag[:1] != "n" or (info is not None and info[0] >= _COMMON_PLACE_WORD):
        return False  # 数字|科技有限公司: a common word names a field
    return all(w.word in INDUSTRY_WORDS for w in words[1:])


def _verbal(core: str) -> bool:
    """The words before a suffix hold a dictionary verb (孩子|考上|大学): a clause, unless
    a proper noun shows a name."""
    return any(w.tag == "v" and len(w.word) >= 2 and not _rare(w.word) for w in tagged(core))


def _start_before(text: str, word: Token, suffix: re.Match[str], is_place: Callable[[str], bool]) -> int:
    """Where the name ending in ``suffix`` starts. A dictionary name that holds the suffix
    (毕业于|清华大学) is read whole, as its head read alone would change how jieba cuts
    (于清华): only places go before a proper one (美国|波音公司), the walk before a
    generic one (陆军|军医大学)."""
    info = word_info(word.word)
    if word.start == suffix.start() or info is None or info[1] != "nt":
        return _name_start(text, suffix.start(), is_place, suffix.group())
    start = _name_start(text, word.start, is_place, after=Token(word.start, word.end, word.word, "nt"))
    if word.start - start == 1 and text[start] in _COUNTRY_CHARS:
        return word.start  # 美|波音公司: the country's one-character name is no part of it
    words = tagged(text, start, word.start)
    if sum(1 for w in words if not (is_place(w.word) or w.tag in _PROPER_TAGS)) <= 1:
        return start  # 美国|波音公司, 陆军|军医大学
    for before in reversed(words):  # 职责|交由|波音公司: a phrase before it; only places stay
        if not is_place(before.word):
            return before.end
    return start


def masked_names(text: str, toks: list[Token], gaz: Gazetteer, place_ends: list[int]) -> list[tuple[int, int]]:
    """Spans of names kgraph does not record (北京儿童医院): no district is mentioned inside
    them. Only names with a place name shortly before their ending are read."""
    ends = {t.end for t in toks}
    spans = []
    for m in _MASKS.finditer(text):
        if not any(m.start() - 28 <= end <= m.start() for end in place_ends):
            continue
        start = _name_start(text, m.start(), lambda w: bool(gaz.candidates(w)), m.group())
        if m.end() in ends and start < m.start():
            spans.append((start + _places_before_own_name(text[start : m.start()], gaz), m.end()))
    return spans


def _places_before_own_name(core: str, gaz: Gazetteer) -> int:
    """北京丰台|华康: the places before a name of its own; before a plain kind, the places
    before the last one (广西梧州|长洲水利, 北京儿童); before a word that names nothing (相关,
    各), all of them."""
    places = _leading_places(core + "某", gaz)
    if not places:
        return 0
    rest = core[places[-1][1] :]
    if rest and all(w.tag[:1] in ("v", "r", "d") for w in tagged(rest)):
        return len(core)  # 某州|相关|学校, 某市|各|医院: no name, the places are mentioned
    return places[-1][1] if len(rest) >= 2 and good_core(rest) and not _all_dictionary(rest) else places[-1][0]


def _bank_core(text: str, start: int, end: int) -> bool:
    """A bank's name has a word of its own beyond the kinds of bank and places (长安|银行;
    not 两国|银行, 海南省|全国性|银行, 深圳|开立|银行)."""
    pieces = tagged(text, start, end)
    if any(w.tag == "v" for w in pieces):
        return False
    own = [w for w in pieces if w.word not in _BANK_KINDS and w.word not in _GENERIC and w.tag != "ns"]
    return any(len(w.word) >= 2 and (w.tag in _PROPER_TAGS or _rare(w.word)) for w in own)


def _city_bank(text: str, core: str, end: int) -> bool:
    """宁波银行, 江苏银行: a Chinese city's or province's own bank, named by it alone (not 银行业,
    银行间, nor a country's central bank)."""
    gaz = load_gazetteer()
    if text[end : end + 1] in ("业", "间", "界", "系", "卡", "家"):
        return False
    levels = {gaz.get(c).level for c in gaz.candidates(core)}
    return bool(levels) and "county" not in levels and not gaz.is_full(core)  # not 江西省银行: the province's banks


def _side(core: str) -> bool:
    """中方, 阿方: a side in talks, not a name."""
    return len(core) == 2 and core.endswith("方")


def _national(core: str, suffix: str) -> bool:
    """国家智能传感器创新中心: a national centre named by its field; 中国宏观经济研究院: a national
    institute named by its fields (nouns only: not 中国最大|研究院)."""
    if core.startswith("国家") and len(core) >= 6:
        return True
    if not (core.startswith("中国") and len(core) >= 6 and suffix in _INSTITUTES):
        return False
    return all(w.tag in _FIELD_TAGS and w.word not in _STOP_CHARS for w in tagged(core[2:]))


_INSTITUTES = ("研究院", "研究所", "科学院")


_LAB_LEVELS = ("全国", "国家", "省部共建", "省级", "部级", "市级", "省属")
_FIELD_TAGS = ("n", "vn", "nz", "l", "j")


def _fields_start(text: str, end: int) -> int:
    """Where the fields naming a key laboratory start (时间基准及应用|重点实验室, 光电材料与器件|,
    新能源电力系统全国|): nouns, joined by 与/及/和, a verb only after a joiner (及|应用); ``end``
    when they are fewer than four characters (an institution, a count or a verb stands there)."""
    words = tagged(text, max(0, end - 24), end)
    first = len(words)
    for index in range(len(words) - 1, -1, -1):
        word, left = words[index], words[index - 1] if index else None
        joined = left is not None and left.word in _JOINERS
        right = words[index + 1] if index + 1 < len(words) else None
        inner = left is not None and left.tag in _FIELD_TAGS and word.tag in ("a", "b")  # 资源昆虫|高效|养殖
        info = word_info(word.word)
        content_verb = word.tag == "v" and word.word not in _GOVERNING and (info is None or info[0] < _FIELD_VERB)
        inner = inner or (left is not None and left.tag in _FIELD_TAGS and right is not None and content_verb)  # 机器|感知, not 团队|开展
        field = word.word not in _STOP_CHARS and (word.word not in _GENERIC or word.word in _LAB_LEVELS)
        ok = (word.tag in _FIELD_TAGS or (joined and word.tag == "v") or inner) and field  # 机器|感知|全国
        if word.word in _JOINERS:
            ok = left is not None and left.tag in _FIELD_TAGS and first < len(words)
        if not (ok or (word.word == "多" and first < len(words))) or word.word.endswith(ORG_WORDS):
            break  # 多|模态 is a field
        first = index
    while first < len(words) and words[first].tag in ("v", "vn") and _frequent(words[first].word):
        first += 1  # 优化|重组|国家重点实验室, 建设|市级…: the verb of a clause
    if first == len(words) or words[first].word in _JOINERS:
        return end
    start = words[first].start
    fields = text[start:end]
    for level in _LAB_LEVELS:
        fields = fields.removesuffix(level)
    host = words[first - 1] if first else None  # 东南大学|毫米波全国|: a university's key lab named by a short field
    if len(fields) < 4 and host is not None and host.tag == "nt" and host.word.endswith(_HOSTS) and len(fields) >= 2:
        return host.start
    return start if len(fields) >= 4 else end


def _field_words(core: str) -> bool:
    """Nouns only, one of them an industry's (智能传感, 机器人; not 樱花), no count, no verb."""
    words = tagged(core)
    nouns = bool(words) and all(w.tag in _FIELD_TAGS and w.word not in _STOP_CHARS and w.word not in _GENERIC for w in words)
    return len(core) >= 2 and nouns and any(w.word in INDUSTRY_WORDS or w.word in _FIELDS for w in words)


def _frequent(word: str) -> bool:
    info = word_info(word)
    return info is not None and info[0] >= _RARE


def _quantified(text: str, start: int) -> bool:
    """建设一批零碳产业园, 10家湖北实验室之一: a kind of thing, not a name."""
    before = text[max(0, start - 4) : start]
    counted = len(before) >= 2 and before[-1] in _MEASURES and (before[-2].isdigit() or before[-2] in "一二两三四五六七八九十几多数")
    return before.endswith(_QUANTITIES) or counted


def _known_companies(text: str, toks: list[Token]) -> list[OrgHit]:
    """Well-known enterprises whose names are common words (建设银行): data/companies.tsv."""
    bounds = {t.start for t in toks} | {t.end for t in toks}
    return [
        OrgHit(m.start(), m.end(), EntityType.COMPANY, _COMPANIES[m.group()], "known")
        for m in _COMPANY_PATTERN.finditer(text)
        if m.start() in bounds and m.end() in bounds
    ]


def known_company_length(name: str) -> int:
    """The length of the well-known enterprise's name a name opens on (中国移动|广西公司), or 0."""
    head = _COMPANY_PATTERN.match(name)
    return head.end() if head else 0


def _after_organ(hit: OrgHit, lex: Lexicon) -> OrgHit | None:
    """国务院|山西…有限公司: an organ's name before a company's is not part of it; an
    organ's branch (中国人民银行江苏省分行) is no company."""
    organ = next((hit.name[:n] for n in range(min(16, len(hit.name) - 2), 2, -1) if hit.name[:n] in lex.organs), None)
    if organ is None or hit.rule == "known":
        return hit
    if hit.name.endswith(_BRANCHES):
        return None
    return OrgHit(hit.start + len(organ), hit.end, hit.type, hit.name[len(organ) :], hit.rule)


def _with_organ(hit: OrgHit, text: str, lex: Lexicon) -> OrgHit:
    """自然资源部|第三海洋研究所: an institute named right after a national organ is the organ's, and
    the organ's name is part of its own (the walk may have stopped inside it: 部|第三…, 工业和|信息化部…)."""
    if hit.type is not EntityType.LAB or hit.rule == "known":
        return hit
    for keep in range(min(8, hit.end - hit.start - 2), -1, -1):  # the walk may have read part of the organ (部, 信息化部)
        end = hit.start + keep
        organ = next((text[end - n : end] for n in range(min(16, end), 2, -1) if text[end - n : end] in lex.organs), None)
        if organ is not None and end - len(organ) < hit.start:
            start = end - len(organ)
            return OrgHit(start, hit.end, hit.type, text[start : hit.end], hit.rule)
    return hit


def _no_joiner(hit: OrgHit) -> OrgHit:
    """和达美航空公司: a name never starts with a conjunction."""
    if hit.name[:1] in "和与及" and len(hit.name) > 3:
        return OrgHit(hit.start + 1, hit.end, hit.type, hit.name[1:], hit.rule)
    return hit


def _person(text: str, start: int, end: int, lex: Lexicon) -> bool:
    words = tagged(text, start, end)
    return len(words) == 1 and words[0].tag in ("nr", "nrfg") and 2 <= end - start <= 4 and text[start] in lex.surnames


def _only_places(name: str, gaz: Gazetteer) -> bool:
    """吉林长春、辽宁阜新等地…企业: list items that are places, not businesses."""
    places = _leading_places(name + "某某", gaz)
    return bool(places) and places[-1][1] >= len(name)


def _brand_hits(text: str, toks: list[Token], gaz: Gazetteer) -> list[OrgHit]:
    """A trade name and an industry word standing alone (康瑞|医疗、迈科|医疗, 华驰|动力|N2):
    the trade name (2 or 3 characters, which jieba may have cut into single ones) no
    dictionary word or a rare one, not a place, the pair no word of its own, and what
    follows the pair ends it (punctuation, a model number, a product, 等); after 企业 or 公司
    (火箭研发企业蓝箭航天) the text itself says it is one."""
    starts = {t.start for t in toks}
    hits, unread = [], []
    for index, industry in enumerate(toks):
        after = toks[index + 1] if index + 1 < len(toks) else None
        if industry.word not in _BRAND_INDUSTRIES or not _brand_ends(after):
            continue
        for size in (3, 2):
            start = industry.start - size
            brand = text[start : industry.start]
            named = text[max(0, start - 2) : start] in ("企业", "公司")  # 火箭研发企业|蓝箭航天: the text says what it is
            if start not in starts or brand in _FIELDS or not _brand_word(brand, industry.word, gaz):
                continue  # 冷链|物流: a field
            hit = OrgHit(start, industry.end, EntityType.COMPANY, brand + industry.word, "brand")
            if named or (_brand_starts(text, start) and _brand_tagged(text, start, industry.start)):
                hits.append(hit)
                break
            if _brand_starts(text, start) and _unread(text, start, industry.start):
                unread.append(hit)
                break
    return hits + [h for h in unread if any(_listed_together(text, h, other) for other in hits)]


def _unread(text: str, start: int, end: int) -> bool:
    """A trade name jieba's dictionary lacks (汇影): a brand only beside other brands, as new
    common words (冷链, 硬科技) are missing from it too."""
    return all(word_info(p.word) is None for p in tagged(text, start, end))


def _listed_together(text: str, one: OrgHit, other: OrgHit) -> bool:
    between = text[one.end : other.start] if one.end <= other.start else text[other.end : one.start]
    return between in ("、", "和", "及", "与")


_VISIT_BEFORE = word_set("orgs", "visit-before")
_VISIT_REACH = 60  # characters after a visited name searched for words of business
_NOT_BRAND_ENDS = words("orgs", "not-brand-ends")
_VISIT_WORDS = word_set("orgs", "visit-words")
_BUSINESS_WORDS = words("orgs", "business-words")


def _visited_brands(text: str, toks: list[Token], lex: Lexicon, is_place: Callable[[str], bool]) -> list[OrgHit]:
    """来到咸阳|某某股份，了解新产品研发, 在西安|某某，察看…与企业负责人座谈: after a visit's verb and a
    place, a name that is no word, place or site, in a sentence about products or enterprises, is
    the company visited."""
    hits = []
    for index, word in enumerate(toks[:-2]):
        if word.word not in _VISIT_BEFORE or not is_place(toks[index + 1].word):
            continue
        at = index + 1
        while at < len(toks) and is_place(toks[at].word):
            at += 1
        end = next((t.start for t in toks[at:at + 4] if t.word in ("，", "、", "。")), None)
        if end is None or at >= len(toks):
            continue
        start = toks[at].start
        name = text[start:end]
        sentence_end = text.find("。", end, end + _VISIT_REACH)
        sentence = text[end : sentence_end if sentence_end >= 0 else end + _VISIT_REACH]
        if _visited_brand(name, lex) and any(w in sentence for w in _BUSINESS_WORDS):
            hits.append(OrgHit(start, end, EntityType.COMPANY, name, "visit"))
    return hits


def _visited_brand(name: str, lex: Lexicon) -> bool:
    if not (2 <= len(name) <= 5) or not is_cjk(name) or name.endswith(_NOT_BRAND_ENDS) or word_info(name) is not None:
        return False
    if name in lex.organs or any(t in name for t in lex.titles) or _SUFFIX.search(name):
        return False  # an organ, a title, a name with a suffix of its own (read by the suffix rules)
    words = tagged(name)
    first = words[0]
    if first.tag in ("v", "vn", "p", "c", "d", "r", "m", "q", "t", "u") or (first.tag == "f" and len(first.word) == 1):
        return False  # 来到西安|调研…, 来到北京|以后
    if any(w.word in _OPENING_VERBS or w.word in _VISIT_WORDS for w in words):
        return False
    last = words[-1]
    if last.tag in ("a", "ns", "s") or (len(last.word) == 1 and last.tag == "n"):
        return False  # 在海南昌江|吊装成功, 在济南|大明湖畔, 在哈尔滨|直属库: an outcome, a place, a kind of site
    return not all(w.tag in ("v", "vn") for w in words) and not any(w.tag[:1] in ("p", "c", "u") for w in words)


def _executive_hits(text: str, gaz: Gazetteer) -> list[OrgHit]:
    """A trade name that opens a clause right before an executive's title and name (宁德时代|董事长|
    某某表示, 某某科技|创始人…): the company the person speaks for."""
    hits = []
    for m in _EXECUTIVE.finditer(text):
        start, end = m.start(1), m.end(1)
        lead = tagged(text, start, end)[0]
        if lead.tag[:1] in ("p", "c", "v", "d") and lead.end < end:
            start = lead.end  # 根据|育碧总裁的说法
        if _trade_name(text, start, end, gaz):
            hits.append(OrgHit(start, end, EntityType.COMPANY, text[start:end], "executive"))
    return hits


def _trade_name(text: str, start: int, end: int, gaz: Gazetteer) -> bool:
    """Words that can be a company's trade name: none generic or a field of industry, no kind
    of business or of person (车企, 企业家, 商会, 分公司), not a person's name, and a proper or
    unknown word in them that is no place."""
    words = tagged(text, start, end)
    if not words or any(w.word in _GENERIC or w.word in _KIND_CORES or w.word in _STOP_WORDS or w.word in _TITLE_WORDS or w.word in _FIELDS for w in words):
        return False
    if text[start:end].endswith(_NOT_TRADE_NAME_ENDS) or any(word in text[start:end] for word in _NOT_COMPANY):
        return False
    if len(words) == 1 and words[0].tag in ("nr", "nrfg"):
        return False  # 王明董事长: a person
    return any((w.tag in _PROPER_TAGS or _rare(w.word)) and not (gaz.candidates(w.word) or w.tag == "ns") for w in words)


def _brand_tagged(text: str, start: int, end: int) -> bool:
    """jieba reads the trade name as a name (迈科 nrt, 康瑞 nr) or cannot read it at all."""
    pieces = tagged(text, start, end)
    return all(len(p.word) == 1 for p in pieces) or any(p.tag in _PROPER_TAGS for p in pieces)


def _brand_word(brand: str, industry: str, gaz: Gazetteer) -> bool:
    if len(brand) < 2 or not is_cjk(brand) or gaz.candidates(brand) or word_info(brand + industry) is not None:
        return False
    if word_info(brand) is not None or brand.endswith(("方", "称", "说")):
        return False  # 新能源|汽车, 乌方|能源: words and sides, not trade names
    pieces = tokens(brand)
    return _rare(brand) and all(len(p.word) == 1 or _rare(p.word) for p in pieces) and not any(p.word in _STOP_CHARS for p in pieces)


def _brand_starts(text: str, start: int) -> bool:
    return start == 0 or not is_cjk(text[start - 1]) or text[start - 1] in "、和与及的在是由对向为从"


def _brand_ends(after: Token | None) -> bool:
    if after is None or not is_cjk(after.word):
        return True
    return after.word in ("等", "和", "与", "及", "的", "在", "将", "已", "是") or after.word.startswith(_PRODUCTS)


def _cued_hits(text: str, lex: Lexicon) -> list[OrgHit]:
    """Names the text marks: in quotes (“无人机谷”), or as what was co-built (共建X实验室)."""
    hits = []
    for pattern in (_QUOTED, _COBUILT):
        for m in pattern.finditer(text):
            name = m.group(1)
            endings = COMPANY_SUFFIXES + LAB_SUFFIXES + ZONE_SUFFIXES + (_CUE_SUFFIXES if pattern is _COBUILT else ())
            suffix = next((x for x in sorted(endings, key=len, reverse=True) if name.endswith(x)), None)
            if suffix is None or len(name) - len(suffix) < 2 or name.endswith(_DESIGNATIONS) or _counts_only(name[: -len(suffix)]):
                continue
            if "的" in name or (pattern is _QUOTED and not good_core(name[: -len(suffix)])) or _no_name_core(name[: -len(suffix)]):
                continue  # “最现代化的工业园”, “产业园区”: a description, a kind
            if suffix == "园" and _inside_word(name, len(name) - len(suffix)):
                continue  # “口袋公园”, “民企进校园”: 园 is inside a longer word (光谷 and 硅谷 name zones)
            type_ = EntityType.LAB if suffix in _CUE_SUFFIXES else _suffix_type(suffix)
            hits.append(OrgHit(m.start(1), m.end(1), type_, name, "cue"))
    return hits


def _designated_kind(core: str) -> bool:
    """国家|现代农业, (新创建)全国|海洋经济发展: 国家 or 全国 with no place or name before it
    (not 中关村国家自主创新…, 国家（杭州）…)."""
    at = min((i for i in (core.find("国家"), core.find("全国")) if i >= 0), default=-1)
    if at < 0 or core[at + 2 : at + 3] in ("（", "("):
        return False
    return all(w.tag[:1] in ("v", "d", "a", "t", "m", "q") for w in tagged(core[:at]))


def _inside_word(name: str, at: int) -> bool:
    """A dictionary word of ``name`` starts before ``at`` and runs on past it (口袋|公园)."""
    return any(t.start < at < t.end and word_info(t.word) is not None for t in tokens(name))


def _suffix_type(suffix: str) -> EntityType:
    if suffix in COMPANY_SUFFIXES:
        return EntityType.COMPANY
    return EntityType.LAB if suffix in LAB_SUFFIXES else EntityType.ZONE


def _name_start(
    text: str, end: int, is_place: Callable[[str], bool] = lambda _: False, suffix: str = "", after: Token | None = None
) -> int:
    """Walk left from ``end`` over the words of a name (and bracketed notes), then drop
    the verbs and time words the walk may have taken at its start (赋予|…研究所).
    ``after`` is the word the walk starts before (the suffix by default)."""
    words = tagged(text, max(0, end - 28), end)
    keep = 1 if after is None else 0  # a name before its suffix keeps a word; a head is a name itself
    after = after or (Token(end, end + len(suffix), suffix, "n") if suffix else None)
    first, depth = len(words), 0
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        right = words[index + 1] if index + 1 < len(words) else after
        if word.word in (")", "）"):
            depth += 1
        elif word.word in ("(", "（") and depth:
            depth -= 1
        elif depth == 0 and (_ends_walk(word, words[index - 1] if index else None, right, is_place) or _zone_before_name(word, words[index + 1 :])):
            break
        first = index
    first = _after_verb_run(words, first, len(words) - keep)
    trade = suffix in COMPANY_SUFFIXES or suffix in ZONE_SUFFIXES  # 飞腾|信息技术有限公司, 华创|高教科创园; not 复信|北京交通大学
    while first < len(words) - keep and not _place_word(words[first].word, is_place) and _opens_clause(words[first], words[first - 1] if first else None, trade and not _place_next(words, first, is_place)):
        first += 1
    first = _from_place(words, first, is_place)
    return words[first].start if first < len(words) else end


def _after_verb_run(words: list[Token], first: int, last: int) -> int:
    """工作人员加紧|摸排|重点园区: a frequent verb and a verb after it are a clause; the name starts after them."""
    for index in range(last - 1, first, -1):
        if _frequent_verb(words[index - 1]) and words[index].tag == "v" and len(words[index].word) >= 2:
            return index + 1
    return first


def _frequent_verb(word: Token) -> bool:
    info = word_info(word.word)
    return word.tag == "v" and len(word.word) >= 2 and info is not None and info[0] >= _RARE


def _zone_before_name(word: Token, after: list[Token]) -> bool:
    """成都高新区|5G互联科创园: a big zone's name ends before a park with a name of its own (not
    杭州经济技术开发区新材料产业园, which is named by its zone)."""
    if len(word.word) < 3 or not word.word.endswith(_ZONE_ENDS):
        return False
    return any(w.tag in _PROPER_TAGS or _rare(w.word) or not is_cjk(w.word) for w in after if w.word.strip())


def _place_next(words: list[Token], index: int, is_place: Callable[[str], bool]) -> bool:
    """惊悉|阿塞拜疆…: a verb before a place governs it; it opens no trade name."""
    return index + 1 < len(words) and (is_place(words[index + 1].word) or words[index + 1].tag == "ns")


def _from_place(words: list[Token], first: int, is_place: Callable[[str], bool]) -> int:
    """谋划|建设|衢州…先导区: common words before the first place of a name start the clause."""
    for index in range(first, len(words)):
        if words[index].word in ("(", "（"):
            return first
        if is_place(words[index].word):
            before = words[first:index]
            common = all(w.tag not in _PROPER_TAGS and not _rare(w.word) and is_cjk(w.word) for w in before)
            return index if before and common else first
    return first


def _ends_walk(word: Token, left: Token | None, right: Token | None, is_place: Callable[[str], bool]) -> bool:
    if is_place(word.word) or word.word in INDUSTRY_WORDS:
        return False
    if word.word in _MEASURES and left is not None and left.word[-1:] in _NUMERALS:
        return True  # 第四|家|外商独资证券公司
    if len(word.word) >= 2 and word.word.endswith("于"):
        return True  # 任教于|清华大学: a verb with its preposition
    return not _continues_name(word, left, right) or _clause_verb(word, left) or _governs(word, right)


def _governs(word: Token, right: Token | None) -> bool:
    """A dictionary verb right before a proper noun (a place, a name) takes it as its object
    (成功|释放|大连…大学, 接见|陆军…): the name starts after it."""
    if word.tag != "v" or len(word.word) < 2 or right is None or right.end - right.start < 2:
        return False
    if word.word in _BRANCHES or _SUFFIX.fullmatch(word.word):
        return False  # 交通银行江苏省|分行|南京…支行: jieba reads 分行 as a verb
    info = word_info(word.word)
    if info is None or info[0] < _RARE:
        return False
    return right.tag in _PROPER_TAGS


def _clause_verb(word: Token, left: Token | None) -> bool:
    """A verb that a name cannot hold: one after a word that is no noun (中方|愿同|…)."""
    if word.tag != "v" or len(word.word) < 2 or left is None or len(left.word) < 2 or _rare(left.word):
        return False  # after a fragment of an unknown name (量|旋|智算) a "verb" is a guess too
    return left.tag[:1] in ("f", "d", "p", "c", "r", "u", "m", "q")


def _opens_clause(word: Token, left: Token | None, trade: bool = False) -> bool:
    """A word that starts the clause before a name rather than the name: a verb, a
    time word, a pronoun, a measure word after a number (10家|…)."""
    if word.word in _OPENING_VERBS or (word.tag in ("r", "t") and word.word not in _NAME_DIRECTIONS):
        return True
    if len(word.word) == 3 and word.word[0] == "一" and word.word[1] == word.word[2]:
        return True  # 一座座|重点实验室: things counted one by one
    if word.word in _MEASURES:
        return left is None or not is_cjk(left.word) or left.word[-1] in _NUMERALS
    after_subject = left is not None and left.tag[:1] in ("n", "r") and is_cjk(left.word)
    if trade and _trade_name_verb(word) and not after_subject:
        return False  # 来到|飞腾|信息技术有限公司: a trade name; not 民航局|督导|航空公司, a subject's verb
    info = word_info(word.word)
    return word.tag == "v" or (len(word.word) >= 2 and info is not None and info[1] in ("v", "vn") and word.word not in INDUSTRY_WORDS)


def _continues_name(word: Token, left: Token | None, right: Token | None = None) -> bool:
    """Whether ``word`` (with ``left`` before it) still belongs to the name being read.

    A single character belongs to it only next to another single character or a rare
    word: jieba cuts an unknown name into pieces (派|森百|橙汁), but a lone verb between
    known words starts a clause (建设银行|派|专人进驻园区)."""
    if len(word.word) == 1 and is_cjk(word.word) and word.tag[:1] in ("v", "d", "p", "c", "r", "f", "m", "q"):
        fragment = (n for n in (left, right) if n is not None and is_cjk(n.word))
        proper_ok = word.tag[:1] in ("m", "v")  # 新华|三|集团; but not 用|美国…公司
        if not any((_rare(n.word) or (proper_ok and n.tag in _PROPER_TAGS)) if len(n.word) > 1 else not is_function_char(n.word) for n in fragment):
            return False  # 已|令|波音公司
    if word.word in _JOINERS:
        return left is not None and _joins(word.word, left, right)
    if word.word.endswith(("公司", "集团")) and len(word.word) > 2:
        return False  # 航空公司|斯皮里特航空公司: another company's name ends here
    if word.word.isdigit() and right is not None and right.start == word.end and right.word.isascii() and right.word.isalpha():
        return True  # 5|G高标准农田示范区: a digit glued to a Latin letter is a term
    ordinal = word.tag == "m" and word.word.startswith("第") and word.word[-1] not in _MEASURES
    if word.word in _NAME_DIRECTIONS or (ordinal and not _counted(right)):
        return True  # 南方海工…, 第三代半导体…, not 第四|家
    if word.word in _REGION_NAME_VERBS and _after_region(word, left, right):
        return True  # 深圳|联合|飞机科技有限公司: a word of the name after its region
    if word.word in _STOP_WORDS or word.word in _CATEGORY or word.word in _OPENING_VERBS or not word.word.strip():
        return False
    if word.tag == "x":
        return word.word.isalnum()
    return _name_part(word)


def _after_region(word: Token, left: Token | None, right: Token | None) -> bool:
    """A verb between a region and a common noun is a word of a registered name, not a clause."""
    return left is not None and left.tag == "ns" and right is not None and right.tag[:1] == "n" and right.tag not in _PROPER_TAGS


def _counted(right: Token | None) -> bool:
    return right is not None and right.word[:1] in _MEASURES


def _joins(joiner: str, left: Token, right: Token | None) -> bool:
    """福州大学—星联云…联合实验室 joins two names; 纳米技术与纳米仿生研究所 joins two fields,
    but 复旦大学与…, 乐清市与…, 芯源微电子与东南大学 and 总台与南开大学 begin a new phrase."""
    if joiner in "与和" and right is not None and (_FIELDLESS.search(right.word) or right.word.endswith(INDUSTRY_WORDS)):
        return False  # …与南开大学, 总台与东风汽车集团: a second name begins
    ends_name = left.word.endswith(ORG_WORDS + _PLACE_ENDS) or left.tag in _PROPER_TAGS
    if joiner in "—－-":
        return ends_name
    fields = left.tag in ("n", "vn") and left.word not in INDUSTRY_WORDS
    return not ends_name and fields and (right is None or right.tag not in _PROPER_TAGS | {"nt"})


def _proper_core(text: str, start: int, end: int) -> bool:
    """The core holds a proper noun, an unknown word or a bracketed part: no 铁路公司."""
    if any(ch in text[start:end] for ch in "()（）"):
        return True
    words = [w for w in tagged(text, start, end) if w.word not in _GENERIC and w.word not in _FIELDS]  # not 冷链|物流园
    return any(w.tag in _PROPER_TAGS or _rare(w.word) or len(w.word) == 1 or w.word.isdigit() for w in words) or (
        bool(words) and _trade_name_verb(words[0])
    )


def _trade_name_verb(word: Token) -> bool:
    """飞腾|信息技术: a verb rare in the dictionary that opens a name is its trade name."""
    info = word_info(word.word)
    if any(ch in _STOP_CHARS for ch in word.word):
        return False  # 7时30|分在|上海: jieba glues a function character into a rare "verb"
    return word.tag == "v" and len(word.word) >= 2 and info is not None and info[0] < _TRADE_NAME_VERB


def _rare(word: str) -> bool:
    """Not in jieba's dictionary, or rarer there than a name usually is (首钢); a longer
    rare word only with a name inside it (华瑞|技术, not 科研|成果)."""
    info = word_info(word)
    if info is None:
        return True
    if info[0] >= _RARE:
        return False
    return len(word) <= 3 or any(w.tag in _PROPER_TAGS for w in tagged(word))


def _name_part(word: Token) -> bool:
    """Noun-like words, and single characters (jieba splits unknown names into them)."""
    if word.word in _STOP_CHARS:
        return False  # 用|好|…大学
    if word.tag == "nrfg" or word.word in _TITLE_WORDS:
        return False  # a well-known person or a title: 王国华|给…大学
    if (word.tag in ("i", "mq") and len(word.word) > 1) or (word.tag == "m" and len(word.word) > 1 and not word.word.isdigit()):
        return False  # 今年以来, 十多家: idioms, counts
    info = word_info(word.word)
    if word.tag in _NAME_TAGS or ((info is None or info[0] < _RARE) and is_cjk(word.word)):
        return True  # unknown and rare words are jieba's guesses at names: 杭州|启衡|智算
    if word.tag == "t":
        return word.word not in _TIME_WORDS  # 浙江|未来|科技大学, but not 今年|…
    if word.tag == "vn" and len(word.word) >= 2:
        return True  # 管理|集团, 农业|投资|集团: a verbal noun the walk starts on is dropped again
    if word.tag == "v" and len(word.word) >= 2:
        # content verbs name things (智能|感知|实验室, 先进|制造|研究院); governing verbs start
        # clauses; a verb the walk ends on is dropped again (_opens_clause)
        return word.word not in _GOVERNING and (info is None or info[0] < _COMMON_VERB)
    if word.tag == "m" and word.word.isdigit():
        return len(word.word) >= 3  # 1958|文化创意园
    return len(word.word) == 1 and is_cjk(word.word) and word.word not in _STOP_CHARS


# a word right after 与/和 that is no field of research: a university or a zone begins there
_FIELDLESS = re.compile("(大学|学院|园区|园|区)$|^人民")


def _refine(hit: OrgHit, text: str, gaz: Gazetteer) -> OrgHit | None:
    """The name a hit stands for: a company's lab is the company, a university's college
    the university, a branch its parent (the branch's name an alias); places written
    before a name are left out of it; an official division is no zone (浦东新区)."""
    if hit.rule == "known":
        return hit
    name = hit.name
    for suffix, parent in (("实验室", COMPANY_SUFFIXES), ("学院", ("大学",))):
        inner = next((name.rfind(p) + len(p) for p in parent if hit.type is not EntityType.COMPANY and p in name[:-len(suffix)]), -1)
        if name.endswith(suffix) and inner > 1:
            type_ = EntityType.COMPANY if suffix == "实验室" else EntityType.LAB
            return _refine(OrgHit(hit.start, hit.start + inner, type_, name[:inner], hit.rule), text, gaz)
    if hit.type is EntityType.ZONE and (name.endswith(_DESIGNATIONS) or _is_division(name, gaz)):
        return None
    if hit.type is EntityType.LAB and name.endswith(_DESIGNATIONS):
        return None
    if hit.type is EntityType.ZONE and _place_then_verb(name, gaz):
        return None  # 北京市|出台|合作区: the place is the subject of a clause
    if hit.type is EntityType.LAB:
        restart = _inner_full_region(name, gaz)
        if restart:
            return _refine(OrgHit(hit.start + restart, hit.end, hit.type, name[restart:], hit.rule), text, gaz)
    start = hit.start + _place_prefix(name, hit.type, gaz)
    while start < hit.end - 2 and text[start] in ("的", "在", "和", "与"):
        start += 1  # 三亚|的自贸港…产业园: jieba glues a particle to the word after a place
    return OrgHit(start, hit.end, hit.type, _parent(text[start : hit.start + len(name)]), hit.rule)


def _place_then_verb(name: str, gaz: Gazetteer) -> bool:
    places = _leading_places(name, gaz)
    if not places:
        return False
    first = tagged(name, places[-1][1])[0]
    verb = first.tag == "v" or first.word in _OPENING_VERBS or first.word in _GOVERNING
    return verb and len(first.word) >= 2 and _all_dictionary(name[places[-1][1] :])


def _is_division(name: str, gaz: Gazetteer) -> bool:
    """上海市浦东新区: an official division that ends like a zone (not 两江新区)."""
    starts = [0] + [start for start, _, _ in _leading_places(name, gaz)]
    return any(gaz.is_full(name[at:]) and name[at:] not in ZONE_DIVISIONS for at in starts)


def _with_branches(hits: list[OrgHit], text: str) -> list[OrgHit]:
    """某某集团股份有限公司|某某铜业分公司: a branch written right after its parent's full name is one
    name, the branch's; the parent is named too (find_orgs keeps its hit inside)."""
    branches = {h.start: h for h in hits if h.type is EntityType.COMPANY and h.name.endswith(_BRANCHES)}
    joined = [
        OrgHit(h.start, branches[h.end].end, EntityType.COMPANY, text[h.start : branches[h.end].end], "branch")
        for h in hits
        if h.type is EntityType.COMPANY and h.end in branches and h.name.endswith(_PARENT_ENDS)
    ]
    return hits + joined


def _parent(name: str) -> str:
    """中国工商银行江苏省分行 → 中国工商银行; …集团股份有限公司某某铜业分公司 → …集团股份有限公司."""
    if not name.endswith(_BRANCHES):
        return name
    cut = max((name.find(p, 2) + len(p) for p in _PARENT_ENDS if name.find(p, 2) >= 0), default=-1)
    return _COMPANIES.get(name[:cut], name[:cut]) if 2 <= cut < len(name) - 2 else name


def _place_prefix(name: str, type_: EntityType, gaz: Gazetteer) -> int:
    """How many leading characters of a name are places written before it, not part of it.

    A company keeps the region it is registered with (大连华冰集团, 河北邯郸市某某水务…); places
    before that region (山西长治市沁源县|山西华通集团…) or a full name before a short one
    (陕西省|秦川银行) are left out. A zone or lab with a name of its own leaves out every
    place before it (某省某市|华瑞…科技园), but keeps a city its type needs (洛阳高新区).
    """
    places = _leading_places(name, gaz)
    if not places:
        return 0
    if type_ is not EntityType.ZONE:
        cut = 0
        for (_start, end, full), (_, _, next_full) in itertools.pairwise(places):
            if (full and not next_full) or _restarts(name, places, end, gaz):
                cut = end
        return cut
    last_start, last_end, _ = places[-1]
    rest = _strip_suffix(name[last_end:])
    if name.endswith(_NAMED_ZONE_TYPES) and not name.endswith(_SHORTER_THAN_NAMED):
        return 0  # 湖南湘江新区: the state-level new area's name (not 福州高新区)
    if len(rest) >= 2 and good_core(rest) and not _all_dictionary(rest) and not _descriptive(rest, gaz) and not _plain_zone_words(rest):
        return last_end  # 某市|华瑞智能制造科技园, not 济南|新旧动能转换起步区
    return last_start  # 四川|自贡某某产业园, 洛阳高新区


_REGION_GROUPS = tuple(words("orgs", "region-groups"))


def _plain_zone_words(rest: str) -> bool:
    """京津|产业, 高级别|自动驾驶: a group of regions, or a rare word that is a common character
    and a common word (高|级别), then common words: no name of its own."""
    words = tagged(rest)
    if not words or not (words[0].word in _REGION_GROUPS or _compound(words[0].word)):
        return False  # 前海|深港…: a name of its own first
    return all(w.word in _REGION_GROUPS or _compound(w.word) or _common_word(w.word) for w in words)


def _common_word(word: str) -> bool:
    """A frequent dictionary word that its dictionary tags as no name (智慧, whatever jieba tags it in context)."""
    info = word_info(word)
    return info is not None and info[0] >= _RARE and info[1] not in _PROPER_TAGS


def _compound(word: str) -> bool:
    """高级别: a common character and a common word of two (not 太阳|山, a name)."""
    if len(word) != 3:
        return False
    return _frequent(word[0]) and _frequent(word[1:])


def _inner_full_region(name: str, gaz: Gazetteer) -> int:
    """中原科技城|河南省科学院: a province or city written in full after words that are no place
    starts the lab's own name (the words before are where it is); 0 if none does."""
    for at in range(2, len(name) - 3):
        if not is_cjk(name[at - 1]) or gaz.candidates(name[:at]):
            continue
        form = next((name[at : at + n] for n in range(min(gaz.max_len, len(name) - at - 2), 2, -1) if gaz.is_full(name[at : at + n])), None)
        places = _leading_places(name[:at] + "某某某", gaz)
        if form is not None and gaz.get(gaz.candidates(form)[0]).level != "county" and (not places or places[-1][1] < at):
            return at  # not 山西长治市|…: words that are all places before it
    return 0


def _restarts(name: str, places: list[tuple[int, int, bool]], end: int, gaz: Gazetteer) -> bool:
    """The place after the one ending at ``end`` begins a new region: a province (沁源县|山西)."""
    following = next((p for p in places if p[0] == end), None)
    if following is None:
        return False
    return any(gaz.get(code).level == "province" for code in gaz.candidates(name[following[0] : following[1]]))


def _leading_places(name: str, gaz: Gazetteer) -> list[tuple[int, int, bool]]:
    """The division names a name starts with: (start, end, written in full)."""
    out: list[tuple[int, int, bool]] = []
    at = 0
    while at < len(name) - 2:
        form = next((name[at : at + n] for n in range(min(gaz.max_len, len(name) - at - 1), 1, -1) if gaz.candidates(name[at : at + n])), None)
        if form is None:
            break
        out.append((at, at + len(form), gaz.is_full(form)))
        at += len(form)
    return out


def _strip_suffix(name: str) -> str:
    for suffix in sorted(COMPANY_SUFFIXES + LAB_SUFFIXES + ZONE_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _descriptive(core: str, gaz: Gazetteer) -> bool:
    """Common words only, counting a frequent word jieba tags as a place that is none (新旧):
    a description, not a name of its own."""
    def common(w: Token) -> bool:
        info = word_info(w.word)
        return info is not None and info[0] >= 100 and w.tag == "ns" and not gaz.candidates(w.word)

    return all(common(w) or w.word in _FIELDS or (w.tag not in _PROPER_TAGS and not _rare(w.word)) for w in tagged(core))


def _all_dictionary(core: str) -> bool:
    """Every word of the core is a common dictionary word (航空产业园 has no name of its own)."""
    return all(w.tag not in _PROPER_TAGS and not _rare(w.word) for w in tagged(core))


_KIND_ENDS = words("orgs", "kind-ends")  # 上市公司, 跨国公司: kinds of company, whatever stands before them
_BIGGER_BODIES = words("orgs", "bigger-bodies")
_COUNTRIES_COUNTED = re.compile("[两三四五多各双][国方]")
_SIDES = re.compile("双方|各方|两国|多国")
_COUNTED = re.compile(r"\d+[" + "".join(sorted(_MEASURES)) + "]")  # 10家|联合实验室: the measure words of [measure-chars]
_COUNT_BEFORE = re.compile("(?:[国市省州地]一|多地|多所|多家|一所|一家)$")  # 美国一|大学; not 统一|集团, 华数|集团


def _no_name_core(core: str, verbs: bool = True) -> bool:
    """A core that names nothing: a frequent verb alone or after its subject (出台|合作区,
    听取|联合实验室) or adjectives alone (低效|产业园; both only when ``verbs``: a company's name
    may end on a verb), one ending on a
    joiner (集控室和|实验室), or countries counted (中新两国|实验室)."""
    counted = (_COUNTRIES_COUNTED if verbs else _SIDES).search(core)  # a company may be named 某某三国…
    if core.endswith(("和", "与", "及", "、")) or counted or re.search(r"一(.)\1$", core):
        return True  # …, 一座座|重点实验室: things counted one by one
    if _COUNTED.match(core) or _COUNT_BEFORE.search(core) or core.endswith("读"):
        return True  # 10家|联合实验室, 美国一|大学, 美国多地|大学, 在美国读|大学
    words = tagged(core)
    if verbs and words and all(w.tag in ("a", "b", "ad") for w in words):
        return True  # 低效|产业园, 新型|实验室: a kind
    if not verbs or not words or not _frequent_verb(words[-1]):
        return False
    return len(words) == 1 or words[-2].tag in ("nt", "j", "r")  # 税务总局|出台|合作区: a subject and its verb


def _counts_only(core: str) -> bool:
    """一区多|园, 一城两|区, 两国双|园: a slogan of counts, no name."""
    return len(core) <= 4 and sum(ch in _NUMERALS or ch == "双" for ch in core) >= 2


def good_core(core: str) -> bool:
    """Whether ``core`` can be the part of a name before its suffix: not generic words alone."""
    if len(core) < 2 or core.startswith(("(", "（")):
        return False
    if _counts_only(core):
        return False
    rest = core
    for word in sorted(_GENERIC, key=len, reverse=True):
        rest = rest.replace(word, "")
    return len(rest) >= 2 or (len(rest) == 1 and len(core) >= 3 and rest not in "级类型")


def _list_hits(text: str, lex: Lexicon, gaz: Gazetteer) -> list[OrgHit]:
    hits = []
    for m in re.finditer(r"等", text):
        after = _LIST_TRIGGER_AFTER.match(text[m.start() :])
        if after is not None and (_verb_after(text, m.end()) or _PERSONS_COUNTED.search(after.group(0))):
            after = None  # 等加强…、引入参展企业: a new clause; 等10余位…企业负责人: persons
        named = after is not None and after.group(1) != "项目"
        before = _trigger_before(text, m.start()) and not _WORKS_AFTER.match(text, m.start())
        if after is None and not before:
            continue
        for start, end in _list_items(text, m.start()):
            item = text[start:end]
            if not named and not _business_item(item, before):
                continue
            if any(title in item for title in lex.titles) or item in lex.organs or item.endswith(_ORGAN_ENDS + _EVENTS):
                continue  # 董事长郑国强 is a person; 财政部 an organ; 青年交流营 an event
            if _person(text, start, end, lex):
                continue  # 给包某某、曹某某等企业家: persons
            if not named and _place_and_project(item, gaz):
                continue  # 开工建设湖南梅山、云南潞江坝: places' projects
            hit = _item_company(text, start, end, named)
            if hit is not None:
                hits.append(hit)
    return hits


def _place_and_project(item: str, gaz: Gazetteer) -> bool:
    """湖南梅山, 云南潞江坝: a place and a few characters, a project named by where it is."""
    places = _leading_places(item + "某某", gaz)
    return bool(places) and 0 < len(item) - places[-1][1] <= 3 and not item.endswith(tuple(_BRAND_INDUSTRIES) + INDUSTRY_WORDS)


def _verb_after(text: str, at: int) -> bool:
    words = tagged(text, at, min(len(text), at + 6))
    return bool(words) and words[0].tag == "v" and len(words[0].word) >= 2


def _clause_start(text: str, end: int) -> int:
    return max(text.rfind(p, 0, end) for p in _CLAUSE_PUNCT) + 1


def _business_item(item: str, after_verb: bool) -> bool:
    """An item that may name a business: any item after 开工/落地/引进 …, else one ending
    in an industry word (安徽华鼎新能源 in …等“二代回归”项目)."""
    return after_verb or item.endswith(INDUSTRY_WORDS)


def _trigger_before(text: str, end: int) -> bool:
    start = _clause_start(text, end)
    first = text[start:end].split("、")[0]
    return any(verb in first for verb in _LIST_TRIGGER_BEFORE)


def _list_items(text: str, end: int) -> list[tuple[int, int]]:
    """The 、-separated items before 等 at ``end``, within the clause."""
    start = _clause_start(text, end)
    items, pos = [], start
    for part in text[start:end].split("、"):
        items.append((pos, pos + len(part)))
        pos += len(part) + 1
    first_start, first_end = items[0]
    items[0] = (_skip_lead(text, first_start, first_end), first_end)
    return [(s, e) for s, e in items if 2 <= e - s <= 16]


def _skip_lead(text: str, start: int, end: int) -> int:
    """Skip the clause's verb and what precedes it: 他们就招引了|云帆智造."""
    found = [(text.rfind(v, start, end), v) for v in _LIST_TRIGGER_BEFORE]
    at, verb = max(found)
    if at >= 0:
        start = at + len(verb)
        return start + 1 if text[start : start + 1] == "了" else start
    for word in tagged(text, start, end):  # 无锡将支持|华澜, 顺德区的|美嘉电器: after the last phrase word
        if word.tag in ("v", "p", "c", "d", "u", "ul", "uj", "r", "t", "m", "f") and word.end < end:
            start = word.end
    return start


def _item_company(text: str, start: int, end: int, named: bool) -> OrgHit | None:
    """A list item as a company: the whole item, or a project item's leading brand."""
    item = text[start:end]
    first = tagged(text, start, end)[0]
    if "的" in item or (len(first.word) >= 2 and _opens_clause(first, None)):
        return None  # 浙江嘉兴的杜鹃, 建设成渝中线: no name
    if first.word in _FIELDS or all(w.word in _FIELDS or w.word in INDUSTRY_WORDS or w.word in _CONJUNCTIONS for w in tagged(text, start, end)):
        return None  # 光伏制造, 光伏组件, 锂电储能, 餐饮和电商: fields of industry
    plain_max = 12 if item.endswith(INDUSTRY_WORDS) else 8
    if _PROJECT_TAIL.search(item) or len(item) > plain_max:
        brand = _leading_brand(text, start, end)
        return OrgHit(start, start + len(brand), EntityType.COMPANY, brand, "list") if brand else None
    if (_brand_like(text, start, end) and (named or _brand_tagged(text, start, end))) or (named and _unknown_name(item) and not _field(item)):
        return OrgHit(start, end, EntityType.COMPANY, item, "list")
    if named and (word_info(item) or (0, ""))[1] == "nt" and item.endswith(INDUSTRY_WORDS):
        return OrgHit(start, end, EntityType.COMPANY, item, "list")  # 东南汽车: an enterprise jieba's dictionary knows (not 新华社)
    return None


def _field(item: str) -> bool:
    """数据技术, 软件服务: a field of business, its head a common word."""
    head = next((item[: -len(w)] for w in sorted(INDUSTRY_WORDS, key=len, reverse=True) if item.endswith(w)), item[:2])
    info = word_info(head)
    return info is not None and info[0] >= _RARE and info[1] not in _BRAND_HEAD_TAGS


_BRAND_HEAD_TAGS = ("ns", "nr", "nz", "nt", "s", "f")  # 东南|汽车, 长城|汽车: a place or direction opening a brand, no field


def _unknown_name(item: str) -> bool:
    """Not a dictionary word, not a place, not generic: 百川医疗 in 招引了…等8家企业."""
    if not all("\u4e00" <= ch <= "\u9fff" or ch.isalnum() for ch in item) or word_info(item) is not None:
        return False
    return good_core(item) and not any(item.startswith(w) for w in ("全省", "全市", "本地", "当地", "多家"))


def _brand_like(text: str, start: int, end: int) -> bool:
    """An item that is no dictionary word and has a name-like or unknown part."""
    item = text[start:end]
    if not all("\u4e00" <= ch <= "\u9fff" for ch in item) or word_info(item) is not None:
        return False
    words = tagged(text, start, end)
    odd = [w for w in words if len(w.word) == 1 or w.tag in ("nz", "nr", "nrt", "nt", "nrfg")]
    return bool(odd) and not any(w in item for w in _NOT_COMPANY)


def _leading_brand(text: str, start: int, end: int) -> str | None:
    item = text[start:end]
    latin = re.search(r"[A-Za-z]", item)
    if latin and 2 <= latin.start() <= 5:
        return item[: latin.start()]
    words = tagged(text, start, end)
    if len(words) < 2:
        return None
    first, second = words[0], words[1]
    if first.tag in ("nz", "nr", "nrt", "nt", "nrfg") and len(first.word) >= 2:
        return first.word
    if second.word in INDUSTRY_WORDS and len(first.word) >= 2:
        return first.word + second.word
    return None


_COMPANIES = {alias: row["canonical"] for row in read_table("companies.tsv") for alias in (row["canonical"], *filter(None, row["aliases"].split("|")))}
_COMPANY_PATTERN = re.compile(alternation(sorted(_COMPANIES)))


def legal_core(name: str) -> str:
    """A company's name without its bracketed notes and its legal form (某某科技有限公司 → 某某科技)."""
    core = re.sub(r"[（(][^)）]*[)）]", "", name)
    suffix = next((x for x in COMPANY_SUFFIXES if core.endswith(x) and len(core) > len(x) + 1), "")
    return core[: len(core) - len(suffix)]


def company_core(name: str, place: Callable[[str], str | None]) -> tuple[str, str]:
    """(region, trade name) of a company name: 宁波瑞聚传媒科技有限公司 → (330200, 瑞聚).

    ``place`` gives a division's code for a place name (None for other words), so that
    广东 and 广东省 are one region.
    """
    core = legal_core(name)
    prefix = next((core[:n] for n in range(min(6, len(core) - 2), 1, -1) if place(core[:n])), "")
    region = place(prefix) or "" if prefix else ""
    core = core[len(prefix) :]
    stripped = True
    while stripped:
        stripped = False
        for word in sorted(INDUSTRY_WORDS, key=len, reverse=True):
            if core.endswith(word) and len(core) - len(word) >= 2:
                core, stripped = core[: -len(word)], True
                break
    return region, core
