"""Validation of a changed graph checks the changed nodes and their neighbours again (graph/checks.py)
and finds what a full check finds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

from kgraph.graph import checks
from kgraph.graph.store import from_rdflib
from kgraph.graph.validate import findings
from test_validate import ARTICLE, BROKEN, KG, NINGBO, RDF, ZHEJIANG_PROVINCE, ZHENHAI, _set, valid_graph


def _untype(node: object) -> Callable[[Graph], None]:
    def change(graph: Graph) -> None:
        graph.remove((node, RDF.type, None))

    return change


# changes whose violations are about nodes whose own triples did not change
NEIGHBOURS = [
    ("parent's code changes", _set(NINGBO, KG.adminCode, "340200")),
    ("province becomes a prefecture", _set(ZHEJIANG_PROVINCE, KG.adminLevel, "prefecture")),
    ("article loses its type", _untype(ARTICLE)),
]
CASES = [(name, change) for name, change, _ in BROKEN] + NEIGHBOURS + [
    ("district loses its type", _untype(ZHENHAI)),
    ("nothing", lambda graph: None),
]


def changed_subjects(a: Graph, b: Graph) -> set[str]:
    """The subjects whose triples differ (what a build finds from the blocks of its Turtle)."""
    return {str(s) for s, _, _ in set(a) ^ set(b)}


@pytest.mark.parametrize("change", [c[1] for c in CASES], ids=[c[0] for c in CASES])
@pytest.mark.parametrize("direction", ["break", "mend"])
def test_rechecking_near_the_changes_finds_what_a_full_check_finds(change: Callable[[Graph], None], direction: str) -> None:
    good, bad = valid_graph(), valid_graph()
    change(bad)
    before, after = (good, bad) if direction == "break" else (bad, good)
    old, new = from_rdflib(before), from_rdflib(after)
    assert checks.recheck(new, old, checks.full(old), changed_subjects(before, after)) == checks.full(new)


@pytest.mark.parametrize("change", [c[1] for c in NEIGHBOURS], ids=[c[0] for c in NEIGHBOURS])
def test_these_changes_need_the_neighbours(change: Callable[[Graph], None]) -> None:
    """Checking only the changed nodes again would miss what these changes break."""
    good, bad = valid_graph(), valid_graph()
    change(bad)
    changed = changed_subjects(good, bad)
    kept = [f for f in checks.full(from_rdflib(good)) if f.node not in changed]
    assert kept + findings(from_rdflib(bad), focus=changed) != checks.full(from_rdflib(bad))


def test_findings_are_kept_with_the_store(tmp_path: Path) -> None:
    graph = valid_graph()
    _set(ZHENHAI, KG.adminLevel, "city")(graph)
    found = findings(from_rdflib(graph))
    assert found and all(f.node == str(ZHENHAI) for f in found)
    checks.save(tmp_path, found)
    assert checks.load(tmp_path) == found
    (tmp_path / checks.FINDINGS).write_text('{"checker": "another", "findings": []}', encoding="utf-8")
    assert checks.load(tmp_path) is None  # other shapes or code: checked again in full
