"""Extraction: one article in, mentions, entities and triples out (a pure step).

    extract(article) ─┬─ find_orgs          companies, labs      (orgs/)
                      ├─ find_places        district candidates  (places.py)
                      ├─ find_titled_names  officials, persons   (officials.py)
                      └─ find_relations     located in, incubated by, co-built with (relations.py)

The finders return candidate spans; the ``_record_*`` helpers turn them into
mentions, entities and triples with deterministic keys (:mod:`kgraph.keys`) through
one ``_Builder`` per article. The helpers live in the modules beside this one
(builder.py, place_in_name.py, record_places.py, record_orgs.py, record_name_places.py,
record_people.py, record_title_after_name.py: see :mod:`kgraph.extract`); this module
re-exports every name it defined before they moved.
"""

from __future__ import annotations

from kgraph import keys
from kgraph.extract.builder import _Builder
from kgraph.extract.officials import find_titled_names
from kgraph.extract.orgs import find_orgs, masked_names
from kgraph.extract.place_in_name import _place_in_name
from kgraph.extract.places import find_places, main_divisions, main_province
from kgraph.extract.record_name_places import _record_free_trade_parents, _record_name_places, _record_parent_zones
from kgraph.extract.record_orgs import _anaphora, _bare_free_trade_zones, _later_short_names, _partner_keys, _record_orgs
from kgraph.extract.record_people import FOREIGN_ROLE, _record_later_mentions, _record_metadata_people, _record_people
from kgraph.extract.record_places import _name_spans, _record_hierarchy, _record_places
from kgraph.extract.record_title_after_name import TITLE_AFTER_NAME, _foreign_names, _record_title_after_name
from kgraph.extract.relations import find_relations
from kgraph.model import Article, Extraction, Predicate
from kgraph.resources.divisions import Gazetteer, load_gazetteer
from kgraph.resources.lexicon import Lexicon, load_lexicon
from kgraph.segment import sentences, tokens

__all__ = ["FOREIGN_ROLE", "TITLE_AFTER_NAME", "extract"]


# every other name the old article.py defined or imported, for its importers (FOREIGN_ROLE and
# TITLE_AFTER_NAME above), tests and debugging (article._record_name_places, article._place_in_name …)
from kgraph.extract.builder import _district as _district
from kgraph.extract.builder import _sentence_of as _sentence_of
from kgraph.extract.names import holds_common_word as holds_common_word
from kgraph.extract.names import name_at as name_at
from kgraph.extract.names import occurrences as occurrences
from kgraph.extract.officials import RawPost as RawPost
from kgraph.extract.officials import TitledName as TitledName
from kgraph.extract.orgs import BRANCHES as BRANCHES
from kgraph.extract.orgs import LEGAL_FORMS as LEGAL_FORMS
from kgraph.extract.orgs import ZONE_SUFFIXES as ZONE_SUFFIXES
from kgraph.extract.orgs import OrgHit as OrgHit
from kgraph.extract.orgs import company_core as company_core
from kgraph.extract.orgs import free_trade_zone_name as free_trade_zone_name
from kgraph.extract.orgs import good_core as good_core
from kgraph.extract.orgs import known_company_length as known_company_length
from kgraph.extract.orgs import legal_core as legal_core
from kgraph.extract.orgs import org_key_name as org_key_name
from kgraph.extract.place_in_name import _DIVISION_ENDS as _DIVISION_ENDS
from kgraph.extract.place_in_name import _NOT_PLACES as _NOT_PLACES
from kgraph.extract.place_in_name import _PARK_ENDS as _PARK_ENDS
from kgraph.extract.place_in_name import _RARE_WORD as _RARE_WORD
from kgraph.extract.place_in_name import _before_nature as _before_nature
from kgraph.extract.place_in_name import _inner_forms as _inner_forms
from kgraph.extract.place_in_name import _is_common as _is_common
from kgraph.extract.place_in_name import _leading_forms as _leading_forms
from kgraph.extract.place_in_name import _one_code as _one_code
from kgraph.extract.place_in_name import _park_district as _park_district
from kgraph.extract.places import ZONE_DIVISIONS as ZONE_DIVISIONS
from kgraph.extract.places import PlaceHit as PlaceHit
from kgraph.extract.places import decide_places as decide_places
from kgraph.extract.record_name_places import _MUNICIPALITIES as _MUNICIPALITIES
from kgraph.extract.record_name_places import _PARENT_ZONE_ENDS as _PARENT_ZONE_ENDS
from kgraph.extract.record_name_places import _branch_place as _branch_place
from kgraph.extract.record_name_places import _drop_places as _drop_places
from kgraph.extract.record_name_places import _full_region_first as _full_region_first
from kgraph.extract.record_name_places import _mention_zone_place as _mention_zone_place
from kgraph.extract.record_name_places import _most_specific_places as _most_specific_places
from kgraph.extract.record_name_places import _no_self_places as _no_self_places
from kgraph.extract.record_name_places import _own_place as _own_place
from kgraph.extract.record_name_places import _parent_zone_end as _parent_zone_end
from kgraph.extract.record_name_places import _registered as _registered
from kgraph.extract.record_name_places import _through_zones as _through_zones
from kgraph.extract.record_name_places import _university_elsewhere as _university_elsewhere
from kgraph.extract.record_orgs import _ANAPHOR_SENTENCES as _ANAPHOR_SENTENCES
from kgraph.extract.record_orgs import _ANAPHORS as _ANAPHORS
from kgraph.extract.record_orgs import _BARE_FREE_TRADE as _BARE_FREE_TRADE
from kgraph.extract.record_orgs import _BARE_KINDS as _BARE_KINDS
from kgraph.extract.record_orgs import _DECLARED_SHORT as _DECLARED_SHORT
from kgraph.extract.record_orgs import _KINDS_AFTER_GAI as _KINDS_AFTER_GAI
from kgraph.extract.record_orgs import _PARTNER_ORGANS as _PARTNER_ORGANS
from kgraph.extract.record_orgs import _ZONE_SUFFIXES_LONGEST_FIRST as _ZONE_SUFFIXES_LONGEST_FIRST
from kgraph.extract.record_orgs import _bare_company_name as _bare_company_name
from kgraph.extract.record_orgs import _kinds as _kinds
from kgraph.extract.record_orgs import _short_name as _short_name
from kgraph.extract.record_orgs import _short_zones_as_long as _short_zones_as_long
from kgraph.extract.record_people import _SHORT_TITLES as _SHORT_TITLES
from kgraph.extract.record_people import _home as _home
from kgraph.extract.record_people import _pick_region as _pick_region
from kgraph.extract.record_people import _resolve_post as _resolve_post
from kgraph.extract.record_people import _role as _role
from kgraph.extract.record_people import _surname_titles as _surname_titles
from kgraph.extract.record_places import _ambiguous_place as _ambiguous_place
from kgraph.extract.record_title_after_name import _AFTER_LEVEL_TITLE as _AFTER_LEVEL_TITLE
from kgraph.extract.record_title_after_name import _AFTER_NAME as _AFTER_NAME
from kgraph.extract.record_title_after_name import _BEFORE_NAME as _BEFORE_NAME
from kgraph.extract.record_title_after_name import _HEAD_STATE as _HEAD_STATE
from kgraph.extract.record_title_after_name import _HEAD_TITLE as _HEAD_TITLE
from kgraph.extract.record_title_after_name import _LEVEL_AFTER as _LEVEL_AFTER
from kgraph.extract.record_title_after_name import _NOT_AFTER_HEAD_TITLE as _NOT_AFTER_HEAD_TITLE
from kgraph.extract.record_title_after_name import _ONLY_IN as _ONLY_IN
from kgraph.extract.record_title_after_name import _PARTY_HEAD as _PARTY_HEAD
from kgraph.extract.record_title_after_name import _clause_around as _clause_around
from kgraph.extract.record_title_after_name import _common_word as _common_word
from kgraph.extract.record_title_after_name import _has_country as _has_country
from kgraph.extract.record_title_after_name import _name_opens as _name_opens
from kgraph.extract.record_title_after_name import _names_before_titles as _names_before_titles
from kgraph.extract.record_title_after_name import _national_story as _national_story
from kgraph.extract.record_title_after_name import _near_country as _near_country
from kgraph.extract.record_title_after_name import _party_leader as _party_leader
from kgraph.extract.record_title_after_name import _post_after_name as _post_after_name
from kgraph.extract.relations import Span as Span
from kgraph.model import Entity as Entity
from kgraph.model import EntityType as EntityType
from kgraph.model import Mention as Mention
from kgraph.model import Post as Post
from kgraph.model import Triple as Triple
from kgraph.resources.lexicon import pairs as pairs
from kgraph.resources.lexicon import threshold as threshold
from kgraph.resources.lexicon import word_set as word_set
from kgraph.resources.lexicon import words as words
from kgraph.segment import Token as Token
from kgraph.segment import is_cjk as is_cjk
from kgraph.segment import word_info as word_info


def extract(article: Article, gaz: Gazetteer | None = None, lex: Lexicon | None = None) -> Extraction:
    """Everything one article states that kgraph records."""
    gaz = gaz or load_gazetteer()
    lex = lex or load_lexicon()
    text = article.text
    toks = tokens(text)
    builder = _Builder(article)
    org_hits = find_orgs(text, toks, lex, gaz)
    org_spans = _record_orgs(builder, text, org_hits, lex, gaz)
    names = find_titled_names(text, toks, gaz, lex)
    candidates = find_places(text, gaz, toks)
    masks = masked_names(text, toks, gaz, [h.end for h in candidates])
    hidden = [(o.start, o.end) for o in org_hits] + masks + _name_spans(text, names)
    place_spans = _record_places(builder, text, candidates, hidden, gaz)
    codes = [keys.code(s.key) for s in place_spans]
    mains = main_divisions(codes, gaz)
    province = main_province(codes, gaz)
    if province is not None:
        mains["省"] = province
    sents = [(s.start, s.end) for s in sentences(text)]
    speakers = _record_people(builder, names, gaz, lex, mains, place_spans, sents)
    foreign = _foreign_names(text, names)
    _record_title_after_name(builder, text, toks, lex, gaz, mains, sents, foreign)
    _record_later_mentions(builder, text, toks)
    _record_metadata_people(builder, article)
    partner = _partner_keys(builder, gaz, lex)
    def within(inner: str, outer: str) -> bool:
        return gaz.is_ancestor(keys.code(outer), keys.code(inner))

    known = {d.code for s in place_spans for d in gaz.chain(keys.code(s.key))}

    def name_place(name: str) -> str | None:
        code = _place_in_name(name, gaz, known)
        return None if code is None else keys.district(code)

    org_spans += _bare_free_trade_zones(builder, text, place_spans, sents, gaz)
    org_spans += _later_short_names(builder, text, toks, org_spans, gaz)
    org_spans += _anaphora(builder, text, org_spans, sents)
    facts = find_relations(text, sents, org_spans, place_spans, speakers, partner, within, name_place)
    for subject, predicate, obj, start, end in facts:
        builder.triple(subject, predicate, obj, start, end)
    org_spans += _record_parent_zones(builder, org_spans, sents, lex) + _record_free_trade_parents(builder, org_spans, sents, gaz)
    _record_name_places(builder, org_spans, place_spans, sents, gaz)
    _record_hierarchy(builder, gaz)
    for mention in builder.mentions:
        builder.triple(mention.key, Predicate.MENTIONED_IN, keys.article(article.id))
    return builder.result()

