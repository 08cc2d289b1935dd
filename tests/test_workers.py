"""Worker processes of a parallel build die with the build (issue 11): SIGTERM or kill -9 of the parent."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

GOOD = Path(__file__).resolve().parents[1] / "samples" / "articles" / "hangzhou-keji.txt"
KGRAPH = [sys.executable, "-m", "kgraph"]


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def _wait_for(check: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return check()


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = GOOD.read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("many") / "many.jsonl"
    lines = (json.dumps({"id": f"a{i}", "text": f"{i}\n{text}"}, ensure_ascii=False) for i in range(400))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_the_build(many: Path, tmp_path: Path, sig: signal.Signals) -> None:
    build = subprocess.Popen([*KGRAPH, "build", str(many), "-o", str(tmp_path / "out"), "-j", "2", "-q"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    try:
        assert _wait_for(lambda: len(_children(build.pid)) >= 2, 60), "the build started no workers"
        workers = _children(build.pid)
        os.kill(build.pid, sig)
        build.wait(10)
        assert _wait_for(lambda: not any(map(_alive, workers)), 5), f"workers {workers} outlived the build"
    finally:
        build.kill()
        build.wait()
    assert not (tmp_path / "out" / "graph.ttl").exists()
    if sig == signal.SIGTERM:
        assert build.returncode == 128 + signal.SIGTERM and b"Traceback" not in build.stderr.read()  # type: ignore[union-attr]
