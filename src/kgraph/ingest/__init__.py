"""Ingest: files, folders, JSON Lines and saved web pages → :class:`~kgraph.model.Article`.

    files.py  paths, encodings, formats (text, HTML, JSON Lines) → articles
    html.py   a saved web page's main text and metadata (trafilatura)
    meta.py   metadata lines of a plain-text article (来源, 编辑, 记者, dates)
"""

from kgraph.ingest.files import collect_paths, iter_articles, read_articles

__all__ = ["collect_paths", "iter_articles", "read_articles"]
