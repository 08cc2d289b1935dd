"""The ``kgraph`` command line: a thin layer over the library.

Each command parses its arguments, calls one library function and formats the
result. Library errors (``KgraphError``) become one-line messages and exit code 1;
usage errors exit with 2 (click's convention).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from kgraph import __version__
from kgraph.errors import KgraphError
from kgraph.limits import DEFAULT as DEFAULT_LIMITS

if TYPE_CHECKING:
    from kgraph.model import Article

DEFAULT_OUT = Path("output")
DEFAULT_GRAPH = DEFAULT_OUT / "graph.ttl"
DEFAULT_OVERRIDES = Path("kgraph-overrides.csv")


class _Failed(click.ClickException):
    """A library error, shown as one line: ``Error: <message>``."""


def _fail(exc: KgraphError) -> _Failed:
    return _Failed(_one_line(str(exc)))


def _one_line(text: str) -> str:
    """``text`` on one line, safe for a terminal: control characters and undecodable bytes escaped."""
    flat = " ".join(text.split())
    if flat.isprintable():
        return flat
    return "".join(c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode("ascii") for c in flat)


F = TypeVar("F", bound=Callable[..., Any])


def _graph_option(help_text: str = "Graph file (or the output folder of a build) to read.") -> Callable[[F], F]:
    return click.option("-g", "--graph", "graph_path", type=click.Path(path_type=Path), callback=_graph_file,
                        default=DEFAULT_GRAPH, show_default=True, help=help_text)  # fmt: skip


def _graph_file(_ctx: click.Context, _param: click.Parameter, path: Path) -> Path:
    """-g OUTPUT: a build's output folder stands for the graph.ttl in it."""
    return path / "graph.ttl" if path.is_dir() else path


def _format_option(choices: Sequence[str], help_text: str = "Output format (any case).") -> Callable[[F], F]:
    return click.option("-f", "--format", "fmt", type=click.Choice(list(choices), case_sensitive=False),
                        default=choices[0], show_default=True, help=help_text)  # fmt: skip


def _limit_option(what: str = "rows") -> Callable[[F], F]:
    return click.option("--limit", type=click.IntRange(0), default=None, help=f"Print at most N {what}.")


def _open(graph_path: Path) -> Any:
    """The graph facade (kgraph.api.Graph) of a graph file."""
    from kgraph.api import open as open_graph

    return open_graph(graph_path)


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_EXIT_NOW: list[bool] = []  # set by a command whose process may end without the interpreter's clean-up


def run() -> None:
    """The ``kgraph`` console script (and ``python -m kgraph``): :func:`main`. After a build the
    process exits at once, output flushed, without the interpreter's clean-up: freeing everything
    a build loaded (jieba's tables, the gazetteer, caches) took 0.3 s, a tenth of adding one article."""
    try:
        sys.exit(_main())
    except SystemExit as exc:
        if not _EXIT_NOW:
            raise
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if exc.code is not None and not isinstance(exc.code, int):
            click.echo(exc.code, err=True)
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)


_NO_ARGS_IS_HELP: tuple[type[Exception], ...] = tuple(
    c for c in (getattr(click.exceptions, "NoArgsIsHelpError", None),) if isinstance(c, type)
)  # click ≥ 8.2 raises it for a group given no command


def _main() -> int:
    """:func:`main` with click's errors on one line each (a usage error names the --help to read)."""
    try:
        code = main.main(standalone_mode=False)
    except click.UsageError as exc:
        if isinstance(exc, _NO_ARGS_IS_HELP):  # `kgraph` alone: the help, as click prints it
            exc.show()
            return exc.exit_code
        where = exc.ctx.command_path if exc.ctx is not None else "kgraph"
        click.echo(f"Error: {_one_line(exc.format_message())} (see `{where} --help`)", err=True)
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.Abort:
        click.echo("Aborted!", err=True)
        return 1
    return code if isinstance(code, int) else 0


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kgraph")
def main() -> None:
    """Build a knowledge graph of officials, districts, companies and labs from Chinese news."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_OUT, show_default=True, help="Folder for graph.ttl and graph.html.")
@click.option("--html/--no-html", default=True, show_default=True, help="Also render graph.html.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Worker processes for extraction [default: CPU count, at most 4].")
@click.option("--overrides", "overrides_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=f"Override file (action,name,target) [default: {DEFAULT_OVERRIDES} if it exists].")
@click.option("--validate/--no-validate", default=True, show_default=True,
              help="Check the graph against the SHACL shapes and summarise what is wrong.")
@click.option("--max-line", type=click.IntRange(1), default=DEFAULT_LIMITS.max_line, show_default=True,
              help="Longest line of article text processed (characters); longer lines are cut and reported.")
@click.option("--max-article", type=click.IntRange(1), default=DEFAULT_LIMITS.max_article, show_default=True,
              help="Longest article text processed (characters); a longer one is cut at a line end and reported.")
@click.option("--max-title", type=click.IntRange(1), default=DEFAULT_LIMITS.max_title, show_default=True,
              help="Longest title (and source, editor, reporter) kept, in characters.")
@click.option("--dask", "dask", metavar="ADDRESS", default=None,
              help="Extract on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786; needs kgraph[dask]).")
@click.option("--add", is_flag=True,
              help="Add INPUTS to the graph already in OUTPUT (its articles come from the extraction cache).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def build(inputs: tuple[str, ...], out_dir: Path, html: bool, jobs: int | None, overrides_path: Path | None,
          validate: bool, max_line: int, max_article: int, max_title: int, dask: str | None, add: bool, quiet: bool) -> None:  # fmt: skip
    """Build the graph of INPUTS: files, folders (searched recursively) or - for stdin.

    Reads .txt, .html/.htm and .jsonl articles; writes OUTPUT/graph.ttl, the store
    OUTPUT/store, OUTPUT/aliases.csv and OUTPUT/graph.html. Unreadable files are
    reported and skipped; the exit code is then 1. With --add, INPUTS are added to the
    graph already in OUTPUT: only articles not extracted before are extracted.
    """
    from kgraph.pipeline import build as run_build
    from kgraph.pipeline import default_jobs
    from kgraph.resolve.overrides import load_overrides

    bar = _ProgressBar(enabled=not quiet)
    try:
        if overrides_path is None and DEFAULT_OVERRIDES.exists():
            overrides_path = DEFAULT_OVERRIDES
        overrides = load_overrides(overrides_path) if overrides_path else None
        limits = replace(DEFAULT_LIMITS, max_line=max_line, max_article=max_article, max_title=max_title)
        with _exit_on_sigterm():
            report = run_build(list(inputs), out_dir, html=html, jobs=jobs or default_jobs(), overrides=overrides,
                               validate=validate, on_articles=bar.start, progress=bar.update, limits=limits, add=add, dask=dask)  # fmt: skip
    except KgraphError as exc:
        raise _fail(exc) from exc
    finally:
        bar.finish()
    if dask is None:  # no Dask client whose exit handlers must run
        _EXIT_NOW.append(True)
    for failure in report.failures:
        reason, what = failure.reason, "cut" if failure.cut else "skipped"
        click.echo(_one_line(f"{what}: {reason}" if failure.source in reason else f"{what}: {failure.source}: {reason}"), err=True)
    counts = ", ".join(f"{n} {t}" for t, n in report.counts.items() if n)
    articles = f"{report.articles} article" + ("" if report.articles == 1 else "s")
    click.echo(f"{articles}, {counts}; {report.triples} triples in {report.seconds:.1f} s")
    for path in report.outputs:
        click.echo(f"wrote {path}")
    for note in report.notes:
        click.echo(note)
    skipped = [f for f in report.failures if not f.cut]
    if skipped:
        click.echo(f"{len(skipped)} input(s) failed", err=True)
        sys.exit(1)


@contextmanager
def _exit_on_sigterm() -> Iterator[None]:
    """SIGTERM ends the build like an error would: workers stopped, unfinished outputs removed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _ProgressBar:
    """A tqdm bar on stderr for builds of more than one article: n/N, rate and ETA.

    Shown only when stderr is a terminal (``force`` shows it anyway, for tests). The ETA
    comes from the recent rate (tqdm's smoothing), never from the first few articles alone.
    """

    def __init__(self, enabled: bool, file: Any = None, force: bool = False, mininterval: float = 0.5) -> None:
        self.file = file if file is not None else sys.stderr
        self.mininterval = mininterval
        self.enabled = enabled and (force or self.file.isatty())
        self.bar: Any = None

    def start(self, total: int) -> None:
        if self.enabled and total > 1:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc="extracting", unit=" articles", file=self.file, smoothing=0.1,
                            mininterval=self.mininterval, miniters=1, dynamic_ncols=True, leave=False)  # fmt: skip

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


@main.command()
@click.argument("query", required=False)
@_graph_option("Graph file to query.")
@_format_option(("table", "csv", "json"), "Output format (any case); a CONSTRUCT or DESCRIBE answer prints as Turtle in table format.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Value for a $NAME placeholder in the query (repeatable).")
@_limit_option()
@click.option("-l", "--list", "list_only", is_flag=True, help="List the bundled named queries.")
@click.option("--timeout", "seconds", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_LIMITS.query_seconds,
              show_default=True, help="Stop the query after this many seconds.")
@click.option("--max-rows", type=click.IntRange(1), default=DEFAULT_LIMITS.max_rows, show_default=True,
              help="Read at most this many rows (a note on stderr says when there were more).")
def query(query: str | None, graph_path: Path, fmt: str, params: tuple[str, ...], limit: int | None, list_only: bool,
          seconds: float, max_rows: int) -> None:  # fmt: skip
    """Run QUERY over the graph: a bundled name (see --list), a .rq file, or - for stdin."""
    from kgraph.graph import query as q

    if list_only:
        for name, description in q.list_queries():
            click.echo(f"{name:<14} {description}")
        return
    if query is None:
        raise click.UsageError("give a query name, a .rq file or -; `kgraph query --list` shows the names")
    try:
        sparql = q.resolve_query(query, sys.stdin.read() if query == "-" else None)
        limits = replace(DEFAULT_LIMITS, query_seconds=seconds, max_rows=max_rows)
        result = _query_store(graph_path, sparql, _params(params), limits)
        click.echo(q.format_result(result.limited(limit), fmt), nl=False)
    except KgraphError as exc:
        raise _fail(exc) from exc
    if result.truncated:
        click.echo(f"note: showing the first {max_rows:,} rows; --max-rows raises the limit", err=True)
    if not result.rows and result.turtle is None and params:
        click.echo(f"note: no rows for {', '.join(params)}; names must be written as the graph has them "
                   "(`kgraph query districts`, `officials`, … list them)", err=True)  # fmt: skip


def _query_store(graph_path: Path, sparql: str, params: dict[str, str], limits: Any) -> Any:
    """kgraph.api.Graph.result without the API's imports (rdflib, networkx): the build's store,
    and parameter values that are organ short names as the graph names them."""
    from kgraph.graph.query import run_query
    from kgraph.graph.store import graph_name_in, open_graph

    store = open_graph(graph_path)
    return run_query(store, sparql, {key: graph_name_in(store, value) for key, value in params.items()}, limits)


def _store(graph_path: Path) -> Any:
    """The graph's store (the build's, or the file loaded into memory), for the views."""
    from kgraph.graph.store import open_graph

    return open_graph(graph_path)


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="--param")
        out[name] = value
    return out


@main.command(name="eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-v", "--verbose", is_flag=True, help="List missing and extra items.")
def eval_(gold: tuple[Path, ...], verbose: bool) -> None:
    """Build the articles of GOLD files and print precision, recall and F1 per type."""
    from kgraph.evaluate import evaluate, format_scores
    from kgraph.ingest.files import read_articles
    from kgraph.limits import limit_article
    from kgraph.pipeline import build_resolved

    def read(path: Path) -> list[Article]:
        return [limit_article(article)[0] for article in read_articles(path)]

    try:
        scores = evaluate(gold, build_resolved, read)
    except KgraphError as exc:
        raise _fail(exc) from exc
    click.echo(format_scores(scores, verbose))


@main.command()
@_graph_option("Graph file (or a build's output folder) to render.")
@click.option("-o", "--output", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_OUT / "graph.html", show_default=True, help="HTML file to write.")
@click.option("--title", default="kgraph", show_default=True, help="Page title.")
@click.option("--focus", metavar="NAME", default=None,
              help="Draw only the neighbourhood of the entity NAME (name or alias).")
@click.option("--hops", type=click.IntRange(0, 20), default=None,
              help="With --focus: how many relations away [default: 2].")
@click.option("--types", "types", metavar="LIST", default=None,
              help="Draw only these entity types, comma-separated (official,district,company,lab,…).")
@click.option("--min-degree", type=click.IntRange(0), default=0, help="Draw only entities with at least N relations.")
@click.option("--top", type=click.IntRange(1), default=None, help="Draw only the N most connected entities.")
@click.option("--all", "everything", is_flag=True,
              help="No default cut: draw every entity however big the graph (default: a graph of more than 1500 "
                   "entities is cut to the 1000 most connected).")  # fmt: skip
def viz(graph_path: Path, out_path: Path, title: str, focus: str | None, hops: int | None, types: str | None,
        min_degree: int, top: int | None, everything: bool) -> None:  # fmt: skip
    """Render the graph as a self-contained HTML page (works offline), or a readable part of it."""
    from kgraph.atomic import write_text_atomic
    from kgraph.views.page import build_page
    from kgraph.views.subgraph import Selection

    if hops is not None and focus is None:
        raise click.UsageError("--hops needs --focus NAME")
    selection = Selection(focus=focus, hops=2 if hops is None else hops, types=(types,) if types else (),
                          min_degree=min_degree, top=top, everything=everything)  # fmt: skip
    try:
        page = build_page(_store(graph_path), title, selection)
        write_text_atomic(out_path, page.html)
    except KgraphError as exc:
        raise _fail(exc) from exc
    click.echo(f"wrote {out_path} ({len(page.view.nodes)} nodes, {len(page.view.edges)} edges)")
    if page.cut.summary():
        click.echo(page.cut.summary())


@main.command()
@click.argument("name")
@_graph_option()
@_format_option(("text", "json"))
@_limit_option("facts")
def explain(name: str, graph_path: Path, fmt: str, limit: int | None) -> None:
    """Print every fact about NAME with the sentence, article title and date that state it,
    then the articles that mention it (id, date, title, URL)."""
    from kgraph.views.explain import format_facts

    try:
        g = _open(graph_path)
        facts, articles = g.explain(name)[:limit], g.mentions(name)
    except KgraphError as exc:
        raise _fail(exc) from exc
    if fmt == "json":
        click.echo(_json({"facts": [asdict(f) for f in facts], "articles": articles}), nl=False)
        return
    click.echo(format_facts(facts), nl=False)
    if articles:
        click.echo(f"\nmentioned in {len(articles)} article{'s' if len(articles) > 1 else ''}:")
        for a in articles:
            click.echo("  " + "  ".join(x for x in (a["id"], a["date"], f"《{a['title']}》" if a["title"] else "", a["url"]) if x))


@main.command()
@_graph_option()
@_format_option(("trig", "jsonld", "turtle", "graphml", "gexf", "csv"), "Export format (any case).")
@click.option("-o", "--output", "out_path", type=click.Path(allow_dash=True, path_type=Path), default=None,
              help="File to write, or - for standard output (for csv: the folder for nodes.csv and edges.csv) "
                   "[default: the graph file with .trig, .jsonld, .ttl, .graphml or .gexf; csv: its folder].")  # fmt: skip
def export(graph_path: Path, fmt: str, out_path: Path | None) -> None:
    """Export the graph: RDF (TriG with one named graph per article's claims, JSON-LD, Turtle),
    the entity graph for Gephi and Cytoscape (GraphML, GEXF), or nodes.csv and edges.csv for Neo4j."""
    from kgraph.atomic import write_text_atomic
    from kgraph.graph.export import export_target

    try:
        text = _open(graph_path).export(fmt)
        if isinstance(text, dict):  # csv: nodes.csv and edges.csv
            if out_path == Path("-"):
                raise click.UsageError("csv writes two files, nodes.csv and edges.csv; give a folder with -o")
            folder = out_path or graph_path.parent
            written = [write_text_atomic(folder / name, table) for name, table in text.items()]
        else:
            target = export_target(graph_path, fmt, out_path)
            if target is None:
                click.echo(text, nl=False)
                return
            written = [write_text_atomic(target, text)]
    except KgraphError as exc:
        raise _fail(exc) from exc
    for file in written:
        click.echo(f"wrote {file}")


@main.command()
@_graph_option()
@click.option("-k", "--top", type=click.IntRange(1), default=10, show_default=True,
              help="How many entities each ranking lists.")
@_format_option(("text", "json"))
def stats(graph_path: Path, top: int, fmt: str) -> None:
    """Print counts by type, components, and the most connected entities (degree, PageRank)."""
    from kgraph.views.network import format_stats

    try:
        figures = _open(graph_path).stats(top)
    except KgraphError as exc:
        raise _fail(exc) from exc
    click.echo(_json(asdict(figures)) if fmt == "json" else format_stats(figures), nl=False)


@main.command()
@click.argument("a")
@click.argument("b")
@_graph_option()
@_format_option(("text", "json"))
def path(a: str, b: str, graph_path: Path, fmt: str) -> None:
    """Print the shortest chain of facts connecting entities A and B, with the sentence stating each."""
    from kgraph.views.network import format_path

    try:
        steps = _open(graph_path).path(a, b)
    except KgraphError as exc:
        raise _fail(exc) from exc
    click.echo(_json([asdict(step) for step in steps]) if fmt == "json" else format_path(a, b, steps), nl=False)


@main.command()
@click.argument("name")
@_graph_option()
@_format_option(("table", "csv", "json"))
@_limit_option("posts")
def career(name: str, graph_path: Path, fmt: str, limit: int | None) -> None:
    """Print the posts of the official NAME over time: each with its first and last report date
    and how many articles report it (current posts, and former ones from 原…/时任…)."""
    from kgraph.graph.query import QueryResult, format_result

    try:
        steps = _open(graph_path).career(name)[:limit]
    except KgraphError as exc:
        raise _fail(exc) from exc
    if fmt == "json":
        click.echo(_json([asdict(step) for step in steps]), nl=False)
        return
    columns = ("official", "title", "region", "status", "first", "last", "articles")
    rows = tuple(tuple(str(getattr(step, c)) for c in columns) for step in steps)
    click.echo(format_result(QueryResult(columns, rows), fmt), nl=False)


@main.command()
@click.argument("name")
@_graph_option()
@_format_option(("table", "csv", "json"))
@_limit_option("articles")
def mentions(name: str, graph_path: Path, fmt: str, limit: int | None) -> None:
    """Print the articles that mention the entity NAME, oldest first: id, date, title and URL."""
    from kgraph.graph.query import QueryResult, format_result

    try:
        rows = _open(graph_path).mentions(name)[:limit]
    except KgraphError as exc:
        raise _fail(exc) from exc
    columns = ("id", "date", "title", "url")
    click.echo(format_result(QueryResult(columns, tuple(tuple(r[c] for c in columns) for r in rows)), fmt), nl=False)


@main.command(name="in-region")
@click.argument("region")
@_graph_option()
@_format_option(("table", "csv", "json"))
@_limit_option()
def in_region(region: str, graph_path: Path, fmt: str, limit: int | None) -> None:
    """Print everything within REGION (a district or zone) at any depth: the districts, officials,
    companies, labs, zones and organs below it, each with the place it is directly within."""
    from kgraph.graph.query import QueryResult, format_result

    try:
        rows = _open(graph_path).in_region(region)[:limit]
    except KgraphError as exc:
        raise _fail(exc) from exc
    columns = ("type", "name", "detail", "within")
    click.echo(format_result(QueryResult(columns, tuple(tuple(r[c] for c in columns) for r in rows)), fmt), nl=False)


@main.command()
@click.option("-g", "--graph", "graph_path", type=click.Path(path_type=Path),
              default=DEFAULT_GRAPH, show_default=True, help="Graph file (or build output folder) to serve.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(0, 65535), default=7879, show_default=True, help="Port to listen on (0: any free port).")
@click.option("--timeout", type=click.FloatRange(0.1), default=10.0, show_default=True,
              help="Longest time one query may run, in seconds; a longer one is stopped (503).")
@click.option("--max-rows", type=click.IntRange(1), default=10_000, show_default=True,
              help="Most rows (or triples) one answer returns; the rest are cut (header X-Kgraph-Truncated).")
@click.option("--workers", type=click.IntRange(1, 32), default=2, show_default=True, help="Queries answered at once.")
def serve(graph_path: Path, host: str, port: int, timeout: float, max_rows: int, workers: int) -> None:
    """Serve the graph read-only over SPARQL 1.1 Protocol at /sparql, with a query page at /."""
    from kgraph.graph.server import SparqlServer
    from kgraph.graph.store import open_graph

    try:
        open_graph(graph_path)  # a missing or broken graph is one error line, before any worker starts
        server = SparqlServer(graph_path, host, port, workers=workers, timeout=timeout, max_rows=max_rows)
    except KgraphError as exc:
        raise _fail(exc) from exc
    click.echo(f"serving {graph_path} at {server.url} (SPARQL endpoint {server.url}sparql, read-only); Ctrl-C stops")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


@main.command()
@click.argument("url")
@click.option("-g", "--graph", "graph_path", type=click.Path(path_type=Path),
              default=DEFAULT_GRAPH, show_default=True, help="Graph file (or build output folder) to push.")
@click.option("--named-graph", "named_graph", metavar="IRI", default=None,
              help="Named graph to replace [default: https://w3id.org/kgraph/id/graph/<output folder name>].")
@click.option("--default-graph", "default", is_flag=True, help="Replace the store's default graph instead of a named graph.")
@click.option("--user", default=None, help="User name for HTTP basic auth; the password is read from $KGRAPH_PASSWORD.")
def push(url: str, graph_path: Path, named_graph: str | None, default: bool, user: str | None) -> None:
    """Load the graph into the SPARQL store whose Graph Store endpoint is URL (HTTP PUT).

    Oxigraph: http://host:7878/store; Fuseki: http://host:3030/DATASET/data;
    GraphDB: http://host:7200/repositories/REPO/rdf-graphs/service.
    """
    import os

    from kgraph.graph.push import push as run_push

    if named_graph and default:
        raise click.UsageError("give --named-graph IRI or --default-graph, not both")
    try:
        pushed = run_push(graph_path, url, named_graph, default=default, user=user, password=os.environ.get("KGRAPH_PASSWORD"))
    except KgraphError as exc:
        raise _fail(exc) from exc
    where = f"graph <{pushed.graph}>" if pushed.graph else "the default graph"
    click.echo(f"pushed {pushed.triples} triples ({pushed.size} bytes) into {where} of {url} (HTTP {pushed.status})")


@main.command(name="validate")
@_graph_option("Graph file (or a build's output folder) to check.")
@click.option("--shapes", "shapes_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="SHACL shapes file [default: the bundled shapes, src/kgraph/graph/ontology/shapes.ttl].")
def validate_(graph_path: Path, shapes_path: Path | None) -> None:
    """Check the graph against the SHACL shapes; print violations in plain language.

    Exits with 1 when there are violations.
    """
    from kgraph.graph.validate import summarize, validate

    try:
        from kgraph.graph.store import open_graph

        report = validate(open_graph(graph_path), shapes_path)
    except KgraphError as exc:
        raise _fail(exc) from exc
    click.echo(summarize(report))
    if not report.conforms:
        sys.exit(1)
