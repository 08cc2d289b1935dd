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
import functools
import io
import json
import os
import pickle
import re
import select
import signal
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph.errors import IngestError, QueryError
from kgraph.graph import answers
from kgraph.graph.guard import MAX_GROWTH, check_query, first_rows, offline, watchdog
from kgraph.graph.store import GraphStore, from_rdflib
from kgraph.limits import DEFAULT, Limits

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = [
    "FORMATS",
    "QueryResult",
    "bind_parameters",
    "bundled_answers",
    "format_result",
    "list_queries",
    "query_parameters",
    "resolve_query",
    "run_query",
    "string_literal",
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
        from kgraph.ingest.files import read_regular  # not imported for a bundled query: `kgraph query` starts faster

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


def _check_params(sparql: str, params: dict[str, str]) -> None:
    wanted = query_parameters(sparql)
    unknown = sorted(set(params) - set(wanted))
    if unknown:
        takes = ", ".join(wanted) if wanted else "no parameters"
        raise QueryError(f"unknown query parameter {', '.join(unknown)}; this query takes: {takes}")
    missing = [name for name in wanted if name not in params]
    if missing:
        needed = " ".join(f"--param {name}=VALUE" for name in missing)
        raise QueryError(f"this query needs a value for {', '.join(missing)} ({needed})")


_ESCAPE = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def string_literal(value: str) -> str:
    """``value`` as one SPARQL string-literal token: every quote, backslash and line break escaped."""
    return '"' + "".join(_ESCAPE.get(c, c) for c in value) + '"'


def bind_parameters(sparql: str, params: dict[str, str]) -> str:
    """``sparql`` with each ``$name`` token (outside strings, IRIs and comments) replaced by
    its value as one escaped string literal, so no value can change the query's structure."""
    _check_params(sparql, params)

    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        return string_literal(params[name]) if name else match.group(0)

    return _TOKENS.sub(replace, sparql)


def _text(term: Any) -> str:
    return "" if term is None else str(term.value)


# --------------------------------------------------------------- ORDER BY in Python
#
# Oxigraph's on-disk store decodes each string from RocksDB at every comparison of a sort:
# ORDER BY over 4,400 rows takes 0.5 s there, 0.05 s in memory. A final ORDER BY whose keys
# are plain (?v, STR(?v), COALESCE(STR(?v), ""), COALESCE(?v, ""), each maybe in ASC()/DESC())
# is therefore done here, after the rows are fetched, with SPARQL's ordering: unbound first,
# then blank nodes, IRIs, literals; numbers by value, other literals by their text.

_VAR = r"[?$](?P<var>[A-Za-z_][A-Za-z0-9_]*)"
_PLAIN_KEY = re.compile(
    rf"(?P<dir>ASC|DESC)?\s*\(?\s*(?:{_VAR}|(?P<fn>STR|COALESCE)\s*\(\s*(?:STR\s*\(\s*[?$](?P<var2>\w+)\s*\)|[?$](?P<var3>\w+))"
    r'\s*(?:,\s*""\s*)?\))\s*\)?\s*',
    re.IGNORECASE,
)
_ORDER_BY = re.compile(r"\bORDER\s+BY\s+(?P<keys>[^{}]*)\Z", re.IGNORECASE | re.DOTALL)
_NUMERIC = ("integer", "decimal", "double", "float", "long", "int", "short", "byte", "nonNegativeInteger",
            "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt")  # fmt: skip


@dataclass(frozen=True)
class _SortKey:
    var: str
    descending: bool
    as_text: bool  # STR(?v) or COALESCE(..., ""): compare the text, unbound as ""


def _split_order(sparql: str) -> tuple[str, list[_SortKey]] | None:
    """The query without its final ORDER BY, and that clause's keys, if all keys are plain."""
    code = _TOKENS.sub(lambda m: " " * len(m.group(0)) if m.group(0).startswith("#") else m.group(0), sparql)
    found = _ORDER_BY.search(code.rstrip())
    if found is None or code.count("{") != code.count("}"):
        return None
    keys, text, pos = [], found.group("keys").strip(), 0
    while pos < len(text):
        match = _PLAIN_KEY.match(text, pos)
        if match is None or match.end() == pos:
            return None
        var = match.group("var") or match.group("var2") or match.group("var3")
        keys.append(_SortKey(var, (match.group("dir") or "").upper() == "DESC", bool(match.group("fn"))))
        pos = match.end()
    return sparql[: found.start()], keys


def _term_order(term: Any) -> tuple[int, int, float, str]:
    import pyoxigraph as ox

    if term is None:
        return (0, 0, 0.0, "")
    if isinstance(term, ox.BlankNode):
        return (1, 0, 0.0, term.value)
    if isinstance(term, ox.NamedNode):
        return (2, 0, 0.0, term.value)
    datatype = term.datatype.value.rsplit("#", 1)[-1] if term.datatype is not None else ""
    if datatype in _NUMERIC:
        try:
            return (3, 0, float(term.value), term.value)
        except ValueError:
            pass
    return (3, 1, 0.0, term.value)


def _sort_rows(rows: list[Any], columns: tuple[str, ...], keys: list[_SortKey]) -> list[Any]:
    for key in reversed(keys):  # stable sorts, last key first
        rows.sort(key=_key_function(columns.index(key.var), key.as_text), reverse=key.descending)
    return rows


def _key_function(i: int, as_text: bool) -> Callable[[Any], Any]:
    if as_text:
        return lambda row: "" if row[i] is None else row[i].value
    return lambda row: _term_order(row[i])


def _run(store: GraphStore, text: str, max_rows: int) -> QueryResult:
    import pyoxigraph as ox

    split = _split_order(text)
    if split is not None:
        answer = store.query(split[0])
        if isinstance(answer, ox.QuerySolutions):
            columns = tuple(var.value for var in answer.variables)
            if all(key.var in columns for key in split[1]):
                rows = _sort_rows([tuple(row) for row in answer], columns, split[1])
                kept = tuple(tuple(_text(t) for t in row) for row in rows[:max_rows])
                return QueryResult(columns, kept, len(rows) > max_rows)
    return _to_result(store.query(text), max_rows)


def _run_explained(store: GraphStore, text: str, max_rows: int) -> QueryResult:
    """:func:`_run`, a syntax error said with its line, column and reason."""
    try:
        return _run(store, text, max_rows)
    except QueryError as exc:
        if isinstance(exc.__cause__, SyntaxError):
            raise QueryError(_syntax_message(text, str(exc.__cause__))) from exc.__cause__
        raise


def _to_result(answer: Any, max_rows: int) -> QueryResult:
    import pyoxigraph as ox

    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(("ask",), (("true" if bool(answer) else "false",),))
    if isinstance(answer, ox.QueryTriples):
        triples = list(answer)
        rows = sorted(tuple(_text(term) for term in (t.subject, t.predicate, t.object)) for t in triples)
        return QueryResult(("subject", "predicate", "object"), tuple(rows[:max_rows]), len(rows) > max_rows,
                           _turtle(triples))  # fmt: skip
    columns = tuple(var.value for var in answer.variables)
    kept, cut = first_rows((tuple(_text(row[i]) for i in range(len(columns))) for row in answer), max_rows)
    return QueryResult(columns, tuple(kept), cut)


def _turtle(triples: list[Any]) -> str:
    """A CONSTRUCT/DESCRIBE answer as Turtle with kgraph's prefixes."""
    import pyoxigraph as ox

    from kgraph.graph.store import PREFIX_IRIS

    return bytes(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIX_IRIS) or b"").decode("utf-8")


def _in_child(work: Callable[[], QueryResult], limits: Limits) -> QueryResult:
    """``work()`` in a forked child process, killed at the time limit or when it grows too big.

    pyoxigraph evaluates a query in native code, where no Python exception reaches it and
    which a thread cannot be made to leave: only a process can be stopped. The child shares
    the parent's open store (fork copies nothing until written) and sends back the rows.
    """
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, send, exit without running any cleanup of the parent's
        os.close(reader)
        try:
            payload = pickle.dumps(("ok", work(), ""))
        except BaseException as exc:  # handed to the parent, with its cause as text  # noqa: BLE001
            cause = exc.__cause__
            payload = pickle.dumps(("error", str(exc) if isinstance(exc, QueryError) else f"SPARQL query failed: {exc!r}",
                                    f"{type(cause).__name__}: {cause}" if cause is not None else ""))  # fmt: skip
        with os.fdopen(writer, "wb") as out:
            out.write(payload)
        os._exit(0)
    os.close(writer)
    return _wait_child(pid, reader, limits)


def _wait_child(pid: int, reader: int, limits: Limits) -> QueryResult:
    deadline, chunks = time.monotonic() + limits.query_seconds, []
    try:
        while True:
            ready, _, _ = select.select([reader], [], [], 0.05)
            if ready:
                chunk = os.read(reader, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
            elif time.monotonic() > deadline:
                raise QueryError(f"query stopped after {limits.query_seconds:g} s (the time limit; --timeout raises it)")
            elif _rss(pid) > MAX_GROWTH:
                raise QueryError(f"query stopped: it needed more than {MAX_GROWTH >> 30} GiB of memory")
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        os.close(reader)
        os.waitpid(pid, 0)
    kind, value, cause = pickle.loads(b"".join(chunks)) if chunks else ("error", "the query process died", "")
    if kind == "error" or not isinstance(value, QueryResult):
        raise QueryError(str(value)) from (_InChild(cause) if cause else None)
    return value


class _InChild(Exception):
    """The cause of an error in the query's child process, as it said it."""


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _bounded(work: Callable[[], QueryResult], limits: Limits) -> QueryResult:
    """``work()`` within the time and memory limits: in a child process where there is fork,
    else in this thread under the watchdog (which stops Python code, not native code)."""
    if hasattr(os, "fork"):
        return _in_child(work, limits)
    with watchdog(limits):
        return work()


_SYNTAX = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
_UPDATES = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})
_PROLOGUE = re.compile(r"\s*(?:#[^\n]*\n\s*|(?:PREFIX|BASE)\s+[^<]*<[^>]*>\s*)*", re.IGNORECASE)


def _syntax_message(sparql: str, reason: str) -> str:
    first = sparql[_PROLOGUE.match(sparql).end() :].split(maxsplit=1)[:1]  # type: ignore[union-attr]
    if first and first[0].upper() in _UPDATES:
        return f"SPARQL {first[0].upper()} is an update; kgraph only reads the graph (it is rebuilt by `kgraph build`)"
    if first and first[0].upper() not in _FORMS:
        return f"SPARQL syntax error: a query starts with {', '.join(_FORMS)} (after any PREFIX lines), not {first[0][:20]!r}"
    found = _SYNTAX.search(reason)
    if found is None:
        return f"SPARQL syntax error: {' '.join(reason.split())}"
    line, column, why = int(found.group(1)), int(found.group(2)), " ".join(found.group(3).split())
    why = "a prefix that is not declared" if "Prefix not found" in why else why[:160]
    lines = sparql.splitlines()
    near = lines[line - 1][max(column - 1, 0) :][:40].strip() if 0 < line <= len(lines) else ""
    where = f" near {near!r}" if near else ""
    return f"SPARQL syntax error at line {line}, column {column}{where}: {why}"


def run_query(
    graph: GraphStore | Graph, sparql: str, params: dict[str, str] | None = None, limits: Limits = DEFAULT
) -> QueryResult:
    """Run a SPARQL query on ``graph`` (an Oxigraph store, or an rdflib graph, which is
    copied into one) and return its columns and rows as strings.

    Parameters: a query marks a parameter by writing a variable as ``$name``
    (outside strings and comments); ``params`` must give a value for each, and
    nothing else. Each ``$name`` is replaced by its value as one string literal
    (``xsd:string``) token, every quote and backslash escaped, so quotes or braces in a
    value cannot change the query. Compare it with ``STR(...)``, e.g.
    ``FILTER (STR(?label) = STR($district))``.

    The kgraph prefixes (kg:, id:, rdfs:, dcterms: …) are predeclared. An ASK
    query gives one column "ask"; CONSTRUCT/DESCRIBE give sorted subject,
    predicate, object rows. Raises ``QueryError`` for bad parameters, SPARQL syntax
    errors (with the parser's line, column and reason) and failures while running.

    A query never reaches the network (SERVICE and FROM are refused, see
    :mod:`kgraph.graph.guard`), is stopped after ``limits.query_seconds``, and
    returns at most ``limits.max_rows`` rows (``truncated`` tells when there were more).
    A bundled query's answer that the build kept with its store (:mod:`kgraph.graph.answers`)
    is read from there instead: the same rows, without running the query.
    """
    text = bind_parameters(sparql, params or {})
    check_query(text)
    if isinstance(graph, GraphStore) and graph.folder is not None:  # the build's answer, if it kept one
        kept = answers.find(graph.folder, text, limits.max_rows)
        if kept is not None:
            return kept
    store = graph if isinstance(graph, GraphStore) else from_rdflib(graph)
    try:
        with offline("SPARQL query"):
            return _bounded(lambda: _run_explained(store, text, limits.max_rows), limits)
    except QueryError as exc:
        cause = exc.__cause__
        if isinstance(cause, SyntaxError):
            raise QueryError(_syntax_message(text, str(cause))) from cause
        raise
    except (OSError, RuntimeError, ValueError) as exc:  # raised while iterating the answer
        raise QueryError(f"SPARQL query failed: {' '.join(str(exc).split())}") from exc


def bundled_answers(store: GraphStore, max_rows: int = DEFAULT.max_rows) -> dict[str, QueryResult]:
    """The answers of the bundled queries that take no parameter, keyed by :func:`kgraph.graph.answers.query_key`
    (for the build to keep with its store). Run in this process, without a time limit: the build
    has written a store, and a process forked after that cannot use RocksDB (see run_query)."""
    found = {}
    for sparql in _named_queries().values():
        if query_parameters(sparql):
            continue
        text = bind_parameters(sparql, {})
        result = _run_explained(store, text, max_rows)
        if result.turtle is None:
            found[answers.query_key(text)] = result
    return found


# ----------------------------------------------------------------- formats


@functools.cache
def _char_width(c: str) -> int:
    return 0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1


def _width(text: str) -> int:
    """Terminal columns ``text`` takes: wide (CJK) characters 2, combining marks 0."""
    return len(text) if text.isascii() else sum(map(_char_width, text))


@functools.cache
def _shown_char(c: str) -> str:
    return " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c


def _cell(text: str) -> str:
    if text.isprintable():  # no control character, line or paragraph separator: the common case, checked fast
        return text
    return "".join(map(_shown_char, text))


def _format_table(result: QueryResult) -> str:
    shown: dict[str, tuple[str, int]] = {}  # cell text → (as shown, its width): cells repeat a lot

    def cell(text: str) -> tuple[str, int]:
        found = shown.get(text)
        if found is None:
            found = shown[text] = (_cell(text), _width(_cell(text)))
        return found

    rows = [[cell(c) for c in row] for row in ((*result.columns,), *result.rows)]
    widths = [max(row[i][1] for row in rows) for i in range(len(result.columns))]
    rows.insert(1, [("-" * w, w) for w in widths])
    lines = ["  ".join(c + " " * (w - n) for (c, n), w in zip(row, widths)).rstrip() for row in rows]
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
