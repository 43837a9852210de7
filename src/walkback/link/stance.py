"""Where a statement stands, and the words that show it.

Everything here reads text only (no model), so each flag can be explained by the words it quotes:

* :func:`polarity`: is the proposition said in the negative (``there was not a pre-notification``)?
  Negations inside idioms that assert (``made no secret``, ``not only``) do not count.
* :func:`stance`: ``affirms`` / ``denies`` a claim read in its positive form, or ``neither`` for
  questions and for statements that only report or ask.
* :func:`flips`: the words that differ between two statements on one claim: negation, an antonym
  pair, numbers.
* :func:`walkback_cue`: the words that report a walk-back (``misspoke``, ``walked back his
  remarks``, ``regret any confusion``), unless the sentence says it did *not* happen
  (``refused to walk back``, ``urged him to retract``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Stance, Statement
from .propositions import Proposition

__all__ = [
    "Cue",
    "claim_text",
    "flips",
    "numbers",
    "polarity",
    "stance",
    "stance_of",
    "walkback_cue",
]

_QUOTES = str.maketrans({c: " " for c in '"“”„‟«»'})
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*%?")

# negators; "n't" arrives attached ("didn't", "wasn’t")
_NEGATORS = {"not", "no", "never", "neither", "nor", "none", "nobody", "nothing", "cannot", "nowhere"}
_NEG_SUFFIX = re.compile(r"n[’']t$", re.I)
# idioms whose negation asserts rather than denies
_IDIOMS = re.compile(
    r"\b(?:no secret|no doubt|no question|no mistake|not only|not just|no matter|nothing but|"
    r"not least|no less than|no longer than|not to mention|none other than|not surprisingly|"
    r"no fewer than|not yet clear)\b",
    re.I,
)
# verbs that deny what follows ("denied that ...", "rejected claims that ...")
_DENIALS = re.compile(r"\b(?:den(?:y|ies|ied|ying)|refut(?:e|es|ed|ing)|false(?:ly)?|untrue)\b", re.I)

_ANTONYMS = (
    ("increase", "decrease"), ("increased", "decreased"), ("rise", "fall"), ("rose", "fell"),
    ("up", "down"), ("more", "fewer"), ("more", "less"), ("higher", "lower"), ("win", "lose"),
    ("won", "lost"), ("support", "oppose"), ("supports", "opposes"), ("supported", "opposed"),
    ("approve", "reject"), ("approved", "rejected"), ("accept", "refuse"), ("accepted", "refused"),
    ("allow", "ban"), ("allowed", "banned"), ("true", "false"), ("before", "after"),
    ("legal", "illegal"), ("guilty", "innocent"), ("always", "never"), ("confirmed", "denied"),
    ("present", "absent"), ("agree", "disagree"), ("likely", "unlikely"), ("safe", "unsafe"),
)  # fmt: skip
_ANTONYM = {a: b for a, b in _ANTONYMS} | {b: a for a, b in _ANTONYMS}

_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?%?")

_WALKBACK = re.compile(
    r"\b(?:"
    r"misspo(?:ke|ken)|misstat(?:ed|ement)|mis-?spoke|"
    r"walk(?:ed|ing|s)?\s+back|walk-?back|"
    r"backtrack(?:ed|ing|s)?|back(?:ed|ing)?\s+(?:away\s+)?(?:off|away)\s+from|"
    r"clarif(?:y|ied|ies|ying|ication)|"
    r"retract(?:ed|ing|s|ion)?|"
    r"t(?:ake|akes|ook|aking)\s+(?:back\s+(?:his|her|their|my|the|those|that|these)\s+(?:\w+\s+)?"
    r"(?:words?|remarks?|comments?|statements?|claims?)|(?:it|that|them)\s+back)|"
    r"revers(?:ed|es|ing)\s+(?:him|her|them|it)sel(?:f|ves)|revers(?:ed|es|ing)\s+course|"
    r"correct(?:ed|ing|s)\s+(?:himself|herself|themselves|itself|the\s+record|(?:his|her|their|its|an?|the)\s+"
    r"(?:earlier\s+|previous\s+|initial\s+)?(?:claim|statement|remark|comment|assertion)s?)|"
    r"regret(?:s|ted)?\s+(?:any|the)\s+(?:confusion|misunderstanding|offen[cs]e)|apologi[sz](?:e|ed|es|ing)\s+for\s+(?:the|any|his|her|my)\s+"
    r"(?:confusion|error|mistake|remarks?|comments?)|"
    r"spoke\s+too\s+soon|u-turn|flip-?flop(?:ped)?|"
    r"recant(?:ed|s|ing)?|backpedal(?:ed|led|ing|s)?|"
    r"distanc(?:ed|es|ing)\s+(?:him|her|them|it)sel(?:f|ves)\s+from\s+(?:(?:his|her|their|its|the|those|these|that|an?)\s+)?"
    r"(?:\w+\s+){0,2}?(?:remarks?|comments?|words|statements?|interviews?|claims?|tweets?|posts?)|"
    r"(?:was|were|being|been|meant\s+as|(?:as|was)\s+a)\s+(?:(?:just|only|merely)\s+)?[\"“‘']?(?:sarcastic|sarcasm|joking|a\s+joke|kidding)|"
    r"poor\s+choice\s+of\s+words|(?:remarks?|comments?|words|statements?)\s+(?:was|were|had\s+been|have\s+been)\s+"
    r"(?:mischaracteri[sz]ed|misinterpreted|misconstrued|taken\s+out\s+of\s+context)|ill-advised|my\s+apologies|"
    r"apologi[sz](?:e|ed|es|ing)\s+for\s+(?:(?:his|her|their|its|the|those|these|that|my|our)\s+)?"
    r"(?:\w+\s+){0,2}?(?:remarks?|comments?|words|statements?|tweets?|columns?|language|jokes?|"
    r"slurs?|sound\s+bites?|claims?|posts?)|"
    r"regret(?:s|ted)?\s+(?:my|his|her|their|the|those|these|that)\s+(?:\w+\s+)?(?:remarks?|comments?|words|statements?|tweets?)|"
    r"(?:for\s+)?which\s+(?:he|she|they|it)\s+(?:later\s+|has\s+since\s+|have\s+since\s+|since\s+)?apologi[sz]ed|"
    r"apologi[sz]ed\s+(?:the\s+(?:next|following)\s+day|(?:a\s+day|days|hours|a\s+week)\s+later|later|afterwards?)|"
    r"never\s+(?:actually\s+)?said|partial\s+reversal|reversal"
    r")",
    re.I,
)
# a walk-back cue the sentence says did not (or not yet) happen
_NOT_HAPPENED = re.compile(
    r"n[’']t\b|\b(?:not|never|hardly|barely|scarcely|fail\w*\s+to|did\s+little\s+to|got\s+to|ha(?:ve|s|d)\s+to|refus\w*|declin\w*|reject\w*|urg\w*|call(?:ed|ing|s)?\s+(?:on|for)|demand\w*|"
    r"pressur\w*|push(?:ed|ing)?|ask(?:ed|ing|s)?|want(?:ed|s)?|won[’']t|would\s+not|no\s+plans?|"
    r"should|must|need(?:s|ed|ing)?|requir\w*|will|would|if|whether|unless|yet\s+to|nothing\s+to|neither|nor|"
    r"no\s+need|without|accus\w*)\b",
    re.I,
)


# an outlet correcting itself: a note that opens with "Correction:" or "Editor's note:", or a
# correction told as a sentence ("Because of an editing error, an article on April 25 ... misstated
# ...", "An article on Monday about ... misidentified ...")
_OUTLET_CORRECTION = re.compile(
    r"\A\W*(?:correction|clarification|editor[’']?s\s+note|update)\s*:|"
    r"\bbecause\s+of\s+an?\s+(?:editing|reporting|production|transcription)\s+error\b|"
    r"\ban?\s+(?:earlier\s+version\s+of\s+(?:this|an?)\s+)?(?:article|report|story|column|headline|caption|"
    r"picture\s+caption|chart|graphic)\s+(?:on|in|about|last|published)\b[^.]{0,200}?"
    r"\b(?:misstated|misidentified|misquoted|misspelled|referred\s+incorrectly|incorrectly)\b",
    re.I,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Cue:
    """A walk-back cue found in a text: the words, their offsets in it, and the confidence."""

    text: str
    start: int
    end: int
    confidence: float


def claim_text(st: Statement) -> str:
    """The proposition's words, without quote marks: a direct quote's quoted parts (no ``he said``
    between them), else the whole content, frame included (``the discussion was not “a negotiation”``)."""
    text = (
        " ".join(seg.text for seg in st.segments) if st.kind == "direct" and st.segments else st.content.text
    )
    return " ".join(text.translate(_QUOTES).split())


def _words(text: str) -> list[str]:
    return [m.group(0) for m in _WORD.finditer(text)]


def polarity(text: str) -> tuple[bool, list[str]]:
    """``(negative, evidence)``: whether ``text`` says its proposition in the negative, and the words.

    Negations are counted outside the idioms that assert; an odd count (or a denial verb with no
    negation) is negative. Only the first sentence counts when the text holds several: the rest
    usually adds reasons, not another proposition.
    """
    first = _first_sentence(text)
    plain = _IDIOMS.sub(" ", first)
    evidence = [w for w in _words(plain) if w.lower() in _NEGATORS or _NEG_SUFFIX.search(w)]
    denials = [m.group(0) for m in _DENIALS.finditer(plain)]
    negative = (len(evidence) + len(denials)) % 2 == 1
    return negative, evidence + denials


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘]?[A-Z])")


def _first_sentence(text: str) -> str:
    parts = _SENTENCE_END.split(text.strip(), maxsplit=1)
    return parts[0] if parts else text


def stance(st: Statement) -> tuple[Stance, list[str]]:
    """Where ``st`` stands on the positive form of its proposition, with the words that show it."""
    text = claim_text(st)
    cue = (st.cue.text.lower() if st.cue else "").strip()
    first = _first_sentence(text).rstrip()
    if first.endswith("?") or cue in {"asked", "asks", "asking", "wondered", "questioned"}:
        return "neither", ["question"]
    negative, evidence = polarity(text)
    if cue in {"denied", "denies", "deny", "rejected", "dismissed", "refuted", "disputed"}:
        negative = not negative
        evidence = [*evidence, cue]
    return ("denies" if negative else "affirms"), evidence


_DENYING_CUES = {"denied", "denies", "deny", "denying", "rejected", "dismissed", "refuted", "disputed"}


def stance_of(st: Statement, prop: Proposition | None) -> tuple[Stance, list[str]]:
    """Where ``st`` stands, read from its proposition: the negation of its main predicate (not a
    negation anywhere in the quote), turned by a denying cue (``denied that …``); ``neither`` for a
    question. Without a proposition, :func:`stance` reads the words."""
    if prop is None:
        return stance(st)
    cue = (st.cue.text.lower() if st.cue else "").strip()
    if prop.modality == "question" or cue in {"asked", "asks", "asking", "wondered", "questioned"}:
        return "neither", ["question"]
    negative = prop.negated
    evidence = [prop.negation] if prop.negation else []
    if cue in _DENYING_CUES:
        negative = not negative
        evidence.append(cue)
    return ("denies" if negative else "affirms"), evidence


def numbers(text: str) -> set[str]:
    """The numbers in ``text``, normalised (``1,200`` -> ``1200``); years and ordinals included."""
    return {m.group(0).replace(",", "").rstrip(".") for m in _NUMBER.finditer(text)}


def flips(a: str, b: str) -> list[str]:
    """The words that set ``a`` and ``b`` apart: ``not``/``n't`` on one side only, antonyms, numbers.

    Each item reads as a reason: ``"not: there was not a pre-notification"``,
    ``"antonym: increased / decreased"``, ``"numbers: 12 / 15"``.
    """
    out: list[str] = []
    neg_a, ev_a = polarity(a)
    neg_b, ev_b = polarity(b)
    if neg_a != neg_b:
        side, words = (a, ev_a) if neg_a else (b, ev_b)
        out.append(f"{' '.join(dict.fromkeys(w.lower() for w in words))}: {_first_sentence(side)[:160]}")
    wa = {w.lower() for w in _words(a)}
    wb = {w.lower() for w in _words(b)}
    for w in sorted(wa - wb):
        other = _ANTONYM.get(w)
        if other and other in wb and other not in wa:
            out.append(f"antonym: {w} / {other}")
    na, nb = numbers(a), numbers(b)
    if na and nb and not (na & nb):
        out.append(f"numbers: {', '.join(sorted(na))} / {', '.join(sorted(nb))}")
    return out


def walkback_cue(text: str) -> Cue | None:
    """The first walk-back cue in ``text`` that the sentence reports as having happened, else ``None``.

    A cue preceded in its clause by a negation, a refusal, a demand or a condition (``did not
    retract``, ``urged him to walk back``, ``if he clarifies``) is not a walk-back.
    """
    if _OUTLET_CORRECTION.search(text):
        return None  # an outlet correcting itself, not a speaker walking back
    for m in _WALKBACK.finditer(text):
        clause_start = max(text.rfind(ch, 0, m.start()) for ch in ".;!?,:") + 1
        before = text[max(clause_start, m.start() - 60) : m.start()]
        if _NOT_HAPPENED.search(before):
            continue
        words = m.group(0).lower()
        weak = words.startswith(
            (
                "clarif",
                "correct",
                "apolog",
                "for which",
                "which",
                "u-turn",
                "flip",
                "revers",
                "never",
                "ill-",
                "remark",
                "comment",
                "words",
                "statement",
            )
        )
        return Cue(text=m.group(0), start=m.start(), end=m.end(), confidence=0.6 if weak else 0.85)
    return None
