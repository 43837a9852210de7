"""The links across articles in SQL: speakers, claims, stances and relations.

:class:`Ledger` writes inside one open transaction (``Store.linking()``), so an article's links
are stored whole or not at all; :class:`LedgerReads` (mixed into :class:`~walkback.store.Store`)
reads them back for the views. Every lookup the linker makes per statement goes through an index
(aliases, claim members, a speaker's statements), so its cost does not grow with the database.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from ..model import Claim, Relation, SpeakerIdentity, Stance, Statement
from .query import MAX_INT, contains_sql, fold, records

if TYPE_CHECKING:
    from .reviews import Review

__all__ = ["ClaimMember", "Ledger", "LedgerReads", "LinkedStatement", "RelationRow", "SpeakerRow"]


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkedStatement:
    """A stored statement with its links: speaker identity, claim and stance."""

    pk: int
    statement: Statement
    url: str | None
    outlet: str | None
    title: str
    speaker_id: int | None
    speaker_key: str | None
    speaker_name: str | None
    org_id: int | None
    claim_id: int | None
    stance: Stance | None
    stance_evidence: tuple[str, ...]
    claim_text: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimMember:
    """What the linker needs of a statement already in a claim."""

    pk: int
    speaker_id: int | None
    org_id: int | None
    stance: Stance
    said_on: str | None
    said_start: str | None
    claim_text: str
    article_id: str
    vector: np.ndarray | None = None
    proposition: str | None = None  # JSON (walkback.link.propositions.Proposition)
    speaker_name: str | None = None
    person: bool = False  # a named person (not an organisation, group or anonymous source)


@dataclass(frozen=True, slots=True, kw_only=True)
class RelationRow:
    id: int
    type: str
    basis: str
    source: LinkedStatement  # "from": the later statement
    target: LinkedStatement | None  # "to"; None when the words were never quoted (see target_text)
    speaker_name: str | None
    claim_id: int | None
    evidence: tuple[str, ...]
    confidence: float
    rule: str = ""
    target_text: str | None = None  # what the report says was disputed or taken back
    target_speaker: str | None = None  # whose words, as the report names them
    score: float | None = None  # the rule's own score, before calibration
    review: Review | None = None  # the current mark a person put on it (walkback.store.reviews)


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeakerRow:
    id: int
    key: str
    name: str
    kind: str
    anonymous: bool
    statement_count: int
    first_said: str | None
    last_said: str | None
    roles: tuple[dict[str, Any], ...]  # role, affiliation, organisation, first_said, last_said, statements
    spokespeople: tuple[str, ...] = ()  # for an organisation: the people who spoke for it


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def vector_blob(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def blob_vector(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32)


class Ledger:
    """Writes the links of some statements; lives inside one transaction (``Store.linking()``)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # -- meta --------------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # -- speakers ----------------------------------------------------------------------------------

    def _alias_ids(self, alias: str, prefix: str) -> list[int]:
        rows = self.conn.execute(
            "SELECT s.id FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id "
            "WHERE a.alias = ? AND s.key LIKE ? ORDER BY s.id",
            (alias, prefix + "%"),
        ).fetchall()
        return [r[0] for r in rows]

    def speaker_id(self, ident: SpeakerIdentity) -> int:
        """The stored identity for ``ident``, created when new.

        A one-word person (``Kirby``) or organisation (``NSC``) joins the one known identity it is
        an alias of; with none or several, it stays its own.
        """
        key = ident.key
        row = self.conn.execute("SELECT id, name FROM speakers WHERE key = ?", (key,)).fetchone()
        if row is None and not ident.anonymous:
            bare = key.split(":", 1)[1]
            if " " not in bare:
                prefix = "person:" if key.startswith("person:") else "org:"
                found = [i for i in self._alias_ids(bare, prefix) if i is not None]
                if len(found) == 1:
                    return found[0]
        if row is not None:
            if len(ident.name) > len(row[1]) and not ident.anonymous:
                self.conn.execute("UPDATE speakers SET name = ? WHERE id = ?", (ident.name, row[0]))
            return int(row[0])
        cur = self.conn.execute(
            "INSERT INTO speakers (key, name, kind, anonymous) VALUES (?, ?, ?, ?)",
            (key, ident.name, ident.kind, int(ident.anonymous)),
        )
        sid = int(cur.lastrowid or 0)
        self.conn.executemany(
            "INSERT OR IGNORE INTO speaker_aliases (alias, speaker_id) VALUES (?, ?)",
            [(a, sid) for a in ident.aliases],
        )
        return sid

    def speakers_named(self, name: str) -> list[int]:
        """The people and organisations a report may mean by ``name`` (``Trump``, ``the Clinton
        campaign``): identities whose key is the folded name, or an alias (a surname, initials) of it."""
        from ..link.identity import fold_name, surname  # the naming rules live with the identity rules

        folded = fold_name(name)
        keys = [f"person:{folded}", f"org:{folded}"]
        rows = self.conn.execute("SELECT id FROM speakers WHERE key IN (?, ?)", keys).fetchall()
        found = [int(r[0]) for r in rows]
        last = surname(name)
        for alias in dict.fromkeys(a for a in (folded, last) if a):
            for prefix in ("person:", "org:"):
                found += [i for i in self._alias_ids(alias, prefix) if i not in found]
        return found

    def organization_id(self, key: str | None, name: str | None) -> int | None:
        """The organisation a person speaks for, by key or by initials (``nsc``); created when new."""
        if not key or not name:
            return None
        bare = key.split(":", 1)[1]
        row = self.conn.execute("SELECT id FROM speakers WHERE key = ?", (key,)).fetchone()
        if row is not None:
            return int(row[0])
        if " " not in bare:
            found = self._alias_ids(bare, "org:")
            if len(found) == 1:
                return found[0]
        from ..link.identity import acronym  # the alias rule lives with the identity rules

        cur = self.conn.execute(
            "INSERT INTO speakers (key, name, kind, anonymous) VALUES (?, ?, 'organization', 0)", (key, name)
        )
        oid = int(cur.lastrowid or 0)
        aliases = {bare} | ({acronym(name)} - {None})
        self.conn.executemany(
            "INSERT OR IGNORE INTO speaker_aliases (alias, speaker_id) VALUES (?, ?)",
            [(a, oid) for a in aliases],
        )
        return oid

    def add_role(
        self, speaker_id: int, role: str | None, affiliation: str | None, org_id: int | None, said: str | None
    ) -> None:
        self.conn.execute(
            "INSERT INTO speaker_roles AS r (speaker_id, role, affiliation, org_id, first_said, last_said, "
            "statements) VALUES (?, ?, ?, ?, ?, ?, 1) "
            "ON CONFLICT (speaker_id, role, affiliation) DO UPDATE SET "
            "statements = r.statements + 1, org_id = coalesce(r.org_id, excluded.org_id), "
            "first_said = CASE WHEN r.first_said IS NULL OR excluded.first_said < r.first_said "
            "  THEN coalesce(excluded.first_said, r.first_said) ELSE r.first_said END, "
            "last_said = CASE WHEN r.last_said IS NULL OR excluded.last_said > r.last_said "
            "  THEN coalesce(excluded.last_said, r.last_said) ELSE r.last_said END",
            (speaker_id, role or "", affiliation or "", org_id, said, said),
        )

    # -- claims and links --------------------------------------------------------------------------

    def new_claim(self, summary: str, anchor: int | None = None) -> int:
        cur = self.conn.execute(
            "INSERT INTO claims (summary, created_at, anchor_pk) VALUES (?, ?, ?)", (summary, _now(), anchor)
        )
        return int(cur.lastrowid or 0)

    def anchors(self, claim_ids: Iterable[int]) -> dict[int, ClaimMember]:
        """claim id -> the (still linked) statement it was founded on."""
        ids = sorted(set(claim_ids))
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"SELECT id, anchor_pk FROM claims WHERE id IN ({marks}) AND anchor_pk IS NOT NULL", ids
        ).fetchall()
        members = {m.pk: m for m in self.members_of([int(r[1]) for r in rows])}
        return {int(r[0]): members[int(r[1])] for r in rows if int(r[1]) in members}

    def add_link(
        self,
        *,
        pk: int,
        speaker_id: int | None,
        org_id: int | None,
        claim_id: int | None,
        similarity: float | None,
        stance: Stance,
        evidence: Sequence[str],
        claim_text: str,
        vector: np.ndarray | None,
        said_start: str | None,
        said_end: str | None,
        proposition: str | None = None,
    ) -> None:
        self.conn.execute(
            # an upsert, not INSERT OR REPLACE: SQLite's replace deletes without the delete trigger that
            # keeps the speaker's statement count
            "INSERT INTO statement_links (statement_pk, speaker_id, org_id, claim_id, similarity, "
            "stance, stance_evidence, claim_text, vector, proposition) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (statement_pk) DO UPDATE SET speaker_id = excluded.speaker_id, "
            "org_id = excluded.org_id, claim_id = excluded.claim_id, similarity = excluded.similarity, "
            "stance = excluded.stance, stance_evidence = excluded.stance_evidence, "
            "claim_text = excluded.claim_text, vector = excluded.vector, proposition = excluded.proposition",
            (
                pk, speaker_id, org_id, claim_id, similarity, stance, json.dumps(list(evidence)), claim_text,
                vector_blob(vector) if vector is not None else None, proposition,
            ),
        )  # fmt: skip
        if claim_id is not None:
            self.conn.execute(
                "UPDATE claims SET statement_count = statement_count + 1, "
                "first_said = CASE WHEN first_said IS NULL OR ? < first_said THEN coalesce(?, first_said) "
                "  ELSE first_said END, "
                "last_said = CASE WHEN last_said IS NULL OR ? > last_said THEN coalesce(?, last_said) "
                "  ELSE last_said END WHERE id = ?",
                (said_start, said_start, said_end, said_end, claim_id),
            )

    def set_summary(self, claim_id: int, summary: str) -> None:
        self.conn.execute("UPDATE claims SET summary = ? WHERE id = ?", (summary, claim_id))

    def claim_summary(self, claim_id: int) -> str:
        return str(self.conn.execute("SELECT summary FROM claims WHERE id = ?", (claim_id,)).fetchone()[0])

    def linked(self, pks: Iterable[int]) -> set[int]:
        """The statements among ``pks`` that are linked already."""
        pks = list(pks)
        if not pks:
            return set()
        marks = ",".join("?" * len(pks))
        rows = self.conn.execute(
            f"SELECT statement_pk FROM statement_links WHERE statement_pk IN ({marks})", pks
        ).fetchall()
        return {int(r[0]) for r in rows}

    def claims_of(self, pks: Iterable[int]) -> dict[int, int]:
        """statement pk -> claim id, for the statements given that are linked to a claim."""
        pks = list(pks)
        if not pks:
            return {}
        marks = ",".join("?" * len(pks))
        rows = self.conn.execute(
            f"SELECT statement_pk, claim_id FROM statement_links WHERE statement_pk IN ({marks}) "
            "AND claim_id IS NOT NULL",
            pks,
        ).fetchall()
        return {int(r[0]): int(r[1]) for r in rows}

    def _members(self, where: str, params: Sequence[Any], limit: int) -> list[ClaimMember]:
        rows = self.conn.execute(
            "SELECT * FROM (SELECT l.statement_pk, l.speaker_id, l.org_id, l.stance, l.claim_text, "
            "s.said_on, s.said_on_start, s.article_id, l.vector, l.proposition, sp.name AS sp_name, "
            "sp.kind AS sp_kind, sp.anonymous AS sp_anon FROM statement_links l "
            "JOIN statements s ON s.pk = l.statement_pk LEFT JOIN speakers sp ON sp.id = l.speaker_id "
            f"WHERE {where} "
            "ORDER BY l.statement_pk DESC LIMIT ?) AS m ORDER BY statement_pk",
            (*params, limit),
        ).fetchall()
        return [
            ClaimMember(
                pk=int(r[0]), speaker_id=r[1], org_id=r[2], stance=r[3], claim_text=r[4], said_on=r[5],
                said_start=r[6], article_id=r[7], vector=blob_vector(r[8]) if r[8] is not None else None,
                proposition=r[9], speaker_name=r[10], person=r[11] == "person" and not r[12],
            )
            for r in rows
        ]  # fmt: skip

    def members_of(self, pks: Iterable[int]) -> list[ClaimMember]:
        """The linked statements ``pks`` (those linked), as claim members."""
        pks = list(pks)
        if not pks:
            return []
        return self._members(f"l.statement_pk IN ({','.join('?' * len(pks))})", pks, len(pks))

    def claim_members(self, claim_id: int, limit: int = 200) -> list[ClaimMember]:
        """The latest statements of a claim (at most ``limit``), oldest first."""
        return self._members("l.claim_id = ?", (claim_id,), limit)

    def speaker_statements(self, speaker_id: int, limit: int = 200) -> list[ClaimMember]:
        """The latest linked statements of one speaker identity (at most ``limit``), oldest first."""
        return self._members("l.speaker_id = ?", (speaker_id,), limit)

    def add_relation(self, rel: Relation, speaker_id: int | None) -> None:
        if not rel.evidence:
            raise ValueError("a relation needs evidence")
        self.conn.execute(
            "INSERT INTO relations (type, from_pk, to_pk, speaker_id, claim_id, basis, rule, target_text, "
            "target_speaker, evidence, confidence, score, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (type, from_pk, coalesce(to_pk, 0)) DO UPDATE SET evidence = excluded.evidence, "
            "basis = excluded.basis, rule = excluded.rule, confidence = excluded.confidence, "
            "score = excluded.score",
            (
                rel.type, rel.from_statement, rel.to_statement, speaker_id, rel.claim_id, rel.basis, rel.rule,
                rel.target_text, rel.target_speaker, json.dumps(list(rel.evidence), ensure_ascii=False),
                float(rel.confidence), rel.score, _now(),
            ),
        )  # fmt: skip

    def clear(self) -> None:
        """Forget every link (speakers, claims, stances, relations); the statements stay."""
        for table in (
            "relations",
            "statement_links",
            "claims",
            "speaker_roles",
            "speaker_aliases",
            "speakers",
        ):
            self.conn.execute(f"DELETE FROM {table}")
        self.conn.execute("DELETE FROM meta WHERE key = 'encoder'")

    def drop_links(self, pks: Sequence[int]) -> None:
        """Unlink statements (an older version's): their links, relations and claim counts."""
        if not pks:
            return
        marks = ",".join("?" * len(pks))
        self.conn.execute(
            "UPDATE claims SET statement_count = statement_count - (SELECT count(*) FROM statement_links l "
            f"WHERE l.claim_id = claims.id AND l.statement_pk IN ({marks})) WHERE id IN "
            f"(SELECT claim_id FROM statement_links WHERE statement_pk IN ({marks}))",
            (*pks, *pks),
        )
        self.conn.execute(
            f"DELETE FROM relations WHERE from_pk IN ({marks}) OR to_pk IN ({marks})", (*pks, *pks)
        )
        self.conn.execute(f"DELETE FROM statement_links WHERE statement_pk IN ({marks})", pks)
        self.conn.execute("DELETE FROM claims WHERE statement_count <= 0")


class LedgerReads:
    """Reading the links back (mixed into :class:`~walkback.store.Store`)."""

    conn: sqlite3.Connection
    dialect: str  # "sqlite" or "postgresql" (the Store's)
    with_marks: Any  # attaches the marks people put on flags (walkback.store.reviews.ReviewTables)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:  # provided by Store
        raise NotImplementedError

    # -- what the linker reads outside its transaction ---------------------------------------------

    def unlinked(self) -> list[tuple[str, int]]:
        """(article id, version) of latest versions with statements not linked yet, oldest first."""
        rows = self._query(
            "SELECT s.article_id, s.version FROM statements s "
            "JOIN articles a ON a.id = s.article_id AND s.version = a.latest_version "
            "JOIN article_versions v ON v.article_id = s.article_id AND v.version = s.version "
            "WHERE NOT EXISTS (SELECT 1 FROM statement_links l WHERE l.statement_pk = s.pk) "
            "GROUP BY s.article_id, s.version, v.sort_date, v.ingested_at "
            "ORDER BY v.sort_date IS NULL, v.sort_date, v.ingested_at"
        )
        return [(r[0], int(r[1])) for r in rows]

    def stale_links(self, article_id: str) -> list[int]:
        """Linked statements of an article's older versions."""
        rows = self._query(
            "SELECT s.pk FROM statements s JOIN articles a ON a.id = s.article_id "
            "JOIN statement_links l ON l.statement_pk = s.pk "
            "WHERE s.article_id = ? AND s.version != a.latest_version",
            (article_id,),
        )
        return [int(r[0]) for r in rows]

    def version_statements(self, article_id: str, version: int) -> list[tuple[int, Statement]]:
        from .sqlite import _statement  # one row -> Statement conversion

        rows = self._query(
            "SELECT * FROM statements WHERE article_id = ? AND version = ? ORDER BY content_start, pk",
            (article_id, version),
        )
        return [(int(r["pk"]), _statement(r)) for r in records(rows)]

    def vectors(self, after_pk: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """(pks, vectors) of linked statements with a vector and ``pk > after_pk``."""
        rows = self._query(
            "SELECT statement_pk, vector FROM statement_links WHERE vector IS NOT NULL AND statement_pk > ? "
            "AND claim_id IS NOT NULL ORDER BY statement_pk",
            (after_pk,),
        )
        return _pairs(rows)

    def vector_keys(self) -> list[int]:
        """The pks :meth:`vectors` would return, without their vectors."""
        rows = self._query(
            "SELECT statement_pk FROM statement_links WHERE vector IS NOT NULL AND claim_id IS NOT NULL "
            "ORDER BY statement_pk"
        )
        return [int(r[0]) for r in rows]

    def vectors_of(self, pks: Iterable[int]) -> tuple[np.ndarray, np.ndarray]:
        """(pks, vectors) of those of ``pks`` that :meth:`vectors` would return."""
        rows = self._by_ids(
            "SELECT statement_pk, vector FROM (SELECT statement_pk, vector FROM statement_links "
            "WHERE vector IS NOT NULL AND claim_id IS NOT NULL) AS l",
            "statement_pk",
            pks,
        )
        return _pairs(rows)

    def vector_count(self) -> int:
        return int(
            self._query(
                "SELECT count(*) FROM statement_links WHERE vector IS NOT NULL AND claim_id IS NOT NULL"
            )[0][0]
        )

    # -- views ---------------------------------------------------------------------------------------

    _LINKED = (
        "SELECT s.*, s.pk AS s_pk, v.url AS v_url, v.outlet AS v_outlet, v.title AS v_title, "
        "l.speaker_id AS l_speaker, l.org_id AS l_org, l.claim_id AS l_claim, l.stance AS l_stance, "
        "l.stance_evidence AS l_evidence, l.claim_text AS l_text, sp.key AS sp_key, sp.name AS sp_name "
        "FROM statements s JOIN article_versions v ON v.article_id = s.article_id AND v.version = s.version "
        "LEFT JOIN statement_links l ON l.statement_pk = s.pk LEFT JOIN speakers sp ON sp.id = l.speaker_id"
    )

    @staticmethod
    def _linked(r: Mapping[str, Any]) -> LinkedStatement:
        from .sqlite import _statement

        return LinkedStatement(
            pk=int(r["s_pk"]),
            statement=_statement(r),
            url=r["v_url"],
            outlet=r["v_outlet"],
            title=r["v_title"],
            speaker_id=r["l_speaker"],
            speaker_key=r["sp_key"],
            speaker_name=r["sp_name"],
            org_id=r["l_org"],
            claim_id=r["l_claim"],
            stance=r["l_stance"],
            stance_evidence=tuple(json.loads(r["l_evidence"])) if r["l_evidence"] else (),
            claim_text=r["l_text"],
        )

    def _by_ids(self, select: str, column: str, ids: Iterable[int], tail: str = "") -> list[sqlite3.Row]:
        """Rows of ``select ... WHERE column IN (ids) tail``, asked in chunks SQLite accepts (``tail``
        groups or orders the rows of each chunk)."""
        ids = sorted(set(ids))
        rows: list[sqlite3.Row] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows += self._query(f"{select} WHERE {column} IN ({','.join('?' * len(chunk))}) {tail}", chunk)
        return rows

    def linked_statements(self, pks: Iterable[int]) -> dict[int, LinkedStatement]:
        return {int(r["s_pk"]): self._linked(r) for r in records(self._by_ids(self._LINKED, "s.pk", pks))}

    def relations(
        self,
        type: str | None = None,
        *,
        speaker: str | None = None,
        speaker_id: int | None = None,
        claim_id: int | None = None,
        min_confidence: float = 0.0,
        created_since: str | None = None,
    ) -> list[RelationRow]:
        """Relations, most confident first; ``speaker`` keeps those naming them (any part) on either side,
        ``created_since`` (an ISO timestamp in UTC) those found at or after it."""
        rows = self._relations(
            type,
            speaker_id=speaker_id,
            claim_id=claim_id,
            min_confidence=min_confidence,
            created_since=created_since,
        )
        if speaker is None:
            return rows
        from .reviews import naming

        return naming(rows, speaker)

    def _relations(
        self,
        type: str | None,
        *,
        speaker_id: int | None,
        claim_id: int | None,
        min_confidence: float,
        created_since: str | None = None,
    ) -> list[RelationRow]:
        where: list[str] = ["r.confidence >= ?"]
        params: list[Any] = [min_confidence]
        if created_since is not None:
            where.append("r.created_at >= ?")
            params.append(created_since)
        if type is not None:
            where.append("r.type = ?")
            params.append(type)
        if speaker_id is not None:
            where.append("r.speaker_id = ?")
            params.append(speaker_id)
        if claim_id is not None:  # on the claim, or touching one of its statements (a reported walk-back)
            where.append(
                "(r.claim_id = ? OR r.to_pk IN (SELECT statement_pk FROM statement_links WHERE claim_id = ?) "
                "OR r.from_pk IN (SELECT statement_pk FROM statement_links WHERE claim_id = ?))"
            )
            params += [claim_id] * 3
        sql = (
            "SELECT r.*, sp.name AS sp_name FROM relations r LEFT JOIN speakers sp ON sp.id = r.speaker_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY r.confidence DESC, r.id"
        )
        return self._relation_rows(self._query(sql, params))

    # the date a relation is listed under: when its later statement was said, else its article's date
    _RELATION_DATE = "coalesce(s.said_on_start, substr(v.sort_date, 1, 10))"

    def latest_relations(
        self,
        types: Sequence[str] = ("walkback", "contradicts"),
        *,
        involving: int | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[RelationRow]:
        """Relations of ``types``, newest first by when the later statement was said.

        ``involving`` keeps those where that speaker identity said either statement.
        """
        where, params = self._latest_where(types, involving)
        rows = self._query(
            "SELECT r.*, sp.name AS sp_name FROM relations r LEFT JOIN speakers sp ON sp.id = r.speaker_id "
            "JOIN statements s ON s.pk = r.from_pk "
            "JOIN article_versions v ON v.article_id = s.article_id AND v.version = s.version "
            f"WHERE {where} ORDER BY {self._RELATION_DATE} DESC, r.id DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return self._relation_rows(rows)

    def count_relations(
        self, types: Sequence[str] = ("walkback", "contradicts"), *, involving: int | None = None
    ) -> int:
        where, params = self._latest_where(types, involving)
        return int(self._query(f"SELECT count(*) FROM relations r WHERE {where}", params)[0][0])

    @staticmethod
    def _latest_where(types: Sequence[str], involving: int | None) -> tuple[str, list[Any]]:
        where, params = f"r.type IN ({','.join('?' * len(types))})", list(types)
        if involving is not None:
            where += (
                " AND (r.speaker_id = ? OR r.from_pk IN (SELECT statement_pk FROM statement_links "
                "WHERE speaker_id = ?) OR r.to_pk IN (SELECT statement_pk FROM statement_links "
                "WHERE speaker_id = ?))"
            )
            params += [involving] * 3
        return where, params

    def _relation_rows(self, rows: list[sqlite3.Row]) -> list[RelationRow]:
        """Relations with both statements and the marks people put on them."""
        linked = self.linked_statements(
            [r["from_pk"] for r in rows] + [r["to_pk"] for r in rows if r["to_pk"] is not None]
        )
        return self.with_marks([
            RelationRow(
                id=int(r["id"]), type=r["type"], basis=r["basis"], source=linked[r["from_pk"]],
                target=linked[r["to_pk"]] if r["to_pk"] is not None else None, speaker_name=r["sp_name"],
                claim_id=r["claim_id"], evidence=tuple(json.loads(r["evidence"])),
                confidence=float(r["confidence"]), rule=r["rule"] or "", target_text=r["target_text"],
                target_speaker=r["target_speaker"], score=r["score"],
            )
            for r in rows
            if r["from_pk"] in linked and (r["to_pk"] is None or r["to_pk"] in linked)
        ])  # fmt: skip

    def claims(self, *, limit: int | None = None, offset: int = 0, min_statements: int = 1) -> list[Claim]:
        """Claims, largest first."""
        rows = self._query(
            "SELECT * FROM claims WHERE statement_count >= ? "
            "ORDER BY statement_count DESC, last_said DESC, id LIMIT ? OFFSET ?",
            (min_statements, -1 if limit is None else limit, offset),
        )
        return [_claim(r) for r in rows]

    def claim(self, claim_id: int) -> Claim | None:
        rows = self._query("SELECT * FROM claims WHERE id = ?", (claim_id,))
        return _claim(rows[0]) if rows else None

    def claims_by_id(self, ids: Iterable[int]) -> dict[int, Claim]:
        return {int(r["id"]): _claim(r) for r in self._by_ids("SELECT * FROM claims", "id", ids)}

    def count_claims(self, *, min_statements: int = 1) -> int:
        return int(
            self._query("SELECT count(*) FROM claims WHERE statement_count >= ?", (min_statements,))[0][0]
        )

    def claim_timeline(self, claim_id: int) -> list[LinkedStatement]:
        """A claim's statements by date said (undated last), then by article and position."""
        rows = self._query(
            f"{self._LINKED} WHERE l.claim_id = ? ORDER BY s.said_on_start IS NULL, s.said_on_start, "
            "v.sort_date, s.article_id, s.content_start",
            (claim_id,),
        )
        return [self._linked(r) for r in records(rows)]

    def speakers(
        self, *, limit: int | None = None, offset: int = 0, name: str | None = None
    ) -> list[SpeakerRow]:
        """Speakers with statements, most statements first; ``name`` matches any part of name or alias.

        The page is cut by counting links in their index; only its speakers' dates and roles are read.
        """
        where, params = "", []
        if name is not None:
            needle = fold(name) or ""
            named, value = contains_sql("sp.name", needle, self.dialect)
            where = f"({named} OR sp.id IN (SELECT speaker_id FROM speaker_aliases WHERE alias = ?))"
            params = [value, " ".join(needle.split())]
        # read along the index of the speakers' kept counts (schema 13), not by counting every link
        listed = (
            "(sp.statement_count > 0 OR sp.id IN (SELECT org_id FROM speaker_roles WHERE org_id IS NOT NULL))"
        )
        rows = self._query(
            f"SELECT sp.id FROM speakers sp WHERE {f'{where} AND ' if where else ''}{listed} "
            "ORDER BY sp.statement_count DESC, sp.name, sp.id LIMIT ? OFFSET ?",
            (*params, -1 if limit is None else limit, offset),
        )
        return self._speaker_rows([int(r[0]) for r in rows])

    def speaker_by_id(self, speaker_id: int) -> SpeakerRow | None:
        found = self._speaker_rows([speaker_id])
        return found[0] if found else None

    def count_speakers(self) -> int:
        return int(
            self._query(
                "SELECT count(*) FROM speakers sp WHERE sp.statement_count > 0 "
                "OR sp.id IN (SELECT org_id FROM speaker_roles WHERE org_id IS NOT NULL)"
            )[0][0]
        )

    def _speaker_rows(self, ids: list[int]) -> list[SpeakerRow]:
        """The speakers ``ids`` (those stored, in that order) with counts, dates, roles and spokespeople."""
        found = {int(r["id"]): r for r in self._by_ids(
            "SELECT sp.*, count(l.statement_pk) AS n, min(s.said_on_start) AS first, "
            "max(s.said_on_end) AS last FROM speakers sp LEFT JOIN statement_links l ON l.speaker_id = sp.id "
            "LEFT JOIN statements s ON s.pk = l.statement_pk", "sp.id", ids, tail="GROUP BY sp.id",
        )}  # fmt: skip
        roles: dict[int, list[dict[str, Any]]] = {i: [] for i in found}
        for x in self._by_ids(
            "SELECT r.speaker_id, r.role, r.affiliation, o.name AS org, r.first_said, r.last_said, "
            "r.statements FROM speaker_roles r LEFT JOIN speakers o ON o.id = r.org_id",
            "r.speaker_id", found, tail="ORDER BY r.first_said IS NULL, r.first_said, r.role, r.affiliation",
        ):  # fmt: skip
            roles[int(x["speaker_id"])].append({
                "role": x["role"] or None, "affiliation": x["affiliation"] or None, "organization": x["org"],
                "first_said": x["first_said"], "last_said": x["last_said"], "statements": x["statements"],
            })  # fmt: skip
        people: dict[int, list[str]] = {i: [] for i in found}
        for x in self._by_ids(
            "SELECT DISTINCT org_id, name FROM (SELECT r.org_id, sp.name FROM speaker_roles r "
            "JOIN speakers sp ON sp.id = r.speaker_id WHERE r.speaker_id != r.org_id) AS p",
            "org_id", found, tail="ORDER BY name",
        ):  # fmt: skip
            people[int(x["org_id"])].append(x["name"])
        return [
            SpeakerRow(
                id=i, key=r["key"], name=r["name"], kind=r["kind"], anonymous=bool(r["anonymous"]),
                statement_count=int(r["n"]), first_said=r["first"], last_said=r["last"],
                roles=tuple(roles[i]), spokespeople=tuple(people[i]),
            )
            for i in ids
            if (r := found.get(i)) is not None
        ]  # fmt: skip

    def find_speaker(self, name: str) -> SpeakerRow:
        """The one speaker ``name`` names: an id, an exact name or alias, else the only partial match."""
        from ..errors import NotFoundError

        if name.strip().isdecimal() and int(name) <= MAX_INT:  # "²" is a digit int() cannot read
            one = self.speaker_by_id(int(name))
            found = [one] if one is not None and (one.statement_count or one.spokespeople) else []
        else:
            matches = self.speakers(name=name)
            want = " ".join((fold(name) or "").split())
            exact = [s for s in matches if " ".join((fold(s.name) or "").split()) == want]
            named = [s for s in matches if not s.anonymous]
            found = exact or (matches if len(matches) == 1 else named[:1] if len(named) == 1 else matches)
        if not found:
            raise NotFoundError(f"no speaker matches {name!r}; `walkback speakers` lists them")
        if len(found) > 1:
            shown = ", ".join(f"{s.name} (id {s.id})" for s in found[:6]) + (
                ", ..." if len(found) > 6 else ""
            )
            raise NotFoundError(
                f"{len(found)} speakers match {name!r}: {shown}; give more of the name or the id"
            )
        return found[0]

    def speaker_statements_view(
        self, speaker_id: int, limit: int | None = None, offset: int = 0
    ) -> list[LinkedStatement]:
        """Every statement of one speaker identity (``limit`` of them from ``offset``), by date said."""
        sql = (
            f"{self._LINKED} WHERE l.speaker_id = ? ORDER BY s.said_on_start IS NULL, s.said_on_start, "
            "v.sort_date, s.article_id, s.content_start, s.pk"
        )
        params: tuple[int, ...] = (speaker_id,)
        if limit is not None:
            sql, params = sql + " LIMIT ? OFFSET ?", (speaker_id, limit, offset)
        rows = self._query(sql, params)
        return [self._linked(r) for r in records(rows)]

    def speaker_claim_counts(self, speaker_id: int) -> dict[int, int]:
        """claim id -> how many statements of one speaker identity are on it."""
        rows = self._query(
            "SELECT claim_id, count(*) AS n FROM statement_links WHERE speaker_id = ? "
            "AND claim_id IS NOT NULL GROUP BY claim_id",
            (speaker_id,),
        )
        return {int(r["claim_id"]): int(r["n"]) for r in rows}

    def iter_linked(self, batch: int = 500) -> Iterator[LinkedStatement]:
        """Every statement of the latest article versions with its links, in storage order."""
        last = 0
        while True:
            rows = self._query(
                f"{self._LINKED} JOIN articles a ON a.id = s.article_id AND a.latest_version = s.version "
                "WHERE s.pk > ? ORDER BY s.pk LIMIT ?",
                (last, batch),
            )
            if not rows:
                return
            yield from (self._linked(r) for r in records(rows))
            last = int(rows[-1]["s_pk"])

    def article_statements_view(self, article_id: str, version: int) -> list[LinkedStatement]:
        """The statements of one article version with their links, in text order."""
        rows = self._query(
            f"{self._LINKED} WHERE s.article_id = ? AND s.version = ? ORDER BY s.content_start, s.pk",
            (article_id, version),
        )
        return [self._linked(r) for r in records(rows)]


def _pairs(rows: Sequence[sqlite3.Row]) -> tuple[np.ndarray, np.ndarray]:
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
    return np.array([r[0] for r in rows], dtype=np.int64), np.stack([blob_vector(r[1]) for r in rows])


def _claim(r: sqlite3.Row) -> Claim:
    return Claim(
        id=int(r["id"]),
        summary=r["summary"],
        statement_count=int(r["statement_count"]),
        first_said=r["first_said"],
        last_said=r["last_said"],
    )
