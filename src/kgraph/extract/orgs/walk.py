"""The leftward walk over a name's words (:func:`_name_start`) and the word predicates it and the
rules use: rare and frequent words, verbs that open a clause, words that continue a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kgraph.extract.orgs.wordlists import (
    _BRANCHES,
    _CATEGORY,
    _CLAUSE_PUNCT,
    _COMMON_PLACE_WORD,
    _COMMON_VERB,
    _FIELDS,
    _GENERIC,
    _GOVERNING,
    _JOINERS,
    _MEASURES,
    _NAME_DIRECTIONS,
    _NAME_TAGS,
    _NUMERALS,
    _OPENING_VERBS,
    _PLACE_ENDS,
    _PROPER_TAGS,
    _RARE,
    _REGION_NAME_VERBS,
    _STOP_CHARS,
    _STOP_WORDS,
    _SUFFIX,
    _TIME_WORDS,
    _TITLE_WORDS,
    _TRADE_NAME_VERB,
    _ZONE_ENDS,
    COMPANY_SUFFIXES,
    INDUSTRY_WORDS,
    ORG_WORDS,
    ZONE_SUFFIXES,
)
from kgraph.segment import Token, is_cjk, is_function_char, tagged, word_info


def _name_start(
    text: str, end: int, is_place: Callable[[str], bool] = lambda _: False, suffix: str = "", after: Token | None = None
) -> int:
    """Walk left from ``end`` over the words of a name (and bracketed notes), then drop
    the verbs and time words the walk may have taken at its start (赋予|…研究所).
    ``after`` is the word the walk starts before (the suffix by default)."""
    words = tagged(text, max(0, end - 28), end)
    keep = 1 if after is None else 0  # a name before its suffix keeps a word; a head is a name itself
    after = after or (Token(end, end + len(suffix), suffix, "n") if suffix else None)
    first, depth = len(words), 0
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        right = words[index + 1] if index + 1 < len(words) else after
        if word.word in (")", "）"):
            depth += 1
        elif word.word in ("(", "（") and depth:
            depth -= 1
        elif depth == 0 and (_ends_walk(word, words[index - 1] if index else None, right, is_place) or _zone_before_name(word, words[index + 1 :])):
            break
        first = index
    first = _after_verb_run(words, first, len(words) - keep)
    trade = suffix in COMPANY_SUFFIXES or suffix in ZONE_SUFFIXES  # 飞腾|信息技术有限公司, 华创|高教科创园; not 复信|北京交通大学
    while first < len(words) - keep and not _place_word(words[first].word, is_place) and _opens_clause(words[first], words[first - 1] if first else None, trade and not _place_next(words, first, is_place)):
        first += 1
    first = _from_place(words, first, is_place)
    return words[first].start if first < len(words) else end


def _after_verb_run(words: list[Token], first: int, last: int) -> int:
    """工作人员加紧|摸排|重点园区: a frequent verb and a verb after it are a clause; the name starts after them."""
    for index in range(last - 1, first, -1):
        if _frequent_verb(words[index - 1]) and words[index].tag == "v" and len(words[index].word) >= 2:
            return index + 1
    return first


def _frequent_verb(word: Token) -> bool:
    info = word_info(word.word)
    return word.tag == "v" and len(word.word) >= 2 and info is not None and info[0] >= _RARE


def _zone_before_name(word: Token, after: list[Token]) -> bool:
    """成都高新区|5G互联科创园: a big zone's name ends before a park with a name of its own (not
    杭州经济技术开发区新材料产业园, which is named by its zone)."""
    if len(word.word) < 3 or not word.word.endswith(_ZONE_ENDS):
        return False
    return any(w.tag in _PROPER_TAGS or _rare(w.word) or not is_cjk(w.word) for w in after if w.word.strip())


def _place_next(words: list[Token], index: int, is_place: Callable[[str], bool]) -> bool:
    """惊悉|阿塞拜疆…: a verb before a place governs it; it opens no trade name."""
    return index + 1 < len(words) and (is_place(words[index + 1].word) or words[index + 1].tag == "ns")


def _from_place(words: list[Token], first: int, is_place: Callable[[str], bool]) -> int:
    """谋划|建设|衢州…先导区: common words before the first place of a name start the clause; so
    does a one-character verb right before it (某人借|海南自贸港)."""
    for index in range(first, len(words)):
        if words[index].word in ("(", "（"):
            return first
        if is_place(words[index].word):
            if index > first and words[index - 1].tag == "v" and len(words[index - 1].word) == 1:
                return index
            before = words[first:index]
            common = all(w.tag not in _PROPER_TAGS and not _rare(w.word) and is_cjk(w.word) for w in before)
            return index if before and common else first
    return first


def _ends_walk(word: Token, left: Token | None, right: Token | None, is_place: Callable[[str], bool]) -> bool:
    if is_place(word.word) or word.word in INDUSTRY_WORDS:
        return False
    if word.word in _MEASURES and left is not None and left.word[-1:] in _NUMERALS:
        return True  # 第四|家|外商独资证券公司
    if len(word.word) >= 2 and word.word.endswith("于"):
        return True  # 任教于|清华大学: a verb with its preposition
    return not _continues_name(word, left, right) or _clause_verb(word, left) or _governs(word, right)


def _governs(word: Token, right: Token | None) -> bool:
    """A dictionary verb right before a proper noun (a place, a name) takes it as its object
    (成功|释放|大连…大学, 接见|陆军…): the name starts after it."""
    if word.tag != "v" or len(word.word) < 2 or right is None or right.end - right.start < 2:
        return False
    if word.word in _BRANCHES or _SUFFIX.fullmatch(word.word):
        return False  # 交通银行江苏省|分行|南京…支行: jieba reads 分行 as a verb
    info = word_info(word.word)
    if info is None or info[0] < _RARE:
        return False
    return right.tag in _PROPER_TAGS


def _clause_verb(word: Token, left: Token | None) -> bool:
    """A verb that a name cannot hold: one after a word that is no noun (中方|愿同|…)."""
    if word.tag != "v" or len(word.word) < 2 or left is None or len(left.word) < 2 or _rare(left.word):
        return False  # after a fragment of an unknown name (量|旋|智算) a "verb" is a guess too
    return left.tag[:1] in ("f", "d", "p", "c", "r", "u", "m", "q")


def _opens_clause(word: Token, left: Token | None, trade: bool = False) -> bool:
    """A word that starts the clause before a name rather than the name: a verb, a
    time word, a pronoun, a measure word after a number (10家|…)."""
    if word.word in _OPENING_VERBS or (word.tag in ("r", "t") and word.word not in _NAME_DIRECTIONS):
        return True
    if len(word.word) == 3 and word.word[0] == "一" and word.word[1] == word.word[2]:
        return True  # 一座座|重点实验室: things counted one by one
    if word.word in _MEASURES:
        return left is None or not is_cjk(left.word) or left.word[-1] in _NUMERALS
    after_subject = left is not None and left.tag[:1] in ("n", "r") and is_cjk(left.word)
    if trade and _trade_name_verb(word) and not after_subject:
        return False  # 来到|飞腾|信息技术有限公司: a trade name; not 民航局|督导|航空公司, a subject's verb
    info = word_info(word.word)
    return word.tag == "v" or (len(word.word) >= 2 and info is not None and info[1] in ("v", "vn") and word.word not in INDUSTRY_WORDS)


def _continues_name(word: Token, left: Token | None, right: Token | None = None) -> bool:
    """Whether ``word`` (with ``left`` before it) still belongs to the name being read.

    A single character belongs to it only next to another single character or a rare
    word: jieba cuts an unknown name into pieces (派|森百|橙汁), but a lone verb between
    known words starts a clause (建设银行|派|专人进驻园区)."""
    if len(word.word) == 1 and is_cjk(word.word) and word.tag[:1] in ("v", "d", "p", "c", "r", "f", "m", "q"):
        fragment = (n for n in (left, right) if n is not None and is_cjk(n.word))
        proper_ok = word.tag[:1] in ("m", "v")  # 新华|三|集团; but not 用|美国…公司
        if not any((_rare(n.word) or (proper_ok and n.tag in _PROPER_TAGS)) if len(n.word) > 1 else not is_function_char(n.word) for n in fragment):
            return False  # 已|令|波音公司
    if word.word in _JOINERS:
        return left is not None and _joins(word.word, left, right)
    if word.word.endswith(("公司", "集团")) and len(word.word) > 2:
        return False  # 航空公司|斯皮里特航空公司: another company's name ends here
    if word.word.isdigit() and right is not None and right.start == word.end and right.word.isascii() and right.word.isalpha():
        return True  # 5|G高标准农田示范区: a digit glued to a Latin letter is a term
    ordinal = word.tag == "m" and word.word.startswith("第") and word.word[-1] not in _MEASURES
    if word.word in _NAME_DIRECTIONS or (ordinal and not _counted(right)):
        return True  # 南方海工…, 第三代半导体…, not 第四|家
    if word.word in _REGION_NAME_VERBS and _after_region(word, left, right):
        return True  # 深圳|联合|飞机科技有限公司: a word of the name after its region
    if word.word in _STOP_WORDS or word.word in _CATEGORY or word.word in _OPENING_VERBS or not word.word.strip():
        return False
    if word.tag == "x":
        return word.word.isalnum()
    return _name_part(word)


def _after_region(word: Token, left: Token | None, right: Token | None) -> bool:
    """A verb between a region and a common noun is a word of a registered name, not a clause."""
    return left is not None and left.tag == "ns" and right is not None and right.tag[:1] == "n" and right.tag not in _PROPER_TAGS


def _counted(right: Token | None) -> bool:
    return right is not None and right.word[:1] in _MEASURES


def _joins(joiner: str, left: Token, right: Token | None) -> bool:
    """福州大学—星联云…联合实验室 joins two names; 纳米技术与纳米仿生研究所 joins two fields,
    but 复旦大学与…, 乐清市与…, 芯源微电子与东南大学 and 总台与南开大学 begin a new phrase."""
    if joiner in "与和" and right is not None and (_FIELDLESS.search(right.word) or right.word.endswith(INDUSTRY_WORDS)):
        return False  # …与南开大学, 总台与东风汽车集团: a second name begins
    ends_name = left.word.endswith(ORG_WORDS + _PLACE_ENDS) or left.tag in _PROPER_TAGS
    if joiner in "—－-":
        return ends_name
    fields = left.tag in ("n", "vn") and left.word not in INDUSTRY_WORDS
    return not ends_name and fields and (right is None or right.tag not in _PROPER_TAGS | {"nt"})


def _proper_core(text: str, start: int, end: int) -> bool:
    """The core holds a proper noun, an unknown word or a bracketed part: no 铁路公司."""
    if any(ch in text[start:end] for ch in "()（）"):
        return True
    words = [w for w in tagged(text, start, end) if w.word not in _GENERIC and w.word not in _FIELDS]  # not 冷链|物流园
    return any(w.tag in _PROPER_TAGS or _rare(w.word) or len(w.word) == 1 or w.word.isdigit() for w in words) or (
        bool(words) and _trade_name_verb(words[0])
    )


def _trade_name_verb(word: Token) -> bool:
    """飞腾|信息技术: a verb rare in the dictionary that opens a name is its trade name."""
    info = word_info(word.word)
    if any(ch in _STOP_CHARS for ch in word.word):
        return False  # 7时30|分在|上海: jieba glues a function character into a rare "verb"
    return word.tag == "v" and len(word.word) >= 2 and info is not None and info[0] < _TRADE_NAME_VERB


def _rare(word: str) -> bool:
    """Not in jieba's dictionary, or rarer there than a name usually is (首钢); a longer
    rare word only with a name inside it (华瑞|技术, not 科研|成果)."""
    info = word_info(word)
    if info is None:
        return True
    if info[0] >= _RARE:
        return False
    return len(word) <= 3 or any(w.tag in _PROPER_TAGS for w in tagged(word))


def _name_part(word: Token) -> bool:
    """Noun-like words, and single characters (jieba splits unknown names into them)."""
    if word.word in _STOP_CHARS:
        return False  # 用|好|…大学
    if word.tag == "nrfg" or word.word in _TITLE_WORDS:
        return False  # a well-known person or a title: 王国华|给…大学
    if (word.tag in ("i", "mq") and len(word.word) > 1) or (word.tag == "m" and len(word.word) > 1 and not word.word.isdigit()):
        return False  # 今年以来, 十多家: idioms, counts
    info = word_info(word.word)
    if word.tag in _NAME_TAGS or ((info is None or info[0] < _RARE) and is_cjk(word.word)):
        return True  # unknown and rare words are jieba's guesses at names: 杭州|启衡|智算
    if word.tag == "t":
        return word.word not in _TIME_WORDS  # 浙江|未来|科技大学, but not 今年|…
    if word.tag == "vn" and len(word.word) >= 2:
        return True  # 管理|集团, 农业|投资|集团: a verbal noun the walk starts on is dropped again
    if word.tag == "v" and len(word.word) >= 2:
        # content verbs name things (智能|感知|实验室, 先进|制造|研究院); governing verbs start
        # clauses; a verb the walk ends on is dropped again (_opens_clause)
        return word.word not in _GOVERNING and (info is None or info[0] < _COMMON_VERB)
    if word.tag == "m" and word.word.isdigit():
        return len(word.word) >= 3  # 1958|文化创意园
    return len(word.word) == 1 and is_cjk(word.word) and word.word not in _STOP_CHARS


# a word right after 与/和 that is no field of research: a university or a zone begins there
_FIELDLESS = re.compile("(大学|学院|园区|园|区)$|^人民")


def _place_word(word: str, is_place: Callable[[str], bool]) -> bool:
    """大同 (tagged an adverb), 开封 (a verb): a place even where jieba reads a common word, unless
    the word is a frequent one (合作, 合作市)."""
    return is_place(word) and not _common_place_word(word)


def _common_place_word(form: str) -> bool:
    """合作 (合作市), 开放: a short place form that is a frequent common word."""
    info = word_info(form)
    return info is not None and info[1] != "ns" and info[0] >= _COMMON_PLACE_WORD


def _frequent(word: str) -> bool:
    info = word_info(word)
    return info is not None and info[0] >= _RARE


def _clause_start(text: str, end: int) -> int:
    return max(text.rfind(p, 0, end) for p in _CLAUSE_PUNCT) + 1
