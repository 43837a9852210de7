"""Cue frames beyond ``X said that …``, and frames that look like speech but are not.

:mod:`walkback.extract.attribution` finds a cue, its speaker and its content; this module holds what
it asks about a frame before keeping it, as small predicates over the dependency parse:

* **not a statement** (:func:`not_speech`): a question put to someone (``Asked whether he would
  continue to accept gifts, the prime minister said …``; ``Ryder was asked whether …``): the words
  are the reporter's, not the answerer's; a thought (``Slemp still sometimes wonders whether …``)
  unless its words are quoted; a thing as the subject of a verb that things do too (``The value of
  the pound crashed, signalling that …``); words on an object (``a jacket reading “…”``);
* **rebuttals** (:func:`rebuttal_content`): the disputed thing is the content, the rebutter the
  speaker (``pushed back on Trump's claim that …``, ``took issue with …``, ``dismissed the report
  as …``, ``denied the allegations``), so the linker downstream can resolve what is disputed;
* **findings** (:func:`is_finding`): a study, report or analysis that found or showed something is
  a statement of the document (rule ``finding``); its issuer, when named, is the speaker
  (``a Labor Department study found …`` -> Labor Department, an organisation);
* **parenthetical cues** (:func:`parenthetical_content`): ``The plan, she says, is to open …``.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from .fastpipe import lemma_of
from .lexicon import (
    DOCUMENT_NOUNS,
    FINDING_NOUNS,
    FINDING_VERBS,
    GROUP_NOUNS,
    INSCRIPTION_NOUNS,
    ORGANIZATION_NOUNS,
    REBUTTAL_VERBS,
    RECORD_NOUNS,
    ROLE_NOUNS,
    THING_CUES,
    THOUGHT_VERBS,
)
from .nlp import sentence_of
from .quotes import QuoteIndex

__all__ = [
    "QUOTED_RULES",
    "is_finding",
    "issuer_pronoun",
    "not_speech",
    "parenthetical_content",
    "quoted_words_of_no_speaker",
    "rebuttal_content",
    "speaks",
]

#: Rules whose content is a quotation next to the cue (the words are on record, whatever the verb).
QUOTED_RULES = frozenset({"ccomp-quote", "parataxis-quote", "quote-before", "quote-after", "colon"})

_SUBJ_DEPS = {"nsubj", "nsubjpass"}
_SPEAKER_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
_MEDIUM_NOUNS = frozenset(
    "statement interview speech tweet post letter release briefing conference email op-ed column "
    "video podcast appearance remarks testimony hearing".split()
)


_SPEAKING_NOUNS = (
    ROLE_NOUNS | GROUP_NOUNS | ORGANIZATION_NOUNS | FINDING_NOUNS | RECORD_NOUNS | DOCUMENT_NOUNS
)
# nouns for people by their ending: commentator, banker, columnist, historian, consultant, representative
_PERSON_SUFFIXES = (
    "er",
    "or",
    "ist",
    "ian",
    "ant",
    "ent",
    "ive",
    "man",
    "woman",
    "men",
    "women",
    "ers",
    "ors",
    "ists",
)
# ... and things with the same endings
_NOT_PEOPLE = frozenset(
    """
number order power water matter border center centre paper letter chapter character error factor
sector motor meter monitor indicator mirror behavior behaviour anchor color colour favor favour
honor honour humor humour labor labour rumor rumour tumor vapor event moment comment element
statement movement agreement argument government department investment environment development
treatment content extent percent talent incident accident payment judgment achievement parliament
equipment sentiment settlement alternative initiative incentive objective perspective narrative
directive motive offensive defensive collective dollar
pound euro currency rate price value market economy
""".split()
)


def speaks(tok: Token) -> bool:
    """Whether ``tok`` (the head of a subject) can be a speaker: a person, a named entity, a pronoun
    for people, a role, a group, an organisation or a document (``the report``)."""
    if tok.lower_ in {"who", "which", "that"} and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "the report, which found …": the noun the clause describes
    if tok.pos_ == "PRON":
        return tok.lower_ not in {"it", "this", "that", "which", "what"}  # "It signals that …"
    if tok.pos_ == "PROPN" or tok.ent_type_ in _SPEAKER_LABELS:
        return True
    lemma = lemma_of(tok).lower()
    lower = tok.lower_
    if lower in _SPEAKING_NOUNS or lemma in _SPEAKING_NOUNS:
        return True
    if tok.pos_ == "NOUN" and lemma.endswith(_PERSON_SUFFIXES) and lemma not in _NOT_PEOPLE:
        return True  # "the columnist suggested", "a banker suggested", "the moderator pointed out"
    # "the 26-year-old", "the Kentucky Republican": a person described; compounds of a role
    # ("union boss") or a name ("Trump campaign") speak as well
    return any(
        c.dep_ in {"compound", "amod", "poss"} and (c.ent_type_ in _SPEAKER_LABELS or c.pos_ == "PROPN")
        for c in tok.children
    )


def _is_inscribed(tok: Token) -> bool:
    """Whether ``tok`` is an object words are written on (``plaque``, ``jacket``, ``sign``)."""
    return tok.pos_ in {"NOUN", "PROPN"} and lemma_of(tok).lower() in INSCRIPTION_NOUNS


def not_speech(cue: Token, lemma: str, subj: Token | None, rule: str) -> str | None:
    """Why the frame of ``cue`` is no statement, or None when it may be one."""
    if lemma == "ask" and _question_put(cue):
        return "question"  # kept, without a speaker: the asker is not named (see attribution)
    if lemma in THOUGHT_VERBS and rule not in QUOTED_RULES:
        return "thought"
    if subj is not None and _is_inscribed(subj):
        return "inscription"
    if subj is not None and lemma in THING_CUES and not speaks(subj):
        return "thing"
    return None


def _question_put(cue: Token) -> bool:
    """``Asked whether …, X said`` and ``X was asked whether …``: the question is the asker's, and the
    asker is not in the sentence."""
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in cue.children):
        return True
    # the tagger reads a sentence-opening "Asked what he would tell …, Brooks said" as a past tense
    opening = cue.tag_ == "VBD" and cue.dep_ == "advcl" and cue.i == cue.sent.start and cue.i < cue.head.i
    return (cue.tag_ == "VBN" or opening) and not any(c.dep_ in _SUBJ_DEPS | {"aux"} for c in cue.children)


def inscribed_quote(head: Token) -> bool:
    """Whether a quotation hangs off an object words are written on: ``a jacket emblazoned with “…”``,
    ``a plaque that reads “…”``, ``signs saying “…”``."""
    cur = head
    for _ in range(4):
        if _is_inscribed(cur):
            return True
        if cur.head is cur:
            return False
        cur = cur.head
    return False


_NAMED_AFTER = frozenset(
    "rally rallies march protest protests event campaign movement tour conference summit festival act bill "
    "law program programme initiative policy slogan hashtag song album book film movie show series ad "
    "ads doctrine plan caucus party".split()
)
_INSCRIBED_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(INSCRIPTION_NOUNS, key=len, reverse=True)) + r")s?\b(?:[^.!?\n“”\"]{0,60})$",
    re.IGNORECASE,
)
# "agreed with the statement “…”", "the question “…”": words put to people, not said by them
_POLL_ITEM_BEFORE = re.compile(
    r"\b(?:with|to)\s+the\s+(?:following\s+)?(?:statement|proposition|question|item)\s*[:,]?\s*$",
    re.IGNORECASE,
)


def quoted_words_of_no_speaker(text: str, start: int, end: int) -> str | None:
    """Why the quotation ``text[start:end]`` (marks included) is nobody's statement, or None.

    Read from the words around it, which the parser often gets wrong: words on an object (``a
    jacket emblazoned with “…”``, ``a plaque on the wall reads “…”``), the name of an event or a
    thing (``the “Stop the Steal, Save the Nation” rally``), and an item of a poll (``agreed with the
    statement “…”``)."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 120) : start]
    sentence = re.split(r"[.!?]\s", before)[-1]
    if _INSCRIBED_BEFORE.search(sentence):
        return "inscription"
    if _POLL_ITEM_BEFORE.search(before):
        return "poll item"
    inner = text[start:end].strip("“”\"' ")
    after = re.match(r"\s*([A-Za-z]+)", text[end : end + 30])
    if after and after.group(1).lower() in _NAMED_AFTER and inner[-1:] not in {",", ".", "!", "?"}:
        return "name"
    return None


# --- rebuttals -----------------------------------------------------------------------------------


def rebuttal_content(cue: Token, lemma: str) -> tuple[int, int] | None:
    """Token range of what a rebuttal disputes, or None.

    ``pushed back on Y's claim that …`` and ``took issue with …``: the object of the preposition;
    ``rejected the suggestion that …``, ``denied the allegations``, ``dismissed the report as “…”``:
    the object, with the ``as`` phrase that judges it.
    """
    preps: set[str] = set()
    if lemma == "push":
        preps = {"on", "against"}
    elif lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "issue" for c in cue.children):
        preps = {"with"}
    if preps:  # the preposition hangs off the verb, its particle or "issue"
        near = [g for c in cue.children if c.dep_ in {"advmod", "prt", "dobj"} for g in c.children]
        for c in [*cue.children, *near]:
            if c.dep_ == "prep" and c.lower_ in preps:
                objs = [g for g in c.children if g.dep_ in {"pobj", "pcomp"}]
                if objs:
                    return _range(objs[0])
        return None
    if lemma not in REBUTTAL_VERBS:
        return None
    objs = [c for c in cue.children if c.dep_ == "dobj"]
    if not objs or objs[0].pos_ == "PRON" and objs[0].lower_ not in {"any", "all"}:
        return None
    lo, hi = _range(objs[0], skip_medium=True)
    for c in cue.children:  # "dismissed the report as “some sort of nonsense”"
        if c.dep_ == "prep" and c.lower_ == "as" and c.i > objs[0].i:
            hi = max(hi, _range(c)[1])
    return lo, hi


def _range(tok: Token, *, skip_medium: bool = False) -> tuple[int, int]:
    """Token range of ``tok``'s subtree; with ``skip_medium``, without a trailing ``in a statement``."""
    hi = tok.right_edge.i + 1
    if skip_medium:
        for c in tok.children:
            if c.dep_ == "prep" and c.i > tok.i and c.lower_ in {"in", "on", "during", "at", "via"}:
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs and lemma_of(objs[0]).lower() in _MEDIUM_NOUNS:
                    hi = min(hi, c.i)
    return tok.left_edge.i, hi


def drop_medium(obj: Token, hi: int) -> int:
    """The end of an object's content without a medium phrase hung on it (``the US’ strikes in a
    statement`` -> ``the US’ strikes``)."""
    return min(hi, _range(obj, skip_medium=True)[1])


# --- findings ------------------------------------------------------------------------------------


def is_finding(cue: Token, subj: Token | None) -> bool:
    """``a Labor Department study found …``, ``the analysis showed …``: a finding verb whose subject is
    a document that reports findings."""
    if subj is None or lemma_of(cue).lower() not in FINDING_VERBS:
        return False
    return subj.pos_ == "NOUN" and lemma_of(subj).lower() in FINDING_NOUNS


def issuer_pronoun(doc_noun: Token) -> Token | None:
    """``their research``, ``its report``: the possessive pronoun that names who issued a document."""
    for c in doc_noun.children:
        if c.dep_ == "poss" and c.pos_ == "PRON" and c.lower_ in {"his", "her", "its", "their", "our"}:
            return c
    return None


# --- parenthetical cues --------------------------------------------------------------------------


def parenthetical_content(cue: Token, subj: Token | None, quotes: QuoteIndex) -> tuple[int, int] | None:
    """``The plan, she says, is to open three new clinics``: a cue set off by commas inside the clause
    it reports, with no content of its own; the content is that clause without the aside."""
    if subj is None or cue.dep_ != "parataxis" or quotes.inside(cue.idx):
        return None
    doc = cue.doc
    lo, hi = cue.left_edge.i, cue.right_edge.i  # the commas may hang off the cue or off its head
    lo = lo - 1 if lo > 0 and doc[lo].text != "," else lo
    hi = hi + 1 if hi + 1 < len(doc) and doc[hi].text != "," else hi
    if lo <= 0 or hi >= len(doc) or doc[lo].text != "," or doc[hi].text != ",":
        return None
    if any(c.dep_ in {"ccomp", "dobj", "xcomp"} for c in cue.children):
        return None
    main = cue.head
    for _ in range(2):  # "He hoped, he said, that the paper would …": the aside hangs in the clause it splits
        if main.left_edge.i < lo or main.dep_ not in {"ccomp", "xcomp"} or main.head is main:
            break
        main = main.head
    sent = sentence_of(cue)
    if quotes.overlapping(sent.start_char, sent.end_char):
        return None  # quoted sentences are the quotation rules' to claim
    start = main.left_edge.i
    end = main.right_edge.i + 1
    if start >= lo or end <= hi + 1 or end - start < 5:
        return None  # the reported words run on both sides of the aside
    return start, end
