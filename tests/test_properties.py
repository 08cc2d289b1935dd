"""Property-based tests (hypothesis, 500 examples per property; see conftest.py's profile).

- any bytes in any input format give articles or a KgraphError, never another exception;
- any text gives Turtle that parses back isomorphic;
- any label is inert in the page: it changes nothing outside the page's data block;
- IRIs are the same for the same key, and different for different keys.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from kgraph.errors import KgraphError
from kgraph.graph import canonical
from kgraph.graph.rdf import build_graph, iri, serialize_turtle
from kgraph.graph.store import from_turtle
from kgraph.ingest.files import STDIN, read_articles, safe_text
from kgraph.limits import limit_article
from kgraph.model import Article, Entity, EntityType, Mention, Post, Predicate, Triple
from kgraph.views.page import build_page, graph_to_view, render_html

# text that has broken parsers and pages before: markup, JSON, encodings, controls, surrogate escapes
NASTY = [
    "</script>", "<script>alert(1)</script>", "<!--", "-->", "]]>", "<![CDATA[", "\u2028", "\u2029", "\x00",
    "\ufeff", "\ud800", "&amp;", "&#0;", '"', "'", "\\", "`", "${x}", "{{x}}", "@@DATA@@", "\r\n", "\x1b[31m",
    "\\ud800", '{"text":', "[" * 50, "<html>", "<!doctype html>", "省委书记王明", "%00", "%", "#", "<>", "\U0001f600",
]  # fmt: skip
texts = st.one_of(
    st.text(),
    st.lists(st.sampled_from(NASTY) | st.text(max_size=5), max_size=12).map("".join),
)
# what ingest hands on: no lone surrogates (UTF-8 and Turtle cannot carry them; ingest makes them U+FFFD)
clean = texts.map(safe_text)
labels = clean.filter(lambda s: s.strip() != "")


def _read(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, f"input{suffix}")
        path.write_bytes(data)
        for article in read_articles(path):
            limit_article(article)


def _bytes_like(fmt: str) -> st.SearchStrategy[bytes]:
    structured = {
        ".jsonl": st.lists(st.dictionaries(st.sampled_from(["id", "title", "text", "date", "url", "reporter", "x"]),
                                           st.one_of(texts, st.integers(), st.none(), st.booleans(),
                                                     st.lists(st.integers(), max_size=3))),
                           max_size=4).map(lambda rows: "\n".join(json.dumps(r) for r in rows)),
        ".html": st.lists(st.sampled_from(["<html>", "<body>", "<p>", "</p>", "<div class=nav>", "<title>", "</title>",
                                           "<meta name=pubdate content=2024-05-01>", "<script>", "</script>", "<h1>"])
                          | texts, max_size=20).map("".join),
        ".txt": st.lists(texts | st.sampled_from(["2024-05-16 18:42:07", "来源：新华社", "编辑：王明", "记者 张三"]),
                         max_size=8).map("\n".join),
    }[fmt]  # fmt: skip
    encodings = st.sampled_from(["utf-8", "utf-16", "gb18030", "utf-8-sig"])
    encoded = st.tuples(structured, encodings).map(lambda te: te[0].encode(te[1], "replace"))
    return st.one_of(st.binary(max_size=3000), encoded)


def _never_crashes(read: Callable[[], object]) -> None:
    with contextlib.suppress(KgraphError):  # anything else fails the test
        read()


@given(_bytes_like(".txt"))
def test_any_bytes_as_text_file(data: bytes) -> None:
    _never_crashes(lambda: _read(data, ".txt"))


@given(_bytes_like(".html"))
def test_any_bytes_as_html_page(data: bytes) -> None:
    _never_crashes(lambda: _read(data, ".html"))


@given(_bytes_like(".jsonl"))
def test_any_bytes_as_json_lines(data: bytes) -> None:
    _never_crashes(lambda: _read(data, ".jsonl"))


@given(st.one_of(_bytes_like(".txt"), _bytes_like(".jsonl"), _bytes_like(".html")))
def test_any_bytes_on_standard_input(data: bytes) -> None:
    _never_crashes(lambda: read_articles(STDIN, io.BytesIO(data)))


def _parts_of(text: str, label: str) -> tuple[list[Article], list[Entity], list[Triple], list[Mention]]:
    article = Article(id=f"a{text}", text=text or "x", title=text, source=text, editor=text, reporters=(text,),
                      published="2024-05-01", url=text)  # fmt: skip
    key = f"company:{label}"
    entity = Entity(key, EntityType.COMPANY, label, aliases=(text, label + "x"))
    official = Entity(f"official:{label}@330000", EntityType.OFFICIAL, label, posts=(Post(text or "x", label, key),))
    mentions = [Mention(article.id, 0, 1, EntityType.COMPANY, key)]
    triples = [Triple(key, Predicate.LOCATED_IN, f"district:{text}", article.id, 0, len(article.text), "name"),
               Triple(official.key, Predicate.HOLDS_POST, f"post:{label}@{key}", article.id, 0, 1)]  # fmt: skip
    return [article], [entity, official], triples, mentions


def _graph_of(text: str, label: str) -> Graph:
    return build_graph(*_parts_of(text, label))


@given(clean, labels)
def test_canonical_triples_give_rdflibs_turtle(text: str, label: str) -> None:
    """The build's rdflib-free graph and Turtle (graph/canonical.py) are build_graph's and serialize_turtle's."""
    parts = _parts_of(text, label)
    triples = canonical.make_triples(*parts)
    expected = serialize_turtle(build_graph(*parts))
    assert canonical.turtle(triples) == expected
    assert len(triples) == len(build_graph(*parts))
    blocks = canonical.blocks(triples)
    assert all(canonical.subject_of_block(block) == subject for subject, block in blocks.items())


@given(clean, labels)
def test_the_view_is_the_same_from_triples_store_and_rdflib(text: str, label: str) -> None:
    """The page draws the same from the build's triples, from the store and from rdflib."""
    parts = _parts_of(text, label)
    triples = canonical.make_triples(*parts)
    view = graph_to_view(triples)
    assert view == graph_to_view(build_graph(*parts)) == graph_to_view(from_turtle(canonical.turtle(triples)))


@given(clean, labels)
def test_any_text_gives_turtle_that_parses_back(text: str, label: str) -> None:
    graph = _graph_of(text, label)
    parsed = Graph().parse(data=serialize_turtle(graph), format="turtle")
    assert isomorphic(parsed, graph)


_DATA = re.compile(r'(<script type="application/json" id="kgraph-data">)(.*?)(</script>)', re.DOTALL)


def _outside_data(page: str) -> tuple[str, object]:
    [match] = [m for m in _DATA.finditer(page)]
    return page[: match.start(2)] + page[match.end(2) :], json.loads(match.group(2))


@given(labels, clean)
def test_any_label_is_inert_in_the_page(label: str, text: str) -> None:
    benign, _ = _outside_data(build_page(_graph_of("正文", "睿钻科技")).html)
    outside, data = _outside_data(build_page(_graph_of(text, label)).html)
    assert outside == benign  # the label and texts changed nothing but the data block
    assert label in _strings(data)  # and the data block gives the label back as it was


def _strings(data: object) -> set[str]:
    if isinstance(data, str):
        return {data}
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    return set().union(*map(_strings, values)) if values else set()


@given(clean)
def test_any_page_title_is_text(title: str) -> None:
    view = build_page(_graph_of("正文", "睿钻科技")).view
    page = render_html(view, title)
    [shown] = re.findall(r"<title>(.*?)</title>", page, re.DOTALL)
    assert html.unescape(shown) == title and "<" not in shown


keys = st.builds(lambda kind, value: f"{kind}:{value}", st.sampled_from(["company", "lab", "person", "article", "post"]),
                 clean)  # fmt: skip


@given(keys)
def test_iris_are_encoded_as_rdf_py_documents(key: str) -> None:
    path = key.replace(":", "/", 1)
    assert canonical.entity_iri(key) == canonical.ID + "".join(canonical._encode_char(c) for c in path)


@given(keys, keys)
def test_iris_are_the_same_for_the_same_key(a: str, b: str) -> None:
    assert iri(a) == iri(a)
    assert (iri(a) == iri(b)) == (a == b)
    assert " " not in iri(a) and "<" not in iri(a) and ">" not in iri(a)
