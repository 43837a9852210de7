"""Linking statements across articles: speakers, claims, stances, relations.

:class:`Linker` takes the statements of each newly stored article version and, in one transaction
per article:

1. gives each statement its speaker identity (and the organisation its speaker speaks for);
2. puts it in a claim: the claim of its nearest already-linked statement when they are similar
   enough (an HNSW search, so the cost grows with the logarithm of the database), else a new one;
3. reads its stance on the claim (affirms / denies / neither) from its words;
4. relates it to the claim's other statements: ``contradicts`` (opposite stances), ``supports``
   (same stance, another speaker), ``walkback`` inferred when the same person later takes the
   opposite stance; and finds the walk-backs the article reports (``Kirby confirmed that he
   misspoke``), pairing each with the walker's earlier statement it takes back.

Older versions of an article are unlinked when a new one is linked. Nothing is rebuilt: a new
article joins the claims that exist.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_EN

from ..model import Article, Relation, Stance, Statement
from ..store.ledger import ClaimMember, Ledger
from ..store.query import period
from .identity import fold_name, identity_of, organization_key, surname
from .index import VectorIndex
from .stance import Cue, claim_text, flips, polarity, stance, walkback_cue

__all__ = ["LinkOptions", "LinkSummary", "Linker", "summarize"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkOptions:
    claim_threshold: float = 0.62  # cosine similarity to join a claim
    infer_threshold: float = 0.85  # ... for an inferred walk-back (same person, opposite stance)
    neighbours: int = 8  # nearest statements looked at per statement
    member_limit: int = 200  # claim members looked at per statement
    relations_per_type: int = 3  # at most this many contradicts / supports / walkback per statement
    relate_threshold: float = 0.45  # cosine similarity two statements of one claim need to be related
    min_words: int = 3  # shorter contents join no claim


@dataclass(slots=True)
class LinkSummary:
    articles: int = 0
    statements: int = 0
    claims_new: int = 0
    relations: dict[str, int] = field(
        default_factory=lambda: {"contradicts": 0, "walkback": 0, "supports": 0}
    )

    def line(self) -> str:
        r = self.relations
        return (
            f"linked {self.statements} statements of {self.articles} articles: {self.claims_new} new claims, "
            f"{r['walkback']} walk-backs, {r['contradicts']} contradictions, {r['supports']} supports"
        )


_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"”’]?|$)")
_NOT = re.compile(r"\s*\b(?:not|n[’']t)\b", re.I)
_PRONOUN = re.compile(r"^\W*(?:he|she|they|i|we|it)\b", re.I)


def summarize(text: str, *, negative: bool) -> str:
    """A claim's summary: the first sentence, at most ~25 words, in its positive form when simply negated."""
    first = _SENTENCE.match(text.strip())
    s = (first.group(0) if first else text).strip()
    words = s.split()
    if len(words) > 25:
        s = " ".join(words[:25]) + " …"
    if negative and len(polarity(s)[1]) == 1 and len(_NOT.findall(s)) == 1:
        s = re.sub(
            r"\b(wo|ca)n[’']t\b", lambda m: {"wo": "will", "ca": "can"}[m.group(1).lower()], s, flags=re.I
        )
        s = _NOT.sub("", s, count=1)
    return s[:1].upper() + s[1:]


@dataclass(slots=True)
class _Item:
    pk: int
    st: Statement
    text: str
    vector: np.ndarray | None
    speaker_id: int | None = None
    person: bool = False
    org_id: int | None = None
    claim_id: int | None = None
    similarity: float | None = None
    stance: Stance = "neither"
    evidence: list[str] = field(default_factory=list)
    reports_walkback: bool = False


class Linker:
    """Links stored statements; one per process and database (it holds the vector index)."""

    def __init__(
        self,
        store,  # type: ignore[no-untyped-def]
        encoder,  # type: ignore[no-untyped-def]
        *,
        options: LinkOptions | None = None,
    ) -> None:
        self.store = store
        self.encoder = encoder
        self.options = options or LinkOptions()
        self.index = VectorIndex(encoder.dim, store.vectors_path)
        self._check_encoder()
        self.index.sync(store)

    def _check_encoder(self) -> None:
        with self.store.linking() as ledger:
            used = ledger.meta("encoder")
            if used is None:
                ledger.set_meta("encoder", self.encoder.name)
            elif used != self.encoder.name:
                from ..errors import StoreError

                raise StoreError(
                    f"the claims in this database were linked with encoder {used!r}, "
                    f"not {self.encoder.name!r}; use the same encoder or a new database",
                    source=self.store.path,
                )

    def close(self) -> None:
        self.index.save()

    # -- the loop ------------------------------------------------------------------------------------

    def link_pending(self, on_article: Callable[[str], None] | None = None) -> LinkSummary:
        """Link every latest article version that has unlinked statements, oldest first."""
        summary = LinkSummary()
        for article_id, version in self.store.unlinked():
            self.link_article(article_id, version, summary)
            if on_article is not None:
                on_article(article_id)
        self.index.save()
        return summary

    def link_article(self, article_id: str, version: int, summary: LinkSummary | None = None) -> LinkSummary:
        summary = summary if summary is not None else LinkSummary()
        article = self.store.article(article_id, version)
        rows = self.store.version_statements(article_id, version)
        stale = self.store.stale_links(article_id)
        if article is None or not rows:
            return summary
        items = [_Item(pk=pk, st=st, text=claim_text(st), vector=None) for pk, st in rows]
        wanted = [it for it in items if len(it.text.split()) >= self.options.min_words]
        if wanted:
            vecs = self.encoder.encode([it.text for it in wanted])
            for it, v in zip(wanted, vecs, strict=True):
                it.vector = np.asarray(v, dtype=np.float32)
        reports = _walkback_reports(article, [it.st for it in items])
        for r in reports:
            items[r.index].reports_walkback = True
        context_vecs = self.encoder.encode([r.context for r in reports]) if reports else []
        self.index.remove(stale)
        with self.store.linking() as ledger:
            if ledger.linked(it.pk for it in items):  # another process linked this version meanwhile
                return summary
            ledger.drop_links(stale)
            self.index.sync(self.store)  # with what other processes linked since (two queries when none)
            created = self._identities_and_claims(ledger, article_id, items)
            found = self._claim_relations(ledger, items)
            found += self._reported_walkbacks(ledger, items, reports, context_vecs)
            for rel, speaker_id in found:
                ledger.add_relation(rel, speaker_id)
                summary.relations[rel.type] += 1
        self.index.add(
            [it.pk for it in items if it.vector is not None and it.claim_id is not None],
            np.array([it.vector for it in items if it.vector is not None and it.claim_id is not None]),
        )
        summary.articles += 1
        summary.statements += len(items)
        summary.claims_new += created
        return summary

    # -- 1-3: identity, claim, stance -----------------------------------------------------------------

    def _identities_and_claims(self, ledger: Ledger, article_id: str, items: list[_Item]) -> int:
        created = 0
        local: list[_Item] = []
        for it in items:
            sp = it.st.speaker
            ident = identity_of(sp, article_id=article_id)
            if ident is not None:
                it.speaker_id = ledger.speaker_id(ident)
                it.person = ident.kind == "person" and not ident.anonymous
                org_name = sp.affiliation if sp.kind != "organization" else None
                it.org_id = ledger.organization_id(organization_key(org_name), org_name)
                if it.org_id == it.speaker_id:
                    it.org_id = None
                ledger.add_role(it.speaker_id, sp.role, sp.affiliation, it.org_id, it.st.said_on.value)
            it.stance, it.evidence = stance(it.st)
            if it.vector is not None:
                best = self._nearest(ledger, it, local)
                if best is not None and best[1] >= self.options.claim_threshold:
                    it.claim_id, it.similarity = best
                    self._maybe_resummarize(ledger, it)
                else:
                    negative = it.stance == "denies"
                    it.claim_id = ledger.new_claim(summarize(it.text, negative=negative))
                    created += 1
                local.append(it)
            said = it.st.said_on.value
            start, end = period(said) if said else (None, None)
            ledger.add_link(
                pk=it.pk, speaker_id=it.speaker_id, org_id=it.org_id, claim_id=it.claim_id,
                similarity=it.similarity, stance=it.stance, evidence=it.evidence, claim_text=it.text,
                vector=it.vector, said_start=start, said_end=end,
            )  # fmt: skip
        return created

    def _nearest(self, ledger: Ledger, it: _Item, local: Sequence[_Item]) -> tuple[int, float] | None:
        """(claim id, similarity) of the most similar linked statement, here or in the database."""
        assert it.vector is not None
        found = self.index.search(it.vector, self.options.neighbours)
        claims = ledger.claims_of(pk for pk, _ in found)
        best: tuple[int, float] | None = None
        for pk, sim in found:
            if pk in claims and (best is None or sim > best[1]):
                best = (claims[pk], sim)
        for other in local:
            if other.vector is not None and other.claim_id is not None:
                sim = float(np.dot(it.vector, other.vector))
                if best is None or sim > best[1]:
                    best = (other.claim_id, sim)
        return best

    def _maybe_resummarize(self, ledger: Ledger, it: _Item) -> None:
        """A claim first summarised from a denial takes the words of its first affirming statement."""
        if it.stance != "affirms" or it.claim_id is None:
            return
        members = ledger.claim_members(it.claim_id, limit=self.options.member_limit)
        if members and not any(m.stance == "affirms" for m in members):
            ledger.set_summary(it.claim_id, summarize(it.text, negative=False))

    # -- 4: relations ---------------------------------------------------------------------------------

    def _claim_relations(self, ledger: Ledger, items: list[_Item]) -> list[tuple[Relation, int | None]]:
        """Relate each statement to the claim's earlier statements that are close to it in meaning.

        Only pairs close enough in meaning are related (a claim grown by a chain of neighbours may hold
        statements far apart), the most similar first, one relation per other
        speaker and type, and at most ``relations_per_type`` of each type per statement.
        """
        out: list[tuple[Relation, int | None]] = []
        for it in items:
            if (
                it.claim_id is None
                or it.vector is None
                or it.speaker_id is None
                or it.stance == "neither"
                or it.reports_walkback
            ):
                continue
            members = [
                m
                for m in ledger.claim_members(it.claim_id, limit=self.options.member_limit)
                if m.pk != it.pk
                and m.speaker_id is not None
                and m.vector is not None
                and m.stance != "neither"
                and _later(it, m)  # a pair is made once, from its later statement
                and not walkback_cue(m.claim_text)
            ]
            if not members:
                continue
            sims = np.stack([m.vector for m in members]) @ it.vector
            paired: set[tuple[str, int]] = set()
            per_type: dict[str, int] = {}
            for i in np.argsort(-sims, kind="stable"):
                sim = float(sims[i])
                if sim < self.options.relate_threshold:
                    break
                m = members[int(i)]
                rel = self._relate(ledger, it, m, sim)
                if rel is None:
                    continue
                key = (rel[0].type, m.speaker_id)
                if key in paired or per_type.get(rel[0].type, 0) >= self.options.relations_per_type:
                    continue
                paired.add(key)
                per_type[rel[0].type] = per_type.get(rel[0].type, 0) + 1
                out.append(rel)
        return out

    def _relate(
        self, ledger: Ledger, it: _Item, m: ClaimMember, sim: float
    ) -> tuple[Relation, int | None] | None:
        same_person = it.speaker_id == m.speaker_id and it.person
        if it.stance == m.stance:
            if it.speaker_id == m.speaker_id:
                return None
            verb = "affirm" if it.stance == "affirms" else "deny"
            evidence = [f"both {verb}: {_short(it.text)} / {_short(m.claim_text)}"]
            return (
                Relation(
                    type="supports", from_statement=it.pk, to_statement=m.pk, evidence=tuple(evidence),
                    confidence=round(min(0.9, 0.3 + 0.6 * sim), 3), basis="stance", claim_id=it.claim_id,
                ),
                None,
            )  # fmt: skip
        reasons = flips(it.text, m.claim_text) or [f"{it.stance} / {m.stance}"]
        strictly_later = bool(it.st.said_on.value and m.said_on and _start(it) > (m.said_start or ""))
        if (
            same_person
            and strictly_later
            and sim >= self.options.infer_threshold
            and _one_negation_apart(it.text, m.claim_text)
            and not ledger.reported_walkback_to(m.pk)
        ):
            reasons = [*reasons, f"same speaker, later: {m.said_on} -> {it.st.said_on.value}"]
            return (
                Relation(
                    type="walkback", from_statement=it.pk, to_statement=m.pk, evidence=tuple(reasons),
                    confidence=round(0.35 + 0.3 * sim, 3), basis="inferred", claim_id=it.claim_id,
                ),
                it.speaker_id,
            )  # fmt: skip
        confidence = 0.45 + 0.4 * max(0.0, min(1.0, sim)) + (0.1 if len(reasons) > 1 else 0.0)
        return (
            Relation(
                type="contradicts", from_statement=it.pk, to_statement=m.pk, evidence=tuple(reasons),
                confidence=round(min(confidence, 0.95), 3), basis="stance", claim_id=it.claim_id,
            ),
            None,
        )  # fmt: skip

    def _reported_walkbacks(
        self,
        ledger: Ledger,
        items: list[_Item],
        reports: list[_Report],
        vecs: Sequence[np.ndarray],
    ) -> list[tuple[Relation, int | None]]:
        """Pair each walk-back the article reports with the walker's earlier statement."""
        merged: dict[tuple[int, int], tuple[Relation, int | None]] = {}
        reporters = {items[r.index].pk for r in reports}
        here = {it.pk: it for it in items}
        for found, vec in zip(reports, vecs, strict=True):
            report, cue, text = items[found.index], found.cue, found.sentence
            if found.about is not None:  # "said X, before reversing himself": X is taken back
                walker, about = report, items[found.about]  # one surname: the same speaker
                target: tuple[int, str] | None = (about.pk, about.text)
            else:
                walker = _walker(report, cue, items)
                if walker is None or walker.speaker_id is None:
                    continue
                target = self._walked_back(
                    ledger, walker.speaker_id, report, found, np.asarray(vec), reporters, here
                )
            if target is None or walker.speaker_id is None:
                continue
            pk, earlier = target
            key = (walker.speaker_id, pk)
            evidence = [
                cue.text.lower(),
                f"{_short(text)} ({report.st.said_on.value or 'undated'})",
                f"earlier: {_short(earlier)}",
            ]
            if key in merged:
                rel, sid = merged[key]
                extra = tuple(e for e in evidence[:2] if e not in rel.evidence)
                merged[key] = (
                    Relation(
                        type="walkback", from_statement=rel.from_statement, to_statement=pk,
                        evidence=rel.evidence + extra,
                        confidence=min(0.95, max(rel.confidence, cue.confidence) + 0.05),
                        basis="reported", claim_id=rel.claim_id,
                    ),
                    sid,
                )  # fmt: skip
                continue
            merged[key] = (
                Relation(
                    type="walkback", from_statement=report.pk, to_statement=pk, evidence=tuple(evidence),
                    confidence=cue.confidence, basis="reported", claim_id=None,
                ),
                walker.speaker_id,
            )  # fmt: skip
        return list(merged.values())

    def _walked_back(
        self,
        ledger: Ledger,
        speaker_id: int,
        report: _Item,
        found: _Report,
        context: np.ndarray,
        reporters: set[int],
        here: dict[int, _Item],
    ) -> tuple[int, str] | None:
        """The walker's earlier statement the report is about.

        Said before it (on an earlier day, or the same day in the same article), and nearest in
        meaning to the report's paragraph and the one before; a statement of the same article, or
        said on an earlier day, gets a head start. One from another article must be close in meaning.

        In the same article, a date that is only the article's own does not rule a statement out (``X
        said … X later said he was being sarcastic`` holds a misread date, ``the Nov. 8 election``).
        Two signs outweigh nearness in meaning: the walker's statement told last before the report,
        and close to it (a walk-back is usually reported right after the words it takes back: ``… had
        said the US "did inform" … Kirby confirmed that he misspoke``); and a statement holding a
        phrase the report quotes (``refrain from using the phrase “illegal immigrant”``).
        """
        when = _start(report)
        candidates: list[tuple[ClaimMember, str, bool, _Item | None]] = []  # with the date said
        for m in ledger.speaker_statements(speaker_id):
            if m.pk == report.pk or m.pk in reporters:
                continue
            same_article = m.article_id == report.st.article_id
            local = here.get(m.pk) if same_article else None
            if not m.said_start or not when:
                continue
            if m.said_start > when or (m.said_start == when and not same_article):
                if local is None or _both_dated(local, report):
                    continue
            if walkback_cue(m.claim_text) is not None or m.vector is None:
                continue
            candidates.append((m, m.said_start, same_article, local))
        last = max(
            (
                loc
                for _, _, _, loc in candidates
                if loc is not None and 0 <= found.start - loc.st.content.end <= _NEAR
            ),
            key=lambda loc: loc.st.content.start,
            default=None,
        )
        quoted = _quoted(found)
        stemmer = Stemmer.Stemmer("english")  # cheap, and one per call is thread-safe
        denied = _denied_words(found, stemmer)
        best: tuple[float, int, str] | None = None
        for m, said, same_article, local in candidates:
            if denied is not None and len(denied & _stems(m.claim_text, stemmer)) < 2:
                continue  # "I never said X": only words that say X can be the ones taken back
            sim = float(np.dot(m.vector, context))
            if sim < (0.2 if same_article else 0.45):
                continue
            score = sim + (0.15 if same_article else 0.0) + (0.15 if said < when else 0.0)
            if last is not None and local is last:
                score += 0.15
            if any(_holds(m.claim_text, q) for q in quoted):
                score += 0.3
            if best is None or score > best[0]:
                best = (score, m.pk, m.claim_text)
        return (best[1], best[2]) if best is not None else None


_NEAR = 600  # characters between a statement and the walk-back report told right after it


def _both_dated(m: _Item, report: _Item) -> bool:
    """Whether both statements carry a date of their own words (``on Friday``), not the article's."""
    return m.st.said_on.source == "text" and report.st.said_on.source == "text"


_QUOTED = re.compile(r"“([^”“]{4,80})”|\"([^\"]{4,80})\"|‘([^‘’]{4,80})’(?!\w)")


def _quoted(report: _Report) -> list[str]:
    """The short phrases (at most six words) a report quotes, other than its cue: often the words
    taken back (``from using the phrase “illegal immigrant”``)."""
    cue = " ".join(report.cue.text.split()).casefold()
    out = []
    for m in _QUOTED.finditer(report.sentence):
        words = next(g for g in m.groups() if g is not None)
        phrase = " ".join(words.strip(" ,.").split()).casefold()
        if len(phrase.split()) <= 6 and phrase not in cue and cue not in phrase:
            out.append(phrase)
    return out


# what follows "never said", up to the end of its clause or of the quotation it is in
_DENIED_SAYING = re.compile(
    r"\bnever\s+(?:actually\s+)?said\s+(?:that\s+)?(?P<what>(?:(?!'')[^.;!?\"”])*)", re.I
)
_WORD = re.compile(r"[^\W\d_]{3,}")
_COMMON = frozenset(STOPWORDS_EN) | frozenset(
    "have has had were would been from said what which who his her him she you our its out".split()
)


def _stems(text: str, stemmer: Stemmer.Stemmer) -> set[str]:
    """The Snowball stems of the words of ``text`` that are not function words (``families`` and
    ``family`` agree)."""
    words = [w for w in (m.group(0).casefold() for m in _WORD.finditer(text)) if w not in _COMMON]
    return set(stemmer.stemWords(words))


def _denied_words(report: _Report, stemmer: Stemmer.Stemmer) -> set[str] | None:
    """For a report ``he never said X``, the stems of X's content words (what the walker says he did
    not say, which the earlier statement must share); ``None`` for any other cue."""
    if not report.cue.text.lower().startswith("never"):
        return None
    m = _DENIED_SAYING.search(report.sentence)
    return _stems(m.group("what"), stemmer) if m else set()


def _holds(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}", text.casefold()) is not None


def _one_negation_apart(a: str, b: str) -> bool:
    """Exactly one negation between the two: the plain ``X`` / ``not X`` of a reversal. Statements
    with several (``never … not me, not Bill``, ``neither … nor``) are too easily misread to infer
    a walk-back from."""
    return len(polarity(a)[1]) + len(polarity(b)[1]) == 1


def _start(it: _Item) -> str:
    return period(it.st.said_on.value)[0] if it.st.said_on.value else ""


def _later(it: _Item, m: ClaimMember) -> bool:
    """Whether ``it`` comes after ``m``: said on a later day, or the same day and stored after it."""
    a, b = _start(it), m.said_start or ""
    if a and b and a != b:
        return a > b
    return it.pk > m.pk


def _short(text: str, n: int = 140) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= n else text[: n - 1] + '…'}”"


_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "rep",
    "gov",
    "gen",
    "st",
    "jr",
    "sr",
    "lt",
    "col",
    "sgt",
    "u.s",
}
_BOUNDARY = re.compile(r"[.!?][\"”’']*\s+(?=[\"“‘']?[A-Z])")


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of prose, not split after a title (``Mr.``) or an initial (``J.``)."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        word = text[max(0, m.start() - 4) : m.start()].split()[-1:] or [""]
        last = word[0].lstrip('(“"').lower()
        if last in _ABBREVIATIONS or len(last) == 1:
            continue
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@dataclass(frozen=True, slots=True)
class _Report:
    """A walk-back an article reports: the statement credited with it, the cue, its sentence and where
    that starts, and what it is about (its paragraph and the one before)."""

    index: int
    cue: Cue
    sentence: str
    start: int
    context: str
    about: int | None = None  # the statement whose own words the report follows and takes back


def _walkback_reports(article: Article, statements: Sequence[Statement]) -> list[_Report]:
    """Each walk-back the article reports, credited to a statement.

    A statement whose sentence carries a cue reports it (``Kirby confirmed that he misspoke``,
    ``Sharpton later clarified that …``); so does a sentence of the article's own prose (``She later
    recanted the claim``), credited to the walker it names, or that a leading pronoun refers back to
    (the speaker of the statement before it): their nearest statement after the sentence, else before.
    A statement that goes on to say it was taken back (``saying Clinton was not "qualified" for the
    presidency, before reversing himself``) holds the words taken back; the report is credited to its
    speaker's nearest other statement.
    """
    out: list[_Report] = []
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
        lead = article.text[st.content.start : span.start + cue.start]
        if st.content.end > span.start + cue.start and _THEN.search(lead) and len(lead.split()) > 4:
            pick = _nearest_of(statements, i, surname(st.speaker.name or ""), span.start, span.end)
            if pick is not None:
                out.append(_Report(pick, cue, span.text, span.start, context, about=i))
            continue
        out.append(_Report(i, cue, span.text, span.start, context))
    text = article.text
    for start, end in _sentences(text):
        if any(a <= start < b or a < end <= b for a, b in covered):
            continue
        sentence = text[start:end]
        cue = walkback_cue(sentence)
        if cue is None:
            continue
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
            out.append(_Report(pick, cue, sentence.strip(), start, _context(article, start, end)))
    return out


# the words between a statement's proposition and a cue that says it was later taken back
_THEN = re.compile(r"(?:,\s*|\b)(?:before|then|and\s+then|but\s+then|only\s+to|but\s+later)\s+$", re.I)


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
    """What a walk-back report is about: its paragraph and the one before (where the earlier
    statement is often quoted again)."""
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


def _walker(report: _Item, cue: Cue, items: list[_Item]) -> _Item | None:
    """Who walks back: the reporting statement's speaker, unless its words first name another person."""
    before = report.st.content.text[: cue.start]
    if not before.strip() or _PRONOUN.search(before):
        return report
    words = set(fold_name(before).split())
    for it in items:
        name = it.st.speaker.name
        if it.speaker_id is not None and it.person and name and surname(name) in words:
            return it
    return report
