"""Linking rules: which entity keys from different mentions and articles are one thing.

Each rule looks at the merged-by-key entities and proposes ``Link(source, target, rule)``:
the entity ``source`` is the same real-world thing as ``target``. Rules never guess
between several targets: an ambiguous case proposes nothing and is reported as kept
apart, so that a wrong merge is never silent.

- ``official-region``: officials with the same name, where one has only national posts
  and exactly one home province is known for that name (李明@national ↔ 李明@330000 is
  not merged when a 李明@440000 also exists).
- ``abbreviation``: a lab or company name that is an abbreviation of another of the same
  type: its characters appear in order in the longer name, the first two agree, and the
  kind word agrees (中科院上海硅酸盐所 → 中国科学院上海硅酸盐研究所, 所 ↔ 研究所).
- ``zone-place``: a zone named without the place its full name starts with (江北新区 ↔
  南京江北新区), when exactly one such zone exists.
- ``company-core``: companies whose trade name (字号) is the same once a leading region,
  trailing industry words and the legal form are taken off, unless they name different
  regions (瑞聚传媒 ↔ 宁波瑞聚传媒科技有限公司; 杭州华星 and 广州华星 stay apart).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kgraph.extract.orgs import company_core
from kgraph.keys import is_abroad, is_national
from kgraph.model import Entity, EntityType
from kgraph.resources.lexicon import pairs, words
from kgraph.segment import tokens, word_info

__all__ = [
    "Apart",
    "Link",
    "abbreviation_links",
    "company_core_links",
    "official_links",
    "truncated_name_links",
    "zone_links",
]

_EXPANSIONS = pairs("linking", "expansions")  # 中科院 → 中国科学院
_KIND_WORDS = dict(pairs("linking", "kind-words"))  # 所 → 研究所
# a name ending in a whole kind word is a name, not an abbreviation: 俄罗斯科学院 ≠ 俄罗斯…学院
_WHOLE_KINDS = words("linking", "whole-kinds")


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    rule: str


@dataclass(frozen=True)
class Apart:
    """Same-name entities deliberately kept apart, and why."""

    keys: tuple[str, ...]
    reason: str


def official_links(entities: Iterable[Entity], apart_names: frozenset[str] = frozenset()) -> tuple[list[Link], list[Apart]]:
    entities = list(entities)
    by_name: dict[str, list[str]] = {}
    for entity in entities:
        if entity.type is EntityType.OFFICIAL and not is_abroad(entity.key):  # another country's officials stay apart
            by_name.setdefault(entity.name, []).append(entity.key)
    links, kept = _titled_person_links(entities, by_name, apart_names), []
    held_now = {e.key for e in entities if e.type is EntityType.OFFICIAL and any(not p.former for p in e.posts)}
    for name, keys in sorted(by_name.items()):
        if len(keys) < 2:
            continue
        current = [k for k in keys if k in held_now]
        if name not in apart_names and len(current) == 1:  # 时任福州市委书记X: the one X who holds a post now
            rule = "official-former: only former posts, one namesake holding a post now"
            links += [Link(k, current[0], rule) for k in keys if k != current[0]]
            continue
        regional = sorted(k for k in keys if not is_national(k))
        national = [k for k in keys if is_national(k)]
        if name in apart_names:
            kept.append(Apart(tuple(sorted(keys)), "kept apart by the override file"))
        elif len(regional) == 1:
            links += [Link(k, regional[0], "official-region: national posts, one home province for the name") for k in national]
        else:
            kept.append(Apart(tuple(sorted(keys)), "same name, posts in different provinces"))
    return links, kept


def _titled_person_links(entities: list[Entity], officials: dict[str, list[str]], apart: frozenset[str]) -> list[Link]:
    """总理李明 with no organ in one article is the official 李明 when only one official has that name."""
    links = []
    for entity in entities:
        roles = {value for key, value in entity.attrs if key == "role"}
        if entity.type is EntityType.PERSON and roles == {"official-title"} and entity.name not in apart:
            keys = officials.get(entity.name, [])
            regional = [k for k in keys if not is_national(k)] or keys
            if len(set(regional)) == 1:
                links.append(Link(entity.key, regional[0], "official-title: titled like an official, one official of that name"))
    return links


def truncated_name_links(entities: Iterable[Entity], following: dict[str, set[str]]) -> list[Link]:
    """刘国 (every mention followed by 中) is 刘国中 when an official of that name exists.

    ``following`` maps an official key to the characters that follow its mentions in
    their articles; jieba sometimes cuts a three-character name before a character that
    is also a common word (刘国|中, 黄润|秋).
    """
    officials = {e.name: e.key for e in entities if e.type is EntityType.OFFICIAL}
    links = []
    for name, key in sorted(officials.items()):
        after = following.get(key, set())
        if len(name) == 2 and len(after) == 1:
            longer = officials.get(name + next(iter(after)))
            if longer is not None:
                links.append(Link(key, longer, "truncated name: every mention continues with the same character"))
    return links


def _expand(name: str) -> str:
    for short, full in _EXPANSIONS:
        if name.startswith(short):
            name = full + name[len(short) :]
    return name


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(ch in chars for ch in short)


def _abbreviates(short: str, long: str) -> bool:
    """中科院上海硅酸盐所 abbreviates 中国科学院上海硅酸盐研究所."""
    short, long = _expand(short), _expand(long)
    if len(short) >= len(long) or len(short) < 4 or short[:2] != long[:2] or short.endswith(_WHOLE_KINDS):
        return False
    kind = next((k for k in sorted(_KIND_WORDS, key=len, reverse=True) if short.endswith(k)), None)
    if kind is None or not long.endswith((kind, _KIND_WORDS[kind])):
        return False
    return _is_subsequence(short, long)


def abbreviation_links(entities: Iterable[Entity]) -> tuple[list[Link], list[Apart]]:
    """Short lab names that abbreviate exactly one longer lab name of the build."""
    labs = [e for e in entities if e.type is EntityType.LAB]
    buckets: dict[str, list[Entity]] = {}
    for lab in labs:
        buckets.setdefault(_expand(lab.name)[:2], []).append(lab)
    links, kept = [], []
    for bucket in buckets.values():
        for short in bucket:
            targets = [long for long in bucket if long is not short and _abbreviates(short.name, long.name)]
            if len(targets) == 1:
                links.append(Link(short.key, targets[0].key, "abbreviation: characters in order, same kind word"))
            elif targets:
                keys = tuple(sorted([short.key] + [t.key for t in targets]))
                kept.append(Apart(keys, "abbreviation fits several full names"))
    return links, kept


def _brand_like(core: str) -> bool:
    """A trade name, not common words: 瑞聚, 汉莎 (航空, 国家广播电视 are no evidence)."""
    for word in tokens(core):
        info = word_info(word.word)
        if info is None or len(word.word) == 1 or info[1] in ("nz", "nr", "nrt", "eng"):
            return True
    return False


def company_core_links(entities: Iterable[Entity], place: Callable[[str], str | None]) -> tuple[list[Link], list[Apart]]:
    groups: dict[str, list[tuple[str, Entity]]] = {}
    for entity in entities:
        if entity.type is EntityType.COMPANY:
            region, core = company_core(entity.name, place)
            if len(core) >= 2:
                groups.setdefault(core, []).append((region, entity))
    links, kept = [], []
    for core, members in groups.items():
        regions = {r for r, _ in members if r}
        if len(members) > 1 and len(regions) > 1:
            kept.append(Apart(tuple(sorted(e.key for _, e in members)), "same trade name in different regions"))
        if not _brand_like(core):  # 国家广播电视集团 is not 秘鲁国家广播电视集团
            members = [(r, e) for r, e in members if r] if len(regions) == 1 else []
        if len(members) < 2 or len(regions) > 1:
            continue
        target = max((e for _, e in members), key=lambda e: (len(e.name), e.key))
        links += [Link(e.key, target.key, "company-core: same trade name, no conflicting region") for _, e in members if e is not target]
    return links, kept


def zone_links(entities: Iterable[Entity], place: Callable[[str], str | None]) -> list[Link]:
    """江北新区 → 南京江北新区: a zone's name is another's without its leading place."""
    zones = [e for e in entities if e.type is EntityType.ZONE]
    by_name = {e.name: e for e in zones}
    longer: dict[str, list[Entity]] = {}
    for zone in zones:
        for n in range(2, min(8, len(zone.name) - 3) + 1):
            if place(zone.name[:n]) and zone.name[n:] in by_name:
                longer.setdefault(zone.name[n:], []).append(zone)
    rule = "zone-place: the same zone named without its leading place"
    return [Link(by_name[short].key, targets[0].key, rule) for short, targets in sorted(longer.items()) if len(targets) == 1]
