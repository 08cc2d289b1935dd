"""Where the views read a graph from: anything that lists the (subject, object) pairs of a predicate.

    GraphStore (the build's Oxigraph store, or a file loaded into one)  ─┐
    canonical.Triples (the graph a build has just made, in memory)       ├─ pairs(predicate)
    rdflib.Graph (through RdflibSource)                                  ─┘

The entity graph, the page and the analytics read a few predicates each, whole: on a store
that is one scan of one index per predicate, which is faster than copying the store into
rdflib, and the build reads the same from the triples it has in memory. :class:`Index`
remembers what it read, by subject.

A term is a plain tuple (:data:`kgraph.graph.canonical.Term`): ``(0, iri, "", "")``,
``(1, text, datatype, language)`` (no datatype for a plain string), ``(2, id, "", "")``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

from kgraph.graph.canonical import Term

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["Index", "PairSource", "RdflibSource", "as_source", "best_text", "first_value", "node_name", "rdflib_term"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RANK = {"zh": 0, "": 1}


class PairSource(Protocol):
    def pairs(self, predicate: str) -> list[tuple[Term, Term]]:
        """(subject, object) of every triple whose predicate is the IRI ``predicate``."""
        ...


def rdflib_term(term: Any) -> Term:
    """An rdflib term as a plain term."""
    from rdflib import BNode, Literal

    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype is not None and not term.language else ""
        return (1, str(term), "" if datatype == _XSD_STRING else datatype, term.language or "")
    return (2 if isinstance(term, BNode) else 0, str(term), "", "")


class RdflibSource:
    """An rdflib graph as a :class:`PairSource`."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def pairs(self, predicate: str) -> list[tuple[Term, Term]]:
        from rdflib import URIRef

        return [(rdflib_term(s), rdflib_term(o)) for s, o in self.graph.subject_objects(URIRef(predicate))]


def as_source(graph: Any) -> PairSource:
    """``graph`` itself when it lists pairs (a store, canonical triples, an Index), else an rdflib graph's adapter."""
    return graph if hasattr(graph, "pairs") else RdflibSource(graph)


class Index:
    """A source's predicates read once each, by subject."""

    def __init__(self, source: Any) -> None:
        self.source: PairSource = as_source(source.source if isinstance(source, Index) else source)
        self._pairs: dict[str, list[tuple[Term, Term]]] = {}
        self._objects: dict[str, dict[str, list[Term]]] = {}

    def pairs(self, predicate: str) -> list[tuple[Term, Term]]:
        found = self._pairs.get(predicate)
        if found is None:
            found = self._pairs[predicate] = self.source.pairs(predicate)
        return found

    def objects(self, predicate: str) -> dict[str, list[Term]]:
        """Subject IRI (or blank node id) → the objects of ``predicate``."""
        found = self._objects.get(predicate)
        if found is None:
            found = defaultdict(list)
            for subject, obj in self.pairs(predicate):
                found[subject[1]].append(obj)
            self._objects[predicate] = found
        return found

    def text(self, node: str, predicate: str) -> str | None:
        """The one literal of ``node predicate`` (:func:`best_text`)."""
        return best_text(self.objects(predicate).get(node, ()))

    def value(self, node: str, predicate: str) -> Term | None:
        """One value of ``node predicate`` (:func:`first_value`)."""
        return first_value(self.objects(predicate).get(node, ()))


def best_text(terms: Iterable[Term | None]) -> str | None:
    """The one literal among ``terms``: prefer @zh, then no language, then any; ties by text."""
    if isinstance(terms, list) and len(terms) == 1:  # the usual case
        only = terms[0]
        return only[1] if only is not None and only[0] == 1 else None
    values = [t for t in terms if t is not None and t[0] == 1]
    if not values:
        return None
    return min(values, key=lambda v: (_RANK.get(v[3], 2), v[1]))[1]


def first_value(terms: Iterable[Term | None]) -> Term | None:
    """One value of a property (the least, so that the choice is stable), or None."""
    found = [t for t in terms if t is not None]
    return min(found) if found else None


def node_name(index: Index, iri: str, label: str = "http://www.w3.org/2000/01/rdf-schema#label") -> str:
    """The best rdfs:label, or the last IRI segment when a resource has no label."""
    return index.text(iri, label) or iri.rstrip("/").rsplit("/", 1)[-1]
