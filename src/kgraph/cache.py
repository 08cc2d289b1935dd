"""The extraction cache: each article's extraction kept on disk, keyed by its text and the extractor.

    OUT/.kgraph/cache/pack-<build>.pickle    {article key: (Article, extractor version, Extraction)}
    OUT/store/articles.json                  the article keys of the graph in that store

Extraction is a pure function of the article and the bundled code and data, so an
article whose key (a hash of its id, text and metadata) and extractor version (a hash of
the extraction code, the bundled word lists and jieba's version) are unchanged is not
extracted again. ``kgraph build --add`` reads the articles of the graph it adds to from
here, so adding one article extracts one article; after an upgrade of the extractor the
old articles are extracted again from their cached text.

Each build writes what it extracted as one pack (one file: thousands of small files cost
seconds to create); a later pack overrides an earlier one, and when there are more than
:data:`MAX_PACKS` the build writes one pack of the articles of its graph and removes the
others. A pack that cannot be read (one a killed build left half-written) is treated as
missing, and its articles are extracted again; the cache needs no atomic writes, so it
adds no step to the build's switch of its output set. Per-article files of older
versions (``<key>.pickle``) are still read.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import time
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from importlib import metadata
from pathlib import Path

from kgraph.errors import OutputError
from kgraph.model import Article, Extraction
from kgraph.outputs import CONTROL

__all__ = ["MAX_PACKS", "ExtractionCache", "article_key", "extractor_version", "read_graph_articles", "write_graph_articles"]

CACHE_DIR = Path(CONTROL) / "cache"
GRAPH_ARTICLES = "articles.json"
MAX_PACKS = 8  # more packs than this are merged into one
_PACKAGE = Path(__file__).resolve().parent
# what extraction depends on: its code, the text model and the bundled data
_EXTRACTOR_PARTS = ("extract", "resources", "segment.py", "model.py", "keys.py")
Entry = tuple[Article, str, "Extraction | None"]


def article_key(article: Article) -> str:
    """A hash of everything extraction reads of ``article`` (not the file it came from)."""
    fields = (article.id, article.text, article.title, article.published, article.source, article.editor,
              article.reporters, article.url)  # fmt: skip
    return hashlib.sha256(repr(fields).encode("utf-8")).hexdigest()[:32]


@cache
def extractor_version() -> str:
    """A hash of the extraction code, the bundled data files and jieba's version."""
    digest = hashlib.sha256(_jieba_version().encode("utf-8"))
    for part in _EXTRACTOR_PARTS:
        root = _PACKAGE / part
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(_PACKAGE)).encode("utf-8"))
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _jieba_version() -> str:
    try:
        return metadata.version("jieba")
    except metadata.PackageNotFoundError:
        return "unknown"


class ExtractionCache:
    """Extractions on disk under ``folder``, in packs (see the module docstring). What :meth:`put`
    adds is kept in memory until :meth:`flush` writes it."""

    def __init__(self, folder: Path, version: str | None = None) -> None:
        self.folder = folder
        self.version = version or extractor_version()
        self._entries: dict[str, Entry] | None = None
        self._packs: list[Path] = []
        self._legacy = False
        self._pending: dict[str, Entry] = {}
        self._keys: dict[int, tuple[Article, str]] = {}  # id(article) → (article, its key): a key hashes the whole text

    def key(self, article: Article) -> str:
        """:func:`article_key` of ``article``, computed once per article object."""
        found = self._keys.get(id(article))
        if found is None or found[0] is not article:
            found = self._keys[id(article)] = (article, article_key(article))
        return found[1]

    def article(self, key: str) -> Article | None:
        """The article cached under ``key`` (whatever extractor version), or None."""
        entry = self._entry(key)
        if entry is None:
            return None
        self._keys[id(entry[0])] = (entry[0], key)
        return entry[0]

    def get(self, article: Article) -> Extraction | None:
        """The cached extraction of ``article`` by this extractor version, or None."""
        entry = self._entry(self.key(article))
        if entry is None or entry[1] != self.version or entry[2] is None:
            return None
        return replace(entry[2], article=article)

    def put(self, extraction: Extraction) -> None:
        article = extraction.article
        lean = replace(extraction, article=Article(article.id, ""))
        self._pending[self.key(article)] = (article, self.version, lean)

    def flush(self, keep: Iterable[str] = ()) -> None:
        """Write what was put as one new pack; with more than MAX_PACKS packs, write one pack of
        the entries of ``keep`` (article keys) and what was put, and remove the others."""
        entries = self._all()
        packs = list(self._packs)
        if len(packs) + bool(self._pending) > MAX_PACKS:
            self._write_pack({key: entries[key] for key in keep if key in entries} | self._pending)
            for pack in packs:
                pack.unlink(missing_ok=True)
                self._packs.remove(pack)
        elif self._pending:
            self._write_pack(self._pending)
        entries.update(self._pending)
        self._pending = {}

    def _entry(self, key: str) -> Entry | None:
        entry = self._pending.get(key) or self._all().get(key)
        return entry if entry is not None or not self._legacy else _read_entry(self.folder / f"{key}.pickle")

    def _all(self) -> dict[str, Entry]:
        """Every entry of every pack, read on first use (a later pack overrides an earlier one)."""
        if self._entries is None:
            files = sorted(self.folder.glob("*.pickle")) if self.folder.is_dir() else []
            self._packs = [f for f in files if f.name.startswith("pack-")]
            self._legacy = len(self._packs) < len(files)  # per-article files of an older kgraph
            self._entries = {}
            for pack in self._packs:
                self._entries.update(_read_pack(pack))
        return self._entries

    def _write_pack(self, entries: dict[str, Entry]) -> None:
        target = self.folder / f"pack-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{os.urandom(3).hex()}.pickle"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as handle:  # no rename: a half-written pack reads as missing
                pickle.dump(entries, handle, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as exc:
            raise OutputError(f"cannot write the extraction cache {target.parent}: {exc.strerror or exc}") from exc
        self._packs.append(target)


def _read_pack(path: Path) -> dict[str, Entry]:
    try:
        with path.open("rb") as handle:
            entries = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, IndexError, TypeError):
        return {}
    if not isinstance(entries, dict):
        return {}
    return {key: entry for key, entry in entries.items() if _is_entry(entry)}


def _read_entry(path: Path) -> Entry | None:
    try:
        with path.open("rb") as handle:
            entry = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, IndexError, TypeError):
        return None
    return entry if _is_entry(entry) else None


def _is_entry(entry: object) -> bool:
    return isinstance(entry, tuple) and len(entry) == 3 and isinstance(entry[0], Article)


def write_graph_articles(store_folder: Path, keys: list[str]) -> None:
    """Record in the store folder which articles its graph was built from (their :func:`article_key`)."""
    try:
        (store_folder / GRAPH_ARTICLES).write_text(json.dumps(keys), encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write {store_folder / GRAPH_ARTICLES}: {exc.strerror or exc}") from exc


def read_graph_articles(store_folder: Path) -> list[str]:
    """The article keys of the graph in ``store_folder`` ([] when there is none)."""
    try:
        keys = json.loads((store_folder / GRAPH_ARTICLES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [k for k in keys if isinstance(k, str)] if isinstance(keys, list) else []
