"""A tour of kgraph's Python API on the bundled sample articles, as a notebook would run it.

    python examples/notebook_tour.py [OUTPUT_DIR]      (default: a temporary folder)

Builds the graph in memory, asks it the analyst's questions, and writes what other tools
open: GraphML and GEXF (Gephi, Cytoscape), nodes.csv/edges.csv (Neo4j), a pyvis page that
works offline, and the graph itself. tests/test_api.py runs this script.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import networkx as nx

import kgraph

REPO = Path(__file__).resolve().parents[1]


def main(out: Path) -> None:
    g = kgraph.build([REPO / "samples" / "articles"])
    print(g)

    print("\nthree officials:")
    for row in g.query("officials")[:3]:
        print(f"  {row['name']}: {row['title']}, {row['region']}")

    print("\n周启明's posts:")
    for step in g.career("周启明"):
        print(f"  {step.title} ({step.region}) {step.first} – {step.last}, {step.articles} article(s)")

    print("\nwithin 浙江省:", ", ".join(f"{r['name']} ({r['type']})" for r in g.in_region("浙江省")[:6]), "…")
    print("the State Council by its short name:", g.explain("国务院")[0].subject, "…")

    try:
        companies = g.to_dataframe("companies")
        print(f"\ncompanies as a DataFrame: {len(companies)} rows, columns {list(companies.columns)}")
    except kgraph.DependencyError as exc:  # pandas is an optional extra
        print(f"\n(skipped the DataFrame: {exc})")

    entities = g.to_networkx()
    nx.write_graphml(entities, out / "entities.graphml")
    nx.write_gexf(entities, out / "entities.gexf")
    tables = g.export("csv")  # {"nodes.csv": …, "edges.csv": …}
    assert isinstance(tables, dict)
    for name, table in tables.items():
        (out / name).write_text(table, encoding="utf-8")

    net = g.to_pyvis(focus="周启明", hops=2, heading="周启明 and his surroundings")
    net.write_html(out / "zhou.html")
    written = g.save(out / "graph")
    print(f"\nwrote {entities.number_of_nodes()} entities and {entities.number_of_edges()} relations to {out}")
    print("saved", ", ".join(p.name for p in written))


if __name__ == "__main__":
    if len(sys.argv) > 1:
        target = Path(sys.argv[1])
        target.mkdir(parents=True, exist_ok=True)
        main(target)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(Path(tmp))
