"""The package reads as its data flow: stages in their own folders, no stage reaching into another's privates."""

from __future__ import annotations

import ast
from pathlib import Path

import kgraph

PACKAGE = Path(kgraph.__file__).resolve().parent
STAGES = ("resources", "ingest", "extract", "resolve", "graph", "views")  # resources: shared knowledge, first


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else module


def _imports() -> list[tuple[str, str, str]]:
    """(importing module, imported module, name) for every ``from kgraph… import name``."""
    out = []
    for path in PACKAGE.rglob("*.py"):
        module = "kgraph." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kgraph"):
                out += [(module, node.module, alias.name) for alias in node.names]
    return out


def test_the_top_level_folders_are_the_pipeline_stages() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == set(STAGES)


def test_no_module_imports_a_private_name_of_another_stage() -> None:
    crossing = [(a, b, n) for a, b, n in _imports() if n.startswith("_") and not n.startswith("__") and _stage(a) != _stage(b)]
    assert crossing == []


def test_earlier_stages_never_import_later_ones() -> None:
    order = {stage: i for i, stage in enumerate(STAGES)}
    backwards = [
        (a, b)
        for a, b, _ in _imports()
        if _stage(a) in order and _stage(b) in order and order[_stage(b)] > order[_stage(a)]
    ]
    assert backwards == []
