"""Extraction: one article in, mentions, entities and triples out (a pure step).

    extract(article) ─┬─ find_orgs          companies, labs      (orgs/)
                      ├─ find_places        district candidates  (places.py)
                      ├─ find_titled_names  officials, persons   (officials.py)
                      └─ find_relations     located in, incubated by, co-built with (relations.py)

The finders return candidate spans; the ``_record_*`` helpers here turn them into
mentions, entities and triples with deterministic keys (:mod:`kgraph.keys`) through
one ``_Builder`` per article.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import replace

from kgraph import keys
from kgraph.extract.names import holds_common_word, name_at, occurrences
from kgraph.extract.officials import ONLY_IN as _ONLY_IN
from kgraph.extract.officials import RawPost, TitledName, find_titled_names
from kgraph.extract.orgs import (
    BRANCHES,
    LEGAL_FORMS,
    ZONE_SUFFIXES,
    OrgHit,
    company_core,
    find_orgs,
    free_trade_zone_name,
    good_core,
    known_company_length,
    legal_core,
    masked_names,
    org_key_name,
)
from kgraph.extract.places import (
    ZONE_DIVISIONS,
    PlaceHit,
    decide_places,
    find_places,
    main_divisions,
    main_province,
)
from kgraph.extract.relations import Span, find_relations
from kgraph.model import (
    Article,
    Entity,
    EntityType,
    Extraction,
    Mention,
    Post,
    Predicate,
    Triple,
)
from kgraph.resources.divisions import Gazetteer, load_gazetteer
from kgraph.resources.lexicon import Lexicon, load_lexicon, pairs, threshold, word_set, words
from kgraph.segment import Token, is_cjk, sentences, tokens, word_info

__all__ = ["FOREIGN_ROLE", "TITLE_AFTER_NAME", "extract"]

# endings of a co-building partner's name that make it an organ (国家某某局, 某某广播电视总台)
_PARTNER_ORGANS = ("局", "部", "委", "办", "署", "总台", "政府", "委员会", "中心")
FOREIGN_ROLE = "foreign-official"  # a person the article gives another country's post
TITLE_AFTER_NAME = ("found", "title-after-name")  # the attr of an official read from 李明总理

class _Builder:
    """Collects mentions, entities and triples for one article."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.mentions: list[Mention] = []
        self.entities: dict[str, Entity] = {}
        self.triples: set[Triple] = set()

    def mention(self, start: int, end: int, entity: Entity) -> None:
        self.mentions.append(Mention(self.article.id, start, end, entity.type, entity.key))
        self.add(entity)

    def add(self, entity: Entity) -> None:
        old = self.entities.get(entity.key)
        if old is None:
            self.entities[entity.key] = entity
            return
        aliases = tuple(sorted(set(old.aliases) | set(entity.aliases) | {entity.name} - {old.name}))
        posts = tuple(sorted(set(old.posts) | set(entity.posts)))
        self.entities[entity.key] = Entity(old.key, old.type, old.name, aliases, posts, old.attrs)

    def triple(self, subject: str, predicate: Predicate, obj: str, start: int = 0, end: int = 0, basis: str = "sentence") -> None:
        self.triples.add(Triple(subject, predicate, obj, self.article.id, start, end, basis))

    def result(self) -> Extraction:
        return Extraction(
            self.article,
            tuple(sorted(self.mentions, key=lambda m: (m.start, m.end, m.key))),
            tuple(sorted(self.entities.values(), key=lambda e: e.key)),
            tuple(sorted(self.triples)),
        )


def extract(article: Article, gaz: Gazetteer | None = None, lex: Lexicon | None = None) -> Extraction:
    """Everything one article states that kgraph records."""
    gaz = gaz or load_gazetteer()
    lex = lex or load_lexicon()
    text = article.text
    toks = tokens(text)
    builder = _Builder(article)
    org_hits = find_orgs(text, toks, lex, gaz)
    org_spans = _record_orgs(builder, text, org_hits, lex, gaz)
    names = find_titled_names(text, toks, gaz, lex)
    candidates = find_places(text, gaz, toks)
    masks = masked_names(text, toks, gaz, [h.end for h in candidates])
    hidden = [(o.start, o.end) for o in org_hits] + masks + _name_spans(text, names)
    place_spans = _record_places(builder, text, candidates, hidden, gaz)
    codes = [keys.code(s.key) for s in place_spans]
    mains = main_divisions(codes, gaz)
    province = main_province(codes, gaz)
    if province is not None:
        mains["省"] = province
    sents = [(s.start, s.end) for s in sentences(text)]
    speakers = _record_people(builder, names, gaz, lex, mains, place_spans, sents)
    foreign = _foreign_names(text, names)
    _record_title_after_name(builder, text, toks, lex, gaz, mains, sents, foreign)
    _record_later_mentions(builder, text, toks)
    _record_metadata_people(builder, article)
    partner = _partner_keys(builder, gaz, lex)
    def within(inner: str, outer: str) -> bool:
        return gaz.is_ancestor(keys.code(outer), keys.code(inner))

    known = {d.code for s in place_spans for d in gaz.chain(keys.code(s.key))}

    def name_place(name: str) -> str | None:
        code = _place_in_name(name, gaz, known)
        return None if code is None else keys.district(code)

    org_spans += _bare_free_trade_zones(builder, text, place_spans, sents, gaz)
    org_spans += _later_short_names(builder, text, toks, org_spans, gaz)
    org_spans += _anaphora(builder, text, org_spans, sents)
    facts = find_relations(text, sents, org_spans, place_spans, speakers, partner, within, name_place)
    for subject, predicate, obj, start, end in facts:
        builder.triple(subject, predicate, obj, start, end)
    org_spans += _record_parent_zones(builder, org_spans, sents, lex)
    _record_name_places(builder, org_spans, place_spans, sents, gaz)
    _record_hierarchy(builder, gaz)
    for mention in builder.mentions:
        builder.triple(mention.key, Predicate.MENTIONED_IN, keys.article(article.id))
    return builder.result()


def _record_orgs(builder: _Builder, text: str, hits: list[OrgHit], lex: Lexicon, gaz: Gazetteer) -> list[Span]:
    spans = []
    for hit in _short_zones_as_long(text, hits, gaz):
        key_name = org_key_name(hit.name, hit.type, lex)
        key = keys.for_type(hit.type, key_name)
        official = hit.type is EntityType.ZONE and key_name.startswith("中国（") and "自由贸易试验区" in key_name  # however written
        name = key_name if hit.type is EntityType.LAB or official else hit.name
        aliases = tuple(sorted({hit.name, text[hit.start : hit.end]} - {name}))
        builder.mention(hit.start, hit.end, Entity(key, hit.type, name, aliases))
        spans.append(Span(hit.start, hit.end, key, roams=hit.rule == "known"))
    return spans


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


def _record_name_places(
    builder: _Builder, orgs: list[Span], places: list[Span], sents: list[tuple[int, int]], gaz: Gazetteer
) -> None:
    """locatedIn read from a name (basis ``name``): a zone's city (洛阳高新区 → 洛阳市), a
    university's or institute's (上海交通大学 → 上海市), the region a company is registered
    with below province level (惠州亿纬锂能 → 惠州市),
    a region in brackets (某某航空（自贡）科技有限公司); only where the text places the
    organisation nowhere or less precisely. Then an organisation placed in a zone is placed
    where the zone is too (basis ``zone``)."""
    stated: dict[str, set[str]] = {}
    for t in builder.triples:
        if t.predicate is Predicate.LOCATED_IN:
            stated.setdefault(t.subject, set()).add(t.obj)
    known = {d.code for s in places for d in gaz.chain(keys.code(s.key))}
    for span in orgs:
        text_name = builder.article.text[span.start : span.end]
        code = _branch_place(text_name, gaz, known) if keys.is_kind(span.key, "company") else None
        if code is None:
            code = _own_place(span, text_name, gaz, known, _registered(builder, span))
        if code is None:
            continue
        targets = {keys.code(k) for k in stated.get(span.key, ()) if keys.is_kind(k, "district")}
        if targets and not any(gaz.is_ancestor(t, code) for t in targets):
            if not _university_elsewhere(text_name, code, targets, gaz):
                continue  # the text places it: a name's region is no more than a brand, unless it is within (在湖北，某某科技大学…)
            _drop_places(builder, span.key)  # 在江苏淮安，…联合南京农业大学: a partner from its own city
            stated[span.key] = set()
        if gaz.get(code).name in ZONE_DIVISIONS and not text_name.endswith(gaz.get(code).name):
            code = gaz.get(code).parent or code  # 苏州工业园区|人工智能产业园: in the zone's city (the zone is no district)
        if text_name.endswith(gaz.get(code).name):
            parent = gaz.get(code).parent  # 重庆两江新区: the zone itself carries a division code
            if parent is None or not keys.is_kind(span.key, "zone"):
                continue
            code = parent
        builder.add(_district(code, gaz))
        builder.triple(span.key, Predicate.LOCATED_IN, keys.district(code), *_sentence_of(sents, span.start, span.end), basis="name")
        stated.setdefault(span.key, set()).add(keys.district(code))
        if keys.is_kind(span.key, "zone"):
            _mention_zone_place(builder, span, text_name, code, gaz)
    _through_zones(builder, stated)
    _most_specific_places(builder, gaz)
    _no_self_places(builder, gaz)


def _own_place(span: Span, text_name: str, gaz: Gazetteer, known: set[str], registered: bool) -> str | None:
    """The division an organisation's own name places it in, if it says where it is."""
    company = keys.is_kind(span.key, "company")
    if company and (not (registered or _full_region_first(text_name, gaz)) or text_name.endswith(BRANCHES)):
        return None  # a brand's name (宁德时代) says nothing, a branch's is not its parent's
    if keys.is_kind(span.key, "zone") and text_name.endswith("园") and gaz.candidates(text_name[:-1]):
        return None  # 南京园, 成都园: a garden named after a city at an expo elsewhere
    code = _place_in_name(text_name, gaz, known)
    if code is None or (company and gaz.get(code).level == "province" and code not in _MUNICIPALITIES and not text_name.startswith(gaz.get(code).name)):
        return None  # 湖北华兴化工: a province's short name is often a brand; 广东省交通集团 and 天津港集团 name where they are
    return code


def _branch_place(name: str, gaz: Gazetteer, known: set[str]) -> str | None:
    """中国移动广西公司, 国网湘潭供电公司: a national enterprise's unit named by a region is there."""
    head = known_company_length(name)
    forms = _leading_forms(name[head:], gaz) if head else []
    if not forms or name.endswith(BRANCHES):
        return None  # 中国工商银行江苏省分行 is keyed as its parent
    return _place_in_name(name[head:], gaz, known)


def _university_elsewhere(name: str, code: str, targets: set[str], gaz: Gazetteer) -> bool:
    """A university named after a city that the sentence's places neither hold nor lie in is in
    its own city: the sentence is where it works with others."""
    return name.endswith(("大学", "学院")) and not any(gaz.is_ancestor(code, t) or t == code for t in targets)


def _drop_places(builder: _Builder, key: str) -> None:
    for triple in [t for t in builder.triples if t.subject == key and t.predicate is Predicate.LOCATED_IN and keys.is_kind(t.obj, "district")]:
        builder.triples.discard(triple)


def _most_specific_places(builder: _Builder, gaz: Gazetteer) -> None:
    """An entity placed in 四川省 and in 自贡市 by one article is in 自贡市: the district
    that holds another of its districts is dropped."""
    located = [t for t in builder.triples if t.predicate is Predicate.LOCATED_IN and keys.is_kind(t.obj, "district")]
    by_subject: dict[str, set[str]] = {}
    for triple in located:
        by_subject.setdefault(triple.subject, set()).add(keys.code(triple.obj))
    for triple in located:
        code = keys.code(triple.obj)
        if any(gaz.is_ancestor(code, other) for other in by_subject[triple.subject]):
            builder.triples.discard(triple)


def _no_self_places(builder: _Builder, gaz: Gazetteer) -> None:
    """重庆两江新区 is not in the division 两江新区 that the table gives it: it is that division."""
    names = {e.key: e.name for e in builder.entities.values()}
    for triple in [t for t in builder.triples if t.predicate is Predicate.LOCATED_IN and keys.is_kind(t.obj, "district")]:
        if names.get(triple.subject, "").endswith(gaz.get(keys.code(triple.obj)).name):
            builder.triples.discard(triple)


_MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})  # 北京, 天津, 上海, 重庆: cities of province rank


def _full_region_first(name: str, gaz: Gazetteer) -> bool:
    """A name that opens on a division's full name (广东省交通集团, 上海市电子元件工业公司)
    is registered with it, even where the text leaves out the legal form."""
    forms = _leading_forms(name, gaz)
    return bool(forms) and gaz.is_full(forms[0])


def _registered(builder: _Builder, span: Span) -> bool:
    """A company named in full, with its legal form (…有限公司)."""
    return builder.article.text[span.start : span.end].endswith(LEGAL_FORMS)


def _record_parent_zones(builder: _Builder, orgs: list[Span], sents: list[tuple[int, int]], lex: Lexicon) -> list[Span]:
    """某某科技园|人工智能产业基地, 某某合作区|深圳园区: a zone named after the zone it lies in is in
    that zone, which the text names too (a free trade zone's 片区, not its 新片区). The
    spans of those zones."""
    text, spans = builder.article.text, []
    for span in [s for s in orgs if keys.is_kind(s.key, "zone")]:
        name = text[span.start : span.end]
        cut = _parent_zone_end(name)
        if cut is None:
            continue
        parent = Entity(keys.for_type(EntityType.ZONE, org_key_name(name[:cut], EntityType.ZONE, lex)), EntityType.ZONE, name[:cut])
        builder.mention(span.start, span.start + cut, parent)
        builder.triple(span.key, Predicate.LOCATED_IN, parent.key, *_sentence_of(sents, span.start, span.end), basis="name")
        spans.append(Span(span.start, span.start + cut, parent.key))
    return spans


_PARENT_ZONE_ENDS = tuple(sorted((s for s in ZONE_SUFFIXES if len(s) >= 3 or s in ("新区", "园区")), key=len, reverse=True))


def _parent_zone_end(name: str) -> int | None:
    """Where the name of the zone that ``name`` opens on ends (the longest such name), or None."""
    if name.endswith("新片区"):
        return None  # a free trade zone's new area is a zone of its own (its 片区 are parts of it)
    bounds = {t.end for t in tokens(name)}
    for cut in range(len(name) - 3, 3, -1):
        head = name[:cut]
        suffix = next((s for s in _PARENT_ZONE_ENDS if head.endswith(s)), None)
        if suffix and cut in bounds and len(head) - len(suffix) >= 2 and good_core(head[: -len(suffix)]):
            return cut  # 中关村软件园|区块链…: not at 园区, which jieba does not end there
    return None


def _through_zones(builder: _Builder, placed: dict[str, set[str]]) -> None:
    """某大学科技园智能制造产业基地 in 株洲经开区, which is in 株洲市: the base is in 株洲市."""
    for triple in sorted(t for t in builder.triples if t.predicate is Predicate.LOCATED_IN and keys.is_kind(t.obj, "zone")):
        for district in sorted(placed.get(triple.obj, ())):
            if keys.is_kind(district, "district") and district not in placed.get(triple.subject, set()):
                builder.triple(triple.subject, Predicate.LOCATED_IN, district, triple.start, triple.end, basis="zone")


def _place_in_name(name: str, gaz: Gazetteer, known: set[str]) -> str | None:
    """The most specific division a name starts with, names in brackets, or holds inside
    (华航自贡无人机产业基地): one code only (decided by the article's other places when
    several divisions share the name)."""
    if len(gaz.candidates(name)) == 1 and gaz.is_full(name):
        return gaz.candidates(name)[0]  # 苏州工业园区: the zone is a division of its own
    bracket = re.search(r"[（(]([\u4e00-\u9fff]{2,8})[）)]", name)
    forms = [bracket.group(1)] if bracket else []
    forms += _leading_forms(name, gaz) + _inner_forms(name, gaz)
    name_tokens = tokens(name)
    park = _park_district(name_tokens, gaz)
    forms += [park] if park else []
    own_words = {t.word for t in name_tokens}
    other_divisions = [t for t in name_tokens if t.end < len(name) and t.word.endswith(_DIVISION_ENDS) and not gaz.candidates(t.word)]
    forms = [f for f in forms if not any(t.start == name.find(f) and t.end > t.start + len(f) for t in other_divisions)]  # 北海道|旅客…: not 北海
    forms = [f for f in forms if gaz.is_full(f) or not (_before_nature(name, name.find(f) + len(f), name_tokens) or f in _MACRO_REGIONS)]
    info = word_info(name)
    dictionary_name = info is not None and info[1] == "nt"  # 大连理工大学: a name jieba knows starts on a place
    found: str | None = None
    for form in forms:
        code = _one_code(form, gaz, known, found, form in own_words or (dictionary_name and name.startswith(form)), form == park)
        if code is not None and (found is None or gaz.is_ancestor(found, code)):
            found = code
    return found


def _before_nature(name: str, end: int, name_tokens: list[Token]) -> bool:
    """岳麓|山实验室: a place's short form before 山 (湖, 江 …) in one word, or before 山 standing
    alone, names a mountain (a lake …), not the place (not 南京|江北新区)."""
    if name[end : end + 1] not in _NATURE:
        return False
    return any(t.start < end < t.end or (t.start == end and t.end == end + 1) for t in name_tokens)


def _leading_forms(name: str, gaz: Gazetteer) -> list[str]:
    forms, at = [], 0
    while at < len(name) - 2:
        form = next((name[at : at + n] for n in range(min(gaz.max_len, len(name) - at - 1), 1, -1) if gaz.candidates(name[at : at + n])), None)
        if form is None:
            break
        forms.append(form)
        at += len(form)
    return forms


def _inner_forms(name: str, gaz: Gazetteer) -> list[str]:
    """Division names inside a name that are words of their own there (华航|自贡|无人机…,
    广东省科学院|广州|地理研究所; not 总|台中|央 or 黄|河源): in full, as a city (not 西湖),
    or a county right after its parent (浙江|慈溪)."""
    out: list[str] = []
    words_ = [t.word for t in tokens(name)]
    for before, word in itertools.pairwise(words_):
        levels = {gaz.get(c).level for c in gaz.candidates(word)}
        after_place = bool(out) and out[-1] == before
        place_word = (word_info(word) or (0, ""))[1] == "ns"  # 中关村|延庆|园: a county jieba knows as a place
        if levels and (gaz.is_full(word) or levels != {"county"} or after_place or place_word):
            out.append(word)  # 国网|湘潭|供电公司 (the city, not the county); 国网浙江|慈溪
    return out


_NOT_PLACES = words("places", "not-places-in-names")
_DIVISION_ENDS = ("道", "州", "省", "县", "郡", "府")  # a word opening a name that is another country's division (北海道)


def _park_district(name_tokens: list[Token], gaz: Gazetteer) -> str | None:
    """The county whose short name a park of a bigger zone is named by (某某科技城|房山|园): the
    word before the closing 园 or 片区, when it is a county's short form."""
    if len(name_tokens) < 3 or name_tokens[-1].word not in _PARK_ENDS:
        return None
    word = name_tokens[-2].word
    levels = {gaz.get(c).level for c in gaz.candidates(word)}
    return word if levels == {"county"} and not gaz.is_full(word) else None


_PARK_ENDS = word_set("places", "park-ends")


def _one_code(
    form: str, gaz: Gazetteer, known: set[str], parent: str | None, own_word: bool = False, park: bool = False
) -> str | None:
    """The one division a form in a name stands for: under the division named before it,
    else one the article names, else the highest in level when only one is that high
    (长沙 is 长沙市, not 长沙县); common words are no places (a county's short form must be
    a dictionary place name unless its parent comes before it: 浙江慈溪; a city's short form
    that jieba cuts off as a word of the name, or a county's that names a ``park``, is no
    common word there: 大连|冰山|集团, 某某科技城|房山|园)."""
    codes = () if form in _NOT_PLACES else gaz.candidates(form)
    if parent is not None:
        codes = tuple(c for c in codes if gaz.is_ancestor(parent, c))
    if len(codes) > 1:
        named = tuple(c for c in codes if c in known)
        order = ("province", "prefecture", "county")
        top = min(order.index(gaz.get(c).level) for c in codes)
        highest = tuple(c for c in codes if order.index(gaz.get(c).level) == top)
        codes = named if len(named) == 1 else highest
    level = gaz.get(codes[0]).level if len(codes) == 1 else ""
    own = (own_word and level == "prefecture") or (park and level == "county")  # a word of the name that is no common word there
    if len(codes) != 1 or (not gaz.is_full(form) and not own and _is_common(form, "prefecture" if parent else level)):
        return None
    county = gaz.get(codes[0]).level == "county"
    if county and not gaz.is_full(form) and parent is None and not any(a.code in known for a in gaz.chain(codes[0])[1:]):
        return None  # 平原新城: a county's short form needs its parent in the article
    return codes[0]


_RARE_WORD = threshold("rare-word")
_NATURE = frozenset("山湖河江岛峡")
_MACRO_REGIONS = word_set("places", "macro-regions")  # 中原|科技城: a region of the country, not 中原区  # a place's short form before one of these names a mountain, a lake … (岳麓山)


def _is_common(form: str, level: str) -> bool:
    """A short form that is also a common word (振兴, 长安, 盐湖): no place when read from a
    name; a county's short form must be a place name in jieba's dictionary."""
    info = word_info(form)
    if level == "county":  # or a word rarer than a name usually is (清徐, tagged nr)
        return info is None or (info[1] != "ns" and info[0] >= _RARE_WORD)
    return info is not None and info[1] not in ("ns", "nz", "nt", "j") and info[0] >= 500


def _name_spans(text: str, names: list[TitledName]) -> list[tuple[int, int]]:
    """Every place the text writes a titled person's name (钟长春, and 钟长春介绍 later)."""
    found = {text[n.name_start : n.name_end] for n in names if n.name_end - n.name_start >= 2}
    return [(at, at + len(name)) for name in found for at in occurrences(text, name)]


def _record_places(
    builder: _Builder, text: str, candidates: list[PlaceHit], hidden: list[tuple[int, int]], gaz: Gazetteer
) -> list[Span]:
    """Districts mentioned outside the names of organisations, of places kgraph does not
    record, and of persons (钟长春 is no mention of 长春)."""
    hits = [h for h in candidates if all(h.end <= s or h.start >= e for s, e in hidden)]
    spans = []
    for hit, code in decide_places(text, hits, gaz):
        form = text[hit.start : hit.end]
        if code is None:
            builder.mention(hit.start, hit.end, _ambiguous_place(form, hit.codes, builder.article.id))
            continue
        entity = _district(code, gaz, alias=form)
        builder.mention(hit.start, hit.end, entity)
        spans.append(Span(hit.start, hit.end, entity.key))
    return spans


def _ambiguous_place(form: str, codes: tuple[str, ...], article_id: str) -> Entity:
    """鼓楼区 where context cannot tell which: one node per article, listing the candidates."""
    attrs = tuple(("candidate", keys.district(code)) for code in sorted(codes))
    return Entity(keys.place(form, article_id), EntityType.PLACE, form, (), (), attrs)


def _mention_zone_place(builder: _Builder, span: Span, name: str, code: str, gaz: Gazetteer) -> None:
    """郑州高新区, 中国（新疆）自由贸易试验区: the place that opens a zone's name, or stands in its
    brackets, says whose zone it is, and so is a mention of that district (not so in a
    company's or a lab's name, where a place is part of a brand)."""
    bracket = re.match(r"中国[（(]([^）)]{2,8})[）)]", name)
    at, form = (bracket.start(1), bracket.group(1)) if bracket else (0, next(
        (name[:n] for n in range(min(len(name) - 1, 12), 1, -1) if code in gaz.candidates(name[:n])), ""))  # fmt: skip
    if form and code in gaz.candidates(form):
        builder.mention(span.start + at, span.start + at + len(form), _district(code, gaz, form))


def _district(code: str, gaz: Gazetteer, alias: str | None = None) -> Entity:
    division = gaz.get(code)
    name = gaz.canonical_name(code)
    attrs = [("code", code), ("level", division.level)]
    if division.parent:
        attrs.append(("parent", keys.district(division.parent)))
    aliases = tuple(sorted({alias or name, division.name} - {name}))
    return Entity(division.key, EntityType.DISTRICT, name, aliases, (), tuple(sorted(attrs)))


def _record_hierarchy(builder: _Builder, gaz: Gazetteer) -> None:
    """Every district gets its parent chain up to the province (partOf)."""
    for key in [k for k, e in builder.entities.items() if e.type is EntityType.DISTRICT]:
        chain = gaz.chain(keys.code(key))
        for child, parent in itertools.pairwise(chain):
            builder.add(_district(parent.code, gaz))
            builder.triple(child.key, Predicate.PART_OF, parent.key)


def _record_people(
    builder: _Builder, names: list[TitledName], gaz: Gazetteer, lex: Lexicon,
    mains: dict[str, str], places: list[Span], sents: list[tuple[int, int]],
) -> list[Span]:  # fmt: skip
    """Officials (a name with at least one resolved post) first, then the other titled names."""
    known = {keys.code(s.key) for s in places}
    speakers, others = [], []
    for found in names:
        if found.foreign:
            name = builder.article.text[found.name_start : found.name_end]
            builder.mention(found.name_start, found.name_end, Entity(keys.person(name), EntityType.PERSON, name, (), (), (("role", FOREIGN_ROLE),)))
            continue
        placed = [p for p in (_resolve_post(raw, gaz, lex, mains, known) for raw in found.posts) if p]
        if found.official:  # 全国政协委员、某大学教授孙洁: an official's posts are the state's, not 教授
            placed = [(post, code) for post, code in placed if post.title not in lex.person_titles]
        posts = [post for post, _ in placed]
        name = builder.article.text[found.name_start : found.name_end]
        if not (found.official and posts):
            others.append((found, name))
            continue
        key = keys.official(name, _home([code for _, code in placed], gaz))
        start, end = _sentence_of(sents, found.start, found.name_end)
        for post in posts:
            predicate = Predicate.FORMER_POST if post.former else Predicate.HOLDS_POST
            builder.triple(key, predicate, keys.post(post.title, post.org_key), start, end)
            if keys.is_kind(post.org_key, "organ"):
                builder.add(Entity(post.org_key, EntityType.ORGAN, post.org_name))
        district_posts = [p for p in posts if keys.is_kind(p.org_key, "district")]
        if district_posts:
            speakers.append(Span(found.start, found.name_end, district_posts[-1].org_key))
        builder.mention(found.name_start, found.name_end, Entity(key, EntityType.OFFICIAL, name, (), tuple(sorted(posts))))
    officials = {e.name: e for e in builder.entities.values() if e.type is EntityType.OFFICIAL}
    for found, name in others:
        role = _role(found, lex)
        if role == "official-title" and name in officials:
            builder.mention(found.name_start, found.name_end, officials[name])  # 总理李明 after 国务院总理李明
        elif not found.official or role == "official-title":
            builder.mention(found.name_start, found.name_end, Entity(keys.person(name), EntityType.PERSON, name, (), (), (("role", role),)))
    return speakers


def _sentence_of(sents: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentence that holds text[start:end] (the span itself if none does)."""
    return next(((s, e) for s, e in sents if s <= start and end <= e), (start, end))


def _role(found: TitledName, lex: Lexicon) -> str:
    """official-title: titled like an official (总理, 部长) though no region or organ was found."""
    official = any(p.title in lex.official_titles or p.title[-2:] in lex.official_titles for p in found.posts)
    return "official-title" if official and not any(p.title in lex.person_titles for p in found.posts) else "person-title"


_SHORT_TITLES = words("officials", "short-titles")


# titles written after a name: the region-level ones (王明市长) and those of one national organ
# (王国华总书记, 李明总理)
_LEVEL_AFTER = ("省长", "市长", "区长", "县长", "州长")
# 主席 after a name untitled elsewhere in a story about the national leadership is the head of
# state (王国华主席): national news writes the president so, and titles other chairs in full first
# (全国政协主席王沪宁 … 王沪宁主席); in other stories 主席 may be any chair (县政协主席)
_HEAD_TITLE = "主席"
_HEAD_STATE = "中华人民共和国"
_AFTER_NAME = _LEVEL_AFTER + tuple(_ONLY_IN) + (_HEAD_TITLE,)
# what follows a region-level title written after a name (王明市长表示, 王明市长，)
_AFTER_LEVEL_TITLE = frozenset("表说指强介透提在到来主出会一等，,。、：:")
_NOT_AFTER_HEAD_TITLE = frozenset("团台位令国")  # 主席团, 主席台, 主席令, 主席国: no title after a name


def _names_before_titles(
    text: str, toks: list[Token], lex: Lexicon, gaz: Gazetteer, known: set[str]
) -> list[tuple[int, int, str]]:
    """(name start, name end, title) for every name written right before such a title
    (``known``: the names of the story's officials)."""
    tok_at = {t.start: t for t in toks}
    tok_ends = {t.end for t in toks}
    found = []
    for match in lex.title_pattern.finditer(text):
        title, at = match.group(), match.start()
        if title not in _AFTER_NAME or match.end() not in tok_ends:
            continue  # 王明委员|长期: a title's end inside a word
        if title in _LEVEL_AFTER and text[match.end() : match.end() + 1] not in _AFTER_LEVEL_TITLE:
            continue
        if title == _HEAD_TITLE and text[match.end() : match.end() + 1] in _NOT_AFTER_HEAD_TITLE:
            continue  # 主席团, 主席台
        for start in (at - 3, at - 2, at - 4):
            name = text[start:at]
            if start not in tok_at or not (name[:1] in lex.surnames or name[:2] in lex.surnames):
                continue
            if holds_common_word(name) or gaz.candidates(name) or _has_country(name, lex) or _common_word(name):
                continue
            if name_at(text, start, tok_at, lex) == at:
                found.append((start, at, title))
                break
    # 同阿姆|赫德主席: a transliterated name cut short; unless the name opens elsewhere or stands
    # before another title (落实好|王国华主席 … 王国华总书记)
    opening = {text[s:e] for s, e, t in found if t != _HEAD_TITLE or _name_opens(text, s)} | known
    return [(s, e, t) for s, e, t in found if t != _HEAD_TITLE or _name_opens(text, s) or text[s:e] in opening]


def _common_word(name: str) -> bool:
    """董事局|主席: a dictionary word that is no person's name."""
    info = word_info(name)
    return info is not None and not info[1].startswith("nr")


def _name_opens(text: str, start: int) -> bool:
    """The name starts after punctuation or a function word (，王国华主席, 应王国华主席), not
    inside a longer name."""
    return start == 0 or not is_cjk(text[start - 1]) or text[start - 1] in _BEFORE_NAME


_BEFORE_NAME = frozenset("同和与向应对是由在的为请将把被给及跟让致")


def _foreign_names(text: str, names: list[TitledName]) -> set[str]:
    """Names the article gives a foreign post (越南总理范明政)."""
    return {text[n.name_start : n.name_end] for n in names if n.foreign}


def _near_country(text: str, name: str, lex: Lexicon) -> bool:
    """The article writes the name next to another country's name somewhere, in the same
    clause (祝贺哈西娜当选连任孟加拉国总理 … 哈西娜总理)."""
    return any(_has_country(_clause_around(text, at, at + len(name)), lex) for at in occurrences(text, name))


def _clause_around(text: str, start: int, end: int, reach: int = 12) -> str:
    left = max([text.rfind(p, 0, start) for p in "，。；：！？\n"] + [start - reach - 1]) + 1
    rights = [i for i in (text.find(p, end) for p in "，。；：！？\n") if i >= 0]
    right = min([*rights, end + reach])
    return text[left:right]


def _has_country(text: str, lex: Lexicon) -> bool:
    """Another country is named in the text (中国 is not another, nor is 全球)."""
    return any(country in text for country in lex.foreign_names)


def _record_title_after_name(
    builder: _Builder, text: str, toks: list[Token], lex: Lexicon, gaz: Gazetteer,
    mains: dict[str, str], sents: list[tuple[int, int]], foreign: set[str],
) -> None:  # fmt: skip
    """王明市长表示, 王国华总书记指出: a name before a region-level title is that region's
    official (the article's main 市/区/县, or the province for 省长) when the article has
    one; a name before a national organ's title holds that title there. Not a name the
    article gives a foreign post (越南总理范明政 … 范明政总理), and in a sentence that names
    another country nearby only a name the article already gives a Chinese post (foreign
    leaders are written so too: 洪森总理)."""
    taken = [(m.start, m.end) for m in builder.mentions]
    known_officials = {e.name for e in builder.entities.values() if e.type is EntityType.OFFICIAL}
    titled = {e.name for e in builder.entities.values() if e.type in (EntityType.OFFICIAL, EntityType.PERSON)}
    # 主席 last: whether the story is about the national leadership, and who leads the party,
    # may come from titles after names later in the text (…王国华主席… 王国华总书记)
    for start, end, title in sorted(_names_before_titles(text, toks, lex, gaz, known_officials), key=lambda found: found[2] == _HEAD_TITLE):
        if any(s < end and start < e for s, e in taken) or text[start:end] in foreign:
            continue
        national = title in _ONLY_IN or title == _HEAD_TITLE
        if national and text[start:end] not in known_officials and _near_country(text, text[start:end], lex):
            continue
        if title == _HEAD_TITLE and ((text[start:end] in titled and not _party_leader(builder, text[start:end])) or not _national_story(builder)):
            continue  # 王沪宁主席 after 全国政协主席王沪宁: a later mention; 县政协主席…刘某主席
        post, home = _post_after_name(title, lex, gaz, mains)
        if post is None:
            continue
        name = text[start:end]
        known = next((e for e in builder.entities.values() if e.type is EntityType.OFFICIAL and e.name == name), None)
        entity = known or Entity(keys.official(name, home), EntityType.OFFICIAL, name, (), (post,), (TITLE_AFTER_NAME,))
        if known is None or (national and post not in known.posts):
            entity = Entity(entity.key, entity.type, name, entity.aliases, tuple(sorted({*entity.posts, post})), entity.attrs)
            builder.triple(entity.key, Predicate.HOLDS_POST, keys.post(title, post.org_key), *_sentence_of(sents, start, end + len(title)))
        builder.mention(start, end, entity)
        taken.append((start, end))


def _national_story(builder: _Builder) -> bool:
    """An official of the story holds a post in a national organ."""
    officials = (e for e in builder.entities.values() if e.type is EntityType.OFFICIAL and e.key.endswith(keys.NATIONAL))
    return any(keys.is_kind(p.org_key, "organ") for e in officials for p in e.posts)


_PARTY_HEAD = ("总书记", "中国共产党中央委员会")


def _party_leader(builder: _Builder, name: str) -> bool:
    """The article titles the name general secretary of the CPC and gives it no chair: the
    general secretary is also the head of state (王国华总书记 … 王国华主席)."""
    posts = [p for e in builder.entities.values() if e.type is EntityType.OFFICIAL and e.name == name for p in e.posts]
    return any((p.title, p.org_name) == _PARTY_HEAD for p in posts) and not any(p.title.endswith(_HEAD_TITLE) for p in posts)


def _post_after_name(title: str, lex: Lexicon, gaz: Gazetteer, mains: dict[str, str]) -> tuple[Post | None, str]:
    """The post of a title written after a name, and the official's home for the key."""
    if title in _ONLY_IN or title == _HEAD_TITLE:
        organ = _ONLY_IN.get(title, _HEAD_STATE)
        organ = lex.organs.get(organ, organ)
        return Post(title, organ, keys.organ(organ)), keys.NATIONAL
    code = mains.get("省" if title == "省长" else title[0])
    if code is None:
        return None, ""
    return Post(title, gaz.canonical_name(code), keys.district(code)), gaz.province_of(code)


def _record_later_mentions(builder: _Builder, text: str, toks: list[Token]) -> None:
    """Later mentions of a titled person: the bare name (林涛介绍), or surname + title (陈书记)."""
    bounds = {t.start for t in toks} | {t.end for t in toks}
    taken = [(m.start, m.end) for m in builder.mentions]
    people = [e for e in builder.entities.values() if e.type in (EntityType.OFFICIAL, EntityType.PERSON)]
    for person in people:
        for at in occurrences(text, person.name):
            end = at + len(person.name)
            if at in bounds and end in bounds and all(end <= s or at >= e for s, e in taken):
                builder.mention(at, end, person)
                taken.append((at, end))
    for form, person in _surname_titles(people).items():
        for at in occurrences(text, form):
            if all(at + len(form) <= s or at >= e for s, e in taken):
                builder.mention(at, at + len(form), person)


def _surname_titles(people: list[Entity]) -> dict[str, Entity]:
    """陈书记 → the one official surnamed 陈 whose post ends in 书记 (none when two could be meant)."""
    forms: dict[str, list[Entity]] = {}
    for person in people:
        for title in {t for p in person.posts for t in _SHORT_TITLES if p.title.endswith(t)}:
            forms.setdefault(person.name[0] + title, []).append(person)
    return {form: found[0] for form, found in forms.items() if len(found) == 1}


def _home(codes: list[str | None], gaz: Gazetteer) -> str:
    """Where an official belongs, for the key: the province of a post's region (市长, 市政府
    党组成员), or 'national'."""
    for code in codes:
        if code is not None:
            return gaz.province_of(code)
    return keys.NATIONAL


def _resolve_post(
    raw: RawPost, gaz: Gazetteer, lex: Lexicon, mains: dict[str, str], known: set[str]
) -> tuple[Post, str | None] | None:
    """A raw post with its place decided: a region (named, or implicit: the article's main
    省/市/区/县), a region's organ (某某市人大常委会) or another organ (外交部); and the
    region's code, if any."""
    implicit = "省" if raw.region_implicit == "自治区" else raw.region_implicit or ""
    code = _pick_region(raw, gaz, known) if raw.region_codes else mains.get(implicit)
    if raw.head is not None:
        if code is None:
            return None
        organ = gaz.canonical_name(code) + raw.head
        return Post(raw.title, organ, keys.organ(organ), raw.former), code
    if code is not None:
        return Post(raw.title, gaz.canonical_name(code), keys.district(code), raw.former), code
    if raw.region_codes or not raw.organ:
        return None
    organ = lex.organs.get(raw.organ, raw.organ)
    return Post(raw.title, organ, keys.organ(organ), raw.former), None


def _pick_region(raw: RawPost, gaz: Gazetteer, known: set[str]) -> str | None:
    codes = raw.region_codes
    if raw.parent_code:
        under = [c for c in codes if gaz.is_ancestor(raw.parent_code, c) or c == raw.parent_code]
        codes = tuple(under) or codes
    if len(codes) == 1:
        return codes[0]
    for depth in range(3):  # the district itself named, else its city, else its province (南京市 over 江苏省)
        near = [c for c in codes if len(gaz.chain(c)) > depth and gaz.chain(c)[depth].code in known]
        if near:
            return near[0] if len(near) == 1 else None
    return None


def _record_metadata_people(builder: _Builder, article: Article) -> None:
    for name in filter(None, (article.editor, *article.reporters)):
        builder.add(Entity(keys.person(name), EntityType.PERSON, name))
        builder.triple(keys.person(name), Predicate.MENTIONED_IN, keys.article(article.id))
