"""Who said it, second round (issue 13): the entity model and the speaker step on sentences of the
Zyte tune pages and GGT dev, shortened; each test names the mechanism, not the article."""

from __future__ import annotations

from support import one, run

from walkback.extract import Extractor


def test_a_generational_suffix_is_no_part_of_the_short_name(extractor: Extractor) -> None:
    # "Carlineo" had been a person of its own, apart from Patrick W. Carlineo Jr.
    text = (
        "Patrick W. Carlineo Jr., 55, of Addison, pleaded guilty to threatening a United States "
        "official, prosecutors said.\n\n"
        "Carlineo's attorney, Sonya Zoghlin, said in an email that Carlineo never intended to harm "
        "anyone. Carlineo said he regretted the call."
    )
    assert one(run(extractor, text), "regretted the call").speaker.name == "Patrick W. Carlineo Jr."


def test_a_body_named_by_its_possessor_is_the_body(extractor: Extractor) -> None:
    # "Russia's foreign ministry" had become "Russia", the U.S. Attorney's Office "New York"
    text = (
        "Russia's foreign ministry said it viewed Washington's move as a mistake.\n\n"
        "Carlineo pleaded guilty, the U.S. Attorney’s Office for the Western District of New York said "
        "in a statement."
    )
    got = run(extractor, text)
    ministry = one(got, "viewed Washington's move").speaker
    assert ministry.name == "Russia's foreign ministry" and ministry.kind == "organization"
    office = one(got, "pleaded guilty").speaker
    assert office.name is not None and office.name.startswith("U.S. Attorney’s Office for")


def test_a_name_ending_in_a_company_word_is_an_organisation(extractor: Extractor) -> None:
    text = (
        "Dick Clark Productions denied that it had settled on an arrangement with the label. "
        "“Any final agreement needs to be made directly with her management team,” the production "
        "company said in a separate statement."
    )
    sp = one(run(extractor, text), "final agreement").speaker
    assert sp.name == "Dick Clark Productions" and sp.kind == "organization"


def test_a_word_no_name_holds_splits_the_tagged_name(extractor: Extractor) -> None:
    # the tagger's "American Music Awards after Swift" had become the speaker of Swift's words
    text = (
        "Taylor Swift is a singer. Big Machine Records issued a statement about the upcoming American "
        "Music Awards after Swift publicly scolded the label, accusing the company of blocking her."
    )
    sp = one(run(extractor, text), "the company").speaker
    assert sp.name == "Taylor Swift"


def test_of_two_subjects_of_one_verb_the_named_person_speaks(extractor: Extractor) -> None:
    # the dateline ("BUFFALO") and the split "co-author" ("study co") had been the speakers
    text = (
        "BUFFALO, N.Y. — Hours before Zach Parise’s two-goal performance Tuesday, Wild coach Bruce "
        "Boudreau expressed confidence in the veteran winger, saying he always finds a way to start "
        "scoring.\n\n"
        "Rainfall occurs everywhere on Titan, but the equatorial regions are drier than the poles, said "
        "study co-author Anezina Solomonidou, a European Space Agency research fellow."
    )
    got = run(extractor, text)
    assert one(got, "finds a way").speaker.name == "Bruce Boudreau"
    assert one(got, "drier than the poles").speaker.name == "Anezina Solomonidou"


def test_a_speaker_the_parse_left_out_is_found_beside_the_cue(extractor: Extractor) -> None:
    # "Early" (tagged an adverb) and "a study by …, a think tank, concluded" had no speaker
    text = (
        "“Streaming is somewhat binary,” says Chris Early, a vice president at Ubisoft. In places like "
        "San Francisco, bandwidth is less of an issue, but Early still says Ubisoft are believers in "
        "game streaming.\n\n"
        "As we’ve noted, a March 2019 study by the Centre for Economic Policy Research, a London-based "
        'think tank, concluded that, using standard economic methods, "the full incidence of the tariff '
        'falls on domestic consumers."'
    )
    got = run(extractor, text)
    assert one(got, "believers in game streaming").speaker.name == "Chris Early"
    assert one(got, "full incidence").speaker.name == "Centre for Economic Policy Research"


def test_a_name_the_tagger_missed_is_the_name_given_elsewhere(extractor: Extractor) -> None:
    # "TransLink says": the tagger left the word untagged here, but the article names TransLink
    text = (
        "TransLink, the regional transit authority, announced the cuts on Monday.\n\n"
        "“We had no other choice,” TransLink says."
    )
    sp = one(run(extractor, text), "no other choice").speaker
    assert sp.name == "TransLink"


def test_the_role_noun_is_the_one_person_of_that_role(extractor: Extractor) -> None:
    # "the mayor" is Mayor Doug McCallum, the one person named before with that role
    text = (
        "Surrey Mayor Doug McCallum spoke to reporters at city hall on Tuesday.\n\n"
        "Police chief Norm Lipinski was also there.\n\n"
        "“This is a safer city than it was,” the mayor said."
    )
    assert one(run(extractor, text), "safer city").speaker.name == "Doug McCallum"


def test_the_son_is_not_the_father(extractor: Extractor) -> None:
    # a generational suffix is no part of a short name, but it tells two full names apart
    text = (
        "Donald Trump held a rally. Donald Trump Jr. spoke first.\n\n"
        "“We will build the wall,” Donald Trump said.\n\n"
        "“My father is a builder,” Donald Trump Jr. said."
    )
    got = run(extractor, text)
    assert one(got, "build the wall").speaker.name == "Donald Trump"
    assert one(got, "a builder").speaker.name == "Donald Trump Jr."
