"""ontology/kgraph.ttl parses, declares exactly the terms of namespace.KG, and documents them."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kgraph.graph.namespace import KG

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "kgraph.ttl"
KG_NS = str(KG._NS)
PUBLIC = ("https://schema.org/", "http://www.w3.org/ns/org#", "http://purl.org/dc/", "http://www.w3.org/ns/prov#", "http://www.w3.org/2004/02/skos/core#")
DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
CODE_TERMS = sorted(name for name in KG.__annotations__ if not name.startswith("_"))


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def declared(onto: Graph, kind: URIRef) -> set[str]:
    return {str(s)[len(KG_NS) :] for s in onto.subjects(RDF.type, kind) if str(s).startswith(KG_NS)}


def test_ontology_header(onto: Graph) -> None:
    (header,) = onto.subjects(RDF.type, OWL.Ontology)
    assert str(header) == "https://w3id.org/kgraph/ns"
    assert onto.value(header, OWL.versionInfo) is not None
    titles = {o.language for o in onto.objects(header, URIRef("http://purl.org/dc/terms/title"))}
    descriptions = {o.language for o in onto.objects(header, URIRef("http://purl.org/dc/terms/description"))}
    assert titles == descriptions == {"zh", "en"}


def test_declared_terms_are_exactly_the_namespace_terms(onto: Graph) -> None:
    in_ttl = set().union(*(declared(onto, kind) for kind in DECLARATIONS))
    assert sorted(in_ttl - set(CODE_TERMS)) == [], "declared in kgraph.ttl but missing from namespace.KG"
    assert sorted(set(CODE_TERMS) - in_ttl) == [], "in namespace.KG but not declared in kgraph.ttl"


def test_no_term_is_declared_twice_or_with_two_kinds(onto: Graph) -> None:
    kinds = [declared(onto, kind) for kind in DECLARATIONS]
    assert sum(len(k) for k in kinds) == len(set().union(*kinds))


def test_no_other_kg_terms_are_used_in_the_ontology(onto: Graph) -> None:
    used = {str(t) for triple in onto for t in triple if isinstance(t, URIRef) and str(t).startswith(KG_NS)}
    assert sorted(used - {KG_NS + name for name in CODE_TERMS}) == []


@pytest.mark.parametrize("name", CODE_TERMS)
@pytest.mark.parametrize("predicate", [RDFS.label, RDFS.comment])
def test_every_term_has_chinese_and_english_text(onto: Graph, name: str, predicate: URIRef) -> None:
    values = [o for o in onto.objects(KG[name], predicate) if isinstance(o, Literal)]
    assert sorted(v.language for v in values) == ["en", "zh"]
    assert all(str(v).strip() for v in values)


def test_every_class_is_aligned_to_a_public_vocabulary(onto: Graph) -> None:
    classes = declared(onto, OWL.Class)
    assert set(classes) == {t for t in CODE_TERMS if t[0].isupper()}
    unaligned = [
        name
        for name in sorted(classes)
        if not any(str(p).startswith(PUBLIC) for p in onto.objects(KG[name], RDFS.subClassOf))
    ]
    assert unaligned == []


@pytest.mark.parametrize(
    ("term", "parent"),
    [
        (KG.Official, KG.Person),
        (KG.Official, URIRef("https://schema.org/Person")),
        (KG.Organ, URIRef("http://www.w3.org/ns/org#Organization")),
        (KG.Post, URIRef("http://www.w3.org/ns/org#Post")),
    ],
)
def test_class_alignments(onto: Graph, term: URIRef, parent: URIRef) -> None:
    assert (term, RDFS.subClassOf, parent) in onto


@pytest.mark.parametrize(
    ("term", "parent"),
    [
        (KG.holdsPost, URIRef("http://www.w3.org/ns/org#holds")),
        (KG.postIn, URIRef("http://www.w3.org/ns/org#postIn")),
        (KG.partOf, URIRef("https://schema.org/containedInPlace")),
        (KG.locatedIn, URIRef("https://schema.org/location")),
        (KG.mentionedIn, URIRef("https://schema.org/subjectOf")),
        (KG.adminCode, URIRef("https://schema.org/identifier")),
        (KG.editor, URIRef("https://schema.org/editor")),
        (KG.reporter, URIRef("https://schema.org/author")),
        (KG.title, URIRef("http://purl.org/dc/terms/title")),
    ],
)
def test_property_alignments(onto: Graph, term: URIRef, parent: URIRef) -> None:
    assert (term, RDFS.subPropertyOf, parent) in onto


def test_mentioned_in_is_the_inverse_of_schema_mentions(onto: Graph) -> None:
    assert (KG.mentionedIn, OWL.inverseOf, URIRef("https://schema.org/mentions")) in onto


def test_every_property_has_a_domain_and_datatype_properties_a_range(onto: Graph) -> None:
    properties = declared(onto, OWL.ObjectProperty) | declared(onto, OWL.DatatypeProperty)
    assert set(properties) == {t for t in CODE_TERMS if t[0].islower()}
    assert [n for n in sorted(properties) if onto.value(KG[n], RDFS.domain) is None] == ["mentionedIn"]
    datatype = sorted(declared(onto, OWL.DatatypeProperty))
    assert [n for n in datatype if onto.value(KG[n], RDFS.range) is None] == []
