"""Shared test fixtures: where the repository's and the project's shared files live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests: 500 examples each. CI replays the same examples every run (derandomize), so a
# failure is reproducible; HYPOTHESIS_PROFILE=explore draws new ones (and keeps failures in .hypothesis/).
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile("kgraph", max_examples=500, deadline=None, derandomize=True, database=None,
                          suppress_health_check=_SLOW_OK)  # fmt: skip
settings.register_profile("explore", max_examples=500, deadline=None, suppress_health_check=_SLOW_OK)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "kgraph"))

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
