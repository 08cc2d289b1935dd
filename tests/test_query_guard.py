"""Queries and graph files never reach the network, and a query's time and rows are bounded (issue 11)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from kgraph.cli import main
from kgraph.errors import GraphError, QueryError
from kgraph.graph.guard import check_local_jsonld, check_query, first_rows, offline, watchdog
from kgraph.graph.query import run_query
from kgraph.graph.rdf import load_graph
from kgraph.limits import Limits


@pytest.fixture
def listener() -> Iterator[tuple[str, list[int]]]:
    """A loopback server that counts connections (it never answers)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    server.settimeout(0.1)
    hits: list[int] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            hits.append(1)
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", hits
    stop.set()
    thread.join(2)
    server.close()


@pytest.fixture
def graph() -> Graph:
    g = Graph()
    for i in range(60):
        g.add((URIRef(f"http://x/{i}"), URIRef("http://x/p"), Literal(i)))
    return g


@pytest.mark.parametrize("sparql", [
    "SELECT * WHERE { SERVICE <{url}/sparql> { ?s ?p ?o } }",
    "select * where { ?s ?p ?o . service silent <{url}/sparql> { ?s ?q ?r } }",
    "SELECT * WHERE { ?s ?p ?o SERVICE ?where { ?a ?b ?c } VALUES ?where { <{url}/sparql> } }",
])  # fmt: skip
def test_service_is_refused(graph: Graph, listener: tuple[str, list[int]], sparql: str) -> None:
    url, hits = listener
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        run_query(graph, sparql.replace("{url}", url))
    assert hits == []


def test_from_is_refused(graph: Graph, listener: tuple[str, list[int]]) -> None:
    url, hits = listener
    for sparql in (f"SELECT * FROM <{url}/g> WHERE {{ ?s ?p ?o }}", f"SELECT * FROM NAMED <{url}/g> WHERE {{ ?s ?p ?o }}"):
        with pytest.raises(QueryError, match="FROM and FROM NAMED are not allowed"):
            run_query(graph, sparql)
    assert hits == []


def test_keywords_inside_strings_iris_and_names_are_no_keywords() -> None:
    check_query('SELECT ?service ?from WHERE { ?s <http://x/service> "SERVICE <http://y>" . ?s ex:from ?from } # FROM <x>')


def test_any_connection_inside_offline_is_refused(listener: tuple[str, list[int]]) -> None:
    url, hits = listener
    host, port = url.removeprefix("http://").split(":")
    with pytest.raises(QueryError, match="tried to reach the network"), offline("a test"):
        socket.create_connection((host, int(port)), timeout=2)
    assert hits == []
    socket.create_connection((host, int(port)), timeout=2).close()  # outside the block nothing is refused
    deadline = time.monotonic() + 2
    while not hits and time.monotonic() < deadline:
        time.sleep(0.01)
    assert hits == [1]


def test_cartesian_query_stops_at_the_time_limit(graph: Graph) -> None:
    sparql = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"query stopped after 0.5 s \(the time limit; --timeout raises it\)"):
        run_query(graph, sparql, limits=Limits(query_seconds=0.5))
    assert time.monotonic() - started < 5


def test_watchdog_lets_quick_work_through() -> None:
    with watchdog(Limits(query_seconds=5)):
        total = sum(range(1000))
    time.sleep(0.2)  # a late alarm would surface here
    assert total == 499500


def test_rows_are_capped(graph: Graph) -> None:
    result = run_query(graph, "SELECT ?s WHERE { ?s ?p ?o }", limits=Limits(max_rows=7))
    assert len(result.rows) == 7 and result.truncated
    result = run_query(graph, "SELECT ?s WHERE { ?s ?p ?o }", limits=Limits(max_rows=60))
    assert len(result.rows) == 60 and not result.truncated
    assert first_rows(iter(range(10**12)), 3) == ([0, 1, 2], True)  # never reads past the limit


def test_query_cli_limits(tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    path.write_text("".join(f"<http://x/{i}> <http://x/p> {i} .\n" for i in range(40)), encoding="utf-8")
    # five-fold: 100 million rows, more than any engine counts in half a second (Oxigraph counts four-fold in 0.3 s)
    cartesian = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"
    result = CliRunner().invoke(main, ["query", "-", "-g", str(path), "--timeout", "0.5"], input=cartesian)
    assert (result.exit_code, result.output) == (1, "Error: query stopped after 0.5 s (the time limit; --timeout raises it)\n")
    result = CliRunner().invoke(main, ["query", "-", "-g", str(path), "--max-rows", "5", "-f", "csv"],
                                input="SELECT ?s WHERE { ?s ?p ?o }")  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 6
    assert result.stderr == "note: showing the first 5 rows; --max-rows raises the limit\n"


@pytest.mark.parametrize("context", ['"{url}/context.jsonld"', '["{url}/c.jsonld", {{"x": "http://x/"}}]',
                                     '{{"@import": "{url}/c.jsonld"}}'])  # fmt: skip
def test_remote_jsonld_context_is_never_fetched(tmp_path: Path, listener: tuple[str, list[int]], context: str) -> None:
    url, hits = listener
    path = tmp_path / "g.jsonld"
    path.write_text('{"@context": ' + context.format(url=url) + ', "@id": "http://x/a", "http://x/p": "v"}', encoding="utf-8")
    with pytest.raises(GraphError, match=r"names the remote JSON-LD context .*; kgraph never fetches one"):
        load_graph(path)
    assert hits == []


def test_nested_remote_context_is_found() -> None:
    with pytest.raises(GraphError, match="remote JSON-LD context 'http://h/c'"):
        check_local_jsonld('{"@graph": [{"@id": "http://x/a", "http://x/p": {"@context": "http://h/c"}}]}', "g.jsonld")
    check_local_jsonld('{"@context": {"x": "http://x/"}, "@id": "http://x/a"}', "g.jsonld")


def test_xml_external_entity_is_not_fetched(tmp_path: Path, listener: tuple[str, list[int]]) -> None:
    url, hits = listener
    path = tmp_path / "g.rdf"
    path.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY ext SYSTEM "{url}/entity"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://x/">
  <rdf:Description rdf:about="http://x/a"><ex:p>&ext;</ex:p></rdf:Description>
</rdf:RDF>""", encoding="utf-8")  # fmt: skip
    with contextlib.suppress(GraphError):  # refusing is as good as ignoring it
        load_graph(path)
    time.sleep(0.2)
    assert hits == []


def test_n_triples_with_a_huge_literal_loads_in_linear_time(tmp_path: Path) -> None:
    path = tmp_path / "big.nt"
    path.write_text('<http://x/a> <http://x/p> "' + "x" * 3_000_000 + '" .\n_:b <http://x/p> "y"@zh .\n', encoding="utf-8")
    started = time.monotonic()
    graph = load_graph(path)
    assert len(graph) == 2 and time.monotonic() - started < 20  # rdflib's own N-Triples parser: minutes
