"""The division an organisation's own name says it is in (华航自贡无人机产业基地 → 自贡市):
the division names it starts with, holds in brackets or holds inside as words of their own, each
decided to one code (``_one_code``); short forms that are common words, mountains or lakes, or
regions of the country are no places. Reads a name only, with the gazetteer and the codes of
the article's places; records nothing.
"""

from __future__ import annotations

import itertools
import re

from kgraph.extract.places import MACRO_REGIONS, NATURE
from kgraph.resources.divisions import Gazetteer
from kgraph.resources.lexicon import threshold, word_set, words
from kgraph.segment import Token, tokens, word_info


def _place_in_name(name: str, gaz: Gazetteer, known: set[str]) -> str | None:
    """The most specific division a name starts with, names in brackets, or holds inside
    (华航自贡无人机产业基地): one code only (decided by the article's other places when
    several divisions share the name)."""
    if len(gaz.candidates(name)) == 1 and gaz.is_full(name):
        return gaz.candidates(name)[0]  # 苏州工业园区: the zone is a division of its own
    bracket = re.search(r"[（(]([\u4e00-\u9fff]{2,8})[）)]", name)
    forms = [bracket.group(1)] if bracket else []
    forms += _leading_forms(name, gaz) + _inner_forms(name, gaz)
    name_tokens = tokens(name)
    park = _park_district(name_tokens, gaz)
    forms += [park] if park else []
    own_words = {t.word for t in name_tokens}
    other_divisions = [t for t in name_tokens if t.end < len(name) and t.word.endswith(_DIVISION_ENDS) and not gaz.candidates(t.word)]
    forms = [f for f in forms if not any(t.start == name.find(f) and t.end > t.start + len(f) for t in other_divisions)]  # 北海道|旅客…: not 北海
    forms = [f for f in forms if gaz.is_full(f) or not (_before_nature(name, name.find(f) + len(f), name_tokens) or f in MACRO_REGIONS)]  # 中原|科技城: a region, not 中原区
    info = word_info(name)
    dictionary_name = info is not None and info[1] == "nt"  # 大连理工大学: a name jieba knows starts on a place
    found: str | None = None
    for form in forms:
        code = _one_code(form, gaz, known, found, form in own_words or (dictionary_name and name.startswith(form)), form == park)
        if code is not None and (found is None or gaz.is_ancestor(found, code)):
            found = code
    return found


def _before_nature(name: str, end: int, name_tokens: list[Token]) -> bool:
    """岳麓|山实验室: a place's short form before 山 (湖, 江 …) in one word, or before 山 standing
    alone, names a mountain (a lake …), not the place (not 南京|江北新区)."""
    if name[end : end + 1] not in NATURE:
        return False
    return any(t.start < end < t.end or (t.start == end and t.end == end + 1) for t in name_tokens)


def _leading_forms(name: str, gaz: Gazetteer) -> list[str]:
    forms, at = [], 0
    while at < len(name) - 2:
        form = next((name[at : at + n] for n in range(min(gaz.max_len, len(name) - at - 1), 1, -1) if gaz.candidates(name[at : at + n])), None)
        if form is None:
            break
        forms.append(form)
        at += len(form)
    return forms


def _inner_forms(name: str, gaz: Gazetteer) -> list[str]:
    """Division names inside a name that are words of their own there (华航|自贡|无人机…,
    广东省科学院|广州|地理研究所; not 总|台中|央 or 黄|河源): in full, as a city (not 西湖),
    or a county right after its parent (浙江|慈溪)."""
    out: list[str] = []
    words_ = [t.word for t in tokens(name)]
    for before, word in itertools.pairwise(words_):
        levels = {gaz.get(c).level for c in gaz.candidates(word)}
        after_place = bool(out) and out[-1] == before
        place_word = (word_info(word) or (0, ""))[1] == "ns"  # 中关村|延庆|园: a county jieba knows as a place
        if levels and (gaz.is_full(word) or levels != {"county"} or after_place or place_word):
            out.append(word)  # 国网|湘潭|供电公司 (the city, not the county); 国网浙江|慈溪
    return out


_NOT_PLACES = words("places", "not-places-in-names")
_DIVISION_ENDS = ("道", "州", "省", "县", "郡", "府")  # a word opening a name that is another country's division (北海道)


def _park_district(name_tokens: list[Token], gaz: Gazetteer) -> str | None:
    """The county whose short name a park of a bigger zone is named by (某某科技城|房山|园): the
    word before the closing 园 or 片区, when it is a county's short form."""
    if len(name_tokens) < 3 or name_tokens[-1].word not in _PARK_ENDS:
        return None
    word = name_tokens[-2].word
    levels = {gaz.get(c).level for c in gaz.candidates(word)}
    return word if levels == {"county"} and not gaz.is_full(word) else None


_PARK_ENDS = word_set("places", "park-ends")


def _one_code(
    form: str, gaz: Gazetteer, known: set[str], parent: str | None, own_word: bool = False, park: bool = False
) -> str | None:
    """The one division a form in a name stands for: under the division named before it,
    else one the article names, else the highest in level when only one is that high
    (长沙 is 长沙市, not 长沙县); common words are no places (a county's short form must be
    a dictionary place name unless its parent comes before it: 浙江慈溪; a city's short form
    that jieba cuts off as a word of the name, or a county's that names a ``park``, is no
    common word there: 大连|冰山|集团, 某某科技城|房山|园)."""
    codes = () if form in _NOT_PLACES else gaz.candidates(form)
    if parent is not None:
        codes = tuple(c for c in codes if gaz.is_ancestor(parent, c))
    if len(codes) > 1:
        named = tuple(c for c in codes if c in known)
        order = ("province", "prefecture", "county")
        top = min(order.index(gaz.get(c).level) for c in codes)
        highest = tuple(c for c in codes if order.index(gaz.get(c).level) == top)
        codes = named if len(named) == 1 else highest
    level = gaz.get(codes[0]).level if len(codes) == 1 else ""
    own = (own_word and level == "prefecture") or (park and level == "county")  # a word of the name that is no common word there
    if len(codes) != 1 or (not gaz.is_full(form) and not own and _is_common(form, "prefecture" if parent else level)):
        return None
    county = gaz.get(codes[0]).level == "county"
    if county and not gaz.is_full(form) and parent is None and not any(a.code in known for a in gaz.chain(codes[0])[1:]):
        return None  # 平原新城: a county's short form needs its parent in the article
    return codes[0]


_RARE_WORD = threshold("rare-word")


def _is_common(form: str, level: str) -> bool:
    """A short form that is also a common word (振兴, 长安, 盐湖): no place when read from a
    name; a county's short form must be a place name in jieba's dictionary."""
    info = word_info(form)
    if level == "county":  # or a word rarer than a name usually is (清徐, tagged nr)
        return info is None or (info[1] != "ns" and info[0] >= _RARE_WORD)
    return info is not None and info[1] not in ("ns", "nz", "nt", "j") and info[0] >= 500
