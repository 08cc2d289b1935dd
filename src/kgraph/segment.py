"""Sentences and words, with character offsets.

jieba is used through our own ``jieba.Tokenizer`` instance (its global tokenizer
is shared state). Part-of-speech tagging is about six times slower than plain
cutting, so callers tag only the short windows that need it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

__all__ = ["Sentence", "Token", "sentences", "tokens", "tagged", "word_info", "is_function_char"]

_SENTENCE_END = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;]+[”’」』）)]*|\n|$)")
# words that must stay whole: titles and organ heads that jieba might split
_EXTRA_WORDS = (
    "区委书记", "县委书记", "州委书记", "市委常委", "省委常委", "区委常委", "县委常委",
    "区委副书记", "县委副书记", "市委副书记", "省委副书记", "副区长", "副县长", "副州长",
    "研究院", "实验室", "研究所",
)  # fmt: skip


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
def _tokenizer():  # type: ignore[no-untyped-def]
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
def _pos_tokenizer():  # type: ignore[no-untyped-def]
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


_FUNCTION_TAGS = ("v", "p", "d", "c", "u", "f", "r", "m", "q", "y", "e")
_FUNCTION_FREQ = 4000  # rarer verbs (鸣) are common in names


def is_function_char(char: str) -> bool:
    """A frequent single-character verb or function word (作, 同, 到, 给, 中)."""
    info = word_info(char)
    return info is not None and info[0] >= _FUNCTION_FREQ and info[1].startswith(_FUNCTION_TAGS)


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words of ``text[start:end]`` with offsets into ``text`` (no tags)."""
    end = len(text) if end is None else end
    out, pos = [], start
    for word in _tokenizer().cut(text[start:end], HMM=True):
        out.append(Token(pos, pos + len(word), word))
        pos += len(word)
    return out


def tagged(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words of ``text[start:end]`` with jieba part-of-speech tags."""
    end = len(text) if end is None else end
    out, pos = [], start
    for pair in _pos_tokenizer().cut(text[start:end], HMM=True):
        out.append(Token(pos, pos + len(pair.word), pair.word, pair.flag))
        pos += len(pair.word)
    return out

