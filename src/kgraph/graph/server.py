"""``kgraph serve``: a read-only SPARQL 1.1 Protocol endpoint over the graph, and a query page.

    GET  /sparql?query=…            SPARQL 1.1 Protocol query via GET
    POST /sparql                    query via POST (form ``query=…`` or ``application/sparql-query``)
    GET  /                          the query page: the bundled queries as examples, results as a table
    GET  /graph                     the graph page (graph.html beside the graph), if there is one

Answers follow the client's Accept header (see :mod:`kgraph.graph.querypool`), or a
``format`` parameter (json, xml, csv, tsv; turtle, jsonld, ntriples). Optional ``param.NAME``
fields fill a bundled query's ``$NAME`` placeholders. The server is read-only: an update
(form field ``update`` or ``application/sparql-update``) is refused with 403; a query that
is no query (INSERT, DELETE …) fails to parse and gets 400. Queries run in worker processes
with a time limit and a row limit (:class:`~kgraph.graph.querypool.QueryPool`); SERVICE is
refused. Everything the pages need is inline: they work with the network off.
"""

from __future__ import annotations

import json
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kgraph.errors import KgraphError, QueryError
from kgraph.graph.query import bind_parameters, list_queries, query_parameters, resolve_query
from kgraph.graph.querypool import Answer, QueryPool, error
from kgraph.graph.store import check_local, is_update

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "SparqlServer"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7879
_MAX_BODY = 1 << 20  # 1 MiB of query text is plenty
_READ_ONLY = "kgraph serve is read-only: SPARQL updates are refused (this endpoint answers queries only)"
_FORMAT_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
                 "tsv": "text/tab-separated-values", "turtle": "text/turtle", "jsonld": "application/ld+json",
                 "ntriples": "application/n-triples"}  # fmt: skip


class SparqlServer:
    """The endpoint over the graph at ``graph_path``, listening on ``host:port`` (port 0: any free one)."""

    def __init__(self, graph_path: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, workers: int = 2,
                 timeout: float = 10.0, max_rows: int = 10_000) -> None:  # fmt: skip
        self.graph_path = Path(graph_path)
        self.pool = QueryPool(self.graph_path, workers, timeout, max_rows)
        self.page = _query_page().encode("utf-8")
        folder = self.graph_path if self.graph_path.is_dir() else self.graph_path.parent
        self.graph_page = folder / "graph.html"
        try:
            self.http = ThreadingHTTPServer((host, port), _handler(self))
        except OSError as exc:
            self.pool.close()
            raise QueryError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
        self.http.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.http.server_address[:2]
        return f"http://{host!s}:{port}/"

    def serve_forever(self) -> None:
        self.http.serve_forever()

    def start(self) -> SparqlServer:
        """Serve in a background thread (for tests and embedding); :meth:`close` stops it."""
        self._thread = threading.Thread(target=self.http.serve_forever, daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        if self._thread is not None:
            self.http.shutdown()
        self.http.server_close()
        self.pool.close()

    def answer(self, fields: dict[str, str], accept: str) -> Answer:
        """The answer to one protocol request, given its fields (query, format, param.NAME)."""
        sparql = fields.get("query", "")
        if "update" in fields or is_update(sparql):
            return error(403, _READ_ONLY)
        if not sparql.strip():
            return error(400, "give a SPARQL query: GET /sparql?query=… or POST query=…")
        params = {k.removeprefix("param."): v for k, v in fields.items() if k.startswith("param.")}
        try:
            if params:
                sparql = bind_parameters(sparql, params)
            check_local(sparql)
        except QueryError as exc:
            return error(400, str(exc))
        fmt = fields.get("format", "")
        if fmt and fmt not in _FORMAT_TYPES:
            return error(400, f"unknown format {fmt!r}; valid formats are: {', '.join(_FORMAT_TYPES)}")
        return self.pool.run(sparql, _FORMAT_TYPES[fmt] if fmt else accept)


def _handler(server: SparqlServer) -> type[BaseHTTPRequestHandler]:
    class Handler(_Handler):
        owner = server

    return Handler


class _Handler(BaseHTTPRequestHandler):
    owner: SparqlServer
    server_version = "kgraph"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet: the CLI says what it serves
        pass

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            self._send(Answer(200, "text/html; charset=utf-8", self.owner.page))
        elif url.path == "/graph":
            self._send(self._graph_page())
        elif url.path == "/sparql":
            self._send(self.owner.answer(_fields(url.query), self.headers.get("Accept", "")))
        else:
            self._send(error(404, f"no page {url.path}; the endpoint is /sparql, the query page /"))

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._send(error(404, f"no endpoint {url.path}; POST queries to /sparql"))
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            self._send(error(413, f"request body over {_MAX_BODY} bytes"))
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        fields = _fields(url.query)
        if kind == "application/sparql-update":
            self._send(error(403, _READ_ONLY))
            return
        if kind == "application/sparql-query":
            fields["query"] = body
        elif kind in ("application/x-www-form-urlencoded", ""):
            fields.update(_fields(body))
        else:
            self._send(error(415, f"unsupported Content-Type {kind!r}; send application/sparql-query or a form"))
            return
        self._send(self.owner.answer(fields, self.headers.get("Accept", "")))

    def do_PUT(self) -> None:
        self._send(error(403, _READ_ONLY))

    do_DELETE = do_PATCH = do_PUT

    def _graph_page(self) -> Answer:
        try:
            return Answer(200, "text/html; charset=utf-8", self.owner.graph_page.read_bytes())
        except OSError:
            return error(404, f"no graph page {self.owner.graph_page}; `kgraph viz` writes one")

    def _send(self, answer: Answer) -> None:
        self.send_response(answer.status, HTTPStatus(answer.status).phrase)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("Cache-Control", "no-store")
        if answer.truncated:
            self.send_header("X-Kgraph-Truncated", f"true; max-rows={self.owner.pool.max_rows}")
        self.end_headers()
        self.wfile.write(answer.body)


def _fields(text: str) -> dict[str, str]:
    return {name: values[-1] for name, values in parse_qs(text, keep_blank_values=True).items()}


def _query_page() -> str:
    """The query page with the bundled queries (name, description, text, parameters) inlined."""
    examples = []
    for name, description in list_queries():
        try:
            text = resolve_query(name, None)
        except KgraphError:
            continue
        examples.append({"name": name, "description": description, "query": text, "params": query_parameters(text)})
    template = resources.files("kgraph.views").joinpath("templates").joinpath("query.html").read_text(encoding="utf-8")
    data = json.dumps(examples, ensure_ascii=False).replace("</", "<\\/")
    return template.replace("/*EXAMPLES*/[]", data)
