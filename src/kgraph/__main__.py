from kgraph.cli import run

run()
