"""CLI conventions: --limit, any-case --format, JSON output, the analyst commands, shell
completion and the progress bar, on the bundled samples."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kgraph.cli import _ProgressBar, main

REPO = Path(__file__).resolve().parents[1]


def run(*args: object, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], env=env, prog_name="kgraph")


@pytest.fixture(scope="module")
def g(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("conventions")
    result = run("build", REPO / "samples" / "articles", "-o", out, "-q", "--no-html", "--no-validate")
    assert result.exit_code == 0, result.output
    return out / "graph.ttl"


def test_format_is_case_insensitive_and_limit_cuts_rows(g: Path) -> None:
    result = run("query", "officials", "-g", g, "--format", "CSV", "--limit", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("name,title,region,")
    assert len(result.stdout.splitlines()) == 3
    assert run("query", "officials", "-g", g, "--limit", "0", "-f", "Json").stdout == "[]\n"


@pytest.mark.parametrize("args", [("stats",), ("explain", "周启明"), ("path", "周启明", "湖州市安吉县"),
                                  ("career", "周启明"), ("in-region", "湖州市")])  # fmt: skip
def test_json_output(g: Path, args: tuple[str, ...]) -> None:
    result = run(*args, "-g", g, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)


def test_stats_json_has_the_text_figures(g: Path) -> None:
    figures = json.loads(run("stats", "-g", g, "-f", "json", "-k", "2").stdout)
    assert (figures["nodes"], figures["edges"], figures["isolated"]) == (67, 58, 11)
    assert figures["top_degree"][0] == {"id": "https://w3id.org/kgraph/id/district/330000", "label": "浙江省",
                                        "type": "district", "value": 6.0}  # fmt: skip


def test_career_table_and_json(g: Path) -> None:
    result = run("career", "周启明", "-g", g)
    assert result.stdout == (
        "official       title     region  status   first       last        articles\n"
        "-------------  --------  ------  -------  ----------  ----------  --------\n"
        "周启明@330000  省委书记  浙江省  current  2024-05-16  2024-05-16  1\n"
    )
    [step] = json.loads(run("career", "周启明", "-g", g, "-f", "json").stdout)
    assert step == {"official": "周启明@330000", "title": "省委书记", "region": "浙江省", "status": "current",
                    "first": "2024-05-16", "last": "2024-05-16", "articles": 1}  # fmt: skip


@pytest.mark.parametrize("name, error", [
    ("湖州市", "Error: '湖州市' is no official (it is a district); `kgraph query officials` lists officials\n"),
    ("无名氏", "Error: no entity is called '无名氏'; "),
])  # fmt: skip
def test_career_errors_are_one_line(g: Path, name: str, error: str) -> None:
    result = run("career", name, "-g", g)
    assert result.exit_code == 1
    assert result.stderr.startswith(error) and result.stderr.count("\n") == 1


def test_in_region_is_transitive_and_limited(g: Path) -> None:
    rows = json.loads(run("in-region", "浙江省", "-g", g, "-f", "json").stdout)
    assert {"type": "company", "name": "浙江东衡新材料集团", "detail": "", "within": "湖州市安吉县"} in rows
    assert len(json.loads(run("in-region", "浙江省", "-g", g, "-f", "json", "--limit", "3").stdout)) == 3


def test_explain_lists_the_articles_and_takes_organ_short_names(g: Path) -> None:
    text = run("explain", "周启明", "-g", g).stdout
    assert "\nmentioned in 1 article:\n  hangzhou-keji-" in text
    data = json.loads(run("explain", "国务院", "-g", g, "-f", "json").stdout)
    assert [f["subject"] for f in data["facts"]] == ["王振华"]
    holders = run("query", "post-holders", "-g", g, "-p", "title=总理", "-p", "region=国务院", "-p", "date=2025-01-01")
    assert "王振华" in holders.stdout


def test_shell_completion_script() -> None:
    result = run(env={"_KGRAPH_COMPLETE": "bash_source"})
    assert result.exit_code == 0
    assert "_kgraph_completion" in result.stdout and "complete " in result.stdout


def test_progress_bar_shows_n_of_total_and_no_absurd_eta() -> None:
    out = io.StringIO()
    bar = _ProgressBar(enabled=True, file=out, force=True, mininterval=0)
    bar.start(40)
    first = out.getvalue()
    assert "extracting" in first and "0/40" in first and "<?" in first  # no ETA before any article is done
    for _ in range(40):
        bar.update(1)
    assert "40/40" in out.getvalue()
    bar.finish()


def test_progress_bar_is_off_when_quiet_or_not_a_terminal() -> None:
    out = io.StringIO()
    for bar in (_ProgressBar(enabled=False, file=out, force=True), _ProgressBar(enabled=True, file=out)):
        bar.start(10)
        bar.update(10)
        bar.finish()
    assert out.getvalue() == ""


def test_mentions_lists_articles_with_id_date_title_url(g: Path) -> None:
    [row] = json.loads(run("mentions", "周启明", "-g", g, "-f", "JSON").stdout)
    assert row["id"].startswith("hangzhou-keji-") and row["date"] == "2024-05-16T18:42:07"
    assert row["title"] == "全省科技创新与产业融合推进会在杭州召开" and row["url"] == ""
    result = run("mentions", "无名氏", "-g", g)
    assert result.exit_code == 1 and result.stderr.startswith("Error: no entity is called '无名氏'")


@pytest.mark.parametrize(
    "args, error",
    [
        (["build"], "Error: Missing argument 'INPUTS...'. (see `kgraph build --help`)"),
        (["query", "officials", "-f", "xml"], "Error: Invalid value for '-f' / '--format': 'xml' is not one of 'table', 'csv', 'json'. (see `kgraph query --help`)"),
        (["nosuchcommand"], "Error: No such command 'nosuchcommand'. (see `kgraph --help`)"),
    ],
)
def test_a_usage_error_from_the_command_line_is_one_line(args: list[str], error: str) -> None:
    done = subprocess.run([sys.executable, "-m", "kgraph", *args], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr.replace("python -m kgraph", "kgraph"), done.stdout) == (2, error + "\n", "")


def test_a_query_whose_parameters_match_nothing_says_so(g: Path) -> None:
    result = run("query", "in-district", "-g", g, "-p", "district=不存在区")
    assert result.exit_code == 0
    assert result.stderr.startswith("note: no rows for district=不存在区; names must be written as the graph has them")


def test_kgraph_alone_prints_the_help_not_a_squashed_error() -> None:
    done = subprocess.run([sys.executable, "-m", "kgraph"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "Usage:" in done.stderr and "\n  build " in done.stderr  # the command list, one per line
