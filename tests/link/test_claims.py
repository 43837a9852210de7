"""Claims are propositions (issue 12): one person, numbers that agree, one event, a clause."""

from __future__ import annotations

from walkback.link.claims import ClaimOptions, compatible, same_event, same_proposition, summarize
from walkback.link.propositions import Proposition

OPTIONS = ClaimOptions()


# the parse and the reader of test_propositions.py
from test_propositions import read  # noqa: E402


def test_whom_a_statement_is_about(nlp) -> None:  # type: ignore[no-untyped-def]
    christie = read(nlp, "Christie said he would support Donald Trump.", "he would support Donald Trump",
                    speaker_name="Chris Christie", speaker_kind="person")  # fmt: skip
    ryan = read(nlp, "Paul Ryan cannot support Donald Trump yet, the paper said.",
                "Paul Ryan cannot support Donald Trump yet")  # fmt: skip
    kirk = read(nlp, "“I cannot support my party's nominee,” Kirk said.",
                "I cannot support my party's nominee", speaker_name="Mark Kirk", speaker_kind="person",
                quoted=True)  # fmt: skip
    assert (christie.agent, ryan.agent, kirk.agent) == ("christie", "ryan", "kirk")
    junior = read(nlp, "Trump Jr. said he would campaign in Ohio.", "he would campaign in Ohio",
                  speaker_name="Donald Trump Jr.", speaker_kind="person")  # fmt: skip
    assert junior.agent == "trump"  # his surname, not the suffix
    # "he" in the speaker's own quoted words is someone else; "I" in reported words is the reporter's
    other = read(nlp, "“He is a liar,” Rubio said.", "He is a liar", speaker_name="Marco Rubio",
                 speaker_kind="person", quoted=True)  # fmt: skip
    assert other.agent is None
    poll = read(nlp, "A third of voters said they would not vote for Trump.", "they would not vote for Trump",
                speaker_name="A third of voters", speaker_kind="group")  # fmt: skip
    assert poll.agent == "third of voters"  # folded: the article off
    anonymous = read(nlp, "An official said he would resign.", "he would resign", speaker_name="official")
    assert anonymous.agent is None
    assert not same_proposition(christie, ryan, similarity=0.9, days=2, options=OPTIONS)


def test_numbers_that_share_nothing_are_two_things() -> None:
    a = Proposition(predicate="support", numbers=("52 percent",), entities=("clinton",))
    b = Proposition(predicate="support", numbers=("44 percent",), entities=("clinton",))
    c = Proposition(predicate="support", numbers=("52 percent", "33 percent"), entities=("clinton",))
    assert not compatible(a, b) and compatible(a, c) and compatible(a, None)


def test_one_event_or_a_closer_match() -> None:
    notify = Proposition(predicate="notify", terms=("iraq", "notify", "strike"), entities=("iraq",))
    informed = Proposition(predicate="be", terms=("notification", "inform", "iraqis"), entities=("iraq",))
    inform = Proposition(predicate="inform", terms=("inform", "government", "strike"), entities=("iraq",))
    assert same_event(inform, informed, 0.64, OPTIONS)  # "inform" among the other's words
    assert not same_event(notify, inform, 0.66, OPTIONS) and same_event(notify, inform, 0.76, OPTIONS)
    probe = Proposition(predicate="launch", terms=("launch", "probe"), entities=("clinton",))
    found = Proposition(predicate="find", terms=("find", "email"), entities=("clinton",))
    assert not same_proposition(probe, found, similarity=0.66, days=3, options=OPTIONS)  # one topic


def test_a_word_of_the_predicate_s_family_is_one_event() -> None:
    # "Iraq was not notified" and "we did not provide any kind of official pre-notification": the
    # seed's S1 and S13, one event though the predicates differ and the wording is far (0.58)
    notified = Proposition(predicate="notify", terms=("iraq", "notify", "strike"), entities=("iraq",))
    provided = Proposition(predicate="provide", terms=("provide", "kind", "official", "pre-notification"))
    assert same_event(notified, provided, 0.58, OPTIONS)
    # a common beginning is no family: "interview" is not "interfere"
    talk = Proposition(predicate="interview", terms=("interview", "candidate"))
    meddle = Proposition(predicate="interfere", terms=("interfere", "election"))
    assert not same_event(talk, meddle, 0.6, OPTIONS)


def test_a_question_joins_no_claim() -> None:
    asked = Proposition(
        predicate="pay", modality="question", terms=("mexico", "pay", "wall"), entities=("mexico",)
    )
    said = Proposition(predicate="pay", terms=("mexico", "pay", "wall"), entities=("mexico",))
    assert not same_proposition(asked, said, similarity=0.9, days=1, options=OPTIONS)
    assert same_proposition(said, said, similarity=0.9, days=1, options=OPTIONS)


def test_a_noun_phrase_is_no_proposition(nlp) -> None:  # type: ignore[no-untyped-def]
    np = read(
        nlp,
        "Clinton called him Republican front-runner Donald Trump.",
        "Republican front-runner Donald Trump",
    )
    clause = read(
        nlp,
        "Pataki said Trump would drive the party off the cliff.",
        "Trump would drive the party off the cliff",
    )
    assert np.verbal is False and clause.verbal is True
    assert not same_proposition(np, clause, similarity=0.7, days=1, options=OPTIONS)


def test_a_summary_ends_at_a_sentence_not_at_an_abbreviation() -> None:
    assert (
        summarize("Mr. Trump said he would win. Then more.", negative=False) == "Mr. Trump said he would win."
    )
    assert summarize("Clinton has 2.5 million more votes. Next.", negative=False).startswith(
        "Clinton has 2.5 mill"
    )
    assert summarize("The U.S. did inform Iraq. More", negative=False) == "The U.S. did inform Iraq."
