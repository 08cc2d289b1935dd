"""kgraph.background: a build step run in a forked child, its result or its error taken back."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kgraph import background
from kgraph.background import beside
from kgraph.errors import DataError, OutputError


def test_the_result_comes_back_from_another_process() -> None:
    with beside(lambda: (os.getpid(), [1, "二"])) as job:
        pid, value = job.result()
    assert value == [1, "二"] and pid != os.getpid()


def test_a_kgraph_error_is_raised_in_the_parent() -> None:
    def fails() -> None:
        raise DataError("the assets are broken")

    with beside(fails) as job, pytest.raises(DataError, match="the assets are broken"):
        job.result()


def test_any_other_failure_is_an_output_error() -> None:
    def fails() -> None:
        raise ZeroDivisionError("oops")

    with beside(fails) as job, pytest.raises(OutputError, match="ZeroDivisionError"):
        job.result()


def test_a_child_that_dies_is_an_output_error() -> None:
    with beside(lambda: os._exit(3)) as job, pytest.raises(OutputError, match="exit status"):
        job.result()


def test_leaving_without_the_result_kills_the_child(tmp_path: Path) -> None:
    mark = tmp_path / "done"
    with beside(lambda: (time.sleep(2), mark.write_text("x"))) as job:
        pid = job._pid
    assert pid is not None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # killed and reaped
    time.sleep(0.1)
    assert not mark.exists()


def test_closed_descriptors_are_closed_in_the_child_only(tmp_path: Path) -> None:
    with open(tmp_path / "held", "w", encoding="utf-8") as held:
        fd = held.fileno()
        with beside(lambda: os.path.exists(f"/proc/self/fd/{fd}"), close=[fd]) as job:
            assert job.result() is False
        assert os.fstat(fd)  # still open here


def test_without_fork_the_work_runs_inline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(background.os, "fork")
    with beside(os.getpid) as job:
        assert job.result() == os.getpid()
