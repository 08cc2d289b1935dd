"""``kgraph push`` into a real Oxigraph server (the ``oxigraph`` package's binary), started on
loopback for these tests and stopped after them. The tests fail, never skip, without it."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.graph.push import GRAPH_BASE
from kgraph.graph.store import open_graph

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples" / "articles"
HINT = "install the test extras (pip install -e '.[test]'), which bring the oxigraph server"


def _oxigraph() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(found).is_file():
        pytest.fail(f"the oxigraph server binary is missing: {HINT}", pytrace=False)
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph server on 127.0.0.1 with an on-disk store; yields its base URL."""
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen([_oxigraph(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the oxigraph server did not start: {process.stderr.read().decode() if process.stderr else ''}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("push") / "samples-build"
    result = CliRunner().invoke(main, ["build", str(SAMPLES), "-o", str(out), "-q", "--no-html", "--no-validate"])
    assert result.exit_code == 0, result.output
    return out


def count(base: str, where: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"
    request = urllib.request.Request(base + "/query?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/sparql-results+json"})  # fmt: skip
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(json.loads(response.read())["results"]["bindings"][0]["n"]["value"])


def push(*args: str) -> str:
    result = CliRunner().invoke(main, ["push", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_push_gives_a_store_with_the_graphs_triple_count(oxigraph: str, built: Path) -> None:
    triples = len(open_graph(built / "graph.ttl"))
    name = GRAPH_BASE + "samples-build"
    out = push(oxigraph + "/store", "-g", str(built / "graph.ttl"))
    assert out == f"pushed {triples} triples ({(built / 'graph.ttl').stat().st_size} bytes) into graph <{name}> of {oxigraph}/store (HTTP 201)\n"
    assert count(oxigraph, f"GRAPH <{name}> {{ ?s ?p ?o }}") == triples
    push(oxigraph + "/store", "-g", str(built / "graph.ttl"))  # again: the graph is replaced, not doubled
    assert count(oxigraph, f"GRAPH <{name}> {{ ?s ?p ?o }}") == triples


def test_push_into_another_named_graph_and_the_default_graph(oxigraph: str, built: Path) -> None:
    triples = len(open_graph(built / "graph.ttl"))
    push(oxigraph + "/store", "-g", str(built), "--named-graph", "urn:kgraph:test")
    assert count(oxigraph, "GRAPH <urn:kgraph:test> { ?s ?p ?o }") == triples
    push(oxigraph + "/store", "-g", str(built / "graph.ttl"), "--default-graph")
    assert count(oxigraph, "?s ?p ?o") == triples


@pytest.mark.parametrize(
    ("url", "message"),
    [("ftp://x/store", "push needs the http(s) URL of a Graph Store endpoint"),
     ("http://127.0.0.1:9/store", "cannot push to http://127.0.0.1:9/store: ")],
)  # fmt: skip
def test_push_errors_are_one_line(built: Path, url: str, message: str) -> None:
    result = CliRunner().invoke(main, ["push", url, "-g", str(built / "graph.ttl")])
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: {message}") and result.stderr.count("\n") == 1


def test_a_refusing_store_is_one_line(oxigraph: str, built: Path) -> None:
    result = CliRunner().invoke(main, ["push", oxigraph + "/nothing-here", "-g", str(built / "graph.ttl")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: the store at {oxigraph}/nothing-here refused the graph: HTTP 404")
