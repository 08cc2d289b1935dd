"""Explain an entity: every fact about it with the sentence, article title and date that state it."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kgraph.errors import QueryError
from kgraph.graph.lookup import name_variants
from kgraph.graph.namespace import DCTERMS, KG, PROV, RDF, RDFS, SKOS
from kgraph.views.network import DIVISION_SOURCE, FACT_VERBS

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


def _label(graph: Graph, node: Node | None) -> str:
    label = graph.value(node, RDFS.label)
    return str(label) if label is not None else str(node)


def find_entities(graph: Graph, name: str) -> list[Node]:
    """Entities whose name or alias is ``name`` (posts and articles excluded); an organ's
    usual short name (国务院) also finds it under its full name (graph.lookup)."""
    for variant in name_variants(name):
        found = {s for p in (RDFS.label, SKOS.altLabel) for s, o in graph.subject_objects(p) if str(o) == variant}
        kept = [s for s in found if (s, RDF.type, KG.Post) not in graph and (s, RDF.type, KG.Article) not in graph]
        if kept:
            return sorted(kept, key=str)
    return []


def explain(graph: Graph, name: str) -> list[Fact]:
    """Facts stated about the entity called ``name``, each with its source sentence; for a
    district or organ also who holds its posts.

    Raises QueryError when no entity has that name or alias.
    """
    nodes = find_entities(graph, name)
    if not nodes:
        raise QueryError(f"no entity is called {name!r}; `kgraph query officials` (or companies, labs, districts) lists names")
    facts = []
    for node in nodes:
        posts = set(graph.subjects(KG.postIn, node))  # an organ's or district's posts: who holds them
        stated = {a for target in (node, *posts) for a in graph.subjects(RDF.object, target)}
        for assertion in set(graph.subjects(RDF.subject, node)) | stated:
            facts.append(_fact(graph, assertion))
        for parent in graph.objects(node, KG.partOf):
            facts.append(Fact(_label(graph, node), FACT_VERBS[KG.partOf], _label(graph, parent), "", DIVISION_SOURCE, "", 0, 0))
    return sorted(set(facts))


def _fact(graph: Graph, assertion: Node) -> Fact:
    predicate = graph.value(assertion, RDF.predicate)
    obj = graph.value(assertion, RDF.object)
    article = graph.value(assertion, PROV.wasDerivedFrom)
    return Fact(
        _label(graph, graph.value(assertion, RDF.subject)),
        _PREDICATE_LABELS.get(predicate, str(predicate)) if isinstance(predicate, URIRef) else str(predicate),
        _label(graph, obj),
        str(graph.value(assertion, KG.asOf) or ""),
        str(graph.value(article, DCTERMS.title) or graph.value(article, KG.articleId) or article),
        str(graph.value(assertion, KG.quote) or ""),
        _int(graph.value(assertion, KG.startOffset)),
        _int(graph.value(assertion, KG.endOffset)),
        str(graph.value(assertion, KG.basis) or "sentence"),
    )


def _int(node: Node | None) -> int:
    return int(node) if isinstance(node, Literal) else 0


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
