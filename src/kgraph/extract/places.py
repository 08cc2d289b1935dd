"""District mentions: find candidate spans with the gazetteer, then decide by context.

Finding is greedy longest match of division names (full: 镇海区, short: 镇海) at
word boundaries. Deciding picks one division per span or drops it:

- a span with several candidates (鼓楼, 朝阳) takes the one whose parent is named
  right before it (南京市鼓楼区) or elsewhere in the article, else the
  highest-level one when the levels differ (吉林 → 吉林省), else it is dropped;
- a county-level short form (镇海) or a name that is also a common word (来宾,
  城区) needs context: an ancestor named in the article, a parent right before it,
  or a title right after it (镇海区委书记);
- spans inside organisation names (安徽华鼎新能源, 上海交大) are removed later by
  the caller, which knows the organisation spans.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from kgraph.resources.divisions import Gazetteer
from kgraph.resources.lexicon import threshold, word_set, words
from kgraph.segment import Token, tagged, tokens, word_info

__all__ = ["ZONE_DIVISIONS", "PlaceHit", "decide_places", "find_places", "main_province"]

_PLACE_TAGS = word_set("places", "place-tags")
_COMMON_FREQ = threshold("common-place-word")
_NAME_FREQ = threshold("place-as-name")
_STREET = word_set("places", "street-chars")
_TOWNSHIP = word_set("places", "township-chars")
# organ heads that can share a division's last character: 宁波市|委书记, 镇海区|长
_HEADS = words("places", "organ-heads")
_AREA_WORDS = words("places", "area-words")
_VENUES = word_set("places", "venues")
_AREA_ENDS = tuple(words("places", "area-ends"))
_TITLE_AFTER_PLACE = words("places", "title-after-place")
_TITLES_LONGEST_FIRST = tuple(sorted(_TITLE_AFTER_PLACE, key=len, reverse=True))
MACRO_REGIONS = words("places", "macro-regions")
ZONE_DIVISIONS = word_set("places", "zones-not-divisions")  # zones the division table lists with a code
_LISTED = word_set("places", "listed-joiners")
_LEVEL_CHARS = "省市区县州盟旗"  # 河南|县: a level written after the name decides it


@dataclass(frozen=True)
class PlaceHit:
    """A span that may name a division; ``codes`` are its candidates."""

    start: int
    end: int
    codes: tuple[str, ...]
    full: bool  # the span is an official full name, not a short form
    risky: bool  # the span is also a common word


def _is_risky(form: str, full: bool) -> bool:
    """Also a common word: tagged as no place, or frequent and not tagged as a place (和平).

    Full names of three characters or more (鼓楼区, tagged n by jieba) are names whatever
    their tag; two-character ones (城区, 郊区) are common words too.
    """
    info = word_info(form)
    if info is None:
        return False
    frequent = info[0] >= _COMMON_FREQ and info[1] != "ns"
    if full and len(form) >= 3:
        return frequent
    return info[1] not in _PLACE_TAGS or frequent


def _shares_suffix(text: str, end: int, token_starts: dict[int, Token]) -> bool:
    """True when text[end-1] (市/区/县 …) also starts a title word: 义乌市|委书记."""
    token = token_starts.get(end - 1)
    return token is not None and token.word[1:].startswith(_HEADS)


def _absorbed(text: str, start: int, end: int, full: bool, token_starts: dict[int, Token], gaz: Gazetteer) -> bool:
    """The span ends inside a word made of it and a title or organ head: 浙江省|委, 义乌市|委书记."""
    if full and _shares_suffix(text, end, token_starts):
        return True
    if full and any(gaz.candidates(text[end : end + n]) for n in range(2, 5)):
        return True  # 海东市|民和县 where jieba reads 海东|市民|和|县
    token = token_starts.get(start)
    if token is None or token.end <= end:
        return False
    rest = token.word[end - start :]
    if rest.startswith(_AREA_WORDS) or any(gaz.candidates(rest[:n]) for n in range(2, len(rest) + 1)):
        return True  # 广东|地区, 上海市|浦东新区 (jieba keeps them as one word)
    if rest in _VENUES:
        return True  # 北京|人民大会堂: a venue with a name of its own, the place before it a locator
    if full:
        return rest.startswith(_HEADS)
    return rest[:1] in "省市区县州盟旗" and (rest[1:] == "" or rest[1:].startswith(_HEADS))  # 伊犁|州


def _level_follows(text: str, end: int, codes: tuple[str, ...], gaz: Gazetteer) -> bool:
    """A short form followed by its own level character: 民和 + 县 (民和回族土族自治县)."""
    return end < len(text) and text[end] in "省市区县州盟旗" and any(gaz.get(c).name.endswith(text[end]) for c in codes)


def find_places(text: str, gaz: Gazetteer, toks: list[Token]) -> list[PlaceHit]:
    """Candidate division spans, left to right, not overlapping."""
    starts = {t.start for t in toks}
    ends = {t.end for t in toks}
    token_starts = {t.start: t for t in toks}
    hits: list[PlaceHit] = []
    i = 0
    while i < len(text) - 1:
        chained = bool(hits) and hits[-1].end == i  # 上海市|浦东新区 inside one jieba word
        hit = _longest_at(text, i, gaz, starts, ends, token_starts) if i in starts or chained else None
        if hit is None:
            i += 1
            continue
        hits.append(hit)
        i = hit.end
    return hits


_COUNTED_BEFORE = re.compile(r"[0-9一二两三四五六七八九十百千万亿][列辆台个家座吨件架艘只条项次]$")  # 突破千列|大关


def _longest_at(
    text: str, i: int, gaz: Gazetteer, starts: set[int], ends: set[int], token_starts: dict[int, Token]
) -> PlaceHit | None:
    counted = _COUNTED_BEFORE.search(text, max(0, i - 2), i)  # a count's measure word right before (千列|大关)
    longest = gaz.prefix_len.get(text[i : i + 2], 0)
    for length in range(min(longest, len(text) - i), 1, -1):
        form = text[i : i + length]
        codes = tuple(c for c in gaz.candidates(form) if gaz.get(c).name not in ZONE_DIVISIONS)
        if not codes:
            continue  # 雄安: a zone the division table lists with a code
        end = i + length
        full = gaz.is_full(form)
        if counted and not full and all(gaz.get(c).level == "county" for c in codes):
            return None  # 突破千列|大关: a county's short name after a count is a word (not 5家|深圳企业)
        if end not in ends and not _absorbed(text, i, end, full, token_starts, gaz):
            if _level_follows(text, end, codes, gaz) and end + 1 in ends:
                return PlaceHit(i, end + 1, codes, full, _is_risky(form, full))  # 民和|县 where jieba reads 和县
            continue
        if not full and (text[end : end + 1] in _STREET or (text[end : end + 1] in _DIRECTIONS and text[end + 1 : end + 2] in _STREET)):
            continue  # 某某路, 玉林|东街: a street
        if not full and _landmark(text, end, codes, gaz, token_starts.get(end)):
            continue
        county = any(gaz.get(c).level == "county" for c in codes)  # 大同|镇 (a county's name too), not 贵州|村超
        if county and end < len(text) and text[end] in _TOWNSHIP and not full and _township_after(text, end, gaz):
            continue
        return PlaceHit(i, end, codes, full, _is_risky(form, full))
    return None


_DIRECTIONS = frozenset("东西南北中")
NATURE = frozenset("湖山河江岛峡")  # a short name before one names a lake, a mountain … (东安|湖, 岳麓|山)


def _landmark(text: str, end: int, codes: tuple[str, ...], gaz: Gazetteer, after: Token | None) -> bool:
    """东安|湖, 某某|山: a county's short name before 湖 (山, 江 …) names a lake or a mountain,
    unless another place or a word starts there (衢州|江山, 遵化|山里)."""
    if text[end : end + 1] not in NATURE or gaz.candidates(text[end : end + 2]) or _LOCALITY_AFTER.match(text, end):
        return False  # 宁化|河龙乡: a township after it
    if after is not None and len(after.word) > 1 and word_info(after.word) is not None:
        return False
    return all(gaz.get(c).level == "county" for c in codes)


def _township_after(text: str, end: int, gaz: Gazetteer) -> bool:
    """乡, 镇 or 村 at ``end`` names a township or village (尼玛乡铜龙村), not a word of its own
    (霸州|村级, 乡村) nor the start of a division's name (宁波|镇海区)."""
    pair = text[end : end + 2]
    return pair not in gaz.prefix_len and word_info(pair) is None


def _context(hits: list[PlaceHit], gaz: Gazetteer) -> set[str]:
    """Codes (with ancestors) named unambiguously and safely in the article."""
    known: set[str] = set()
    for hit in hits:
        if len(hit.codes) == 1:
            code = hit.codes[0]
            level = gaz.get(code).level
            if (hit.full or level != "county") and (not hit.risky or level == "province"):
                known.update(d.code for d in gaz.chain(code))
    return known


def _followed_by_title(text: str, end: int) -> bool:
    """镇海区委书记, 镇海区长: a title or an organ's head right after the name; a one-character
    one only when it starts no longer word (万里|长江, 某某|委员)."""
    tail = text[end : end + 3]
    title = next((t for t in _TITLES_LONGEST_FIRST if tail.startswith(t)), None)
    return title is not None and (len(title) > 1 or word_info(tail[:2]) is None)


def _among_regions(text: str, hit: PlaceHit) -> bool:
    """A short name listed beside a region of the country (华南、江南等地) is a region too."""
    before, after = text[max(0, hit.start - 6) : hit.start], text[hit.end : hit.end + 6]
    joined_before, joined_after = before[-1:] in _LISTED, after[:1] in _LISTED
    region_before = before[: len(before) - joined_before].endswith(MACRO_REGIONS)
    region_after = after[joined_after:].startswith(MACRO_REGIONS)
    # 西南、江南、华南; written together only between two regions (西南江南华南, not 钟祥汉江特大桥)
    return (joined_before and region_before) or (joined_after and region_after) or (region_before and region_after)


_ITEM_BREAKS = "，。；：！？、,;:\n（）()“”"


def _listed_among_things(text: str, hit: PlaceHit, gaz: Gazetteer) -> bool:
    """A short name listed with 、 between items that are no places (豆粕、白银、菜籽油) is a thing."""
    before, after = text[max(0, hit.start - 1) : hit.start], text[hit.end : hit.end + 1]
    if _LOCALITY_AFTER.match(text, hit.end):
        return False  # 、某县|某某村的…: the county of a village
    items = []  # (the neighbour's whole stretch, its word next to the 、)
    if before == "、":  # 近期|黄金、白银
        start = max(text.rfind(c, 0, hit.start - 1) for c in _ITEM_BREAKS) + 1
        words = tokens(text, start, hit.start - 1)
        items.append((text[max(start, hit.start - 13) : hit.start - 1], words[-1].word if words else ""))
    if after == "、":  # 白银、铜|价格
        end = min([i for i in (text.find(c, hit.end + 1) for c in _ITEM_BREAKS) if i >= 0] + [len(text)])
        words = tokens(text, hit.end + 1, end)
        items.append((text[hit.end + 1 : min(end, hit.end + 13)], words[0].word if words else ""))
    # no place in the neighbour (四川东部、重庆西部 are places) and a dictionary word beside the 、
    return bool(items) and all(_thing(word) and not _names_place(stretch, gaz) for stretch, word in items)


_LOCALITY_AFTER = re.compile(r"(?![等和的与及])[\u4e00-\u9fff]{1,4}?(?<!农)(?:村|镇|乡|街道|社区)")


def _thing(word: str) -> bool:
    """A dictionary word that names no area (豆粕, 黄金; not 副中心, 新城)."""
    return bool(word) and word_info(word) is not None and not word.endswith(_AREA_ENDS)


def _names_place(item: str, gaz: Gazetteer) -> bool:
    return any(gaz.candidates(item[i:j]) for i in range(len(item)) for j in range(i + 2, len(item) + 1))


def decide_places(text: str, hits: list[PlaceHit], gaz: Gazetteer) -> list[tuple[PlaceHit, str | None]]:
    """Pick one code per hit, or drop the hit; returns (hit, code) pairs.

    The code is None for an ambiguous official name (鼓楼区 with no context): it is kept
    as an unresolved mention of its candidates rather than guessed or dropped.
    """
    known = _context(hits, gaz)
    out: list[tuple[PlaceHit, str | None]] = []
    previous: tuple[PlaceHit, str] | None = None
    for hit in hits:
        parent = previous[1] if previous and previous[0].end == hit.start else None
        county = all(gaz.get(c).level == "county" for c in hit.codes)
        code = None if county and not hit.full and _among_regions(text, hit) else _choose(text, hit, gaz, known, parent)
        if code is not None and not hit.full and _listed_among_things(text, hit, gaz):
            code = None  # 豆粕、白银、菜籽油: an item of a list of things
        if code is not None and not hit.full and _verb_with_aspect(text, hit):
            code = None  # 新建了11个收购站: a verb, not the district 新建
        if code == _TAIWAN and text.startswith(_TAIWAN_FORMULAS, hit.end):
            code = None  # 台湾问题, 台湾同胞, “台湾独立”: a political formula, not the province as a place
        if code is not None and _in_event_name(text, hit):
            code = None  # 2024中国某某国际陶瓷博览会: a place inside an event's name, as in a company's
        if code is not None:
            out.append((hit, code))
            previous = (hit, code)
        elif hit.full and len(hit.codes) > 1 and not hit.risky:
            out.append((hit, None))
    return _counties_listed_together(text, hits, _listed_with_places(text, hits, out), gaz)


_PLACE_JOINERS = frozenset("、和及与")
_ITEM_ENDS = _PLACE_JOINERS | frozenset("等，。；：")


_TAIWAN = "710000"
_TAIWAN_FORMULAS = words("places", "taiwan-formulas")
# what opens an event's name before its place: an edition, a year, 中国 (第30届中国|义乌…, 2024|北京…)
_EVENT_OPENING = re.compile(r"(?:第[0-9一二三四五六七八九十百]+届|[0-9]{4}年?)(?:中国)?[（(]?$|中国[（(]$")
_EVENT_ENDS = re.compile("|".join(words("places", "event-endings")))
_EVENT_REACH = 16  # how far after the place an event's name may end


def _in_event_name(text: str, hit: PlaceHit) -> bool:
    """2024北京国际汽车展览会, 第30届中国某地国际小商品博览会, 中国（某地）国际蔬菜科技博览会: a place
    between an event's opening and its ending word, in one run of characters, is part of its name."""
    if not _EVENT_OPENING.search(text, max(0, hit.start - 8), hit.start):
        return False
    run = re.match(r"[^\s，。；：！？、“”《》]*", text[hit.end : hit.end + _EVENT_REACH])
    ending = _EVENT_ENDS.search(run.group()) if run is not None else None
    if ending is None:
        return False  # and no verb before the ending: 2024年北京市|召开…大会 is a clause
    return not any(w.tag.startswith("v") and w.tag != "vn" for w in tagged(text, hit.end, hit.end + ending.start()))


def _verb_with_aspect(text: str, hit: PlaceHit) -> bool:
    """A short name followed by an aspect particle and more of the clause (新建了11个, 新建着) is
    used as a verb; a place may end a sentence with 了 (去了南昌了。), not go on after it."""
    after = text[hit.end : hit.end + 2]
    return len(after) == 2 and after[0] in _ASPECT and after[1] not in _CLAUSE_ENDS


_ASPECT = frozenset("了着过")
_CLAUSE_ENDS = frozenset("，。；：！？、）”’ \n")


def _whole_item(text: str, hit: PlaceHit) -> bool:
    """The name is a whole item of its list (、义乌等), not part of a longer name (新海港、秀英港)."""
    before, after = text[hit.start - 1 : hit.start] if hit.start else "", text[hit.end : hit.end + 1]
    return (not before or before in _ITEM_ENDS or not before.strip()) and after in _ITEM_ENDS


def _opens_list(text: str, hit: PlaceHit) -> bool:
    """The name is a whole item of a list it may open (在北京、…, 、广州、)."""
    before = text[hit.start - 1 : hit.start] if hit.start else ""
    return text[hit.end : hit.end + 1] in _PLACE_JOINERS and (not before.strip() or before in _ITEM_ENDS or before in _LIST_OPENERS)


_LIST_OPENERS = frozenset("在从到于赴向至")


def _listed_with_places(text: str, hits: list[PlaceHit], decided: list[tuple[PlaceHit, str | None]]) -> list[tuple[PlaceHit, str | None]]:
    """广州、义乌等地: a county's short name with one candidate, listed right beside a place
    that was decided, is that county (the list is its context); a name that is also a common
    word only between two places (北京、海口、上海)."""
    placed = {hit.start: hit for hit, code in decided if code is not None and _whole_item(text, hit)}
    ends = {hit.end: hit for hit, code in decided if code is not None and _opens_list(text, hit)}
    extra: list[tuple[PlaceHit, str | None]] = []
    for hit in hits:
        if hit.start in placed or len(hit.codes) != 1 or not _whole_item(text, hit):
            continue
        after = text[hit.start - 1 : hit.start] in _PLACE_JOINERS and hit.start - 1 in ends
        before = text[hit.end : hit.end + 1] in _PLACE_JOINERS and hit.end + 1 in placed
        if (after and before) or ((after or before) and not hit.risky):  # 北京、海口、上海: a common word between two places
            extra.append((hit, hit.codes[0]))
    return sorted(decided + extra, key=lambda pair: pair[0].start)


def _counties_listed_together(
    text: str, hits: list[PlaceHit], decided: list[tuple[PlaceHit, str | None]], gaz: Gazetteer
) -> list[tuple[PlaceHit, str | None]]:
    """长汀、宁化: two counties' short names (one candidate each, no common words) joined by 、
    and in one province name each other's context."""
    done = {hit.start for hit, code in decided if code is not None}
    extra: list[tuple[PlaceHit, str | None]] = []
    for one, other in itertools.pairwise(hits):
        if one.start in done or other.start in done or text[one.end : other.start] not in _PLACE_JOINERS:
            continue
        if any(len(h.codes) != 1 or h.risky or h.full for h in (one, other)):
            continue
        codes = one.codes[0], other.codes[0]
        if all(gaz.get(c).level == "county" for c in codes) and gaz.province_of(codes[0]) == gaz.province_of(codes[1]):
            extra += [(one, codes[0]), (other, codes[1])]
    return sorted(decided + extra, key=lambda pair: pair[0].start)


def _choose(text: str, hit: PlaceHit, gaz: Gazetteer, known: set[str], parent: str | None) -> str | None:
    codes = hit.codes
    if parent is not None:
        under = [c for c in codes if gaz.is_ancestor(parent, c)]
        if hit.risky and not hit.full:  # 辽宁振兴 is a province's revival, 丹东振兴 a district; 湖北当阳 a county-level city
            under = [c for c in under if gaz.get(c).parent == parent or _county_city_of_province(c, parent, gaz)]
        if under:
            return under[0]
        if not hit.full and gaz.get(parent).level != "province" and all(gaz.get(c).level == "county" for c in codes):
            return None  # 常德|沅江江畔, 浦东|滨江: a county's short name right after a city or county it is not in names something else
    in_context = [c for c in codes if any(a.code in known for a in gaz.chain(c)[1:])]
    level = _level(text[hit.start : hit.end], codes[0], gaz, hit.risky)
    needs_context = (hit.risky and level != "province") or (not hit.full and level == "county")
    # a common word (振兴, 港口) or a one-character county (兴县, 和县) needs its parent right
    # before it or a title right after it: the article's context is not enough
    strict = (hit.risky and not hit.full and level == "county") or (hit.full and hit.end - hit.start == 2)
    if strict:
        return codes[0] if len(codes) == 1 and _followed_by_title(text, hit.end) else None
    if len(codes) == 1:
        if not needs_context or in_context or _followed_by_title(text, hit.end):
            return codes[0]
        return None
    named = [c for c in codes if c in known]
    if len(named) == 1:
        return named[0]  # 吉林 where 吉林省 is named elsewhere
    provinces = [c for c in codes if gaz.get(c).level == "province"]
    if len(provinces) == 1 and text[hit.end : hit.end + 1] not in _LEVEL_CHARS and not any(a.code in known for c in in_context for a in gaz.chain(c)[1:] if a.level != "province"):
        return provinces[0]  # 河南 beside 青海: the province, not 青海's county named 河南 (its prefecture is not named)
    if len(in_context) == 1:
        return in_context[0]
    for depth in (1, 2):  # the nearest named ancestor decides: 南京市 (city) over 江苏省 (province)
        near = [c for c in in_context if len(gaz.chain(c)) > depth and gaz.chain(c)[depth].code in known]
        if near:
            if len(near) == 1:
                return near[0]
            break
    form = text[hit.start : hit.end]
    levels = sorted(codes, key=lambda c: ("province", "prefecture", "county").index(_level(form, c, gaz, hit.risky)))
    top, second = _level(form, levels[0], gaz, hit.risky), _level(form, levels[1], gaz, hit.risky)
    if top != second and not hit.risky:
        return levels[0]
    return None


def _county_city_of_province(code: str, parent: str, gaz: Gazetteer) -> bool:
    """湖北|当阳: a county-level city is written after its province's name."""
    division = gaz.get(code)
    return gaz.get(parent).level == "province" and division.level == "county" and division.name.endswith("市")


def _level(form: str, code: str, gaz: Gazetteer, risky: bool) -> str:
    """The division's level, a county-level unit its province governs directly (济源, 琼海)
    counting as a city, unless its short form is also a common word (东方) or a person's
    name (文昌, 白杨)."""
    if gaz.under_province(code) and not (form != gaz.get(code).name and (risky or _name_like(form))):
        return "prefecture"
    return gaz.get(code).level


def _name_like(form: str) -> bool:
    info = word_info(form)
    return info is not None and info[1].startswith("nr") and info[0] >= _NAME_FREQ


def main_province(codes: list[str], gaz: Gazetteer) -> str | None:
    """The province named most often (directly or through its divisions)."""
    counts: dict[str, int] = {}
    for code in codes:
        province = gaz.province_of(code)
        counts[province] = counts.get(province, 0) + 1
    if not counts:
        return None
    best = max(sorted(counts), key=lambda p: counts[p])
    return best


def main_divisions(codes: list[str], gaz: Gazetteer) -> dict[str, str]:
    """The division an implicit 市/区/县 most likely means: the one of that kind named
    most often in the article, when no other of that kind is named as often."""
    counts: dict[str, dict[str, int]] = {}
    for code in codes:
        suffix = gaz.get(code).name[-1]
        if suffix in "市区县州" and not gaz.get(code).name.endswith("自治区"):
            by_code = counts.setdefault(suffix, {})
            by_code[code] = by_code.get(code, 0) + 1
    out = {}
    for suffix, by_code in counts.items():
        ranked = sorted(by_code.items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            out[suffix] = ranked[0][0]
    return out
