"""Company and name cores: what may stand before a suffix (:func:`good_core`, :func:`_no_name_core`),
a company's legal and trade-name core (:func:`legal_core`, :func:`company_core`), well-known
enterprises (data/companies.tsv).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kgraph.extract.orgs.walk import _frequent_verb, _rare
from kgraph.extract.orgs.wordlists import _GENERIC, _MEASURES, _NUMERALS, _PROPER_TAGS, COMPANY_SUFFIXES, INDUSTRY_WORDS
from kgraph.resources.lexicon import alternation, read_table
from kgraph.segment import tagged


def _all_dictionary(core: str) -> bool:
    """Every word of the core is a common dictionary word (航空产业园 has no name of its own)."""
    return all(w.tag not in _PROPER_TAGS and not _rare(w.word) for w in tagged(core))


_COUNTRIES_COUNTED = re.compile("[两三四五多各双][国方]")
_SIDES = re.compile("双方|各方|两国|多国")
_COUNTED = re.compile(r"\d+[" + "".join(sorted(_MEASURES)) + "]")  # 10家|联合实验室: the measure words of [measure-chars]
_COUNT_BEFORE = re.compile("(?:[国市省州地]一|多地|多所|多家|一所|一家)$")  # 美国一|大学; not 统一|集团, 华数|集团


def _no_name_core(core: str, verbs: bool = True) -> bool:
    """A core that names nothing: a frequent verb alone or after its subject (出台|合作区,
    听取|联合实验室) or adjectives alone (低效|产业园; both only when ``verbs``: a company's name
    may end on a verb), one ending on a
    joiner (集控室和|实验室), or countries counted (中新两国|实验室)."""
    counted = (_COUNTRIES_COUNTED if verbs else _SIDES).search(core)  # a company may be named 某某三国…
    if core.endswith(("和", "与", "及", "、")) or counted or re.search(r"一(.)\1$", core):
        return True  # …, 一座座|重点实验室: things counted one by one
    if _COUNTED.match(core) or _COUNT_BEFORE.search(core) or core.endswith("读"):
        return True  # 10家|联合实验室, 美国一|大学, 美国多地|大学, 在美国读|大学
    words = tagged(core)
    if verbs and words and all(w.tag in ("a", "b", "ad") for w in words):
        return True  # 低效|产业园, 新型|实验室: a kind
    if not verbs or not words or not _frequent_verb(words[-1]):
        return False
    return len(words) == 1 or words[-2].tag in ("nt", "j", "r")  # 税务总局|出台|合作区: a subject and its verb


def _counts_only(core: str) -> bool:
    """一区多|园, 一城两|区, 两国双|园: a slogan of counts, no name."""
    return len(core) <= 4 and sum(ch in _NUMERALS or ch == "双" for ch in core) >= 2


def good_core(core: str) -> bool:
    """Whether ``core`` can be the part of a name before its suffix: not generic words alone."""
    if len(core) < 2 or core.startswith(("(", "（")):
        return False
    if _counts_only(core):
        return False
    rest = core
    for word in sorted(_GENERIC, key=len, reverse=True):
        rest = rest.replace(word, "")
    return len(rest) >= 2 or (len(rest) == 1 and len(core) >= 3 and rest not in "级类型")


_COMPANIES = {alias: row["canonical"] for row in read_table("companies.tsv") for alias in (row["canonical"], *filter(None, row["aliases"].split("|")))}
_COMPANY_PATTERN = re.compile(alternation(sorted(_COMPANIES)))


def known_company_length(name: str) -> int:
    """The length of the well-known enterprise's name a name opens on (中国移动|广西公司), or 0."""
    head = _COMPANY_PATTERN.match(name)
    return head.end() if head else 0


def legal_core(name: str) -> str:
    """A company's name without its bracketed notes and its legal form (某某科技有限公司 → 某某科技)."""
    core = re.sub(r"[（(][^)）]*[)）]", "", name)
    suffix = next((x for x in COMPANY_SUFFIXES if core.endswith(x) and len(core) > len(x) + 1), "")
    return core[: len(core) - len(suffix)]


def company_core(name: str, place: Callable[[str], str | None]) -> tuple[str, str]:
    """(region, trade name) of a company name: 宁波瑞聚传媒科技有限公司 → (330200, 瑞聚).

    ``place`` gives a division's code for a place name (None for other words), so that
    广东 and 广东省 are one region.
    """
    core = legal_core(name)
    prefix = next((core[:n] for n in range(min(6, len(core) - 2), 1, -1) if place(core[:n])), "")
    region = place(prefix) or "" if prefix else ""
    core = core[len(prefix) :]
    stripped = True
    while stripped:
        stripped = False
        for word in sorted(INDUSTRY_WORDS, key=len, reverse=True):
            if core.endswith(word) and len(core) - len(word) >= 2:
                core, stripped = core[: -len(word)], True
                break
    return region, core
