"""`kgraph build` as a process exits without the interpreter's clean-up (kgraph.cli.run): all its
output is still there, and its exit code; other commands exit as usual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles"


def _kgraph(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kgraph", *args], capture_output=True, text=True, timeout=300, check=False)


def test_a_build_prints_everything_and_exits_0(tmp_path: Path) -> None:
    done = _kgraph("build", str(SAMPLES / "hangzhou-keji.txt"), "-o", str(tmp_path / "out"), "-q")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("1 article, ") and [line.split("/")[-1] for line in lines if line.startswith("wrote ")] == [
        "graph.ttl", "store", "aliases.csv", "graph.html"]  # fmt: skip
    assert lines[-1] == "validation: no violations"


def test_a_build_with_a_failed_input_exits_1_with_its_message(tmp_path: Path) -> None:
    done = _kgraph("build", str(SAMPLES / "hangzhou-keji.txt"), str(tmp_path / "missing.txt"), "-o", str(tmp_path / "out"), "-q")
    assert done.returncode == 1
    assert "missing.txt" in done.stderr and done.stderr.rstrip().endswith("1 input(s) failed")
    assert "wrote " in done.stdout


def test_a_build_error_exits_as_before(tmp_path: Path) -> None:
    done = _kgraph("build", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "out"))
    assert done.returncode != 0 and done.stderr.startswith("Error: ")
