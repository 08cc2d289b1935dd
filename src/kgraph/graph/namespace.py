"""Every vocabulary kgraph writes, as closed rdflib namespaces.

A misspelt term (``KG.holdPost``, ``PROV.wasDerivedfrom``) raises ``AttributeError``
instead of silently minting a new IRI. ``KG`` lists the terms of our ontology
(``tests/test_ontology.py`` checks that they and ``ontology/kgraph.ttl`` agree); the
others list the terms of public vocabularies that kgraph uses, no more
(``tests/test_namespace.py`` checks each against the published vocabulary).
``ID`` is open on purpose: it is the base of our instance IRIs (``id:district/330211``).
"""

from __future__ import annotations

import re

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH, SKOS, DefinedNamespace

__all__ = ["DCTERMS", "ID", "KG", "ORG", "PREFIXES", "PROV", "RDF", "RDFS", "SCHEMA", "SH", "SKOS", "XSD", "short_form"]

ID = Namespace("https://w3id.org/kgraph/id/")


class PROV(DefinedNamespace):
    """The PROV-O terms kgraph uses."""

    _NS = Namespace("http://www.w3.org/ns/prov#")
    _fail = True

    Entity: URIRef
    wasDerivedFrom: URIRef


class ORG(DefinedNamespace):
    """The W3C Organization Ontology terms the ontology aligns to."""

    _NS = Namespace("http://www.w3.org/ns/org#")
    _fail = True

    Organization: URIRef
    Post: URIRef
    holds: URIRef
    postIn: URIRef


class SCHEMA(DefinedNamespace):
    """The schema.org terms kgraph writes or aligns to."""

    _NS = Namespace("https://schema.org/")
    _fail = True

    url: URIRef
    Person: URIRef
    AdministrativeArea: URIRef
    Corporation: URIRef
    ResearchOrganization: URIRef
    GovernmentOrganization: URIRef
    Place: URIRef
    NewsArticle: URIRef


class XSD(DefinedNamespace):
    """The XML Schema datatypes kgraph writes (rdflib's own XSD namespace is open)."""

    _NS = Namespace("http://www.w3.org/2001/XMLSchema#")
    _fail = True

    anyURI: URIRef
    date: URIRef
    dateTime: URIRef
    integer: URIRef
    string: URIRef


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
    basis: URIRef  # Assertion → "sentence", "name" or "zone": how the fact was obtained
    adminCode: URIRef  # District → 6-digit official code
    adminLevel: URIRef  # District → province | prefecture | county
    sourceName: URIRef  # Article → 来源
    editor: URIRef  # Article → 编辑 (literal)
    reporter: URIRef  # Article → 记者 (literal)
    articleId: URIRef  # Article → the id given by the input


#: The prefixes bound in every built graph and written in every Turtle file.
PREFIXES: dict[str, Namespace] = {
    "dcterms": Namespace(str(DCTERMS._NS)),
    "id": ID,
    "kg": Namespace(str(KG._NS)),
    "org": Namespace(str(ORG._NS)),
    "prov": Namespace(str(PROV._NS)),
    "rdf": Namespace(str(RDF._NS)),
    "rdfs": Namespace(str(RDFS._NS)),
    "schema": Namespace(str(SCHEMA._NS)),
    "skos": Namespace(str(SKOS._NS)),
    "xsd": Namespace(str(XSD._NS)),
}

# Longest namespace first, so a term gets the most specific prefix.
_BY_NAMESPACE = sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()), key=lambda p: -len(p[0]))


def short_form(iri: str, local_name: re.Pattern[str] | None = None) -> str | None:
    """``kg:partOf`` for the IRI of kg:partOf, or None when no prefix covers it (or
    ``local_name`` rejects the rest)."""
    for namespace, prefix in _BY_NAMESPACE:
        if iri.startswith(namespace):
            rest = iri[len(namespace) :]
            if local_name is None or local_name.match(rest):
                return f"{prefix}:{rest}"
    return None
