"""Exports of a built graph besides Turtle: TriG and JSON-LD.

TriG puts each statement node (kg:Assertion) into the named graph of the article it
was derived from, and everything else into the default graph, so a reader can take
one article's claims apart; parsing it back and joining the graphs gives the Turtle
graph again. JSON-LD carries the same triples with a small context of our prefixes.
"""

from __future__ import annotations

import os
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from kgraph.errors import InputError, OutputError
from kgraph.graph.namespace import KG, PREFIXES, PROV, RDF

__all__ = ["FORMATS", "export", "export_target", "to_dataset"]

FORMATS = ("turtle", "trig", "jsonld")
# file suffixes of the RDF formats, and of the entity graph's (views/exchange.py) that share export_target
SUFFIXES = {"turtle": ".ttl", "trig": ".trig", "jsonld": ".jsonld", "graphml": ".graphml", "gexf": ".gexf"}
STDOUT = Path("-")


def export_target(graph_path: Path, fmt: str, out_path: Path | None) -> Path | None:
    """Where an export of ``graph_path`` goes: ``out_path``, or the graph file with the format's suffix.

    ``None`` means standard output (``out_path`` is ``-``). Raises ``OutputError`` when the
    export would overwrite the graph file it reads.
    """
    if out_path == STDOUT:
        return None
    target = out_path or graph_path.with_suffix(SUFFIXES[fmt])
    if _same_file(target, graph_path):
        hint = "give another file with -o" if out_path else f"the default for {fmt} is the graph file itself; give -o FILE"
        raise OutputError(f"export would overwrite its input {graph_path}; {hint}")
    return target


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


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
