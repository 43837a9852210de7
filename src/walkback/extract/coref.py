"""Who a speaker mention refers to: a name, a pronoun, a description, resolved to an entity.

:class:`Resolver` holds the article's :class:`~walkback.extract.entities.Entities` and the speakers
found so far, and answers, in document order:

- a **name** (``Kirby``, ``Keir``, ``the DEA``) -> the entity it is a form of (``John Kirby``);
- a **pronoun** (``he``, ``she``, ``they``, ``it``) -> the entity that agrees with it (gender; one
  person, a group or an organisation) and is most salient where it stands: mentioned fewer
  sentences back, in the same paragraph, as a subject rather than inside a modifier, and above all
  the speaker of the last statement (not one reported inside a person's words); never a person named
  in the words the pronoun is reported to say;
- a **description** (``the spokesperson``, ``the study``, ``the agency``, ``the city``) -> the speaker
  or entity last described by that noun, else (for a kind of organisation) the most salient
  organisation.

What cannot be told with confidence is not guessed: the caller keeps the mention as written.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .entities import (
    GENERIC_ORG_NOUNS,
    ORG_NOUNS,
    PLACE_NOUNS,
    Entities,
    Entity,
    binding_gender,
    fold,
    gender_of_words,
)
from .fastpipe import lemma_of
from .lexicon import DOCUMENT_NOUNS, FEMALE, MALE, OFFICES, PLURAL
from .names import first_name_gender, first_name_sure
from .quotes import QuoteIndex

logger = logging.getLogger(__name__)

__all__ = ["Resolver", "Hit"]

_MAX_SENTENCES = 6  # a pronoun's antecedent is looked for this many sentences back at most
_MAX_SPEAKER_SENTENCES = 10  # a speaker stays in reach longer than a name mentioned in passing
_LAST_SPEAKER = 0.8  # the speaker of the last statement is the likeliest "he said"
_SPEAKER = 0.3  # any recent speaker
_SAME_PARAGRAPH = 0.3
_GENDER_KNOWN = 0.3  # a candidate whose gender is known to agree beats one whose gender is unknown
_FRONTED_TOPIC = 1.0  # "As for Trump, he said": the fronted phrase names whom the clause is about
_LEXICON_DISAGREES = 0.6  # a candidate whose first name the lexicon gives the other gender
_SUBJECT_WEIGHT = 0.6  # a mention's grammatical weight as a subject (entities._grammatical_weight)

Hit = tuple[str, int, int, str]  # (name, antecedent start, antecedent end, kind)


@dataclass(slots=True)
class _Seen:
    """A speaker found so far (a speech event)."""

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
    entity: Entity | None = None
    lexical: bool = False  # the gender is the first name's in the lexicon, not the article's
    nested: bool = False  # named inside the words another speaker is reported to have said
    sure: bool = False  # the lexicon's gender, and it gives the first name to no one of the other sex


class Resolver:
    """Resolves names, pronouns and descriptions against the article's entities and speakers."""

    def __init__(self, doc: Doc, quotes: QuoteIndex | None = None, text: str | None = None) -> None:
        self.doc = doc
        self.quotes = quotes
        self.entities = Entities(doc, quotes, text)
        self.seen: list[_Seen] = []
        self._told: dict[str, str] = {}  # name -> the gender a pronoun resolved to them told
        # he/she subjects outside quotations, resolved in order as the chain reaches them
        self._pronouns = [
            (t.idx, t.lower_)
            for t in doc
            if t.lower_ in {"he", "she"}
            and t.dep_ in {"nsubj", "nsubjpass"}
            and not (quotes and quotes.inside(t.idx))
        ]
        self._next = 0
        self._chain: list[tuple[int, int, object, str, str, int, int]] = []

    # -- names ---------------------------------------------------------------------------------

    def canonical(self, name: str | None) -> str | None:
        """``Kirby`` -> ``John Kirby`` when the article names him in full; ``DEA`` -> ``Drug
        Enforcement Administration`` when it spells the initials out."""
        e = self.entities.by_name(name)
        return e.name if e is not None else name

    def entity(self, start: int, end: int) -> Entity | None:
        """The entity of the name mention at chars [start, end)."""
        return self.entities.at(start, end)

    def is_person(self, name: str | None) -> bool:
        e = self.entities.by_name(name)
        return e is not None and e.kind == "person" and len(e.words) >= 2

    @property
    def genders(self) -> dict[str, str]:
        return {e.name: e.gender for e in self.entities.list if e.gender}

    # -- speakers ------------------------------------------------------------------------------

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
        pronoun: str | None = None,
        nested: bool = False,
    ) -> None:
        """A speaker found (``is_speaker``) or a name met. A he/she that named them tells their gender
        where the article said nothing else (the lexicon is no match for the article)."""
        ent = None if anonymous else (self.entities.at(start, end) or self.entities.by_name(name))
        if ent is not None and fold(ent.name) != fold(name) and self.entities.by_name(name) is not ent:
            ent = None  # the mention's span holds another entity ("Trump's lawyer")
        gender = (
            ent.gender if ent is not None else gender_of_words((name + " " + (role or "")).lower().split())
        )
        told = "m" if pronoun in MALE else "f" if pronoun in FEMALE else None
        if told is not None:
            self._told[name] = told
            if ent is not None and ent.lexical:
                # a he/she the article gives a name against its lexicon gender overrules the lexicon
                # for good ("Bernie": a woman's name in the lexicon, "he" in the article)
                ent.lexical = ent.gender == told
                ent.gender = told
        lexical = ent is not None and ent.lexical
        sure = lexical and ent is not None and ent.sure
        if ent is None and name in self._told:
            gender = self._told[name]
        elif gender is None and ent is None and kind == "person" and not anonymous and len(name.split()) >= 2:
            gender = first_name_gender(name.split()[0])
            lexical = gender is not None
            sure = lexical and first_name_sure(name.split()[0])
        self.seen.append(
            _Seen(
                name,
                start,
                end,
                kind,
                gender,
                role,
                description,
                medium,
                is_speaker,
                anonymous,
                ent,
                lexical,
                nested,
                sure,
            )
        )

    # -- pronouns ------------------------------------------------------------------------------

    def resolve_pronoun(self, pronoun: str, at: int, reported: frozenset[int] = frozenset()) -> Hit | None:
        """(name, antecedent start, antecedent end, kind) for ``he``/``she``/``they``/``it`` at ``at``.

        ``reported``: the heads of the people's names in the words the pronoun is said to have said,
        when they are reported, not quoted; none of them is the pronoun ("Mr. Trump fits that bill for
        many people, he added": he is not Trump). A he/she subject of an adverbial clause set before
        its main clause is that clause's named subject (:meth:`_cataphor`)."""
        want = (
            "m" if pronoun in MALE else "f" if pronoun in FEMALE
            else "p" if pronoun in PLURAL else "n" if pronoun == "it" else None
        )  # fmt: skip
        if want is None:
            return None
        if want in {"m", "f"} and (ahead := self._cataphor(at, want)) is not None:
            return ahead
        return self._salient(want, at, reported) or (
            self.most_mentioned(at, want, reported) if want in {"m", "f"} else None
        )

    def _cataphor(self, at: int, want: str) -> Hit | None:
        """``Even as he accused the Justice Department …, Giuliani wouldn't speculate``: the subject of
        an adverbial clause set before its main clause is the main clause's subject, named after it,
        when that is a person of an agreeing gender."""
        span = self.doc.char_span(at, at + 1, alignment_mode="expand")
        if span is None:
            return None
        pron = span[0]
        verb = pron.head
        if (
            pron.dep_ not in {"nsubj", "nsubjpass"}
            or verb.dep_ != "advcl"
            or verb.head.i <= verb.right_edge.i
        ):
            return None
        main = verb.head
        subj = next((c for c in main.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i > verb.i), None)
        if subj is None or subj.ent_type_ != "PERSON":
            return None
        e = self.entities.at(subj.idx, subj.idx + len(subj))
        if e is None or e.kind != "person" or e.plural or (e.gender and not e.lexical and e.gender != want):
            return None
        m = next((m for m in e.mentions if m.start <= subj.idx < m.end), None)
        return (e.name, m.start, m.end, "person") if m is not None else None

    def resolve_person(self, at: int, words: Sequence[str] = ()) -> Hit | None:
        """The person a definite description (``the former sergeant-at-arms``) most likely is: the most
        salient one, unless the description's ``words`` contradict what the article says of them (``the
        senator`` of a prime minister, ``the congresswoman`` of a man): then nobody."""
        bound = _commanding_subjects(self.doc, at)
        hit = self._salient("person", at, bound) or self.most_mentioned(at, None, bound)
        if hit is None or not words:
            return hit
        e = self.entities.by_name(hit[0])
        gender = gender_of_words([w.lower() for w in words])
        known = e.gender if e is not None and not e.lexical else self._told.get(hit[0])
        if gender and known and gender != known:
            return None
        roles = [r for s in self.seen if s.name == hit[0] and s.role for r in [s.role]]
        roles += e.roles if e is not None else []
        lowered = [w.lower() for w in words]
        # "the governor" is not "the former New Jersey governor": roles held before are set apart
        past = [] if held_before(lowered) else [r for r in roles if held_before(r.lower().split())]
        roles = [r for r in roles if r not in past]
        # "Sen." is a senator and "Rep." a congressman: words for one office count as that office
        was = {_office(w) for r in past for w in r.lower().split()} & OFFICES
        theirs = {_office(w) for r in roles for w in r.lower().replace(",", " ").split()} & OFFICES
        mine = {_office(w) for w in lowered} & OFFICES
        if mine and (theirs or was) and not mine & theirs:
            return None
        return hit

    def most_mentioned(self, at: int, gender: str | None, bound: frozenset[int] = frozenset()) -> Hit | None:
        """The person the article has named most before ``at`` (twice at least), of a fitting gender,
        and not the subject of a clause the description at ``at`` stands in (``bound``)."""
        counts: Counter[int] = Counter()
        last: dict[int, tuple[int, int]] = {}
        for e in self.entities.list:
            if e.kind != "person" or (gender and e.gender and e.gender != gender):
                continue
            if bound and any(m.head in bound for m in e.mentions):
                continue
            for m in e.mentions:
                if m.start < at and not m.quoted:
                    counts[e.id] += 1
                    last[e.id] = (m.start, m.end)
        if not counts:
            return None
        eid, n = counts.most_common(1)[0]
        if n < 2:
            return None  # one passing mention is no evidence of being the article's subject
        e = next(x for x in self.entities.list if x.id == eid)
        return e.name, last[eid][0], last[eid][1], "person"

    def _agrees(
        self,
        kind: str,
        gender: str | None,
        plural: bool,
        label: str,
        want: str,
        heads: set[str] = frozenset(),
    ) -> bool:
        if want in {"m", "f", "person"}:
            return kind == "person" and not plural and (want == "person" or gender in {None, want})
        if want == "p":
            return kind in {"group", "organization"} or plural
        if want == "n":
            return kind == "organization" and not plural
        if want.startswith("org:"):  # "the company": a named organisation not described otherwise
            # described as another kind of organisation ("the firm") it is not "the agency"; a noun of
            # no kind ("(credit: NASA/…)") says nothing either way
            return kind == "organization" and label == "ORG" and (not heads & ORG_NOUNS or want[4:] in heads)
        return False

    def _salient(self, want: str, at: int, bound: frozenset[int] = frozenset()) -> Hit | None:
        """The most salient entity or speaker before ``at`` that agrees with ``want`` (``m``, ``f``,
        ``p`` plural, ``n`` neuter, ``person`` any one person, ``org:<noun>`` a named organisation),
        other than one whose mention is among the tokens ``bound``."""
        if want in {"m", "f", "person"}:
            self._extend_chain(at)
        got = self._rank(want, at, bound)
        return got[1] if got is not None else None

    def _extend_chain(self, at: int) -> None:
        """Resolve the he/she subjects outside quotations before ``at``, in order: each is a mention of
        the person it resolves to, so "He was photographed with Epstein. He told the BBC: …" keeps
        its man."""
        ents = self.entities
        while self._next < len(self._pronouns) and self._pronouns[self._next][0] < at:
            start, word = self._pronouns[self._next]
            self._next += 1
            gender = "m" if word in MALE else "f"
            got = self._rank(gender, start)
            if got is not None:
                key, (name, _, _, _) = got
                self._chain.append(
                    (
                        start,
                        start + len(word),
                        key,
                        name,
                        gender,
                        ents.sentence_index(start),
                        ents.paragraph_index(start),
                    )
                )

    def _rank(self, want: str, at: int, bound: frozenset[int] = frozenset()) -> tuple[object, Hit] | None:
        ents = self.entities
        here, para = ents.sentence_index(at), ents.paragraph_index(at)
        best: dict[object, tuple[float, str, int, int, str]] = {}
        fronted, not_it = _fronted(self.doc, at)
        banned: set[object] = set()
        subjects: list[tuple[object, int, int]] = []  # (entity, start, sentence) of agreeing subjects
        spans = [
            (self.doc[i].left_edge.idx, self.doc[i].right_edge.idx + len(self.doc[i].right_edge))
            for i in bound
        ]

        def under(start: int) -> bool:
            return any(a <= start < b for a, b in spans)

        def consider(key: object, score: float, name: str, start: int, end: int, kind: str) -> None:
            if key in banned:
                return
            if key not in best or score > best[key][0]:
                best[key] = (score, name, start, end, kind)

        for e in ents.list:
            # the lexicon's gender is a prior, not a constraint, unless no one of the other sex has the name
            if not self._agrees(e.kind, e.binding_gender, e.plural, e.label, want, e.heads):
                continue
            if _passing(e) and not any(m.head in fronted for m in e.mentions):
                continue  # "As for Trump, he said": a lone word the clause makes its topic is in
            if bound and any(m.head in bound for m in e.mentions):
                banned.add(e.id)
                continue
            bonus = _gender_bonus(e.gender, e.lexical, want)
            for m in e.mentions:
                if m.start >= at or m.quoted or m.weight <= -1.0:
                    continue  # "the Kinder Morgan pipeline" names no one who speaks
                dist = here - m.sent
                if dist > (3 * _MAX_SENTENCES if want.startswith("org:") else _MAX_SENTENCES):
                    continue  # "the company" is most often the article's company, named far back
                score = -dist + m.weight + bonus + (_SAME_PARAGRAPH if m.para == para else 0.0)
                if m.head in fronted:
                    score += _FRONTED_TOPIC
                elif m.head in not_it:
                    continue
                if m.weight >= _SUBJECT_WEIGHT and e.kind == "person":
                    subjects.append((e.id, m.start, m.sent))
                if e.label == "NOUN" and e.kind == "person":
                    score -= 0.5  # "his father": a description is a weaker antecedent than a name
                if want == "p" and e.kind == "organization":
                    score -= 0.3  # "they" is a group more often than an organisation
                consider(e.id, score, e.name, m.start, m.end, e.kind)
        if want in {"m", "f"}:  # "He vowed …": he/she subjects resolved so far are subjects too
            subjects += [(c[2], c[0], c[5]) for c in self._chain if c[0] < at and c[4] == want]
        last = True
        spoke: dict[object, int] = {}  # speech events of each speaker so far, a reason to be "he" again
        for s in reversed(self.seen):
            if s.start >= at or not s.is_speaker:
                continue
            if under(s.start):
                banned.add(s.entity.id if s.entity is not None else s.name)
                continue
            dist = here - ents.sentence_index(s.start)
            if dist > _MAX_SPEAKER_SENTENCES:
                break
            e = s.entity
            gender = e.gender if e is not None else s.gender
            lexical = e.lexical if e is not None else s.lexical
            sure = e.sure if e is not None else s.sure
            plural = e.plural if e is not None else s.kind == "group"
            label = e.label if e is not None else ""
            kind = s.kind
            if kind == "unknown" and e is None and want in {"m", "f"} and _proper_name(s.name):
                kind = "person"  # "Poulter said", a name the tagger did not tag: most likely a person
            heads = e.heads if e is not None else set()
            if not self._agrees(kind, binding_gender(gender, lexical, sure), plural, label, want, heads):
                last = False
                continue
            bonus = _gender_bonus(gender, lexical, want)
            bonus -= 0.2 if kind != s.kind else 0.0
            key = e.id if e is not None else s.name
            # "Podesta said …. Trump vowed …. '…,' he said": another person made the subject since the
            # last speaker spoke takes over the topic, and the last speaker is only a recent one
            latest = last and not (
                want in {"m", "f"} and _subject_since(subjects, key, ents.sentence_index(s.start), at)
            )
            if s.nested:
                # "Carson …, pointing out that the Post's Costa had reported …. He hoped, he said, …": one
                # reported inside another's words is not who the story follows; the one reporting is
                latest = False
            score = -dist + 0.6 + bonus + (_LAST_SPEAKER if latest else _SPEAKER)
            score += _SAME_PARAGRAPH if ents.paragraph_index(s.start) == para else 0.0
            if s.anonymous and want in {"m", "f"}:
                score -= 0.3  # "a spokesperson" is a weaker antecedent than a name
            spoke[key] = spoke.get(key, 0) + 1
            consider(key, score + min(0.6, 0.2 * (spoke[key] - 1)), s.name, s.start, s.end, kind)
            last = last and s.nested
        for start, end, key, name, gender, sent, par in reversed(self._chain):
            dist = here - sent
            if start >= at or want not in {gender, "person"}:
                continue
            if under(start):
                banned.add(key)
                continue
            if dist > _MAX_SENTENCES:
                break
            consider(
                key,
                -dist + 0.6 + _GENDER_KNOWN + (_SAME_PARAGRAPH if par == para else 0.0),
                name,
                start,
                end,
                "person",
            )
        if not best:
            return None
        if logger.isEnabledFor(logging.DEBUG):
            ranked = sorted(best.values(), key=lambda v: -v[0])[:5]
            logger.debug("%s at %d: %s", want, at, "; ".join(f"{v[1]} {v[0]:.2f}" for v in ranked))
        key, (score, name, start, end, kind) = max(best.items(), key=lambda kv: kv[1][0])
        return key, (name, start, end, kind)

    # -- descriptions --------------------------------------------------------------------------

    def resolve_description(self, noun: str, at: int, *, former: bool = False) -> Hit | None:
        """``the spokesperson`` -> the last speaker described by that noun; ``the statement`` -> its
        issuer; ``the firm`` -> the entity an appositive or premodifier called a firm. A role held
        before (``the former New Jersey governor``) answers only a description that says so too
        (``former``): ``the governor`` is someone who is governor now."""
        scored: list[tuple[int, int, Hit]] = []
        issued = self.document_issuer(noun, at) if noun in DOCUMENT_NOUNS else None
        for s in reversed(self.seen):
            if s.start >= at:
                continue
            if noun in DOCUMENT_NOUNS:
                if s.description == noun:
                    return s.name, s.start, s.end, s.kind
                if s.medium == noun:
                    # whoever spoke through that kind of document last, unless the article says who
                    # put one out since ("Big Machine Records issued a statement … after Swift
                    # scolded her label, accusing …"): that is plainer than a medium read nearby
                    if issued is not None and self.entities.sentence_index(
                        issued[1]
                    ) >= self.entities.sentence_index(s.start):
                        return issued
                    return s.name, s.start, s.end, s.kind
                continue
            if s.role and not former and held_before(s.role.lower().split()):
                continue  # the description says what they were, not what they are
            fit = 2 if s.description == noun else _fit(s.role, noun) if s.role else 0
            if fit:
                scored.append((fit, s.start, (s.name, s.start, s.end, s.kind)))
        if noun in DOCUMENT_NOUNS:
            return issued
        for e in self.entities.list:
            roles = [r for r in e.roles if former or not held_before(r.lower().split())]
            if len(roles) < len(e.roles) and not any(noun in r.lower() for r in roles):
                heads = e.heads - {noun}  # "the former New Jersey governor" is not "the governor"
            else:
                heads = e.heads
            fit = max([_fit(r, noun) for r in roles] + [1 if noun in heads else 0])
            before = [m for m in e.mentions if m.start < at]
            if fit and before:
                m = before[-1]
                scored.append((fit, m.start, (e.name, m.start, m.end, e.kind)))
        if not scored:
            return None
        # a bare title ("President Trump") before a qualified one ("the president of the Federal
        # Reserve Bank"), then the one named last
        return max(scored, key=lambda x: x[:2])[2]

    def document_issuer(self, noun: str, at: int) -> Hit | None:
        """``the statement`` -> whoever the article said issued the last statement before ``at``: the
        subject of the verb that put it out (``Big Machine Records issued a statement``), the name it
        is by, from or in (``a report in the Argus Leader``, ``a study by the Mayo Clinic``), or its
        possessor (``Amazon's blog post``); none when the article names no issuer of that last one (an
        earlier document by someone else is not it)."""
        doc = self.doc
        ents = self.entities
        for tok in reversed(doc[: ents.token_at(at)]):
            if tok.pos_ != "NOUN" or tok.lower_.rstrip("s") != noun.rstrip("s") or ents.quoted(tok.idx):
                continue
            issuer = _issuer_of(tok)
            if issuer is None:
                return None  # the last such document the article tells of has no issuer it names
            e = self.entities.at(issuer.idx, issuer.idx + len(issuer))
            if e is not None and fold(issuer.text) not in e.words:
                e = None  # the mention's span holds another entity's name
            if e is None and issuer.pos_ == "PROPN" and issuer.ent_type_ not in {"GPE", "LOC", "DATE"}:
                # "a report in the Argus Leader": a name the tagger left out, as written
                start = min(
                    [issuer.i] + [c.i for c in issuer.children if c.dep_ == "compound" and c.i < issuer.i]
                )
                return (
                    doc[start : issuer.i + 1].text,
                    doc[start].idx,
                    issuer.idx + len(issuer),
                    "organization",
                )
            if e is None or e.kind not in {"person", "organization"}:
                return None
            m = next((m for m in e.mentions if m.start <= issuer.idx < m.end), None)
            return (e.name, m.start, m.end, e.kind) if m is not None else None
        return None

    def titled_later(self, words: Sequence[str], at: int) -> Hit | None:
        """``Austria's interior minister said on Tuesday …`` and, paragraphs on, ``Interior Minister
        Wolfgang Peschorn``: a news lede gives the office before the name. The one person named after
        ``at`` whose title ends in all of ``words`` (the description without its article or
        possessor), when nobody named before holds it and nobody else does; a bare noun answers only a
        title of that one word (``Mayor`` for ``the mayor``)."""
        want = [_SHORT_TITLES.get(w, w) for w in (w.lower() for w in words)]
        if not want:
            return None
        fits = []
        for e in self.entities.list:
            if e.kind != "person" or len(e.words) < 2 or not e.mentions:
                continue
            for r in e.roles:
                have = [_SHORT_TITLES.get(w, w) for w in r.lower().replace(",", " ").split()]
                if held_before(have) or have[-len(want) :] != want or (len(want) == 1 and len(have) > 1):
                    continue
                fits.append(e)
                break
        if len(fits) != 1 or fits[0].mentions[0].start <= at:
            return None
        m = fits[0].mentions[0]
        return fits[0].name, m.start, m.end, "person"

    def topic_over_title(self, hit: Hit, at: int, words: Sequence[str]) -> Hit:
        """``Cruz defends his record in a commercial: "…," the senator says``: the person the text is
        about just then, though the article gave the title only to another senator, named further
        back. The title's holder stays when the title is one that few hold at once (``the president``,
        ``the officer`` in charge), when the topic is not in the sentence before (or this one), or
        when the title's holder was named within the last three sentences."""
        if not {w.lower() for w in words} & _SHARED_TITLES:
            return hit
        near = self.resolve_person(at, words)
        if near is None or near[0] == hit[0] or near[1] <= hit[1]:
            return hit
        ents = self.entities
        here = ents.sentence_index(at)
        if here - ents.sentence_index(near[1]) > 1 or here - ents.sentence_index(hit[1]) < 3:
            return hit
        return near

    def resolve_organization(self, noun: str, at: int) -> Hit | None:
        """``the agency``, ``the company``, ``the city``: the organisation (or place) described by that
        noun, else the most salient one of that sort before ``at``."""
        hit = self.resolve_description(noun, at)
        if hit is not None and hit[3] != "person":
            return hit
        named = [
            e for e in self.entities.list if e.kind == "organization" and e.words and e.words[-1] == noun
        ]
        if len(named) == 1:
            m = named[0].mentions[0]
            return named[0].name, m.start, m.end, "organization"
        if noun in PLACE_NOUNS:
            return self._salient_place(at)
        if noun in GENERIC_ORG_NOUNS:
            return self._salient(f"org:{noun}", at)
        return None

    def _salient_place(self, at: int) -> Hit | None:
        ents = self.entities
        here = ents.sentence_index(at)
        cands = [
            (-(here - m.sent) + m.weight, e.name, m.start, m.end)
            for e in ents.list
            if e.label == "GPE"
            for m in e.mentions
            if m.start < at and not m.quoted and here - m.sent <= _MAX_SENTENCES
        ]
        if not cands:
            return None
        _, name, start, end = max(cands)
        return name, start, end, "organization"


# verbs that put a document out: their subject is its issuer
_ISSUING = frozenset(
    "issue release publish post send write file put deliver share tweet circulate distribute produce".split()
)


def _issuer_of(doc_noun: Token) -> Token | None:
    """The name that issued the document ``doc_noun`` heads, where its own phrase or verb says so."""
    for c in doc_noun.children:
        if c.dep_ == "poss" and c.ent_type_ in {"ORG", "PERSON", "GPE", "NORP"}:
            return c  # "Amazon's blog post"
        if c.dep_ == "prep" and c.lower_ in {"by", "from", "in", "of"}:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and (obj.ent_type_ in {"ORG", "PERSON"} or obj.pos_ == "PROPN"):
                return obj  # "a report in the Argus Leader", "a study by the Mayo Clinic"
    verb = doc_noun.head
    if doc_noun.dep_ == "dobj" and lemma_of(verb).lower() in _ISSUING:
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None and (subj.ent_type_ in {"ORG", "PERSON", "GPE", "NORP"} or subj.pos_ == "PROPN"):
            return subj  # "Big Machine Records issued a statement"
    return None


_COMMANDED = frozenset({"advcl", "ccomp", "xcomp"})


def _commanding_subjects(doc: Doc, at: int) -> frozenset[int]:
    """The subjects of the clause a description at ``at`` stands in and of the clause above it:
    ``Mr. Trump took on Hillary Clinton after the Democratic front-runner had said …`` — a name the
    sentence makes its subject is not taken up again by a description under it (a pronoun would be:
    "after he had said"). The clause above is one the description's clause is an adverbial or
    complement clause of; a conjoined clause stands on its own, and a relative clause may well name
    the subject again ("Schiff called for retaliation against meddling the California congressman
    said …": one clause up only, for the parse often reads such a relative clause as a complement)."""
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None:
        return frozenset()
    first = tok = span[0]
    # up from the description to the verb of its clause; in a conjoined, relative or appositive
    # phrase it stands on its own
    while tok.pos_ not in {"VERB", "AUX"} and tok.head.i != tok.i:
        if tok.dep_ in {"conj", "parataxis", "relcl", "acl", "appos"}:
            return frozenset()
        tok = tok.head
    out = {c.i for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"} and first not in c.subtree}
    if tok.dep_ in _COMMANDED and tok.head.i != tok.i:  # one clause up, no further: parses err there
        out |= {c.i for c in tok.head.children if c.dep_ in {"nsubj", "nsubjpass"} and first not in c.subtree}
    return frozenset(out)


def _fronted(doc: Doc, at: int) -> tuple[set[int], set[int]]:
    """What the phrases fronted before a subject pronoun at ``at`` tell of its antecedent: the heads
    that make their person the clause's topic (``As for Trump, he said …``: a phrase of the pronoun's
    own verb; ``After Cruz spoke, he left``: the subject of a clause fronted before it), and the tokens
    that cannot be it (``Asked about Trump, he said …``: the pronoun is the one asked, the participle's
    understood subject, and Trump whom it was about)."""
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None:
        return set(), set()
    pron = span[0]
    if pron.dep_ not in {"nsubj", "nsubjpass"}:
        return set(), set()
    verb = pron.head
    out: set[int] = set()
    not_it: set[int] = set()
    for child in verb.children:
        if child.i >= pron.i:
            break
        if child.dep_ == "prep":  # "As for Trump": a preposition may hang on another
            preps = [child]
            while preps:
                p = preps.pop()
                out |= {c.i for c in p.children if c.dep_ == "pobj"}
                preps += [c for c in p.children if c.dep_ == "prep"]
        elif child.dep_ == "advcl":
            subjects = {c.i for c in child.children if c.dep_ in {"nsubj", "nsubjpass"}}
            out |= subjects
            if not subjects and child.tag_ in {"VBN", "VBG"}:
                not_it |= {t.i for t in child.subtree}
    return out, not_it


def _subject_since(subjects: Sequence[tuple[object, int, int]], key: object, sentence: int, at: int) -> bool:
    """Whether an agreeing person other than ``key`` was the subject of a sentence after ``sentence``
    (a speaker's) and before ``at``."""
    return any(k != key and sent > sentence and start < at for k, start, sent in subjects)


def _gender_bonus(gender: str | None, lexical: bool, want: str) -> float:
    """A gender the article tells that agrees counts for the candidate; one only the first-name
    lexicon gives counts less, and against it when it disagrees ("Jan Brewer … she said": the lexicon's
    Jan is a man's name, the article's is a woman's)."""
    if gender is None or want not in {"m", "f"}:
        return 0.0
    if gender == want:
        return _GENDER_KNOWN * (0.5 if lexical else 1.0)
    return -_LEXICON_DISAGREES


_PAST = frozenset({"former", "ex", "ex-", "then", "then-", "onetime", "one-time", "erstwhile"})


# titles many hold at once: a description by one of them may be whoever the text is about
_SHARED_TITLES = frozenset(
    "senator governor representative congressman congresswoman lawmaker legislator mayor".split()
)
# titles written short before a name ("Gov. Chris Christie"), by the noun a description uses
_SHORT_TITLES = {
    "gov.": "governor", "sen.": "senator", "rep.": "representative", "gen.": "general",
    "lt.": "lieutenant", "sec.": "secretary", "supt.": "superintendent", "amb.": "ambassador",
}  # fmt: skip


_SAME_OFFICE = {"congressman": "representative", "congresswoman": "representative"}


def _office(word: str) -> str:
    """The office a word names: ``sen.`` -> ``senator``, ``congressman`` and ``rep.`` ->
    ``representative``."""
    word = _SHORT_TITLES.get(word, word)
    return _SAME_OFFICE.get(word, word)


def _fit(role: str, noun: str) -> int:
    """How well a role answers ``the <noun>``: 2 for a bare title ending in it (``Prime Minister``,
    ``Wild coach``, ``Sen.``), 1 for a qualified one (``president of the Federal Reserve Bank``), else
    0."""
    words = [_SHORT_TITLES.get(w, w) for w in role.lower().split()]
    if words and words[-1] == noun and not set(words) & {"for", "of", "at", "with", "from", "in", "to"}:
        return 2
    return 1 if _head_noun(role) == noun else 0


def held_before(words: Sequence[str]) -> bool:
    """Whether a role's words say it was held before: ``former``, ``ex-governor``, ``then-senator``."""
    return any(w in _PAST or w.startswith(("ex-", "then-")) for w in words)


def _proper_name(name: str) -> bool:
    """One to four capitalised words, none of them a description noun (``Poulter``, ``Lee Min``)."""
    words = name.split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() and w.lower() not in ORG_NOUNS for w in words)


def _passing(e: Entity) -> bool:
    """A lone word the tagger called a person (``Ont``, ``Bill``), with no title: no antecedent unless
    it speaks, when it is named once, or when the article never makes it the subject of a clause nor
    gives it a gender ("signed to Universal …, Universal's music division provided some demos"):
    what a story tells of a person it is about, it tells with them as the doer or as he or she."""
    if (
        e.kind != "person"
        or len(e.words) >= 2
        or any(m.honorific for m in e.mentions)
        or e.roles  # "Yuni, a resident of Lampung": described, a person the story is about
    ):
        return False
    if sum(not m.quoted for m in e.mentions) < 2:
        return True
    return e.gender is None and all(m.weight < _SUBJECT_WEIGHT for m in e.mentions)


def _head_noun(phrase: str) -> str:
    words = phrase.lower().split()
    for i, w in enumerate(words[:-1]):
        if words[i + 1] in {"for", "of", "at", "with", "from", "in", "to"}:
            return w
    return words[-1] if words else ""
