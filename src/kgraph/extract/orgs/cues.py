"""The rules beside the suffix: abbreviations (``abbrev``), well-known companies (``known``), brands,
visited companies, executives' companies, quoted and co-built names and news sources (``cue``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kgraph.extract.orgs.cores import _COMPANIES, _COMPANY_PATTERN, _counts_only, _no_name_core, good_core, known_company_length
from kgraph.extract.orgs.hit import OrgHit
from kgraph.extract.orgs.suffix import _quantified, _side, _suffix_type
from kgraph.extract.orgs.walk import _rare
from kgraph.extract.orgs.wordlists import (
    _ABBREV_PATTERNS,
    _BRAND_INDUSTRIES,
    _COBUILT,
    _CUE_SUFFIXES,
    _DESIGNATIONS,
    _EXECUTIVE,
    _FIELDS,
    _GENERIC,
    _KIND_CORES,
    _NOT_COMPANY,
    _NOT_TRADE_NAME_ENDS,
    _NUMERALS,
    _OPENING_VERBS,
    _ORGAN_ENDS,
    _PRODUCTS,
    _PROPER_TAGS,
    _QUOTED,
    _STOP_CHARS,
    _STOP_WORDS,
    _SUFFIX,
    _SUO_VERBS,
    _TITLE_WORDS,
    COMPANY_SUFFIXES,
    LAB_SUFFIXES,
    ZONE_SUFFIXES,
)
from kgraph.model import EntityType
from kgraph.resources.divisions import Gazetteer
from kgraph.resources.lexicon import Lexicon, alternation, word_set, words
from kgraph.segment import Token, is_cjk, is_function_char, tagged, tokens, word_info

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


def _known_companies(text: str, toks: list[Token]) -> list[OrgHit]:
    """Well-known enterprises whose names are common words (建设银行): data/companies.tsv."""
    bounds = {t.start for t in toks} | {t.end for t in toks}
    return [
        OrgHit(m.start(), m.end(), EntityType.COMPANY, _COMPANIES[m.group()], "known")
        for m in _COMPANY_PATTERN.finditer(text)
        if m.start() in bounds and m.end() in bounds
    ]


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
    return hits + _visited_list(text, lex)


# 来到某某存储、某某激光公司参观: the items listed before a visited company's name
_VISITED_LIST = re.compile(r"(?:来到|前往|走进)((?:[\u4e00-\u9fff]{2,5}、){1,4})[\u4e00-\u9fff]{2,12}?(?:公司|集团)")


def _visited_list(text: str, lex: Lexicon) -> list[OrgHit]:
    """来到某某存储、某某激光公司参观生产线: brands listed before a visited company, in a sentence
    about products or enterprises, are companies too."""
    hits = []
    for m in _VISITED_LIST.finditer(text):
        sentence_end = text.find("。", m.end(), m.end() + _VISIT_REACH)
        if not any(w in text[m.end() : sentence_end if sentence_end >= 0 else m.end() + _VISIT_REACH] for w in _BUSINESS_WORDS):
            continue
        at = m.start(1)
        for item in m.group(1).split("、")[:-1]:
            if _visited_brand(item, lex):
                hits.append(OrgHit(at, at + len(item), EntityType.COMPANY, item, "visit"))
            at += len(item) + 1
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


def _inside_word(name: str, at: int) -> bool:
    """A dictionary word of ``name`` starts before ``at`` and runs on past it (口袋|公园)."""
    return any(t.start < at < t.end and word_info(t.word) is not None for t in tokens(name))
