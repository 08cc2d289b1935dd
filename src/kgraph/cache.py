"""The extraction cache: each article's extraction kept on disk, keyed by its text and the extractor.

    OUT/.kgraph/cache/<article key>.pickle   (Article, extractor version, Extraction)
    OUT/store/articles.json                  the article keys of the graph in that store

Extraction is a pure function of the article and the bundled code and data, so an
article whose key (a hash of its id, text and metadata) and extractor version (a hash of
the extraction code, the bundled word lists and jieba's version) are unchanged is not
extracted again. ``kgraph build --add`` reads the articles of the graph it adds to from
here, so adding one article extracts one article; after an upgrade of the extractor the
old articles are extracted again from their cached text.

A cache file that cannot be read (one a killed build left half-written) is treated as
missing, and written again; the cache needs no atomic writes, so it adds no step to the
build's switch of its output set.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from importlib import metadata
from pathlib import Path

from kgraph.errors import OutputError
from kgraph.model import Article, Extraction
from kgraph.outputs import CONTROL

__all__ = ["ExtractionCache", "article_key", "extractor_version", "read_graph_articles", "write_graph_articles"]

CACHE_DIR = Path(CONTROL) / "cache"
GRAPH_ARTICLES = "articles.json"
_PACKAGE = Path(__file__).resolve().parent
# what extraction depends on: its code, the text model and the bundled data
_EXTRACTOR_PARTS = ("extract", "resources", "segment.py", "model.py", "keys.py")


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
    """Extractions on disk under ``folder``, one file per article key."""

    def __init__(self, folder: Path, version: str | None = None) -> None:
        self.folder = folder
        self.version = version or extractor_version()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def article(self, key: str) -> Article | None:
        """The article cached under ``key`` (whatever extractor version), or None."""
        entry = self._read(key)
        return entry[0] if entry else None

    def get(self, article: Article) -> Extraction | None:
        """The cached extraction of ``article`` by this extractor version, or None."""
        entry = self._read(article_key(article))
        if entry is None or entry[1] != self.version or entry[2] is None:
            return None
        return replace(entry[2], article=article)

    def put(self, extraction: Extraction) -> None:
        article = extraction.article
        lean = replace(extraction, article=Article(article.id, ""))
        self._write(article_key(article), (article, self.version, lean))

    def _read(self, key: str) -> tuple[Article, str, Extraction | None] | None:
        try:
            with self._path(key).open("rb") as handle:
                entry = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
            return None
        ok = isinstance(entry, tuple) and len(entry) == 3 and isinstance(entry[0], Article)
        return entry if ok else None

    def _write(self, key: str, entry: tuple[Article, str, Extraction | None]) -> None:
        target = self._path(key)
        try:
            if not self.folder.is_dir():
                self.folder.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as handle:  # no rename: a half-written file reads as a miss
                pickle.dump(entry, handle, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as exc:
            raise OutputError(f"cannot write the extraction cache {target.parent}: {exc.strerror or exc}") from exc


def write_graph_articles(store_folder: Path, articles: Iterable[Article]) -> None:
    """Record in the store folder which articles its graph was built from."""
    keys = [article_key(article) for article in articles]
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
