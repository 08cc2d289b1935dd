"""Views of a built graph: the networkx entity graph, the page, cuts and explanations.

    network.py   rdflib graph → networkx entity graph; stats and paths
    subgraph.py  what the page draws: focus, types, degree, top N
    page.py      the self-contained HTML page (templates/graph.html)
    explain.py   every fact about an entity with the sentences that state it
"""
