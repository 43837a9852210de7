"""What a statement asserts: its main predicate, whether that predicate is negated, about whom.

A contradiction is only as good as the two propositions it opposes. Reading the polarity of a whole
quote (``Nobody should think there is a free pass``, ``he did not know that …``) flags a denial where
there is none; so each statement is parsed (its sentence, with spaCy's dependency parser) and read
into a :class:`Proposition`:

* ``predicate``: the lemma of the content's main predicate, the head of the content clause. A
  frame verb that only carries another clause (``I think X``, ``he did not know that X``) hands
  over to that clause, and its own negation makes the proposition *hedged*, not denied;
* ``negated``: negation on that predicate itself (``did not inform``, ``there was no
  pre-notification``, ``nobody was told``, ``refused to confirm``); a negation inside an embedded
  clause, a relative clause or a condition does not count;
* ``modality``: ``question``, ``conditional`` (``if``, ``unless``, ``whether``), ``hedged``
  (``may``, ``might``, ``could``, ``would``, ``should``, ``must``, a negated frame verb), else
  ``None`` for a plain assertion. Only plain assertions are opposed to each other;
* ``subject``, ``entities`` (named in the content, demonyms folded to their place: ``Iraqi`` ->
  ``iraq``) and ``context`` (named in the rest of the sentence and the headline): what the
  proposition is about, which two statements must share to be one claim;
* ``terms``: the content words' lemmas; ``numbers``: the numbers with the noun they count;
* ``dismissal``: the word that calls something false (``untrue``, ``nonsense``, ``fabricated``,
  ``a lie``) when the statement dismisses what its subject names, and that subject.

:func:`statement_proposition` reads one statement from the parse of its sentence (:func:`window_of`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from spacy.tokens import Doc, Token

from ..extract.fastpipe import lemma_of
from ..model import Statement
from .identity import surname

__all__ = [
    "Proposition",
    "DISMISSALS",
    "fold_entity",
    "headline_names",
    "proposition_of",
    "statement_proposition",
    "window_of",
]

_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
_SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}
_NEG_WORDS = {"not", "n't", "never", "no", "neither", "nor", "nobody", "nothing", "none", "nowhere"}
_NEG_DETS = {"no", "neither"}
_NEG_PRONOUNS = {"nobody", "nothing", "none", "noone", "no-one"}
# verbs that deny what their complement says ("refused to confirm", "failed to notify")
_NEGATIVE_VERBS = {"refuse", "fail", "decline", "deny", "neglect", "reject"}
# verbs whose complement is the proposition; their own negation hedges rather than denies
_FRAMES = {
    "know", "think", "believe", "say", "tell", "expect", "hope", "want", "see", "hear", "understand",
    "realize", "realise", "remember", "recall", "feel", "suspect", "guess", "mean", "seem", "appear",
    "doubt", "imagine", "suppose", "assume", "wonder", "claim", "argue", "suggest", "add", "note",
    "insist", "report", "confirm", "show", "find", "indicate", "learn", "notice", "recognize",
}  # fmt: skip
# what a predicate acts on: its objects and the phrases that complete it ("support Clinton", "win in
# California", "vote for Trump"), not its subject nor a clause beside it
_OBJECT_DEPS = {"dobj", "dative", "prep", "xcomp", "attr", "oprd", "acomp"}
_HEDGES = {"may", "might", "could", "would", "should", "must", "ought", "can"}
# cues that ask for something rather than assert it ("urged", "demanding that", "called for")
_DEMANDS = re.compile(r"^(?:urg|call|demand|ask|request|plead|propos|recommend|want|implor|press|appeal|beg)")
_CONDITIONS = {"if", "unless", "whether", "provided", "assuming"}
_STOP = {
    "be", "have", "do", "say", "tell", "get", "make", "go", "come", "take", "there", "here", "thing",
    "way", "lot", "time", "year", "day", "people", "one", "also", "just", "very", "really", "well",
    "that", "this", "what", "which", "who", "it", "they", "we", "he", "she", "i", "you", "not", "-PRON-",
}  # fmt: skip
_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
# what calls a claim false: "That's not true", "categorically untrue", "some sort of nonsense"
DISMISSALS = {
    "untrue", "false", "lie", "lies", "nonsense", "fabricated", "fabrication", "baseless", "groundless",
    "ridiculous", "absurd", "bogus", "fake", "wrong", "inaccurate", "incorrect", "misleading", "garbage",
    "rubbish", "preposterous", "laughable", "unfounded", "fiction", "fantasy", "hoax", "smear", "slander",
    "libel", "defamatory", "outrageous", "falsehood", "made-up", "erroneous", "meritless", "frivolous",
}  # fmt: skip
_TRUE_WORDS = {"true", "accurate", "correct", "factual"}
# "Iraqi" -> "iraq", "Iranian" -> "iran", "Americans" -> "america"
_DEMONYM = re.compile(r"(?:ians?|ans?|ese|ish|is|i)$")
_DEMONYMS = {"american": "united states", "americans": "united states", "us": "united states",
             "u.s": "united states", "u.s.": "united states", "america": "united states",
             "usa": "united states", "british": "united kingdom", "britain": "united kingdom",
             "uk": "united kingdom", "u.k": "united kingdom", "u.k.": "united kingdom",
             "french": "france", "dutch": "netherlands", "swiss": "switzerland", "chinese": "china",
             "israeli": "israel", "israelis": "israel", "pakistani": "pakistan", "indian": "india",
             "indians": "india"}  # fmt: skip
_NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)?%?$")
_NUMBER_WORDS = {
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
    "thirty", "forty", "fifty", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
    "billion", "billions", "dozen", "dozens",
}  # fmt: skip


_PLACES = {"NORP", "GPE", "LOC"}


def _fold(e: Any) -> str:
    """A named entity (or a subject phrase) folded; demonyms only in the names of places and peoples
    (``Iraqi`` -> ``iraq``, but ``Harlan`` stays ``harlan``)."""
    label = getattr(e, "label_", "")
    if label:
        return fold_entity(e.text, demonyms=label in _PLACES)
    words = [fold_entity(t.text, demonyms=t.ent_type_ in _PLACES) for t in e]
    return " ".join(w for w in words if w)


def fold_entity(text: str, *, demonyms: bool = True) -> str:
    """An entity's name folded for comparison: ``the Iraqi government`` -> ``iraq government``,
    ``U.S.`` -> ``united states`` (``demonyms=False`` keeps ``-ian``, ``-an`` … endings)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[’'`]s\b", "", text)
    words = [w for w in re.sub(r"[^\w\s.-]", " ", text).split() if w not in {"the", "a", "an"}]
    out = []
    for w in words:
        w = w.strip(".-")
        if not w:
            continue
        if w in _DEMONYMS:
            out.append(_DEMONYMS[w])
        elif demonyms and len(w) >= 5 and _DEMONYM.search(w):
            out.append(_DEMONYM.sub("", w))
        else:
            out.append(w)
    return " ".join(out)


@dataclass(frozen=True, slots=True, kw_only=True)
class Proposition:
    """What one statement asserts (see the module docstring)."""

    predicate: str | None = None
    negated: bool = False
    negation: str | None = None  # the words that negate the predicate
    modality: str | None = None  # question | conditional | hedged | None (asserted)
    subject: str | None = None  # the subject's words, folded
    entities: tuple[str, ...] = ()  # folded names in the content
    context: tuple[str, ...] = ()  # folded names in the rest of the sentence and in the headline
    terms: tuple[str, ...] = ()  # content-word lemmas
    numbers: tuple[str, ...] = ()  # "12 people", "40%"
    dismissal: str | None = None  # "untrue" in "That's not true" / "categorically untrue"
    dismissed: str | None = None  # what the dismissal is aimed at ("the allegations", "that", "they")
    dismissed_speaker: str | None = None  # whose words it calls false ("Fields fabricated the story")
    antonyms: tuple[str, ...] = field(default=())  # lemmas of the predicate and its complement
    agent: str | None = None  # the person the predicate is about: a named subject, or the speaker's "I"
    objects: tuple[str, ...] = ()  # folded names in what the predicate acts on ("support Clinton")
    heads: tuple[str, ...] = ()  # a noun subject's head words ("majority of members": "member")
    verbal: bool | None = None  # a clause with a verb; False: a name or a noun phrase, no proposition
    deontic: bool = False  # what ought to be ("should step down", "must", "have to"), not what is or will be
    # content-word lemmas of what the predicate takes (object, complement, particle), no clause below
    # it: "pre-notification" in "there was not a pre-notification", not "exists" in "it may be years
    # before the technology exists"
    complement: tuple[str, ...] | None = None  # None: read before propositions kept it
    # two reported propositions coordinated: "she did not send any classified information and that no
    # messages were marked classified" (a second "that" clause)
    compound: bool = False
    # "future" (will, would, going to) or "past" (a past tense, a perfect): a promise or a forecast is
    # not what was or has been ("will release his tax returns", "has so far declined to release")
    time: str | None = None

    @property
    def asserted(self) -> bool:
        return self.modality is None and self.predicate is not None

    def names(self) -> set[str]:
        """Every name the content mentions, each folded name and its words of 4+ letters."""
        out: set[str] = set()
        for e in self.entities:
            out.add(e)
            out.update(w for w in e.split() if len(w) >= 4)
        return out

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | None) -> Proposition | None:
        if not text:
            return None
        data: dict[str, Any] = json.loads(text)
        for key in ("entities", "context", "terms", "numbers", "antonyms", "objects", "heads"):
            data[key] = tuple(data.get(key) or ())
        if data.get("complement") is not None:
            data["complement"] = tuple(data["complement"])
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


# -- reading a parse ------------------------------------------------------------------------------


def _content_tokens(doc: Doc, start: int, end: int) -> list[Token]:
    return [t for t in doc if start <= t.idx < end and not t.is_space]


def _root(tokens: list[Token]) -> Token | None:
    """The head of the content: its first token whose head lies outside it (or is itself), preferring
    a verb or an auxiliary-carrying predicate over a noun."""
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    if not heads:
        return None
    for t in heads:
        if t.pos_ in {"VERB", "AUX"} or any(c.dep_ in {"cop", "aux", "auxpass"} for c in t.children):
            return t
    return heads[0]


# "not only", "not just", "not merely": a negation that adds rather than denies
_NOT_DENYING = {"only", "just", "merely", "simply", "least"}


def _negation(tok: Token) -> str | None:
    """The words that negate ``tok`` itself (not its embedded clauses)."""
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ in {"advmod", "aux"} and c.lower_ in {"never", "not", "n't"}):
            if c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ in _NOT_DENYING:
                continue
            return c.text
    for c in tok.children:
        if c.dep_ in _SUBJECTS | {"dobj", "attr", "nsubjpass", "dative", "pobj"}:
            if c.lower_ in _NEG_PRONOUNS or (c.lower_ == "no" and c.dep_ != "det"):
                return c.text
            if any(d.dep_ == "det" and d.lower_ in _NEG_DETS for d in c.children):
                return next(d.text for d in c.children if d.dep_ == "det" and d.lower_ in _NEG_DETS)
            if c.lower_ in {"one", "body"} and any(d.lower_ == "no" for d in c.children):
                return "no " + c.text
    if tok.dep_ in {"acomp", "attr"} and tok.head.i != tok.i:  # "it is not true": neg on the copula
        return _negation(tok.head) if tok.head.lemma_ == "be" else None
    return None


def _modality(tok: Token, tokens: list[Token]) -> str | None:
    text = "".join(t.text_with_ws for t in tokens).strip()
    if text.rstrip("”\"’' ").endswith("?"):
        return "question"
    # "Is President Obama going to finally mention …? If he doesn't he should resign!": the
    # sentence of the predicate asks, whatever follows it
    sent = [t for t in tokens if t.sent.start == tok.sent.start]
    if len(sent) < len(tokens) and "".join(t.text_with_ws for t in sent).rstrip("”\"’' ").endswith("?"):
        return "question"
    for c in tok.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITIONS for m in c.children):
            return "conditional"
        if c.dep_ == "mark" and c.lower_ in _CONDITIONS:
            return "conditional"
        if c.dep_ in {"aux", "auxpass"} and c.lower_ in _HEDGES | {"wo", "ca", "'d", "’d"}:
            return "hedged"
    if tokens and tokens[0].lower_ in _CONDITIONS:
        return "conditional"
    return None


def _main_predicate(root: Token) -> tuple[Token, str | None, str | None]:
    """Follow frame verbs to the clause they carry; (predicate, negation, modality from the frame)."""
    tok, frame_mod = root, None
    negation = None
    carried = None  # "is not going to win": the semi-modal's negation is the predicate's
    for _ in range(4):
        neg = _negation(tok)
        lemma = lemma_of(tok).lower()
        comp = next((c for c in tok.children if c.dep_ in {"ccomp", "xcomp"}), None)
        if comp is not None and comp.dep_ == "xcomp" and _semi_modal(tok, lemma, comp):
            carried = carried or neg
            tok = comp  # "she's going to win", "I may have to vote for her": the act is the predicate
            continue
        if comp is not None and lemma in _FRAMES:
            if neg is not None:
                frame_mod = "hedged"  # "I don't think X", "he did not know that X"
            tok = comp
            continue
        if comp is not None and comp.dep_ == "xcomp" and lemma in _NEGATIVE_VERBS:
            # "refused to confirm" denies the xcomp; "did not refuse to confirm" does not
            return comp, (None if neg else tok.text), frame_mod
        if comp is not None and comp.dep_ == "xcomp" and lemma in {"want", "try", "plan", "intend", "seek"}:
            return tok, neg, frame_mod
        negation = neg
        break
    return tok, negation or carried, frame_mod


def _semi_modal(tok: Token, lemma: str, comp: Token) -> bool:
    """``going to``, ``have to``, ``need to``, ``ought to``, ``used to``: a verb that only says when or
    how surely its infinitive holds."""
    if not any(c.lower_ == "to" and c.dep_ == "aux" for c in comp.children):
        return False
    if lemma == "go":
        return tok.tag_ == "VBG" and any(c.dep_ == "aux" for c in tok.children)  # "is going", "’s going"
    return lemma in {"have", "need", "ought", "use"}


_SCALES = {"hundred", "thousand", "million", "billion", "trillion"}


def _numbers(tokens: list[Token]) -> tuple[str, ...]:
    """The numbers a content states, each with the noun it counts; a scale is one with its number
    (``$21 million`` is ``21 million``, not ``21`` and a ``million`` that ``$15 million`` shares)."""
    out = []
    for t in tokens:
        if _NUMBER.match(t.text) or t.lower_ in _NUMBER_WORDS:
            if t.ent_type_ == "DATE" or (
                t.text.isdigit() and len(t.text) == 4 and t.text.startswith(("19", "20"))
            ):
                continue
            scale = t.lower_.rstrip("s") in _SCALES
            if scale and t.i > 0 and _NUMBER.match(t.doc[t.i - 1].text):
                continue  # said with the number before it
            text = t.text.replace(",", "")
            nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            if not scale and nxt is not None and nxt.lower_.rstrip("s") in _SCALES:
                text, t = f"{text} {nxt.lower_.rstrip('s')}", nxt
            noun = t.head if t.head.pos_ in {"NOUN", "PROPN"} and t.head.i != t.i else None
            out.append(f"{text} {lemma_of(noun).lower()}" if noun is not None else text)
    return tuple(dict.fromkeys(out))


# what a dismissal can be aimed at: words someone said, or a pronoun standing for them
_DISMISSABLE = {
    "it", "that", "this", "they", "these", "those", "which", "what", "claim", "claims", "allegation",
    "allegations", "accusation", "accusations", "charge", "charges", "report", "reports", "story", "stories",
    "statement", "statements", "remark", "remarks", "comment", "comments", "account", "assertion",
    "assertions", "suggestion", "idea", "notion", "rumor", "rumors", "rumour", "rumours", "theory", "tweet",
    "tweets",
    "narrative", "characterization", "reporting", "article", "testimony", "speculation",
}  # fmt: skip


# "X lied", "X made up the story", "X fabricated it": what X said is called false
_LYING = {"lie", "fabricate", "invent", "concoct", "distort", "misrepresent", "mislead", "falsify"}
_LIARS = {"liar", "liars", "fabricator", "fabulist", "fraud"}


def _dismissal(pred: Token, tokens: list[Token]) -> tuple[str | None, str | None, str | None]:
    """(dismissal word, what it is aimed at, whose words) when the content calls words false:

    * the main predicate, or its complement through the copula: ``That is not true``, ``They are all
      false``, ``the report is nonsense``, ``This was made up``; its subject a pronoun or a noun naming
      words (``the claims``, ``the story``);
    * a speaker called a liar, or said to lie or make things up: ``Trump is a liar``, ``Fields had
      fabricated the story``, ``she lied`` — aimed at that speaker's words;
    * words called false by a modifier: ``using categorically false claims`` — the claims of the
      possessor, or of the predicate's subject (``Nunberg was looking for publicity using …``).

    A dismissal word anywhere else is no dismissal."""
    lemma = lemma_of(pred).lower()
    subj = _subject(pred)
    comps = [pred] if pred.pos_ in {"ADJ", "NOUN", "PROPN"} else []
    if lemma == "be":
        comps += [c for c in pred.children if c.dep_ in {"acomp", "attr"}]
    made_up = lemma == "make" and any(c.dep_ == "prt" and c.lower_ == "up" for c in pred.children)
    word = None
    for c in comps:
        c_lemma = lemma_of(c).lower()
        if c.lower_ in DISMISSALS or c_lemma in DISMISSALS:
            word = c.text
        elif c.dep_ == "attr" and (
            false := next((g for g in c.children if g.dep_ == "amod" and g.lower_ in DISMISSALS), None)
        ):
            word = f"{false.text} {c.text}"  # "That is a false equivalency", "It's a false claim"
        elif c_lemma in _TRUE_WORDS and (_negation(c) is not None or _negation(pred) is not None):
            word = "not " + c.text
        if word:
            break
    if made_up or lemma in _LYING:
        passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in pred.children)
        if (passive and lemma != "mislead") or (  # "they were misled": people deceived, no words
            lemma == "make" and subj is not None and subj.lower_ in _DISMISSABLE
        ):
            word = "made up" if made_up else pred.text  # "This was made up", "the story was fabricated"
        elif subj is not None and not passive and _negation(pred) is None and _person(subj):
            return (
                pred.text + (" up" if made_up else ""),
                None,
                _phrase(subj),
            )  # "Fields fabricated the story"
    said = _never_said(pred, lemma, subj)
    if said is not None:
        return said
    if word is not None and subj is not None and _person(subj) and subj.lower_ not in _DISMISSABLE:
        for c in comps:  # "Mr. Khan was wrong to say he had not sacrificed": Khan's words
            say = next((x for x in c.children if x.dep_ == "xcomp" and lemma_of(x).lower() in _SAYING), None)
            if say is not None:
                clause = next((x for x in say.children if x.dep_ in {"ccomp", "dobj"}), None)
                return word, _phrase(clause) if clause is not None else None, _phrase(subj)
    if word is None:
        for c in comps:
            if c.lower_ in _LIARS and subj is not None and _person(subj):
                return c.text, None, _phrase(subj)  # "Trump is a liar"
        return _false_claims(tokens, subj)
    if subj is None or not (subj.lower_ in _DISMISSABLE or lemma_of(subj).lower() in _DISMISSABLE):
        return None, None, None
    return word, _phrase(subj), _owner(subj)


_SAYING = {"say", "claim", "suggest", "argue", "assert", "insist", "call", "imply"}


def _never_said(pred: Token, lemma: str, subj: Token | None) -> tuple[str, str, None] | None:
    """``I never said that``, ``We didn't say it``: a denial of having said what one is credited
    with, aimed at the words the pronoun stands for."""
    if lemma != "say" or subj is None or subj.lower_ not in {"i", "we"} or _negation(pred) is None:
        return None
    obj = next((c for c in pred.children if c.dep_ == "dobj"), None)
    if obj is None or obj.lower_ not in {"that", "it", "this", "those", "these"}:
        return None
    return f"{_negation(pred)} {pred.text}", obj.text, None


def _owner(noun: Token) -> str | None:
    """Whose words a noun names by its possessor or a name before it: ``Rubio's claim``, ``the AP
    report``."""
    for c in noun.children:
        named = c.ent_type_ in {"PERSON", "ORG", "NORP"} or c.pos_ == "PROPN"
        if (c.dep_ == "poss" and c.lower_ not in {"his", "her", "their", "its", "my", "our", "your"}) or (
            c.dep_ == "compound" and named
        ):
            return "".join(t.text_with_ws for t in c.subtree if t.dep_ != "case").strip()
    return None


def _phrase(tok: Token) -> str:
    return "".join(t.text_with_ws for t in tok.subtree).strip()


def _subject(pred: Token) -> Token | None:
    """The predicate's subject, also when the parser hung it on its auxiliary (``This was … made up``)."""
    for holder in (pred, *(c for c in pred.children if c.dep_ in {"aux", "auxpass"})):
        subj = next((c for c in holder.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            return subj
    return None


def _person(tok: Token) -> bool:
    """A subject that names someone: a person's or organisation's name, or he/she/they."""
    named = tok.ent_type_ in {"PERSON", "ORG", "NORP"} or tok.pos_ == "PROPN" or tok.is_title
    return named or tok.lower_ in {"he", "she", "they"}


def _false_claims(tokens: list[Token], subj: Token | None) -> tuple[str | None, str | None, str | None]:
    """``… using categorically false claims``: a noun naming words, modified by a dismissal word."""
    for t in tokens:
        if t.dep_ == "amod" and (t.lower_ in DISMISSALS) and lemma_of(t.head).lower() in _DISMISSABLE:
            owner = next((c for c in t.head.children if c.dep_ == "poss"), None) or subj
            whose = _phrase(owner) if owner is not None and _person(owner) else None
            return t.text, _phrase(t.head), whose
    return None, None, None


def proposition_of(
    doc: Doc,
    start: int,
    end: int,
    *,
    headline: Sequence[str] = (),
    speaker: tuple[int, int] | None = None,
    speaker_name: str | None = None,
    speaker_kind: str | None = None,
    quoted: bool = False,
    first: tuple[int, int] | None = None,
) -> Proposition:
    """Read the proposition of the content at characters ``start:end`` of ``doc``.

    ``first``: the content's first piece, when it comes in several (``"That is a false
    equivalency!" Maher replied. "How many …"``): its predicate is the statement's, not the cue
    between the pieces.

    ``speaker`` (character offsets in ``doc``) and ``speaker_name`` are left out of the context: who
    said it is not what it is about."""
    tokens = _content_tokens(doc, start, end)
    lead = _content_tokens(doc, *first) if first is not None else tokens
    root = _root(lead)
    ents = [e for e in doc.ents if e.label_ in _ENTITY_LABELS]
    inside = [_fold(e) for e in ents if start <= e.start_char < end]
    who = set(fold_entity(speaker_name, demonyms=False).split()) if speaker_name else set()
    outside = [
        _fold(e)
        for e in ents
        if not start <= e.start_char < end
        and not (speaker and e.start_char < speaker[1] and speaker[0] < e.end_char)
        and not (who and set(_fold(e).split()) <= who)
    ]
    context = tuple(dict.fromkeys(x for x in [*outside, *headline] if x))
    terms = tuple(
        dict.fromkeys(
            lemma_of(t).lower()
            for t in tokens
            if t.pos_ in _CONTENT_POS and not t.is_stop and lemma_of(t).lower() not in _STOP and t.is_alpha
        )
    )
    entities = tuple(dict.fromkeys(x for x in inside if x))
    if root is None:
        return Proposition(entities=entities, context=context, terms=terms, verbal=False)
    pred, negation, frame_mod = _main_predicate(root)
    modality = _modality(root, lead) or frame_mod or (_modality(pred, lead) if pred is not root else None)
    subj = (
        next((c for c in pred.children if c.dep_ in _SUBJECTS and c.dep_ != "expl"), None)
        or _aux_subject(pred)
        or _controller(pred, {t.i for t in lead})
    )
    subject = _fold(list(subj.subtree)) if subj is not None else None
    if subj is not None and quoted and _marks_open(doc.text[start:end]) is not None:
        # the content holds its quotation marks ('he “may yet have to vote for her …”'): the subject's
        # words are quoted only when they stand inside them
        quoted = bool(_marks_open(doc.text[start : subj.idx]))
    agent = _agent(subj, speaker_name, speaker_kind, quoted) if subj is not None else None
    dismissal, dismissed, dismissed_speaker = _dismissal(pred, tokens)
    comp = [lemma_of(c).lower() for c in pred.children if c.dep_ in {"acomp", "attr", "dobj", "prt"}]
    # a passive's subject is what is acted on ("Iraq was not notified"), and its "by" phrase the doer
    passive = subj is not None and subj.dep_ == "nsubjpass"
    acted_on = {
        t.i for c in pred.children if c.dep_ in _OBJECT_DEPS or (passive and c.i == subj.i) for t in c.subtree
    }
    doer = subj
    if passive:
        by = next((c for c in pred.children if c.dep_ == "agent"), None)
        doer = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    objects = tuple(
        dict.fromkeys(
            name for e in ents if start <= e.start_char < end and e.root.i in acted_on and (name := _fold(e))
        )
    )
    return Proposition(
        predicate=lemma_of(pred).lower(),
        negated=negation is not None,
        negation=negation,
        modality=modality,
        subject=subject or None,
        entities=entities,
        context=context,
        terms=terms,
        numbers=_numbers(tokens),
        dismissal=dismissal,
        dismissed=dismissed,
        dismissed_speaker=dismissed_speaker,
        antonyms=tuple([lemma_of(pred).lower(), *comp]),
        agent=agent,
        objects=objects,
        heads=_heads(doer) if doer is not None else (),
        deontic=_deontic(pred, root),
        complement=_complement(pred, start, end),
        compound=_compound(root),
        time=_time(pred, root),
        verbal=(
            pred.pos_ in {"VERB", "AUX"}
            or any(c.dep_ in {"cop", "aux", "auxpass", "nsubj", "nsubjpass"} for c in pred.children)
        )
        and not _fragment(pred, root, subj),
    )


def _compound(root: Token) -> bool:
    """Whether the content's clause has a second clause coordinated with it that is marked as reported
    on its own (``… and that no messages were marked classified``, ``… and whether …``)."""
    return any(
        c.dep_ == "conj"
        and c.pos_ in {"VERB", "AUX"}
        and any(g.dep_ == "mark" and g.lower_ in {"that", "whether"} for g in c.children)
        for c in root.children
    )


_COMPLEMENT_DEPS = frozenset({"dobj", "attr", "acomp", "oprd", "prt", "dative", "prep"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "parataxis", "conj", "mark"})


def _complement(pred: Token, start: int, end: int) -> tuple[str, ...]:
    """The content-word lemmas of what ``pred`` takes in the content at chars ``start:end``: its
    object, complement, particle and the prepositional phrases on it, without the clauses below them
    (``any kind of pre-notification``)."""
    out: list[str] = []
    stack = [c for c in pred.children if c.dep_ in _COMPLEMENT_DEPS]
    while stack:
        t = stack.pop()
        if t.pos_ in _CONTENT_POS and t.is_alpha and start <= t.idx < end:
            out.append(lemma_of(t).lower())
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSE_DEPS)
    return tuple(dict.fromkeys(out))


def _marks_open(before: str) -> bool | None:
    """Whether the end of ``before`` (a content up to a point) is inside a quotation it opens; ``None``
    when it holds no quotation mark (a direct quotation's content is its inside, without the marks)."""
    marks = [c for c in before if c in '“”"']
    if not marks:
        return None
    depth = 0
    for c in marks:
        depth = 1 if c == "“" or (c == '"' and depth == 0) else 0
    return depth == 1


_OUGHT = {"should", "must", "ought", "shall"}


def _deontic(pred: Token, root: Token) -> bool:
    """Whether the predicate says what ought to be: a ``should``, ``must`` or ``ought`` on it or on a
    verb between it and the content's head, or a ``have to``/``need to`` above it ("Mr. Clinton should
    step down from the foundation" is an opinion; "he will step down" a plan)."""
    for tok in _up_to_root(pred, root, 5):
        if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in _OUGHT for c in tok.children):
            return True
        if tok is not pred and lemma_of(tok).lower() in {"have", "need"} and tok.tag_ != "VBN":
            return True  # the semi-modal the predicate was read through
    return False


def _up_to_root(pred: Token, root: Token, most: int) -> list[Token]:
    """The predicate and the verbs above it up to the content's head, at most ``most`` of them."""
    chain = [pred]
    while chain[-1].i != root.i and chain[-1].head is not chain[-1] and len(chain) < most:
        chain.append(chain[-1].head)
    return chain


_FUTURE = frozenset({"will", "shall", "'ll", "’ll", "wo", "would"})
_MODALS = frozenset({"may", "might", "could", "can", "ca", "should", "must", "ought"})
_PERFECT = frozenset({"has", "have", "had", "'ve", "’ve", "'d", "’d"})


def _time(pred: Token, root: Token) -> str | None:
    """``future`` when the predicate, or a verb between it and the content's head, takes ``will``,
    ``would`` or is reached through ``going to``; ``past`` for a past tense or a perfect (``has so far
    declined to release``, ``did inform``); none with another modal (``may``, ``could``) or in the
    present."""
    chain = _up_to_root(pred, root, 6)
    aux = [c.lower_ for t in chain for c in t.children if c.dep_ in {"aux", "auxpass"}]
    if any(a in _FUTURE for a in aux) or any(
        t.lower_ == "going" and any(c.dep_ == "xcomp" for c in t.children) for t in chain[1:]
    ):
        return "future"
    if any(a in _MODALS for a in aux):
        return None
    if any(a in _PERFECT or a in {"did", "was", "were"} for a in aux) or chain[-1].tag_ == "VBD":
        return "past"
    return None


def _controller(pred: Token, inside: set[int]) -> Token | None:
    """The subject an infinitive takes from the verb it completes within the content (``Clinton is not
    going to win``: Clinton wins; ``he wanted to kill``: he); none from outside it (``He proposed
    banning all Muslims …``: the content names no one)."""
    tok = pred
    for _ in range(3):
        if tok.dep_ != "xcomp" or tok.head is tok or tok.head.i not in inside:
            return None
        tok = tok.head
        subj = next((c for c in tok.children if c.dep_ in _SUBJECTS and c.dep_ != "expl"), None)
        if subj is not None:
            return subj
    return None


def _aux_subject(pred: Token) -> Token | None:
    """The subject the parser hangs on an auxiliary when two are coordinated ("I cannot and will not
    support …": ``I`` under ``can``)."""
    for aux in pred.children:
        if aux.dep_ in {"aux", "auxpass"}:
            for c in aux.children:
                if c.dep_ in {"nsubj", "nsubjpass"}:
                    return c
    return None


def _fragment(pred: Token, root: Token, subj: Token | None) -> bool:
    """An act named without anyone doing it: the content's own head an infinitive, a gerund or an
    imperative with no subject (``subj``, nor an expletive "there") and no modal ("to ban Muslims
    from entering the U.S.", "banning all Muslims", "Make America Great Again"). It asserts nothing,
    so it joins no claim. A predicate reached through a frame ("he wanted to kill …") has the
    frame's subject."""
    if pred.i != root.i or root.tag_ not in {"VB", "VBG"} or subj is not None:
        return False
    return not any(c.dep_ == "expl" or c.tag_ == "MD" for c in root.children)


_REFLEXIVE = {"herself": "she", "himself": "he", "myself": "i", "ourselves": "we", "themselves": "they"}


def _agent(subj: Token, speaker_name: str | None, speaker_kind: str | None, quoted: bool) -> str | None:
    """Whom a statement is about when that is a person or a group: the surname of a named subject
    (``Ryan cannot support Trump``); the speaker's for ``I`` in their own words and for ``he``/``she``
    in words reported of them (``Christie said he would support Trump``); a group's or an
    organisation's own ``we``/``they`` (``a third of voters said they would not vote``), and an
    organisation's ``it`` (``Sanders' campaign said it raised $21 million``). Two coordinated are
    both (``Donald Trump and I are both going to release our tax returns``: Trump and the speaker),
    not one of them."""
    conjuncts = [c for c in subj.children if c.dep_ == "conj"]
    if conjuncts:
        each = [_one_agent(t, speaker_name, speaker_kind, quoted) for t in (subj, *conjuncts)]
        return " and ".join(sorted(set(each))) if all(each) else None  # type: ignore[arg-type]
    return _one_agent(subj, speaker_name, speaker_kind, quoted)


def _one_agent(subj: Token, speaker_name: str | None, speaker_kind: str | None, quoted: bool) -> str | None:
    if subj.ent_type_ == "PERSON":
        return surname(subj.text)
    pron = _REFLEXIVE.get(subj.lower_, subj.lower_)  # "she couldn't see herself supporting …"
    mine = (pron == "i" and quoted) or (pron in {"he", "she"} and not quoted)
    if mine and speaker_kind == "person" and speaker_name:
        return surname(speaker_name)  # "Donald Trump Jr." -> trump, not jr
    ours = (pron == "we" and quoted) or (pron == "they" and not quoted)
    its = pron == "it" and not quoted and speaker_kind == "organization"  # "the campaign said it raised"
    if (ours and speaker_kind in {"group", "organization", "unknown"} or its) and speaker_name:
        return fold_entity(speaker_name, demonyms=False) or None  # "52 percent of voters: they …"
    return None


# heads that count a part of something else ("a majority of members", "73 percent of Democrats", "85
# of the 154 meetings"): the words of what they count stand for them
_PARTS = {
    "majority", "minority", "plurality", "percent", "percentage", "half", "third", "quarter", "most",
    "some", "many", "few", "all", "none", "each", "one", "number", "share", "portion", "rest", "bulk",
    "dozen", "handful", "lot", "group", "member", "%",
}  # fmt: skip


def _heads(subj: Token) -> tuple[str, ...]:
    """The head words of a subject that is a noun phrase: its head and the names and nouns compounded
    with it (``the Iraqi government``: ``iraq``, ``government``), what a part counts in place of the
    part; nothing for a pronoun or a person (their ``agent`` tells who it is)."""
    if subj.pos_ not in {"NOUN", "PROPN", "NUM"} or subj.ent_type_ == "PERSON":
        return ()
    head = subj
    if lemma_of(head).lower() in _PARTS or head.pos_ == "NUM":
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if counted is None or counted.pos_ not in {"NOUN", "PROPN"}:
            return ()
        head = counted
    words = [
        head,
        *(
            c
            for c in head.children
            if c.dep_ in {"compound", "amod"} and (c.ent_type_ or c.dep_ == "compound")
        ),
    ]
    out = []
    for t in words:
        if t.ent_type_:  # "the Iraqi government" is Iraq's; "Democrats" is also "democrat"
            out.extend(w[:-1] if len(w) > 4 and w.endswith("s") else w for w in fold_entity(t.text).split())
        out.append(lemma_of(t).lower())
    return tuple(dict.fromkeys(out))


def window_of(st: Statement) -> tuple[int, int]:
    """The stretch of the article a statement is read in: its sentence(s) and its content."""
    span = st.sentence or st.content
    return min(span.start, st.content.start), max(span.end, st.content.end)


def headline_names(doc: Doc) -> tuple[str, ...]:
    return tuple(_fold(e) for e in doc.ents if e.label_ in _ENTITY_LABELS)


def statement_proposition(
    st: Statement, doc: Doc, window: tuple[int, int], headline: Sequence[str]
) -> Proposition:
    """The proposition of ``st`` from the parse ``doc`` of its ``window`` of the article."""
    s = window[0]
    mention = st.speaker.mention
    speaker = (mention.start - s, mention.end - s) if mention is not None else None
    prop = proposition_of(
        doc, st.content.start - s, st.content.end - s, headline=headline, speaker=speaker,
        speaker_name=st.speaker.name, quoted=st.kind != "indirect",
        first=(st.segments[0].start - s, st.segments[0].end - s) if len(st.segments) > 1 else None,
        speaker_kind="anonymous" if st.speaker.anonymous and st.speaker.kind == "person" else st.speaker.kind,
    )  # fmt: skip
    cue = st.cue.text.lower().split() if st.cue else []
    if prop.modality is None and cue and _DEMANDS.match(cue[0]):
        # "urged police to release the video": a demand asserts nothing about the video
        prop = replace(prop, modality="demand")
    return prop
