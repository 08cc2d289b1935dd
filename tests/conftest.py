"""Shared test fixtures: where the repository's and the project's shared files live."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# shared/ sits beside the clone: /work/main → /work/shared, <ci-clone> → <ci-clone>/../shared
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The bundled sample articles (samples/articles in the repository)."""
    return REPO / "samples" / "articles"


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """The project's shared corpus folder; tests using a file in it skip when it is absent."""
    return SHARED / "corpus"
