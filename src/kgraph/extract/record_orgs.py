"""Recording organisations: the companies, labs and zones found become mentions and entities
(a zone written short, 清徐产业园, as the one named in full); later short names (以下简称…),
该公司 and bare free trade zones (自贸试验区) become spans of them; a co-building partner
that is no span of its own gets a key (``_partner_keys``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import replace

from kgraph import keys
from kgraph.extract.builder import _Builder, _district, _sentence_of
from kgraph.extract.names import occurrences
from kgraph.extract.orgs import ZONE_SUFFIXES, OrgHit, company_core, free_trade_zone_name, legal_core, org_key_name
from kgraph.extract.relations import Span
from kgraph.model import Entity, EntityType
from kgraph.resources.divisions import Gazetteer
from kgraph.resources.lexicon import Lexicon, pairs
from kgraph.segment import Token, is_cjk, word_info

# endings of a co-building partner's name that make it an organ (国家某某局, 某某广播电视总台)
_PARTNER_ORGANS = ("局", "部", "委", "办", "署", "总台", "政府", "委员会", "中心")


def _record_orgs(builder: _Builder, text: str, hits: list[OrgHit], lex: Lexicon, gaz: Gazetteer) -> list[Span]:
    spans = []
    for hit in _short_zones_as_long(text, hits, gaz):
        key_name = org_key_name(hit.name, hit.type, lex)
        key = keys.for_type(hit.type, key_name)
        official = hit.type is EntityType.ZONE and key_name.startswith("中国（") and "自由贸易试验区" in key_name  # however written
        name = key_name if hit.type is EntityType.LAB or official else hit.name
        written = _place_before(text, hit.start, gaz) + hit.name
        aliases = tuple(sorted({hit.name, text[hit.start : hit.end], written} - {name}))
        builder.mention(hit.start, hit.end, Entity(key, hit.type, name, aliases))
        spans.append(Span(hit.start, hit.end, key, roams=hit.rule == "known"))
    return spans


def _place_before(text: str, at: int, gaz: Gazetteer) -> str:
    """The division's name written right before a zone's name, which the name leaves out as a
    locator (北京|马驹桥物流园): the form written with it is kept as an alias; else ''."""
    return next((text[at - n : at] for n in range(min(at, gaz.max_len), 1, -1) if gaz.candidates(text[at - n : at])), "")


def _short_zones_as_long(text: str, hits: list[OrgHit], gaz: Gazetteer) -> list[OrgHit]:
    """清徐精细化工循环产业园 … 清徐产业园: a zone named by a place and its kind alone is the one
    the article names in full with that place and kind, when there is one such and it stands in
    another sentence (杭州高新区与杭州某某高新区 are two zones); its name is the full one's, the
    short form stays an alias."""
    zones = [h for h in hits if h.type is EntityType.ZONE]
    out = []
    for hit in hits:
        suffix = next((z for z in _ZONE_SUFFIXES_LONGEST_FIRST if hit.name.endswith(z)), None)
        place = hit.name[: -len(suffix)] if suffix else ""
        if hit.type is EntityType.ZONE and suffix and gaz.candidates(place):
            longer = [z for z in zones if z.name.startswith(place) and z.name.endswith(suffix) and len(z.name) > len(hit.name)]
            apart = all("。" in text[min(z.end, hit.end) : max(z.start, hit.start)] for z in longer)
            if len({z.name for z in longer}) == 1 and apart:
                hit = replace(hit, name=longer[0].name)
        out.append(hit)
    return out


_ZONE_SUFFIXES_LONGEST_FIRST = tuple(sorted(ZONE_SUFFIXES, key=len, reverse=True))


def _later_short_names(builder: _Builder, text: str, toks: list[Token], orgs: list[Span], gaz: Gazetteer) -> list[Span]:
    """某某数据科技有限公司（以下简称“星联云”）… 福州大学与星联云共建…: an organisation's short
    name, declared so, kept as an alias, or a company's name without its region and legal form
    (南京某源微电子股份有限公司 … 某源微电子), is a span of it wherever it stands alone later."""
    declared: set[str] = set()
    for org in orgs:
        short = _DECLARED_SHORT.match(text, org.end)
        if short and word_info(short.group(1)) is None:  # not （以下简称“公司”）: a common word
            entity = builder.entities[org.key]
            builder.add(Entity(entity.key, entity.type, entity.name, (short.group(1),)))
            declared.add(short.group(1))
    bounds = {t.start for t in toks} | {t.end for t in toks}
    taken = bytearray(len(text) + 1)  # 1 where a mention is: a long article has many
    for mention in builder.mentions:
        taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    first = {o.key: o.start for o in sorted(orgs, key=lambda o: o.start, reverse=True)}
    spans = []
    for key, at_first in first.items():
        entity = builder.entities[key]
        forms = [a for a in entity.aliases if _short_name(a, entity.name)] + _bare_company_name(entity, gaz)
        for alias in forms:
            for at in (i for i in occurrences(text, alias) if i > at_first):
                end = at + len(alias)
                words = alias in declared or (at in bounds and end in bounds)  # jieba may glue a declared one (与量|旋智算)
                if words and not any(taken[at:end]):
                    builder.mention(at, end, Entity(entity.key, entity.type, entity.name, (alias,)))
                    spans.append(Span(at, end, key))
                    taken[at:end] = b"\x01" * (end - at)
    return spans


def _bare_company_name(entity: Entity, gaz: Gazetteer) -> list[str]:
    """江苏某澜半导体集团 → 某澜半导体: a company's name without its region and legal form, when
    its trade name is no dictionary word (not 数字科技 of 杭州数字科技有限公司)."""
    if entity.type is not EntityType.COMPANY:
        return []
    region, trade = company_core(entity.name, lambda name: (gaz.candidates(name) or (None,))[0])
    if not region or not trade or word_info(trade) is not None or len(trade) < 2:
        return []
    bare = legal_core(entity.name)
    start = bare.find(trade)
    bare = bare[start:] if start > 0 else ""
    return [bare] if len(bare) >= 3 and bare != entity.name else []


# （以下简称“星联云”）, (简称"纳微光电"): the short name the text gives a name right after it
_DECLARED_SHORT = re.compile(r"[（(](?:以下)?(?:简称|下称)[：:]?[“\"]([\u4e00-\u9fffA-Za-z0-9]{2,12})[”\"][）)]")


def _short_name(alias: str, name: str) -> bool:
    """An alias that stands for the name alone: part of it, not a dictionary word (星联云, 纳微光电)."""
    return len(alias) >= 2 and is_cjk(alias) and len(alias) < len(name) and word_info(alias) is None


# 该公司, 该实验室, 该园区: the last organisation of that kind named shortly before
def _kinds(kinds: tuple[tuple[str, str], ...]) -> str:
    """A regex with one named group per kind (company, lab, zone) of its words (kind=word|word)."""
    return "|".join(f"(?P<{kind}>{forms})" for kind, forms in kinds)


# 该公司…; or a bare kind opening a clause that places it (…。联合实验室设在某区, not …。企业位于某区的占一半:
# a bare 企业 is any company)
_KINDS_AFTER_GAI = _kinds(pairs("relations", "anaphor-kinds"))
_BARE_KINDS = _kinds(pairs("relations", "bare-anaphor-kinds"))
_ANAPHORS = (
    re.compile(f"该(?:{_KINDS_AFTER_GAI})"),
    re.compile(f"(?<![^，。；\n])(?:{_BARE_KINDS})(?=(?:设在|位于|落户|坐落|建在)[^，。；的]{{2,12}}[，。；])"),
)
_ANAPHOR_SENTENCES = 2  # how many sentences before the one of 该公司 its antecedent may stand in


def _anaphora(builder: _Builder, text: str, orgs: list[Span], sents: list[tuple[int, int]]) -> list[Span]:
    """该公司位于…, 该实验室由…共建, …。实验室设在…: 该 and a kind of organisation, or a bare kind
    opening a clause that places it, refer to the last one of that kind named in its sentence or
    the two before it; the reference is a span of that one, and a mention of it."""
    spans = []
    starts = [s for s, _ in sents]
    for m in (m for pattern in _ANAPHORS for m in pattern.finditer(text)):
        kind = next(k for k, v in m.groupdict().items() if v)
        index = bisect.bisect_right(starts, m.start()) - 1
        if index < 0 or m.start() >= sents[index][1]:
            continue
        reach = sents[max(0, index - _ANAPHOR_SENTENCES)][0]
        before = [o for o in orgs if reach <= o.start and o.end <= m.start() and keys.is_kind(o.key, kind)]
        if not before:
            continue
        antecedent = max(before, key=lambda o: o.end)
        builder.mention(m.start(), m.end(), builder.entities[antecedent.key])
        spans.append(Span(m.start(), m.end(), antecedent.key, antecedent.roams))
    return spans


# a free trade zone named without its province, as an item or after punctuation (…、自贸试验区、…)
_BARE_FREE_TRADE = re.compile(r"(?<=[，、。；：和及与“])(?:自由贸易试验区|自贸试验区|自贸区)(?=[，、。；：和及与等”])")


def _bare_free_trade_zones(
    builder: _Builder, text: str, places: list[Span], sents: list[tuple[int, int]], gaz: Gazetteer
) -> list[Span]:
    """山东…汇聚了上合示范区、自贸试验区…: a bare free trade zone in a sentence whose places all lie
    in one province is that province's (中国（山东）自由贸易试验区)."""
    spans = []
    for m in _BARE_FREE_TRADE.finditer(text):
        start, end = _sentence_of(sents, m.start(), m.end())
        provinces = {gaz.province_of(keys.code(p.key)) for p in places if start <= p.start < end}
        if len(provinces) != 1:
            continue
        name = free_trade_zone_name(provinces.pop())
        entity = Entity(keys.for_type(EntityType.ZONE, name), EntityType.ZONE, name, (m.group(),))
        builder.mention(m.start(), m.end(), entity)
        spans.append(Span(m.start(), m.end(), entity.key))
    return spans


def _partner_keys(builder: _Builder, gaz: Gazetteer, lex: Lexicon) -> Callable[[str], str | None]:
    """The key of a co-building partner that is no span of its own: a district (安徽省),
    an organ (国家某某局, 国务院国资委) or a known institution; its entity is recorded."""

    def key_of(name: str) -> str | None:
        codes = gaz.candidates(name)
        if len(codes) == 1 or (codes and gaz.is_full(name)):
            entity = _district(codes[0], gaz)
            builder.add(entity)
            return entity.key
        if name in lex.institutions:
            return keys.for_type(EntityType.LAB, lex.institutions[name])
        if name in lex.organs or (len(name) >= 3 and name.endswith(_PARTNER_ORGANS) and is_cjk(name)):
            organ = lex.organs.get(name, name)
            builder.add(Entity(keys.organ(organ), EntityType.ORGAN, organ))
            return keys.organ(organ)
        return None

    return key_of
