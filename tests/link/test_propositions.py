"""Propositions read from a parse: the main predicate's polarity, modality, names, dismissals."""

from __future__ import annotations

import pytest

from walkback.link.propositions import Proposition, fold_entity, proposition_of


def read(nlp, sentence: str, content: str, **kw) -> Proposition:  # type: ignore[no-untyped-def]
    doc = nlp(sentence)
    start = sentence.index(content)
    return proposition_of(doc, start, start + len(content), **kw)


@pytest.mark.parametrize(
    ("sentence", "content", "predicate", "negated"),
    [
        (
            "Kirby said the US did inform the Iraqi government prior to the strikes.",
            "the US did inform the Iraqi government prior to the strikes",
            "inform",
            False,
        ),
        (
            "“As for this specific response on Friday, there was not a pre-notification,” Patel said.",
            "As for this specific response on Friday, there was not a pre-notification",
            "be",
            True,
        ),
        ("“Nobody was told about the strikes,” he said.", "Nobody was told about the strikes", "tell", True),
        ("He said there was no agreement.", "there was no agreement", "be", True),
        (
            "The officials refused to confirm the report.",
            "The officials refused to confirm the report",
            "confirm",
            True,
        ),
        (  # "not only" adds, it does not deny
            "“The interesting thing is not only the detection of water,” he said.",
            "The interesting thing is not only the detection of water",
            "be",
            False,
        ),
    ],
)
def test_the_main_predicate_and_its_own_negation(nlp, sentence, content, predicate, negated) -> None:  # type: ignore[no-untyped-def]
    p = read(nlp, sentence, content)
    assert (p.predicate, p.negated, p.modality) == (predicate, negated, None)


def test_a_negation_in_a_relative_clause_is_not_the_propositions() -> None:
    from walkback.extract.nlp import load_pipeline

    p = read(
        load_pipeline(),
        "The family demanded video of the shooting, which the police have not released.",
        "video of the shooting, which the police have not released",
    )
    assert not p.negated


@pytest.mark.parametrize(
    ("sentence", "content", "modality"),
    [
        # a negated frame verb hedges what it carries: the false flags
        (
            "He said he did not know that the money was missing.",
            "he did not know that the money was missing",
            "hedged",
        ),
        (
            "“Nobody should think there is a free pass,” he said.",
            "Nobody should think there is a free pass",
            "hedged",
        ),
        (
            "“That would not prove all that consequential,” she said.",
            "That would not prove all that consequential",
            "hedged",
        ),
        ("“If we win, we will cut taxes,” he said.", "If we win, we will cut taxes", "conditional"),
        ("“Did you inform them?” a reporter asked.", "Did you inform them?", "question"),
    ],
)
def test_what_is_not_asserted(nlp, sentence, content, modality) -> None:  # type: ignore[no-untyped-def]
    p = read(nlp, sentence, content)
    assert p.modality == modality
    assert not p.asserted


@pytest.mark.parametrize(
    ("sentence", "content", "word", "aimed_at"),
    [
        ("“That is not true,” Smith said.", "That is not true", "not true", "That"),
        ("“They are all false,” the lawyer said.", "They are all false", "false", "They"),
        ("“The story is nonsense,” he said.", "The story is nonsense", "nonsense", "The story"),
        (
            "“That is a false equivalency!” Maher replied.",
            "That is a false equivalency!",
            "false equivalency",
            "That",
        ),
    ],
)
def test_a_dismissal_and_what_it_is_aimed_at(nlp, sentence, content, word, aimed_at) -> None:  # type: ignore[no-untyped-def]
    p = read(nlp, sentence, content)
    assert (p.dismissal, p.dismissed) == (word, aimed_at)


@pytest.mark.parametrize(
    ("sentence", "content", "word", "whose"),
    [
        (
            "“Fields had fabricated the story,” Trump said.",
            "Fields had fabricated the story",
            "fabricated",
            "Fields",
        ),
        ("“Trump is a liar,” Sanders said.", "Trump is a liar", "liar", "Trump"),
        (
            'Frazier said that Rubio\'s claim that Cruz favors amnesty is "simply not true."',
            'Rubio\'s claim that Cruz favors amnesty is "simply not true."',
            "not true",
            "Rubio",
        ),
        ("Fallon said the AP report is misleading.", "the AP report is misleading", "misleading", "AP"),
        (
            "Garten said Nunberg was looking for publicity using categorically false claims.",
            "Nunberg was looking for publicity using categorically false claims",
            "false",
            "Nunberg",
        ),
    ],
)
def test_a_dismissal_of_someones_words(nlp, sentence, content, word, whose) -> None:  # type: ignore[no-untyped-def]
    p = read(nlp, sentence, content)
    assert (p.dismissal, p.dismissed_speaker) == (word, whose)


def test_made_up(nlp) -> None:  # type: ignore[no-untyped-def]
    p = read(nlp, "“This was, in my opinion, made up,” Trump told CNN.", "This was, in my opinion, made up")
    assert (p.dismissal, p.dismissed) == ("made up", "This")


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        # a dismissal word that is not the predicate, or aimed at no one's words
        ("“Trump tells so many lies,” Mook said.", "Trump tells so many lies"),
        ("“This just isn't right,” Warren said.", "This just isn't right"),
        ("“Half of his medical advice is wrong,” the journal said.", "Half of his medical advice is wrong"),
        # PolNeAR train: people deceived, no words called false
        ("Students have alleged they were misled and defrauded.", "they were misled and defrauded"),
    ],
)
def test_no_dismissal(nlp, sentence, content) -> None:  # type: ignore[no-untyped-def]
    assert read(nlp, sentence, content).dismissal is None


def test_names_fold_demonyms_and_leave_the_speaker_out_of_the_context(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = "Kirby said the Iraqi government was told before the strikes on Iran-backed militias."
    content = "the Iraqi government was told before the strikes on Iran-backed militias"
    p = read(nlp, sentence, content, speaker=(0, 5), speaker_name="John Kirby", headline=("united states",))
    assert "iraq" in p.names() and "iran" in p.names()
    assert "kirby" not in p.context and "united states" in p.context
    assert fold_entity("U.S.") == fold_entity("the United States") == "united states"
    assert fold_entity("Iraqi") == fold_entity("Iraq")


def test_a_proposition_survives_json(nlp) -> None:  # type: ignore[no-untyped-def]
    p = read(nlp, "He said 12 people were killed in Gaza.", "12 people were killed in Gaza")
    assert Proposition.from_json(p.to_json()) == p
    assert "12 people" in p.numbers


def test_a_statement_in_pieces_is_read_from_its_first_piece(nlp) -> None:  # type: ignore[no-untyped-def]
    # PolNeAR train: the cue between the pieces ("Maher replied") was the predicate, and the question
    # of the second piece made the dismissal of the first a question
    sentence = "“That is a false equivalency!” Maher replied. “How many attacks have there been?”"
    doc = nlp(sentence)
    start = sentence.find("That")
    end = sentence.rfind("?") + 1
    first = (start, sentence.find("!") + 1)
    whole = proposition_of(doc, start, end)
    p = proposition_of(doc, start, end, first=first)
    assert p.dismissal == "false equivalency" and p.modality is None
    assert whole.modality == "question"
