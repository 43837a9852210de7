"""When a statement was said: time expressions near the cue, resolved against the article date.

Two steps, kept apart so each can be tested on its own:

* :func:`find_time_expressions` is purely lexical. It finds the words (``on Friday``, ``Sept. 12``,
  ``last week``, ``in January``) and records what they say (a weekday, a month and day, a unit back)
  in a :class:`TimeExpr`, without knowing the article's date.
* :func:`resolve` turns one expression into a value (``"YYYY-MM-DD"``, ``"YYYY-MM"`` or ``"YYYY"``)
  and a precision, given the anchor (the article date). News reports statements after they were made,
  so relative expressions resolve to the most recent such day, month or year **on or before** the
  anchor.

:func:`resolve_said_on` puts them together for one statement: it looks in the sentence, outside the
statement's content, and prefers the expression nearest the cue.

Choices worth knowing (each is a constant or a table entry below):

* ``Friday`` on a Friday is the anchor day; ``last Friday`` on a Friday is a week back.
* ``Sept. 12`` without a year takes the anchor's year, unless that lands more than
  :data:`FUTURE_SLACK_DAYS` after the anchor, then the year before.
* ``in March`` is the most recent March on or before the anchor's month; ``last March`` one strictly
  before it.
* Week-sized expressions (``last week``, ``this week``, ``over the weekend``, ``two weeks ago``) name
  a range of days. A range is reported at the finest precision that covers it: the month when the
  whole range falls in one month, else the year; a range across New Year does not resolve.
  ``last week`` is the previous Monday-to-Sunday week; ``this week`` runs from this week's Monday to
  the anchor; ``the weekend`` is the most recent Saturday before the anchor and the Sunday after it.
* Expressions that start a span of time rather than name a moment (``since May``, ``until 2012``,
  ``after Friday``) are found but not used as the date said (:data:`NOT_WHEN_SAID`).
* ``May`` and ``March`` (and every month named without a day or year) count only when capitalised
  and introduced by a preposition or modifier (``in May``, ``last March``), so ``Theresa May`` and
  ``may`` never fire. Durations (``for five days``), ``24/7``, ``9/11`` and counts (``2 million``)
  match no pattern.

dateparser is not used: every form handled here is cheaper and more predictable as a regular
expression, and the anchor rules above are ours, not a parser's.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from walkback.model import Precision, SaidOn, Span

__all__ = [
    "TimeExpr",
    "ExprKind",
    "Resolved",
    "FUTURE_SLACK_DAYS",
    "NOT_WHEN_SAID",
    "find_time_expressions",
    "resolve",
    "resolve_said_on",
    "carry_said_on",
]

ExprKind = Literal["absolute", "month_day", "month", "weekday", "relative"]
Unit = Literal["day", "week", "weekend", "month", "year"]
Relation = Literal["last", "next"]
Resolved = tuple[str, Precision]

#: A month and day without a year may lie this many days after the anchor and keep the anchor's year
#: (an article updated a little before a scheduled event it mentions); beyond that it is last year's.
FUTURE_SLACK_DAYS = 7

#: Prepositions that make a time expression the edge of a span of time, not the moment words were said.
NOT_WHEN_SAID = frozenset({"since", "until", "till", "through", "from", "by", "before", "after", "starting"})


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeExpr:
    """A time expression as written: where it is and what it says, not yet tied to a date.

    ``kind`` decides which fields matter:

    * ``absolute``: ``year`` and optionally ``month`` and ``day`` (``Feb. 5, 2024``, ``January 2024``,
      ``in 2012``).
    * ``month_day``: ``month`` and ``day``, the year left to the anchor (``Sept. 12``).
    * ``month``: ``month`` alone (``in January``, ``last March``).
    * ``weekday``: ``weekday``, Monday = 0 (``on Friday``, ``Tuesday night``).
    * ``relative``: ``unit`` and ``offset``, how many units back (``yesterday`` = day 1,
      ``earlier this month`` = month 0, ``two weeks ago`` = week 2).

    ``relation`` is ``"last"`` for ``last Thursday`` / ``last March`` (strictly before the anchor's)
    and ``"next"`` for future references, which never resolve. ``preposition`` is the lower-cased
    word that introduced it (``on``, ``in``, ``since``), when there was one.
    """

    span: Span
    kind: ExprKind
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    unit: Unit | None = None
    offset: int = 0
    relation: Relation | None = None
    preposition: str | None = None


# --- lexicon -------------------------------------------------------------------------------------

_MONTHS: dict[str, int] = {
    **{name: i for i, name in enumerate(calendar.month_name) if name},
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
    "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
_WEEKDAYS: dict[str, int] = {name: i for i, name in enumerate(calendar.day_name)}
_NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

_FULL_MONTH = "|".join(name for name in calendar.month_name if name)
_ABBR_MONTH = "Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
# Month names are matched case-sensitively (``may``, ``march`` are verbs); the rest is not.
_MONTH_ANY = rf"(?P<mon>(?:{_FULL_MONTH}|{_ABBR_MONTH})\b)\.?"
_MONTH_ALONE = rf"(?P<mon>(?:{_FULL_MONTH})\b|(?:{_ABBR_MONTH})\.)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
_YEAR = r"(?P<year>(?:19|20)\d\d)\b(?![-–/]\d)"
_PREP = (
    r"(?:\b(?P<prep>(?i:back\s+in|on|in|at|during|since|until|till|through|from|by|before|after"
    r"|starting))\s+)?"
)
_MOD = r"(?:\b(?P<mod>(?i:last|this\s+past|this|past|early|earlier|late|later|mid|next))[\s-]+)?"
_PART_OF_DAY = r"(?:\s+(?i:morning|afternoon|evening|night))?"
_WEEKDAY = r"(?P<wd>" + "|".join(_WEEKDAYS) + r")\b(?:['’]s\b)?"
_NUMBER = r"(?P<n>\d{1,2}|(?i:" + "|".join(_NUMBER_WORDS) + r"))"

# Names and fixed phrases that contain a weekday but are not one.
_WEEKDAY_NOT_AFTER = re.compile(
    r"(?:\b(?:Super|Black|Good|Cyber|Easter|Ash|Bloody|Holy|Palm|Maundy|Giving|News)\s+)$"
)
_WEEKDAY_NOT_BEFORE = re.compile(
    r"\s+(?:Times|Telegraph|Express|Mirror|Herald|Star|Post|Night|Morning\s+Futures|School|Mail)\b"
)
# "the Jan. 6 committee", "the Sept. 11 attacks": a date naming an event, not a moment of speech.
_EVENT_NAME_AFTER = re.compile(r"\s+(?i:committee|panel|commission|attacks?|riots?|rioters|insurrection)\b")
# ", who accompanied her to Burma in 2011,": a clause describing someone, not the act of saying.
_RELATIVE_CLAUSE = re.compile(r"\b(?:who|which|whose|whom)\b[^,;:]*")
# "in the last year", "over the last week": a duration, not a calendar unit.
_DURATION_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


# --- patterns ------------------------------------------------------------------------------------

Builder = Callable[[re.Match[str], Span], "TimeExpr | None"]


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    build: Builder


def _group(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _prep(m: re.Match[str]) -> str | None:
    p = _group(m, "prep")
    return " ".join(p.lower().split()) if p else None


def _relation(m: re.Match[str]) -> Relation | None:
    mod = (_group(m, "mod") or "").lower()
    if mod == "next":
        return "next"
    return "last" if mod == "last" else None


def _int(m: re.Match[str], name: str) -> int:
    return int(m.group(name))


def _month(m: re.Match[str]) -> int:
    return _MONTHS[m.group("mon").rstrip(".")]


def _build_absolute(m: re.Match[str], span: Span) -> TimeExpr | None:
    d = _group(m, "day")
    mon = _group(m, "mon")
    month = _MONTHS[mon.rstrip(".")] if mon else (int(m.group("m")) if _group(m, "m") else None)
    day = int(d) if d else (int(m.group("d")) if _group(m, "d") else None)
    return TimeExpr(
        span=span, kind="absolute", year=_int(m, "year"), month=month, day=day, preposition=_prep(m)
    )


def _build_month_day(m: re.Match[str], span: Span) -> TimeExpr | None:
    text = m.string
    if _EVENT_NAME_AFTER.match(text, m.end()):
        return None
    return TimeExpr(
        span=span,
        kind="month_day",
        month=_month(m),
        day=_int(m, "day"),
        relation=_relation(m),
        preposition=_prep(m),
    )


def _build_month(m: re.Match[str], span: Span) -> TimeExpr | None:
    if not (_group(m, "prep") or _group(m, "mod")):
        return None  # "Theresa May", "April Ryan": a bare month name is too often a name
    return TimeExpr(span=span, kind="month", month=_month(m), relation=_relation(m), preposition=_prep(m))


def _build_weekday(m: re.Match[str], span: Span) -> TimeExpr | None:
    text = m.string
    wd_start = m.start("wd")
    if _WEEKDAY_NOT_AFTER.search(text, max(0, wd_start - 20), wd_start):
        return None
    if _WEEKDAY_NOT_BEFORE.match(text, m.end("wd")):
        return None
    return TimeExpr(
        span=span,
        kind="weekday",
        weekday=_WEEKDAYS[m.group("wd")],
        relation=_relation(m),
        preposition=_prep(m),
    )


def _relative(unit: Unit, offset: int) -> Builder:
    def build(m: re.Match[str], span: Span) -> TimeExpr | None:
        return TimeExpr(span=span, kind="relative", unit=unit, offset=offset, preposition=_prep(m))

    return build


def _build_last_unit(m: re.Match[str], span: Span) -> TimeExpr | None:
    if _DURATION_BEFORE.search(m.string, max(0, m.start() - 8), m.start()):
        return None
    unit: Unit = m.group("unit").lower()  # type: ignore[assignment]
    return TimeExpr(span=span, kind="relative", unit=unit, offset=1, preposition=_prep(m))


def _build_this_unit(m: re.Match[str], span: Span) -> TimeExpr | None:
    unit: Unit = m.group("unit").lower()  # type: ignore[assignment]
    return TimeExpr(span=span, kind="relative", unit=unit, offset=0, preposition=_prep(m))


def _build_ago(m: re.Match[str], span: Span) -> TimeExpr | None:
    n = m.group("n").lower()
    count = int(n) if n.isdigit() else _NUMBER_WORDS[n]
    unit: Unit = m.group("unit").lower()  # type: ignore[assignment]
    return TimeExpr(span=span, kind="relative", unit=unit, offset=count, preposition=_prep(m))


def _rule(name: str, pattern: str, build: Builder, flags: int = 0) -> _Rule:
    return _Rule(name, re.compile(pattern, flags), build)


#: The lexical rules, most specific first; where matches overlap the longest wins, then the earlier rule.
RULES: tuple[_Rule, ...] = (
    _rule("iso_date", _PREP + r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", _build_absolute),
    _rule(
        "us_numeric_date",
        _PREP + r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/" + _YEAR,
        _build_absolute,
    ),
    _rule("month_day_year", _PREP + r"\b" + _MONTH_ANY + r"\s+" + _DAY + r",?\s+" + _YEAR, _build_absolute),
    _rule(
        "day_month_year",
        _PREP + r"\b(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MONTH_ANY + r",?\s+" + _YEAR,
        _build_absolute,
    ),
    _rule("month_year", _PREP + _MOD + r"\b" + _MONTH_ANY + r",?\s+(?:of\s+)?" + _YEAR, _build_absolute),
    _rule("month_day", _PREP + _MOD + r"\b" + _MONTH_ANY + r"\s+" + _DAY, _build_month_day),
    _rule("day_month", _PREP + r"\b(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MONTH_ANY, _build_month_day),
    _rule("month", _PREP + _MOD + r"\b" + _MONTH_ALONE, _build_month),
    _rule(
        "year",
        r"\b(?P<prep>(?i:back\s+in|in|during|since|until|through|from|by))\s+(?:(?i:early|late|mid)[\s-]+)?"
        + _YEAR
        + r"(?!\s*(?:%|(?i:percent|million|billion|people|votes|cases)\b))",
        _build_absolute,
    ),
    _rule("weekday", _PREP + _MOD + r"\b" + _WEEKDAY + _PART_OF_DAY, _build_weekday),
    _rule(
        "today",
        _PREP + r"\b(?i:(?:earlier\s+|later\s+)?today(?:['’]s)?|(?:early\s+|earlier\s+|late\s+)?this\s+"
        r"(?:morning|afternoon|evening)|tonight)\b",
        _relative("day", 0),
    ),
    _rule(
        "yesterday",
        _PREP + r"\b(?i:(?:early\s+|late\s+)?yesterday(?:\s+(?:morning|afternoon|evening))?|last\s+night)\b",
        _relative("day", 1),
    ),
    _rule(
        "weekend",
        r"\b(?i:(?:over|during|on)\s+the\s+weekend|(?:last|this(?:\s+past)?)\s+weekend)\b",
        _relative("weekend", 0),
    ),  # fmt: skip
    _rule("last_unit", _PREP + r"\b(?i:last\s+(?P<unit>week|month|year))\b", _build_last_unit),
    _rule(
        "this_unit",
        _PREP + r"\b(?i:(?:earlier\s+|later\s+)?this\s+(?P<unit>week|month|year))\b",
        _build_this_unit,
    ),
    _rule("ago", r"\b" + _NUMBER + r"\s+(?i:(?P<unit>day|week|month|year)s?\s+ago)\b", _build_ago),
)


def find_time_expressions(text: str, start: int = 0, end: int | None = None) -> list[TimeExpr]:
    """Every time expression in ``text[start:end]``, in reading order, overlaps settled.

    Offsets are into ``text``. Where two matches overlap, the longer one is kept (``Sept. 12, 2016``
    over ``Sept. 12``), then the one from the earlier rule.
    """
    stop = len(text) if end is None else min(end, len(text))
    found: list[tuple[int, int, TimeExpr]] = []
    for rank, rule in enumerate(RULES):
        for m in rule.pattern.finditer(text, start, stop):
            expr = rule.build(m, Span.of(text, m.start(), m.end()))
            if expr is not None:
                found.append((-(m.end() - m.start()), rank, expr))
    kept: list[TimeExpr] = []
    for _, _, expr in sorted(found, key=lambda t: (t[0], t[1], t[2].span.start)):
        if all(expr.span.end <= k.span.start or expr.span.start >= k.span.end for k in kept):
            kept.append(expr)
    return sorted(kept, key=lambda e: e.span.start)


# --- resolution ----------------------------------------------------------------------------------


def _day_value(d: date) -> Resolved:
    return d.isoformat(), "day"


def _month_value(year: int, month: int) -> Resolved:
    return f"{year:04d}-{month:02d}", "month"


def _covering(first: date, last: date) -> Resolved | None:
    """The finest value that covers every day from ``first`` to ``last``."""
    if (first.year, first.month) == (last.year, last.month):
        return _month_value(first.year, first.month)
    if first.year == last.year:
        return f"{first.year:04d}", "year"
    return None


def _months_back(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) - n
    return index // 12, index % 12 + 1


def _resolve_absolute(expr: TimeExpr, anchor: date | None) -> Resolved | None:
    assert expr.year is not None
    if expr.month is None:
        return f"{expr.year:04d}", "year"
    if expr.day is None:
        return _month_value(expr.year, expr.month) if 1 <= expr.month <= 12 else None
    try:
        return _day_value(date(expr.year, expr.month, expr.day))
    except ValueError:
        return None


def _resolve_month_day(expr: TimeExpr, anchor: date | None) -> Resolved | None:
    assert expr.month is not None and expr.day is not None
    if anchor is None or expr.relation == "next":
        return None
    for year in (anchor.year, anchor.year - 1):
        try:
            candidate = date(year, expr.month, expr.day)
        except ValueError:
            continue  # Feb. 29 outside a leap year, Sept. 31
        if candidate <= anchor + timedelta(days=FUTURE_SLACK_DAYS):
            return _day_value(candidate)
    return None


def _resolve_month(expr: TimeExpr, anchor: date | None) -> Resolved | None:
    assert expr.month is not None
    if anchor is None or expr.relation == "next":
        return None
    later = expr.month > anchor.month or (expr.relation == "last" and expr.month == anchor.month)
    return _month_value(anchor.year - 1 if later else anchor.year, expr.month)


def _resolve_weekday(expr: TimeExpr, anchor: date | None) -> Resolved | None:
    assert expr.weekday is not None
    if anchor is None or expr.relation == "next":
        return None
    back = (anchor.weekday() - expr.weekday) % 7
    if back == 0 and expr.relation == "last":
        back = 7
    return _day_value(anchor - timedelta(days=back))


def _week_range(anchor: date, offset: int) -> tuple[date, date]:
    monday = anchor - timedelta(days=anchor.weekday())
    if offset == 0:
        return monday, anchor
    first = monday - timedelta(weeks=offset)
    return first, first + timedelta(days=6)


def _weekend_range(anchor: date, offset: int) -> tuple[date, date]:
    saturday = anchor - timedelta(days=(anchor.weekday() - 5) % 7 or 7)
    return saturday, min(saturday + timedelta(days=1), anchor)


def _resolve_relative(expr: TimeExpr, anchor: date | None) -> Resolved | None:
    if anchor is None:
        return None
    n = expr.offset
    match expr.unit:
        case "day":
            return _day_value(anchor - timedelta(days=n))
        case "week":
            return _covering(*_week_range(anchor, n))
        case "weekend":
            return _covering(*_weekend_range(anchor, n))
        case "month":
            return _month_value(*_months_back(anchor.year, anchor.month, n))
        case "year":
            return f"{anchor.year - n:04d}", "year"
    return None


_RESOLVERS: dict[ExprKind, Callable[[TimeExpr, date | None], Resolved | None]] = {
    "absolute": _resolve_absolute,
    "month_day": _resolve_month_day,
    "month": _resolve_month,
    "weekday": _resolve_weekday,
    "relative": _resolve_relative,
}


# anchors whose years lie within this range can be counted back and ahead from (``99 years ago``,
# the slack after a month and day) without leaving the calendar; others are no anchor (a year-0001
# date gave OverflowError on ``said on Friday``)
_ANCHOR_YEARS = range(100, 9900)


def _anchor_day(anchor: datetime | date | None) -> date | None:
    """The calendar day of the anchor, in the anchor's own time zone; ``None`` near the calendar's ends."""
    day = anchor.date() if isinstance(anchor, datetime) else anchor
    return day if day is not None and day.year in _ANCHOR_YEARS else None


def resolve(expr: TimeExpr, anchor: datetime | date | None) -> Resolved | None:
    """``(value, precision)`` for ``expr`` against the article date, or None when it cannot be said.

    Relative expressions need an anchor; dates that carry their own year do not. Future references
    (``next Monday``) and impossible dates (``Feb. 30, 2024``) give None.
    """
    return _RESOLVERS[expr.kind](expr, _anchor_day(anchor))


def _gap(a: Span, b: tuple[int, int]) -> int:
    """Characters between two spans; 0 when they touch or overlap."""
    return max(0, b[0] - a.end, a.start - b[1])


def _overlaps(span: Span, other: tuple[int, int]) -> bool:
    return span.start < other[1] and other[0] < span.end


def _side_clauses(text: str, window: tuple[int, int], cue: tuple[int, int] | None) -> list[tuple[int, int]]:
    """Relative clauses in the window (``who ...`` up to a comma) that do not hold the cue."""
    clauses = [(m.start(), m.end()) for m in _RELATIVE_CLAUSE.finditer(text, window[0], window[1])]
    return [c for c in clauses if cue is None or not (c[0] <= cue[0] and cue[1] <= c[1])]


# "the day after the attack", "two days before the vote": a day counted from an event
_ANCHORED = re.compile(
    r"\b(?i:the\s+|a\s+)?(?P<n>(?i:day|(?:two|three|four|five|six|2|3|4|5|6)\s+days))\s+(?P<rel>after|before)\s+"
    r"(?:the|this|that|last\s+week['’]s)\s+(?P<noun>[a-z][a-z-]+)\b"
)
# "Oct. 1, 1935: …" opening a paragraph (an item of a dated list), or a paragraph that is only a date
_DATE_START = re.compile(rf"(?:{_FULL_MONTH}|{_ABBR_MONTH}|(?:the\s+)?\d)")  # a cheap test before the rules
_HEADER_END = re.compile(r"\s*(?:[:—–]|-\s)")


_BEFORE_NOUN = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+)?")  # "Saturday's deadly attack", "the Oct. 7 attack"
_BEFORE_DATE = re.compile(r"\s+(?:[\w-]+\s+){0,3}?")  # "the attack in Israel on Oct. 7"


def _event_date(text: str, noun: str, day: date | None, skip: tuple[int, int]) -> Resolved | None:
    """The day the article gives an event: ``the Oct. 7 attack``, ``Saturday's attack``, ``the attack
    on Oct. 7``; its first such mention outside ``skip``."""
    for m in re.finditer(rf"\b{re.escape(noun)}s?\b", text):
        if skip[0] <= m.start() < skip[1]:
            continue
        # the words before the noun on their own: "the Oct. 7 attack" names the event by its date, which
        # find_time_expressions declines when it sees the noun after it
        lead = max(0, m.start() - 40)
        before = find_time_expressions(text[lead : m.start()])
        after = find_time_expressions(text, m.end(), min(len(text), m.end() + 60))
        for expr in before[-1:]:
            if (
                _BEFORE_NOUN.fullmatch(text, lead + expr.span.end, m.start())
                and expr.preposition not in NOT_WHEN_SAID
            ):
                got = resolve(expr, day)
                if got is not None and got[1] == "day":
                    return got
        for expr in after[:1]:
            if expr.preposition in {"on", "in"} and _BEFORE_DATE.fullmatch(text, m.end(), expr.span.start):
                got = resolve(expr, day)
                if got is not None and got[1] == "day":
                    return got
    return None


def _anchored(
    text: str, window: tuple[int, int], skip: Sequence[tuple[int, int]], day: date | None
) -> SaidOn | None:
    if "after" not in text[window[0] : window[1]] and "before" not in text[window[0] : window[1]]:
        return None  # the common case, without running the pattern
    for m in _ANCHORED.finditer(text, window[0], window[1]):
        if any(m.start() < e and s < m.end() for s, e in skip):
            continue
        got = _event_date(text, m.group("noun"), day, (m.start(), m.end()))
        if got is None:
            continue
        n = m.group("n").split()[0].lower()
        count = 1 if n == "day" else int(n) if n.isdigit() else _NUMBER_WORDS[n]
        when = date.fromisoformat(got[0]) + timedelta(days=count if m.group("rel") == "after" else -count)
        return SaidOn(
            value=when.isoformat(), precision="day", source="text", evidence=Span.of(text, m.start(), m.end())
        )
    return None


def _date_header(text: str, at: int, day: date | None) -> SaidOn | None:
    """The date heading the list item that holds ``at``: ``Oct. 1, 1935: …`` opening its paragraph,
    or a short paragraph of a date alone right before it."""
    line_start = text.rfind("\n", 0, at) + 1
    start = line_start
    while start < at and text[start].isspace():
        start += 1
    header = _DATE_START.match(text, start)
    opening = find_time_expressions(text, start, min(at, start + 40)) if header else []
    expr = None
    if opening and opening[0].span.start == start and _HEADER_END.match(text, opening[0].span.end):
        expr = opening[0]
    else:
        before = text[: max(0, line_start - 1)].rstrip()
        prev_start = before.rfind("\n") + 1
        line = before[prev_start:].strip().rstrip(":")
        if 0 < len(line) <= 40 and _DATE_START.match(line):
            alone = find_time_expressions(line)
            if alone and alone[0].span.text == line:
                lead = prev_start + before[prev_start:].index(line)
                expr = find_time_expressions(text, lead, lead + len(line))[0]
    if expr is None or expr.kind not in {"absolute", "month_day"}:
        return None
    got = resolve(expr, day)
    if got is None:
        return None
    return SaidOn(value=got[0], precision=got[1], source="text", evidence=expr.span)


def carry_said_on(prev: SaidOn, said: SaidOn, *, same_speaker: bool, gap: str, quoted: bool) -> SaidOn:
    """``On Tuesday, Hagari said …. “…,” he said.``: a quotation that continues a dated statement of
    the same speaker, with no date of its own, was said then too, when that date is a day. ``gap`` is
    the text between the two statements: at most one paragraph break and a few sentences."""
    if (
        said.source == "text"
        or prev.source != "text"
        or prev.precision != "day"  # "in 2012" in a frame is more often the topic's year than the day said
        or not (same_speaker and quoted)
        or gap.count("\n") > 2
        or len(gap) > 400
    ):
        return said
    return prev


def resolve_said_on(
    text: str,
    *,
    window: tuple[int, int],
    cue: tuple[int, int] | None,
    exclude: Sequence[tuple[int, int]],
    anchor: datetime | date | None,
) -> SaidOn:
    """When the statement in ``window`` was said.

    Looks for time expressions inside ``window`` (offsets into ``text``, usually the sentence) that
    touch none of the ``exclude`` spans (the statement's content: a date inside the reported words is
    not when they were said), do not open a span of time (:data:`NOT_WHEN_SAID`), and do not sit in a
    relative clause that does not hold the cue (``Murphy, who went to Burma in 2011, said``). The one
    nearest the cue wins, on either side; on a tie the one after the cue (``said Monday``), then the
    earlier.
    Without a cue, the first in the window wins.

    Without one, a phrase anchored to an event the article dates (``the day after the attack``, the
    attack being ``the Oct. 7 attack``) takes that date moved by its offset, and an item of a dated list
    takes its header (``Oct. 1, 1935: …``). Falls back to the anchor's day
    (``source="article_date"``), and to nothing (``source="none"``) when there is no anchor either.
    """
    day = _anchor_day(anchor)
    skip = [*exclude, *_side_clauses(text, window, cue)]
    candidates: list[tuple[tuple[int, int, int], TimeExpr, Resolved]] = []
    for expr in find_time_expressions(text, window[0], window[1]):
        if expr.preposition in NOT_WHEN_SAID or any(_overlaps(expr.span, ex) for ex in skip):
            continue
        resolved = resolve(expr, day)
        if resolved is None:
            continue
        if cue is None:
            rank = (0, 0, expr.span.start)
        else:
            rank = (_gap(expr.span, cue), 0 if expr.span.start >= cue[1] else 1, expr.span.start)
        candidates.append((rank, expr, resolved))
    if candidates:
        _, expr, (value, precision) = min(candidates, key=lambda c: c[0])
        return SaidOn(value=value, precision=precision, source="text", evidence=expr.span)
    anchored = _anchored(text, window, skip, day)
    if anchored is not None:
        return anchored
    header = _date_header(text, window[0], day)
    if header is not None:
        return header
    if day is not None:
        return SaidOn(value=day.isoformat(), precision="day", source="article_date")
    return SaidOn(value=None, precision=None, source="none")
