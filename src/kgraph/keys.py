"""Entity keys: the one place that knows how a key is written and read.

A key is ``<kind>:<value>``; the same real-world thing gets the same key from every
article and every run, and :func:`kgraph.graph.rdf.iri` turns it into its IRI.

    district:330211                  a division, by its six-digit code
    company:睿钻科技                  an organisation, by its normalised name
    lab:上海交通大学 · zone:… · organ:外交部 · person:林涛
    official:王明@330000             name @ home province code (or "national")
    place:鼓楼区@a1                   an ambiguous place name, one per article
    post:市委书记@district:330400     title @ the key of its region or organ
    article:a1 · country:美国
"""

from __future__ import annotations

from kgraph.model import EntityType

__all__ = [
    "ABROAD",
    "NATIONAL",
    "article",
    "article_id",
    "code",
    "country",
    "district",
    "for_type",
    "is_abroad",
    "is_kind",
    "is_national",
    "kind",
    "make",
    "official",
    "organ",
    "person",
    "place",
    "post",
    "split_post",
    "value",
]

NATIONAL = "national"  # an official's home when no post names a region
ABROAD = "abroad"  # the home of another country's official
_SEP = ":"


def make(kind_: str, value_: str) -> str:
    """The key ``kind:value``."""
    return f"{kind_}{_SEP}{value_}"


def kind(key: str) -> str:
    """``district`` of ``district:330211``."""
    return key.partition(_SEP)[0]


def value(key: str) -> str:
    """``330211`` of ``district:330211``; everything after the first colon."""
    return key.partition(_SEP)[2]


def is_kind(key: str, kind_: str) -> bool:
    return key.startswith(kind_ + _SEP)


def for_type(type_: EntityType, name: str) -> str:
    """The key of an organisation, person or zone named ``name``: ``company:睿钻科技``."""
    return make(type_.value, name)


def district(code_: str) -> str:
    return make("district", code_)


def code(key: str) -> str:
    """The division code of a district key."""
    if not is_kind(key, "district"):
        raise ValueError(f"not a district key: {key!r}")
    return value(key)


def organ(name: str) -> str:
    return make("organ", name)


def person(name: str) -> str:
    return make("person", name)


def official(name: str, home: str) -> str:
    """``official:王明@330000``: ``home`` is a province code, :data:`NATIONAL` or :data:`ABROAD`."""
    return make("official", f"{name}@{home}")


def is_abroad(key: str) -> bool:
    """Another country's official."""
    return is_kind(key, "official") and key.endswith("@" + ABROAD)


def is_national(key: str) -> bool:
    """An official keyed with no home province."""
    return is_kind(key, "official") and key.endswith("@" + NATIONAL)


def place(form: str, article_id_: str) -> str:
    return make("place", f"{form}@{article_id_}")


def post(title: str, org_key: str) -> str:
    return make("post", f"{title}@{org_key}")


def split_post(key: str) -> tuple[str, str]:
    """(title, org key) of a post key."""
    title, _, org_key = value(key).partition("@")
    return title, org_key


def article(article_id_: str) -> str:
    return make("article", article_id_)


def article_id(key: str) -> str:
    """The id of an article key; a bare id is returned as it is."""
    return key.removeprefix(make("article", ""))


def country(name: str) -> str:
    return make("country", name)
