"""The kgraph ontology as a closed rdflib namespace.

A misspelt term (``KG.holdPost``) raises ``AttributeError`` at import time of the
caller instead of silently minting a new IRI. ``tests/test_ontology.py`` checks
that these terms and ``ontology/kgraph.ttl`` agree.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["KG", "ID", "ORG", "SCHEMA", "PROV"]

ID = Namespace("https://w3id.org/kgraph/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")


class KG(DefinedNamespace):
    """Terms of https://w3id.org/kgraph/ns# (see ontology/kgraph.ttl)."""

    _NS = Namespace("https://w3id.org/kgraph/ns#")
    _fail = True

    # classes
    Official: URIRef  # a person holding a government, party or state-organ post
    Person: URIRef  # a named person without such a post (记者, 编辑, 董事长 …)
    District: URIRef  # an administrative division: province, prefecture, county level
    Company: URIRef
    Lab: URIRef  # laboratory, research institute, university, academy
    Organ: URIRef  # a government, party or state organ (外交部, 国务院 …)
    Zone: URIRef  # development zone, new area, industrial park
    AmbiguousPlace: URIRef  # a place name several districts carry, undecided (鼓楼区)
    Article: URIRef
    Post: URIRef  # a title in a region or organ (市委书记 @ 嘉兴市)
    Assertion: URIRef  # an extracted fact with its article, sentence, offsets and date

    # properties
    holdsPost: URIRef  # Official → Post
    formerPost: URIRef  # Official → Post held before (原副省长)
    postIn: URIRef  # Post → District | Organ
    title: URIRef  # Post → literal title (市委书记)
    locatedIn: URIRef  # Company | Lab | Zone | Organ → District
    partOf: URIRef  # District → District (parent)
    incubatedBy: URIRef  # Company → Lab | Company
    coBuiltWith: URIRef  # Lab | Company → anything that co-built it
    mentionedIn: URIRef  # entity → Article
    candidate: URIRef  # AmbiguousPlace → a District it may denote
    quote: URIRef  # Assertion → the supporting sentence
    startOffset: URIRef  # Assertion → where the sentence starts in the article text
    endOffset: URIRef  # Assertion → where it ends (exclusive)
    asOf: URIRef  # Assertion → the article's date
    adminCode: URIRef  # District → 6-digit official code
    adminLevel: URIRef  # District → province | prefecture | county
    sourceName: URIRef  # Article → 来源
    editor: URIRef  # Article → 编辑 (literal)
    reporter: URIRef  # Article → 记者 (literal)
    articleId: URIRef  # Article → the id given by the input
