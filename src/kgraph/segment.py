"""Sentences and words, with character offsets.

jieba is used through our own ``jieba.Tokenizer`` instance (its global tokenizer
is shared state). Part-of-speech tagging is about six times slower than plain
cutting, so callers tag only the short windows that need it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kgraph.resources.lexicon import threshold, words

__all__ = ["Sentence", "Token", "is_cjk", "is_function_char", "sentences", "tagged", "tokens", "word_info"]

# a sentence: text up to its end marks (and the closing quotes after them), a line end, or the end
_SENTENCE_END = re.compile(
    r"""[^。！？!?；;\n]*           # the sentence's text
        (?: [。！？!?；;]+ [”’」』）)]*  # end marks, then closing quotes or brackets
          | \n | $ )
    """,
    re.VERBOSE,
)
# words that must stay whole: titles and organ heads that jieba might split
_EXTRA_WORDS = words("segment", "extra-words")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    word: str
    tag: str = ""


def sentences(text: str) -> Iterator[Sentence]:
    """Sentences as offset ranges, split at 。！？； and newlines; blanks skipped."""
    for match in _SENTENCE_END.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        if end > start and text[start:end].strip():
            yield Sentence(start, end)


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    try:
        import jieba
    except ImportError as exc:  # pragma: no cover - jieba is a hard dependency
        from kgraph.errors import DataError

        raise DataError("jieba is not installed; run: pip install jieba") from exc
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in _EXTRA_WORDS:
        tokenizer.add_word(word, freq=2000, tag="n")
    return tokenizer


@lru_cache(maxsize=1)
def _pos_tokenizer() -> Any:
    import jieba.posseg

    return jieba.posseg.POSTokenizer(_tokenizer())


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, tuple[int, str]]:
    """jieba's own dictionary: word → (frequency, part-of-speech tag)."""
    tokenizer = _tokenizer()
    out: dict[str, tuple[int, str]] = {}
    with tokenizer.get_dict_file() as handle:
        for raw in handle:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3:
                out[parts[0]] = (int(parts[1]), parts[2])
    return out


def word_info(word: str) -> tuple[int, str] | None:
    """(frequency, tag) of a word in jieba's dictionary, or None if unknown."""
    return _dictionary().get(word)


_FUNCTION_TAGS = words("segment", "function-tags")
_FUNCTION_FREQ = threshold("function-char")  # rarer verbs (鸣) are common in names


def is_cjk(word: str) -> bool:
    """Every character is a CJK unified ideograph (so a name, not a number or punctuation)."""
    return all("\u4e00" <= ch <= "\u9fff" for ch in word)


def is_function_char(char: str) -> bool:
    """A frequent single-character verb or function word (作, 同, 到, 给, 中)."""
    info = word_info(char)
    return info is not None and info[0] >= _FUNCTION_FREQ and info[1].startswith(_FUNCTION_TAGS)


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words of ``text[start:end]`` with offsets into ``text`` (no tags)."""
    end = len(text) if end is None else end
    out, pos = [], start
    for word in _cut(text[start:end]):
        out.append(Token(pos, pos + len(word), word))
        pos += len(word)
    return out


def tagged(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words of ``text[start:end]`` with jieba part-of-speech tags."""
    end = len(text) if end is None else end
    out, pos = [], start
    for word, flag in _tag(text[start:end]):
        out.append(Token(pos, pos + len(word), word, flag))
        pos += len(word)
    return out


# The rules look at the same short windows many times (a name, the words before a
# title): cutting and tagging are pure, so short windows are cut once.
_WINDOW = 64


def _cut(text: str) -> tuple[str, ...]:
    return _cut_short(text) if len(text) <= _WINDOW else tuple(_tokenizer().cut(text, HMM=True))


def _tag(text: str) -> tuple[tuple[str, str], ...]:
    return _tag_short(text) if len(text) <= _WINDOW else tuple((p.word, p.flag) for p in _pos_tokenizer().cut(text, HMM=True))


@lru_cache(maxsize=65536)
def _cut_short(text: str) -> tuple[str, ...]:
    return tuple(_tokenizer().cut(text, HMM=True))


@lru_cache(maxsize=65536)
def _tag_short(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((p.word, p.flag) for p in _pos_tokenizer().cut(text, HMM=True))
