"""The RDF stage: entities, triples and articles → an rdflib graph under the kg: ontology.

The shape of the graph is the contract shared with ``query`` and ``viz``:

- an entity key becomes an IRI with :func:`iri` (``district:330211`` →
  ``<https://w3id.org/kgraph/id/district/330211>``), so the same key lands on the
  same node from every article and every run;
- every entity has ``rdf:type`` (its kg: class), ``rdfs:label`` name@zh,
  ``skos:altLabel`` alias@zh and ``kg:mentionedIn`` the articles that mention it;
- a district has ``kg:adminCode``, ``kg:adminLevel`` and ``kg:partOf`` its parent;
- an official ``kg:holdsPost`` a post node (key ``post:{title}@{org_key}``) that
  has ``kg:title``, ``kg:postIn`` and ``rdfs:label`` "title（region）"@zh;
- an article has ``dcterms:title``, ``dcterms:date``, ``kg:sourceName``,
  ``kg:editor``, ``kg:reporter``, ``kg:articleId`` and ``schema:url``.

The graph has no blank nodes, and :func:`serialize_turtle` writes it in one
canonical order, so the same input gives the same bytes on every run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node
from rdflib.util import guess_format

from kgraph import keys
from kgraph.atomic import write_text_atomic
from kgraph.errors import GraphError
from kgraph.graph.canonical import entity_iri, escape_string, iri_text
from kgraph.graph.guard import check_local_jsonld, check_no_entities, offline
from kgraph.graph.namespace import DCTERMS, KG, PREFIXES, RDF, RDFS, SCHEMA, SKOS, XSD
from kgraph.graph.provenance import PROVENANCE_PREDICATES, add_assertion, add_dataset
from kgraph.model import Article, Entity, EntityType, Mention, Post, Predicate, Triple

__all__ = [
    "PREFIXES",
    "article_iri",
    "build_graph",
    "iri",
    "load_graph",
    "new_graph",
    "post_key",
    "serialize_turtle",
    "write_turtle",
]


_CLASS = {
    EntityType.OFFICIAL: KG.Official,
    EntityType.PERSON: KG.Person,
    EntityType.DISTRICT: KG.District,
    EntityType.COMPANY: KG.Company,
    EntityType.LAB: KG.Lab,
    EntityType.ORGAN: KG.Organ,
    EntityType.ZONE: KG.Zone,
    EntityType.PLACE: KG.AmbiguousPlace,
}

_PREDICATE = {p: KG[p.value] for p in Predicate}


def iri(key: str) -> URIRef:
    """The IRI of the thing with entity key ``key``.

    ``ID`` + the key with its first ":" replaced by "/". Percent-encoded (as
    UTF-8): whitespace of any kind, control characters, the characters
    ``< > " { } | \\ ^`` and the backquote, and also "%" and "#" (so distinct keys
    never share an IRI, and no IRI gets a fragment). Chinese is kept as it is.
    ``iri("district:330211")`` → ``<https://w3id.org/kgraph/id/district/330211>``,
    ``iri("post:市委书记@district:330400")`` → ``<…/id/post/市委书记@district:330400>``.
    """
    return URIRef(entity_iri(key))


def article_iri(article_id: str) -> URIRef:
    """The IRI of the article with id ``article_id``: ``ID`` + "article/" + id."""
    return iri(keys.article(article_id))


def post_key(post: Post) -> str:
    """The key of a post node: ``post:{title}@{org_key}`` (``post:市委书记@district:330400``)."""
    return keys.post(post.title, post.org_key)


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def _date_literal(published: str) -> Literal:
    """``xsd:date`` for a date, ``xsd:dateTime`` for a date and time, else a plain string."""
    text = published.strip()
    try:
        return Literal(date.fromisoformat(text).isoformat(), datatype=XSD.date)
    except ValueError:
        pass
    try:
        return Literal(datetime.fromisoformat(text).isoformat(), datatype=XSD.dateTime)
    except ValueError:
        return Literal(text)


def _add_article(graph: Graph, article: Article) -> None:
    node = article_iri(article.id)
    graph.add((node, RDF.type, KG.Article))
    graph.add((node, KG.articleId, Literal(article.id)))
    if article.title:
        graph.add((node, DCTERMS.title, _zh(article.title)))
    if article.published:
        graph.add((node, DCTERMS.date, _date_literal(article.published)))
    if article.source:
        graph.add((node, KG.sourceName, Literal(article.source)))
    if article.editor:
        graph.add((node, KG.editor, Literal(article.editor)))
    for reporter in article.reporters:
        graph.add((node, KG.reporter, Literal(reporter)))
    if article.url:
        graph.add((node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))


def _add_post(graph: Graph, key: str, title: str, org_key: str, org_name: str) -> URIRef:
    node = iri(key)
    graph.add((node, RDF.type, KG.Post))
    graph.add((node, KG.title, _zh(title)))
    graph.add((node, KG.postIn, iri(org_key)))
    graph.add((node, RDFS.label, _zh(f"{title}（{org_name}）")))
    return node


def _add_entity(graph: Graph, entity: Entity) -> None:
    node = iri(entity.key)
    graph.add((node, RDF.type, _CLASS[entity.type]))
    graph.add((node, RDFS.label, _zh(entity.name)))
    for alias in entity.aliases:
        if alias != entity.name:
            graph.add((node, SKOS.altLabel, _zh(alias)))
    code, level, parent = entity.attr("code"), entity.attr("level"), entity.attr("parent")
    if code:
        graph.add((node, KG.adminCode, Literal(code)))
        add_dataset(graph, node)
    if level:
        graph.add((node, KG.adminLevel, Literal(level)))
    if parent:
        graph.add((node, KG.partOf, iri(parent)))
    for name, value in entity.attrs:
        if name == "candidate":
            graph.add((node, KG.candidate, iri(value)))
    for post in entity.posts:
        held = KG.formerPost if post.former else KG.holdsPost  # 原副省长: held once, not now
        graph.add((node, held, _add_post(graph, post_key(post), post.title, post.org_key, post.org_name)))


def _add_triple(graph: Graph, triple: Triple, names: dict[str, str], articles: dict[str, Article]) -> None:
    if triple.predicate is Predicate.MENTIONED_IN:
        article_id = keys.article_id(triple.obj)
        graph.add((iri(triple.subject), KG.mentionedIn, article_iri(article_id)))
        return
    obj = iri(triple.obj)
    posts = (Predicate.HOLDS_POST, Predicate.FORMER_POST)
    if triple.predicate in posts and (obj, RDF.type, KG.Post) not in graph:
        title, org_key = keys.split_post(triple.obj)
        _add_post(graph, triple.obj, title, org_key, names.get(org_key, org_key))
    subject, predicate = iri(triple.subject), _PREDICATE[triple.predicate]
    graph.add((subject, predicate, obj))
    article = articles.get(triple.article_id)
    if triple.predicate in PROVENANCE_PREDICATES and article is not None and triple.end > triple.start:
        date = _date_literal(article.published) if article.published else None
        add_assertion(graph, (subject, predicate, obj), triple, article, article_iri(article.id), date)


def new_graph() -> Graph:
    """An empty graph with kgraph's prefixes bound."""
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def build_graph(
    articles: Iterable[Article],
    entities: Iterable[Entity],
    triples: Iterable[Triple],
    mentions: Iterable[Mention] = (),
) -> Graph:
    """The RDF graph of articles, entities, triples and mentions (see the module docstring).

    Entities with the same key merge into one node. A mention adds ``kg:mentionedIn``
    from its entity to its article; so does a ``mentionedIn`` triple, whose ``obj`` is
    an article id (``"a1"`` or ``"article:a1"``). A ``holdsPost`` triple's ``obj`` is a
    post key; if no entity describes that post, its node is made from the key. Posts
    marked ``former`` are linked with ``kg:formerPost``. The graph has no blank nodes.
    """
    graph = new_graph()
    by_id = {article.id: article for article in articles}
    for article in by_id.values():
        _add_article(graph, article)
    entities = list(entities)
    for entity in entities:
        _add_entity(graph, entity)
    names = {entity.key: entity.name for entity in entities}
    for triple in triples:
        _add_triple(graph, triple, names, by_id)
    for mention in mentions:
        graph.add((iri(mention.key), KG.mentionedIn, article_iri(mention.article_id)))
    return graph


# ------------------------------------------------------------------ Turtle

def _term_text(node: Node) -> str:
    if isinstance(node, URIRef):
        return iri_text(str(node))
    if isinstance(node, Literal):
        text = f'"{escape_string(str(node))}"'
        if node.language:
            return f"{text}@{node.language}"
        if node.datatype is not None:
            return f"{text}^^{iri_text(str(node.datatype))}"
        return text
    raise GraphError(f"cannot write {node!r} as canonical Turtle: only IRIs and literals are allowed, not blank nodes")


def _sort_key(node: Node) -> tuple[int, str, str, str]:
    if isinstance(node, Literal):
        return (1, str(node), str(node.datatype or ""), node.language or "")
    return (0, str(node), "", "")


def _subject_block(graph: Graph, subject: Node) -> str:
    predicates = sorted(set(graph.predicates(subject)), key=lambda p: (p != RDF.type, str(p)))
    lines = []
    for predicate in predicates:
        verb = "a" if predicate == RDF.type else _term_text(predicate)
        objects = sorted(graph.objects(subject, predicate), key=_sort_key)
        lines.append(f"    {verb} " + " ,\n        ".join(_term_text(o) for o in objects))
    return f"{_term_text(subject)}\n" + " ;\n".join(lines) + " .\n"


def serialize_turtle(graph: Graph) -> str:
    """The graph as canonical Turtle: the same graph gives the same text, always.

    All of :data:`PREFIXES` are declared, sorted by prefix; subjects are sorted by
    IRI, predicates by IRI with ``rdf:type`` first, objects by value. Each subject
    is a block separated by a blank line. Raises ``GraphError`` if the graph holds
    a blank node (they have no stable name).
    """
    header = "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in sorted(PREFIXES.items()))
    subjects = sorted(set(graph.subjects()), key=_sort_key)
    if any(isinstance(s, BNode) for s in subjects):
        raise GraphError("cannot write canonical Turtle for a graph with blank nodes")
    return header + "".join("\n" + _subject_block(graph, s) for s in subjects)


def write_turtle(graph: Graph, path: str | os.PathLike[str]) -> Path:
    """Write :func:`serialize_turtle` of ``graph`` to ``path`` atomically; return the path."""
    return write_text_atomic(path, serialize_turtle(graph))


# N-Triples is a subset of Turtle, and rdflib's Turtle parser reads a long line in linear time
# (its N-Triples parser took 8 s for a 1,000,000-character literal, and minutes for 5,000,000)
_PARSER = {"nt": "turtle", "nt11": "turtle", "ntriples": "turtle"}


def load_graph(path: str | os.PathLike[str]) -> Graph:
    """Read a graph file (Turtle, or a format rdflib guesses from the suffix).

    Raises ``GraphError`` if the file is missing (``kgraph build`` writes it) or
    cannot be parsed (the message names the file and the parser's reason). Nothing is
    fetched from the network: a JSON-LD file naming a remote context is refused.
    """
    source = Path(path)
    if source.is_dir():
        raise GraphError(f"graph file {source} is a directory; give the path of a Turtle file")
    if not source.exists():
        raise GraphError(f"graph file {source} does not exist; run `kgraph build` to write it")
    if not source.is_file():
        raise GraphError(f"graph file {source} is not a regular file")
    fmt = guess_format(str(source)) or "turtle"
    graph = new_graph()
    try:
        with offline(f"reading graph file {source}", GraphError):  # no remote context, entity or import
            if fmt == "json-ld":
                check_local_jsonld(source.read_text(encoding="utf-8"), str(source))
            if fmt in ("xml", "trix"):
                check_no_entities(source.read_bytes(), str(source))
            graph.parse(source, format=_PARSER.get(fmt, fmt))
    except GraphError:
        raise
    except Exception as exc:  # rdflib's parsers raise many unrelated exception types
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise GraphError(f"cannot parse graph file {source} as {fmt}: {reason}") from exc
    return graph
