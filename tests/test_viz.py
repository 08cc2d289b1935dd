"""graph_to_view and render_html on a small graph built by hand in the agreed RDF shape."""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import Counter
from html.parser import HTMLParser
from importlib import resources

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kgraph.errors import DataError
from kgraph.graph.namespace import ID, KG, PROV
from kgraph.views import page as viz
from kgraph.views.network import Source, entity_types
from kgraph.views.page import View, ViewEdge, ViewFact, ViewNode, graph_to_view, render_html, script_safe_json

XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_DATETIME = URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
HOSTILE_NAME = "</script><script>window.__pwned=1</script>"
HOSTILE_ALIAS = '<img src=x onerror="window.__pwned=2">'
HOSTILE_TITLE = 'A "quoted" & <b>bold</b>\u2028line'
HOSTILE_QUOTE = '镇海区的<img src=x onerror="window.__pwned=3">公司</script>开业。'
WANG_NINGBO = "宁波市委书记王明主持会议。"
WANG_BOTH = "省委常委、宁波市委书记王明出席。"
RUIZUAN_SITE = "睿钻科技位于宁波市镇海区。"
YI_QUOTES = tuple(f"省委书记曹启明第{i}次强调。" for i in range(1, 8))  # more than a tooltip shows


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


def add_assertion(g: Graph, fact: tuple[URIRef, URIRef, URIRef], article_id: str, quote: str,
                  date: Literal | None = None) -> URIRef:  # fmt: skip
    """A kg:Assertion statement node for ``fact`` (the provenance contract), stated by article_id."""
    key = "\x1f".join([*map(str, fact), article_id, quote])
    node = ID["assertion/" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]]
    g.add((node, RDF.type, KG.Assertion))
    for predicate, term in zip((RDF.subject, RDF.predicate, RDF.object), fact):
        g.add((node, predicate, term))
    g.add((node, PROV.wasDerivedFrom, ID["article/" + article_id]))
    g.add((node, KG.quote, zh(quote)))
    g.add((node, KG.startOffset, Literal(0)))
    g.add((node, KG.endOffset, Literal(len(quote))))
    if date is not None:
        g.add((node, KG.asOf, date))
    return node


def build_graph() -> Graph:
    """Two officials (one with two posts), districts, a company, a lab, an organ, a zone, a person."""
    g = Graph()
    add_article(g, "a1", "宁波新材料产业加速发展", Literal("2024-05-01", datatype=XSD_DATE))
    add_article(g, "a2", "省委常委会召开会议", Literal("2024-04-30T09:30:00", datatype=XSD_DATETIME))
    add_article(g, "a3", HOSTILE_TITLE, Literal("2024-05-03", datatype=XSD_DATE))
    add_district(g, "330000", "浙江省", "province", None)
    add_district(g, "330200", "宁波市", "prefecture", "330000")
    add_district(g, "330211", "镇海区", "county", "330200")
    yi = add_entity(g, "official:曹启明@330000", KG.Official, "曹启明", articles=("a2",))
    add_post(g, yi, "省委书记", "district:330000", "浙江省")
    wang = add_entity(g, "official:王明@330000", KG.Official, "王明", "王明同志", articles=("a1", "a2"))
    add_post(g, wang, "省委常委", "district:330000", "浙江省")
    add_post(g, wang, "市委书记", "district:330200", "宁波市")
    add_entity(g, "organ:外交部", KG.Organ, "外交部", "中华人民共和国外交部")
    minister = add_entity(g, "official:王毅@organ", KG.Official, "王毅")
    add_post(g, minister, "部长", "organ:外交部", "外交部")
    add_entity(g, "person:张三", KG.Person, "张三", articles=("a1",))
    company = add_entity(g, "company:睿钻科技", KG.Company, "睿钻科技", "宁波睿钻科技股份有限公司", articles=("a1",))
    lab = add_entity(g, "lab:中国科学院上海硅酸盐研究所", KG.Lab, "中国科学院上海硅酸盐研究所", "上海硅酸盐所")
    zone = add_entity(g, "zone:宁波国家高新区", KG.Zone, "宁波国家高新区")
    g.add((company, KG.locatedIn, iri("district:330211")))
    g.add((company, KG.incubatedBy, lab))
    g.add((lab, KG.locatedIn, iri("district:330211")))
    g.add((lab, KG.coBuiltWith, iri("district:330200")))
    g.add((zone, KG.locatedIn, iri("district:330200")))
    hostile = add_entity(g, f"company:{HOSTILE_NAME}", KG.Company, HOSTILE_NAME, HOSTILE_ALIAS, articles=("a3",))
    g.add((hostile, KG.locatedIn, iri("district:330211")))
    add_sources(g, yi, wang, company, lab, hostile)
    return g


def add_sources(g: Graph, yi: URIRef, wang: URIRef, company: URIRef, lab: URIRef, hostile: URIRef) -> None:
    """The sentences stating build_graph's facts (partOf, coBuiltWith and the zone have none)."""
    a1, a2 = Literal("2024-05-01", datatype=XSD_DATE), Literal("2024-04-30T09:30:00", datatype=XSD_DATETIME)
    ningbo_post, province_post = iri("post:市委书记@district:330200"), iri("post:省委常委@district:330000")
    add_assertion(g, (wang, KG.holdsPost, ningbo_post), "a1", WANG_NINGBO, a1)
    add_assertion(g, (wang, KG.holdsPost, ningbo_post), "a2", WANG_BOTH, a2)
    add_assertion(g, (wang, KG.holdsPost, province_post), "a2", WANG_BOTH, a2)
    for quote in YI_QUOTES:
        add_assertion(g, (yi, KG.holdsPost, iri("post:省委书记@district:330000")), "a2", quote, a2)
    add_assertion(g, (company, KG.locatedIn, iri("district:330211")), "a1", RUIZUAN_SITE, a1)
    add_assertion(g, (company, KG.incubatedBy, lab), "a1", "睿钻科技由上海硅酸盐所孵化。")  # no date
    add_assertion(g, (hostile, KG.locatedIn, iri("district:330211")), "a3", HOSTILE_QUOTE,
                  Literal("2024-05-03", datatype=XSD_DATE))  # fmt: skip


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
        ("official", "官员", "曹启明"),
        ("official", "官员", "王明"),
        ("official", "官员", "王毅"),
        ("person", "人物", "张三"),
        ("district", "行政区", "宁波市"),
        ("district", "行政区", "浙江省"),
        ("district", "行政区", "镇海区"),
        ("company", "企业", HOSTILE_NAME),
        ("company", "企业", "睿钻科技"),
        ("lab", "科研机构", "中国科学院上海硅酸盐研究所"),
        ("organ", "机关", "外交部"),
        ("zone", "园区", "宁波国家高新区"),
    ]
    assert all(n.id.startswith(str(ID)) and "/post/" not in n.id and "/article/" not in n.id for n in view.nodes)


def test_edges_collapse_posts_and_carry_chinese_labels(view: View) -> None:
    label_of = {n.id: n.label for n in view.nodes}
    got = {(label_of[e.source], label_of[e.target], e.label, e.kind) for e in view.edges}
    assert got == {
        ("曹启明", "浙江省", "省委书记", "holdsPost"),
        ("王明", "浙江省", "省委常委", "holdsPost"),
        ("王明", "宁波市", "市委书记", "holdsPost"),
        ("王毅", "外交部", "部长", "holdsPost"),
        ("宁波市", "浙江省", "隶属", "partOf"),
        ("镇海区", "宁波市", "隶属", "partOf"),
        ("睿钻科技", "镇海区", "位于", "locatedIn"),
        (HOSTILE_NAME, "镇海区", "位于", "locatedIn"),
        ("中国科学院上海硅酸盐研究所", "镇海区", "位于", "locatedIn"),
        ("宁波国家高新区", "宁波市", "位于", "locatedIn"),
        ("睿钻科技", "中国科学院上海硅酸盐研究所", "孵化", "incubatedBy"),
        ("中国科学院上海硅酸盐研究所", "宁波市", "共建", "coBuiltWith"),
    }
    assert len(view.edges) == len(got)


@pytest.mark.parametrize(
    ("label", "field", "expected"),
    [
        ("王明", "posts", (("市委书记", "宁波市"), ("省委常委", "浙江省"))),
        ("王明", "aliases", ("王明同志",)),
        ("王明", "articles", (("省委常委会召开会议", "2024-04-30T09:30:00"), ("宁波新材料产业加速发展", "2024-05-01"))),
        ("王毅", "posts", (("部长", "外交部"),)),
        ("王毅", "articles", ()),
        ("镇海区", "admin_code", "330211"),
        ("镇海区", "posts", ()),
        ("曹启明", "admin_code", None),
        ("睿钻科技", "aliases", ("宁波睿钻科技股份有限公司",)),
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


def facts(view: View, label: str) -> list[tuple[str, str, str, str]]:
    return [(f.text, f.source.quote, f.source.article, f.source.date) for f in node(view, label).facts]


def test_node_facts_carry_their_sentences_newest_first(view: View) -> None:
    wang = facts(view, "王明")
    assert wang[0] == ("王明 担任 市委书记（宁波市）", WANG_NINGBO, "宁波新材料产业加速发展", "2024-05-01")
    assert sorted(wang[1:]) == [
        ("王明 担任 市委书记（宁波市）", WANG_BOTH, "省委常委会召开会议", "2024-04-30T09:30:00"),
        ("王明 担任 省委常委（浙江省）", WANG_BOTH, "省委常委会召开会议", "2024-04-30T09:30:00"),
    ]
    assert facts(view, "镇海区") == [  # facts whose object is the node count too
        (f"{HOSTILE_NAME} 位于 镇海区", HOSTILE_QUOTE, HOSTILE_TITLE, "2024-05-03"),
        ("睿钻科技 位于 镇海区", RUIZUAN_SITE, "宁波新材料产业加速发展", "2024-05-01"),
    ]
    assert [f[0] for f in facts(view, "宁波市")] == ["王明 担任 市委书记（宁波市）"] * 2  # a post's region
    assert facts(view, "睿钻科技")[-1] == ("睿钻科技 孵化自 中国科学院上海硅酸盐研究所", "睿钻科技由上海硅酸盐所孵化。",
                                         "宁波新材料产业加速发展", "")  # undated: last  # fmt: skip
    assert facts(view, "张三") == [] and facts(view, "宁波国家高新区") == []


def test_edges_carry_the_sentences_that_state_them(view: View) -> None:
    label_of = {n.id: n.label for n in view.nodes}
    quotes = {(label_of[e.source], label_of[e.target]): [s.quote for s in e.sources] for e in view.edges}
    assert quotes[("王明", "宁波市")] == [WANG_NINGBO, WANG_BOTH]
    assert quotes[("王明", "浙江省")] == [WANG_BOTH]
    assert quotes[("曹启明", "浙江省")] == sorted(YI_QUOTES)
    assert quotes[("宁波市", "浙江省")] == quotes[("王毅", "外交部")] == []


def test_tooltips_are_bounded_and_share_one_sentence_table(page: str) -> None:
    data = embedded_data(page)
    table = data["sentences"]
    assert len(table) == len({tuple(row) for row in table})  # each sentence once
    assert [row for row in table if row[0] == WANG_BOTH] == [[WANG_BOTH, "省委常委会召开会议", "2024-04-30T09:30:00"]]
    yi = next(n for n in data["nodes"] if n["label"] == "曹启明")
    assert (len(yi["facts"]), yi["factsMore"]) == (viz.MAX_SOURCES, len(YI_QUOTES) - viz.MAX_SOURCES) == (5, 2)
    assert [table[ref][0] for _, ref in yi["facts"]] == sorted(YI_QUOTES)[:5]
    yi_edge = next(e for e in data["edges"] if e["from"] == yi["id"])
    assert (len(yi_edge["sources"]), yi_edge["sourcesMore"]) == (5, 2)
    wang = next(n for n in data["nodes"] if n["label"] == "王明")
    assert next(table[ref][0] for _, ref in wang["facts"]) == WANG_NINGBO and wang["factsMore"] == 0


def test_long_sentences_and_many_articles_are_cut_in_the_page() -> None:
    long_quote = "很长的句子" * 100
    source = Source("https://w3id.org/kgraph/id/assertion/0", long_quote, "文章", "2024-01-01")
    articles = tuple((f"文章{i:02d}", f"2024-01-{i:02d}") for i in range(1, 16))
    many = ViewNode("n1", "甲", "company", "企业", articles=articles, facts=(ViewFact("甲 位于 乙", source),))
    other = ViewNode("n2", "乙", "district", "行政区")
    data = embedded_data(render_html(View((many, other), (ViewEdge("n1", "n2", "位于", "locatedIn", (source,)),))))
    assert data["sentences"] == [[long_quote[: viz.MAX_QUOTE - 1] + "…", "文章", "2024-01-01"]]
    node_data = data["nodes"][0]
    assert [a["title"] for a in node_data["articles"]] == [f"文章{i:02d}" for i in range(1, 11)]
    assert node_data["articlesMore"] == 5
    assert data["edges"][0]["sources"] == [0] and node_data["facts"] == [["甲 位于 乙", 0]]


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
    wang = next(n for n in data["nodes"] if n["label"] == "王明")
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
        ("王明", '"王明"'),
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


# ---------------------------------------------------------------- a big synthetic graph


def synthetic_graph(entities: int = 2000, seed: int = 7) -> Graph:
    """A graph of ``entities`` entities in kgraph's shape, made up with a seeded random:
    half districts (provinces → prefectures → counties), then officials holding posts,
    companies and labs located in counties, and persons with no relation (a tenth)."""
    rng = random.Random(seed)
    g = Graph()
    add_article(g, "s0", "合成新闻", Literal("2024-06-01", datatype=XSD_DATE))
    provinces = [add_district(g, f"{p:02d}0000", f"省{p}", "province", None) for p in range(11, 41)]
    prefectures = [
        add_district(g, f"{p:02d}{c:02d}00", f"省{p}市{c}", "prefecture", f"{p:02d}0000") for p in range(11, 41) for c in range(1, 9)
    ]
    counties: list[URIRef] = []
    per_parent: Counter[URIRef] = Counter()
    while len(provinces) + len(prefectures) + len(counties) < entities // 2:
        parent = rng.choice(prefectures)
        per_parent[parent] += 1
        code = str(parent).rsplit("/", 1)[-1][:4]
        counties.append(add_district(g, f"{code}{per_parent[parent]:02d}", f"县{len(counties)}", "county", code + "00"))
    regions = provinces + prefectures
    for i in range(entities * 3 // 20):
        official = add_entity(g, f"official:官{i}@x", KG.Official, f"官员{i}", articles=("s0",))
        for title in rng.sample(["市委书记", "市长", "省长", "省委常委"], rng.choice([1, 2])):
            region = rng.choice(regions)
            add_post(g, official, title, "district:" + str(region).rsplit("/", 1)[-1], "地区")
    labs = []
    for i in range(entities * 3 // 40):
        labs.append(add_entity(g, f"lab:实验室{i}", KG.Lab, f"实验室{i}"))
        g.add((labs[-1], KG.locatedIn, rng.choice(counties)))
    for i in range(entities // 5):
        company = add_entity(g, f"company:公司{i}", KG.Company, f"公司{i}", articles=("s0",))
        g.add((company, KG.locatedIn, rng.choice(counties)))
        if i % 4 == 0:
            g.add((company, KG.incubatedBy, rng.choice(labs)))
    for i in range(entities - len(entity_types(g))):
        add_entity(g, f"person:人{i}", KG.Person, f"人物{i}")
    return g
