"""The on-disk Oxigraph store: written by build beside graph.ttl, used when it matches the file,
never stale, never reaching the network; queries sorted in Python as Oxigraph would sort them."""

from __future__ import annotations

import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from kgraph.cli import main
from kgraph.errors import GraphError, QueryError
from kgraph.graph import canonical
from kgraph.graph import query as q
from kgraph.graph.namespace import PREFIXES, RDF
from kgraph.graph.provenance import DATASET
from kgraph.graph.store import PREFIX_IRIS, GraphStore, open_graph, write_store

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples" / "articles"
PARAMS = {
    "in-district": {"district": "湖州市安吉县"},
    "post-holders": {"title": "省委书记", "region": "浙江省", "date": "2024-12-31"},
    "career": {"name": "周启明"},
    "in-region": {"region": "浙江省"},
    "mentions": {"name": "周启明"},
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("store") / "out"
    result = CliRunner().invoke(main, ["build", str(SAMPLES), "-o", str(out), "-q", "--no-html", "--no-validate"])
    assert result.exit_code == 0, result.output
    return out


def test_prefixes_are_the_namespace_prefixes() -> None:
    assert {prefix: str(ns) for prefix, ns in PREFIXES.items()} == PREFIX_IRIS == canonical.PREFIXES
    assert str(DATASET) == canonical.DATASET_IRI and str(RDF.type) == canonical.TYPE


def test_build_writes_the_store_beside_the_turtle(built: Path) -> None:
    assert (built / "store" / "db").is_dir()
    graph = open_graph(built / "graph.ttl")
    assert graph.origin.startswith("store ") and graph.origin.endswith("/store")
    turtle = Graph().parse(built / "graph.ttl", format="turtle")
    assert len(graph) == len(turtle)
    assert isomorphic(graph.to_rdflib(), turtle)


def test_the_output_folder_and_the_store_folder_open_too(built: Path) -> None:
    assert len(open_graph(built)) == len(open_graph(built / "store")) == len(open_graph(built / "graph.ttl"))


def test_a_second_build_gives_the_same_turtle_and_replaces_the_store(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "again"
    for _ in range(2):
        assert CliRunner().invoke(main, ["build", str(SAMPLES), "-o", str(out), "-q", "--no-html", "--no-validate"]).exit_code == 0
    assert (out / "graph.ttl").read_bytes() == (built / "graph.ttl").read_bytes()
    assert sorted(p.name for p in out.iterdir()) == [".kgraph", "aliases.csv", "graph.ttl", "store"]
    assert open_graph(out / "graph.ttl").origin.startswith("store ")


def test_an_edited_turtle_file_is_read_instead_of_the_stale_store(built: Path, tmp_path: Path) -> None:
    copy = tmp_path / "out"
    copy.mkdir()
    (copy / "graph.ttl").write_bytes((built / "graph.ttl").read_bytes())
    write_store(copy / "graph.ttl")
    assert open_graph(copy / "graph.ttl").origin.startswith("store")
    os.utime(copy / "graph.ttl", ns=(1, 1))  # touched, same bytes: still the store
    assert open_graph(copy / "graph.ttl").origin.startswith("store")
    with (copy / "graph.ttl").open("a", encoding="utf-8") as handle:
        handle.write('\n<https://w3id.org/kgraph/id/company/新公司> a kg:Company ; rdfs:label "新公司"@zh .\n')
    graph = open_graph(copy / "graph.ttl")
    assert graph.origin == f"file {copy / 'graph.ttl'}"
    assert ("新公司", "") in q.run_query(graph, q.resolve_query("companies", None)).rows


def test_a_graph_file_without_a_store_is_loaded_in_memory(tmp_path: Path) -> None:
    path = tmp_path / "g.nt"
    path.write_text('<http://ex/a> <http://www.w3.org/2000/01/rdf-schema#label> "甲"@zh .\n', encoding="utf-8")
    graph = open_graph(path)
    assert graph.origin == f"file {path}" and len(graph) == 1


@pytest.mark.parametrize(("content", "message"), [(None, "does not exist; run `kgraph build`"), ("<a> <b", "cannot parse graph file")])
def test_missing_or_broken_graph_file(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "graph.ttl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(GraphError, match=message):
        open_graph(path)


@pytest.mark.parametrize("name", [name for name, _ in q.list_queries()])
def test_python_sort_equals_oxigraphs_own(built: Path, name: str) -> None:
    """The final ORDER BY done in Python gives the rows Oxigraph's ORDER BY gives."""
    graph = open_graph(built / "graph.ttl")
    text = q.bind_parameters(q.resolve_query(name, None), PARAMS.get(name, {}))
    assert q._split_order(text) is not None, "the bundled queries' ORDER BY keys are all plain"
    ours = q.run_query(graph, text)
    theirs = q._to_result(graph.query(text), 10_000)
    assert ours == theirs
    assert ours.rows, f"{name} gives rows on the samples, so the comparison means something"


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("ORDER BY DESC(?n) ?name", [("b", "2"), ("a", "1"), ("c", "1")]),
        ("ORDER BY ?n DESC(STR(?name))", [("c", "1"), ("a", "1"), ("b", "2")]),
        ('ORDER BY COALESCE(STR(?name), "") ASC(?n)', [("a", "1"), ("b", "2"), ("c", "1")]),
    ],
)
def test_python_sort_handles_directions_and_numbers(clause: str, expected: list[tuple[str, str]]) -> None:
    store = ox.Store()
    for name, n in (("c", 1), ("a", 1), ("b", 2)):
        store.add(ox.Quad(ox.NamedNode(f"http://ex/{name}"), ox.NamedNode("http://ex/n"), ox.Literal(str(n), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))))
    graph = GraphStore(store, "test")
    text = f"SELECT ?name ?n WHERE {{ ?s <http://ex/n> ?n BIND (STRAFTER(STR(?s), 'ex/') AS ?name) }} {clause}"
    assert q._split_order(text) is not None
    assert list(q.run_query(graph, text).rows) == expected == list(q._to_result(graph.query(text), 10_000).rows)


class _Counter(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:
        type(self).hits += 1
        self.send_response(200)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[tuple[str, type[_Counter]]]:
    """A loopback HTTP server that counts requests: a SERVICE query must not reach it."""
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", _Counter
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("form", ["SERVICE <{url}> {{ ?s ?p ?o }}", "service   <{url}>{{?s ?p ?o}}", "SERVICE SILENT <{url}> {{ ?s ?p ?o }}"])
def test_service_is_refused_without_touching_the_network(built: Path, listener: tuple[str, type[_Counter]], form: str) -> None:
    url, counter = listener
    sparql = "SELECT * WHERE { ?a ?b ?c . " + form.format(url=url) + " }"
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        q.run_query(open_graph(built / "graph.ttl"), sparql)
    assert counter.hits == 0


def test_service_inside_a_string_or_comment_is_no_service(built: Path) -> None:
    sparql = 'SELECT ?x WHERE { BIND ("SERVICE <http://x/>" AS ?x) } # SERVICE <http://y/>\n'
    assert q.run_query(open_graph(built / "graph.ttl"), sparql).rows == (("SERVICE <http://x/>",),)


@pytest.mark.parametrize("command", [["stats"], ["explain", "周启明"], ["path", "周启明", "湖州市安吉县"], ["validate"]])
def test_commands_read_the_store(built: Path, command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "-g", str(built / "graph.ttl")])
    assert result.exit_code == 0, result.output
