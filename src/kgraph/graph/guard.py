"""Guards around reading and querying graphs: no network, bounded time, memory and rows.

Engine-independent, so the rdflib path and a store path can share them::

    check_query(sparql)                 SERVICE and FROM refused before the engine sees the query
    with offline("SPARQL query"):       any attempt to open a connection fails (audit hook)
    with watchdog(limits):              a query running past limits.query_seconds, or growing the
                                        process by more than MAX_GROWTH bytes, is stopped
    rows, cut = first_rows(rows, n)     at most n rows; ``cut`` tells whether there were more
    check_local_jsonld(text, name)      a JSON-LD document whose @context would be fetched is refused
    check_no_entities(data, name)       an XML graph declaring entities (remote ones, or a "billion
                                        laughs" that never finishes expanding) is refused

rdflib follows SERVICE clauses and remote JSON-LD contexts by default, and loads FROM
graphs from the web; here none of them can happen. Errors are ``QueryError`` or
``GraphError`` with one-line messages.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import TypeVar

from kgraph.errors import GraphError, KgraphError, QueryError
from kgraph.limits import DEFAULT, Limits

__all__ = ["MAX_GROWTH", "check_local_jsonld", "check_no_entities", "check_query", "first_rows", "offline", "watchdog"]

T = TypeVar("T")
MAX_GROWTH = 2 << 30  # bytes a query may add to the process before it is stopped
_POLL = 0.05  # seconds between the watchdog's looks at the clock and the memory

# SPARQL text with strings, IRIs and comments as whole tokens (so a keyword inside them is no keyword)
_SPARQL_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|\#[^\n]*"
    r"|(?<![\w:?$.-])(?P<keyword>SERVICE|FROM)(?![\w:-])",
    re.DOTALL | re.IGNORECASE,
)
_NETWORK_EVENTS = frozenset({"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request",
                             "http.client.connect", "ftplib.connect"})  # fmt: skip


class _Stop(BaseException):
    """Raised inside a guarded block; a BaseException so that no ``except Exception`` in an engine swallows it."""

    reason = ""


class _NetworkRefused(_Stop):
    pass


class _TimeUp(_Stop):
    pass


class _TooBig(_Stop):
    pass


# ── SPARQL text ───────────────────────────────────────────────────────────────


def check_query(sparql: str) -> None:
    """Raise ``QueryError`` when ``sparql`` would read from elsewhere (SERVICE, FROM, FROM NAMED)."""
    for match in _SPARQL_TOKENS.finditer(sparql):
        keyword = (match.group("keyword") or "").upper()
        if keyword == "SERVICE":
            raise QueryError("SERVICE is not allowed: kgraph queries never reach the network (query the graph file only)")
        if keyword == "FROM":
            raise QueryError("FROM and FROM NAMED are not allowed: a query runs on the graph file it is given")


def first_rows(rows: Iterable[T], limit: int) -> tuple[list[T], bool]:
    """At most ``limit`` of ``rows``, and whether there were more."""
    kept = list(islice(rows, limit + 1))
    return kept[:limit], len(kept) > limit


# ── JSON-LD ───────────────────────────────────────────────────────────────────


def check_local_jsonld(text: str, name: str) -> None:
    """Raise ``GraphError`` when the JSON-LD ``text`` names a context that would be fetched."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise GraphError(f"cannot parse graph file {name} as json-ld: {reason}") from exc
    remote = _remote_context(document)
    if remote is not None:
        raise GraphError(f"graph file {name} names the remote JSON-LD context {remote!r}; kgraph never fetches "
                         "one (put the context into the file)")  # fmt: skip


def check_no_entities(data: bytes, name: str) -> None:
    """Raise ``GraphError`` when an XML graph file declares entities (kgraph never writes any)."""
    if re.search(rb"<!ENTITY", data, re.IGNORECASE):
        raise GraphError(f"graph file {name} declares XML entities; kgraph does not expand them "
                         "(they can fetch files or grow without bound)")  # fmt: skip


def _remote_context(node: object) -> str | None:
    """The first context reference (a string where a context or @import goes) in a JSON-LD document."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for key, value in item.items():
                if key in ("@context", "@import"):
                    found = _reference(value)
                    if found is not None:
                        return found
                stack.append(value)
    return None


def _reference(context: object) -> str | None:
    if isinstance(context, str):
        return context
    if isinstance(context, list):
        return next((c for c in context if isinstance(c, str)), None)
    if isinstance(context, dict) and isinstance(context.get("@import"), str):
        return str(context["@import"])
    return None


# ── no network ────────────────────────────────────────────────────────────────

_offline = threading.local()
_hook_installed = False
_hook_lock = threading.Lock()


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event in _NETWORK_EVENTS and _depth():
        refused = _NetworkRefused()
        refused.reason = f"{event} {args[1] if event == 'socket.connect' and len(args) > 1 else args[0] if args else ''}"
        raise refused


def _depth() -> int:
    depth: int = getattr(_offline, "depth", 0)
    return depth


def _install_hook() -> None:
    global _hook_installed
    with _hook_lock:
        if not _hook_installed:
            sys.addaudithook(_audit)
            _hook_installed = True


@contextmanager
def offline(what: str, error: type[KgraphError] = QueryError) -> Iterator[None]:
    """Within the block, this thread cannot open a network connection; an attempt raises ``error``."""
    _install_hook()
    _offline.depth = _depth() + 1
    try:
        yield
    except _NetworkRefused as exc:
        raise error(f"{what} tried to reach the network ({exc.reason.strip()}); kgraph never does") from None
    finally:
        _offline.depth -= 1


# ── time and memory ───────────────────────────────────────────────────────────


@contextmanager
def watchdog(limits: Limits = DEFAULT, what: str = "query") -> Iterator[None]:
    """Stop the block (with ``QueryError``) when it runs past ``limits.query_seconds`` or grows too big.

    Works in any thread: a watcher thread raises an exception in this one
    (``PyThreadState_SetAsyncExc``), which pure-Python engines such as rdflib's see at once.
    """
    target, done, lock = threading.get_ident(), threading.Event(), threading.Lock()
    deadline, ceiling = time.monotonic() + limits.query_seconds, _rss() + MAX_GROWTH

    def watch() -> None:
        while not done.wait(_POLL):
            stop = _TimeUp if time.monotonic() > deadline else _TooBig if _rss() > ceiling else None
            if stop is not None:
                with lock:
                    if not done.is_set():
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(stop))
                return

    watcher = threading.Thread(target=watch, name="kgraph-watchdog", daemon=True)
    watcher.start()
    try:
        try:
            yield
        finally:
            with lock:
                done.set()
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)  # drop one not yet raised
    except _TimeUp:
        raise QueryError(f"{what} stopped after {limits.query_seconds:g} s (the time limit; --timeout raises it)") from None
    except _TooBig:
        raise QueryError(f"{what} stopped: it needed more than {MAX_GROWTH >> 30} GiB of memory") from None


def _rss() -> int:
    """Resident memory of this process in bytes (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
