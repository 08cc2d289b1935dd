"""locatedIn read from names (basis ``name``): a zone's, a university's or a registered
company's place (洛阳高新区 → 洛阳市), a zone named after the zone it lies in (某某合作区|深圳园区);
then an organisation in a zone is where the zone is (basis ``zone``), and of the places one
article gives a thing only the most specific are kept.
"""

from __future__ import annotations

import re

from kgraph import keys
from kgraph.extract.builder import _Builder, _district, _sentence_of
from kgraph.extract.orgs import BRANCHES, LEGAL_FORMS, ZONE_SUFFIXES, good_core, known_company_length, org_key_name
from kgraph.extract.place_in_name import _leading_forms, _place_in_name
from kgraph.extract.places import ZONE_DIVISIONS
from kgraph.extract.relations import Span
from kgraph.model import Entity, EntityType, Predicate
from kgraph.resources.divisions import Gazetteer
from kgraph.resources.lexicon import Lexicon
from kgraph.segment import tokens


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


# 中国（新疆）自由贸易试验区喀什片区: a free trade zone's area (not a 新片区, a zone of its own)
_FREE_TRADE_AREA = re.compile(r"^(中国（([^）]+)）自由贸易试验区)[\u4e00-\u9fff]{1,6}(?<!新)片区$")
_FREE_TRADE_WORDS = ("自由贸易试验区", "自贸试验区", "自贸区")


def _record_free_trade_parents(builder: _Builder, orgs: list[Span], sents: list[tuple[int, int]], gaz: Gazetteer) -> list[Span]:
    """新疆自贸区喀什片区: an area of a free trade zone, however written, is in that zone, which its
    name writes too (新疆自贸区 = 中国（新疆）自由贸易试验区); both keep the form the text writes,
    with the province written before the span (新疆|自贸区喀什片区), as aliases. The zones' spans."""
    text, spans = builder.article.text, []
    for span in [s for s in orgs if keys.is_kind(s.key, "zone")]:
        area = builder.entities.get(span.key)
        match = _FREE_TRADE_AREA.match(area.name) if area is not None else None
        written = text[span.start : span.end]
        cut = max((written.find(w) + len(w) for w in _FREE_TRADE_WORDS if w in written), default=-1)
        if area is None or match is None or cut <= 0 or written.startswith("中国"):
            continue  # 中国（福建）自由贸易试验区厦门片区: _record_parent_zones reads the name written in full
        zone, province = match.group(1), _province_code(match.group(2), gaz)
        forms = {match.group(2), gaz.get(province).name} if province is not None else {match.group(2)}
        before = next((f for f in sorted(forms, key=len, reverse=True) if text.endswith(f, 0, span.start)), "")
        parent = Entity(keys.for_type(EntityType.ZONE, zone), EntityType.ZONE, zone, ((before + written[:cut]),))
        builder.add(Entity(area.key, area.type, area.name, (before + written,)))
        builder.mention(span.start, span.start + cut, parent)
        sentence = _sentence_of(sents, span.start, span.end)
        builder.triple(span.key, Predicate.LOCATED_IN, parent.key, *sentence, basis="name")
        if province is not None:  # the zone is the province's: its name says so
            builder.triple(parent.key, Predicate.LOCATED_IN, keys.district(province), *sentence, basis="name")
        spans.append(Span(span.start, span.start + cut, parent.key))
    return spans


def _province_code(name: str, gaz: Gazetteer) -> str | None:
    """The province a free trade zone's name writes in its brackets (新疆 → 650000)."""
    codes = [c for c in gaz.candidates(name) if gaz.get(c).level == "province"]
    return codes[0] if len(codes) == 1 else None


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


def _mention_zone_place(builder: _Builder, span: Span, name: str, code: str, gaz: Gazetteer) -> None:
    """郑州高新区, 中国（新疆）自由贸易试验区: the place that opens a zone's name, or stands in its
    brackets, says whose zone it is, and so is a mention of that district (not so in a
    company's or a lab's name, where a place is part of a brand)."""
    bracket = re.match(r"中国[（(]([^）)]{2,8})[）)]", name)
    at, form = (bracket.start(1), bracket.group(1)) if bracket else (0, next(
        (name[:n] for n in range(min(len(name) - 1, 12), 1, -1) if code in gaz.candidates(name[:n])), ""))  # fmt: skip
    if form and code in gaz.candidates(form):
        builder.mention(span.start + at, span.start + at + len(form), _district(code, gaz, form))
