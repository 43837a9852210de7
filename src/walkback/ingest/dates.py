"""Reading dates: ``--published`` values, lite-page timestamps and page metadata.

Every function here returns a time-zone-aware :class:`~datetime.datetime`: a value without a zone is
taken as UTC, a date without a time as midnight UTC. US zone abbreviations (``EST``, ``PDT`` ...) map
to fixed offsets, so ``5:01 PM EST, Mon February 5, 2024`` reads as ``2024-02-05T17:01:00-05:00``.

A date can be read and still be no publication date: ``0001-01-01T00:00:00Z`` is what common site
generators write when none was set. :func:`usable_date` lets through years :data:`EARLIEST_YEAR` to
:data:`LATEST_YEAR` only and logs a warning for the rest, which are then treated as absent; the
readers and the CLI pass every date through it before statements are dated against it.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta, timezone

import dateparser

from ..errors import DateError

__all__ = [
    "parse_date",
    "parse_iso_timestamp",
    "in_range",
    "usable_date",
    "ACCEPTED_FORMS",
    "EARLIEST_YEAR",
    "LATEST_YEAR",
]

log = logging.getLogger(__name__)

#: publication dates outside these years (inclusive) are ignored with a warning
EARLIEST_YEAR = 1800
LATEST_YEAR = 2200

ACCEPTED_FORMS = (
    "ISO dates and times (2016-09-12, 2024-02-05T17:01-05:00) "
    "or a date written in English with day, month and year (Sept 12, 2016; 12 September 2016; "
    "5:01 PM EST, Mon February 5, 2024)"
)

_TZ_HOURS = {
    "UTC": 0,
    "GMT": 0,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
}
_TZ_RE = re.compile(r"\b(" + "|".join(_TZ_HOURS) + r")\b")

_DATEPARSER_SETTINGS = {
    # a --published value must name a day; "Monday" or "2016" is not enough, and relative forms
    # ("yesterday") would make results depend on when the command ran
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["custom-formats", "absolute-time"],
}


def _aware(value: datetime) -> datetime:
    """Attach UTC to a naive value and turn any zone into a fixed offset."""
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=UTC)
    offset = value.utcoffset()
    assert offset is not None
    return value.replace(tzinfo=UTC if offset == timedelta(0) else timezone(offset))


def parse_iso_timestamp(value: str) -> datetime | None:
    """An ISO 8601 date or datetime, else ``None`` (never raises)."""
    text = value.strip()
    if not text or not text[:4].isdigit():
        return None
    try:
        return _aware(datetime.fromisoformat(text))
    except ValueError:
        return None


def parse_date(value: str) -> datetime:
    """Read a date the way ``walkback ... --published DATE`` accepts it.

    ISO forms are read exactly; other forms go through dateparser (English, month before day when the
    order is ambiguous: 12/09/2016 is December 9). Raises :class:`DateError` naming the value and
    the accepted forms.
    """
    text = " ".join(str(value).split())
    found = parse_iso_timestamp(text)
    if found is not None:
        return found
    offset: timedelta | None = None
    zone = _TZ_RE.search(text)
    if zone:
        offset = timedelta(hours=_TZ_HOURS[zone.group(1)])
        text_wo_zone = (text[: zone.start()] + text[zone.end() :]).strip(" ,")
    else:
        text_wo_zone = text
    parsed = None
    if text_wo_zone and any(ch.isdigit() for ch in text_wo_zone):
        # English only: trying every language takes seconds on a value that fails
        parsed = dateparser.parse(
            text_wo_zone,
            languages=["en"],
            settings=_DATEPARSER_SETTINGS,  # type: ignore[arg-type]
        )
    if parsed is None:
        raise DateError(f"cannot read the date {value!r}; use {ACCEPTED_FORMS}")
    if offset is not None:
        parsed = parsed.replace(tzinfo=UTC if offset == timedelta(0) else timezone(offset))
    return _aware(parsed)


def in_range(value: datetime) -> bool:
    """Whether ``value`` can be a publication date (years :data:`EARLIEST_YEAR` to :data:`LATEST_YEAR`)."""
    return EARLIEST_YEAR <= value.year <= LATEST_YEAR


def usable_date(value: datetime | None, *, what: str, source: str | None = None) -> datetime | None:
    """``value`` when it can be a publication date; else ``None``, with a warning naming ``what`` (the
    date's label, such as ``--published``) and the ``source``."""
    if value is None or in_range(value):
        return value
    where = f"{source}: " if source else ""
    log.warning(
        "%signoring the %s %s: only years %d to %d are taken as dates",
        where,
        what,
        value.date().isoformat(),
        EARLIEST_YEAR,
        LATEST_YEAR,
    )
    return None
