"""Officials read from a title written after a name (王明市长表示, 王国华总书记指出): a
region-level title makes the official of the article's main region, a national organ's title
(and 主席 in a story about the national leadership) a post there; not for foreign leaders.
"""

from __future__ import annotations

from kgraph import keys
from kgraph.extract.builder import _Builder, _sentence_of
from kgraph.extract.names import holds_common_word, name_at, occurrences
from kgraph.extract.officials import ONLY_IN as _ONLY_IN
from kgraph.extract.officials import TitledName
from kgraph.model import Entity, EntityType, Post, Predicate
from kgraph.resources.divisions import Gazetteer
from kgraph.resources.lexicon import Lexicon
from kgraph.segment import Token, is_cjk, word_info

TITLE_AFTER_NAME = ("found", "title-after-name")  # the attr of an official read from 李明总理


# titles written after a name: the region-level ones (王明市长) and those of one national organ
# (王国华总书记, 李明总理)
_LEVEL_AFTER = ("省长", "市长", "区长", "县长", "州长")
# 主席 after a name untitled elsewhere in a story about the national leadership is the head of
# state (王国华主席): national news writes the president so, and titles other chairs in full first
# (全国政协主席王沪宁 … 王沪宁主席); in other stories 主席 may be any chair (县政协主席)
_HEAD_TITLE = "主席"
_HEAD_STATE = "中华人民共和国"
_AFTER_NAME = _LEVEL_AFTER + tuple(_ONLY_IN) + (_HEAD_TITLE,)
# what follows a region-level title written after a name (王明市长表示, 王明市长，)
_AFTER_LEVEL_TITLE = frozenset("表说指强介透提在到来主出会一等，,。、：:")
_NOT_AFTER_HEAD_TITLE = frozenset("团台位令国")  # 主席团, 主席台, 主席令, 主席国: no title after a name


def _names_before_titles(
    text: str, toks: list[Token], lex: Lexicon, gaz: Gazetteer, known: set[str]
) -> list[tuple[int, int, str]]:
    """(name start, name end, title) for every name written right before such a title
    (``known``: the names of the story's officials)."""
    tok_at = {t.start: t for t in toks}
    tok_ends = {t.end for t in toks}
    found = []
    for match in lex.title_pattern.finditer(text):
        title, at = match.group(), match.start()
        if title not in _AFTER_NAME or match.end() not in tok_ends:
            continue  # 王明委员|长期: a title's end inside a word
        if title in _LEVEL_AFTER and text[match.end() : match.end() + 1] not in _AFTER_LEVEL_TITLE:
            continue
        if title == _HEAD_TITLE and text[match.end() : match.end() + 1] in _NOT_AFTER_HEAD_TITLE:
            continue  # 主席团, 主席台
        for start in (at - 3, at - 2, at - 4):
            name = text[start:at]
            if start not in tok_at or not (name[:1] in lex.surnames or name[:2] in lex.surnames):
                continue
            if holds_common_word(name) or gaz.candidates(name) or _has_country(name, lex) or _common_word(name):
                continue
            if name_at(text, start, tok_at, lex) == at:
                found.append((start, at, title))
                break
    # 同阿姆|赫德主席: a transliterated name cut short; unless the name opens elsewhere or stands
    # before another title (落实好|王国华主席 … 王国华总书记)
    opening = {text[s:e] for s, e, t in found if t != _HEAD_TITLE or _name_opens(text, s)} | known
    return [(s, e, t) for s, e, t in found if t != _HEAD_TITLE or _name_opens(text, s) or text[s:e] in opening]


def _common_word(name: str) -> bool:
    """董事局|主席: a dictionary word that is no person's name."""
    info = word_info(name)
    return info is not None and not info[1].startswith("nr")


def _name_opens(text: str, start: int) -> bool:
    """The name starts after punctuation or a function word (，王国华主席, 应王国华主席), not
    inside a longer name."""
    return start == 0 or not is_cjk(text[start - 1]) or text[start - 1] in _BEFORE_NAME


_BEFORE_NAME = frozenset("同和与向应对是由在的为请将把被给及跟让致")


def _foreign_names(text: str, names: list[TitledName]) -> set[str]:
    """Names the article gives a foreign post (越南总理范明政)."""
    return {text[n.name_start : n.name_end] for n in names if n.foreign}


def _near_country(text: str, name: str, lex: Lexicon) -> bool:
    """The article writes the name next to another country's name somewhere, in the same
    clause (祝贺哈西娜当选连任孟加拉国总理 … 哈西娜总理)."""
    return any(_has_country(_clause_around(text, at, at + len(name)), lex) for at in occurrences(text, name))


def _clause_around(text: str, start: int, end: int, reach: int = 12) -> str:
    left = max([text.rfind(p, 0, start) for p in "，。；：！？\n"] + [start - reach - 1]) + 1
    rights = [i for i in (text.find(p, end) for p in "，。；：！？\n") if i >= 0]
    right = min([*rights, end + reach])
    return text[left:right]


def _has_country(text: str, lex: Lexicon) -> bool:
    """Another country is named in the text (中国 is not another, nor is 全球)."""
    return any(country in text for country in lex.foreign_names)


def _record_title_after_name(
    builder: _Builder, text: str, toks: list[Token], lex: Lexicon, gaz: Gazetteer,
    mains: dict[str, str], sents: list[tuple[int, int]], foreign: set[str],
) -> None:  # fmt: skip
    """王明市长表示, 王国华总书记指出: a name before a region-level title is that region's
    official (the article's main 市/区/县, or the province for 省长) when the article has
    one; a name before a national organ's title holds that title there. Not a name the
    article gives a foreign post (越南总理范明政 … 范明政总理), and in a sentence that names
    another country nearby only a name the article already gives a Chinese post (foreign
    leaders are written so too: 洪森总理)."""
    taken = [(m.start, m.end) for m in builder.mentions]
    known_officials = {e.name for e in builder.entities.values() if e.type is EntityType.OFFICIAL}
    titled = {e.name for e in builder.entities.values() if e.type in (EntityType.OFFICIAL, EntityType.PERSON)}
    # 主席 last: whether the story is about the national leadership, and who leads the party,
    # may come from titles after names later in the text (…王国华主席… 王国华总书记)
    for start, end, title in sorted(_names_before_titles(text, toks, lex, gaz, known_officials), key=lambda found: found[2] == _HEAD_TITLE):
        if any(s < end and start < e for s, e in taken) or text[start:end] in foreign:
            continue
        national = title in _ONLY_IN or title == _HEAD_TITLE
        if national and text[start:end] not in known_officials and _near_country(text, text[start:end], lex):
            continue
        if title == _HEAD_TITLE and ((text[start:end] in titled and not _party_leader(builder, text[start:end])) or not _national_story(builder)):
            continue  # 王沪宁主席 after 全国政协主席王沪宁: a later mention; 县政协主席…刘某主席
        post, home = _post_after_name(title, lex, gaz, mains)
        if post is None:
            continue
        name = text[start:end]
        known = next((e for e in builder.entities.values() if e.type is EntityType.OFFICIAL and e.name == name), None)
        entity = known or Entity(keys.official(name, home), EntityType.OFFICIAL, name, (), (post,), (TITLE_AFTER_NAME,))
        if known is None or (national and post not in known.posts):
            entity = Entity(entity.key, entity.type, name, entity.aliases, tuple(sorted({*entity.posts, post})), entity.attrs)
            builder.triple(entity.key, Predicate.HOLDS_POST, keys.post(title, post.org_key), *_sentence_of(sents, start, end + len(title)))
        builder.mention(start, end, entity)
        taken.append((start, end))


def _national_story(builder: _Builder) -> bool:
    """An official of the story holds a post in a national organ."""
    officials = (e for e in builder.entities.values() if e.type is EntityType.OFFICIAL and e.key.endswith(keys.NATIONAL))
    return any(keys.is_kind(p.org_key, "organ") for e in officials for p in e.posts)


_PARTY_HEAD = ("总书记", "中国共产党中央委员会")


def _party_leader(builder: _Builder, name: str) -> bool:
    """The article titles the name general secretary of the CPC and gives it no chair: the
    general secretary is also the head of state (王国华总书记 … 王国华主席)."""
    posts = [p for e in builder.entities.values() if e.type is EntityType.OFFICIAL and e.name == name for p in e.posts]
    return any((p.title, p.org_name) == _PARTY_HEAD for p in posts) and not any(p.title.endswith(_HEAD_TITLE) for p in posts)


def _post_after_name(title: str, lex: Lexicon, gaz: Gazetteer, mains: dict[str, str]) -> tuple[Post | None, str]:
    """The post of a title written after a name, and the official's home for the key."""
    if title in _ONLY_IN or title == _HEAD_TITLE:
        organ = _ONLY_IN.get(title, _HEAD_STATE)
        organ = lex.organs.get(organ, organ)
        return Post(title, organ, keys.organ(organ)), keys.NATIONAL
    code = mains.get("省" if title == "省长" else title[0])
    if code is None:
        return None, ""
    return Post(title, gaz.canonical_name(code), keys.district(code)), gaz.province_of(code)
