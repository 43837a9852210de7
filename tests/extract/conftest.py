from __future__ import annotations

import pytest

from walkback.extract import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """One extractor for the whole run: spaCy loads once."""
    ex = Extractor()
    ex.nlp  # noqa: B018
    return ex
