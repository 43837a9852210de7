"""Disputes an article reports, end to end: real extraction, the real encoder, a real SQLite file.

Each relation must say who disputes whose words, with the reporting sentence as evidence, resolved in
the same article first, then across articles; words never quoted stand as the report gives them."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.link.test_linking import _ingest

from walkback.store import Store

ACCUSED = """Lawmaker accused of misconduct
A former aide said Senator Tom Harlan groped her at a 2009 holiday party in Columbus.
Harlan denied the allegations on Tuesday. "None of it happened," he told reporters.
"""

PLANT = """Mayor says steel plant will close
Mayor Lisa Ortega said on Monday that the Ridgeway steel plant will close in March, costing 900 jobs.
"""

REBUTTAL = """Steel company answers the mayor
Ridgeway Steel disputed Ortega's claim that the plant will close, saying production would continue.
"""

UNQUOTED = """Talks end without a deal
The two delegations met in Geneva for six hours on Thursday. Officials deny any bargaining took place.
"""

OWN_WORDS = """Mayor changes course
Mayor Lisa Ortega said on Monday that the Ridgeway steel plant will close in March.
On Wednesday Ortega denied that the plant will close, saying a buyer had been found.
"""

NOT_DISPUTED = """Senator faces questions
A former aide said Senator Tom Harlan groped her at a 2009 holiday party in Columbus.
Harlan did not deny the allegations when asked on Tuesday, and said he would cooperate with the inquiry.
"""


@pytest.fixture(scope="module")
def encoder():  # type: ignore[no-untyped-def]
    from walkback.link.embed import get_encoder

    return get_encoder()


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _disputes(store: Store) -> list:  # type: ignore[type-arg]
    return [r for r in store.relations("contradicts") if r.basis == "reported"]


def test_a_denial_answers_the_accusation_in_the_same_article(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [_write(tmp_path, "a.txt", ACCUSED)], encoder, published="2024-03-05")
        found = _disputes(store)
        assert found, "Harlan's denial is flagged"
        r = found[0]
        assert "Harlan" in (r.source.speaker_name or "")
        assert r.target is not None and "groped her" in r.target.statement.content.text
        assert r.rule.startswith("reported.deny") and r.evidence[0] == "denied"
        assert any("Harlan denied the allegations" in e for e in r.evidence)


def test_a_dispute_finds_the_words_in_an_earlier_article(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [_write(tmp_path, "plant.txt", PLANT)], encoder, published="2024-03-04")
        _ingest(store, [_write(tmp_path, "rebuttal.txt", REBUTTAL)], encoder, published="2024-03-06")
        found = _disputes(store)
        assert len(found) == 1
        r = found[0]
        assert r.target is not None and "will close in March" in r.target.statement.content.text
        assert r.target.statement.article_id != r.source.statement.article_id
        assert r.target_speaker == "Ortega"


def test_words_never_quoted_stand_as_the_report_gives_them(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [_write(tmp_path, "talks.txt", UNQUOTED)], encoder, published="2024-03-08")
        found = _disputes(store)
        assert len(found) == 1
        assert found[0].target is None
        assert found[0].target_text == "any bargaining took place"
        assert any("not quoted" in e for e in found[0].evidence)


POINTING_BACK = (
    "Campaign manager fired\n"
    "Mr. Lewandowski was fired with the help of Mr. Trump's adult children, who believed the campaign "
    "manager was trying to spread negative stories about Mr. Kushner.\n"
    "Mr. Lewandowski, now a paid commentator, has denied that that was the case, and he still speaks "
    "with Mr. Trump.\n"
)


def test_words_that_only_point_back_are_the_sentence_before(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    # "that was the case" had been the words disputed: nothing a reader can check
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [_write(tmp_path, "back.txt", POINTING_BACK)], encoder, published="2016-08-18")
        found = _disputes(store)
        assert len(found) == 1 and found[0].target is None
        assert found[0].target_text is not None
        assert "spread negative stories about Mr. Kushner" in found[0].target_text
        assert any("the sentences before" in e for e in found[0].evidence)


BOTH = (
    "Assange case reopened\n"
    "After the arrest, a lawyer for the woman asked for the rape investigation to be resumed.\n\n"
    "The journalist had also faced a probe over a second allegation, which was dropped in 2015.\n\n"
    "Assange has denied both allegations.\n"
)


def test_both_take_the_two_sentences_before_across_paragraphs(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [_write(tmp_path, "both.txt", BOTH)], encoder, published="2019-11-20")
        found = _disputes(store)
        assert len(found) == 1 and found[0].target is None and found[0].target_text is not None
        assert "rape investigation" in found[0].target_text and "second allegation" in found[0].target_text


def test_a_denial_that_did_not_happen_is_no_flag(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [_write(tmp_path, "b.txt", NOT_DISPUTED)], encoder, published="2024-03-05")
        assert _disputes(store) == []


def test_denying_ones_own_words_is_no_dispute_with_someone_else(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [_write(tmp_path, "own.txt", OWN_WORDS)], encoder, published="2024-03-06")
        assert _disputes(store) == []


JOKING = """Coach praises veteran
Vogel said the veteran was playing terrific basketball on Tuesday.
"Coach came in and said congratulations, and I thought he was joking," the veteran said.
"""


def test_a_walkback_word_under_a_verb_of_thinking_is_no_walkback(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [_write(tmp_path, "joke.txt", JOKING)], encoder, published="2024-03-06")
        assert store.relations("walkback") == []


POINTING = """Senators trade charges over border bill
Senator Ted Cruz said Senator Marco Rubio had opposed every amendment to strengthen border security.
Senator Marco Rubio pushed back on those claims on Sunday, saying he had voted for tougher border rules.
"""


def test_those_claims_are_the_words_told_shortly_before(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [_write(tmp_path, "p.txt", POINTING)], encoder, published="2024-03-05")
        found = _disputes(store)
        assert len(found) == 1, [(r.rule, r.target_text) for r in found]
        r = found[0]
        assert "Rubio" in (r.source.speaker_name or "") and r.rule == "reported.dispute:turn"
        assert r.target is not None and "opposed every amendment" in r.target.statement.content.text


def test_pointing_words_find_the_words_answered_shortly_before() -> None:
    from walkback.link.targets import _anaphoric

    assert _anaphoric("those claims") and _anaphoric("their account") and _anaphoric("the allegation")
    assert not _anaphoric("claims") and not _anaphoric("the claim that he lied about the war in Iraq")


RELATIVE = (
    "County vote under fire\n"
    "Mayor Dan Pruitt won all 14 seats on Saturday. Jack Moreno has complained that the count had been "
    '"rigged" against him, a charge that county election officials strongly denied, noting that they had '
    "used the same system since 2004.\n"
)


MISREAD = (
    "Aide sues committee\n"
    "Dan Moreno, a former aide, sued the committee on Monday. Moreno further alleges that he was fired "
    "for taking time off to fulfill his military duties, a claim that the chairman's office strongly "
    "disputes.\n"
)


@pytest.mark.parametrize(
    ("text", "disputer", "verb", "whose", "words"),
    [
        # PolNeAR train: "…, a charge that Colorado Republican leaders strongly denied" was no
        # statement at all; the denied words were the complainer's, with the comment on them run in
        (RELATIVE, "election officials", "denied", "Jack Moreno", 'the count had been "rigged" against him'),
        # PolNeAR train: the tagger read "disputes" in "a claim that Gowdy's office strongly disputes"
        # as a noun (a clause on "claim"), and the office's dispute was no statement
        (
            MISREAD,
            "office",
            "disputes",
            "Dan Moreno",
            "he was fired for taking time off to fulfill his military duties",
        ),
    ],
)
def test_a_charge_that_someone_denied_is_their_dispute(  # type: ignore[no-untyped-def]
    tmp_path: Path, encoder, text: str, disputer: str, verb: str, whose: str, words: str
) -> None:
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [_write(tmp_path, "r.txt", text)], encoder, published="2016-04-17")
        found = _disputes(store)
        assert len(found) == 1
        r = found[0]
        assert disputer in (r.source.speaker_name or "")
        assert r.target is not None and r.target.statement.speaker.name == whose
        assert r.target.statement.content.text == words
        assert r.rule.startswith("reported.deny" if verb == "denied" else "reported.dispute")
        assert r.evidence[0] == verb


REPLY = """Mayor and steelmaker clash over plant
Mayor Lisa Ortega said on Monday that the Ridgeway steel plant will close in March.
"That is simply not true," Dan Reyes, the chief executive of Ridgeway Steel, said on Tuesday.
"""

ELABORATES = """Mayor defends her plan
Mayor Lisa Ortega said on Monday that the Ridgeway steel plant will close in March.
"The plan is sound. It is nonsense to wait any longer," Ortega said.
"""


def test_a_dismissal_opening_a_reply_answers_the_words_told_just_before(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [_write(tmp_path, "reply.txt", REPLY)], encoder, published="2024-03-06")
        found = _disputes(store)
        assert len(found) == 1, [(r.rule, r.target_text) for r in found]
        r = found[0]
        assert r.rule == "reported.dismissal:adjacent" and "Reyes" in (r.source.speaker_name or "")
        assert r.target is not None and "Ortega" in (r.target.speaker_name or "")
        assert "plant will close" in r.target.statement.content.text


def test_a_dismissal_inside_ones_own_words_answers_nobody(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [_write(tmp_path, "own.txt", ELABORATES)], encoder, published="2024-03-06")
        assert _disputes(store) == []


TURN = """Aide's account disputed
A former aide, Maria Lopez, said Senator Tom Harlan shouted at her during a budget meeting in May.
Harlan has denied that that was the case.
"""

OWN_TURN = """Senator answers questions
Senator Tom Harlan said on Monday that the budget would pass by June.
Harlan later denied that it happened.
"""


def test_a_denial_naming_nothing_answers_the_last_turn_of_another_speaker(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [_write(tmp_path, "turn.txt", TURN)], encoder, published="2024-03-06")
        found = _disputes(store)
        assert len(found) == 1, [(r.rule, r.target_text) for r in found]
        r = found[0]
        assert r.rule == "reported.deny:turn" and "Harlan" in (r.source.speaker_name or "")
        assert r.target is not None and "shouted at her" in r.target.statement.content.text


def test_a_denial_after_ones_own_words_is_paired_with_nothing(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [_write(tmp_path, "own.txt", OWN_TURN)], encoder, published="2024-03-06")
        assert all(r.target is None or r.rule.endswith(":not quoted") for r in _disputes(store))
        assert not any(r.rule.endswith(":turn") for r in _disputes(store))


def test_took_issue_with_reads_what_was_taken_issue_with() -> None:
    from walkback.extract.nlp import load_pipeline
    from walkback.link.reported import read_dispute

    nlp = load_pipeline()
    found = read_dispute(nlp("Sanders took issue with Clinton's claim that he was not qualified."), 0)
    assert found is not None
    cue, rule, text, np_, whose, pronoun = found
    assert cue.text == "took" and rule == "reported.dispute" and whose == "Clinton"
    assert text == "he was not qualified" and not pronoun
    assert read_dispute(nlp("Sanders took issue with the weather in Iowa."), 0) is None


def test_people_named_by_what_they_say_are_disputed_for_those_words() -> None:
    from walkback.extract.nlp import load_pipeline
    from walkback.link.reported import read_dispute

    nlp = load_pipeline()
    found = read_dispute(nlp("The mayor pushed back against critics who say the plant is unsafe."), 0)
    assert found is not None and found[2] == "the plant is unsafe"
    assert read_dispute(nlp("Ortega rejected the bill that lawmakers passed."), 0) is None
    assert read_dispute(nlp("Ortega rejected critics of the plan."), 0) is None


def test_a_claim_whose_subject_is_a_gerund_is_read_whole() -> None:
    # the parser took "that" for the gerund's subject and hung "made the city less safe" on "rejected"
    from walkback.extract.nlp import load_pipeline
    from walkback.link.reported import read_dispute

    nlp = load_pipeline()
    found = read_dispute(
        nlp(
            "Mayor Bill de Blasio rejected criticism from Republican presidential candidate Donald Trump "
            "that shutting down a controversial intelligence-gathering unit within the New York Police "
            "Department made the city less safe."
        ),
        0,
    )
    assert found is not None
    assert found[2] == (
        "shutting down a controversial intelligence-gathering unit within the New York Police Department "
        "made the city less safe"
    )
    assert found[4] == "Republican presidential candidate Donald Trump"
    # a relative clause stays one: no words after it join
    found = read_dispute(nlp("Ortega dismissed the claims that circulated online, and left."), 0)
    assert found is None or found[2] is None
    # only the complementiser is dropped, not a "that" subject after it
    found = read_dispute(nlp("He rejected claims that that was the case."), 0)
    assert found is not None and found[2] == "that was the case"


EMBEDDED = (
    "Diplomat looks back\n"
    "Ambassador Peter Lyle praised the president on Friday.\n"
    "Lyle also mused about the race, pushing back against candidates — like senator Mark Dunn — who "
    "say the country is in decline.\n"
    '"I don\'t think the country is in decline at all," he said.\n'
)

NAMED_OTHER = (
    "Chair answers the senator\n"
    "Senator Ann Ruiz said on Monday that the party's fundraising rules are fair to every candidate.\n"
    "Party chair Tom Wells dismissed Senator Bo Kent's accusations that the party's fundraising rules "
    "are unfair to his campaign.\n"
)


def test_the_words_told_inside_what_is_disputed_are_its_target(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    # "pushing back against candidates — like X — who say Y": Y, X's words, in the report's own sentence
    # (pieces of one sentence are otherwise never paired); and the disputer's own "I don't think …"
    # after the report does not make it a retreat from his own words
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [_write(tmp_path, "e.txt", EMBEDDED)], encoder, published="2024-03-05")
        found = _disputes(store)
        assert len(found) == 1
        r = found[0]
        assert "Lyle" in (r.source.speaker_name or "") and r.rule == "reported.dispute:embedded"
        assert r.target is not None and r.target.statement.content.text == "the country is in decline"
        assert "Dunn" in (r.target.speaker_name or r.target.statement.speaker.name or "")


def test_similar_words_of_another_than_the_one_named_are_not_the_target(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    # the report names Kent's accusations; Ruiz's words on the same rules are not them
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [_write(tmp_path, "n.txt", NAMED_OTHER)], encoder, published="2024-03-05")
        found = _disputes(store)
        assert found and all(r.target is None for r in found)
        assert found[0].target_speaker and "Kent" in found[0].target_speaker
        assert "unfair to his campaign" in (found[0].target_text or "")


RALLY = (
    "Candidate reacts to rally fight\n"
    "On the same day that footage emerged of a supporter at a Dunn rally punching a protester, Mark Dunn "
    "said of the fight, \"I don't like it,\" adding that the crowd had anger that's unbelievable.\n"
)

FEES = (
    "Dunn changes course on legal fees\n"
    "Dunn earlier Tuesday backed away from a suggestion that he might cover legal costs for a supporter "
    "who was caught on video punching a protester. Dunn at the time said he had asked his people to look "
    "into paying the legal fees for the supporter.\n"
)


def test_a_retreat_credited_to_the_words_it_takes_back_pairs_no_other_words(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    # the prose retreat is credited to the statement right after it, which holds the words taken back:
    # neither a piece of that statement nor the candidate's words on the same fight in another article
    # are what he backed away from (both had been paired)
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [_write(tmp_path, "rally.txt", RALLY)], encoder, published="2024-03-12")
        _ingest(store, [_write(tmp_path, "fees.txt", FEES)], encoder, published="2024-03-15")
        assert store.relations("walkback") == []


def _disputes_of(tmp_path: Path, encoder, text: str) -> list:  # type: ignore[no-untyped-def,type-arg]
    """The reported disputes of one short article, ingested alone."""
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [_write(tmp_path, "a.txt", text)], encoder, published="2024-03-05")
        return _disputes(store)


CONTRASTED = (
    "Candidate's speeches\n"
    "The Daily Ledger reported in October that Harlan's speaking agency advertised his availability for "
    "paid events, but Harlan's campaign denied that he would be accepting new engagements.\n"
)


def test_a_denial_set_against_a_report_in_its_own_sentence_answers_that_report(
    tmp_path: Path, encoder
) -> None:  # type: ignore[no-untyped-def]
    (r,) = _disputes_of(tmp_path, encoder, CONTRASTED)
    assert r.rule == "reported.deny:contrast"
    assert r.target is not None and "advertised his availability" in r.target.statement.content.text
    assert "Ledger" in (r.target.speaker_name or r.target.statement.speaker.name or "")


PROPOSAL = (
    "Debate fight\n"
    "Senator Tom Harlan accused Ortega of ducking the debates.\n"
    "Ortega proposed a debate in Albany on the evening of April 4 - but the Harlan campaign rejected the "
    'idea as "ludicrous" because the basketball final would be played that night.\n'
)


def test_a_proposal_turned_down_is_no_claim_disputed_nor_ones_own_side(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    found = _disputes_of(tmp_path, encoder, PROPOSAL)
    assert not any(r.rule.endswith(":contrast") for r in found)
    # nor does the Harlan campaign dispute Harlan's own words told just before: one side
    sides = [
        (r.source.speaker_name or "", r.target.speaker_name or "") for r in found if r.target is not None
    ]
    assert not [pair for pair in sides if "Harlan" in pair[0] and "Harlan" in pair[1]]


ACCUSATION = (
    "Lawsuits over a school\n"
    "Two class action lawsuits accused Harlan University of using deceptive practices with its students.\n"
    "A federal judge said Harlan had emerged as a leading candidate while the cases were pending. Harlan "
    "and his attorneys have denied the fraud claims, pointing to high ratings from students.\n"
)


def test_denied_claims_are_the_accusation_not_any_words_about_the_disputer(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    (r,) = [r for r in _disputes_of(tmp_path, encoder, ACCUSATION) if "fraud claims" in " ".join(r.evidence)]
    assert r.target is not None and "deceptive practices" in r.target.statement.content.text


OUTLET_REPORT = (
    "Schedules and donors\n"
    "The Ledger reported that, according to its review of her calendar, 85 of the 154 meetings Ms. Ortega "
    "held with private citizens were with donors to her foundation.\n"
    "Ortega spokesman Tom Reyes said the Ledger report is misleading because the mayor will unveil a new "
    "transit plan for the eastern districts at a rally with union leaders and bus drivers next week.\n"
)


def test_an_outlets_report_called_misleading_is_what_the_outlet_reported(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    found = [
        r for r in _disputes_of(tmp_path, encoder, OUTLET_REPORT) if "Reyes" in (r.source.speaker_name or "")
    ]
    assert len(found) == 1, "however far its wording, what the Ledger reported is the target"
    r = found[0]
    assert r.target is not None and "154 meetings" in r.target.statement.content.text
