"""The one exception tree of kgraph.

Every error the library raises on purpose is a ``KgraphError``; the CLI turns
them into one-line messages and exit codes, never tracebacks::

    KgraphError
    ├── InputError            bad input given by the user
    │   ├── IngestError       a file or stream that cannot be read as articles
    │   └── GoldError         a gold file that is not in the expected format
    ├── QueryError            a SPARQL query that is unknown or fails
    ├── GraphError            a graph file that is missing or cannot be parsed
    ├── OutputError           an output file that cannot be written
    ├── DataError             a bundled resource (dataset, lexicon) is missing or broken
    └── DependencyError       an optional package (pandas, IPython) is not installed
"""

from __future__ import annotations

__all__ = [
    "DataError",
    "DependencyError",
    "GoldError",
    "GraphError",
    "IngestError",
    "InputError",
    "KgraphError",
    "OutputError",
    "QueryError",
]


class KgraphError(Exception):
    """Base class of every error kgraph raises on purpose."""


class InputError(KgraphError):
    """The user gave input that cannot be used."""


class IngestError(InputError):
    """A file or stream cannot be read as articles. The message names the file."""


class GoldError(InputError):
    """A gold expectations file is missing fields or is not valid JSON."""


class QueryError(KgraphError):
    """A named query is unknown or a SPARQL query fails to parse or run."""


class GraphError(KgraphError):
    """A graph file is missing or cannot be parsed."""


class DataError(KgraphError):
    """A bundled resource (division dataset, lexicon) is missing or broken."""


class OutputError(KgraphError):
    """An output file cannot be written (permissions, disk full). The message names it."""


class DependencyError(KgraphError):
    """An optional package a method needs is not installed. The message says how to install it."""
