"""The query stage: every named query's exact rows, parameters, resolution, output formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Graph

from kgraph.errors import QueryError
from kgraph.graph.query import (
    FORMATS,
    QueryResult,
    format_result,
    list_queries,
    query_parameters,
    resolve_query,
    run_query,
)
from kgraph.graph.rdf import build_graph
from kgraph.model import Article, Entity, EntityType, Mention, Post, Predicate, Triple

D = EntityType.DISTRICT
O = EntityType.OFFICIAL  # noqa: E741

ARTICLES = (
    Article(id="a1", text="", title="宁波新闻", published="2024-04-28", source="宁波日报"),
    Article(id="a2", text="", published="2024-04-29T08:00:00"),  # no title: queries show the id
)
ENTITIES = (
    Entity("district:330000", D, "浙江省", attrs=(("code", "330000"), ("level", "province"))),
    Entity("district:330200", D, "宁波市", attrs=(("code", "330200"), ("parent", "district:330000"))),
    Entity("district:330211", D, "镇海区", attrs=(("code", "330211"), ("parent", "district:330200"))),
    Entity(
        "official:王明@330000",
        O,
        "王明",
        posts=(Post("省委常委", "浙江省", "district:330000"), Post("市委书记", "宁波市", "district:330200")),
    ),
    Entity("official:曹启明@330000", O, "曹启明", posts=(Post("省委书记", "浙江省", "district:330000"),)),
    Entity("official:李四@330000", O, "李四", posts=(Post("省委常委", "浙江省", "district:330000"),)),
    Entity("official:赵五@330000", O, "赵五", posts=(Post("副省长", "浙江省", "district:330000", former=True),)),
    Entity("official:张三@330211", O, "张三", posts=(Post("区委书记", "镇海区", "district:330211"),)),
    Entity("official:王毅@000000", O, "王毅", posts=(Post("部长", "外交部", "organ:外交部"),)),
    Entity("organ:外交部", EntityType.ORGAN, "外交部"),
    Entity("company:睿钻科技", EntityType.COMPANY, "睿钻科技"),
    Entity("company:无名公司", EntityType.COMPANY, "无名公司"),
    Entity("company:高新科技", EntityType.COMPANY, "高新科技"),
    Entity("zone:宁波高新区", EntityType.ZONE, "宁波高新区"),
    Entity("lab:上海硅酸盐所", EntityType.LAB, "上海硅酸盐所"),
    Entity("lab:明湖实验室", EntityType.LAB, "明湖实验室"),
)
TRIPLES = (
    Triple("company:睿钻科技", Predicate.LOCATED_IN, "district:330211"),
    Triple("company:睿钻科技", Predicate.INCUBATED_BY, "lab:上海硅酸盐所"),
    Triple("company:高新科技", Predicate.LOCATED_IN, "zone:宁波高新区"),
    Triple("zone:宁波高新区", Predicate.LOCATED_IN, "district:330200"),
    Triple("lab:上海硅酸盐所", Predicate.LOCATED_IN, "district:330211"),
)
MENTIONS = (
    Mention("a1", 0, 1, O, "official:王明@330000"),
    Mention("a2", 0, 1, O, "official:王明@330000"),
    Mention("a1", 0, 1, O, "official:曹启明@330000"),
    Mention("a1", 0, 1, D, "district:330211"),
    Mention("a1", 0, 1, EntityType.COMPANY, "company:睿钻科技"),
)

QUERY_NAMES = [
    "articles", "career", "companies", "districts", "governors", "in-district", "in-region", "labs", "mentions",
    "officials", "post-holders", "posts",
]  # fmt: skip


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(ARTICLES, ENTITIES, TRIPLES, MENTIONS)


def run_named(graph: Graph, name: str, **params: str) -> QueryResult:
    return run_query(graph, resolve_query(name, None), params or None)


# ------------------------------------------------------------ named queries

EXPECTED_ROWS = {
    "officials": (
        ("name", "title", "region", "former", "article"),
        [
            ("张三", "区委书记", "镇海区", "", ""),
            ("曹启明", "省委书记", "浙江省", "", "宁波新闻"),
            ("李四", "省委常委", "浙江省", "", ""),
            ("王明", "市委书记", "宁波市", "", "a2"),
            ("王明", "市委书记", "宁波市", "", "宁波新闻"),
            ("王明", "省委常委", "浙江省", "", "a2"),
            ("王明", "省委常委", "浙江省", "", "宁波新闻"),
            ("王毅", "部长", "外交部", "", ""),
            ("赵五", "副省长", "浙江省", "yes", ""),  # known only by a former post
        ],
    ),
    "districts": (
        ("name", "code", "parent"),
        [("浙江省", "330000", ""), ("宁波市", "330200", "浙江省"), ("镇海区", "330211", "宁波市")],
    ),
    "companies": (
        ("name", "district"),
        [("无名公司", ""), ("睿钻科技", "镇海区"), ("高新科技", "宁波高新区")],
    ),
    "labs": (("name", "district"), [("上海硅酸盐所", "镇海区"), ("明湖实验室", "")]),
    "governors": (
        ("company", "district", "official", "title"),
        [("睿钻科技", "镇海区", "张三", "区委书记"), ("高新科技", "宁波市", "王明", "市委书记")],
    ),
    "posts": (
        ("title", "region", "officials"),
        [
            ("部长", "外交部", "1"),
            ("市委书记", "宁波市", "1"),
            ("省委书记", "浙江省", "1"),
            ("省委常委", "浙江省", "2"),
            ("区委书记", "镇海区", "1"),
        ],
    ),
    "articles": (
        ("title", "date", "source", "entities"),
        [("宁波新闻", "2024-04-28", "宁波日报", "4"), ("a2", "2024-04-29T08:00:00", "", "1")],
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED_ROWS))
def test_named_query_rows(graph: Graph, name: str) -> None:
    columns, rows = EXPECTED_ROWS[name]
    result = run_named(graph, name)
    assert result.columns == columns
    assert list(result.rows) == rows


@pytest.mark.parametrize(
    ("district", "rows"),
    [
        (
            "镇海区",
            [
                ("article", "宁波新闻", "Article", "2024-04-28"),
                ("located", "上海硅酸盐所", "Lab", ""),
                ("located", "睿钻科技", "Company", ""),
                ("official", "张三", "Official", "区委书记"),
                ("parent", "宁波市", "District", "330200"),
            ],
        ),
        (
            "宁波市",
            [
                ("located", "宁波高新区", "Zone", ""),
                ("official", "王明", "Official", "市委书记"),
                ("parent", "浙江省", "District", "330000"),
                ("part", "镇海区", "District", "330211"),
            ],
        ),
        ("不存在区", []),
    ],
)
def test_in_district(graph: Graph, district: str, rows: list[tuple[str, ...]]) -> None:
    result = run_named(graph, "in-district", district=district)
    assert result.columns == ("relation", "name", "type", "detail")
    assert list(result.rows) == rows


def test_every_named_query_is_listed_with_a_description() -> None:
    listed = list_queries()
    assert [name for name, _ in listed] == QUERY_NAMES
    assert all(description and not description.startswith("#") for _, description in listed)


def test_results_are_the_same_whatever_the_input_order(graph: Graph) -> None:
    shuffled = build_graph(ARTICLES[::-1], ENTITIES[::-1], TRIPLES[::-1], MENTIONS[::-1])
    for name in EXPECTED_ROWS:
        assert run_named(shuffled, name) == run_named(graph, name)


# --------------------------------------------------------------- parameters

HOSTILE = '镇海区" ) } UNION { ?x ?p ?name } FILTER ("1" = "1'


def test_parameter_values_cannot_inject_sparql(graph: Graph) -> None:
    assert run_named(graph, "in-district", district=HOSTILE).rows == ()


def test_parameter_values_with_quotes_and_braces_match_literally() -> None:
    odd = '怪"区{}\\ }'
    graph = build_graph((), (Entity("district:999999", D, odd), Entity("company:甲", EntityType.COMPANY, "甲")),
                        (Triple("company:甲", Predicate.LOCATED_IN, "district:999999"),))
    assert run_named(graph, "in-district", district=odd).rows == (("located", "甲", "Company", ""),)


def test_missing_parameter_is_an_error(graph: Graph) -> None:
    with pytest.raises(QueryError, match=r"needs a value for district \(--param district=VALUE\)"):
        run_named(graph, "in-district")


def test_unknown_parameter_is_an_error(graph: Graph) -> None:
    with pytest.raises(QueryError, match=r"unknown query parameter colour; this query takes: district"):
        run_named(graph, "in-district", district="镇海区", colour="red")
    with pytest.raises(QueryError, match=r"this query takes: no parameters"):
        run_named(graph, "districts", district="镇海区")


@pytest.mark.parametrize(
    ("sparql", "names"),
    [
        ("SELECT * WHERE { ?s ?p $a . FILTER(?s = $b) }", ["a", "b"]),
        ('SELECT * WHERE { ?s ?p "$price" }  # costs $dollars', []),
        ("SELECT * WHERE { ?s <http://ex/$x> $y }", ["y"]),
        ("SELECT * WHERE { ?s ?p '''multi\n$line''' . ?s ?q $z }", ["z"]),
    ],
)
def test_query_parameters(sparql: str, names: list[str]) -> None:
    assert query_parameters(sparql) == names


# -------------------------------------------------------- resolving queries


def test_resolve_named_query() -> None:
    text = resolve_query("districts", None)
    assert text.startswith("# ") and "kg:District" in text


def test_resolve_stdin() -> None:
    assert resolve_query("-", "ASK {}") == "ASK {}"
    with pytest.raises(QueryError, match="standard input"):
        resolve_query("-", None)


def test_resolve_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text("SELECT ?s WHERE { ?s a kg:Lab }", encoding="utf-8")
    assert resolve_query(str(path), None) == "SELECT ?s WHERE { ?s a kg:Lab }"
    with pytest.raises(QueryError, match=r"cannot read query file .*missing\.rq"):
        resolve_query(str(tmp_path / "missing.rq"), None)


def test_unknown_query_name_lists_the_valid_ones() -> None:
    with pytest.raises(QueryError) as info:
        resolve_query("oficials", None)
    assert str(info.value).startswith(f"unknown query 'oficials'; valid names are: {', '.join(QUERY_NAMES)} (")


# ------------------------------------------------------------ running SPARQL


@pytest.mark.parametrize("sparql", ["SELECT ?s WHERE { ?s ?p }", "SELEKT * WHERE {}", "SELECT ?s WHERE { ?s a nope:X }"])
def test_bad_sparql_is_a_query_error(graph: Graph, sparql: str) -> None:
    with pytest.raises(QueryError, match="SPARQL") as info:
        run_query(graph, sparql)
    assert info.value.__cause__ is not None


def test_prefixes_are_predeclared_and_unbound_is_empty(graph: Graph) -> None:
    result = run_query(
        graph,
        "SELECT ?name ?code WHERE { ?c a kg:Company ; rdfs:label ?name . OPTIONAL { ?c kg:adminCode ?code } } "
        "ORDER BY ?name LIMIT 1",
    )
    assert result == QueryResult(("name", "code"), (("无名公司", ""),))


def test_ask_and_construct(graph: Graph) -> None:
    assert run_query(graph, "ASK { ?d kg:adminCode '330211' }") == QueryResult(("ask",), (("true",),))
    result = run_query(graph, "CONSTRUCT { ?d kg:adminCode ?c } WHERE { ?d kg:adminCode ?c }")
    assert result.columns == ("subject", "predicate", "object")
    assert [row[2] for row in result.rows] == ["330000", "330200", "330211"]


# ------------------------------------------------------------------ formats

SMALL = QueryResult(("name", "code"), (("浙江省", "330000"), ("ab", "1"), ('a,"b"', "")))


def test_table_aligns_chinese_as_double_width() -> None:
    assert format_result(SMALL, "table") == (
        "name    code\n"
        "------  ------\n"
        "浙江省  330000\n"
        "ab      1\n"
        'a,"b"\n'
    )


def test_table_replaces_line_breaks_in_cells() -> None:
    result = QueryResult(("a", "b"), (("x\ny", "z"),))
    assert format_result(result, "table") == "a    b\n---  -\nx y  z\n"


def test_table_of_no_rows_is_the_header() -> None:
    assert format_result(QueryResult(("name",), ()), "table") == "name\n----\n"


def test_csv() -> None:
    text = format_result(SMALL, "csv")
    assert text == 'name,code\n浙江省,330000\nab,1\n"a,""b""",\n'
    assert list(csv.reader(io.StringIO(text))) == [["name", "code"], ["浙江省", "330000"], ["ab", "1"], ['a,"b"', ""]]


def test_json_is_an_array_of_objects() -> None:
    text = format_result(SMALL, "json")
    assert "浙江省" in text  # not \u-escaped
    assert json.loads(text) == [
        {"name": "浙江省", "code": "330000"},
        {"name": "ab", "code": "1"},
        {"name": 'a,"b"', "code": ""},
    ]
    assert json.loads(format_result(QueryResult(("x",), ()), "json")) == []


def test_unknown_format_lists_the_valid_ones() -> None:
    assert FORMATS == ("table", "csv", "json")
    with pytest.raises(QueryError, match=r"unknown output format 'xml'; valid formats are: table, csv, json"):
        format_result(SMALL, "xml")
