"""The rules of claims and inferred relations, on hand-made propositions (no model, no database)."""

from __future__ import annotations

from walkback.link.claims import ClaimOptions, days_apart, same_proposition
from walkback.link.inferred import InferOptions, Side, relate
from walkback.link.propositions import Proposition

OPTIONS = ClaimOptions()
INFER = InferOptions()

IRAQ = Proposition(
    predicate="inform", entities=("united states", "iraq"), terms=("inform", "government", "strike")
)
INDIA = Proposition(
    predicate="inform", entities=("india", "pakistan"), terms=("inform", "government", "strike")
)


def test_similar_words_about_other_names_are_not_one_claim() -> None:
    assert same_proposition(IRAQ, IRAQ, similarity=0.8, days=3, options=OPTIONS)
    assert not same_proposition(IRAQ, INDIA, similarity=0.9, days=3, options=OPTIONS)


def test_statements_said_far_apart_are_not_one_claim() -> None:
    assert days_apart("2024-02-02", "2025-05-07") == 460
    assert not same_proposition(IRAQ, IRAQ, similarity=0.9, days=460, options=OPTIONS)


def test_without_names_the_context_decides_and_nothing_named_needs_a_closer_match() -> None:
    # "there was no information given" beside "the US did inform Iraq": its noun carries the event
    bare = Proposition(
        predicate="be", negated=True, context=("iraq", "united states"), terms=("information",)
    )
    elsewhere = Proposition(predicate="be", context=("india",))
    nothing = Proposition(predicate="be", terms=("concern",))
    assert same_proposition(bare, IRAQ, similarity=0.7, days=None, options=OPTIONS)
    assert not same_proposition(elsewhere, IRAQ, similarity=0.9, days=None, options=OPTIONS)
    assert not same_proposition(nothing, nothing, similarity=0.7, days=None, options=OPTIONS)
    assert same_proposition(nothing, nothing, similarity=0.8, days=None, options=OPTIONS)


def side(pk: int, speaker: int, prop: Proposition, stance: str, text: str, **kw) -> Side:  # type: ignore[no-untyped-def]
    defaults = {
        "speaker_name": f"Speaker {speaker}", "person": True, "said_start": "2024-02-05",
        "said_on": "2024-02-05", "article_id": "a",
    }  # fmt: skip
    return Side(pk=pk, speaker_id=speaker, prop=prop, stance=stance, text=text, **{**defaults, **kw})  # type: ignore[arg-type]


AFFIRM = Proposition(predicate="inform", terms=("inform", "iraqi", "government", "strike"))
DENY = Proposition(predicate="notify", negated=True, negation="not", terms=("iraq", "notify", "strike"))


def test_opposite_polarity_of_aligned_propositions_contradicts() -> None:
    later = side(2, 2, DENY, "denies", "Iraq was not notified ahead of the strikes", article_id="b")
    earlier = side(1, 1, AFFIRM, "affirms", "the US did inform the Iraqi government prior to the strikes")
    rel, _ = relate(later, earlier, 0.75, claim_id=1, options=INFER)  # type: ignore[misc]
    assert (rel.type, rel.rule, rel.from_statement, rel.to_statement) == (
        "contradicts",
        "inferred.polarity",
        2,
        1,
    )


def test_what_is_not_a_contradiction() -> None:
    earlier = side(1, 1, AFFIRM, "affirms", "the US did inform the Iraqi government prior to the strikes",
                   speaker_name="John Kirby")  # fmt: skip
    hedged = Proposition(predicate="notify", negated=True, modality="hedged", terms=("notify",))
    cases = {
        "hedged": side(2, 2, hedged, "denies", "Iraq might not have been notified", article_id="b"),
        "same speaker, same day": side(2, 1, DENY, "denies", "Iraq was not notified", article_id="b"),
        "the same quote cut": side(
            2, 2, DENY, "denies", "the US did not inform the Iraqi government prior", article_id="b"
        ),
        "quoting the other": side(2, 2, DENY, "denies", "Kirby's account is wrong: Iraq was not notified"),
        "overlapping spans": side(2, 2, DENY, "denies", "Iraq was not notified", span=(5, 40)),
    }  # fmt: skip
    earlier_here = side(1, 1, AFFIRM, "affirms", "the US did inform the Iraqi government", span=(0, 30))
    for name, later in cases.items():
        other = earlier_here if name == "overlapping spans" else earlier
        assert relate(later, other, 0.8, claim_id=1, options=INFER) is None, name


def test_the_same_person_later_saying_the_opposite_is_an_inferred_walkback() -> None:
    earlier = side(1, 1, AFFIRM, "affirms", "the US did inform the Iraqi government prior to the strikes",
                   said_start="2024-02-02", said_on="2024-02-02")  # fmt: skip
    later = side(2, 1, DENY, "denies", "the US did not notify the Iraqi government before the strikes",
                 said_start="2024-02-07", said_on="2024-02-07", article_id="b")  # fmt: skip
    rel, speaker = relate(later, earlier, 0.9, claim_id=1, options=INFER)  # type: ignore[misc]
    assert (rel.type, rel.rule, speaker) == ("walkback", "inferred.walkback", 1)
    assert relate(later, earlier, 0.7, claim_id=1, options=INFER) is None  # not close enough in words
