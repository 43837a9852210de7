"""The medium a statement was made through, from real sentences (the seed article and PolNeAR dev).

Offsets are always computed with ``str.find``.
"""

from __future__ import annotations

import re

import pytest

from walkback.extract.medium import MEDIA, RULES, MediumRule, detect_medium


def span_of(text: str, phrase: str) -> tuple[int, int]:
    start = text.find(phrase)
    assert start >= 0, f"{phrase!r} not in {text!r}"
    return start, start + len(phrase)


def medium(sentence: str, content: str | None = None, cue: str | None = None) -> tuple[str, str] | None:
    """(medium, evidence text) for a whole sentence, ``content`` (exact words) excluded."""
    exclude = [span_of(sentence, content)] if content else []
    got = detect_medium(
        sentence, window=(0, len(sentence)), exclude=exclude, cue=span_of(sentence, cue) if cue else None
    )
    if got is None:
        return None
    value, span = got
    assert sentence[span.start : span.end] == span.text
    return value, span.text


REAL = [
    # (sentence, content excluded, expected medium, evidence)
    (  # seed
        "In a call with reporters on Friday, National Security Council spokesman John Kirby had said the US "
        "“did inform the Iraqi government prior to the strikes.”",
        "“did inform the Iraqi government prior to the strikes.”",
        "call with reporters",
        "In a call with reporters",
    ),
    (  # seed
        "In a statement to CNN, Kirby said he “responded with information that I had been provided at the "
        "time” after the strikes on Friday.",
        "he “responded with information that I had been provided at the time” after the strikes on Friday",
        "statement",
        "In a statement",
    ),
    (  # seed
        "“If Iraq is a valued partner, why didn’t you tell them ahead of time that this strike was coming?” "
        "Ryder was asked at a Pentagon briefing on Monday.",
        "“If Iraq is a valued partner, why didn’t you tell them ahead of time that this strike was coming?”",
        "briefing",
        "at a Pentagon briefing",
    ),
    (  # seed
        "“As for this specific response on Friday, there was not a pre-notification. We informed the Iraqis "
        "immediately after the strikes occurred,” State Department deputy spokesperson Vedant Patel said at "
        "a briefing on Monday.",
        "“As for this specific response on Friday, there was not a pre-notification. We informed the Iraqis "
        "immediately after the strikes occurred,”",
        "briefing",
        "at a briefing",
    ),
    (  # seed
        "“The United States’ aggression against Al-Qa’im in Anbar Governorate and other Iraqi border areas "
        "in the west of the country, which resulted in the deaths of many Iraqi citizens, represents a "
        "flagrant violation of Iraq’s sovereignty,” the statement said.",
        "“The United States’ aggression against Al-Qa’im in Anbar Governorate and other Iraqi border areas "
        "in the west of the country, which resulted in the deaths of many Iraqi citizens, represents a "
        "flagrant violation of Iraq’s sovereignty,”",
        "statement",
        "the statement said",
    ),
    (  # nyt 2016-09-08
        '"The White House wanted 60 votes on climate, and they weren\'t interested in Republican votes," '
        "Mr. Alexander said in an interview.",
        '"The White House wanted 60 votes on climate, and they weren\'t interested in Republican votes,"',
        "interview",
        "in an interview",
    ),
    (  # huff-post 2016-10-07
        "“The 13th Amendment has a clause that is a criminality clause,” DuVernay explained in an interview "
        "with The Huffington Post.",
        "“The 13th Amendment has a clause that is a criminality clause,”",
        "interview",
        "in an interview",
    ),
    (  # politico 2016-09-08
        "There's a severe disconnect between this White House and frankly the president and our military,” "
        "Flynn, a top Trump surrogate, said Thursday morning on Fox News’s “Fox and Friends.”",
        "There's a severe disconnect between this White House and frankly the president and our military,”",
        "interview",
        "on Fox News’s “Fox and Friends",
    ),
    (  # wash-post 2016-09-18
        '"We are in such a critical situation in Europe after the referendum in Britain," German '
        "Chancellor Angela Merkel told reporters after the day-long meeting that was held in part on a "
        "pleasure boat that cruised down the Danube.",
        '"We are in such a critical situation in Europe after the referendum in Britain,"',
        "remarks to reporters",
        "told reporters",
    ),
    (  # nyt 2016-09-19
        '"Absolutely hate this framing of the necessity of voting (for Democrats) that places all the blame '
        'on marginalized and young folks," Vann R. Newkirk II, a writer for The Atlantic, said on Twitter.',
        '"Absolutely hate this framing of the necessity of voting (for Democrats) that places all the blame '
        'on marginalized and young folks,"',
        "social media post",
        "on Twitter",
    ),
    (  # breitbart 2016-09-30
        "Trump tweeted that, “For those few people knocking me for tweeting at three o’clock in the morning, "
        "at least you know I will be there, awake, to answer the call!”",
        "“For those few people knocking me for tweeting at three o’clock in the morning, at least you know I "
        "will be there, awake, to answer the call!”",
        "social media post",
        "tweeted",
    ),
    (  # breitbart 2016-09-30
        "Spokeswoman Jessica Ditto said via email that, “Of course Mr. Trump is going to defend himself” "
        "against what the campaign sees as a coordinated attack effort by the media and rival Hillary "
        "Clinton’s campaign.",
        "“Of course Mr. Trump is going to defend himself” against what the campaign sees as a coordinated "
        "attack effort by the media and rival Hillary Clinton’s campaign",
        "email",
        "via email",
    ),
    (  # breitbart 2016-09-30
        "City Attorney Brad Holm said in the letter that the advertisement “unmistakably and wrongfully” "
        "suggests that Phoenix and its officers support Trump’s campaign.",
        "the advertisement “unmistakably and wrongfully” suggests that Phoenix and its officers support "
        "Trump’s campaign",
        "letter",
        "in the letter",
    ),
    (  # wash-post 2016-09-14
        '"This country was founded on the promise of equal rights for all," she said at a recent news '
        "conference announcing that her department was suing North Carolina.",
        '"This country was founded on the promise of equal rights for all,"',
        "press conference",
        "at a recent news conference",
    ),
    (  # breitbart 2016-09-25
        "On this weekend’s broadcast of “Fox News Sunday,” Republican vice-presidential nominee Gov. Mike "
        "Pence (R-IN) said his running mate presidential nominee Donald Trump’s tweet to invite Gennifer "
        "Flowers to Monday night’s debate was only “to mock” Hillary Clinton for inviting Trump critic Mark "
        "Cuban.",
        "his running mate presidential nominee Donald Trump’s tweet to invite Gennifer Flowers to Monday "
        "night’s debate was only “to mock” Hillary Clinton for inviting Trump critic Mark Cuban",
        "interview",
        "of “Fox News Sunday",
    ),
]


@pytest.mark.parametrize(("sentence", "content", "value", "evidence"), REAL)
def test_real_sentences(sentence: str, content: str, value: str, evidence: str) -> None:
    assert medium(sentence, content) == (value, evidence)


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("said at a press briefing", "briefing"),
        ("said at a news conference", "press conference"),
        ("told reporters on a conference call", "call with reporters"),
        ("said in a written statement", "statement"),
        ("said in an emailed statement", "statement"),
        ("told CNN in an interview", "interview"),
        ("said on CNN’s State of the Union", "interview"),
        ("said on Fox News Sunday", "interview"),
        ('said on "Meet the Press"', "interview"),
        ("said in a radio interview", "interview"),
        ("said in a tweet", "social media post"),
        ("wrote on X", "social media post"),
        ("said in a post on Facebook", "social media post"),
        ("wrote on Instagram", "social media post"),
        ("posted on Truth Social", "social media post"),
        ("said in a speech", "speech"),
        ("said at a rally", "speech"),
        ("told supporters", "speech"),
        ("told a crowd", "speech"),
        ("told reporters", "remarks to reporters"),
        ("testified", "testimony"),
        ("said at a hearing", "testimony"),
        ("told lawmakers", "testimony"),
        ("told Congress", "testimony"),
        ("said during the debate", "debate"),
        ("said at the debate", "debate"),
        ("said in an email", "email"),
        ("emailed", "email"),
        ("wrote in an op-ed", "op-ed"),
        ("said in a letter", "letter"),
        ("said on radio", "radio"),
    ],
)
def test_forms(phrase: str, value: str) -> None:
    got = medium(phrase)
    assert got is not None and got[0] == value


@pytest.mark.parametrize(
    "sentence",
    [
        "In the debate over immigration, he said little.",
        "Malcolm X said it first.",
        "The X-ray showed nothing, he said.",
        "On Monday, however, following the State Department briefing, Kirby confirmed that he misspoke.",
        "He said it may be true.",
    ],
)
def test_nothing_to_find(sentence: str) -> None:
    assert medium(sentence) is None


def test_medium_inside_the_content_does_not_count() -> None:
    sentence = "Pence said Trump’s tweet was only “to mock” Clinton."
    assert medium(sentence) == ("social media post", "tweet")
    assert medium(sentence, content="Trump’s tweet was only “to mock” Clinton") is None


def test_a_specific_medium_beats_told_reporters() -> None:
    assert medium("Earnest told reporters at a White House briefing that it was over.") == (
        "briefing",
        "at a White House briefing",
    )


def test_nearest_to_the_cue_when_a_cue_is_given() -> None:
    sentence = "Trump, who spoke at a rally on Friday, tweeted on Saturday that she was disgusting."
    assert medium(sentence, content="she was disgusting") == ("speech", "at a rally")
    assert medium(sentence, content="she was disgusting", cue="tweeted") == ("social media post", "tweeted")


def test_window_limits_the_search() -> None:
    text = "He said it in a speech. She said in a statement that she disagreed."
    second = text.find("She")
    got = detect_medium(text, window=(second, len(text)))
    assert got is not None and got[0] == "statement" and got[1].start > second


def test_rules_are_a_swappable_table() -> None:
    assert {rule.medium for rule in RULES} == set(MEDIA)
    rules = [MediumRule("podcast", re.compile(r"\bon\s+(?:his|her)\s+podcast\b"))]
    sentence = "He said on his podcast that he was leaving."
    got = detect_medium(sentence, window=(0, len(sentence)), rules=rules)
    assert got is not None and got[0] == "podcast"


@pytest.mark.parametrize(
    "sentence",
    [  # PolNeAR dev: the medium words are about something else
        "The revelation that several Hillary Clinton staffers received partial immunity in the FBI email "
        "probe set off another round of partisan fireworks on Friday.",
        "Sanders on Tuesday said he wants to attack four provisions in the tax code that address how real "
        "estate losses are deducted.",
    ],
)
def test_topic_words_are_not_a_medium(sentence: str) -> None:
    assert medium(sentence) is None


def test_an_address_as_an_event_is_a_speech() -> None:
    assert medium("Obama said in his farewell address in Chicago.") == ("speech", "in his farewell address")
    assert medium("He said in an address to the nation that it was over.") == ("speech", "in an address to")
