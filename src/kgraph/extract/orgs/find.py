"""find_orgs: every rule's hits, refined, the longest kept where they overlap."""

from __future__ import annotations

from kgraph.extract.orgs.cues import (
    _abbreviations,
    _brand_hits,
    _cued_hits,
    _executive_hits,
    _known_companies,
    _source_hits,
    _visited_brands,
)
from kgraph.extract.orgs.enumerations import _list_hits, _only_places
from kgraph.extract.orgs.hit import OrgHit
from kgraph.extract.orgs.refine import _after_organ, _host_institution, _no_joiner, _refine, _with_branches, _with_organ
from kgraph.extract.orgs.suffix import _suffix_hits
from kgraph.extract.orgs.wordlists import _PARENT_ENDS
from kgraph.model import EntityType
from kgraph.resources.divisions import Gazetteer
from kgraph.resources.lexicon import Lexicon
from kgraph.segment import Token

_HONOURS = ("院士", "外籍院士")


def find_orgs(text: str, toks: list[Token], lex: Lexicon, gaz: Gazetteer) -> list[OrgHit]:
    """Company, lab and zone spans, longest first where they overlap.

    A company named only by a place (福州分公司, 上海公司) is a branch or a generic
    reference, not a named company. Each hit is refined (:func:`_refine`): places
    written before the name are left out of it, a company's lab is the company.
    """
    def is_place(name: str) -> bool:
        return bool(gaz.candidates(name)) or name in lex.countries

    ends = {t.end for t in toks}
    found = (
        _abbreviations(text, toks, lex, is_place) + _known_companies(text, toks) + _suffix_hits(text, lex, is_place, ends, toks)
        + [h for h in _list_hits(text, lex, gaz) if not _only_places(h.name, gaz)] + _cued_hits(text, lex) + _source_hits(text)
    )  # fmt: skip
    found += _brand_hits(text, toks, gaz) + _executive_hits(text, gaz) + _visited_brands(text, toks, lex, is_place)
    hits = [h for h in (_refine(a, text, gaz) for a in map(lambda x: _after_organ(x, lex), found) if a is not None) if h is not None and h.name not in lex.organs]
    hits = [h for h in hits if not (h.type is EntityType.LAB and h.name.endswith("院") and text.startswith(_HONOURS, h.end))]  # 中国科学院|院士: an honour
    hits = _with_branches([_with_organ(_no_joiner(h), text, lex) for h in hits], text)
    chosen: list[OrgHit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    branch_ends = {c.start: c.end for c in chosen if c.rule == "branch"}
    parents = {
        (h.start, h.end): h for h in hits
        if h.end < branch_ends.get(h.start, 0) and text[h.start : h.end].endswith(_PARENT_ENDS)
    }  # fmt: skip
    parents.update(((h.start, h.end), h) for h in map(_host_institution, chosen) if h is not None)
    return sorted(chosen + list(parents.values()), key=lambda h: h.start)  # a branch's parent named inside it
