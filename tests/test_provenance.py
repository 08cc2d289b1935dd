"""Provenance and time: every fact points at its sentence; posts are held as reported on a date."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import to_isomorphic
from rdflib.namespace import RDF

from kgraph.cli import main
from kgraph.extract.article import extract
from kgraph.graph.export import export
from kgraph.graph.namespace import KG, PROV
from kgraph.graph.query import resolve_query, run_query
from kgraph.graph.rdf import build_graph, load_graph, write_turtle
from kgraph.model import Article
from kgraph.pipeline import resolve_all
from kgraph.views.explain import explain

JIAXING_APRIL = Article(
    "jx-0401",
    "4月1日，嘉兴市召开大会。嘉兴市委书记陈一平主持会议并讲话。会议指出，要抓好项目。",
    title="嘉兴召开大会",
    published="2024-04-01",
)
JIAXING_JUNE = Article(
    "jx-0620",
    "6月20日，嘉兴市委书记李海东来到南湖区调研。由浙江大学孵化的禾丰科技有限公司落户南湖区。",
    title="李海东在南湖区调研",
    published="2024-06-20",
)


def graph_of(*articles: Article) -> Graph:
    resolved = resolve_all([extract(a) for a in articles])
    return build_graph(resolved.articles, resolved.entities, resolved.triples, resolved.mentions)


@pytest.fixture(scope="module")
def graph() -> Graph:
    return graph_of(JIAXING_APRIL, JIAXING_JUNE)


def test_every_relation_has_an_assertion_whose_offsets_give_the_quoted_sentence(graph: Graph):
    texts = {"jx-0401": JIAXING_APRIL.text, "jx-0620": JIAXING_JUNE.text}
    assertions = list(graph.subjects(RDF.type, KG.Assertion))
    assert len(assertions) >= 4  # two holdsPost, one incubatedBy, one locatedIn
    for node in assertions:
        article_id = str(graph.value(graph.value(node, PROV.wasDerivedFrom), KG.articleId))
        start, end = int(graph.value(node, KG.startOffset)), int(graph.value(node, KG.endOffset))
        quote = str(graph.value(node, KG.quote))
        assert texts[article_id][start:end] == quote
        assert quote.endswith("。")  # a whole sentence
        assert (graph.value(node, RDF.subject), graph.value(node, RDF.predicate), graph.value(node, RDF.object)) in graph


def test_sentence_of_a_post_is_the_one_naming_the_official(graph: Graph):
    facts = explain(graph, "陈一平")
    assert [f.quote for f in facts] == ["嘉兴市委书记陈一平主持会议并讲话。"]
    assert facts[0].date == "2024-04-01" and facts[0].article == "嘉兴召开大会"


@pytest.mark.parametrize(
    "date, holder",
    [("2024-03-01", []), ("2024-05-01", ["陈一平"]), ("2024-06-20", ["李海东"]), ("2024-12-31", ["李海东"])],
)
def test_who_held_a_post_as_of_a_date(graph: Graph, date: str, holder: list[str]):
    sparql = resolve_query("post-holders", None)
    result = run_query(graph, sparql, {"title": "市委书记", "region": "嘉兴市", "date": date})
    assert [row[0] for row in result.rows] == holder


def test_both_holders_are_kept_with_their_dates(graph: Graph):
    rows = {
        (str(graph.value(a, RDF.subject)).rsplit("/", 1)[-1], str(graph.value(a, KG.asOf)))
        for a in graph.subjects(RDF.predicate, KG.holdsPost)
    }
    assert {(name.split("@")[0], date) for name, date in rows} == {("陈一平", "2024-04-01"), ("李海东", "2024-06-20")}


@pytest.mark.parametrize("fmt, parse_as", [("turtle", "turtle"), ("trig", "trig"), ("jsonld", "json-ld")])
def test_round_trips_keep_provenance(graph: Graph, fmt: str, parse_as: str):
    text = export(graph, fmt)
    if parse_as == "trig":
        dataset = Dataset()
        dataset.parse(data=text, format="trig")
        back = Graph()
        for quad in dataset.quads():
            back.add(quad[:3])
        assert len(list(dataset.graphs())) >= 3  # default graph + one per article
    else:
        back = Graph().parse(data=text, format=parse_as)
    assert to_isomorphic(back) == to_isomorphic(graph)
    assert len(list(back.subjects(RDF.type, KG.Assertion))) == len(list(graph.subjects(RDF.type, KG.Assertion)))


def test_trig_puts_each_articles_claims_in_its_named_graph(graph: Graph):
    dataset = Dataset()
    dataset.parse(data=export(graph, "trig"), format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert "https://w3id.org/kgraph/id/article/jx-0401" in names
    assert "https://w3id.org/kgraph/id/article/jx-0620" in names


def test_explain_cli_prints_sentence_title_and_date(tmp_path: Path, graph: Graph):
    path = write_turtle(graph, tmp_path / "graph.ttl")
    result = CliRunner().invoke(main, ["explain", "禾丰科技有限公司", "-g", str(path)])
    assert result.exit_code == 0, result.output
    assert "禾丰科技有限公司 —孵化自→ 浙江大学" in result.output
    assert "「6月20日，嘉兴市委书记李海东来到南湖区调研。」" not in result.output
    assert "「由浙江大学孵化的禾丰科技有限公司落户南湖区。」" in result.output
    assert "《李海东在南湖区调研》 2024-06-20" in result.output


def test_explain_unknown_name_is_a_one_line_error(tmp_path: Path, graph: Graph):
    path = write_turtle(graph, tmp_path / "graph.ttl")
    result = CliRunner().invoke(main, ["explain", "不存在", "-g", str(path)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: no entity is called '不存在'")


def test_export_cli_writes_trig_next_to_the_graph(tmp_path: Path, graph: Graph):
    path = write_turtle(graph, tmp_path / "graph.ttl")
    result = CliRunner().invoke(main, ["export", "-g", str(path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "graph.trig").exists()
    assert load_graph(tmp_path / "graph.trig") is not None
