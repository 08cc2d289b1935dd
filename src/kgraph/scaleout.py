"""Extraction on a Dask cluster (``kgraph build --dask tcp://scheduler:8786``), an optional extra.

Extraction is a pure function of one article, so it can run anywhere kgraph is installed:
the articles are sent to the cluster's workers in chunks, each worker extracts its chunk,
and the results come back in input order, so the graph is the one a local build gives.
Resolution and everything after it stay in the build process. Needs ``pip install
'kgraph[dask]'`` here and kgraph (the same version) on every worker.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from kgraph.errors import InputError
from kgraph.model import Article, Extraction

__all__ = ["CHUNK", "dask_results", "extract_chunk"]

_CONNECT_SECONDS = 10  # how long to try reaching the scheduler
CHUNK = 32  # articles per task: big enough that scheduling costs little, small enough to spread


def extract_chunk(articles: list[Article]) -> list[Any]:
    """On a worker: the extraction (or failure) of each article, without the article's text."""
    from kgraph.pipeline import extract_lean

    return [extract_lean(article) for article in articles]


def _client(address: str) -> Any:
    try:
        from distributed import Client
    except ImportError as exc:
        raise InputError("--dask needs the dask extra, which is not installed: pip install 'kgraph[dask]'") from exc
    try:
        return Client(address, timeout=_CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"cannot reach the Dask scheduler at {address}: {' '.join(str(exc).split())}") from exc


def dask_results(articles: list[Article], address: str) -> Iterator[Any]:
    """Each article's Extraction (with its article back) or Failure, in input order."""
    client = _client(address)
    try:
        chunks = [articles[i : i + CHUNK] for i in range(0, len(articles), CHUNK)]
        futures = client.map(extract_chunk, chunks, pure=False)
        for chunk, future in zip(chunks, futures):
            for article, result in zip(chunk, future.result()):
                yield replace(result, article=article) if isinstance(result, Extraction) else result
    finally:
        client.close()
