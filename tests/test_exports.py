"""The public names are what __all__ says, and every error is a KgraphError."""

from __future__ import annotations

import kgraph
from kgraph import errors


def test_all_names_exist_and_are_exported():
    assert sorted(kgraph.__all__) == sorted(set(kgraph.__all__))
    missing = [name for name in kgraph.__all__ if not hasattr(kgraph, name)]
    assert missing == []
    public = {name for name in vars(kgraph) if not name.startswith("_") and name[0].isupper()}
    assert public <= set(kgraph.__all__)


def test_every_error_is_in_the_one_tree_and_exported():
    classes = [getattr(errors, name) for name in errors.__all__]
    assert all(issubclass(cls, errors.KgraphError) for cls in classes)
    assert set(errors.__all__) <= set(kgraph.__all__)
    for cls in classes:  # the module docstring draws every class of the tree
        assert cls.__name__ in errors.__doc__
