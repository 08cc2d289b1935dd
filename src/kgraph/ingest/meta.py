"""Metadata heuristics for the text of saved news pages (part of the ingest stage).

A page saved as text usually has a few navigation lines, the title, a date line
such as ``2024-04-28 21:26:53 编辑:张晓燕`` or ``发布时间：2024年4月28日 21:26``,
the body, and a ``来源:某某新闻`` line. :func:`text_metadata` finds

- ``published``: the first short line holding a date (optionally a time) that is
  set off as metadata (at line start, after a label such as 发布时间：, or between
  spaces), as ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS``;
- ``title``: the nearest substantial line above that date line (not navigation,
  not a metadata line), else the first non-empty line;
- ``editor`` (编辑：/责任编辑：), ``source`` (来源：) on short lines;
- ``reporters``: names after 记者 (``某某新闻记者 刘志刚 摄``, ``（记者 张三、李四）``),
  but not phrases such as 记者了解到 or 答记者问; 通讯员 are not reporters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from kgraph.resources.lexicon import words

__all__ = ["TextMetadata", "parse_date", "text_metadata"]

_META_LINE_MAX = 100  # metadata lines are short; body paragraphs are not searched
# a person's name in a metadata line: 2-4 characters, or a transliterated name with ·
_NAME = r"[\u4e00-\u9fff]{2,4}(?:·[\u4e00-\u9fff]{1,8})?"
# 2024-04-28, 2024年4月28日, 2024/4/28 10:30[:15]: y m d and an optional time
_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?:\s*日)?"
    r"(?:[T\s]*(?P<H>\d{1,2})\s*[:：]\s*(?P<M>\d{2})(?:\s*[:：]\s*(?P<S>\d{2}))?)?"
)
# 发布时间： at the end of a line: the date follows on the next line
_DATE_LABEL = re.compile(r"(?:发布时间|发布日期|更新时间|时间|日期)\s*[:：]\s*$")
_BOUNDARY = " \t\u3000|｜丨()（）【】[]"
# 责任编辑：王明 ending at a boundary
_EDITOR = re.compile(rf"(?:责任编辑|编辑)\s*[:：]\s*({_NAME})(?=$|[\s）)|｜丨,，、。;；\]】])")
# 来源：浙江日报 (also 文章来源, 信息来源) at a line start or after a separator
_SOURCE = re.compile(
    r"(?:^|[\s(（|｜丨【\[])(?:文章|信息|稿件)?来源\s*[:：]\s*([^\s)）|｜丨,，;；。\]】]{1,30})"
)
# 记者 王明 李华 / 记者王明、李华 摄: one or more names (not 记者站, 记者会 …)
_REPORTER = re.compile(
    rf"记者(?![站节会证团见招])[ \t\u3000:：]*(?P<names>{_NAME}(?:(?:[ \t\u3000]+|、){_NAME})*)"
    r"(?=[\s、）)/|｜丨]|摄|报道|$)",
    re.MULTILINE,
)
_NOT_NAMES = words("meta", "not-reporter-names")
# words that make a line page chrome rather than body text
_META_WORDS = re.compile(
    r"(?:来源|编辑|作者|记者|发布时间|发布日期|字号|浏览|点击)\s*[:：]|当前位置"
)


@dataclass(frozen=True)
class TextMetadata:
    """What the saved-page lines of an article say about it."""

    title: str = ""
    published: str | None = None
    source: str | None = None
    editor: str | None = None
    reporters: tuple[str, ...] = ()

    def fill_from(self, other: TextMetadata) -> TextMetadata:
        """This metadata with its empty fields taken from ``other``."""
        return replace(
            self,
            title=self.title or other.title,
            published=self.published or other.published,
            source=self.source or other.source,
            editor=self.editor or other.editor,
            reporters=self.reporters or other.reporters,
        )


def text_metadata(text: str) -> TextMetadata:
    """Title, date, source, editor and reporters guessed from an article's lines."""
    lines = [line.strip() for line in text.split("\n")]
    short = [line for line in lines if line and len(line) <= _META_LINE_MAX]
    date_index, published = _date_line(lines)
    return TextMetadata(
        title=_title(lines, date_index),
        published=published,
        source=_first_group(_SOURCE, short),
        editor=_first_group(_EDITOR, short),
        reporters=_reporters(text),
    )


def parse_date(value: str) -> str | None:
    """``value`` as an ISO date or date-time when it is one (``2024年4月28日 21:26`` too)."""
    match = _DATE.match(value.strip())
    return _iso(match) if match else None


def _date_line(lines: list[str]) -> tuple[int | None, str | None]:
    for index, line in enumerate(lines):
        if not line or len(line) > _META_LINE_MAX:
            continue
        for match in _DATE.finditer(line):
            before, after = line[: match.start()], line[match.end() :]
            set_off_before = not before or before[-1] in _BOUNDARY or _DATE_LABEL.search(before)
            if set_off_before and (not after or after[0] in _BOUNDARY):
                iso = _iso(match)
                if iso:
                    return index, iso
    return None, None


def _iso(match: re.Match[str]) -> str | None:
    y, m, d, hh, mm, ss = (int(match[key] or 0) for key in ("y", "m", "d", "H", "M", "S"))
    try:
        moment = datetime(y, m, d, hh, mm, ss)
    except ValueError:
        return None
    if match["H"] is None:
        return moment.date().isoformat()
    return moment.isoformat(timespec="seconds")


def _title(lines: list[str], date_index: int | None) -> str:
    if date_index is not None:
        for line in reversed(lines[:date_index]):
            if _substantial(line):
                return line
    return next((line for line in lines if line), "")


def _substantial(line: str) -> bool:
    """A line that can be a title: long enough, not navigation, not metadata."""
    if len(line) < 6 or _META_WORDS.search(line) or ">" in line or "›" in line:
        return False
    tokens = [t for t in re.split(r"[\s|｜/]+", line) if t]
    return len(tokens) < 2 or any(len(token) > 4 for token in tokens)


def _first_group(pattern: re.Pattern[str], lines: list[str]) -> str | None:
    for line in lines:
        match = pattern.search(line)
        if match:
            return match.group(1)
    return None


def _reporters(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for match in _REPORTER.finditer(text):
        for token in re.split(r"[ \t\u3000、]+", match["names"]):
            name = re.sub(r"(?:报道|摄)$", "", token)
            if len(name) < 2 or name.startswith(_NOT_NAMES):
                break
            if name not in found:
                found.append(name)
    return tuple(found)
