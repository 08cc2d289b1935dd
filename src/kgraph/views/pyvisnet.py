"""The entity graph as a ``pyvis.network.Network`` in kgraph's style, for notebooks and scripts.

    a graph (store, triples, rdflib) ──network.to_networkx──▶ entity graph ──subgraph.select──▶ Cut
                 ──page.graph_to_view──▶ View ──to_pyvis──▶ KgraphNetwork (a pyvis Network)

``KgraphNetwork`` is a pyvis ``Network`` (restyle it with pyvis's own methods, add nodes,
``set_options``) that fixes what stock pyvis 0.3.2 gets wrong for kgraph's users:

* its pages load bootstrap from a CDN even with ``cdn_resources="in_line"``, and with
  "local" they need a ``lib/`` folder beside the file: here vis-network's JS and CSS (from
  the pyvis package) are inlined and nothing else is loaded, so the page works offline;
* it writes files in the locale's encoding: here always UTF-8, atomically;
* vis-network shows a string tooltip as plain text on one line: here every string
  ``title`` is shown as text that keeps its line breaks (never parsed as HTML);
* ``show()`` prints the file name: here nothing is printed; in Jupyter the network
  displays itself (``_repr_html_``: the page in an iframe's ``srcdoc``, no file needed).

Nodes carry the page's colours and shapes (``legend`` lists them with their counts) and a
tooltip with the entity's type, other names, posts, facts with their sentences and the
articles that mention it (bounded like the page's: page.MAX_SOURCES, page.MAX_ARTICLES).
"""

from __future__ import annotations

import html
import json
import math
import os
import webbrowser
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

from kgraph.atomic import write_text_atomic
from kgraph.errors import OutputError
from kgraph.views.network import to_networkx
from kgraph.views.page import (
    _PLACEHOLDER,
    MAX_ARTICLES,
    MAX_SOURCES,
    NODE_TYPES,
    ViewEdge,
    ViewNode,
    _read_resource,
    _vis_assets,
    graph_to_view,
    script_safe_json,
)
from kgraph.views.subgraph import Cut, Selection, select

__all__ = ["KgraphNetwork", "edge_tooltip", "node_tooltip", "to_pyvis"]

_STYLE = {t.key: t for t in NODE_TYPES}
STABILIZATION_ITERATIONS = 200  # layout steps before the first drawing (vis-network: 1000)


class KgraphNetwork(Network):
    """A pyvis ``Network`` whose pages are self-contained UTF-8 files (see the module docstring).

    ``legend`` is a list of ``{"key", "label", "color", "shape", "count"}`` dicts, one per
    entity type drawn, in legend order; ``cut`` says what the drawing left out.
    """

    def __init__(self, height: str = "750px", width: str = "100%", heading: str = "", notebook: bool = False,
                 **kwargs: Any) -> None:  # fmt: skip
        kwargs.setdefault("directed", True)
        kwargs["cdn_resources"] = "in_line"  # never "local": that prints a warning and needs lib/
        super().__init__(height=height, width=width, heading=heading, **kwargs)
        # pyvis's defaults (1000 stabilization iterations, "dynamic" edges with a hidden node each)
        # keep a 1000-entity page blank for over a minute; these draw it in seconds
        self.options.physics.stabilization.iterations = STABILIZATION_ITERATIONS
        self.options.edges.smooth.type = "continuous"
        self.notebook = notebook
        self.legend: list[dict[str, object]] = []
        self.cut: Cut | None = None

    def generate_html(self, name: str = "index.html", local: bool = True, notebook: bool = False) -> str:
        """The page as text: vis-network inlined, the data as script-safe JSON, no other resource."""
        js, css = _vis_assets()
        options = self.options if isinstance(self.options, dict) else json.loads(self.options.to_json())
        data = {"nodes": self.nodes, "edges": self.edges, "options": options, "legend": self.legend}
        values = {
            "TITLE": html.escape(f"kgraph — {self.heading}" if self.heading else "kgraph"),
            "HEADING": html.escape(self.heading),
            "WIDTH": html.escape(str(self.width)),
            "HEIGHT": html.escape(str(self.height)),
            "BGCOLOR": html.escape(str(self.bgcolor)),
            "VIS_CSS": css,
            "VIS_JS": js,
            "DATA": script_safe_json(data),
        }
        template = _read_resource("kgraph.views", "templates", "pyvis.html")
        self.html = _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)
        return self.html

    def write_html(self, name: str | os.PathLike[str], local: bool = True, notebook: bool = False,
                   open_browser: bool = False) -> Path:  # fmt: skip
        """Write the page to ``name`` (UTF-8, atomically) and return its path; nothing else is written."""
        path = write_text_atomic(name, self.generate_html())
        if open_browser:
            webbrowser.open(path.resolve().as_uri())
        return path

    def show(self, name: str | os.PathLike[str] = "kgraph.html", local: bool = True, notebook: bool | None = None) -> Any:
        """Write the page to ``name``; in a notebook return an IFrame showing it, else open a browser."""
        in_notebook = self.notebook if notebook is None else notebook
        path = self.write_html(name, open_browser=not in_notebook)
        if not in_notebook:
            return None
        try:
            from IPython.display import IFrame
        except ImportError as exc:
            raise OutputError("showing a network in a notebook needs IPython (pip install ipython)") from exc
        return IFrame(str(path), width=self.width, height=self.height)

    def _repr_html_(self) -> str:
        """Jupyter's display: the whole page in an iframe's ``srcdoc`` (no file, no server)."""
        height = html.escape(str(self.height))
        page = html.escape(self.generate_html(), quote=True)
        return f'<iframe srcdoc="{page}" style="width: 100%; height: calc({height} + 60px); border: 0"></iframe>'


# ---------------------------------------------------------------- tooltips


def node_tooltip(node: ViewNode) -> str:
    """A node's tooltip as lines of text: type, other names, posts, facts with sentences, articles."""
    lines = [f"{node.label}（{node.type_label}）"]
    if node.aliases:
        lines.append("别名：" + "、".join(node.aliases))
    if node.posts:
        lines.append("职务：" + "；".join(f"{title}（{region}）" if region else title for title, region in node.posts))
    if node.admin_code:
        lines.append(f"行政区划代码：{node.admin_code}")
    if node.facts:
        lines.append(f"事实（{len(node.facts)} 条）：")
        for fact in node.facts[:MAX_SOURCES]:
            lines += [f"· {fact.text}", f"  「{fact.source.quote}」《{fact.source.article}》 {fact.source.date}".rstrip()]
        lines += [f"…另有 {len(node.facts) - MAX_SOURCES} 条"] if len(node.facts) > MAX_SOURCES else []
    if node.articles:
        lines.append(f"报道（{len(node.articles)} 篇）：")
        lines += [f"· 《{title}》 {date}".rstrip() for title, date in node.articles[:MAX_ARTICLES]]
        lines += [f"…另有 {len(node.articles) - MAX_ARTICLES} 篇"] if len(node.articles) > MAX_ARTICLES else []
    return "\n".join(lines)


def edge_tooltip(edge: ViewEdge, names: dict[str, str]) -> str:
    """An edge's tooltip: the relation, then the sentences that state it (newest first)."""
    lines = [f"{names[edge.source]} —{edge.label or edge.kind}→ {names[edge.target]}"]
    for source in edge.sources[:MAX_SOURCES]:
        lines.append(f"「{source.quote}」《{source.article}》 {source.date}".rstrip())
    if len(edge.sources) > MAX_SOURCES:
        lines.append(f"…另有 {len(edge.sources) - MAX_SOURCES} 条")
    if not edge.sources:
        lines.append("来源：行政区划数据" if edge.kind == "partOf" else "")
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------- graph → network


def to_pyvis(graph: Any, selection: Selection = Selection(), g: nx.MultiDiGraph | None = None,
             **network_options: Any) -> KgraphNetwork:  # fmt: skip
    """The entities of ``graph`` (a store, a build's triples or an rdflib graph) chosen by ``selection`` (as ``kgraph viz`` chooses them) as a
    KgraphNetwork; ``network_options`` go to its constructor (height, width, heading, notebook …).
    Raises QueryError/InputError for a bad selection."""
    g = to_networkx(graph) if g is None else g
    cut = select(g, selection)
    view = graph_to_view(graph, keep=cut.nodes, g=g)
    network_options.setdefault("heading", cut.note_zh())
    net = KgraphNetwork(**network_options)
    for node in view.nodes:
        style = _STYLE[node.type]
        net.add_node(node.id, label=node.label, shape=style.shape, color=style.color, title=node_tooltip(node),
                     size=round(12 + 5 * math.sqrt(g.degree(node.id)), 1), kind=node.type)  # fmt: skip
    names = {node.id: node.label for node in view.nodes}
    for edge in view.edges:
        net.add_edge(edge.source, edge.target, label=edge.label, title=edge_tooltip(edge, names), kind=edge.kind)
    counts = Counter(node.type for node in view.nodes)
    net.legend = [
        {"key": t.key, "label": t.label, "color": t.color, "shape": t.shape, "count": counts[t.key]}
        for t in NODE_TYPES
        if counts[t.key]
    ]
    net.cut = cut
    return net
