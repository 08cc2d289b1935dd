"""Officials and other titled persons: a chain of posts followed by a name.

    金华市委常委、义乌市委书记王明
    └─region─┘└title┘ └region┘└title┘└name┘

Finding: every person name that follows a title word (书记, 市长, 部长, 记者 …).
Deciding: the chain left of the name is parsed right to left into posts; each
post is a title plus a region (a division, possibly implicit: 省委书记 in an
article about 浙江) or an organ (外交部, 四川省科技厅). A person whose posts are
all in companies, universities or media, or whose titles are person titles
(记者, 董事长), is a person, not an official.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, replace

from kgraph.extract.foreign import foreign_name_end, foreign_posts, name_word_end
from kgraph.extract.names import name_at, transliterated_end, whole_name
from kgraph.resources.divisions import Gazetteer
from kgraph.resources.lexicon import Lexicon, read_table, threshold, word_set, words
from kgraph.segment import Token, is_cjk, tokens

__all__ = ["ONLY_IN", "RawPost", "TitledName", "find_titled_names"]

_LEVELS = words("officials", "levels")
_ORGAN_HEADS = words("officials", "organ-heads")
_TITLE_HEADS = words("officials", "title-heads")
_LEVEL_TITLES = words("officials", "level-titles")
_MODIFIERS = words("officials", "title-modifiers")
_MASS_ORGANISATIONS = words("officials", "mass-organisations")
_COMMAS = words("officials", "comma-continues")
_ORGAN_ENDS = words("officials", "organ-ends")
_NON_STATE_WORDS = words("officials", "non-state-words")
_CONSULTATIVE = words("officials", "consultative-bodies")
_MEMBER = "委员"
_MINISTER = "部长"
# 某村党支部, 社区居委会: a village or community body (its secretary is no official)
_VILLAGE = re.compile(r"(村|社区|居委会)(党委|党总支|党支部|委员会|村委会)?$")
_NON_STATE_ENDS = _NON_STATE_WORDS + ("村", "社区")
_CHAIN_SEPARATORS = words("officials", "chain-separators")
_MAX_PREFIX = threshold("organ-window")
# characters that end an organ name read leftwards; 和 中 会 共 国 occur inside organ names
# (工业和信息化部, 中央政府驻澳门联络办公室, 委员会, 共青团)
_ORGAN_STOP = word_set("officials", "organ-stop-chars")
_FORMER = words("officials", "former")
_FORMER_WORDS = words("officials", "former-words")
_COUNTRY_INITIALS = word_set("officials", "country-initials")
_FOREIGN_WINDOW = threshold("foreign-window")
_ORGAN_STOP_WORDS = word_set("officials", "person-verbs")
_FOREIGN_WORDS = words("officials", "foreign-words")
_INHERIT = "inherit"  # a post whose region is its chain neighbour's
_PREFECTURE = "地"  # the level of a 地区, written before an organ head: 宁德地委
_LEVEL_CHARS = ("自治区", "省", "市", "区", "县", "州")
# titles that exist in one organ only, so a bare title names it (国务委员吴志诚); data: titles.tsv
ONLY_IN = {row["title"]: row["only_in"] for row in read_table("titles.tsv") if row["only_in"]}
_ONLY_IN = ONLY_IN


@dataclass(frozen=True)
class RawPost:
    """A parsed post before resolution: region codes or an organ name."""

    title: str
    region_codes: tuple[str, ...] = ()  # candidates for the region
    parent_code: str | None = None  # a division named right before the region
    organ: str | None = None  # organ text or canonical organ name
    region_implicit: str | None = None  # level char of an implicit region (省)
    start: int = 0
    former: bool = False  # 原副省长: a post no longer held
    head: str | None = None  # organ head after the region (人大常委会): the organ is region + head

    @property
    def bare(self) -> bool:
        """A title with no place of its own (副主任 in …常委会原党组副书记、副主任)."""
        return not (self.region_codes or self.organ or self.region_implicit or self.head)


@dataclass(frozen=True)
class TitledName:
    """A name found after a chain of titles."""

    start: int  # start of the whole chain
    name_start: int
    name_end: int
    posts: tuple[RawPost, ...]
    official: bool
    foreign: bool = False  # 越南总理范明政: another country's post (kgraph.extract.foreign)


_AFTER_LISTED = frozenset("、和，。；：")


def _longest_suffix(text: str, end: int, words: Container[str], max_len: int) -> str | None:
    for length in range(min(max_len, end), 0, -1):
        if text[end - length : end] in words:
            return text[end - length : end]
    return None

def find_titled_names(
    text: str, toks: list[Token], gaz: Gazetteer, lex: Lexicon
) -> list[TitledName]:
    """Every name preceded by a title chain, with the chain parsed into posts."""
    tok_at = {t.start: t for t in toks}
    found: list[TitledName] = []
    spans = [(m.start(), m.start() + len(m.group(1))) for m in lex.title_anywhere.finditer(text)]
    ends = sorted({end for _, end in spans})
    inside = {at for start, end in spans for at in range(start + 1, end)}  # 国务委员|长: within a longer title
    for at in ends:  # every place a title ends: jieba may glue a title to a name (旗长斯琴)
        name_end = name_at(text, at, tok_at, lex)
        guessed = name_end is None  # 总统|埃尔多南: another country's official, a name jieba does not see
        if guessed and at in inside:
            continue
        name_end = foreign_name_end(text, at, lex) if guessed else whole_name(text, at, name_end)  # type: ignore[arg-type]
        if name_end is None:
            continue
        name_start = at
        while text[name_start] in " \u3000\xa0":
            name_start += 1
        posts, chain_start = _parse_chain(text, at, gaz, lex)
        if not posts:
            continue
        if _foreign(text, chain_start, at, lex) or _bare_title_abroad(text, chain_start, at, lex):
            name_end = name_end if guessed else _whole_foreign_name(text, name_start, name_end, lex)
            if name_end - name_start < 2:
                continue  # 乌克兰总统|顾问: a common word, no name
            abroad = _foreign_posts(text, chain_start, at, lex)
            found.append(TitledName(chain_start, name_start, name_end, abroad, bool(abroad), foreign=True))
            continue
        if guessed:
            continue
        official = _is_official(posts, lex)
        posts = tuple(p for p in posts if not _seat(p)) if official else posts
        found.append(TitledName(chain_start, name_start, name_end, posts, official))
        found += _listed_after(text, found[-1], tok_at, lex, set(ends))
    return found + _appointments(text, tok_at, gaz, lex)


def _whole_foreign_name(text: str, start: int, end: int, lex: Lexicon) -> int:
    """The end of a foreign name read as a Chinese one (施泰|因纳尔、, 阿卜杜勒|二世，): on to the
    punctuation or list word a foreign name read from the start reaches, else over transliteration
    characters; before a common word either way (总统|顾问)."""
    longer = foreign_name_end(text, start, lex)
    after = text[longer : longer + 1] if longer is not None else ""
    if longer is not None and longer > end and (after in _FOREIGN_NAME_ENDS or not is_cjk(after)):
        return longer
    return name_word_end(text, start, transliterated_end(text, start, end))


_FOREIGN_NAME_ENDS = frozenset("、，。；：！？和等")


def _foreign_posts(text: str, start: int, end: int, lex: Lexicon) -> tuple[RawPost, ...]:
    """The posts of another country's chain (kgraph.extract.foreign), read from its noun phrase:
    its government and party posts (总统, 部长), not 首席执行官 nor a company's."""
    phrase_start = _phrase_start(text, start, lex)
    sentence_start = max(text.rfind(mark, 0, phrase_start) for mark in "。！？\n") + 1
    found = foreign_posts(text[phrase_start:end], text[sentence_start:phrase_start], lex)
    return tuple(
        RawPost(title, organ=where, start=phrase_start, former=former)
        for title, where, former in found
        if any(title.endswith(t) for t in lex.official_titles) and not _non_state(where)  # 理事长 of a society: no post of the state
    )


def _listed_after(text: str, first: TitledName, tok_at: dict[int, Token], lex: Lexicon, title_ends: set[int]) -> list[TitledName]:
    """政治局常委李明、张华、赵国强出席: names listed right after a titled name share its
    titles, up to a name with titles of its own or anything that is no name."""
    out: list[TitledName] = []
    at = first.name_end
    while text[at : at + 1] in ("、", "和") and at + 1 not in title_ends:
        end = name_at(text, at + 1, tok_at, lex)
        listed = end is not None and (text[end : end + 1] in _AFTER_LISTED or text.startswith(("在", "出席", "等"), end))
        if end is None or end - at - 1 > 4 or not listed:
            break
        out.append(replace(first, start=at + 1, name_start=at + 1, name_end=end))
        at = end
    return out


# 任命王明为市长 (a post now), 免去王明的市长职务 (a post held before)
_APPOINTMENT = re.compile(
    r"""(任命|选举|免去)            # 1: appoint (or elect) or remove
        ([\u4e00-\u9fff·]{2,8}?)  # 2: the name
        (为|的)                    # 3: 为 after 任命, 的 after 免去
        ([^，。；;、]{2,40}?)      # 4: the post chain
        (职务)?                    # 5: 职务 closes a removal
        (?=[，。；;、])
    """,
    re.VERBOSE,
)


# 王明同志任某省委委员、常委、书记，不再担任某某职务: the announcement of an appointment (also
# 王明任…, 王明当选为…)
_COMRADE = re.compile(r"(?:^|(?<=[，。；;：:\n]))([\u4e00-\u9fff·]{2,8}?)(同志)?(任|担任|当选为|当选|不再担任|曾任|历任)(?![职务命期])")
_PAST = re.compile(r"\d{4}年|此前|曾经|之前|时任")  # 2015年，王明担任…: a post of then
_PRONOUNS = frozenset("我你他她它们咱您")
_POSTS_THEN = re.compile(r"([^，。；;]{2,60}?)(职务)?(?=[，。；;（(]|$)")


_COMMITTEE_POST = re.compile("(.*?(?:党委|委))(委员|常委|书记|副书记)$")


def _shared_head(posts: tuple[RawPost, ...]) -> tuple[RawPost, ...]:
    """某省委委员、常委、书记: the committee the first post names is the others' too (省委常委, 省委书记)."""
    head = _COMMITTEE_POST.match(posts[0].title) if posts else None
    if head is None:
        return posts
    rest = tuple(replace(p, title=head.group(1) + p.title) if p.title in _COMMITTEE_TITLES and p.organ is None and p.head is None else p for p in posts[1:])
    return (posts[0], *rest)


_COMMITTEE_TITLES = ("委员", "常委", "书记", "副书记")


def _comrade_appointments(text: str, tok_at: dict[int, Token], gaz: Gazetteer, lex: Lexicon) -> list[TitledName]:
    """王明同志任某省委书记 (a post now), 王明同志不再担任某某职务 and its clause ，不再担任某某职务
    right after an appointment, 王明同志曾任… (posts held before)."""
    found = []
    for m in _COMRADE.finditer(text):
        name_start, name_end = m.start(1), m.end(1)
        if name_at(text, name_start, tok_at, lex) != name_end or any(ch in _PRONOUNS for ch in m.group(1)):
            continue  # 由我|担任…: no name
        sentence = text[max(text.rfind(p, 0, name_start) for p in "。！？\n") + 1 : name_start]
        if m.group(2) is None and m.group(3) in ("任", "担任") and _PAST.search(sentence):
            continue  # 2015年，王明担任某市副市长: a past post the sentence dates, not an appointment
        posts: list[RawPost] = []
        at, now = m.end(), m.group(3) not in ("不再担任", "曾任", "历任")
        closed = m.group(3) == "不再担任"  # 不再担任…职务
        while True:
            chain = _POSTS_THEN.match(text, at)
            if chain is None or (closed and not chain.group(2)):
                break
            parsed, start = _parse_chain(text, chain.end(1), gaz, lex)
            if not parsed or start not in (at, m.start(3)) or _foreign(text, start, chain.end(1), lex):
                break  # (曾任 itself is read as a former post's mark)
            parsed = _shared_head(parsed)
            posts += parsed if now else [replace(p, former=True) for p in parsed]
            if not text.startswith("，不再担任", chain.end()) or not now:
                break
            at, now, closed = chain.end() + len("，不再担任"), False, True
        if posts:
            found.append(TitledName(name_start, name_start, name_end, tuple(posts), _is_official(tuple(posts), lex)))
    return found


def _appointments(text: str, tok_at: dict[int, Token], gaz: Gazetteer, lex: Lexicon) -> list[TitledName]:
    """任命X为Y (a post now) and 免去X的Y职务 (a post held before); X同志任Y (:func:`_comrade_appointments`)."""
    found = _comrade_appointments(text, tok_at, gaz, lex)
    for m in _APPOINTMENT.finditer(text):
        appoint = m.group(1) != "免去"
        if (m.group(3) == "为") != appoint or (not appoint and not m.group(5)):
            continue
        name_start = m.start(2)
        name_end = name_at(text, name_start, tok_at, lex)
        if name_end != m.end(2):
            continue
        posts, chain_start = _parse_chain(text, m.end(4), gaz, lex)
        if posts and m.start(4) == chain_start and not _foreign(text, chain_start, m.end(4), lex):
            posts = posts if appoint else tuple(replace(p, former=True) for p in posts)
            found.append(TitledName(name_start, name_start, name_end, posts, _is_official(posts, lex)))
    return found



def _is_official(posts: tuple[RawPost, ...], lex: Lexicon) -> bool:
    state = set(lex.organs.values())
    return any(
        p.title in lex.official_titles or p.title[-2:] in lex.official_titles or _level_title(p.title)
        for p in posts
        if not p.bare and not _seat(p) and (p.organ in state or not _non_state(p.organ or p.head))
    )


def _seat(post: RawPost) -> bool:
    """全国政协委员: a member's seat in a consultative body, which makes no official."""
    body = (post.organ or "") + (post.head or "")
    return post.title == _MEMBER and any(word in body for word in _CONSULTATIVE)


def _level_title(title: str) -> bool:
    return title.startswith(_LEVELS) and title not in ("市民", "县城")


def _non_state(organ: str | None) -> bool:
    if organ is None or any(word in organ for word in _MASS_ORGANISATIONS):
        return False
    return any(word in organ for word in _NON_STATE_WORDS) or _VILLAGE.search(organ) is not None


def _parse_chain(text: str, end: int, gaz: Gazetteer, lex: Lexicon) -> tuple[tuple[RawPost, ...], int]:
    """Posts of the chain ending at ``end``, leftmost first, and the chain's start.

    Posts are joined by 、 or 兼, and by a comma when a whole post ends right before it
    (北京市委常委，市政府党组成员、副市长X).
    """
    posts: list[RawPost] = []
    pos = end
    joined = False  # the post to the right was joined by 兼: 原国务委员兼国防部部长 are both former
    while True:
        post = _parse_post(text, pos, gaz, lex)
        if post is None or (posts and text[post.start : post.start + 1] in _COMMAS):
            break
        if joined and post.former:
            posts[-1] = replace(posts[-1], former=True)
        posts.append(post)
        pos = post.start
        if pos > 0 and text[pos - 1] in _CHAIN_SEPARATORS + _COMMAS:
            if text[pos - 1] in _COMMAS and (post.bare or _parse_post(text, pos - 1, gaz, lex) is None):
                break
            joined = text[pos - 1] == "兼"
            pos -= 1
            continue
        break
    posts.reverse()
    return _inherit(posts), pos


def _foreign(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """A chain is not China's when a country or a foreign body is named in its phrase
    (同|朝鲜劳动党总书记、国务委员长X, 越共中央总书记X) or right before it (美国|旧金山市市长),
    or after a foreign word (哈马斯政治局)."""
    countries = [c for c in lex.countries if len(c) >= 2 and c != "中国"]
    phrase_start = _phrase_start(text, start, lex)
    if any(word in text[phrase_start:end] for word in countries + list(_FOREIGN_WORDS)):
        return True
    first = tokens(text, phrase_start, min(end, phrase_start + 4))
    if first and first[0].word in _COUNTRY_INITIALS:
        return True  # 任命X为俄|新一届政府总理: a one-character country name standing alone
    if any(text[max(0, start - _FOREIGN_WINDOW) : start].endswith(country) for country in countries):
        return True
    if start and text[start - 1] in _COUNTRY_INITIALS and (start == 1 or not is_cjk(text[start - 2])):
        return True  # 。俄国家杜马…主席: a one-character country name opening the phrase
    before = text[start - 1 : start] if start else ""
    return bool(before) and is_cjk(before) and text.startswith(("政治局", "中央政治局"), start)


def _bare_title_abroad(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """依照法国宪法，总理X: a bare title of one of China's national organs (总理) is another country's
    when its sentence names that country and its politics (宪法, 议会, 总统 …) and names neither
    China nor one of China's organs."""
    if text[start:end] not in _ONLY_IN:
        return False
    sentence = text[max(text.rfind(p, 0, start) for p in "。！？\n") + 1 : start]
    if any(word in sentence for word in _CHINA_WORDS) or not any(word in text[start : start + 40] or word in sentence for word in _FOREIGN_STATE_CUES):
        return False
    return any(country in sentence for country in lex.countries if len(country) >= 2 and country != "中国")


_CHINA_WORDS = words("officials", "china-words")
_FOREIGN_STATE_CUES = words("officials", "foreign-state-cues")  # another state's politics


def _phrase_start(text: str, start: int, lex: Lexicon) -> int:
    """Where the noun phrase that ends in a chain starting at ``start`` begins: the chain
    may have left words unread (国务|委员长); read leftwards over them and 、 to the last
    punctuation, function word, person verb or 的 (正在法国访问的|国家主席X)."""
    window = tokens(text, max(0, start - 2 * _MAX_PREFIX), start)
    at = start
    for token in reversed(window):
        word = token.word
        if word != "、" and (not is_cjk(word) or (len(word) == 1 and word in _ORGAN_STOP) or word in _ORGAN_STOP_WORDS):
            break
        at = token.start
    return at


def _inherit(posts: list[RawPost]) -> tuple[RawPost, ...]:
    """What a post takes from its left neighbour in the chain.

    - 市委副书记、市长X: an implicit region takes the neighbour's (绵阳市);
    - 人大常委会原党组副书记、副主任X: a bare title takes the neighbour's organ;
    - 原党组成员、副省长X: 原 carries to the right over posts that name no place of their own.
    """
    out: list[RawPost] = []
    for post in posts:
        previous = out[-1] if out else None
        if previous is not None:
            post = _from_neighbour(post, previous)
        if post.region_implicit == _INHERIT:
            post = replace(post, region_implicit=None)
        out.append(post)
    return tuple(out)


def _from_neighbour(post: RawPost, previous: RawPost) -> RawPost:
    own_place = bool(post.region_codes or post.organ)
    if previous.former and not post.former and not own_place:
        post = replace(post, former=True)
    if post.bare:
        return replace(post, region_codes=previous.region_codes, parent_code=previous.parent_code,
                       organ=previous.organ, head=previous.head, region_implicit=previous.region_implicit)  # fmt: skip
    if post.region_implicit and not post.region_codes and previous.region_codes:
        same_level = post.region_implicit == _INHERIT or _level_of(previous) in (None, post.region_implicit)
        if same_level:
            return replace(post, region_codes=previous.region_codes, parent_code=previous.parent_code, region_implicit=None)
    if post.region_implicit == _INHERIT and previous.region_implicit:
        return replace(post, region_implicit=previous.region_implicit)
    return post


def _level_of(post: RawPost) -> str | None:
    """The level character a post's region ends with, when it is read from the title (区委书记 → 区)."""
    for level in _LEVEL_CHARS:
        if post.title.startswith(level):
            return level
    return None


def _parse_post(text: str, end: int, gaz: Gazetteer, lex: Lexicon) -> RawPost | None:
    """The post whose title ends at ``end``: title, region or organ, former or not."""
    base = _longest_suffix(text, end, lex.titles, lex.max_title)
    if base is None:
        return None
    head = next((h for h in ("党工委", "党委") if base.startswith(h) and base[len(h) :] in lex.titles), "")
    if head and text.endswith(tuple(_LEVELS), 0, end - len(base)):
        base = base[len(head) :]  # 某自治区|党委|委员: a level's committee, as 自治区党委书记
    pos = end - len(base)
    modifier = next((m for m in _MODIFIERS if text.endswith(m, 0, pos)), "")
    pos -= len(modifier)
    former = text[pos - 1 : pos] in _FORMER
    post = _parse_prefix(text, pos - former, base, gaz, lex)
    if pos - former > 0 and text[post.start - 1 : post.start] in _FORMER:
        return _region_before_former(text, replace(post, former=True, start=post.start - 1), gaz)
    if text[max(0, post.start - 2) : post.start] in _FORMER_WORDS:  # 时任福州市委书记: then, not now
        return replace(post, former=True, start=post.start - 2)
    return replace(post, former=True) if former else post


def _region_before_former(text: str, post: RawPost, gaz: Gazetteer) -> RawPost:
    """金凤区原区委副书记: the region is named before 原, the level after it."""
    if not post.region_implicit or post.region_codes:
        return post
    codes, parent, start = _region_before(text, post.start, post.region_implicit, gaz)
    if not codes:
        return post
    return replace(post, region_codes=codes, parent_code=parent, region_implicit=None, start=start)


def _parse_prefix(text: str, pos: int, base: str, gaz: Gazetteer, lex: Lexicon) -> RawPost:
    """The region or organ before the title ``base`` that starts at ``pos``."""
    if base in lex.person_titles:
        organ, start = _organ_before(text, pos, gaz, lex)
        separator = text.rfind("、", max(0, pos - 6), pos)
        if organ is None and separator >= 0 and is_cjk(text[separator + 1 : pos]):
            start = separator + 1  # 主任、新闻发言人X: the chain goes on before the modifier
        return RawPost(base, organ=organ, start=start)
    level_post = _level_post(text, pos, base, gaz)
    if level_post is not None and not text.endswith(_PARTIES, 0, level_post.start):
        return level_post  # not 民盟|浙江省委主委: a party's committee (read as an organ below)
    if base[-2:] in _LEVEL_TITLES:
        level = base[-2]
        codes, parent, start = _region_before(text, pos, level, gaz)
        if not codes and text[pos - 1 : pos] == level and is_cjk(text[pos - 2 : pos - 1]):
            codes, parent, start = _region_before(text, pos - 1, level, gaz)  # 伊犁州州长
            if not codes:
                return RawPost(base, start=pos)  # 比利牛斯省省长: a region the division table does not know
        implicit = level if not codes else None
        return RawPost(base, codes, parent, region_implicit=implicit, start=start)
    if base.endswith("主席") and text[max(0, pos - 3) : pos] == "自治区":  # 自治区主席 (新疆维吾尔自治区主席)
        codes, parent, start = _region_before(text, pos - 3, "自治区", gaz)
        return RawPost("自治区" + base, codes, parent, region_implicit=None if codes else "自治区", start=start)
    if _longest_suffix(text, pos, gaz.full_forms, gaz.max_len):
        codes, parent, start = _region_before(text, pos, "", gaz)
        return RawPost(base, codes, parent, start=start)  # 新疆维吾尔自治区副主席
    if base == _MINISTER and text[pos - 1 : pos] != _MINISTER[0] and not text.startswith("长官", pos + 1):
        # 外交部长: the ministry's 部 is the title's too (not 某某部|长官, another country's minister)
        ministry, start = _organ_before(text, pos + 1, gaz, lex)
        if ministry is not None and ministry in lex.organs:
            return RawPost(base, organ=ministry, start=start)
    organ, start = _organ_before(text, pos, gaz, lex)
    if organ is not None and organ not in lex.organs:
        regional = _regional_organ(organ, base, start, gaz)
        if regional is not None:
            return regional
    if organ is None and base not in _ONLY_IN:
        separator = text.rfind("、", max(0, pos - 8), pos)
        if 0 <= separator < pos - 1 and is_cjk(text[separator + 1 : pos]):  # 县委常委、宣传部部长: the region of its neighbour
            return RawPost(text[separator + 1 : pos] + base, region_implicit=_INHERIT, start=separator + 1)
    # a title of one organ only is that organ's after another title too (外交部部长、国务委员X),
    # not after a word that may be a country's name (波兰总理) or a name (副总理甲、副总理乙)
    after_title = text[pos - 1 : pos] == "、" and any(text.endswith(t, 0, pos - 1) for t in lex.titles)
    bare = pos == 0 or (not is_cjk(text[pos - 1]) and text[pos - 1] != "、") or text[pos - 1] == "兼" or after_title
    return RawPost(base, organ=organ or (_ONLY_IN.get(base) if bare else None), start=start)


def _regional_organ(organ: str, title: str, start: int, gaz: Gazetteer) -> RawPost | None:
    """某某县人社局, 市科委: an organ named by a division (in full) or a level character and
    its own name, so that the post resolves to the canonical region's organ."""
    level = next((lv for lv in _LEVEL_CHARS if organ.startswith(lv)), None)
    if level is not None:
        return RawPost(title, region_implicit=level, start=start, head=organ[len(level) :])
    codes, parent, length = _leading_region(organ, gaz)
    if not codes or length == len(organ):
        return None
    return RawPost(title, codes, parent, start=start, head=organ[length:])


def _leading_region(text: str, gaz: Gazetteer) -> tuple[tuple[str, ...], str | None, int]:
    """The full division names a text starts with (惠州市惠阳区…): the last one's codes, the
    one before it, and how many characters they take."""
    codes: tuple[str, ...] = ()
    parent: str | None = None
    at = 0
    while True:
        form = next((text[at : at + n] for n in range(min(gaz.max_len, len(text) - at), 1, -1) if gaz.is_full(text[at : at + n])), None)
        if form is None:
            return codes, parent, at
        parent = codes[0] if len(codes) == 1 else parent
        codes, at = gaz.full_forms[form], at + len(form)


def _level_post(text: str, pos: int, base: str, gaz: Gazetteer) -> RawPost | None:
    """市委书记, 区委常委 (the head joins the title), 省政府秘书长, 市人大常委会副主任 (an organ:
    the region and its head): a level character and a head before the title."""
    for head in _ORGAN_HEADS + _TITLE_HEADS:
        head_start = pos - len(head)
        if head_start < 1 or text[head_start:pos] != head:
            continue
        level = _longest_suffix(text, head_start, frozenset(_LEVELS), 3)
        if level is None:
            continue
        codes, parent, start = _region_before(text, head_start - len(level), level, gaz)
        if level == _PREFECTURE and not codes:
            continue  # 当地|委: a prefecture's committee is always named (宁德地委)
        implicit = level if not codes else None
        if head in _ORGAN_HEADS:
            return RawPost(base, codes, parent, region_implicit=implicit, start=start, head=head)
        return RawPost(level + head + base, codes, parent, region_implicit=implicit, start=start)
    return None


def _region_before(text: str, end: int, level: str, gaz: Gazetteer) -> tuple[tuple[str, ...], str | None, int]:
    """Division named right before ``end`` (its level char may follow): codes, parent, start."""
    for length in range(min(gaz.max_len, end), 1, -1):
        form = text[end - length : end]
        codes = _level_match(form, level, gaz)
        if codes:
            start = end - length
            parent_codes = _region_before(text, start, "", gaz)
            parent = parent_codes[0][0] if parent_codes[0] else None
            return codes, parent, parent_codes[2] if parent else start
    return (), None, end


def _level_match(form: str, level: str, gaz: Gazetteer) -> tuple[str, ...]:
    if level == _PREFECTURE:  # 宁德地委: the prefecture (地区) of then, a city or a 地区 now
        return tuple(c for c in gaz.short_forms.get(form, ()) + gaz.full_forms.get(form, ()) if gaz.get(c).level == "prefecture")
    if level:
        exact = gaz.full_forms.get(form + level, ())
        if exact:
            return exact
    if gaz.is_full(form):
        return gaz.full_forms[form]
    codes = gaz.short_forms.get(form, ())
    if level:
        codes = tuple(c for c in codes if gaz.get(c).name.endswith(level))
    return codes


def _organ_before(text: str, end: int, gaz: Gazetteer, lex: Lexicon) -> tuple[str | None, int]:
    """An organ or organisation named right before ``end``: its text and start."""
    known = _longest_suffix(text, end, lex.organs, 16)
    if known is not None and not _starts_word(text, end - len(known), end):
        known = None  # 农工党|中央 is not 党中央
    if known is not None:
        start = end - len(known)
        region = _region_before(text, start, "", gaz)
        if region[0] and not known.startswith(("中", "国", "全国")):
            return text[region[2] : end], region[2]
        return lex.organs[known], start
    start = _organ_chunk_start(text, end, lex)
    chunk = text[start:end]
    for offset in range(len(chunk)):
        candidate = chunk[offset:]
        ends_right = len(candidate) >= 2 and candidate.endswith(_ORGAN_ENDS + _NON_STATE_ENDS)
        if ends_right and _anchored(candidate, gaz, lex, chunk_start=offset == 0):
            if _non_state(chunk[:offset]):  # 某集团|某子公司发展计划部: a company's department
                return chunk, start
            party = next((p for p in _PARTIES if chunk[:offset].endswith(p)), "")  # 民革|北京市委会
            written = party + candidate
            full = lex.organ_name(written)  # not 央行|上海总部 → 中国人民银行…: a bank's office is no state organ's unit
            return (full if _non_state(full) == _non_state(written) else written), end - len(written)
    return None, end


_PARTIES = tuple(words("officials", "party-names"))


def _organ_chunk_start(text: str, end: int, lex: Lexicon) -> int:
    """Where the words before a title stop being a possible organ name, read leftwards:
    at punctuation, a function word standing alone (数据 is a word, 据 alone is not), a
    verb that governs a name (会见) or another title."""
    window = tokens(text, max(0, end - _MAX_PREFIX), end)
    start = end
    for token in reversed(window):
        word = token.word
        if not is_cjk(word) or (len(word) == 1 and word in _ORGAN_STOP) or word in _ORGAN_STOP_WORDS or word in lex.titles:
            break
        start = token.start
    return start


def _starts_word(text: str, start: int, end: int) -> bool:
    if start == 0 or not is_cjk(text[start - 1]):
        return True
    return start in {t.start for t in tokens(text, max(0, start - 6), end)}


def _anchored(candidate: str, gaz: Gazetteer, lex: Lexicon, chunk_start: bool) -> bool:
    """An organ text must start with a division, a known organ, or (at the start of its
    phrase) a level char: 省财政厅, but not the 区… of 西藏自治区发展改革委."""
    if chunk_start and candidate.startswith(("省", "市", "区", "县", "州")) and candidate.endswith(_ORGAN_ENDS):
        return True
    if candidate.endswith(_NON_STATE_ENDS) and len(candidate) >= 4:
        return True
    for length in range(min(gaz.max_len, len(candidate) - 1), 1, -1):
        if gaz.candidates(candidate[:length]) or candidate[:length] in lex.organs:
            return True
    return False
