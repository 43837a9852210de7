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
    # two coordinated are both, not one of them: Pence's "Donald Trump and I" is not Trump alone
    both = read(nlp, "“Donald Trump and I are both going to release our tax returns,” Pence said.",
                "Donald Trump and I are both going to release our tax returns", speaker_name="Mike Pence",
                speaker_kind="person", quoted=True)  # fmt: skip
    alone = read(nlp, "Pence said Donald Trump will release his tax returns after an audit.",
                 "Donald Trump will release his tax returns after an audit")  # fmt: skip
    assert both.agent == "pence and trump" and alone.agent == "trump" and not compatible(both, alone)


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
    assert not same_event(notify, inform, 0.66, OPTIONS) and same_event(notify, inform, 0.86, OPTIONS)
    # two full verbs at 0.76: one event only when the verbs are kin in meaning
    kin = {frozenset({"notify", "inform"}): 0.51, frozenset({"prefer", "try"}): 0.37}
    near = lambda a, b: kin[frozenset({a, b})]  # noqa: E731
    assert not same_event(notify, inform, 0.76, OPTIONS) and same_event(notify, inform, 0.76, OPTIONS, near)
    prefer = Proposition(predicate="prefer", terms=("prefer", "democrat", "cruz"), entities=("cruz",))
    tried = Proposition(predicate="try", terms=("try", "peace", "cruz"), entities=("cruz",))
    assert not same_event(prefer, tried, 0.74, OPTIONS, near)  # two acts however alike the words
    # a light predicate beside a full verb it does not carry: one event only when nearly the same
    assert not same_event(informed, tried, 0.74, OPTIONS, near) and same_event(informed, tried, 0.86, OPTIONS)
    there = Proposition(predicate="be", terms=("notification", "iraq"), entities=("iraq",))
    assert same_event(informed, there, 0.74, OPTIONS)  # two light predicates: the nouns, the closeness
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


def test_the_other_s_subject_is_no_event_of_the_predicate(nlp) -> None:  # type: ignore[no-untyped-def]
    # Ryan "will support the party's nominee" and strategists' "that support will fall further":
    # "support" is what falls, no event of supporting (they were one claim on PolNeAR train)
    ryan = read(nlp, "Ryan said he will support the party's nominee.", "he will support the party's nominee",
                speaker_name="Paul Ryan", speaker_kind="person")  # fmt: skip
    fall = read(nlp, "GOP strategists said that support will fall further if Trump is the nominee.",
                "that support will fall further if Trump is the nominee")  # fmt: skip
    assert "support" in fall.terms and fall.predicate == "fall"
    assert not same_event(ryan, fall, 0.69, OPTIONS) and same_event(ryan, fall, 0.86, OPTIONS)
    # an object's words still count: "provide any kind of official pre-notification" is notifying
    provided = read(nlp, "“We did not provide any kind of official pre-notification,” Miller said.",
                    "We did not provide any kind of official pre-notification", quoted=True)  # fmt: skip
    notified = read(
        nlp,
        "Iraq was not notified of the strikes, the official said.",
        "Iraq was not notified of the strikes",
    )
    assert same_event(notified, provided, 0.58, OPTIONS)


def test_one_predicate_acting_on_two_named_things_is_two_claims(nlp) -> None:  # type: ignore[no-untyped-def]
    # "520 superdelegates support Clinton" and "Jeb Bush plans to actively support Cruz" (one claim on
    # PolNeAR train, with Christie's support for Trump)
    clinton = read(nlp, "The superdelegates said they support Clinton.", "they support Clinton")
    cruz = read(
        nlp, "Aides said Bush plans to actively support Ted Cruz.", "Bush plans to actively support Ted Cruz"
    )
    trump = read(
        nlp, "Christie said he would support the Trump campaign.", "he would support the Trump campaign"
    )
    assert clinton.objects == ("clinton",) and "ted cruz" in cruz.objects and "trump" in trump.objects
    assert not compatible(clinton, cruz) and not compatible(cruz, trump)
    again = read(nlp, "Sanders said the party will support Hillary Clinton in November.",
                 "the party will support Hillary Clinton in November")  # fmt: skip
    assert compatible(clinton, again)  # "Clinton" is "Hillary Clinton"
    nominee = read(
        nlp, "Ryan said he will support the party's nominee.", "he will support the party's nominee"
    )
    assert nominee.objects == () and compatible(nominee, cruz)  # nothing named: nothing to tell apart
    # the subject is not what the predicate acts on
    iraq = read(nlp, "Officials said Iraq condemned the strikes.", "Iraq condemned the strikes")
    assert iraq.objects == () and iraq.heads == ("iraq",)


def test_two_noun_subjects_with_no_head_word_in_common_are_two_claims(nlp) -> None:  # type: ignore[no-untyped-def]
    # one claim on PolNeAR train: teachers' union members, the party, Democrats, each supporting Clinton
    members = read(nlp, "The union said a strong majority of members support Clinton.",
                   "a strong majority of members support Clinton")  # fmt: skip
    party = read(nlp, "Sanders said the party must support Clinton.", "the party must support Clinton")
    democrats = read(nlp, "The poll found 73 percent of Democrats now support Clinton.",
                     "73 percent of Democrats now support Clinton")  # fmt: skip
    assert members.heads == ("member",) and "democrat" in democrats.heads  # what a part counts
    assert not compatible(members, party) and not compatible(party, democrats)
    # one thing named two ways, and a pronoun (nothing to compare), stay compatible
    government = read(
        nlp, "Officials said the Iraqi government was not informed.", "the Iraqi government was not informed"
    )
    iraq = read(nlp, "Officials said Iraq was not notified.", "Iraq was not notified")
    we = read(
        nlp,
        "“We did inform the Iraqi government,” Kirby said.",
        "We did inform the Iraqi government",
        quoted=True,
    )
    assert compatible(government, iraq) and we.heads == () and compatible(we, government)
    meetings = read(
        nlp, "AP found 85 of the 154 meetings were with donors.", "85 of the 154 meetings were with donors"
    )
    half = read(nlp, "AP found more than half of Clinton's meetings were with donors.",
                "more than half of Clinton's meetings were with donors")  # fmt: skip
    assert meetings.heads == half.heads == ("meeting",)


def test_a_passive_subject_is_what_is_acted_on(nlp) -> None:  # type: ignore[no-untyped-def]
    # the seed: "Iraq was not notified" and "the US did inform the Iraqi government" are one claim
    iraq = read(nlp, "Officials said Iraq was not notified.", "Iraq was not notified")
    us = read(
        nlp, "Kirby said the US did inform the Iraqi government.", "the US did inform the Iraqi government"
    )
    assert iraq.heads == () and "iraq" in iraq.objects and "iraq" in " ".join(us.objects)
    assert compatible(iraq, us)
    by = read(nlp, "Aides said the funds were approved by the board.", "the funds were approved by the board")
    assert by.heads == ("board",)


def test_a_person_and_a_noun_subject_are_two_doers(nlp) -> None:  # type: ignore[no-untyped-def]
    ryan = read(nlp, "Ryan said he will support the party's nominee.", "he will support the party's nominee",
                speaker_name="Paul Ryan", speaker_kind="person")  # fmt: skip
    party = read(nlp, "Sanders said the party must support Clinton.", "the party must support Clinton",
                 speaker_name="Bernie Sanders", speaker_kind="person")  # fmt: skip
    assert ryan.agent == "ryan" and party.heads == ("party",) and not compatible(ryan, party)
    again = read(
        nlp,
        "Paul Ryan cannot support Donald Trump yet, the paper said.",
        "Paul Ryan cannot support Donald Trump yet",
    )
    assert compatible(ryan, again)  # one person


def test_an_act_named_without_a_doer_joins_no_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    # "to ban Muslims from entering the U.S." and "banning all Muslims …" (a topic's fragments that
    # held Trump's proposal, exit polls and Clinton's condemnation together on PolNeAR train)
    to_ban = read(
        nlp,
        "Trump called for a plan to ban Muslims from entering the U.S.",
        "to ban Muslims from entering the U.S.",
    )
    banning = read(nlp, "He proposed banning all Muslims from entering the United States.",
                   "banning all Muslims from entering the United States")  # fmt: skip
    slogan = read(nlp, "His hat read “Make America Great Again.”", "Make America Great Again", quoted=True)
    assert to_ban.verbal is False and banning.verbal is False and slogan.verbal is False
    assert not same_proposition(to_ban, banning, similarity=0.95, days=1, options=OPTIONS)
    # a subject, a modal or a frame makes it said of someone
    for sentence, content in [
        ("He said there should be a temporary ban on Muslims.", "there should be a temporary ban on Muslims"),
        (
            "Trump said he wanted to kill the families of terrorists.",
            "he wanted to kill the families of terrorists",
        ),
        ("He said Mexico will pay for the wall.", "Mexico will pay for the wall"),
    ]:
        assert read(nlp, sentence, content).verbal is not False, content


def test_a_subject_hung_on_a_coordinated_auxiliary(nlp) -> None:  # type: ignore[no-untyped-def]
    # Kirk's "I cannot and will not support my party's nominee" had no subject, so no agent, and
    # joined Ryan's claim about supporting the nominee (PolNeAR train)
    kirk = read(nlp, "''I cannot and will not support my party's nominee for president,'' said Mark S. Kirk.",
                "I cannot and will not support my party's nominee for president", speaker_name="Mark Kirk",
                speaker_kind="person", quoted=True)  # fmt: skip
    ryan = read(nlp, "Ryan said he will support the party's nominee.", "he will support the party's nominee",
                speaker_name="Paul Ryan", speaker_kind="person")  # fmt: skip
    assert kirk.agent == "kirk" and not compatible(kirk, ryan)


def test_a_semi_modal_says_when_not_what(nlp) -> None:  # type: ignore[no-untyped-def]
    # "going to", "have to": the act is the infinitive's, with the subject and the negation of the verb
    going = read(nlp, "He said Clinton is not going to win Ohio.", "Clinton is not going to win Ohio")
    assert (going.predicate, going.negated, going.agent) == ("win", True, "clinton")
    have = read(nlp, "Sanders said he will have to vote for Clinton.", "he will have to vote for Clinton",
                speaker_name="Bernie Sanders", speaker_kind="person")  # fmt: skip
    assert (have.predicate, have.agent, have.objects) == ("vote", "sanders", ("clinton",))
    trip = read(nlp, "He said he is going to Ohio tomorrow.", "he is going to Ohio tomorrow")
    assert trip.predicate == "go"  # a journey, not a semi-modal


def test_a_subject_before_the_quotation_marks_is_the_reporters(nlp) -> None:  # type: ignore[no-untyped-def]
    # 'he “may yet have to vote for her …”': he is the speaker (Cross), not someone in his words
    cross = read(
        nlp,
        "Richard Cross said he “may yet have to vote for her because of my own party's nominee.”",
        "he “may yet have to vote for her because of my own party's nominee.”",
        speaker_name="Richard Cross", speaker_kind="person", quoted=True,
    )  # fmt: skip
    assert cross.agent == "cross"
    inside = read(nlp, "Rubio said “he is a liar.”", "“he is a liar.”", speaker_name="Marco Rubio",
                  speaker_kind="person", quoted=True)  # fmt: skip
    assert inside.agent is None


def test_a_claim_member_must_agree_with_every_member_on_doer_and_thing_done(nlp) -> None:  # type: ignore[no-untyped-def]
    from walkback.link.claims import may_share_claim

    careless = read(
        nlp, "The FBI said Clinton had been extremely careless.", "Clinton had been extremely careless"
    )
    charges = read(nlp, "The FBI said no reasonable prosecutor would bring charges.",
                   "no reasonable prosecutor would bring charges")  # fmt: skip
    assert not may_share_claim(careless, charges, similarity=0.8, days=0, options=OPTIONS)
    informed = read(nlp, "Kirby said the US did inform the Iraqi government prior to the strikes.",
                    "the US did inform the Iraqi government prior to the strikes")  # fmt: skip
    provided = read(nlp, "“We did not provide any kind of official pre-notification,” he said.",
                    "We did not provide any kind of official pre-notification", quoted=True)  # fmt: skip
    assert may_share_claim(informed, provided, similarity=0.54, days=3, options=OPTIONS)
    assert not may_share_claim(informed, provided, similarity=0.4, days=3, options=OPTIONS)


def test_two_sums_of_money_are_two_things_and_a_campaigns_it_is_the_campaign(nlp) -> None:  # type: ignore[no-untyped-def]
    # "$21 million" and "$15 million" had shared "million", and the two campaigns' "it" named no one
    sanders = read(nlp, "Sanders' campaign said it raised more than $21 million in January.",
                   "it raised more than $21 million in January", speaker_name="Sanders campaign",
                   speaker_kind="organization")  # fmt: skip
    clinton = read(nlp, "Clinton's campaign said it raised roughly $15 million in January.",
                   "it raised roughly $15 million in January", speaker_name="Clinton campaign",
                   speaker_kind="organization")  # fmt: skip
    assert sanders.numbers == ("21 million",) and clinton.numbers == ("15 million",)
    assert (sanders.agent, clinton.agent) == ("sanders campaign", "clinton campaign")
    assert not compatible(sanders, clinton)
    again = read(nlp, "The campaign said it raised $21 million last month.",
                 "it raised $21 million last month", speaker_name="Sanders campaign",
                 speaker_kind="organization")  # fmt: skip
    assert compatible(sanders, again)


def test_what_ought_to_be_is_not_what_is_or_will_be(nlp) -> None:  # type: ignore[no-untyped-def]
    # Bill Clinton's plan to step down and a poll's 38 percent who say he should had been one claim
    plan = read(nlp, "Bill Clinton said he will step down from the foundation if his wife wins.",
                "he will step down from the foundation if his wife wins")  # fmt: skip
    poll = read(nlp, "38 percent said Mr. Clinton should step down from the foundation.",
                "Mr. Clinton should step down from the foundation")  # fmt: skip
    assert (plan.deontic, poll.deontic) == (False, True)
    assert not compatible(plan, poll)
    must = read(nlp, "Ryan said Mr. Clinton must step down from the foundation.",
                "Mr. Clinton must step down from the foundation")  # fmt: skip
    assert must.deontic and compatible(poll, must)
    assert read(nlp, "He said we need to build the wall.", "we need to build the wall").deontic
    assert not read(nlp, "He said he has voted for Republicans.", "he has voted for Republicans").deontic


def test_a_bare_pronoun_subject_tells_whom_by_its_person_and_gender(nlp) -> None:  # type: ignore[no-untyped-def]
    # a poll of July ("she cannot be trusted") and one of August ("they do not trust Mrs. Clinton"):
    # neither subject resolved, but "she" and "they" are not one doer
    she = read(nlp, "Most voters said she cannot be trusted.", "she cannot be trusted")
    they = read(nlp, "A majority said they do not trust Mrs. Clinton.", "they do not trust Mrs. Clinton")
    again = read(nlp, "Many voters said she is not honest.", "she is not honest")
    assert (she.subject, they.subject) == ("she", "they") and not (she.agent or they.agent)
    assert not compatible(she, they)
    assert compatible(she, again)  # one doer as far as the words tell
    # resolved to the group that speaks, "they" is still not "she"
    group = read(nlp, "A majority of Americans said they do not trust Mrs. Clinton.",
                 "they do not trust Mrs. Clinton", speaker_name="majority of Americans",
                 speaker_kind="group")  # fmt: skip
    assert group.agent and not compatible(she, group)
    # an organisation is "it" or "they"; "we" in its quote is "they" in the report
    it = read(nlp, "The company said it will appeal the ruling.", "it will appeal the ruling")
    plural = read(nlp, "The company said they will appeal the ruling.", "they will appeal the ruling")
    assert compatible(it, plural)


def test_a_question_followed_by_a_demand_asserts_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Trump wrote: Is President Obama going to finally mention the words radical Islamic terrorism? "
        "If he doesn't he should immediately resign in disgrace!"
    )
    content = text.split(": ", 1)[1]
    asked = read(nlp, text, content)
    assert asked.modality == "question"
    said = read(nlp, "Obama refused to say the words, Trump said.", "Obama refused to say the words")
    assert not same_proposition(asked, said, similarity=0.8, days=1, options=OPTIONS)


def test_a_full_verb_is_its_own_event_not_one_in_its_words(nlp) -> None:  # type: ignore[no-untyped-def]
    # Ayotte "is going to vote for Trump" and "does not feel comfortable telling others to vote for
    # Trump": voting is in the second's words, but its event is feeling (one claim on PolNeAR train)
    vote = read(nlp, "Ayotte said she is going to vote for Trump.", "she is going to vote for Trump",
                speaker_name="Kelly Ayotte", speaker_kind="person")  # fmt: skip
    feel = read(nlp, "Ayotte said she does not feel comfortable telling others to vote for Trump.",
                "she does not feel comfortable telling others to vote for Trump",
                speaker_name="Kelly Ayotte", speaker_kind="person")  # fmt: skip
    assert feel.predicate == "feel" and "vote" in feel.terms
    assert not same_event(vote, feel, 0.8, OPTIONS)
    # what a light predicate takes carries the event, a clause below it does not
    years = read(nlp, "Experts said it may be years before the technology exists to detect the tunnels.",
                 "it may be years before the technology exists to detect the tunnels")  # fmt: skip
    exist = read(nlp, "Kerlikowske said many more tunnels might exist.", "many more tunnels might exist")
    assert "exist" in years.terms and "exist" not in years.complement
    assert not same_event(exist, years, 0.72, OPTIONS)
    there = read(nlp, "“There was not a pre-notification,” Patel said.", "There was not a pre-notification",
                 quoted=True)  # fmt: skip
    assert there.complement is not None and "notification" in there.complement
    # two light predicates take a word in common, or they are two states of things
    concern = read(nlp, "Stone said there is serious concern about voter fraud.",
                   "there is serious concern about voter fraud")  # fmt: skip
    stakes = read(nlp, "Stone said the stakes are so high.", "the stakes are so high")
    assert not same_event(concern, stakes, 0.75, OPTIONS) and same_event(concern, concern, 0.75, OPTIONS)


def test_bare_pronouns_of_two_speakers_are_two_doers(nlp) -> None:  # type: ignore[no-untyped-def]
    from walkback.link.claims import unknown_doers

    # a poll's "they" and a senator's "they": nothing tells they are one group
    poll = read(nlp, "Twelve percent said they might vote for him.", "they might vote for him")
    tester = read(nlp, "Tester said they still will vote for their party's nominee.",
                  "they still will vote for their party's nominee")  # fmt: skip
    assert unknown_doers(poll, tester, same_speaker=False)
    assert not unknown_doers(poll, tester, same_speaker=True)  # one speaker's "they": most often one group
    # he in words reported of a named person is that person: the agents tell, not this rule
    christie = read(nlp, "Christie said he would support Donald Trump.", "he would support Donald Trump",
                    speaker_name="Chris Christie", speaker_kind="person")  # fmt: skip
    cuban = read(nlp, "Cuban said he would support Trump.", "he would support Trump",
                  speaker_name="Mark Cuban", speaker_kind="person")  # fmt: skip
    assert not unknown_doers(christie, cuban, same_speaker=False) and not compatible(christie, cuban)
    anonymous = read(nlp, "An official said he would support Trump.", "he would support Trump")
    assert unknown_doers(anonymous, cuban, same_speaker=False)
    # Flake's own "I" is not an unnamed Republican's "he"
    flake = read(nlp, "“If Donald remains Donald, I will not vote for him,” Flake said.",
                 "If Donald remains Donald, I will not vote for him", speaker_name="Jeff Flake",
                 speaker_kind="person", quoted=True)  # fmt: skip
    republican = read(nlp, "A Republican said he won't vote for Trump.", "he won't vote for Trump")
    assert flake.agent == "flake" and unknown_doers(flake, republican, same_speaker=False)
    # a reflexive subject reached through a frame is the speaker, as "she" is
    paradis = read(nlp, "Paradis said she couldn't see herself supporting Hillary Clinton.",
                   "she couldn't see herself supporting Hillary Clinton", speaker_name="Jane Paradis",
                   speaker_kind="person")  # fmt: skip
    assert paradis.agent == "paradis"


def test_two_reported_propositions_are_a_compound(nlp) -> None:  # type: ignore[no-untyped-def]
    # PolNeAR train: "she did not send any classified information and that no messages … were marked
    # classified at the time" joined the claim of the second proposition alone (it joins none now)
    two = read(nlp, "Clinton said she did not send any classified information and that no messages she "
               "sent were marked classified at the time.",
               "she did not send any classified information and that no messages she sent were marked "
               "classified at the time")  # fmt: skip
    one = read(nlp, "Clinton said she had not sent emails that were marked classified at the time.",
               "she had not sent emails that were marked classified at the time")  # fmt: skip
    both = read(nlp, "He said he would win and he would stay.", "he would win and he would stay")
    assert two.compound and not one.compound and not both.compound


def test_a_promise_is_not_what_was(nlp) -> None:  # type: ignore[no-untyped-def]
    # PolNeAR train: Pence's "Donald Trump will be releasing his tax returns at the completion of an
    # audit" and The Hill's "Trump has so far declined to release any tax returns" were one claim
    will = read(nlp, "Pence said Donald Trump will be releasing his tax returns after an audit.",
                "Donald Trump will be releasing his tax returns after an audit")  # fmt: skip
    has = read(nlp, "The Hill said Trump has so far declined to release any tax returns.",
               "Trump has so far declined to release any tax returns")  # fmt: skip
    may = read(nlp, "Aides said Trump may release his tax returns.", "Trump may release his tax returns")
    assert (will.time, has.time, may.time) == ("future", "past", None)
    assert not compatible(will, has) and compatible(will, may) and compatible(has, may)
    # the seed's statements are all of what was: one claim still
    notified = read(nlp, "Officials said Iraq was not notified ahead of the strikes.",
                    "Iraq was not notified ahead of the strikes")  # fmt: skip
    informed = read(
        nlp, "Kirby said the US did inform the Iraqi government.", "the US did inform the Iraqi government"
    )
    assert notified.time == informed.time == "past"
