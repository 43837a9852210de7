"""When statements were said: lexical finding, resolution against the anchor, and the choice per statement.

Sentences are real: the seed article (CNN, 2024-02-05) and PolNeAR dev articles (dates from its
metadata.tsv). Offsets are always computed with ``str.find``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from walkback.extract.dates import TimeExpr, find_time_expressions, resolve, resolve_said_on
from walkback.model import SaidOn, Span

SEED_ANCHOR = datetime(2024, 2, 5, 17, 1, tzinfo=timezone(timedelta(hours=-5)))  # a Monday


def span_of(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    start = text.find(phrase, after)
    assert start >= 0, f"{phrase!r} not in {text!r}"
    return start, start + len(phrase)


def said_on(
    sentence: str,
    anchor: datetime | date | None,
    *,
    cue: str | None = "said",
    content: tuple[str, str] | None = None,
) -> SaidOn:
    """resolve_said_on over one sentence; ``content`` is (first words, last words) of the excluded span."""
    exclude: list[tuple[int, int]] = []
    if content is not None:
        first, last = content
        start = span_of(sentence, first)[0]
        exclude.append((start, span_of(sentence, last, start)[1]))
    cue_span = span_of(sentence, cue) if cue else None
    return resolve_said_on(sentence, window=(0, len(sentence)), cue=cue_span, exclude=exclude, anchor=anchor)


def texts(sentence: str) -> list[str]:
    return [e.span.text for e in find_time_expressions(sentence)]


# --- the seed article -----------------------------------------------------------------------------

SEED = [
    # (sentence, cue, content (first, last), expected value, precision, source)
    (
        "US officials said Monday that Iraq was not notified ahead of a series of strikes on Iran-linked "
        "targets in the country, contradicting earlier statements that the Iraqi government was notified "
        "before the strikes occurred.",
        "said",
        ("Iraq was not", "occurred"),
        "2024-02-05",
        "day",
        "text",
    ),
    (
        "In a call with reporters on Friday, National Security Council spokesman John Kirby had said the US "
        "“did inform the Iraqi government prior to the strikes.”",
        "had said",
        ("the US", "strikes.”"),
        "2024-02-02",
        "day",
        "text",
    ),
    (
        "On Monday, however, following the State Department briefing, Kirby confirmed that he misspoke.",
        "confirmed",
        ("he misspoke", "misspoke"),
        "2024-02-05",
        "day",
        "text",
    ),
    (
        "In a statement to CNN, Kirby said he “responded with information that I had been provided at the "
        "time” after the strikes on Friday.",
        "said",
        ("he “responded", "on Friday"),
        "2024-02-05",
        "day",
        "article_date",
    ),
    (
        "A senior defense official said in January that the discussion was not “a negotiation about the "
        "withdrawal of US forces,” but that the US and Iraq would “work together to shape future US "
        "military presence.”",
        "said",
        ("the discussion", "presence.”"),
        "2024-01",
        "month",
        "text",
    ),
    (
        "“If Iraq is a valued partner, why didn’t you tell them ahead of time that this strike was coming?” "
        "Ryder was asked at a Pentagon briefing on Monday.",
        "was asked",
        ("“If Iraq", "coming?”"),
        "2024-02-05",
        "day",
        "text",
    ),
    (
        "“As for this specific response on Friday, there was not a pre-notification. We informed the Iraqis "
        "immediately after the strikes occurred,” State Department deputy spokesperson Vedant Patel said at "
        "a briefing on Monday.",
        "said",
        ("“As for", "occurred,”"),
        "2024-02-05",
        "day",
        "text",
    ),
]


@pytest.mark.parametrize(("sentence", "cue", "content", "value", "precision", "source"), SEED)
def test_seed_sentences(
    sentence: str, cue: str, content: tuple[str, str], value: str, precision: str, source: str
) -> None:
    got = said_on(sentence, SEED_ANCHOR, cue=cue, content=content)
    assert (got.value, got.precision, got.source) == (value, precision, source)
    if source == "text":
        assert got.evidence is not None
        assert sentence[got.evidence.start : got.evidence.end] == got.evidence.text
    else:
        assert got.evidence is None


def test_seed_evidence_is_the_dating_words() -> None:
    sentence = SEED[1][0]
    got = said_on(sentence, SEED_ANCHOR, cue="had said", content=("the US", "strikes.”"))
    assert got.evidence == Span.of(sentence, *span_of(sentence, "on Friday"))


def test_date_inside_the_content_would_otherwise_fire() -> None:
    sentence = SEED[3][0]
    assert said_on(sentence, SEED_ANCHOR, content=None).value == "2024-02-02"
    assert said_on(sentence, SEED_ANCHOR, content=("he “responded", "on Friday")).source == "article_date"


def test_offsets_are_into_the_whole_text() -> None:
    text = "Unrelated words on Tuesday. Kirby said on Friday that he misspoke."
    window = (text.find("Kirby"), len(text))
    got = resolve_said_on(text, window=window, cue=span_of(text, "said"), exclude=[], anchor=SEED_ANCHOR)
    assert got.value == "2024-02-02"
    assert got.evidence is not None and text[got.evidence.start : got.evidence.end] == "on Friday"


# --- PolNeAR dev sentences (anchor = the article's publication date) --------------------------------

POLNEAR = [
    # (article date, sentence, cue, content (first, last) or None, expected value, precision)
    (
        date(2016, 9, 30),  # a Friday: "said Friday" is the day itself
        "But a Homeland Security Department official said Friday that hackers have targeted the voter "
        "registration systems of more than 20 states in recent months.",
        "said",
        ("hackers", "months."),
        "2016-09-30",
        "day",
    ),
    (
        date(2016, 10, 3),
        "White House spokesman Josh Earnest said Monday that President Barack Obama has long called for tax "
        "fairness, the closure of loopholes that benefit only the wealthy and for relief for middle class "
        "families.",
        "said",
        ("President Barack", "families."),
        "2016-10-03",
        "day",
    ),
    (
        date(2016, 9, 20),  # a Tuesday
        "“I will just make this promise to you: We will achieve justice in this case,” Tulsa police Chief "
        "Chuck Jordan said Monday.",
        "said",
        ("“I will", "case,”"),
        "2016-09-19",
        "day",
    ),
    (
        date(2016, 9, 12),
        "Interim DNC Chairwoman Donna Brazile said Sunday that she’s glad Clinton appeared to be feeling "
        "better and looks forward to “seeing her back out on the campaign trail and continuing on the path "
        "to victory.”",
        "said",
        ("she’s glad", "victory.”"),
        "2016-09-11",
        "day",
    ),
    (
        date(2016, 9, 8),
        "There's a severe disconnect between this White House and frankly the president and our military,” "
        "Flynn, a top Trump surrogate, said Thursday morning on Fox News’s “Fox and Friends.”",
        "said",
        ("There's", "military,”"),
        "2016-09-08",
        "day",
    ),
    (
        date(2016, 10, 7),  # a Friday
        "Keron Blair, executive director of AROS, called for more school investment in a statement on "
        "Thursday.",
        "called for",
        ("more school", "investment"),
        "2016-10-06",
        "day",
    ),
    (
        date(2016, 9, 26),  # a Monday
        'But in a statement Friday, Trump said: "I am greatly honored by the endorsement of Senator Cruz.',
        "said",
        ('"I am', "Cruz."),
        "2016-09-23",
        "day",
    ),
    (
        date(2016, 9, 12),
        "Mr. Stenger announced in a statement this month that he had reached a settlement with the federal "
        "government.",
        "announced",
        ("he had", "government."),
        "2016-09",
        "month",
    ),
    (
        date(2016, 9, 19),  # last week = Sept. 5-11, all in September
        "A passionate defender of RT America, Mr. Schultz likened RT to the BBC, which receives some "
        "government funding, in an interview with The Washington Post last week.",
        "likened",
        ("RT to", "funding,"),
        "2016-09",
        "month",
    ),
    (
        date(2016, 10, 5),  # a Wednesday; this week = Oct. 3-5. "Theresa May" and "March" must not fire.
        "British Prime Minister Theresa May said this week that the country would formally declare its "
        "intention to break with the E.U. by the end of March and suggested that it would withdraw from the "
        "single market that has been a hallmark of membership.",
        "said",
        ("the country", "membership."),
        "2016-10",
        "month",
    ),
]


@pytest.mark.parametrize(("anchor", "sentence", "cue", "content", "value", "precision"), POLNEAR)
def test_polnear_sentences(
    anchor: date, sentence: str, cue: str, content: tuple[str, str] | None, value: str, precision: str
) -> None:
    got = said_on(sentence, anchor, cue=cue, content=content)
    assert (got.value, got.precision, got.source) == (value, precision, "text")


def test_polnear_sentences_without_a_date_fall_back_to_the_article() -> None:
    sentence = (
        "“My reaction, that was outrageous,” Obama's former campaign strategist said in an interview with "
        "CNN’s Wolf Blitzer."
    )
    got = said_on(sentence, date(2016, 9, 8), content=("“My reaction", "outrageous,”"))
    assert got == SaidOn(value="2016-09-08", precision="day", source="article_date")


# --- traps ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "British Prime Minister Theresa May was not invited.",
        "Politifact then pointed out that one shooting may have more than one victim.",
        "Thousands plan to march on the capitol.",
        "The strikes went on for five days.",
        "Voters can reach the hotline 24/7.",
        "It was the worst attack since 9/11.",
        "The campaign raised 2 million dollars, 10 percent more.",
        "He read the Sunday Times and watched Super Tuesday returns.",
        "She met April Ryan.",
        "Clinton has been posting on Mondays.",
        "Over the last year, he has changed his view.",
        "The Jan. 6 committee subpoenaed him.",
    ],
)
def test_non_dates_do_not_fire(sentence: str) -> None:
    assert texts(sentence) == []


def test_may_and_march_count_with_a_date_context() -> None:
    assert texts("She said in May that the party would march on.") == ["in May"]
    assert texts("The vote was held March 3.") == ["March 3"]
    assert texts("He spoke last March.") == ["last March"]


def test_a_span_of_time_is_not_when_it_was_said() -> None:
    sentence = "He has said since 2012 that the program works."
    assert said_on(sentence, date(2016, 9, 8), content=("the program", "works.")).source == "article_date"


def test_nearest_to_the_cue_wins() -> None:
    sentence = "On Monday, a day after the strikes, Kirby said Friday that it was unfortunate."
    assert said_on(sentence, SEED_ANCHOR, content=("it was", "unfortunate.")).value == "2024-02-02"
    sentence = "On Monday, a day after the strikes on Friday, Kirby said it was unfortunate."
    assert said_on(sentence, SEED_ANCHOR, content=("it was", "unfortunate.")).value == "2024-02-02"
    assert said_on(sentence, SEED_ANCHOR, cue=None, content=("it was", "unfortunate.")).value == "2024-02-05"


def test_no_anchor() -> None:
    assert said_on("Kirby said on Friday that he misspoke.", None) == SaidOn(
        value=None, precision=None, source="none"
    )
    got = said_on("Kirby said on Feb. 2, 2024, that he misspoke.", None)
    assert (got.value, got.precision, got.source) == ("2024-02-02", "day", "text")
    got = said_on("Kirby said on Friday, Feb. 2, 2024, that he misspoke.", None)
    assert got.value == "2024-02-02"  # the weekday cannot resolve, the full date can


@pytest.mark.parametrize(
    "anchor",
    [
        datetime(1, 1, 1, tzinfo=UTC),  # "0001-01-01T00:00:00Z": a site generator's unset date
        date.min,
        date(1, 1, 7),
        date.max,
        datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-5))),
    ],
)
@pytest.mark.parametrize(
    "sentence",
    [
        "Kirby said on Friday that he misspoke.",
        "Kirby said on Sept. 12 that he misspoke.",
        "Kirby said last year that he misspoke.",
        "Kirby said two weeks ago that he misspoke.",
        "Kirby said over the weekend that he misspoke.",
        "Kirby said in March that he misspoke.",
        "Kirby said yesterday that he misspoke.",
    ],
)
def test_an_anchor_at_the_ends_of_the_calendar_is_no_anchor(anchor: date, sentence: str) -> None:
    """Issue 14: a year-0001 article date gave OverflowError on "said on Friday"."""
    assert said_on(sentence, anchor) == SaidOn(value=None, precision=None, source="none")


# --- resolution, one form at a time (anchor: Monday 2024-02-05) -----------------------------------------


@pytest.mark.parametrize(
    ("phrase", "value", "precision"),
    [
        ("on Friday", "2024-02-02", "day"),
        ("Monday", "2024-02-05", "day"),
        ("Tuesday night", "2024-01-30", "day"),
        ("Wednesday’s debate", "2024-01-31", "day"),
        ("last Thursday", "2024-02-01", "day"),
        ("last Monday", "2024-01-29", "day"),
        ("today", "2024-02-05", "day"),
        ("this morning", "2024-02-05", "day"),
        ("tonight", "2024-02-05", "day"),
        ("earlier today", "2024-02-05", "day"),
        ("yesterday", "2024-02-04", "day"),
        ("last night", "2024-02-04", "day"),
        ("two days ago", "2024-02-03", "day"),
        ("in January", "2024-01", "month"),
        ("in mid-January", "2024-01", "month"),
        ("in March", "2023-03", "month"),
        ("last March", "2023-03", "month"),
        ("in February", "2024-02", "month"),
        ("earlier this month", "2024-02", "month"),
        ("last month", "2024-01", "month"),
        ("Sept. 12", "2023-09-12", "day"),
        ("Sep. 12", "2023-09-12", "day"),
        ("September 12", "2023-09-12", "day"),
        ("Jan 3rd", "2024-01-03", "day"),
        ("Feb. 8", "2024-02-08", "day"),  # a few days ahead: same year
        ("12 September", "2023-09-12", "day"),
        ("the 5th of February", "2024-02-05", "day"),
        ("February 5, 2024", "2024-02-05", "day"),
        ("Feb. 5, 2024", "2024-02-05", "day"),
        ("2024-02-05", "2024-02-05", "day"),
        ("5 February 2024", "2024-02-05", "day"),
        ("2/5/2024", "2024-02-05", "day"),
        ("January 2024", "2024-01", "month"),
        ("Aug. 2016", "2016-08", "month"),
        ("in 2012", "2012", "year"),
        ("in early 2012", "2012", "year"),
        ("last year", "2023", "year"),
        ("earlier this year", "2024", "year"),
        ("this week", "2024-02", "month"),  # Feb. 5 only
        ("last week", "2024", "year"),  # Jan. 29 - Feb. 4 crosses a month: the year
        ("over the weekend", "2024-02", "month"),  # Feb. 3-4
    ],
)
def test_resolve_forms(phrase: str, value: str, precision: str) -> None:
    exprs = find_time_expressions(phrase)
    assert len(exprs) == 1, exprs
    assert resolve(exprs[0], SEED_ANCHOR) == (value, precision)


def test_last_week_inside_one_month() -> None:
    (expr,) = find_time_expressions("last week")
    assert resolve(expr, date(2016, 9, 19)) == ("2016-09", "month")


def test_weekday_on_the_same_day_is_the_anchor_and_last_is_a_week_back() -> None:
    friday = date(2024, 2, 2)
    assert resolve(find_time_expressions("Friday")[0], friday) == ("2024-02-02", "day")
    assert resolve(find_time_expressions("last Friday")[0], friday) == ("2024-01-26", "day")


def test_unresolvable() -> None:
    (future,) = find_time_expressions("next Monday")
    assert resolve(future, SEED_ANCHOR) is None
    (impossible,) = find_time_expressions("Feb. 30, 2024")
    assert resolve(impossible, SEED_ANCHOR) is None
    (weekday,) = find_time_expressions("on Friday")
    assert resolve(weekday, None) is None


def test_find_is_lexical_and_settles_overlaps() -> None:
    sentence = "The full interview will premiere on Sept. 30, 2016 on Apple Music."
    (expr,) = find_time_expressions(sentence)
    assert isinstance(expr, TimeExpr)
    assert expr.span.text == "on Sept. 30, 2016"
    assert (expr.kind, expr.year, expr.month, expr.day, expr.preposition) == ("absolute", 2016, 9, 30, "on")


def test_find_respects_start_and_end() -> None:
    text = "On Monday he said it; on Friday she did."
    cut = text.find(";")
    assert [e.span.text for e in find_time_expressions(text, 0, cut)] == ["On Monday"]
    assert [e.span.text for e in find_time_expressions(text, cut)] == ["on Friday"]
