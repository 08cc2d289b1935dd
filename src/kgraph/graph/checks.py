"""The build's validation, kept with its store so that a build changing a few nodes checks only those.

    OUT/store/findings.json   {"checker": <hash of the shapes and the validation code>,
                               "findings": [[node IRI, focus name, path, message, severity], …]}

A build that updates the previous store (``kgraph build --add``, or a rebuild that changed
little) knows which subjects changed. With the bundled shapes, whether a node conforms
depends on its own triples and on those of the nodes one triple away (the values it points
to, and the nodes pointing to it, such as the statements about it), so the nodes to check
again are the changed ones and their neighbours, in the previous graph and in the new one;
every other node keeps its previous findings. A test compares the result with a full check.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from functools import cache
from importlib import resources
from pathlib import Path

from kgraph.errors import GraphError, OutputError
from kgraph.graph.store import GraphStore, open_graph
from kgraph.graph.validate import SHAPES_RESOURCE, Finding, Violation, findings

__all__ = ["FINDINGS", "checker", "full", "load", "neighbours", "recheck", "save", "update"]

FINDINGS = "findings.json"
_NEIGHBOURS = "SELECT DISTINCT ?n WHERE {{ VALUES ?c {{ {nodes} }} {{ ?c ?p ?n }} UNION {{ ?n ?p ?c }} FILTER (isIRI(?n)) }}"
_BATCH = 2000  # nodes per neighbour query


@cache
def checker() -> str:
    """A hash of what decides the findings: the bundled shapes and the code that checks them."""
    digest = hashlib.sha256(resources.files("kgraph.graph.ontology").joinpath(SHAPES_RESOURCE).read_bytes())
    for module in ("validate.py", "shacl_sparql.py", "checks.py"):
        digest.update(Path(__file__).with_name(module).read_bytes())
    return digest.hexdigest()[:16]


def full(store: GraphStore) -> list[Finding]:
    """Every finding of the bundled shapes in ``store``."""
    return sorted(findings(store), key=_order)


def update(store: GraphStore, previous: Path, changed: Collection[str]) -> list[Finding] | None:
    """The findings of ``store``, which is the store in the folder ``previous`` with the subjects
    ``changed`` changed (see :func:`recheck`). None when the previous build's findings are not there."""
    old = load(previous)
    if old is None:
        return None
    try:
        before = open_graph(previous)
    except (GraphError, OSError):
        return None
    return recheck(store, before, old, changed)


def recheck(store: GraphStore, before: GraphStore, old: list[Finding], changed: Collection[str]) -> list[Finding]:
    """The findings of ``store``, which is ``before`` (whose findings are ``old``) with the subjects
    ``changed`` changed: the old ones for the nodes not near a change, checked again for the rest."""
    near = set(changed) | neighbours(store, changed) | neighbours(before, changed)
    again = findings(store, focus=near, shapes_checked=True)  # the previous build's check of these shapes stands
    return sorted([f for f in old if f.node not in near] + again, key=_order)


def _order(f: Finding) -> tuple[str, ...]:
    v = f.violation
    return (v.message, v.focus, v.path, v.severity, f.node)


def neighbours(store: GraphStore, nodes: Collection[str]) -> set[str]:
    """The IRIs one triple away from ``nodes`` in ``store``, either way."""
    found: set[str] = set()
    listed = [f"<{node}>" for node in nodes if ">" not in node and " " not in node]
    for start in range(0, len(listed), _BATCH):
        query = _NEIGHBOURS.format(nodes=" ".join(listed[start : start + _BATCH]))
        found |= {row[0][1] for row in store.select(query) if row[0] is not None}
    return found


def save(folder: Path, found: list[Finding]) -> None:
    """Keep ``found`` in the store folder ``folder`` for the next build."""
    rows = [[f.node, f.violation.focus, f.violation.path, f.violation.message, f.violation.severity] for f in found]
    text = json.dumps({"checker": checker(), "findings": rows}, ensure_ascii=False)
    try:
        (folder / FINDINGS).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write {folder / FINDINGS}: {exc.strerror or exc}") from exc


def load(folder: Path) -> list[Finding] | None:
    """The findings kept in the store folder ``folder``; None when missing, unreadable or made by other shapes or code."""
    try:
        data = json.loads((folder / FINDINGS).read_text(encoding="utf-8"))
        if data.get("checker") != checker():
            return None
        return [Finding(node, Violation(focus, path, message, severity)) for node, focus, path, message, severity in data["findings"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
