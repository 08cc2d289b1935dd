"""The viz stage: an RDF graph in kgraph's shape → a self-contained HTML page.

    GraphStore ──network.to_networkx──▶ entity graph ──subgraph.select──▶ Cut
                 ──graph_to_view──▶ View (nodes, edges, tooltip data) ──render_html──▶ str

``build_page`` does all of it. ``graph_to_view`` draws one node per entity (官员, 人物, 行政区,
企业, 科研机构, 机关, 园区) of the cut. Posts are collapsed: ``official kg:holdsPost post . post
kg:postIn X`` becomes one edge official → X labelled with the post's ``kg:title``. Articles are
not drawn; each node carries the titles and dates of the articles it is mentioned in and the
facts about it with their source sentences (kg:Assertion), each edge the sentences that
state it, for the tooltips.

``render_html`` returns one HTML page that works opened from disk with the network off:
vis-network's JS and CSS (shipped inside the pyvis package) are inlined, the graph data is
embedded as JSON that cannot close its ``<script>`` block, and the page's own script builds
tooltips with ``textContent`` only. Nothing here writes files or prints.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from importlib import resources
from typing import Any

import networkx as nx
from rdflib import URIRef

from kgraph.errors import DataError
from kgraph.graph.namespace import DCTERMS, KG
from kgraph.graph.source import Index, node_name
from kgraph.views.network import ENTITY_TYPES, TYPE_ORDER, Source, fact_text, held_posts, newest_first, to_networkx
from kgraph.views.subgraph import Cut, Selection, select

_DCTERMS_DATE = str(DCTERMS.date)
_DCTERMS_TITLE = str(DCTERMS.title)
_KG_ADMINCODE = str(KG.adminCode)
_KG_ARTICLEID = str(KG.articleId)
_KG_CANDIDATE = str(KG.candidate)
_KG_MENTIONEDIN = str(KG.mentionedIn)

__all__ = [
    "NODE_TYPES",
    "NodeType",
    "Page",
    "View",
    "ViewEdge",
    "ViewFact",
    "ViewNode",
    "build_page",
    "graph_to_view",
    "render_html",
]  # fmt: skip

VIS_VERSION = "vis-9.1.2"
MAX_SOURCES = 5  # sentences in one tooltip; the rest are counted
MAX_ARTICLES = 10  # articles listed in a node's tooltip; the rest are counted
MAX_QUOTE = 160  # characters of a sentence shown in a tooltip


@dataclass(frozen=True)
class NodeType:
    """How one entity class is drawn: its key, Chinese name, colour and vis-network shape."""

    key: str
    cls: URIRef
    label: str
    color: str
    shape: str


_STYLE = {
    "official": ("#e15759", "dot"),
    "person": ("#ff9da7", "triangle"),
    "district": ("#4e79a7", "square"),
    "company": ("#f28e2b", "diamond"),
    "lab": ("#59a14f", "star"),
    "organ": ("#b07aa1", "hexagon"),
    "zone": ("#edc948", "triangleDown"),
    "place": ("#bab0ac", "square"),
}
#: Entity classes in legend order (analyze.ENTITY_TYPES) with their colours and shapes.
NODE_TYPES: tuple[NodeType, ...] = tuple(NodeType(key, cls, zh, *_STYLE[key]) for key, cls, zh in ENTITY_TYPES)
_BY_KEY = {t.key: t for t in NODE_TYPES}


@dataclass(frozen=True)
class ViewFact:
    """A fact about a node (王明 担任 市委书记（宁波市）) and one sentence that states it."""

    text: str
    source: Source


@dataclass(frozen=True)
class ViewNode:
    """One drawn entity and the data of its tooltip.

    ``posts`` are (title, region name) pairs; ``articles`` are (title, date) pairs,
    ``date`` being the ISO text of ``dcterms:date`` or "" when unknown; ``facts`` are
    the facts about it, one per source sentence, newest first.
    """

    id: str  # the entity IRI
    label: str  # canonical name (rdfs:label)
    type: str  # NodeType.key
    type_label: str  # NodeType.label (官员 …)
    aliases: tuple[str, ...] = ()
    posts: tuple[tuple[str, str], ...] = ()
    admin_code: str | None = None
    articles: tuple[tuple[str, str], ...] = ()
    facts: tuple[ViewFact, ...] = ()


@dataclass(frozen=True)
class ViewEdge:
    """A directed, labelled edge between two drawn nodes (``kind`` is the kg: predicate name)
    with the sentences that state it, newest first."""

    source: str
    target: str
    label: str
    kind: str
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class View:
    """What the page draws. Nodes sorted by (legend type order, label, id); edges by
    (source, target, kind, label); every edge's ends are node ids."""

    nodes: tuple[ViewNode, ...]
    edges: tuple[ViewEdge, ...]


# ---------------------------------------------------------------- graph → view


def _posts(index: Index, official: str) -> tuple[tuple[str, str], ...]:
    """(title, region name) of each post the official holds, regions drawn or not."""
    return tuple(sorted((title, node_name(index, region) if region else "") for _, region, title in held_posts(index, official)))


def _articles(index: Index, node: str) -> tuple[tuple[str, str], ...]:
    """(title, date) of each article the entity is mentioned in, by date then title."""
    found = set()
    for article in index.objects(_KG_MENTIONEDIN).get(node, ()):
        if article[0] != 0:
            continue
        title = index.text(article[1], _DCTERMS_TITLE) or index.text(article[1], _KG_ARTICLEID)
        found.add((title or node_name(index, article[1]), index.text(article[1], _DCTERMS_DATE) or ""))
    return tuple(sorted(found, key=lambda a: (a[1], a[0])))


def _facts(g: nx.MultiDiGraph, node: str) -> tuple[ViewFact, ...]:
    """Each fact about ``node`` once per sentence stating it, newest sentence first."""
    pairs = {}
    for u, v, data in [*g.out_edges(node, data=True), *g.in_edges(node, data=True)]:
        for source in data["sources"]:
            pairs[source] = fact_text(g, u, v, data)
    return tuple(ViewFact(pairs[s], s) for s in newest_first(pairs))


def _view_node(index: Index, g: nx.MultiDiGraph, node: str) -> ViewNode:
    data = g.nodes[node]
    return ViewNode(
        id=node,
        label=data["label"],
        type=data["type"],
        type_label=_BY_KEY[data["type"]].label,
        aliases=data["aliases"],
        posts=_posts(index, node),
        admin_code=index.text(node, _KG_ADMINCODE),
        articles=_articles(index, node),
        facts=_facts(g, node),
    )


def _candidate_edges(index: Index, drawn: set[str]) -> set[ViewEdge]:
    """kg:candidate (an undecided place name → a district it may denote): drawn, not a fact."""
    return {
        ViewEdge(s[1], o[1], "可能是", "candidate")
        for s, o in index.pairs(_KG_CANDIDATE)
        if s[1] in drawn and o[1] in drawn and s != o
    }


def graph_to_view(graph: Any, keep: Collection[str] | None = None, g: nx.MultiDiGraph | None = None) -> View:
    """Read a graph in kgraph's RDF shape (see notes: rdf.py contract) into a View: a store, a
    build's triples, an Index of either, or an rdflib graph (kgraph.graph.source).

    ``keep`` limits the drawing to those entity ids (default: every entity); ``g`` is
    ``network.to_networkx(graph)`` when the caller has it already. Resources typed with
    none of the entity classes (posts, articles, assertions) are not drawn; edges whose
    ends are not both drawn are dropped. Output is deterministic.
    """
    index = graph if isinstance(graph, Index) else Index(graph)
    g = to_networkx(index) if g is None else g
    drawn = set(g) if keep is None else set(g) & set(keep)
    nodes = sorted((_view_node(index, g, n) for n in drawn), key=lambda n: (TYPE_ORDER[n.type], n.label, n.id))
    edges = {
        ViewEdge(u, v, d["label"], d["kind"], d["sources"])
        for u, v, d in g.edges(data=True)
        if u in drawn and v in drawn
    }
    edges |= _candidate_edges(index, drawn)
    return View(nodes=tuple(nodes), edges=tuple(sorted(edges, key=lambda e: (e.source, e.target, e.kind, e.label))))


# ---------------------------------------------------------------- view → html

_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SCRIPT_TABLE = str.maketrans(_SCRIPT_UNSAFE)
# @@DATA@@ in the page template
_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")


def script_safe_json(data: object) -> str:
    """JSON text that can sit inside a <script> block: no <, >, & or U+2028/2029 left literal."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.translate(_SCRIPT_TABLE)


class _Sentences:
    """The page's table of source sentences: each (quote, article, date) once, by first use."""

    def __init__(self) -> None:
        self.index: dict[tuple[str, str, str], int] = {}

    def refs(self, sources: list[Source]) -> list[int]:
        out = []
        for s in sources:
            quote = s.quote if len(s.quote) <= MAX_QUOTE else s.quote[: MAX_QUOTE - 1] + "…"
            out.append(self.index.setdefault((quote, s.article, s.date), len(self.index)))
        return out

    def table(self) -> list[list[str]]:
        return [list(key) for key in self.index]


def _node_data(n: ViewNode, sentences: _Sentences) -> dict[str, object]:
    facts = n.facts[:MAX_SOURCES]
    refs = sentences.refs([f.source for f in facts])
    return {
        "id": n.id,
        "label": n.label,
        "type": n.type,
        "typeLabel": n.type_label,
        "aliases": list(n.aliases),
        "posts": [{"title": t, "region": r} for t, r in n.posts],
        "adminCode": n.admin_code,
        "articles": [{"title": t, "date": d} for t, d in n.articles[:MAX_ARTICLES]],
        "articlesMore": max(0, len(n.articles) - MAX_ARTICLES),
        "facts": [[f.text, ref] for f, ref in zip(facts, refs)],
        "factsMore": max(0, len(n.facts) - MAX_SOURCES),
    }


def _payload(view: View) -> dict[str, object]:
    """The page's data: node types (legend), nodes and edges with tooltip fields, and the
    sentence table they refer to (``[quote, article title, date]``). A tooltip gets at most
    MAX_SOURCES sentences and MAX_ARTICLES articles; the rest are counted."""
    sentences = _Sentences()
    nodes = [_node_data(n, sentences) for n in view.nodes]
    edges = [
        {"id": f"e{i}", "from": e.source, "to": e.target, "label": e.label, "kind": e.kind,
         "sources": sentences.refs(list(e.sources[:MAX_SOURCES])),
         "sourcesMore": max(0, len(e.sources) - MAX_SOURCES)}
        for i, e in enumerate(view.edges)
    ]  # fmt: skip
    return {
        "types": [{"key": t.key, "label": t.label, "color": t.color, "shape": t.shape} for t in NODE_TYPES],
        "nodes": nodes,
        "edges": edges,
        "sentences": sentences.table(),
    }


def _read_resource(package: str, *parts: str) -> str:
    try:
        return resources.files(package).joinpath(*parts).read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError) as exc:
        where = "/".join(parts)
        raise DataError(
            f"cannot read {where} from the {package} package ({exc}); "
            f"reinstall kgraph and pyvis>=0.3.2 (pip install -e .)"
        ) from exc


def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the pyvis package, made safe to inline."""
    js = _read_resource("pyvis", "lib", VIS_VERSION, "vis-network.min.js")
    css = _read_resource("pyvis", "lib", VIS_VERSION, "vis-network.css")
    # a source map comment would make devtools fetch a file that is not there
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
    if re.search(r"</script|<!--", js, re.IGNORECASE) or re.search(r"</style", css, re.IGNORECASE):
        raise DataError(f"pyvis's {VIS_VERSION} assets contain a closing tag and cannot be inlined")
    return js, css


def render_html(view: View, title: str = "kgraph", note: str = "") -> str:
    """A self-contained HTML page drawing ``view``: no network access, opens from disk.

    ``note`` (what the drawing leaves out) is shown in the header. The page exposes
    ``window.kgraph`` = {network, nodes, edges, nodesView, data, search, setShown,
    nodeTooltip, edgeTooltip} for tests.
    """
    js, css = _vis_assets()
    values = {
        "TITLE": html.escape(title),
        "NOTE": html.escape(note),
        "VIS_CSS": css,
        "VIS_JS": js,
        "DATA": script_safe_json(_payload(view)),
        "NODE_COUNT": str(len(view.nodes)),
        "EDGE_COUNT": str(len(view.edges)),
    }
    template = _read_resource("kgraph.views", "templates", "graph.html")
    # one pass: substituted text (vis JS, data) is never scanned for placeholders again
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


@dataclass(frozen=True)
class Page:
    """A rendered page, what it draws and what was left out."""

    html: str
    view: View
    cut: Cut


def build_page(graph: Any, title: str = "kgraph", selection: Selection = Selection()) -> Page:
    """The page of ``graph`` (a store, a build's triples or an rdflib graph) under ``selection``
    (subgraph.select: focus, types, degree, top, and the default cut of big graphs). Raises
    QueryError/InputError for a bad selection."""
    index = Index(graph)
    g = to_networkx(index)
    cut = select(g, selection)
    view = graph_to_view(index, keep=cut.nodes, g=g)
    return Page(render_html(view, title, cut.note_zh()), view, cut)
