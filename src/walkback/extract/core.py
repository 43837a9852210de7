"""Article -> Statements: parse once, apply the attribution rules, resolve speakers and dates.

:class:`Extractor` loads the NLP pipeline once and serves articles one by one; the pipeline module
(:mod:`walkback.pipeline`) spreads many articles over worker processes.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime

from spacy.tokens import Doc, Token

from ..model import Article, Span, Speaker, Statement, stable_id
from ..settings import Settings
from .attribution import Attribution, find_attributions
from .coref import Resolver, held_before
from .dates import carry_said_on, resolve_said_on
from .entities import ORG_NOUNS, PLACE_NOUNS, Entity, correct_entities, fold, names_a_person
from .fastpipe import lemma_of
from .lexicon import DOCUMENT_NOUNS, GROUP_NOUNS, ROLE_NOUNS, TITLES
from .medium import detect_medium
from .names import first_name_gender
from .nlp import load_pipeline
from .pieces import pipe_texts
from .quotes import QuoteIndex, find_quotes
from .roles import clean_role
from .select import mask_unneeded
from .speakers import MentionInfo, dated_phrase, describe, head_noun, mention_tokens

__all__ = ["Extractor", "build_statements", "parse_article", "parse_articles"]

log = logging.getLogger(__name__)

_DEFINITE = {"the", "this", "that"}
_POSSESSIVES = {"his": "he", "her": "she", "their": "they", "its": "it"}
# "wrote in a recent report for the Macdonald-Laurier Institute": the document a speaker spoke through
_IN_DOCUMENT = re.compile(
    r"\b(?:in|from)\s+(?:a|an|the|his|her|its|their)\s+(?:[\w'’-]+\s+){0,3}?("
    + "|".join(sorted(DOCUMENT_NOUNS))
    + r")\b",
    re.IGNORECASE,
)


def _speaker_from(
    doc,
    a: Attribution,
    resolver: Resolver,
    resolved: dict[int, Speaker],  # type: ignore[no-untyped-def]
    text: str,
) -> Speaker:
    if a.continues is not None and id(a.continues) in resolved:
        prev = resolved[id(a.continues)]
        if a.rule == "reads" and a.speaker_head is not None and prev.name:
            # "“…,” her statement reads": the words are the document's, its issuer the last speaker
            info = describe(doc, doc[a.speaker_head])
            return Speaker(
                name=prev.name,
                mention=Span.of(text, info.start, info.end),
                role=prev.role,
                affiliation=prev.affiliation,
                anonymous=prev.anonymous,
                kind=prev.kind,
                resolved_from=prev.mention or prev.resolved_from,
            )
        return Speaker(
            name=prev.name,
            mention=prev.mention,  # the continued quotation's speaker is named there
            role=prev.role,
            affiliation=prev.affiliation,
            anonymous=prev.anonymous,
            kind=prev.kind,
            resolved_from=prev.mention or prev.resolved_from,
        )
    if a.speaker_text is not None:
        s, e = a.speaker_text
        name = resolver.canonical(text[s:e].strip()) or text[s:e].strip()
        return Speaker(name=name, mention=Span.of(text, s, e), kind="person")
    head_i = _speaker_token(doc, a, resolver)
    if head_i is None:
        return Speaker(name=None)
    info: MentionInfo = _named_after_all(describe(doc, doc[head_i]), doc[head_i], resolver)
    if info.kind == "unknown" and info.description in ORG_NOUNS:
        # "the U.S. attorney's office": an office, whatever its words before, resolved to no one too
        info = replace(info, kind="organization")
    mention = Span.of(text, info.start, info.end)
    if info.pronoun:
        hit = resolver.resolve_pronoun(info.pronoun, info.start, _reported_words(doc, a, info.start))
        if hit is None:
            return Speaker(name=None, mention=mention, kind="unknown")
        name, at, end, kind = hit
        prior = _prior_speaker(resolved, name)
        return Speaker(
            name=name,
            mention=mention,
            role=prior.role if prior else None,
            affiliation=prior.affiliation if prior else None,
            anonymous=prior.anonymous if prior else False,
            kind=kind,  # type: ignore[arg-type]
            resolved_from=Span.of(text, at, end),
        )
    first = doc[info_start_token(doc, info)]
    if first.lower_ == "who" and first.head.dep_ == "relcl":
        # "a lecture from the Mexican president, who said …": the relative pronoun's noun is the
        # mention, and it is as definite as that noun is ("that" and "which" stay as they were read:
        # "a marketing video that says …" is its issuer's, as a definite description is)
        lo, hi = mention_tokens(first.head.head)
        first = doc[lo]
        # "for the Wisconsin Republican, who had pledged …": the noun's words say whom it describes
        info = replace(info, text=doc[lo:hi].text)
    # "the director of provincial operations for EHS, Jeff Fraser,": the mention names its person
    # and "the Civic Action study" its issuer
    named = (
        info.kind == "person"
        and not info.anonymous
        or info.kind != "unknown"
        and info.description in DOCUMENT_NOUNS
    )
    # "the lawyer for Maria Lopez", "the spokesman for the ministry": a description that names whom
    # it serves says who it is; the person of that role said last is nobody it must be
    qualified = any(
        c.dep_ == "prep" and c.i > head_i and any(g.dep_ == "pobj" and g.ent_type_ for g in c.children)
        for c in doc[head_i].children
    )
    definite = first.lower_ in _DEFINITE and not named and not qualified
    words = re.findall(r"[A-Za-z]+", info.text) if definite else []  # for its agreement checks
    if definite and info.description and info.name and len(info.name.split()) <= 2:
        if info.description in ORG_NOUNS | PLACE_NOUNS and info.kind != "person":
            # "the agency", "the company", "the city": the organisation or place named before
            hit = resolver.resolve_organization(info.description, info.start)
        else:
            former = held_before(info.text.lower().split())
            hit = resolver.resolve_description(info.description, info.start, former=former)
            if hit is not None and hit[3] == "person" and _person_like(info):
                hit = resolver.topic_over_title(hit, info.start, words)
        if hit is not None:
            return _resolved_to(hit, mention, info, resolved, text, anonymous=info.anonymous)
    # "her initial statement said …", "his letter reads": a document of the person the possessive
    # pronoun stands for speaks for them
    if info.description in DOCUMENT_NOUNS and not named:
        poss = next((c for c in doc[head_i].children if c.dep_ == "poss" and c.lower_ in _POSSESSIVES), None)
        hit = resolver.resolve_pronoun(_POSSESSIVES[poss.lower_], poss.idx) if poss is not None else None
        if hit is not None:
            return _resolved_to(hit, mention, info, resolved, text)
    # "Austria's interior minister said on Tuesday …" in the lede, "Interior Minister Wolfgang
    # Peschorn" further on: the one person the article gives that title, named after the mention
    if not named and not qualified and _person_like(info) and (definite or _held_by_a_place(doc[head_i])):
        head = doc[head_i]
        title = [c for c in head.children if c.i < head_i and c.dep_ in {"compound", "amod"}]
        if not any(c.lower_ in {"former", "then", "ex", "acting", "interim"} for c in title):
            hit = resolver.titled_later([c.text for c in title] + [head.text], info.start)
            if hit is not None:
                return _resolved_to(hit, mention, info, resolved, text)
    # "The United Nations High Commissioner for Human Rights": a capitalised office of a named
    # organisation is whoever holds it, not the person the text was just about ("the Senate minority
    # leader", in lower case, most often is)
    office = doc[head_i].pos_ == "PROPN" and any(
        c.i < head_i and c.dep_ in {"compound", "amod", "nmod"} and c.ent_type_ in {"ORG", "FAC"}
        for c in doc[head_i].children
    )
    restricted = any(_restricts(c) for c in doc[head_i].children if c.i > head_i)
    # "The former sergeant-at-arms … said": the person the text is about
    if definite and not office and not restricted and (_person_like(info) or _agent_noun(doc[head_i])):
        hit = resolver.resolve_person(info.start, words)
        if hit is not None:
            return _resolved_to(hit, mention, info, resolved, text, kind="person", role=info.name)
    kind = info.kind
    name = info.name
    roles_from: Entity | None = None  # whose roles the speaker has, when the mention gives none
    head = doc[head_i]
    ent = None
    if name and not info.anonymous:
        # the entity of the mention itself, else the one the name is a form of
        ent = resolver.entity(head.idx, head.idx + len(head))
        if ent is not None and not set(name.lower().split()) & set(ent.words):
            ent = None  # "One red-state Democrat, Montana Sen. Jon Tester": the head is not the name
        ent = ent or resolver.entities.by_name(name)
    if ent is not None and kind in {"person", "unknown", "organization"} and name:
        # the entity the name is a form of: "Keir" -> Keir Starmer, "the DEA" -> its name in full
        name, roles_from = ent.name, ent
        kind = "person" if ent.kind == "person" else "organization" if ent.kind == "organization" else kind
    elif kind in {"person", "unknown"} or (kind == "organization" and resolver.is_person(name)):
        name = resolver.canonical(name)
        if resolver.is_person(name):
            kind = "person"  # the tagger called "Ryder" an ORG; the article names Pat Ryder
            roles_from = resolver.entities.by_name(name)
    if kind == "unknown" and _looks_like_a_person(name):
        kind = "person"  # "Eswar Prasad, a trade professor at Cornell," that the tagger did not tag
    prior = _prior_speaker(resolved, name) if kind == "person" and name else None
    role = info.role or (prior.role if prior else None)
    if not role and roles_from is not None:
        role = _role_of(doc, roles_from)
    return Speaker(
        name=name,
        mention=mention,
        role=role,
        affiliation=info.affiliation or (prior.affiliation if prior else None),
        anonymous=info.anonymous,
        kind=kind,
    )  # type: ignore[arg-type]


_SUBJECTS = {"nsubj", "nsubjpass"}


def _a_name_beside(appos: Token) -> bool:
    """An appositive that is a name, not a description: a person, or a proper noun outside brackets
    (``(R-TX)`` describes)."""
    bracketed = appos.left_edge.i > 0 and appos.doc[appos.left_edge.i - 1].text == "("
    return appos.ent_type_ == "PERSON" or (appos.pos_ == "PROPN" and not bracketed)


def _role_of(doc: Doc, ent: Entity) -> str | None:
    """The role of a speaker whose mention gives none, from their entity: read only when no earlier
    statement of theirs gave one (a description is parsed again for each call)."""
    return _described(doc, ent) or (ent.roles[0] if ent.roles else None)


def _described(doc: Doc, ent: Entity) -> str | None:
    """A person's role as the article first describes them where it names them with an appositive,
    the way a speaker's own mention gives it (``Rep. José Serrano (D-NY), chairman of the
    subcommittee, was skeptical …`` gives ``Serrano said`` the role ``Rep. (D-NY), chairman of the
    subcommittee``); none when that description holds less than the entity's first role (a title
    read elsewhere: ``former astronaut Tom Stafford``)."""
    if ent.kind != "person" or not ent.roles:
        return None
    first = set(ent.roles[0].lower().split())
    for m in ent.mentions:
        head = doc[m.head]
        appositives = [c for c in head.children if c.dep_ == "appos"]
        if head.pos_ != "PROPN" or not appositives or any(_a_name_beside(c) for c in appositives):
            continue  # no description, or another one named beside them ("…, singer-keyboardist McDonald")
        if any(_tells_more(t) for c in appositives for t in c.subtree):
            continue  # a clause the parse hung on the name ("…, whose conclusions were seconded …")
        role = describe(doc, head).role
        if role and role.count("(") == role.count(")") and first <= set(role.lower().split()):
            return role
    return None


def _tells_more(tok: Token) -> bool:
    """A word a description set beside a name has not: a finite verb or a quotation mark."""
    return tok.tag_ in {"VBD", "VBZ", "VBP", "MD"} or tok.is_quote


def _speaker_token(doc, a: Attribution, resolver: Resolver) -> int | None:  # type: ignore[no-untyped-def]
    """The head of the speaker mention: the attribution's, mended where the parse went astray.

    - ``The company flat-out denied``: a head that is a particle (``out``) with a noun compounded
      to it is that noun;
    - ``BUFFALO, N.Y. — …, Wild coach Bruce Boudreau expressed``, ``said study co-author Anezina
      Solomonidou``: of two subjects of one verb, the named person;
    - no subject found: a person the article names standing right before the cue (``but Early still
      says``), the phrase that ends right before it (``a March 2019 study by the Centre for Economic
      Policy Research, a London-based think tank, concluded``), or the person named right after a
      cue that follows the reported words (``…, said … executive chair Marcelo Claure in an email``).
    """
    if a.speaker_head is not None:
        tok = doc[a.speaker_head]
        hyphened = tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_
        if tok.is_lower and (tok.pos_ not in {"PRON", "NOUN", "PROPN"} or hyphened):
            # "The company flat-out denied": the parser's head is "out" of "flat-out"
            nouns = [c for c in tok.children if c.dep_ == "compound" and c.pos_ in {"NOUN", "PROPN"}]
            if nouns:
                return nouns[-1].i
        if tok.dep_ in _SUBJECTS and tok.ent_type_ != "PERSON":
            others = [
                c
                for c in tok.head.children
                if c.dep_ in _SUBJECTS and c is not tok and c.ent_type_ == "PERSON" and c.pos_ == "PROPN"
            ]
            if others:
                return others[-1].i
        return a.speaker_head
    if a.cue is None or a.speaker_text is not None:
        return None
    span = doc.char_span(a.cue[0], a.cue[1], alignment_mode="expand")
    if span is None:
        return None
    cue = span.root
    sent = cue.sent
    # "but Early still says": a capitalised word before the cue that names a person of the article
    i = cue.i - 1
    while i > sent.start and doc[i].pos_ == "ADV" and doc[i].is_lower:
        i -= 1
    t = doc[i]
    if t.i < cue.i and t.is_title and t.i > sent.start and not t.is_stop:
        e = resolver.entities.by_name(t.text)
        if e is not None and e.kind == "person":
            return t.i
    # "a study by the Centre …, a London-based think tank, concluded": the phrase ending at the cue
    j = cue.i - 1
    while j > sent.start and doc[j].is_punct:
        j -= 1
    best = None
    for t in doc[sent.start : j + 1]:
        if t.pos_ in {"NOUN", "PROPN"} and t.right_edge.i == j and t.dep_ not in {"compound", "pobj"}:
            if best is None or t.left_edge.i < best.left_edge.i:
                best = t
    if best is not None and (best.ent_type_ in {"PERSON", "ORG"} or lemma_of(best).lower() in DOCUMENT_NOUNS):
        return best.i
    # "…, said The We Company’s recently named executive chair Marcelo Claure in an email"
    if cue.i > sent.start and doc[cue.i - 1].text in {",", "”", '"', "’"}:
        k = cue.i + 1
        while k < sent.end and not doc[k].is_punct and doc[k].pos_ != "ADP" and k - cue.i <= 10:
            if doc[k].ent_type_ == "PERSON" or (
                doc[k].pos_ == "PROPN"
                and (e := resolver.entities.by_name(doc[k].text))
                and e.kind == "person"
            ):
                while k + 1 < sent.end and doc[k + 1].ent_iob_ == "I":
                    k += 1
                return k
            k += 1
    return None


def _looks_like_a_person(name: str | None) -> bool:
    """Two to four capitalised words whose first is a first name the name lexicon knows."""
    words = (name or "").split()
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and first_name_gender(words[0]) is not None
    )


_PERSON_WORDS = (ROLE_NOUNS | {t.rstrip(".") for t in TITLES}) - GROUP_NOUNS - {"people", "members", "person"}


_EPITHETS = frozenset({"republican", "democrat", "liberal", "conservative", "tory", "labour", "veteran"})
# one person in a race: "the GOP front-runner", "the Democratic hopeful"
_CONTENDERS = frozenset({"front-runner", "frontrunner", "hopeful", "contender", "challenger", "incumbent"})


def _restricts(c) -> bool:  # type: ignore[no-untyped-def]
    """Whether a phrase after a description's noun says which one it means: ``the officer in charge
    of the base``, ``the man who filmed it``, ``the deputy head of China's delegation``. Such a
    description most often brings in someone new, not the person the text was about. Not so a title's
    own words (``the secretary of state``), whom a role serves (``the nominee for the election``), a
    date, or an aside set off by a comma or a dash (``The lawmaker, who represents …``)."""
    if c.dep_ in {"relcl", "acl"}:
        before = c.left_edge.nbor(-1) if c.left_edge.i > 0 else None
        return before is None or not before.is_punct
    if c.dep_ != "prep" or c.lower_ == "for" or dated_phrase(c):
        return False
    objs = [o for o in c.children if o.dep_ == "pobj"]
    if c.lower_ == "of":
        return any(
            o.pos_ == "PROPN" or any(g.dep_ in {"det", "poss"} or g.pos_ == "PROPN" for g in o.children)
            for o in objs
        )
    return bool(objs)


def _resolved_to(
    hit: tuple[str, int, int, str],
    mention: Span | None,
    info: MentionInfo,
    resolved: dict[int, Speaker],
    text: str,
    *,
    kind: str | None = None,
    role: str | None = None,
    anonymous: bool = False,
) -> Speaker:
    """The speaker a description resolved to (``hit``: name, start, end, kind): what the text said of
    them as a speaker before (role, affiliation) wins over the description's own words."""
    name, at, end, hit_kind = hit
    prior = _prior_speaker(resolved, name)
    return Speaker(
        name=name,
        mention=mention,
        role=prior.role if prior and (prior.role or role is None) else (role or info.role),
        affiliation=prior.affiliation if prior else info.affiliation,
        anonymous=prior.anonymous if prior else anonymous,
        kind=kind or hit_kind,  # type: ignore[arg-type]
        resolved_from=Span.of(text, at, end),
    )


def _held_by_a_place(head) -> bool:  # type: ignore[no-untyped-def]
    """``Austria's interior minister``, ``the company's chief executive``: an office the possessor
    has, a place or an organisation (not ``Smith's lawyer``: that is a person of Smith's)."""
    poss = next((c for c in head.children if c.dep_ == "poss"), None)
    if poss is None:
        return False
    if poss.ent_type_ in {"GPE", "ORG", "NORP"}:
        return True
    return poss.pos_ == "NOUN" and lemma_of(poss).lower() in ORG_NOUNS | PLACE_NOUNS


def _person_like(info: MentionInfo) -> bool:
    """A singular description of one person: ``the senator``, ``the former sergeant-at-arms``,
    and epithets: ``the Kentucky Republican``, ``the 26-year-old right wing``."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", info.text)]
    if words and (words[-1] in _EPITHETS or "-year-old" in info.text):
        return True
    if info.text.split() and info.text.split()[-1].lower() in _CONTENDERS:
        return True
    if info.kind in {"group", "organization"} or info.description in DOCUMENT_NOUNS:
        return False
    return bool(set(words) & _PERSON_WORDS)


# the endings of nouns for one person by what they are or do ("businessman", "socialist",
# "guitarist", "historian"); "-er" and "-or" nouns are left out: many are things ("order", "answer",
# "incident") or someone new that an event brings along ("the narrator" of an ad, "the moderator")
_AGENT_ENDINGS = ("man", "woman", "ist", "ian")


def _agent_noun(head) -> bool:  # type: ignore[no-untyped-def]
    """A singular noun for one person by what they are or do (``the businessman``, ``the
    self-described democratic socialist``, ``the singer and guitarist``), not a bare ``man`` or
    ``woman``, who may be anyone the article has not named."""
    words = [head] + [c for c in head.children if c.dep_ == "conj" and c.tag_ == "NN"]
    return head.tag_ == "NN" and any(
        names_a_person(w)
        and lemma_of(w).lower() not in {"man", "woman"}
        and lemma_of(w).lower().endswith(_AGENT_ENDINGS)
        for w in words
    )


def info_start_token(doc, info: MentionInfo) -> int:  # type: ignore[no-untyped-def]
    span = doc.char_span(info.start, info.end, alignment_mode="expand")
    return span.start if span is not None else 0


def _named_after_all(info: MentionInfo, head, resolver: Resolver) -> MentionInfo:  # type: ignore[no-untyped-def]
    """A capitalised word the tagger read as a plural noun (``Petrides said``, ``Scissors said``) is
    the person of that name when the article names them in full (``John Petrides``)."""
    if not (
        info.anonymous and info.kind == "group" and head.text[:1].isupper() and len(info.text.split()) == 1
    ):
        return info
    ent = resolver.entity(head.idx, head.idx + len(head))
    if ent is None or ent.kind != "person" or len(ent.words) < 2 or fold(head.text) not in ent.words:
        return info
    return replace(info, name=head.text, kind="person", anonymous=False, description=None)


def _prior_speaker(resolved: dict[int, Speaker], name: str) -> Speaker | None:
    for sp in reversed(list(resolved.values())):
        if sp.name == name and (sp.role or sp.affiliation):
            return sp
    return None


def parse_articles(nlp, articles: Sequence[Article]) -> Iterator[Doc]:  # type: ignore[no-untyped-def]
    """Parse the paragraphs of each article that can hold a statement, in one ``nlp.pipe`` batch;
    the rest is blanked, so offsets stay those of ``article.text``. A text over spaCy's length limit
    is parsed in pieces joined into one doc (:mod:`walkback.extract.pieces`)."""
    return pipe_texts(nlp, [mask_unneeded(a.text) for a in articles])


def parse_article(nlp, article: Article) -> Doc:  # type: ignore[no-untyped-def]
    return next(parse_articles(nlp, [article]))


def build_statements(article: Article, doc) -> list[Statement]:  # type: ignore[no-untyped-def]
    """Statements of one parsed article, in document order."""
    text = article.text
    correct_entities(doc)
    quotes = QuoteIndex(find_quotes(text))
    attributions = find_attributions(doc, quotes)
    resolver = Resolver(doc, quotes, text)
    resolved: dict[int, Speaker] = {}
    anchor: datetime | None = article.date
    out: list[Statement] = []
    for a in attributions:
        speaker = _speaker_from(doc, a, resolver, resolved, text)
        if speaker.role is not None:  # a position, not an age or an honorific ("33", "Sir")
            speaker = replace(speaker, role=clean_role(speaker.role))
        resolved[id(a)] = speaker
        window = (min(a.sentence[0], a.content[0]), max(a.sentence[1], a.content[1]))
        exclude = [a.content, *a.segments]
        said = resolve_said_on(text, window=window, cue=a.cue, exclude=exclude, anchor=anchor)
        if out:  # "On Tuesday, Hagari said …. “…,” he said.": the quotation goes on from the dated words
            prev = out[-1]
            said = carry_said_on(
                prev.said_on,
                said,
                same_speaker=speaker.name == prev.speaker.name
                or (speaker.name is None and a.speaker_head is not None),
                gap=text[prev.content.end : a.content[0]],
                quoted=a.kind in {"direct", "mixed"},
            )
        if a.rule == "finding" and speaker.kind == "unknown":
            speaker = replace(speaker, kind="organization")  # "the analysis showed": a document's finding
        med = detect_medium(text, window=window, exclude=exclude)
        if speaker.name:
            where = speaker.mention or speaker.resolved_from or Span.of(text, a.content[0], a.content[0])
            resolver.note(
                speaker.name,
                where.start,
                where.end,
                speaker.kind,
                role=speaker.role,
                description=_description_of(speaker),
                medium=med[0] if med else _document_in(text, window, a.content),
                is_speaker=True,
                anonymous=speaker.anonymous,
                pronoun=speaker.mention.text.lower() if speaker.mention else None,
                nested=any(
                    b is not a and b.content[0] <= where.start < b.content[1] and _told_by_a_person(doc, b)
                    for b in attributions
                ),
            )
        conf = a.confidence
        if speaker.name is None:
            conf = min(conf, 0.3)
        s, e = a.content
        # a relative dispute has the words it denies as its content: its cue tells it from them
        extra = (f"cue{a.cue[0]}",) if a.rule == "relative" and a.cue else ()
        out.append(
            Statement(
                id=stable_id(article.id, article.content_hash, str(s), str(e), *extra, prefix="s"),
                article_id=article.id,
                kind=a.kind,  # type: ignore[arg-type]
                content=Span.of(text, s, e),
                cue=Span.of(text, *a.cue) if a.cue else None,
                speaker=speaker,
                said_on=said,
                medium=med[0] if med else None,
                medium_span=med[1] if med else None,
                confidence=max(0.0, min(1.0, conf)),
                sentence=Span.of(text, *window),
                rule=a.rule,
                segments=tuple(Span.of(text, ss, se) for ss, se in a.segments if se > ss),
            )
        )
    # two rules may read one span ("…, according to the eyewitness …" in a framed quotation): one
    # statement, the surer reading; the store refuses an article whose statements share an id
    best: dict[str, int] = {}
    for k, st in enumerate(out):
        j = best.get(st.id)
        if j is None or st.confidence > out[j].confidence:
            best[st.id] = k
    return [st for k, st in enumerate(out) if best[st.id] == k]


def _reported_words(doc, a: Attribution, at: int) -> frozenset[int]:  # type: ignore[no-untyped-def]
    """The heads of the names of people in an attribution's words when they are the complement of its
    cue and reported, not quoted (``Mr. Trump … fits that bill, he added``): the pronoun at ``at``
    that says them is none of them. Pronouns in them may well be the speaker (``he said he would
    …``). Words that run on both sides of the pronoun are a parse gone astray, and tell nothing."""
    if a.kind != "indirect" or a.rule != "ccomp" or a.content[0] < at < a.content[1]:
        return frozenset()
    span = doc.char_span(a.content[0], a.content[1], alignment_mode="expand")
    if span is None:
        return frozenset()
    return frozenset(e.root.i for e in span.ents if e.label_ == "PERSON")


def _told_by_a_person(doc, a: Attribution) -> bool:  # type: ignore[no-untyped-def]
    """Whether an attribution's speaker is a person (``Carson …, pointing out that the paper's Costa had
    reported …``), not an outlet or a body that relays (``The Israeli military said …, Reuters
    reported``: the story follows the military)."""
    if a.speaker_head is None:
        return False
    tok = doc[a.speaker_head]
    return tok.ent_type_ == "PERSON" or tok.lower_ in {"he", "she"}


def _document_in(text: str, window: tuple[int, int], content: tuple[int, int]) -> str | None:
    """The document noun a statement's frame names (``in a recent report``), outside its content;
    a later ``the report`` is then this speaker's."""
    for m in _IN_DOCUMENT.finditer(text, window[0], window[1]):
        if m.end() <= content[0] or m.start() >= content[1]:
            return m.group(1).lower()
    return None


def _description_of(speaker: Speaker) -> str | None:
    """What a later definite description may call this speaker: ``the spokesperson`` for an anonymous
    one, ``the study`` for the issuer of ``the Civic Action study``."""
    if speaker.anonymous and speaker.name:
        return head_noun(speaker.name)
    if speaker.mention is not None and speaker.name and speaker.kind in {"person", "organization"}:
        noun = head_noun(speaker.mention.text)
        if noun in DOCUMENT_NOUNS:
            return noun
    return None


class Extractor:
    """Loads the pipeline once; turns articles into statements."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._nlp = None

    @property
    def nlp(self):  # type: ignore[no-untyped-def]
        if self._nlp is None:
            self._nlp = load_pipeline(tuple(self.settings.spacy_models))
        return self._nlp

    def extract(self, article: Article) -> list[Statement]:
        return build_statements(article, parse_article(self.nlp, article))
