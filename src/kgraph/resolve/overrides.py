"""The user's override file: corrections applied on the next build.

A CSV file (UTF-8, ``#`` comments allowed) with three columns, ``action,name,target``:

    same,中科院上海硅酸盐所,中国科学院上海硅酸盐研究所   # name is an alias of target
    not,世界500强,                                          # name is no entity: drop it
    apart,王明,                                             # never merge officials called 王明

Names are matched against entity names and aliases.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kgraph.errors import IngestError, InputError
from kgraph.ingest.files import read_regular

__all__ = ["ACTIONS", "Overrides", "load_overrides"]

ACTIONS = ("same", "not", "apart")


@dataclass(frozen=True)
class Overrides:
    same: tuple[tuple[str, str], ...] = ()  # (alias, canonical)
    not_entities: frozenset[str] = field(default_factory=frozenset)
    apart: frozenset[str] = field(default_factory=frozenset)


def load_overrides(path: Path) -> Overrides:
    """Read an override file; errors name the file, the line and the valid actions."""
    try:
        text = read_regular(path).decode("utf-8-sig")
    except IngestError as exc:
        raise InputError(f"override file {exc}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"override file {path}: not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    same, drop, apart = [], set(), set()
    lines = [line for line in text.splitlines()]
    rows = csv.reader(io.StringIO("\n".join(lines)))
    for number, row in _numbered(rows, path):
        cells = [c.split("#")[0].strip() for c in row]
        if not any(cells) or row[0].lstrip().startswith("#") or cells[0] == "action":
            continue
        action, name, target = (cells + ["", ""])[:3]
        if action not in ACTIONS or not name or (action == "same" and not target):
            raise InputError(
                f"override file {path}, line {number}: expected action,name,target with action one of "
                f"{', '.join(ACTIONS)} (target required for 'same'), got {_short(','.join(row))!r}"
            )
        if action == "same":
            same.append((name, target))
        elif action == "not":
            drop.add(name)
        else:
            apart.add(name)
    return Overrides(tuple(same), frozenset(drop), frozenset(apart))


def _numbered(rows: Iterator[list[str]], path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, row) of a CSV reader; a row the csv module cannot read is an ``InputError``."""
    number = 0
    while True:
        number += 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"override file {path}, line {number}: {exc}") from exc
        yield number, row


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"
