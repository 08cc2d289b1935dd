"""Atomic file writes: a reader sees the old file or the new one, never half of one.

The data goes to a temporary file in the destination's folder (so the final
``os.replace`` stays on one filesystem and is atomic), is flushed to disk, and
then replaces the destination. Missing parent folders are created. The new
file keeps the mode of the file it replaces, or gets the usual ``0o666 & ~umask``.

Only regular files are replaced: a folder, device node (``/dev/null``), FIFO or
socket at the destination is refused. A symbolic link is written through: the
regular file it points to is replaced and the link stays (a dangling link is refused).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from kgraph.errors import OutputError

__all__ = ["destination", "write_bytes_atomic", "write_text_atomic"]


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return the path written.

    Raises ``OutputError`` (naming the file) when it cannot be written.
    """
    target = Path(path)
    try:
        _write(destination(target), data)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    return target


def destination(target: Path) -> Path:
    """The regular file a write to ``target`` replaces: ``target``, or where its symbolic link points.

    Raises ``OutputError`` when ``target`` is a folder, a device, FIFO or socket, or a
    dangling or looping symbolic link.
    """
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        if os.path.islink(target):
            raise OutputError(f"cannot write {target}: it is a symbolic link to a missing file") from None
        return target
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(mode):
        raise OutputError(f"cannot write {target}: it is {_kind(mode)}, not a regular file; refusing to replace it")
    return Path(os.path.realpath(target)) if os.path.islink(target) else target


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"))  # fmt: skip
    return next((name for test, name in kinds if test(mode)), "a special file")


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
