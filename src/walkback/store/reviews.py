"""Marks people put on flags, and the filtered lists of flags (mixed into :class:`~walkback.store.Store`).

A flag is a walk-back or a contradiction. A person with the write token marks it ``confirmed`` or
``dismissed`` (or ``open`` again), with a note; every mark is kept (``reviews``, newest last) with who
made it and when, and a flag's current mark is its newest one.

Relation ids change when the ledger is linked again (``walkback link --rebuild``, a migration) and
statement ids change with a new version of an article, so a mark names its flag by
:func:`review_key`: the flag's type and, for each side, the article and the words said (white space,
encoding and case folded away); for words never quoted, the report's words. Whenever flags are read,
the marks are attached to the flags that have their key (:meth:`ReviewTables.with_marks`).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Literal

from ..errors import InputError, NotFoundError
from ..model import stable_id
from ..textnorm import normalise_text
from .ledger import RelationRow
from .query import date_bound, fold

__all__ = [
    "FLAG_TYPES",
    "FlagFilter",
    "REVIEW_FILTERS",
    "REVIEW_STATES",
    "Review",
    "ReviewTables",
    "review_key",
]

FLAG_TYPES = ("walkback", "contradicts")
REVIEW_STATES = ("confirmed", "dismissed", "open")
#: what a list can keep by review state; ``undismissed`` (the default) hides dismissed flags
REVIEW_FILTERS = ("undismissed", "unreviewed", "confirmed", "dismissed", "reviewed", "all")
_VERDICTS = {"confirmed": ("true",), "dismissed": ("false", "wrong_pairing"), "open": (None,)}
_EDGE = re.compile(r"^[\s\"'.,;:!?()\[\]-]+|[\s\"'.,;:!?()\[\]-]+$")
Order = Literal["newest", "confidence"]
# what the filters of a list need of each flag: its words (for its key) and the names on either side
_LIGHT = (
    "SELECT r.id, r.target_text, r.target_speaker, sp.name AS sp_name, s.article_id AS a_article, "
    "s.content_text AS a_text, s.speaker_name AS a_speaker, fs.name AS a_identity, "
    "t.article_id AS b_article, t.content_text AS b_text, t.speaker_name AS b_speaker, ts.name AS b_identity "
    "FROM relations r LEFT JOIN speakers sp ON sp.id = r.speaker_id "
    "JOIN statements s ON s.pk = r.from_pk "
    "JOIN article_versions v ON v.article_id = s.article_id AND v.version = s.version "
    "LEFT JOIN statement_links fl ON fl.statement_pk = s.pk LEFT JOIN speakers fs ON fs.id = fl.speaker_id "
    "LEFT JOIN statements t ON t.pk = r.to_pk "
    "LEFT JOIN statement_links tl ON tl.statement_pk = t.pk LEFT JOIN speakers ts ON ts.id = tl.speaker_id"
)
_FLAGS = "SELECT r.*, sp.name AS sp_name FROM relations r LEFT JOIN speakers sp ON sp.id = r.speaker_id"
# the tables the SQL filters of a list of flags read: the later statement, its version, the earlier one
_FLAG_SIDES = (
    "relations r JOIN statements s ON s.pk = r.from_pk "
    "JOIN article_versions v ON v.article_id = s.article_id AND v.version = s.version "
    "LEFT JOIN statements t ON t.pk = r.to_pk"
)
_MAX_IDS = 500  # ids in one SQL list; past it a list is filtered on light rows
MAX_NOTE = 2000
MAX_REVIEWER = 100


@dataclass(frozen=True, slots=True, kw_only=True)
class Review:
    """One mark on a flag: ``state`` confirmed / dismissed / open, and the judged-set ``verdict``
    (``true``; ``false`` or ``wrong_pairing`` for a dismissal)."""

    id: int
    key: str
    type: str
    state: str
    verdict: str | None
    note: str
    reviewer: str
    reviewed_at: datetime
    relation_id: int | None
    flag: dict[str, Any]  # the flag as it was when marked (both sides, evidence, confidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "verdict": self.verdict,
            "note": self.note,
            "reviewer": self.reviewer,
            "reviewed_at": self.reviewed_at.isoformat(),
        }


def _words(text: str | None) -> str:
    """Words as a key: encoding, white space, case and the punctuation around them folded away."""
    return _EDGE.sub("", normalise_text(text or "").casefold())


def review_key(r: RelationRow) -> str:
    """What names a flag across relinking and new article versions: its type, and each side's article
    and words (for words never quoted, the report's words)."""
    a, b = r.source.statement, r.target.statement if r.target is not None else None
    return _key(r.type, a.article_id, a.content.text, b.article_id if b else None,
                b.content.text if b else None, r.target_text)  # fmt: skip


def _key(
    type: str, article: str, text: str, to_article: str | None, to_text: str | None, target_text: str | None
) -> str:
    if to_article is not None:
        other = (to_article, _words(to_text))
    else:
        other = ("", "not quoted: " + _words(target_text))
    return stable_id(type, article, _words(text), *other, prefix="f", length=20)


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _review(r: sqlite3.Row) -> Review:
    return Review(
        id=int(r["id"]), key=r["key"], type=r["type"], state=r["state"], verdict=r["verdict"],
        note=r["note"], reviewer=r["reviewer"],
        reviewed_at=datetime.fromisoformat(r["reviewed_at"].replace("Z", "+00:00")),
        relation_id=r["relation_id"], flag=json.loads(r["flag"]),
    )  # fmt: skip


class ReviewTables:
    """Marks on flags and the lists of flags; :class:`~walkback.store.Store` provides the rest."""

    _RELATION_DATE: str  # from LedgerReads

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:  # provided by Store
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:  # provided by Store
        raise NotImplementedError

    def _relation_rows(self, rows: list[sqlite3.Row]) -> list[RelationRow]:  # by LedgerReads
        raise NotImplementedError

    # -- marks ---------------------------------------------------------------------------------------

    def marks(self) -> dict[str, Review]:
        """The current mark of every flag marked (not those set ``open`` again), by key."""
        rows = self._query(
            "SELECT * FROM reviews WHERE id IN (SELECT max(id) FROM reviews GROUP BY key) ORDER BY id"
        )
        return {r["key"]: _review(r) for r in rows if r["state"] != "open"}

    def with_marks(self, rows: list[RelationRow]) -> list[RelationRow]:
        """``rows`` with the current mark of each attached (``RelationRow.review``)."""
        found = self.marks() if rows else {}
        if not found:
            return rows
        out = []
        for r in rows:
            mark = found.get(review_key(r)) if r.type in FLAG_TYPES else None
            out.append(replace(r, review=mark) if mark is not None else r)
        return out

    def review_history(
        self, *, key: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Review]:
        """Every mark made (of one flag, with ``key``), newest first."""
        where, params = ("WHERE key = ?", [key]) if key is not None else ("", [])
        rows = self._query(
            f"SELECT * FROM reviews {where} ORDER BY id DESC LIMIT ? OFFSET ?",
            [*params, -1 if limit is None else limit, offset],
        )
        return [_review(r) for r in rows]

    def current_reviews(self, states: Iterable[str] = ("confirmed", "dismissed")) -> list[Review]:
        """The current marks in ``states``, oldest first."""
        wanted = set(states)
        return [m for m in self.marks().values() if m.state in wanted]

    def flag(self, relation_id: int) -> RelationRow:
        """The walk-back or contradiction with this relation id, with its mark."""
        rows = self._relation_rows(
            self._query(
                f"{_FLAGS} WHERE r.id = ? AND r.type IN ({','.join('?' * len(FLAG_TYPES))})",
                (relation_id, *FLAG_TYPES),
            )
        )
        if not rows:
            raise NotFoundError(
                f"no walk-back or contradiction {relation_id} (linking again renumbers them: reload the list)"
            )
        return rows[0]

    def mark_flag(
        self,
        relation_id: int,
        *,
        state: str,
        reviewer: str,
        note: str = "",
        verdict: str | None = None,
        key: str | None = None,
    ) -> RelationRow:
        """Mark a flag ``confirmed``, ``dismissed`` or ``open`` again; return it with the new mark.

        ``verdict`` is what the mark counts as in the judged set: ``true`` for a confirmation,
        ``false`` (the default) or ``wrong_pairing`` for a dismissal. ``key``, when given, is the
        flag's :func:`review_key` as the person saw it: when the ledger was linked again since and
        ``relation_id`` now names another flag (or none), the mark goes to the flag with that key.
        """
        if state not in REVIEW_STATES:
            raise InputError(f"state must be one of {', '.join(REVIEW_STATES)}, got {state!r}")
        verdict = verdict or _VERDICTS[state][0]
        if verdict not in _VERDICTS[state]:
            allowed = ", ".join(str(v) for v in _VERDICTS[state])
            raise InputError(f"a mark {state!r} takes the verdict {allowed}, got {verdict!r}")
        reviewer = " ".join((reviewer or "").split())
        if not reviewer or len(reviewer) > MAX_REVIEWER:
            raise InputError(f"say who marks the flag: a name of 1 to {MAX_REVIEWER} characters")
        note = (note or "").strip()
        if len(note) > MAX_NOTE:
            raise InputError(f"the note has {len(note)} characters; at most {MAX_NOTE}")
        r = self._flag_for(relation_id, key)
        snapshot = self._snapshot(r)
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO reviews (key, type, state, verdict, note, reviewer, reviewed_at, relation_id, "
                "flag) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (review_key(r), r.type, state, verdict, note, reviewer, _utc(datetime.now(UTC)), r.id,
                 json.dumps(snapshot, ensure_ascii=False)),
            )  # fmt: skip
        return self.flag(r.id)

    def _flag_for(self, relation_id: int, key: str | None) -> RelationRow:
        """The flag ``relation_id`` names, unless ``key`` says the person saw another one."""
        try:
            r = self.flag(relation_id)
        except NotFoundError:
            if key is None:
                raise
            r = None
        if key is None or (r is not None and review_key(r) == key):
            return r  # type: ignore[return-value]
        for t in FLAG_TYPES:  # renumbered since: find the flag by its key
            for row in self._query(f"{_LIGHT} WHERE r.type = ?", (t,)):
                if _light_key(t, row) == key:
                    return self.flag(int(row["id"]))
        raise NotFoundError(f"the flag {key} is no longer in the ledger (linking again dropped it)")

    def _snapshot(self, r: RelationRow) -> dict[str, Any]:
        """The flag as it stands: what a judged-set line needs even once the relation is gone."""
        pks = [r.source.pk] + ([r.target.pk] if r.target is not None else [])
        sources = {
            int(row[0]): row[1]
            for row in self._query(
                "SELECT s.pk, v.source FROM statements s JOIN article_versions v "
                "ON v.article_id = s.article_id AND v.version = s.version "
                f"WHERE s.pk IN ({','.join('?' * len(pks))})",
                pks,
            )
        }

        def side(ls: Any) -> dict[str, Any]:
            st = ls.statement
            return {
                "article_id": st.article_id,
                "source": sources.get(ls.pk),
                "url": ls.url,
                "outlet": ls.outlet,
                "text": st.content.text,
                "speaker": ls.speaker_name or st.speaker.name,
                "said_on": st.said_on.value,
            }

        return {
            "type": r.type, "basis": r.basis, "rule": r.rule, "confidence": r.confidence,
            "evidence": list(r.evidence), "from": side(r.source),
            "to": side(r.target) if r.target is not None else None,
            "target_text": r.target_text if r.target is None else None,
            "target_speaker": r.target_speaker if r.target is None else None,
        }  # fmt: skip

    # -- lists of flags --------------------------------------------------------------------------------

    def flags(
        self, type: str, filters: FlagFilter | None = None, *, order: Order = "newest"
    ) -> list[RelationRow]:
        """Walk-backs or contradictions (``type``) that pass ``filters``, with their marks; newest
        first (by the day the later statement was said, else its article's date) or most confident
        first."""
        return self.flags_page(type, filters, order=order)[0]

    def flags_page(
        self,
        type: str,
        filters: FlagFilter | None = None,
        *,
        order: Order = "newest",
        limit: int | None = None,
        offset: int = 0,
    ) -> tuple[list[RelationRow], int]:
        """One page of :meth:`flags` (``limit`` of them after ``offset``) and how many there are in all.

        Only the page's flags are read whole. The page and the count are cut in SQL, unless a speaker
        filter is given or the review filter needs the key of every flag (see :meth:`_review_sql`):
        then the filters run on light rows (ids, words and names) of the whole list.
        """
        f = filters or FlagFilter()
        if type not in FLAG_TYPES:
            raise InputError(f"a flag is one of {', '.join(FLAG_TYPES)}, got {type!r}")
        when = self._RELATION_DATE
        where = ["r.type = ?", "r.confidence >= ?"]
        params: list[Any] = [type, f.min_confidence]
        if f.outlet:
            where.append(
                "EXISTS (SELECT 1 FROM articles a WHERE a.outlet = ? AND (a.id = s.article_id "
                "OR a.id = t.article_id))"
            )
            params.append(f.outlet)
        first, last = date_bound(f.since, "since"), date_bound(f.until, "until")
        if first is not None:
            where.append(f"{when} >= ?")
            params.append(first[0])
        if last is not None:
            where.append(f"{when} <= ?")
            params.append(last[1])
        ordering = f"{when} DESC, r.id DESC" if order == "newest" else "r.confidence DESC, r.id"
        marks = self.marks() if f.review != "all" else {}
        review = None if f.speaker else self._review_sql(type, f.review, marks, where, params)
        if review is not None:
            where, params = where + review[0], params + review[1]
            return self._page_sql(_FLAG_SIDES, where, params, ordering, limit, offset)
        light = self._query(f"{_LIGHT} WHERE {' AND '.join(where)} ORDER BY {ordering}", params)
        want = fold(f.speaker) or "" if f.speaker else None
        ids = []
        for r in light:
            if want is not None and want not in _names(r, every_side=True):
                continue
            if f.review != "all":
                mark = marks.get(_light_key(type, r))
                if not _keeps(f.review, mark.state if mark is not None else None):
                    continue
            ids.append(int(r["id"]))
        return self._whole(ids[offset:] if limit is None else ids[offset : offset + limit]), len(ids)

    def relations_page(
        self,
        type: str | None = None,
        *,
        speaker: str | None = None,
        min_confidence: float = 0.0,
        limit: int | None = None,
        offset: int = 0,
    ) -> tuple[list[RelationRow], int]:
        """One page of :meth:`relations` (``limit`` of them after ``offset``, most confident first) and
        how many there are in all: in SQL, along an index in that order; with ``speaker``, the names are
        matched on light rows of the whole list and only the page is read whole."""
        where, params = ["r.confidence >= ?"], [min_confidence]
        if type is not None:
            where.append("r.type = ?")
            params.append(type)
        ordering = "r.confidence DESC, r.id"
        if speaker is None:
            return self._page_sql("relations r", where, params, ordering, limit, offset)
        want = fold(speaker) or ""
        light = self._query(f"{_LIGHT} WHERE {' AND '.join(where)} ORDER BY {ordering}", params)
        ids = [int(r["id"]) for r in light if want in _names(r, every_side=False)]
        return self._whole(ids[offset:] if limit is None else ids[offset : offset + limit]), len(ids)

    def _page_sql(
        self, tables: str, where: list[str], params: list[Any], ordering: str, limit: int | None, offset: int
    ) -> tuple[list[RelationRow], int]:
        """The relations of ``tables`` (``relations r`` and what ``where`` needs) that ``where`` keeps: the
        page (``limit`` after ``offset`` in ``ordering``), read whole, and how many there are."""
        cond = " AND ".join(where)
        total = int(self._query(f"SELECT count(*) FROM {tables} WHERE {cond}", params)[0][0])
        if limit == 0 or offset >= total:
            return [], total
        ids = self._query(
            f"SELECT r.id FROM {tables} WHERE {cond} ORDER BY {ordering} LIMIT ? OFFSET ?",
            [*params, -1 if limit is None else limit, offset],
        )
        return self._whole([int(r[0]) for r in ids]), total

    def _whole(self, ids: list[int]) -> list[RelationRow]:
        """The relations ``ids`` read whole (both statements, the mark), in that order."""
        if not ids:
            return []
        found = {r.id: r for r in self._relation_rows(self._query(
            f"{_FLAGS} WHERE r.id IN ({','.join('?' * len(ids))})", ids
        ))}  # fmt: skip
        return [found[i] for i in ids if i in found]

    def _review_sql(
        self, type: str, review: str, marks: dict[str, Review], where: list[str], params: list[Any]
    ) -> tuple[list[str], list[Any]] | None:
        """The review filter as SQL conditions on the relation ids: ``([], [])`` when it keeps every
        flag ``where`` keeps, ``None`` when that cannot be told without the key of each of them.

        The marks whose state the filter treats otherwise than no mark are the exceptions: dropped
        when unmarked flags are kept, else the only ones kept. A key is a hash of the flag's words, so
        the flags that carry those keys are found among the flags of the articles the marks were made
        on (each mark keeps its flag as it was, ``from.article_id`` included).
        """
        if review == "all":
            return [], []
        unmarked = _keeps(review, None)
        odd = {k: m for k, m in marks.items() if m.type == type and _keeps(review, m.state) != unmarked}
        made_on = [_from_article(m) for m in odd.values()]
        articles = sorted({a for a in made_on if a is not None})
        if None in made_on or len(articles) > _MAX_IDS:
            return None
        found: list[int] = []
        if odd:
            rows = self._query(
                f"{_LIGHT} WHERE {' AND '.join(where)} AND s.article_id IN ({','.join('?' * len(articles))})",
                [*params, *articles],
            )
            found = sorted(int(r["id"]) for r in rows if _light_key(type, r) in odd)
        if len(found) > _MAX_IDS:
            return None
        if unmarked:
            return ([f"r.id NOT IN ({','.join('?' * len(found))})"], found) if found else ([], [])
        return ([f"r.id IN ({','.join('?' * len(found))})"], found) if found else (["1 = 0"], [])


@dataclass(frozen=True, slots=True, kw_only=True)
class FlagFilter:
    """What a list of flags keeps: at least ``min_confidence``; ``speaker`` (any part of a name on
    either side); ``outlet`` (either side's article); ``since``/``until`` (``YYYY``, ``YYYY-MM`` or
    ``YYYY-MM-DD``: the day the later statement was said, else its article's date); ``review``, by
    the flag's mark (:data:`REVIEW_FILTERS`; ``undismissed`` hides dismissed flags)."""

    min_confidence: float = 0.0
    speaker: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    review: str = "undismissed"

    def __post_init__(self) -> None:
        if self.review not in REVIEW_FILTERS:
            raise InputError(f"review must be one of {', '.join(REVIEW_FILTERS)}, got {self.review!r}")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise InputError(f"min_confidence must be within 0..1, got {self.min_confidence}")
        for name in ("speaker", "outlet", "since", "until"):  # blank form fields mean no filter
            value = getattr(self, name)
            object.__setattr__(self, name, " ".join(value.split()) or None if value is not None else None)
        date_bound(self.since, "since")
        date_bound(self.until, "until")


def _keeps(review: str, state: str | None) -> bool:
    """Whether the review filter ``review`` keeps a flag whose mark is ``state`` (``None``: unmarked)."""
    return {
        "undismissed": state != "dismissed",
        "unreviewed": state is None,
        "confirmed": state == "confirmed",
        "dismissed": state == "dismissed",
        "reviewed": state is not None,
        "all": True,
    }[review]


def _light_key(type: str, r: sqlite3.Row) -> str:
    """:func:`review_key` of a light row."""
    return _key(type, r["a_article"], r["a_text"], r["b_article"], r["b_text"], r["target_text"])


def _names(r: sqlite3.Row, *, every_side: bool) -> str:
    """The names on a light row, folded and joined as :func:`naming` joins a relation's; a list of
    flags has always joined the earlier side's two as well, empty when the words were never quoted
    (``every_side``)."""
    names = [r["sp_name"], r["a_identity"], r["a_speaker"], r["target_speaker"]]
    if every_side or r["b_article"] is not None:
        names += [r["b_identity"], r["b_speaker"]]
    return " | ".join(fold(p) or "" for p in names)


def _from_article(mark: Review) -> str | None:
    """The article of the later statement of the flag a mark was made on, as the mark kept it."""
    side = mark.flag.get("from") if isinstance(mark.flag, dict) else None
    found = side.get("article_id") if isinstance(side, dict) else None
    return found if isinstance(found, str) else None


def naming(rows: Sequence[RelationRow], speaker: str) -> list[RelationRow]:
    """The relations that name ``speaker`` (any part of a name, case folded) on either side."""
    want = fold(speaker) or ""

    def names(r: RelationRow) -> str:
        parts = [r.speaker_name, r.source.speaker_name, r.source.statement.speaker.name, r.target_speaker]
        if r.target is not None:
            parts += [r.target.speaker_name, r.target.statement.speaker.name]
        return " | ".join(fold(p) or "" for p in parts)

    return [r for r in rows if want in names(r)]
