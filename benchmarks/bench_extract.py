"""Benchmark: extraction speed (chars/s) and a full build of a JSON Lines corpus.

Usage: python benchmarks/bench_extract.py [CORPUS.jsonl] [--limit N] [--jobs J]
Prints figures; asserts nothing. Defaults to ../shared/corpus/xwlb-2024.jsonl.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from kgraph.extract.article import extract
from kgraph.ingest.files import read_articles
from kgraph.pipeline import build

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "xwlb-2024.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=500, help="articles for the single-process timing")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the full build")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus {args.corpus} not found")
    articles = read_articles(args.corpus)
    sample = articles[: args.limit]
    extract(sample[0])  # load jieba and the gazetteer outside the timing
    chars = sum(len(a.text) for a in sample)
    started = time.perf_counter()
    for article in sample:
        extract(article)
    seconds = time.perf_counter() - started
    print(f"extract, 1 process: {len(sample)} articles, {chars} chars in {seconds:.2f} s = {chars / seconds:,.0f} chars/s")
    with tempfile.TemporaryDirectory() as out:
        report = build([str(args.corpus)], Path(out), jobs=args.jobs)
        size = sum(p.stat().st_size for p in report.outputs)
    total = sum(len(a.text) for a in articles)
    print(
        f"build, {args.jobs} processes: {report.articles} articles, {total} chars, {report.triples} triples "
        f"in {report.seconds:.1f} s = {total / report.seconds:,.0f} chars/s; outputs {size / 1e6:.1f} MB"
    )
    print(f"entities: {report.counts}")
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
