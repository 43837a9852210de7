"""Stance, flips and walk-back cues, on sentences from real coverage."""

from __future__ import annotations

import pytest

from walkback.link.claims import summarize
from walkback.link.stance import flips, numbers, polarity, walkback_cue


@pytest.mark.parametrize(
    ("text", "negative"),
    [
        ("there was not a pre-notification", True),
        ("we did not provide any kind of official pre-notification with specific details", True),
        ("Iraq was not notified ahead of a series of strikes", True),
        ("the US did inform the Iraqi government prior to the strikes", False),
        ("we had made no secret that we would respond to the attacks", False),  # idiom: asserts
        ("I won't speak for Iraq", True),
        ("He denied that the money was used for the campaign", True),
        ("He never denied that the money was used", False),  # two negations
        ("The discussion was not only about troops but about trade", False),
    ],
)
def test_polarity(text: str, negative: bool) -> None:
    assert polarity(text)[0] is negative


def test_polarity_reads_the_first_sentence_only() -> None:
    assert polarity("As for Friday, there was not a pre-notification. We did inform them after.")[0] is True
    assert polarity("We did inform them after. There was no pre-notification.")[0] is False


def test_flips_names_the_negation_antonyms_and_numbers() -> None:
    reasons = flips("there was not a pre-notification", "the US did inform the Iraqi government")
    assert reasons and reasons[0].startswith("not: there was not a pre-notification")
    assert any(
        r == "antonym: increased / decreased" for r in flips("Crime increased in 2019", "Crime decreased")
    )
    assert "numbers: 12 / 15" in flips("12 soldiers were hurt", "15 soldiers were hurt")
    assert flips("Crime increased", "Crime increased sharply") == []


def test_numbers_are_normalised() -> None:
    assert numbers("1,200 jobs and 3.5% growth in 2019.") == {"1200", "3.5%", "2019"}


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("On Monday, Kirby confirmed that he misspoke.", "misspoke"),
        ("He later walked back his remarks.", "walked back"),
        ("and I regret any confusion caused", "regret any confusion"),
        ("The senator backtracked on Tuesday", "backtracked"),
        ("Trump reversed himself a day later", "reversed himself"),
        ("The ministry retracted the statement", "retracted"),
        ("She corrected her earlier statement", "corrected her earlier statement"),
        ("He apologized the next day, saying it was childish", "apologized the next day"),
        ("this sound bite for which she later apologized", "for which she later apologized"),
    ],
)
def test_walkback_cues(text: str, cue: str) -> None:
    found = walkback_cue(text)
    assert found is not None and found.text == cue
    assert text[found.start : found.end] == cue


@pytest.mark.parametrize(
    "text",
    [
        "Democrats urged him to walk back the remarks.",
        "He refused to walk back his comments.",
        "The White House did not retract the statement.",
        "He has no plans to backtrack.",
        "If he clarifies his position, talks can resume.",
        "The report was correct about the figures.",  # the adjective, not a correction
        "He apologized to the family for the delay.",  # an apology, but for no words of his
    ],
)
def test_cues_that_did_not_happen_are_not_walkbacks(text: str) -> None:
    assert walkback_cue(text) is None


def test_summary_is_the_positive_form_of_a_simple_negation() -> None:
    assert summarize("there was not a pre-notification.", negative=True) == "There was a pre-notification."
    assert summarize("we did not provide any notice", negative=True) == "We did provide any notice"
    # two negations: left as said
    assert summarize("no one did not know", negative=True) == "No one did not know"
    long = " ".join(["word"] * 40)
    assert (
        summarize(long, negative=False).endswith("…") and len(summarize(long, negative=False).split()) == 26
    )


@pytest.mark.parametrize(
    "text",
    [
        "And Trump didn’t apologize for his past statements.",
        "Ivanka Trump's statement didn't clarify the matter",
        "I think we've got to back away from that and say, we",
        "Clarification: An earlier version of this story misstated the rate.",
        # an outlet's note: without its label, the sentence would read as a walk-back ("to clarify")
        "Editor's note: This article was updated to clarify that the senator voted against the bill.",
        "The statement is accurate but needs clarification or additional information",
        "Mr. Trump hardly clarified the matter, treating Mrs. Clinton's remark first as a compliment",
        # seen on train: an outlet's correction told as a sentence, not a speaker walking back
        "Because of an editing error, an article on April 25 about the fleet misstated the plane's age.",
        "An article on Monday about the senator's campaign misidentified his home state.",
        # an accusation that someone else backtracked is not a walk-back by the accuser
        "Clinton slammed the shift as a debate-eve conversion and accused Sanders of a flip-flop.",
        "He accused the governor of backtracking on the pledge.",
    ],
)
def test_false_flags_seen_on_polnear(text: str) -> None:
    assert walkback_cue(text) is None


def test_a_correction_of_the_speakers_words_still_counts() -> None:
    cue = walkback_cue("He later corrected his earlier statement about the article on Monday.")
    assert cue is not None and cue.text.startswith("corrected")


@pytest.mark.parametrize(
    ("text", "walkback"),
    [
        ("Bradley apologized for the columns after they came out", True),
        ("She apologized for her remarks on Tuesday", True),
        ("We made some horrendous mistakes, and I apologize for that", False),  # an action, not words
        ("Clinton has since apologized for what happened", False),
    ],
)
def test_apologies_count_for_words_not_deeds(text: str, walkback: bool) -> None:
    assert (walkback_cue(text) is not None) is walkback


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # PolNeAR train (casebook): the recasting word is often quoted
        (
            "The Republican presidential nominee for the Nov. 8 election later said he was being "
            "“sarcastic” in his comments",
            "being “sarcastic",
        ),
        ("Trump did post on Twitter Friday that his claims were “sarcasm”", "were “sarcasm"),
        (
            "I am troubled by the reaction, from some, to those comments and regret any misunderstanding.",
            "regret any misunderstanding",
        ),
        ("Clark said his comments were mischaracterized", "comments were mischaracterized"),
        (
            "Carson distanced himself from interviews he gave to The Washington Post",
            "distanced himself from interviews",
        ),
    ],
)
def test_recasting_cues(text: str, cue: str) -> None:
    found = walkback_cue(text)
    assert found is not None and found.text == cue


@pytest.mark.parametrize(
    "text",
    [
        "He said the poll numbers were misinterpreted by the press",  # not his own words
        "Critics say his comments were not taken out of context",
        # distancing oneself from people or movements, not from one's words (PolNeAR train)
        "Bolton distanced himself from the NeverTrump movement by saying he would be willing",
        "distanced himself from President George W. Bush because the outgoing president",
    ],
)
def test_recasting_cues_need_words_said_and_no_denial(text: str) -> None:
    assert walkback_cue(text) is None
