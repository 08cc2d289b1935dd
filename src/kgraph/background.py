"""One piece of a build run beside the rest, in a forked process, and its result taken back.

    with beside(render, close=[fd]) as job:  # render() starts in a child process (inline where there is no fork)
        ...                          # the build goes on meanwhile, on the other core
        result = job.result()        # render()'s return value, or its exception raised here

The child shares the parent's memory as it was at the fork (nothing is copied or pickled on
the way in) and sends its result back pickled. It dies with the parent, however the parent
dies (on Linux, through the kernel's parent-death signal), and leaving the ``with`` block
without taking the result kills it. The child closes the file descriptors ``close`` (such as
the build's lock, which would else stay held until the child has gone too). The child must not use an Oxigraph (RocksDB) store the
parent opened: RocksDB's threads are not copied by fork.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

from kgraph.errors import KgraphError, OutputError

__all__ = ["Job", "beside"]

T = TypeVar("T")
_PR_SET_PDEATHSIG = 1


class Job(Generic[T]):
    """The handle of :func:`beside`'s work."""

    def __init__(self, work: Callable[[], T], close: Collection[int] = ()) -> None:
        self._work = work
        self._close = tuple(close)
        self._pid: int | None = None
        self._reader: int | None = None
        self._done: tuple[bool, object] | None = None

    def start(self) -> None:
        if not hasattr(os, "fork"):
            return
        reader, writer = os.pipe()
        parent, pid = os.getpid(), os.fork()
        if pid == 0:
            for fd in (reader, *self._close):
                with contextlib.suppress(OSError):
                    os.close(fd)
            _child(self._work, writer, parent)
        os.close(writer)
        self._pid, self._reader = pid, reader

    def result(self) -> T:
        """The work's return value (waiting for the child); its exception is raised here."""
        if self._done is None:
            self._done = self._collect() if self._pid is not None else _call(self._work)
        ok, value = self._done
        if not ok:
            raise value  # type: ignore[misc]
        return value  # type: ignore[return-value]

    def _collect(self) -> tuple[bool, object]:
        assert self._reader is not None and self._pid is not None
        with os.fdopen(self._reader, "rb") as pipe:
            self._reader = None
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        try:
            return pickle.loads(data)
        except Exception:  # noqa: BLE001 - nothing or garbage came back: the child died
            return False, OutputError(f"a build step running beside the build stopped (exit status {status})")

    def stop(self) -> None:
        """Kill the child if it is still running (the result was not taken)."""
        if self._pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(self._pid, 0)
            self._pid = None
        if self._reader is not None:
            os.close(self._reader)
            self._reader = None


@contextmanager
def beside(work: Callable[[], T], close: Collection[int] = ()) -> Iterator[Job[T]]:
    """Run ``work()`` in a forked child while the ``with`` block runs (see the module docstring)."""
    job = Job(work, close)
    job.start()
    try:
        yield job
    finally:
        job.stop()


def _call(work: Callable[[], T]) -> tuple[bool, object]:
    try:
        return True, work()
    except KgraphError as exc:
        return False, exc


def _child(work: Callable[[], object], writer: int, parent: int) -> None:
    """In the child: run, send (ok, value) back, exit without the parent's clean-up."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the CLI's handler (SystemExit) is the parent's
    _die_with(parent)
    try:
        payload = pickle.dumps(_call(work))
    except BaseException as exc:  # noqa: BLE001 - any failure is told to the parent, which raises it
        payload = pickle.dumps((False, OutputError(f"a build step running beside the build failed: {exc!r}")))
    with os.fdopen(writer, "wb") as pipe:
        pipe.write(payload)
    os._exit(0)


def _die_with(parent: int) -> None:
    """Ask the kernel to kill this process when its parent dies (Linux); exit if it is gone already."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)
