"""Names → the entities they denote: labels, aliases, and the organs' usual short names.

An analyst writes 国务院, 中共中央 or 科技部 where the graph labels the organ with its full
name (中华人民共和国国务院, 中国共产党中央委员会, 科学技术部). The bundled organ table
(``resources/data/organs.tsv``, read through :func:`kgraph.resources.lexicon.load_lexicon`)
gives the full name and every usual form, so each place that accepts a name tries, in order:
the name as written, then the organ's full name, then its other usual forms::

    name_variants("国务院")  →  ("国务院", "中华人民共和国国务院", "中央人民政府", "中央政府")
    graph_name(graph, "国务院")  →  "中华人民共和国国务院"   (the first variant the graph knows)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kgraph.resources.lexicon import load_lexicon

if TYPE_CHECKING:  # rdflib only where a graph is looked into: name_variants serves `kgraph query` without it
    from rdflib import Graph, URIRef

__all__ = ["graph_name", "label_index", "name_variants"]


def name_variants(name: str) -> tuple[str, ...]:
    """``name`` (stripped) first, then the full and usual names of the organ it denotes, if any."""
    wanted = name.strip()
    organs = load_lexicon().organs  # usual form or full name → full name
    canonical = organs.get(wanted)
    if canonical is None:
        return (wanted,)
    others = sorted(alias for alias, full in organs.items() if full == canonical and alias not in (wanted, canonical))
    return tuple(dict.fromkeys((wanted, canonical, *others)))


def label_index(graph: Graph) -> tuple[dict[str, set[URIRef]], dict[str, set[URIRef]]]:
    """(label → resources, alias → resources) of every labelled resource of ``graph``."""
    from rdflib import Literal, URIRef

    from kgraph.graph.namespace import RDFS, SKOS

    labels: dict[str, set[URIRef]] = {}
    aliases: dict[str, set[URIRef]] = {}
    for predicate, index in ((RDFS.label, labels), (SKOS.altLabel, aliases)):
        for subject, value in graph.subject_objects(predicate):
            if isinstance(subject, URIRef) and isinstance(value, Literal):
                index.setdefault(str(value), set()).add(subject)
    return labels, aliases


def graph_name(graph: Graph, name: str) -> str:
    """The first of :func:`name_variants` that ``graph`` has as a label or alias, else ``name``.

    Use it on a name before a query compares it with ``rdfs:label`` or ``skos:altLabel``.
    """
    from rdflib import Literal

    from kgraph.graph.namespace import RDFS, SKOS

    variants = name_variants(name)
    if len(variants) == 1:
        return variants[0]
    for variant in variants:
        literal_forms = (Literal(variant), Literal(variant, lang="zh"))
        if any((None, p, form) in graph for p in (RDFS.label, SKOS.altLabel) for form in literal_forms):
            return variant
    return variants[0]
