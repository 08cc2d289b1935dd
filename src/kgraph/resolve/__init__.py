"""Resolution: one node per real-world thing, across mentions and articles.

    merge.py      merge by key, apply links, record aliases (``resolve``)
    linking.py    rules proposing that one key is another
    overrides.py  the user's corrections file
"""

from kgraph.resolve.merge import AliasRecord, Resolved, resolve
from kgraph.resolve.overrides import Overrides, load_overrides

__all__ = ["AliasRecord", "Overrides", "Resolved", "load_overrides", "resolve"]
