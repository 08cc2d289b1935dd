"""Sentences and words, with character offsets.

jieba is used through our own ``jieba.Tokenizer`` instance (its global tokenizer
is shared state). Part-of-speech tagging is about six times slower than plain
cutting, so callers tag only the short windows that need it.
"""

from __future__ import annotations

import array
import contextlib
import hashlib
import importlib
import io
import json
import logging
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kgraph.resources.lexicon import threshold, words

__all__ = [
    "Sentence", "Token", "is_cjk", "is_function_char", "preload", "sentences", "tagged", "tokens", "use_cache", "word_info",
]  # fmt: skip

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
    """Sentences as offset ranges, split at 。！？； and newlines; blanks around them skipped."""
    for match in _SENTENCE_END.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1  # a headline's line break is no part of it (its quote)
        if end > start and text[start:end].strip():
            yield Sentence(start, end)


_CACHE: list[Path] = []  # the folder keeping jieba's tables (use_cache), when one is set


def use_cache(folder: Path | None) -> None:
    """Keep jieba's dictionary tables in ``folder`` (a build's cache folder): a process then loads
    them in a fraction of a second instead of about two (jieba reads its cache with marshal and
    parses its dictionary text twice more for part-of-speech tags and frequencies)."""
    _CACHE[:] = [folder] if folder is not None else []


def preload() -> None:
    """Load the tokenizers now (before worker processes are forked, which then share them)."""
    _pos_tokenizer()


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], int, dict[str, str]]:
    """jieba's prefix dictionary (word or prefix → frequency), its total, and the part-of-speech
    tag of each word of its dictionary file, read from the cache when there is one."""
    jieba = _jieba()
    cache = _tables_path(jieba)
    found = _read_tables(cache) if cache is not None else None
    if found is not None:
        return found
    base = jieba.Tokenizer()
    base.initialize()
    tags: dict[str, str] = {}
    with base.get_dict_file() as handle:  # what jieba.posseg reads: word, frequency, tag per line
        for raw in handle:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    tables = (base.FREQ, base.total, tags)
    if cache is not None:
        _write_tables(cache, tables)
    return tables


def _jieba() -> Any:
    try:
        import jieba
    except ImportError as exc:  # pragma: no cover - jieba is a hard dependency
        from kgraph.errors import DataError

        raise DataError("jieba is not installed; run: pip install jieba") from exc
    jieba.setLogLevel(logging.WARNING)
    return jieba


def _tables_path(jieba: Any) -> Path | None:
    """The cache file of the tables, named by jieba's version and its dictionary file; None when
    no cache folder is set or jieba's default tokenizer was given another dictionary."""
    if not _CACHE or jieba.dt.dictionary is not None:
        return None
    try:
        info = Path(jieba.__file__).with_name("dict.txt").stat()
    except OSError:
        return None
    stamp = f"{jieba.__version__}-{info.st_size}-{info.st_mtime_ns}".encode()
    return _CACHE[0] / f"jieba-{hashlib.sha256(stamp).hexdigest()[:16]}.tables"


def _read_tables(path: Path) -> tuple[dict[str, int], int, dict[str, str]] | None:
    """The tables as :func:`_write_tables` wrote them (plain text and an array: a third faster to
    read than a pickle of the dictionaries)."""
    try:
        with path.open("rb") as handle:
            head = json.loads(handle.readline())
            words = handle.read(head["words"]).decode("utf-8").split("\n")
            counts = array.array("q")
            counts.frombytes(handle.read(head["counts"]))
            tags = handle.read(head["tags"]).decode("utf-8").split("\n")
    except (OSError, ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        return None  # missing, or half-written by a killed build: made again
    if not (len(words) == len(counts) >= len(tags) == head.get("tagged", -1)):
        return None
    return dict(zip(words, counts)), head["total"], dict(zip(words, tags))


def _write_tables(path: Path, tables: tuple[dict[str, int], int, dict[str, str]]) -> None:
    """Best effort (no rename: a half-written file reads as missing); a cache that cannot be written
    is not an error. One JSON line of sizes, then the words (those with a tag first), their
    frequencies, and the tags."""
    freq, total, tags = tables
    words = list(tags) + [word for word in freq if word not in tags]
    parts = ["\n".join(words).encode("utf-8"), array.array("q", (freq[w] for w in words)).tobytes(),
             "\n".join(tags[w] for w in words[: len(tags)]).encode("utf-8")]  # fmt: skip
    head = {"words": len(parts[0]), "counts": len(parts[1]), "tags": len(parts[2]), "tagged": len(tags), "total": total}
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            handle.write(json.dumps(head).encode("utf-8") + b"\n")
            handle.writelines(parts)


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """Our own jieba tokenizer (its global one is shared state), with the words that must stay whole."""
    freq, total, _ = _tables()
    tokenizer = _jieba().Tokenizer()
    tokenizer.FREQ, tokenizer.total = dict(freq), total  # what initialize() would load; add_word changes it
    tokenizer.initialized = True
    for word in _EXTRA_WORDS:
        tokenizer.add_word(word, freq=2000, tag="n")
    return tokenizer


@lru_cache(maxsize=1)
def _pos_tokenizer() -> Any:
    """A part-of-speech tokenizer over :func:`_tokenizer`, with the tags of jieba's dictionary."""
    posseg = _posseg()
    tokenizer = posseg.POSTokenizer.__new__(posseg.POSTokenizer)  # __init__ would parse the dictionary again
    tokenizer.tokenizer, tokenizer.word_tag_tab = _tokenizer(), dict(_tables()[2])
    return tokenizer


def _posseg() -> Any:
    """``jieba.posseg``. Importing it makes its global tokenizer, which parses jieba's dictionary
    for tags (half a second); when the tags are known already, that tokenizer is given a copy of
    them instead of the file: the same module, without the parse."""
    module = _jieba()
    if "jieba.posseg" in sys.modules or module.dt.dictionary is not None or _tables_path(module) is None:
        return importlib.import_module("jieba.posseg")
    tags = _tables()[2]
    module.dt.get_dict_file = lambda: io.BytesIO(b"")  # an instance attribute, removed right after
    try:
        posseg = importlib.import_module("jieba.posseg")
    finally:
        del module.dt.get_dict_file
    posseg.dt.word_tag_tab = dict(tags)
    return posseg


def word_info(word: str) -> tuple[int, str] | None:
    """(frequency, tag) of a word in jieba's dictionary file, or None if unknown."""
    freq, _, tags = _tables()
    tag = tags.get(word)
    return None if tag is None else (freq[word], tag)


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
