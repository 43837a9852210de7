"""The date readers and the date resolver under any text and any anchor: a date or a clear error."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from walkback.errors import DateError
from walkback.extract.dates import resolve_said_on
from walkback.ingest.dates import parse_date, parse_iso_timestamp, usable_date
from walkback.store.query import date_bound

from .conftest import examples
from .strategies import DATES, dates

PHRASES = [
    "on Friday", "last Friday", "Sept. 12", "Feb. 29", "in March", "last March", "last week", "this week",
    "over the weekend", "two weeks ago", "99 years ago", "12 months ago", "yesterday", "today", "last year",
    "earlier this month", "on Feb. 5, 2024", "in 2012", "12/31/1999", "next Monday", "since May",
]  # fmt: skip
offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
anchors = st.one_of(
    st.none(),
    st.dates(),
    st.datetimes(timezones=st.one_of(st.just(UTC), offsets)),
    st.sampled_from([date.min, date.max, datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, 23, 59)]),
)
_VALUE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@examples(300)
@given(
    before=st.text(max_size=30),
    phrase=st.sampled_from(PHRASES),
    after=st.text(max_size=30),
    anchor=anchors,
)
def test_the_resolver_takes_any_anchor(before: str, phrase: str, after: str, anchor: date | None) -> None:
    text = f"{before} Kirby said {phrase} that {after}"
    cue = text.index("said")
    said = resolve_said_on(text, window=(0, len(text)), cue=(cue, cue + 4), exclude=[], anchor=anchor)
    if said.value is not None:
        assert _VALUE.fullmatch(said.value), said
        if said.precision == "day":
            date.fromisoformat(said.value)
    if said.source == "text":
        assert said.evidence is not None and 0 <= said.evidence.start < said.evidence.end <= len(text)


@examples(150)
@given(value=st.one_of(dates, st.text(max_size=40)))
def test_parse_date_reads_or_says_why(value: str) -> None:
    try:
        when = parse_date(value)
    except DateError as e:
        assert "\n" not in str(e)
    else:
        assert when.tzinfo is not None
        assert usable_date(when, what="date") in (when, None)
    found = parse_iso_timestamp(value)
    assert found is None or found.tzinfo is not None


@examples(100)
@given(
    value=st.one_of(
        st.sampled_from(DATES),
        st.text(max_size=12),
        st.from_regex(r"\d{4}(-\d{2}(-\d{2})?)?", fullmatch=True),
    )
)
def test_since_and_until_read_or_say_why(value: str) -> None:
    try:
        first, last = date_bound(value, "since")  # type: ignore[misc]
    except DateError as e:
        assert "\n" not in str(e) and "since" in str(e)
    else:
        assert first <= last
