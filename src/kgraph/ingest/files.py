"""Ingest: turn files, folders and standard input into :class:`~kgraph.model.Article` objects.

Inputs and formats
- ``collect_paths`` expands command-line inputs: a file, a folder (searched
  recursively for ``.txt .html .htm .jsonl``, hidden entries skipped, sorted) or
  ``"-"`` for standard input (:data:`STDIN`).
- ``.txt``: one article, the text as saved (newlines normalised, BOM dropped);
  title, date, source, editor and reporters are guessed from saved-page lines
  such as ``2024-04-28 21:26:53 编辑:张晓燕`` and ``来源:某某新闻`` (:func:`text_metadata`).
- ``.html``/``.htm``: the main text of a saved page (trafilatura, with page chrome
  removed first and an lxml fallback); ICP licence and copyright lines never reach
  ``Article.text``.
- ``.jsonl``: one JSON object per line with ``id, title, date, text, source, url``.
- Bytes are decoded by :func:`decode_bytes`: BOM first, then strict UTF-8, then
  charset-normalizer with GB2312/GBK read as GB18030.

Every failure is an :class:`~kgraph.errors.IngestError` whose message starts with
the file name (and ``:line`` for JSON lines) and says what was wrong.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from kgraph.errors import IngestError
from kgraph.ingest.meta import TextMetadata, parse_date, text_metadata
from kgraph.model import Article
from kgraph.outputs import CONTROL

__all__ = [
    "ACCEPTED_SUFFIXES",
    "STDIN",
    "TextMetadata",
    "collect_paths",
    "decode_bytes",
    "iter_articles",
    "other_files",
    "parse_html",
    "parse_jsonl",
    "parse_text",
    "read_articles",
    "read_regular",
    "safe_text",
    "shown",
    "text_metadata",
]

ACCEPTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
STDIN = Path("-")
STDIN_NAME = "<stdin>"
_ACCEPTED = ", ".join(ACCEPTED_SUFFIXES)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936", "euc_cn", "ms936"}
_JSONL_FIELDS = "id, title, date, text, source, url"
MAX_ID = 256  # characters in an article id (it becomes part of an IRI)
# a UTF-16 surrogate code point: JSON's "\\ud800" or a file name's undecodable byte
_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_text(text: str) -> str:
    """``text`` with every lone surrogate (unencodable in UTF-8) replaced by U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def shown(path: str | os.PathLike[str]) -> str:
    """A path as it can be printed: bytes that are not UTF-8 shown as ``\\xff``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


# ── paths ────────────────────────────────────────────────────────────────────


def collect_paths(inputs: Sequence[str]) -> list[Path]:
    """Expand files, folders and ``"-"`` into the article files to read, in order.

    Folders are searched recursively and their files sorted by relative path;
    hidden files and folders are skipped; a path named twice is read once.
    """
    paths: list[Path] = []
    seen: set[Path] = set()
    for raw in inputs:
        for path in _expand(raw):
            key = path if path == STDIN else Path(os.path.realpath(path))
            if key not in seen:
                seen.add(key)
                paths.append(path)
    return paths


def _expand(raw: str) -> list[Path]:
    if raw == "-":
        return [STDIN]
    path = Path(raw)
    if path.is_dir():
        return _scan_folder(path)
    if not path.exists():
        raise IngestError(f"{shown(raw)}: {_missing_reason(path)}")
    _format_of(path)
    return [path]


def _missing_reason(path: Path) -> str:
    if not os.path.lexists(path):
        return "no such file or folder"
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop (the link points back to itself)"
        return f"broken symbolic link ({exc.strerror})"
    return "cannot be read"


def _scan_folder(folder: Path) -> list[Path]:
    found = [(path.relative_to(folder).parts, path) for path in _article_files(folder)]
    if not found:
        raise IngestError(f"{shown(folder)}: folder holds no article files (accepted: {_ACCEPTED})")
    return [path for _, path in sorted(found)]


def _article_files(folder: Path) -> Iterator[Path]:
    """Files with an accepted suffix under ``folder``."""
    return (path for path in _files(folder) if path.name.lower().endswith(ACCEPTED_SUFFIXES))


def other_files(inputs: Sequence[str]) -> list[Path]:
    """Files under the folders of ``inputs`` that a build does not read (other suffixes), so
    that it can say so (notes.md, report.docx); hidden entries and a build's outputs left out."""
    out: dict[str, Path] = {}  # by real path: overlapping folders (in, in/sub) name a file once
    for raw in inputs:
        if raw != "-" and Path(raw).is_dir():
            for path in sorted(_files(Path(raw))):
                if not path.name.lower().endswith(ACCEPTED_SUFFIXES):
                    out.setdefault(os.path.realpath(path), path)
    return list(out.values())


def _files(folder: Path) -> Iterator[Path]:
    """The files under ``folder``: hidden entries, linked folders and a build's outputs skipped.

    A walk with its own stack (``os.walk`` recurses, and a folder nested 1,000 deep overflowed it);
    a subfolder that cannot be listed is skipped, as ``os.walk`` does.
    """
    stack = [folder]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") or _is_build_output(entry):
                continue
            if _is_folder(entry):
                if not entry.is_symlink():
                    stack.append(Path(entry.path))
            else:
                yield Path(entry.path)


def _is_build_output(entry: os.DirEntry[str]) -> bool:
    """A link a build made into its output set (OUT/graph.html): never read back as an article."""
    try:
        return entry.is_symlink() and os.readlink(entry.path).startswith(CONTROL + "/")
    except OSError:
        return False


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link loop: not a folder; reading it says what it is
        return False


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise IngestError(
            f"{shown(path)}: unsupported file type {shown(suffix) or '(none)'!r} (accepted: {_ACCEPTED})"
        )
    return "html" if suffix == ".htm" else suffix[1:]


# ── reading ──────────────────────────────────────────────────────────────────


def read_articles(path: Path, stdin: BinaryIO | None = None) -> list[Article]:
    """All articles of one file, or of standard input when ``path`` is :data:`STDIN`."""
    return list(iter_articles(path, stdin))


def iter_articles(path: Path, stdin: BinaryIO | None = None) -> Iterator[Article]:
    """Yield the articles of one file (jsonl records are parsed one at a time).

    ``stdin`` replaces ``sys.stdin.buffer`` for ``"-"`` (tests pass a BytesIO).
    Stdin is read as jsonl when every non-empty line starts with ``{``, as HTML
    when it starts with ``<!doctype html`` or ``<html``, and as plain text otherwise.
    """
    if path == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        text = decode_bytes(stream.read(), STDIN_NAME)
        return map(_printable, _PARSERS[_sniff(text)](text, STDIN_NAME, "stdin"))
    fmt = _format_of(path)
    name = shown(path)
    text = decode_bytes(read_regular(path), name)
    return map(_printable, _PARSERS[fmt](text, name, shown(path.stem)))


def _printable(article: Article) -> Article:
    """The article with lone surrogates (JSON's ``"\\ud800"``) replaced, so it can be written as UTF-8."""
    fields = ("id", "text", "title", "published", "source", "editor", "url", "path")
    changed = {f: safe_text(v) for f in fields if isinstance(v := getattr(article, f), str) and safe_text(v) != v}
    reporters = tuple(map(safe_text, article.reporters))
    if not changed and reporters == article.reporters:
        return article
    return replace(article, **changed, reporters=reporters)


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file; FIFOs, devices and sockets are refused without blocking.

    Raises ``IngestError`` naming the file and what it is instead.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError as exc:
        raise IngestError(f"{shown(path)}: {_missing_reason(path)}") from exc
    except OSError as exc:
        raise IngestError(f"{shown(path)}: cannot read file: {_reason(exc)}") from exc
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IngestError(f"{shown(path)}: is a folder, expected an article file")
        if not stat.S_ISREG(mode):
            raise IngestError(f"{shown(path)}: not a regular file ({_file_kind(mode)})")
        try:
            return handle.read()
        except OSError as exc:
            raise IngestError(f"{shown(path)}: cannot read file: {_reason(exc)}") from exc


def _reason(exc: OSError) -> str:
    return "symbolic link loop" if exc.errno == errno.ELOOP else exc.strerror or str(exc)


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISSOCK, "a socket"))  # fmt: skip
    return next((name for test, name in kinds if test(mode)), "a special file")


def _sniff(text: str) -> str:
    lines = [line for line in text.split("\n") if line.strip()]
    if lines and all(line.lstrip().startswith("{") for line in lines):
        return "jsonl"
    head = text.lstrip()[:15].lower()
    return "html" if head.startswith(("<!doctype html", "<html")) else "txt"


# ── decoding ─────────────────────────────────────────────────────────────────


def decode_bytes(data: bytes, name: str) -> str:
    """Decode article bytes, detecting the encoding; ``name`` is used in errors.

    Order: a BOM (UTF-8, UTF-16, UTF-32); strict UTF-8; charset-normalizer's
    guess, with GB2312/GBK decoded as GB18030; GB18030 when the guess is another
    encoding but the bytes read as common simplified Chinese. Newlines become ``\\n``.
    """
    if not data.strip():
        raise IngestError(f"{name}: file is empty")
    text = _decode(data, name)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(f"{name}: file is empty")
    return text


def _decode(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.end == len(data) and exc.reason == "unexpected end of data":  # cut off mid-character
            return data[: exc.start].decode("utf-8")
    guess = _guess_encoding(data)
    if guess in _GB_FAMILY:
        return _strict(data, "gb18030", name)
    gb_text = _try_decode(data, "gb18030")
    if gb_text is not None and _reads_as_chinese(gb_text):
        return gb_text
    if guess is None:
        raise IngestError(
            f"{name}: cannot decode text: not UTF-8, UTF-16/32 with BOM, or GB18030/GBK"
        )
    return _strict(data, guess, name)


def _guess_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best.encoding.lower().replace("-", "_") if best is not None else None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise IngestError(f"{name}: cannot decode text as {encoding}: {exc}") from exc


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _reads_as_chinese(text: str) -> bool:
    """True when the non-ASCII characters are nearly all common (GB2312) Chinese."""
    if any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in text):
        return False
    wide = [ch for ch in text if ord(ch) > 127]
    common = sum(1 for ch in wide if _in_gb2312(ch))
    return bool(wide) and common >= 0.9 * len(wide)


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


# ── formats ──────────────────────────────────────────────────────────────────


def parse_text(text: str, name: str, stem: str) -> Iterator[Article]:
    """The one article of a plain-text file, with metadata from its saved-page lines."""
    meta = text_metadata(text)
    yield Article(
        id=_text_id(stem, text),
        text=text,
        title=meta.title,
        published=meta.published,
        source=meta.source,
        editor=meta.editor,
        reporters=meta.reporters,
        path=name,
    )


def parse_html(html: str, name: str, stem: str) -> Iterator[Article]:
    """The one article of a saved HTML page (see :mod:`kgraph.ingest.html`)."""
    from kgraph.ingest.html import extract_page

    try:
        page = extract_page(html, name)
    except RecursionError as exc:
        raise IngestError(f"{name}: cannot parse HTML: elements nested too deeply") from exc
    meta = text_metadata(page.text).fill_from(text_metadata(page.page_text))
    yield Article(
        id=_text_id(stem, page.text),
        text=page.text,
        title=page.title or meta.title,
        published=_best_date([page.meta_date, page.date, meta.published]),
        source=meta.source,
        editor=meta.editor,
        reporters=meta.reporters,
        url=page.url,
        path=name,
    )


def parse_jsonl(text: str, name: str, stem: str) -> Iterator[Article]:
    """One article per non-blank JSON line; ids must be unique within the file."""
    seen: set[str] = set()
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        article = _record_article(_json_object(line, name, lineno), name, stem, lineno)
        if article.id in seen:
            raise IngestError(f"{name}:{lineno}: duplicate article id {article.id!r}")
        seen.add(article.id)
        yield article


class _Int(str):
    """A JSON integer kept as its digits (a 5,000-digit id must not reach int())."""


def _json_object(line: str, name: str, lineno: int) -> dict[str, object]:
    try:
        record = json.loads(line, parse_int=_Int)
    except json.JSONDecodeError as exc:
        raise IngestError(f"{name}:{lineno}: invalid JSON: {exc.msg} (column {exc.colno})") from exc
    except RecursionError as exc:
        raise IngestError(f"{name}:{lineno}: invalid JSON: nested too deeply") from exc
    except ValueError as exc:  # a number Python cannot hold
        raise IngestError(f"{name}:{lineno}: invalid JSON: {_short(str(exc))}") from exc
    if not isinstance(record, dict):
        kind = type(record).__name__
        raise IngestError(
            f"{name}:{lineno}: expected a JSON object with {_JSONL_FIELDS}, got {kind}"
        )
    return record


def _record_article(record: dict[str, object], name: str, stem: str, lineno: int) -> Article:
    def field(key: str) -> str | None:
        value = record.get(key)
        if isinstance(value, _Int) and key != "id":
            raise IngestError(f"{name}:{lineno}: field {key!r} must be a string, got the number {_short(value)}")
        if value is None or isinstance(value, str):
            return value or None
        raise IngestError(f"{name}:{lineno}: field {key!r} must be a string, got {_short(repr(value))}")

    text = (field("text") or "").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(f"{name}:{lineno}: article has no text (fields: {_JSONL_FIELDS})")
    date = field("date")
    published = parse_date(date) if date else None
    if date and published is None:
        raise IngestError(
            f"{name}:{lineno}: field 'date' is not a date: {date!r} "
            "(expected YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS])"
        )
    reporter = field("reporter")
    article_id = field("id") or f"{stem}-{lineno}"
    if len(article_id) > MAX_ID:
        raise IngestError(f"{name}:{lineno}: field 'id' is {len(article_id):,} characters long (at most {MAX_ID})")
    return Article(
        id=article_id,
        text=text,
        title=field("title") or "",
        published=published,
        source=field("source"),
        editor=field("editor"),
        reporters=(reporter,) if reporter else (),
        url=field("url"),
        path=name,
    )


def _short(text: str, limit: int = 60) -> str:
    """``text`` cut for an error message."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


def _text_id(stem: str, text: str) -> str:
    return f"{stem}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}"


def _best_date(candidates: Sequence[str | None]) -> str | None:
    """The first known date, upgraded to a date-time another candidate gives for that day."""
    known = [c for c in candidates if c]
    if not known:
        return None
    first = known[0]
    timed = [c for c in known if c.startswith(first[:10]) and len(c) > len(first)]
    return timed[0] if timed else first


_PARSERS = {"txt": parse_text, "html": parse_html, "jsonl": parse_jsonl}
