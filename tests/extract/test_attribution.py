"""Attribution rules end to end (``Extractor().extract``) on real sentences.

Sentences are copied from the seed article (CNN, 5 Feb 2024, a Monday) and from PolNeAR / GGT dev
texts. Offsets are computed with ``str.find``. The spans of every statement must point into the
article text: that invariant is checked over the seed and over ten PolNeAR dev files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import assert_spans_point_into, run

from walkback.extract import Extractor
from walkback.model import Statement

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEED = REPO / "examples" / "cnn-lite-2024-02-05-us-did-not-notify-iraq.txt"


def one(statements: list[Statement], phrase: str) -> Statement:
    hits = [s for s in statements if phrase in s.content.text]
    assert len(hits) == 1, (
        f"{len(hits)} statements contain {phrase!r}: {[s.content.text for s in statements]}"
    )
    return hits[0]


def at(text: str, phrase: str) -> tuple[int, int]:
    start = text.find(phrase)
    assert start >= 0, f"{phrase!r} not in the text"
    return start, start + len(phrase)


# --- cues and kinds -----------------------------------------------------------------------------------


def test_direct_quote_with_cue_after(extractor: Extractor) -> None:
    text = "“It was not as specific as it could have been, and I regret any confusion caused,” Kirby said."
    (s,) = run(extractor, text)
    assert s.kind == "direct"
    assert (s.content.start, s.content.end) == at(
        text, "It was not as specific as it could have been, and I regret any confusion caused"
    )
    assert s.cue is not None and (s.cue.start, s.cue.end) == at(text, "said")
    assert s.speaker.name == "Kirby"
    assert s.speaker.mention is not None and s.speaker.mention.text == "Kirby"


def test_cue_before_with_colon(extractor: Extractor) -> None:
    text = (
        "State Department deputy spokesperson Vedant Patel said: “We informed the Iraqis immediately after "
        "the strikes occurred.”"
    )
    (s,) = run(extractor, text)
    assert s.kind == "direct"
    assert s.content.text == "We informed the Iraqis immediately after the strikes occurred."
    assert s.cue is not None and s.cue.text == "said"
    assert s.speaker.name == "Vedant Patel"


def test_partial_quote(extractor: Extractor) -> None:
    text = (
        "In a call with reporters on Friday, National Security Council spokesman John Kirby had said the "
        "US “did inform the Iraqi government prior to the strikes.”"
    )
    (s,) = run(extractor, text)
    assert s.kind in {"partial", "mixed"}
    assert "did inform the Iraqi government prior to the strikes" in s.content.text
    assert s.content.text.startswith("the US")  # the unquoted subject belongs to the content
    assert s.speaker.name == "John Kirby"


def test_indirect_speech(extractor: Extractor) -> None:
    text = (
        "US officials said Monday that Iraq was not notified ahead of a series of strikes on Iran-linked "
        "targets in the country."
    )
    (s,) = run(extractor, text)
    assert s.kind == "indirect"
    assert s.content.text == (
        "Iraq was not notified ahead of a series of strikes on Iran-linked targets in the country"
    )  # no "that", no full stop
    assert s.cue is not None and s.cue.text == "said"
    assert s.speaker.name == "US officials"
    assert s.said_on.value == "2024-02-05" and s.said_on.source == "text"


def test_multi_sentence_quote(extractor: Extractor) -> None:
    text = (
        "“As for this specific response on Friday, there was not a pre-notification. We informed the "
        "Iraqis immediately after the strikes occurred,” State Department deputy spokesperson Vedant "
        "Patel said at a briefing on Monday."
    )
    (s,) = run(extractor, text)
    assert s.kind == "direct"
    assert s.content.text == (
        "As for this specific response on Friday, there was not a pre-notification. "
        "We informed the Iraqis immediately after the strikes occurred"
    )


def test_quote_continued_in_the_next_sentence_is_one_statement(extractor: Extractor) -> None:
    # “A,” he said. “B.” -> one direct statement from the start of A to the end of B (cue words inside)
    text = (
        "National Security Council spokesman John Kirby spoke to reporters.\n\n"
        "“It was not as specific as it could have been, and I regret any confusion caused,” he said. "
        "“That said, we had made no secret – both to Iraqi officials and in public channels – that we "
        "would respond to the attacks.”"
    )
    (s,) = run(extractor, text)
    assert s.kind == "direct"
    assert s.content.start == text.find("It was not")
    assert s.content.end == text.find("the attacks.”") + len("the attacks.")
    assert s.speaker.name == "John Kirby"


def test_quote_continued_in_the_next_paragraph_inherits_the_speaker(extractor: Extractor) -> None:
    text = (
        "“I won’t speak for Iraq, as I highlighted, they are a valued partner,” Pentagon spokesman Pat "
        "Ryder said.\n\n"
        "“We have consistently communicated to the Iraqis and others that we reserve the right to defend "
        "our personnel from attacks by Iranian-backed militants in Iraq.”"
    )
    first, second = run(extractor, text)
    assert first.speaker.name == "Pat Ryder"
    assert second.rule == "continuation"
    assert second.kind == "direct"
    assert second.cue is None
    assert second.content.text.startswith("We have consistently communicated")
    assert second.speaker.name == "Pat Ryder"
    # the words do not name him again: his mention is where the quotation they continue named him
    assert second.speaker.mention == first.speaker.mention
    assert second.speaker.resolved_from is not None and "Pat Ryder" in second.speaker.resolved_from.text


def test_multi_paragraph_quote_is_one_direct_statement(extractor: Extractor) -> None:
    text = (
        "“We have consistently communicated to the Iraqis and others that we reserve the right to defend "
        "our personnel from attacks by Iranian-backed militants in Iraq.\n\n"
        "“It was not as specific as it could have been,” Pentagon spokesman Pat Ryder said."
    )
    (s,) = run(extractor, text)
    assert s.kind == "direct"
    assert s.content.start == text.find("We have consistently")
    assert s.content.end == text.find("could have been") + len("could have been")
    assert s.speaker.name == "Pat Ryder"


def test_according_to(extractor: Extractor) -> None:
    # GGT dev
    text = (
        "The error in the Liberal plan might simply be that they marketed it as a stimulus package in the "
        "first place, according to former Bank of Canada governor David Dodge."
    )
    (s,) = run(extractor, text)
    assert s.rule == "according"
    assert s.kind == "indirect"
    assert s.cue is not None and s.cue.text == "according to"
    assert "marketed it as a stimulus package" in s.content.text
    assert "David Dodge" not in s.content.text
    assert s.speaker.name == "David Dodge"
    assert s.speaker.role is not None and "Bank of Canada governor" in s.speaker.role


def test_cue_noted(extractor: Extractor) -> None:
    # PolNeAR dev
    text = (
        "Rendell noted that Ronald Reagan appeared unsteady in his first debate against Walter Mondale in "
        "1984, and some speculated about his health at the time."
    )
    (s,) = run(extractor, text)
    assert s.cue is not None and s.cue.text == "noted"
    assert s.kind == "indirect"
    assert s.content.text.startswith("Ronald Reagan appeared unsteady")
    assert s.speaker.name == "Rendell"
    # "in 1984" sits inside the reported words: not when Rendell said it
    assert s.said_on.source == "article_date"


def test_cue_noted_after_a_quote(extractor: Extractor) -> None:
    text = (
        "“Iraq, like every country in the region, understood that there would be a response after the "
        "deaths of our soldiers,” he noted."
    )
    (s,) = run(extractor, text)
    assert s.kind == "direct"
    assert s.cue is not None and s.cue.text == "noted"
    assert s.content.text.startswith("Iraq, like every country")


def test_cue_confirmed(extractor: Extractor) -> None:
    # GGT dev
    text = (
        "China's official Xinhua News Agency confirmed that Kim was visiting "
        "from Monday to Thursday at Xi's invitation."
    )
    (s,) = run(extractor, text)
    assert s.cue is not None and s.cue.text == "confirmed"
    assert s.content.text == "Kim was visiting from Monday to Thursday at Xi's invitation"
    assert s.speaker.name == "Xinhua News Agency"
    assert s.speaker.kind == "organization"
    assert s.said_on.source == "article_date"  # "from Monday to Thursday" is what was reported


def test_echoed_saying(extractor: Extractor) -> None:
    text = (
        "On Monday, a NSC spokesperson echoed Kirby, saying that Iraq, “like every country in the region, "
        "understood there would be a response” to the deadly drone attack in Jordan."
    )
    (s,) = run(extractor, text)
    assert s.cue is not None and s.cue.text == "saying"
    assert s.kind in {"partial", "mixed"}
    assert "like every country in the region" in s.content.text
    assert s.content.text.startswith("Iraq")
    assert s.speaker.mention is not None and s.speaker.mention.text == "a NSC spokesperson"
    assert s.speaker.name != "Kirby"  # the one echoed is not the speaker
    assert s.said_on.value == "2024-02-05"


def test_told_reporters(extractor: Extractor) -> None:
    # GGT dev
    text = (
        "“I care not about the technology. If Surrey wants to change to SkyTrain, that’s fine, but they’re "
        "going to get half as far as they would have with LRT,” John Horgan told reporters on Thursday."
    )
    (s,) = run(extractor, text)
    assert s.kind == "direct"
    assert s.cue is not None and s.cue.text == "told"
    assert s.speaker.name == "John Horgan"
    assert s.content.text.startswith("I care not about the technology.")
    assert s.said_on.value == "2024-02-01"  # the Thursday before Monday 5 February
    assert s.medium == "remarks to reporters"


def test_told_reporters_indirect(extractor: Extractor) -> None:
    # GGT dev
    text = "The justice official told reporters more than 90 per cent of U.S. extraditions go through."
    (s,) = run(extractor, text)
    assert s.kind == "indirect"
    assert s.content.text == "more than 90 per cent of U.S. extraditions go through"
    assert s.speaker.anonymous


def test_in_a_statement(extractor: Extractor) -> None:
    # GGT dev
    text = (
        "“We share Canada’s commitment to the rule of law as fundamental to all free societies, and we will "
        "defend and uphold this principle,” the agency said in a statement."
    )
    (s,) = run(extractor, text)
    assert s.kind == "direct"
    assert s.content.text.startswith("We share Canada’s commitment")
    assert s.medium == "statement"
    assert s.medium_span is not None and "statement" in s.medium_span.text


def test_in_a_statement_partial(extractor: Extractor) -> None:
    text = (
        "In a statement to CNN, Kirby said he “responded with information that I had been provided at the "
        "time” after the strikes on Friday."
    )
    (s,) = run(extractor, text)
    assert s.kind in {"partial", "mixed"}
    assert s.content.text.startswith("he “responded")
    assert s.medium == "statement"


def test_briefing_medium(extractor: Extractor) -> None:
    text = (
        "“As for this specific response on Friday, there was not a pre-notification. We informed the "
        "Iraqis immediately after the strikes occurred,” State Department deputy spokesperson Vedant "
        "Patel said at a briefing on Monday."
    )
    (s,) = run(extractor, text)
    assert s.medium == "briefing"
    assert s.medium_span is not None and s.medium_span.text.endswith("briefing")


# --- said_on -------------------------------------------------------------------------------------------


def test_said_on_friday_before_a_monday_article(extractor: Extractor) -> None:
    text = "Kirby said on Friday that the US informed the Iraqi government prior to the strikes."
    (s,) = run(extractor, text)
    assert s.said_on.value == "2024-02-02"
    assert s.said_on.precision == "day"
    assert s.said_on.source == "text"
    assert s.said_on.evidence is not None and s.said_on.evidence.text.endswith("Friday")
    assert s.said_on.evidence.start >= text.find("on Friday")


def test_date_inside_the_quoted_words_is_not_when_it_was_said(extractor: Extractor) -> None:
    text = "“As for this specific response on Friday, there was not a pre-notification,” Patel said."
    (s,) = run(extractor, text)
    assert "on Friday" in s.content.text
    assert s.said_on.value == "2024-02-05"
    assert s.said_on.source == "article_date"
    assert s.said_on.evidence is None


def test_month_precision(extractor: Extractor) -> None:
    text = (
        "A senior defense official said in January that the discussion was not “a negotiation about the "
        "withdrawal of US forces.”"
    )
    (s,) = run(extractor, text)
    assert s.said_on.value == "2024-01"
    assert s.said_on.precision == "month"


def test_no_date_falls_back_to_the_article_date(extractor: Extractor) -> None:
    text = "Ryder said the strikes were a response to the deaths of three US soldiers."
    (s,) = run(extractor, text)
    assert s.said_on.value == "2024-02-05"
    assert s.said_on.source == "article_date"


def test_no_date_and_no_article_date(extractor: Extractor) -> None:
    text = "Ryder said the strikes were a response to the deaths of three US soldiers."
    (s,) = run(extractor, text, date=None)
    assert s.said_on.value is None
    assert s.said_on.source == "none"


# --- ids and the spans invariant -------------------------------------------------------------------------


def test_statement_ids_are_stable(extractor: Extractor) -> None:
    text = "Kirby said on Friday that the US informed the Iraqi government prior to the strikes."
    a = [s.id for s in run(extractor, text)]
    b = [s.id for s in run(extractor, text)]
    assert a == b and len(set(a)) == len(a)


def test_seed_spans_point_into_the_text(extractor: Extractor) -> None:
    from walkback.ingest import read_article
    from walkback.settings import Settings

    art = read_article(str(SEED), settings=Settings())
    got = extractor.extract(art)
    assert len(got) >= 15
    for s in got:
        assert_spans_point_into(art.text, s)
    assert len({s.id for s in got}) == len(got)
    assert [s.content.start for s in got] == sorted(s.content.start for s in got)


def _polnear_files() -> list[Path]:
    folder = SHARED / "data" / "polnear" / "dev" / "text"
    return sorted(folder.glob("*.txt"))[:10] if folder.is_dir() else []


@pytest.mark.skipif(
    not _polnear_files(), reason=f"PolNeAR dev texts not found under {SHARED} (shared data absent)"
)
@pytest.mark.parametrize("path", _polnear_files(), ids=lambda p: p.stem[:40])
def test_polnear_spans_point_into_the_text(extractor: Extractor, path: Path) -> None:
    from walkback.ingest import read_article
    from walkback.settings import Settings

    art = read_article(str(path), settings=Settings())
    for s in extractor.extract(art):
        assert_spans_point_into(art.text, s)


def test_doubled_apostrophe_quote_content_has_no_stray_mark(extractor: Extractor) -> None:
    # PolNeAR dev (a newswire habit)
    text = (
        "Leonard Burman is a tax expert.\n\n"
        "''Using the capital gains tax is a misguided approach to this problem,'' Mr. Burman said."
    )
    s = one(run(extractor, text), "misguided approach")
    assert s.kind == "direct"
    assert s.content.text == "Using the capital gains tax is a misguided approach to this problem"


def test_a_quotation_that_ends_its_sentence_is_not_the_next_sentences(extractor: Extractor) -> None:
    # PolNeAR dev: "Russia insisted" opens a new sentence; Japan's quoted words stay Japan's
    text = (
        "Japan branded North Korea an “outlaw nation in the neighborhood.” Russia insisted that "
        "Pyongyang “stop its dangerous escapades.”"
    )
    got = run(extractor, text)
    (s,) = [s for s in got if "outlaw nation" in s.content.text]
    assert s.speaker.name == "Japan"


def test_verbs_that_report_with_their_particle(extractor: Extractor) -> None:
    # PolNeAR train: "shot back", "went on" answer the last speaker; they are cues of their own
    text = (
        "“You have been very nasty to me,” Megyn Kelly said.\n\n"
        "“That is simply not the case and you know it,” Donald Trump shot back.\n\n"
        "“I have been treated very unfairly by the media for a long time,” he went on."
    )
    got = run(extractor, text)
    back = [s for s in got if "simply not the case" in s.content.text]
    assert [s.speaker.name for s in back] == ["Donald Trump"] and back[0].cue is not None
    assert back[0].cue.text == "shot back"
    (on,) = [s for s in got if "treated very unfairly" in s.content.text]
    assert on.speaker.name == "Donald Trump" and on.cue is not None and on.cue.text == "went on"


def test_what_someone_is_accused_of_is_part_of_the_words(extractor: Extractor) -> None:
    # Zyte page: "accused Braun, Borchetta and Big Machine" was the whole content, and a denial of
    # the allegations was paired with three names
    text = (
        "On Thursday, Swift accused Braun, Borchetta and Big Machine of also disallowing the production "
        "of a Netflix documentary."
    )
    (s,) = [s for s in run(extractor, text) if s.cue is not None and s.cue.text == "accused"]
    assert s.content.text == (
        "Braun, Borchetta and Big Machine of also disallowing the production of a Netflix documentary"
    )


def test_a_verb_the_tagger_called_a_noun_is_still_a_cue(extractor: Extractor) -> None:
    # "Trump did post on Twitter Friday that …": the tagger reads "post" as a noun heading the clause
    got = run(extractor, "Trump did post on Twitter Friday that his claims were sarcasm.")
    assert [(s.speaker.name, s.content.text) for s in got] == [("Trump", "his claims were sarcasm")]
    assert run(extractor, "The post on Twitter said nothing new.") == []


@pytest.mark.parametrize(
    "text",
    [
        "That said, the agency says that the border remains the main entry point.",
        'Owen Dempsey spoke. That being said, "people shouldn\'t panic," he said.',
        "Having said that, the minister insisted the plan would work.",
    ],
)
def test_that_said_is_a_connective_not_a_report(extractor: Extractor, text: str) -> None:
    # "That said, …" opens a sentence as a connective: no statement of "that", and no connective in
    # the words of the statement the sentence does report
    got = run(extractor, text)
    assert len(got) == 1
    assert not got[0].content.text.lower().startswith(("that", "having"))
    assert got[0].speaker.mention is None or got[0].speaker.mention.text.lower() != "that"


def test_a_cue_of_a_clause_beside_the_quotation_does_not_report_it(extractor: Extractor) -> None:
    # Zyte (an opinion column): the first cue of the sentence, "testify" in the clause "assuming that
    # … will testify", had taken the quotation and given it to the last speaker named ("Polls")
    text = (
        "Polls show that Trump is almost back to where he was.\n\n"
        "Adam Schiff made a strange admission. After previously lying that "
        "neither he nor his staff had contact with the whistleblower (“We have not spoken directly "
        "with the whistleblower”) — he now ups the ante, apparently assuming that neither his staff nor "
        "the whistleblower will testify under oath."
    )
    quoted = [s for s in run(extractor, text) if "spoken directly" in s.content.text]
    assert quoted and all(s.speaker.name != "Polls" and s.cue.text != "testify" for s in quoted)
    assert quoted[0].speaker.mention.text == "he" and quoted[0].speaker.name == "Adam Schiff"


@pytest.mark.parametrize(
    ("text", "cue", "sayer", "judge"),
    [
        ("Hillary Clinton criticized Donald Trump on Monday for saying that Mexican immigrants are rapists.",
         "saying", "Donald Trump", "Hillary Clinton"),
        ("Sen. Ted Cruz blasted Marco Rubio for claiming that the bill secured the border.",
         "claiming", "Marco Rubio", "Ted Cruz"),
        ("Jennifer Palmieri criticized Paul Manafort for accusing the Democratic campaign of plotting "
         "against her.", "accusing", "Paul Manafort", "Jennifer Palmieri"),
    ],
)  # fmt: skip
def test_one_blamed_for_saying_something_said_it(extractor: Extractor, text, cue, sayer, judge) -> None:  # type: ignore[no-untyped-def]
    # "X criticized Y for saying …": the words are Y's, the object of the verb "for" hangs on
    by_cue = {s.cue.text: s for s in run(extractor, text) if s.cue is not None}
    assert by_cue[cue].speaker.name == sayer
    assert next(s for c, s in by_cue.items() if c != cue).speaker.name == judge


def test_one_who_apologized_for_saying_something_said_it_himself(extractor: Extractor) -> None:
    got = run(extractor, "Mayor Tom Reyes apologized on Friday for saying that the budget was balanced.")
    assert one(got, "the budget was balanced").speaker.name == "Tom Reyes"


def test_a_participle_after_a_document_from_someone_reports_that_document(extractor: Extractor) -> None:
    # PolNeAR train: "… Mr. Hurt's book included a statement from Ms. Trump, inserted in the flyleaf,
    # clarifying that she felt …" had given Ms. Trump's clarification to the book
    text = (
        "Ivana Trump made the allegation in a 1990 deposition. Mr. Hurt's book included a statement "
        "from Ms. Trump, inserted in the flyleaf, clarifying that she felt emotionally and not "
        "physically violated."
    )
    st = one(run(extractor, text), "emotionally and not physically")
    assert st.speaker.name == "Ivana Trump"
    # a video one posts, with no one it is from, is still the poster's
    st = one(run(extractor, "Trump posted a video on Sunday saying the election was rigged."), "rigged")
    assert st.speaker.name == "Trump"
