"""The ``list`` rule: items of an enumeration that the text calls companies or projects
(招引了A、B、C等11家企业; 开工A等项目); a project item yields its leading brand.
"""

from __future__ import annotations

import re

from kgraph.extract.orgs.cores import good_core
from kgraph.extract.orgs.cues import _brand_tagged
from kgraph.extract.orgs.hit import OrgHit
from kgraph.extract.orgs.refine import _leading_places
from kgraph.extract.orgs.walk import _clause_start, _opens_clause
from kgraph.extract.orgs.wordlists import (
    _BRAND_INDUSTRIES,
    _CONJUNCTIONS,
    _EVENTS,
    _FIELDS,
    _LIST_TRIGGER_AFTER,
    _LIST_TRIGGER_BEFORE,
    _NOT_COMPANY,
    _ORGAN_ENDS,
    _PERSONS_COUNTED,
    _PROJECT_TAIL,
    _RARE,
    _WORKS_AFTER,
    INDUSTRY_WORDS,
)
from kgraph.model import EntityType
from kgraph.resources.divisions import Gazetteer
from kgraph.resources.lexicon import Lexicon
from kgraph.segment import is_cjk, tagged, word_info


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
        found: list[OrgHit] = []
        plain: list[OrgHit] = []
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
                found.append(hit)
            elif named and _short_word_item(item, gaz):  # 华为 (nr), 腾讯 (nz): a proper noun jieba knows
                proper = (word_info(item) or (0, ""))[1] in _PROPER_ITEM_TAGS
                (found if proper else plain).append(OrgHit(start, end, EntityType.COMPANY, item, "list"))
        tight = after is not None and len(after.group(0)) <= _TIGHT_TRIGGER  # 等品牌, 等12家企业; not 等行业的…公司
        hits += found + (plain if found and tight else [])  # 东风、比亚迪、小鹏等品牌: the list's brands, common words too
    return hits


_PROPER_ITEM_TAGS = ("nz", "nr", "nrt")  # not nt: 世界银行, 新华社 are institutions
_TIGHT_TRIGGER = 7  # 等 and the list's noun close together: 等一批知名企业


def _short_word_item(item: str, gaz: Gazetteer) -> bool:
    """A short item that may be a brand written as a common word (东风, 小米): no field, no place."""
    return 2 <= len(item) <= 4 and all(is_cjk(ch) for ch in item) and item not in _FIELDS and not gaz.candidates(item)


def _place_and_project(item: str, gaz: Gazetteer) -> bool:
    """湖南梅山, 云南潞江坝: a place and a few characters, a project named by where it is."""
    places = _leading_places(item + "某某", gaz)
    return bool(places) and 0 < len(item) - places[-1][1] <= 3 and not item.endswith(tuple(_BRAND_INDUSTRIES) + INDUSTRY_WORDS)


def _verb_after(text: str, at: int) -> bool:
    words = tagged(text, at, min(len(text), at + 6))
    return bool(words) and words[0].tag == "v" and len(words[0].word) >= 2


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


def _person(text: str, start: int, end: int, lex: Lexicon) -> bool:
    words = tagged(text, start, end)
    return len(words) == 1 and words[0].tag in ("nr", "nrfg") and 2 <= end - start <= 4 and text[start] in lex.surnames


def _only_places(name: str, gaz: Gazetteer) -> bool:
    """吉林长春、辽宁阜新等地…企业: list items that are places, not businesses."""
    places = _leading_places(name + "某某", gaz)
    return bool(places) and places[-1][1] >= len(name)
