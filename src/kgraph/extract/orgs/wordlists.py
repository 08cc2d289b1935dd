"""The word lists, patterns and constants the organisation rules read (data/words/orgs.txt and others)."""

from __future__ import annotations

import re

from kgraph.resources.lexicon import alternation, pairs, threshold, word_set, words

COMPANY_SUFFIXES = words("orgs", "company-suffixes")
LAB_SUFFIXES = words("orgs", "lab-suffixes")
ZONE_SUFFIXES = words("orgs", "zone-suffixes")
INDUSTRY_WORDS = words("orgs", "industry-words")
_GENERIC = word_set("orgs", "generic")
_NAME_TAGS = word_set("orgs", "name-tags")
_JOINERS = word_set("orgs", "joiners")
_NAME_DIRECTIONS = word_set("orgs", "name-directions")
_CATEGORY = word_set("orgs", "category")
_PLACE_ENDS = words("orgs", "place-ends")
ORG_WORDS = words("orgs", "org-words")
_SUO_VERBS = word_set("orgs", "suo-verbs")
_ORGAN_ENDS = words("orgs", "organ-ends")
_RARE = threshold("rare-word")
_COUNTRY_CHARS = frozenset("美日俄英法德韩欧澳加印")  # one-character country names (美方, 日企)
_BUILDING_VERBS = word_set("relations", "building-verbs")
_TRADE_NAME_VERB = threshold("trade-name-verb")
_COMMON_VERB = threshold("common-verb")
_FIELD_VERB = threshold("field-verb")
_TIME_WORDS = word_set("orgs", "time-words")
_GOVERNING = word_set("orgs", "governing-verbs")
_REGION_NAME_VERBS = word_set("orgs", "region-name-verbs")
_STOP_CHARS = word_set("orgs", "stop-chars")
_STOP_WORDS = word_set("orgs", "stop-words")
_LIST_TRIGGER_BEFORE = words("orgs", "list-verbs")
_PROPER_TAGS = word_set("orgs", "proper-tags")
# 等 then, within the clause, a noun saying what the listed items are: 等11家企业, 等重点项目
_LIST_TRIGGER_AFTER = re.compile(
    r"^等"
    r"[^，。；,;和及]{0,20}?"  # a count or modifiers: 11家, 一批 (not 等侨团和…企业: another conjunct)
    "(" + alternation(words("orgs", "list-nouns")) + ")"  # the kind of item
    r"(?!活动|建设|工作|发展|推广|合作|家)"  # 等品牌活动: events; 企业家: persons
)
_TITLE_WORDS = word_set("orgs", "title-words")
_PERSONS_COUNTED = re.compile("[0-9一二两三四五六七八九十百几多余]+[位名]")
# 开工建设成渝中线、西渝等高铁通道: the items are works, not businesses
_WORKS_AFTER = re.compile("等[^，。；,;、]{0,12}?(?:" + alternation(words("orgs", "works")) + ")")
_OPENING_VERBS = word_set("orgs", "opening-verbs")
_MEASURES = word_set("orgs", "measure-chars")
_SINGLE_SUFFIXES = words("orgs", "single-char-suffixes")
_CUE_SUFFIXES = words("orgs", "cue-suffixes")
_DESIGNATIONS = words("orgs", "designations")
_QUANTITIES = words("orgs", "quantity-words")
BRANCHES = words("orgs", "branches")
_BRANCHES = BRANCHES
_PARENT_ENDS = words("orgs", "parent-ends")
_ZONE_ABBREVIATIONS = pairs("orgs", "zone-abbreviations")
LEGAL_FORMS = tuple(s for s in COMPANY_SUFFIXES if s.endswith(("公司", "集团")))  # not 银行: 中国银行 keeps it
_PRODUCTS = words("orgs", "product-words")
_BRAND_INDUSTRIES = word_set("orgs", "brand-industries")
_BANK_KINDS = word_set("orgs", "bank-kinds")
_NUMERALS = frozenset("一二两三四五六七八九十百千万几多数")
_MASKS = re.compile(alternation(words("orgs", "mask-suffixes")))
_NAMED_ZONE_TYPES = words("orgs", "named-zone-types")
_NOT_COMPANY = words("orgs", "not-company-words")
_KIND_CORES = word_set("orgs", "kind-cores")
_UNIVERSITY_KINDS = word_set("orgs", "university-kinds")
_EVENTS = words("orgs", "event-endings")
_FIELDS = word_set("orgs", "industry-fields")
_COMMON_PLACE_WORD = threshold("common-place-word")
_DESIGNATING = word_set("orgs", "designating-verbs")
_CONJUNCTIONS = frozenset({"和", "与", "及"})
_NOT_TRADE_NAME_ENDS = ("企", "企业", "企业家", "公司", "商会", "区", "老板", "家", "人")  # 车企, 分公司, 中国区, 温州老板
_ZONE_ENDS = tuple(z for z in ZONE_SUFFIXES if z.endswith(("开发区", "高新区", "经开区", "保税区")))  # not 试验区: …自由贸易试验区临港新片区 is one name
_SHORTER_THAN_NAMED = tuple(z for z in ZONE_SUFFIXES if z.endswith(_NAMED_ZONE_TYPES) and z not in _NAMED_ZONE_TYPES)
# a name in quotes or after 共建: “新时代数字文化研究院”, 共建国家茶树种质资源库
# a clause opening on a trade name, then an executive's title and a person's name
_EXECUTIVE = re.compile(
    r"(?:^|(?<=[，。；：！？、“”（(\n]))([\u4e00-\u9fffA-Za-z0-9]{2,6}?)(?:轮值|联合|执行)?"
    "(?:" + alternation(words("orgs", "executive-titles")) + r")(?!的)(?=[\u4e00-\u9fff]{2,3}(?:[，。、：（(]|说|表示|介绍|认为|指出|称))"
)
_QUOTED = re.compile(r"[“「]([\u4e00-\u9fffA-Za-z0-9]{3,20})[”」]")
# 共建X实验室; not 共建成|…平台, 共建了|…: a complement or particle after the verb opens no name
_COBUILT = re.compile(r"共建(?:的)?(?![成了好起过出])([\u4e00-\u9fffA-Za-z0-9]{4,20}?(?:" + alternation(LAB_SUFFIXES + _CUE_SUFFIXES) + "))")
_CLAUSE_PUNCT = "，。；：！？,;:!?\n“”\"「」"
# a list item ending in a project word (data: orgs.txt [project-tails])
_PROJECT_TAIL = re.compile("(" + alternation(words("orgs", "project-tails")) + ")$")
_ABBREV_PATTERNS = (
    # 中科院上海硅酸盐所: the Academy's abbreviation, a short field, 所 or 院
    re.compile(r"中科院 [\u4e00-\u9fff]{2,8}? [所院]", re.VERBOSE),
    # 上海交大: two characters and 交大, at the start of a phrase or after 与/和/、
    re.compile(
        r"""(?<![\u4e00-\u9fff]) [\u4e00-\u9fff]{2} 交大
          | (?<=[与和、])          [\u4e00-\u9fff]{2} 交大""",
        re.VERBOSE,
    ),
)
# a short bracketed note right after a name: (暂名), （筹）
_PAREN = re.compile(r"^ [（(] (?!(?:以下)?(?:简称|下称)) [^）)]{1,8} [）)]", re.VERBOSE)  # not （简称“某某”）: a short name
# the same notes at the end of a name, stripped for its key (data: orgs.txt [name-notes])
NOTE = re.compile("[（(](" + alternation(words("orgs", "name-notes")) + ")[）)]$")

_HOSTS = ("大学", "研究所", "研究院")

# any company, lab or zone suffix, the longest where several end at one place
_SUFFIX = re.compile(alternation(COMPANY_SUFFIXES + LAB_SUFFIXES + ZONE_SUFFIXES))
