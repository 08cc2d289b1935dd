"""Extraction on a real dask.distributed LocalCluster (on loopback) gives the graph a local build gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import main

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples" / "articles"


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """Two worker processes and a scheduler on 127.0.0.1; yields the scheduler's address."""
    try:
        from distributed import LocalCluster
    except ImportError as exc:
        pytest.fail(f"dask.distributed is missing ({exc}): install the test extras (pip install -e '.[test]')", pytrace=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as local:
        yield local.scheduler_address


def build(out: Path, *extra: str) -> str:
    result = CliRunner().invoke(main, ["build", str(SAMPLES), "-o", str(out), "-q", "--no-html", "--no-validate", *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_build_on_the_cluster_is_the_local_build(cluster: str, tmp_path: Path) -> None:
    local, remote = tmp_path / "local", tmp_path / "dask"
    build(local)
    assert cluster.startswith("tcp://127.0.0.1:")
    build(remote, "--dask", cluster)
    assert (remote / "graph.ttl").read_bytes() == (local / "graph.ttl").read_bytes()
    assert (remote / "aliases.csv").read_bytes() == (local / "aliases.csv").read_bytes()


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(SAMPLES), "-o", str(tmp_path), "-q", "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9: ")
    assert result.stderr.count("\n") == 1
