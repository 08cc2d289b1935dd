"""Extraction: one article in, mentions, entities and triples out (a pure step).

    article.py                  the orchestrator: runs the finders, then the recorders
    places.py                   district candidates and their decision by context
    officials.py                title chains and the names after them
    names.py                    where a person's name starts and ends
    orgs/                       companies, labs and zones (a package: word lists, the name walk, the rules)
    relations.py                locatedIn, incubatedBy, coBuiltWith

The recorders, which turn the finders' candidates into model objects (each module importing
only the ones above it, and the finders):

    builder.py                  _Builder: one article's mentions, entities and triples
    place_in_name.py            the division an organisation's name says it is in
    record_places.py            districts mentioned in the text, their partOf chains
    record_orgs.py              companies, labs and zones; later short names, 该公司, partners
    record_name_places.py       locatedIn read from names and through zones
    record_people.py            officials and persons from titled names; later mentions
    record_title_after_name.py  officials from a title written after a name (王明市长)
"""

from kgraph.extract.article import extract

__all__ = ["extract"]
