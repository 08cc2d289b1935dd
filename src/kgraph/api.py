"""The Python API: build or open a graph, ask it questions, hand it to networkx, pyvis or pandas.

    >>> import kgraph
    >>> g = kgraph.build(["samples/articles"])          # or kgraph.open("output")
    >>> g.query("officials")[:1]                          # rows as dicts
    [{'name': '何嘉怡', 'title': '副省长', 'region': '浙江省', 'former': '', 'article': '…'}]
    >>> g.career("周启明")                                # posts with first and last report dates
    >>> nx_graph = g.to_networkx()                        # plain attributes: write_graphml works
    >>> g.to_pyvis(focus="周启明", hops=1).show("p.html")   # a pyvis Network in our colours
    >>> g.save("output")                                  # graph.ttl, aliases.csv, graph.html

Every SPARQL query goes through :meth:`Graph.result`, the one place that knows which engine
runs it (rdflib today). Names are looked up as the CLI looks them up: labels, aliases, and
an organ's usual short name (国务院 → 中华人民共和国国务院, see ``graph.lookup``). Errors are
``kgraph.KgraphError`` subclasses; nothing here prints.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import rdflib

from kgraph.errors import DependencyError, QueryError
from kgraph.graph import query as q
from kgraph.graph.rdf import serialize_turtle
from kgraph.graph.store import STORE_DIR, GraphStore, from_rdflib, from_turtle, graph_name_in, open_graph, write_store
from kgraph.limits import DEFAULT as DEFAULT_LIMITS
from kgraph.limits import Limits
from kgraph.views import network
from kgraph.views.explain import Fact
from kgraph.views.explain import explain as explain_facts
from kgraph.views.subgraph import Selection

if TYPE_CHECKING:  # the build's modules (jieba …) are imported by build() only: opening a graph stays quick
    from kgraph.pipeline import Failure
    from kgraph.resolve.overrides import Overrides

__all__ = ["CareerStep", "Graph", "build", "open"]

GRAPH_FILE = "graph.ttl"
_SELECTION_FIELDS = {f.name for f in fields(Selection)}


@dataclass(frozen=True)
class CareerStep:
    """One post an official held as reported: where, whether current or former (原…, 时任…),
    the first and last report dates (YYYY-MM-DD, "" when undated) and how many articles."""

    official: str  # name@home province code, e.g. 王明@330000 (two namesakes stay apart)
    title: str
    region: str
    status: str  # "current" or "former"
    first: str
    last: str
    articles: int



class Graph:
    """A kgraph graph in memory. Make one with :func:`build` or :func:`open`.

    ``rdf`` is the rdflib graph itself; ``failures`` lists the inputs a build skipped.
    """

    def __init__(self, rdf: rdflib.Graph | None = None, *, aliases_csv: str | None = None,
                 failures: Sequence[Failure] = (), store: GraphStore | None = None,
                 turtle: str | None = None) -> None:  # fmt: skip
        if rdf is None and store is None:
            raise ValueError("a Graph needs an rdflib graph or a store")
        self._rdf = rdf
        self._store = store
        self._turtle = turtle  # the canonical Turtle of a graph built here
        self.aliases_csv = aliases_csv
        self.failures = tuple(failures)

    @property
    def rdf(self) -> rdflib.Graph:
        """The rdflib graph (copied from the store on first use when the graph was opened from one)."""
        if self._rdf is None:
            assert self._store is not None
            self._rdf = self._store.to_rdflib()
        return self._rdf

    @property
    def store(self) -> GraphStore:
        """The graph in Oxigraph: the build's on-disk store when opened from one, else an in-memory copy."""
        if self._store is None:
            self._store = from_rdflib(self.rdf)
        return self._store

    def __len__(self) -> int:
        return len(self._store) if self._store is not None else len(self.rdf)

    def __repr__(self) -> str:
        g = self.entity_graph
        return f"<kgraph.Graph: {g.number_of_nodes()} entities, {g.number_of_edges()} relations, {len(self)} triples>"

    # ------------------------------------------------------------ queries

    def result(self, name_or_sparql: str, params: dict[str, str] | None = None, limits: Limits = DEFAULT_LIMITS) -> q.QueryResult:
        """Columns and rows (strings) of a named query (see ``kgraph query --list``), a ``.rq``
        file, or SPARQL text. Parameter values that are organ short names become the name the
        graph uses; ``limits`` bound the query's time and rows (``kgraph.limits``). Raises QueryError
        for an unknown name, bad parameters or bad SPARQL."""
        sparql = name_or_sparql if "{" in name_or_sparql else q.resolve_query(name_or_sparql, None)
        values = {key: self._name_in_graph(value) for key, value in (params or {}).items()}
        return q.run_query(self.store, sparql, values, limits)

    def _name_in_graph(self, name: str) -> str:
        return graph_name_in(self.store, name)

    def query(self, name_or_sparql: str, **params: str) -> list[dict[str, str]]:
        """The rows of a named query or SPARQL text as dicts keyed by column:
        ``g.query("post-holders", title="市委书记", region="嘉兴市", date="2024-12-31")``."""
        result = self.result(name_or_sparql, params)
        return [dict(zip(result.columns, row)) for row in result.rows]

    def to_dataframe(self, name_or_sparql: str, **params: str) -> Any:
        """:meth:`query`'s answer as a ``pandas.DataFrame`` (needs pandas: pip install 'kgraph[dataframe]')."""
        try:
            import pandas as pd
        except ImportError as exc:
            raise DependencyError("to_dataframe needs pandas: pip install pandas (or pip install 'kgraph[dataframe]')") from exc
        result = self.result(name_or_sparql, params)
        return pd.DataFrame(list(result.rows), columns=list(result.columns))

    # ------------------------------------------------------------ questions

    def explain(self, name: str) -> list[Fact]:
        """Every fact about the entity called ``name``, each with the sentence, article and date stating it."""
        return explain_facts(self.store, name)

    def mentions(self, name: str) -> list[dict[str, str]]:
        """The articles mentioning the entity called ``name``: id, date, title, url, oldest first.

        Raises QueryError when no entity has that name or alias."""
        rows = self.query("mentions", name=name)
        if not rows:
            network.find_nodes(self.entity_graph, name)  # an unknown name is an error, an unmentioned one is not
        return rows

    def career(self, name: str) -> list[CareerStep]:
        """The posts of the official called ``name`` over time, oldest report first.

        Raises QueryError when no official has that name or alias."""
        rows = self.query("career", name=name)
        if not rows:
            self._unknown(name, "official")
        return [CareerStep(**{**row, "articles": int(row["articles"])}) for row in rows]  # type: ignore[arg-type]

    def in_region(self, name: str) -> list[dict[str, str]]:
        """Everything below the district or zone called ``name`` at any depth: type, name,
        detail (a district's code, an official's title) and the place it is directly within."""
        rows = self.query("in-region", region=name)
        if not rows:
            network.find_nodes(self.entity_graph, name)  # an unknown name is an error, a leaf is not
        return rows

    def stats(self, top: int = 10) -> network.Stats:
        """Counts by type and relation, components, and the ``top`` entities by degree and PageRank."""
        return network.stats(self.entity_graph, top)

    def path(self, a: str, b: str) -> list[network.PathStep]:
        """The shortest chain of facts connecting the entities called ``a`` and ``b``."""
        return network.shortest_path(self.entity_graph, a, b)

    def _unknown(self, name: str, kind: str) -> None:
        found = network.find_nodes(self.entity_graph, name)  # raises for an unknown name
        types = sorted({self.entity_graph.nodes[n]["type"] for n in found})
        raise QueryError(f"{name!r} is no {kind} (it is a {', '.join(types)}); `kgraph query officials` lists officials")

    # ------------------------------------------------------------ other tools

    @cached_property
    def entity_graph(self) -> nx.MultiDiGraph:
        """The entity graph kgraph's analytics use (tuple attributes; see :meth:`to_networkx`)."""
        return network.to_networkx(self.store)

    def to_networkx(self) -> nx.MultiDiGraph:
        """Entities and the relations between them, with plain string and integer attributes
        (``nx.write_graphml``, ``nx.write_gexf`` and pyvis's ``from_nx`` accept them); see
        ``views/exchange.plain`` for the attributes. Node and edge counts are ``kgraph stats``'s."""
        from kgraph.views.exchange import plain

        return plain(self.entity_graph)

    def to_pyvis(self, **cut: Any) -> Any:
        """A ``pyvis.network.Network`` (kgraph's ``KgraphNetwork``) in the page's colours and shapes,
        with tooltips and ``legend``; ``net.show()``, ``net.write_html(path)`` and Jupyter display
        work offline. ``cut`` takes ``kgraph viz``'s choices (focus, hops, types, min_degree, top,
        everything) and pyvis's Network options (height, width, heading, notebook …)."""
        from kgraph.views.pyvisnet import to_pyvis

        chosen = {key: value for key, value in cut.items() if key in _SELECTION_FIELDS}
        if isinstance(chosen.get("types"), str):
            chosen["types"] = (chosen["types"],)
        options = {key: value for key, value in cut.items() if key not in _SELECTION_FIELDS}
        return to_pyvis(self.store, Selection(**chosen), self.entity_graph, **options)

    def export(self, fmt: str) -> str | dict[str, str]:
        """The graph as text in ``fmt``: turtle, trig, jsonld (RDF), graphml, gexf (the entity
        graph), or csv (``{"nodes.csv": …, "edges.csv": …}``)."""
        from kgraph.graph.export import FORMATS as RDF_FORMATS
        from kgraph.views.exchange import export_graph

        if fmt.lower() in RDF_FORMATS:
            return export_graph(self.rdf, fmt)
        return export_graph(self.store, fmt, self.entity_graph)

    def save(self, directory: str | os.PathLike[str], html: bool = True) -> list[Path]:
        """Write graph.ttl (and aliases.csv when built here, graph.html unless ``html`` is off)
        into ``directory`` as one output set, as ``kgraph build`` does (see ``kgraph.outputs``);
        return the paths readers use."""
        from kgraph.outputs import stage_outputs

        with stage_outputs(Path(directory)) as staged:
            written = [staged.write_text(GRAPH_FILE, self._turtle or serialize_turtle(self.rdf))]
            write_store(staged.path(GRAPH_FILE), staged.folder_for(STORE_DIR))  # beside graph.ttl, in the same set
            written.append(staged.folder / STORE_DIR)
            if self.aliases_csv is not None:
                written.append(staged.write_text("aliases.csv", self.aliases_csv))
            if html:
                from kgraph.views.page import build_page

                written.append(staged.write_text("graph.html", build_page(self.store).html))
            staged.commit()
        return written


def build(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], *, jobs: int = 1,
          overrides: Overrides | None = None) -> Graph:  # fmt: skip
    """Build the graph of the articles in ``paths`` (files or folders, as ``kgraph build``
    reads them) in memory; nothing is written (see :meth:`Graph.save`). Unreadable inputs
    are skipped and listed in ``Graph.failures``; raises InputError when none can be read."""
    from kgraph.pipeline import assemble

    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    built = assemble([os.fspath(p) for p in items], jobs=jobs, overrides=overrides)
    return Graph(store=from_turtle(built.turtle), aliases_csv=built.aliases_csv, failures=built.failures, turtle=built.turtle)


def open(path: str | os.PathLike[str] = "output") -> Graph:
    """The graph saved in ``path``: a folder holding graph.ttl (as ``kgraph build`` writes it)
    or a graph file. Raises GraphError when it is missing or cannot be parsed."""
    source = Path(path)
    return Graph(store=open_graph(source / GRAPH_FILE if source.is_dir() and (source / GRAPH_FILE).exists() else source))
