"""kgraph: a knowledge-graph builder for Chinese government and economic news.

    >>> import kgraph
    >>> g = kgraph.build(["samples/articles"])     # or kgraph.open("output")
    >>> g.query("officials")[:3]                     # rows as dicts
    >>> g.career("周启明"), g.in_region("浙江省"), g.explain("国务院")
    >>> g.to_networkx(), g.to_pyvis(), g.to_dataframe("companies")
    >>> g.save("output")

See ``kgraph.api`` for the Graph facade, ``kgraph.model`` for the extraction data model and
``kgraph.errors`` for the exception tree.
"""

import typing as _typing

from kgraph.errors import (
    DataError,
    DependencyError,
    GoldError,
    GraphError,
    IngestError,
    InputError,
    KgraphError,
    OutputError,
    QueryError,
)
from kgraph.model import (
    Article,
    Entity,
    EntityType,
    Extraction,
    Mention,
    Post,
    Predicate,
    Triple,
)

if _typing.TYPE_CHECKING:
    from kgraph.api import CareerStep, Graph, build, open

__version__ = "0.1.0"
_API = ("CareerStep", "Graph", "build", "open")  # imported on first use: `kgraph --help` stays fast

__all__ = [
    "Article",
    "CareerStep",
    "DataError",
    "DependencyError",
    "Entity",
    "EntityType",
    "Extraction",
    "GoldError",
    "Graph",
    "GraphError",
    "IngestError",
    "InputError",
    "KgraphError",
    "Mention",
    "OutputError",
    "Post",
    "Predicate",
    "QueryError",
    "Triple",
    "build",
    "open",
]


def __getattr__(name: str) -> _typing.Any:
    if name in _API:
        from kgraph import api

        return getattr(api, name)
    raise AttributeError(f"module 'kgraph' has no attribute {name!r}")
