"""graph_to_view and render_html on a small graph built by hand in the agreed RDF shape."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from importlib import resources

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kgraph import viz
from kgraph.errors import DataError
from kgraph.namespace import ID, KG
from kgraph.viz import View, ViewEdge, graph_to_view, render_html, script_safe_json

XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_DATETIME = URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
HOSTILE_NAME = "</script><script>window.__pwned=1</script>"
HOSTILE_ALIAS = '<img src=x onerror="window.__pwned=2">'
HOSTILE_TITLE = 'A "quoted" & <b>bold</b>\u2028line'


def iri(key: str) -> URIRef:
    """Entity key → IRI as the rdf contract says: first ":" → "/", unsafe characters %-encoded."""
    path = key.replace(":", "/", 1)
    return ID["".join(f"%{ord(c):02X}" if c in ' <>"{}|\\^`' or ord(c) < 0x20 else c for c in path)]


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def add_entity(g: Graph, key: str, cls: URIRef, name: str, *aliases: str, articles: tuple[str, ...] = ()) -> URIRef:
    node = iri(key)
    g.add((node, RDF.type, cls))
    g.add((node, RDFS.label, zh(name)))
    for alias in aliases:
        g.add((node, SKOS.altLabel, zh(alias)))
    for article in articles:
        g.add((node, KG.mentionedIn, ID["article/" + article]))
    return node


def add_district(g: Graph, code: str, name: str, level: str, parent: str | None) -> URIRef:
    node = add_entity(g, f"district:{code}", KG.District, name, articles=("a1",))
    g.add((node, KG.adminCode, Literal(code)))
    g.add((node, KG.adminLevel, Literal(level)))
    if parent:
        g.add((node, KG.partOf, iri(f"district:{parent}")))
    return node


def add_post(g: Graph, official: URIRef, title: str, org_key: str, org_name: str) -> None:
    post = iri(f"post:{title}@{org_key}")
    g.add((official, KG.holdsPost, post))
    g.add((post, RDF.type, KG.Post))
    g.add((post, KG.title, zh(title)))
    g.add((post, KG.postIn, iri(org_key)))
    g.add((post, RDFS.label, zh(f"{title}（{org_name}）")))


def add_article(g: Graph, article_id: str, title: str, date: Literal) -> None:
    node = ID["article/" + article_id]
    g.add((node, RDF.type, KG.Article))
    g.add((node, DCTERMS.title, zh(title)))
    g.add((node, DCTERMS.date, date))
    g.add((node, KG.articleId, Literal(article_id)))


def build_graph() -> Graph:
    """Two officials (one with two posts), districts, a company, a lab, an organ, a zone, a person."""
    g = Graph()
    add_article(g, "a1", "宁波新材料产业加速发展", Literal("2024-05-01", datatype=XSD_DATE))
    add_article(g, "a2", "省委常委会召开会议", Literal("2024-04-30T09:30:00", datatype=XSD_DATETIME))
    add_article(g, "a3", HOSTILE_TITLE, Literal("2024-05-03", datatype=XSD_DATE))
    add_district(g, "330000", "浙江省", "province", None)
    add_district(g, "330200", "宁波市", "prefecture", "330000")
    add_district(g, "330211", "镇海区", "county", "330200")
    yi = add_entity(g, "official:易炼红@330000", KG.Official, "易炼红", articles=("a2",))
    add_post(g, yi, "省委书记", "district:330000", "浙江省")
    wang = add_entity(g, "official:王健@330000", KG.Official, "王健", "王健同志", articles=("a1", "a2"))
    add_post(g, wang, "省委常委", "district:330000", "浙江省")
    add_post(g, wang, "市委书记", "district:330200", "宁波市")
    add_entity(g, "organ:外交部", KG.Organ, "外交部", "中华人民共和国外交部")
    minister = add_entity(g, "official:王毅@organ", KG.Official, "王毅")
    add_post(g, minister, "部长", "organ:外交部", "外交部")
    add_entity(g, "person:张三", KG.Person, "张三", articles=("a1",))
    company = add_entity(g, "company:晶钻科技", KG.Company, "晶钻科技", "宁波晶钻科技股份有限公司", articles=("a1",))
    lab = add_entity(g, "lab:中国科学院宁波材料技术与工程研究所", KG.Lab, "中国科学院宁波材料技术与工程研究所", "宁波材料所")
    zone = add_entity(g, "zone:宁波国家高新区", KG.Zone, "宁波国家高新区")
    g.add((company, KG.locatedIn, iri("district:330211")))
    g.add((company, KG.incubatedBy, lab))
    g.add((lab, KG.locatedIn, iri("district:330211")))
    g.add((lab, KG.coBuiltWith, iri("district:330200")))
    g.add((zone, KG.locatedIn, iri("district:330200")))
    hostile = add_entity(g, f"company:{HOSTILE_NAME}", KG.Company, HOSTILE_NAME, HOSTILE_ALIAS, articles=("a3",))
    g.add((hostile, KG.locatedIn, iri("district:330211")))
    return g


@pytest.fixture(scope="module")
def view() -> View:
    return graph_to_view(build_graph())


@pytest.fixture(scope="module")
def page(view: View) -> str:
    return render_html(view, title="测试图谱")


def node(view: View, label: str):
    return next(n for n in view.nodes if n.label == label)


def test_one_node_per_entity_in_legend_order(view: View) -> None:
    got = [(n.type, n.type_label, n.label) for n in view.nodes]
    assert got == [
        ("official", "官员", "易炼红"),
        ("official", "官员", "王健"),
        ("official", "官员", "王毅"),
        ("person", "人物", "张三"),
        ("district", "行政区", "宁波市"),
        ("district", "行政区", "浙江省"),
        ("district", "行政区", "镇海区"),
        ("company", "企业", HOSTILE_NAME),
        ("company", "企业", "晶钻科技"),
        ("lab", "科研机构", "中国科学院宁波材料技术与工程研究所"),
        ("organ", "机关", "外交部"),
        ("zone", "园区", "宁波国家高新区"),
    ]
    assert all(n.id.startswith(str(ID)) and "/post/" not in n.id and "/article/" not in n.id for n in view.nodes)


def test_edges_collapse_posts_and_carry_chinese_labels(view: View) -> None:
    label_of = {n.id: n.label for n in view.nodes}
    got = {(label_of[e.source], label_of[e.target], e.label, e.kind) for e in view.edges}
    assert got == {
        ("易炼红", "浙江省", "省委书记", "holdsPost"),
        ("王健", "浙江省", "省委常委", "holdsPost"),
        ("王健", "宁波市", "市委书记", "holdsPost"),
        ("王毅", "外交部", "部长", "holdsPost"),
        ("宁波市", "浙江省", "隶属", "partOf"),
        ("镇海区", "宁波市", "隶属", "partOf"),
        ("晶钻科技", "镇海区", "位于", "locatedIn"),
        (HOSTILE_NAME, "镇海区", "位于", "locatedIn"),
        ("中国科学院宁波材料技术与工程研究所", "镇海区", "位于", "locatedIn"),
        ("宁波国家高新区", "宁波市", "位于", "locatedIn"),
        ("晶钻科技", "中国科学院宁波材料技术与工程研究所", "孵化", "incubatedBy"),
        ("中国科学院宁波材料技术与工程研究所", "宁波市", "共建", "coBuiltWith"),
    }
    assert len(view.edges) == len(got)


@pytest.mark.parametrize(
    ("label", "field", "expected"),
    [
        ("王健", "posts", (("市委书记", "宁波市"), ("省委常委", "浙江省"))),
        ("王健", "aliases", ("王健同志",)),
        ("王健", "articles", (("省委常委会召开会议", "2024-04-30T09:30:00"), ("宁波新材料产业加速发展", "2024-05-01"))),
        ("王毅", "posts", (("部长", "外交部"),)),
        ("王毅", "articles", ()),
        ("镇海区", "admin_code", "330211"),
        ("镇海区", "posts", ()),
        ("易炼红", "admin_code", None),
        ("晶钻科技", "aliases", ("宁波晶钻科技股份有限公司",)),
        ("外交部", "aliases", ("中华人民共和国外交部",)),
        (HOSTILE_NAME, "aliases", (HOSTILE_ALIAS,)),
        (HOSTILE_NAME, "articles", ((HOSTILE_TITLE, "2024-05-03"),)),
    ],
)
def test_tooltip_fields(view: View, label: str, field: str, expected: object) -> None:
    assert getattr(node(view, label), field) == expected


def test_view_is_deterministic_whatever_the_triple_order() -> None:
    triples = list(build_graph())
    forward, backward = Graph(), Graph()
    for t in triples:
        forward.add(t)
    for t in reversed(triples):
        backward.add(t)
    assert graph_to_view(forward) == graph_to_view(backward)


def test_edges_to_undrawn_resources_are_dropped_and_zh_label_preferred() -> None:
    g = Graph()
    company = add_entity(g, "company:甲", KG.Company, "甲公司")
    g.add((company, RDFS.label, Literal("Jia Ltd", lang="en")))
    g.add((company, SKOS.altLabel, zh("甲公司")))  # an alias equal to the name is not repeated
    g.add((company, KG.locatedIn, iri("district:999999")))  # no rdf:type: not an entity
    official = add_entity(g, "official:乙@x", KG.Official, "乙")
    add_post(g, official, "董事长", "company:丙", "丙")  # post in an undrawn org
    view = graph_to_view(g)
    assert [(n.label, n.aliases) for n in view.nodes] == [("乙", ()), ("甲公司", ())]
    assert node(view, "乙").posts == (("董事长", "丙"),)
    assert view.edges == ()


def test_empty_graph_gives_empty_view_and_a_page() -> None:
    view = graph_to_view(Graph())
    assert view == View(nodes=(), edges=())
    assert '"nodes":[]' in render_html(view)


# ---------------------------------------------------------------- render_html


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def embedded_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="kgraph-data">(.*?)</script>', page, re.DOTALL)
    assert match, "no data block"
    return json.loads(match.group(1))


def test_page_loads_nothing_from_the_network(page: str) -> None:
    found = tags(page)
    urls = [v for _, attrs in found for k, v in attrs.items() if k in ("src", "href", "action") and v]
    assert not [u for u in urls if re.match(r"\s*(https?:)?//", u)]
    assert not [t for t, _ in found if t in ("link", "iframe", "img")]
    assert all("src" not in attrs for t, attrs in found if t == "script")
    assert "sourceMappingURL" not in page
    assert "Content-Security-Policy" in page


def test_page_inlines_vis_network(page: str) -> None:
    lib = resources.files("pyvis").joinpath("lib", viz.VIS_VERSION)
    js = lib.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = lib.joinpath("vis-network.css").read_text(encoding="utf-8")
    assert js.split("\n//# sourceMappingURL=")[0] in page
    assert css[:2000] in page
    assert "new vis.Network(" in page


def test_every_node_and_edge_is_in_the_embedded_data(page: str, view: View) -> None:
    data = embedded_data(page)
    assert [n["label"] for n in data["nodes"]] == [n.label for n in view.nodes]
    assert [(e["from"], e["to"], e["label"]) for e in data["edges"]] == [
        (e.source, e.target, e.label) for e in view.edges
    ]
    wang = next(n for n in data["nodes"] if n["label"] == "王健")
    assert wang["posts"] == [{"title": "市委书记", "region": "宁波市"}, {"title": "省委常委", "region": "浙江省"}]
    assert [t["label"] for t in data["types"]] == ["官员", "人物", "行政区", "企业", "科研机构", "机关", "园区", "未定地名"]


def test_hostile_text_cannot_break_out(page: str) -> None:
    assert "</script><script>" not in page
    assert "<img" not in page
    block = re.search(r'id="kgraph-data">(.*?)</script>', page, re.DOTALL).group(1)
    assert not set(block) & {"<", ">", "&", "\u2028", "\u2029"}
    assert page.count("</script>") == len([t for t, _ in tags(page) if t == "script"]) == 3
    assert HOSTILE_NAME in [n["label"] for n in embedded_data(page)["nodes"]]


def test_title_is_escaped() -> None:
    page = render_html(View(nodes=(), edges=()), title="<b>图谱</b> & co")
    assert "<title>&lt;b&gt;图谱&lt;/b&gt; &amp; co</title>" in page
    assert "<b>图谱" not in page


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("</script>", '"\\u003c/script\\u003e"'),
        ("a&b", '"a\\u0026b"'),
        ("x\u2028y\u2029", '"x\\u2028y\\u2029"'),
        ('"', '"\\""'),
        ("王健", '"王健"'),
        ({"b": 1, "a": [None]}, '{"a":[null],"b":1}'),
    ],
)
def test_script_safe_json(data: object, expected: str) -> None:
    assert script_safe_json(data) == expected
    assert json.loads(expected) == data


def test_missing_vis_assets_raise_data_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(viz, "VIS_VERSION", "vis-0.0.0")
    with pytest.raises(DataError, match=r"vis-0\.0\.0/vis-network\.min\.js.*pyvis"):
        render_html(View(nodes=(), edges=()))


def test_view_edge_is_hashable_and_frozen() -> None:
    edge = ViewEdge("a", "b", "隶属", "partOf")
    with pytest.raises(AttributeError):
        edge.label = "x"  # type: ignore[misc]
    assert {edge, ViewEdge("a", "b", "隶属", "partOf")} == {edge}
