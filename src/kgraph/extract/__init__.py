"""Extraction: one article in, mentions, entities and triples out (a pure step).

    article.py    the orchestrator: runs the finders, records model objects
    places.py     district candidates and their decision by context
    officials.py  title chains and the names after them
    names.py      where a person's name starts and ends
    orgs/         companies, labs and zones (a package: word lists, the name walk, the rules)
    relations.py  locatedIn, incubatedBy, coBuiltWith
"""

from kgraph.extract.article import extract

__all__ = ["extract"]
