"""The graph's home: an Oxigraph store (pyoxigraph) on disk beside graph.ttl.

    graph.ttl ──write_store──▶ OUTPUT/store/db (RocksDB) + OUTPUT/store/source.json
    open_graph(graph.ttl) ──▶ GraphStore: the on-disk store when it matches graph.ttl,
                                           else graph.ttl loaded into an in-memory store

``kgraph build`` writes both: graph.ttl (canonical Turtle, byte-identical for the same
input) and the store, which answers SPARQL in milliseconds where rdflib re-parses the
file first. ``source.json`` records graph.ttl's size, modification time and SHA-256, so
a graph.ttl edited by hand (or a build that stopped between the two writes) is never
answered from a stale store: :func:`open_graph` then loads the file itself.

A new store is loaded into a temporary folder and renamed into place; the old one is
removed only after that, so a crash leaves the old store or the new one, never half of one.

Queries never reach the network: a ``SERVICE`` clause is refused before the query runs
(:func:`check_local`), and pyoxigraph loads no remote JSON-LD context. This module does
not import rdflib (``kgraph query`` starts faster without it); :meth:`GraphStore.to_rdflib`
imports it when a caller needs an rdflib graph (SHACL, the page, analytics).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kgraph.errors import GraphError, OutputError, QueryError

if TYPE_CHECKING:
    from rdflib import Graph

Term = tuple[int, str, str, str]  # kgraph.graph.canonical.Term

__all__ = [
    "PREFIX_IRIS",
    "STORE_DIR",
    "GraphStore",
    "as_store",
    "check_local",
    "from_rdflib",
    "from_turtle",
    "graph_name_in",
    "is_update",
    "matching_store",
    "open_graph",
    "store_path",
    "update_store",
    "write_store",
]

#: The store's folder inside the output folder, beside graph.ttl.
STORE_DIR = "store"
_DB = "db"
_STAMP = "source.json"
_STAMP_VERSION = 1
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

#: The prefixes predeclared in every query (the same as ``kgraph.graph.namespace.PREFIXES``,
#: written as plain text so that a query needs no rdflib; a test keeps the two equal).
PREFIX_IRIS: dict[str, str] = {
    "dcterms": "http://purl.org/dc/terms/",
    "id": "https://w3id.org/kgraph/id/",
    "kg": "https://w3id.org/kgraph/ns#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# SPARQL tokens that are skipped (strings, IRIs, comments) and the SERVICE keyword.
_SERVICE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\s]*>|\#[^\n]*"
    r"|(?P<service>\bSERVICE\b)",
    re.IGNORECASE | re.DOTALL,
)


class GraphStore:
    """A graph held in Oxigraph: the on-disk store of a build, or a file loaded in memory.

    ``origin`` says which, for messages: ``"store output/store"`` or ``"file graph.ttl"``;
    ``folder`` is the on-disk store's folder (OUT/store), None for a graph in memory.
    ``store`` may be given as a function that opens it: it is then opened on first use
    (opening RocksDB takes tens of milliseconds, which an answer kept by the build does not need).
    """

    def __init__(self, store: ox.Store | Callable[[], ox.Store], origin: str, folder: Path | None = None) -> None:
        self._store: ox.Store | None = store if isinstance(store, ox.Store) else None
        self._open: Callable[[], ox.Store] | None = None if isinstance(store, ox.Store) else store
        self.origin = origin
        self.folder = folder

    @property
    def store(self) -> ox.Store:
        """The Oxigraph store (opened now if it was not yet)."""
        if self._store is None:
            assert self._open is not None
            self._store = self._open()
        return self._store

    def __len__(self) -> int:
        return len(self.store)

    def query(self, sparql: str) -> Any:
        """pyoxigraph's answer to ``sparql`` (kgraph prefixes predeclared; named graphs
        joined into the default graph). Raises ``QueryError`` for a SERVICE clause, a
        syntax error or a failure while running."""
        check_local(sparql)
        try:
            return self.store.query(sparql, prefixes=PREFIX_IRIS, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {' '.join(str(exc).split())}") from exc
        except (OSError, RuntimeError, ValueError, TypeError) as exc:
            raise QueryError(f"SPARQL query failed: {' '.join(str(exc).split())}") from exc

    def select(self, sparql: str) -> list[tuple[Term | None, ...]]:
        """The rows of a SELECT query (kgraph prefixes predeclared) as plain terms: ``(0, iri, "", "")``,
        ``(1, text, datatype, language)`` (no datatype for a plain string), ``(2, id, "", "")`` for a
        blank node; None where a variable is unbound. For kgraph's own queries (no SERVICE check)."""
        answer = self.store.query(sparql, prefixes=PREFIX_IRIS, use_default_graph_as_union=True)
        width = len(answer.variables)  # type: ignore[union-attr]
        convert = _PlainTerms()
        return [tuple(convert(row[i]) for i in range(width)) for row in answer]  # type: ignore[union-attr]

    def pairs(self, predicate: str) -> list[tuple[Term, Term]]:
        """(subject, object) of every triple whose predicate is the IRI ``predicate``: one scan of an
        index (kgraph.graph.source.PairSource)."""
        return self.select(f"SELECT ?s ?o WHERE {{ ?s <{predicate}> ?o }}")  # type: ignore[return-value]

    def triples(self) -> Iterator[ox.Quad]:
        """Every quad of the store (named graphs included)."""
        return iter(self.store)

    def to_rdflib(self) -> Graph:
        """The graph as an rdflib graph with kgraph's prefixes bound (for SHACL, pages)."""
        from kgraph.graph.rdf import new_graph

        graph = new_graph()
        convert = _RdflibTerms()
        graph.addN((convert(q.subject), convert(q.predicate), convert(q.object), graph) for q in self.store)
        return graph


class _PlainTerms:
    """pyoxigraph terms → plain term tuples (kgraph.graph.canonical.Term), remembering the ones seen."""

    def __init__(self) -> None:
        self.seen: dict[object, Term] = {}

    def __call__(self, term: Any) -> Term | None:
        if term is None:
            return None
        found = self.seen.get(term)
        if found is None:
            found = self.seen[term] = plain_term(term)
        return found


def plain_term(term: Any) -> Term:
    """One pyoxigraph term as a plain term tuple (see :meth:`GraphStore.select`)."""
    if isinstance(term, ox.NamedNode):
        return (0, term.value, "", "")
    if isinstance(term, ox.BlankNode):
        return (2, term.value, "", "")
    if term.language:
        return (1, term.value, "", term.language)
    datatype = term.datatype.value
    return (1, term.value, "" if datatype == _XSD_STRING else datatype, "")


def as_store(graph: GraphStore | Graph) -> GraphStore:
    """``graph`` itself when it is a store, else an in-memory store holding the rdflib graph's triples."""
    return graph if isinstance(graph, GraphStore) else from_rdflib(graph)


class _RdflibTerms:
    """pyoxigraph terms → rdflib terms, remembering the ones seen (IRIs repeat a lot)."""

    def __init__(self) -> None:
        from rdflib import BNode, Literal, URIRef

        self.BNode, self.Literal, self.URIRef = BNode, Literal, URIRef
        self.seen: dict[object, object] = {}

    def __call__(self, term: Any) -> Any:
        found = self.seen.get(term)
        if found is None:
            found = self.seen[term] = self._convert(term)
        return found

    def _convert(self, term: Any) -> object:
        if isinstance(term, ox.NamedNode):
            return self.URIRef(term.value)
        if isinstance(term, ox.BlankNode):
            return self.BNode(term.value)
        if term.language:
            return self.Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # rdflib keeps a plain literal without a datatype
            return self.Literal(term.value)
        return self.Literal(term.value, datatype=self.URIRef(term.datatype.value))


def _ox_term(term: Any) -> Any:
    from rdflib import BNode, Literal

    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    return ox.NamedNode(str(term))


def from_rdflib(graph: Graph, origin: str = "rdflib graph") -> GraphStore:
    """An in-memory store holding the triples of an rdflib graph."""
    store = ox.Store()
    store.extend(ox.Quad(_ox_term(s), _ox_term(p), _ox_term(o)) for s, p, o in graph)
    return GraphStore(store, origin)


def from_turtle(text: str, origin: str = "graph built in memory") -> GraphStore:
    """An in-memory store holding the graph of kgraph's own canonical Turtle ``text``."""
    store = ox.Store()
    store.bulk_load(input=text.encode("utf-8"), format=ox.RdfFormat.TURTLE, lenient=True)
    return GraphStore(store, origin)


_UPDATE = re.compile(r"\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
                     r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)


def is_update(sparql: str) -> bool:
    """Whether ``sparql`` is a SPARQL update (INSERT, DELETE, LOAD, CLEAR, DROP …) rather than a query."""
    code = _SERVICE.sub(lambda m: " " if m.group(0).startswith("#") else m.group(0), sparql)
    return _UPDATE.match(code) is not None


def graph_name_in(graph: GraphStore, name: str) -> str:
    """:func:`kgraph.graph.lookup.graph_name` asked of a store: the first of the name's variants
    (an organ's short name, then its full and usual names) that is a label or alias in it."""
    from kgraph.graph.lookup import name_variants

    variants = name_variants(name)
    for variant in variants if len(variants) > 1 else ():
        value = '"' + variant.replace("\\", "\\\\").replace('"', '\\"') + '"'
        ask = f"ASK {{ ?s <{PREFIX_IRIS['rdfs']}label>|<{PREFIX_IRIS['skos']}altLabel> ?l FILTER (STR(?l) = {value}) }}"
        if bool(graph.store.query(ask)):
            return variant
    return variants[0]


def check_local(sparql: str) -> None:
    """Raise ``QueryError`` if ``sparql`` has a SERVICE or FROM clause: queries never leave the graph
    (:func:`kgraph.graph.guard.check_query`)."""
    from kgraph.graph.guard import check_query

    check_query(sparql)


# ------------------------------------------------------------------ on disk


def store_path(out_dir: Path) -> Path:
    """Where ``kgraph build -o out_dir`` keeps its store."""
    return Path(out_dir) / STORE_DIR


def _file_stamp(path: Path, digest: str | None = None) -> dict[str, Any]:
    info = path.stat()
    sha = digest or hashlib.sha256(path.read_bytes()).hexdigest()
    return {"version": _STAMP_VERSION, "file": path.name, "size": info.st_size, "mtime_ns": info.st_mtime_ns, "sha256": sha}


def write_store(graph_file: Path, folder: Path | None = None) -> Path:
    """Load ``graph_file`` (the build's Turtle) into an on-disk store; return its folder.

    The store goes to ``folder`` (default: ``store`` beside ``graph_file``). An empty
    folder (a staged output set's) is filled in place; an existing store is replaced only
    once the new one is complete. Raises ``OutputError`` when it cannot be written.
    """
    target = folder or store_path(graph_file.parent)
    try:
        if target.is_dir() and not any(target.iterdir()):
            _fill(graph_file, target)
            return target
        return _swap_in(_load_new(graph_file, target.parent), target)
    except (OSError, SyntaxError, ValueError) as exc:
        raise OutputError(f"cannot write the store {target}: {' '.join(str(exc).split())}") from exc


def update_store(previous: Path, graph_file: Path, folder: Path, gone: list[str], came: str) -> Path:
    """Fill the empty ``folder`` with a copy of the store in ``previous`` (a store folder that
    matches its graph file) where the triples of the subjects ``gone`` are replaced by the
    Turtle ``came``, so that it holds ``graph_file``'s graph (a build's, whose blocks of Turtle
    these are). The copy hard-links the previous store's files (a RocksDB checkpoint)."""
    try:
        ox.Store.read_only(str(previous / _DB)).backup(str(folder / _DB))
        store = ox.Store(str(folder / _DB))
        for subject in gone:
            for quad in list(store.quads_for_pattern(ox.NamedNode(subject), None, None)):
                store.remove(quad)
        store.load(input=came.encode("utf-8"), format=ox.RdfFormat.TURTLE, lenient=True)
        store.flush()
        del store
        (folder / _STAMP).write_text(json.dumps(_file_stamp(graph_file), indent=1), encoding="utf-8")
    except (OSError, SyntaxError, ValueError) as exc:
        raise OutputError(f"cannot write the store {folder}: {' '.join(str(exc).split())}") from exc
    return folder


def _fill(graph_file: Path, folder: Path) -> None:
    store = ox.Store(str(folder / _DB))
    store.bulk_load(path=str(graph_file), format=ox.RdfFormat.TURTLE, lenient=True)  # our own Turtle: rdflib-valid IRIs
    store.flush()
    store.optimize()
    del store
    (folder / _STAMP).write_text(json.dumps(_file_stamp(graph_file), indent=1), encoding="utf-8")


def _load_new(graph_file: Path, parent: Path) -> Path:
    parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=".store-", suffix=".tmp", dir=parent))
    try:
        _fill(graph_file, fresh)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return fresh


def _swap_in(fresh: Path, target: Path) -> Path:
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
    os.replace(fresh, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return target


def matching_store(graph_file: Path) -> bool:
    """Whether the store beside ``graph_file`` (in its build's output set) was made from this very file."""
    return _matching_store(graph_file) is not None


def _matching_store(graph_file: Path) -> Path | None:
    """The on-disk store beside ``graph_file`` if it was made from this very file."""
    folder = store_path(graph_file.resolve().parent)  # a build's graph.ttl links into its output set
    try:
        stamp = json.loads((folder / _STAMP).read_text(encoding="utf-8"))
        info = graph_file.stat()
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict) or stamp.get("version") != _STAMP_VERSION or stamp.get("file") != graph_file.name:
        return None
    if stamp.get("size") != info.st_size:
        return None
    if stamp.get("mtime_ns") != info.st_mtime_ns:  # same size, touched: compare the contents
        with contextlib.suppress(OSError):
            if hashlib.sha256(graph_file.read_bytes()).hexdigest() != stamp.get("sha256"):
                return None
    return folder / _DB


def open_graph(path: Path, in_memory: bool = False) -> GraphStore:
    """The graph at ``path``: a graph file (its build's store is used when it matches the
    file), or a build's output folder or store folder. ``in_memory`` loads the graph file
    into memory even when a store matches it: Oxigraph sorts and joins several times faster
    there than on disk (RocksDB), for a long-lived reader such as ``kgraph serve``'s workers.

    Raises ``GraphError`` when there is nothing there (run ``kgraph build``) or the file
    cannot be parsed (the message names it and the parser's reason).
    """
    path = Path(path)
    if path.is_dir():
        return _open_folder(path, in_memory)
    if not path.exists():
        raise GraphError(f"graph file {path} does not exist; run `kgraph build` to write it")
    if not path.is_file():
        raise GraphError(f"graph file {path} is not a regular file")
    db = None if in_memory else _matching_store(path)
    if db is None:
        return _load_file(path)
    return GraphStore(lambda: _read_only_or_load(db, path), f"store {db.parent}", db.parent)


def _read_only_or_load(db: Path, graph_file: Path) -> ox.Store:
    """The store ``db`` opened for reading; when it cannot be opened, the graph file loaded in memory."""
    try:
        return ox.Store.read_only(str(db))
    except OSError:
        return _load_file(graph_file).store


def _open_folder(folder: Path, in_memory: bool = False) -> GraphStore:
    for candidate in (folder / "graph.ttl", folder.parent / "graph.ttl" if folder.name == STORE_DIR else None):
        if candidate is not None and candidate.is_file():
            return open_graph(candidate, in_memory)
    db = folder / _DB if (folder / _DB).is_dir() else folder / STORE_DIR / _DB
    if db.is_dir():
        try:
            return GraphStore(ox.Store.read_only(str(db)), f"store {db.parent}", db.parent)
        except OSError as exc:
            raise GraphError(f"cannot open the store {db.parent}: {' '.join(str(exc).split())}") from exc
    raise GraphError(f"graph file {folder} is a directory; give the path of a Turtle file")


def _load_file(path: Path) -> GraphStore:
    suffix = path.suffix.lstrip(".").lower()
    fmt = ox.RdfFormat.from_extension(suffix) if suffix else ox.RdfFormat.TURTLE
    if fmt is None:
        return _load_with_rdflib(path)
    _check_safe(path, fmt)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise GraphError(f"cannot parse graph file {path}: {' '.join(str(exc).split())}") from exc
    return GraphStore(store, f"file {path}")


def _check_safe(path: Path, fmt: ox.RdfFormat) -> None:
    """The guards rdflib's reading has (:mod:`kgraph.graph.guard`): no XML entity is expanded
    (a "billion laughs" file), no remote JSON-LD context is named."""
    from kgraph.graph.guard import check_local_jsonld, check_no_entities

    if fmt == ox.RdfFormat.RDF_XML:
        check_no_entities(path.read_bytes(), str(path))
    elif fmt == ox.RdfFormat.JSON_LD:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise GraphError(f"cannot parse graph file {path}: {exc}") from exc
        check_local_jsonld(text, str(path))


def _load_with_rdflib(path: Path) -> GraphStore:
    """Formats pyoxigraph does not read (by suffix) go through rdflib's parsers."""
    from kgraph.graph.rdf import load_graph

    return from_rdflib(load_graph(path), f"file {path}")
