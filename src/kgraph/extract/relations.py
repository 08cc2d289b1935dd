"""Relations stated by the text between organisations, zones and districts.

- incubatedBy: 由X孵化的Y, Y由X孵化, X孵化的Y, X孵化出A、B → Y incubatedBy X.
- coBuiltWith: every partner named before 共建 / 联合共建 / 共同建设 (A、B、C三方共建的X,
  A与B共建X, 由A和B共同建设的X) — organisations, organs and districts alike — with
  every thing built after it; pairwise with 分别.
- locatedIn, for a company, lab or zone, from the sentence:
  * a district or zone written right before the name (平乡县|邢台恒鹏车业有限公司,
    无锡高新区|华芯光电, 广东深圳“无人机谷”);
  * an attribute before it: 位于X的…, 总部位于X的…, 来自X的…, X的…;
  * a verb after it: …落户/扎根/投产于/位于/坐落于/入驻/设在/在 X;
  * a clause that opens on a place: 在X，…, X，…;
  * in a sentence that refers back to a place (他们, 当地, 这里) and has a settling
    verb, the paragraph's topic district (the region of the official speaking, or the
    district that opened an earlier sentence).
  Partners and incubators are not placed.

Facts read from a name (洛阳高新区 → 洛阳市) are found in :mod:`kgraph.extract.record_name_places`,
which has the gazetteer; every fact here is stated in its sentence.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from kgraph.model import Predicate
from kgraph.resources.lexicon import alternation, load_lexicon, words

__all__ = ["Span", "find_relations"]

_SETTLE = words("relations", "settle-verbs")
_BACK_REFERENCE = words("relations", "back-references")
_PARTNER_SEPARATORS = words("relations", "partner-separators")
_PLACING_VERBS = words("relations", "placing-verbs")
_IN_THEN = words("relations", "in-then-verbs")
_VISIT = words("relations", "visit-verbs")
_MEETING = words("relations", "meeting-verbs")
_VISIT_OPEN = ("在", "到", "赴", "来到", "抵达")
_COUNTRIES = tuple(sorted(load_lexicon().foreign_names, key=len, reverse=True))  # not 国际: 国际铁路港综合保税区
# 在X，… or X，… opening a clause (after a time or linking word): X is where it happens
_LOCATIVE_OPEN = re.compile(r"^(?:今年|去年|目前|近年来|同时|此外|其中|如今|近日|日前)?[，,]?(?:在|走进|来到)?$")
# a district as the subject of a verb of building: 宁夏着力创建…, 湖南加快…建设
_BUILDS = re.compile(
    "^(?:" + alternation(words("relations", "subject-adverbs")) + "){0,2}(?:" + alternation(words("relations", "building-verbs")) + ")"
)
# a clause that builds what it lists: [adverbs] building verbs, then earlier items of the list
_BUILDS_CLAUSE = re.compile(
    "^(?:" + alternation(words("relations", "subject-adverbs")) + "){0,3}(?:" + alternation(words("relations", "building-verbs")) + "){1,2}了?"
    + "(?:[^，,；;。]*[、和])?$"
)
# what may precede a district that becomes the paragraph's topic (例如X…, 在X…)
_TOPIC_LEAD = re.compile(r"^(?:例如|比如|同时|此外|其中|目前|如今|另外|而|在)?[，,]?$")
# the co-building verb: 共建, 联合共建, 合作共建, 共同建设, 共同组建
_COBUILD = re.compile("(?:联合|合作)?共建|共同(?:建设|组建|打造)")
# 孵化 between an incubator and what it incubated
_INCUBATED = re.compile(r"(?:\([^)]*\)|（[^）]*）)?(?:孵化|培育)(?:出|了)?的?")
# a verb that places what comes before it in the place after it (…落户X, …在X启用)
_PLACED_BY = re.compile("(?:" + alternation(_PLACING_VERBS) + ")$")
# a clause right after a name that places it: ，总部位于 / ，位于 / ，其总部设在
_NEXT_CLAUSE_PLACES = re.compile("[，,](?:其|公司)?(?:总部)?(?:" + alternation(_PLACING_VERBS) + ")")
_QUOTES = "“”「」\"‘’《》"
# a demonstrative between 的 and the name it points at (位于湖北黄冈的这个产业园)
_VISIT_CLAUSE = re.compile(r"[^，。；：！？]{0,10}?(?:考察|调研|视察)")
_VISITED_LEAD = re.compile(r"(?:(?:^|[，。；：\n\s])在|来到|走进|前往|深入)$")
_VISITED_END = frozenset("，、。；：和及与的（(")
# a site of the organisation named right before it, then the end of the list item (…集团塔山煤矿、)
_FACILITY = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:" + alternation(words("relations", "facilities")) + ")(?=[，、。；：和及与])")
_FIRST_OF = re.compile("的?(?:首家|第一家|首个|第一个|唯一一家|唯一的)")
_DEMONSTRATIVE = re.compile("(?<=的)(?:这|那|一)(?:个|家|所|座|片|处)$")

Fact = tuple[str, Predicate, str, int, int]


@dataclass(frozen=True)
class Span:
    """An entity span in the article: key and offsets. ``roams``: a nationwide enterprise
    (中储粮, 中国银行) that works everywhere, so the place of the clause it acts in does not
    place it (在内蒙古，中储粮启动收购), nor does a visit (to one of its local units); only a
    verb of settling does (落户)."""

    start: int
    end: int
    key: str
    roams: bool = False


def find_relations(
    text: str,
    sentences: list[tuple[int, int]],
    orgs: list[Span],
    places: list[Span],
    speakers: list[Span],
    partner_key: Callable[[str], str | None] = lambda _: None,
    within: Callable[[str, str], bool] = lambda _a, _b: False,
    name_place: Callable[[str], str | None] = lambda _: None,
) -> list[Fact]:
    """(subject, predicate, object, sentence start, sentence end) tuples.

    ``orgs`` are companies, labs and zones; ``places`` districts; ``speakers`` officials'
    chains keyed by the district of the chain's most specific region. ``partner_key``
    gives the key of a partner named in a co-building that is no span (国家某某局);
    ``within(a, b)`` tells whether district ``a`` lies within district ``b``; ``name_place``
    gives the district an organisation's name holds (博世汽车部件（苏州）有限公司), if any.
    """
    out: list[Fact] = []
    topic: str | None = None
    opener: str | None = None
    visit: str | None = None
    paragraph_start = -1
    orgs = sorted(orgs, key=lambda o: o.start)
    org_starts = [o.start for o in orgs]
    places_by_start = sorted(places, key=lambda p: p.start)  # each sentence's share found by bisection
    place_starts = [p.start for p in places_by_start]
    speakers_by_start = sorted(speakers, key=lambda p: p.start)
    speaker_starts = [p.start for p in speakers_by_start]
    for start, end in sentences:
        here_places = places_by_start[bisect.bisect_left(place_starts, start) : bisect.bisect_left(place_starts, end)]
        paragraph = text.rfind("\n", 0, start)
        first = paragraph != paragraph_start
        if first:
            topic, paragraph_start = None, paragraph
            opener = _opening_place(text, start, end, here_places)
        here = orgs[bisect.bisect_left(org_starts, start) : bisect.bisect_left(org_starts, end)]
        here_speakers = speakers_by_start[bisect.bisect_left(speaker_starts, start) : bisect.bisect_left(speaker_starts, end)]
        inner = _incubations(text, here, start) + _cobuilds(text, start, end, here + here_places, partner_key)
        out.extend((s, p, o, start, end) for s, p, o in inner)
        partners = {o for _, _, o in inner}
        out.extend((s, Predicate.LOCATED_IN, o, start, end) for s, o in _cobuilt_places(inner, within, name_place))
        topic = _next_topic(text, start, here_places, here_speakers, topic)
        free = [p for p in here_places if not any(s.start <= p.start < s.end for s in here_speakers)]
        placed = _locate(text, (start, end), here, free, topic, partners, within)
        if not first and opener is not None and not here_places:
            done = {s for s, _ in placed}  # 在湖南，…。 later: the paragraph's place
            placed += [(o.key, opener) for o in here if o.key not in done | partners and not o.roams and not _foreign_name(text[o.start : o.end])]
        visit = _visit_place(text, (start, end), here_places, within, visit)
        if visit is not None and not here_places:
            visit = _visit_after_names(text, here, visit, within, name_place)
        if visit is not None and not here_places:
            done = {s for s, _ in placed} | partners
            for org in _visited_orgs(text, (start, end), here):
                held = name_place(text[org.start : org.end])
                if org.key not in done and not org.roams and (held is None or held == visit or within(visit, held)):
                    placed.append((org.key, visit))  # 在安徽调研 … 在安徽叉车集团: the name's place is the visit's
        out.extend((s, Predicate.LOCATED_IN, o, start, end) for s, o in placed)
    return out


def _opening_place(text: str, start: int, end: int, places: list[Span]) -> str | None:
    """在X，… opening a paragraph: one place (or a place and its parts), not a list."""
    if not places or not re.match(r"(?:在|走进|来到)$", text[start : places[0].start]):
        return None
    last = _most_specific(places[0], places)
    after = text[last.end : last.end + 1]
    return last.key if after in "，," else None


# ── incubation and co-building ──────────────────────────────────────────────


def _incubations(text: str, orgs: list[Span], sentence_start: int = 0) -> list[tuple[str, Predicate, str]]:
    out = []
    orgs = _without_bracketed_aliases(text, orgs)
    for left, right in itertools.pairwise(orgs):
        between = text[left.end : right.start]
        if _INCUBATED.fullmatch(between):
            out.append((right.key, Predicate.INCUBATED_BY, left.key))
            out += [(o.key, Predicate.INCUBATED_BY, left.key) for o in _listed_after(text, right, orgs)]
        elif re.fullmatch(r"(?:[（(][^）)]*[）)])?(?:是)?由", between) and text[right.end : right.end + 2] == "孵化":
            out.append((left.key, Predicate.INCUBATED_BY, right.key))
        elif _by_incubator(text, right) and _opens(text, orgs[0], sentence_start) and orgs[0] is not right and not _spoken(text, orgs[0], right):
            out.append((orgs[0].key, Predicate.INCUBATED_BY, right.key))  # Y位于某地，由X孵化: Y is the clause's subject
    return out


def _without_bracketed_aliases(text: str, orgs: list[Span]) -> list[Span]:
    """Some研究所（以下简称“某所”）孵化的…: the short name in brackets after a name is that name again."""
    out: list[Span] = []
    for org in orgs:
        if out and _bracketed(text, out[-1].end, org.end):
            continue
        out.append(org)
    return out


def _bracketed(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` opens a bracket right away and the bracket is still open at ``end``."""
    inside = text[start:end]
    return inside[:1] in ("（", "(") and inside.count("（") + inside.count("(") > inside.count("）") + inside.count(")")


def _by_incubator(text: str, span: Span) -> bool:
    """，由X孵化 / ，是由X孵化: an incubator in a clause of its own after the subject's, the clause
    ending there."""
    if not text.endswith(("，由", "，是由"), 0, span.start) or text[span.end : span.end + 2] != "孵化":
        return False
    return text[span.end + 2 : span.end + 3] in _CLAUSE_ENDS  # not 由X孵化的项目: a relative clause


_CLAUSE_ENDS = frozenset("，。；,;！？")


def _spoken(text: str, subject: Span, incubator: Span) -> bool:
    """某公司负责人介绍，由X孵化…: what the subject's people say, not the subject's own clause."""
    return any(word in text[subject.end : incubator.start] for word in _SPEECH)


_SPEECH = words("relations", "speech-words")


def _opens(text: str, span: Span, sentence_start: int) -> bool:
    """The span is the first words of its sentence: the subject of its clauses."""
    return not text[sentence_start : span.start].strip()


def _listed_after(text: str, first: Span, orgs: list[Span]) -> list[Span]:
    """A、B、C after 孵化出: the items that follow the first one, joined by 、 or 和."""
    out, last = [], first
    for org in (o for o in orgs if o.start >= first.end):
        if text[last.end : org.start] not in ("、", "和", "及", "以及"):
            break
        out.append(org)
        last = org
    return out


def _cobuilds(
    text: str, start: int, end: int, spans: list[Span], partner_key: Callable[[str], str | None]
) -> list[tuple[str, Predicate, str]]:
    found = _COBUILD.search(text, start, end)
    if found is None:
        return []
    built = [o for o in spans if o.start >= found.end() and _is_built(o.key) and _near(text, found.end(), o.start)]
    if not built and text[found.end() : found.end() + 1] in "，,。；;":
        built = _topic_built(text, start, found.start(), spans)  # “X中心”获批，…，由A和B合作共建，…
    partners = _partners(text, start, found.start(), spans, partner_key)
    if not partners or not built:
        return []
    if "分别" in text[start : found.start()] and len(partners) == len(built):
        return [(b.key, Predicate.CO_BUILT_WITH, p) for p, b in zip(partners, built)]
    return [(b.key, Predicate.CO_BUILT_WITH, p) for p in partners for b in built if p != b.key]


def _topic_built(text: str, start: int, end: int, spans: list[Span]) -> list[Span]:
    """The lab or zone the sentence is about when 共建 has no object (“X中心”获批，中心…，由A和B
    合作共建): the one named before the partners' clause, when there is only one."""
    clause = max([text.rfind(p, start, end) for p in "，,；;"] + [start - 1]) + 1
    before = [o for o in spans if start <= o.start and o.end <= clause and _is_built(o.key)]
    return before if len({o.key for o in before}) == 1 else []


def _cobuilt_places(
    facts: list[tuple[str, Predicate, str]], within: Callable[[str, str], bool], name_place: Callable[[str], str | None]
) -> list[tuple[str, str]]:
    """浙江大学和杭州市钱塘区政府共建的X: a district (or a district's government) that
    co-builds a name hosts it (the innermost, when the districts are one inside another; none
    when they are apart)."""
    districts: dict[str, list[str]] = {}
    for subject, predicate, obj in facts:
        if predicate is not Predicate.CO_BUILT_WITH:
            continue
        place = obj if obj.startswith("district:") else name_place(obj.split(":", 1)[1]) if obj.startswith("organ:") else None
        if place is not None:
            districts.setdefault(subject, []).append(place)
    out = []
    for subject, found in districts.items():
        inner = [d for d in found if all(d == other or within(d, other) for other in found)]
        if len(inner) == 1:
            out.append((subject, inner[0]))
    return out


def _is_built(key: str) -> bool:
    return key.split(":", 1)[0] in ("lab", "company", "zone")


def _near(text: str, at: int, start: int) -> bool:
    """Only 的, quotes or a short modifier between the verb and what was built."""
    between = text[at:start]
    return len(between) <= 6 and not any(p in between for p in "，。；,;")


_GOVERNMENTS = words("relations", "governments")


def _partners(
    text: str, start: int, end: int, spans: list[Span], partner_key: Callable[[str], str | None]
) -> list[str]:
    """The partners named in the phrase before the co-building verb, right to left:
    items joined by 、/与/和/及 (A、B、C三方, 由A和B), each a span or a name that
    ``partner_key`` knows."""
    phrase_start = max([text.rfind(p, start, end) for p in "，,；;："] + [start - 1]) + 1
    if _SIDES_ONLY.fullmatch(text[phrase_start:end].strip()) and phrase_start - 1 > start:
        # A与B签署协议，双方将共建X: the sides are the parties that open the clause before
        before = max([text.rfind(p, start, phrase_start - 1) for p in "，,；;："] + [start - 1]) + 1
        parties = _PARTIES.match(text, before, phrase_start - 1)
        if parties is not None:
            phrase_start, end = before, parties.end(1)
    lead = _LEAD.search(text, start, phrase_start) if _CO_VERB.match(text, phrase_start) else None
    if lead is not None:  # 由A牵头，协同B共建的X: the leader of the clause before is a partner too
        phrase_start, end = lead.start(), end
    phrase = text[phrase_start:end]
    phrase = re.sub(r"(?:[两三四五六七八九十多]方|双方|各方|合作|携手|共同|联合|依托[^、与和及]*)$", "", phrase)
    phrase = _LEAD_JOIN.sub("、", phrase)
    phrase = re.sub(r"^.*?(?:由|同|以及)", "", phrase) if any(w in phrase for w in ("由", "同")) else phrase
    keys_found: list[str] = []
    at = phrase_start + (len(text[phrase_start:end]) - len(text[phrase_start:end].lstrip()))
    for item in re.split("|".join(map(re.escape, _PARTNER_SEPARATORS)), phrase):
        item = item[len(next((v for v in _VISIT if item.startswith(v) and len(item) > len(v) + 1), "")) :]  # 走进|某某局
        item_start = text.find(item, at, end) if item else -1
        if item_start < 0:
            continue
        at = item_start + len(item)
        end_of_name = at - next((len(g) for g in _GOVERNMENTS if item.endswith(g)), 0)  # 某某区政府: the district builds
        span = next((s for s in spans if s.start >= item_start and s.end == at), None) or next(
            (s for s in spans if s.start >= item_start and s.end == end_of_name < at and s.key.startswith("district:")), None
        )
        key = span.key if span is not None else partner_key(item.strip())
        if key is not None and key not in keys_found:
            keys_found.append(key)
    return keys_found


# 由A牵头，协同B、C共建的X: the clause that names the leader, and the verb that joins the others to it
_CO_VERBS = "(?:协同|联合|会同|携手|联手)"
_CO_VERB = re.compile(r"\s*" + _CO_VERBS)
_LEAD = re.compile(r"由[^，,；;。]{2,20}?牵头[，,]\s*$")
_LEAD_JOIN = re.compile(r"牵头[，,]\s*" + _CO_VERBS)


# a clause of only the sides before 共建 (双方将, 三方共同), and the parties an earlier clause opens with
# before the verb of their agreement (A与B签署…)
_SIDES = words("relations", "sides")
_SIDE_ADVERBS = words("relations", "side-adverbs")
_SIDES_ONLY = re.compile(f"(?:{alternation(_SIDES)})(?:{alternation(_SIDE_ADVERBS)})*")
_PARTIES = re.compile(r"\s*([^，。；]{4,40}?[与和及][^，。；]{2,30}?)(?:正式)?(?:签署|签订|签约|达成|举行|就)")


# ── locatedIn ────────────────────────────────────────────────────────────────


def _locate(
    text: str, sentence: tuple[int, int], orgs: list[Span], places: list[Span], topic: str | None, partners: set[str],
    within: Callable[[str, str], bool],
) -> list[tuple[str, str]]:  # fmt: skip
    start, end = sentence
    locations = sorted(places + [o for o in orgs if o.key.startswith("zone:")], key=lambda s: s.start)
    out = []
    for org in orgs:
        if org.key in partners or _foreign_name(text[org.start : org.end]):
            continue
        target = (
            _adjacent(text, org, locations)
            or _attributive(text, org, locations)
            or _placed_after(text, org, locations, end)
        )
        if target is None and not org.roams and not any(verb in text[start : org.start] for verb in _MEETING):
            target = (  # 在北京会见…: where a meeting is held says nothing of the guests
                _clause_place(text, org, places, start)
                or _place_phrase_before(text, org, places, start)
                or _building_subject(text, org, places, start)
                or _topic_builds(text, org, places, start)
                or _in_place_before(text, org, places, start)
                or _visited(text, org, places, sentence, within)
            )
        if target is None and topic and not org.roams and _refers_back(text[start:end]):
            target = topic
        if target is not None and target != org.key:
            out.append((org.key, target))
    return out


def _foreign_name(name: str) -> bool:
    """美国黑石集团: a company named after another country is not placed by a Chinese sentence."""
    return name.startswith(_COUNTRIES)


def _refers_back(sentence: str) -> bool:
    return any(w in sentence for w in _SETTLE) and any(w in sentence for w in _BACK_REFERENCE)


def _adjacent(text: str, org: Span, locations: list[Span]) -> str | None:
    """A district or zone written right before the name: 陕西省|秦川银行, 无锡高新区|华芯光电,
    广东深圳“无人机谷”."""
    for location in locations:
        if location.end <= org.start and not text[location.end : org.start].strip(_QUOTES):
            return location.key
    return None


def _attributive(text: str, org: Span, locations: list[Span]) -> str | None:
    """位于X的Org, 总部位于X的Org, 来自X的Org, X的Org, 位于X的这个Org: the district right
    before 的."""
    before = [p for p in locations if p.end <= org.start]
    if not before:
        return None
    place = before[-1]
    between = _DEMONSTRATIVE.sub("", text[place.end : org.start])
    listed = len(before) > 1 and text[before[-2].end : place.start] in ("、", "和", "与", "及")
    if listed:
        return None  # 海口、三亚的…园区: which of them is not said
    if between == "的" or (between.endswith("的") and between[:-1].strip(_QUOTES) == ""):
        return place.key
    return None


def _placed_after(text: str, org: Span, locations: list[Span], end: int) -> str | None:
    """…Org落户/扎根/投产于/位于/坐落于/入驻/设在 X, with X right after the verb, or Org在X
    and a verb of opening or building (启用, 投产)."""
    for place in locations:
        if place.start < org.end or place.start >= end:
            continue
        between = text[org.end : place.start]
        chained = _most_specific(place, locations)
        if len(between) <= 16 and not any(p in between for p in "，。；,;") and _PLACED_BY.search(between):
            return chained.key
        if _NEXT_CLAUSE_PLACES.fullmatch(between) and text[chained.end : chained.end + 1] != "的":
            return chained.key  # 某某有限公司，总部位于某县 (not ，位于某县的工厂): the name is the next clause's subject
        if between == "在" and text.startswith(_IN_THEN, chained.end):
            return chained.key  # 某基地在某某经开区启用
        if between == "成为" and _FIRST_OF.match(text, chained.end):
            return chained.key  # …有限公司成为某县首家文具工厂
        return None
    return None


def _in_place_before(text: str, org: Span, places: list[Span], start: int) -> str | None:
    """在江苏盐城建设的X, 在湖北武汉考察时来到X: 在 and a place earlier in the same clause,
    with no other place between them and the name."""
    clause = max([text.rfind(p, start, org.start) for p in "，,；;：:"] + [start - 1]) + 1
    before = [p for p in places if clause <= p.start and p.end <= org.start]
    for index, place in enumerate(before):
        if text[place.start - 1 : place.start] == "在":
            chain = _most_specific(place, before)
            later = [p for p in before[index + 1 :] if p.start >= chain.end]
            return None if later else chain.key
    return None


def _visited(
    text: str, org: Span, places: list[Span], sentence: tuple[int, int], within: Callable[[str, str], bool]
) -> str | None:
    """到山东曲阜考察，在孔子研究院…: in a sentence about a visit, the places named before the
    name, when they are one place and its parents, place it in the innermost."""
    start, end = sentence
    if org.key.startswith("zone:") or not any(verb in text[start:end] for verb in _VISIT):
        return None
    before = [p for p in places if start <= p.start and p.end <= org.start]
    if not before or not (text.endswith(_VISIT_OPEN, 0, before[0].start) or text.startswith(_VISIT, before[-1].end)):
        return None  # 来自四川的企业来到…: only the places of the visit (在X, 到X, 赴X, X考察期间)
    return _common_place(before, within)  # 在江苏苏州和江阴…: 江苏


def _visit_place(
    text: str, sentence: tuple[int, int], places: list[Span], within: Callable[[str, str], bool], visit: str | None
) -> str | None:
    """Where a visit story is: 李明在山西太原考察 opens it in 太原 (the innermost of places
    written one after another); a later place outside it closes it, places inside keep it."""
    start, end = sentence
    ordered = sorted(places, key=lambda p: p.start)
    opening = _opening_visit(text, sentence, ordered, within)
    if opening is not None:
        return opening
    for place in ordered:
        clause = _VISIT_CLAUSE.match(text, place.end, end)
        if text[start : place.start].endswith(("在", "到", "赴")) and clause:
            inner = _most_specific(place, ordered).key
            named = [p.key for p in ordered if place.start <= p.start < clause.end()]
            if all(k == inner or within(inner, k) for k in named):
                return inner
            return place.key if all(k == place.key or within(k, place.key) for k in named) else None  # 在辽宁沈阳、大连调研
    if visit is not None and any(not (p.key == visit or within(p.key, visit) or within(visit, p.key)) for p in places):
        return None
    return visit


def _opening_visit(
    text: str, sentence: tuple[int, int], places: list[Span], within: Callable[[str, str], bool]
) -> str | None:
    """在江苏苏州和江阴，某某前往…调研: a sentence that opens on 在 and places, then a comma, and
    has a verb of a visit is a visit there (the places' common parent when they are several)."""
    start, end = sentence
    if not places or text[start : places[0].start] != "在" or not any(v in text[start:end] for v in _VISIT + ("前往",)):
        return None
    run = [places[0]]
    for place in places[1:]:
        if text[run[-1].end : place.start] not in ("", "、", "和"):
            break
        run.append(place)
    if text[run[-1].end : run[-1].end + 1] not in ("，", ","):
        return None
    common = _common_place(run, within)
    if common is None or any(not (p.key == common or within(p.key, common)) for p in places[len(run) :]):
        return None  # 在江苏南京和苏州，代表团前往北京调研: the sentence goes elsewhere
    return common


def _common_place(places: list[Span], within: Callable[[str, str], bool]) -> str | None:
    """The innermost of places that nest (山东|曲阜), else the first when it holds the others
    (江苏|苏州和江阴), else None."""
    inner, outer = places[-1].key, places[0].key
    if all(p.key == inner or within(inner, p.key) for p in places):
        return inner
    return outer if all(p.key == outer or within(p.key, outer) for p in places) else None


def _visited_orgs(text: str, sentence: tuple[int, int], orgs: list[Span]) -> list[Span]:
    """The names a visit goes to, in a sentence that names no place: 在Org，…, 来到Org,
    走进Org and the names listed right after them (在A、B，…), each ending where a clause or a
    list goes on; no foreign names, no meetings."""
    out: list[Span] = []
    for org in sorted(orgs, key=lambda o: o.start):
        lead = text[max(0, org.start - 4) : org.start]
        listed = bool(out) and text[out[-1].end : org.start] in ("、", "和", "及", "以及")
        whole = text[org.end : org.end + 1] in _VISITED_END or _FACILITY.match(text, org.end) is not None  # not 来到中国科学院|量子信息…研究院, a name cut short; 某集团|塔山煤矿、
        if (_VISITED_LEAD.search(lead) or listed) and whole and not _foreign_name(text[org.start : org.end]):
            out.append(org)
    return [] if any(verb in text[sentence[0] : sentence[1]] for verb in _MEETING) else out


def _visit_after_names(
    text: str, orgs: list[Span], visit: str, within: Callable[[str, str], bool], name_place: Callable[[str], str | None]
) -> str | None:
    """A name that holds a place outside the visit (来到江苏长电科技…) shows the visit has moved on."""
    for org in orgs:
        held = name_place(text[org.start : org.end])
        if held is not None and not (held == visit or within(held, visit) or within(visit, held)):
            return None
    return visit


def _most_specific(place: Span, locations: list[Span]) -> Span:
    """宜昌市|猇亭区: the last of places written one after another."""
    for following in locations:
        if following.start == place.end:
            return _most_specific(following, locations)
    return place


def _clause_place(text: str, org: Span, places: list[Span], start: int) -> str | None:
    """在X，… / X，… / 走进X… opening the sentence or the organisation's clause."""
    clause = max([text.rfind(p, start, org.start) for p in "；;"] + [start - 1]) + 1
    for index, place in enumerate(places):
        if place.start < clause or place.start >= org.start:
            continue
        if re.search("[，,]在", text[place.end : org.start]):
            return None  # 在贵州的X，在Y的Z: a new 在 clause has its own place
        lead = text[clause : place.start]
        after = text[place.end : place.end + 1]
        if _LOCATIVE_OPEN.match(lead) and (lead.endswith(("在", "走进", "来到")) or after in "，,"):
            while index + 1 < len(places) and places[index + 1].start == places[index].end:
                index += 1
            if text[places[index].end : places[index].end + 1] in "、和":
                return None  # 在鄂尔多斯、呼和浩特，…: which of them is not said
            if _name_follows(text, places[index].end) or _event_frame(text, places[index].end, org.start):
                return None  # 在日喀则市上海实验学校，…: the place opens a longer name
            return places[index].key
    return None


def _place_phrase_before(text: str, org: Span, places: list[Span], start: int) -> str | None:
    """…，在上海，复旦大学…: a phrase 在X， right before the name, after a comma."""
    chain = [p for p in places if start <= p.start and p.end <= org.start]
    if not chain or text[chain[-1].end : org.start] not in ("，", ","):
        return None
    first = len(chain) - 1
    while first > 0 and chain[first - 1].end == chain[first].start:
        first -= 1
    opening = text[max(start, chain[first].start - 2) : chain[first].start]
    return chain[-1].key if opening in ("，在", ",在") else None


def _event_frame(text: str, end: int, until: int) -> bool:
    """在某市某小学的“开学第一课”上，…: the place is where an event is held (the frame ends in
    上), which says nothing of the organisations taking part."""
    comma = min((at for at in (text.find(p, end, until) for p in "，,") if at >= 0), default=-1)
    return comma > end + 1 and text[comma - 1] == "上"


def _name_follows(text: str, end: int) -> bool:
    """A place followed by a name of some place of its own (学校, 医院, 中心…) up to the comma."""
    rest = re.match(r"[^，,。；;：:、]{2,14}?(?:学校|小学|中学|医院|中心|馆|站|村|社区)[，,]", text[end:])
    return rest is not None


def _building_subject(text: str, org: Span, places: list[Span], start: int) -> str | None:
    """X（将|着力…）建设/打造/创建…Org, with X the subject opening the clause: Org is in X."""
    clause = max([text.rfind(p, start, org.start) for p in "，,；;"] + [start - 1]) + 1
    before = [p for p in places if clause <= p.start and p.end <= org.start]
    if not before or not _LOCATIVE_OPEN.match(text[clause : before[0].start]) or text[before[0].start - 1 : before[0].start] == "在":
        return None
    place = _most_specific(before[0], before)
    if any(p.start >= place.end for p in before) or not _BUILDS.match(text[place.end : org.start]):
        return None  # a second place in between: which one is not said
    return place.key


def _topic_builds(text: str, org: Span, places: list[Span], start: int) -> str | None:
    """宁夏将坚持…，加力建设X示范区、Y示范区: a district opening the sentence as its subject
    places what a later clause of it builds, when no other place comes between."""
    before = [p for p in places if start <= p.start and p.end <= org.start]
    if not before:
        return None
    opening = max([text.rfind(p, start, before[0].start) for p in "，,"] + [start - 1]) + 1  # 作为经济大省，山东…
    if not _LOCATIVE_OPEN.match(text[opening : before[0].start]) or text[before[0].start - 1 : before[0].start] == "在":
        return None
    place = _most_specific(before[0], before)
    if any(p.start >= place.end for p in before) or text[place.end : place.end + 1] in "的、和与，,":
        return None
    clause = max([text.rfind(p, start, org.start) for p in "，,；;"]) + 1
    if clause <= place.end or not _BUILDS_CLAUSE.match(text[clause : org.start]):
        return None
    return place.key


def _next_topic(text: str, start: int, places: list[Span], speakers: list[Span], topic: str | None) -> str | None:
    if speakers:
        return speakers[-1].key
    for place in places:
        if _TOPIC_LEAD.match(text[start : place.start]):
            return place.key
    return topic
