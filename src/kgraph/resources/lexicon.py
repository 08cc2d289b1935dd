"""Bundled general resources (surnames, titles, organs, institutions), loaded once.

The files live in ``kgraph/data`` and are plain text: ``#`` starts a comment, TSV
files have a header row. They hold general knowledge only, never the names of
any particular article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from kgraph.errors import DataError

__all__ = ["Lexicon", "load_lexicon", "read_table"]


def _read(name: str) -> str:
    try:
        return resources.files("kgraph.resources.data").joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise DataError(f"bundled resource {name} is missing; reinstall kgraph") from exc


def _lines(name: str) -> list[str]:
    return [line.strip() for line in _read(name).splitlines() if line.strip() and not line.startswith("#")]


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a bundled TSV file as dicts keyed by its header."""
    lines = _lines(name)
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) > len(header):
            raise DataError(f"bundled resource {name}: row {number} has too many columns")
        rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)))))
    return rows


def _alias_index(name: str) -> dict[str, str]:
    """alias or canonical name → canonical name."""
    index: dict[str, str] = {}
    for row in read_table(name):
        canonical = row["canonical"]
        index[canonical] = canonical
        for alias in filter(None, row["aliases"].split("|")):
            index.setdefault(alias, canonical)
    return index


@dataclass(frozen=True)
class Lexicon:
    surnames: frozenset[str]
    official_titles: frozenset[str]
    person_titles: frozenset[str]
    organs: dict[str, str]  # alias → canonical organ name
    institutions: dict[str, str]  # alias → canonical institution name
    countries: frozenset[str] = frozenset()

    @cached_property
    def titles(self) -> frozenset[str]:
        return self.official_titles | self.person_titles

    @cached_property
    def max_title(self) -> int:
        return max(len(t) for t in self.titles)

    @cached_property
    def title_pattern(self) -> re.Pattern[str]:
        """Any title, longest first (built once, used on every article)."""
        return re.compile("|".join(map(re.escape, sorted(self.titles, key=len, reverse=True))))

    @cached_property
    def institution_pattern(self) -> re.Pattern[str]:
        """Institution names and aliases of three characters or more, longest first."""
        names = sorted((n for n in self.institutions if len(n) >= 3), key=len, reverse=True)
        return re.compile("|".join(map(re.escape, names)))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    surnames = frozenset(word for line in _lines("surnames.txt") for word in line.split())
    titles = read_table("titles.tsv")
    return Lexicon(
        surnames=surnames,
        official_titles=frozenset(r["title"] for r in titles if r["kind"] == "official"),
        person_titles=frozenset(r["title"] for r in titles if r["kind"] == "person"),
        organs=_alias_index("organs.tsv"),
        institutions=_alias_index("institutions.tsv"),
        countries=frozenset(word for line in _lines("countries.txt") for word in line.split()),
    )
