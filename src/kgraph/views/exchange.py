"""The entity graph for other tools: plain attributes, GraphML, GEXF, and Neo4j-ready CSV.

    entity graph (network.to_networkx) ──plain──▶ nx.MultiDiGraph with str/int attributes
                                       ──graphml / gexf──▶ text for Gephi, Cytoscape, yEd
                                       ──csv_tables──▶ nodes.csv + edges.csv (neo4j-admin import)

``plain`` keeps the nodes and edges of the entity graph (so the counts are those of
``kgraph stats``) and gives every node and edge the same attributes, each a string or an
integer, so ``nx.write_graphml`` and ``nx.write_gexf`` accept them and pyvis can serialise
them. Nothing here prints or writes files.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import networkx as nx

from kgraph.errors import InputError
from kgraph.graph import export as rdf_export
from kgraph.views.network import EDGE_KINDS, ENTITY_TYPES, fact_text, to_networkx
from kgraph.views.page import NODE_TYPES

__all__ = ["EDGE_COLUMNS", "FORMATS", "NODE_COLUMNS", "STYLE", "csv_tables", "export_graph", "gexf", "graphml", "plain"]

#: Colour and vis-network shape of each entity type (the page's legend, page.NODE_TYPES).
STYLE: dict[str, tuple[str, str]] = {t.key: (t.color, t.shape) for t in NODE_TYPES}
_TYPE_ZH = {key: zh for key, _, zh in ENTITY_TYPES}
_NEO4J_LABEL = {key: cls.rsplit("#", 1)[-1] for key, cls, _ in ENTITY_TYPES}
_NEO4J_TYPE = {kind: "".join("_" + c if c.isupper() else c.upper() for c in kind) for kind in EDGE_KINDS}

#: nodes.csv header: neo4j-admin import's id, label and typed columns (arrays split on ";").
NODE_COLUMNS = ("id:ID", "name", ":LABEL", "type", "type_zh", "aliases:string[]", "mentions:int", "admin_code", "color")
#: edges.csv header: neo4j-admin import's start, end and relationship type columns.
EDGE_COLUMNS = (":START_ID", ":END_ID", ":TYPE", "kind", "label", "fact", "sources:int", "quote", "article", "date")


def plain(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of the entity graph whose attributes are plain strings and integers.

    Node: ``label``, ``type`` (official …), ``type_zh`` (官员 …), ``aliases`` (joined with
    "|"), ``mentions`` (articles), ``admin_code`` ("" unless a district), ``color``, ``shape``.
    Edge: ``kind`` (holdsPost, partOf …), ``label`` (the post's title, 隶属 …), ``fact`` (the
    fact as a sentence), ``sources`` (how many sentences state it), ``quote``, ``article``
    and ``date`` of the newest one ("" when none, as for a district's parent).
    """
    out = nx.MultiDiGraph()
    for node, data in g.nodes(data=True):
        color, shape = STYLE[data["type"]]
        out.add_node(node, label=data["label"], type=data["type"], type_zh=_TYPE_ZH[data["type"]],
                     aliases="|".join(data["aliases"]), mentions=int(data["mentions"]),
                     admin_code=data["admin_code"], color=color, shape=shape)  # fmt: skip
    for u, v, key, data in g.edges(keys=True, data=True):
        newest = data["sources"][0] if data["sources"] else None
        out.add_edge(u, v, key=key, kind=data["kind"], label=data["label"], fact=fact_text(g, u, v, data),
                     sources=len(data["sources"]), quote=newest.quote if newest else "",
                     article=newest.article if newest else "", date=newest.date if newest else "")  # fmt: skip
    return out


def graphml(g: nx.MultiDiGraph) -> str:
    """The plain entity graph as GraphML text."""
    return "\n".join(nx.generate_graphml(plain(g))) + "\n"


def _rgb(color: str) -> dict[str, int | float]:
    return {"r": int(color[1:3], 16), "g": int(color[3:5], 16), "b": int(color[5:7], 16), "a": 1.0}


def gexf(g: nx.MultiDiGraph) -> str:
    """The plain entity graph as GEXF 1.2 text, with each node's colour for Gephi."""
    out = plain(g)
    for _, data in out.nodes(data=True):
        data["viz"] = {"color": _rgb(data["color"])}
    return "\n".join(nx.generate_gexf(out)) + "\n"


def _rows(g: nx.MultiDiGraph) -> tuple[Iterator[list[object]], Iterator[list[object]]]:
    p = plain(g)
    nodes = (
        [n, d["label"], _NEO4J_LABEL[d["type"]], d["type"], d["type_zh"], d["aliases"].replace("|", ";"),
         d["mentions"], d["admin_code"], d["color"]]
        for n, d in p.nodes(data=True)
    )  # fmt: skip
    edges = (
        [u, v, _NEO4J_TYPE[d["kind"]], d["kind"], d["label"], d["fact"], d["sources"], d["quote"], d["article"], d["date"]]
        for u, v, d in p.edges(data=True)
    )
    return nodes, edges


def csv_tables(g: nx.MultiDiGraph) -> dict[str, str]:
    """``{"nodes.csv": …, "edges.csv": …}``: one row per entity and per relation, headers in
    neo4j-admin import's form (``id:ID``, ``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``,
    typed columns); the Neo4j label is the ontology class (Official …), the relationship type
    the relation in capitals (HOLDS_POST …); aliases are separated by ";"."""
    tables = {}
    for name, header, rows in zip(("nodes.csv", "edges.csv"), (NODE_COLUMNS, EDGE_COLUMNS), _rows(g)):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        tables[name] = buffer.getvalue()
    return tables


#: Every export format: the RDF ones (graph/export.py) and the entity graph's.
FORMATS = (*rdf_export.FORMATS, "graphml", "gexf", "csv")


def export_graph(graph: Any, fmt: str, g: nx.MultiDiGraph | None = None) -> str | dict[str, str]:
    """``graph`` in ``fmt`` (any case; an rdflib graph for the RDF formats, else also a store): RDF text, GraphML or GEXF text, or the CSV tables by
    file name. ``g`` is the entity graph when the caller has it. Raises InputError for an
    unknown format, listing the valid ones."""
    fmt = fmt.lower()
    if fmt in rdf_export.FORMATS:
        return rdf_export.export(graph, fmt)
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; valid formats: {', '.join(FORMATS)}")
    g = to_networkx(graph) if g is None else g
    return csv_tables(g) if fmt == "csv" else graphml(g) if fmt == "graphml" else gexf(g)
