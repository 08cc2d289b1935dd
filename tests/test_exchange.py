"""Exports for other tools: GraphML and GEXF read back by networkx, the CSVs loaded into SQLite,
with the node and edge counts of `kgraph stats`; CONSTRUCT answers as Turtle."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner, Result
from rdflib import Graph

from kgraph.cli import main
from kgraph.graph.namespace import KG, RDF
from kgraph.views.exchange import EDGE_COLUMNS, NODE_COLUMNS

REPO = Path(__file__).resolve().parents[1]


def run(*args: object, input: str | None = None) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exchange")
    result = run("build", REPO / "samples" / "articles", "-o", out, "-q", "--no-html", "--no-validate")
    assert result.exit_code == 0, result.output
    return out / "graph.ttl"


@pytest.fixture(scope="module")
def counts(graph_file: Path) -> tuple[int, int]:
    figures = json.loads(run("stats", "-g", graph_file, "-f", "json").stdout)
    return figures["nodes"], figures["edges"]


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("GEXF", nx.read_gexf)])
def test_graphml_and_gexf_open_in_networkx_with_the_stats_counts(graph_file: Path, counts: tuple[int, int],
                                                                 fmt: str, read: object, tmp_path: Path) -> None:  # fmt: skip
    target = tmp_path / f"entities.{fmt.lower()}"
    result = run("export", "-g", graph_file, "-f", fmt, "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {target}\n"
    back = read(target)  # type: ignore[operator]
    assert (back.number_of_nodes(), back.number_of_edges()) == counts
    labels = {d["label"] for _, d in back.nodes(data=True)}
    assert {"周启明", "湖州市安吉县", "浙江东衡新材料集团"} <= labels


def test_export_default_file_is_beside_the_graph(graph_file: Path) -> None:
    result = run("export", "-g", graph_file, "-f", "graphml")
    assert result.exit_code == 0 and result.stdout == f"wrote {graph_file.with_suffix('.graphml')}\n"


def test_csv_has_neo4j_headers_and_loads_into_sqlite_with_the_stats_counts(graph_file: Path, counts: tuple[int, int],
                                                                           tmp_path: Path) -> None:  # fmt: skip
    result = run("export", "-g", graph_file, "-f", "csv", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {tmp_path / 'nodes.csv'}\nwrote {tmp_path / 'edges.csv'}\n"
    db = sqlite3.connect(":memory:")
    for table, columns in (("nodes", NODE_COLUMNS), ("edges", EDGE_COLUMNS)):
        with (tmp_path / f"{table}.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert tuple(rows[0]) == columns
        names = ", ".join(f'"{c}"' for c in columns)
        db.execute(f"CREATE TABLE {table} ({names})")
        db.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})", rows[1:])
    assert db.execute("SELECT COUNT(*) FROM nodes").fetchone()[0] == counts[0]
    assert db.execute("SELECT COUNT(*) FROM edges").fetchone()[0] == counts[1]
    # every relation's ends are nodes, as neo4j-admin import requires
    dangling = 'SELECT COUNT(*) FROM edges WHERE ":START_ID" NOT IN (SELECT "id:ID" FROM nodes) OR ":END_ID" NOT IN (SELECT "id:ID" FROM nodes)'
    assert db.execute(dangling).fetchone()[0] == 0
    row = db.execute("""SELECT ":LABEL", "admin_code" FROM nodes WHERE name = '湖州市安吉县'""").fetchone()
    assert row == ("District", "330523")
    holds = db.execute("""SELECT COUNT(*) FROM edges WHERE ":TYPE" = 'HOLDS_POST'""").fetchone()[0]
    assert holds == 20


def test_unknown_export_format_is_a_usage_error(graph_file: Path) -> None:
    result = run("export", "-g", graph_file, "-f", "xlsx")
    assert result.exit_code == 2
    assert "'xlsx' is not one of 'trig', 'jsonld', 'turtle', 'graphml', 'gexf', 'csv'" in result.stderr


def test_construct_prints_turtle(graph_file: Path) -> None:
    sparql = "CONSTRUCT { ?o a kg:Official } WHERE { ?o kg:holdsPost ?p }"
    result = run("query", "-", "-g", graph_file, input=sparql)
    assert result.exit_code == 0, result.output
    answer = Graph().parse(data=result.stdout, format="turtle")
    assert len(answer) == 15 and set(answer.objects(None, RDF.type)) == {KG.Official}
    as_rows = json.loads(run("query", "-", "-g", graph_file, "-f", "json", input=sparql).stdout)
    assert len(as_rows) == 15 and set(as_rows[0]) == {"subject", "predicate", "object"}
