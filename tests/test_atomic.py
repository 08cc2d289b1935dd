"""Atomic writes: parents created, exact UTF-8 bytes, no temp file left, old file kept on failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kgraph.atomic import write_bytes_atomic, write_text_atomic
from kgraph.errors import OutputError


def test_text_is_written_as_utf8_with_parents_created(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "out.ttl"
    assert write_text_atomic(target, "省委书记\r\n周启明\n") == target
    assert target.read_bytes() == "省委书记\r\n周启明\n".encode()
    assert os.listdir(target.parent) == ["out.ttl"]


def test_replacing_keeps_the_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_bytes_atomic(target, b"new")
    assert (target.read_bytes(), target.stat().st_mode & 0o777) == (b"new", 0o640)


def test_failed_write_leaves_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError, match=r"cannot write .*out\.txt: disk full"):
        write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.txt"]
