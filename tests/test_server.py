"""``kgraph serve``: the SPARQL 1.1 Protocol over real HTTP on loopback, and its pages in chromium.

The server runs in this process (worker processes answer the queries); the client is plain
HTTP (urllib). The browser tests use Debian's chromium like tests/test_browser.py and fail,
never skip, when it is missing.
"""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kgraph.cli import main
from kgraph.graph.server import SparqlServer
from test_browser import browser  # noqa: F401 - the shared chromium fixture
from test_store import _Counter, listener  # noqa: F401 - the loopback request counter

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples" / "articles"
OFFICIALS = (REPO / "src" / "kgraph" / "graph" / "queries" / "officials.rq").read_text(encoding="utf-8")
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("serve") / "out"
    result = CliRunner().invoke(main, ["build", str(SAMPLES), "-o", str(out), "-q", "--no-validate"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def server(built: Path) -> Iterator[SparqlServer]:
    running = SparqlServer(built / "graph.ttl", port=0, workers=2, timeout=3.0, max_rows=50).start()
    yield running
    running.close()


def request(server: SparqlServer, path: str = "sparql", *, query: str | None = None, data: dict[str, str] | None = None,
            body: str | None = None, content_type: str | None = None, accept: str = "",
            method: str | None = None) -> tuple[int, dict[str, str], bytes]:  # fmt: skip
    url = server.url + path + (("?" + urllib.parse.urlencode({"query": query})) if query is not None else "")
    payload = urllib.parse.urlencode(data).encode() if data is not None else body.encode() if body is not None else None
    req = urllib.request.Request(url, data=payload, method=method)
    if content_type:
        req.add_header("Content-Type", content_type)
    if accept:
        req.add_header("Accept", accept)
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def select_json(body: bytes) -> list[dict[str, str]]:
    answer = json.loads(body)
    return [{k: v["value"] for k, v in row.items()} for row in answer["results"]["bindings"]]


def test_get_and_post_give_the_same_json(server: SparqlServer) -> None:
    status, headers, got = request(server, query=OFFICIALS, accept="application/sparql-results+json")
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+json"
    posted = request(server, data={"query": OFFICIALS})
    direct = request(server, body=OFFICIALS, content_type="application/sparql-query")
    assert select_json(got) == select_json(posted[2]) == select_json(direct[2])
    assert any(row["name"] == "周启明" and row["title"] == "省委书记" and row["region"] == "浙江省" for row in select_json(got))
    assert json.loads(got)["head"]["vars"][:3] == ["name", "title", "region"]


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [("application/sparql-results+xml", "application/sparql-results+xml"), ("text/csv", "text/csv"),
     ("text/tab-separated-values", "text/tab-separated-values"), ("*/*", "application/sparql-results+json"),
     ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml")],
)  # fmt: skip
def test_result_formats_by_content_negotiation(server: SparqlServer, accept: str, content_type: str) -> None:
    query = "SELECT ?name ?code WHERE { ?d kg:adminCode ?code ; rdfs:label ?name } ORDER BY ?code LIMIT 3"  # 浙江省 first
    status, headers, body = request(server, query=query, accept=accept)
    assert status == 200 and headers["Content-Type"] == content_type
    text = body.decode("utf-8")
    if content_type == "text/csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == ["name", "code"] and len(rows) == 4
    elif content_type == "text/tab-separated-values":
        assert text.splitlines()[0] == "?name\t?code" and '"浙江省"@zh\t"330000"' in text
    elif content_type.endswith("xml"):
        assert "<sparql xmlns=" in text and text.count("<result>") == 3
    else:
        assert len(select_json(body)) == 3


def test_ask(server: SparqlServer) -> None:
    status, _, body = request(server, query="ASK { ?d kg:adminCode ?c }")
    assert status == 200 and json.loads(body)["boolean"] is True


@pytest.mark.parametrize("accept", ["text/turtle", "application/ld+json", ""])
def test_construct_and_describe_by_content_negotiation(server: SparqlServer, accept: str) -> None:
    query = "CONSTRUCT { ?d kg:adminCode ?c } WHERE { ?d kg:adminCode ?c }"
    status, headers, body = request(server, query=query, accept=accept)
    assert status == 200
    fmt = "json-ld" if accept == "application/ld+json" else "turtle"
    assert headers["Content-Type"] == ("application/ld+json" if fmt == "json-ld" else "text/turtle")
    graph = Graph().parse(data=body.decode("utf-8"), format=fmt)
    assert len(graph) > 5
    status, headers, body = request(server, query="DESCRIBE <https://w3id.org/kgraph/id/district/330000>", accept=accept)
    assert status == 200 and len(Graph().parse(data=body.decode("utf-8"), format=fmt)) > 2


@pytest.mark.parametrize(
    "send",
    [
        {"data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
        {"body": "DELETE WHERE { ?s ?p ?o }", "content_type": "application/sparql-update"},
        {"query": "PREFIX x: <urn:x:> INSERT DATA { <urn:a> <urn:b> <urn:c> }"},
        {"query": "# a comment\nCLEAR ALL"},
        {"body": "", "method": "PUT"},
    ],
    ids=["form-update", "sparql-update", "insert-as-query", "clear-as-query", "put"],
)
def test_updates_are_refused(server: SparqlServer, send: dict[str, Any]) -> None:
    before = select_json(request(server, query="SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[2])
    status, _, body = request(server, **send)
    assert status == 403
    assert body.decode() == "kgraph serve is read-only: SPARQL updates are refused (this endpoint answers queries only)\n"
    assert select_json(request(server, query="SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[2]) == before


def test_service_is_refused_without_touching_the_network(server: SparqlServer, listener: tuple[str, type[_Counter]]) -> None:  # noqa: F811
    url, counter = listener
    status, _, body = request(server, query=f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")
    assert status == 400 and body.decode().startswith("SERVICE is not allowed")
    assert counter.hits == 0


def test_a_long_query_is_stopped_at_the_time_limit_and_the_server_goes_on(server: SparqlServer) -> None:
    started = time.monotonic()
    status, _, body = request(server, query=CARTESIAN)
    took = time.monotonic() - started
    assert status == 503 and "time limit of 3 s" in body.decode()
    assert took < 3.0 + 15  # the limit plus starting a new worker on a loaded machine
    assert request(server, query="ASK { ?s ?p ?o }")[0] == 200


def test_rows_past_the_limit_are_cut_and_said_so(server: SparqlServer) -> None:
    status, headers, body = request(server, query="SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert status == 200 and headers["X-Kgraph-Truncated"] == "true; max-rows=50"
    assert len(select_json(body)) == 50
    assert "X-Kgraph-Truncated" not in request(server, query="SELECT ?s WHERE { ?s a kg:Official }")[1]


@pytest.mark.parametrize(
    ("send", "status", "start"),
    [({"query": "SELECT ?x WHERE { ?x }"}, 400, "SPARQL"), ({"query": ""}, 400, "give a SPARQL query"),
     ({"path": "nothing"}, 404, "no page /nothing"),
     ({"data": {"query": "ASK {}", "format": "yaml"}}, 400, "unknown format 'yaml'"),
     ({"body": "x", "content_type": "text/plain"}, 415, "unsupported Content-Type")],
)  # fmt: skip
def test_bad_requests_get_one_clear_line(server: SparqlServer, send: dict[str, Any], status: int, start: str) -> None:
    got, _, body = request(server, **send)
    assert got == status and body.decode().startswith(start) and body.decode().count("\n") == 1


def test_bundled_query_parameters(server: SparqlServer) -> None:
    text = (REPO / "src" / "kgraph" / "graph" / "queries" / "in-district.rq").read_text(encoding="utf-8")
    status, _, body = request(server, data={"query": text, "param.district": "湖州市安吉县"})
    assert status == 200 and any(row["name"] == "沈立新" for row in select_json(body))


def test_200_concurrent_requests_from_8_threads(server: SparqlServer) -> None:
    def one(_: int) -> tuple[int, float]:
        started = time.monotonic()
        status = request(server, query=OFFICIALS)[0]
        return status, time.monotonic() - started

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(one, range(200)))
    assert [status for status, _ in results] == [200] * 200


def test_listens_on_loopback_by_default(built: Path) -> None:
    running = SparqlServer(built / "graph.ttl", port=0, workers=1)
    try:
        assert running.url.startswith("http://127.0.0.1:")
    finally:
        running.close()


def test_serve_command_errors_are_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "-g", str(tmp_path / "graph.ttl")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: graph file {tmp_path / 'graph.ttl'} does not exist; run `kgraph build` to write it\n"


# ---------------------------------------------------------------- chromium


def _page(browser: Any, url: str) -> tuple[Any, Any, list[str]]:  # noqa: F811
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    outside: list[str] = []
    errors: list[str] = []
    page.on("request", lambda req: req.url.startswith(url) or req.url.startswith("data:") or outside.append(req.url))
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(url)
    return context, page, outside + errors


def test_query_page_runs_the_bundled_examples_in_chromium(server: SparqlServer, browser: Any) -> None:  # noqa: F811
    context, page, problems = _page(browser, server.url)
    try:
        names = page.eval_on_selector_all("#example option", "options => options.map(o => o.textContent)")
        assert "officials" in names and "post-holders" in names
        page.select_option("#example", label="officials")
        page.click("#run")
        page.wait_for_function("() => /rows in/.test(document.getElementById('status').textContent)", timeout=30_000)
        cells = page.eval_on_selector_all("#results td", "tds => tds.map(td => td.textContent)")
        assert "周启明" in cells and "省委书记" in cells
        page.select_option("#example", label="in-district")
        page.fill("#param-district", "湖州市安吉县")
        page.click("#run")
        page.wait_for_function("() => /rows in/.test(document.getElementById('status').textContent)", timeout=30_000)
        assert "沈立新" in page.eval_on_selector_all("#results td", "tds => tds.map(td => td.textContent)")
        page.fill("#query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
        page.click("#run")
        page.wait_for_function("() => /^403/.test(document.getElementById('status').textContent)", timeout=30_000)
        assert problems == []
    finally:
        context.close()


def test_graph_page_is_served_and_draws_in_chromium(server: SparqlServer, browser: Any) -> None:  # noqa: F811
    context, page, problems = _page(browser, server.url + "graph")
    try:
        page.wait_for_function("() => document.body.dataset.stable === '1'", timeout=60_000)
        assert page.evaluate("() => window.kgraph.nodes.length") > 10
        assert problems == []
    finally:
        context.close()


def test_stopping_the_server_frees_its_workers(built: Path) -> None:
    running = SparqlServer(built / "graph.ttl", port=0, workers=1).start()
    workers = [w.process for w in running.pool._all]
    running.close()
    assert all(not process.is_alive() for process in workers)
    assert threading.active_count() >= 1
