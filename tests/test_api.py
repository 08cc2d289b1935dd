"""The Python API (kgraph.build / kgraph.open → Graph) on the bundled samples.

The facts expected below were read off samples/articles/* by a person (as in test_cli.py).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from pyvis.network import Network

import kgraph
from kgraph import api
from kgraph.errors import DependencyError, GraphError, InputError, QueryError

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples" / "articles"


@pytest.fixture(scope="module")
def g() -> kgraph.Graph:
    return kgraph.build([SAMPLES])


def test_the_facade_is_exported() -> None:
    assert kgraph.build is api.build and kgraph.open is api.open and kgraph.Graph is api.Graph
    with pytest.raises(AttributeError):
        kgraph.no_such_name  # noqa: B018


def test_done_when_command_runs_as_written(tmp_path: Path) -> None:
    """The issue's acceptance command, verbatim but for the /tmp paths, from the repository root."""
    code = (
        "import kgraph; g = kgraph.build(['samples/articles']); print(g.query('officials')[:3]); "
        f"import networkx as nx; nx.write_graphml(g.to_networkx(), '{tmp_path}/x.graphml'); "
        f"nx.write_gexf(g.to_networkx(), '{tmp_path}/x.gexf'); g.to_pyvis().write_html('{tmp_path}/p.html')"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("[{'name': ")
    assert {p.name for p in tmp_path.iterdir()} == {"x.graphml", "x.gexf", "p.html"}
    assert not (REPO / "lib").exists()  # stock pyvis would have copied its lib/ folder here


def test_query_gives_dicts_and_takes_parameters_by_keyword(g: kgraph.Graph) -> None:
    officials = g.query("officials")
    assert {"name": "周启明", "title": "省委书记", "region": "浙江省"}.items() <= officials[0].items() or any(
        {"name": "周启明", "title": "省委书记", "region": "浙江省"}.items() <= row.items() for row in officials
    )
    rows = g.query("in-district", district="湖州市安吉县")
    assert ("official", "沈立新", "县委书记") in {(r["relation"], r["name"], r["detail"]) for r in rows}
    count = g.query("SELECT (COUNT(?o) AS ?n) WHERE { ?o a kg:Official }")
    assert count == [{"n": "15"}]


def test_an_organ_short_name_is_accepted_in_query_parameters(g: kgraph.Graph) -> None:
    rows = g.query("post-holders", title="总理", region="国务院", date="2025-01-01")
    assert [r["holder"] for r in rows] == ["王振华"]


def test_to_dataframe(g: kgraph.Graph) -> None:
    frame = g.to_dataframe("companies")
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["name", "district"]
    assert len(frame) == len(g.query("companies"))


def test_to_dataframe_without_pandas_is_a_one_line_error(g: kgraph.Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(DependencyError, match=r"pip install"):
        g.to_dataframe("companies")


def test_career(g: kgraph.Graph) -> None:
    steps = g.career("沈立新")
    assert {(s.title, s.region) for s in steps} == {("县委书记", "湖州市安吉县"), ("市委常委", "湖州市")}
    assert all(s.first == s.last == "2024-05-16" and s.articles == 1 and s.status == "current" for s in steps)


def test_career_of_a_non_official_or_unknown_name_is_an_error(g: kgraph.Graph) -> None:
    with pytest.raises(QueryError, match=r"'湖州市' is no official \(it is a district\)"):
        g.career("湖州市")
    with pytest.raises(QueryError, match=r"no entity is called '无名氏'"):
        g.career("无名氏")


def test_in_region_is_transitive(g: kgraph.Graph) -> None:
    rows = {(r["type"], r["name"]) for r in g.in_region("浙江省")}
    assert {
        ("district", "湖州市安吉县"),  # two levels down
        ("official", "沈立新"),  # a county post
        ("official", "周启明"),  # the province's own post
        ("company", "浙江东衡新材料集团"),  # in 安吉县
        ("company", "杭州启衡智算科技有限公司"),  # in 余杭区
    } <= rows
    assert not any(name == "王振华" for _, name in rows)  # a national post is not in a province
    assert g.in_region("湖州市安吉县")  # its company and official
    with pytest.raises(QueryError, match="no entity is called"):
        g.in_region("无名县")


def test_mentions_and_explain(g: kgraph.Graph) -> None:
    [article] = g.mentions("周启明")
    assert article["id"].startswith("hangzhou-keji-") and article["date"] == "2024-05-16T18:42:07"
    facts = g.explain("国务院")  # the organ's usual short name finds 中华人民共和国国务院
    assert [(f.subject, f.obj) for f in facts] == [("王振华", "总理（中华人民共和国国务院）")]


def test_stats_and_path(g: kgraph.Graph) -> None:
    figures = g.stats(top=3)
    assert (figures.nodes, figures.edges) == (67, 58)
    assert [step.obj for step in g.path("周启明", "湖州市安吉县")] == ["浙江省", "浙江省", "湖州市"]


def test_to_networkx_has_plain_attributes_that_graphml_and_gexf_keep(g: kgraph.Graph, tmp_path: Path) -> None:
    entities = g.to_networkx()
    stats = g.stats()
    assert (entities.number_of_nodes(), entities.number_of_edges()) == (stats.nodes, stats.edges)
    values = [v for _, d in entities.nodes(data=True) for v in d.values()]
    values += [v for _, _, d in entities.edges(data=True) for v in d.values()]
    assert {type(v) for v in values} <= {str, int}
    nx.write_graphml(entities, tmp_path / "x.graphml")
    nx.write_gexf(entities, tmp_path / "x.gexf")
    for back in (nx.read_graphml(tmp_path / "x.graphml"), nx.read_gexf(tmp_path / "x.gexf")):
        assert (back.number_of_nodes(), back.number_of_edges()) == (stats.nodes, stats.edges)
    zhou = next(d for _, d in entities.nodes(data=True) if d["label"] == "周启明")
    assert (zhou["type"], zhou["type_zh"], zhou["color"], zhou["shape"]) == ("official", "官员", "#e15759", "dot")


def test_pyvis_from_nx_accepts_the_plain_graph(g: kgraph.Graph) -> None:
    net = Network(directed=True)
    net.from_nx(g.to_networkx())
    assert net.num_nodes() == 67


def test_to_pyvis_is_a_styled_pyvis_network(g: kgraph.Graph, tmp_path: Path) -> None:
    net = g.to_pyvis()
    assert isinstance(net, Network)
    assert net.num_nodes() == 67 and net.num_edges() == 58
    zhou = next(n for n in net.nodes if n["label"] == "周启明")
    assert (zhou["color"], zhou["shape"]) == ("#e15759", "dot")
    assert zhou["title"].splitlines()[:2] == ["周启明（官员）", "职务：省委书记（浙江省）"]
    assert "「省委书记周启明出席会议并讲话，副省长何嘉怡主持会议。」" in zhou["title"]
    assert [entry["key"] for entry in net.legend] == ["official", "person", "district", "company", "lab", "organ", "zone"]
    assert net.legend[0] == {"key": "official", "label": "官员", "color": "#e15759", "shape": "dot", "count": 15}
    small = g.to_pyvis(focus="周启明", hops=1, height="400px")
    assert {n["label"] for n in small.nodes} == {"周启明", "浙江省"} and small.height == "400px"


def test_pyvis_page_is_utf8_self_contained_and_writes_nothing_else(g: kgraph.Graph, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "C")
    net = g.to_pyvis(types="official")
    net.write_html("p.html")
    assert [p.name for p in tmp_path.iterdir()] == ["p.html"]
    page = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "周启明" in page and "bootstrap" not in page.lower()
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert "<script src=" not in page and "<link" not in page
    assert "iframe srcdoc=" in net._repr_html_()


def test_show_writes_the_page_and_prints_nothing(g: kgraph.Graph, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    frame = g.to_pyvis(top=5).show(str(tmp_path / "s.html"), notebook=True)
    assert (tmp_path / "s.html").exists() and frame.src == str(tmp_path / "s.html")
    assert capsys.readouterr() == ("", "")


def test_save_then_open_round_trips(g: kgraph.Graph, tmp_path: Path) -> None:
    written = g.save(tmp_path / "out")
    assert [p.name for p in written] == ["graph.ttl", "store", "aliases.csv", "graph.html"]
    again = kgraph.open(tmp_path / "out")
    assert len(again) == len(g) and again.query("officials") == g.query("officials")
    assert len(kgraph.open(tmp_path / "out" / "graph.ttl")) == len(g)


def test_open_and_build_errors_are_kgraph_errors(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match="does not exist"):
        kgraph.open(tmp_path / "nothing")
    with pytest.raises(InputError, match="no articles could be read"):
        kgraph.build([tmp_path / "missing.txt"])


def test_the_example_script_runs(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(REPO / "examples" / "notebook_tour.py"), str(tmp_path)],
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "周启明's posts:\n  省委书记 (浙江省) 2024-05-16 – 2024-05-16, 1 article(s)" in done.stdout
    for name in ("entities.graphml", "entities.gexf", "nodes.csv", "edges.csv", "zhou.html", "graph/graph.ttl"):
        assert (tmp_path / name).is_file(), name


def test_the_example_script_runs_without_pandas(tmp_path: Path) -> None:
    """pandas is an optional extra: the tour says what it skipped and goes on."""
    script = REPO / "examples" / "notebook_tour.py"
    no_pandas = f"import sys, runpy; sys.modules['pandas'] = None; sys.argv = ['tour', {str(tmp_path)!r}]; runpy.run_path({str(script)!r}, run_name='__main__')"
    done = subprocess.run([sys.executable, "-c", no_pandas], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "skipped the DataFrame" in done.stdout and (tmp_path / "zhou.html").is_file()


def test_explain_names_the_entities_whose_names_hold_an_unknown_name(g: kgraph.Graph) -> None:
    with pytest.raises(QueryError, match=r"^no entity is called '启明'; names containing it: 周启明; `kgraph stats`"):
        g.explain("启明")
