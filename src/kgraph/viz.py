"""The viz stage: an RDF graph in kgraph's shape → a self-contained HTML page.

    rdflib.Graph ──graph_to_view──▶ View (nodes, edges, tooltip data) ──render_html──▶ str

``graph_to_view`` draws one node per entity (官员, 人物, 行政区, 企业, 科研机构, 机关, 园区).
Posts are collapsed: ``official kg:holdsPost post . post kg:postIn X`` becomes one edge
official → X labelled with the post's ``kg:title``. Articles are not drawn; each node
carries the titles and dates of the articles it is mentioned in, for its tooltip.

``render_html`` returns one HTML page that works opened from disk with the network off:
vis-network's JS and CSS (shipped inside the pyvis package) are inlined, the graph data is
embedded as JSON that cannot close its ``<script>`` block, and the page's own script builds
tooltips with ``textContent`` only. Nothing here writes files or prints.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from importlib import resources

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kgraph.errors import DataError
from kgraph.namespace import KG

__all__ = ["NodeType", "NODE_TYPES", "ViewNode", "ViewEdge", "View", "graph_to_view", "render_html"]

VIS_VERSION = "vis-9.1.2"


@dataclass(frozen=True)
class NodeType:
    """How one entity class is drawn: its key, Chinese name, colour and vis-network shape."""

    key: str
    cls: URIRef
    label: str
    color: str
    shape: str


#: Entity classes in legend order; a resource typed with several uses the first listed.
NODE_TYPES: tuple[NodeType, ...] = (
    NodeType("official", KG.Official, "官员", "#e15759", "dot"),
    NodeType("person", KG.Person, "人物", "#ff9da7", "triangle"),
    NodeType("district", KG.District, "行政区", "#4e79a7", "square"),
    NodeType("company", KG.Company, "企业", "#f28e2b", "diamond"),
    NodeType("lab", KG.Lab, "科研机构", "#59a14f", "star"),
    NodeType("organ", KG.Organ, "机关", "#b07aa1", "hexagon"),
    NodeType("zone", KG.Zone, "园区", "#edc948", "triangleDown"),
    NodeType("place", KG.AmbiguousPlace, "未定地名", "#bab0ac", "square"),
)
_TYPE_ORDER = {t.key: i for i, t in enumerate(NODE_TYPES)}

#: Entity-to-entity predicates drawn as edges, with their Chinese edge labels.
EDGE_LABELS: dict[URIRef, str] = {
    KG.partOf: "隶属",
    KG.locatedIn: "位于",
    KG.incubatedBy: "孵化",
    KG.coBuiltWith: "共建",
    KG.candidate: "可能是",
}


@dataclass(frozen=True)
class ViewNode:
    """One drawn entity and the data of its tooltip.

    ``posts`` are (title, region name) pairs; ``articles`` are (title, date) pairs,
    ``date`` being the ISO text of ``dcterms:date`` or "" when unknown.
    """

    id: str  # the entity IRI
    label: str  # canonical name (rdfs:label)
    type: str  # NodeType.key
    type_label: str  # NodeType.label (官员 …)
    aliases: tuple[str, ...] = ()
    posts: tuple[tuple[str, str], ...] = ()
    admin_code: str | None = None
    articles: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ViewEdge:
    """A directed, labelled edge between two drawn nodes (``kind`` is the kg: predicate name)."""

    source: str
    target: str
    label: str
    kind: str


@dataclass(frozen=True)
class View:
    """What the page draws. Nodes sorted by (legend type order, label, id); edges by
    (source, target, kind, label); every edge's ends are node ids."""

    nodes: tuple[ViewNode, ...]
    edges: tuple[ViewEdge, ...]


# ---------------------------------------------------------------- graph → view


def _text(graph: Graph, subject: URIRef, predicate: URIRef) -> str | None:
    """The one literal of ``subject predicate``: prefer @zh, then plain, then any; ties by text."""
    values = [o for o in graph.objects(subject, predicate) if isinstance(o, Literal)]
    if not values:
        return None
    rank = {"zh": 0, None: 1}
    return str(min(values, key=lambda v: (rank.get(v.language, 2), str(v))))


def _name(graph: Graph, node: URIRef) -> str:
    """rdfs:label, or the last IRI segment when a resource has no label."""
    return _text(graph, node, RDFS.label) or str(node).rstrip("/").rsplit("/", 1)[-1]


def _node_type(graph: Graph, node: URIRef) -> NodeType | None:
    classes = set(graph.objects(node, RDF.type))
    return next((t for t in NODE_TYPES if t.cls in classes), None)


def _posts(graph: Graph, official: URIRef) -> list[tuple[str, URIRef | None, str]]:
    """(title, region IRI, region name) of each post the official holds."""
    posts = []
    for post in graph.objects(official, KG.holdsPost):
        if not isinstance(post, URIRef):
            continue
        region = graph.value(post, KG.postIn)
        title = _text(graph, post, KG.title) or _name(graph, post)
        region_iri = region if isinstance(region, URIRef) else None
        region_name = _name(graph, region_iri) if region_iri is not None else ""
        posts.append((title, region_iri, region_name))
    return sorted(posts, key=lambda p: (p[0], p[2], str(p[1])))


def _articles(graph: Graph, node: URIRef) -> tuple[tuple[str, str], ...]:
    """(title, date) of each article the entity is mentioned in, by date then title."""
    found = set()
    for article in graph.objects(node, KG.mentionedIn):
        if not isinstance(article, URIRef):
            continue
        title = _text(graph, article, DCTERMS.title) or _text(graph, article, KG.articleId)
        found.add((title or _name(graph, article), _text(graph, article, DCTERMS.date) or ""))
    return tuple(sorted(found, key=lambda a: (a[1], a[0])))


def _view_node(graph: Graph, iri: URIRef, kind: NodeType) -> ViewNode:
    name = _name(graph, iri)
    aliases = {str(o) for o in graph.objects(iri, SKOS.altLabel) if isinstance(o, Literal)}
    return ViewNode(
        id=str(iri),
        label=name,
        type=kind.key,
        type_label=kind.label,
        aliases=tuple(sorted(aliases - {name})),
        posts=tuple((title, region) for title, _, region in _posts(graph, iri)),
        admin_code=_text(graph, iri, KG.adminCode),
        articles=_articles(graph, iri),
    )


def _edges(graph: Graph, drawn: set[URIRef]) -> set[ViewEdge]:
    """Collapsed post edges plus the predicates of EDGE_LABELS, between drawn nodes only."""
    edges = set()
    for official in drawn:
        for title, region, _ in _posts(graph, official):
            if region in drawn:
                edges.add(ViewEdge(str(official), str(region), title, "holdsPost"))
    for predicate, label in EDGE_LABELS.items():
        kind = str(predicate).rsplit("#", 1)[-1]
        for subject, obj in graph.subject_objects(predicate):
            if subject in drawn and obj in drawn and subject != obj:
                edges.add(ViewEdge(str(subject), str(obj), label, kind))
    return edges


def graph_to_view(graph: Graph) -> View:
    """Read a graph in kgraph's RDF shape (see notes: rdf.py contract) into a View.

    Resources typed with none of the entity classes (posts, articles, anything else) are
    not drawn; edges whose ends are not both drawn are dropped. Output is deterministic.
    """
    typed: dict[URIRef, NodeType] = {}
    for subject in set(graph.subjects(RDF.type, None)):
        kind = _node_type(graph, subject) if isinstance(subject, URIRef) else None
        if kind is not None:
            typed[subject] = kind
    nodes = [_view_node(graph, iri, kind) for iri, kind in typed.items()]
    nodes.sort(key=lambda n: (_TYPE_ORDER[n.type], n.label, n.id))
    edges = sorted(_edges(graph, set(typed)), key=lambda e: (e.source, e.target, e.kind, e.label))
    return View(nodes=tuple(nodes), edges=tuple(edges))


# ---------------------------------------------------------------- view → html

_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")


def script_safe_json(data: object) -> str:
    """JSON text that can sit inside a <script> block: no <, >, & or U+2028/2029 left literal."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "".join(_SCRIPT_UNSAFE.get(ch, ch) for ch in text)


def _payload(view: View) -> dict[str, object]:
    """The page's data: node types (legend), nodes with tooltip fields, edges."""
    return {
        "types": [{"key": t.key, "label": t.label, "color": t.color, "shape": t.shape} for t in NODE_TYPES],
        "nodes": [
            {
                "id": n.id,
                "label": n.label,
                "type": n.type,
                "typeLabel": n.type_label,
                "aliases": list(n.aliases),
                "posts": [{"title": t, "region": r} for t, r in n.posts],
                "adminCode": n.admin_code,
                "articles": [{"title": t, "date": d} for t, d in n.articles],
            }
            for n in view.nodes
        ],
        "edges": [
            {"id": f"e{i}", "from": e.source, "to": e.target, "label": e.label, "kind": e.kind}
            for i, e in enumerate(view.edges)
        ],
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


def render_html(view: View, title: str = "kgraph") -> str:
    """A self-contained HTML page drawing ``view``: no network access, opens from disk.

    The page exposes ``window.kgraph`` = {network, nodes, edges, nodesView, data} for tests.
    """
    js, css = _vis_assets()
    values = {
        "TITLE": html.escape(title),
        "VIS_CSS": css,
        "VIS_JS": js,
        "DATA": script_safe_json(_payload(view)),
        "NODE_COUNT": str(len(view.nodes)),
        "EDGE_COUNT": str(len(view.edges)),
    }
    template = _read_resource("kgraph", "templates", "graph.html")
    # one pass: substituted text (vis JS, data) is never scanned for placeholders again
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)
