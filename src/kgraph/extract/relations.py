"""Relations stated by the text between organisations and districts.

- incubatedBy: 由X孵化的Y, Y由X孵化 → Y incubatedBy X.
- coBuiltWith: (分别)与A和B共建C、D → C coBuiltWith A … (pairwise with 分别).
- locatedIn: an organisation is placed in the sentence's locative district
  (在X，…; 位于X; …落户/落地X), or, in a sentence that refers back to a place
  (他们, 当地, 这里) and has a settling verb, in the paragraph's topic district: the
  region of the official speaking in that paragraph or the district that opened
  an earlier sentence. Partners and incubators are not placed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from kgraph import keys
from kgraph.model import Predicate
from kgraph.resources.lexicon import words

__all__ = ["Span", "find_relations"]

# 在X，… opening a sentence (after a time or linking word): X is where it happens
_LOCATIVE_OPEN = re.compile(r"^(?:今年|去年|目前|近年来|同时|此外|其中)?[，,]?在$")
_SETTLE = words("relations", "settle-verbs")
_BACK_REFERENCE = words("relations", "back-references")
# what may precede a district that becomes the paragraph's topic (例如X…, 在X…)
_TOPIC_LEAD = re.compile(r"^(?:例如|比如|同时|此外|其中|目前|如今|另外|而|在)?[，,]?$")
_PARTNER_OPEN = words("relations", "partner-open")


@dataclass(frozen=True)
class Span:
    """An entity span in the article: key and offsets."""

    start: int
    end: int
    key: str


def find_relations(
    text: str,
    sentences: list[tuple[int, int]],
    orgs: list[Span],
    places: list[Span],
    speakers: list[Span],
) -> list[tuple[str, Predicate, str, int, int]]:
    """(subject, predicate, object, sentence start, sentence end) tuples.

    ``speakers`` are officials' chains: the span of the chain and name, keyed by
    the district key of the chain's most specific region.
    """
    out: list[tuple[str, Predicate, str, int, int]] = []
    topic: str | None = None
    paragraph_start = -1
    for start, end in sentences:
        paragraph = text.rfind("\n", 0, start)
        if paragraph != paragraph_start:
            topic, paragraph_start = None, paragraph
        here = [o for o in orgs if start <= o.start < end]
        here_places = [p for p in places if start <= p.start < end]
        here_speakers = [s for s in speakers if start <= s.start < end]
        inner = _incubations(text, here) + _cobuilds(text, start, end, here)
        out.extend((s, p, o, start, end) for s, p, o in inner)
        partners = {o for s, p, o in inner}
        topic = _next_topic(text, start, here_places, here_speakers, topic)
        placed = _locate(text, start, end, here, here_places, topic, partners)
        out.extend((s, Predicate.LOCATED_IN, o, start, end) for s, o in placed)
    return out


def _incubations(text: str, orgs: list[Span]) -> list[tuple[str, Predicate, str]]:
    out = []
    for left, right in itertools.pairwise(orgs):
        between = text[left.end : right.start]
        if re.fullmatch(r"(?:\([^)]*\)|（[^）]*）)?孵化(?:出)?的?", between):
            out.append((right.key, Predicate.INCUBATED_BY, left.key))
        elif re.fullmatch(r"(?:是)?由", between) and text[right.end : right.end + 2] == "孵化":
            out.append((left.key, Predicate.INCUBATED_BY, right.key))
    return out


def _cobuilds(text: str, start: int, end: int, orgs: list[Span]) -> list[tuple[str, Predicate, str]]:
    at = text.find("共建", start, end)
    if at < 0:
        return []
    partners = [o for o in orgs if o.end <= at and text[max(start, o.start - 4) : o.start].endswith(_PARTNER_OPEN + ("、",))]
    built = [o for o in orgs if o.start >= at + 2]
    if not partners or not built:
        return []
    if "分别" in text[start:at] and len(partners) == len(built):
        return [(b.key, Predicate.CO_BUILT_WITH, p.key) for p, b in zip(partners, built)]
    return [(b.key, Predicate.CO_BUILT_WITH, p.key) for p in partners for b in built]


def _locate(
    text: str, start: int, end: int, orgs: list[Span], places: list[Span], topic: str | None, partners: set[str]
) -> list[tuple[str, str]]:
    sentence = text[start:end]
    out = []
    locative = _locative_place(text, start, places)
    for org in orgs:
        if org.key in partners:
            continue
        target = _attributive_place(text, org, places) or locative or _settled_in(text, org, places, end)
        if target is None and topic and any(w in sentence for w in _SETTLE) and any(w in sentence for w in _BACK_REFERENCE):
            target = topic
        if target is not None:
            out.append((org.key, target))
    return out


def _locative_place(text: str, start: int, places: list[Span]) -> str | None:
    """在X，… or 位于X的 at the head of the sentence: the district X."""
    for index, place in enumerate(places):
        lead = text[start : place.start]
        if _LOCATIVE_OPEN.match(lead):
            while index + 1 < len(places) and places[index + 1].start == places[index].end:
                index += 1
            return places[index].key
    return None


def _attributive_place(text: str, org: Span, places: list[Span]) -> str | None:
    """位于X的Org / 总部位于X的Org / X的Org: the district right before the organisation."""
    chain = [p for p in places if p.end <= org.start]
    if not chain:
        return None
    place = chain[-1]
    if keys.is_kind(org.key, "zone") and place.end == org.start:
        return place.key  # 闽侯县福州高新区, 浦东新区张江科学城
    if text[place.end : org.start] == "的":  # 位于X的Org, 深圳市南山区的Org, 顺德区的Org
        return place.key
    return None


def _settled_in(text: str, org: Span, places: list[Span], end: int) -> str | None:
    """…Org…落户/落地/位于 X, with X right after the verb."""
    for place in places:
        if place.start <= org.end:
            continue
        between = text[org.end : place.start]
        if len(between) <= 24 and re.search(r"(落户|落地|位于|坐落于|入驻)$", between):
            return place.key
    return None


def _next_topic(text: str, start: int, places: list[Span], speakers: list[Span], topic: str | None) -> str | None:
    if speakers:
        return speakers[-1].key
    for place in places:
        if _TOPIC_LEAD.match(text[start : place.start]):
            return place.key
    return topic
