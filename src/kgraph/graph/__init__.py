"""The graph: RDF under the kg: ontology, provenance, exports, SPARQL queries and validation.

    namespace.py   closed namespaces of every vocabulary the code writes
    rdf.py         entities and triples → rdflib graph; canonical Turtle
    provenance.py  statement nodes (kg:Assertion) for every extracted fact
    export.py      TriG and JSON-LD
    query.py       named SPARQL queries (queries/*.rq) and their output formats
    validate.py    SHACL shapes (ontology/shapes.ttl) and a plain-language summary
    ontology/      kgraph.ttl (the ontology) and shapes.ttl, shipped in the package
"""
