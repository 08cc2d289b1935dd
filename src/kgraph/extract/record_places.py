"""Recording districts: the place candidates, decided by context, become mentions of districts
(or of one ambiguous place node per article) outside the names of organisations and persons;
every district gets its partOf chain up to the province.
"""

from __future__ import annotations

import itertools

from kgraph import keys
from kgraph.extract.builder import _Builder, _district
from kgraph.extract.names import occurrences
from kgraph.extract.officials import TitledName
from kgraph.extract.places import PlaceHit, decide_places
from kgraph.extract.relations import Span
from kgraph.model import Entity, EntityType, Predicate
from kgraph.resources.divisions import Gazetteer


def _name_spans(text: str, names: list[TitledName]) -> list[tuple[int, int]]:
    """Every place the text writes a titled person's name (钟长春, and 钟长春介绍 later)."""
    found = {text[n.name_start : n.name_end] for n in names if n.name_end - n.name_start >= 2}
    return [(at, at + len(name)) for name in found for at in occurrences(text, name)]


def _record_places(
    builder: _Builder, text: str, candidates: list[PlaceHit], hidden: list[tuple[int, int]], gaz: Gazetteer
) -> list[Span]:
    """Districts mentioned outside the names of organisations, of places kgraph does not
    record, and of persons (钟长春 is no mention of 长春)."""
    covered = bytearray(len(text) + 1)  # the characters hidden names cover
    for s, e in hidden:
        covered[s:e] = b"\x01" * max(0, e - s)
    hits = [h for h in candidates if not any(covered[h.start : h.end])]
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


def _record_hierarchy(builder: _Builder, gaz: Gazetteer) -> None:
    """Every district gets its parent chain up to the province (partOf)."""
    for key in [k for k, e in builder.entities.items() if e.type is EntityType.DISTRICT]:
        chain = gaz.chain(keys.code(key))
        for child, parent in itertools.pairwise(chain):
            builder.add(_district(parent.code, gaz))
            builder.triple(child.key, Predicate.PART_OF, parent.key)
