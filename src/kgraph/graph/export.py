"""Exports of a built graph besides Turtle: TriG and JSON-LD.

TriG puts each statement node (kg:Assertion) into the named graph of the article it
was derived from, and everything else into the default graph, so a reader can take
one article's claims apart; parsing it back and joining the graphs gives the Turtle
graph again. JSON-LD carries the same triples with a small context of our prefixes.
"""

from __future__ import annotations

from rdflib import Dataset, Graph, URIRef

from kgraph.errors import InputError
from kgraph.graph.namespace import KG, PREFIXES, PROV, RDF

__all__ = ["FORMATS", "export", "to_dataset"]

FORMATS = ("turtle", "trig", "jsonld")


def to_dataset(graph: Graph) -> Dataset:
    """The graph as a dataset: one named graph per article for its statement nodes."""
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    assertions = set(graph.subjects(RDF.type, KG.Assertion))
    default = dataset.default_graph if hasattr(dataset, "default_graph") else dataset.default_context
    for triple in graph:
        subject = triple[0]
        if subject in assertions:
            article = graph.value(subject, PROV.wasDerivedFrom)
            dataset.graph(URIRef(str(article))).add(triple)
        else:
            default.add(triple)
    return dataset


def export(graph: Graph, fmt: str) -> str:
    """The graph serialised as ``fmt`` (turtle, trig or jsonld)."""
    if fmt == "turtle":
        from kgraph.graph.rdf import serialize_turtle

        return serialize_turtle(graph)
    if fmt == "trig":
        return to_dataset(graph).serialize(format="trig")
    if fmt == "jsonld":
        context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        return graph.serialize(format="json-ld", context=context, indent=1, ensure_ascii=False)
    raise InputError(f"unknown export format {fmt!r}; valid formats: {', '.join(FORMATS)}")
