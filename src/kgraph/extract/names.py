"""Person names: where a name that follows a title starts and ends.

jieba often cuts names (易炼|红, 张军作|报告, 冯少|杰作) or glues them to the next
word, so a name is read from several signals: jieba's tagger run on the name's own
window, the surname list, single characters that are (or are not) function words,
transliterated names with a middle dot (艾克拜尔·托乎提), and how the rest of the
article writes the same name.
"""

from __future__ import annotations

import re

from kgraph.resources.lexicon import Lexicon, threshold, word_set, words
from kgraph.segment import Token, is_cjk, is_function_char, tagged, tokens, word_info

__all__ = ["NOT_NAME", "holds_common_word", "name_at", "name_char", "occurrences", "whole_name"]

NOT_NAME = word_set("names", "not-name-chars")
_PHRASE_TAGS = words("names", "phrase-tags")
# 艾克拜尔·托乎提: the first part of a transliterated name and its middle dot
_DOTTED = re.compile(r"[\u4e00-\u9fff]{2,6}[·•・](?=[\u4e00-\u9fff])")
_NAME_END = word_set("names", "name-end")
_PARTICLES = word_set("names", "particles")
_AFTER_NAME = word_set("names", "after-name")
_BOUNDARY = word_set("names", "name-boundary")
_PHRASE_WORD = threshold("phrase-word")
_RARE = threshold("rare-word")


def name_at(text: str, pos: int, tok_at: dict[int, Token], lex: Lexicon) -> int | None:
    """End of a person name starting at ``pos`` (古丽娜·艾买提 included), or None."""
    end = _plain_name_at(text, pos, tok_at, lex)
    if end is not None and text[end : end + 1] in ("·", "•") and end + 1 < len(text):
        tail = tokens(text, end + 1, min(len(text), end + 9))
        if tail and 2 <= len(tail[0].word) <= 4 and is_cjk(tail[0].word):
            return tail[0].end
    return end


def _clause_before_dot(part: str) -> bool:
    """李强致电|基尔·斯塔默: a person's name and a verb of two characters before the dot's name are a
    clause, not its first part (not 阿布都热合曼·…, whose parts jieba reads as 阿布|都|…)."""
    words = tagged(part)[:-1]
    return any(w.tag == "v" and len(w.word) >= 2 and (word_info(w.word) or (0,))[0] >= _RARE for w in words[1:]) and (
        words[0].tag.startswith("nr") and len(words[0].word) in (2, 3)
    )


def _plain_name_at(text: str, pos: int, tok_at: dict[int, Token], lex: Lexicon) -> int | None:
    while pos < len(text) and text[pos] in " \u3000\xa0":
        pos += 1
    dotted = _DOTTED.match(text, pos)
    if dotted and not _clause_before_dot(text[pos : dotted.end() - 1]):  # 艾克拜尔·托乎提: a transliterated name, no surname
        return _transliterated_end(text, dotted.end())
    by_boundary = _by_boundary(text, pos, lex) if pos in tok_at else None
    if by_boundary is not None:
        return by_boundary
    local = tagged(text, pos, min(len(text), pos + 8))
    if local and local[0].tag.startswith("nr") and 2 <= len(local[0].word) <= 4:
        word = local[0].word
        second = local[1] if len(local) > 1 else None
        if second and second.tag in ("nr", "nrt") and len(second.word) <= 3 and word_info(second.word) is None:
            return second.end  # 斯琴|图雅: a name in two parts
        if (word[:2] in lex.surnames or word[:1] in lex.surnames) and word not in lex.titles and not (len(word) == 4 and holds_common_word(word)):
            return _third_char(text, local[0].end) if len(word) == 2 else local[0].end
    first = tok_at.get(pos)
    if first is None:
        return None
    word = first.word
    surname = word[:2] if word[:2] in lex.surnames else word[:1]
    if surname not in lex.surnames or word in lex.titles:
        return None
    if word == surname:
        second = tok_at.get(first.end)
        if second and 1 <= len(second.word) <= 2 and is_cjk(second.word) and second.word[0] not in NOT_NAME:
            if is_function_char(word) and holds_common_word(second.word):
                return None  # 主席|向|论坛: a preposition before a word, not the surname 向
            return second.end if _plausible_name(word + second.word) else None
        return None
    if len(word) == 2:
        return None if _function_word(word) else _maybe_longer(text, pos, first.end, tok_at)
    if len(word) == 3 and word_info(word) is None and not name_char(word[2]):
        return first.end - 1 if _plausible_name(word[:2]) else None  # 张军|作报告
    if len(word) <= 4:
        return first.end if _plausible_name(word) and not (len(word) == 4 and holds_common_word(word)) else None
    return None


def _function_word(word: str) -> bool:
    """关于, 由于: a preposition or conjunction that opens no name (总书记|关于|党的…)."""
    info = word_info(word)
    return info is not None and info[1] in ("p", "c") and info[0] >= _RARE


def _by_boundary(text: str, pos: int, lex: Lexicon) -> int | None:
    """The name length (2 or 3 characters after the surname's first) whose end the text
    confirms best: 张伟中|说 (jieba: 张伟|中说), 陈正|在辽宁 (jieba: 陈正在|辽宁), 朵明生|，.

    Scored by what follows: punctuation or 、 (3), a word that typically follows a name
    or a title (2), a verb, preposition or adverb (1). Undecided when no length scores.
    A name without a known surname needs jieba's name tag.
    """
    compound = text[pos : pos + 2] in lex.surnames
    lengths = (3, 4) if compound else (2, 3)
    scored = [(_boundary_score(text, pos, n, lex), n) for n in lengths if _name_shape(text[pos : pos + n], n == lengths[-1])]
    scored = [(score, n) for score, n in scored if score]
    if not scored:
        return None
    best = max(score for score, _ in scored)
    n = min(n for score, n in scored if score == best)
    surnamed = compound or text[pos] in lex.surnames
    if not surnamed and not _tagged_name(text, pos, n, best):
        return None
    return pos + n


def _name_shape(name: str, longer: bool) -> bool:
    """Chinese characters, not a dictionary word, no particle at its end (陈正在 is no name)."""
    if len(name) < 2 or not is_cjk(name) or any(ch in "的是了" for ch in name):
        return False
    if longer and name[-1] in _PARTICLES and name[-1] != "和":  # 孔令和 is a name, 王明等 is not
        return False
    return _plausible_name(name) and not holds_common_word(name)


def holds_common_word(name: str) -> bool:
    """会议上, 曾作为, 韩国前: a frequent word that is no name inside the candidate; 宣誓就职:
    two verbs (which jieba's dictionary lists as a name)."""
    halves = [word_info(name[:2]), word_info(name[2:])] if len(name) == 4 else []
    if halves and all(h is not None and h[1].startswith("v") for h in halves):
        return True
    for word in tokens(name):
        info = word_info(word.word)
        if len(word.word) >= 2 and info is not None and info[0] >= _PHRASE_WORD and not info[1].startswith("nr"):
            return True
    return False


def _boundary_score(text: str, pos: int, n: int, lex: Lexicon) -> int:
    end = pos + n
    if end >= len(text) or text[end] in _BOUNDARY or text[end].isspace():
        return 3
    following = tokens(text, end, min(len(text), end + 6))
    word = following[0].word if following else ""
    if word in _AFTER_NAME or word in lex.titles or text[end : end + 2] in lex.titles:
        return 2
    if len(word) > 2 and word[:2] in _AFTER_NAME:  # 主持会议 as one word
        return 2
    info = word_info(word)
    return 1 if len(word) >= 2 and info is not None and info[1][:1] in ("v", "p", "d") else 0


def _tagged_name(text: str, pos: int, n: int, score: int) -> bool:
    """A name with no known surname: jieba tags it as a name (和勇)."""
    local = tagged(text, pos, min(len(text), pos + n + 2))
    return bool(local) and local[0].tag.startswith("nr") and local[0].end == pos + n and score >= 2


def _transliterated_end(text: str, start: int) -> int | None:
    """End of the part after the dot: jieba's pieces up to the first common verb,
    function word or punctuation (托乎|提|主持 → 托乎提), at most six characters."""
    end = start
    for word in tagged(text, start, min(len(text), start + 10)):
        info = word_info(word.word)
        common = len(word.word) > 1 and info is not None and info[0] >= _PHRASE_WORD and info[1][:1] in _PHRASE_TAGS
        single_function = len(word.word) == 1 and word.word in _PARTICLES
        if not is_cjk(word.word) or common or single_function or word.end - start > 6:
            break
        end = word.end
    return end if end - start >= 2 else None


def _third_char(text: str, end: int) -> int:
    """吴熙|垚， 陈家|东案: a name character left over right before punctuation or 案 belongs to the name."""
    if end + 1 < len(text) and is_cjk(text[end]) and name_char(text[end]) and text[end + 1] in _NAME_END:
        return end + 1
    return end


def _maybe_longer(text: str, pos: int, end: int, tok_at: dict[int, Token]) -> int | None:
    """A two-character name or, when jieba split a three-character one (易炼|红), three."""
    nxt = tok_at.get(end)
    if nxt is not None and len(nxt.word) == 1 and is_cjk(nxt.word) and name_char(nxt.word):
        return nxt.end
    if end < len(text) and is_cjk(text[end]) and name_char(text[end]):
        local = tagged(text, pos, min(len(text), pos + 6))
        if local and len(local[0].word) == 3 and local[0].tag.startswith("nr"):
            return local[0].end
    return end if _plausible_name(text[pos:end]) else None


def name_char(char: str) -> bool:
    """A single character that may end a name: not a verb or function word (作, 同, 中)."""
    return char not in NOT_NAME and not is_function_char(char)


def _plausible_name(word: str) -> bool:
    if not is_cjk(word):
        return False
    info = word_info(word)
    return info is None or info[1].startswith("nr") or info[0] < _RARE


def whole_name(text: str, start: int, end: int) -> int:
    """冯少|杰作 when the article also writes 冯少杰说: a two-character name that the text
    always continues with the same character is three characters long."""
    name = text[start:end]
    if len(name) != 2 or end >= len(text) or not is_cjk(text[end]) or not name_char(text[end]):
        return end
    longer = name + text[end]
    if text.count(name) < 2 or text.count(longer) != text.count(name):
        return end
    # 李强|主持 in the headline and again in the story: somewhere the third character must stand
    # outside a word with the next one (冯少杰|说), or it is that word's first character
    loose = any(word_info(text[at + 2 : at + 4]) is None for at in occurrences(text, longer))
    return end + 1 if loose else end


_TRANSLITERATION = frozenset("".join(words("names", "transliteration-chars")))


def transliterated_end(text: str, start: int, end: int) -> int:
    """明尼哈|诺夫: a foreign name written only in transliteration characters goes on over them,
    to the end of a word (not 普京|特|别)."""
    if not all(ch in _TRANSLITERATION for ch in text[start:end]):
        return end
    last = end
    while last < len(text) and last - start < 8 and text[last] in _TRANSLITERATION:
        last += 1
    if last == end:
        return end
    word_ends = {t.end for t in tokens(text, start, min(len(text), last + 4))}
    return max(at for at in range(end, last + 1) if at == end or at in word_ends)


def occurrences(text: str, word: str) -> list[int]:
    """Where ``word`` stands in ``text``, not overlapping, first to last."""
    out, at = [], text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + len(word))
    return out













