"""Relations inferred from two statements of one claim: contradicts, supports, an inferred walk-back.

Across speakers, a contradiction needs the same proposition said with opposite polarity *on the part
that carries it*: the main predicate (``there was not a pre-notification`` against ``did inform the
Iraqi government prior to the strikes``), an antonym of it (``rose`` / ``fell``), or a conflicting
number of the same thing. Not contradictions: a negation in an embedded clause or a condition (the
propositions read it so), a question, hedged or conditional words, one speaker elaborating (same
speaker: that is the walk-back logic's), overlapping spans or the same quote twice, one side quoting
the other, and statements that are not about the same thing (different names, or too far apart in
meaning). Dismissals aimed at another's words are reported disputes (:mod:`walkback.link.reported`).

Each relation names the rule that made it: ``inferred.polarity``, ``inferred.antonym``,
``inferred.numbers``, ``inferred.walkback`` (the same person, later, the opposite of the same
words) and ``inferred.supports``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Relation, Stance
from .identity import fold_name, surname
from .propositions import Proposition
from .stance import flips, polarity

__all__ = ["InferOptions", "Side", "relate"]

_ANTONYMS = (
    ("increase", "decrease"), ("rise", "fall"), ("grow", "shrink"), ("win", "lose"), ("support", "oppose"),
    ("approve", "reject"), ("accept", "refuse"), ("allow", "ban"), ("allow", "forbid"), ("true", "false"),
    ("legal", "illegal"), ("guilty", "innocent"), ("confirm", "deny"), ("agree", "disagree"),
    ("likely", "unlikely"), ("safe", "unsafe"), ("open", "close"), ("improve", "worsen"), ("gain", "lose"),
    ("succeed", "fail"), ("include", "exclude"), ("up", "down"), ("higher", "lower"), ("more", "less"),
    ("more", "fewer"), ("expand", "cut"), ("raise", "cut"), ("raise", "lower"), ("resign", "stay"),
)  # fmt: skip
_ANTONYM = {a: b for a, b in _ANTONYMS} | {b: a for a, b in _ANTONYMS}
_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class InferOptions:
    relate_threshold: float = 0.6  # cosine two statements of one claim need to be related at all
    align_threshold: float = 0.72  # ... to be opposed without sharing their predicate or a term
    infer_threshold: float = 0.85  # ... for an inferred walk-back (same person, later, opposite)
    numbers_threshold: float = 0.75  # ... for conflicting numbers


@dataclass(frozen=True, slots=True, kw_only=True)
class Side:
    """One statement as the inference reads it (a statement being linked, or a claim member)."""

    pk: int
    speaker_id: int | None
    speaker_name: str | None
    person: bool
    stance: Stance
    text: str
    prop: Proposition | None
    said_start: str | None
    said_on: str | None
    article_id: str
    span: tuple[int, int] | None = None  # content offsets, for statements of the article being linked
    reports: bool = False  # the statement reports a dispute or a retreat (reported relations handle it)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _containment(a: str, b: str) -> float:
    """The share of the shorter text's words that the longer one holds (a quote repeated or cut)."""
    ta, tb = set(_tokens(a)), set(_tokens(b))
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


def _quotes_other(a: Side, b: Side) -> bool:
    """Whether ``a``'s words name ``b``'s speaker (``Trump's claim that …``): one side quoting the other."""
    name = surname(b.speaker_name or "") if b.person else None
    return bool(name) and name in set(fold_name(a.text).split())


def _aligned(a: Proposition, b: Proposition, similarity: float, options: InferOptions) -> bool:
    if a.predicate and a.predicate == b.predicate and a.predicate not in {"be", "have", "do"}:
        return True
    if set(a.terms) & set(b.terms) - {a.predicate, b.predicate}:
        return similarity >= options.relate_threshold
    return similarity >= options.align_threshold


def _antonym(a: Proposition, b: Proposition) -> str | None:
    for w in a.antonyms:
        other = _ANTONYM.get(w)
        if other and other in b.antonyms and w not in b.antonyms:
            return f"antonym: {w} / {other}"
    return None


def _conflicting_numbers(a: Proposition, b: Proposition) -> str | None:
    """Numbers of the same thing that differ: ``12 people`` / ``15 people``."""
    nouns_a = {n.split(" ", 1)[1]: n for n in a.numbers if " " in n}
    nouns_b = {n.split(" ", 1)[1]: n for n in b.numbers if " " in n}
    for noun in nouns_a.keys() & nouns_b.keys():
        if nouns_a[noun] != nouns_b[noun]:
            return f"numbers: {nouns_a[noun]} / {nouns_b[noun]}"
    return None


def relate(
    it: Side, m: Side, similarity: float, *, claim_id: int | None, options: InferOptions
) -> tuple[Relation, int | None] | None:
    """The relation of ``it`` (the later statement) to ``m``, if the rules find one."""
    if similarity < options.relate_threshold or it.reports or m.reports:
        return None
    if it.article_id == m.article_id and it.span and m.span:
        if it.span[0] < m.span[1] and m.span[0] < it.span[1]:
            return None  # overlapping pieces of one sentence
    if _containment(it.text, m.text) >= 0.8:
        return None  # the same quote twice, or one cut from the other
    pa, pb = it.prop, m.prop
    if it.speaker_id is not None and it.speaker_id == m.speaker_id:
        return _inferred_walkback(it, m, similarity, claim_id=claim_id, options=options)
    if pa is None or pb is None or it.stance == "neither" or m.stance == "neither":
        return None
    if it.stance == m.stance:
        antonym = _antonym(pa, pb) if pa.asserted and pb.asserted else None
        if antonym is None:
            return _supports(it, m, similarity, claim_id)
        if not (pa.subject and pa.subject == pb.subject):
            return None
        return _contradiction(it, m, [antonym], "inferred.antonym", 0.55 + 0.3 * similarity, claim_id)
    if not (pa.asserted and pb.asserted) or _quotes_other(it, m) or _quotes_other(m, it):
        return None
    if not _aligned(pa, pb, similarity, options):
        return None
    reasons = flips(it.text, m.text) or [f"{it.stance} / {m.stance}"]
    return _contradiction(it, m, reasons, "inferred.polarity", 0.3 + 0.5 * similarity, claim_id)


def numbers_conflict(
    it: Side, m: Side, similarity: float, *, claim_id: int | None, options: InferOptions
) -> tuple[Relation, int | None] | None:
    """Same predicate, same counted thing, other numbers (``12 people`` / ``15 people`` were killed)."""
    pa, pb = it.prop, m.prop
    if pa is None or pb is None or similarity < options.numbers_threshold or it.speaker_id == m.speaker_id:
        return None
    if not (pa.asserted and pb.asserted and pa.predicate == pb.predicate and pa.negated == pb.negated):
        return None
    found = _conflicting_numbers(pa, pb)
    if found is None:
        return None
    return _contradiction(it, m, [found], "inferred.numbers", 0.3 + 0.5 * similarity, claim_id)


def _contradiction(
    it: Side, m: Side, reasons: list[str], rule: str, confidence: float, claim_id: int | None
) -> tuple[Relation, int | None]:
    return (
        Relation(
            type="contradicts", from_statement=it.pk, to_statement=m.pk, evidence=tuple(reasons),
            confidence=round(min(confidence, 0.95), 3), basis="stance", claim_id=claim_id, rule=rule,
        ),
        None,
    )  # fmt: skip


def _supports(it: Side, m: Side, similarity: float, claim_id: int | None) -> tuple[Relation, int | None]:
    verb = "affirm" if it.stance == "affirms" else "deny"
    return (
        Relation(
            type="supports", from_statement=it.pk, to_statement=m.pk,
            evidence=(f"both {verb}: {short(it.text)} / {short(m.text)}",),
            confidence=round(min(0.9, 0.3 + 0.6 * similarity), 3), basis="stance", claim_id=claim_id,
            rule="inferred.supports",
        ),
        None,
    )  # fmt: skip


def _inferred_walkback(
    it: Side, m: Side, similarity: float, *, claim_id: int | None, options: InferOptions
) -> tuple[Relation, int | None] | None:
    """The same person, on a later day, says the opposite of the same words: one plain negation apart."""
    pa, pb = it.prop, m.prop
    if not (it.person and pa and pb and pa.asserted and pb.asserted) or pa.negated == pb.negated:
        return None
    later = bool(it.said_start and m.said_start and it.said_start > m.said_start)
    if not later or similarity < options.infer_threshold:
        return None
    if len(polarity(it.text)[1]) + len(polarity(m.text)[1]) != 1:
        return None
    reasons = flips(it.text, m.text) or [f"{it.stance} / {m.stance}"]
    reasons.append(f"same speaker, later: {m.said_on} -> {it.said_on}")
    return (
        Relation(
            type="walkback", from_statement=it.pk, to_statement=m.pk, evidence=tuple(reasons),
            confidence=round(0.35 + 0.3 * similarity, 3), basis="inferred", claim_id=claim_id,
            rule="inferred.walkback",
        ),
        it.speaker_id,
    )  # fmt: skip


def short(text: str, n: int = 140) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= n else text[: n - 1] + '…'}”"
