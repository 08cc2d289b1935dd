"""Limits a user can raise: how much of an input is processed and how long a query may run.

Inputs are cut before extraction, so no line, sentence or title can make a build slow
or big beyond these bounds::

    max_line      longest line of article text processed (characters); a longer line is
                  cut to this length, and the cut is reported (sentences never cross lines,
                  so this also bounds the longest sentence)
    max_article   longest article text processed (characters); a longer text is cut at the
                  last line end before this length, and the cut is reported (extraction
                  compares an article's mentions with each other: its time grows faster
                  than the article)
    max_title     longest title (and source, editor, reporter) kept; longer ones are cut
                  with "…" (a title is copied into the page once per fact)
    query_seconds longest time a SPARQL query may run
    max_rows      most rows a query returns; more are cut and the cut reported

Nothing here prints; :func:`limit_article` returns the cut article and a message.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kgraph.model import Article

__all__ = ["DEFAULT", "MAX_URL", "Limits", "limit_article"]

MAX_URL = 4096  # characters of a URL kept (not a user limit: no real URL is longer)
_ELLIPSIS = "…"


@dataclass(frozen=True)
class Limits:
    """The bounds of one build or query (see the module docstring)."""

    max_line: int = 20_000
    max_article: int = 200_000
    max_title: int = 200
    query_seconds: float = 60.0
    max_rows: int = 100_000

    def __post_init__(self) -> None:
        for name in ("max_line", "max_article", "max_title", "query_seconds", "max_rows"):
            if getattr(self, name) <= 0:
                raise ValueError(f"limit {name} must be positive, got {getattr(self, name)!r}")


DEFAULT = Limits()


def limit_article(article: Article, limits: Limits = DEFAULT) -> tuple[Article, str | None]:
    """``article`` with over-long lines and metadata cut, and a message when a line was cut."""
    text, line_cut = _cut_lines(article.text, limits.max_line)
    text, article_cut = _cut_article(text, limits.max_article)
    cut = "; ".join(m for m in (line_cut, article_cut) if m) or None
    most = limits.max_title
    limited = replace(
        article,
        text=text,
        title=_cap(article.title, most) or "",
        source=_cap(article.source, most),
        editor=_cap(article.editor, most),
        reporters=tuple(_cap(r, most) or "" for r in article.reporters),
        url=article.url if article.url is None or len(article.url) <= MAX_URL else None,
    )
    return limited, cut


def _cap(value: str | None, limit: int) -> str | None:
    """``value`` cut to ``limit`` characters, the last one "…", when it is longer."""
    if value is None or len(value) <= limit:
        return value
    return value[: limit - 1] + _ELLIPSIS


def _cut_article(text: str, limit: int) -> tuple[str, str | None]:
    """``text`` cut to at most ``limit`` characters, at the last line end before it when there is one."""
    if len(text) <= limit:
        return text, None
    end = text.rfind("\n", 0, limit + 1)
    kept = text[: end if end > 0 else limit]
    return kept, f"article longer than {limit:,} characters cut to {len(kept):,} (length: {len(text):,}); --max-article raises the limit"


def _cut_lines(text: str, limit: int) -> tuple[str, str | None]:
    """``text`` with each line longer than ``limit`` cut to its first ``limit`` characters."""
    if len(text) <= limit:
        return text, None
    lines = text.split("\n")
    long = [(number, len(line)) for number, line in enumerate(lines, start=1) if len(line) > limit]
    if not long:
        return text, None
    kept = "\n".join(line[:limit] for line in lines)
    first = long[0][0]
    which = f"line {first}" if len(long) == 1 else f"{len(long)} lines (first: line {first})"
    longest = max(n for _, n in long)
    message = f"{which} longer than {limit:,} characters cut (longest: {longest:,}); --max-line raises the limit"
    return kept, message
