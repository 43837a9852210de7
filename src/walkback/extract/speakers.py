"""Speakers: from a subject phrase to a name, role, affiliation and type.

``describe`` reads one mention (``State Department deputy spokesperson Vedant Patel``, ``a senior
defense official``, ``Iraq``) into its parts. Who ``he``, ``Kirby`` or ``the spokesperson`` is, is
answered by :class:`walkback.extract.coref.Resolver` (re-exported here) from the article's entities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .coref import Resolver
from .entities import names_a_person, role_phrase
from .fastpipe import lemma_of
from .lexicon import DOCUMENT_NOUNS, FEMALE, GROUP_NOUNS, MALE, PLURAL, ROLE_NOUNS, TITLES
from .nlp import doc_text, entities_in, hyphen_joined

__all__ = ["MentionInfo", "describe", "mention_tokens", "Resolver", "clean_name", "dated_phrase", "head_noun"]

_ORG_LABELS = {"ORG", "GPE", "NORP", "FAC"}
_SUBJECTS = {"nsubj", "nsubjpass"}
_MAX_SENTENCES = 6  # a pronoun's antecedent is looked for this many sentences back at most
_STRIP_DEPS = {"relcl", "acl", "appos", "punct", "cc", "advmod", "prep_drop"}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass(slots=True)
class MentionInfo:
    text: str
    start: int  # char offsets of the mention
    end: int
    name: str | None
    role: str | None
    affiliation: str | None
    anonymous: bool
    kind: str  # person | organization | group | unknown
    pronoun: str | None = None  # lower-cased pronoun when the mention is one
    description: str | None = None  # head noun of a description ("spokesperson", "statement")
    gender: str | None = None


_TITLE_WORDS = frozenset(t.rstrip(".") for t in TITLES)


def clean_name(text: str, *, person: bool = False) -> str:
    """White space folded, possessive and stray punctuation gone; leading titles dropped from people."""
    text = " ".join(text.split())
    text = _POSSESSIVE.sub("", text).strip(" ,.;:-–—\"“”'’")
    words = text.split()
    while person and len(words) > 1 and words[0].lower().rstrip(".") in _TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


def head_noun(phrase: str) -> str:
    """The head of a description: ``spokesperson for the terminal operators`` -> ``spokesperson``,
    ``union president`` -> ``president``."""
    words = phrase.lower().split()
    for i, w in enumerate(words[:-1]):
        if words[i + 1] in {"for", "of", "at", "with", "from", "in", "to"}:
            return w
    return words[-1] if words else ""


def _join(tokens: Iterable[Token]) -> str:
    """Tokens as they were written (``Canada’s``, not ``Canada ’s``)."""
    return "".join(t.text_with_ws for t in tokens).strip()


def mention_tokens(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``head``, without clauses and appositions."""
    if head.pos_ == "PRON":
        return head.i, head.i + 1
    keep = [head]
    stack = [c for c in head.children]
    while stack:
        t = stack.pop()
        if t.dep_ in {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"} and t.head == head:
            continue
        if t.head == head and t.i > head.i and dated_phrase(t):
            continue  # "Trump's campaign on Tuesday said": the date is no part of the speaker
        keep.append(t)
        stack.extend(t.children)
    idx = sorted(t.i for t in keep)
    # keep it contiguous around the head
    start = end = head.i
    s = set(idx)
    while start - 1 in s:
        start -= 1
    while end + 1 in s:
        end += 1
    doc = head.doc
    # a noun written with a hyphen is one word: "front-runner", "co-founder", "editor-in-chief"; so is
    # an adjective used as a noun ("The 56-year-old said")
    noun = head.pos_ in {"NOUN", "PROPN"} or head.pos_ == "ADJ" and head.dep_ in {"nsubj", "nsubjpass"}
    while noun and hyphen_joined(doc, start - 1):
        start -= 2
        # "WikiLeaks co-founder Julian Assange": a name before the hyphened word modifies it
        while (
            start > 0
            and doc[start - 1].dep_ in {"compound", "amod", "nmod"}
            and start <= doc[start - 1].head.i < end + 1
        ):
            start -= 1
    while noun and hyphen_joined(doc, end + 1):
        end += 2
    while start - 1 in s:
        start -= 1
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and (doc[end].is_punct or doc[end].dep_ == "case"):
        end -= 1
    # extend over an `of`/`for`/`at` phrase that names the affiliation ("a spokesman for the Pentagon")
    return start, end + 1


def dated_phrase(t: Token) -> bool:
    """A date or time phrase hanging off a noun: ``on Tuesday``, ``Tuesday``, ``last week``."""
    if t.ent_type_ in {"DATE", "TIME"} and t.dep_ in {"npadvmod", "nmod", "compound", "appos"}:
        return True
    return t.dep_ == "prep" and any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in t.children)


_NO_DESCRIPTION = frozenset({"VERB", "AUX", "PRON", "SCONJ"})


def _trailing_description(doc: Doc, i: int) -> SpacySpan | None:
    """A description set after a name with a comma that ends the sentence (``…," says Chris Early,
    senior vp partnerships and revenue at Ubisoft.``): a noun phrase of at most 12 words with no verb,
    begun by a determiner, an adjective or a noun, up to the sentence's last punctuation or a quote
    that opens."""
    if i >= len(doc) - 1 or doc[i].text != ",":
        return None
    end = doc[i].sent.end
    k = i + 1
    while k < end and doc[k].text not in {".", "!", "?", ";", "“", '"', ","}:
        if doc[k].pos_ in _NO_DESCRIPTION:
            return None
        k += 1
    if not 1 <= k - (i + 1) <= 12 or doc[i + 1].pos_ not in {"DET", "ADJ", "NOUN", "PROPN"}:
        return None
    if k < end and doc[k].text == "," or any(t.pos_ in {"VERB", "AUX"} for t in doc[k:end]):
        return None  # the description runs on into a clause: not one set at the sentence's end
    start = i + 2 if doc[i + 1].pos_ == "DET" else i + 1
    return doc[start:k] if start < k else None


def _appositives(head: Token) -> list[SpacySpan]:
    """The appositives of ``head`` in order, without a bare age (``Lopez, 58, a teacher,``)."""
    return [
        head.doc[c.left_edge.i : c.right_edge.i + 1]
        for c in head.children
        if c.dep_ == "appos" and not (c.like_num and c.n_lefts + c.n_rights == 0)
    ]


_AT = frozenset({"in", "at", "of", "from"})


def _name_hung_on_a_place(head: Token) -> SpacySpan | None:
    """``the national government delegate in Valencia, Pilar Bernabé``: a name set off after the place
    a role noun is held in (``in``/``at``/``of``/``from`` a proper noun), which the parser hung on the
    place. A place has no name in apposition: the name is the role holder's."""
    if head.pos_ != "NOUN":
        return None
    preps = (c for c in head.children if c.dep_ == "prep" and c.lower_ in _AT)
    for prep in preps:  # "the head of the Red Cross in Valencia, Ana Ruiz": the last place, however deep
        places = [g for g in prep.subtree if g.dep_ == "pobj" and g.pos_ == "PROPN" and g.head.lower_ in _AT]
        for place in places:
            for c in place.children:
                if c.dep_ != "appos" or c.i < place.i or place.doc[c.left_edge.i - 1].text != ",":
                    continue
                span = place.doc[c.left_edge.i : c.right_edge.i + 1]
                if len(span) >= 2 and any(e.label_ == "PERSON" and len(e) >= 2 for e in span.ents):
                    return span
    return None


def _names_someone(appos: SpacySpan) -> bool:
    """Whether an appositive is a name (``the spokesperson, Vedant Patel,``) rather than a
    description that names someone in passing (``a spokeswoman for Governor Lisa Park``) or that the
    tagger took a capitalised word of for a person (``Research and Advocacy Director for …``)."""
    return any(e.label_ == "PERSON" and e.start <= appos.root.i < e.end for e in appos.ents)


def _without_clauses(appos: SpacySpan) -> str:
    """An appositive's words without a clause or an aside in it that tells more (``who runs Crosscut
    Strategies``, ``whom Mr. Obama recruited …``, ``Oklahoma, one of the states suing the EPA``)."""
    dropped = {
        t.i
        for c in appos
        if c.i != appos.root.i and c.dep_ in {"relcl", "acl", "advcl", "appos"}
        for t in c.subtree
    }
    words = [t for t in appos if t.i < min(dropped, default=appos.end)]
    while words and (words[-1].is_punct or words[-1].dep_ == "cc"):
        words = words[:-1]
    return "".join(t.text_with_ws for t in words).strip(" ,")


def _as_written(doc: Doc, appos: SpacySpan, *, first: bool) -> str | None:
    """An appositive as the role it gives: ``(R-TX)`` keeps its brackets. The first as it is written;
    when it names someone in passing, without a clause that tells more (``chief of staff to President
    Bill Clinton`` of ``…, whom Mr. Obama recruited …``); a later one as short as a title runs; none
    when it is a word like ``all`` (``Sens. Jeff Merkley (D-Ore.), … all suggested``)."""
    if len(appos) == 1 and appos.root.pos_ in {"DET", "PRON", "NUM"}:
        return None
    if first and not any(e.label_ == "PERSON" for e in appos.ents):
        text = appos.text.strip(" ,")
    elif first:
        text = _without_clauses(appos)
    else:
        text = (role_phrase(appos.root) or "").strip(" ,")
    if not text:
        return None
    bracketed = 0 < appos.start and appos.end < len(doc) and (doc[appos.start - 1].text, doc[appos.end].text)
    if bracketed == ("(", ")"):
        return f"({text})"
    return text


_ISSUER_LABELS = {"PERSON", "ORG", "GPE"}
_ISSUING_VERBS = frozenset(
    "release issue publish send email e-mail mail write sign file prepare conduct author post submit provide "
    "draft produce deliver circulate commission".split()
)


def _entity_of(doc: Doc, tok: Token) -> SpacySpan | None:
    if tok.ent_type_ not in _ISSUER_LABELS:
        return None
    for e in entities_in(doc, tok.left_edge.i, tok.right_edge.i + 1):
        if e.start <= tok.i < e.end:
            return e
    return None


def _issuer(doc: Doc, head: Token, start: int) -> SpacySpan | None:
    """Who put a document out, when its mention says: a name before the noun (``the Civic Action
    study``, ``the Pentagon's statement``), or after ``from``/``by`` (``a statement from the EU``,
    ``a statement e-mailed to The Globe by Reagan Ruslim``, ``a study released Monday by Civic Action``),
    or a group its possessor names (``the Conservatives' letter to …``)."""
    for e in entities_in(doc, start, head.i):
        if e.label_ in _ISSUER_LABELS:
            return e
    for c in head.children:
        if c.dep_ == "poss" and c.ent_type_ == "NORP" and c.tag_ in {"NNPS", "NNP"}:
            # "The Conservatives' letter to Daniel Greenberg": a party or group named by its members
            return next((e for e in entities_in(doc, c.left_edge.i, c.i + 1) if e.start <= c.i < e.end), None)
    for c in head.children:
        preps = [c] if c.dep_ == "prep" and c.lower_ in {"from", "by"} else []
        if c.dep_ in {"acl", "relcl"} and lemma_of(c).lower() in _ISSUING_VERBS:  # not "obtained by"
            preps = [g for g in c.children if g.dep_ in {"agent", "prep"} and g.lower_ == "by"]
        for p in preps:
            for obj in p.children:
                if obj.dep_ == "pobj" and (e := _entity_of(doc, obj)) is not None:
                    return e
    return None


def describe(doc: Doc, head: Token) -> MentionInfo:
    if head.lower_ in {"who", "that", "which"} and head.head.dep_ == "relcl":
        # "an architect who said …": the mention is `who`, the speaker its noun; "Harold Doley, a banker
        # and former official who has suggested …": the noun is a description set beside a name, and
        # the speaker is the one it describes
        antecedent = head.head.head
        described = antecedent
        while described.dep_ == "conj" and described.head.i < described.i:
            described = described.head
        if (
            head.lower_ == "who"
            and described.dep_ == "appos"
            and described.head.pos_ == "PROPN"
            and described.head.i < described.i
        ):
            antecedent = described.head
        noun = describe(doc, antecedent)
        noun.text, noun.start, noun.end = head.text, head.idx, head.idx + len(head)
        return noun
    start, end = mention_tokens(head)
    span = doc[start:end]
    text = span.text
    lower = head.lower_
    if head.pos_ == "PRON" or (end - start == 1 and lower in MALE | FEMALE | PLURAL | {"i", "we", "you"}):
        gender = (
            "m" if lower in MALE else "f" if lower in FEMALE else "p" if lower in PLURAL | {"we"} else None
        )
        return MentionInfo(
            text,
            span.start_char,
            span.end_char,
            None,
            None,
            None,
            False,
            "unknown",
            pronoun=lower,
            gender=gender,
        )
    if head.like_num and head.i > 0 and doc[head.i - 1].lower_.rstrip(".") in {"no", "number"}:
        # "No 10 said": Downing Street, not "10"
        name = f"{doc[head.i - 1].text} {head.text}"
        return MentionInfo(doc[head.i - 1 : head.i + 1].text, doc[head.i - 1].idx, head.idx + len(head), name,
                           None, None, False, "organization")  # fmt: skip
    ents = entities_in(doc, start, end)
    persons = [e for e in ents if e.label_ == "PERSON"]
    orgs = [e for e in ents if e.label_ in _ORG_LABELS]
    appositives = _appositives(head)
    hung = None if appositives else _name_hung_on_a_place(head)
    if hung is not None:
        appositives = [hung]
    appos = appositives[0] if appositives else None
    # "Ana Reyes, a spokeswoman for Governor Lisa Park,": the name the appositive describes speaks,
    # not a person the appositive names
    described = head.pos_ == "PROPN" and appos is not None and appos.root.pos_ == "NOUN"
    if described:
        persons = [e for e in persons if not appos.start <= e.start < appos.end]
    if head.pos_ == "NOUN":
        # "a spokesman for Senator John Smith", "the lawyer for Maria Lopez", "the letter to Daniel
        # Greenberg": a person in a phrase of the noun is whom the speaker serves or addresses
        inside = {t.i for c in head.children if c.dep_ == "prep" and c.i > head.i for t in c.subtree}
        inside -= set(range(hung.start, hung.end)) if hung is not None else set()
        persons = [e for e in persons if e.root.i not in inside]
    if head.pos_ == "NOUN" and appos is not None and any(e.label_ == "PERSON" for e in appos.ents):
        # "Carlineo's attorney, Sonya Zoghlin,": the appositive names the speaker, not the possessor
        persons = [e for e in persons if e.end > head.i]
    if head.tag_ == "NNS" and all(e.end <= head.i for e in persons):
        persons = []  # "former Carson advisers", "Trump aides": people around the person, not the person
    elif (
        persons
        and head.pos_ == "NOUN"
        and all(e.end <= head.i for e in persons)
        and not (appos is not None and any(e.label_ == "PERSON" for e in appos.ents))
    ):
        # "Harris' team", "Smith's lawyer", "the Trump campaign": the person's own people or body
        around = _join(t for t in span if t.dep_ != "det" and t.lower_ not in {"the", "a", "an"})
        around = " ".join(around.split())
        noun = lemma_of(head).lower()
        if head.lower_ in ROLE_NOUNS or noun in ROLE_NOUNS:
            return MentionInfo(
                text, span.start_char, span.end_char, around, around, None, True, "person", description=noun
            )
        return MentionInfo(
            text, span.start_char, span.end_char, around, None, None, False,
            "group" if noun in GROUP_NOUNS - {"campaign", "committee", "administration", "government"}
            else "organization",
            description=noun,
        )  # fmt: skip
    role_parts: list[str] = []
    affiliation = None
    if persons:
        # the person whose name the mention's head is ("Ana Reyes, a spokeswoman for Governor Lisa
        # Park,": Reyes), else the name the mention ends with
        person = max(persons, key=lambda e: (e.start <= head.i < e.end, e.end == end, len(e)))
        name = clean_name(person.text, person=True)
        before = [
            t
            for t in doc[start : person.start]
            if not (t.dep_ == "det" or t.lower_ in {"the", "a", "an"} or t.is_punct and t.i == start)
            and t.lower_.rstrip(".") not in {"mr", "mrs", "ms", "dr"}
        ]
        if before:
            role_parts.append(doc_text(doc)[before[0].idx : before[-1].idx + len(before[-1])].strip(" ,"))
        if appos is not None and not _names_someone(appos):
            # every appositive that describes: "Rep. Brian Babin (R-TX), ranking member of the
            # House Science Committee's space subcommittee,"
            described_as = [
                _as_written(doc, a, first=k == 0) for k, a in enumerate(appositives) if not _names_someone(a)
            ]
            role_parts.append(", ".join(d for d in described_as if d))
        elif appos is None and (tail := _trailing_description(doc, person.end)) is not None:
            # '…," says Chris Early, senior vp partnerships and revenue at Ubisoft.' (a description the
            # parser did not read as an appositive)
            role_parts.append(tail.text)
            appos = tail
        if orgs:
            affiliation = clean_name(orgs[0].text)
        elif appos is not None:
            ap_orgs = [e for e in appos.ents if e.label_ in _ORG_LABELS]
            affiliation = clean_name(ap_orgs[0].text) if ap_orgs else None
        role = " ".join(role_parts).strip() or None
        return MentionInfo(text, span.start_char, span.end_char, name, role, affiliation, False, "person")
    noun = lemma_of(head).lower()
    text_clean = _join(t for t in span if t.dep_ != "det" and t.lower_ not in {"the", "a", "an"})
    text_clean = clean_name(text_clean) or text
    if appos is not None and not described:
        ap_persons = [e for e in appos.ents if e.label_ == "PERSON"]
        if ap_persons:  # "the spokesperson, Vedant Patel,"
            return MentionInfo(
                text,
                span.start_char,
                span.end_char,
                clean_name(ap_persons[0].text, person=True),
                text_clean,
                clean_name(orgs[0].text) if orgs else None,
                False,
                "person",
            )
    if head.lower_ in ROLE_NOUNS or noun in ROLE_NOUNS:
        aff = clean_name(orgs[0].text) if orgs else None
        if aff is None:
            for c in head.children:  # "a spokesman for the Pentagon"
                if c.dep_ == "prep" and c.lower_ in {"for", "at", "of", "with", "from", "in"}:
                    objs = [g for g in c.children if g.dep_ == "pobj"]
                    if objs:
                        aff = clean_name(doc[objs[0].left_edge.i : objs[0].right_edge.i + 1].text)
                        text_clean = clean_name(
                            _join(
                                t
                                for t in doc[start : objs[0].right_edge.i + 1]
                                if t.dep_ != "det" or t.i > head.i
                            )
                        )
                        break
        plural = head.tag_ in {"NNS", "NNPS"} or head.lower_ in GROUP_NOUNS
        return MentionInfo(
            text,
            span.start_char,
            span.end_char,
            text_clean,
            text_clean,
            aff,
            True,
            "group" if plural else "person",
            description=noun,
        )
    if noun in DOCUMENT_NOUNS:
        issuer = _issuer(doc, head, start)
        if issuer is not None:  # "the Civic Action study", "a statement e-mailed … by Reagan Ruslim"
            person = issuer.label_ == "PERSON"
            return MentionInfo(
                text,
                span.start_char,
                span.end_char,
                clean_name(re.sub(r"^(?:the|The)\s+", "", issuer.text), person=person),
                None,
                None,
                False,
                "person" if person else "organization",
                description=noun,
            )
        return MentionInfo(
            text,
            span.start_char,
            span.end_char,
            text_clean,
            None,
            clean_name(orgs[0].text) if orgs else None,
            False,
            "unknown",
            description=noun,
        )
    if (
        orgs
        and (head.ent_type_ in _ORG_LABELS or head.pos_ == "PROPN")
        and appos is not None
        and names_a_person(appos.root)
    ):
        # "Eswar Prasad, a trade professor at Cornell," that the tagger called an organisation
        role = " ".join(t.text for t in appos if t.dep_ != "det" or t.i > appos.root.i).strip(" ,")
        name = clean_name(max(orgs, key=len).text, person=True)
        return MentionInfo(text, span.start_char, span.end_char, name, role, None, False, "person")
    if orgs and (head.ent_type_ in _ORG_LABELS or head.pos_ == "PROPN"):
        around = [o for o in orgs if o.start <= head.i < o.end]
        if around:
            return MentionInfo(
                text, span.start_char, span.end_char, clean_name(around[0].text), None, None, False,
                "organization",
            )  # fmt: skip
        # "Russia's foreign ministry", "the U.S. Attorney's Office for the Western District of New
        # York": the name the tagger found is the body's possessor or a place in it, not the body
        return MentionInfo(
            text, span.start_char, span.end_char, text_clean, None, clean_name(orgs[0].text), False,
            "organization",
        )  # fmt: skip
    if head.pos_ == "PROPN":
        words = clean_name(text_clean).split()
        titles = []
        while len(words) > 1 and words[0].lower().rstrip(".") in _TITLE_WORDS:
            titles.append(words.pop(0))
        if titles:  # "Mayor Ana Ruiz" that the tagger did not call a person
            return MentionInfo(
                text, span.start_char, span.end_char, " ".join(words), " ".join(titles), None, False, "person"
            )
        if appos is not None and names_a_person(appos.root):
            # "Eswar Prasad, a trade professor at Cornell," that the tagger did not call a person
            role = " ".join(t.text for t in appos if t.dep_ != "det" or t.i > appos.root.i).strip(" ,")
            return MentionInfo(
                text, span.start_char, span.end_char, " ".join(words), role, None, False, "person"
            )
        return MentionInfo(
            text, span.start_char, span.end_char, " ".join(words), None, None, False, "unknown"
        )
    plural = head.tag_ in {"NNS", "NNPS"}
    return MentionInfo(
        text,
        span.start_char,
        span.end_char,
        text_clean,
        None,
        clean_name(orgs[0].text) if orgs else None,
        plural or noun in GROUP_NOUNS,
        "group" if plural else "unknown",
        description=noun,
    )
