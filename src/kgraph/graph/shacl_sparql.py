"""SHACL core constraints as SPARQL queries, run on Oxigraph: the fast path of validation.

pySHACL checks each constraint node by node in Python (30 s of a build of the xwlb corpus);
the same constraints written as one SPARQL query each run in milliseconds on Oxigraph.
:func:`compile_shapes` turns the shapes kgraph uses into such queries:

    node shapes with sh:targetClass / sh:targetSubjectsOf, holding
      sh:property [ sh:path <IRI> ; sh:minCount 1 | sh:maxCount n | sh:datatype | sh:pattern |
                    sh:nodeKind sh:IRI | sh:in (…) | sh:class | sh:minInclusive | sh:lessThan |
                    sh:or ( [ sh:datatype … ] … ) ; sh:message … ]
      sh:or ( [ sh:path <IRI> ; sh:minCount 1 ] … ) ; sh:message …

Each query gives the focus nodes (?this) that break its constraint. A shapes graph using
anything else (another constraint, a complex path, a shape without sh:message, a severity)
gives ``None``: the caller then lets pySHACL check the core constraints. A test compares
the results with pySHACL's on a graph breaking each rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kgraph.graph.namespace import RDF, RDFS, SH

__all__ = ["CoreQuery", "compile_shapes"]

_SHAPE_KEYS = {RDF.type, RDFS.label, RDFS.comment, SH.targetClass, SH.targetSubjectsOf, SH.property, SH.sparql, SH["or"],
               SH.message, SH.name, SH.description, SH.declare}  # fmt: skip
_PROPERTY_KEYS = {SH.path, SH.minCount, SH.maxCount, SH.datatype, SH.pattern, SH.nodeKind, SH["in"], SH["class"],
                  SH.minInclusive, SH.lessThan, SH["or"], SH.message, SH.name, SH.description, RDFS.comment}  # fmt: skip


@dataclass(frozen=True)
class CoreQuery:
    """One constraint as SPARQL: its query (selecting ?this), path ("" for the node) and message."""

    sparql: str
    path: URIRef | None
    message: str


class _Unsupported(Exception):
    pass


def _term(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise _Unsupported(f"blank node {node}")


def _list(shapes: Graph, head: Node) -> list[Node]:
    return list(Collection(shapes, head))


def _targets(shapes: Graph, shape: Node) -> str:
    parts = [f"{{ ?this a {_term(c)} }}" for c in shapes.objects(shape, SH.targetClass)]
    parts += [f"{{ SELECT DISTINCT ?this WHERE {{ ?this {_term(p)} [] }} }}" for p in shapes.objects(shape, SH.targetSubjectsOf)]
    if not parts:
        raise _Unsupported(f"shape {shape} has no target kgraph knows")
    return " UNION ".join(parts)


def _message(shapes: Graph, shape: Node) -> str:
    messages = sorted(str(m) for m in shapes.objects(shape, SH.message))
    if not messages:
        raise _Unsupported(f"shape {shape} has no sh:message")
    return "; ".join(messages)


def _value_filter(shapes: Graph, prop: Node, key: URIRef, value: Node) -> str | None:
    """A FILTER that holds for a bad value ?v, or None when ``key`` is no value constraint."""
    if key == SH.datatype:
        return f"FILTER (!isLiteral(?v) || datatype(?v) != {_term(value)})"
    if key == SH.pattern:
        return f"FILTER (isBlank(?v) || !REGEX(STR(?v), {Literal(str(value)).n3()}))"
    if key == SH.nodeKind:
        if value != SH.IRI:
            raise _Unsupported(f"sh:nodeKind {value}")
        return "FILTER (!isIRI(?v))"
    if key == SH["in"]:
        return "FILTER (!(" + " || ".join(f"sameTerm(?v, {_term(m)})" for m in _list(shapes, value)) + "))"
    if key == SH["class"]:
        return f"FILTER NOT EXISTS {{ ?v a/<{RDFS.subClassOf}>* {_term(value)} }}"
    if key == SH.minInclusive:
        return f"FILTER (!(?v >= {_term(value)}))"
    if key == SH["or"]:
        return "FILTER (!(" + " || ".join(_datatype_test(shapes, m) for m in _list(shapes, value)) + "))"
    return None


def _datatype_test(shapes: Graph, member: Node) -> str:
    keys = set(shapes.predicates(member))
    if keys != {SH.datatype}:
        raise _Unsupported("sh:or of something other than datatypes")
    datatype = shapes.value(member, SH.datatype)
    if datatype is None:
        raise _Unsupported("sh:or member without a datatype")
    return f"(isLiteral(?v) && datatype(?v) = {_term(datatype)})"


def _property_queries(shapes: Graph, prop: Node, targets: str) -> list[CoreQuery]:
    if set(shapes.predicates(prop)) - _PROPERTY_KEYS:
        raise _Unsupported(f"property shape {prop} uses {set(shapes.predicates(prop)) - _PROPERTY_KEYS}")
    path = shapes.value(prop, SH.path)
    if not isinstance(path, URIRef):
        raise _Unsupported("a complex path")
    message, p, queries = _message(shapes, prop), _term(path), []
    for key, value in shapes.predicate_objects(prop):
        test = _value_filter(shapes, prop, key, value)  # type: ignore[arg-type]
        if test is not None:
            queries.append(f"SELECT DISTINCT ?this WHERE {{ {targets} ?this {p} ?v . {test} }}")
        elif key == SH.minCount:
            if int(value) != 1:  # type: ignore[call-overload]
                raise _Unsupported("sh:minCount other than 1")
            queries.append(f"SELECT DISTINCT ?this WHERE {{ {targets} FILTER NOT EXISTS {{ ?this {p} [] }} }}")
        elif key == SH.maxCount:
            queries.append(f"SELECT ?this WHERE {{ {targets} ?this {p} ?v }} GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {int(value)})")  # type: ignore[call-overload]
        elif key == SH.lessThan:
            queries.append(f"SELECT DISTINCT ?this WHERE {{ {targets} ?this {p} ?v ; {_term(value)} ?w . FILTER (!(?v < ?w)) }}")
    return [CoreQuery(q, path, message) for q in queries]


def _node_or(shapes: Graph, shape: Node, targets: str) -> CoreQuery:
    tests = []
    for member in _list(shapes, shapes.value(shape, SH["or"])):  # type: ignore[arg-type]
        path, least = shapes.value(member, SH.path), shapes.value(member, SH.minCount)
        if set(shapes.predicates(member)) != {SH.path, SH.minCount} or str(least) != "1" or not isinstance(path, URIRef):
            raise _Unsupported("a node-level sh:or other than paths with sh:minCount 1")
        tests.append(f"FILTER NOT EXISTS {{ ?this {_term(path)} [] }}")
    return CoreQuery(f"SELECT DISTINCT ?this WHERE {{ {targets} {' '.join(tests)} }}", None, _message(shapes, shape))


def compile_shapes(shapes: Graph) -> list[CoreQuery] | None:
    """Every core constraint of ``shapes`` as a query, or None if some cannot be compiled."""
    try:
        queries: list[CoreQuery] = []
        for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
            if set(shapes.predicates(shape)) - _SHAPE_KEYS:
                raise _Unsupported(f"node shape {shape} uses {set(shapes.predicates(shape)) - _SHAPE_KEYS}")
            targets = _targets(shapes, shape)
            for prop in shapes.objects(shape, SH.property):
                if not isinstance(prop, BNode | URIRef):
                    raise _Unsupported("a literal property shape")
                queries += _property_queries(shapes, prop, targets)
            if shapes.value(shape, SH["or"]) is not None:
                queries.append(_node_or(shapes, shape, targets))
        return queries
    except (_Unsupported, ValueError, TypeError):
        return None
