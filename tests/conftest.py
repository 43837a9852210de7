"""Fixtures for the whole test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = (Path(__file__).resolve().parents[1] / ".." / "shared").resolve()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared evaluation folder beside the repository (``../shared``: data, scorers, seed)."""
    if not SHARED.is_dir():
        pytest.skip(f"shared evaluation data not found at {SHARED} (expected beside the repository)")
    return SHARED
