"""Choosing what the graph page draws: a neighbourhood, some types, the most connected.

    nx.MultiDiGraph (analyze.to_networkx) + Selection ──select──▶ Cut

The rules apply in this order: ``focus`` keeps the entities within ``hops`` relations of
the named entity (edges followed either way); ``types`` keeps those types; ``min_degree``
keeps entities with at least that many relations in the whole graph; ``top`` keeps the N
most connected (degree in the whole graph, then relations stated in articles, then how
many articles mention them; see ``rank``). The focused entities survive every rule. When
no ``top`` is given and more than DEFAULT_LIMIT entities remain, the DEFAULT_TOP most
connected are kept, unless ``everything`` is set. A ``Cut`` says what was kept and what was left out, in English (the
CLI) and in Chinese (the page header).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import networkx as nx

from kgraph.errors import InputError
from kgraph.views.network import ENTITY_TYPES, TYPE_ORDER, find_nodes

__all__ = ["DEFAULT_LIMIT", "DEFAULT_TOP", "Cut", "Selection", "parse_types", "rank", "select"]

DEFAULT_LIMIT = 1500  # a page with more entities than this is cut by default …
DEFAULT_TOP = 1000  # … to this many of the most connected


@dataclass(frozen=True)
class Selection:
    """What to draw. The default draws everything on graphs up to DEFAULT_LIMIT entities."""

    focus: str | None = None
    hops: int = 2
    types: tuple[str, ...] = ()  # type keys (official …) or Chinese names (官员 …)
    min_degree: int = 0
    top: int | None = None
    everything: bool = False  # no default cut


@dataclass(frozen=True)
class Cut:
    """The entities to draw (ids) and the rules that chose them, with totals for the message."""

    nodes: frozenset[str]
    shown_edges: int
    total_nodes: int
    total_edges: int
    rules: tuple[tuple[str, str], ...] = ()  # (English, Chinese) description of each rule applied
    default: bool = False  # the default cut of a big graph was applied

    @property
    def left_out(self) -> tuple[int, int]:
        """(entities, relations) not drawn."""
        return self.total_nodes - len(self.nodes), self.total_edges - self.shown_edges

    def summary(self) -> str:
        """One English line for the CLI; "" when nothing was left out."""
        nodes, edges = self.left_out
        if not nodes and not edges:
            return ""
        rules = "; ".join(en for en, _ in self.rules)
        hint = f" (default for graphs of more than {DEFAULT_LIMIT} entities; --all draws everything)"
        shown = f"showing {len(self.nodes)} of {self.total_nodes} entities and {self.shown_edges} of {self.total_edges}"
        return f"{shown} relations: {rules}{hint if self.default else ''}; left out {nodes} entities, {edges} relations"

    def note_zh(self) -> str:
        """The page header's note; "" when nothing was left out."""
        nodes, edges = self.left_out
        if not nodes and not edges:
            return ""
        rules = "；".join(zh for _, zh in self.rules)
        hint = f"（超过 {DEFAULT_LIMIT} 个实体时的默认视图，kgraph viz --all 显示全部）"
        return f"{rules}{hint if self.default else ''}。未显示 {nodes} 个实体、{edges} 条关系"


def parse_types(names: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Type keys from keys or Chinese names (also "a,b" and "甲、乙" in one item), in legend order."""
    by_name = {key: key for key, _, _ in ENTITY_TYPES} | {zh: key for key, _, zh in ENTITY_TYPES}
    wanted = [part.strip() for item in names for part in re.split(r"[,，、\s]+", item) if part.strip()]
    unknown = [w for w in wanted if w not in by_name]
    if unknown:
        valid = ", ".join(f"{key} ({zh})" for key, _, zh in ENTITY_TYPES)
        raise InputError(f"unknown entity type {unknown[0]!r}; valid types: {valid}")
    return tuple(sorted({by_name[w] for w in wanted}, key=TYPE_ORDER.__getitem__))


def _neighbourhood(g: nx.MultiDiGraph, seeds: list[str], hops: int) -> set[str]:
    undirected = g.to_undirected(as_view=True)
    found: set[str] = set()
    for seed in seeds:
        found |= set(nx.single_source_shortest_path_length(undirected, seed, cutoff=hops))
    return found


def rank(g: nx.MultiDiGraph, nodes: set[str], first: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """``nodes``, most connected first: those in ``first``, then by degree, by relations stated
    in articles (every kind but partOf, which comes from the division table), by articles
    mentioning them, legend order, name and id."""
    stated = {n: 0 for n in nodes}
    for u, v, kind in g.edges(data="kind"):
        if kind != "partOf":
            for n in (u, v):
                if n in stated:
                    stated[n] += 1

    def key(n: str) -> tuple[bool, int, int, int, int, str, str]:
        d = g.nodes[n]
        return (n not in first, -g.degree(n), -stated[n], -d["mentions"], TYPE_ORDER[d["type"]], d["label"], n)

    return sorted(nodes, key=key)


def select(g: nx.MultiDiGraph, selection: Selection = Selection()) -> Cut:
    """The entities of ``g`` to draw under ``selection`` (see the module docstring).

    Raises QueryError for an unknown focus name, InputError for an unknown type.
    """
    keep, seeds = set(g), set()
    rules: list[tuple[str, str]] = []
    if selection.focus:
        seeds = set(find_nodes(g, selection.focus))
        keep = _neighbourhood(g, sorted(seeds), selection.hops)
        name, hops = selection.focus, selection.hops
        rules.append((f"within {hops} hop{'' if hops == 1 else 's'} of {name}", f"「{name}」周围 {hops} 步以内"))
    if selection.types:
        types = parse_types(selection.types)
        keep = {n for n in keep if g.nodes[n]["type"] in types or n in seeds}
        zh = {key: label for key, _, label in ENTITY_TYPES}
        rules.append((f"types {', '.join(types)}", f"类型：{'、'.join(zh[t] for t in types)}"))
    if selection.min_degree > 0:
        keep = {n for n in keep if g.degree(n) >= selection.min_degree or n in seeds}
        rules.append((f"at least {selection.min_degree} relations", f"至少 {selection.min_degree} 条关系"))
    top, default = selection.top, False
    if top is None and not selection.everything and len(keep) > DEFAULT_LIMIT:
        top, default = DEFAULT_TOP, True
    if top is not None and len(keep) > top:
        keep = set(rank(g, keep, seeds)[:top])
        rules.append((f"the {top} most connected", f"连接最多的 {top} 个实体"))
    shown = sum(1 for u, v in g.edges() if u in keep and v in keep)
    return Cut(frozenset(keep), shown, g.number_of_nodes(), g.number_of_edges(), tuple(rules), default)
