"""The fuzzing harness: Hypothesis property tests over everything that reads untrusted input.

Two profiles. ``short`` (the default, what CI runs) is derandomized and small, so that the suite
stays reproducible and adds about a minute; ``long`` draws fresh random input, many times more, and
keeps a database of failing examples in ``.hypothesis/``::

    WALKBACK_FUZZ=long .venv/bin/python -m pytest tests/fuzz -q        # about 30-60 min on 2 cores

Each test takes its number of examples from :func:`examples`, so the long profile multiplies them.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

PROFILE = os.environ.get("WALKBACK_FUZZ", "short")
_SCALE = {"short": 1, "long": 40}
if PROFILE not in _SCALE:
    raise ValueError(f"WALKBACK_FUZZ must be one of {', '.join(_SCALE)}, not {PROFILE!r}")

_CHECKS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]
settings.register_profile(
    "short", deadline=None, derandomize=True, database=None, suppress_health_check=_CHECKS
)
settings.register_profile("long", deadline=None, suppress_health_check=_CHECKS, print_blob=True)
settings.load_profile(PROFILE)


def examples(n: int) -> settings:
    """Hypothesis settings for ``n`` examples in the short profile (more in the long one)."""
    return settings(max_examples=n * _SCALE[PROFILE])
