"""Regression tests of issue 11: inputs that crashed, hung or blew up a build or an eval.

Each becomes a one-line error (or, in a build, a skipped input named with its reason).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.errors import GoldError, IngestError
from kgraph.evaluate import load_gold
from kgraph.ingest.files import collect_paths, read_articles, safe_text, shown
from kgraph.limits import Limits, limit_article
from kgraph.model import Article
from kgraph.pipeline import read_inputs

GOOD = Path(__file__).resolve().parents[1] / "samples" / "articles" / "hangzhou-keji.txt"


def _line(tmp_path: Path, name: str, line: str) -> Path:
    path = tmp_path / name
    path.write_text(line + "\n", encoding="utf-8")
    return path


def _one_failure(inputs: list[str]) -> str:
    _, failures = read_inputs(inputs)
    assert len(failures) == 1, failures
    return failures[0].reason


def test_deeply_nested_json_line_is_a_skipped_input(tmp_path: Path) -> None:
    deep = _line(tmp_path, "d.jsonl", "[" * 100_000 + "]" * 100_000)
    assert _one_failure([str(deep), str(GOOD)]) == f"{deep}:1: invalid JSON: nested too deeply"


def test_huge_integer_id_is_a_clear_error(tmp_path: Path) -> None:
    path = _line(tmp_path, "big.jsonl", '{"id": ' + "9" * 5000 + ', "text": "省委书记王明出席。"}')
    assert _one_failure([str(path)]) == f"{path}:1: field 'id' is 5,000 characters long (at most 256)"


def test_small_integer_id_still_works(tmp_path: Path) -> None:
    path = _line(tmp_path, "ok.jsonl", '{"id": 42, "text": "省委书记王明出席。"}')
    [article] = read_articles(path)
    assert article.id == "42"


def test_a_number_where_text_belongs_is_named(tmp_path: Path) -> None:
    path = _line(tmp_path, "n.jsonl", '{"id": "a", "title": ' + "7" * 5000 + ', "text": "文"}')
    with pytest.raises(IngestError, match=r"n.jsonl:1: field 'title' must be a string, got the number 7777.*5,000 characters"):
        read_articles(path)


def test_lone_surrogate_in_json_is_replaced(tmp_path: Path) -> None:
    path = _line(tmp_path, "s.jsonl", '{"id": "x\\udc00", "title": "代理\\ud800对", "text": "省委书记王明出席。\\ud83d"}')
    [article] = read_articles(path)
    assert (article.id, article.title, article.text) == ("x\ufffd", "代理\ufffd对", "省委书记王明出席。\ufffd")
    assert safe_text("a\ud83d\ude00b") == "a\U0001f600b"  # a valid pair is kept


def test_lone_surrogate_build_writes_everything(tmp_path: Path) -> None:
    path = _line(tmp_path, "s.jsonl", '{"id": "x", "title": "代理\\ud800对", "text": "省委书记王明出席会议。"}')
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "out"), "-q", "--no-validate"])
    assert result.exit_code == 0, result.output
    assert "代理\ufffd对" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_self_referencing_symlink_is_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(GOOD, folder / "good.txt")
    os.symlink("x.txt", folder / "x.txt")
    articles, failures = read_inputs([str(folder)])
    assert len(articles) == 1
    assert [f.reason for f in failures] == [f"{folder / 'x.txt'}: cannot read file: symbolic link loop"]
    with pytest.raises(IngestError, match="symbolic link loop"):
        collect_paths([str(folder / "x.txt")])


@pytest.mark.skipif(sys.platform != "linux", reason="non-UTF-8 file names are a POSIX thing")
def test_non_utf8_file_name_is_read_and_shown_escaped(tmp_path: Path) -> None:
    name = os.fsdecode(b"bad\xff.txt")
    shutil.copy(GOOD, tmp_path / name)
    [article] = read_articles(tmp_path / name)
    assert article.id.startswith("bad\\xff-") and article.path == f"{tmp_path}/bad\\xff.txt"
    assert shown(tmp_path / name).endswith("bad\\xff.txt")
    result = CliRunner().invoke(main, ["build", str(tmp_path / name), "-o", str(tmp_path / "out"), "-q", "--no-validate"])
    assert result.exit_code == 0, result.output
    assert "bad\\\\xff" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")  # the id, escaped in Turtle


def test_fifo_named_txt_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    assert _one_failure([str(fifo), str(GOOD)]) == f"{fifo}: not a regular file (a FIFO)"


def test_device_named_on_the_command_line_is_refused() -> None:
    with pytest.raises(IngestError, match="unsupported file type"):
        collect_paths(["/dev/null"])


def test_long_line_is_cut_and_reported(tmp_path: Path) -> None:
    path = _line(tmp_path, "long.txt", "标题行\n" + "省委书记王明出席" * 10_000)
    articles, failures = read_inputs([str(path)], limits=Limits(max_line=1_000))
    [article] = articles
    assert max(map(len, article.text.split("\n"))) == 1_000
    [failure] = failures
    assert failure.cut and failure.reason.endswith(
        "line 2 longer than 1,000 characters cut (longest: 80,000); --max-line raises the limit"
    )


def test_long_title_is_capped() -> None:
    article = Article("a", "正文", title="标" * 1_000_000, source="源" * 300, reporters=("记" * 300,))
    limited, cut = limit_article(article, Limits(max_title=50))
    assert cut is None
    assert limited.title == "标" * 49 + "…" and len(limited.source or "") == 50 and len(limited.reporters[0]) == 50


def test_million_character_title_keeps_the_page_small(tmp_path: Path) -> None:
    text = GOOD.read_text(encoding="utf-8")
    path = _line(tmp_path, "t.jsonl", json.dumps({"id": "t", "title": "标" * 1_000_000, "text": text}, ensure_ascii=False))
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "out"), "-q", "--no-validate"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "graph.html").stat().st_size < 2_000_000
    assert (tmp_path / "out" / "graph.ttl").stat().st_size < 100_000


# ── eval on malformed gold files ──────────────────────────────────────────────

_BAD_GOLD = {
    "no-officials": ({"article": "a.txt"}, "field 'officials' must be a list"),
    "null-article": ({"article": None, "officials": []}, "field 'article' must be the article's file name"),
    "post-less": ({"article": "a.txt", "officials": [{"name": "x"}]}, "field 'officials' must be a list"),
    "bad-post": ({"article": "a.txt", "officials": [{"name": "x", "posts": [{"title": 1}]}]}, "field 'officials'"),
    "short-relation": ({"article": "a.txt", "officials": [], "relations": [["a", "b"]]}, "field 'relations' must be"),
    "relations-string": ({"article": "a.txt", "officials": [], "relations": "x"}, "field 'relations' must be"),
    "aliases": ({"article": "a.txt", "officials": [], "lab_aliases": {"x": [1]}}, "field 'lab_aliases' must be"),
    "districts": ({"article": "a.txt", "officials": [], "districts": "杭州市"}, "field 'districts' must be"),
    "list": ([1, 2], "a gold file is a JSON object"),
    "nul": ({"article": "a\u0000b", "officials": []}, r"article 'a\\x00b' not found"),
}


@pytest.mark.parametrize("case", sorted(_BAD_GOLD))
def test_malformed_gold_is_a_gold_error(tmp_path: Path, case: str) -> None:
    data, message = _BAD_GOLD[case]
    shutil.copy(GOOD, tmp_path / "a.txt")
    path = tmp_path / "g.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GoldError, match=message):
        load_gold(path)


def test_unreadable_gold_files_are_gold_errors(tmp_path: Path) -> None:
    deep, fifo = tmp_path / "deep.json", tmp_path / "fifo.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    os.mkfifo(fifo)
    with pytest.raises(GoldError, match="nested too deeply"):
        load_gold(deep)
    with pytest.raises(GoldError, match="not a regular file"):
        load_gold(fifo)


def test_eval_cli_gives_one_line_per_bad_gold_file(tmp_path: Path) -> None:
    shutil.copy(GOOD, tmp_path / "a.txt")
    for case, (data, _) in _BAD_GOLD.items():
        path = tmp_path / f"{case}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        result = CliRunner().invoke(main, ["eval", str(path)])
        assert result.exit_code == 1, result.output
        assert result.output.startswith("Error: ") and result.output.count("\n") == 1, result.output


# ── outputs: device nodes, symbolic links, export over its input ──────────────


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built")
    result = CliRunner().invoke(main, ["build", str(GOOD), "-o", str(out), "-q", "--no-validate", "--no-html"])
    assert result.exit_code == 0, result.output
    return out / "graph.ttl"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_output_device_node_is_refused(built: Path, tmp_path: Path) -> None:
    code, output = _run("export", "-g", str(built), "-o", "/dev/null")
    assert (code, output) == (1, "Error: cannot write /dev/null: it is a character device, not a regular file; refusing to replace it\n")
    assert Path("/dev/null").is_char_device()
    fifo = tmp_path / "f.html"
    os.mkfifo(fifo)
    code, output = _run("viz", "-g", str(built), "-o", str(fifo))
    assert code == 1 and "it is a FIFO, not a regular file" in output and fifo.is_fifo()


def test_output_symlink_is_written_through(built: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.trig"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.trig"
    link.symlink_to(real)
    assert _run("export", "-g", str(built), "-o", str(link))[0] == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("@prefix")
    dangling = tmp_path / "dangling.trig"
    dangling.symlink_to(tmp_path / "missing" / "x.trig")
    code, output = _run("export", "-g", str(built), "-o", str(dangling))
    assert code == 1 and "a symbolic link to a missing file" in output and dangling.is_symlink()


def test_export_never_overwrites_its_input(built: Path) -> None:
    before = built.read_bytes()
    code, output = _run("export", "-g", str(built), "-f", "turtle")
    assert code == 1 and output.startswith(f"Error: export would overwrite its input {built}")
    code, output = _run("export", "-g", str(built), "-f", "jsonld", "-o", str(built))
    assert code == 1 and "give another file with -o" in output
    assert built.read_bytes() == before


def test_export_dash_writes_standard_output(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = _run("export", "-g", str(built), "-f", "turtle", "-o", "-")
    assert code == 0 and output.startswith("@prefix") and not (tmp_path / "-").exists()


def test_long_article_is_cut_at_a_line_end() -> None:
    article = Article("a", "一二三四\n" * 100)
    limited, cut = limit_article(article, Limits(max_article=22))
    assert limited.text == "一二三四\n" * 3 + "一二三四" and cut == (
        "article longer than 22 characters cut to 19 (length: 500); --max-article raises the limit"
    )
    one_line = Article("b", "字" * 50)
    assert limit_article(one_line, Limits(max_line=100, max_article=30))[0].text == "字" * 30


def test_utf8_cut_mid_character_loses_only_that_character(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes("省委书记王明出席会议。".encode()[:-2])
    [article] = read_articles(path)
    assert article.text == "省委书记王明出席会议"


def test_folder_nested_deeper_than_the_recursion_limit(tmp_path: Path) -> None:
    chain = [tmp_path / "a"]
    for _ in range(1_199):  # os.walk recursed once per level (so do os.makedirs and shutil.rmtree)
        chain.append(chain[-1] / "a")
    try:
        for folder in chain:
            folder.mkdir()
        shutil.copy(GOOD, chain[-1] / "good.txt")
        (tmp_path / ".hidden").mkdir()
        shutil.copy(GOOD, tmp_path / ".hidden" / "skipped.txt")
        (tmp_path / "linked").symlink_to(chain[-1], target_is_directory=True)
        assert collect_paths([str(tmp_path)]) == [chain[-1] / "good.txt"]
    finally:  # pytest's clean-up of old temporary folders would recurse too deep
        (chain[-1] / "good.txt").unlink(missing_ok=True)
        for folder in reversed(chain):
            if folder.is_dir():
                folder.rmdir()


def test_a_build_never_reads_its_own_page_back(tmp_path: Path) -> None:
    shutil.copy(GOOD, tmp_path / "good.txt")
    for _ in range(2):  # the second build's input folder holds the first build's outputs
        result = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(tmp_path / "out"), "-q", "--no-validate"])
        assert result.exit_code == 0, result.output
        assert result.output.startswith("1 article, ")
