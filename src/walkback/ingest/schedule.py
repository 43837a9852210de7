"""When to ask again: durations, retry back-off, and the re-check schedule of a known article.

Durations are written as a number and a unit: ``30s``, ``15m``, ``1h``, ``1d`` (a bare number is
seconds). An article is fetched again after each gap of ``settings.recheck_after`` in turn (the last
gap repeats) until it was first seen ``settings.recheck_until`` ago; then it is left alone::

    first seen 12:00 -> checks at 12:15, 13:15, 19:15, the next day 19:15, ... until a week has passed
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..errors import ConfigError
from ..settings import Settings

__all__ = ["parse_duration", "backoff_delay", "RecheckSchedule"]

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str, *, name: str = "duration") -> float:
    """Seconds in ``text`` (``30s``, ``15m``, ``1h``, ``1d``, or plain seconds); must be >= 0."""
    m = _DURATION.match(str(text))
    if m is None:
        raise ConfigError(f"{name} must be a duration like 30s, 15m, 1h or 1d; got {text!r}")
    return float(m.group(1)) * _UNIT[m.group(2).lower()]


def backoff_delay(attempt: int, *, settings: Settings, retry_after: float | None = None) -> float:
    """Seconds to wait before retry ``attempt`` (1, 2, ...): ``retry_backoff`` doubled each time,
    at least what the server asked for (``Retry-After``), at most ``retry_backoff_max``."""
    delay = settings.retry_backoff * 2 ** max(0, attempt - 1)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return max(0.0, min(delay, settings.retry_backoff_max))


@dataclass(frozen=True, slots=True)
class RecheckSchedule:
    """Gaps between the checks of one article, and the age after which it is no longer checked."""

    gaps: tuple[timedelta, ...]
    until: timedelta

    @classmethod
    def from_settings(cls, settings: Settings) -> RecheckSchedule:
        gaps = tuple(
            timedelta(seconds=parse_duration(g, name="recheck_after")) for g in settings.recheck_after
        )
        until = timedelta(seconds=parse_duration(settings.recheck_until, name="recheck_until"))
        return cls(gaps=gaps, until=until)

    def next_check(self, first_seen: datetime, checks: int, now: datetime) -> datetime | None:
        """When to fetch an article again after its ``checks``-th fetch (1, 2, ...) ended at ``now``;
        ``None`` when it is old enough to be left alone (or no re-checks are configured)."""
        if not self.gaps or checks < 1:
            return None
        gap = self.gaps[min(checks, len(self.gaps)) - 1]
        when = now + gap
        return when if when - first_seen <= self.until else None
