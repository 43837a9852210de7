"""What a reported dispute or retreat is aimed at: the statement(s) it answers, and whose words they were.

Same article first, then across articles. A target is found by what the report says of it:

* the speaker it names (``Trump's claim``, ``allegations by three women``) — their statements;
* the words it gives (``denied that he had groped her``, ``never said X``, a phrase it quotes) —
  statements that say them (Snowball stems shared, close in meaning);
* a pronoun (``That is not true``, ``denied it``) — the statement of another speaker told just before,
  in the same or the previous paragraph.

What is found nowhere is not guessed: the relation keeps the report's words (``target_text``) and
stands without a target statement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_EN

from ..model import Article, Relation
from ..store.ledger import ClaimMember, Ledger
from .claims import days_apart
from .identity import fold_name, surname
from .inferred import short
from .items import Item
from .reported import Dispute, Report, paragraph_of, sentences_before
from .stance import walkback_cue

__all__ = ["dispute_relations", "walkback_relations", "stems"]

_WORD = re.compile(r"[^\W\d_]{3,}")
_COMMON = frozenset(STOPWORDS_EN) | frozenset(
    "have has had were would been from said what which who his her him she you our its out".split()
)
_NEAR = 600  # characters between a statement and the walk-back report told right after it
_ACROSS_FLOOR = 0.45  # how near in meaning to a walk-back report another article's words must be
_DAYS = 120  # a target across articles was said at most this long before the report


def stems(text: str, stemmer: Stemmer.Stemmer) -> set[str]:
    """The Snowball stems of the words of ``text`` that are not function words (``families`` and
    ``family`` agree)."""
    words = [w for w in (m.group(0).casefold() for m in _WORD.finditer(text)) if w not in _COMMON]
    return set(stemmer.stemWords(words))


def _start(it: Item) -> str:
    return it.said_start


# -- disputes --------------------------------------------------------------------------------------


def _speaker_matches(name: str | None, target: str) -> bool:
    """Whether a speaker's name is the one a report names (``Trump`` for ``Donald J. Trump``)."""
    if not name:
        return False
    want = set(fold_name(target).split()) - {"the", "campaign", "s"}
    have = set(fold_name(name).split())
    last = surname(name)
    if target.isupper() and 2 <= len(target) <= 5 and target.isalpha():  # "the AP report"
        initials = "".join(w[0] for w in name.split() if w[:1].isupper() and w.lower() != "the")
        if initials == target:
            return True
    return bool(want) and (want <= have or (last is not None and last in want))


def dispute_relations(
    ledger: Ledger,
    article: Article,
    items: list[Item],
    disputes: Sequence[Dispute],
    encode: Callable[[list[str]], np.ndarray],
    search: Callable[[np.ndarray, int], list[tuple[int, float]]],
) -> list[tuple[Relation, int | None]]:
    """A ``contradicts`` relation (basis ``reported``) from each disputing statement to what it disputes."""
    if not disputes:
        return []
    stemmer = Stemmer.Stemmer("english")
    queries = [
        (d.target_text or d.target_np or "") + " " + article.text[d.sentence[0] : d.sentence[1]]
        for d in disputes
    ]
    vecs = encode(queries)
    out: list[tuple[Relation, int | None]] = []
    for d, vec in zip(disputes, vecs, strict=True):
        actor = items[d.index]
        if actor.speaker_id is None:
            continue
        if d.target_text and _own_words(actor, items, d.target_text, stemmer, before=d.sentence[0]):
            continue  # "X denied that A" after X's own A: a retreat, not a dispute with someone else
        target, how = _local_target(d, actor, items, article, np.asarray(vec), stemmer)
        across: ClaimMember | None = None
        if target is None and not d.pronoun:
            across, how = _across_target(ledger, d, actor, np.asarray(vec), search, stemmer)
        sentence = " ".join(article.text[d.sentence[0] : d.sentence[1]].split())
        words = d.target_text or d.target_np
        evidence = [d.cue.text.lower(), f"{short(sentence)} ({actor.st.said_on.value or 'undated'})"]
        to_pk = target.pk if target is not None else across.pk if across is not None else None
        whose = target.st.speaker.name if target is not None else across.speaker_name if across else None
        if to_pk is not None and _same_side(actor.st.speaker.name, whose):
            continue  # "the Sanders campaign rejected …" after Sanders's own words: one side, no dispute
        if to_pk is None:
            if not words or d.rule == "reported.dismissal" or d.pronoun:
                continue  # "That is not true", "denied it": aimed at nothing found, no flag
            told = _told_just_before(d, article, stemmer)
            if told is not None:  # "denied that that was the case", "called that report a lie"
                words = told
                evidence.append(f"disputed words not quoted (the sentences before): {short(words)}")
            else:
                evidence.append(f"disputed words not quoted: {short(words)}")
            how = "not quoted"
        else:
            earlier = target.text if target is not None else across.claim_text  # type: ignore[union-attr]
            evidence.append(f"disputed: {short(earlier)}")
        if to_pk == actor.pk:
            continue
        rel = Relation(
            type="contradicts", from_statement=actor.pk, to_statement=to_pk, evidence=tuple(evidence),
            confidence=_dispute_confidence(d, how), basis="reported", rule=f"{d.rule}:{how}",
            target_text=words if to_pk is None else None, target_speaker=d.target_speaker,
            claim_id=target.claim_id if target is not None else None,
        )  # fmt: skip
        out.append((rel, actor.speaker_id))
    return out


# the bodies a person speaks through: "the Sanders campaign", "Trump's team", "Clinton's office"
_OWN_BODIES = frozenset("campaign campaigns team office staff aides aide camp spokesman spokeswoman".split())


def _same_side(a: str | None, b: str | None) -> bool:
    """Whether two speakers are one side: a person and the campaign, team or office named after them
    (``Bernie Sanders`` and ``the Sanders campaign``)."""
    if not a or not b:
        return False
    for person, body in ((a, b), (b, a)):
        words = fold_name(body).split()
        last = surname(person)
        if (
            last
            and last in words
            and set(words) & _OWN_BODIES
            and not set(fold_name(person).split()) & _OWN_BODIES
        ):
            return True
    return False


# confidence before calibration: how sure the dispute is (its rule) times how sure its target is
_RULE_BASE = {"reported.deny": 0.85, "reported.dispute": 0.8, "reported.call": 0.8, "reported.dismissal": 0.7}
_TARGET_BASE = {
    "speaker+words": 1.0, "words": 0.9, "speaker": 0.85, "about": 0.8, "pronoun": 0.7, "anaphor": 0.7,
    "adjacent": 0.75, "turn": 0.75, "embedded": 0.9, "contrast": 0.85,
    "across:speaker": 0.8,
    "across:words": 0.75, "not quoted": 0.8,
}  # fmt: skip


def _dispute_confidence(d: Dispute, how: str) -> float:
    return round(_RULE_BASE.get(d.rule, 0.7) * _TARGET_BASE.get(how, 0.7), 3)


def _local_target(
    d: Dispute, actor: Item, items: list[Item], article: Article, vec: np.ndarray, stemmer: Stemmer.Stemmer
) -> tuple[Item | None, str]:
    start = d.sentence[0]
    if d.target_span is not None:
        # "pushed back against candidates … who say the country is in decline": a statement of another
        # speaker told inside the object the report aims at is the words disputed, though in its sentence
        inside = [
            it for it in items
            if it.pk != actor.pk and it.speaker_id is not None and it.speaker_id != actor.speaker_id
            and it.st.cue is not None and d.target_span[0] <= it.st.cue.start < d.target_span[1]
            and it.st.content.start >= d.cue.end
            # a finite verb of its own ("who say", "who has suggested"): a participle ("…, saying the
            # Sanders campaign chose …") the parser hung inside the object is most often the disputer's
            and not it.st.cue.text.split()[0].lower().endswith("ing")
        ]  # fmt: skip
        if inside:
            return min(inside, key=lambda it: it.st.content.start), "embedded"
    if actor.st.rule == "relative":
        # "Trump complained that …, a charge that the leaders denied": the words denied are told in
        # the disputer's own sentence, the very words of the statement credited with them
        same = [
            it for it in items
            if it.pk != actor.pk and it.speaker_id is not None and it.speaker_id != actor.speaker_id
            and (it.st.content.start, it.st.content.end) == (actor.st.content.start, actor.st.content.end)
        ]  # fmt: skip
        if same:
            return same[0], "speaker+words"
    hit = _contrasted(d, actor, items, article)
    if hit is not None:
        return hit, "contrast"
    others = [
        it
        for it in items
        if it.pk != actor.pk and it.speaker_id is not None and it.speaker_id != actor.speaker_id
        and not (d.sentence[0] <= it.st.content.start < d.sentence[1])
    ]  # fmt: skip
    if d.target_speaker:
        named = [it for it in others if _speaker_matches(it.st.speaker.name, d.target_speaker)]
        if named:
            words = d.target_text or ""
            if words:
                hit = _best_by_words(named, words, vec, stemmer, need=2)
                if hit is not None:
                    return hit, "speaker+words"
            hit = _best_by_meaning(named, vec, floor=0.35)
            if hit is not None:
                return hit, "speaker"
            told = [it for it in named if it.st.content.end <= start]
            if _head_word(d.target_np) in _REPORT_NOUNS and told:
                # "the AP report is misleading": what the AP reported in the article, however it is worded
                hit = _best_by_meaning(told, vec, floor=0.0)
                if hit is not None:
                    return hit, "speaker"
    if d.target_text and not d.target_speaker:
        # when the report says whose words they were, another speaker's similar words are not them
        hit = _best_by_words(others, d.target_text, vec, stemmer, need=2, floor=0.45)
        if hit is not None:
            return hit, "words"
    if d.target_np and not d.target_speaker and d.rule == "reported.deny":
        # "the senator denied the allegations": an allegation against the disputer is another speaker's
        # statement about them, the one told last before the report (else first after it)
        hit = _about(actor, others, start, article, d.target_np)
        if hit is not None:
            return hit, "about"
    if d.pronoun and d.rule == "reported.dismissal":
        hit = _answered(d, actor, items, article)
        if hit is not None:
            return hit, "adjacent"
    if (d.rule != "reported.dismissal" or not d.pronoun) and _points_back(d, stemmer):
        # "denied it", "has denied that that was the case", "disputed their account": the words
        # answered are the last told before the report, when another speaker told them
        hit = _last_turn(actor, items, article, start)
        if hit is not None:
            return hit, "turn"
    if d.target_np and not d.target_text and _anaphoric(d.target_np) and d.rule != "reported.dismissal":
        # "Rubio pushed back on those claims": the words answered, told shortly before by another
        # speaker and nearest in meaning to the report (a calibrated rule of its own, seldom sure)
        hit = _best_by_meaning(_told_before(others, article, start, paragraphs=2), vec, floor=0.4)
        if hit is not None:
            return hit, "anaphor"
    return None, ""


_SENTENCE_END = re.compile(r"[.!?]")
# what proposes or asks rather than says something is so ("proposed", "urged", "called for", "offered")
_ASKING = re.compile(r"(?:propos|urg|call|ask|demand|offer|request|invit|recommend|plan|promis|vow|pledg)")
_BUT = re.compile(r"^[\s,;—–-]*(?:but|though|although|yet)\b", re.I)


def _contrasted(d: Dispute, actor: Item, items: Sequence[Item], article: Article) -> Item | None:
    """``The Wall Street Journal reported that …, but Fiorina's team denied that …``: the statement of
    another speaker that the dispute's own sentence sets it against, told right before the ``but``
    that opens the disputer's clause. The sentence itself pairs them; no words need be shared."""
    if d.pronoun or d.rule not in {"reported.deny", "reported.dispute"} or d.target_speaker:
        return None
    before = [
        it for it in items
        if it.pk != actor.pk and it.speaker_id is not None and it.speaker_id != actor.speaker_id
        and d.sentence[0] <= it.st.content.start and it.st.content.end <= d.cue.start
        and it.st.cue is not None and it.st.cue.start < it.st.content.start
    ]  # fmt: skip
    if not before:
        return None
    last = max(before, key=lambda it: it.st.content.end)
    if _ASKING.match(last.st.cue.text.lower()):  # type: ignore[union-attr]
        return None  # "Clinton proposed a debate - but the Sanders campaign rejected the idea": no claim
    # the disputer's clause opens right after the earlier words: "…, but Fiorina's team denied"
    mine = actor.st.speaker.mention
    opens = (
        mine.start if mine is not None and last.st.content.end <= mine.start < d.cue.start else d.cue.start
    )
    return last if _BUT.match(article.text[last.st.content.end : opens]) else None


def _answered(d: Dispute, actor: Item, items: Sequence[Item], article: Article) -> Item | None:
    """What a pronoun dismissal answers (``"It's nonsense," Trump said`` right after Clinton's words):
    the statement told just before the dismissal, when the dismissal is the short first sentence of the
    disputer's words (``It's nonsense.``, ``I never said that.``) and
    that statement is another speaker's, in the same or the previous paragraph, and no question.

    The turn-taking of a reported exchange, not a nearby statement: when the words told just before
    are the disputer's own, or the dismissal comes inside a longer quote, ``it`` may stand for
    anything, and nothing is paired."""
    content = actor.st.content
    end = _SENTENCE_END.search(content.text)
    first = content.text[: end.end() if end else len(content.text)]
    if not content.start <= d.cue.start < content.start + len(first) or len(first.split()) > 12:
        return None  # the dismissal is no short opening of the reply: "it" may be anything
    return _last_turn(actor, items, article, actor.st.content.start)


# the stems of the words of a clause that names nothing of its own ("denied that that was the case")
_EMPTY = frozenset(
    Stemmer.Stemmer("english").stemWords(
        "case happen happened happening true thing things anything something any".split()
    )
)


def _points_back(d: Dispute, stemmer: Stemmer.Stemmer) -> bool:
    """Whether a dispute's target only points back: a pronoun (``denied it``), a clause that names
    nothing (``denied that that was the case``, ``denied it happened``), or a noun phrase that refers
    back (``their account``, ``that suggestion``) with no clause of its own."""
    if d.pronoun:
        return True
    if d.target_text:
        return not stems(d.target_text, stemmer) - _EMPTY
    return bool(d.target_np) and _anaphoric(d.target_np) and not d.target_speaker


def _told_just_before(d: Dispute, article: Article, stemmer: Stemmer.Stemmer) -> str | None:
    """What a report that only points back (``has denied that that was the case``, ``called that
    report a lie``, ``disputed both critiques``) answers when no statement told it: the sentence
    before it in its paragraph, or the two before for a plural (``both critiques``, ``those claims``).
    Never a pronoun's (``denied it``): that may be anything."""
    if d.pronoun or not _points_back(d, stemmer):
        return None
    np_words = (d.target_np or "").lower().split()
    plural = bool(np_words) and (
        np_words[0] in {"both", "those", "these", "their"} or np_words[-1].endswith("s")
    )
    spans = sentences_before(article, d.sentence[0], 2 if plural and not d.target_text else 1)
    if not spans:
        return None
    return " ".join(" ".join(article.text[a:b].split()) for a, b in spans)


def _last_turn(actor: Item, items: Sequence[Item], article: Article, start: int) -> Item | None:
    """The statement told last before ``start`` (the report's sentence), when it is another speaker's
    and in the same or the previous paragraph: the turn a reply answers. When the last words before
    are the disputer's own, what they answer is not known."""
    before = [it for it in items if it.pk != actor.pk and it.st.content.start < start]
    if not before:
        return None
    last = max(before, key=lambda it: (it.st.content.start, it.st.content.end))
    if last.speaker_id is None or last.speaker_id == actor.speaker_id:
        return None
    if last.st.content.text.rstrip(" \"'”’").endswith("?"):
        return None
    if paragraph_of(article, start) - paragraph_of(article, last.st.content.start) > 1:
        return None
    return last


def _told_before(items: Sequence[Item], article: Article, start: int, *, paragraphs: int) -> list[Item]:
    """The statements told before ``start``, in its paragraph or the ``paragraphs`` before it."""
    para = paragraph_of(article, start)
    return [
        it for it in items
        if it.st.content.end <= start and para - paragraph_of(article, it.st.content.start) <= paragraphs
    ]  # fmt: skip


_ANAPHORIC = frozenset("those that these this their his her its the both".split())


def _anaphoric(np_text: str) -> bool:
    """``those claims``, ``their account``, ``the allegation``: words that point back, no clause."""
    words = np_text.lower().split()
    return 1 < len(words) <= 4 and words[0] in _ANAPHORIC


def _own_words(
    actor: Item, items: Sequence[Item], words: str, stemmer: Stemmer.Stemmer, *, before: int
) -> bool:
    """Whether the disputer said these words themselves in the article before the report (two stems
    shared, at least); what they say after it is most often the denial itself ("pushing back against
    candidates who say the country is in decline. 'I don't think the country is in decline'")."""
    want = stems(words, stemmer)
    mine = [
        it
        for it in items
        if it.speaker_id == actor.speaker_id and it.pk != actor.pk and it.st.content.start < before
    ]
    return bool(want) and any(len(want & stems(it.text, stemmer)) >= min(2, len(want)) for it in mine)


# the nouns that name what an outlet or a body published ("the AP report", "the Times story")
_REPORT_NOUNS = frozenset("report reports story stories article articles reporting analysis study".split())
# what an accusation is reported with: "lawsuits accused Trump University of …", "she alleged that …"
_ACCUSING = re.compile(r"(?:accus|alleg|charg|claim|sue[ds]?\b|suing|complain)")
# the nouns that name an accusation ("denied the fraud claims", "denied the charges")
_ACCUSATIONS = frozenset("allegation accusation claim charge".split())


def _about(
    actor: Item, others: Sequence[Item], start: int, article: Article, target_np: str | None = None
) -> Item | None:
    """The statement of another speaker whose subject is the disputer (by surname, or the head of the
    mention they are called by): what an accusation against them is. When the report calls it an
    accusation (``denied the fraud claims``), a statement told with an accusing verb (``accused
    Trump University of …``, in the report's paragraph or the one before it) before one that merely
    speaks of them."""
    sp = actor.st.speaker
    names = {surname(sp.name)} if sp.kind == "person" and sp.name else set()
    if sp.mention is not None:
        words = fold_name(sp.mention.text).split()
        if words and words[-1] not in _PERSONAL:
            names.add(words[-1])
    names.discard(None)
    if not names:
        return None
    para = paragraph_of(article, start)

    def near(it: Item) -> bool:
        return it.st.content.end <= start and para - paragraph_of(article, it.st.content.start) <= 1

    if _head_word(target_np).rstrip("s") in _ACCUSATIONS:
        # "lawsuits accused Trump University of …": an accusation that names the disputer anywhere
        accusing = [
            it for it in others
            if near(it) and _accusing(it) and names & set(fold_name(it.st.content.text).split())
        ]  # fmt: skip
        if accusing:
            return max(accusing, key=lambda it: it.st.content.start)
    # an accusation says what the disputer did: they are its subject ("the senator groped her")
    hits = [
        it for it in others if it.prop is not None and names & set(fold_name(it.prop.subject or "").split())
    ]
    before = [it for it in hits if it.st.content.end <= start]
    if before:
        return max(before, key=lambda it: it.st.content.start)
    return min(hits, key=lambda it: it.st.content.start) if hits else None


def _head_word(np_text: str | None) -> str:
    """The last word of a noun phrase the report aims at, lower-cased (``the AP report`` -> ``report``);
    empty when there is none."""
    words = (np_text or "").lower().split()
    return words[-1] if words else ""


def _accusing(it: Item) -> bool:
    """Whether a statement is told with an accusing verb (``accused``, ``alleges``, ``charging``)."""
    return it.st.cue is not None and _ACCUSING.match(it.st.cue.text.lower()) is not None


def _best_by_words(
    cands: Sequence[Item],
    words: str,
    vec: np.ndarray,
    stemmer: Stemmer.Stemmer,
    *,
    need: int,
    floor: float = 0.0,
) -> Item | None:
    want = stems(words, stemmer)
    best: tuple[float, Item] | None = None
    for it in cands:
        shared = len(want & stems(it.text, stemmer))
        if shared < min(need, len(want)) or not want:
            continue
        sim = float(np.dot(it.vector, vec)) if it.vector is not None else 0.0
        if sim < floor:
            continue
        score = shared + sim
        if best is None or score > best[0]:
            best = (score, it)
    return best[1] if best else None


def _best_by_meaning(cands: Sequence[Item], vec: np.ndarray, *, floor: float) -> Item | None:
    scored = [(float(np.dot(it.vector, vec)), it) for it in cands if it.vector is not None]
    scored = [s for s in scored if s[0] >= floor]
    return max(scored, key=lambda s: s[0])[1] if scored else None


def _across_target(
    ledger: Ledger,
    d: Dispute,
    actor: Item,
    vec: np.ndarray,
    search: Callable[[np.ndarray, int], list[tuple[int, float]]],
    stemmer: Stemmer.Stemmer,
) -> tuple[ClaimMember | None, str]:
    """The disputed words in another article: the named speaker's, else any close in meaning."""
    when = actor.said_start
    words = d.target_text or d.target_np or ""
    want = stems(words, stemmer)

    def fits(m: ClaimMember, floor: float) -> float | None:
        if m.article_id == actor.st.article_id or m.vector is None or m.speaker_id == actor.speaker_id:
            return None
        gap = days_apart(m.said_start, when)
        if not m.said_start or not when or m.said_start > when or (gap is not None and gap > _DAYS):
            return None
        sim = float(np.dot(m.vector, vec))
        if sim < floor or (want and len(want & stems(m.claim_text, stemmer)) < min(2, len(want))):
            return None
        return sim

    if d.target_speaker:
        for speaker_id in ledger.speakers_named(d.target_speaker):
            scored = [
                (s, m) for m in ledger.speaker_statements(speaker_id) if (s := fits(m, 0.45)) is not None
            ]
            if scored:
                return max(scored, key=lambda x: x[0])[1], "across:speaker"
    if d.target_text and not d.target_speaker:  # the words of another than the one named are not them
        found = search(vec, 8)
        members = ledger.members_of([pk for pk, _ in found])
        scored = [(s, m) for m in members if (s := fits(m, 0.6)) is not None]
        if scored:
            return max(scored, key=lambda x: x[0])[1], "across:words"
    return None, ""


# -- walk-backs ------------------------------------------------------------------------------------


def walkback_relations(
    ledger: Ledger,
    items: list[Item],
    reports: list[Report],
    vecs: Sequence[np.ndarray],
) -> list[tuple[Relation, int | None]]:
    """Pair each walk-back the article reports with the walker's earlier statement."""
    merged: dict[tuple[int, int], tuple[Relation, int | None]] = {}
    out: list[tuple[Relation, int | None]] = []
    # statements that report a retreat in their own sentence are no earlier words; one the article's
    # prose credits with a retreat may be ("Trump backed away from X. Trump at the time said X.")
    reporters = {items[r.index].pk for r in reports if not r.prose}
    here = {it.pk: it for it in items}
    for found, vec in zip(reports, vecs, strict=True):
        report, cue, text = items[found.index], found.cue, found.sentence
        rule = "reported.retreat"
        if found.about is not None:  # "said X, before reversing himself": X is taken back
            walker, about = report, items[found.about]  # one surname: the same speaker
            target: tuple[int, str] | None = (about.pk, about.text)
            rule += ":then"
        else:
            walker = _walker(report, found, items)
            if walker is None or walker.speaker_id is None:
                continue
            if found.target_text:  # the report says which words: only words that say them
                target = _said_words(ledger, walker.speaker_id, report, found.target_text, reporters)
                rule += ":words"
                if target is None:
                    if not cue.text.lower().startswith("never"):  # "I never said X" with no X said
                        out.append(_unquoted_walkback(report, walker, found))
                    continue
            else:
                target = _walked_back(
                    ledger, walker.speaker_id, report, found, np.asarray(vec), reporters, here
                )
        if target is None or walker.speaker_id is None:
            continue
        pk, earlier = target
        key = (walker.speaker_id, pk)
        evidence = [
            cue.text.lower(),
            f"{short(text)} ({report.st.said_on.value or 'undated'})",
            f"earlier: {short(earlier)}",
        ]
        if key in merged:
            rel, sid = merged[key]
            extra = tuple(e for e in evidence[:2] if e not in rel.evidence)
            merged[key] = (
                Relation(
                    type="walkback", from_statement=rel.from_statement, to_statement=pk,
                    evidence=rel.evidence + extra,
                    confidence=min(0.95, max(rel.confidence, cue.confidence) + 0.05),
                    basis="reported", claim_id=rel.claim_id, rule=rel.rule,
                ),
                sid,
            )  # fmt: skip
            continue
        merged[key] = (
            Relation(
                type="walkback", from_statement=report.pk, to_statement=pk, evidence=tuple(evidence),
                confidence=cue.confidence, basis="reported", claim_id=None,
                rule=rule,
            ),
            walker.speaker_id,
        )  # fmt: skip
    return out + list(merged.values())


def _unquoted_walkback(report: Item, walker: Item, found: Report) -> tuple[Relation, int | None]:
    """A walk-back whose earlier words were never quoted: the report's words for them stand in."""
    words = found.target_text or ""
    return (
        Relation(
            type="walkback", from_statement=report.pk, to_statement=None,
            evidence=(
                found.cue.text.lower(), f"{short(found.sentence)} ({report.st.said_on.value or 'undated'})",
                f"earlier words not quoted: {short(words)}",
            ),
            confidence=round(found.cue.confidence * 0.9, 3), basis="reported",
            rule="reported.retreat:not quoted", target_text=words, target_speaker=walker.st.speaker.name,
        ),
        walker.speaker_id,
    )  # fmt: skip


def _said_words(
    ledger: Ledger, speaker_id: int, report: Item, words: str, reporters: set[int]
) -> tuple[int, str] | None:
    """The walker's earlier statement that says ``words`` (the report's account of what was taken
    back): two content-word stems shared at least, the most shared first."""
    stemmer = Stemmer.Stemmer("english")
    want = stems(words, stemmer)
    if not want:
        return None
    when = _start(report)
    best: tuple[int, int, str] | None = None
    for m in ledger.speaker_statements(speaker_id):
        if m.pk == report.pk or m.pk in reporters or (m.said_start and when and m.said_start > when):
            continue
        shared = len(want & stems(m.claim_text, stemmer))
        if shared >= min(2, len(want)) and (best is None or shared > best[0]):
            best = (shared, m.pk, m.claim_text)
    return (best[1], best[2]) if best else None


def _both_dated(m: Item, report: Item) -> bool:
    """Whether both statements carry a date of their own words (``on Friday``), not the article's."""
    return m.st.said_on.source == "text" and report.st.said_on.source == "text"


def _walked_back(
    ledger: Ledger,
    speaker_id: int,
    report: Item,
    found: Report,
    context: np.ndarray,
    reporters: set[int],
    here: dict[int, Item],
) -> tuple[int, str] | None:
    """The walker's earlier statement the report is about.

    Said before it (on an earlier day, or the same day in the same article), and nearest in
    meaning to the report's paragraph and the one before; a statement of the same article, or
    said on an earlier day, gets a head start. One from another article must be close in meaning.

    In the same article, a date that is only the article's own does not rule a statement out (``X
    said … X later said he was being sarcastic`` holds a misread date, ``the Nov. 8 election``).
    Two signs outweigh nearness in meaning: the walker's statement told last before the report,
    and close to it (a walk-back is usually reported right after the words it takes back: ``… had
    said the US "did inform" … Kirby confirmed that he misspoke``); and a statement holding a
    phrase the report quotes (``refrain from using the phrase “illegal immigrant”``).
    """
    when = _start(report)
    candidates: list[tuple[ClaimMember, str, bool, Item | None]] = []  # with the date said
    for m in ledger.speaker_statements(speaker_id):
        if m.pk == report.pk or m.pk in reporters:
            continue
        same_article = m.article_id == report.st.article_id
        local = here.get(m.pk) if same_article else None
        if not m.said_start or not when:
            continue
        if m.said_start > when or (m.said_start == when and not same_article):
            if local is None or _both_dated(local, report):
                continue
        if walkback_cue(m.claim_text) is not None or m.vector is None:
            continue
        if (
            local is not None
            and local.st.content.start < report.st.content.end
            and (report.st.content.start < local.st.content.end)
        ):
            continue  # a piece of the report's own words ("his people to look into paying the fees")
        candidates.append((m, m.said_start, same_article, local))
    last = max(
        (
            loc
            for _, _, _, loc in candidates
            if loc is not None and 0 <= found.start - loc.st.content.end <= _NEAR
        ),
        key=lambda loc: loc.st.content.start,
        default=None,
    )
    quoted = _quoted(found)
    stemmer = Stemmer.Stemmer("english")  # cheap, and one per call is thread-safe
    denied = _denied_words(found, stemmer)
    best: tuple[float, int, str, bool, float] | None = None
    for m, said, same_article, local in candidates:
        if denied is not None and len(denied & stems(m.claim_text, stemmer)) < 2:
            continue  # "I never said X": only words that say X can be the ones taken back
        sim = float(np.dot(m.vector, context))
        if sim < (0.2 if same_article else _ACROSS_FLOOR):
            continue
        score = sim + (0.15 if same_article else 0.0) + (0.15 if said < when else 0.0)
        if last is not None and local is last:
            score += 0.15
        if any(_holds(m.claim_text, q) for q in quoted):
            score += 0.3
        if best is None or score > best[0]:
            best = (score, m.pk, m.claim_text, same_article, sim)
    if best is None:
        return None
    if found.prose and not best[3] and report.vector is not None:
        # "Trump backed away from a suggestion …. Trump at the time said he'd asked his people to look
        # into paying the fees": the statement the prose is credited to may itself be the words taken
        # back; when it is as near in meaning as another article's words must be, those are not them
        if float(np.dot(report.vector, context)) >= _ACROSS_FLOOR:
            return None
    return best[1], best[2]


_QUOTED = re.compile(r"“([^”“]{4,80})”|\"([^\"]{4,80})\"|‘([^‘’]{4,80})’(?!\w)")


def _quoted(report: Report) -> list[str]:
    """The short phrases (at most six words) a report quotes, other than its cue: often the words
    taken back (``from using the phrase “illegal immigrant”``)."""
    cue = " ".join(report.cue.text.split()).casefold()
    out = []
    for m in _QUOTED.finditer(report.sentence):
        words = next(g for g in m.groups() if g is not None)
        phrase = " ".join(words.strip(" ,.").split()).casefold()
        if len(phrase.split()) <= 6 and phrase not in cue and cue not in phrase:
            out.append(phrase)
    return out


# what follows "never said", up to the end of its clause or of the quotation it is in
_DENIED_SAYING = re.compile(
    r"\bnever\s+(?:actually\s+)?said\s+(?:that\s+)?(?P<what>(?:(?!'')[^.;!?\"”])*)", re.I
)


def _denied_words(report: Report, stemmer: Stemmer.Stemmer) -> set[str] | None:
    """For a report ``he never said X``, the stems of X's content words (what the walker says he did
    not say, which the earlier statement must share); ``None`` for any other cue."""
    if not report.cue.text.lower().startswith("never"):
        return None
    m = _DENIED_SAYING.search(report.sentence)
    return stems(m.group("what"), stemmer) if m else set()


def _holds(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}", text.casefold()) is not None


_PRONOUN = re.compile(r"^\W*(?:he|she|they|i|we|it)\b", re.I)


_PERSONAL = frozenset("he she they i we it".split())


def _walker(report: Item, found: Report, items: list[Item]) -> Item | None:
    """Who walks back: the subject of the cue (``Kirby confirmed that he misspoke``: he), the
    reporting statement's speaker when it is them, a person it names; nobody when it describes someone
    the statement's speaker is not (``the club manager later clarified`` in Trump's quote)."""
    if found.walker:
        words = set(fold_name(found.walker).split())
        if words <= _PERSONAL:
            return report
        sp = report.st.speaker
        mine = set(
            fold_name(" ".join(x for x in (sp.name, sp.mention.text if sp.mention else "") if x)).split()
        )
        if words & mine - {"the", "a", "an"}:
            return report
        for it in items:
            name = it.st.speaker.name
            if it.speaker_id is not None and it.person and name and surname(name) in words:
                return it
        return None
    cue_start = found.cue.start
    before = report.st.content.text[:cue_start]
    if not before.strip() or _PRONOUN.search(before):
        return report
    words = set(fold_name(before).split())
    for it in items:
        name = it.st.speaker.name
        if it.speaker_id is not None and it.person and name and surname(name) in words:
            return it
    return report
