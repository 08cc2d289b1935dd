"""``kgraph push``: load the graph into another SPARQL store through the Graph Store HTTP Protocol.

    push(graph_path, "http://host:7878/store")   PUT <store>?graph=<named graph>  (text/turtle)

The SPARQL 1.1 Graph Store HTTP Protocol's PUT replaces one graph of the remote store with
the request's triples, so pushing the same build again replaces what it pushed before and
touches nothing else. By default every build goes into its own named graph,
``https://w3id.org/kgraph/id/graph/<output folder name>``; ``named_graph`` picks another
name and ``None`` with ``default=True`` the store's default graph. The body is the build's
canonical graph.ttl as it is, or, for a graph kgraph reads from elsewhere, N-Triples
dumped from the store. Nothing but the given URL is contacted.
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from kgraph.errors import InputError, OutputError
from kgraph.graph.store import open_graph

__all__ = ["GRAPH_BASE", "Pushed", "default_graph_name", "push"]

GRAPH_BASE = "https://w3id.org/kgraph/id/graph/"
_TIMEOUT = 600  # seconds for the whole upload: a big graph over a slow link


@dataclass(frozen=True)
class Pushed:
    """What was pushed: the named graph ("" for the default graph), triples, bytes, and the store's status."""

    graph: str
    triples: int
    size: int
    status: int


def default_graph_name(graph_path: Path) -> str:
    """``https://w3id.org/kgraph/id/graph/<name of the build's output folder>``."""
    folder = graph_path if graph_path.is_dir() else graph_path.absolute().parent
    return GRAPH_BASE + urllib.parse.quote(folder.name or "graph")


def _body(graph_path: Path) -> tuple[bytes, str, int]:
    import pyoxigraph as ox

    graph = open_graph(graph_path)
    if graph_path.is_file() and graph_path.suffix == ".ttl":
        return graph_path.read_bytes(), "text/turtle", len(graph)
    quads = (ox.Triple(q.subject, q.predicate, q.object) for q in graph.triples())
    return bytes(ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES) or b""), "application/n-triples", len(graph)


def push(graph_path: Path, url: str, named_graph: str | None = None, *, default: bool = False,
         user: str | None = None, password: str | None = None) -> Pushed:  # fmt: skip
    """PUT the graph at ``graph_path`` into the Graph Store endpoint ``url`` (see the module docstring).

    Raises ``InputError`` for a URL that is not http(s), ``GraphError`` for a graph that
    cannot be read, and ``OutputError`` when the store cannot be reached or refuses.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"push needs the http(s) URL of a Graph Store endpoint (Oxigraph: http://host:7878/store), not {url!r}")
    body, media_type, triples = _body(Path(graph_path))
    name = "" if default else named_graph or default_graph_name(Path(graph_path))
    target = _target(url, name)
    request = urllib.request.Request(target, data=body, method="PUT", headers={"Content-Type": media_type})
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
    return Pushed(name, triples, len(body), _send(request, url))


def _target(url: str, name: str) -> str:
    joiner = "&" if urllib.parse.urlsplit(url).query else "?"
    return url + joiner + ("default" if not name else "graph=" + urllib.parse.quote(name, safe=""))


def _send(request: urllib.request.Request, url: str) -> int:
    try:
        with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read(300).decode("utf-8", errors="replace").split())
        raise OutputError(f"the store at {url} refused the graph: HTTP {exc.code} {exc.reason}{': ' + detail if detail else ''}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise OutputError(f"cannot push to {url}: {reason}") from exc
