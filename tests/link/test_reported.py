"""Disputes and retreats read from the structure of the reporting sentence."""

from __future__ import annotations

import pytest

from walkback.link.reported import read_dispute, read_retreat
from walkback.link.stance import walkback_cue


@pytest.mark.parametrize(
    ("sentence", "cue", "rule", "words", "np", "whose"),
    [
        ("The senator denied the allegations on Tuesday.", "denied", "reported.deny", None, "the allegations",
         None),
        ("Officials deny any bargaining took place.", "deny", "reported.deny", "any bargaining took place",
         None, None),
        ("He denied groping her.", "denied", "reported.deny", "groping her", None, None),
        ("Jones disputed Smith's account of the meeting.", "disputed", "reported.dispute", None,
         "Smith's account of the meeting", "Smith"),
        ("Lawyers rejected claims by three women that he had harassed them.", "rejected", "reported.dispute",
         "he had harassed them", "claims by three women that he had harassed them", "three women"),
        ('His lawyer called the accusation "categorically untrue."', "called", "reported.call", None,
         "the accusation", None),
        ('Peskov dismissed the report as "some sort of nonsense."', "dismissed", "reported.dispute", None,
         "the report", None),
        ("The campaign pushed back on Clinton's claim that the plan would cost jobs.", "pushed",
         "reported.dispute", "the plan would cost jobs", "Clinton's claim that the plan would cost jobs",
         "Clinton"),
    ],
)  # fmt: skip
def test_a_dispute_and_what_it_is_aimed_at(nlp, sentence, cue, rule, words, np, whose) -> None:  # type: ignore[no-untyped-def]
    found = read_dispute(nlp(sentence), 0)
    assert found is not None
    c, got_rule, got_words, got_np, got_whose, _pronoun = found
    assert (c.text, got_rule, got_words, got_np, got_whose) == (cue, rule, words, np, whose)


@pytest.mark.parametrize(
    "sentence",
    [
        "Grassley denied Merrick Garland a confirmation hearing.",  # an action
        "A motion for a roll-call vote on the rules has since been denied.",  # passive, an action
        "The Senate rejected the bill on Tuesday.",  # an action, not words
        "The senator did not deny the allegations.",
        "She refused to deny the report.",
        "Republicans urged him to dispute the findings.",
        "If he denies the story, the committee will subpoena him.",
        "Delegates questioned how Cruz could turn back on a pledge.",
    ],
)
def test_no_dispute(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert read_dispute(nlp(sentence), 0) is None


def test_a_dispute_word_inside_the_quoted_words_is_not_the_speakers_dispute(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = "“Nothing I do will stop Republicans from denying climate change,” Obama said."
    content = (1, sentence.index("”"))
    assert read_dispute(nlp(sentence), 0, content) is None
    first = "“We categorically deny these allegations,” the company said."
    assert read_dispute(nlp(first), 0, (1, first.index("”"))) is not None


@pytest.mark.parametrize(
    ("sentence", "walker", "words"),
    [
        ("He later walked back his remarks that women should be punished.", "He", "women should be punished"),
        ("Kirby confirmed that he misspoke.", "he", None),
        ("The club manager later clarified his comments about the insurance.", "The club manager",
         "about the insurance"),
        ("Mr. Putin backpedaled on his prediction a year ago that Russia would pull out of its current slump "
         "within two years, and blamed the tumble in oil prices.", "Mr. Putin",
         "Russia would pull out of its current slump within two years"),
    ],
)  # fmt: skip
def test_who_retreats_and_from_which_words(nlp, sentence, walker, words) -> None:  # type: ignore[no-untyped-def]
    cue = walkback_cue(sentence)
    assert cue is not None
    assert read_retreat(nlp(sentence), 0, cue) == (walker, words)


@pytest.mark.parametrize(
    ("sentence", "denied"),
    [
        ("The rules committee report was finalized and denied the change being sought.", None),
        ("Smith denied he was being paid by the campaign.", "he was being paid by the campaign"),
        ("Trump denied that he groped her.", "he groped her"),
    ],
)
def test_a_request_refused_is_no_denial_of_words(nlp, sentence: str, denied: str | None) -> None:  # type: ignore[no-untyped-def]
    found = read_dispute(nlp(sentence), 0)
    assert (found[2] if found else None) == denied


def test_a_judgment_of_someone_elses_words_is_no_walkback() -> None:
    from types import SimpleNamespace

    from walkback.link.reported import _judged_by_another
    from walkback.model import Speaker

    def said_by(name: str, role: str | None = None):  # type: ignore[no-untyped-def]
        return SimpleNamespace(speaker=Speaker(name=name, role=role, kind="person"))

    assert _judged_by_another(said_by("Kazuhiro Aida", "author"), "Biden")
    assert not _judged_by_another(said_by("Hope Hicks", "Trump spokeswoman"), "Trump")
    assert not _judged_by_another(said_by("John Kirby"), "Kirby")
    assert not _judged_by_another(said_by("Hope Hicks"), "the candidate")
    assert not _judged_by_another(said_by("Hope Hicks"), "He")


def test_a_retreat_inside_a_quotation_is_someone_elses_words() -> None:
    from walkback.link.reported import _inside_quotes

    text = "“We thought so,” said Aida. Biden “kind of misspoke. This is not something.”"
    assert _inside_quotes(text, text.index("misspoke"))
    assert not _inside_quotes("Trump later walked back his remarks.", 12)
    assert _inside_quotes('He called it "a walk-back" of sorts.', 15)


def test_prose_sentences_end_before_a_quote_or_bracket_and_at_every_paragraph() -> None:
    from walkback.link.reported import _prose_sentences

    text = (
        "Mr. Putin backpedaled on his prediction. ''After this fall, the indicators slipped,'' he said.\n\n"
        "(In an interview, Mr. Rhodes sought to clarify the comment. He said so.)\n\nthe end"
    )
    got = [text[a:b].strip() for a, b in _prose_sentences(text)]
    assert got == [
        "Mr. Putin backpedaled on his prediction.",
        "''After this fall, the indicators slipped,'' he said.",
        "(In an interview, Mr. Rhodes sought to clarify the comment.",
        "He said so.)",
        "the end",
    ]


def test_the_by_phrase_and_clause_the_parser_hung_elsewhere_belong_to_the_claim_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = (
        "The dean of the journalism school has published a letter strongly disputing accusations by Exxon "
        "Mobil that journalists from the school had produced inaccurate and misleading articles."
    )
    found = read_dispute(nlp(sentence), 0)
    assert found is not None
    _cue, rule, words, np, whose, _pronoun = found
    assert (rule, np, whose) == ("reported.dispute", "accusations", "Exxon Mobil")
    assert words == "journalists from the school had produced inaccurate and misleading articles"
