"""Bounded SPARQL for a server: worker processes, a time limit, a row limit, result formats.

    QueryPool(graph_path, workers=2, timeout=10, max_rows=10_000)
        .run(sparql, accept) ──▶ Answer(status, content_type, body, truncated)

Each worker process loads the graph file into its own in-memory Oxigraph store (several
times faster than the on-disk store for sorts and joins) and answers one query at a time. A query that
runs longer than ``timeout`` seconds is stopped by killing its worker, which is then
replaced: Oxigraph has no way to interrupt a running query, a process can always be
stopped. At most ``max_rows`` rows (or triples) are returned; a cut answer says so
(``truncated``). SERVICE clauses are refused before a worker sees the query.

Result formats, chosen from the client's Accept header (or a ``format`` name):
SELECT and ASK as SPARQL JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE as Turtle,
JSON-LD or N-Triples.
"""

from __future__ import annotations

import json
import multiprocessing
import queue
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from kgraph.errors import QueryError

__all__ = ["RESULT_TYPES", "TRIPLE_TYPES", "Answer", "QueryPool", "answer_query", "pick_type"]

#: Media types for SELECT/ASK answers, by short name (the ``format`` parameter).
RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
#: Media types for CONSTRUCT/DESCRIBE answers, by short name.
TRIPLE_TYPES = {"turtle": "text/turtle", "jsonld": "application/ld+json", "ntriples": "application/n-triples"}
_ALIASES = {"application/json": "json", "text/xml": "xml", "application/xml": "xml", "application/x-turtle": "turtle",
            "application/rdf+json": "jsonld"}  # fmt: skip


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, media type, body, and whether rows were cut at the row limit."""

    status: int
    content_type: str
    body: bytes
    truncated: bool = False


def error(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def pick_type(accept: str, choices: dict[str, str]) -> str:
    """The short name of the format the client prefers among ``choices`` (first listed if none fits)."""
    ranked = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        weight = next((float(p[2:]) for p in params if p.startswith("q=") and _is_number(p[2:])), 1.0)
        ranked.append((-weight, position, media.lower()))
    by_type = {media: name for name, media in choices.items()}
    for _, _, media in sorted(ranked):
        if media in by_type:
            return by_type[media]
        if _ALIASES.get(media) in choices:
            return _ALIASES[media]
    return next(iter(choices))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------- serialising


def _json_term(term: Any) -> dict[str, str]:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _xml_term(term: Any) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _csv_cell(term: Any) -> str:
    text = "" if term is None else term.value
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\r\n') else text


def _tsv_cell(term: Any) -> str:
    return "" if term is None else str(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _select_body(name: str, columns: list[str], rows: list[tuple[Any, ...]]) -> bytes:
    if name == "json":
        bindings = [{c: _json_term(t) for c, t in zip(columns, row) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": columns}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()
    if name == "xml":
        head = "".join(f"<variable name={quoteattr(c)}/>" for c in columns)
        results = "".join(
            "<result>" + "".join(f"<binding name={quoteattr(c)}>{_xml_term(t)}</binding>" for c, t in zip(columns, row) if t is not None) + "</result>"
            for row in rows
        )
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>{head}</head>'
                f"<results>{results}</results></sparql>\n").encode()  # fmt: skip
    if name == "csv":
        lines = [",".join(columns)] + [",".join(_csv_cell(t) for t in row) for row in rows]
        return ("\r\n".join(lines) + "\r\n").encode()
    lines = ["\t".join(f"?{c}" for c in columns)] + ["\t".join(_tsv_cell(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def _ask_body(name: str, value: bool) -> bytes:
    if name == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if name == "xml":
        word = "true" if value else "false"
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{word}</boolean></sparql>\n").encode()  # fmt: skip
    return f"_askResult\r\n{'true' if value else 'false'}\r\n".encode() if name == "csv" else f"?_askResult\n{str(value).lower()}\n".encode()


def _triples_body(name: str, triples: list[Any]) -> bytes:
    import pyoxigraph as ox

    from kgraph.graph.store import PREFIX_IRIS

    fmt = {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "ntriples": ox.RdfFormat.N_TRIPLES}[name]
    prefixes = PREFIX_IRIS if name == "turtle" else None
    return bytes(ox.serialize(triples, format=fmt, prefixes=prefixes) or b"")


def answer_query(graph: Any, sparql: str, accept: str, max_rows: int) -> Answer:
    """Run ``sparql`` on ``graph`` (a GraphStore) and serialise at most ``max_rows`` rows."""
    import pyoxigraph as ox

    try:
        answer = graph.query(sparql)
        if isinstance(answer, ox.QueryBoolean):
            name = pick_type(accept, RESULT_TYPES)
            return Answer(200, RESULT_TYPES[name], _ask_body(name, bool(answer)))
        rows: list[Any] = []
        for row in answer:
            if len(rows) == max_rows:
                break
            rows.append(row if isinstance(answer, ox.QueryTriples) else tuple(row))
        else:
            max_rows = -1
        truncated = max_rows >= 0
        if isinstance(answer, ox.QueryTriples):
            name = pick_type(accept, TRIPLE_TYPES)
            return Answer(200, TRIPLE_TYPES[name], _triples_body(name, rows), truncated)
        name = pick_type(accept, RESULT_TYPES)
        columns = [v.value for v in answer.variables]
        return Answer(200, RESULT_TYPES[name], _select_body(name, columns, rows), truncated)
    except QueryError as exc:
        return error(400, str(exc))
    except (OSError, RuntimeError, ValueError, TypeError) as exc:
        return error(400, f"SPARQL query failed: {' '.join(str(exc).split())}")


# ---------------------------------------------------------------- workers


def _serve(graph_path: str, conn: Connection) -> None:
    """A worker: open the graph once, then answer (sparql, accept, max_rows) until told to stop."""
    from kgraph.errors import KgraphError
    from kgraph.graph.store import open_graph

    try:
        graph = open_graph(Path(graph_path), in_memory=True)
    except KgraphError as exc:
        conn.send(error(500, str(exc)))
        return
    conn.send(Answer(200, "text/plain", b"ready"))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        conn.send(answer_query(graph, *job))


class _Worker:
    def __init__(self, context: Any, graph_path: str) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(graph_path, child), daemon=True)
        self.process.start()
        child.close()

    def ready(self, timeout: float) -> Answer | None:
        return self.conn.recv() if self.conn.poll(timeout) else None

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """``workers`` processes answering queries on the graph at ``graph_path``, each within ``timeout`` s."""

    def __init__(self, graph_path: Path, workers: int = 2, timeout: float = 10.0, max_rows: int = 10_000) -> None:
        self.graph_path, self.timeout, self.max_rows = str(graph_path), timeout, max_rows
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._all: list[_Worker] = []
        for _ in range(workers):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        worker = _Worker(self._context, self.graph_path)
        hello = worker.ready(120)
        if hello is None or hello.status != 200:
            worker.stop()
            reason = hello.body.decode().strip() if hello else "it did not start"
            raise QueryError(f"cannot serve {self.graph_path}: {reason}")
        with self._lock:
            self._all.append(worker)
        return worker

    def run(self, sparql: str, accept: str = "") -> Answer:
        """Answer one query, or 503 when it takes longer than the time limit (or no worker frees up)."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return error(503, f"the server is busy: no worker was free within {self.timeout:g} s; try again")
        try:
            worker.conn.send((sparql, accept, self.max_rows))
            if worker.conn.poll(self.timeout):
                answer: Answer = worker.conn.recv()
                self._idle.put(worker)
                return answer
        except (EOFError, OSError):
            pass
        self._replace(worker)
        return error(503, f"query stopped: it ran longer than the time limit of {self.timeout:g} s (kgraph serve --timeout)")

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._all.remove(worker)
        self._idle.put(self._start())

    def close(self) -> None:
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.stop()

