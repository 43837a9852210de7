"""Entities: a document's people and organisations, gathered from their mentions.

A mention is a name the tagger found (``Keir Starmer``, ``Starmer``, ``Keir``, ``Lady Starmer``,
``the DEA``) or a description that names a kind of organisation (``the Israeli military``, ``the
company``). Mentions are gathered into :class:`Entity` objects by passes from the most precise to the
loosest, as deterministic multi-pass coreference systems do:

1. **full names**: the same words, or the same first and last word (``Donald J. Trump``); an
   organisation's name and its initials (``Drug Enforcement Administration`` / ``DEA``);
2. **appositives and premodifiers** give roles and description nouns (``Prime Minister Keir
   Starmer``, ``the security firm Cisco Talos``, ``The group, WeWorkers Coalition,``);
3. **short names**: a surname or a first name joins the one full name it is part of, unless an
   honorific says another gender (``Lady Starmer`` is not Keir Starmer); a name no full name takes
   is an entity of its own (``Trump``);
4. **descriptions**: ``the military`` joins the entity described by that noun (``the Israeli
   military``); an unnamed kind of organisation (``the Israeli military``) is an entity of its own.

An entity knows its kind (person, organization, group), its gender where the article tells
(honorifics, gendered role nouns, pronouns in sentences that name only it) or else the first name's
lexicon does (:mod:`walkback.extract.names`), its roles, and its mentions with their sentence,
paragraph and grammatical role: what :mod:`walkback.extract.coref` weighs for salience.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .fastpipe import lemma_of
from .lexicon import DOCUMENT_NOUNS, GROUP_NOUNS, ROLE_NOUNS, SPEECH_VERBS, TITLES
from .names import first_name_gender, first_name_sure
from .nlp import doc_text, entities, hyphen_joined, sentences
from .quotes import QuoteIndex

__all__ = [
    "Entity",
    "Mention",
    "Entities",
    "ORG_NOUNS",
    "DESIGNATORS",
    "GENERIC_ORG_NOUNS",
    "PLACE_NOUNS",
    "HONORIFICS",
    "gender_of_words",
    "fold",
    "names_a_person",
]

# honorifics and titles that tell a gender
HONORIFICS = {
    "mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "duke": "m", "baron": "m",
    "mrs": "f", "ms": "f", "miss": "f", "lady": "f", "dame": "f", "queen": "f", "princess": "f",
    "duchess": "f", "baroness": "f", "madam": "f",
}  # fmt: skip
# nouns for a person that tell a gender (a role, a relation)
_MALE_NOUNS = frozenset(
    "spokesman chairman congressman businessman councilman assemblyman alderman husband father son "
    "brother grandfather uncle boyfriend nephew man boy widower policeman fireman sportsman anchorman "
    "actor king prince duke lord sir mr".split()
)
_FEMALE_NOUNS = frozenset(
    "spokeswoman chairwoman congresswoman businesswoman councilwoman assemblywoman alderwoman wife "
    "mother daughter sister grandmother aunt girlfriend niece woman girl widow policewoman anchorwoman "
    "actress queen princess duchess lady dame mrs ms miss".split()
)
# nouns for a kind of organisation: "the agency" is an organisation named before, or one of its own
ORG_NOUNS = frozenset(
    """
company firm agency group organization organisation ministry department military army navy government
administration campaign committee union council court police party office team institute institution
center centre broadcaster network newspaper paper magazine outlet brokerage bank university college
school hospital board commission coalition association foundation club league federation authority
regulator watchdog airline carrier retailer maker manufacturer startup publisher studio label channel
station charity nonprofit corporation conglomerate giant chain operator provider insurer lender bureau
embassy consulate parliament legislature congress senate cabinet tribunal alliance movement church
business developer automaker carmaker railway utility prosecutors service app platform website site
brand
""".split()
)
# kinds of organisation that news copy seldom leaves unnamed: "the company" is the one named before
GENERIC_ORG_NOUNS = frozenset(
    """
company firm group agency organization organisation brokerage bank corporation business startup retailer
broadcaster network publisher carrier airline insurer lender automaker carmaker maker developer operator
provider giant conglomerate chain label studio manufacturer
""".split()
)
# the last word of a company's or a body's name: "Dick Clark Productions" is no person
DESIGNATORS = frozenset(
    """
inc co corp corporation llc ltd plc lp llp gmbh ag sa nv productions records studios pictures entertainment
media networks systems technologies labs laboratories capital ventures partners associates holdings
airlines airways motors pharmaceuticals industries enterprises communications solutions services
brands foods international institute foundation fund trust society
""".split()
)
# nouns for a place that speaks through its government: "the city" is the city named before
PLACE_NOUNS = frozenset("city state country province county town nation kingdom region republic".split())
# a kind of organisation that is seldom named before it is described ("the Israeli military")
_OWN_ORG_NOUNS = frozenset(
    "military army navy government administration police court parliament legislature congress senate "
    "cabinet embassy consulate prosecutors".split()
)
# nouns for one person that a later definite description ("the lawyer") may take up
PERSON_NOUNS = frozenset(
    """
lawyer attorney spokesman spokeswoman spokesperson aide adviser advisor official representative
agent manager director chief executive coach doctor wife husband mother father son daughter
brother sister friend partner neighbour neighbor colleague boss assistant secretary counsel
""".split()
)
# plural nouns too vague to be a group that speaks or is "they"
_VAGUE = frozenset("people members persons others".split())
# forms of address, not positions: a title the tagger took into a name is a role unless it is one
_ADDRESS = frozenset(HONORIFICS) | {"dr", "prof", "rev"}
# titles that are part of how a person is named when no surname is given ("Prince Andrew")
_ROYAL = frozenset("king queen prince princess duke duchess pope emperor empress sheikh".split())
_HONORIFIC_WORDS = frozenset(HONORIFICS) | {t.rstrip(".") for t in TITLES}
_ORG_LABELS = {"ORG", "GPE", "NORP", "FAC"}
# generational suffixes: "Carlineo" is Patrick W. Carlineo Jr.
_SUFFIX = re.compile(r"(?:Jr|Sr|jr|sr|JR|SR)\.?|I{2,3}|IV")
_SUBJECT = {"nsubj", "nsubjpass"}
_STOP = {"the", "of", "for", "and", "a", "an", "&", "on", "in", "at"}


# capitalised words in a row, small words of a name between them ("Drug Enforcement Administration",
# "Bureau of Labor Statistics")
_CAPITALISED_RUN = re.compile(
    r"\b[A-Z][a-z][\w'’-]*(?:\s+(?:(?:of|for|and|the|on|&)\s+)?[A-Z][a-z][\w'’-]*)+"
)


def _spellings(text: str) -> dict[str, set[str]]:
    """Initials -> the names a text spells them out as: the runs of capitalised words (``of``, ``for``,
    ``and``, ``the`` between them) whose initials they are, ``Live Nation`` for ``ln``, any part of a
    longer run (``In October the Drug Enforcement Administration``) and none that starts with a first
    name (``Alison Parker`` is a person, not the AP)."""
    out: dict[str, set[str]] = {}
    for m in _CAPITALISED_RUN.finditer(text):
        words = m.group().split()
        for i, j in itertools.combinations(range(len(words) + 1), 2):
            part = words[i:j]
            if part[0][0].isupper() and part[-1][0].isupper() and first_name_gender(part[0]) is None:
                initials = _initials(fold(" ".join(part)).split())
                if initials is not None:
                    out.setdefault(initials, set()).add(" ".join(part))
    return out


def _initials(words: Sequence[str]) -> str | None:
    """The initials of a name of two words or more (``drug enforcement administration`` -> ``dea``)."""
    return "".join(w[0] for w in words if w not in _STOP) if len(words) >= 2 else None


_PERSON_SUFFIXES = ("or", "er", "ist", "ian", "ant", "ent", "man", "woman")


def names_a_person(noun: Token) -> bool:
    """Whether a noun is one for a person (``professor``, ``spokeswoman``, ``economist``): a role noun,
    or a common noun with an agent's ending that is no kind of organisation, place or document."""
    lemma = lemma_of(noun).lower()
    return noun.pos_ == "NOUN" and (
        lemma in ROLE_NOUNS
        or lemma in PERSON_NOUNS
        or lemma.endswith(_PERSON_SUFFIXES)
        and len(lemma) > 4
        and lemma not in GROUP_NOUNS | ORG_NOUNS | PLACE_NOUNS | DOCUMENT_NOUNS
    )


def fold(text: str) -> str:
    """Lower case, possessive and punctuation off, white space folded."""
    text = re.sub(r"(?:'s|’s|'|’)(?=\s|$)", "", text.lower())
    text = re.sub(r"(?<=\w)['’](?=\w)", "", text)  # "O’Malley" is one word
    return " ".join(re.sub(r"[^\w\s&-]", " ", text).split())


def gender_of_words(words: list[str]) -> str | None:
    """``m`` or ``f`` when a word of a description tells (``spokeswoman``, ``Sir``), else ``None``."""
    m = sum(w in _MALE_NOUNS for w in words)
    f = sum(w in _FEMALE_NOUNS for w in words)
    return "m" if m > f else "f" if f > m else None


@dataclass(slots=True)
class Mention:
    start: int  # char offsets
    end: int
    sent: int  # sentence index
    para: int  # paragraph index
    weight: float  # grammatical role: a subject counts most, a name inside a modifier least
    head: int  # token index of the head
    quoted: bool = False  # inside a quotation: no antecedent for words outside it
    honorific: str | None = None


@dataclass(slots=True)
class Entity:
    id: int
    name: str
    kind: str  # person | organization | group
    words: list[str] = field(default_factory=list)  # the full name's words, folded
    label: str = ""  # the tagger's label of its first name mention (PERSON, ORG, GPE, NORP, or NOUN)
    gender: str | None = None
    plural: bool = False
    roles: list[str] = field(default_factory=list)
    heads: set[str] = field(default_factory=set)  # description nouns: "firm", "agency", "lawyer"
    mentions: list[Mention] = field(default_factory=list)
    votes: Counter[str] = field(default_factory=Counter)
    lexical: bool = False  # the gender is the first name's in the lexicon, not the article's
    sure: bool = False  # ... and the lexicon gives the name to no one of the other sex
    forms: Counter[str] = field(default_factory=Counter)  # full names as written, how often

    @property
    def binding_gender(self) -> str | None:
        """The gender that constrains what may stand for this person (see :func:`binding_gender`)."""
        return binding_gender(self.gender, self.lexical, self.sure)

    def add(self, m: Mention) -> None:
        self.mentions.append(m)

    def add_role(self, role: str) -> None:
        """A role, whole: ``Oscar-winning actress`` takes the place of the ``winning actress`` a parse
        cut at its hyphen, and a role already held whole is not added again in part."""
        low = role.lower()
        for k, have in enumerate(self.roles):
            old = have.lower()
            if old == low or _ends_with_words(old, low):
                return
            if _ends_with_words(low, old):
                self.roles[k] = role
                return
        self.roles.append(role)


def _is_title_word(t: Token) -> bool:
    """A word a title ends in: ``president``, ``chairman``, ``CEO``, ``founder``."""
    low = t.lower_.rstrip(".")
    return (
        low in ROLE_NOUNS
        or t.lower_ in TITLES
        or low.endswith(("founder", "owner", "partner"))
        or (t.is_upper and 2 <= len(t.text) <= 4 and t.text.startswith("C"))  # CEO, CFO, COO, CTO
    )


def _coordinated_titles(doc: Doc, i: int) -> int:
    """The first token of a list of titles ending at token ``i``: ``chairman, CEO and president Craig
    Menear``, ``founder and chief executive Jane Doe`` (the parse hangs such lists anywhere). Each
    title of the list ends in a title word, joined by a comma, ``and`` or ``&``, within the sentence."""
    sent_start = doc[i].sent.start
    first = i
    k = i - 1
    while k > sent_start and doc[k].text in {",", "and", "&"}:
        j = k - 1
        if doc[j].text in {",", "and"} and j > sent_start:  # "chairman, and CEO"
            j -= 1
        if not _is_title_word(doc[j]):
            break
        start = j
        while (
            start - 1 >= sent_start
            and doc[start - 1].pos_ in {"ADJ", "NOUN", "PROPN"}
            and (doc[start - 1].dep_ in {"amod", "compound", "nmod"} or _is_title_word(doc[start - 1]))
            and doc[start - 1].text[:1].isalpha()
            and doc[start - 1].ent_type_ not in {"PERSON", "DATE"}
        ):
            start -= 1
        first = start
        k = start - 1
    return first


def _ends_with_words(longer: str, shorter: str) -> bool:
    """``oscar-winning actress`` ends with ``winning actress`` at a word's edge (a space or a hyphen),
    and says no more than which one (``former governor`` is another role than ``governor``)."""
    if not (
        len(longer) > len(shorter)
        and longer.endswith(shorter)
        and longer[len(longer) - len(shorter) - 1] in " -"
    ):
        return False
    more = longer[: len(longer) - len(shorter)].replace("-", " ").split()
    return not set(more) & {"former", "ex", "then", "onetime", "one-time", "erstwhile", "late"}


def _strip_honorifics(words: list[str]) -> tuple[list[str], str | None]:
    """Leading titles off a person's name words; the gender the first gendered one tells."""
    gender = None
    while len(words) > 1 and words[0].lower().rstrip(".") in _HONORIFIC_WORDS:
        gender = gender or HONORIFICS.get(words[0].lower().rstrip("."))
        words = words[1:]
    return words, gender


def _grammatical_weight(tok: Token) -> float:
    """How much a mention headed by ``tok`` makes its entity the topic: subject 0.6, object 0.2,
    oblique 0, possessor -0.2 (-0.4 outside a subject), a phrase within a noun phrase -0.5, a modifier
    of a noun -1."""
    if tok.dep_ == "appos" and tok.ent_type_ == "PERSON":
        # "Director, security response at Symantec, Kevin Haley, agreed": the parse hangs the name on
        # the firm; the subject is the title whose name it is
        a = tok.head
        while a.dep_ in {"pobj", "prep", "appos", "compound"} and a.head is not a:
            a = a.head
        if a.dep_ in _SUBJECT and (names_a_person(a) or a.lower_ in ROLE_NOUNS):  # "Director," capitalised
            return 0.6
    t = tok
    while t.dep_ in {"appos", "conj", "flat", "compound"} and t.head is not t and t.head.pos_ == "PROPN":
        t = t.head
    dep = t.dep_
    if dep in _SUBJECT:
        return 0.6
    if dep in {"dobj", "dative", "attr", "oprd"}:
        return 0.2
    if dep == "poss":
        return -0.2 if t.head.dep_ in _SUBJECT else -0.4
    if dep == "pobj":
        prep = t.head
        if prep.head.pos_ in {"NOUN", "PROPN"}:  # "an interview with Trump's lawyer"
            return -0.5
        return 0.0
    if dep in {"compound", "amod", "nmod", "npadvmod"}:
        return -1.0  # "the Kinder Morgan pipeline", "the Trump administration"
    return 0.0


class Entities:
    """The people and organisations of one parsed document."""

    def __init__(self, doc: Doc, quotes: QuoteIndex | None = None, text: str | None = None) -> None:
        self.doc = doc
        self.quotes = quotes
        # the whole text, paragraphs left unparsed too (``doc`` may have them blanked)
        self.full_text = text
        self.list: list[Entity] = []
        self._by_form: dict[str, Entity] = {}  # folded full names and organisation forms
        self._at: list[tuple[int, int, int]] = []  # (start, end, entity id) of every mention, sorted
        self._ids: dict[int, Entity] = {}  # entity id -> entity (a merged entity's id -> the one it joined)
        self._titled: dict[int, str] = {}  # "Lady Starmer" where the tagger took the title into the name
        self._suffix: dict[int, str] = {}  # "Jr." of a full name: written, but no part of its short forms
        self._title_role: dict[int, str] = {}  # "Gov." the tagger took into the name "Gov. Kristi Noem"
        text = doc_text(doc)
        self._sent_starts = [s.start_char for s in sentences(doc)]
        self._para_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n|\n", text)]
        self._gather()

    # -- positions -----------------------------------------------------------------------------

    def sentence_index(self, at: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, at) - 1)

    def paragraph_index(self, at: int) -> int:
        return max(0, bisect.bisect_right(self._para_starts, at) - 1)

    def quoted(self, at: int) -> bool:
        """Whether char ``at`` is inside a quotation (a mention there names no one who speaks)."""
        return self.quotes is not None and self.quotes.inside(at)

    def _mention(self, start: int, end: int, head: Token, honorific: str | None = None) -> Mention:
        return Mention(
            start,
            end,
            self.sentence_index(start),
            self.paragraph_index(start),
            _grammatical_weight(head),
            head.i,
            self.quoted(start),
            honorific,
        )

    def _new(self, name: str, kind: str, words: list[str], label: str) -> Entity:
        e = Entity(len(self._ids), name, kind, words, label)
        self.list.append(e)
        self._ids[e.id] = e
        return e

    def _link(self, e: Entity, m: Mention) -> None:
        e.add(m)
        bisect.insort(self._at, (m.start, m.end, e.id))

    # -- lookups -------------------------------------------------------------------------------

    def at(self, start: int, end: int) -> Entity | None:
        """The entity of the mention that overlaps chars [start, end) most, if any."""
        i = bisect.bisect_left(self._at, (start - 200, 0, 0))
        best, best_len = None, 0
        while i < len(self._at) and self._at[i][0] < end:
            s, e, eid = self._at[i]
            overlap = min(e, end) - max(s, start)
            if overlap > best_len:
                best, best_len = self._ids[eid], overlap
            i += 1
        return best

    def by_name(self, name: str | None) -> Entity | None:
        """The entity a name (full, short or initials) stands for in this document."""
        if not name:
            return None
        key = fold(name)
        if key in self._by_form:
            return self._by_form[key]
        letters = name.replace(".", "")
        if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper():
            # "says WHO", "According to LN": initials the tagger took for no name, of the one
            # organisation the article names in full ("the World Health Organization")
            # compared letter by letter: "W.H.O." folds to "w h o"
            spelled = [e for e in self.list if e.kind != "person" and _initials(e.words) == letters.lower()]
            return spelled[0] if len(spelled) == 1 else None
        words = key.split()
        if words and words[0] in _HONORIFIC_WORDS and len(words) > 1:
            words = words[1:]
        if not words:
            return None
        hits = [e for e in self.list if e.kind == "person" and _short_form(words, e.words)]
        return hits[0] if len(hits) == 1 else None

    # -- building ------------------------------------------------------------------------------

    def _gather(self) -> None:
        doc = self.doc
        people: list[tuple[SpacySpan, list[str], str | None]] = []
        orgs: list[SpacySpan] = []
        correct_entities(doc)
        for ent in entities(doc):
            if ent.label_ == "PERSON":
                while (
                    len(ent) > 1
                    and ent[0].pos_ in {"ADP", "SCONJ", "CCONJ", "DET", "ADV", "PART"}
                    and (ent[0].is_stop or first_name_gender(ent[0].text) is None)  # not "Carly" read as RB
                ):
                    ent = doc[ent.start + 1 : ent.end]  # "Without Bloomberg": a sentence's first word
                    ent.label_ = "PERSON"
                dash = [t.i for t in ent[:-1] if t.text in {"-", "–", "—"} and t.whitespace_]
                if dash:  # "Weak - Rubio - weak on …": a spaced dash joins no name's words
                    ent = doc[dash[-1] + 1 : ent.end]
                    ent.label_ = "PERSON"
                text = ent.text
                if "/" in text or "|" in text or text.islower():
                    continue
                words = [w for w in re.sub(r"(?:'s|’s|'|’)$", "", text.strip()).split()]
                honorific = None
                if ent.start > 0 and doc[ent.start - 1].lower_.rstrip(".") in HONORIFICS:
                    honorific = HONORIFICS[doc[ent.start - 1].lower_.rstrip(".")]
                titled, h2 = _strip_honorifics(words)
                honorific = honorific or h2
                title = [
                    w for w in words[: len(words) - len(titled)] if w.lower().rstrip(".") not in _ADDRESS
                ]
                if title and title[-1].lower() not in {"former", "acting"}:
                    self._title_role[ent.start_char] = " ".join(title)  # "Gov. Kristi Noem": a position
                words = titled
                words = [_name_word(w) for w in words if _name_word(w)]
                suffix = ""
                while len(words) > 2 and _SUFFIX.fullmatch(words[-1].rstrip(",")):
                    suffix = f"{words.pop().rstrip(',')} {suffix}".strip()  # "Patrick W. Carlineo Jr."
                if suffix:
                    self._suffix[ent.start_char] = suffix
                if words:
                    people.append((ent, words, honorific))
                    if h2 and len(words) == 1:
                        self._titled[ent.start_char] = ent.text.strip()
            elif ent.label_ in _ORG_LABELS:
                orgs.append(ent)
        # pass 1: full names
        singles: list[tuple[SpacySpan, list[str], str | None]] = []
        # the longest names first, so that "Al Turkmani" finds "Ragheb Al Turkmani" whatever the order
        for ent, words, hon in sorted(people, key=lambda p: -len(p[1])):
            if len(words) < 2:
                singles.append((ent, words, hon))
                continue
            folded = [fold(w) for w in words]
            suffix = self._suffix.get(ent.start_char)
            key = folded + [fold(suffix).rstrip(".")] if suffix else folded  # the son is not the father
            e = self._full_name_entity(key, " ".join(words + ([suffix] if suffix else [])), hon)
            self._link(e, self._mention(ent.start_char, ent.end_char, ent.root, hon))
            self._premodifier_role(e, ent)
        for e in self.list:  # named by the full form written most ("Chris Christie", not a headline's
            if e.forms:  # "Chris Christie Address Heroin"), the longer of two as frequent
                e.name = max(e.forms, key=lambda f: (e.forms[f], "." not in f, len(f)))
                words = e.name.split()
                while len(words) > 2 and _SUFFIX.fullmatch(words[-1]):
                    words.pop()
                e.words = [fold(w) for w in words]
        # pass 2: organisations, their initials
        self._gather_orgs(orgs)
        # pass 3: short names join the one full name they are part of
        self._learn_genders(only_full=True)
        as_person = Counter(fold(words[0]) for _, words, _ in singles)
        for ent, words, hon in singles:
            key = fold(words[0])
            title = self._titled.get(ent.start_char, "").split()[:1] or (
                [self.doc[ent.start - 1].text] if ent.start > 0 else []
            )
            named = f"{title[0]} {words[0]}" if title and title[0].lower() in _ROYAL else words[0]
            e = self._short_name_entity(key, words[0], hon, ent.start_char)
            if e is None:
                org = self._by_form.get(key)
                if org is not None and org.kind != "person":
                    if org.label != "ORG" or as_person[key] < len(org.mentions):
                        continue  # "Ford" the company, tagged once as a person
                    org.kind, org.label = "person", "PERSON"  # "Trump", tagged once as an organisation
                    e = org
                else:
                    e = self._new(named, "person", [key], "PERSON")
                    self._by_form[key] = e
            if len(e.words) == 1 and len(named) > len(e.name):
                e.name = named  # "Andrew", then "Prince Andrew": named as a reader knows him
            self._link(e, self._mention(ent.start_char, ent.end_char, ent.root, hon))
            self._premodifier_role(e, ent)
        # pass 3b: "Bloomberg" the tagger called an organisation, in an article that names Michael Bloomberg
        self._surnames_tagged_as_orgs()
        # pass 4: the names the tagger missed where the article names them elsewhere
        self._untagged_names()
        # pass 5: descriptions of organisations and roles of people
        self._gather_nominals()
        self._learn_genders(only_full=False)

    def _premodifier_role(self, e: Entity, ent: SpacySpan) -> None:
        """``Wild coach Bruce Boudreau``, ``Prime Minister Keir Starmer``: the words before a name
        that describe the person (not an honorific, an article or a possessor)."""
        title = self._title_role.get(ent.start_char)
        if title:
            e.add_role(title)
        doc, i = self.doc, ent.start - 1
        inside = set(range(ent.start, ent.end))
        while i >= 0:
            if i >= 2 and _hyphen_joined(doc, i - 1):
                # "Wikileaks co-founder Julian Assange", "editor-in-chief": a word written with hyphens
                # is one word, however the parser hung its parts, and a name just before it belongs to
                # the title
                j = i
                while j >= 2 and _hyphen_joined(doc, j - 1):
                    inside.update((j, j - 1))
                    j -= 2
                inside.add(j)
                i = j - 1
                while i >= 0 and doc[i].pos_ == "PROPN" and doc[i].ent_type_ != "PERSON":
                    inside.add(i)
                    i -= 1
                continue
            if doc[i].dep_ not in _PREMODIFIER or doc[i].text in {",", "(", "“", '"'}:
                break
            if doc[i].head.i not in inside and doc[i].head.i <= i:
                break
            inside.add(i)
            i -= 1
        words = [t for t in doc[i + 1 : ent.start]]
        while words and (
            words[0].is_punct
            or words[0].lower_.rstrip(".") in _ADDRESS
            or (words[0].is_sent_start and words[0].lower_.endswith("ing"))  # "Hosting Cook at …"
        ):
            words = words[1:]
        while words and (words[-1].is_punct or words[-1].lower_.rstrip(".") in _ADDRESS):
            words = words[:-1]
        if (
            words
            and any(t.text[:1].isalpha() for t in words)  # "Gov." is a word, though not all letters
            and not any(t.ent_type_ == "DATE" for t in words)
            and words[-1].lower_ not in ORG_NOUNS | {"family", "families"}  # "Syrian refugee family X"
        ):
            first = _coordinated_titles(doc, words[0].i) if _is_title_word(words[-1]) else words[0].i
            role = doc[first : words[-1].i + 1].text
            if len(role.split()) <= 8:
                e.add_role(role)

    def _full_name_entity(self, folded: list[str], name: str, hon: str | None) -> Entity:
        key = " ".join(folded)
        found = self._by_form.get(key)
        if found is None:
            longer = [
                e
                for e in self.list
                if _short_form(folded, e.words)
                and not (len(folded) >= 2 and _SUFFIX.fullmatch(e.words[-1]) and folded[-1] != e.words[-1])
            ]  # "Donald Trump" is no short form of "Donald Trump Jr."
            if len(longer) == 1:  # "Al Turkmani" of "Ragheb Al Turkmani", "Covington Catholic" of its school
                found = longer[0]
        for e in self.list if found is None else ():  # "Donald J. Trump" and "Donald Trump"
            if (
                e.kind == "person"
                and len(e.words) >= 2
                and e.words[0] == folded[0]
                and e.words[-1] == folded[-1]
            ):
                found = e
                break
        if found is not None:
            self._by_form[key] = found
            found.forms[name] += 1
            return found
        e = self._new(name, "person", folded, "PERSON")
        e.forms[name] += 1
        if folded[-1] in ORG_NOUNS | DESIGNATORS:  # "Covington Catholic High School", "Dick Clark
            # Productions", tagged as a person
            e.kind, e.label = "organization", "ORG"
        self._by_form[key] = e
        return e

    def _short_name_entity(self, key: str, word: str, hon: str | None, at: int) -> Entity | None:
        """The full-name entity a lone surname or first name belongs to; ``None`` when there is none,
        or several and the article does not tell which."""
        surname = [e for e in self.list if e.kind == "person" and len(e.words) >= 2 and e.words[-1] == key]
        first = [e for e in self.list if e.kind == "person" and len(e.words) >= 2 and e.words[0] == key]
        here = self.sentence_index(at)

        def beside(e: Entity) -> bool:
            """Named in the same sentence by another mention: ``Keir Starmer … with Lady Starmer``
            names two people (one clause does not name one person twice but by apposition), unless
            under the same title (``Mrs. Schlafly's brigades … (Mrs. Schlafly was Roman Catholic)``)."""
            return any(
                m.start != at and self.sentence_index(m.start) == here and (hon is None or m.honorific != hon)
                for m in e.mentions
            )

        if hon is not None and f"{hon}:{key}" in self._by_form:
            return self._by_form[f"{hon}:{key}"]  # "Lady Starmer" again: the one named so before
        for cands in (surname, first):
            if hon is not None:
                # a gender only the first-name lexicon gave yields to the title ("Bernie", "Mr. Sanders")
                # unless no one of the other sex has the name ("Mrs. Schlafly" is not John Schlafly)
                cands = [e for e in cands if e.binding_gender in {None, hon} and not beside(e)]
            if len(cands) > 1:
                # "Grayson said of his fiancée": a his/her bound to the lone surname tells which namesake
                votes = _bound_pronouns(self.doc[self.token_at(at)], {}, -1, logophoric=False)
                if bool(votes["m"]) != bool(votes["f"]):
                    told = "m" if votes["m"] else "f"
                    cands = [e for e in cands if e.gender in {None, told}] or cands
            if not cands:
                continue
            if len(cands) == 1:
                return cands[0]
            # several people of that surname: the one named in this sentence or the one before, else
            # the one named most so far (a story about Hillary Clinton that names her husband once says
            # "Bill Clinton" or "Mr. Clinton" for him, and "Clinton" for her), else the one named most
            before = [(max((m.start for m in e.mentions if m.start < at), default=-1), e) for e in cands]
            last = max(before, key=lambda x: x[0])
            if last[0] < 0:
                return max(cands, key=lambda e: len(e.mentions))
            if self.sentence_index(last[0]) >= here - 1:
                return last[1]
            return max(before, key=lambda x: (sum(m.start < at for m in x[1].mentions), x[0]))[1]
        if hon is not None and f"{hon}:{key}" in self._by_form:
            return self._by_form[f"{hon}:{key}"]
        same = [e for e in self.list if e.kind == "person" and e.words[-1:] == [key]]
        if hon is not None and any(
            # a lone surname beside its honorific form is one person ("President Trump's advisers
            # suggested …, Mr. Trump wasn't satisfied"); a full name beside it may be two
            e.binding_gender not in {None, hon} or (beside(e) and len(e.words) >= 2)
            for e in same
        ):
            # "Lady Starmer" beside Keir Starmer: her own entity, named with her title
            e = self._by_form.get(f"{hon}:{key}")
            if e is None:
                i = self.token_at(at)
                title = (
                    self.doc[i - 1].text if i > 0 and self.doc[i - 1].lower_.rstrip(".") in HONORIFICS else ""
                )
                name = self._titled.get(at) or f"{title} {word}".strip()
                e = self._new(name, "person", [key], "PERSON")
                e.votes[hon] += 3
                self._by_form[f"{hon}:{key}"] = e
            return e
        single = self._by_form.get(key)  # "Trump", then "Mr. Trump"
        return single if single is not None and single.kind == "person" else None

    def token_at(self, char: int) -> int:
        """The index of the token at char ``char`` (0 when it is past the text)."""
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span.start if span is not None else 0

    def _gather_orgs(self, orgs: list[SpacySpan]) -> None:
        for ent in orgs:
            if ent.label_ == "NORP" and ent.root.dep_ in {"amod", "compound"}:
                continue  # "the Israeli military": the adjective is no speaker
            if ent.root.dep_ == "compound" and not ent.start <= ent.root.head.i < ent.end:
                continue  # "a Pentagon spokesman", "Transport Minister David Chen"
            name = re.sub(r"^(?:the|The)\s+", "", re.sub(r"(?:'s|’s|'|’)$", "", ent.text.strip())).strip()
            key = fold(name)
            if not key or len(key) < 2:
                continue
            e = self._by_form.get(key)
            if e is not None and e.kind == "person" and len(e.words) >= 2 and key.split() == e.words:
                e.votes["org"] += 1  # "Covington Catholic": a full name the tagger also calls a place
            if e is None and ent.label_ != "NORP" and len(key.split()) <= 2:
                # "Myers" tagged as an organisation where the article names Ben Myers: the person
                people = [p for p in self.list if p.kind == "person" and _short_form(key.split(), p.words)]
                e = people[0] if len(people) == 1 else None
            if e is None:
                e = self._new(name, "organization", key.split(), ent.label_)
                if ent.label_ == "NORP" and ent.root.tag_ in {"NNPS", "NNS"}:
                    e.plural = True
                    e.kind = "group"
                self._by_form[key] = e
                last = key.split()[-1]
                if last in ORG_NOUNS and len(key.split()) > 1:
                    e.heads.add(last)  # "Institute for Fiscal Studies" is "the institute"
                root = ent.root.lower_
                if root in ORG_NOUNS and len(key.split()) > 1:
                    e.heads.add(root)  # "U.S. Attorney's Office for the Western District": "the office"
            self._link(e, self._mention(ent.start_char, ent.end_char, ent.root))
        for e in self.list:  # tagged as an organisation or a place in a quarter of its mentions
            if (
                e.kind == "person"
                and e.votes["org"]
                and 4 * e.votes["org"] >= len(e.mentions) - e.votes["org"]
            ):
                e.kind, e.label = "organization", "ORG"
        # initials: "DEA" is the Drug Enforcement Administration named in full somewhere
        spellings: dict[str, set[str]] | None = None  # read from the whole text once, when first asked
        for e in list(self.list):
            dotted = len(e.words) > 1 and all(len(w) == 1 for w in e.words)  # "W.H.O." folds to "w h o"
            if (
                e.kind == "person"
                or (len(e.words) != 1 and not dotted)
                or not e.name.replace(".", "").isupper()
            ):
                continue
            initials = "".join(e.words)  # folded: no full stops left
            full = [
                o for o in self.list if o is not e and o.kind != "person" and _initials(o.words) == initials
            ]
            if len(full) == 1:
                self._merge(full[0], e)
                continue
            if full or self.full_text is None or len(initials) < 2:
                continue
            if spellings is None:
                spellings = _spellings(self.full_text)
            spelled = spellings.get(initials, set())
            name = next(iter(spelled)) if len(spelled) == 1 else None
            if name is not None and not any(o.words == fold(name).split() for o in self.list):
                # "DEA" where the Drug Enforcement Administration is named only in a paragraph left
                # unparsed (no statement in it): its name in full all the same (not when the parse
                # saw that name and took it for something else). Only the name it is given: what
                # the entity is and what its mentions match stay the initials'
                e.name = name

    def _surnames_tagged_as_orgs(self) -> None:
        """A one-word organisation that is the surname of exactly one person the article names in
        full (or of one named at least twice as often as any other of that surname) is that person
        (the tagger reads "Bloomberg", "Trump" as a company as often as not): its mentions join the
        person's, unless it is written as an organisation's name somewhere
        (``Bloomberg News``, ``the Trump Organization`` are organisations of their own)."""
        for e in list(self.list):
            if e.kind != "organization" or e.label != "ORG" or len(e.words) != 1 or e.forms:
                continue
            people = [
                p for p in self.list if p.kind == "person" and len(p.words) >= 2 and p.words[-1] == e.words[0]
            ]
            people.sort(key=lambda p: len(p.mentions), reverse=True)
            if len(people) > 1 and len(people[0].mentions) >= 2 * len(people[1].mentions):
                people = people[:1]  # Donald Trump named twice as often as Ivanka: "Trump" is he
            if len(people) != 1:
                continue
            person = people[0]
            # an organisation that holds the whole name ("CLEVELAND - Donald Trump") is the person, mis-tagged
            full = set(person.words)
            if any(
                o is not e and o.kind == "organization" and e.words[0] in o.words and not full <= set(o.words)
                for o in self.list
            ):
                continue
            self._merge(person, e)

    def _merge(self, into: Entity, other: Entity) -> None:
        for m in other.mentions:
            into.add(m)
        into.mentions.sort(key=lambda m: m.start)
        for eid, e in self._ids.items():
            if e is other:
                self._ids[eid] = into
        for k, v in list(self._by_form.items()):
            if v is other:
                self._by_form[k] = into
        into.heads |= other.heads
        for role in other.roles:
            into.add_role(role)
        self.list.remove(other)

    def _untagged_names(self) -> None:
        """``TransLink says``, ``Sabatier encourages``, ``but Early still says``: a capitalised word or
        run of words that is a name the article gives elsewhere (a full name, an organisation's name,
        a person's surname, that one person's only) is a mention of it, tagged or not."""
        doc = self.doc
        forms = {k: e for k, e in self._by_form.items() if ":" not in k and not k.startswith("~")}
        surnames: dict[str, Entity | None] = {}
        namesakes: dict[str, list[Entity]] = {}
        for e in self.list:
            if e.kind == "person" and len(e.words) >= 2:
                surnames[e.words[-1]] = None if e.words[-1] in surnames else e
                namesakes.setdefault(e.words[-1], []).append(e)
        i, n_tok = 0, len(doc)
        while i < n_tok:
            t = doc[i]
            if not (t.text[:1].isupper() and t.is_alpha) or (
                t.is_sent_start and t.pos_ != "PROPN" and not _surname_as_subject(t, namesakes)
            ):
                i += 1
                continue
            j = i
            while j < n_tok and j - i < 4 and doc[j].text[:1].isupper() and doc[j].is_alpha:
                j += 1
            for k in range(j, i, -1):
                span = doc[i:k]
                key = fold(span.text)
                e = forms.get(key) or (surnames.get(key) if k == i + 1 else None)
                if e is None and k == i + 1 and key in namesakes:
                    e = _by_bound_gender(t, namesakes[key])  # "Woods continued in her discussion"
                if e is None or self.at(span.start_char, span.end_char) is not None:
                    continue
                if e.kind == "person" and k == i + 1 and t.pos_ not in {"PROPN", "NOUN", "ADV", "ADJ"}:
                    continue
                other = self._namesake(i, e) if k == i + 1 and e.kind == "person" else None
                if other is not None:  # "Ivanka Trump" where the article names Donald Trump
                    e, span = other, doc[i - 1 : k]
                self._link(e, self._mention(span.start_char, span.end_char, span.root))
                i = k - 1
                break
            i += 1

    def _namesake(self, i: int, e: Entity) -> Entity | None:
        """The person ``Ivanka Trump`` is when the tagger missed the name and the article's only
        Trump so far is Donald: a first name the name lexicon knows, before the surname of a person
        with another first name, makes a person of their own."""
        if i == 0:
            return None
        first = self.doc[i - 1]
        word = fold(first.text)
        if (
            first.pos_ != "PROPN"
            or not first.is_alpha
            or not first.text[:1].isupper()
            or word in e.words
            or first.lower_ in TITLES
            or first_name_gender(first.text) is None
            or self.at(first.idx, first.idx + len(first)) is not None
        ):
            return None
        name = f"{first.text} {self.doc[i].text}"
        return self._full_name_entity([word, e.words[-1]], name, None)

    def _gather_nominals(self) -> None:
        """Descriptions: appositives and premodifiers of names give roles and description nouns;
        an unnamed kind of organisation (``the Israeli military``) is an entity of its own."""
        doc = self.doc
        for tok in doc:
            if tok.pos_ not in {"NOUN", "PROPN"} or self.quoted(tok.idx):
                continue
            if tok.dep_ == "appos" or (
                tok.dep_ == "compound" and tok.pos_ == "NOUN" and tok.head.pos_ == "PROPN"
            ):
                self._apposition(tok)
            if tok.dep_ == "pobj" and tok.pos_ == "NOUN":
                self._as_role(tok)
            if tok.dep_ == "attr" and tok.pos_ == "NOUN":
                self._relative_role(tok)
            if tok.pos_ != "NOUN" or tok.dep_ in {"compound", "amod"}:
                continue
            lemma = lemma_of(tok).lower()
            if lemma in _OWN_ORG_NOUNS and self.at(tok.idx, tok.idx + len(tok)) is None:
                self._own_org(tok, lemma)
            elif tok.tag_ == "NN" and lemma in PERSON_NOUNS and any(c.dep_ == "poss" for c in tok.children):
                self._possessed_person(tok, lemma)
            elif tok.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
                self._described_person(tok, lemma)
            elif (
                tok.tag_ == "NNS"
                and (lemma in ROLE_NOUNS or tok.lower_ in GROUP_NOUNS)
                and tok.lower_ not in _VAGUE
            ):
                self._group(tok, lemma)

    def _apposition(self, tok: Token) -> None:
        """``the security firm Cisco Talos``, ``The group, WeWorkers Coalition,``, ``Kirby, a
        spokesman``: the description's noun and words go to the named entity."""
        other = tok.head
        for noun, name in ((tok, other), (other, tok)):
            if (
                noun.pos_ != "NOUN"
                or len(noun) < 3
                or (noun.i + 1 < len(self.doc) and self.doc[noun.i + 1].text == "-")
            ):
                continue  # "co-founder": not the "co"
            e = self.at(name.idx, name.idx + len(name))
            if self.at(noun.idx, noun.idx + len(noun)) is not None:
                continue
            if e is None:
                e = self._untagged_person(name, noun)
                if e is None:
                    continue
            lemma = lemma_of(noun).lower()
            e.heads.add(lemma)
            if (
                e.kind == "organization"
                and e.label in {"ORG", "GPE", "NORP"}
                and (len(e.words) >= 2 or len(e.mentions) == 1)
                and noun.head.i == name.i
                and names_a_person(noun)
            ):
                # "Eswar Prasad, a trade professor", "Roman, a resident of the area", tagged as a place
                e.kind, e.label = "person", "PERSON"
            if e.kind == "person" and lemma in ORG_NOUNS:
                # "the security firm Cisco Talos", tagged as a person: only a description that is the
                # name's own premodifier or appositive, and of a "person" the article gives no gender
                if e.gender is None and (noun.head.i == name.i or name.head.i == noun.i):
                    e.kind = "organization"
                else:
                    e.heads.discard(lemma)
            elif e.kind == "person":
                owner = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else None
                if owner is not None and not names_a_person(noun) and names_a_person(owner):
                    # "The author of the book, Mitchell Zuckoff", parsed as the book's appositive:
                    # the person is the author, not the book
                    e.heads.discard(lemma)
                    e.heads.add(lemma_of(owner).lower())
                    noun = owner
                self._add_role(e, noun, name)
            return

    def _add_role(self, e: Entity, noun: Token, name: Token | None = None) -> None:
        """The description headed by ``noun`` as the person's role: ``a consultant chest physician at
        BMI Albyn Hospital in Aberdeen, Scotland`` — without a clause that tells more about them (``who
        …``, ``speaking to …``), and cut at a comma when still longer than a title runs (``…,
        Scotland, about a 30-minute drive from …``)."""
        if any(c.dep_ == "poss" and c.lower_ == "whose" for c in noun.children):
            return  # "Dorothy Woods, whose husband, Navy SEAL Ty Woods, …": his role, not hers
        role = role_phrase(noun, name)
        if role:
            e.add_role(role)

    def _relative_role(self, tok: Token) -> None:
        """``said Howitt, who is now an immunologist at Stanford University``: the noun a relative
        clause of being gives the person is their role."""
        verb = tok.head
        if not (verb.dep_ == "relcl" and verb.lemma_ == "be" and names_a_person(tok)):
            return
        if not any(c.dep_ in _SUBJECT and c.lower_ in {"who", "that"} for c in verb.children):
            return
        self._describe_person(verb.head, tok)

    def _as_role(self, tok: Token) -> None:
        """``As a lung biologist at the University of Pennsylvania, Andrew Vaughan followed …``: the
        noun of a fronted "as" phrase is the role of the clause's subject."""
        prep = tok.head
        if not (tok.dep_ == "pobj" and prep.lower_ == "as" and prep.i < tok.i and names_a_person(tok)):
            return
        verb = prep.head
        subjects = [c for c in verb.children if c.dep_ in _SUBJECT and c.i > tok.i]
        if verb.pos_ not in {"VERB", "AUX"} or not subjects:
            return
        self._describe_person(subjects[0], tok)

    def _describe_person(self, name: Token, noun: Token) -> None:
        """``noun`` describes the person whose mention ``name`` heads: a description noun and a role."""
        e = self.at(name.idx, name.idx + len(name))
        if e is not None and e.kind == "person":
            e.heads.add(lemma_of(noun).lower())
            self._add_role(e, noun)

    def _described_person(self, tok: Token, lemma: str) -> None:
        """``the mayor``: a mention of the one person named before whose role or description ends in
        that noun (``Mayor Doug McCallum``); none when two people fit or nobody does."""
        if self.at(tok.idx, tok.idx + len(tok)) is not None or any(
            c.dep_ in {"prep", "relcl", "acl", "compound", "poss"} for c in tok.children
        ):
            return  # "the mayor of Paris", "the mayor who …": a description of its own
        fits = [
            e
            for e in self.list
            if e.kind == "person"
            and len(e.words) >= 2
            and e.mentions
            and e.mentions[0].start < tok.idx
            and (lemma in e.heads or any(_role_head(r) == lemma for r in e.roles))
        ]
        if len(fits) == 1:
            det = next(c for c in tok.children if c.dep_ == "det")
            start = min([det.idx] + [c.idx for c in tok.children if c.dep_ == "amod" and c.i < tok.i])
            self._link(fits[0], self._mention(start, tok.idx + len(tok), tok))

    def _untagged_person(self, name: Token, noun: Token) -> Entity | None:
        """``Yuni, a resident of Lampung``: a capitalised name the tagger left out, whose appositive
        is a noun for a person, is a person."""
        if (
            name.pos_ != "PROPN"
            or not name.is_title
            or name.ent_type_ in {"LOC", "GPE", "FAC", "DATE", "EVENT"}  # "in Jupiter, Fla., the …"
            or noun.head.i != name.i
            or noun.dep_ != "appos"
            or not names_a_person(noun)
            or self.quoted(name.idx)
        ):
            return None
        start = name.i
        while start > 0 and self.doc[start - 1].dep_ == "compound" and self.doc[start - 1].is_title:
            start -= 1
        if start == name.sent.start and name.i == start and lemma_of(name).lower() in ORG_NOUNS:
            return None
        words = [t.text for t in self.doc[start : name.i + 1]]
        key = " ".join(fold(w) for w in words)
        e = self._by_form.get(key) or self._new(" ".join(words), "person", key.split(), "PERSON")
        self._by_form[key] = e
        self._link(e, self._mention(self.doc[start].idx, name.idx + len(name), name))
        return e

    def _possessed_person(self, tok: Token, lemma: str) -> None:
        """``Smith's lawyer``: a person of their own, described; a later ``the lawyer`` is them."""
        if self.at(tok.idx, tok.idx + len(tok)) is not None:
            return
        start = min(c.left_edge.i for c in tok.children if c.i < tok.i)
        name = self.doc[start : tok.i + 1].text
        e = self._new(name, "person", fold(name).split(), "NOUN")
        e.heads.add(lemma)
        e.gender = gender_of_words([lemma])
        self._link(e, self._mention(self.doc[start].idx, tok.idx + len(tok), tok))

    def _group(self, tok: Token, lemma: str) -> None:
        """``Three Republican lawmakers`` -> a group; a later ``the lawmakers`` (no other words) is the
        last group of that noun, and so is the ``they`` that follows them."""
        if self.at(tok.idx, tok.idx + len(tok)) is not None:
            return
        mods = [c for c in tok.children if c.i < tok.i and c.dep_ in {"amod", "compound", "poss", "nmod"}]
        start = min([tok.i] + [c.left_edge.i for c in mods])
        name = self.doc[start : tok.i + 1].text
        e = None
        if not mods:
            same = [x for x in self.list if x.kind == "group" and lemma in x.heads]
            e = same[-1] if same else None
        if e is None:
            e = self._new(name, "group", fold(name).split(), "NOUN")
            e.plural = True
            e.heads.add(lemma)
        self._link(e, self._mention(self.doc[start].idx, tok.idx + len(tok), tok))

    def _own_org(self, tok: Token, lemma: str) -> None:
        """``the Israeli military`` -> an entity ``Israeli military``; a later ``the military`` too."""
        mods = [c for c in tok.children if c.dep_ in {"amod", "compound", "poss"} and c.i < tok.i]
        start = min([tok.i] + [c.left_edge.i for c in mods])
        name = self.doc[start : tok.i + 1].text  # "Israel's military": its "'s" off, one space kept
        name = re.sub(r"(?:'s|’s)\s", " ", name)
        key = f"~{fold(name)}"
        e = self._by_form.get(key)
        if e is None and not mods:
            same = [x for x in self.list if lemma in x.heads and x.kind != "person"]
            e = same[-1] if same else None
        if e is None:
            e = self._new(name, "organization", fold(name).split(), "NOUN")
            e.heads.add(lemma)
            self._by_form[key] = e
        self._link(e, self._mention(self.doc[start].idx, tok.idx + len(tok), tok))

    def _learn_genders(self, *, only_full: bool) -> None:
        """Votes from the article: pronouns in sentences that name only this person (outside quotes),
        honorifics, gendered role nouns; the first name's lexicon when the article says nothing."""
        persons = [
            e
            for e in self.list
            if e.kind == "person" and e.label == "PERSON" and (len(e.words) >= 2 or not only_full)
        ]
        if not persons:
            return
        by_sent: dict[int, set[int]] = {}
        for e in persons:
            for m in e.mentions:
                if not m.quoted:
                    by_sent.setdefault(m.sent, set()).add(e.id)
        sents = sentences(self.doc)
        votes: dict[int, Counter[str]] = {e.id: Counter() for e in persons}
        for k, people in by_sent.items():
            if len(people) != 1:
                continue
            (pid,) = people
            words = [t for t in sents[k] if not self.quoted(t.idx)]
            if k + 1 < len(sents) and not (by_sent.get(k + 1, set()) - {pid}):
                words += [t for t in sents[k + 1][:12] if not self.quoted(t.idx)]
            votes[pid]["n"] += sum(_refers_as_it(t) for t in words)
        heads = {m.head: e.id for e in self.list if e.kind == "person" for m in e.mentions}
        for e in persons:
            for m in e.mentions:
                if not m.quoted:
                    votes[e.id].update(_bound_pronouns(self.doc[m.head], heads, e.id))
        for e in persons:
            v = votes[e.id] + e.votes
            if (
                not only_full
                and v["n"] >= 2
                and not v["m"]
                and not v["f"]
                and not e.roles
                and not any(m.honorific for m in e.mentions)
            ):
                if len(e.words) == 1 or first_name_gender(e.words[0]) is None:
                    e.kind, e.label = "organization", "ORG"  # "Strava said its data …": it, not he or she
                    continue
            for m in e.mentions:
                if m.honorific:
                    v[m.honorific] += 3
            # the title's words, not those of what it is of ("owner of the … Miss Universe pageant")
            g = gender_of_words([w for r in e.roles for w in _role_title(r)])
            if g:
                v[g] += 3
            lexical = first_name_gender(e.words[0]) if len(e.words) >= 2 else None
            if lexical:
                v[lexical] += _LEXICON_VOTES  # a prior: the article's own words can overrule it
            if v["m"] != v["f"]:
                e.gender = "m" if v["m"] > v["f"] else "f"
                e.lexical = (
                    lexical == e.gender and v[e.gender] - v["m" if e.gender == "f" else "f"] <= _LEXICON_VOTES
                )
                e.sure = e.lexical and first_name_sure(e.words[0])
            else:
                e.gender = None


def binding_gender(gender: str | None, lexical: bool, sure: bool) -> str | None:
    """A gender as a constraint: the article's own, or the first-name lexicon's when the lexicon gives
    the name to no one of the other sex; a lexicon gender that is only a prior constrains nothing."""
    return None if lexical and not sure else gender


_LEXICON_VOTES = 2  # the first name's gender in the lexicon counts as much as two bound pronouns
_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "conj", "csubj", "appos"})


def _bound_pronouns(
    head: Token, persons: dict[int, int], me: int, *, logophoric: bool = True
) -> Counter[str]:
    """Gender votes a person's subject mention binds: ``his``/``her``/``himself``/``herself`` in the
    clause it is the subject of (``Clinton accepted her party's nomination``, ``Sanders vowed to
    continue his campaign``), not in a clause below it (``Clinton said his remarks …``, a relative
    clause), and only where the clause names no other person (``Clinton met Trump and his wife``); one
    in a phrase before the subject only where the sentence names no other person (``Given his views,
    Gokool is hopeful Lametti might …``: a pronoun ahead of its subject may look further on).
    ``logophoric=False`` leaves out the he/she subject of what they say, a weaker sign."""
    votes: Counter[str] = Counter()
    if head.dep_ not in _SUBJECT or head.head is head:
        return votes
    verb = head.head
    # the verbs the subject is the subject of: its own, and those coordinated with it that have no
    # subject of their own ("Lonechild is new to advocacy work, but has already proven herself")
    verbs = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}
                      and not any(g.dep_ in _SUBJECT for g in c.children)]  # fmt: skip
    region: list[Token] = []
    stack = [c for v in verbs for c in v.children if c.i != head.i and c.dep_ not in _CLAUSES]
    while stack:
        t = stack.pop()
        region.append(t)
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSES)
    if any(persons.get(t.i, me) != me for t in region):
        return votes
    sent = head.sent
    others = any(persons.get(i, me) != me for i in range(sent.start, sent.end))
    if not others and logophoric:
        # "Lonechild said she started …": the he/she subject of what the subject says or thinks, in a
        # sentence that names no one else
        region += [
            g for v in verbs for c in v.children if c.dep_ == "ccomp"
            for g in c.children if g.dep_ in _SUBJECT and g.lower_ in {"he", "she"}
        ]  # fmt: skip
    for t in region:
        if t.i < head.i and others:
            continue  # "Given his stated views, Gokool is hopeful Lametti might …": his is Lametti's
        if t.lower_ in {"him", "her"} and t.dep_ != "poss":
            continue  # an object pronoun in its subject's own clause is someone else ("Lolita
            # Grayson filed reports against him"): only possessives and reflexives are bound there
        if t.lower_ in {"his", "himself", "he"}:
            votes["m"] += 1
        elif t.lower_ in {"her", "hers", "herself", "she"}:
            votes["f"] += 1
    return votes


def correct_entities(doc: Doc) -> None:
    """Mend what the tagger read wrong in ``doc.ents``, in place (a second call changes nothing):

    - a hashtag or a handle (``#Justdoit``) is no name;
    - the names it called an organisation or a place that the article uses as a person's are
      people's: two or three capitalised words, the first a first name the lexicon knows, none a noun
      for a kind of organisation or place (``Sandy Hook Elementary``, ``Mason City``), and at least
      one mention that binds a ``his``/``her`` in its clause or speaks (``Carly Fiorina threw her
      support behind …``, ``Sean Hannity said``); their surname tagged alone (``Fiorina``) with them."""
    found: dict[str, bool] = {}
    for ent in doc.ents:
        if ent.label_ not in {"ORG", "GPE", "FAC"}:
            continue
        words = [t for t in ent if t.tag_ != "POS"]
        key = fold(" ".join(t.text for t in words))
        if found.get(key):
            continue
        shaped = (
            2 <= len(words) <= 3
            and all(t.is_alpha and t.text[:1].isupper() and not t.text.isupper() for t in words)
            and first_name_gender(words[0].text) is not None
            and not {t.lower_ for t in words} & (ORG_NOUNS | PLACE_NOUNS | DESIGNATORS | _STOP)
        )
        if not shaped:
            found[key] = False
            continue
        root = ent.root
        speaks = root.dep_ in _SUBJECT and lemma_of(root.head).lower() in SPEECH_VERBS
        bound = _bound_pronouns(root, {}, -1)
        found[key] = speaks or bool(bound["m"] or bound["f"])
    names = {k for k, v in found.items() if v}
    forms = names | {k.split()[-1] for k in names}
    ents = []
    changed = False
    for ent in doc.ents:
        if ent.start > 0 and doc[ent.start - 1].text in {"#", "@"} and not doc[ent.start - 1].whitespace_:
            changed = True
            continue
        key = fold(" ".join(t.text for t in ent if t.tag_ != "POS"))
        if ent.label_ in {"ORG", "GPE", "FAC"} and key in forms:
            ent = SpacySpan(doc, ent.start, ent.end, label="PERSON")
            changed = True
        elif ent.label_ == "PERSON" and len(ent) >= 2 and _verb_opens(ent):
            # "Hosting Cook at Dreamforce …": the name begins after the participle the tagger took in
            ent = SpacySpan(doc, ent.start + 1, ent.end, label="PERSON")
            changed = True
        ents.append(ent)
    if changed:
        doc.ents = ents
        doc.user_data.pop("wb_ents", None)  # nlp.entities() reads them again
        doc.user_data.pop("wb_ent_starts", None)


def _verb_opens(ent: SpacySpan) -> bool:
    """Whether a person's name the tagger found opens its sentence with a participle (``Hosting Cook
    at Dreamforce …``, ``Citing Smith, …``): a word in -ing the name lexicon does not know as a first
    name (the tagger, fooled by the capital, calls it a proper noun)."""
    first = ent[0]
    low = first.lower_
    return (
        first.is_sent_start
        and low.endswith("ing")
        and len(low) >= 6
        and first.is_title
        and first_name_gender(first.text) is None
    )


_DUMMY_IT_HEADS = frozenset({"be", "seem", "appear", "take", "rain", "matter", "happen"})


def _surname_as_subject(tok: Token, namesakes: dict[str, list[Entity]]) -> bool:
    """A sentence's first word the tagger read as a common noun that is an article person's surname
    and the subject, with no determiner (``Woods continued in her discussion …``)."""
    return (
        tok.dep_ in _SUBJECT
        and fold(tok.text) in namesakes
        and not any(c.dep_ == "det" for c in tok.children)
    )


def _by_bound_gender(tok: Token, people: list[Entity]) -> Entity | None:
    """Of people who share a surname, the one a ``his``/``her`` bound to the mention at ``tok`` agrees
    with, when exactly one does (``Woods continued in her discussion`` of Dorothy Woods, not of her
    late husband Ty Woods)."""
    votes = _bound_pronouns(tok, {}, -1)
    if bool(votes["m"]) == bool(votes["f"]):
        return None
    gender = "m" if votes["m"] else "f"
    fits = [e for e in people if e.gender == gender]
    return fits[0] if len(fits) == 1 else None


def _refers_as_it(tok: Token) -> bool:
    """``its``, ``itself``, and an ``it`` that stands for something: not the dummy subject of ``it was
    time``, ``it seems``, ``it takes``."""
    if tok.lower_ in {"its", "itself"}:
        return True
    return tok.lower_ == "it" and not (
        tok.dep_ in {"nsubj", "expl"} and lemma_of(tok.head).lower() in _DUMMY_IT_HEADS
    )


def _name_word(word: str) -> str:
    """A word of a name without the punctuation around it; an initial keeps its full stop (``F.``)."""
    word = word.strip(",;:")
    return word if len(word) <= 3 or not word.endswith(".") else word.rstrip(".")


_ROLE_WORDS = 12  # a title longer than this has run into something else
_TELLS_MORE = frozenset({"relcl", "acl", "advcl", "appos", "parataxis", "conj", "cc"})


_ROLE_PREPOSITIONS = frozenset({"of", "at", "for", "to", "in", "with", "from", "on", "behind"})


_PREMODIFIER = frozenset({"compound", "amod", "nmod", "punct"})


def _hyphen_joined(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a hyphen written without spaces between two words (``co-founder``), not
    between numbers (``58-year-old``)."""
    return hyphen_joined(doc, i) and doc[i - 1].is_alpha and doc[i + 1].is_alpha


def _role_title(role: str) -> list[str]:
    """A role's words up to its first preposition, lower case: ``author of the book`` -> author;
    ``longtime owner of the televised Miss Universe`` -> longtime owner (not the pageant)."""
    words = role.lower().replace(",", " ").split()
    cut = next((k for k, w in enumerate(words) if w in _ROLE_PREPOSITIONS), len(words))
    return words[:cut]


def _role_head(role: str) -> str:
    """The noun a role is: ``chief operating officer`` -> officer, ``author of the book`` -> author
    (not the book)."""
    title = _role_title(role)
    return title[-1] if title else ""


def role_phrase(noun: Token, name: Token | None = None) -> str | None:
    """The words of the description ``noun`` heads, as a role: no determiner, no clause about the
    person, not the person's ``name`` (an appositive the parser hung lower: "The author of the book,
    Mitchell Zuckoff"), at most ``_ROLE_WORDS`` words (cut at the last comma within them, else none);
    none when it holds a finite verb (a sentence, not a title)."""
    keep: list[Token] = []
    stack = [noun]
    while stack:
        t = stack.pop()
        if name is not None and t.i == name.i:
            continue
        keep.append(t)
        stack.extend(c for c in t.children if not (t.i == noun.i and c.dep_ in _TELLS_MORE))
    if any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in keep):
        return None
    words = sorted((t for t in keep if t.dep_ != "det" or t.head.i != noun.i), key=lambda t: t.i)
    if not words or words[0].i < noun.left_edge.i:
        return None
    if name is not None and words[0].i <= name.i <= words[-1].i:
        words = [t for t in words if t.i < name.left_edge.i]  # the name came last, after its comma
    while words and (words[0].is_punct or words[0].dep_ == "det"):
        words = words[1:]
    while words and words[-1].is_punct:
        words = words[:-1]
    if not words:
        return None
    words = doc_span(noun.doc, words)
    if sum(not t.is_punct for t in words) > _ROLE_WORDS:
        commas = [k for k, t in enumerate(words[: _ROLE_WORDS + 2]) if t.text == ","]
        if commas:
            words = words[: commas[-1]]
        else:
            # "a top national security aide to Vice President Pence on Trump's July 25 phone call …":
            # the title runs to the first name after its noun (a whole name, not one that is itself a
            # modifier: "the televised Miss Universe pageant")
            ends = [
                k for k, t in enumerate(words[: _ROLE_WORDS + 1])
                if t.i > noun.i and t.ent_iob_ in {"B", "I"} and t.ent_type_ in {"PERSON", "ORG", "GPE"}
                and (t.i + 1 >= len(noun.doc) or noun.doc[t.i + 1].ent_iob_ != "I")
                and t.dep_ != "compound"
            ]  # fmt: skip
            if not ends:
                return None
            words = words[: ends[0] + 1]
    role = "".join(t.text_with_ws for t in words).strip(" ,")
    return role or None


def doc_span(doc: Doc, toks: list[Token]) -> list[Token]:
    """The tokens from the first to the last of ``toks``, contiguous."""
    return list(doc[toks[0].i : toks[-1].i + 1])


def _short_form(words: list[str], full: list[str]) -> bool:
    """Whether ``words`` is the start or the end of the name ``full`` (``Keir``, ``Starmer``,
    ``Al Saud``)."""
    n = len(words)
    return 0 < n < len(full) and (full[:n] == words or full[-n:] == words)
