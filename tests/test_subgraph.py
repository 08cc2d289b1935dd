"""Cutting a readable subgraph for the page: focus and hops, types, degree, top, and the default cut.

The small graph is test_viz.build_graph; its neighbourhoods were worked out by hand:
王明 —浙江省, 宁波市; 宁波市 — 浙江省, 镇海区, the lab, the zone; 镇海区 — 睿钻科技, the
hostile company, the lab. The big one is test_viz.synthetic_graph (2,000 entities).
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph

from kgraph.cli import main
from kgraph.errors import InputError, QueryError
from kgraph.pipeline import build
from kgraph.views import subgraph
from kgraph.views.network import to_networkx
from kgraph.views.page import build_page
from kgraph.views.subgraph import Selection, parse_types, select
from test_viz import HOSTILE_NAME, build_graph, embedded_data, synthetic_graph

LAB = "中国科学院上海硅酸盐研究所"
ZONE = "宁波国家高新区"
EVERYONE = {"曹启明", "王明", "王毅", "张三", "浙江省", "宁波市", "镇海区", "睿钻科技", HOSTILE_NAME, LAB, "外交部", ZONE}


@pytest.fixture(scope="module")
def g() -> nx.MultiDiGraph:
    return to_networkx(build_graph())


@pytest.fixture(scope="module")
def big() -> Graph:
    return synthetic_graph(2000)


def labels(g: nx.MultiDiGraph, cut: subgraph.Cut) -> set[str]:
    return {g.nodes[n]["label"] for n in cut.nodes}


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (Selection(), EVERYONE),
        (Selection(focus="王明", hops=0), {"王明"}),
        (Selection(focus="王明", hops=1), {"王明", "浙江省", "宁波市"}),
        (Selection(focus="王明"), {"王明", "浙江省", "宁波市", "曹启明", "镇海区", LAB, ZONE}),
        (Selection(focus="王明同志", hops=1), {"王明", "浙江省", "宁波市"}),  # an alias
        (Selection(focus="王明", types=("district",)), {"王明", "浙江省", "宁波市", "镇海区"}),  # focus survives
        (Selection(types=("official,organ",)), {"曹启明", "王明", "王毅", "外交部"}),
        (Selection(types=("官员、机关",)), {"曹启明", "王明", "王毅", "外交部"}),
        (Selection(types=("zone", "lab")), {LAB, ZONE}),
        (Selection(min_degree=3), {"浙江省", "宁波市", "镇海区", LAB}),
        (Selection(top=2), {"宁波市", "镇海区"}),
        (Selection(top=50), EVERYONE),
        (Selection(focus="张三", min_degree=3), {"张三"}),
        (Selection(types=("district",), top=1, min_degree=1), {"宁波市"}),
    ],
    ids=["all", "hops-0", "hops-1", "hops-2", "alias", "focus+types", "types", "types-zh", "types-two",
         "min-degree", "top", "top-more-than-all", "focus-isolated", "combined"],
)  # fmt: skip
def test_select(g: nx.MultiDiGraph, selection: Selection, expected: set[str]) -> None:
    assert labels(g, select(g, selection)) == expected


def test_top_ranks_by_degree_then_stated_relations_then_mentions() -> None:
    g = nx.MultiDiGraph()
    for node, mentions in [("a", 1), ("b", 9), ("c", 1), ("d", 5), ("e", 0)]:
        g.add_node(node, label=node, type="district", aliases=(), mentions=mentions)
    g.add_edge("a", "c", kind="locatedIn")  # a and c: one relation stated in an article
    g.add_edge("b", "d", kind="partOf")  # b and d: one from the division table
    assert subgraph.rank(g, set(g)) == ["a", "c", "b", "d", "e"]
    assert subgraph.rank(g, set(g), first={"e"})[0] == "e"


def test_cut_counts_and_messages(g: nx.MultiDiGraph) -> None:
    cut = select(g, Selection(focus="王明"))
    assert (len(cut.nodes), cut.shown_edges, cut.total_nodes, cut.total_edges, cut.left_out) == (7, 8, 12, 12, (5, 4))
    assert cut.summary() == "showing 7 of 12 entities and 8 of 12 relations: within 2 hops of 王明; left out 5 entities, 4 relations"
    assert cut.note_zh() == "「王明」周围 2 步以内。未显示 5 个实体、4 条关系"
    nothing_cut = select(g, Selection(top=50))
    assert (nothing_cut.summary(), nothing_cut.note_zh(), nothing_cut.rules) == ("", "", ())


def test_default_cut_of_a_big_graph(big: Graph) -> None:
    g = to_networkx(big)
    assert g.number_of_nodes() == 2000
    cut = select(g)
    assert cut.default and len(cut.nodes) == subgraph.DEFAULT_TOP == 1000
    left, kept = set(g) - cut.nodes, cut.nodes
    assert min(g.degree(n) for n in kept) >= max(g.degree(n) for n in left)
    nodes, edges = cut.left_out
    assert nodes == 1000 and edges == g.number_of_edges() - cut.shown_edges > 0
    assert cut.summary() == (
        f"showing 1000 of 2000 entities and {cut.shown_edges} of {g.number_of_edges()} relations: the 1000 most "
        f"connected (default for graphs of more than 1500 entities; --all draws everything); left out 1000 entities, "
        f"{edges} relations"
    )
    assert cut.note_zh() == f"连接最多的 1000 个实体（超过 1500 个实体时的默认视图，kgraph viz --all 显示全部）。未显示 1000 个实体、{edges} 条关系"
    assert len(select(g, Selection(everything=True)).nodes) == 2000
    assert not select(g, Selection(top=1200)).default
    assert len(select(g, Selection(types=("official",))).nodes) == 300  # few enough: no default cut


@pytest.mark.parametrize(("limit", "cut_to"), [(12, 12), (11, 5)])
def test_default_cut_starts_above_the_limit(g: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch, limit: int, cut_to: int) -> None:
    monkeypatch.setattr(subgraph, "DEFAULT_LIMIT", limit)
    monkeypatch.setattr(subgraph, "DEFAULT_TOP", 5)
    assert len(select(g).nodes) == cut_to


def test_unknown_type_and_name(g: nx.MultiDiGraph) -> None:
    with pytest.raises(InputError) as caught:
        parse_types(["official,bank"])
    assert str(caught.value) == (
        "unknown entity type 'bank'; valid types: official (官员), person (人物), district (行政区), company (企业), "
        "lab (科研机构), organ (机关), zone (园区), place (未定地名)"
    )
    with pytest.raises(QueryError, match=r"^no entity is called '李四'; `kgraph stats`"):
        select(g, Selection(focus="李四"))


def test_page_header_says_what_was_left_out(g: nx.MultiDiGraph) -> None:
    page = build_page(build_graph(), "图", Selection(focus="王明", hops=1))
    assert '<span id="kg-note">「王明」周围 1 步以内。未显示 9 个实体、9 条关系</span>' in page.html
    assert {n["label"] for n in embedded_data(page.html)["nodes"]} == {"王明", "浙江省", "宁波市"}
    assert '<span id="kg-note"></span>' in build_page(build_graph()).html


# ---------------------------------------------------------------- CLI and build


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def small_ttl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sub") / "graph.ttl"
    build_graph().serialize(path, format="turtle")
    return path


def test_cli_viz_focus(small_ttl: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    result = run("viz", "-g", small_ttl, "-o", page, "--focus", "王明", "--hops", "1", "--types", "official,district")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"wrote {page} (3 nodes, 3 edges)\n"
        "showing 3 of 12 entities and 3 of 12 relations: within 1 hop of 王明; types official, district; "
        "left out 9 entities, 9 relations\n"
    )


def test_cli_viz_default_cut_of_a_big_graph(big: Graph, tmp_path: Path) -> None:
    ttl, page = tmp_path / "big.ttl", tmp_path / "big.html"
    big.serialize(ttl, format="turtle")
    result = run("viz", "-g", ttl, "-o", page)
    assert result.exit_code == 0, result.output
    wrote, summary = result.stdout.splitlines()
    assert re.fullmatch(rf"wrote {re.escape(str(page))} \(1000 nodes, \d+ edges\)", wrote)
    assert summary.startswith("showing 1000 of 2000 entities") and "--all draws everything" in summary
    assert "未显示 1000 个实体" in page.read_text(encoding="utf-8")
    everything = run("viz", "-g", ttl, "-o", page, "--all", "--min-degree", "1")
    assert everything.exit_code == 0, everything.output
    assert len(everything.stdout.splitlines()) == 2 and "at least 1 relations" in everything.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--hops", "3"], 2, "Error: --hops needs --focus NAME\n"),
        (["--focus", "李四"], 1, "Error: no entity is called '李四'; `kgraph stats` lists the most connected entities; "
                                 "`kgraph query officials` (or districts, companies, labs) lists every name\n"),
        (["--types", "bank"], 1, "Error: unknown entity type 'bank'; valid types: official (官员), person (人物), "
                                 "district (行政区), company (企业), lab (科研机构), organ (机关), zone (园区), place (未定地名)\n"),
        (["--top", "0"], 2, None),
    ],
    ids=["hops-without-focus", "unknown-focus", "unknown-type", "bad-top"],
)  # fmt: skip
def test_cli_viz_errors(small_ttl: Path, tmp_path: Path, args: list[str], code: int, message: str | None) -> None:
    page = tmp_path / "page.html"
    result = run("viz", "-g", small_ttl, "-o", page, *args)
    assert result.exit_code == code
    if message is not None:
        assert result.stderr.endswith(message) and result.stderr.count("Error") == 1
    assert not page.exists()


def test_build_uses_the_default_cut(samples_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(subgraph, "DEFAULT_LIMIT", 20)
    monkeypatch.setattr(subgraph, "DEFAULT_TOP", 10)
    report = build([str(samples_dir)], tmp_path, validate=False)
    assert len(report.notes) == 1
    assert re.fullmatch(r"graph\.html: showing 10 of \d+ entities and \d+ of \d+ relations: the 10 most connected "
                        r"\(default for graphs of more than 20 entities; --all draws everything\); left out \d+ entities, "
                        r"\d+ relations", report.notes[0])  # fmt: skip
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert len(embedded_data(page)["nodes"]) == 10
    assert "连接最多的 10 个实体（超过 20 个实体时的默认视图" in page
