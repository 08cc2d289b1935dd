"""The ``suffix`` rule: a name chunk ending in a legal form, a lab word or a zone word
(:func:`_suffix_hits`), and the checks that tell a name from a kind or a clause.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from kgraph.extract.orgs.cores import _all_dictionary, _no_name_core, good_core
from kgraph.extract.orgs.hit import OrgHit
from kgraph.extract.orgs.walk import _clause_start, _common_place_word, _frequent, _name_start, _proper_core, _rare
from kgraph.extract.orgs.wordlists import (
    _BANK_KINDS,
    _BUILDING_VERBS,
    _COMMON_PLACE_WORD,
    _COUNTRY_CHARS,
    _DESIGNATING,
    _FIELD_VERB,
    _FIELDS,
    _GENERIC,
    _GOVERNING,
    _HOSTS,
    _JOINERS,
    _KIND_CORES,
    _MEASURES,
    _NOT_COMPANY,
    _NUMERALS,
    _PAREN,
    _PROPER_TAGS,
    _QUANTITIES,
    _SINGLE_SUFFIXES,
    _STOP_CHARS,
    _SUFFIX,
    _UNIVERSITY_KINDS,
    _ZONE_ENDS,
    COMPANY_SUFFIXES,
    INDUSTRY_WORDS,
    LAB_SUFFIXES,
    ORG_WORDS,
    ZONE_SUFFIXES,
)
from kgraph.extract.places import ZONE_DIVISIONS
from kgraph.model import EntityType
from kgraph.resources.divisions import load_gazetteer
from kgraph.resources.lexicon import Lexicon, words
from kgraph.segment import Token, tagged, word_info

_LOCALIZERS = ("里", "内", "将")  # jieba glues them to a suffix's last character (科技|城将)
_EDITION = re.compile("第[一二三四五六七八九十百零〇0-9]+届")

_KIND_ENDS = words("orgs", "kind-ends")  # 上市公司, 跨国公司: kinds of company, whatever stands before them
_BIGGER_BODIES = words("orgs", "bigger-bodies")


def _suffix_hits(
    text: str, lex: Lexicon, is_place: Callable[[str], bool], ends: set[int], toks: list[Token]
) -> list[OrgHit]:
    starts = {t.start for t in toks}
    by_end = {t.end: t for t in toks}
    hits = []
    for m in _SUFFIX.finditer(text):
        glued = m.group() != "园" and text[m.end() : m.end() + 1] in _LOCALIZERS and m.end() + 1 in ends and m.start() in starts
        if (m.end() not in ends and not glued) or (m.group() in _SINGLE_SUFFIXES and m.start() not in starts):
            continue  # 大学|生, 公园: the suffix is inside a longer word; not 某某|谷里, glued to 里
        last = by_end.get(m.end()) or Token(m.start(), m.end(), m.group(), "n")
        start = _start_before(text, last, m, is_place)
        if m.group() in ZONE_SUFFIXES or m.group() in LAB_SUFFIXES:
            start = _after_building_verb(text, start, m.start())
        if m.group() in ZONE_SUFFIXES:
            start = _listed_zone_start(text, start, m.end())
            start = _zone_of_place_after_zone(text, start, m, is_place)
        if m.group() in LAB_SUFFIXES:
            start = _institution_before(text, start, m.start(), lex)
            start = _after_country(text, start, m.start(), lex)
        edition = _EDITION.match(text, start, m.start())
        start = edition.end() if edition else start  # 第十二届|中国（绵阳）科技城…博览会: an event's edition
        fields = m.group() == "重点实验室" and not _proper_core(text, start, m.start())
        start = _fields_start(text, m.start()) if fields else start
        fields = fields and start < m.start()
        core = text[start : m.start()]
        zone_of_place = m.group() in ZONE_SUFFIXES and is_place(core) and not _common_place_word(core)  # 洛阳高新区, not 合作|试验区
        plain = (m.group() in ("大学", "学院") and not _verbal(core)) or m.group().startswith("联合") or _national(core, m.group()) or zone_of_place
        plain = plain or _state_registered(core, m.group()) or _dictionary_name(text[start : m.end()])
        plain = plain or _trade_name_and_industry(text, start, m.start(), m.group())
        plain = plain or (m.group() in LAB_SUFFIXES and _institution_head(core, lex)) or fields
        plain = plain or (m.group() == "谷" and _field_words(core))  # 智能传感|谷: a valley is named by its field
        if not (good_core(core) or zone_of_place) or not (plain or _proper_core(text, start, m.start())) or _quantified(text, start):
            continue
        company = m.group() in COMPANY_SUFFIXES  # 某某房地产开发|有限公司: a company's name may end on a verb
        if (_no_name_core(core, verbs=not company) and not is_place(core)) or text.startswith(_BIGGER_BODIES, m.end()):
            continue  # 出台|合作区, 集控室和|实验室, 中新两国|实验室; 某某实验室|联盟 is the alliance
        if m.group() == "公司" and text.startswith(("债", "企业债", "信用债"), m.end()):
            continue  # 北交所公司企业债券市场: corporate bonds, no company
        if m.group() in ZONE_SUFFIXES and m.group() != "基地" and (_designated_kind(core) or _designated_field(text, start, core)):
            continue  # 国家现代农业产业园, 全国海洋经济发展示范区: a kind of zone the state designates, no name
        if m.group() == "片区" and not any(w in text[max(0, start - 12, _clause_start(text, start)) : m.start()] for w in ("自贸", "自由贸易")):
            continue  # …自由贸易试验区厦门片区, 前海自贸片区: an area of a free trade zone; not 钟鼓楼片区
        if m.group() == "基地" and not ("国家" in core[1:] or core.startswith(("国家（", "国家("))):
            continue  # 上海基地, 中试基地, 国家重要粮食生产基地: a site or a designation; 三江源国家大数据基地 is named
        if m.group() in ("大学", "学院") and _university_kind(core):
            continue  # 高水平大学, 综合性大学, 世界一流军医大学: a kind of university
        if m.group() in ("示范区", "示范基地") and any(v in text[max(0, start - 5) : start] for v in _STRIVING):
            continue  # 创建|(铸牢)某某示范区: a designation striven for, no name
        city_bank = m.group() == "银行" and _city_bank(text, core, m.end())
        if m.group() == "银行" and not (_bank_core(text, start, m.start()) or city_bank):
            continue  # 六大商业银行, 农村中小银行: kinds of bank
        if m.group() in ("公司", "集团") and (core.endswith(_KIND_ENDS) or "最" in core):
            continue  # …上市公司, 跨国公司, 最大廉价航空公司: a kind of company
        if m.group() in ("公司", "集团") and ((_all_dictionary(core) and not _dictionary_name(core + m.group())) or core in _KIND_CORES or core in _FIELDS or _side(core)):
            continue  # 财险公司, 管网公司, 阿方银行: a kind of company, a side
        if m.group() == "集团" and len(core) >= 2 and core[-1] == "国" and core[-2] in _NUMERALS:
            continue  # 七国集团, 二十国集团: groups of states
        if re.search("[两三四五六七八九十几]大", core) or last.word == "子公司":
            continue  # 日本三大航运公司: a count; 在美子公司: a subsidiary
        if any(word in core for word in _NOT_COMPANY) or (m.group() == "银行" and _side(core)):
            continue  # 某犯罪集团: no enterprise
        type_ = _suffix_type(m.group())
        if type_ is EntityType.COMPANY and is_place(core) and not city_bank:
            continue
        end = m.end()
        note = _PAREN.match(text[end:])
        hits.append(OrgHit(start, end + (note.end() if note else 0), type_, text[start:end], "suffix"))
    return hits


_AREA_ENDS = tuple(words("orgs", "area-name-ends"))


def _zone_of_place_after_zone(text: str, start: int, suffix: re.Match[str], is_place: Callable[[str], bool]) -> int:
    """西部科学城|重庆高新区: a development zone named by a place alone after a bigger area's name
    is that place's zone; the area before it is another one."""
    if not suffix.group().endswith(_ZONE_ENDS):
        return start
    for length in range(min(6, suffix.start() - start - 1), 1, -1):
        place = text[suffix.start() - length : suffix.start()]
        if is_place(place) and text[start : suffix.start() - length].endswith(_AREA_ENDS):
            return suffix.start() - length
    return start


def _listed_zone_start(text: str, start: int, end: int) -> int:
    """未来之城|雄安新区, 重庆|两江新区: a zone the division table lists is its whole name; a
    place before it locates it (jieba, reading the text before the suffix alone, may also glue
    the words before it to its first characters: 之城雄安)."""
    listed = next((z for z in ZONE_DIVISIONS if text.startswith(z, end - len(z))), None)
    return start if listed is None or end - len(listed) <= start else end - len(listed)


def _institution_head(core: str, lex: Lexicon) -> bool:
    """某某科技大学|先进技术|研究院: an institute of a named institution is named by it."""
    head = lex.institution_pattern.match(core)
    return head is not None and len(core) - head.end() >= 2


def _after_country(text: str, start: int, end: int, lex: Lexicon) -> int:
    """巴西|圣保罗大学: another country's name before a university or institute with a name of its
    own locates it; the country stays in a name that needs it (意大利国家核物理研究所, 菲律宾火山
    地震研究所: a national or generic one)."""
    country = next((c for c in _longest_first(lex.foreign_names) if text.startswith(c, start)), None)
    if country is None or end - start - len(country) < 2 or text.startswith(_STATE_WORDS, start + len(country)):
        return start
    return start + len(country) if _proper_core(text, start + len(country), end) else start


_STATE_WORDS = tuple(words("orgs", "state-name-words"))


@lru_cache(maxsize=4)
def _longest_first(names: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(names, key=len, reverse=True))


def _institution_before(text: str, start: int, end: int, lex: Lexicon) -> int:
    """中国科学院|量子信息与|量子科技创新研究院: fields joined by 与 after an institution's
    name belong to the institute's name, which starts at the institution."""
    joined = text[max(0, start - 12) : start]
    if not joined.endswith(("与", "和")) or not _all_dictionary(text[start:end]):
        return start  # 北京大学教授与|深圳湾实验室: a name of its own after 与 is another lab
    for head in lex.institution_pattern.finditer(joined):
        fields = joined[head.end() : -1]
        if 2 <= len(fields) <= 8 and all(w.tag in ("n", "vn", "nz") and w.word not in lex.titles for w in tagged(fields)):
            return start - len(joined) + head.start()
    return start


def _after_building_verb(text: str, start: int, end: int) -> int:
    """海南全岛建设|自由贸易试验区, 湖南加快布局建设|某某山实验室: a zone's or a lab's name starts
    after the verb that builds it."""
    for word in reversed(tagged(text, start, end)):
        if word.word in _BUILDING_VERBS or word.word in _DESIGNATING:
            return word.end  # also 医院获评|国家临床医学研究基地
    return start


def _dictionary_name(name: str) -> bool:
    """波音公司, 清华大学: a name jieba's dictionary holds as an organisation's."""
    info = word_info(name)
    return info is not None and info[1] == "nt"


def _state_registered(core: str, suffix: str) -> bool:
    """中国汽车技术研究中心有限公司, 中国电影股份有限公司: a company registered under the name of
    the state (中国, a field of two characters or more and a full legal form, or fields of four
    characters or more and 集团) is named even by dictionary words."""
    if not core.startswith("中国") or len(core) < 4:
        return False
    if suffix == "集团":  # 中国供销粮油|集团: fields of four characters or more
        words = tagged(core[2:])  # a verb after the first word (能源装备|制造)
        return len(core) >= 6 and all((w.tag in _FIELD_TAGS or (i and w.tag == "v")) and w.word not in _GENERIC and not _kind_word(w.word) for i, w in enumerate(words))
    return suffix.endswith(("有限公司", "有限责任公司"))


def _kind_word(word: str) -> bool:
    """民营企业, 上市公司, 财险: a word for a kind of company."""
    return word in _KIND_CORES or word.endswith(_KIND_ENDS + ("企业", "公司"))


_LIMITED = ("有限公司", "有限责任公司")


def _trade_name_and_industry(text: str, start: int, end: int, suffix: str) -> bool:
    """星火|智能科技|有限公司: a full legal form after a noun and industry words is a registered
    name even when the trade name is a dictionary word, if no field and not a very common word
    (not 数字|科技有限公司, 科技|有限公司: kinds)."""
    if not suffix.endswith(_LIMITED):
        return False
    words = [w for w in tagged(text, start, end) if w.word.strip()]
    first, info = words[0] if words else None, word_info(words[0].word) if words else None
    if first is None or len(words) < 2 or first.word in INDUSTRY_WORDS or first.word in _FIELDS or len(first.word) < 2:
        return False
    if first.tag[:1] != "n" or (info is not None and info[0] >= _COMMON_PLACE_WORD):
        return False  # 数字|科技有限公司: a common word names a field
    return all(w.word in INDUSTRY_WORDS for w in words[1:])


def _verbal(core: str) -> bool:
    """The words before a suffix hold a dictionary verb (孩子|考上|大学): a clause, unless
    a proper noun shows a name."""
    return any(w.tag == "v" and len(w.word) >= 2 and not _rare(w.word) for w in tagged(core))


def _start_before(text: str, word: Token, suffix: re.Match[str], is_place: Callable[[str], bool]) -> int:
    """Where the name ending in ``suffix`` starts. A dictionary name that holds the suffix
    (毕业于|清华大学) is read whole, as its head read alone would change how jieba cuts
    (于清华): only places go before a proper one (美国|波音公司), the walk before a
    generic one (陆军|军医大学)."""
    info = word_info(word.word)
    if word.start == suffix.start() or info is None or info[1] != "nt":
        return _name_start(text, suffix.start(), is_place, suffix.group())
    start = _name_start(text, word.start, is_place, after=Token(word.start, word.end, word.word, "nt"))
    if word.start - start == 1 and text[start] in _COUNTRY_CHARS:
        return word.start  # 美|波音公司: the country's one-character name is no part of it
    words = tagged(text, start, word.start)
    if sum(1 for w in words if not (is_place(w.word) or w.tag in _PROPER_TAGS)) <= 1:
        return start  # 美国|波音公司, 陆军|军医大学
    for before in reversed(words):  # 职责|交由|波音公司: a phrase before it; only places stay
        if not is_place(before.word):
            return before.end
    return start


def _bank_core(text: str, start: int, end: int) -> bool:
    """A bank's name has a word of its own beyond the kinds of bank and places (长安|银行;
    not 两国|银行, 海南省|全国性|银行, 深圳|开立|银行)."""
    pieces = tagged(text, start, end)
    if any(w.tag == "v" for w in pieces):
        return False
    own = [w for w in pieces if w.word not in _BANK_KINDS and w.word not in _GENERIC and w.tag != "ns"]
    return any(len(w.word) >= 2 and (w.tag in _PROPER_TAGS or _rare(w.word)) for w in own)


def _city_bank(text: str, core: str, end: int) -> bool:
    """宁波银行, 江苏银行: a Chinese city's or province's own bank, named by it alone (not 银行业,
    银行间, nor a country's central bank)."""
    gaz = load_gazetteer()
    if text[end : end + 1] in ("业", "间", "界", "系", "卡", "家"):
        return False
    levels = {gaz.get(c).level for c in gaz.candidates(core)}
    return bool(levels) and "county" not in levels and not gaz.is_full(core)  # not 江西省银行: the province's banks


def _side(core: str) -> bool:
    """中方, 阿方: a side in talks, not a name."""
    return len(core) == 2 and core.endswith("方")


def _national(core: str, suffix: str) -> bool:
    """国家智能传感器创新中心: a national centre named by its field; 中国宏观经济研究院: a national
    institute named by its fields (nouns only: not 中国最大|研究院)."""
    if core.startswith("国家") and len(core) >= 6:
        return True
    if not (core.startswith("中国") and len(core) >= 6 and suffix in _INSTITUTES):
        return False
    return all(w.tag in _FIELD_TAGS and w.word not in _STOP_CHARS for w in tagged(core[2:]))


_INSTITUTES = ("研究院", "研究所", "科学院")


_LAB_LEVELS = ("全国", "国家", "省部共建", "省级", "部级", "市级", "省属")
_FIELD_TAGS = ("n", "vn", "nz", "l", "j")


def _fields_start(text: str, end: int) -> int:
    """Where the fields naming a key laboratory start (时间基准及应用|重点实验室, 光电材料与器件|,
    新能源电力系统全国|): nouns, joined by 与/及/和, a verb only after a joiner (及|应用); ``end``
    when they are fewer than four characters (an institution, a count or a verb stands there)."""
    words = tagged(text, max(0, end - 24), end)
    first = len(words)
    for index in range(len(words) - 1, -1, -1):
        word, left = words[index], words[index - 1] if index else None
        joined = left is not None and left.word in _JOINERS
        right = words[index + 1] if index + 1 < len(words) else None
        inner = left is not None and left.tag in _FIELD_TAGS and word.tag in ("a", "b")  # 资源昆虫|高效|养殖
        info = word_info(word.word)
        content_verb = word.tag == "v" and word.word not in _GOVERNING and (info is None or info[0] < _FIELD_VERB)
        inner = inner or (left is not None and left.tag in _FIELD_TAGS and right is not None and content_verb)  # 机器|感知, not 团队|开展
        field = word.word not in _STOP_CHARS and (word.word not in _GENERIC or word.word in _LAB_LEVELS)
        ok = (word.tag in _FIELD_TAGS or (joined and word.tag == "v") or inner) and field  # 机器|感知|全国
        ok = ok or (word.word in _FIELDS and word.word not in _STOP_CHARS and first < len(words))  # 新|材料, 新型|储能
        if word.word in _JOINERS:
            ok = left is not None and left.tag in _FIELD_TAGS and first < len(words)
        if not (ok or (word.word == "多" and first < len(words))) or word.word.endswith(ORG_WORDS):
            break  # 多|模态 is a field
        first = index
    while first < len(words) and words[first].tag in ("v", "vn") and _frequent(words[first].word):
        first += 1  # 优化|重组|国家重点实验室, 建设|市级…: the verb of a clause
    if first == len(words) or words[first].word in _JOINERS:
        return end
    start = words[first].start
    fields = text[start:end]
    for level in _LAB_LEVELS:
        fields = fields.removesuffix(level)
    host = words[first - 1] if first else None  # 东南大学|毫米波全国|: a university's key lab named by a short field
    if len(fields) < 4 and host is not None and host.tag == "nt" and host.word.endswith(_HOSTS) and len(fields) >= 2:
        return host.start
    return start if len(fields) >= 4 else end


def _field_words(core: str) -> bool:
    """Nouns only, one of them an industry's (智能传感, 机器人; not 樱花), no count, no verb."""
    words = tagged(core)
    nouns = bool(words) and all(w.tag in _FIELD_TAGS and w.word not in _STOP_CHARS and w.word not in _GENERIC for w in words)
    return len(core) >= 2 and nouns and any(w.word in INDUSTRY_WORDS or w.word in _FIELDS for w in words)


def _quantified(text: str, start: int) -> bool:
    """建设一批零碳产业园, 10家湖北实验室之一: a kind of thing, not a name."""
    before = text[max(0, start - 4) : start]
    counted = len(before) >= 2 and before[-1] in _MEASURES and (before[-2].isdigit() or before[-2] in "一二两三四五六七八九十几多数")
    return before.endswith(_QUANTITIES) or counted


def _designated_kind(core: str) -> bool:
    """国家|现代农业, (新创建)全国|海洋经济发展: 国家 or 全国 with no place or name before it
    (not 中关村国家自主创新…, 国家（杭州）…)."""
    at = min((i for i in (core.find("国家"), core.find("全国")) if i >= 0), default=-1)
    if at < 0 or core[at + 2 : at + 3] in ("（", "("):
        return False
    return all(w.tag[:1] in ("v", "d", "a", "t", "m", "q") for w in tagged(core[:at]))


def _designated_field(text: str, start: int, core: str) -> bool:
    """国家级|车联网先导区, 省级|大数据示范区: a field after a level of designation is a kind of zone."""
    return text.endswith(_DESIGNATION_LEVELS, 0, start) and (core in _FIELDS or _field_words(core))


_DESIGNATION_LEVELS = ("国家级", "省级", "市级", "国家")


def _suffix_type(suffix: str) -> EntityType:
    if suffix in COMPANY_SUFFIXES:
        return EntityType.COMPANY
    return EntityType.LAB if suffix in LAB_SUFFIXES else EntityType.ZONE


_STRIVING = ("创建", "争创", "创成", "申创")


_KINDS_LONGEST_FIRST = tuple(sorted(_UNIVERSITY_KINDS, key=len, reverse=True))


def _university_kind(core: str) -> bool:
    """高水平|大学, 世界一流|军医|大学: a kind of university, maybe with its common field."""
    kinds = _KINDS_LONGEST_FIRST
    if core.endswith(kinds):
        return True
    head = next((k for k in kinds if core.startswith(k)), None)
    return head is not None and len(core) > len(head) and _all_dictionary(core[len(head) :])
