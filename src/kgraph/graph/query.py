"""The query stage: named SPARQL queries over a kgraph graph, and their output formats.

Named queries are data: ``src/kgraph/queries/<name>.rq``, each starting with a
``# description`` line. A query may take parameters written ``$name`` (see
:func:`run_query`). Results are plain strings so every output format is simple::

    sparql = resolve_query("officials", stdin_text=None)
    result = run_query(graph, sparql)
    text = format_result(result, "table")
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from pyparsing import ParseException
from rdflib import Graph, Literal
from rdflib.query import Result

from kgraph.errors import IngestError, QueryError
from kgraph.graph.guard import check_query, first_rows, offline, watchdog
from kgraph.graph.namespace import PREFIXES
from kgraph.ingest.files import read_regular
from kgraph.limits import DEFAULT, Limits

__all__ = [
    "FORMATS",
    "QueryResult",
    "format_result",
    "list_queries",
    "query_parameters",
    "resolve_query",
    "run_query",
]

#: Output formats of :func:`format_result`.
FORMATS = ("table", "csv", "json")

_QUERY_DIR = "queries"
# SPARQL tokens: long and short strings, IRIs and comments are matched (and skipped) so that
# only a $name outside them is a parameter.
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|\#[^\n]*"
    r"|\$(?P<name>[A-Za-z_][A-Za-z0-9_]*)",
    re.DOTALL,
)


@dataclass(frozen=True)
class QueryResult:
    """The answer to a query: column names and rows of plain strings ("" for unbound).

    ``truncated``: the query had more rows than the row limit; ``rows`` holds the first ones.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    truncated: bool = False
    turtle: str | None = None  # a CONSTRUCT or DESCRIBE answer as Turtle (its rows are the triples)

    def limited(self, limit: int | None) -> QueryResult:
        """The first ``limit`` rows (all when ``limit`` is None)."""
        return self if limit is None else replace(self, rows=self.rows[:limit])


def _named_queries() -> dict[str, str]:
    """Every bundled query: name → SPARQL text."""
    folder = resources.files("kgraph.graph").joinpath(_QUERY_DIR)
    return {
        entry.name.removesuffix(".rq"): entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".rq")
    }


def _description(sparql: str) -> str:
    first = sparql.lstrip().splitlines()[0] if sparql.strip() else ""
    return first.lstrip("#").strip() if first.startswith("#") else ""


def list_queries() -> list[tuple[str, str]]:
    """The named queries as (name, description) pairs, sorted by name."""
    return sorted((name, _description(text)) for name, text in _named_queries().items())


def resolve_query(name_or_path: str, stdin_text: str | None) -> str:
    """The SPARQL text meant by ``name_or_path``.

    ``"-"`` means ``stdin_text`` (the caller read it); a name from
    :func:`list_queries` means that bundled query; anything ending in ``.rq`` or
    containing a path separator is read as a file. Raises ``QueryError`` for an
    unknown name (listing the valid ones), a missing file, or "-" without text.
    """
    if name_or_path == "-":
        if stdin_text is None or not stdin_text.strip():
            raise QueryError("query '-' means SPARQL on standard input, but none was given")
        return stdin_text
    named = _named_queries()
    if name_or_path in named:
        return named[name_or_path]
    if name_or_path.endswith(".rq") or "/" in name_or_path or "\\" in name_or_path:
        path = Path(name_or_path)
        try:
            return read_regular(path).decode("utf-8")
        except IngestError as exc:  # missing, unreadable, or a FIFO or device (never waited on)
            raise QueryError(f"cannot read query file {exc}") from exc
        except UnicodeDecodeError as exc:
            raise QueryError(f"cannot read query file {path}: {exc}") from exc
    valid = ", ".join(sorted(named))
    raise QueryError(
        f"unknown query {name_or_path!r}; valid names are: {valid} "
        "(or give a .rq file path, or '-' to read SPARQL from standard input)"
    )


def query_parameters(sparql: str) -> list[str]:
    """The ``$name`` parameters a query uses, sorted (strings, IRIs, comments skipped)."""
    return sorted({m.group("name") for m in _TOKENS.finditer(sparql) if m.group("name")})


def _bindings(sparql: str, params: dict[str, str]) -> dict[str, Literal]:
    wanted = query_parameters(sparql)
    unknown = sorted(set(params) - set(wanted))
    if unknown:
        takes = ", ".join(wanted) if wanted else "no parameters"
        raise QueryError(f"unknown query parameter {', '.join(unknown)}; this query takes: {takes}")
    missing = [name for name in wanted if name not in params]
    if missing:
        needed = " ".join(f"--param {name}=VALUE" for name in missing)
        raise QueryError(f"this query needs a value for {', '.join(missing)} ({needed})")
    return {name: Literal(value) for name, value in params.items()}


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _to_result(answer: Result, max_rows: int) -> QueryResult:
    if answer.type == "ASK":
        return QueryResult(("ask",), (("true" if answer.askAnswer else "false",),))
    if answer.type in ("CONSTRUCT", "DESCRIBE"):
        rows = sorted(tuple(_text(term) for term in triple) for triple in answer if isinstance(triple, tuple))
        return QueryResult(("subject", "predicate", "object"), tuple(rows[:max_rows]), len(rows) > max_rows,
                           _turtle(answer.graph))  # fmt: skip
    columns = tuple(str(var) for var in answer.vars or ())
    rows, cut = first_rows((tuple(_text(v) for v in row) for row in answer if isinstance(row, tuple)), max_rows)
    return QueryResult(columns, tuple(rows), cut)


def _turtle(graph: Graph | None) -> str:
    """A CONSTRUCT/DESCRIBE answer as Turtle with kgraph's prefixes."""
    answer = Graph()
    for prefix, namespace in PREFIXES.items():
        answer.bind(prefix, namespace)
    for triple in graph if graph is not None else ():
        answer.add(triple)
    return answer.serialize(format="turtle")


def run_query(graph: Graph, sparql: str, params: dict[str, str] | None = None, limits: Limits = DEFAULT) -> QueryResult:
    """Run a SPARQL query on ``graph`` and return its columns and rows as strings.

    Parameters: a query marks a parameter by writing a variable as ``$name``
    (outside strings and comments); ``params`` must give a value for each, and
    nothing else. Each value is bound to its variable as a plain RDF literal
    (``xsd:string``) before the query runs — the value is never pasted into the
    query text, so quotes or braces in it cannot change the query. Compare it with
    ``STR(...)``, e.g. ``FILTER (STR(?label) = STR($district))``.

    The kgraph prefixes (kg:, id:, rdfs:, dcterms: …) are predeclared. An ASK
    query gives one column "ask"; CONSTRUCT/DESCRIBE give sorted subject,
    predicate, object rows. Raises ``QueryError`` for bad parameters, SPARQL
    syntax errors (with the parser's reason) and failures while running.

    A query never reaches the network (SERVICE and FROM are refused, see
    :mod:`kgraph.graph.guard`), is stopped after ``limits.query_seconds``, and
    returns at most ``limits.max_rows`` rows (``truncated`` tells when there were more).
    """
    bindings = _bindings(sparql, params or {})
    check_query(sparql)
    try:
        with offline("SPARQL query"), watchdog(limits):
            answer = graph.query(sparql, initNs=dict(PREFIXES), initBindings=bindings)
            return _to_result(answer, limits.max_rows)
    except QueryError:
        raise
    except ParseException as exc:
        near = exc.line[exc.col - 1 :][:40].strip()
        where = f" near {near!r}" if near else ""
        raise QueryError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}{where}: {exc.msg}") from exc
    except Exception as exc:  # rdflib's evaluator raises many unrelated exception types
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise QueryError(f"SPARQL query failed: {reason}") from exc


# ----------------------------------------------------------------- formats


def _width(text: str) -> int:
    """Terminal columns ``text`` takes: wide (CJK) characters 2, combining marks 0."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
        for c in text
    )


def _cell(text: str) -> str:
    return "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)


def _format_table(result: QueryResult) -> str:
    rows = [[_cell(c) for c in row] for row in ((*result.columns,), *result.rows)]
    widths = [max(_width(row[i]) for row in rows) for i in range(len(result.columns))]
    rows.insert(1, ["-" * w for w in widths])
    lines = ["  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines) + "\n"


def _format_csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows(result.rows)
    return buffer.getvalue()


def _format_json(result: QueryResult) -> str:
    records = [dict(zip(result.columns, row)) for row in result.rows]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


_FORMATTERS = {"table": _format_table, "csv": _format_csv, "json": _format_json}


def format_result(result: QueryResult, fmt: str) -> str:
    """``result`` as text in format ``fmt``, ending with a newline.

    "table": a header, a dashed rule and rows, columns aligned for a terminal
    (CJK characters count as two columns; control characters become spaces).
    "csv": a header row, then the rows (``csv`` module quoting).
    "json": an array with one object per row, keyed by column name, not
    ASCII-escaped. A CONSTRUCT or DESCRIBE answer is printed as Turtle in "table"
    format (as subject, predicate, object rows in csv and json). The format's case does not matter. Raises
    ``QueryError`` for any other format, listing the valid ones.
    """
    fmt = fmt.lower()
    if fmt == "table" and result.turtle is not None:
        return result.turtle
    if fmt not in _FORMATTERS:
        raise QueryError(f"unknown output format {fmt!r}; valid formats are: {', '.join(FORMATS)}")
    return _FORMATTERS[fmt](result)
