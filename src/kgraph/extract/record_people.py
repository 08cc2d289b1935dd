"""Recording people: a titled name with a resolved post is an official (keyed by name and home
province, with its holdsPost and formerPost triples), another a person; later mentions of them
(the bare name, 陈书记); the article's editor and reporters.
"""

from __future__ import annotations

from kgraph import keys
from kgraph.extract.builder import _Builder, _sentence_of
from kgraph.extract.names import occurrences
from kgraph.extract.officials import RawPost, TitledName
from kgraph.extract.relations import Span
from kgraph.model import Article, Entity, EntityType, Post, Predicate
from kgraph.resources.divisions import Gazetteer
from kgraph.resources.lexicon import Lexicon, words
from kgraph.segment import Token

FOREIGN_ROLE = "foreign-official"  # a person the article gives another country's post


def _record_people(
    builder: _Builder, names: list[TitledName], gaz: Gazetteer, lex: Lexicon,
    mains: dict[str, str], places: list[Span], sents: list[tuple[int, int]],
) -> list[Span]:  # fmt: skip
    """Officials (a name with at least one resolved post) first, then the other titled names."""
    known = {keys.code(s.key) for s in places}
    speakers, others = [], []
    for found in names:
        if found.foreign and not found.official:
            name = builder.article.text[found.name_start : found.name_end]
            builder.mention(found.name_start, found.name_end, Entity(keys.person(name), EntityType.PERSON, name, (), (), (("role", FOREIGN_ROLE),)))
            continue
        placed = [p for p in (_resolve_post(raw, gaz, lex, mains, known) for raw in found.posts) if p]
        if found.official:  # 全国政协委员、某大学教授孙洁: an official's posts are the state's, not 教授
            placed = [(post, code) for post, code in placed if post.title not in lex.person_titles]
        posts = [post for post, _ in placed]
        name = builder.article.text[found.name_start : found.name_end]
        if not (found.official and posts):
            others.append((found, name))
            continue
        abroad = found.foreign  # another country's official: kept apart from China's, marked as such
        key = keys.official(name, keys.ABROAD if abroad else _home([code for _, code in placed], gaz))
        start, end = _sentence_of(sents, found.start, found.name_end)
        for post in posts:
            predicate = Predicate.FORMER_POST if post.former else Predicate.HOLDS_POST
            builder.triple(key, predicate, keys.post(post.title, post.org_key), start, end)
            if keys.is_kind(post.org_key, "organ"):
                builder.add(Entity(post.org_key, EntityType.ORGAN, post.org_name))
        district_posts = [p for p in posts if keys.is_kind(p.org_key, "district")]
        if district_posts:
            speakers.append(Span(found.start, found.name_end, district_posts[-1].org_key))
        attrs = (("role", FOREIGN_ROLE),) if abroad else ()
        builder.mention(found.name_start, found.name_end, Entity(key, EntityType.OFFICIAL, name, (), tuple(sorted(posts)), attrs))
    officials = {e.name: e for e in builder.entities.values() if e.type is EntityType.OFFICIAL}
    for found, name in others:
        role = _role(found, lex)
        if role == "official-title" and name in officials:
            builder.mention(found.name_start, found.name_end, officials[name])  # 总理李明 after 国务院总理李明
        elif not found.official or role == "official-title":
            builder.mention(found.name_start, found.name_end, Entity(keys.person(name), EntityType.PERSON, name, (), (), (("role", role),)))
    return speakers


def _role(found: TitledName, lex: Lexicon) -> str:
    """official-title: titled like an official (总理, 部长) though no region or organ was found."""
    official = any(p.title in lex.official_titles or p.title[-2:] in lex.official_titles for p in found.posts)
    return "official-title" if official and not any(p.title in lex.person_titles for p in found.posts) else "person-title"


_SHORT_TITLES = words("officials", "short-titles")


def _record_later_mentions(builder: _Builder, text: str, toks: list[Token]) -> None:
    """Later mentions of a titled person: the bare name (林涛介绍), or surname + title (陈书记)."""
    bounds = {t.start for t in toks} | {t.end for t in toks}
    taken = bytearray(len(text) + 1)  # the characters mentions cover (one pass, not one per mention)
    for m in builder.mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    people = [e for e in builder.entities.values() if e.type in (EntityType.OFFICIAL, EntityType.PERSON)]
    for person in people:
        for at in occurrences(text, person.name):
            end = at + len(person.name)
            if at in bounds and end in bounds and not any(taken[at:end]):
                builder.mention(at, end, person)
                taken[at:end] = b"\x01" * (end - at)
    for form, person in _surname_titles(people).items():
        for at in occurrences(text, form):
            if not any(taken[at : at + len(form)]):
                builder.mention(at, at + len(form), person)


def _surname_titles(people: list[Entity]) -> dict[str, Entity]:
    """陈书记 → the one official surnamed 陈 whose post ends in 书记 (none when two could be meant)."""
    forms: dict[str, list[Entity]] = {}
    for person in people:
        for title in {t for p in person.posts for t in _SHORT_TITLES if p.title.endswith(t)}:
            forms.setdefault(person.name[0] + title, []).append(person)
    return {form: found[0] for form, found in forms.items() if len(found) == 1}


def _home(codes: list[str | None], gaz: Gazetteer) -> str:
    """Where an official belongs, for the key: the province of a post's region (市长, 市政府
    党组成员), or 'national'."""
    for code in codes:
        if code is not None:
            return gaz.province_of(code)
    return keys.NATIONAL


def _resolve_post(
    raw: RawPost, gaz: Gazetteer, lex: Lexicon, mains: dict[str, str], known: set[str]
) -> tuple[Post, str | None] | None:
    """A raw post with its place decided: a region (named, or implicit: the article's main
    省/市/区/县), a region's organ (某某市人大常委会) or another organ (外交部); and the
    region's code, if any."""
    implicit = "省" if raw.region_implicit == "自治区" else raw.region_implicit or ""
    code = _pick_region(raw, gaz, known) if raw.region_codes else mains.get(implicit)
    if raw.head is not None:
        if code is None:
            return None
        organ = gaz.canonical_name(code) + raw.head
        return Post(raw.title, organ, keys.organ(organ), raw.former), code
    if code is not None:
        return Post(raw.title, gaz.canonical_name(code), keys.district(code), raw.former), code
    if raw.region_codes or not raw.organ:
        return None
    organ = lex.organs.get(raw.organ, raw.organ)
    return Post(raw.title, organ, keys.organ(organ), raw.former), None


def _pick_region(raw: RawPost, gaz: Gazetteer, known: set[str]) -> str | None:
    codes = raw.region_codes
    if raw.parent_code:
        under = [c for c in codes if gaz.is_ancestor(raw.parent_code, c) or c == raw.parent_code]
        codes = tuple(under) or codes
    if len(codes) == 1:
        return codes[0]
    for depth in range(3):  # the district itself named, else its city, else its province (南京市 over 江苏省)
        near = [c for c in codes if len(gaz.chain(c)) > depth and gaz.chain(c)[depth].code in known]
        if near:
            return near[0] if len(near) == 1 else None
    return None


def _record_metadata_people(builder: _Builder, article: Article) -> None:
    for name in filter(None, (article.editor, *article.reporters)):
        builder.add(Entity(keys.person(name), EntityType.PERSON, name))
        builder.triple(keys.person(name), Predicate.MENTIONED_IN, keys.article(article.id))
