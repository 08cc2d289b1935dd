"""A hit (:class:`OrgHit`) and the key name it is recorded under: legal form and notes left out,
zones by their official names (free trade zones).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kgraph.extract.orgs.wordlists import _ZONE_ABBREVIATIONS, LEGAL_FORMS, NOTE
from kgraph.model import EntityType
from kgraph.resources.divisions import load_gazetteer
from kgraph.resources.lexicon import Lexicon


@dataclass(frozen=True)
class OrgHit:
    """A span naming a company or lab; ``name`` is the span without notes like (暂名)."""

    start: int
    end: int
    type: EntityType
    name: str
    rule: str


def org_key_name(name: str, type_: EntityType, lex: Lexicon) -> str:
    """The normalised name used for the entity key: legal form and notes stripped."""
    name = NOTE.sub("", name)
    if type_ is EntityType.LAB:
        return lex.institutions.get(name, name)
    if type_ is EntityType.ZONE:
        free_trade = _free_trade_zone(name)
        if free_trade is not None:
            return free_trade
        short = next((s for s, _ in _ZONE_ABBREVIATIONS if name.endswith(s)), None)
        return name[: -len(short)] + dict(_ZONE_ABBREVIATIONS)[short] if short else name
    for suffix in LEGAL_FORMS:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


# a province's free trade zone however written: 上海自贸试验区, 中国（上海）自贸试验区, 中国(上海)自由贸易试验区
_FREE_TRADE = re.compile(
    r"^(?:中国)?[（(]?([\u4e00-\u9fff]{2,8}?)?[）)]?(?:自由贸易试验区|自贸试验区|自贸区)([\u4e00-\u9fff]{2,6}?(?:新片区|片区))?$"
)


def _free_trade_zone(name: str) -> str | None:
    """The one key of a province's free trade zone, its official name 中国（上海）自由贸易试验区, and
    of an area of it (…自由贸易试验区喀什片区, however the zone is written; its province may be
    known from the area's city alone: 自贸区喀什片区)."""
    m = _FREE_TRADE.match(name)
    if m is None or not (m.group(1) or m.group(2)):
        return None
    gaz = load_gazetteer()
    if m.group(1):
        codes = [c for c in gaz.candidates(m.group(1)) if gaz.get(c).level == "province"]
    else:
        area = m.group(2).removesuffix("新片区").removesuffix("片区")
        codes = list({gaz.province_of(c) for c in gaz.candidates(area)})
    if len(codes) != 1:
        return None
    return free_trade_zone_name(codes[0]) + (m.group(2) or "")


def free_trade_zone_name(province: str) -> str:
    """中国（上海）自由贸易试验区: the official name of the free trade zone of the province ``province`` (a code)."""
    short = _province_short_names().get(province, load_gazetteer().get(province).name)
    return f"中国（{short}）自由贸易试验区"


@lru_cache(maxsize=1)
def _province_short_names() -> dict[str, str]:
    """Province code → its shortest name (广西壮族自治区 → 广西)."""
    gaz = load_gazetteer()
    out: dict[str, str] = {}
    for form, codes in gaz.short_forms.items():
        for code in codes:
            if gaz.get(code).level == "province" and len(form) < len(out.get(code, form + "_")):
                out[code] = form
    return out
