"""The collector every recorder writes into: one ``_Builder`` per article gathers its mentions,
entities (merged by key) and triples; ``_sentence_of`` gives the sentence a fact is stated in,
``_district`` a district's entity.
"""

from __future__ import annotations

from kgraph import keys
from kgraph.model import Article, Entity, EntityType, Extraction, Mention, Predicate, Triple
from kgraph.resources.divisions import Gazetteer


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


def _district(code: str, gaz: Gazetteer, alias: str | None = None) -> Entity:
    division = gaz.get(code)
    name = gaz.canonical_name(code)
    attrs = [("code", code), ("level", division.level)]
    if division.parent:
        attrs.append(("parent", keys.district(division.parent)))
    aliases = tuple(sorted({alias or name, division.name} - {name}))
    return Entity(division.key, EntityType.DISTRICT, name, aliases, (), tuple(sorted(attrs)))


def _sentence_of(sents: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentence that holds text[start:end] (the span itself if none does)."""
    return next(((s, e) for s, e in sents if s <= start and end <= e), (start, end))
