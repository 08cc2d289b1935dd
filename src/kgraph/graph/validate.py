"""Validation: check a graph against kgraph's SHACL shapes and say what is wrong.

The shapes live in ``kgraph/graph/ontology/shapes.ttl``, beside the ontology. They check that officials hold posts, posts
have a title and a place, districts have a six-digit code, a level and a parent
whose code theirs extends, every extracted relation has a ``kg:Assertion`` naming
its article, quote and offsets, and every entity has a Chinese label. Each
constraint carries its own message "中文 (English)".

:func:`validate` runs pySHACL (imported lazily: it is slow to import) and returns
a :class:`Report` of :class:`Violation` records sorted by message, focus and path;
:func:`summarize` turns a report into plain-language lines, one per message.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.term import Node

from kgraph.errors import DataError, IngestError, QueryError
from kgraph.graph.guard import check_query, offline
from kgraph.graph.namespace import RDF, RDFS, SH, short_form
from kgraph.graph.store import GraphStore, as_store
from kgraph.ingest.files import read_regular

__all__ = ["SHAPES_RESOURCE", "Finding", "Report", "Violation", "findings", "load_shapes", "report", "summarize", "validate"]

#: The bundled shapes file, inside the ``kgraph.graph.ontology`` package.
SHAPES_RESOURCE = "shapes.ttl"
_LIST_AT_MOST = 5  # focus names listed per message by summarize()


@dataclass(frozen=True)
class Violation:
    """One failed constraint on one node.

    ``focus`` is the node's ``rdfs:label`` (its first in sorted order) or, if it has
    none, its IRI; ``path`` is the property in short form (``kg:partOf``), or ""
    when the constraint is about the node as a whole; ``message`` is the shape's
    message "中文 (English)"; ``severity`` is "Violation", "Warning" or "Info".
    """

    focus: str
    path: str
    message: str
    severity: str


@dataclass(frozen=True)
class Report:
    """The outcome of :func:`validate`: ``conforms`` is false iff some result is a Violation."""

    conforms: bool
    violations: tuple[Violation, ...]


def load_shapes(shapes_path: Path | None = None) -> Graph:
    """The shapes graph: ``shapes_path`` if given, else the bundled ``shapes.ttl``.

    Raises ``DataError`` if the file is missing or is not valid Turtle.
    """
    name = str(shapes_path) if shapes_path is not None else f"bundled resource {SHAPES_RESOURCE}"
    try:
        if shapes_path is None:
            text = resources.files("kgraph.graph.ontology").joinpath(SHAPES_RESOURCE).read_text(encoding="utf-8")
        else:
            text = read_regular(Path(shapes_path)).decode("utf-8")
    except (OSError, ModuleNotFoundError, UnicodeDecodeError, IngestError) as exc:
        hint = "give the path of a SHACL Turtle file" if shapes_path is not None else "reinstall kgraph"
        raise DataError(f"shapes file {name} cannot be read ({exc.__class__.__name__}); {hint}") from exc
    try:
        return Graph().parse(data=text, format="turtle")
    except Exception as exc:  # rdflib's parser raises many unrelated exception types
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise DataError(f"shapes file {name} is not valid Turtle: {reason}") from exc


def _pyshacl() -> Any:
    try:
        import pyshacl
    except ImportError as exc:
        raise DataError("validation needs the pyshacl package, which is not installed; run `pip install pyshacl`") from exc
    return pyshacl


@dataclass(frozen=True)
class Finding:
    """A violation and the node it is about (its IRI, or a blank node's id)."""

    node: str
    violation: Violation


def validate(graph: Graph | GraphStore, shapes_path: Path | None = None, fast: bool = True,
             store: GraphStore | None = None) -> Report:  # fmt: skip
    """Check ``graph`` (an rdflib graph or a store) against the shapes (the bundled ones unless
    ``shapes_path`` is given).

    The graph is not changed and no inference is applied. Raises ``DataError`` if
    pyshacl is missing or the shapes cannot be loaded or run.

    ``fast``: pySHACL checks the shapes, and each constraint runs once over the whole graph,
    as SPARQL on Oxigraph (core constraints compiled by :mod:`kgraph.graph.shacl_sparql`),
    instead of once per focus node in rdflib (pySHACL parses the query again for every node:
    105 s instead of about 10 s on 66,000 triples). Our constraints give the same rows either
    way; a test keeps the two paths in step. ``store``: the same graph in an Oxigraph store
    (the build's), else a copy is made. Without ``fast`` pySHACL checks an rdflib graph.
    """
    if fast:
        return report(findings(store or as_store(graph), shapes_path))
    pyshacl = _pyshacl()
    shapes = load_shapes(shapes_path)
    with offline("SHACL validation", DataError):  # a shapes file's SPARQL could name a SERVICE
        return _run(pyshacl, _rdflib(graph), shapes)


def findings(store: GraphStore, shapes_path: Path | None = None, focus: Collection[str] | None = None,
             shapes_checked: bool = False) -> list[Finding]:  # fmt: skip
    """The violations in ``store`` of the shapes (the bundled ones unless ``shapes_path`` is given),
    checked on Oxigraph (``validate``'s fast path), each with the node it is about.

    ``focus``: check only these nodes (IRIs). For the bundled shapes, whether a node conforms
    depends on its own triples and those of the nodes one triple away (its values, and the
    statements about it): a build that changed some nodes checks those and their neighbours.
    ``shapes_checked``: pySHACL found these shapes well formed before (they are the bundled
    ones, checked by a previous build with the same code), so it is not asked again.
    """
    shapes = load_shapes(shapes_path)
    pyshacl = None if shapes_checked else _pyshacl()
    with offline("SHACL validation", DataError):  # a shapes file's SPARQL could name a SERVICE
        if pyshacl is not None:
            _run(pyshacl, Graph(), shapes)  # pySHACL still checks that every shape is well formed
        values = None if focus is None else " ".join(f"<{node}>" for node in focus if _IRI.match(node))
        found = set(_core_violations(shapes, store, pyshacl, values)) | set(_sparql_violations(shapes, store, values))
    return sorted(found, key=lambda f: (_order(f.violation), f.node))


def report(found: Iterable[Finding]) -> Report:
    """The report of some findings (each violation once)."""
    violations = {f.violation for f in found}
    return Report(not any(v.severity == "Violation" for v in violations), tuple(sorted(violations, key=_order)))


_IRI = re.compile(r"[^<>\"{}|^`\\\s]+\Z")  # an IRI that can be written <…> as it is


def _only(sparql: str, values: str | None) -> str:
    """``sparql`` (a SELECT of ?this) restricted to the nodes in ``values`` (IRIs written <…>): a
    VALUES block opening its WHERE group (the first brace: prefixes and projections have none)."""
    if values is None:
        return sparql
    brace = sparql.index("{")
    return f"{sparql[: brace + 1]} VALUES ?this {{ {values} }} {sparql[brace + 1 :]}"


def _rdflib(graph: Graph | GraphStore) -> Graph:
    return graph.to_rdflib() if isinstance(graph, GraphStore) else graph


def _order(v: Violation) -> tuple[str, str, str, str]:
    return (v.message, v.focus, v.path, v.severity)


def _core_violations(shapes: Graph, held: GraphStore, pyshacl: Any | None, values: str | None) -> list[Finding]:
    """The core constraints: compiled to SPARQL on Oxigraph (:mod:`kgraph.graph.shacl_sparql`)
    when the shapes allow it, else checked by pySHACL."""
    import pyoxigraph as ox

    from kgraph.graph.shacl_sparql import compile_shapes

    queries = compile_shapes(shapes)
    if queries is None:
        core = Graph()
        for triple in shapes:
            if triple[1] != SH.sparql:
                core.add(triple)
        found = _pyshacl_findings(pyshacl or _pyshacl(), held.to_rdflib(), core)[1]
        return [f for f in found if values is None or f"<{f.node}>" in values]
    found = []
    for query in queries:
        try:
            answer = held.store.query(_only(query.sparql, values))
        except (SyntaxError, OSError, RuntimeError, ValueError) as exc:
            raise DataError(f"the SHACL shapes cannot be run: {' '.join(str(exc).split())}") from exc
        for row in answer:  # type: ignore[union-attr]
            this = row["this"]
            node = URIRef(this.value) if isinstance(this, ox.NamedNode) else this.value
            violation = Violation(_store_focus_name(held, node), _short(query.path), query.message, "Violation")
            found.append(Finding(this.value, violation))
    return found


def _sparql_violations(shapes: Graph, held: GraphStore, values: str | None) -> list[Finding]:
    """Each sh:sparql constraint run once, unbound, on Oxigraph (rdflib's SPARQL took 40 s of them
    on the xwlb graph), keeping rows about its shape's targets."""
    import pyoxigraph as ox

    prefixes = {str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace)) for d in shapes.objects(None, SH.declare)}
    found = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        text = str(shapes.value(constraint, SH.select)).replace("$this", "?this")
        message = str(shapes.value(constraint, SH.message))
        try:
            check_query(text)  # Oxigraph would follow a SERVICE itself, past the offline() hook
            focus = _targets(held, shapes, shape, values)
            answer = held.store.query(_only(text, values), prefixes=prefixes)
            if not isinstance(answer, ox.QuerySolutions):
                raise ValueError(f"the constraint of {shape} is not a SELECT query")
            has_path = "path" in [v.value for v in answer.variables]
            rows = [(row["this"], row["path"] if has_path else None) for row in answer]
        except (QueryError, SyntaxError, OSError, RuntimeError, ValueError) as exc:  # a broken query in the shapes file
            raise DataError(f"the SHACL shapes cannot be run: {' '.join(str(exc).split())}") from exc
        for this, path in rows:
            if isinstance(this, ox.NamedNode) and this.value in focus:
                short = _short(URIRef(path.value)) if isinstance(path, ox.NamedNode) else ""
                violation = Violation(_store_focus_name(held, URIRef(this.value)), short, message, "Violation")
                found.append(Finding(this.value, violation))
    return found


def _targets(held: GraphStore, shapes: Graph, shape: Node, values: str | None = None) -> set[str]:
    """The IRIs of the focus nodes of ``shape`` in the store (among ``values`` when given)."""
    patterns = [f"?n a <{cls}>" for cls in shapes.objects(shape, SH.targetClass) if isinstance(cls, URIRef)]
    patterns += [f"?n <{p}> ?o" for p in shapes.objects(shape, SH.targetSubjectsOf) if isinstance(p, URIRef)]
    patterns += [f"?s <{p}> ?n" for p in shapes.objects(shape, SH.targetObjectsOf) if isinstance(p, URIRef)]
    nodes = {str(node) for node in shapes.objects(shape, SH.targetNode) if isinstance(node, URIRef)}
    only = "" if values is None else f"VALUES ?n {{ {values} }} "
    for pattern in patterns:
        rows = held.select(f"SELECT DISTINCT ?n WHERE {{ {only}{pattern} }}")
        nodes |= {row[0][1] for row in rows if row[0] and row[0][0] == 0}
    return nodes


def _store_focus_name(held: GraphStore, node: Node) -> str:
    """The first of a node's labels in sorted order, or its IRI."""
    if not isinstance(node, URIRef):
        return str(node)
    labels = sorted(t[1] for (t,) in held.select(f"SELECT ?l WHERE {{ <{node}> rdfs:label ?l }}") if t and t[1].strip())
    return labels[0] if labels else str(node)


def _run(pyshacl: Any, graph: Graph, shapes: Graph) -> Report:
    conforms, found = _pyshacl_findings(pyshacl, graph, shapes)
    return Report(conforms, tuple(sorted((f.violation for f in found), key=_order)))


def _pyshacl_findings(pyshacl: Any, graph: Graph, shapes: Graph) -> tuple[bool, list[Finding]]:
    """pySHACL's verdict and its results (one per distinct focus node, path, value, message, severity)."""
    try:
        conforms, results, _ = pyshacl.validate(
            graph, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
        )
    except Exception as exc:  # pyshacl reports broken shapes with its own exception types
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise DataError(f"the SHACL shapes cannot be run: {reason}") from exc
    if not isinstance(results, Graph):  # pyshacl returns, not raises, a ValidationFailure
        raise DataError(f"the SHACL shapes cannot be run: {results}")
    return bool(conforms), _violations(graph, results)


def _violations(graph: Graph, results: Graph) -> list[Finding]:
    """One finding per distinct (focus node, path, value, message, severity) result."""
    seen: set[tuple[object, ...]] = set()
    found: list[Finding] = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus, path = results.value(result, SH.focusNode), results.value(result, SH.resultPath)
        value, severity = results.value(result, SH.value), results.value(result, SH.resultSeverity)
        message = "; ".join(sorted(str(m) for m in results.objects(result, SH.resultMessage)))
        key = (focus, path, value, message, severity)
        if key in seen:
            continue
        seen.add(key)
        found.append(Finding(str(focus), Violation(_focus_name(graph, focus), _short(path), message, _local_name(severity))))
    return found


def _focus_name(graph: Graph, node: Node | None) -> str:
    labels = sorted(str(label) for label in graph.objects(node, RDFS.label) if str(label).strip()) if node else []
    return labels[0] if labels else str(node or "")


def _short(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        text = str(node)
        return short_form(text) or text
    return "(complex path)"


def _local_name(node: Node | None) -> str:
    text = str(node or SH.Violation)
    return text.rsplit("#", 1)[-1]


def summarize(report: Report) -> str:
    """Plain-language lines, one per message, most frequent first, then by message.

    ``3 × 官员没有职务 (an official holds no post): 张三, 李四, 王五`` — the count is of
    violations, followed by at most five distinct focus names and "…" if there are
    more. A severity other than Violation is shown in brackets before the count.
    "no violations" when the report has none.
    """
    if not report.violations:
        return "no violations"
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for violation in report.violations:
        groups[(violation.severity, violation.message)].append(violation.focus)
    lines = []
    for (severity, message), focuses in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0][1], g[0][0])):
        names = list(dict.fromkeys(focuses))
        listed = ", ".join(names[:_LIST_AT_MOST]) + (", …" if len(names) > _LIST_AT_MOST else "")
        marker = "" if severity == "Violation" else f"[{severity}] "
        lines.append(f"{marker}{len(focuses)} × {message}: {listed}")
    return "\n".join(lines)
