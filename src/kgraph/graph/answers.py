"""Answers of the bundled queries, computed by the build and kept with its store.

    OUT/store/answers.jsonl   line 1: {"key": <hash of graph.ttl's SHA-256, the query code, pyoxigraph's version>}
                              then one line per query: {"query": <SHA-256 of its text>, "columns": […],
                                                        "rows": […], "truncated": false}

A query over the on-disk store reads its rows through RocksDB, several times slower than
Oxigraph in memory: ``officials`` on the xwlb graph (10,000 rows) took 0.3 s to fetch, most
of ``kgraph query officials``'s wall time. The build keeps the answer of every bundled query
that takes no parameter (:func:`kgraph.graph.query.bundled_answers`), and
:func:`kgraph.graph.query.run_query` takes a query's rows from here when its text is one of
them: the same rows the store gives (a test compares the two). One line per query, so a
reader parses the answer it wants and no other.

An answer is used only for the graph it was computed from (the store's ``source.json``
records graph.ttl's SHA-256) and by the code that computed it: the key also hashes the query
module and this one, and pyoxigraph's version. Anything missing, unreadable or of another
key is no answer: the query runs on the store. Only strings are read (JSON), never code.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph.errors import OutputError

if TYPE_CHECKING:
    from kgraph.graph.query import QueryResult

__all__ = ["ANSWERS", "find", "query_key", "save"]

ANSWERS = "answers.jsonl"
_STAMP = "source.json"  # kgraph.graph.store's record of the graph file the store was made from


def query_key(sparql: str) -> str:
    """The key of a query's answer: a hash of its text (parameters already bound)."""
    return hashlib.sha256(sparql.encode("utf-8")).hexdigest()


@cache
def _code_version() -> str:
    import pyoxigraph

    digest = hashlib.sha256(str(getattr(pyoxigraph, "__version__", "")).encode("utf-8"))
    for module in ("query.py", "answers.py", "store.py"):
        digest.update(Path(__file__).with_name(module).read_bytes())
    return digest.hexdigest()[:16]


def _folder_key(folder: Path) -> str | None:
    """The key answers kept in the store folder ``folder`` must have: None when it has no record of its graph file."""
    try:
        source = json.loads((folder / _STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    sha = source.get("sha256") if isinstance(source, dict) else None
    return f"{sha}:{_code_version()}" if isinstance(sha, str) else None


def save(folder: Path, answers: dict[str, QueryResult]) -> None:
    """Keep ``answers`` (query key → answer) in the store folder ``folder``, for its graph."""
    key = _folder_key(folder)
    if key is None:
        return
    lines = [json.dumps({"key": key})]
    for query, answer in sorted(answers.items()):
        record = {"query": query, "columns": list(answer.columns), "rows": answer.rows, "truncated": answer.truncated}
        lines.append(json.dumps(record, ensure_ascii=False))
    try:
        (folder / ANSWERS).write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write {folder / ANSWERS}: {exc.strerror or exc}") from exc


def find(folder: Path, sparql: str, max_rows: int) -> QueryResult | None:
    """The kept answer to ``sparql`` in the store folder ``folder``, cut to ``max_rows`` rows;
    None when there is none for this graph and code, or it holds fewer rows than asked for."""
    try:
        with (folder / ANSWERS).open(encoding="utf-8") as handle:
            if json.loads(handle.readline()).get("key") != _folder_key(folder):
                return None
            wanted = json.dumps({"query": query_key(sparql)})[:-1] + ","
            line = next((line for line in handle if line.startswith(wanted)), None)
        return None if line is None else _answer(json.loads(line), max_rows)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def _answer(record: dict[str, Any], max_rows: int) -> QueryResult | None:
    from kgraph.graph.query import QueryResult

    rows, truncated = record["rows"], bool(record["truncated"])
    if truncated and len(rows) < max_rows:  # kept cut shorter than this caller reads
        return None
    columns = tuple(str(c) for c in record["columns"])
    kept = tuple(tuple(row) for row in rows[:max_rows])
    if any(len(row) != len(columns) or not all(isinstance(c, str) for c in row) for row in kept):
        return None
    return QueryResult(columns, kept, truncated or len(rows) > max_rows)
