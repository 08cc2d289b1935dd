"""validate: the SHACL shapes accept a well-formed graph and name each broken rule exactly once."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, SH

from kgraph.errors import DataError
from kgraph.graph.validate import Report, Violation, load_shapes, summarize, validate

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
ZHEJIANG = SHARED / "corpus" / "zhejiang-2024-04-28.txt"

# Full IRIs, so these tests do not depend on which terms namespace.KG declares.
KG = Namespace("https://w3id.org/kgraph/ns#")
ID = Namespace("https://w3id.org/kgraph/id/")
PROV = Namespace("http://www.w3.org/ns/prov#")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")  # not rdflib's XSD: pytest's fixture scan makes it warn

ARTICLE = ID["article/a1"]
TEXT = "宁波市委书记彭佳学到镇海区调研。睿钻科技位于镇海区，由上海硅酸盐所孵化。"
ZHEJIANG_PROVINCE, NINGBO, ZHENHAI = ID["district/330000"], ID["district/330200"], ID["district/330211"]
OFFICIAL, POST = ID["official/彭佳学@330200"], ID["post/市委书记@district/330200"]
COMPANY, LAB = ID["company/睿钻科技"], ID["lab/中国科学院上海硅酸盐研究所"]


def add_district(graph: Graph, code: str, name: str, level: str, parent: str | None = None) -> URIRef:
    node = ID[f"district/{code}"]
    graph.add((node, RDF.type, KG.District))
    graph.add((node, RDFS.label, Literal(name, lang="zh")))
    graph.add((node, KG.adminCode, Literal(code)))
    graph.add((node, KG.adminLevel, Literal(level)))
    if parent is not None:
        graph.add((node, KG.partOf, ID[f"district/{parent}"]))
    return node


def add_entity(graph: Graph, node: URIRef, cls: URIRef, name: str) -> None:
    graph.add((node, RDF.type, cls))
    graph.add((node, RDFS.label, Literal(name, lang="zh")))


def assertion(subject: URIRef, predicate: URIRef, obj: URIRef) -> URIRef:
    return ID["assertion/" + predicate.split("#")[1] + "-" + subject.rsplit("/", 1)[1]]


def add_fact(graph: Graph, subject: URIRef, predicate: URIRef, obj: URIRef, quote: str) -> URIRef:
    """``subject predicate obj`` and its kg:Assertion quoting ``quote`` from TEXT."""
    start = TEXT.index(quote)
    node = assertion(subject, predicate, obj)
    graph.add((subject, predicate, obj))
    for p, o in [
        (RDF.type, KG.Assertion), (RDF.subject, subject), (RDF.predicate, predicate), (RDF.object, obj),
        (PROV.wasDerivedFrom, ARTICLE), (KG.quote, Literal(quote, lang="zh")),
        (KG.startOffset, Literal(start)), (KG.endOffset, Literal(start + len(quote))),
        (KG.asOf, Literal("2024-04-28", datatype=XSD_DATE)),
    ]:  # fmt: skip
        graph.add((node, p, o))
    return node


def valid_graph() -> Graph:
    graph = Graph()
    graph.add((ARTICLE, RDF.type, KG.Article))
    add_district(graph, "330000", "浙江省", "province")
    add_district(graph, "330200", "宁波市", "prefecture", "330000")
    add_district(graph, "330211", "镇海区", "county", "330200")
    add_district(graph, "330100", "杭州市", "prefecture", "330000")
    add_entity(graph, OFFICIAL, KG.Official, "彭佳学")
    graph.add((POST, RDF.type, KG.Post))
    graph.add((POST, KG.title, Literal("市委书记", lang="zh")))
    graph.add((POST, KG.postIn, NINGBO))
    graph.add((POST, RDFS.label, Literal("市委书记（宁波市）", lang="zh")))
    add_fact(graph, OFFICIAL, KG.holdsPost, POST, "宁波市委书记彭佳学")
    add_entity(graph, COMPANY, KG.Company, "睿钻科技")
    add_entity(graph, LAB, KG.Lab, "中国科学院上海硅酸盐研究所")
    add_fact(graph, COMPANY, KG.locatedIn, ZHENHAI, "睿钻科技位于镇海区")
    add_fact(graph, COMPANY, KG.incubatedBy, LAB, "由上海硅酸盐所孵化")
    return graph


def found(report: Report) -> list[tuple[str, str, str]]:
    """(focus, path, Chinese part of the message) of each violation."""
    return [(v.focus, v.path, v.message.split(" (")[0]) for v in report.violations]


HOLDS = assertion(OFFICIAL, KG.holdsPost, POST)
LOCATED = assertion(COMPANY, KG.locatedIn, ZHENHAI)


def _set(node: URIRef, predicate: URIRef, *values: object) -> Callable[[Graph], None]:
    def change(graph: Graph) -> None:
        graph.remove((node, predicate, None))
        for value in values:
            graph.add((node, predicate, value if isinstance(value, (URIRef, Literal)) else Literal(value)))

    return change


def _drop(*triples: tuple[object, object, object]) -> Callable[[Graph], None]:
    def change(graph: Graph) -> None:
        for triple in triples:
            graph.remove(triple)

    return change


def _add_district(code: str, parent: str, level: str = "county") -> Callable[[Graph], None]:
    def change(graph: Graph) -> None:
        add_district(graph, code, "新区", level, parent)

    return change


L = str(LOCATED)  # an assertion has no label: its IRI names it
NO_FACT = ("睿钻科技", "kg:locatedIn", "事实没有出处")

# (what is broken, change to the valid graph, the violations expected: usually exactly one)
BROKEN: list[tuple[str, Callable[[Graph], None], list[tuple[str, str, str]]]] = [
    ("official without post", _drop((OFFICIAL, KG.holdsPost, None), (HOLDS, None, None)), [("彭佳学", "", "官员没有职务")]),
    ("post without title", _set(POST, KG.title), [("市委书记（宁波市）", "kg:title", "职务没有名称或有多个名称")]),
    ("post with two titles", _set(POST, KG.title, "市委书记", "书记"), [("市委书记（宁波市）", "kg:title", "职务没有名称或有多个名称")]),
    ("post with blank title", _set(POST, KG.title, " "), [("市委书记（宁波市）", "kg:title", "职务名称为空")]),
    ("post without place", _set(POST, KG.postIn), [("市委书记（宁波市）", "kg:postIn", "职务没有所在地区或机关，或有多个")]),
    ("district code not 6 digits", _set(ZHENHAI, KG.adminCode, "33021"), [("镇海区", "kg:adminCode", "区划代码不是六位数字")]),
    ("district code a number", _set(ZHENHAI, KG.adminCode, Literal(330211)), [("镇海区", "kg:adminCode", "区划代码不是六位数字")]),
    ("district without code", _set(ZHENHAI, KG.adminCode), [("镇海区", "kg:adminCode", "行政区没有区划代码或有多个")]),
    ("district without level", _set(ZHENHAI, KG.adminLevel), [("镇海区", "kg:adminLevel", "行政区没有级别或有多个")]),
    ("district level unknown", _set(ZHENHAI, KG.adminLevel, "city"), [("镇海区", "kg:adminLevel", "行政级别不是 province、prefecture 或 county")]),
    ("county without parent", _set(ZHENHAI, KG.partOf), [("镇海区", "kg:partOf", "省级以下行政区没有上级")]),
    ("county with two parents", _set(ZHENHAI, KG.partOf, NINGBO, ZHEJIANG_PROVINCE), [("镇海区", "kg:partOf", "行政区有多个上级")]),
    ("county parent code not matching", _add_district("340211", "330200"), [("新区", "kg:partOf", "区划代码与上级不符")]),
    ("county in another prefecture", _add_district("330212", "330100"), [("新区", "kg:partOf", "区划代码与上级不符")]),
    ("county under another province", _add_district("340212", "330000"), [("新区", "kg:partOf", "区划代码与上级不符")]),
    ("prefecture under a prefecture", _add_district("330210", "330200", "prefecture"), [("新区", "kg:partOf", "上级行政区级别不符")]),
    ("parent not a district", _set(ZHENHAI, KG.partOf, COMPANY), [("镇海区", "kg:partOf", "上级不是行政区")]),
    ("province with parent", _set(ZHEJIANG_PROVINCE, KG.partOf, NINGBO), [("浙江省", "kg:partOf", "区划代码与上级不符"), ("浙江省", "kg:partOf", "省级行政区有上级")]),
    ("relation without assertion", _drop((LOCATED, None, None)), [NO_FACT]),
    ("assertion without article", _set(LOCATED, PROV.wasDerivedFrom), [(L, "prov:wasDerivedFrom", "断言的来源文章缺失、重复或不是文章")]),
    ("assertion from a non-article", _set(LOCATED, PROV.wasDerivedFrom, ZHENHAI), [(L, "prov:wasDerivedFrom", "断言的来源文章缺失、重复或不是文章")]),
    ("assertion with blank quote", _set(LOCATED, KG.quote, Literal(" " * 9, lang="zh")), [(L, "kg:quote", "断言的引文缺失、重复或为空")]),
    ("assertion with start >= end", _set(LOCATED, KG.startOffset, 40), [(L, "kg:startOffset", "起始偏移不小于结束偏移")]),
    ("assertion with start == end", _set(LOCATED, KG.startOffset, 25), [(L, "kg:startOffset", "起始偏移不小于结束偏移")]),
    ("assertion with negative start", _set(LOCATED, KG.startOffset, -1), [(L, "kg:quote", "引文长度与偏移不符"), (L, "kg:startOffset", "断言的起始偏移缺失、重复或不是非负整数")]),
    ("assertion without end", _set(LOCATED, KG.endOffset), [(L, "kg:endOffset", "断言的结束偏移缺失、重复或不是整数")]),
    ("quote length not end - start", _set(LOCATED, KG.endOffset, 30), [(L, "kg:quote", "引文长度与偏移不符")]),
    ("assertion date as text", _set(LOCATED, KG.asOf, "2024年4月28日"), [(L, "kg:asOf", "断言的日期重复或不是日期")]),
    ("assertion of an unstated fact", _drop((COMPANY, KG.locatedIn, ZHENHAI)), [(L, "", "断言所述事实不在图中")]),
    ("entity without label", _set(LAB, RDFS.label), [(str(LAB), "rdfs:label", "实体没有名称")]),
    ("label without Chinese", _set(COMPANY, RDFS.label, Literal("Jingzuan Tech", lang="en")), [("Jingzuan Tech", "rdfs:label", "名称不含汉字")]),
]  # fmt: skip


def test_valid_graph_conforms() -> None:
    report = validate(valid_graph())
    assert report == Report(True, ())
    assert summarize(report) == "no violations"


@pytest.mark.parametrize(("change", "expected"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN])
def test_each_broken_rule_gives_exactly_its_violations(
    change: Callable[[Graph], None], expected: list[tuple[str, str, str]]
) -> None:
    graph = valid_graph()
    change(graph)
    report = validate(graph)
    assert found(report) == expected
    assert report.conforms is False
    assert {v.severity for v in report.violations} == {"Violation"}
    full = validate(graph, fast=False)  # pySHACL running every constraint itself agrees
    assert (full.conforms, set(full.violations)) == (report.conforms, set(report.violations))


@pytest.mark.parametrize(
    ("code", "level", "parent"),
    [
        ("330000", "province", None),  # a province has no parent
        ("429004", "county", "420000"),  # 仙桃市: a county-level city under its province
        ("110101", "county", "110000"),  # 东城区: a county of a municipality
        ("330212", "county", "330200"),  # 鄞州区 under 宁波市
    ],
)
def test_valid_district_parents(code: str, level: str, parent: str | None) -> None:
    graph = Graph()
    for province, name in [("330000", "浙江省"), ("420000", "湖北省"), ("110000", "北京市")]:
        add_district(graph, province, name, "province")
    add_district(graph, "330200", "宁波市", "prefecture", "330000")
    add_district(graph, code, "某地", level, parent)
    assert validate(graph) == Report(True, ())


def test_two_broken_rules_are_sorted_by_message_and_counted_by_node() -> None:
    graph = valid_graph()
    add_entity(graph, ID["company/甲"], KG.Company, "Alpha")
    add_entity(graph, ID["company/乙"], KG.Company, "Beta")
    graph.remove((OFFICIAL, KG.holdsPost, None))
    graph.remove((HOLDS, None, None))
    report = validate(graph)
    assert found(report) == [
        ("Alpha", "rdfs:label", "名称不含汉字"),
        ("Beta", "rdfs:label", "名称不含汉字"),
        ("彭佳学", "", "官员没有职务"),
    ]
    assert summarize(report) == (
        "2 × 名称不含汉字 (an rdfs:label has no Chinese character): Alpha, Beta\n"
        "1 × 官员没有职务 (an official holds no post, now or before): 彭佳学"
    )


def test_validate_leaves_the_graph_unchanged() -> None:
    graph, before = valid_graph(), valid_graph()
    graph.remove((LOCATED, None, None))
    before.remove((LOCATED, None, None))
    validate(graph)
    assert isomorphic(graph, before)


def test_summarize_groups_counts_and_lists_at_most_five_names() -> None:
    no_post = "官员没有职务 (an official holds no post)"
    no_fact = "事实没有出处 (a relation triple has no kg:Assertion describing it)"
    names = ["张三", "李四", "王五", "赵六", "钱七", "孙八"]
    report = Report(
        False,
        tuple(Violation(name, "kg:holdsPost", no_post, "Violation") for name in names)
        + (Violation("睿钻科技", "kg:locatedIn", no_fact, "Violation"), Violation("睿钻科技", "kg:incubatedBy", no_fact, "Violation"))
        + (Violation("IHI", "rdfs:label", "名称不含汉字 (an rdfs:label has no Chinese character)", "Warning"),),
    )
    assert summarize(report) == (
        "6 × 官员没有职务 (an official holds no post): 张三, 李四, 王五, 赵六, 钱七, …\n"
        "2 × 事实没有出处 (a relation triple has no kg:Assertion describing it): 睿钻科技\n"
        "[Warning] 1 × 名称不含汉字 (an rdfs:label has no Chinese character): IHI"
    )


def test_summarize_of_a_conforming_report() -> None:
    assert summarize(Report(True, ())) == "no violations"


def test_the_package_ships_the_one_ontology_and_shapes_file() -> None:
    from importlib import resources

    folder = resources.files("kgraph.graph.ontology")
    for name in ("kgraph.ttl", "shapes.ttl"):
        shipped = folder.joinpath(name).read_bytes()
        assert shipped == (REPO / "ontology" / name).read_bytes()
    assert (REPO / "ontology").resolve() == (REPO / "src" / "kgraph" / "graph" / "ontology").resolve()
    assert not list((REPO / "src").rglob("shapes.ttl"))[1:], "one shapes file only"


_MESSAGE = re.compile(r"^[^()]*[\u4e00-\u9fff][^()]* \(.*[A-Za-z].*\)$")


def test_every_constraint_has_one_chinese_and_english_message() -> None:
    shapes = load_shapes()
    constraints = set(shapes.objects(None, SH.property)) | set(shapes.objects(None, SH.sparql))
    assert len(constraints) >= 25
    for constraint in constraints:
        messages = [str(m) for m in shapes.objects(constraint, SH.message)]
        assert len(messages) == 1 and _MESSAGE.match(messages[0]), (constraint, messages)
    all_messages = [str(m) for m in shapes.objects(None, SH.message)]
    assert len(all_messages) == len(set(all_messages)), "two constraints share a message"


def test_missing_shapes_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"shapes file .*nope\.ttl cannot be read .*give the path of a SHACL Turtle file"):
        validate(Graph(), tmp_path / "nope.ttl")


def test_broken_shapes_file_is_a_data_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text("kg:Shape a sh:NodeShape", encoding="utf-8")
    with pytest.raises(DataError, match=r"shapes file .*bad\.ttl is not valid Turtle"):
        validate(Graph(), path)


def test_shapes_that_pyshacl_refuses_are_a_data_error(tmp_path: Path) -> None:
    path = tmp_path / "values.ttl"
    path.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<urn:s> a sh:NodeShape ; sh:targetNode <urn:n> ;\n"
        '  sh:sparql [ sh:select "SELECT $this WHERE { VALUES ?x { 1 } }" ] .\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"the SHACL shapes cannot be run: .*VALUES"):
        validate(Graph(), path)


def test_missing_pyshacl_is_a_data_error_with_an_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyshacl", None)
    with pytest.raises(DataError, match=r"needs the pyshacl package.*pip install pyshacl"):
        validate(valid_graph())


@pytest.mark.skipif(not ZHEJIANG.is_file(), reason=f"shared article {ZHEJIANG} is absent")
def test_the_zhejiang_article_builds_a_conforming_graph() -> None:
    from kgraph.graph.rdf import build_graph
    from kgraph.pipeline import build_resolved, read_inputs

    articles, failures = read_inputs([str(ZHEJIANG)])
    assert failures == [] and len(articles) == 1
    resolved = build_resolved(articles)
    graph = build_graph(resolved.articles, resolved.entities, resolved.triples, resolved.mentions)
    report = validate(graph)
    assert summarize(report) == "no violations"
    assert report.conforms
    assert len(list(graph.subjects(RDF.type, KG.Assertion))) >= 10


def test_the_bundled_core_constraints_compile_to_sparql() -> None:
    """The fast path runs every core constraint of the bundled shapes on Oxigraph, none through pySHACL."""
    from kgraph.graph.shacl_sparql import compile_shapes
    from kgraph.graph.validate import load_shapes

    queries = compile_shapes(load_shapes())
    assert queries is not None and len(queries) >= 40
