"""Refining hits: places written before a name (:func:`_place_prefix`), a company's lab or a
branch read as its parent (:func:`_refine`), organs before or around a name, names kgraph
does not record (:func:`masked_names`).
"""

from __future__ import annotations

import itertools

from kgraph.extract.orgs.cores import _COMPANIES, _all_dictionary, good_core
from kgraph.extract.orgs.hit import OrgHit
from kgraph.extract.orgs.walk import _frequent, _name_start, _rare
from kgraph.extract.orgs.wordlists import (
    _BRANCHES,
    _DESIGNATIONS,
    _FIELDS,
    _GOVERNING,
    _HOSTS,
    _MASKS,
    _NAMED_ZONE_TYPES,
    _OPENING_VERBS,
    _PARENT_ENDS,
    _PROPER_TAGS,
    _RARE,
    _SHORTER_THAN_NAMED,
    COMPANY_SUFFIXES,
    LAB_SUFFIXES,
    ZONE_SUFFIXES,
)
from kgraph.extract.places import ZONE_DIVISIONS
from kgraph.model import EntityType
from kgraph.resources.divisions import Gazetteer
from kgraph.resources.lexicon import Lexicon, words
from kgraph.segment import Token, is_cjk, tagged, word_info


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
    kind = next((k for k in _KIND_FIRST if hit.type is EntityType.ZONE and name.startswith(k) and len(name) - len(k) >= 4), "")
    if kind:  # 国家级新区|贵安新区: the kind of zone in apposition before its name
        return _refine(OrgHit(hit.start + len(kind), hit.end, hit.type, name[len(kind) :], hit.rule), text, gaz)
    if hit.type is EntityType.LAB:
        restart = _inner_full_region(name, gaz)
        if restart:
            return _refine(OrgHit(hit.start + restart, hit.end, hit.type, name[restart:], hit.rule), text, gaz)
    start = hit.start + _place_prefix(name, hit.type, gaz)
    while start < hit.end - 2 and text[start] in ("的", "在", "和", "与"):
        start += 1  # 三亚|的自贸港…产业园: jieba glues a particle to the word after a place
    return OrgHit(start, hit.end, hit.type, _parent(text[start : hit.start + len(name)]), hit.rule)


_KIND_FIRST = tuple(sorted((s for s in ZONE_SUFFIXES if len(s) >= 2), key=len, reverse=True))


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


def _host_institution(hit: OrgHit) -> OrgHit | None:
    """某某大学|遥感信息工程国家重点实验室: the university (or institute) that hosts a laboratory
    named after it is named too."""
    if hit.type is not EntityType.LAB or not hit.name.endswith("实验室"):
        return None
    end = max((hit.name.find(h) + len(h) for h in _HOSTS if h in hit.name[:-4]), default=-1)
    if hit.name[end : end + 1] in ("生", "城"):
        return None  # 某省大学|生…实验室, 某某大学|城…: no university
    if end < 4 or len(hit.name) - end < 5:
        return None
    return OrgHit(hit.start, hit.start + end, EntityType.LAB, hit.name[:end], hit.rule)


def masked_names(text: str, toks: list[Token], gaz: Gazetteer, place_ends: list[int]) -> list[tuple[int, int]]:
    """Spans of names kgraph does not record (北京儿童医院): no district is mentioned inside
    them; the places before a school's kind are (北京市海淀区民族小学). Only names with a place
    name shortly before their ending are read."""
    ends = {t.end for t in toks}
    spans = []
    for m in _MASKS.finditer(text):
        if not any(m.start() - 28 <= end <= m.start() for end in place_ends):
            continue
        start = _name_start(text, m.start(), lambda w: bool(gaz.candidates(w)), m.group())
        if m.end() in ends and start < m.start():
            school = m.group() in _SCHOOLS  # 某市某区|民族小学: a school's places locate it, whatever its name
            spans.append((m.start() if school else start + _places_before_own_name(text[start : m.start()], gaz), m.end()))
    return spans


_SCHOOLS = ("小学", "中学", "学校", "幼儿园")


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
