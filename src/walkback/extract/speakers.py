"""Speakers: from a subject phrase to a name, role, affiliation and type; and who a pronoun is.

``describe`` reads one mention (``State Department deputy spokesperson Vedant Patel``, ``a senior
defense official``, ``Iraq``) into its parts. ``Resolver`` knows the article's people and answers
who ``he``, ``Kirby`` or ``the spokesperson`` is, from the names and speakers seen so far.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .fastpipe import lemma_of
from .lexicon import DOCUMENT_NOUNS, FEMALE, GROUP_NOUNS, MALE, PLURAL, ROLE_NOUNS, TITLES
from .nlp import doc_text, entities, entities_in, sentences
from .quotes import QuoteIndex

__all__ = ["MentionInfo", "describe", "mention_tokens", "Resolver", "clean_name", "head_noun"]

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
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and (doc[end].is_punct or doc[end].dep_ == "case"):
        end -= 1
    # extend over an `of`/`for`/`at` phrase that names the affiliation ("a spokesman for the Pentagon")
    return start, end + 1


def _appositive(head: Token) -> SpacySpan | None:
    for c in head.children:
        if c.dep_ == "appos" and not (c.like_num and c.n_lefts + c.n_rights == 0):  # "Lopez, 58, a teacher,"
            return head.doc[c.left_edge.i : c.right_edge.i + 1]
    return None


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
    ``a statement e-mailed to The Globe by Reagan Ruslim``, ``a study released Monday by Civic Action``)."""
    for e in entities_in(doc, start, head.i):
        if e.label_ in _ISSUER_LABELS:
            return e
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
        # "an architect who said …": the mention is `who`, the speaker its noun
        noun = describe(doc, head.head.head)
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
    ents = entities_in(doc, start, end)
    persons = [e for e in ents if e.label_ == "PERSON"]
    if head.tag_ == "NNS" and all(e.end <= head.i for e in persons):
        persons = []  # "former Carson advisers", "Trump aides": people around the person, not the person
    orgs = [e for e in ents if e.label_ in _ORG_LABELS]
    appos = _appositive(head)
    role_parts: list[str] = []
    affiliation = None
    if persons:
        person = max(persons, key=lambda e: (e.end == end, len(e)))
        name = clean_name(person.text, person=True)
        before = [
            t
            for t in doc[start : person.start]
            if not (t.dep_ == "det" or t.lower_ in {"the", "a", "an"} or t.is_punct and t.i == start)
            and t.lower_.rstrip(".") not in {"mr", "mrs", "ms", "dr"}
        ]
        if before:
            role_parts.append(doc_text(doc)[before[0].idx : before[-1].idx + len(before[-1])].strip(" ,"))
        if appos is not None and not any(e.label_ == "PERSON" for e in appos.ents):
            role_parts.append(appos.text.strip(" ,"))
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
    if appos is not None:
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
                clean_name(issuer.text, person=person),
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
    if orgs and (head.ent_type_ in _ORG_LABELS or head.pos_ == "PROPN"):
        org = max(orgs, key=len)
        return MentionInfo(
            text, span.start_char, span.end_char, clean_name(org.text), None, None, False, "organization"
        )
    if head.pos_ == "PROPN":
        words = clean_name(text_clean).split()
        titles = []
        while len(words) > 1 and words[0].lower().rstrip(".") in _TITLE_WORDS:
            titles.append(words.pop(0))
        if titles:  # "Mayor Ana Ruiz" that the tagger did not call a person
            return MentionInfo(
                text, span.start_char, span.end_char, " ".join(words), " ".join(titles), None, False, "person"
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


@dataclass(slots=True)
class _Seen:
    name: str
    start: int
    end: int
    kind: str
    gender: str | None
    role: str | None = None
    description: str | None = None
    medium: str | None = None
    is_speaker: bool = False
    anonymous: bool = False


@dataclass
class Resolver:
    """Resolves pronouns, surnames and descriptions against what the article said before."""

    doc: Doc
    quotes: QuoteIndex | None = None
    full_names: dict[str, str] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)
    seen: list[_Seen] = field(default_factory=list)

    def __post_init__(self) -> None:
        names: list[tuple[int, str]] = []
        for e in entities(self.doc):
            if e.label_ == "PERSON":
                n = clean_name(e.text, person=True)
                if n and not n.islower():
                    names.append((e.start_char, n))
        # surname -> fullest name, earliest first
        for _, n in names:
            parts = n.split()
            if len(parts) >= 2:
                for key in (parts[-1], n):
                    cur = self.full_names.get(key.lower())
                    if cur is None or len(n) > len(cur):
                        self.full_names[key.lower()] = n
        # "Dixon Hall", "Covington Catholic": a full name the tagger calls a place or an organisation in
        # a fair share (a quarter) of its mentions is no person to refer back to
        tags: dict[str, Counter[bool]] = {}
        for e in entities(self.doc):
            if len(e.text.split()) > 1 and e.label_ in {"PERSON", "ORG", "FAC", "NORP", "GPE", "PRODUCT"}:
                tags.setdefault(clean_name(e.text, person=True).lower(), Counter())[e.label_ == "PERSON"] += 1
        self._not_people = {n for n, c in tags.items() if c[False] and 4 * c[False] >= c[True]}
        self._learn_genders()
        self._sent_starts = [sent.start_char for sent in sentences(self.doc)]
        self._mentions = sorted(
            (
                e.start_char,
                e.end_char,
                self.canonical(clean_name(e.text, person=True)) or e.text,
                e.root.dep_ in _SUBJECTS,
            )
            for e in entities(self.doc)
            if e.label_ == "PERSON"
            and not (self.quotes is not None and self.quotes.inside(e.start_char))
            and self._plausible_person(e)
        )
        self._orgs = sorted(
            (e.start_char, e.end_char, clean_name(e.text), e.root.dep_ in _SUBJECTS)
            for e in entities(self.doc)
            if e.label_ in {"ORG", "GPE", "NORP"}
            and not (self.quotes is not None and self.quotes.inside(e.start_char))
        )

    def canonical(self, name: str | None) -> str | None:
        """``Kirby`` -> ``John Kirby`` when the article names him in full."""
        if not name:
            return name
        parts = name.split()
        key = name.lower()
        if key in self.full_names:
            return self.full_names[key]
        if len(parts) == 1 and parts[0].lower() in self.full_names:
            return self.full_names[parts[0].lower()]
        if len(parts) >= 2 and parts[-1].lower() in self.full_names:
            full = self.full_names[parts[-1].lower()]
            if full.split()[0].rstrip(".").lower() == parts[0].rstrip(".").lower() or len(full) > len(name):
                return full if set(parts) <= set(full.split()) or len(parts) == 2 else name
        return name

    def _plausible_person(self, ent: SpacySpan) -> bool:
        """Tagger noise is no antecedent: photo credits ("Lauren Pelley / CBC News"), lone words
        the article never uses as a surname of a full name ("Ont", "Java") and full names it often tags
        as an organisation or a place."""
        text = ent.text
        if "/" in text or "|" in text:
            return False
        name = clean_name(text, person=True)
        if len(name.split()) == 1:
            return name.lower() in self.full_names
        return name.lower() not in self._not_people

    def is_person(self, name: str | None) -> bool:
        """Whether the article names this person (in full, or by the surname of a full name)."""
        return bool(name) and (name.lower() in self.full_names or name.split()[-1].lower() in self.full_names)

    def _learn_genders(self) -> None:
        """A person's gender from the article: pronouns in sentences naming only them (and the next
        sentence), and Mr./Mrs./Ms. before the name."""
        votes: dict[str, Counter[str]] = {}
        sents = sentences(self.doc)
        for k, sent in enumerate(sents):
            people = {
                clean_name(e.text, person=True)
                for e in entities_in(self.doc, sent.start, sent.end)
                if e.label_ == "PERSON"
            }
            people = {self.canonical(p) or p for p in people}
            if len(people) != 1:
                continue
            (person,) = people
            words = [t.lower_ for t in sent]
            if k + 1 < len(sents):
                words += [t.lower_ for t in sents[k + 1][:12]]
            v = votes.setdefault(person, Counter())
            v["m"] += sum(w in MALE for w in words)
            v["f"] += sum(w in FEMALE for w in words)
        for e in entities(self.doc):
            if e.label_ == "PERSON" and e.start > 0:
                prev = self.doc[e.start - 1].lower_.rstrip(".")
                name = self.canonical(clean_name(e.text, person=True)) or ""
                if prev in {"mr"}:
                    votes.setdefault(name, Counter())["m"] += 3
                elif prev in {"mrs", "ms", "miss"}:
                    votes.setdefault(name, Counter())["f"] += 3
        for person, v in votes.items():
            if v["m"] > v["f"]:
                self.genders[person] = "m"
            elif v["f"] > v["m"]:
                self.genders[person] = "f"

    def note(
        self,
        name: str,
        start: int,
        end: int,
        kind: str,
        *,
        role: str | None = None,
        description: str | None = None,
        medium: str | None = None,
        is_speaker: bool = False,
        anonymous: bool = False,
    ) -> None:
        self.seen.append(
            _Seen(
                name,
                start,
                end,
                kind,
                self.genders.get(name),
                role,
                description,
                medium,
                is_speaker,
                anonymous,
            )
        )

    def _sentence_index(self, at: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, at) - 1)

    def resolve_pronoun(self, pronoun: str, at: int) -> tuple[str, int, int, str] | None:
        """(name, antecedent start, antecedent end, kind) for ``he``/``she``/``they``/``it`` at ``at``.

        Candidates are the people named before ``at`` (outside quotations) and the speakers noted
        so far, scored by salience: closeness in sentences, being a subject, having spoken; a
        candidate whose known gender disagrees with the pronoun is out. With nobody in reach, the
        person the article has named most often so far (of a fitting gender) is taken.
        """
        want = (
            "m" if pronoun in MALE else "f" if pronoun in FEMALE
            else "p" if pronoun in PLURAL else "n" if pronoun == "it" else None
        )  # fmt: skip
        if want is None:
            return None
        return self._resolve(want, at) or (self.most_mentioned(at, want) if want in {"m", "f"} else None)

    def resolve_person(self, at: int) -> tuple[str, int, int, str] | None:
        """The person a definite description (``the former sergeant-at-arms``) most likely is."""
        return self._resolve("person", at) or self.most_mentioned(at, None)

    def most_mentioned(self, at: int, gender: str | None) -> tuple[str, int, int, str] | None:
        counts: Counter[str] = Counter()
        last: dict[str, tuple[int, int]] = {}
        for start, end, name, _subj in self._mentions:
            if start >= at:
                break
            g = self.genders.get(name)
            if gender and g and g != gender:
                continue
            counts[name] += 1
            last[name] = (start, end)
        if not counts:
            return None
        name, n = counts.most_common(1)[0]
        if n < 2:
            return None  # one passing mention is no evidence of being the article's subject
        return name, last[name][0], last[name][1], "person"

    def _resolve(self, want: str, at: int) -> tuple[str, int, int, str] | None:
        here = self._sentence_index(at)
        best: tuple[float, str, int, int, str] | None = None

        def consider(score: float, name: str, start: int, end: int, kind: str) -> None:
            nonlocal best
            if best is None or score > best[0]:
                best = (score, name, start, end, kind)

        for s in reversed(self.seen):
            if s.start >= at:
                continue
            dist = here - self._sentence_index(s.start)
            if dist > _MAX_SENTENCES:
                break
            if want in {"p", "n"}:
                if s.kind == "organization" or (want == "p" and s.kind == "group"):
                    consider(-dist + 0.5, s.name, s.start, s.end, s.kind)
                continue
            if s.kind != "person":
                continue
            g = self.genders.get(s.name)
            if g and want != "person" and g != want:
                continue
            named = 0.0 if s.anonymous else 0.3  # "a spokesperson" is a weaker antecedent than a name
            consider(-dist + 0.3 + named + (0.3 if g == want else 0.0), s.name, s.start, s.end, "person")
        if want in {"m", "f", "person"}:
            for start, end, name, is_subject in self._mentions:
                if start >= at:
                    break
                dist = here - self._sentence_index(start)
                if dist > _MAX_SENTENCES:
                    continue
                g = self.genders.get(name)
                if g and want != "person" and g != want:
                    continue
                consider(
                    -dist + (0.5 if is_subject else 0.0) + (0.3 if g == want else 0.0),
                    name,
                    start,
                    end,
                    "person",
                )
        if want in {"n", "p"}:  # "it/they said": an organisation, a country or a people named just before
            for start, end, name, is_subject in self._orgs:
                if start >= at:
                    break
                dist = here - self._sentence_index(start)
                if dist <= 3:
                    consider(-dist + (0.5 if is_subject else 0.0), name, start, end, "organization")
        if best is None:
            return None
        return best[1], best[2], best[3], best[4]

    def resolve_description(self, noun: str, at: int) -> tuple[str, int, int, str] | None:
        """``the spokesperson`` -> the last speaker described by that noun; ``the statement`` -> its issuer.

        The noun must be the head of the earlier description (``union president Maria Okafor`` is a
        president, not a union)."""
        for s in reversed(self.seen):
            if s.start >= at:
                continue
            if noun in DOCUMENT_NOUNS:
                if s.medium == noun or (s.description == noun):
                    return s.name, s.start, s.end, s.kind
                continue
            if s.description == noun or (s.role and head_noun(s.role) == noun):
                return s.name, s.start, s.end, s.kind
        return None
