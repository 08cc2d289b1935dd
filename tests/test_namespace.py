"""Every vocabulary the code writes is closed: a misspelt term fails, a listed term exists upstream."""

from __future__ import annotations

import pytest
from rdflib import namespace as upstream

from kgraph.graph import namespace as ns

# our closed namespace → rdflib's published term list for the same vocabulary
PUBLISHED = {ns.PROV: upstream.PROV, ns.ORG: upstream.ORG, ns.SCHEMA: upstream.SDO, ns.XSD: upstream.XSD}
CLOSED = (ns.KG, ns.PROV, ns.ORG, ns.SCHEMA, ns.XSD, ns.RDF, ns.RDFS, ns.SKOS, ns.DCTERMS, ns.SH)


@pytest.mark.parametrize("vocabulary", CLOSED, ids=lambda v: v.__name__)
def test_a_misspelt_term_raises(vocabulary: type) -> None:
    with pytest.raises(AttributeError):
        vocabulary.wasDerivedfrom  # noqa: B018


@pytest.mark.parametrize("ours", list(PUBLISHED), ids=lambda v: v.__name__)
def test_each_term_we_declare_is_a_term_of_the_published_vocabulary(ours: type) -> None:
    theirs = PUBLISHED[ours]
    assert str(ours._NS) == str(theirs._NS)
    declared = set(ours.__annotations__)
    assert declared, "a closed namespace lists the terms it allows"
    assert declared - set(theirs.__annotations__) == set()


def test_prefixes_cover_every_closed_namespace_the_graph_writes() -> None:
    bound = {str(namespace) for namespace in ns.PREFIXES.values()}
    for vocabulary in (ns.KG, ns.PROV, ns.ORG, ns.SCHEMA, ns.XSD, ns.RDF, ns.RDFS, ns.SKOS, ns.DCTERMS):
        assert str(vocabulary._NS) in bound


def test_short_form_takes_the_longest_namespace() -> None:
    assert ns.short_form(str(ns.KG.partOf)) == "kg:partOf"
    assert ns.short_form("https://w3id.org/kgraph/id/district/330211") == "id:district/330211"
    assert ns.short_form("http://example.org/x") is None


def test_the_code_never_imports_rdflib_namespaces_directly() -> None:
    from pathlib import Path

    src = Path(ns.__file__).resolve().parents[1]
    offenders = [
        str(p.relative_to(src))
        for p in src.rglob("*.py")
        if p.name != "namespace.py" and "from rdflib.namespace import" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
