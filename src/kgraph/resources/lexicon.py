"""Bundled general resources (surnames, titles, organs, institutions, rule word lists), loaded once.

The files live in ``kgraph/resources/data`` and are plain text: ``#`` starts a
comment, TSV files have a header row. ``words/<stage>.txt`` holds the word lists the
rules of one stage use, one ``[section]`` per list; ``thresholds.tsv`` the numbers
they use. They hold general knowledge only, never the names of any particular article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources

from kgraph.errors import DataError

__all__ = ["Lexicon", "alternation", "load_lexicon", "pairs", "read_table", "threshold", "word_lists", "word_set", "words"]


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


_UNIT_ENDS = ("司", "局", "处", "厅", "室", "办", "部", "中心")  # the units of an organ (产业发展司, 教育局)
_GENERIC_HEADS = ("国家", "中央")  # aliases that open the names of many organs of their own (国家信访局)


@dataclass(frozen=True)
class Lexicon:
    surnames: frozenset[str]
    official_titles: frozenset[str]
    person_titles: frozenset[str]
    organs: dict[str, str]  # alias → canonical organ name
    institutions: dict[str, str]  # alias → canonical institution name
    countries: frozenset[str] = frozenset()

    @cached_property
    def foreign_names(self) -> frozenset[str]:
        """Names of other countries and regions abroad: not 中国, nor words for the whole
        world (国际, 全球, 世界, 跨国) that Chinese names and forums use too."""
        return frozenset(c for c in self.countries if len(c) >= 2) - {"中国", "国际", "全球", "世界", "跨国"}

    @cached_property
    def titles(self) -> frozenset[str]:
        return self.official_titles | self.person_titles

    @cached_property
    def max_title(self) -> int:
        return max(len(t) for t in self.titles)

    @cached_property
    def title_pattern(self) -> re.Pattern[str]:
        """Any title, longest first (built once, used on every article)."""
        return re.compile(alternation(sorted(self.titles)))

    @cached_property
    def title_anywhere(self) -> re.Pattern[str]:
        """Any title starting at any position, overlaps included (国务委员|长 and 委员长)."""
        return re.compile("(?=(" + alternation(sorted(self.titles)) + "))")

    def organ_name(self, name: str) -> str:
        """The canonical name of an organ, or of a unit of one written with the organ's alias
        first (兵团教育局 → 新疆生产建设兵团教育局, 国家发改委产业司 → 国家发展和改革委员会产业司)."""
        if name in self.organs:
            return self.organs[name]
        head = next((name[:n] for n in range(min(len(name) - 2, 16), 1, -1) if name[:n] in self.organs), None)
        unit = name[len(head) :] if head else ""
        if head is None or head in _GENERIC_HEADS or unit.endswith("公司") or not (2 <= len(unit) <= 6 and unit.endswith(_UNIT_ENDS)):
            return name  # 中央政府|驻澳门联络办公室: an organ of its own
        return self.organs[head] + unit

    @cached_property
    def institution_pattern(self) -> re.Pattern[str]:
        """Institution names and aliases of three characters or more, longest first."""
        return re.compile(alternation(sorted(n for n in self.institutions if len(n) >= 3)))


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


@cache
def word_lists(stage: str) -> dict[str, tuple[str, ...]]:
    """Every list of ``words/<stage>.txt``: section name → items in file order."""
    lists: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in _lines(f"words/{stage}.txt"):
        if line.startswith("[") and line.endswith("]"):
            current = lists.setdefault(line[1:-1], [])
        elif current is None:
            raise DataError(f"bundled resource words/{stage}.txt: items before the first [section]")
        else:
            current.extend(line.split())
    return {name: tuple(_expand(items, stage)) for name, items in lists.items()}


def _expand(items: list[str], stage: str) -> list[str]:
    out: list[str] = []
    for item in items:
        if item.startswith("@"):
            other, _, section = item[1:].partition(":")
            if other == stage:
                raise DataError(f"bundled resource words/{stage}.txt: {item} refers to its own file")
            out.extend(words(other, section))
        else:
            out.append(item)
    return out


def words(stage: str, section: str) -> tuple[str, ...]:
    """The items of one list, in file order (longest-first lists stay so)."""
    try:
        return word_lists(stage)[section]
    except KeyError:
        raise DataError(f"bundled resource words/{stage}.txt has no [{section}] list; reinstall kgraph") from None


def alternation(items: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of ``items``, longest first so the longest form wins."""
    return "|".join(map(re.escape, sorted(items, key=len, reverse=True)))


def pairs(stage: str, section: str) -> tuple[tuple[str, str], ...]:
    """A list of ``short=full`` items as (short, full) pairs."""
    out = []
    for item in words(stage, section):
        short, sep, full = item.partition("=")
        if not sep or not short or not full:
            raise DataError(f"bundled resource words/{stage}.txt [{section}]: {item!r} is not short=full")
        out.append((short, full))
    return tuple(out)


def word_set(stage: str, section: str) -> frozenset[str]:
    return frozenset(words(stage, section))


@lru_cache(maxsize=1)
def _thresholds() -> dict[str, int]:
    return {row["name"]: int(row["value"]) for row in read_table("thresholds.tsv")}


def threshold(name: str) -> int:
    """A number a rule uses (a jieba frequency, a window length), from ``thresholds.tsv``."""
    try:
        return _thresholds()[name]
    except KeyError:
        raise DataError(f"bundled resource thresholds.tsv has no {name!r}; reinstall kgraph") from None
