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

import re
from collections.abc import Callable
from dataclasses import dataclass

from kgraph.model import EntityType
from kgraph.resources.lexicon import Lexicon, alternation, threshold, word_set, words
from kgraph.segment import Token, is_cjk, tagged, word_info

__all__ = ["OrgHit", "find_orgs", "org_key_name"]

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
_COMMON_VERB = threshold("common-verb")
_TIME_WORDS = word_set("orgs", "time-words")
_GOVERNING = word_set("orgs", "governing-verbs")
_STOP_CHARS = word_set("orgs", "stop-chars")
_STOP_WORDS = word_set("orgs", "stop-words")
_LIST_TRIGGER_BEFORE = words("orgs", "list-verbs")
_PROPER_TAGS = word_set("orgs", "proper-tags")
# 等 then, within the clause, a noun saying what the listed items are: 等11家企业, 等重点项目
_LIST_TRIGGER_AFTER = re.compile(
    r"^等"
    r"[^，。；,;]{0,20}?"  # a count or modifiers: 11家, 一批
    "(" + alternation(words("orgs", "list-nouns")) + ")"  # the kind of item
)
_TITLE_WORDS = word_set("orgs", "title-words")
_CLAUSE_PUNCT = "，。；：！？,;:!?\n“”\"「」"
# a list item ending in a project word (data: orgs.txt [project-tails])
_PROJECT_TAIL = re.compile("(" + alternation(words("orgs", "project-tails")) + ")$")
_ABBREV_PATTERNS = (
    # 中科院宁波材料所: the Academy's abbreviation, a short field, 所 or 院
    re.compile(r"中科院 [\u4e00-\u9fff]{2,8}? [所院]", re.VERBOSE),
    # 西安交大: two characters and 交大, at the start of a phrase or after 与/和/、
    re.compile(
        r"""(?<![\u4e00-\u9fff]) [\u4e00-\u9fff]{2} 交大
          | (?<=[与和、])          [\u4e00-\u9fff]{2} 交大""",
        re.VERBOSE,
    ),
)
# a short bracketed note right after a name: (暂名), （筹）
_PAREN = re.compile(r"^ [（(] [^）)]{1,8} [）)]", re.VERBOSE)
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
    for suffix in COMPANY_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def find_orgs(text: str, toks: list[Token], lex: Lexicon, is_place: Callable[[str], bool] = lambda _: False) -> list[OrgHit]:
    """Company and lab spans, longest first where they overlap.

    ``is_place`` tells division names: a company named only by a place (福州分公司,
    上海公司) is a branch or a generic reference, not a named company.
    """
    hits = _abbreviations(text, toks, lex) + _suffix_hits(text, lex, is_place) + _list_hits(text, lex)
    chosen: list[OrgHit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def _abbreviations(text: str, toks: list[Token], lex: Lexicon) -> list[OrgHit]:
    hits = []
    for pattern in _ABBREV_PATTERNS:
        for m in pattern.finditer(text):
            hits.append(OrgHit(m.start(), m.end(), EntityType.LAB, m.group(), "abbrev"))
    for token in toks:
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


def _suffix_hits(text: str, lex: Lexicon, is_place: Callable[[str], bool]) -> list[OrgHit]:
    hits = []
    for m in _SUFFIX.finditer(text):
        start = _name_start(text, m.start())
        core = text[start : m.start()]
        universities = m.group() in ("大学", "学院") or m.group().startswith("联合")  # 中国传媒大学: plain words
        if not _good_core(core) or not (universities or _proper_core(text, start, m.start())):
            continue
        type_ = _suffix_type(m.group())
        if type_ is EntityType.COMPANY and is_place(core):
            continue
        end = m.end()
        note = _PAREN.match(text[end:])
        hits.append(OrgHit(start, end + (note.end() if note else 0), type_, text[start:end], "suffix"))
    return hits


def _suffix_type(suffix: str) -> EntityType:
    if suffix in COMPANY_SUFFIXES:
        return EntityType.COMPANY
    return EntityType.LAB if suffix in LAB_SUFFIXES else EntityType.ZONE


def _name_start(text: str, end: int) -> int:
    """Walk left from ``end`` over the words of a name (and bracketed notes)."""
    words = tagged(text, max(0, end - 28), end)
    start, depth = end, 0
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        right = words[index + 1] if index + 1 < len(words) else None
        if word.word in (")", "）"):
            depth += 1
        elif word.word in ("(", "（") and depth:
            depth -= 1
        elif depth == 0 and not _continues_name(word, words[index - 1] if index else None, right):
            break
        start = word.start
    return start


def _continues_name(word: Token, left: Token | None, right: Token | None = None) -> bool:
    """Whether ``word`` (with ``left`` before it) still belongs to the name being read."""
    if word.word in _JOINERS:
        return left is not None and _joins(word.word, left, right)
    if word.word in _NAME_DIRECTIONS or (word.tag == "m" and word.word.startswith("第")):
        return True  # 南方海工…, 第三代半导体…
    if word.word in _STOP_WORDS or word.word in _CATEGORY or not word.word.strip():
        return False
    if word.tag == "x":
        return word.word.isalnum()
    return _name_part(word)


def _joins(joiner: str, left: Token, right: Token | None) -> bool:
    """福州大学—星联云…联合实验室 joins two names; 纳米技术与纳米仿生研究所 joins two fields,
    but 复旦大学与…, 乐清市与… and 芯源微电子与东南大学 begin a new phrase."""
    ends_name = left.word.endswith(ORG_WORDS + _PLACE_ENDS) or left.tag in _PROPER_TAGS
    if joiner in "—－-":
        return ends_name
    fields = left.tag in ("n", "vn") and left.word not in INDUSTRY_WORDS
    return not ends_name and fields and (right is None or right.tag not in _PROPER_TAGS | {"nt"})


def _proper_core(text: str, start: int, end: int) -> bool:
    """The core holds a proper noun, an unknown word or a bracketed part: no 铁路公司."""
    if any(ch in text[start:end] for ch in "()（）"):
        return True
    return any(
        w.tag in _PROPER_TAGS or word_info(w.word) is None or len(w.word) == 1
        for w in tagged(text, start, end)
        if w.word not in _GENERIC
    )


def _name_part(word: Token) -> bool:
    """Noun-like words, and single characters (jieba splits unknown names into them)."""
    if word.tag == "nrfg" or word.word in _TITLE_WORDS:
        return False  # a well-known person or a title: 习近平|给…大学
    info = word_info(word.word)
    if word.tag in _NAME_TAGS or ((info is None or info[0] < _RARE) and is_cjk(word.word)):
        return True  # unknown and rare words are jieba's guesses at names: 杭州|启衡|智算
    if word.tag == "t":
        return word.word not in _TIME_WORDS  # 浙江|未来|科技大学, but not 今年|…
    if word.tag in ("v", "vn") and len(word.word) >= 2:
        # content verbs name things (智能|感知|实验室, 先进|制造|研究院); governing verbs start clauses
        return word.word not in _GOVERNING and (info is None or info[0] < _COMMON_VERB)
    return len(word.word) == 1 and "\u4e00" <= word.word <= "\u9fff" and word.word not in _STOP_CHARS


def _good_core(core: str) -> bool:
    if len(core) < 2 or core.startswith(("(", "（")):
        return False
    rest = core
    for word in sorted(_GENERIC, key=len, reverse=True):
        rest = rest.replace(word, "")
    return len(rest) >= 2 or (len(rest) == 1 and len(core) >= 3 and rest not in "级类型")


def _list_hits(text: str, lex: Lexicon) -> list[OrgHit]:
    hits = []
    for m in re.finditer(r"等", text):
        after = _LIST_TRIGGER_AFTER.match(text[m.start() :])
        named = after is not None and after.group(1) != "项目"
        before = _trigger_before(text, m.start())
        if after is None and not before:
            continue
        for start, end in _list_items(text, m.start()):
            item = text[start:end]
            if not named and not _business_item(item, before):
                continue
            if any(title in item for title in lex.titles) or item in lex.organs or item.endswith(_ORGAN_ENDS):
                continue  # 董事长郑国强 is a person; 财政部 an organ
            hit = _item_company(text, start, end, named)
            if hit is not None:
                hits.append(hit)
    return hits


def _clause_start(text: str, end: int) -> int:
    return max(text.rfind(p, 0, end) for p in _CLAUSE_PUNCT) + 1


def _business_item(item: str, after_verb: bool) -> bool:
    """An item that may name a business: any item after 开工/落地/引进 …, else one ending
    in an industry word (安徽凯迪新能源 in …等“二代回归”项目)."""
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
    """Skip the clause's verb and what precedes it: 他们就招引了|同心智医."""
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
    plain_max = 12 if item.endswith(INDUSTRY_WORDS) else 8
    if _PROJECT_TAIL.search(item) or len(item) > plain_max:
        brand = _leading_brand(text, start, end)
        return OrgHit(start, start + len(brand), EntityType.COMPANY, brand, "list") if brand else None
    if _brand_like(text, start, end) or (named and _unknown_name(item)):
        return OrgHit(start, end, EntityType.COMPANY, item, "list")
    return None


def _unknown_name(item: str) -> bool:
    """Not a dictionary word, not a place, not generic: 百川医疗 in 招引了…等8家企业."""
    if not all("\u4e00" <= ch <= "\u9fff" or ch.isalnum() for ch in item) or word_info(item) is not None:
        return False
    return _good_core(item) and not any(item.startswith(w) for w in ("全省", "全市", "本地", "当地", "多家"))


def _brand_like(text: str, start: int, end: int) -> bool:
    """An item that is no dictionary word and has a name-like or unknown part."""
    item = text[start:end]
    if not all("\u4e00" <= ch <= "\u9fff" for ch in item) or word_info(item) is not None:
        return False
    words = tagged(text, start, end)
    odd = [w for w in words if len(w.word) == 1 or w.tag in ("nz", "nr", "nrt", "nt", "nrfg") or word_info(w.word) is None]
    return bool(odd)


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
