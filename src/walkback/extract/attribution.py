"""Attribution rules over a dependency parse: which words are a statement, who said them, by which cue.

Three passes over one parsed article:

1. **cues**: a reporting verb (``said``, ``noted``, ``told``, ``echoed … saying``) with its complement
   clause or adjacent quotation as content and its subject (inherited through ``saying``/``and``
   clauses) as speaker; ``according to X``;
2. **quotations** no cue claimed: dash (``“…” ― Name``) and colon (``Name: “…”``) attributions, and
   quotations that continue the previous speaker's words;
3. **shape**: content widened to whole quotations, kind decided (direct / partial / mixed / indirect).

The result is a list of :class:`Attribution` in document order, with character offsets; speakers are
turned into names by :mod:`walkback.extract.speakers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .entities import ORG_NOUNS, names_a_person
from .fastpipe import lemma_of
from .frames import (
    drop_medium,
    inscribed_quote,
    is_finding,
    issuer_pronoun,
    not_speech,
    parenthetical_content,
    quoted_words_of_no_speaker,
    rebuttal_content,
    speaks,
)
from .lexicon import (
    CONTENT_NOUNS,
    CUE_VERBS,
    DOCUMENT_NOUNS,
    FINDING_VERBS,
    GROUP_NOUNS,
    PARTICLE_CUES,
    ROLE_NOUNS,
    cue_weight,
)
from .nlp import doc_text, entities_in, sentence_of
from .quotes import Quote, QuoteIndex

__all__ = ["Attribution", "find_attributions"]

_CONTENT_DEPS = {"ccomp"}
_XCOMP_CUES = {"promise", "vow", "pledge", "urge", "threaten", "agree", "propose", "demand", "ask", "call"}
_DOBJ_CUES = {
    "announce",
    "confirm",
    "deny",
    "reveal",
    "predict",
    "promise",
    "pledge",
    "propose",
    "demand",
    "cite",
    "acknowledge",
    "admit",
    "report",
    "estimate",
    "dispute",
    "question",
    "reiterate",
    "repeat",
    "describe",
    "criticize",
    "criticise",
    "blast",
    "slam",
    "praise",
    "call",
    "mention",
    "label",
    "brand",
    "dub",
    "attack",
    "accuse",
    "warn",
    "condemn",
    "denounce",
    "characterize",
    "characterise",
    "cast",
}
# "accused X of Y", "blamed X for Y": what X is charged with is the words, not X alone
_CHARGED = {"accuse": ("of",), "blame": ("for",), "criticize": ("for",), "criticise": ("for",),
            "blast": ("for",), "slam": ("for",), "attack": ("for",), "condemn": ("for",),
            "praise": ("for",)}  # fmt: skip
_SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}
_INHERIT_DEPS = {"advcl", "xcomp", "conj", "pcomp", "acl", "ccomp"}
_OBJECT_DEPS = {"dobj", "pobj", "attr", "npadvmod"}
_QUOTE_CHARS = '“”"„«»'
_DASHES = "―—–"
_JOINS_BEFORE = re.compile(r"^[ \t]*[,]?[ \t]*$")  # “…,” he said
_JOINS_AFTER = re.compile(r"^[ \t]*[,:][ \t]*$")  # he said: “…”
_NAMEY = re.compile(r"^\s*[" + _DASHES + r"-]{1,2}\s*([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})")


@dataclass(slots=True)
class Attribution:
    content: tuple[int, int]
    cue: tuple[int, int] | None
    speaker_head: int | None  # token index of the speaker mention's head
    kind: str = "indirect"
    confidence: float = 0.5
    sentence: tuple[int, int] = (0, 0)
    segments: list[tuple[int, int]] = field(default_factory=list)
    continues: Attribution | None = None  # the attribution whose speaker this one inherits
    speaker_text: tuple[int, int] | None = None  # a speaker found in raw text (dash/colon frames)
    rule: str = ""


_PARTICLE_CUES = PARTICLE_CUES  # "he went on", "she shot back", "pushed back on"


_AUXILIARIES = frozenset("did does do will would can could may might should must".split())


def _verb_tagged_as_noun(tok: Token) -> bool:
    """``Trump did post on Twitter that …``: a word the tagger called a noun that heads a clause with an
    auxiliary and a subject is the clause's verb."""
    if tok.pos_ != "NOUN" or not any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children):
        return False
    if tok.dep_ in {"ROOT", "ccomp", "conj", "advcl"}:
        return any(c.dep_ == "aux" and c.lower_ in _AUXILIARIES for c in tok.children)
    # "…, a claim that Gowdy's office strongly disputes": a dispute verb read as a noun, with a
    # subject, in a clause on a noun for something said
    return _relative_on_said_noun(tok) and lemma_of(tok).lower() in _RELATIVE_DISPUTES


def _is_cue(tok: Token, quotes: QuoteIndex) -> bool:
    if tok.pos_ not in {"VERB", "AUX"} and not _verb_tagged_as_noun(tok):
        return False  # before the lemma: most tokens are not verbs, and their lemmas are never needed
    lemma = lemma_of(tok).lower()
    if lemma in _PARTICLE_CUES and tok.pos_ == "VERB":
        parts = _PARTICLE_CUES[lemma]
        if not any(c.dep_ in {"prt", "advmod", "prep"} and c.lower_ in parts for c in tok.children):
            return False
    elif lemma == "take":
        if not any(c.dep_ == "dobj" and c.lower_ == "issue" for c in tok.children):
            return False  # "took issue with": the only "take" that reports
    elif lemma not in CUE_VERBS:
        return False
    if tok.dep_ in {"amod", "compound", "nmod", "aux", "auxpass"}:
        return False
    if quotes.inside(tok.idx):
        return False
    if lemma == "point" and not any(c.lower_ in {"out", "to"} for c in tok.children):
        return False  # only "pointed out" and "pointed to" report
    if lemma == "cast" and not any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children):
        return False  # "casting itself as …", not "cast a vote"
    if tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False  # "expected to confirm", "to show": an infinitive reports nothing yet
    if lemma == "say" and _discourse_marker(tok):
        return False
    return True


def _discourse_marker(tok: Token) -> bool:
    """``That said, …``, ``That being said, …``, ``Having said that, …``, ``With that said, …``: a
    connective that opens its sentence, not a report of anyone's words (the parse makes it the
    sentence's root, a clause under the main verb or one beside it)."""
    comma = _connective_comma(tok.doc, tok.sent.start, tok.sent.end)
    return comma is not None and tok.i < comma


def _connective_comma(doc: Doc, start: int, end: int) -> int | None:
    """The comma that closes a connective opening tokens [start, end) (``That being said,``), if one
    does: the first comma within four words, after words that make one of ``_CONNECTIVES``."""
    for k in range(start + 1, min(start + 5, end)):
        if doc[k].text == ",":
            return k if " ".join(t.lower_ for t in doc[start:k]) in _CONNECTIVES else None
    return None


_CONNECTIVES = frozenset(
    {
        "that said",
        "that being said",
        "having said that",
        "with that said",
        "all that said",
        "that having been said",
    }
)


def _speaks_on(tok: Token, subj: Token) -> bool:
    """Whether a finite cue joined to a reported clause is said by that clause's subject: a person
    ("he asked …, called Omar a 'terrorist' and said, '…,' the office said"), not a participle
    ("…, saying …": the reporter goes on) nor a subject that cannot speak ("said that was not her
    view and dismissed those reports": the parser's join, the brief dismissed them)."""
    if tok.tag_ == "VBG" or subj.lower_ in {"it", "that", "this", "which", "what", "there"}:
        return False
    return subj.pos_ in {"PRON", "PROPN"} or subj.lower_ in ROLE_NOUNS | GROUP_NOUNS


_SUPPOSING = frozenset({"if", "whether", "unless"})  # a clause that only supposes: nobody in it speaks


def _subject(tok: Token, quotes: QuoteIndex | None = None) -> Token | None:
    """The speaker: the verb's subject, else inherited from the clause it hangs off.

    A subject inside quoted words is the parser mistaking the quotation for the clause
    (``“… Full panic mode,” said Leslie Wimes``): the speaker is then the noun after the cue.
    """
    cur, hops = tok, 0
    while cur is not None and hops < 5:
        subj = [
            c
            for c in cur.children
            if c.dep_ in _SUBJ_DEPS
            # a cue outside quotation marks is not said by a subject inside them, also when the
            # parse hangs the cue off the quoted clause ("“… We will achieve justice,” Tulsa police
            # Chief Chuck Jordan said")
            and not (quotes is not None and quotes.inside(c.idx) and not quotes.inside(tok.idx))
        ]
        if len(subj) > 1:  # "THE BORROWING Back when he wrote his book, Mr. McKinley said": a heading
            subj = [c for c in subj if not _capitals_opening(c)] or subj
        if subj and _dateline(subj[0]) is not None:
            subj = subj[1:] or [_dateline(subj[0])]  # type: ignore[list-item]
        if (
            not subj
            and quotes is not None
            and cur is tok
            and any(c.dep_ in _SUBJ_DEPS and quotes.inside(c.idx) for c in cur.children)
        ):
            if all(c.i > tok.i for c in cur.children if c.dep_ in _SUBJ_DEPS):
                # "Flynn, a top Trump surrogate, said … on Fox News’s “Fox and Friends.”": a quoted
                # title after the cue is no speaker; the name before the cue is
                return None
            return _noun_after(tok, quotes)
        if subj and cur is not tok and not _speaks_on(tok, subj[0]) and _reported_clause(cur, quotes):
            # "Trump argued that a database would keep them out, saying …": the participle hangs off
            # the reported clause, but it is the reporter who goes on saying. (A finite verb joined to
            # the reported clause shares its subject: "he asked …, called Omar a 'terrorist' and
            # said, '…,' the prosecutor's office said": he said it.)
            cur = cur.head
            hops += 1
            continue
        if (
            subj
            and cur is not tok
            and tok.tag_ == "VBG"
            and cur.dep_ == "advcl"
            and cur.head is not cur
            and any(m.dep_ == "mark" and m.lower_ in _SUPPOSING for m in cur.children)
            and not speaks(subj[0])
        ):
            # "Officials declined to say if the talks would result in a withdrawal, saying …": the
            # participle goes on from whoever speaks, past a supposed clause about a thing that cannot
            # ("…, after the tycoon entered the race, calling them rapists" keeps the tycoon: a noun for
            # a person the lexicon does not know can look like a thing)
            cur = cur.head
            hops += 1
            continue
        if subj:
            s = subj[0]
            if s.dep_ == "nsubjpass" and cur is tok:
                return None  # "Ryder was asked": the one asked is not the speaker
            return s  # a relative pronoun ("who") is resolved to its noun by the speaker step
        if cur is tok and tok.dep_ == "ROOT":
            frag = _fragment_before(tok)
            if frag is not None:
                return frag
        if cur.dep_ == "relcl":
            return cur.head
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.head is not cur.head:
            judged = _judged_for(cur)
            if judged is not None:
                return judged
            cur = cur.head.head  # "after saying …", "before asking her"
            hops += 1
            continue
        if cur.dep_ in _INHERIT_DEPS and cur.head is not cur:
            if cur.dep_ == "advcl" and cur.tag_ == "VBG" and cur.i > cur.head.i:
                # "… included a statement from Ms. Trump, clarifying that …": the parser hangs the
                # participle on the verb, but what it reports is the document's
                obj = next((c for c in cur.head.children if c.dep_ == "dobj" and c.i < cur.i), None)
                issuer = _issued_by(obj) if obj is not None else None
                if issuer is not None:
                    return issuer
            cur = cur.head
            hops += 1
            if cur.pos_ in {"NOUN", "PROPN"} and cur.dep_ in _OBJECT_DEPS:
                issuer = _issued_by(cur)
                if issuer is not None:
                    return issuer  # "included a statement from Ms. Trump, clarifying that …": hers
                # "Trump posted a video saying …": past the noun the participle describes, to its verb
                cur = cur.head.head if cur.dep_ == "pobj" else cur.head
            continue
        return None
    return None


def _issued_by(noun: Token) -> Token | None:
    """The person or body a document noun says it is from (``a statement from Ms. Trump``, ``a letter
    by the senators``): the one its participle (``…, clarifying that …``) reports."""
    if lemma_of(noun).lower() not in DOCUMENT_NOUNS:
        return None
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in {"from", "by"}:
            for g in c.children:
                if g.dep_ == "pobj" and g.ent_type_ in {"PERSON", "ORG"}:
                    return g
    return None


# the objects a verb can judge "for" what they said: people, bodies, groups ("criticized him for …")
_JUDGED_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _judged_for(gerund: Token) -> Token | None:
    """``Clinton criticized Trump for saying …``, ``thanked the governor for promising …``, ``Trump was
    criticized for saying …``: the one praised or blamed *for* saying is the one who said it — the
    object of the verb the ``for`` hangs on (its passive subject), not its subject."""
    prep = gerund.head
    if prep.lower_ != "for":
        return None
    verb = prep.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    for c in verb.children:
        if (
            c.dep_ == "dobj"
            and c.i < prep.i
            and (
                c.ent_type_ in _JUDGED_ENTS
                or c.lower_ in {"him", "her", "them"}
                or c.lower_ in ROLE_NOUNS | GROUP_NOUNS
            )
        ):
            return c
        if c.dep_ == "nsubjpass":
            return c
    return None


def _capitals_opening(tok: Token) -> bool:
    """Whether ``tok`` opens its sentence in capitals, like a dateline or a section heading."""
    doc = tok.doc
    sent = sentence_of(tok)
    words = [t for t in doc[sent.start : tok.i + 1] if t.is_alpha]
    return (
        tok.left_edge.i == sent.start
        and tok.ent_type_ not in {"ORG", "PERSON", "NORP"}
        and any(len(t) > 1 for t in words)
        and all(t.is_upper for t in words)
    )


def _dateline(tok: Token) -> Token | None:
    """``LONDON (Reuters) - Donald Trump said``, ``ORLANDO, Fla. - President Barack Obama … said``: a
    subject that is the place in capitals opening the story, before a dash, does not speak. Returns
    the token the parse hung after the dash (the speaker when the verb has no other subject), or
    ``tok`` itself when there is none."""
    doc = tok.doc
    sent = sentence_of(tok)
    if (
        tok.left_edge.i != sent.start
        or tok.ent_type_ in {"ORG", "PERSON", "NORP"}  # "NATO — the alliance — said": that speaks
        or not all(t.is_upper for t in doc[sent.start : tok.i + 1] if t.is_alpha)
    ):
        return None
    dash = next((c for c in tok.children if c.text in _DASHES or c.text == "-"), None)
    if dash is None:
        return None
    after = [c for c in tok.children if c.i > dash.i and c.dep_ == "appos"]
    return after[0] if after else tok


def _reported_clause(verb: Token, quotes: QuoteIndex | None) -> bool:
    """Whether ``verb`` heads the complement clause of a cue verb (``argued that … would keep``)."""
    head = verb.head
    return (
        verb.dep_ == "ccomp"
        and head is not verb
        and head.pos_ in {"VERB", "AUX"}
        and lemma_of(head).lower() in CUE_VERBS
        and not (quotes is not None and quotes.inside(head.idx))
    )


_ASIDE_OPENERS = {",", "(", "-", "—", "–"}


def _unattached_speaker(tok: Token, quotes: QuoteIndex) -> Token | None:
    """The speaker of a cue the parser left without a subject.

    ``“…,” said Robin Maynard, half joking`` (the name made the subject of ``joking``): the noun phrase
    right after a cue that follows a quotation. ``Jeffrey Salkin, a Hollywood, Fla., rabbi helping …,
    said`` and ``Sen. Elizabeth Warren (D-MA) said``: the nearest person named before the cue in its
    sentence, right before an aside or the cue itself, and not inside a clause about someone else.
    """
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children):
        return None  # "Rubio was asked": the one asked is not the speaker
    doc = tok.doc
    sent = sentence_of(tok)
    prev = tok.i - 1
    while prev >= sent.start and (doc[prev].is_space or doc[prev].pos_ == "ADV"):
        prev -= 1
    after_quote = prev >= sent.start and (
        _is_quote_mark(doc[prev]) or doc[prev].text == "," and prev > 0 and _is_quote_mark(doc[prev - 1])
    )
    if after_quote:
        nxt = tok.i + 1
        while nxt < sent.end and doc[nxt].pos_ == "ADV" and not doc[nxt].is_title:
            nxt += 1
        if nxt < sent.end and doc[nxt].is_title and doc[nxt].pos_ in {"ADV", "VERB", "ADJ"}:
            # "said Skelly, explaining …": a capitalised word the tagger took for an adverb is the name
            t = doc[nxt]
            while t.i + 1 < sent.end and doc[t.i + 1].is_title and not quotes.inside(doc[t.i + 1].idx):
                t = doc[t.i + 1]
            return t
        if nxt < sent.end and (
            doc[nxt].pos_ in {"DET", "PROPN", "NOUN", "ADJ", "NUM"}
            or doc[nxt].dep_ == "amod"  # "said retired neurosurgeon Ben Carson"
        ):
            return _noun_after(tok, quotes)
        return None
    for ent in reversed(entities_in(doc, sent.start, tok.i)):
        if ent.label_ != "PERSON" or quotes.inside(ent.start_char):
            continue
        after = doc[ent.end] if ent.end < len(doc) else None
        if after is None or not (after.i == tok.i or after.text in _ASIDE_OPENERS or after.pos_ == "ADV"):
            continue
        root = ent.root
        if any(a.dep_ in {"relcl", "acl"} and a.i < tok.i for a in root.ancestors):
            continue  # "Beck, who supported Sen. Ted Cruz, …, said": Cruz is inside the aside
        return root
    # "the minimum $20 million experts say it costs": a speaker noun right before the cue, which the
    # parser hung elsewhere
    if prev >= sent.start and prev == tok.i - 1 and not quotes.inside(doc[prev].idx):
        p = doc[prev]
        if p.pos_ == "NOUN" and p.tag_ == "NNS" and p.lower_ in ROLE_NOUNS | GROUP_NOUNS:
            return p
    return None


def _is_quote_mark(tok: Token) -> bool:
    """A quotation mark token, including the doubled apostrophes (``''``) some papers print."""
    return tok.text in _QUOTE_CHARS or tok.text in {"''", "``"}


def _fragment_before(tok: Token) -> Token | None:
    """``Vickers | said …``: after a heading the parser may cut the subject off as a one-word
    sentence; take it back when it stands right before the cue in the same paragraph."""
    i = tok.left_edge.i - 1
    if i < 0:
        return None
    prev = tok.doc[i]
    if prev.dep_ == "ROOT" and prev.pos_ in {"PROPN", "NOUN", "PRON"} and "\n" not in prev.whitespace_:
        return prev
    return None


def _noun_after(tok: Token, quotes: QuoteIndex) -> Token | None:
    """The head of the first noun phrase after ``tok`` in its sentence, outside quotations."""
    for t in tok.doc[tok.i + 1 : sentence_of(tok).end]:
        if quotes.inside(t.idx) or t.is_punct and t.text in ".!?":
            return None
        if t.pos_ in {"PROPN", "NOUN", "PRON"} and t.ent_type_ not in {"DATE", "TIME"}:
            while t.dep_ in {"compound", "amod", "nmod"} and t.head.i > t.i:
                t = t.head
            return t
    return None


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range [start, end) without leading complementisers, an opening connective (``That
    being said,``) and trailing punctuation."""
    comma = _connective_comma(doc, start, end)
    if comma is not None:
        start = comma + 1
    while start < end and (
        doc[start].is_punct
        and doc[start].text not in _QUOTE_CHARS
        or doc[start].dep_ == "mark"
        and doc[start].lower_ in {"that", "whether", "if"}
        or doc[start].is_space
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_punct
        and doc[end - 1].text not in _QUOTE_CHARS
        or doc[end - 1].is_space
        or doc[end - 1].dep_ == "cc"
    ):
        end -= 1
    return start, end


def _subtree_range(tok: Token, exclude: set[int] | None = None) -> tuple[int, int]:
    idx = [t.i for t in tok.subtree if not exclude or t.i not in exclude]
    return min(idx), max(idx) + 1


# a phrase that describes or gives a reason, not where or how words were said: "describing the plan
# as a buzz that …", "because of concerns that …"
_NOT_OCCASIONS = frozenset({"as", "because", "about", "over", "despite", "than", "like", "of"})
_FILLED = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "auxpass", "prep", "dative", "oprd"})


def _attributed_after(doc: Doc, q, cue: Token) -> bool:  # type: ignore[no-untyped-def]
    """Whether the quotation ``q`` is followed at once by a speech verb of its own with a named subject
    of its own (``“…?” asked Dunn``, ``“…,” Dunn said``), other than ``cue``'s: the quotation is theirs."""
    sent = sentence_of(cue)
    after = [t for t in doc[sent.start : sent.end] if t.idx >= q.end and not t.is_punct and not t.is_space]
    if not after:
        return False
    first = after[0]
    if first.pos_ in {"VERB", "AUX"}:
        verb = first  # "asked Dunn"
    elif first.dep_ in {"nsubj", "nsubjpass"} and len(after) > 1 and after[1].i == first.head.i:
        verb = first.head  # "Dunn asked"
    else:
        return False
    if verb.i == cue.i or lemma_of(verb).lower() not in CUE_VERBS:
        return False
    # a name, and none of the subjects of the cue's clause and the clauses above it: "Feinstein said
    # “…,” she said" and "Pence said … but added, “…,” Pence said" are one speaker told twice
    mine = {
        c.lower_
        for t in (cue, *cue.ancestors)
        if t.i != verb.i
        for c in t.children
        if c.dep_ in {"nsubj", "nsubjpass"}
    }
    return any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ == "PROPN" and c.lower_ not in mine for c in verb.children
    )


def _misread_complement(tok: Token) -> list[Token]:
    """``said in an email that Carlineo never intended …``: the parser may hang the that-clause on
    the noun before it as a relative clause; one whose ``that`` is a complementiser, not the
    clause's subject or object (``an email that he sent``), is what was said. The parser calls some
    relative pronouns a complementiser too (``a buzz that voters would reject``): the clause must
    have what its verb takes (an object, a complement, a passive, a phrase), no gap for ``that``."""
    return [
        r
        for p in tok.children
        if p.dep_ == "prep" and p.i > tok.i and p.lower_ not in _NOT_OCCASIONS
        for o in p.children
        if o.dep_ == "pobj" and o.lower_ not in CONTENT_NOUNS
        for r in o.children
        if r.dep_ == "relcl"
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in r.children)
        and any(c.dep_ in _FILLED for c in r.children)
    ][:1]


def _content_from_cue(
    doc: Doc,
    tok: Token,
    quotes: QuoteIndex,
    subj: Token | None,
) -> tuple[tuple[int, int], str] | None:
    lemma = lemma_of(tok).lower()
    comps = [c for c in tok.children if c.dep_ in _CONTENT_DEPS and c.i != tok.i] or _misread_complement(tok)
    if comps:
        lo = min(_subtree_range(c)[0] for c in comps)
        hi = max(_subtree_range(c)[1] for c in comps)
        q = quotes.containing(comps[0].idx)
        if q is not None and not (q.start <= tok.idx < q.end) and not _words_outside(doc, lo, hi, q):
            if tok.i < comps[0].i and _attributed_after(doc, q, tok):
                return None  # "but Moscow strongly denies — “why …?” asked Dunn": the quote is Dunn's
            return _char_to_tokens(doc, q.start, q.end), "ccomp-quote"
        return _trim(doc, lo, _reported_end(doc, comps, hi)), "ccomp"
    if subj is not None and lemma in _XCOMP_CUES:
        xs = [c for c in tok.children if c.dep_ == "xcomp"]
        if xs:
            lo, hi = _subtree_range(xs[0])
            whom = [c for c in tok.children if c.dep_ == "dobj" and c.i < xs[0].i]
            if whom and lemma in {"urge", "ask", "call"}:  # "urged Russian hackers to go looking …"
                lo = min(lo, _subtree_range(whom[0])[0])
            return _trim(doc, lo, hi), "xcomp"
    if lemma == "call":  # "calling the action a “flagrant violation …”"
        objs = [c for c in tok.children if c.dep_ in {"dobj", "oprd", "attr", "ccomp", "xcomp"}]
        if len(objs) >= 2 or (objs and any(quotes.inside(t.idx) for t in objs[0].subtree)):
            lo = min(_subtree_range(c)[0] for c in objs)
            hi = max(_subtree_range(c)[1] for c in objs)
            return _trim(doc, lo, hi), "call"
    # "“…,” he said": the cue hangs off the quoted clause. (The same shape without quotation marks,
    # "X is Y, he said", was measured as a rule and dropped: right 8 times in 20 on PolNeAR dev.)
    if subj is not None and tok.dep_ in {"parataxis", "ccomp", "advcl"} and tok.head.i < tok.i:
        head = tok.head
        q = quotes.containing(head.idx)
        if q is not None and q.end <= tok.idx:
            return _char_to_tokens(doc, q.start, q.end), "parataxis-quote"
    # a quotation right before or after the cue's clause, in the same paragraph
    sent = sentence_of(tok)
    clause = [t for t in tok.subtree if not quotes.inside(t.idx) and t.text not in _QUOTE_CHARS]
    c_start, c_end = clause[0].idx, clause[-1].idx + len(clause[-1])
    text = doc_text(doc)
    for q in quotes.overlapping(sent.start_char - 2, sent.end_char + 2):
        if q.end <= c_start and _JOINS_BEFORE.match(text[q.end : c_start]):
            return _char_to_tokens(doc, q.start, q.end), "quote-before"
        if q.start >= c_end and _JOINS_AFTER.match(text[c_end : q.start]):
            return _char_to_tokens(doc, q.start, q.end), "quote-after"
    if subj is not None:  # "pushed back on Y's claim that …", "denied the allegations"
        rebutted = rebuttal_content(tok, lemma)
        if rebutted is not None and rebutted[1] > rebutted[0]:
            return _trim(doc, *rebutted), "rebuttal"
    if subj is not None and lemma in _DOBJ_CUES and lemma != "call":
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        # "blasted Clinton as a “disgrace”", "cited X as Y", "called it a common ailment"
        extra = [
            c
            for c in tok.children
            if c.dep_ in {"oprd", "xcomp"}
            or (c.dep_ == "prep" and (c.lower_ == "as" or c.lower_ in _CHARGED.get(lemma, ())))
        ]
        if objs and (len(list(objs[0].subtree)) >= 2 or extra):
            lo, hi = _subtree_range(objs[0])
            lo = _with_possessor(tok, lo)
            hi = drop_medium(objs[0], hi)  # "denounced the US’ strikes in a statement"
            for c in extra:
                if c.i > objs[0].i:
                    hi = max(hi, _subtree_range(c)[1])
            return _trim(doc, lo, hi), "dobj"
    if subj is not None and lemma in {"call", "push", "press", "argue", "plead"}:
        for c in tok.children:  # "called for releasing the police videos"
            if c.dep_ in {"prep", "prt"} and c.lower_ == "for":
                objs = [g for g in c.children if g.dep_ in {"pobj", "pcomp"}]
                if objs:
                    return _trim(doc, *_subtree_range(objs[0])), "call-for"
    return None


def _with_possessor(cue: Token, lo: int) -> int:
    """``denounced the US’ strikes``: the parser may make ``the US`` an object of the cue of its own and the
    apostrophe a stray mark; the possessor belongs to the object."""
    doc = cue.doc
    mark = lo if doc[lo].text in {"’", "'"} else lo - 1  # the mark may hang off the object or not
    if mark >= 1 and doc[mark].text in {"’", "'"}:
        for c in cue.children:
            if c.dep_ in {"dative", "dobj", "npadvmod"} and c.right_edge.i == mark - 1:
                return c.left_edge.i
    return lo


def _around_aside(doc: Doc, cue: Token, lo: int, hi: int) -> list[tuple[int, int]]:
    """The content's two pieces either side of a parenthetical cue (``The plan, she says, is …``)."""
    lo_aside = cue.left_edge.i if doc[cue.left_edge.i].text == "," else cue.left_edge.i - 1
    hi_aside = cue.right_edge.i if doc[cue.right_edge.i].text == "," else cue.right_edge.i + 1
    left, right = doc[lo_aside - 1], doc[hi_aside + 1]
    return [
        (doc[lo].idx, left.idx + len(left)),
        (right.idx, doc[hi - 1].idx + len(doc[hi - 1])),
    ]


def _finding_object(doc: Doc, tok: Token, subj: Token | None) -> tuple[tuple[int, int], str] | None:
    """``the analysis showed a sharp rise in prices``: a finding's object is its content."""
    if not is_finding(tok, subj):
        return None
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    if not objs or len(list(objs[0].subtree)) < 3:
        return None
    return _trim(doc, *_subtree_range(objs[0])), "finding"


def _reported_end(doc: Doc, comps: list[Token], hi: int) -> int:
    """Where the reported clause ends: before a closing aside about a name that the reporter adds
    (``… did not suggest it would be Trump, who has a significant delegate lead over Ted Cruz``)."""
    for comp in comps:
        last = doc[hi - 1]
        for anc in [last, *last.ancestors]:
            if anc.i <= comp.i or anc.i >= hi:
                break
            if (
                anc.dep_ == "relcl"
                and anc.head.pos_ == "PROPN"
                and anc.left_edge.i > 0
                and doc[anc.left_edge.i - 1].text == ","
                and anc.right_edge.i >= hi - 1
            ):
                return anc.left_edge.i - 1
    return hi


def _words_outside(doc: Doc, lo: int, hi: int, q: Quote) -> bool:
    """Whether tokens [lo, hi) hold words outside quotation ``q`` (``the US “did inform …”``)."""
    return any(not (q.start <= t.idx < q.end) and (t.is_alpha or t.like_num) for t in doc[lo:hi])


def _char_to_tokens(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return 0, 0
    return span.start, span.end


def _following_quote(doc: Doc, tok: Token, quotes: QuoteIndex) -> Quote | None:
    """``he said: “…”`` where the parser ended the sentence at the colon."""
    sent = sentence_of(tok)
    tail = doc_text(doc)[doc[tok.right_edge.i].idx : sent.end_char + 3]
    if ":" not in tail and not tail.rstrip().endswith(","):
        return None
    for q in quotes.overlapping(sent.end_char - 2, sent.end_char + 4):
        if q.start >= tok.idx:
            return q
    return None


def find_attributions(doc: Doc, quotes: QuoteIndex) -> list[Attribution]:
    text = doc_text(doc)
    found: list[Attribution] = []

    # 1. cues
    relatives: list[tuple[Token, Token]] = []  # "…, a charge that Colorado Republican leaders denied"
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            a = _according_to(doc, tok, quotes)
            if a:
                found.append(a)
            continue
        if _is_cue(tok, quotes):
            subj = _subject(tok, quotes)
        elif (
            tok.pos_ == "VERB"
            and lemma_of(tok).lower() in FINDING_VERBS
            and not quotes.inside(tok.idx)
            and is_finding(tok, subj := _subject(tok, quotes))
        ):
            pass  # "the analysis showed …"
        else:
            continue
        lemma = lemma_of(tok).lower()
        if subj is not None and _disputes_by_relative(tok, lemma):
            relatives.append((tok, subj))
            continue
        got = _content_from_cue(doc, tok, quotes, subj) or _finding_object(doc, tok, subj)
        rule = ""
        if got is None:
            aside = parenthetical_content(tok, subj, quotes)
            q = _following_quote(doc, tok, quotes) if aside is None else None
            if aside is not None:
                got, rule = _trim(doc, *aside), "parenthetical"
            elif q is None:
                continue
            else:
                got, rule = _char_to_tokens(doc, q.start, q.end), "colon"
        else:
            got, rule = got
        lo, hi = got
        why = not_speech(tok, lemma, subj, rule)
        if hi <= lo or why not in {None, "question"}:
            continue
        conf = cue_weight(lemma)
        if why == "question":
            # "Asked whether he would continue to accept gifts, the prime minister said …": the question
            # is the unnamed asker's, not the answerer's
            subj, rule, conf = None, "question", 0.3
        elif is_finding(tok, subj):
            rule = "finding"
            subj = issuer_pronoun(subj) or subj  # "their research shows …": theirs
        if subj is None and rule != "question":
            subj = _unattached_speaker(tok, quotes)
            conf -= 0.25 if subj is None else 0.1
        sent = sentence_of(tok)
        found.append(
            Attribution(
                content=(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])),
                cue=_cue_span(doc, tok),
                speaker_head=subj.i if subj is not None else None,
                confidence=conf,
                sentence=(sent.start_char, sent.end_char),
                rule=rule,
                segments=_around_aside(doc, tok, lo, hi) if rule == "parenthetical" else [],
            )
        )

    for tok, subj in relatives:
        a = _relative_dispute(doc, tok, subj, found)
        if a is not None:
            found.append(a)

    # keep the outermost attribution where two claim the same content with the same cue
    found = _dedupe(found)

    # 2. quotations nobody claimed
    claimed = [(a.content[0], a.content[1]) for a in found]
    for q in quotes.quotes:
        if any(s <= q.start + 1 and q.end - 1 <= e for s, e in claimed) or any(
            s < q.end and q.start < e and (min(e, q.end) - max(s, q.start)) > 0.5 * (q.end - q.start)
            for s, e in claimed
        ):
            continue
        inner = text[q.start + 1 : q.end - 1 if q.closed else q.end]
        if len(inner.split()) < 4:
            continue  # scare quotes and titles
        if quoted_words_of_no_speaker(text, q.start, q.end) is not None:
            continue  # words on a jacket, an event's name, a poll item
        a = _frame_attribution(doc, q) or _adjacent_cue(doc, q, quotes)
        if a is not None and a.rule == "reads":
            # the document is most likely the last speaker's: named as its issuer, quoted as itself
            prev = _previous_speaker(found, q.start, text)
            a.continues = found[prev] if prev is not None else None
        if a is not None:
            found.append(a)
            claimed.append(a.content)
            continue
        opens = _opens_sentence(text, q.start)
        if not opens:
            a = _embedded(doc, q, quotes)
            if a is not None and a.speaker_head is not None and _is_thing(doc[a.speaker_head]):
                # "The choice was “uniquely unacceptable”": a thing does not speak; the quoted words
                # are most likely the last speaker's
                prev = _previous_speaker(found, q.start, text)
                a.continues = found[prev] if prev is not None else None
                a.speaker_head = found[prev].speaker_head if prev is not None else None
                a.speaker_text = found[prev].speaker_text if prev is not None else None
            if a is not None:
                found.append(a)
                claimed.append(a.content)
            continue
        prev = _previous_speaker(found, q.start, text)
        if prev is not None:
            found.append(
                Attribution(
                    content=(q.start, q.end),
                    cue=None,
                    speaker_head=found[prev].speaker_head,
                    confidence=0.45,
                    sentence=(q.start, q.end),
                    continues=found[prev],
                    speaker_text=found[prev].speaker_text,
                    rule="continuation",
                )
            )
            claimed.append((q.start, q.end))
    found.sort(key=lambda a: a.content[0])

    # 3. shape: whole quotations, kind
    for a in found:
        _shape(a, quotes, text)
    return _merge_runs(found, text)


# nouns that name what someone said, so that a relative clause on them can dispute it
_SAID_NOUNS = frozenset(
    "charge claim allegation accusation assertion contention suggestion characterization point "
    "account version description notion report story label".split()
)
_RELATIVE_DISPUTES = frozenset({"deny", "dispute", "reject", "refute", "rebut", "dismiss", "contest"})


def _disputes_by_relative(tok: Token, lemma: str) -> bool:
    """``…, a charge that Colorado Republican leaders strongly denied``: a dispute verb in a relative
    clause on a noun for something said, whose object is the relative pronoun."""
    return lemma in _RELATIVE_DISPUTES and _relative_on_said_noun(tok)


def _relative_on_said_noun(tok: Token) -> bool:
    """Whether ``tok`` heads a relative clause on a noun for something said whose object is the
    relative pronoun: ``a charge that they denied``; the parser's ``acl`` reading (``a claim that
    the office disputes``) counts when the verb has no object of its own (not ``the claim that the
    office disputes its figures``)."""
    noun = tok.head
    if tok.dep_ == "acl":
        if not any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children) or any(
            c.dep_ in {"dobj", "obj"} for c in tok.children
        ):
            return False
    elif tok.dep_ != "relcl":
        return False
    return (
        noun.pos_ == "NOUN"
        and lemma_of(noun).lower() in _SAID_NOUNS
        and not any(c.dep_ in {"ccomp", "xcomp"} for c in tok.children)
    )


def _relative_dispute(doc: Doc, tok: Token, subj: Token, found: list[Attribution]) -> Attribution | None:
    """The dispute a relative clause reports, aimed at the words the noun stands beside: ``Trump
    complained that the contest had been "rigged" against him, a charge that Colorado Republican
    leaders strongly denied`` is the leaders denying "the contest had been rigged against him". The
    words are another attribution's content, which ended at the noun phrase (its comma or dash); that
    content is cut there, so the disputed words are the same on both sides. Without such a statement
    the relative clause is left alone (a charge nobody is said to have made)."""
    text = doc_text(doc)
    start = tok.head.left_edge.idx
    cut = start
    while cut > 0 and text[cut - 1] == " ":
        cut -= 1
    if cut == 0 or text[cut - 1] not in ",-–—":
        return None
    cut -= 1
    while cut > 0 and text[cut - 1] == " ":
        cut -= 1
    for a in found:
        if a.content[0] < cut <= a.content[1] + 1 and a.content[1] <= tok.idx + len(tok) + 200:
            if a.content[1] > cut:
                a.content = (a.content[0], cut)  # the report's comment is no part of the words
            sent = sentence_of(tok)
            return Attribution(
                content=(a.content[0], cut),
                cue=_cue_span(doc, tok),
                speaker_head=subj.i,
                confidence=cue_weight(lemma_of(tok).lower()) - 0.1,
                sentence=(sent.start_char, sent.end_char),
                rule="relative",
            )
    return None


def _cue_span(doc: Doc, tok: Token) -> tuple[int, int]:
    start, end = tok.idx, tok.idx + len(tok)
    for c in tok.children:  # particles: "pointed out", "called for", "shot back"
        if (
            c.dep_ in {"prt", "advmod"}
            and c.i == tok.i + 1
            and c.lower_ in {"out", "for", "on", "back", "in"}
        ):
            end = c.idx + len(c)
    return start, end


def _according_to(doc: Doc, tok: Token, quotes: QuoteIndex) -> Attribution | None:
    to = doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"]
    if not objs:
        return None
    speaker = objs[0]
    sent = sentence_of(tok)
    skip = set(range(tok.left_edge.i, tok.right_edge.i + 1)) | {tok.i, to.i} | {t.i for t in speaker.subtree}
    head = tok.head if tok.head is not tok else None
    if head is None or head.i in skip:
        toks = [t.i for t in sent if t.i not in skip]
    else:
        toks = [t.i for t in head.subtree if t.i not in skip]
    if not toks:
        return None
    # the contiguous run on the larger side of the "according to" phrase
    before = [i for i in toks if i < tok.i]
    after = [i for i in toks if i > speaker.right_edge.i]
    part = before if len(before) >= len(after) else after
    if not part:
        return None
    lo, hi = _trim(doc, min(part), max(part) + 1)
    if hi - lo < 3:
        return None
    return Attribution(
        content=(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])),
        cue=(tok.idx, to.idx + len(to)),
        speaker_head=speaker.i,
        confidence=0.85,
        sentence=(sent.start_char, sent.end_char),
        rule="according",
    )


def _frame_attribution(doc: Doc, q: Quote) -> Attribution | None:
    """``“…” ― Sonya Herridge`` and ``Trump: “…”``."""
    text = doc_text(doc)
    after = text[q.end : q.end + 80]
    m = _NAMEY.match(after)
    if m and any(ch in after[: m.start(1)] for ch in _DASHES):
        s, e = q.end + m.start(1), q.end + m.end(1)
        return Attribution(
            content=(q.start, q.end),
            cue=(q.end + after.index(after.strip()[0]), q.end + after.index(after.strip()[0]) + 1),
            speaker_head=None,
            confidence=0.7,
            sentence=(q.start, e),
            speaker_text=(s, e),
            rule="dash",
        )
    before = text[max(0, q.start - 80) : q.start].rstrip()
    if before.endswith(":"):
        head_span = doc.char_span(max(0, q.start - 80), q.start, alignment_mode="contract")
        if head_span is not None:
            colon_tok = [t for t in head_span if t.text == ":"]
            if colon_tok:
                c = colon_tok[-1]
                cands = [
                    t
                    for t in doc[sentence_of(c).start : c.i]
                    if t.dep_ in {"nsubj", "ROOT", "appos"} and t.pos_ in {"PROPN", "NOUN", "PRON"}
                ]
                if cands and _can_speak(cands[-1]):
                    h = cands[-1]
                    return Attribution(
                        content=(q.start, q.end),
                        cue=(c.idx, c.idx + 1),
                        speaker_head=h.i,
                        confidence=0.6,
                        sentence=(sentence_of(c).start_char, q.end),
                        rule="colon-frame",
                    )
    return None


def _can_speak(h: Token) -> bool:
    """Whether the subject before a colon can be the one who speaks: a name, a pronoun, or a noun for
    a person, a group, an organisation or a document (``That process led to a realization: “…”``
    names no speaker)."""
    if h.pos_ != "NOUN":
        return True
    lemma = lemma_of(h).lower()
    return names_a_person(h) or lemma in GROUP_NOUNS | ORG_NOUNS | DOCUMENT_NOUNS or h.lower_ in GROUP_NOUNS


def _adjacent_cue(doc: Doc, q: Quote, quotes: QuoteIndex) -> Attribution | None:
    """``“…,” said Rep. Elijah Cummings`` where the parse gave the cue no complement; not after a
    quotation that ends its sentence with a full stop (``“… outlaw nation.” Russia insisted``)."""
    inner = doc_text(doc)[q.inner[0] : q.inner[1]].rstrip()
    if q.closed and inner.endswith("."):
        return None
    after = doc.char_span(q.end, min(len(doc_text(doc)), q.end + 120), alignment_mode="contract")
    if after is None:
        return None
    toks = [t for t in after if not quotes.inside(t.idx)][:14]
    for t in toks:
        if t.text in {".", "!", "?"} or "\n" in t.text:
            break
        if t.lower_ in {"read", "reads"} and t.i > 0 and _reads_aloud(_reader(doc[t.i - 1])):
            # "“…,” the letter reads" (the tagger often calls "read" a noun here): the document speaks
            return Attribution(
                content=(q.start, q.end),
                cue=(t.idx, t.idx + len(t)),
                speaker_head=_reader(doc[t.i - 1]).i,
                confidence=0.7,
                sentence=(q.start, sentence_of(t).end_char),
                rule="reads",
            )
        if t.pos_ not in {"VERB", "AUX"} or t.dep_ in {"aux", "auxpass"}:
            continue
        lemma = lemma_of(t).lower()
        if lemma in CUE_VERBS or lemma in _PARTICLE_CUES and _is_cue(t, quotes):
            subj = _subject(t, quotes) or _unattached_speaker(t, quotes)
            if subj is None:
                # "“…,” Ramos, 58, told AFP": a name between the quotation and the cue is the speaker
                # (the parse left the cue without a subject); after the cue only in "“…,” said X",
                # and never the one told
                nouns = [x for x in toks if x.i < t.i and x.pos_ in {"PROPN", "NOUN", "PRON"}] or [
                    x
                    for x in toks
                    if x.i > t.i
                    and x.pos_ in {"PROPN", "NOUN", "PRON"}
                    and not (x.head is t and x.dep_ == "dobj")
                ]
                if not nouns:
                    return None
                subj = nouns[0]
                while subj.head.i != subj.i and subj.head.pos_ == "PROPN" and subj.dep_ == "compound":
                    subj = subj.head
            return Attribution(
                content=(q.start, q.end),
                cue=_cue_span(doc, t),
                speaker_head=subj.i,
                confidence=cue_weight(lemma) - 0.05,
                sentence=(q.start, sentence_of(t).end_char),
                rule="adjacent",
            )
    return None


# texts that "read" besides the documents that speak: "the article read", "a welcome message reads"
_READABLE_NOUNS = frozenset(
    "article editorial message note headline caption column text passage notice petition card invitation "
    "page entry".split()
)


def _reader(tok: Token) -> Token:
    """The noun a prepositional phrase before ``reads`` belongs to (``a welcome message on the website``)."""
    while tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.i < tok.i:
        tok = tok.head.head
    return tok


def _reads_aloud(tok: Token) -> bool:
    """Whether ``tok`` is a thing whose text can be said to read: a document (``the letter``) or ``it``."""
    return tok.lower_ in {"it", "which"} or (
        tok.pos_ in {"NOUN", "PROPN"} and lemma_of(tok).lower() in DOCUMENT_NOUNS | _READABLE_NOUNS
    )


def _embedded(doc: Doc, q: Quote, quotes: QuoteIndex) -> Attribution | None:
    """Quoted words inside someone's clause with no reporting verb: ``X called it a “huge win”``.
    The clause's verb stands as the cue and its subject as the speaker, with low confidence."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or inscribed_quote(span.root):
        return None  # "a jacket emblazoned with “…”": written on a thing, said by nobody
    sent = sentence_of(span.root)
    # the quotation's clause and those above it: a cue there, or one set off beside them ("…, he added,
    # …"), reports it; a cue of a clause beside the quotation's ("…, apparently assuming that neither
    # his staff nor the whistleblower will testify") does not
    above = {span.root.i, *(a.i for a in span.root.ancestors)}
    for t in sent:  # "the economic weapons …, he added, are like ''nuclear bombs …''"
        if t.i not in above and t.head.i not in above:
            continue
        if _is_cue(t, quotes) and not (q.start <= t.idx < q.end):
            subj = _subject(t, quotes)
            if subj is not None and not quotes.inside(subj.idx):
                return Attribution(
                    content=(q.start, q.end),
                    cue=_cue_span(doc, t),
                    speaker_head=subj.i,
                    confidence=0.55,
                    sentence=(sent.start_char, sent.end_char),
                    rule="embedded-cue",
                    kind="partial",
                )
    cur = span.root
    for _ in range(6):
        if cur.pos_ in {"VERB", "AUX"} and not quotes.inside(cur.idx):
            subj = [c for c in cur.children if c.dep_ == "nsubj"]
            if subj:
                return Attribution(
                    content=(q.start, q.end),
                    cue=_cue_span(doc, cur),
                    speaker_head=subj[0].i,
                    confidence=0.4,
                    sentence=(sentence_of(cur).start_char, sentence_of(cur).end_char),
                    rule="embedded",
                    kind="partial",
                )
        if cur.head is cur:
            break
        cur = cur.head
    return None


def _is_thing(tok: Token) -> bool:
    """A common noun that names no speaker (not a role, a group, a document or a named entity)."""
    return (
        tok.pos_ == "NOUN"
        and not tok.ent_type_
        and tok.lower_ not in ROLE_NOUNS | GROUP_NOUNS
        and lemma_of(tok).lower() not in ROLE_NOUNS | GROUP_NOUNS | DOCUMENT_NOUNS
    )


def _opens_sentence(text: str, at: int) -> bool:
    """Whether a quotation starts its own sentence (not quoted words inside someone's clause)."""
    before = text[max(0, at - 300) : at]
    para = before.rsplit("\n", 1)[-1].rstrip()
    return not para or para[-1] in '.!?”"’:'


def _previous_speaker(found: list[Attribution], at: int, text: str) -> int | None:
    """The attribution whose quotation this one continues: the last one before it, at most two
    paragraphs back, whose content was quoted."""
    best = None
    for i, a in enumerate(found):
        if a.content[1] <= at and (best is None or a.content[1] > found[best].content[1]):
            best = i
    if best is None:
        return None
    a = found[best]
    gap = text[a.content[1] : at]
    if gap.count("\n\n") > 3 or len(gap) > 1200:
        return None
    if a.speaker_head is None and a.speaker_text is None:
        return None
    return best


def _dedupe(found: list[Attribution]) -> list[Attribution]:
    out: list[Attribution] = []
    for a in sorted(found, key=lambda a: (a.content[0], -(a.content[1] - a.content[0]))):
        dup = False
        for b in out:
            # one content, two cues: the same words twice, but for a relative dispute (the words and
            # the one who denied them)
            same_words = b.content == a.content and "relative" not in {a.rule, b.rule}
            if same_words or (b.cue == a.cue and b.cue is not None):
                dup = True
                break
        if not dup:
            out.append(a)
    return out


def _shape(a: Attribution, quotes: QuoteIndex, text: str) -> None:
    s, e = a.content
    qs = quotes.overlapping(s, e)
    for q in qs:  # widen to whole quotations (the parser splits quotes at sentence ends)
        if a.cue is not None and q.start <= a.cue[0] < q.end:
            continue
        s, e = min(s, q.start), max(e, q.end)
    qs = quotes.overlapping(s, e)
    quoted = sum(min(e, q.end) - max(s, q.start) for q in qs)
    words_outside = _unquoted_words(text, s, e, qs)
    if qs and words_outside == 0 and a.rule in {"embedded", "embedded-cue"}:
        a.segments = [q.inner for q in qs]
        a.content = (s, e)
        return  # quoted words inside the speaker's own clause: partial, as the rule said
    if qs and words_outside == 0:
        a.kind = "direct"
        # the words, without their quotation marks and trailing comma
        s2 = min(qs, key=lambda q: q.start).inner[0]
        e2 = max(qs, key=lambda q: q.end).inner[1]
        while e2 > s2 and text[e2 - 1] in " ,;:\n":
            e2 -= 1
        s, e = s2, e2
        a.segments = [q.inner for q in qs]
    elif qs and quoted > 0:
        a.kind = "partial"
        a.segments = [(max(s, q.start), min(e, q.end)) for q in qs]
        full_sentence_quote = any(
            (q.end - q.start) > 0.6 * (e - s) and len(text[q.start : q.end].split()) > 12 for q in qs
        )
        if full_sentence_quote:
            a.kind = "mixed"
    else:
        a.kind = "indirect"
        if a.rule != "parenthetical":  # its segments leave out the aside ("…, she says, …")
            a.segments = [(s, e)]
    a.content = (s, e)


def _unquoted_words(text: str, s: int, e: int, qs: list[Quote]) -> int:
    mask = list(text[s:e])
    for q in qs:
        for i in range(max(s, q.start), min(e, q.end)):
            mask[i - s] = " "
    return len(re.findall(r"\w+", "".join(mask)))


def _merge_runs(found: list[Attribution], text: str) -> list[Attribution]:
    """``“A,” he said. “B.”``: B continues A within the paragraph; one statement, two segments."""
    out: list[Attribution] = []
    for a in found:
        if out and a.rule == "continuation" and a.continues is not None:
            prev = out[-1]
            gap = text[prev.content[1] : a.content[0]]
            if "\n" not in gap and len(gap) < 200 and prev.kind in {"direct", "mixed", "partial"}:
                prev.content = (
                    prev.content[0],
                    a.content[1] - (1 if text[a.content[1] - 1] in _QUOTE_CHARS else 0),
                )
                prev.segments = prev.segments + a.segments
                continue
        out.append(a)
    # a statement inside the previous one, found through the same cue: keep the outer one
    final: list[Attribution] = []
    for a in out:
        if (
            final
            and a.content[0] < final[-1].content[1]
            and a.content[1] <= final[-1].content[1]
            and a.cue == final[-1].cue
        ):
            continue
        final.append(a)
    return final
