"""Atomic file writes: a reader sees the old file or the new one, never half of one.

The data goes to a temporary file in the destination's folder (so the final
``os.replace`` stays on one filesystem and is atomic), is flushed to disk, and
then replaces the destination. Missing parent folders are created. The new
file keeps the mode of the file it replaces, or gets the usual ``0o666 & ~umask``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kgraph.errors import OutputError

__all__ = ["write_bytes_atomic", "write_text_atomic"]


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return the path written.

    Raises ``OutputError`` (naming the file) when it cannot be written.
    """
    target = Path(path)
    try:
        return _write(target, data)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc


def _write(target: Path, data: bytes) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(tmp_name, _mode_for(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return target


def _mode_for(target: Path) -> int:
    """The permission bits a freshly written ``target`` should get."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_text_atomic(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically and return the path written.

    Newlines are written as given (no platform translation), so output is the
    same on every system.
    """
    return write_bytes_atomic(path, text.encode("utf-8"))
