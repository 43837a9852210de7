"""Relations an article reports in its own words: disputes (``X denied the allegations``,
``disputed Y's account``, ``called the claim categorically untrue``) and retreats (``later walked
back his remarks``, ``misspoke``).

A report is aimed at something. Its target is read from the structure of the reporting sentence
(spaCy's dependency parse): the object of the dispute verb (``the allegations``, ``Trump's claim that
…``, ``what she said``), its clause (``denied that he had groped her``), the subject a dismissal calls
false (``They are all false``). The target then resolves to the statement(s) it answers — in the same
article first (whose words: the possessor, ``by``/``from`` phrase, or whoever said words that match),
then across articles (that speaker's statements, or any close in meaning). When the target was never
quoted, the relation still stands with the words the report gives (``to_statement`` ``None``,
``target_text``): never a merely nearby statement.

:func:`find_disputes` returns :class:`Dispute` records for the linker; the retreats (walk-backs) are
:func:`walkback_reports` with their pairing in :mod:`walkback.link.core`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..extract.fastpipe import lemma_of
from ..extract.lexicon import SPEECH_VERBS
from ..extract.quotes import find_quotes
from ..model import Article, Statement
from .identity import fold_name, surname
from .propositions import DISMISSALS, Proposition, window_of
from .stance import Cue, walkback_cue

__all__ = [
    "CLAIM_NOUNS",
    "Dispute",
    "Report",
    "find_disputes",
    "read_retreat",
    "sentences_of",
    "walkback_reports",
]

# nouns that name words someone said (the object of a dispute must be one, or a clause)
CLAIM_NOUNS = frozenset(
    """allegation accusation claim charge report account assertion suggestion story rumor rumour idea
    notion remark comment statement characterization characterisation testimony contention criticism
    speculation premise narrative version description portrayal theory interpretation reporting article
    assessment finding conclusion argument insinuation implication depiction tweet post word analysis
    estimate figure number math statistic prediction forecast warning assertion reports smear attack
    attacks complaint complaints lawsuit suit suggestion characterizations question questions
    allegations accusations claims charges stories rumors remarks comments statements words critique
    critiques""".split()
)
# verbs that dispute their object or clause
_DISPUTE_VERBS = frozenset(
    "deny dispute reject refute rebut dismiss contradict debunk challenge counter question discredit".split()
)
_DENY = frozenset({"deny"})
# what one denies that is a claim about oneself ("denied any involvement"), besides words said; "denied
# the request / entry / a hearing" is an action
_DENIABLE = frozenset(
    """wrongdoing involvement responsibility knowledge existence role link links connection connections
    ties guilt participation contact contacts meeting affair relationship collusion coordination
    interference wrong misconduct harassment assault abuse use payment payments bribery fraud
    intent plan plans plot reports reporting truth it that this them any""".split()
)
_PHRASAL = {("push", "back"): {"on", "against"}, ("take", "issue"): {"with"}, ("shoot", "down"): set(),
            ("brush", "off"): set(), ("brush", "aside"): set(), ("knock", "down"): set(),
            ("scoff", None): {"at"}, ("laugh", "off"): set(), ("pour", "water"): {"on"}}  # fmt: skip
# the prepositions an object of a dispute verb may hang on ("pushed back against X", "took issue with X")
_OBJECT_PREPS = frozenset({p for ps in _PHRASAL.values() for p in ps} | {"on", "with", "at", "against"})
_CALL_VERBS = frozenset(
    "call label brand describe characterize characterise term dismiss slam denounce".split()
)
_PREFILTER = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|disput\w*|reject\w*|refut\w*|rebut\w*|dismiss\w*|contradict\w*|"
    r"debunk\w*|challeng\w*|counter\w*|question\w*|discredit\w*|push\w*\s+back|pushback|"
    r"t(?:ake|akes|ook|aking)\s+issue|shot\s+down|shoot\w*\s+down|brush\w*\s+(?:off|aside)|scoff\w*|"
    r"laugh\w*\s+off|cold\s+water|knock\w*\s+down|"
    + "|".join(sorted(DISMISSALS))
    + r"|not\s+true|no\s+truth)\b",
    re.I,
)
_NEGATIVE_HEADS = frozenset("refuse decline fail neglect hesitate".split())
_ASKING_HEADS = frozenset("urge ask call demand push pressure want expect need order tell force".split())
_PRONOUNS = frozenset("it that this them these those what which".split())
_PERSONS = frozenset("i we he she they you".split())  # a walker named by a pronoun: no name to compare
_PERSONAL = frozenset("he she they we i him her his their its".split())


@dataclass(frozen=True, slots=True, kw_only=True)
class Dispute:
    """One dispute an article reports: who (the statement credited with it), the cue, the sentence, and
    what it is aimed at — as the report gives it."""

    index: int  # the statement credited with the dispute (its speaker disputes)
    cue: Cue  # offsets into the article text
    sentence: tuple[int, int]
    rule: str  # reported.deny / reported.dispute / reported.call / reported.dismissal
    target_text: str | None  # the disputed words as the report gives them ("that he had groped her")
    target_np: str | None  # the noun phrase aimed at ("the allegations", "Trump's account")
    target_speaker: str | None  # whose words, when the report names them (possessor, by/from)
    pronoun: bool = False  # the target is a pronoun or demonstrative ("That is not true")
    # where the words aimed at are in the article, when the report's object holds them: "pushed back
    # against candidates who say …", "dismissed criticism from Doley, who has suggested …"
    target_span: tuple[int, int] | None = None


def sentences_of(article: Article, statements: Sequence[Statement]) -> list[tuple[int, int]]:
    """The sentences of the article's prose (outside its statements' sentences) that may report a
    dispute or a retreat: those holding a dispute word or a walk-back cue."""
    spans: list[tuple[int, int]] = []
    covered: list[tuple[int, int]] = []
    for st in statements:
        span = st.sentence or st.content
        covered.append((span.start, span.end))
    text = article.text
    for start, end in _prose_sentences(text):
        if any(a <= start < b or a < end <= b for a, b in covered):
            continue
        if _PREFILTER.search(text, start, end) or walkback_cue(text[start:end]) is not None:
            spans.append((start, end))
    return spans


# -- reading one parsed sentence -------------------------------------------------------------------


def _phrase(tok: Token) -> str:
    return "".join(t.text_with_ws for t in tok.subtree).strip()


# "the allegations in a statement on its website": where the words were answered, not what
_WHERE = frozenset(
    "statement interview tweet post website letter email release conference call briefing".split()
)


def _np_text(tok: Token) -> str:
    """A noun phrase as written, up to a quotation mark or a dismissal the parser stuck to it
    (``the accusation "categorically untrue"`` -> ``the accusation``), and without a phrase saying
    where it was answered (``… in a statement shared to its website``)."""
    cut = {
        t.i
        for c in tok.children
        if c.dep_ == "prep" and c.i > tok.i
        for g in c.children
        if g.dep_ == "pobj" and lemma_of(g).lower() in _WHERE
        for t in c.subtree
    }
    keep = []
    for t in tok.subtree:
        if t.i in cut:
            continue
        if t.i > tok.i and (t.is_quote or t.lower_ in DISMISSALS):
            break
        if t.lower_ in DISMISSALS or (t.dep_ == "advmod" and t.head.lower_ in DISMISSALS):
            continue
        keep.append(t)
    while keep and (keep[-1].is_punct or keep[-1].dep_ == "advmod"):
        keep.pop()
    return "".join(t.text_with_ws for t in keep).strip()


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"} for c in tok.children):
        return True
    head = tok.head
    if tok.dep_ in {"xcomp", "ccomp"} and head.i != tok.i:
        lemma = lemma_of(head).lower()
        if lemma in _NEGATIVE_HEADS | _ASKING_HEADS or any(c.dep_ == "neg" for c in head.children):
            return True  # "refused to deny", "urged him to retract", "did not move to deny"
    return False


def _hedged(tok: Token) -> bool:
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in {"would", "could", "might", "may", "should", "will"}
           for c in tok.children):  # fmt: skip
        return True
    return any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in tok.children)


def _passive(tok: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children)


def _whose(np: Token) -> str | None:
    """Whose words a noun phrase names: ``Trump's claim``, ``claims by three women``, ``the report
    from the Times``, ``the claim Trump made``."""
    for c in np.children:
        if c.dep_ == "poss" and c.lower_ not in _PERSONAL:
            return (
                _phrase(c).removesuffix("'s").removesuffix("’s").removesuffix("'").removesuffix("’").strip()
            )
    for c in np.children:
        if c.dep_ == "prep" and c.lower_ in {"by", "from", "of"}:
            for g in c.children:
                named = g.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or g.pos_ == "PROPN"
                if g.dep_ == "pobj" and (named or c.lower_ != "of" and g.pos_ == "NOUN"):
                    return _np_text(g)
        if c.dep_ in {"relcl", "acl"}:
            subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ == "PROPN":
                return _phrase(subj)
            agent = next((g for g in c.children if g.dep_ == "agent"), None)
            if agent is not None:
                pobj = next((g for g in agent.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return _phrase(pobj)
    return None


def _set_off_participle(tok: Token) -> bool:
    """``— saying …``, ``, adding …``: a participle clause set off by a dash or a comma."""
    return (
        tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.left_edge.i > 0
        and tok.doc[tok.left_edge.i - 1].text in {"—", "–", "-", "--", ","}
    )  # fmt: skip


def _clause_of(np: Token) -> str | None:
    """The words a noun phrase says were said: ``claims that X`` -> ``X``."""
    for c in np.children:
        if c.dep_ in {"acl", "ccomp", "relcl"} and _that_marked(c):
            # not a participle set off after it ("… with the DNC — saying the Sanders campaign chose …"),
            # which the parser hangs in the clause and which is the disputer's own reason
            aside = {
                t.i
                for g in c.subtree
                if _set_off_participle(g)
                for t in g.doc[g.left_edge.i - 1 : g.right_edge.i + 1]
            }
            opener = _complementiser(c)
            skip = aside | ({opener.i} if opener is not None else set())
            toks = [t for t in c.subtree if t.i not in skip] + _rest_of_clause(c)
            return "".join(t.text_with_ws for t in toks).strip()
        if c.dep_ == "prep" and c.lower_ in {"about", "regarding", "over"}:
            return _phrase(c)
    return None


def _rest_of_clause(clause: Token) -> list[Token]:
    """The verb phrase the parser cut off a clause whose subject is a gerund (``criticism … that
    shutting down the unit made the city less safe``: "made the city less safe" hung on the main
    verb): a finite verb right after the clause, with no subject of its own."""
    doc = clause.doc
    at = clause.right_edge.i + 1
    if at >= len(doc):
        return []
    verb = doc[at]
    if verb.tag_ not in {"VBD", "VBZ", "VBP"} or any(
        c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children
    ):
        return []
    if verb.head.i == verb.i or verb.left_edge.i < at:
        return []
    words = list(doc[at : verb.right_edge.i + 1])
    while words and words[-1].is_punct:
        words.pop()
    return words


def _object(
    verb: Token, particle_preps: AbstractSet[str] | None = None, particle: str | None = None
) -> Token | None:
    for c in verb.children:
        if c.dep_ in {"dobj", "attr"} and c.lower_ != particle:  # "took issue with": "issue" is the verb's
            return c
    preps = particle_preps if particle_preps is not None else {"on", "with", "at", "against"}
    # "pushed back on X": the parser hangs the preposition on the particle as often as on the verb
    heads = [verb, *(c for c in verb.children if c.dep_ in {"prt", "advmod"})]
    for c in (g for h in heads for g in h.children):
        if c.dep_ == "prep" and c.lower_ in preps:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    for c in verb.children:  # "take issue with": the prep hangs off the noun
        if c.dep_ == "dobj":
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ in preps:
                    return next((g for g in p.children if g.dep_ == "pobj"), None)
    return None


def _claim_like(np: Token) -> bool:
    if np.lower_ in _PRONOUNS:
        return True
    return lemma_of(np).lower() in CLAIM_NOUNS or np.lower_ in CLAIM_NOUNS


def _read(doc: Doc, offset: int, verb: Token) -> tuple[str, str | None, str | None, str | None, bool] | None:
    """(rule, target_text, target_np, target_speaker, pronoun) for a dispute verb, else ``None``."""
    lemma = lemma_of(verb).lower()
    clause = next(
        (c for c in verb.children if c.dep_ in {"ccomp", "xcomp", "pcomp"} and not _reduced(c)), None
    )
    obj = _object(verb)
    if lemma in _DENY:
        if clause is not None:  # "denied that he groped her", "denied groping her"
            toks = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause)]
            return "reported.deny", "".join(t.text_with_ws for t in toks).strip(), None, None, False
        if obj is not None:
            if obj.lower_ in _PRONOUNS:
                return "reported.deny", None, obj.text, None, True
            if not (_claim_like(obj) or lemma_of(obj).lower() in _DENIABLE):
                return None  # "deny the right to …", "denied a hearing": an action
            return "reported.deny", _clause_of(obj), _np_text(obj), _whose(obj), False
        return None
    if obj is None:
        if lemma in {"dispute", "reject"} and clause is not None:
            toks = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause)]
            return "reported.dispute", "".join(t.text_with_ws for t in toks).strip(), None, None, False
        return None
    person = obj.ent_type_ == "PERSON" or (
        lemma in {"contradict", "rebut"} and obj.pos_ == "PROPN" and obj.ent_type_ in {"ORG", "NORP", ""}
    )  # "contradicting Trump": the tagger often calls him an organisation
    if person and lemma in {"contradict", "rebut", "challenge", "counter"}:
        return "reported.dispute", None, _np_text(obj), _np_text(obj), False  # "contradicting Clinton"
    if not _claim_like(obj):
        return _sayers(obj)  # "rejected the bill", "dismissed the lawsuit": an action, not words
    whose, clause = _whose(obj), _clause_of(obj)
    if whose is None and clause is None:
        whose, clause = _hung_elsewhere(obj)
    return "reported.dispute", clause, _np_text(obj), whose, obj.lower_ in _PRONOUNS


def _hung_elsewhere(np: Token) -> tuple[str | None, str | None]:
    """``disputing accusations by Exxon Mobil that journalists … had produced …``: the ``by`` phrase
    and the ``that`` clause right after a claim noun, which the parser hung on the verb or the root.
    Read in the order written: the noun, then ``by``/``from`` a name, then ``that`` and a clause with a
    subject of its own."""
    doc = np.doc
    at = np.right_edge.i + 1
    whose = None
    if at < len(doc) and doc[at].lower_ in {"by", "from"} and doc[at].head.i != np.i:
        pobj = next((g for g in doc[at].children if g.dep_ == "pobj"), None)
        if pobj is None or not (pobj.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or pobj.pos_ == "PROPN"):
            return None, None
        whose = _np_text(pobj)
        at = pobj.right_edge.i + 1
    if at >= len(doc) or doc[at].lower_ != "that" or doc[at].dep_ != "mark":
        return whose, None
    verb = doc[at].head
    if verb.i <= at or not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return whose, None
    words = [t for t in verb.subtree if t.i > at]
    while words and words[-1].is_punct:
        words.pop()
    return whose, "".join(t.text_with_ws for t in words).strip() or None


def _sayers(np: Token) -> tuple[str, str | None, str | None, str | None, bool] | None:
    """``pushing back against candidates who say the country is in decline``, ``dismissed critics
    who called the remarks sexist``: people named by what they say; the words disputed are their
    relative clause's."""
    for c in _relatives(np):
        if lemma_of(c).lower() not in SPEECH_VERBS:
            continue
        if not any(g.dep_ == "nsubj" and g.lower_ in {"who", "that"} for g in c.children):
            continue
        words = [t for t in c.subtree if t.i > c.i and not (t.dep_ == "mark" and t.head.head == c)]
        text = "".join(t.text_with_ws for t in words).strip().rstrip(".,;:")
        if len(text.split()) >= 3:
            return "reported.dispute", text, _np_text(np), None, False
    return None


_EXAMPLES = frozenset({"like", "including", "as"})  # "candidates — like Trump — who say …", "such as"


def _relatives(np: Token) -> list[Token]:
    """The relative clauses of ``np``, and of the examples that follow it (``candidates — like Donald
    Trump — who say …``, where the parser hangs the clause on the example, and the example on the
    verb)."""
    out = [c for c in np.children if c.dep_ == "relcl"]
    preps = [c for c in np.children if c.dep_ == "prep" and c.lower_ in _EXAMPLES]
    if np.dep_ == "pobj" and np.head.dep_ == "prep":  # the example hung on the verb, right after
        preps += [c for c in np.head.head.children
                  if c.dep_ == "prep" and c.lower_ in _EXAMPLES and c.i > np.i]  # fmt: skip
    for p in preps:
        for ex in (g for g in p.children if g.dep_ == "pobj"):
            out += [c for c in ex.children if c.dep_ == "relcl"]
    return out


def _reduced(clause: Token) -> bool:
    """``denied the change being sought``: a noun with a reduced relative clause, parsed as a clause
    (no ``that``, a passive ``being`` and no finite verb): a request refused, no words denied."""
    kids = list(clause.children)
    if any(c.dep_ == "mark" for c in kids) or any(c.tag_ in {"VBD", "VBZ", "VBP", "MD"} for c in kids):
        return False
    return any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBG" for c in kids)


def _call_dismissal(verb: Token) -> tuple[str, str | None, str | None, str | None, bool] | None:
    """``called the accusation "categorically untrue"``, ``dismissed the report as nonsense``."""
    obj = next((c for c in verb.children if c.dep_ in {"dobj", "nsubj"} and c.dep_ == "dobj"), None)
    if obj is None:
        # "called it a lie": spaCy often makes the pronoun the subject of a ccomp
        comp = next((c for c in verb.children if c.dep_ in {"ccomp", "xcomp", "oprd"}), None)
        obj = next((c for c in comp.children if c.dep_ == "nsubj"), None) if comp is not None else None
    if obj is None or not _claim_like(obj):
        return None
    words = {t.lower_ for t in verb.subtree if t.i > obj.i} | {
        lemma_of(t).lower() for t in verb.subtree if t.i > obj.i
    }
    if not words & DISMISSALS and not ({"true", "accurate"} & words and words & {"not", "n't", "never"}):
        return None
    return "reported.call", _clause_of(obj), _np_text(obj), _whose(obj), obj.lower_ in _PRONOUNS


def read_dispute(
    doc: Doc, offset: int, content: tuple[int, int] | None = None
) -> tuple[Cue, str, str | None, str | None, str | None, bool] | None:
    """The first dispute a parsed sentence (``offset``: where it starts in the article) reports.

    With ``content`` (a statement's words, article offsets), a dispute verb inside them counts only as
    their main verb said in the first person (``We categorically deny …``): ``people … denying climate
    change`` in a quote is no dispute the speaker reports."""
    for tok in doc:
        at = offset + tok.idx
        if (
            content is not None
            and content[0] <= at < content[1]
            and not _first_person_main(tok, content, offset)
            and not _participle_framing(tok)
        ):
            continue
        lemma = lemma_of(tok).lower()
        if tok.pos_ not in {"VERB", "NOUN"} or tok.pos_ == "NOUN" and lemma != "denial":
            continue
        found = None
        if lemma in _DISPUTE_VERBS and tok.pos_ == "VERB":
            if _passive(tok):
                continue  # "was denied entry", "the claim was disputed" (by whom, the parse rarely says)
            found = _read(doc, offset, tok)
            if found is None and lemma in {"dismiss"}:
                found = _call_dismissal(tok)
        elif lemma in _CALL_VERBS:
            found = _call_dismissal(tok)
        else:
            for (verb, particle), preps in _PHRASAL.items():
                if lemma != verb:
                    continue
                if particle is not None and not any(c.lower_ == particle for c in tok.children):
                    continue
                obj = _object(tok, preps or None, particle)
                said = _sayers(obj) if obj is not None and not _claim_like(obj) else None
                if said is not None:
                    found = said
                elif obj is not None and _claim_like(obj):
                    found = (
                        "reported.dispute",
                        _clause_of(obj),
                        _np_text(obj),
                        _whose(obj),
                        obj.lower_ in _PRONOUNS,
                    )
        if found is None or _negated(tok) or _hedged(tok):
            continue
        cue = Cue(text=tok.text, start=offset + tok.idx, end=offset + tok.idx + len(tok), confidence=0.0)
        return (cue, *found)
    return None


def object_span(doc: Doc, offset: int, cue: Cue) -> tuple[int, int] | None:
    """Where the object of the dispute verb at ``cue`` is in the article (its whole phrase, relative
    clauses too), or ``None`` when it has none."""
    tok = _token_at(doc, cue.start - offset)
    if tok is None:
        return None
    obj = _object(tok, _OBJECT_PREPS)
    if obj is None:
        return None
    last = max([obj.right_edge] + [c.right_edge for c in _relatives(obj)], key=lambda t: t.i)
    return offset + obj.left_edge.idx, offset + last.idx + len(last)


def _participle_framing(tok: Token) -> bool:
    """``Iraq was not notified …, contradicting earlier statements that …``: a participle adjunct of
    the statement's own predicate says what the statement does to other words."""
    return tok.tag_ == "VBG" and tok.dep_ == "advcl" and tok.i > tok.head.i


def _first_person_main(tok: Token, content: tuple[int, int], offset: int) -> bool:
    head_inside = content[0] <= offset + tok.head.idx < content[1] and tok.head.i != tok.i
    if head_inside and tok.dep_ not in {"conj"}:
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lower_ in {"we", "i"}


def find_disputes(
    article: Article,
    statements: Sequence[Statement],
    props: Sequence[Proposition | None],
    parsed: dict[tuple[int, int], Doc],
) -> list[Dispute]:
    """The disputes ``article`` reports, each credited to a statement.

    ``parsed`` maps sentence spans to their parse. A statement whose sentence reports a dispute is
    credited with it; a prose sentence (no statement in it) is credited to the disputer it names: their
    nearest statement after it, else before. A statement that is itself a dismissal (``They are all
    false``) disputes what its subject names.
    """
    out: list[Dispute] = []
    seen: set[tuple[int, int]] = set()
    for i, st in enumerate(statements):
        if st.rule == "relative" and st.cue is not None:
            # "…, a charge that Colorado Republican leaders strongly denied": the extractor gave the
            # disputer the very words they deny, which the sentence credits to someone else
            key = window_of(st)
            seen.add(key)
            doc = parsed.get(key)
            verb = (
                doc.char_span(st.cue.start - key[0], st.cue.end - key[0], alignment_mode="expand")
                if doc
                else None
            )
            deny = verb is not None and lemma_of(verb.root).lower() in _DENY
            cue = Cue(text=st.cue.text, start=st.cue.start, end=st.cue.end, confidence=0.0)
            out.append(Dispute(index=i, cue=cue, sentence=key,
                               rule="reported.deny" if deny else "reported.dispute",
                               target_text=st.content.text, target_np=None, target_speaker=None,
                               pronoun=False))  # fmt: skip
    for i, st in enumerate(statements):
        key = window_of(st)
        doc = parsed.get(key)
        if doc is not None and key not in seen:
            found = read_dispute(doc, key[0], (st.content.start, st.content.end))
            if found is not None:
                seen.add(key)
                cue, rule, text, np, whose, pron = found
                who = _credited(statements, i, doc, key[0], cue)
                if who is not None:
                    out.append(Dispute(index=who, cue=cue, sentence=key, rule=rule, target_text=text,
                                       target_np=np, target_speaker=whose, pronoun=pron,
                                       target_span=object_span(doc, key[0], cue)))  # fmt: skip
                continue
        prop = props[i] if i < len(props) else None
        if prop is not None and prop.dismissal and prop.modality is None and key not in seen:
            seen.add(key)
            at = st.content.text.lower().find(prop.dismissal.split()[-1].lower())
            start = st.content.start + max(0, at)
            cue = Cue(text=prop.dismissal, start=start, end=start + len(prop.dismissal), confidence=0.0)
            dismissed = prop.dismissed or ""
            pron = not prop.dismissed_speaker and (
                dismissed.lower() in _PRONOUNS | {"they", "it"} or not dismissed
            )
            out.append(Dispute(index=i, cue=cue, sentence=key, rule="reported.dismissal",
                               target_text=_that_clause(dismissed), target_np=dismissed or None,
                               target_speaker=prop.dismissed_speaker, pronoun=pron))  # fmt: skip
    windows = [window_of(st) for st in statements]
    for (start, end), doc in parsed.items():
        if (start, end) in seen or any(a <= start < b for a, b in windows):
            continue
        found = read_dispute(doc, start)
        if found is None:
            continue
        cue, rule, text, np, whose, pron = found
        subject = _subject_text(doc, cue.start - start)
        names = _named(subject or "", statements)
        mine = [i for i, st in enumerate(statements) if surname(st.speaker.name or "") in names]
        pick = _first_after_else_last_before(statements, mine, start, end)
        if pick is None:
            continue
        out.append(Dispute(index=pick, cue=cue, sentence=(start, end), rule=rule, target_text=text,
                           target_np=np, target_speaker=whose, pronoun=pron,
                           target_span=object_span(doc, start, cue)))  # fmt: skip
    return out


_THAT = re.compile(r"^((?:\S+\s+){0,3}\S+)\s+that\s+(.+)$", re.S)


def _that_clause(np_text: str) -> str | None:
    """The words a dismissed noun phrase says were said: ``Rubio's claim that Cruz is in favor of
    legalizing …`` -> ``Cruz is in favor of legalizing …``."""
    m = _THAT.match(np_text)
    return m.group(2).strip() if m and m.group(1).split()[-1].lower() in CLAIM_NOUNS else None


def _credited(statements: Sequence[Statement], i: int, doc: Doc, offset: int, cue: Cue) -> int | None:
    """The statement a dispute verb found in statement ``i``'s sentence belongs to: ``i`` when the
    verb is its cue or the verb's subject is its speaker; else the statement of the speaker the
    subject names, nearest the verb (``Fiorina's team denied …, though the Journal reported …``: the
    team's, not the Journal's); ``None`` when the subject names no speaker of the article."""
    st = statements[i]
    if st.cue is not None and st.cue.start <= cue.start < st.cue.end:
        return i
    for k, other in enumerate(statements):  # the verb is the cue of another statement of the sentence
        if other.cue is not None and other.cue.start <= cue.start < other.cue.end:
            return k
    tok = _token_at(doc, cue.start - offset)
    if tok is not None and _participle_framing(tok):
        if st.content.start <= offset + tok.head.idx < st.content.end:
            return i  # the statement's own predicate does the disputing
    subj = _subject_of(tok) if tok is not None else None
    if subj is None:
        return None
    s, e = offset + subj.left_edge.idx, offset + subj.right_edge.idx + len(subj.right_edge)
    mention = st.speaker.mention
    if mention is not None and mention.start < e and s < mention.end:
        return i
    words = set(fold_name(_phrase(subj)).split())
    if surname(st.speaker.name or "") in words:
        return i
    mine = [
        k for k, other in enumerate(statements) if other.speaker.name and surname(other.speaker.name) in words
    ]
    if not mine:
        return None
    return min(mine, key=lambda k: abs(statements[k].content.start - cue.start))


def _subject_of(tok: Token) -> Token | None:
    while tok is not None:
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            return subj
        if tok.head.i == tok.i or tok.dep_ not in {"xcomp", "conj", "advcl", "ccomp", "pcomp", "prep"}:
            return None
        tok = tok.head
    return None


def _token_at(doc: Doc, at: int) -> Token | None:
    """The token that starts at character ``at`` of ``doc``."""
    return next((t for t in doc if t.idx == at), None)


def _subject_text(doc: Doc, at: int) -> str | None:
    tok = _token_at(doc, at)
    while tok is not None:
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            return _phrase(subj)
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


# -- retreats (walk-backs) reported ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Report:
    """A walk-back an article reports: the statement credited with it, the cue, its sentence and where
    that starts, and what it is about (its paragraph and the one before)."""

    index: int
    cue: Cue
    sentence: str
    start: int
    context: str
    about: int | None = None  # the statement whose own words the report follows and takes back
    walker: str | None = None  # the cue's subject as written ("Kirby", "he", "the club manager")
    target_text: str | None = None  # the words taken back as the report gives them ("that X")
    prose: bool = False  # told in the article's own sentence, credited to the walker's nearest statement


_PRONOUN = re.compile(r"^\W*(?:he|she|they|i|we|it)\b", re.I)
# the words between a statement's proposition and a cue that says it was later taken back
_THEN = re.compile(r"(?:,\s*|\b)(?:before|then|and\s+then|but\s+then|only\s+to|but\s+later)\s+$", re.I)


# a verb told as said before the sentence's time: "who had previously pledged", "had earlier said"
_EARLIER = re.compile(
    r"\bhad\s+(?:previously|earlier|once|initially|originally|first|already)\s+$"
    r"|\b(?:previously|earlier|initially|originally)\s+$",
    re.I,
)

_RETREAT_PREPS = {"for", "on", "from", "about", "over"}


def read_retreat(doc: Doc, offset: int, cue: Cue) -> tuple[str | None, str | None]:
    """(who, what) of a walk-back cue in a parsed sentence: the cue verb's subject as written, and the
    words taken back as the report gives them — the clause of its object (``walked back his remarks
    that X``, ``retracted the claim that X``), what ``apologized for saying`` says, ``never said X``."""
    at = cue.start - offset
    tok = next((t for t in doc if t.idx >= at), None)
    if tok is None:
        return None, None
    verb = tok if tok.pos_ in {"VERB", "AUX"} else tok.head
    subj, head = None, verb
    for _ in range(3):
        subj = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None or head.head.i == head.i or head.dep_ not in {"xcomp", "conj", "advcl", "ccomp"}:
            break
        head = head.head
    walker = _phrase(subj) if subj is not None else None
    words = None
    if lemma_of(verb).lower() == "say":  # "never said X"
        comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        words = _clause_text(comp) if comp is not None else None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if words is None and obj is not None and obj.lower_ not in _PRONOUNS:
        words = _clause_of(obj)
    if words is None:
        for p in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in _RETREAT_PREPS):
            for g in p.children:
                if g.dep_ == "pcomp":  # "apologized for saying X", "for calling Y a Z"
                    comp = next((c for c in g.children if c.dep_ in {"ccomp", "dobj"}), None)
                    words = _clause_text(comp) if comp is not None else None
                elif g.dep_ == "pobj" and g.lower_ not in _PRONOUNS:
                    words = _clause_of(g)
            if words:
                break
    if words is None and _retreat_object(verb) is not None:
        # "backpedaled on his prediction a year ago that X": the parser hangs X on the verb
        comp = next((c for c in verb.children if c.dep_ == "ccomp" and _that_marked(c)), None)
        words = _clause_text(comp, _unshared(comp)) if comp is not None else None
    return walker, words


_MODALS = frozenset("would will could might should can may".split())


def _unshared(clause: Token) -> Token | None:
    """A verb conjoined to a modal that-clause with no subject of its own and in the past tense:
    the walker's own act, hung there by the parser (``that Russia would pull out of its slump, and
    blamed the tumble in oil prices``)."""
    if not any(c.dep_ == "aux" and c.lower_ in _MODALS for c in clause.children):
        return None
    return next(
        (
            c
            for c in clause.children
            if c.dep_ == "conj"
            and c.tag_ == "VBD"
            and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)
        ),
        None,
    )


def _retreat_object(verb: Token) -> Token | None:
    """The noun for words that a retreat verb takes as object (``retracted the claim``,
    ``backpedaled on his prediction``), when it is one."""
    for c in verb.children:
        if c.dep_ == "dobj" and c.lower_ not in _PRONOUNS and _claim_like(c):
            return c
        if c.dep_ == "prep" and c.lower_ in _RETREAT_PREPS:
            g = next((g for g in c.children if g.dep_ == "pobj"), None)
            if g is not None and g.lower_ not in _PRONOUNS and _claim_like(g):
                return g
    return None


def _complementiser(clause: Token) -> Token | None:
    """The ``that`` a clause opens with as a complementiser; also when the parser took it for the
    subject of a gerund (``that shutting down the unit made …``), which a relative ``that`` never is."""
    return next(
        (
            g for g in clause.children
            if g.lower_ == "that"
            and (g.dep_ == "mark" or g.dep_ == "nsubj" and clause.tag_ == "VBG" and g.i == clause.i - 1)
        ),
        None,
    )  # fmt: skip


def _that_marked(clause: Token) -> bool:
    return _complementiser(clause) is not None


def _clause_text(tok: Token, without: Token | None = None) -> str:
    """The words of a clause, without its ``that`` and, from the punctuation or conjunction before it
    on, without the conjoined verb ``without``."""
    toks = [t for t in tok.subtree if not (t.dep_ == "mark" and t.head == tok)]
    if without is not None:
        cut = without.left_edge.i
        while cut > tok.left_edge.i and tok.doc[cut - 1].dep_ in {"cc", "punct"}:
            cut -= 1
        toks = [t for t in toks if t.i < cut]
    return "".join(t.text_with_ws for t in toks).strip().rstrip(",;")


_FRAME_VERBS = frozenset(
    "think believe feel guess suppose wonder hope fear assume imagine suspect doubt expect worry".split()
)


def _framed(doc: Doc, offset: int, cue: Cue, content: tuple[int, int]) -> bool:
    """Whether a cue inside a statement's words hangs under a verb of thinking, a relative clause or a
    condition there (``I thought he was joking``, ``if he retracts``): no walk-back is reported."""
    if not content[0] <= cue.start < content[1]:
        return False
    tok = next((t for t in doc if offset + t.idx >= cue.start), None)
    while tok is not None and tok.head.i != tok.i and content[0] <= offset + tok.head.idx < content[1]:
        if tok.dep_ in {"relcl", "acl"} or (
            tok.dep_ == "advcl" and any(c.dep_ == "mark" for c in tok.children)
        ):
            return True
        tok = tok.head
        if lemma_of(tok).lower() in _FRAME_VERBS:
            return True
    return False


def walkback_reports(
    article: Article, statements: Sequence[Statement], parsed: dict[tuple[int, int], Doc] | None = None
) -> list[Report]:
    """Each walk-back the article reports, credited to a statement.

    A statement whose sentence carries a cue reports it (``Kirby confirmed that he misspoke``,
    ``Sharpton later clarified that …``); so does a sentence of the article's own prose (``She later
    recanted the claim``), credited to the walker it names, or that a leading pronoun refers back to
    (the speaker of the statement before it): their nearest statement after the sentence, else before.
    A statement that goes on to say it was taken back (``saying Clinton was not "qualified" for the
    presidency, before reversing himself``) holds the words taken back; the report is credited to its
    speaker's nearest other statement.
    """
    out: list[Report] = []
    covered: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    for i, st in enumerate(statements):
        span = st.sentence or st.content
        covered.append((span.start, span.end))
        if (span.start, span.end) in seen:
            continue  # one report per sentence, however many statements it holds
        cue = walkback_cue(span.text)
        if cue is None:
            continue
        seen.add((span.start, span.end))
        context = _context(article, span.start, span.end)
        cue_at = span.start + cue.start
        lead = article.text[st.content.start : cue_at]
        # "saying X, before reversing himself", "'X,' the governor said, before clarifying that Y": the
        # words before the cue are what is taken back; the words after it (Y), else the speaker's
        # nearest other statement, take them back
        then = _THEN.search(lead) and len(lead.split()) > 4
        # "a partial reversal for the Wisconsin Republican, who had previously pledged to support the
        # nominee": the statement's own verb says it was said before the reversal the sentence reports
        earlier = (
            st.cue is not None
            and st.cue.start > cue_at
            and _EARLIER.search(article.text[max(span.start, st.cue.start - 40) : st.cue.start]) is not None
        )
        if earlier or (
            then and (st.content.end > cue_at or len(article.text[st.content.end : cue_at].split()) <= 6)
        ):
            name = surname(st.speaker.name or "")
            pick = next(
                (
                    k
                    for k, other in enumerate(statements)
                    if k != i
                    and span.start + cue.end <= other.content.start < span.end
                    and surname(other.speaker.name or "") == name
                ),
                None,
            )
            if pick is None:
                pick = _nearest_of(statements, i, name, span.start, span.end)
            if pick is not None:
                out.append(Report(pick, cue, span.text, span.start, context, about=i))
            continue
        window = window_of(st)
        doc = parsed.get(window) if parsed else None
        at = _shift(cue, span.start)
        if doc is not None and _framed(doc, window[0], at, (st.content.start, st.content.end)):
            continue  # "I thought he was joking": a cue under another verb of the quote
        walker, words = read_retreat(doc, window[0], at) if doc is not None else (None, None)
        if _judged_by_another(st, walker):
            continue  # a journalist's "Biden kind of misspoke": a judgment, not Biden's walk-back
        out.append(Report(i, cue, span.text, span.start, context, walker=walker, target_text=words))
    text = article.text
    for start, end in _prose_sentences(text):
        if any(a <= start < b or a < end <= b for a, b in covered):
            continue
        sentence = text[start:end]
        cue = walkback_cue(sentence)
        if cue is None or _inside_quotes(text, start + cue.start):
            continue  # Biden “kind of misspoke.”: someone's words, whose the extraction did not find
        names = _named(sentence[: cue.start], statements)
        if not names and _PRONOUN.search(sentence):
            before = [st for st in statements if st.content.end <= start and st.speaker.kind == "person"]
            last = surname(before[-1].speaker.name or "") if before else None
            names = {last} if last else set()
        if not names:
            continue
        mine = [i for i, st in enumerate(statements) if surname(st.speaker.name or "") in names]
        pick = _first_after_else_last_before(statements, mine, start, end)
        if pick is not None:
            doc = parsed.get((start, end)) if parsed else None
            words = read_retreat(doc, start, _shift(cue, start))[1] if doc is not None else None
            out.append(
                Report(
                    pick,
                    cue,
                    sentence.strip(),
                    start,
                    _context(article, start, end),
                    target_text=words,
                    prose=True,
                )
            )
    return out


def _inside_quotes(text: str, at: int) -> bool:
    """Whether position ``at`` of ``text`` lies inside a quotation, as the extractor finds them."""
    return any(q.start < at < q.end for q in find_quotes(text))


def _judged_by_another(st: Statement, walker: str | None) -> bool:
    """Whether a statement says that a person it names (``Biden``) misspoke or backtracked while its
    speaker is someone else who does not speak for them (neither their name, role nor affiliation
    names the walker: ``Trump's spokeswoman`` speaks for Trump, a Japanese author does not)."""
    words = (walker or "").split()
    if not words or not all(w[:1].isupper() for w in words) or words[0].lower() in _PRONOUNS | _PERSONS:
        return False  # "he", "the candidate": whoever it is, no name to tell apart
    who, own = surname(walker or ""), surname(st.speaker.name or "")
    if not who or not own or who == own:
        return False
    about = fold_name(" ".join(filter(None, [st.speaker.name, st.speaker.role, st.speaker.affiliation])))
    return who not in about.split()


def _shift(cue: Cue, by: int) -> Cue:
    """A cue found in a sentence, with offsets into the article."""
    return Cue(text=cue.text, start=cue.start + by, end=cue.end + by, confidence=cue.confidence)


_ABBREVIATIONS = frozenset("mr mrs ms dr sen rep gov gen st jr sr lt col sgt u.s".split())
# a sentence ends before a capital, a quote ('' too) or a bracket opening one; a paragraph always ends
_BOUNDARY = re.compile(r"(?P<stop>[.!?])[\"”’']*\s+(?=[\"“‘'(]{0,2}[A-Z])|\n\s*\n")


def _prose_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of prose, not split after a title (``Mr.``) or an initial (``J.``)."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        word = text[max(0, m.start() - 4) : m.start()].split()[-1:] or [""]
        last = word[0].lstrip('(“"').lower()
        if m.group("stop") and (last in _ABBREVIATIONS or len(last) == 1):
            continue
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def sentences_before(article: Article, start: int, n: int) -> list[tuple[int, int]]:
    """Up to ``n`` sentences of ``article`` just before offset ``start``: in its paragraph and, when it
    has fewer, from the ``n`` paragraphs before (the words a report that points back answers: "… a
    report by Politico that he "fabricated" the story. Carson called that report a "boldfaced
    lie."")."""
    if n <= 0:
        return []
    para = paragraph_of(article, start)
    near = [
        (para - paragraph_of(article, a), (a, b))
        for a, b in _prose_sentences(article.text)
        if b <= start and article.text[a:b].strip()
    ]
    near = [(back, span) for back, span in near if back <= n]
    mine = [span for back, span in near if back == 0]
    if len(mine) >= n:
        return mine[-n:]
    # too few in its own paragraph: the paragraphs before too ("Assange has denied both allegations."
    # standing alone after the two one-sentence paragraphs that told them)
    return [span for _, span in near][-n:]


def _first_after_else_last_before(
    statements: Sequence[Statement], mine: Sequence[int], start: int, end: int
) -> int | None:
    """Of the statements ``mine``, the first told after ``start:end``, else the last told before it."""
    after = [i for i in mine if statements[i].content.start >= end]
    if after:
        return after[0]
    return next((i for i in reversed(mine) if statements[i].content.end <= start), None)


def _nearest_of(
    statements: Sequence[Statement], i: int, name: str | None, start: int, end: int
) -> int | None:
    """Another statement of the speaker of statement ``i`` (by surname), told nearest after its sentence."""
    if not name:
        return None
    mine = [k for k, st in enumerate(statements) if k != i and surname(st.speaker.name or "") == name]
    return _first_after_else_last_before(statements, mine, start, end)


def _context(article: Article, start: int, end: int) -> str:
    """What a report is about: its paragraph and the one before (where the earlier statement is
    often quoted again)."""
    paras = article.paragraphs or ((0, len(article.text)),)
    at = next((k for k, (a, b) in enumerate(paras) if a <= start < b), None)
    if at is None:
        return article.text[start:end]
    first = max(0, at - 1)
    return article.text[paras[first][0] : paras[at][1]]


def _named(text: str, statements: Sequence[Statement]) -> set[str]:
    """Surnames of the article's speakers named in ``text``."""
    words = set(fold_name(text).split())
    names = {surname(st.speaker.name) for st in statements if st.speaker.name and st.speaker.kind == "person"}
    return {n for n in names if n and n in words}


def paragraph_of(article: Article, at: int) -> int:
    paras = article.paragraphs or ((0, len(article.text)),)
    return next((k for k, (a, b) in enumerate(paras) if a <= at < b), 0)
