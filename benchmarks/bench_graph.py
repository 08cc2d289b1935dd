"""Benchmark: the whole build, the store's queries, incremental builds, serving, memory; side by side.

Usage: python benchmarks/bench_graph.py [CORPUS.jsonl] [--big] [--rdflib-timeout S] [--skip-rdflib]

Prints, in one run on one machine (compare the ratios: timings on a shared machine vary):
  1. the default `kgraph build` (HTML page and validation included) vs bare jieba.posseg over
     the same texts, as chars/s, and where the build's time goes;
  2. extraction in 2 processes vs 1 (-j 2 vs -j 1);
  3. each bundled query from the command line through the store vs through rdflib
     (Graph.parse + Graph.query, as kgraph did before the store);
  4. adding one article (--add) vs the full build;
  5. `kgraph serve`: 200 requests of the officials query from 8 threads, p50 and p99;
  6. peak memory (the largest process's RSS) of the build; with --big, also of a build of the
     corpus repeated with distinct ids to 24,090 stories (a stand-in for a bigger corpus).
Asserts nothing. Defaults to ../shared/corpus/xwlb-2024.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "corpus" / "xwlb-2024.jsonl"
KGRAPH = [sys.executable, "-m", "kgraph"]
EXTRA_ARTICLE = REPO / "samples" / "articles" / "hangzhou-keji.txt"  # not in any corpus
PARAMS = {"in-district": ["-p", "district=浙江省"],
          "post-holders": ["-p", "title=总理", "-p", "region=中华人民共和国国务院", "-p", "date=2024-12-31"]}  # fmt: skip
BIG_STORIES = 24_090


def timed(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) of the largest process it ran, and its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode not in (0,):
        print(f"  ! {' '.join(command[2:])} exited {done.returncode}: {done.stderr.strip()[-300:]}")
    return seconds, max(peak, before) / 1024, done.stdout


def load_texts(corpus: Path) -> list[str]:
    with corpus.open(encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle if line.strip()]


def bare_jieba(texts: list[str]) -> float:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.initialize()
    started = time.perf_counter()
    for text in texts:
        jieba.posseg.lcut(text)
    return time.perf_counter() - started


def section_build(corpus: Path, out: Path, chars: int) -> float:
    print("\n1. whole default build vs bare jieba.posseg (same texts, chars/s)")
    seconds, peak, stdout = timed([*KGRAPH, "build", str(corpus), "-o", str(out), "-q"])
    jieba_seconds = bare_jieba(load_texts(corpus))
    print(f"  kgraph build (default: -j {min(4, os.cpu_count() or 1)}, page, validation): {seconds:7.1f} s  "
          f"{chars / seconds:>10,.0f} chars/s   peak RSS {peak:,.0f} MB")  # fmt: skip
    print(f"  jieba.posseg.lcut, 1 process:                 {jieba_seconds:7.1f} s  {chars / jieba_seconds:>10,.0f} chars/s")
    print(f"  build rate / jieba rate: {jieba_seconds / seconds:.2f}x")
    print("  build said: " + " | ".join(line for line in stdout.splitlines() if not line.startswith("wrote")))
    return seconds


def section_stages(corpus: Path) -> None:
    """Where the time of a build goes: extraction -j 1 and -j 2, then a default build in this
    process with each of its later stages timed (the functions pipeline.build calls)."""
    from kgraph import pipeline

    articles, _ = pipeline.read_inputs([str(corpus)])
    pipeline.extract_all(articles[:1])  # jieba and the gazetteer loaded outside the timings
    print("\n2. extraction -j 2 vs -j 1, and the stages of a build (in one process)")
    marks: dict[str, float] = {}
    started = time.perf_counter()
    pipeline.extract_all(articles, jobs=1)
    marks["extract -j 1"] = time.perf_counter() - started
    started = time.perf_counter()
    pipeline.extract_all(articles, jobs=2)
    marks["extract -j 2"] = time.perf_counter() - started
    stages = {"extract_cached": "extract (-j 2)", "resolve_all": "resolve", "make_triples": "triples",
              "_write_graph": "graph.ttl + store", "_validation": "validation",
              "_write_outputs": "all outputs"}  # fmt: skip
    originals = {name: getattr(pipeline, name) for name in stages}

    def timer(name: str) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            begun = time.perf_counter()
            try:
                return originals[name](*args, **kwargs)
            finally:
                marks[stages[name]] = marks.get(stages[name], 0.0) + time.perf_counter() - begun

        return run

    try:
        for name in stages:
            setattr(pipeline, name, timer(name))
        with tempfile.TemporaryDirectory() as out:
            report = pipeline.build([str(corpus)], Path(out), jobs=2)
    finally:
        for name, original in originals.items():
            setattr(pipeline, name, original)
    for name, seconds in marks.items():
        print(f"  {name:<18} {seconds:7.2f} s")
    print("  (all outputs: graph.ttl + store, aliases, validation; graph.html and the kept answers are made meanwhile"
          " in a child process)")
    print(f"  whole build        {report.seconds:7.2f} s; validation {marks['validation'] / report.seconds:.1%} of it")
    print(f"  -j 2 / -j 1 speed-up: {marks['extract -j 1'] / marks['extract -j 2']:.2f}x")


def query_args(name: str, graph: Path, fmt: str = "csv") -> list[str]:
    return [*KGRAPH, "query", name, "-g", str(graph), "-f", fmt, *PARAMS.get(name, [])]


def name_params(graph: Path) -> None:
    """career and mentions need an official's name: the one post-holders answers (read from the
    graph, so that no name from a corpus is written here); in-region the district in-district has."""
    rows = timed(query_args("post-holders", graph))[2].splitlines()[1:]
    if rows:
        holder = rows[0].split(",")[0]
        PARAMS["career"] = PARAMS["mentions"] = ["-p", f"name={holder}"]
    PARAMS["in-region"] = ["-p", "region=" + PARAMS["in-district"][1].partition("=")[2]]


_RDFLIB_CHILD = """
import sys, time
from rdflib import Graph
from kgraph.graph.namespace import PREFIXES
from kgraph.graph.query import bind_parameters, list_queries, resolve_query
params = {"in-district": {"district": "浙江省"}, "post-holders": {"title": "总理", "region": "中华人民共和国国务院", "date": "2024-12-31"}}
started = time.perf_counter(); graph = Graph().parse(sys.argv[1], format="turtle")
print("parse", time.perf_counter() - started, flush=True)
for name, _ in sorted(list_queries(), key=lambda q: q[0] == "post-holders"):
    try:
        text = bind_parameters(resolve_query(name, None), params.get(name, {}))
    except Exception:  # a query needing a name (career, mentions, in-region): not timed here
        continue
    started = time.perf_counter(); rows = len(list(graph.query(text, initNs=dict(PREFIXES))))
    print(name, time.perf_counter() - started, flush=True)
"""


def rdflib_times(graph: Path, timeout: float) -> dict[str, float]:
    try:
        done = subprocess.run([sys.executable, "-c", _RDFLIB_CHILD, str(graph)], capture_output=True, text=True,
                              timeout=timeout, check=False)  # fmt: skip
        out = done.stdout
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
    return {line.split()[0]: float(line.split()[1]) for line in out.splitlines() if len(line.split()) == 2}


def section_queries(graph: Path, rdflib_timeout: float | None) -> None:
    from kgraph.graph.query import list_queries

    print("\n3. bundled queries from the command line (default table output): store (wall, best of 3) vs rdflib (parse + query)")
    rdflib = rdflib_times(graph, rdflib_timeout) if rdflib_timeout else {}
    if rdflib:
        print(f"  rdflib Graph.parse of graph.ttl: {rdflib.get('parse', float('nan')):.1f} s (before every rdflib query)")
    name_params(graph)
    for name, _ in list_queries():
        walls = [timed(query_args(name, graph, "table"))[0] for _ in range(3)]
        rows = timed(query_args(name, graph))[2].count("\n") - 1
        theirs = rdflib.get(name)
        shown = f"{theirs:8.2f} s" if theirs is not None else f"> {rdflib_timeout:.0f} s (cut)" if rdflib_timeout else "skipped"
        print(f"  {name:<13} store {min(walls):6.3f} s wall ({rows:5d} rows)   rdflib query {shown}")
    if "career" in PARAMS:
        command = [*KGRAPH, "career", PARAMS["career"][1].partition("=")[2], "-g", str(graph)]
        print(f"  kgraph career (the post-holders answer): {min(timed(command)[0] for _ in range(3)):6.3f} s wall, best of 3")


def section_add(corpus: Path, full: Path, full_seconds: float) -> None:
    print("\n4. adding one article vs the full build (each --add into a fresh copy of the full build; best of 3)")
    for options in ([], ["--no-html", "--no-validate"]):
        tries = []
        for _ in range(3):
            copy = full.with_name(full.name + "-copy")
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(full, copy, symlinks=True)
            tries.append(timed([*KGRAPH, "build", str(EXTRA_ARTICLE), "-o", str(copy), "--add", "-q", *options])[0])
        shown = " ".join(options) or "default: page, validation"
        print(f"  build --add 1 article ({shown}): {min(tries):6.2f} s = {min(tries) / full_seconds:.1%} of the full build"
              f"  (tries: {', '.join(f'{t:.2f}' for t in tries)})")  # fmt: skip
    again, _, _ = timed([*KGRAPH, "build", str(EXTRA_ARTICLE), "-o", str(copy), "--add", "-q"])
    print(f"  build --add of the same article again: {again:6.2f} s = {again / full_seconds:.1%}")


def section_serve(graph: Path) -> None:
    from kgraph.graph.server import SparqlServer

    print("\n5. kgraph serve: 200 requests of the officials query from 8 threads (loopback)")
    query = (REPO / "src" / "kgraph" / "graph" / "queries" / "officials.rq").read_text(encoding="utf-8")
    server = SparqlServer(graph, port=0, workers=2, timeout=60).start()
    try:
        url = server.url + "sparql?" + urllib.parse.urlencode({"query": query})

        def one(_: int) -> tuple[int, float]:
            started = time.perf_counter()
            with urllib.request.urlopen(url, timeout=120) as response:
                response.read()
                return response.status, time.perf_counter() - started

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(one, range(200)))
        total = time.perf_counter() - started
    finally:
        server.close()
    latencies = sorted(seconds for _, seconds in results)
    errors = sum(1 for status, _ in results if status != 200)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"  {len(results)} requests, {errors} errors, {total:.1f} s; p50 {statistics.median(latencies):.3f} s, p99 {p99:.3f} s")


def write_big(corpus: Path, target: Path, stories: int) -> int:
    lines = [line for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    with target.open("w", encoding="utf-8") as handle:
        for i in range(stories):
            record = json.loads(lines[i % len(lines)])
            record["id"] = f"{record.get('id', 'story')}-copy{i // len(lines)}"
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return target.stat().st_size


def section_big(corpus: Path, work: Path) -> None:
    big = work / "big.jsonl"
    size = write_big(corpus, big, BIG_STORIES)
    print(f"\n6. stand-in for a bigger corpus: {BIG_STORIES:,} stories ({size / 1e6:.1f} MB), the corpus repeated with distinct ids")
    seconds, peak, stdout = timed([*KGRAPH, "build", str(big), "-o", str(work / "big"), "-q"])
    print(f"  default build: {seconds:.1f} s, peak RSS {peak:,.0f} MB (largest process)")
    print("  build said: " + " | ".join(line for line in stdout.splitlines() if not line.startswith("wrote")))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--big", action="store_true", help=f"also build a {BIG_STORIES:,}-story stand-in corpus")
    parser.add_argument("--rdflib-timeout", type=float, default=300, help="seconds for all the rdflib queries together")
    parser.add_argument("--skip-rdflib", action="store_true")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus {args.corpus} not found")
    if os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None:  # commands timed as installed: bytecode cached
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src" / "kgraph")], capture_output=True, check=False)
        print("(PYTHONDONTWRITEBYTECODE was set: unset for the commands timed here, kgraph's bytecode compiled first)")
    chars = sum(len(t) for t in load_texts(args.corpus))
    print(f"corpus {args.corpus.name}: {len(load_texts(args.corpus)):,} stories, {chars:,} chars; {os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()[0]:.1f} at start")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        full_seconds = section_build(args.corpus, work / "full", chars)
        section_stages(args.corpus)
        section_queries(work / "full" / "graph.ttl", None if args.skip_rdflib else args.rdflib_timeout)
        section_add(args.corpus, work / "full", full_seconds)
        section_serve(work / "full" / "graph.ttl")
        if args.big:
            section_big(args.corpus, work)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
