"""Companies and labs: candidate spans from suffixes, abbreviation patterns and lists.

Rules (each hit records which one found it):
- ``suffix``: a name chunk ending in a legal form (有限公司, 集团 …) or a lab word
  (实验室, 研究院, 大学 …); the chunk runs left over noun-like words and stops at
  verbs, particles and punctuation; a core made only of generic words (省, 国家,
  重点 …) is no name (省实验室, 国家重点实验室).
- ``abbrev``: known institutions and their abbreviations (data/institutions.tsv)
  and abbreviation patterns: 中科院X所, X交大, <organ>X所.
- ``list``: items of an enumeration that the text calls companies or projects
  (招引了A、B、C等11家企业; 开工A等项目); a project item yields its leading brand.

The package's modules, each importing only the ones above it:

    wordlists.py     the word lists, patterns and constants the rules read
    hit.py           OrgHit and the key name a hit is recorded under (org_key_name, free trade zones)
    walk.py          the leftward walk over a name's words (_name_start) and its word predicates
    cores.py         what may stand before a suffix (good_core), company cores (legal_core,
                     company_core), well-known enterprises (known_company_length)
    refine.py        refining hits: places before a name (_refine, _place_prefix), parents, organs;
                     masked_names
    suffix.py        the suffix rule (_suffix_hits) and its checks
    cues.py          abbreviations, well-known companies, brands, visited companies, executives'
                     companies, quoted and co-built names, news sources
    enumerations.py  the list rule (_list_hits): items of an enumeration
    find.py          find_orgs: every rule's hits, refined, the longest kept where they overlap
"""

from __future__ import annotations

from kgraph.extract.orgs.cores import company_core, good_core, known_company_length, legal_core
from kgraph.extract.orgs.find import find_orgs
from kgraph.extract.orgs.hit import OrgHit, free_trade_zone_name, org_key_name
from kgraph.extract.orgs.refine import masked_names
from kgraph.extract.orgs.wordlists import BRANCHES, LEGAL_FORMS

__all__ = ["BRANCHES", "LEGAL_FORMS", "OrgHit", "company_core", "find_orgs", "free_trade_zone_name", "good_core", "known_company_length", "legal_core", "masked_names", "org_key_name"]

# every other name of the old orgs.py module, for the modules that import them (NOTE, ZONE_SUFFIXES),
# tests and debugging (orgs._suffix_hits, orgs._SUFFIX …)
from kgraph.extract.orgs.cores import _COMPANIES as _COMPANIES
from kgraph.extract.orgs.cores import _COMPANY_PATTERN as _COMPANY_PATTERN
from kgraph.extract.orgs.cores import _COUNT_BEFORE as _COUNT_BEFORE
from kgraph.extract.orgs.cores import _COUNTED as _COUNTED
from kgraph.extract.orgs.cores import _COUNTRIES_COUNTED as _COUNTRIES_COUNTED
from kgraph.extract.orgs.cores import _SIDES as _SIDES
from kgraph.extract.orgs.cores import _all_dictionary as _all_dictionary
from kgraph.extract.orgs.cores import _counts_only as _counts_only
from kgraph.extract.orgs.cores import _no_name_core as _no_name_core
from kgraph.extract.orgs.cues import _BUSINESS_WORDS as _BUSINESS_WORDS
from kgraph.extract.orgs.cues import _NOT_BRAND_ENDS as _NOT_BRAND_ENDS
from kgraph.extract.orgs.cues import _SOURCE as _SOURCE
from kgraph.extract.orgs.cues import _SOURCE_FORMS as _SOURCE_FORMS
from kgraph.extract.orgs.cues import _VAGUE as _VAGUE
from kgraph.extract.orgs.cues import _VISIT_BEFORE as _VISIT_BEFORE
from kgraph.extract.orgs.cues import _VISIT_REACH as _VISIT_REACH
from kgraph.extract.orgs.cues import _VISIT_WORDS as _VISIT_WORDS
from kgraph.extract.orgs.cues import _abbreviations as _abbreviations
from kgraph.extract.orgs.cues import _brand_ends as _brand_ends
from kgraph.extract.orgs.cues import _brand_hits as _brand_hits
from kgraph.extract.orgs.cues import _brand_starts as _brand_starts
from kgraph.extract.orgs.cues import _brand_tagged as _brand_tagged
from kgraph.extract.orgs.cues import _brand_word as _brand_word
from kgraph.extract.orgs.cues import _cued_hits as _cued_hits
from kgraph.extract.orgs.cues import _executive_hits as _executive_hits
from kgraph.extract.orgs.cues import _inside_word as _inside_word
from kgraph.extract.orgs.cues import _known_companies as _known_companies
from kgraph.extract.orgs.cues import _listed_together as _listed_together
from kgraph.extract.orgs.cues import _national_abbreviations as _national_abbreviations
from kgraph.extract.orgs.cues import _regional as _regional
from kgraph.extract.orgs.cues import _source_hits as _source_hits
from kgraph.extract.orgs.cues import _suo_construction as _suo_construction
from kgraph.extract.orgs.cues import _trade_name as _trade_name
from kgraph.extract.orgs.cues import _unread as _unread
from kgraph.extract.orgs.cues import _visited_brand as _visited_brand
from kgraph.extract.orgs.cues import _visited_brands as _visited_brands
from kgraph.extract.orgs.enumerations import _BRAND_HEAD_TAGS as _BRAND_HEAD_TAGS
from kgraph.extract.orgs.enumerations import _brand_like as _brand_like
from kgraph.extract.orgs.enumerations import _business_item as _business_item
from kgraph.extract.orgs.enumerations import _field as _field
from kgraph.extract.orgs.enumerations import _item_company as _item_company
from kgraph.extract.orgs.enumerations import _leading_brand as _leading_brand
from kgraph.extract.orgs.enumerations import _list_hits as _list_hits
from kgraph.extract.orgs.enumerations import _list_items as _list_items
from kgraph.extract.orgs.enumerations import _only_places as _only_places
from kgraph.extract.orgs.enumerations import _person as _person
from kgraph.extract.orgs.enumerations import _place_and_project as _place_and_project
from kgraph.extract.orgs.enumerations import _skip_lead as _skip_lead
from kgraph.extract.orgs.enumerations import _trigger_before as _trigger_before
from kgraph.extract.orgs.enumerations import _unknown_name as _unknown_name
from kgraph.extract.orgs.enumerations import _verb_after as _verb_after
from kgraph.extract.orgs.find import _HONOURS as _HONOURS
from kgraph.extract.orgs.hit import _FREE_TRADE as _FREE_TRADE
from kgraph.extract.orgs.hit import _free_trade_zone as _free_trade_zone
from kgraph.extract.orgs.hit import _province_short_names as _province_short_names
from kgraph.extract.orgs.refine import _REGION_GROUPS as _REGION_GROUPS
from kgraph.extract.orgs.refine import _after_organ as _after_organ
from kgraph.extract.orgs.refine import _common_word as _common_word
from kgraph.extract.orgs.refine import _compound as _compound
from kgraph.extract.orgs.refine import _descriptive as _descriptive
from kgraph.extract.orgs.refine import _host_institution as _host_institution
from kgraph.extract.orgs.refine import _inner_full_region as _inner_full_region
from kgraph.extract.orgs.refine import _is_division as _is_division
from kgraph.extract.orgs.refine import _leading_places as _leading_places
from kgraph.extract.orgs.refine import _no_joiner as _no_joiner
from kgraph.extract.orgs.refine import _parent as _parent
from kgraph.extract.orgs.refine import _place_prefix as _place_prefix
from kgraph.extract.orgs.refine import _place_then_verb as _place_then_verb
from kgraph.extract.orgs.refine import _places_before_own_name as _places_before_own_name
from kgraph.extract.orgs.refine import _plain_zone_words as _plain_zone_words
from kgraph.extract.orgs.refine import _refine as _refine
from kgraph.extract.orgs.refine import _restarts as _restarts
from kgraph.extract.orgs.refine import _strip_suffix as _strip_suffix
from kgraph.extract.orgs.refine import _with_branches as _with_branches
from kgraph.extract.orgs.refine import _with_organ as _with_organ
from kgraph.extract.orgs.suffix import _AREA_ENDS as _AREA_ENDS
from kgraph.extract.orgs.suffix import _BIGGER_BODIES as _BIGGER_BODIES
from kgraph.extract.orgs.suffix import _EDITION as _EDITION
from kgraph.extract.orgs.suffix import _FIELD_TAGS as _FIELD_TAGS
from kgraph.extract.orgs.suffix import _INSTITUTES as _INSTITUTES
from kgraph.extract.orgs.suffix import _KIND_ENDS as _KIND_ENDS
from kgraph.extract.orgs.suffix import _LAB_LEVELS as _LAB_LEVELS
from kgraph.extract.orgs.suffix import _LIMITED as _LIMITED
from kgraph.extract.orgs.suffix import _LOCALIZERS as _LOCALIZERS
from kgraph.extract.orgs.suffix import _STATE_WORDS as _STATE_WORDS
from kgraph.extract.orgs.suffix import _after_building_verb as _after_building_verb
from kgraph.extract.orgs.suffix import _after_country as _after_country
from kgraph.extract.orgs.suffix import _bank_core as _bank_core
from kgraph.extract.orgs.suffix import _city_bank as _city_bank
from kgraph.extract.orgs.suffix import _designated_kind as _designated_kind
from kgraph.extract.orgs.suffix import _dictionary_name as _dictionary_name
from kgraph.extract.orgs.suffix import _field_words as _field_words
from kgraph.extract.orgs.suffix import _fields_start as _fields_start
from kgraph.extract.orgs.suffix import _institution_before as _institution_before
from kgraph.extract.orgs.suffix import _institution_head as _institution_head
from kgraph.extract.orgs.suffix import _kind_word as _kind_word
from kgraph.extract.orgs.suffix import _listed_zone_start as _listed_zone_start
from kgraph.extract.orgs.suffix import _longest_first as _longest_first
from kgraph.extract.orgs.suffix import _national as _national
from kgraph.extract.orgs.suffix import _quantified as _quantified
from kgraph.extract.orgs.suffix import _side as _side
from kgraph.extract.orgs.suffix import _start_before as _start_before
from kgraph.extract.orgs.suffix import _state_registered as _state_registered
from kgraph.extract.orgs.suffix import _suffix_hits as _suffix_hits
from kgraph.extract.orgs.suffix import _suffix_type as _suffix_type
from kgraph.extract.orgs.suffix import _trade_name_and_industry as _trade_name_and_industry
from kgraph.extract.orgs.suffix import _verbal as _verbal
from kgraph.extract.orgs.suffix import _zone_of_place_after_zone as _zone_of_place_after_zone
from kgraph.extract.orgs.walk import _FIELDLESS as _FIELDLESS
from kgraph.extract.orgs.walk import _after_region as _after_region
from kgraph.extract.orgs.walk import _after_verb_run as _after_verb_run
from kgraph.extract.orgs.walk import _clause_start as _clause_start
from kgraph.extract.orgs.walk import _clause_verb as _clause_verb
from kgraph.extract.orgs.walk import _common_place_word as _common_place_word
from kgraph.extract.orgs.walk import _continues_name as _continues_name
from kgraph.extract.orgs.walk import _counted as _counted
from kgraph.extract.orgs.walk import _ends_walk as _ends_walk
from kgraph.extract.orgs.walk import _frequent as _frequent
from kgraph.extract.orgs.walk import _frequent_verb as _frequent_verb
from kgraph.extract.orgs.walk import _from_place as _from_place
from kgraph.extract.orgs.walk import _governs as _governs
from kgraph.extract.orgs.walk import _joins as _joins
from kgraph.extract.orgs.walk import _name_part as _name_part
from kgraph.extract.orgs.walk import _name_start as _name_start
from kgraph.extract.orgs.walk import _opens_clause as _opens_clause
from kgraph.extract.orgs.walk import _place_next as _place_next
from kgraph.extract.orgs.walk import _place_word as _place_word
from kgraph.extract.orgs.walk import _proper_core as _proper_core
from kgraph.extract.orgs.walk import _rare as _rare
from kgraph.extract.orgs.walk import _trade_name_verb as _trade_name_verb
from kgraph.extract.orgs.walk import _zone_before_name as _zone_before_name
from kgraph.extract.orgs.wordlists import _ABBREV_PATTERNS as _ABBREV_PATTERNS
from kgraph.extract.orgs.wordlists import _BANK_KINDS as _BANK_KINDS
from kgraph.extract.orgs.wordlists import _BRANCHES as _BRANCHES
from kgraph.extract.orgs.wordlists import _BRAND_INDUSTRIES as _BRAND_INDUSTRIES
from kgraph.extract.orgs.wordlists import _BUILDING_VERBS as _BUILDING_VERBS
from kgraph.extract.orgs.wordlists import _CATEGORY as _CATEGORY
from kgraph.extract.orgs.wordlists import _CLAUSE_PUNCT as _CLAUSE_PUNCT
from kgraph.extract.orgs.wordlists import _COBUILT as _COBUILT
from kgraph.extract.orgs.wordlists import _COMMON_PLACE_WORD as _COMMON_PLACE_WORD
from kgraph.extract.orgs.wordlists import _COMMON_VERB as _COMMON_VERB
from kgraph.extract.orgs.wordlists import _CONJUNCTIONS as _CONJUNCTIONS
from kgraph.extract.orgs.wordlists import _COUNTRY_CHARS as _COUNTRY_CHARS
from kgraph.extract.orgs.wordlists import _CUE_SUFFIXES as _CUE_SUFFIXES
from kgraph.extract.orgs.wordlists import _DESIGNATING as _DESIGNATING
from kgraph.extract.orgs.wordlists import _DESIGNATIONS as _DESIGNATIONS
from kgraph.extract.orgs.wordlists import _EVENTS as _EVENTS
from kgraph.extract.orgs.wordlists import _EXECUTIVE as _EXECUTIVE
from kgraph.extract.orgs.wordlists import _FIELD_VERB as _FIELD_VERB
from kgraph.extract.orgs.wordlists import _FIELDS as _FIELDS
from kgraph.extract.orgs.wordlists import _GENERIC as _GENERIC
from kgraph.extract.orgs.wordlists import _GOVERNING as _GOVERNING
from kgraph.extract.orgs.wordlists import _HOSTS as _HOSTS
from kgraph.extract.orgs.wordlists import _JOINERS as _JOINERS
from kgraph.extract.orgs.wordlists import _KIND_CORES as _KIND_CORES
from kgraph.extract.orgs.wordlists import _LIST_TRIGGER_AFTER as _LIST_TRIGGER_AFTER
from kgraph.extract.orgs.wordlists import _LIST_TRIGGER_BEFORE as _LIST_TRIGGER_BEFORE
from kgraph.extract.orgs.wordlists import _MASKS as _MASKS
from kgraph.extract.orgs.wordlists import _MEASURES as _MEASURES
from kgraph.extract.orgs.wordlists import _NAME_DIRECTIONS as _NAME_DIRECTIONS
from kgraph.extract.orgs.wordlists import _NAME_TAGS as _NAME_TAGS
from kgraph.extract.orgs.wordlists import _NAMED_ZONE_TYPES as _NAMED_ZONE_TYPES
from kgraph.extract.orgs.wordlists import _NOT_COMPANY as _NOT_COMPANY
from kgraph.extract.orgs.wordlists import _NOT_TRADE_NAME_ENDS as _NOT_TRADE_NAME_ENDS
from kgraph.extract.orgs.wordlists import _NUMERALS as _NUMERALS
from kgraph.extract.orgs.wordlists import _OPENING_VERBS as _OPENING_VERBS
from kgraph.extract.orgs.wordlists import _ORGAN_ENDS as _ORGAN_ENDS
from kgraph.extract.orgs.wordlists import _PAREN as _PAREN
from kgraph.extract.orgs.wordlists import _PARENT_ENDS as _PARENT_ENDS
from kgraph.extract.orgs.wordlists import _PERSONS_COUNTED as _PERSONS_COUNTED
from kgraph.extract.orgs.wordlists import _PLACE_ENDS as _PLACE_ENDS
from kgraph.extract.orgs.wordlists import _PRODUCTS as _PRODUCTS
from kgraph.extract.orgs.wordlists import _PROJECT_TAIL as _PROJECT_TAIL
from kgraph.extract.orgs.wordlists import _PROPER_TAGS as _PROPER_TAGS
from kgraph.extract.orgs.wordlists import _QUANTITIES as _QUANTITIES
from kgraph.extract.orgs.wordlists import _QUOTED as _QUOTED
from kgraph.extract.orgs.wordlists import _RARE as _RARE
from kgraph.extract.orgs.wordlists import _REGION_NAME_VERBS as _REGION_NAME_VERBS
from kgraph.extract.orgs.wordlists import _SHORTER_THAN_NAMED as _SHORTER_THAN_NAMED
from kgraph.extract.orgs.wordlists import _SINGLE_SUFFIXES as _SINGLE_SUFFIXES
from kgraph.extract.orgs.wordlists import _STOP_CHARS as _STOP_CHARS
from kgraph.extract.orgs.wordlists import _STOP_WORDS as _STOP_WORDS
from kgraph.extract.orgs.wordlists import _SUFFIX as _SUFFIX
from kgraph.extract.orgs.wordlists import _SUO_VERBS as _SUO_VERBS
from kgraph.extract.orgs.wordlists import _TIME_WORDS as _TIME_WORDS
from kgraph.extract.orgs.wordlists import _TITLE_WORDS as _TITLE_WORDS
from kgraph.extract.orgs.wordlists import _TRADE_NAME_VERB as _TRADE_NAME_VERB
from kgraph.extract.orgs.wordlists import _UNIVERSITY_KINDS as _UNIVERSITY_KINDS
from kgraph.extract.orgs.wordlists import _WORKS_AFTER as _WORKS_AFTER
from kgraph.extract.orgs.wordlists import _ZONE_ABBREVIATIONS as _ZONE_ABBREVIATIONS
from kgraph.extract.orgs.wordlists import _ZONE_ENDS as _ZONE_ENDS
from kgraph.extract.orgs.wordlists import COMPANY_SUFFIXES as COMPANY_SUFFIXES
from kgraph.extract.orgs.wordlists import INDUSTRY_WORDS as INDUSTRY_WORDS
from kgraph.extract.orgs.wordlists import LAB_SUFFIXES as LAB_SUFFIXES
from kgraph.extract.orgs.wordlists import NOTE as NOTE
from kgraph.extract.orgs.wordlists import ORG_WORDS as ORG_WORDS
from kgraph.extract.orgs.wordlists import ZONE_SUFFIXES as ZONE_SUFFIXES
