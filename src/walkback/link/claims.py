"""Claims are propositions, not topics: which statements say something about the same thing.

A statement joins the claim of its nearest linked statement (an HNSW search over embeddings, so the
cost grows with the logarithm of the database) only when the two are about the same thing:

* close in meaning (cosine of their embeddings at or above ``claim_threshold``), and the same
  proposition as the statement the claim was founded on, by every test below but with a looser
  cosine (``anchor_threshold``): a claim grown by a chain of neighbours would otherwise drift from
  one story to the next;
* said within ``claim_days`` of each other (when both are dated): the Iraq strikes of February 2024
  are not the India–Pakistan strikes of May 2025, however alike the words;
* about the same people, places and organisations: when both name some, they share one (``Iraq``
  and ``the Iraqi government`` agree, ``Clinton`` and ``Trump`` do not); when one names none, what
  their sentences and headlines name must agree instead; with nothing named on either side, only a
  closer match (``strict_threshold``) joins;
* about one doer and one thing done to: two noun subjects with no head word in common ("a majority
  of members", "the party") are two claims, and so is one predicate acting on two named things
  ("support Clinton", "support Cruz"); a passive's subject is what is acted on ("Iraq was not
  notified" is one claim with "the US did inform the Iraqi government"); a subject that is only an
  unresolved pronoun still has a number and a gender ("she cannot be trusted" and "they do not trust
  Mrs. Clinton" are two doers), and a bare he, she or they the words do not resolve is nobody else's
  doer (:func:`unknown_doers`: an anonymous "he would support Trump" is not Christie's);
* about one event (:func:`same_event`): the same predicate, or one carried by what the other's light
  or support verb takes ("notify" in "there was not a pre-notification"), not a word somewhere in a
  clause below a full verb ("she does not feel comfortable telling others to vote for Trump" is no
  vote); two light predicates take a word in common.

A question joins no claim (it asserts nothing), nor does a statement that reports two propositions
(``… and that …``: the linker's ``Proposition.compound``) or holds another statement of its article.
Similar wording alone never merges two stories.
:func:`summarize` gives a claim its summary.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from .propositions import Proposition
from .stance import polarity

__all__ = [
    "ClaimOptions",
    "Kinship",
    "compatible",
    "days_apart",
    "may_share_claim",
    "same_event",
    "same_proposition",
    "shared_names",
    "summarize",
    "unknown_doers",
]


#: how close two predicates (lemmas) are in meaning, -1 to 1 (the linker's encoder, on the two words)
Kinship = Callable[[str, str], float]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimOptions:
    claim_threshold: float = 0.62  # cosine similarity to join a claim
    strict_threshold: float = 0.78  # ... when neither statement names anyone or anything
    claim_days: int = 120  # two statements said further apart are not one claim
    anchor_threshold: float = 0.5  # cosine similarity to the claim's founding statement, at least
    event_threshold: float = 0.7  # ... when their predicates do not meet (see :func:`same_event`)
    kin_threshold: float = 0.5  # ... and are two full verbs: how close the two verbs, at least
    distinct_threshold: float = 0.85  # ... or how close the two statements, when the verbs are not kin


def _words(names: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for n in names:
        out.add(n)
        out.update(w for w in n.split() if len(w) >= 4)
    return out


def shared_names(a: Proposition, b: Proposition) -> set[str] | None:
    """The names two propositions share; ``None`` when one of them names nothing (nothing to compare)."""
    na, nb = a.names(), b.names()
    if not na or not nb:
        return None
    return na & nb


def days_apart(a: str | None, b: str | None) -> int | None:
    """Days between two dates said (``YYYY-MM-DD``, or a month or a year: its first day)."""
    if not a or not b:
        return None
    try:
        da, db = (
            date.fromisoformat((x + "-01-01")[:10] if len(x) == 4 else (x + "-01")[:10]) for x in (a, b)
        )
    except ValueError:
        return None
    return abs((da - db).days)


def same_proposition(
    a: Proposition | None,
    b: Proposition | None,
    *,
    similarity: float,
    days: int | None,
    options: ClaimOptions,
    kin: Kinship | None = None,
) -> bool:
    """Whether two statements, this close in meaning and this far apart in time, are one claim
    (``kin``: how close two predicates are in meaning, see :func:`same_event`)."""
    if similarity < options.claim_threshold:
        return False
    if days is not None and days > options.claim_days:
        return False
    if a is None or b is None:
        return similarity >= options.strict_threshold
    if not compatible(a, b):
        return False
    # "Republican front-runner Donald Trump", "the former secretary of state": no proposition
    if a.verbal is False or b.verbal is False:
        return False
    if a.modality == "question" or b.modality == "question":
        return False  # a question asserts nothing: no claim holds it with an answer or a statement
    if not same_event(a, b, similarity, options, kin):
        return False
    shared = shared_names(a, b)
    if shared is not None:
        return bool(shared)
    ca, cb = _words(a.context) | a.names(), _words(b.context) | b.names()
    if ca and cb:
        return bool(ca & cb)
    return similarity >= options.strict_threshold


def may_share_claim(
    a: Proposition | None,
    b: Proposition | None,
    *,
    similarity: float,
    days: int | None,
    options: ClaimOptions,
) -> bool:
    """Whether a statement may stand in one claim with a member it was not matched to: not far apart
    in meaning (``anchor_threshold``) or time, and :func:`compatible` (one doer, one thing done to,
    numbers that agree). A paraphrase passes ("we did not provide any pre-notification" beside "the US
    did inform the Iraqi government"); two acts of one story do not ("no criminal charges",
    "Clinton and her staffers were careless")."""
    if similarity < options.anchor_threshold:
        return False
    if days is not None and days > options.claim_days:
        return False
    return compatible(a, b)


def compatible(a: Proposition | None, b: Proposition | None) -> bool:
    """Whether two statements may be one claim at all, however far apart in a chain of neighbours:
    numbers that share something, both or neither saying what ought to be, not what will be beside what
    was (:attr:`Proposition.time`), one person or thing it is about (its subject's head words, when
    both have a noun for subject), and what it acts on, when both name it."""
    if a is None or b is None:
        return True
    if a.numbers and b.numbers and not set(a.numbers) & set(b.numbers):
        return False  # two polls, two counts, two tallies: numbers that share nothing are two things
    if a.deontic != b.deontic:
        return False  # "Mr. Clinton should step down" (an opinion), "he will step down" (a plan)
    if a.time and b.time and a.time != b.time:
        return False  # "he will release his tax returns" (a promise), "he has declined to release them"
    if a.agent and b.agent and a.agent != b.agent:
        return False  # "Christie would support Trump", "Ryan cannot support Trump": two people, two claims
    if a.objects and b.objects and not _words(a.objects) & _words(b.objects):
        return False  # "they support Clinton", "he would support Cruz": two acts, two claims
    pa, pb = _pronoun(a), _pronoun(b)
    if pa and pb and pa != pb:
        # "she cannot be trusted", "they do not trust Mrs. Clinton": a subject that is only a
        # pronoun still tells whom it is about by its number and gender
        return False
    doers_a, doers_b = _doers(a), _doers(b)
    if doers_a and doers_b and not doers_a & doers_b:
        # "a majority of members support Clinton", "the party must support Clinton"; Ryan's "he
        # will support the party's nominee" and "the party must support Clinton"
        return False
    return True


_BARE = frozenset({"he", "she", "they"})


def unknown_doers(a: Proposition | None, b: Proposition | None, *, same_speaker: bool) -> bool:
    """Whether of two statements by different speakers one has for subject only a bare he, she or
    they that the words do not resolve (no agent): nothing tells it is the other's doer. An
    anonymous speaker's "he would support Donald Trump" is not Christie's; a poll's "they might vote
    for him" and a senator's "they still will vote for their party's nominee" are two groups; Flake's
    "I will not vote for him" is not an unnamed Republican's "he won't vote for Donald Trump". The
    same speaker's pronoun is most often the same person."""
    if same_speaker or a is None or b is None:
        return False
    return any(p.subject in _BARE and not p.agent for p in (a, b))


# a third-person pronoun for subject, by number and gender; an organisation is "it" or "they", and
# "we" in a quote is "they" in the report of it, so only he, she and the rest tell two doers apart
_PRONOUNS = {"he": "he", "she": "she", "it": "thing", "they": "thing"}


def _pronoun(p: Proposition) -> str | None:
    """The class of a proposition's subject when it is a bare third-person pronoun (resolved or
    not: "they" resolved to a group of voters is still not "she")."""
    return _PRONOUNS.get(p.subject or "")


def _doers(p: Proposition) -> set[str]:
    """Who or what a proposition's subject is: a noun subject's head words, else its person."""
    return set(p.heads) or ({p.agent} if p.agent else set())


_LIGHT = frozenset("be have do say get make go take give come put seem become".split())


def same_event(
    a: Proposition, b: Proposition, similarity: float, options: ClaimOptions, kin: Kinship | None = None
) -> bool:
    """Whether two statements tell of one event or state: one predicate (``support`` and ``support``),
    or one's predicate among the other's words (``inform`` in ``we informed the Iraqis``); else only a
    closer match (``event_threshold``). A topic (Clinton's emails) holds many events.

    The word may not be the other's subject: "that support will fall" is no event of supporting,
    but "we did not provide any kind of pre-notification" is one of notifying.

    Two full verbs that differ are two events unless they are kin in meaning (``kin(a, b)`` at least
    ``kin_threshold``: ``inform`` and ``notify``) or the statements say nearly the same thing
    (``distinct_threshold``): "he would prefer that Democrats face Cruz" and "he may try to make peace
    with rivals, offering Cruz" are two acts however alike their words. A light or support predicate
    (``be``, ``have``, ``provide``) leaves the event to its nouns ("there was not a pre-notification"),
    which only the closeness of two such statements compares; beside a full verb its nouns do not
    carry, it is another event unless the statements say nearly the same thing."""
    pa, pb = a.predicate, b.predicate
    if pa and pa == pb and pa not in _LIGHT:
        return True
    for p, other in ((pa, b), (pb, a)):
        if p and p not in _LIGHT and _among(p, _carried(other)):
            return True
    if similarity < options.event_threshold:
        return False
    if similarity >= options.distinct_threshold:
        return True
    light_a, light_b = _light(pa), _light(pb)
    if light_a and light_b:
        # "there was not a pre-notification", "we did not provide any kind of pre-notification": their
        # nouns tell the event; one word they take in common at least ("there is serious concern about
        # voter fraud" and "the stakes are so high" take none)
        return bool(set(_carried(a)) & set(_carried(b)))
    if not light_a and not light_b:
        return kin is not None and kin(pa, pb) >= options.kin_threshold  # type: ignore[arg-type]
    # a light predicate beside a full verb it does not carry ("Clinton was not truthful", "Clinton
    # committed perjury"; "it may be years before the technology exists", "many more tunnels might
    # exist"): two events, unless the statements say nearly the same thing
    return False


def _light(predicate: str | None) -> bool:
    """No full verb of its own: no predicate, a light or a support verb (see :data:`_SUPPORT`)."""
    return not predicate or predicate in _SUPPORT or not predicate.isalpha()


# verbs whose object names the event ("provide any kind of pre-notification", "issued a denial"): the
# light ones and a few that only hand something over
_SUPPORT = _LIGHT | frozenset("provide offer issue receive".split())


def _carried(p: Proposition) -> list[str]:
    """The words in which ``p`` may tell of another statement's event: what a light or support
    predicate takes (``there was not a pre-notification``: notifying; ``provide any kind of
    pre-notification``: notifying); none for a full verb, whose own event it is (``she does not feel
    comfortable telling others to vote for Trump`` is no event of voting). Read before the
    propositions kept their complement: all the words but the subject's."""
    if p.predicate and p.predicate not in _SUPPORT:
        return []
    return list(p.complement) if p.complement is not None else _event_words(p)


def _event_words(p: Proposition) -> list[str]:
    """The words of ``p`` but those of its subject (the subject's words as written: a plural's
    lemma is found with its ``s``)."""
    if not p.subject:
        return list(p.terms)
    subject = set(p.subject.split())
    return [t for t in p.terms if t not in subject and t + "s" not in subject]


# word beginnings too common to tell one word's family from another's
_PREFIXES = frozenset("inter under trans super count overs repre prese conse conce contr".split())


def _among(predicate: str, terms: Iterable[str]) -> bool:
    """Whether a predicate or a word of its family is among a statement's words: ``notify`` in ``a
    pre-notification``, ``deny`` in ``denial`` (the same first five letters, six letters or more)."""
    if predicate in terms:
        return True
    if len(predicate) < 6 or predicate[:5] in _PREFIXES:
        return False
    stem = predicate[:5]
    return any(len(w) >= 6 and w.rsplit("-", 1)[-1][:5] == stem for w in terms)


# a full stop that ends no sentence: after an abbreviation or an initial ("Mr.", "U.S.", "John F.")
# or inside a number ("2.5 million")
_NO_END = re.compile(
    r"(?:\b(?:Mr|Ms|Mrs|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Jr|Sr|Inc|Co|No|vs|Prof|Rev|Ft|Mt)|\b[A-Z])$"
)
_END = re.compile(r"[.!?]+[\"”’]?(?=\s|$)")


def _first_sentence(text: str) -> str:
    for m in _END.finditer(text):
        single = m.group(0).rstrip('"”’') == "."
        if single and _NO_END.search(text[: m.start()]):
            continue
        return text[: m.end()]
    return text


_NOT = re.compile(r"\s*\b(?:not|n[’']t)\b", re.I)


def summarize(text: str, *, negative: bool) -> str:
    """A claim's summary: the first sentence, at most ~25 words, in its positive form when simply negated."""
    s = _first_sentence(text.strip()).strip()
    words = s.split()
    if len(words) > 25:
        s = " ".join(words[:25]) + " …"
    if negative and len(polarity(s)[1]) == 1 and len(_NOT.findall(s)) == 1:
        s = re.sub(
            r"\b(wo|ca)n[’']t\b", lambda m: {"wo": "will", "ca": "can"}[m.group(1).lower()], s, flags=re.I
        )
        s = _NOT.sub("", s, count=1)
    return s[:1].upper() + s[1:]
