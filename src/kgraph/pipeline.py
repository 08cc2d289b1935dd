"""The build: read inputs, extract each article, resolve, write Turtle and HTML.

    inputs ─ingest─▶ articles ─extract (per article, in parallel)─▶ extractions
           ─resolve─▶ Resolved ─rdf─▶ graph.ttl ─viz─▶ graph.html

A file that cannot be read is recorded as a failure and skipped; the rest builds.
Outputs are one set (:mod:`kgraph.outputs`): staged and switched in together, so a crash
or a kill leaves the previous set whole, and one build at a time writes a folder.
"""

from __future__ import annotations

import csv
import gc
import io
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from kgraph import keys, segment
from kgraph.background import beside
from kgraph.cache import CACHE_DIR, ExtractionCache, read_graph_articles, write_graph_articles
from kgraph.errors import InputError, KgraphError
from kgraph.extract.article import extract
from kgraph.graph import canonical
from kgraph.graph.canonical import Triples, make_triples, turtle
from kgraph.graph.store import STORE_DIR, matching_store, open_graph, update_store, write_store
from kgraph.ingest.files import ACCEPTED_SUFFIXES, collect_paths, iter_articles, other_files, shown
from kgraph.limits import DEFAULT as DEFAULT_LIMITS
from kgraph.limits import Limits, limit_article
from kgraph.model import Article, EntityType, Extraction
from kgraph.outputs import OutputSet, current_set, stage_outputs
from kgraph.resolve.merge import Resolved, resolve
from kgraph.resolve.overrides import Overrides
from kgraph.resources.divisions import load_gazetteer
from kgraph.resources.lexicon import load_lexicon

if TYPE_CHECKING:
    from kgraph.graph.query import QueryResult

__all__ = ["Assembled", "BuildReport", "Failure", "assemble", "build", "build_resolved", "extract_all", "extract_cached",
           "extract_lean", "read_inputs"]

Progress = Callable[[int], None]
_PARALLEL_MIN = 40  # below this many articles, starting worker processes costs more than it saves
_WATCH_SECONDS = 0.25  # how often a worker checks that the build process is still there
_STOP_SECONDS = 5.0  # how long an interrupted build waits for its killed workers and the pool's thread


@dataclass(frozen=True)
class Failure:
    """An input that could not be used, and why; ``cut`` when it was used in part (a line cut)."""

    source: str
    reason: str
    cut: bool = False


@dataclass(frozen=True)
class BuildReport:
    articles: int
    counts: dict[str, int]
    triples: int
    seconds: float
    outputs: tuple[Path, ...]
    failures: tuple[Failure, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = ()  # what the build wants the user to know (graph.html's default cut)


def read_inputs(
    inputs: Sequence[str], stdin: BinaryIO | None = None, limits: Limits = DEFAULT_LIMITS
) -> tuple[list[Article], list[Failure]]:
    """Articles from every readable input, cut to ``limits``; unreadable ones become failures.

    An article with a line cut is kept and also reported as a ``Failure`` with ``cut`` set.
    """
    articles: list[Article] = []
    failures: list[Failure] = []
    seen: set[str] = set()
    for raw in inputs:
        try:
            paths = collect_paths([raw])
        except KgraphError as exc:
            failures.append(Failure(shown(raw), str(exc)))
            continue
        for path in paths:
            try:
                batch = list(iter_articles(path, stdin))
            except KgraphError as exc:
                failures.append(Failure(shown(path), str(exc)))
                continue
            for article in batch:
                article, cut = limit_article(article, limits)
                if cut:
                    failures.append(Failure(shown(path), f"article {article.id}: {cut}", cut=True))
                if article.id in seen:
                    failures.append(Failure(shown(path), f"article id {article.id!r} was already read; skipped"))
                    continue
                seen.add(article.id)
                articles.append(article)
    return articles, failures


def _safe_extract(article: Article) -> Extraction | Failure:
    try:
        return extract(article)
    except KgraphError as exc:
        return Failure(article.path or article.id, str(exc))
    except Exception as exc:  # noqa: BLE001 - a bug on one article must not stop a long build
        return Failure(article.path or article.id, f"article {article.id}: internal error: {exc!r}")


def extract_lean(article: Article) -> Extraction | Failure:
    """In a worker: the extraction without the article, which the parent already has."""
    result = _safe_extract(article)
    return replace(result, article=Article(article.id, "")) if isinstance(result, Extraction) else result


def _results(articles: list[Article], jobs: int, dask: str | None = None) -> Iterator[Extraction | Failure]:
    if dask is not None:
        from kgraph.scaleout import dask_results

        yield from dask_results(articles, dask)
        return
    if jobs <= 1 or len(articles) < _PARALLEL_MIN:
        yield from map(_safe_extract, articles)
        return
    segment.preload()  # once here, not in every worker: forked workers share the loaded tables
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_die_with_parent, initargs=(os.getpid(),))
    finished = False
    try:
        for article, result in zip(articles, pool.map(extract_lean, articles, chunksize=32)):
            yield replace(result, article=article) if isinstance(result, Extraction) else result
        finished = True
    finally:
        _stop(pool, wait=finished)


def _stop(pool: ProcessPoolExecutor, wait: bool) -> None:
    """Shut the pool down; when the build was interrupted, kill the workers rather than wait for them."""
    if wait:
        pool.shutdown()
        return
    # no public handle on the processes, the pool's thread or its queue of calls
    workers = list(getattr(pool, "_processes", {}).values())
    manager, calls = getattr(pool, "_executor_manager_thread", None), getattr(pool, "_call_queue", None)
    if calls is not None:
        calls.cancel_join_thread()  # what is still queued for the killed workers is dropped at exit, not waited on
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.kill()
    # The pool's thread sees the workers gone and closes its pipes. Until it has, the interpreter's
    # exit can race with it (Python 3.11: "Exception ignored in <module 'threading'> … Bad file
    # descriptor" as it wakes a thread closing that pipe), so it is given a moment to finish.
    for worker in workers:
        worker.join(_STOP_SECONDS)
    if manager is not None:
        manager.join(_STOP_SECONDS)


def _die_with_parent(parent: int) -> None:
    """In a worker: exit as soon as the build process is gone, however it died (even kill -9).

    SIGTERM gets its default action back (the CLI's handler is inherited by fork).
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="kgraph-parent-watch", daemon=True).start()


def extract_all(
    articles: list[Article], jobs: int = 1, progress: Progress | None = None, dask: str | None = None
) -> tuple[list[Extraction], list[Failure]]:
    """Extract every article (in ``jobs`` processes, or on the Dask cluster whose scheduler
    is at ``dask``), reporting progress per article."""
    extractions: list[Extraction] = []
    failures: list[Failure] = []
    for result in _results(articles, jobs, dask):
        (failures if isinstance(result, Failure) else extractions).append(result)  # type: ignore[arg-type]
        if progress is not None:
            progress(1)
    return extractions, failures


def build_resolved(articles: Iterable[Article], jobs: int = 1, overrides: Overrides | None = None) -> Resolved:
    """Articles in, resolved entities and triples out (no files written)."""
    extractions, _ = extract_all(list(articles), jobs)
    return resolve_all(extractions, overrides)


def resolve_all(extractions: list[Extraction], overrides: Overrides | None = None) -> Resolved:
    gaz, countries = load_gazetteer(), load_lexicon().countries
    return resolve(extractions, overrides, lambda name: (gaz.candidates(name) or (None,))[0] or _country(name, countries))


def _country(name: str, countries: frozenset[str]) -> str | None:
    return keys.country(name) if name in countries else None


def aliases_csv(resolved: Resolved) -> str:
    """output/aliases.csv: every alias, its canonical name, type and the rule that merged them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["alias", "canonical", "type", "rule", "key"])
    for record in resolved.aliases:
        writer.writerow([record.alias, record.name, record.type, record.rule, record.key])
    return buffer.getvalue()


def default_jobs() -> int:
    return max(1, min(4, os.cpu_count() or 1))


@dataclass(frozen=True)
class Assembled:
    """A graph built in memory (the Python API's kgraph.build): its canonical Turtle, its
    aliases table, how many articles, entities by type, and the inputs skipped."""

    turtle: str
    aliases_csv: str
    articles: int
    counts: dict[str, int]
    failures: tuple[Failure, ...]


def assemble(
    inputs: Sequence[str], *, jobs: int = 1, overrides: Overrides | None = None, limits: Limits = DEFAULT_LIMITS
) -> Assembled:
    """Read, extract and resolve ``inputs`` into an RDF graph, as :func:`build` does, writing
    nothing. Raises InputError when no article can be read."""
    articles, failures = read_inputs(inputs, None, limits)
    if not articles:
        reasons = "; ".join(f.reason for f in failures if not f.cut) or "no input given"
        raise InputError(f"no articles could be read: {reasons}")
    extractions, failed = extract_all(articles, jobs)
    resolved = resolve_all(extractions, overrides)
    text = turtle(make_triples(resolved.articles, resolved.entities, resolved.triples, resolved.mentions))
    counts = {t.value: resolved.count(t) for t in EntityType}
    return Assembled(text, aliases_csv(resolved), len(resolved.articles), counts, tuple(failures + failed))


def build(
    inputs: Sequence[str],
    out_dir: Path,
    *,
    html: bool = True,
    jobs: int = 1,
    stdin: BinaryIO | None = None,
    overrides: Overrides | None = None,
    validate: bool = True,
    on_articles: Callable[[int], None] | None = None,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
    add: bool = False,
    dask: str | None = None,
) -> BuildReport:
    """Build the graph of ``inputs`` into ``out_dir`` (graph.ttl, the store and graph.html).

    ``add`` adds ``inputs`` to the graph already in ``out_dir``: its articles are read
    from the extraction cache, an article with the id of one of them replaces it, and
    only articles not in the cache are extracted (so re-adding an article changes
    nothing). ``validate`` checks the graph against the SHACL shapes and adds a summary
    to the report's notes. ``on_articles`` is told how many articles were read before
    extraction starts; ``progress`` is called once per extracted article. Lines and
    titles longer than ``limits`` allow are cut before extraction. ``dask`` is the address of
    a Dask scheduler to extract on (see :mod:`kgraph.scaleout`) instead of ``jobs`` processes.
    """
    started = time.perf_counter()
    articles, failures = read_inputs(inputs, stdin, limits)
    if not articles:
        reasons = "; ".join(f.reason for f in failures if not f.cut) or "no input given"
        raise InputError(f"no articles could be read: {reasons}")
    with _gc_paused(), stage_outputs(out_dir) as staged:  # one build at a time; its outputs switched in together
        cache = ExtractionCache(out_dir / CACHE_DIR)
        segment.use_cache(out_dir / CACHE_DIR)
        if add:
            articles = _with_previous(out_dir, articles, cache)
        if on_articles is not None:
            on_articles(len(articles))
        extractions, failed = extract_cached(articles, cache, jobs, progress, dask)
        article_keys = [cache.key(e.article) for e in extractions]
        cache.flush(keep=article_keys)
        resolved = resolve_all(extractions, overrides)
        triples = make_triples(resolved.articles, resolved.entities, resolved.triples, resolved.mentions)
        outputs, notes = _write_outputs(staged, resolved, triples, article_keys, current_set(out_dir), html, validate)
        staged.commit()
    counts = {t.value: resolved.count(t) for t in EntityType}
    return BuildReport(
        len(resolved.articles), counts, len(triples), time.perf_counter() - started,
        tuple(outputs), tuple(failures + failed), tuple(_unread_note(inputs) + notes),
    )  # fmt: skip


def _unread_note(inputs: Sequence[str]) -> list[str]:
    """A note on the files in the input folders that were not read (other suffixes), if any."""
    unread = other_files(inputs)
    if not unread:
        return []
    suffixes = sorted({p.suffix.lower() or "(none)" for p in unread})
    shown_ones = ", ".join(shown(p) for p in unread[:3]) + (" …" if len(unread) > 3 else "")
    return [f"not read: {len(unread)} file(s) with other suffixes ({' '.join(suffixes)}): {shown_ones}; "
            f"kgraph reads {' '.join(ACCEPTED_SUFFIXES)}"]  # fmt: skip


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while the build runs: the build holds hundreds of thousands of
    objects and makes few cycles, and each full collection walks all of them (loading the cache
    and resolving took several times longer)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:  # what was made meanwhile is moved to the oldest generation, else the first
            gc.freeze()  # collection after gc.enable() would walk all of it (0.15-0.4 s after --add)
            gc.unfreeze()
            gc.enable()


def _write_outputs(
    staged: OutputSet, resolved: Resolved, triples: Triples, article_keys: list[str], previous: Path | None,
    html: bool, validate: bool,
) -> tuple[list[Path], list[str]]:
    """graph.ttl and the store, aliases.csv, the validation; meanwhile, in a child process (on the
    other core), graph.html and the answers of the bundled queries, kept with the store. The
    outputs and the notes."""
    from kgraph.graph import answers

    if html:
        staged.path("graph.html")  # recorded in the set here: the child writes it
    text = canonical.turtle(triples)
    if validate and html:  # imported once, here, for the validation: the page's child then has rdflib too
        import kgraph.graph.validate  # noqa: F401
    fds = [staged.lock_fd] if staged.lock_fd is not None else []
    with beside(lambda: _drawn_and_answered(staged, triples, text, html), close=fds) as job:
        outputs, changed = _write_graph(staged, text, article_keys, previous)
        outputs.append(staged.write_text("aliases.csv", aliases_csv(resolved)))
        checked = _validation(staged, previous, changed) if validate else []
        notes, kept = job.result()
    answers.save(staged.path(STORE_DIR), kept)
    if html:
        outputs.append(staged.folder / "graph.html")
    return outputs, notes + checked


def _drawn_and_answered(
    staged: OutputSet, triples: Triples, text: str, html: bool
) -> tuple[list[str], dict[str, QueryResult]]:
    """graph.html (when ``html``) and its note; the answers of the bundled queries that take no
    parameter (kgraph.graph.answers: ``kgraph query officials`` then reads 10,000 rows instead of
    querying RocksDB), found in an in-memory store of the Turtle ``text``, which gives the same
    rows several times faster."""
    from kgraph.graph.query import bundled_answers
    from kgraph.graph.store import from_turtle

    notes = _write_page(staged, triples) if html else []
    return notes, bundled_answers(from_turtle(text))


def _write_page(staged: OutputSet, triples: Triples) -> list[str]:
    """graph.html (big graphs get the default cut, subgraph.select); the note on what it leaves out."""
    from kgraph.views.page import build_page

    page = build_page(triples)
    staged.write_text("graph.html", page.html)
    return [f"graph.html: {page.cut.summary()}"] if page.cut.summary() else []


def _validation(staged: OutputSet, previous: Path | None, changed: set[str] | None) -> list[str]:
    """The notes of checking the staged store against the SHACL shapes (the findings are kept in
    its folder). When the store is the previous one with some subjects changed, only those and
    their neighbours are checked again (see kgraph.graph.validate.findings), and the previous
    findings stand for the rest."""
    from kgraph.graph import checks
    from kgraph.graph.validate import report, summarize

    store = open_graph(staged.path("graph.ttl"))
    found = checks.update(store, previous / STORE_DIR, changed) if previous and changed is not None else None
    found = checks.full(store) if found is None else found
    checks.save(staged.path(STORE_DIR), found)
    return [f"validation: {line}" for line in summarize(report(found)).splitlines()]


def _write_graph(
    staged: OutputSet, text: str, keys: list[str], previous: Path | None
) -> tuple[list[Path], set[str] | None]:
    """graph.ttl, and the store beside it in the same set, with the list of its articles (their keys). The
    store is the previous set's with the blocks of Turtle that changed replaced, when that
    store matches its graph.ttl and few blocks changed (the subjects changed are returned);
    else it is loaded anew (None)."""
    written = staged.write_text("graph.ttl", text)
    folder = staged.folder_for(STORE_DIR)
    changes = _changed_blocks(previous, canonical.split_blocks(text)) if previous is not None else None
    if changes is None:
        write_store(staged.path("graph.ttl"), folder)
    else:
        update_store(previous / STORE_DIR, staged.path("graph.ttl"), folder, changes[0], changes[1])  # type: ignore[operator]
    write_graph_articles(folder, keys)
    changed = None if changes is None else set(changes[0]) | {canonical.subject_of_block(b) for b in changes[2]}
    return [written, staged.folder / STORE_DIR], changed


_MOST_CHANGED = 0.25  # above this share of changed blocks, loading the store anew is faster


def _changed_blocks(previous: Path, blocks: Iterable[str]) -> tuple[list[str], str, set[str]] | None:
    """(the subjects whose blocks changed or went, the Turtle of the blocks that changed or came,
    those blocks) between the previous set's graph.ttl and ``blocks``; None when its store cannot
    be reused."""
    if not matching_store(previous / "graph.ttl"):
        return None
    try:
        old = set(canonical.split_blocks((previous / "graph.ttl").read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError):
        return None
    new = {block.rstrip("\n") for block in blocks}
    gone, came = old - new, new - old
    if len(gone) + len(came) > _MOST_CHANGED * max(1, len(new)):
        return None
    turtle_came = canonical.header() + "".join(f"\n{b}\n" for b in came)
    return [canonical.subject_of_block(block) for block in gone], turtle_came, came


def _with_previous(out_dir: Path, new: list[Article], cache: ExtractionCache) -> list[Article]:
    """The articles of the graph in ``out_dir`` (an article of ``new`` with the same id in its
    place), then the rest of ``new``."""
    current = current_set(out_dir)
    keys = read_graph_articles(current / STORE_DIR) if current is not None else []
    previous = [cache.article(key) for key in keys]
    if any(article is None for article in previous):
        raise InputError(f"cannot add to {out_dir}: the articles of its graph are not all in the extraction cache "
                         f"({out_dir / CACHE_DIR}); build it again from all its inputs")  # fmt: skip
    by_id = {article.id: article for article in new}
    merged = [by_id.pop(article.id, article) for article in previous if article is not None]
    return merged + [article for article in new if article.id in by_id]


def extract_cached(
    articles: list[Article], cache: ExtractionCache, jobs: int = 1, progress: Progress | None = None,
    dask: str | None = None,
) -> tuple[list[Extraction], list[Failure]]:
    """:func:`extract_all`, taking what ``cache`` has and caching what is extracted; input order kept."""
    found = {article.id: cache.get(article) for article in articles}
    if progress is not None and any(found.values()):
        progress(sum(1 for e in found.values() if e is not None))
    extractions, failures = extract_all([a for a in articles if found[a.id] is None], jobs, progress, dask)
    for extraction in extractions:
        cache.put(extraction)
        found[extraction.article.id] = extraction
    return [e for e in (found[a.id] for a in articles) if e is not None], failures
