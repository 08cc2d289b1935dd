"""The small frozen data model that flows through the pipeline.

    Article ──extract──▶ Mention (offsets into Article.text)
                         Entity  (canonical key, names, attributes)
                         Triple  (subject key, predicate, object key, evidence offsets)
            ──resolve──▶ Graph-ready entities and triples merged across articles

Invariants
- ``Mention.start < Mention.end <= len(article.text)``; the surface text is never
  copied, it is ``article.text[start:end]``.
- ``Entity.key`` is the canonical, deterministic id of a real-world thing
  (``district:330211``, ``company:睿钻科技``, ``official:王明@330000``): the same
  thing yields the same key from every article and every run.
- ``Triple.subject`` and, for entity-valued predicates, ``Triple.obj`` are entity keys;
  ``Triple.start``/``end`` are the offsets of the supporting sentence.
- Every container field is a tuple, so all objects are hashable and immutable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

__all__ = [
    "Article",
    "Entity",
    "EntityType",
    "Extraction",
    "Mention",
    "Post",
    "Predicate",
    "Triple",
]


class EntityType(str, Enum):
    """What kind of thing an entity is."""

    OFFICIAL = "official"
    PERSON = "person"
    DISTRICT = "district"
    COMPANY = "company"
    LAB = "lab"
    ORGAN = "organ"
    ZONE = "zone"
    PLACE = "place"  # an ambiguous place name: several districts carry it

class Predicate(str, Enum):
    """Relations between entities (and an entity and its article)."""

    HOLDS_POST = "holdsPost"
    FORMER_POST = "formerPost"  # 原副省长: a post the text says is no longer held
    LOCATED_IN = "locatedIn"
    PART_OF = "partOf"
    INCUBATED_BY = "incubatedBy"
    CO_BUILT_WITH = "coBuiltWith"
    MENTIONED_IN = "mentionedIn"


@dataclass(frozen=True)
class Article:
    """One news article: its text and whatever metadata the source gave."""

    id: str
    text: str
    title: str = ""
    published: str | None = None  # ISO 8601 date or date-time, as precise as known
    source: str | None = None  # 来源
    editor: str | None = None  # 编辑
    reporters: tuple[str, ...] = ()  # 记者
    url: str | None = None
    path: str | None = None  # file the article came from, for messages


@dataclass(frozen=True)
class Mention:
    """A span of an article's text that names an entity: ``text[start:end]``."""

    article_id: str
    start: int
    end: int
    type: EntityType
    key: str  # the entity key this mention was resolved to

    def surface(self, article: Article) -> str:
        return article.text[self.start : self.end]


@dataclass(frozen=True, order=True)
class Post:
    """A post: a title held in a region or organ (市委书记 @ 嘉兴市).

    ``org_key`` is the entity key of the region (``district:330400``) or organ
    (``organ:外交部``); ``org_name`` is its canonical name.
    """

    title: str
    org_name: str
    org_key: str
    former: bool = False

    @property
    def label(self) -> str:
        return f"{self.title}@{self.org_name}"


@dataclass(frozen=True)
class Entity:
    """A real-world thing with a canonical key.

    ``attrs`` holds sorted (name, value) pairs such as ("code", "330211"),
    ("level", "county"), ("parent", "district:330200").
    """

    key: str
    type: EntityType
    name: str
    aliases: tuple[str, ...] = ()
    posts: tuple[Post, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, name: str) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return None


@dataclass(frozen=True, order=True)
class Triple:
    """A fact: ``subject predicate obj``, stated by an article at [start, end).

    ``basis`` says how: ``sentence`` (the sentence states it) or ``name`` (read from an
    entity's name: 洛阳高新区 is in 洛阳市, 惠州亿纬锂能股份有限公司 is registered in 惠州市).
    """

    subject: str
    predicate: Predicate
    obj: str
    article_id: str = ""
    start: int = 0
    end: int = 0
    basis: str = "sentence"


@dataclass(frozen=True)
class Extraction:
    """What one article yields: a pure function of the article and bundled data."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    triples: tuple[Triple, ...] = field(default_factory=tuple)
