"""Parse only what needs parsing.

A paragraph can hold a statement only when it has a quotation mark or a word that can be a cue
(an inflection of a reporting verb, ``according``, a phrase such as ``took issue`` or ``pushed back``,
a finding verb beside a document that finds: ``the study found``). A paragraph that promotes something
else (``READ MORE: …``, ``Sign up for …``, a teaser for another story) or is an editor's note on the
article (``Correction: …``, ``The first sentence has been clarified to reflect …``) is blanked whatever
it holds: its quotations are headlines, and what it reports of a speaker is the outlet's correction.
The paragraphs that can hold a statement, and the paragraph before each (where the antecedent of a
``he`` usually is), are parsed; the others are replaced by white space of the same length, so that
every character offset stays valid and the parser skips them cheaply.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import CUE_VERBS, FINDING_NOUNS, FINDING_VERBS

__all__ = ["cue_forms", "is_promotion", "mask_unneeded", "needs_parse"]

_IRREGULAR = {
    "say": ["said"],
    "tell": ["told"],
    "write": ["wrote", "written"],
    "think": ["thought"],
    "know": ["knew", "known"],
    "find": ["found"],
    "show": ["shown"],
    "swear": ["swore", "sworn"],
    "feel": ["felt"],
    "told": [],
    "speak": ["spoke", "spoken"],
    "understand": ["understood"],
    "hear": ["heard"],
    "cry": ["cried", "cries"],
    "reply": ["replied", "replies"],
    "deny": ["denied", "denies"],
    "testify": ["testified", "testifies"],
    "clarify": ["clarified", "clarifies"],
    "retort": [],
    "criticize": ["criticized"],
    "quip": ["quipped", "quipping"],
    "admit": ["admitted", "admitting"],
    "plead": ["pled"],
    "brag": ["bragged", "bragging"],
    "slam": ["slammed", "slamming"],
    "dub": ["dubbed", "dubbing"],
    "concur": ["concurred", "concurring"],
    "rebut": ["rebutted", "rebutting"],
    "regret": ["regretted"],
    "commit": ["committed"],
}


def _forms(lemma: str) -> set[str]:
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies"}
    forms.update(_IRREGULAR.get(lemma, []))
    return forms


@lru_cache(maxsize=1)
def cue_forms() -> frozenset[str]:
    """Every inflection of every cue verb, lower-cased, and ``according``."""
    words: set[str] = {"according"}
    for lemma in CUE_VERBS:
        words |= _forms(lemma)
    return frozenset(words)


@lru_cache(maxsize=1)
def finding_forms() -> frozenset[str]:
    """Every inflection of every finding verb (``found``, ``shows``), lower-cased."""
    return frozenset(w for lemma in FINDING_VERBS for w in _forms(lemma))


_QUOTE_MARKS = re.compile(r"[“”\"„«»―]|''")
_WORD = re.compile(r"[a-z]+")
_PHRASES = re.compile(r"\bt(?:ake|akes|aking|ook|aken)\s+issue\b|\bpush(?:es|ed|ing)?\s+back\b")


# the labels and calls to action that open a promotion or a teaser for another story
_PROMOTION = re.compile(
    r"^\s*(?:(?:READ|Read|ALSO READ|Also read|READ MORE|Read more|MORE|More|RELATED|Related|SEE ALSO|See also"
    r"|WATCH|Watch|LISTEN|Listen|RECOMMENDED|Recommended|TRENDING|Trending|MOST READ|Most read"
    r"|TOP STORIES|Top stories|UP NEXT|Up next|DON['’]T MISS|Don['’]t miss)"
    r"(?:\s+(?:MORE|more|ALSO|also|NOW|now))?\s*[:|»›>—–-]"
    r"|(?:Sign up|Subscribe|Click here|Follow us|Download (?:the|our)"
    r"|Get (?:the|our) (?:latest|best|newsletter)|Like us on|Join us on)\b)"
)


# an editor's note about the article itself: what it says of a speaker is the outlet's correction
_EDITORS_NOTE = re.compile(
    r"^\s*(?:(?:CORRECTION|Correction|CLARIFICATION|Clarification|EDITOR['’]S NOTE|Editor['’]s [Nn]ote)"
    r"\s*[:—–-]|An earlier version of this"
    r"|This (?:article|story|report|post) (?:has been|was) (?:updated|corrected|clarified)"
    r"|The (?:first|second|third|last|previous)? ?(?:sentence|paragraph|headline)\b[^.]{0,60}\bhas been"
    r" (?:clarified|corrected|updated))"
)


def is_promotion(paragraph: str) -> bool:
    """Whether a paragraph promotes something else (``READ MORE: …``, ``Related: …``, ``Sign up for
    …``) or is an editor's note on the article (``Correction: An earlier version of this story …``)."""
    return bool(_PROMOTION.match(paragraph) or _EDITORS_NOTE.match(paragraph))


def needs_parse(paragraph: str) -> bool:
    if is_promotion(paragraph):
        return False
    if _QUOTE_MARKS.search(paragraph):
        return True
    lower = paragraph.lower()
    words = set(_WORD.findall(lower))
    if not words.isdisjoint(cue_forms()) or _PHRASES.search(lower):
        return True
    return not words.isdisjoint(finding_forms()) and not words.isdisjoint(FINDING_NOUNS)


def mask_unneeded(text: str, *, context: int = 3) -> str:
    """The text with paragraphs that cannot hold a statement blanked out (same length).

    ``context`` paragraphs before each needed one are kept too (for pronoun antecedents).
    """
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    need = [needs_parse(text[s:e]) for s, e in spans]
    keep = list(need)
    for i, n in enumerate(need):
        if n:
            for j in range(max(0, i - context), i):
                keep[j] = not is_promotion(text[spans[j][0] : spans[j][1]])
    if all(keep):
        return text
    out = list(text)
    for (s, e), k in zip(spans, keep, strict=True):
        if not k:
            out[s:e] = " " * (e - s)
    return "".join(out)
