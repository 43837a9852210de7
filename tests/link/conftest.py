"""Fixtures of the link tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The English pipeline walkback parses with."""
    from walkback.extract.nlp import load_pipeline

    return load_pipeline()
