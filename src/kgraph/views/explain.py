"""Explain an entity: every fact about it with the sentence, article title and date that state it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import URIRef

from kgraph.errors import QueryError
from kgraph.graph.lookup import name_variants
from kgraph.graph.namespace import DCTERMS, KG, PROV, RDF, RDFS
from kgraph.graph.source import first_value
from kgraph.graph.store import GraphStore, Term, as_store
from kgraph.views.network import DIVISION_SOURCE, FACT_VERBS, NAMES_HINT

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["Fact", "explain", "find_entities", "format_facts"]

_PREDICATE_LABELS = FACT_VERBS


@dataclass(frozen=True, order=True)
class Fact:
    """One fact about an entity and where it was stated."""

    subject: str
    relation: str
    obj: str
    date: str
    article: str
    quote: str
    start: int
    end: int
    basis: str = "sentence"  # or "name": read from a name; "zone": through the zone it is in


_FIND = """SELECT DISTINCT ?s WHERE {{ VALUES ?l {{ {names} }} ?s rdfs:label|skos:altLabel ?x FILTER (STR(?x) = ?l)
  FILTER NOT EXISTS {{ ?s a kg:Post }} FILTER NOT EXISTS {{ ?s a kg:Article }} }}"""
_CONTAINING = """SELECT ?l (COUNT(?a) AS ?n) WHERE {{ ?s rdfs:label ?l FILTER (CONTAINS(STR(?l), {name}))
  FILTER NOT EXISTS {{ ?s a kg:Post }} FILTER NOT EXISTS {{ ?s a kg:Article }}
  OPTIONAL {{ ?a rdf:subject|rdf:object ?s }} }} GROUP BY ?l"""
_ASSERTIONS = """SELECT DISTINCT ?a WHERE {{ VALUES ?n {{ {nodes} }}
  {{ ?a rdf:subject ?n }} UNION {{ ?a rdf:object ?n }} UNION {{ ?post kg:postIn ?n . ?a rdf:object ?post }} }}"""
_ABOUT = "SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {nodes} }} ?s ?p ?o }}"
_PARENTS = "SELECT ?n ?parent WHERE {{ VALUES ?n {{ {nodes} }} ?n kg:partOf ?parent }}"


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _iris(nodes: Iterable[Term]) -> str:
    """IRIs for a VALUES clause (blank nodes cannot be named in one, and kgraph's graphs have none)."""
    return " ".join(f"<{n[1]}>" for n in nodes if n[0] == 0)


def find_entities(graph: GraphStore | Graph, name: str) -> list[Term]:
    """Entities whose name or alias is ``name`` (posts and articles excluded); an organ's
    usual short name (国务院) also finds it under its full name (graph.lookup)."""
    store = as_store(graph)
    for variant in name_variants(name):
        found = {row[0] for row in store.select(_FIND.format(names=_literal(variant))) if row[0] is not None}
        if found:
            return sorted(found, key=lambda n: n[1])
    return []


def _containing(store: GraphStore, name: str) -> str:
    """The hint of labels holding ``name`` (the most stated first), as the other views give it."""
    rows = [(label[1], int(count[1]) if count else 0) for label, count in store.select(_CONTAINING.format(name=_literal(name))) if label and name]
    close = [label for label, _ in sorted(rows, key=lambda row: (-row[1], row[0]))[:8]]
    return f"names containing it: {'、'.join(close)}; " if close else ""


class _About:
    """The properties of some nodes, read from the store in one query."""

    def __init__(self, store: GraphStore, nodes: Iterable[Term]) -> None:
        wanted = {n for n in nodes if n[0] == 0}
        self.props: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
        for subject, predicate, obj in store.select(_ABOUT.format(nodes=_iris(wanted))) if wanted else ():
            if subject is not None and predicate is not None and obj is not None:
                self.props[subject[1]][predicate[1]].append(obj)

    def value(self, node: Term | None, predicate: object) -> Term | None:
        return first_value(self.props.get(node[1], {}).get(str(predicate), ())) if node is not None else None

    def text(self, node: Term | None, predicate: object) -> str:
        value = self.value(node, predicate)
        return value[1] if value is not None else ""

    def label(self, node: Term | None) -> str:
        return self.text(node, RDFS.label) or (node[1] if node is not None else "None")


def explain(graph: GraphStore | Graph, name: str) -> list[Fact]:
    """Facts stated about the entity called ``name``, each with its source sentence; for a
    district or organ also who holds its posts.

    Raises QueryError when no entity has that name or alias.
    """
    store = as_store(graph)
    nodes = find_entities(store, name)
    if not nodes:
        raise QueryError(f"no entity is called {name.strip()!r}; {_containing(store, name.strip())}{NAMES_HINT}")
    assertions = {row[0] for row in store.select(_ASSERTIONS.format(nodes=_iris(nodes))) if row[0] is not None}
    statements = _About(store, assertions)
    parents = [(n, p) for n, p in store.select(_PARENTS.format(nodes=_iris(nodes))) if n is not None and p is not None]
    named = {v for a in assertions for p in (RDF.subject, RDF.object) if (v := statements.value(a, p)) is not None}
    articles = {v for a in assertions if (v := statements.value(a, PROV.wasDerivedFrom)) is not None}
    about = _About(store, named | articles | set(nodes) | {p for _, p in parents})
    facts = [_fact(statements, about, a) for a in assertions]
    for node, parent in parents:
        facts.append(Fact(about.label(node), FACT_VERBS[KG.partOf], about.label(parent), "", DIVISION_SOURCE, "", 0, 0))
    return sorted(set(facts))


def _fact(statements: _About, about: _About, assertion: Term) -> Fact:
    predicate = statements.value(assertion, RDF.predicate)
    article = statements.value(assertion, PROV.wasDerivedFrom)
    verb = _PREDICATE_LABELS.get(URIRef(predicate[1])) if predicate is not None and predicate[0] == 0 else None
    return Fact(
        about.label(statements.value(assertion, RDF.subject)),
        verb or (predicate[1] if predicate is not None else "None"),
        about.label(statements.value(assertion, RDF.object)),
        statements.text(assertion, KG.asOf),
        about.text(article, DCTERMS.title) or about.text(article, KG.articleId) or (article[1] if article else "None"),
        statements.text(assertion, KG.quote),
        _int(statements.value(assertion, KG.startOffset)),
        _int(statements.value(assertion, KG.endOffset)),
        statements.text(assertion, KG.basis) or "sentence",
    )


def _int(node: Term | None) -> int:
    try:
        return int(node[1]) if node is not None and node[0] == 1 else 0
    except ValueError:
        return 0


_BASIS_NOTES = {"name": "read from the name, not stated by the sentence", "zone": "through the zone it is in"}


def format_facts(facts: list[Fact]) -> str:
    """Plain text: one block per fact, the sentence quoted with its source."""
    blocks = []
    for fact in facts:
        lines = [f"{fact.subject} —{fact.relation}→ {fact.obj}"]
        if fact.basis != "sentence":
            lines.append(f"  ({_BASIS_NOTES.get(fact.basis, fact.basis)})")
        if fact.quote:
            lines.append(f"  「{fact.quote}」")
            lines.append(f"  《{fact.article}》 {fact.date} [{fact.start}:{fact.end}]".rstrip())
        else:
            lines.append(f"  source: {fact.article}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else "no facts\n"
