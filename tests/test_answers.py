"""The answers of the bundled queries that the build keeps with its store (kgraph.graph.answers):
the same rows and the same printed output as running the query, for this graph only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.graph import answers
from kgraph.graph import query as q
from kgraph.graph.store import GraphStore, open_graph
from kgraph.limits import DEFAULT

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles"
ONE, OTHERS = SAMPLES / "hangzhou-keji.txt", SAMPLES / "stories.jsonl"
NAMES = [name for name, _ in q.list_queries() if not q.query_parameters(q.resolve_query(name, None))]


def _build(out: Path, *inputs: Path, add: bool = False) -> Path:
    args = ["build", *map(str, inputs), "-o", str(out), "-q", "--no-html", "--no-validate", *(["--add"] if add else [])]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("answers") / "out", SAMPLES)


def _live(graph: Path, name: str, max_rows: int = DEFAULT.max_rows) -> q.QueryResult:
    """The query run in memory, kept answers not looked at."""
    from dataclasses import replace

    store = open_graph(graph, in_memory=True)
    assert store.folder is None
    return q.run_query(store, q.resolve_query(name, None), limits=replace(DEFAULT, max_rows=max_rows))


def test_there_are_parameterless_bundled_queries() -> None:
    assert {"officials", "articles", "companies"} <= set(NAMES)


def test_the_build_keeps_an_answer_for_each_query_without_parameters(built: Path) -> None:
    folder = open_graph(built / "graph.ttl").folder
    assert folder is not None and folder.name == "store"
    for name in NAMES:
        assert answers.find(folder, q.bind_parameters(q.resolve_query(name, None), {}), DEFAULT.max_rows) is not None, name


@pytest.mark.parametrize("name", NAMES)
def test_a_kept_answer_is_the_answer_of_the_query(built: Path, name: str) -> None:
    kept = q.run_query(open_graph(built / "graph.ttl"), q.resolve_query(name, None))
    live = _live(built / "graph.ttl", name)
    assert kept == live
    on_disk = GraphStore(open_graph(built / "graph.ttl").store, "the store, no kept answers")
    assert q.run_query(on_disk, q.resolve_query(name, None)) == live
    for fmt in q.FORMATS:
        assert q.format_result(kept, fmt) == q.format_result(live, fmt)


@pytest.mark.parametrize("max_rows", [1, 2, 5])
def test_a_kept_answer_is_cut_as_the_query_is(built: Path, max_rows: int) -> None:
    from dataclasses import replace

    limits = replace(DEFAULT, max_rows=max_rows)
    for name in NAMES:
        assert q.run_query(open_graph(built / "graph.ttl"), q.resolve_query(name, None), limits=limits) == _live(
            built / "graph.ttl", name, max_rows
        ), name


def test_the_command_line_prints_the_same_with_and_without_kept_answers(built: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(built, copy, symlinks=True)
    (copy / "store").resolve().joinpath(answers.ANSWERS).unlink()
    for name in ("officials", "articles"):
        for fmt in q.FORMATS:
            kept = CliRunner().invoke(main, ["query", name, "-g", str(built / "graph.ttl"), "-f", fmt])
            ran = CliRunner().invoke(main, ["query", name, "-g", str(copy / "graph.ttl"), "-f", fmt])
            assert kept.exit_code == ran.exit_code == 0, kept.output + ran.output
            assert kept.output == ran.output


def test_answers_kept_for_another_graph_are_not_used(tmp_path: Path) -> None:
    first, second = _build(tmp_path / "first", ONE), _build(tmp_path / "second", OTHERS)
    first_answers = (first / "store").resolve() / answers.ANSWERS
    shutil.copyfile(first_answers, (second / "store").resolve() / answers.ANSWERS)
    for name in NAMES:
        assert q.run_query(open_graph(second / "graph.ttl"), q.resolve_query(name, None)) == _live(second / "graph.ttl", name)


def test_a_damaged_answers_file_is_no_answer(built: Path, tmp_path: Path) -> None:
    folder = tmp_path / "store"
    shutil.copytree((built / "store").resolve(), folder)
    sparql = q.bind_parameters(q.resolve_query("officials", None), {})
    assert answers.find(folder, sparql, 10) is not None
    key, *lines = (folder / answers.ANSWERS).read_text(encoding="utf-8").splitlines()
    line = next(line for line in lines if line.startswith('{"query": "' + answers.query_key(sparql)))
    for damaged in ("", "{}", '{"key": "another"}\n' + line, key + "\n" + line[: len(line) // 2],
                    key + "\n" + line.replace('"rows": [[', '"rows": [[1, ', 1), key + "\n" + line.replace('"], ["', '"], [1, "', 1)):  # fmt: skip
        (folder / answers.ANSWERS).write_text(damaged, encoding="utf-8")
        assert answers.find(folder, sparql, 10) is None, damaged[:200]
    (folder / answers.ANSWERS).write_text(key + "\n" + line, encoding="utf-8")
    assert answers.find(folder, sparql, 10) is not None


def test_an_added_article_gives_new_answers(tmp_path: Path) -> None:
    out = _build(tmp_path / "grown", ONE)
    _build(out, OTHERS, add=True)
    for name in NAMES:
        assert q.run_query(open_graph(out / "graph.ttl"), q.resolve_query(name, None)) == _live(out / "graph.ttl", name)
