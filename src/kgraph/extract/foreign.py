"""Another country's posts: 新加坡总理X, 巴西农业部部长X, 朝鲜劳动党总书记、国务委员长X, 法国前总理X.

A chain that :func:`kgraph.extract.officials.find_titled_names` finds to be another country's
is read here from its noun phrase. Each post of the phrase (posts are joined by 、 or 兼) is a
title at its end and what is written before it: the country itself (新加坡总理 → 总理@新加坡),
one of its organs (巴西农业部部长 → 部长@巴西农业部; 以色列国防部长 → 部长@以色列国防部), or one
of its places (巴西圣保罗州卡皮拉斯市市长 → 市长@卡皮拉斯市). A post that names none takes the
country (…、国务委员长 → 国务委员长@朝鲜). 前 or 原 before a title makes the post former. With
no country in the phrase, the nearest one named before it in the sentence is taken (依照法国
宪法，总理X); with none there either, no post is read (联合国秘书长X stays a person).
"""

from __future__ import annotations

import re
from functools import cache

from kgraph.resources.lexicon import Lexicon, load_lexicon, threshold, words
from kgraph.segment import Token, is_cjk, tagged, word_info

__all__ = ["ForeignPost", "foreign_name_end", "foreign_posts", "name_word_end"]

ForeignPost = tuple[str, str, bool]  # (title, country or organ or place, former)

_JOINERS = re.compile("[、兼]")
_FORMER = ("前", "原")
_PLACE_ENDS = ("州", "省", "市", "县")
_ABROAD_WORDS = frozenset({"海外", "国外", "外国", "境外"})  # no country: 法|国外|交部 is 法国外交部
_DEPUTY = "副"
_SHORT_MINISTERS = {"外长": "外交部", "防长": "国防部"}
_SHARED_FIRST = frozenset("部市州省县")  # 国防部长, 阿尚别尔市长: the last character of what is before a title, written once
_ORGAN_ENDS = words("officials", "organ-ends") + ("基地",)
_BODIES = words("officials", "foreign-words")  # 欧盟, 联合国: bodies that are no country
_STATE = "国家"
_MODIFIERS = words("officials", "foreign-title-modifiers")
_TITLE_PREFIXES = frozenset(words("officials", "foreign-title-prefixes"))
_FORMER_MODIFIERS = 3  # the first modifiers (前任, 已故, 时任) make a post former
# jieba's tags of words no organ's name is made of: verbs (not 劳工, vn), function words, numbers, times, pronouns
_NOT_IN_NAMES = frozenset("v vd vg vi vq p c u uj ul uz ug uv ud d dg m mq r rr rz t tg q x".split())
_TITLE_PREFIX = 2  # 、国务|委员长: so many characters before a later title with no organ are part of it  # 越南国家主席: the title is the state's (主席@越南)
_COMMON = threshold("foreign-name-word")
_COUNTRY_WINDOW = 48  # how far before a title a country makes a name after it worth guessing
_NAME_LONGEST = 8
_NAME_STOPS = words("officials", "person-verbs") + words("officials", "foreign-name-stops")
_NAME_TAGS = ("nr", "ns", "nz")  # nr, nrt, nrf: names; ns, nz: jieba reads some such names as places or proper nouns
_TRANSLITERATION = frozenset("".join(words("names", "transliteration-chars")))
_MOSTLY = 0.6  # the share of transliteration characters that makes a foreign name


def foreign_posts(phrase: str, before: str, lex: Lexicon) -> tuple[ForeignPost, ...]:
    """The posts of ``phrase`` (the noun phrase of titles before a name, ending in a title),
    whose country is named in it or in ``before`` (the sentence before it); () when no country
    is named (联合国秘书长X: an international body's officer is no country's official). Only the parts at the phrase's end that end in a title are read (the phrase may
    run back over an earlier name of a list: 巴西农业部长某某、矿产和能源部长)."""
    country = _last_body(phrase, lex, bodies=False) or _last_body(before, lex, bodies=False)
    if country is None:
        return ()
    posts: list[ForeignPost] = []
    parts = [s for s in _JOINERS.split(phrase) if s]
    for index in range(len(parts) - 1, -1, -1):
        post = _post(parts[index], country, index == 0 or (not posts and _title_of(parts[index - 1]) is None), lex)
        if post is None:
            break
        posts.insert(0, post)
    return tuple(p for p in posts if p[1])


def _post(segment: str, country: str, first: bool, lex: Lexicon) -> ForeignPost | None:
    """A part's post: its title, and the country, organ or place written before it, from the
    last country or foreign body named in it (某国|摩洛哥首相 → 首相@摩洛哥). An organ without
    the country is the country's (矿产和能源部长 → 巴西矿产和能源部); in a later part, words that
    name no organ are part of the title (、国务委员长). A part whose words are no name
    (…官员正在为巴|总理) has an empty place."""
    title = _title_of(segment)
    if title is None:
        return None
    head, former = _without_modifiers(segment[: -len(title)])
    if title in _SHORT_MINISTERS:  # 伊朗外长, 某国副外长: a minister of the country's ministry (部长@伊朗外交部)
        deputy = head.endswith(_DEPUTY)
        return _DEPUTY * deputy + "部长", (_last_body(head, lex) or country) + _SHORT_MINISTERS[title], former
    if head.endswith(_DEPUTY) and not title.startswith(_DEPUTY):
        title, head = _DEPUTY + title, head[:-1]  # 某某党副|总书记: a deputy's title
    if head and title[0] in _SHARED_FIRST and not head.endswith(title[0]):
        head += title[0]  # 国防部长, 阿尚别尔市长: the organ's or the city's last character is the title's first
    own = _last_body(head, lex)
    rest = head[head.rindex(own) + len(own) :] if own is not None else ""
    if own is not None and rest in _TITLE_PREFIXES:
        return rest + title, own, former  # 韩国国务|总理, 某国代|总统: the title is written whole
    head = _noun_tail(head)
    own = _last_body(head, lex)
    if own is not None:
        where = _place_or_organ(head[head.rindex(own) :].removesuffix(_STATE), own)
    elif not head or head.endswith(_PLACE_ENDS):
        where = head or country  # 总理 of the country named before; 旧金山市市长
    elif first or head.endswith(_ORGAN_ENDS):
        where = country + head  # 矿产和能源部 of the country named first; 副总理兼|内政部长
    else:
        return (head + title, country, former) if len(head) <= _TITLE_PREFIX else (title, "", former)
    return title, where, former


def _without_modifiers(head: str) -> tuple[str, bool]:
    """The head without 前/原 and the words of [foreign-title-modifiers] at its end, and whether they make the post former."""
    former = head.startswith(_FORMER)
    head = head.removeprefix("前").removeprefix("原")
    while True:
        word = next((w for w in (*_FORMER, *_MODIFIERS) if head.endswith(w)), None)
        if word is None:
            return head, former
        former = former or word in _FORMER or word in _MODIFIERS[:_FORMER_MODIFIERS]
        head = head[: -len(word)]


def _noun_tail(head: str) -> str:
    """The noun phrase at the end of ``head``: from after its last verb, preposition, particle,
    name or title (法国总统某某接受|, 授权总理某某和|国防部), 和 kept between nouns (港口和机场部)."""
    words = tagged(head)
    keep = len(words)
    while keep > 0:
        word = words[keep - 1]
        joins = word.word == "和" and keep < len(words) and keep > 1 and _noun(words[keep - 2])
        named = keep < len(words) and words[keep].word in _PLACE_ENDS and word.tag.startswith("nr")  # 阿尚别尔|市
        if not (joins or named or _noun(word)):
            break
        keep -= 1
    return head[words[keep].start :] if keep < len(words) else ""


def _noun(word: Token) -> bool:
    """A word of an organ's or a place's name: no title, verb, function word, number or time,
    and no person's name unless written in transliteration characters (卡皮拉斯)."""
    if word.word in _TITLES or word.tag in _NOT_IN_NAMES:
        return False
    return not word.tag.startswith("nr") or all(ch in _TRANSLITERATION for ch in word.word)


def _title_of(segment: str) -> str | None:
    return next((t for t in _titles_longest_first() if segment.endswith(t)), None)


def _place_or_organ(head: str, country: str) -> str:
    """A place keeps only its own unit (巴西圣保罗州卡皮拉斯市 → 卡皮拉斯市); an organ its country."""
    if head == country or not head.endswith(_PLACE_ENDS):
        return head
    rest = head.removeprefix(country)
    cut = max(rest.rfind(end, 0, len(rest) - 1) for end in _PLACE_ENDS)
    return rest[cut + 1 :] if rest[cut + 1 :] else head


def _last_body(text: str, lex: Lexicon, bodies: bool = True) -> str | None:
    """The country, or foreign body (欧盟, 联合国) when ``bodies``, named last in ``text``; the
    longest of those that start there."""
    starts = list(_body_pattern(lex, bodies).finditer(text))  # the pattern tries the longest name first at each start
    return starts[-1].group(1) if starts else None


_PATTERNS: dict[tuple[int, bool], re.Pattern[str]] = {}


def _body_pattern(lex: Lexicon, bodies: bool) -> re.Pattern[str]:
    """Every start of a country's (or a body's) name, the longest there: (?=(…))."""
    key = (id(lex), bodies)
    if key not in _PATTERNS:
        names = sorted({c for c in (*lex.foreign_names, *(_BODIES if bodies else ())) if c not in _ABROAD_WORDS}, key=len, reverse=True)
        _PATTERNS[key] = re.compile("(?=(" + "|".join(map(re.escape, names)) + "))")
    return _PATTERNS[key]


@cache
def _titles_longest_first() -> list[str]:
    return sorted(load_lexicon().titles, key=len, reverse=True)


_TITLES = load_lexicon().titles


def foreign_name_end(text: str, at: int, lex: Lexicon) -> int | None:
    """The end of a foreign name right after a title at ``at`` when a country is named just
    before it (巴西总统|达米罗表示, 土耳其总统|埃尔多南说): up to the first verb, function word or
    punctuation, two to eight characters, mostly transliteration characters or read by jieba as
    names; else None. The caller keeps it only for a chain that is another country's."""
    if _last_body(text[max(0, at - _COUNTRY_WINDOW) : at], lex, bodies=False) is None:
        return None
    end = at
    while end < min(len(text), at + _NAME_LONGEST) and (is_cjk(text[end]) or text[end] in "·•"):
        if end > at and text.startswith(_NAME_STOPS, end):
            break
        end += 1
    if end == at + _NAME_LONGEST:
        return None
    end = name_word_end(text, at, end)
    name = text[at:end]
    if len(name) < 2 or text.startswith(_NAME_STOPS, at) or _last_body(name, lex) is not None:
        return None  # 部长|与委内瑞拉…, 总理|称美欧: a clause or a country, no name
    mostly = sum(ch in _TRANSLITERATION for ch in name) >= _MOSTLY * len(name)
    longer = [t for t in tagged(name) if len(t.word) > 1]  # 朔|尔茨: jieba's one-character words say nothing
    return end if mostly or (longer and all(t.tag.startswith(_NAME_TAGS) for t in longer)) else None


def name_word_end(text: str, start: int, end: int) -> int:
    """Where a word of two characters or more that is no name first stands in ``text[start:end]``
    (某某|热烈欢迎, 总统|顾问): not all transliteration characters, and read by jieba as no name
    or frequent; and before a word of [foreign-name-stops] after its first two characters
    (某某|互致贺电); else ``end``."""
    end = next((at for at in range(start + 2, end) if text.startswith(_NAME_STOPS, at)), end)
    if all(ch in _TRANSLITERATION for ch in text[start:end]):
        return end  # 埃尔多南: no word of it is a common one
    for token in tagged(text, start, end):
        if len(token.word) < 2 or all(ch in _TRANSLITERATION for ch in token.word):
            continue
        info = word_info(token.word)
        if not token.tag.startswith(_NAME_TAGS) or (info is not None and info[0] >= _COMMON):
            return token.start
    return end
