"""kgraph: a knowledge-graph builder for Chinese government and economic news."""

from kgraph.errors import (
    DataError,
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

__version__ = "0.1.0"

__all__ = [
    "Article",
    "DataError",
    "Entity",
    "EntityType",
    "Extraction",
    "GoldError",
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
]
