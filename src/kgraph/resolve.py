"""Resolution: merge what the articles yielded into one set of entities and triples.

Extraction already gives every entity a deterministic canonical key (a district's
code, an organisation's normalised name, an official's name and home province),
so merging is by key: aliases and posts are united, the display name is the
longest name seen for organisations (晶钻科技公司 over 晶钻科技) and the
canonical one for districts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from kgraph.model import Article, Entity, EntityType, Extraction, Mention, Triple

__all__ = ["Resolved", "resolve"]


@dataclass(frozen=True)
class Resolved:
    """The merged result of a build, sorted for stable output."""

    articles: tuple[Article, ...]
    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    triples: tuple[Triple, ...]

    def count(self, type_: EntityType) -> int:
        return sum(1 for e in self.entities if e.type is type_)


_NOTE = re.compile(r"[（(](暂名|筹|筹建|试行)[）)]$")


def _merge(old: Entity, new: Entity) -> Entity:
    names = {old.name, new.name, *old.aliases, *new.aliases}
    name = old.name
    if old.type is EntityType.COMPANY:
        name = max(sorted(n for n in names if not _NOTE.search(n)), key=len)
    aliases = tuple(sorted(names - {name}))
    posts = tuple(sorted(set(old.posts) | set(new.posts)))
    attrs = tuple(sorted(dict(old.attrs + new.attrs).items()))
    return Entity(old.key, old.type, name, aliases, posts, attrs)


def resolve(extractions: Iterable[Extraction]) -> Resolved:
    """Merge extractions (from any number of articles) by entity key."""
    articles: dict[str, Article] = {}
    entities: dict[str, Entity] = {}
    mentions: set[Mention] = set()
    triples: set[Triple] = set()
    for extraction in extractions:
        articles[extraction.article.id] = extraction.article
        for entity in extraction.entities:
            old = entities.get(entity.key)
            entities[entity.key] = entity if old is None else _merge(old, entity)
        mentions.update(extraction.mentions)
        triples.update(extraction.triples)
    return Resolved(
        tuple(articles[k] for k in sorted(articles)),
        tuple(entities[k] for k in sorted(entities)),
        tuple(sorted(mentions, key=lambda m: (m.article_id, m.start, m.end, m.key))),
        tuple(sorted(triples)),
    )
