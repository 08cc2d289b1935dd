"""The documentation keeps up with the code: help texts, README sections, queries, dependencies."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click
import pytest
from rdflib import Graph

from kgraph.cli import main
from kgraph.graph.namespace import KG
from kgraph.graph.query import list_queries, query_parameters, resolve_query, run_query

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)
QUERIES = [name for name, _ in list_queries()]


def section(title: str) -> str:
    """The README text under the heading ``title`` up to the next heading of the same or a higher level."""
    match = re.search(rf"^(#+) {re.escape(title)}\s*$", README, re.MULTILINE)
    assert match, f"README has no heading {title!r}"
    level = len(match.group(1))
    rest = README[match.end() :]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.MULTILINE)
    return rest[: end.start()] if end else rest


def options(command: click.Command) -> list[click.Option]:
    return [p for p in command.params if isinstance(p, click.Option)]


def dependencies() -> tuple[list[str], list[str]]:
    """(runtime, test extras) package names from pyproject.toml."""
    if sys.version_info >= (3, 11):
        import tomllib

        project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        runtime, test = project["dependencies"], project["optional-dependencies"]["test"]
    else:  # Python 3.10: the installed metadata says the same
        from importlib.metadata import requires

        reqs = requires("kgraph") or []
        runtime = [r for r in reqs if "extra ==" not in r]
        test = [r.split(";")[0] for r in reqs if 'extra == "test"' in r]
    name = re.compile(r"^[A-Za-z0-9._-]+")
    return [name.match(r).group() for r in runtime], [name.match(r).group() for r in test]


def normalised(package: str) -> str:
    return re.sub(r"[-_.]+", "-", package).lower()


# ── help ─────────────────────────────────────────────────────────────────────


def test_group_has_help() -> None:
    assert main.help and main.help.strip()
    assert all(opt.help for opt in options(main))


@pytest.mark.parametrize("name", COMMANDS)
def test_command_and_options_have_help(name: str) -> None:
    command = main.commands[name]
    assert command.help and command.help.strip(), f"kgraph {name} has no help"
    missing = [opt.name for opt in options(command) if not (opt.help and opt.help.strip())]
    assert missing == [], f"kgraph {name}: options without help"
    for argument in (p for p in command.params if isinstance(p, click.Argument)):
        assert argument.human_readable_name.rstrip(".") in command.help, f"{name}: {argument.name} not explained"


# ── README ───────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_documented_with_every_option(name: str) -> None:
    text = section(f"`kgraph {name}`")
    for opt in options(main.commands[name]):
        for flag in opt.opts + opt.secondary_opts:
            if flag not in ("-h", "--help"):
                assert f"`{flag}" in text, f"README's kgraph {name} section does not mention {flag}"


def query_columns(name: str) -> list[str]:
    sparql = resolve_query(name, None)
    result = run_query(Graph(), sparql, {p: "" for p in query_parameters(sparql)})
    return list(result.columns)


@pytest.mark.parametrize("name", QUERIES)
def test_named_query_is_documented_with_its_columns(name: str) -> None:
    rows = [line for line in section("Named queries").splitlines() if line.startswith(f"| `{name}` |")]
    assert len(rows) == 1, f"README's named-query table has no row for {name}"
    columns = [c.strip() for c in rows[0].split("|")[2].split(",")]
    assert columns == query_columns(name)


def test_every_ontology_term_is_in_the_ontology_section() -> None:
    text = section("The ontology at a glance")
    missing = [term for term in KG.__annotations__ if f"`kg:{term}`" not in text]
    assert missing == []


@pytest.mark.parametrize("kind", ["runtime", "test"])
def test_every_dependency_is_explained(kind: str) -> None:
    runtime, test = dependencies()
    explained = {
        normalised(m) for m in re.findall(r"^\| `([^`]+)` \|", section("Why each dependency"), re.MULTILINE)
    }
    packages = runtime if kind == "runtime" else test
    assert [p for p in packages if normalised(p) not in explained] == []


def test_quick_start_is_two_single_line_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", section("Quick start"), re.DOTALL)
    assert [len(b.strip().splitlines()) for b in blocks] == [1, 1]
    setup, tests = (b.strip() for b in blocks)
    assert "pip install -e ." in setup and setup.endswith("kgraph build samples/articles")
    assert tests == "bash .ci/run"


def test_ci_script_is_the_documented_test_command() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert script.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in script
    for step in ("pip install -e '.[test]'", "scripts/setup-browser.sh", "-m ruff check", "-m mypy", "-m pytest"):
        assert step in script


def test_layout_names_every_module() -> None:
    text = section("Layout")
    package = REPO / "src" / "kgraph"
    modules = sorted(
        p.relative_to(package).name
        for p in package.rglob("*.py")
        if not p.name.startswith("__")
    )
    assert [m for m in modules if not re.search(rf"\b{re.escape(m)}\b", text)] == []


def test_readme_shows_the_screenshot() -> None:
    assert "](output/screenshot.png)" in section("The graph page")


def test_measured_section_exists() -> None:
    assert section("Measured").strip()
