"""Incremental builds: the extraction cache, and build(A) + add(B) giving the graph of build(A ∪ B)."""

from __future__ import annotations

import json
import pickle
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from kgraph import pipeline
from kgraph.cache import CACHE_DIR, MAX_PACKS, ExtractionCache, article_key, extractor_version
from kgraph.cli import main
from kgraph.graph import canonical, checks
from kgraph.graph.checks import recheck
from kgraph.graph.store import open_graph, update_store
from kgraph.model import Article

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples" / "articles"
A = [SAMPLES / "hangzhou-keji.txt", SAMPLES / "sichuan-gbk.txt"]
B = [SAMPLES / "guangdong-page.html", SAMPLES / "stories.jsonl"]


def build(out: Path, *inputs: Path, add: bool = False) -> str:
    args = ["build", *map(str, inputs), "-o", str(out), "-q", "--no-html", "--no-validate", *(["--add"] if add else [])]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return result.stdout


def turtle(out: Path) -> bytes:
    return (out / "graph.ttl").read_bytes()


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("whole")
    build(out, *A, *B)
    return out


def test_build_then_add_is_the_build_of_both(whole: Path, tmp_path: Path) -> None:
    build(tmp_path, *A)
    assert turtle(tmp_path) != turtle(whole)
    build(tmp_path, *B, add=True)
    assert isomorphic(Graph().parse(tmp_path / "graph.ttl"), Graph().parse(whole / "graph.ttl"))
    assert turtle(tmp_path) == turtle(whole)  # canonical Turtle: even the bytes agree


def quads(out: Path) -> set[str]:
    store = open_graph(out / "graph.ttl")
    assert store.origin.startswith("store")  # the build's store, which matches its graph.ttl
    return {str(quad) for quad in store.triples()}


def test_add_updates_the_previous_store_to_the_graph_of_both(whole: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    build(tmp_path, *A, B[1])
    updates = []
    monkeypatch.setattr(pipeline, "update_store", lambda *args: updates.append(args) or update_store(*args))
    build(tmp_path, B[0], add=True)
    assert len(updates) == 1  # the previous store, changed where the Turtle changed
    assert quads(tmp_path) == quads(whole)
    build(tmp_path, B[0], add=True)  # nothing changed: the store is copied as it is
    assert len(updates) == 2 and updates[-1][3:] == ([], canonical.header())
    assert quads(tmp_path) == quads(whole)


def test_a_store_that_does_not_match_its_turtle_is_loaded_anew(whole: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    build(tmp_path, *A, B[1])
    (tmp_path / "graph.ttl").resolve().write_text("@prefix kg: <https://w3id.org/kgraph/ns#> .\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "update_store", lambda *args: pytest.fail("the store does not match graph.ttl"))
    build(tmp_path, B[0], add=True)
    assert quads(tmp_path) == quads(whole)


def test_add_checks_again_only_near_the_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def validated(out: Path, *inputs: Path, add: bool = False) -> list[str]:
        args = ["build", *map(str, inputs), "-o", str(out), "-q", "--no-html", *(["--add"] if add else [])]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        return [line for line in result.stdout.splitlines() if line.startswith("validation:")]

    expected = validated(tmp_path / "whole", *A, *B)
    validated(tmp_path / "grown", *A, B[1])
    rechecks = []
    monkeypatch.setattr(checks, "recheck", lambda *args: rechecks.append(args) or recheck(*args))
    assert validated(tmp_path / "grown", B[0], add=True) == expected
    assert len(rechecks) == 1 and len(rechecks[0][3]) < len(open_graph(tmp_path / "grown").pairs(canonical.TYPE)) / 2
    kept = (tmp_path / "grown" / "store" / checks.FINDINGS).read_text(encoding="utf-8")
    assert kept == (tmp_path / "whole" / "store" / checks.FINDINGS).read_text(encoding="utf-8")


def test_adding_articles_already_in_the_graph_changes_nothing(whole: Path, tmp_path: Path) -> None:
    build(tmp_path, *A, *B)
    before = turtle(tmp_path)
    build(tmp_path, A[0], B[1], add=True)
    assert turtle(tmp_path) == before


def test_add_extracts_only_the_new_articles(whole: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(tmp_path, *A)
    extracted: list[str] = []
    real = pipeline._safe_extract

    def counting(article: Article) -> object:
        extracted.append(article.id)
        return real(article)

    monkeypatch.setattr(pipeline, "_safe_extract", counting)
    build(tmp_path, B[0], add=True)
    assert len(extracted) == 1
    build(tmp_path, B[0], add=True)  # again: nothing to extract
    assert len(extracted) == 1


def test_add_to_an_empty_folder_is_a_build(whole: Path, tmp_path: Path) -> None:
    build(tmp_path, *A, *B, add=True)
    assert turtle(tmp_path) == turtle(whole)


def test_the_store_lists_the_articles_of_its_graph(whole: Path) -> None:
    keys = json.loads((whole / "store" / "articles.json").read_text(encoding="utf-8"))
    cache = ExtractionCache(whole / CACHE_DIR)
    articles = [cache.article(key) for key in keys]
    assert all(articles) and len({a.id for a in articles if a}) == len(keys)


def test_add_without_the_cache_is_one_clear_error(tmp_path: Path) -> None:
    build(tmp_path, *A)
    for entry in (tmp_path / CACHE_DIR).iterdir():
        entry.unlink()
    result = CliRunner().invoke(main, ["build", str(B[0]), "-o", str(tmp_path), "-q", "--add"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot add to {tmp_path}: the articles of its graph are not all in the extraction cache")
    assert "Traceback" not in result.output


def test_cache_keys_on_text_and_extractor_version(tmp_path: Path) -> None:
    article = Article("a1", "浙江省杭州市", title="t")
    assert article_key(article) == article_key(Article("a1", "浙江省杭州市", title="t", path="elsewhere.txt"))
    assert article_key(article) != article_key(Article("a1", "浙江省湖州市", title="t"))
    extraction = pipeline.extract_all([article])[0][0]
    cache = ExtractionCache(tmp_path)
    cache.put(extraction)
    assert cache.get(article) == extraction and ExtractionCache(tmp_path).get(article) is None  # not written yet
    cache.flush()
    assert ExtractionCache(tmp_path).get(article) == extraction
    assert ExtractionCache(tmp_path, version="another").get(article) is None  # a new extractor extracts again
    assert ExtractionCache(tmp_path, version="another").article(article_key(article)) == article
    assert len(extractor_version()) == 16


def test_a_broken_cache_file_is_a_miss(tmp_path: Path) -> None:
    article = Article("a1", "浙江省杭州市")
    cache = ExtractionCache(tmp_path)
    cache.put(pipeline.extract_all([article])[0][0])
    cache.flush()
    [pack] = tmp_path.glob("pack-*.pickle")
    pack.write_bytes(pack.read_bytes()[:-20])  # a killed build left it half-written
    fresh = ExtractionCache(tmp_path)
    assert fresh.get(article) is None and fresh.article(article_key(article)) is None


def test_an_older_kgraphs_cache_file_is_read(tmp_path: Path) -> None:
    article = Article("a1", "浙江省杭州市")
    extraction = pipeline.extract_all([article])[0][0]
    lean = replace(extraction, article=Article(article.id, ""))
    (tmp_path / f"{article_key(article)}.pickle").write_bytes(pickle.dumps((article, extractor_version(), lean)))
    assert ExtractionCache(tmp_path).get(article) == extraction


def test_many_packs_are_merged_into_the_articles_kept(tmp_path: Path) -> None:
    articles = [Article(f"a{i}", f"浙江省杭州市{i}") for i in range(MAX_PACKS + 2)]
    extractions = pipeline.extract_all(articles)[0]
    for extraction in extractions:  # one build each
        cache = ExtractionCache(tmp_path)
        cache.put(extraction)
        cache.flush(keep=[article_key(a) for a in articles[1:]])
    assert len(list(tmp_path.glob("pack-*.pickle"))) <= MAX_PACKS
    fresh = ExtractionCache(tmp_path)
    assert [fresh.get(a) for a in articles[1:]] == extractions[1:]
    assert fresh.get(articles[0]) is None  # not kept: no longer in the graph
