"""One build's outputs are one set: staged, then switched in together.

A build never writes over the files a reader is looking at. It writes every output
(graph.ttl, aliases.csv, graph.html, and any folder such as a store) into a fresh
folder of its own, then switches one symbolic link, so a reader sees the whole old
set or the whole new one, never a mix::

    OUT/graph.ttl    -> .kgraph/current/graph.ttl        (one link per output, made once)
    OUT/graph.html   -> .kgraph/current/graph.html
    OUT/.kgraph/current -> builds/<id>                   (the switch: one atomic rename)
    OUT/.kgraph/builds/<id>/graph.ttl, graph.html, …, manifest.json
    OUT/.kgraph/lock                                     (held while a build writes)

- **One build at a time**: a build holds an exclusive lock on ``.kgraph/lock`` from its
  start; a second build into the same folder is refused at once (the kernel drops the
  lock when a build dies, even by kill -9).
- **Leftovers are cleaned by the next build**: every folder under ``builds/`` but the
  current one (the previous set is kept until then, for readers that opened it) and
  temporary files of a killed build.
- **Manifest**: ``builds/<id>/manifest.json`` names the build and each file's size and
  SHA-256, written last, so a complete set can be told from a partial one.
- Files written by an older kgraph straight into OUT are adopted into a set (hard
  links) before they are replaced by links, so they too switch all at once.

Usage::

    with stage_outputs(out_dir) as staged:         # lock, clean, stage
        staged.write_text("graph.ttl", turtle)
        staged.folder("store")                     # a folder output, written by its owner
        staged.commit()                            # manifest, links, switch
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import shutil
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import IO, TypeVar

from kgraph.errors import OutputError

__all__ = ["CONTROL", "MANIFEST", "OutputSet", "clean_leftovers", "current_set", "stage_outputs"]

CONTROL = ".kgraph"  # the folder, inside the output folder, that holds the sets
MANIFEST = "manifest.json"
_BUILDS, _CURRENT, _LOCK = "builds", "current", "lock"
_LINK_PREFIX = f"{CONTROL}/{_CURRENT}/"
_OLD_OUTPUTS = ("graph.ttl", "aliases.csv", "graph.html")  # what kgraph wrote straight into OUT before sets
T = TypeVar("T")


@contextmanager
def stage_outputs(folder: Path) -> Iterator[OutputSet]:
    """Lock ``folder`` for one build, clean what a killed build left, and stage a new set.

    Raises ``OutputError`` when the folder cannot be used or another build holds it.
    Leaving without :meth:`OutputSet.commit` removes the staged files; the lock is
    released either way.
    """
    lock = _take_lock(folder)
    try:
        clean_leftovers(folder)
        _adopt_old_outputs(folder)
        staged = OutputSet(folder, _new_id())
        staged.lock_fd = lock.fileno()
        _guard(staged.stage, lambda: staged.stage.mkdir(parents=True))
        try:
            yield staged
        finally:
            if not staged.committed:
                shutil.rmtree(staged.stage, ignore_errors=True)
    finally:
        lock.close()


def current_set(folder: Path) -> Path | None:
    """The folder of the set readers of ``folder`` see now, or None when no build has been switched in."""
    build_id = _current_id(folder / CONTROL)
    return folder / CONTROL / _BUILDS / build_id if build_id else None


class OutputSet:
    """The staged outputs of one build (see the module docstring). Made by :func:`stage_outputs`."""

    def __init__(self, folder: Path, build_id: str) -> None:
        self.folder = folder
        self.control = folder / CONTROL
        self.stage = self.control / _BUILDS / build_id
        self.build_id = build_id
        self.names: list[str] = []
        self.committed = False
        self.lock_fd: int | None = None  # the folder's lock, held open (a process forked by the build closes it)

    def path(self, name: str) -> Path:
        """Where output ``name`` is staged (for writers that need a path); records it in the set."""
        if not name or "/" in name or name.startswith(".") or name == MANIFEST:
            raise ValueError(f"not an output name: {name!r}")
        if name not in self.names:
            self.names.append(name)
        return self.stage / name

    def folder_for(self, name: str) -> Path:
        """A fresh folder output ``name`` (such as a store), created in the staged set."""
        path = self.path(name)
        _guard(path, path.mkdir)
        return path

    def write_text(self, name: str, text: str) -> Path:
        """Write output ``name`` into the staged set; return the path readers will use (OUT/name)."""
        return self.write_bytes(name, text.encode("utf-8"))

    def write_bytes(self, name: str, data: bytes) -> Path:
        path = self.path(name)
        _guard(path, lambda: _write_synced(path, data))
        return self.folder / name

    def commit(self) -> None:
        """Write the manifest and switch the staged set in: readers now see all of it at once."""
        self._check_link_places()
        manifest = self.stage / MANIFEST
        _guard(manifest, lambda: _write_synced(manifest, _manifest(self)))
        _fsync_dir(self.stage)
        for name in self.names:
            self._link(name)
        self._switch()
        self.committed = True
        self._unlink_outputs_not_in_set()

    def _check_link_places(self) -> None:
        for name in self.names:
            place = self.folder / name
            if place.is_symlink() or not place.exists() or place.is_file():
                continue
            raise OutputError(f"cannot write {place}: it is {_kind(place)}; move it away or choose another -o "
                              "(the previous outputs are unchanged)")  # fmt: skip

    def _link(self, name: str) -> None:
        """Make OUT/name a link into the current set (it shows the new file once the set is switched)."""
        place, target = self.folder / name, _LINK_PREFIX + name
        if place.is_symlink() and os.readlink(place) == target:
            return
        _replace_with_link(place, target)

    def _switch(self) -> None:
        _replace_with_link(self.control / _CURRENT, f"{_BUILDS}/{self.build_id}")
        _fsync_dir(self.control)

    def _unlink_outputs_not_in_set(self) -> None:
        for entry in _managed_links(self.folder):
            if entry.name not in self.names:
                entry.unlink(missing_ok=True)


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove what killed builds left in ``folder``; return what was removed.

    Every folder in ``.kgraph/builds`` but the current set, and temporary files and
    links (``.graph.ttl.*.tmp``) in ``folder`` and ``.kgraph``. Call it only while
    holding the lock (:func:`stage_outputs` does).
    """
    control = folder / CONTROL
    current = _current_id(control)
    builds = control / _BUILDS
    stale = [entry for entry in (builds.iterdir() if builds.is_dir() else ()) if entry.name != current]
    stale += [*folder.glob(".*.tmp"), *control.glob(".*.tmp")]
    for entry in stale:
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
    return sorted(stale)


# ── the lock ──────────────────────────────────────────────────────────────────


def _take_lock(folder: Path) -> IO[str]:
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"cannot use {folder} as the output folder: it is {_kind(folder)}")
    control = folder / CONTROL
    _guard(control, lambda: control.mkdir(parents=True, exist_ok=True))
    lock_path = control / _LOCK
    handle = _guard(lock_path, lambda: open(lock_path, "a+", encoding="utf-8"))  # noqa: SIM115 - held open
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        handle.seek(0)
        holder = handle.read().strip() or "unknown"
        handle.close()
        if exc.errno in (errno.EWOULDBLOCK, errno.EACCES):
            raise OutputError(f"another kgraph build is writing to {folder} (pid {holder}); "
                              "wait for it to finish or choose another -o") from None  # fmt: skip
        raise OutputError(f"cannot lock {lock_path}: {exc.strerror or exc}") from exc
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


# ── files and links ───────────────────────────────────────────────────────────


def _kind(path: Path) -> str:
    mode = path.stat().st_mode
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISREG, "a file"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"))  # fmt: skip
    return next((name for test, name in kinds if test(mode)), "a special file")


def _guard(path: Path, action: Callable[[], T]) -> T:
    """Run a filesystem ``action`` on ``path``; an ``OSError`` becomes an ``OutputError`` naming it."""
    try:
        return action()
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc} (the previous outputs are unchanged)") from exc


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace_with_link(place: Path, target: str) -> None:
    """Atomically make ``place`` a symbolic link to ``target`` (replacing a file or link there)."""
    temporary = place.with_name(f".{place.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    try:
        os.symlink(target, temporary)
        os.replace(temporary, place)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise OutputError(f"cannot write {place}: {exc.strerror or exc}") from exc


def _managed_links(folder: Path) -> Iterator[Path]:
    for entry in folder.iterdir():
        if entry.is_symlink() and os.readlink(entry).startswith(_LINK_PREFIX):
            yield entry


def _current_id(control: Path) -> str | None:
    try:
        return os.path.basename(os.readlink(control / _CURRENT))
    except OSError:
        return None


def _adopt_old_outputs(folder: Path) -> None:
    """Outputs an older kgraph wrote straight into ``folder`` become the current set (hard links)."""
    control = folder / CONTROL
    if _current_id(control) is not None:
        return
    old = [folder / name for name in _OLD_OUTPUTS if (folder / name).is_file() and not (folder / name).is_symlink()]
    if not old:
        return
    build_id = f"adopted-{_new_id()}"
    adopted = control / _BUILDS / build_id
    _guard(adopted, lambda: adopted.mkdir(parents=True))
    for path in old:
        _guard(adopted / path.name, partial(_link_or_copy, path, adopted / path.name))
    _replace_with_link(control / _CURRENT, f"{_BUILDS}/{build_id}")
    for path in old:  # each link shows the same old file, through the adopted set
        _replace_with_link(path, _LINK_PREFIX + path.name)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _manifest(staged: OutputSet) -> bytes:
    files = {}
    for name in staged.names:
        path = staged.stage / name
        if path.is_file():
            files[name] = {"bytes": path.stat().st_size, "sha256": _sha256(path)}
        else:
            files[name] = {"folder": True}
    record = {"build": staged.build_id, "pid": os.getpid(), "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "files": files}
    return (json.dumps(record, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _new_id() -> str:
    return f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{os.urandom(3).hex()}"

