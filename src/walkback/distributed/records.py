"""One extraction outcome as one table row, and back: the shape both ends of a distributed run share.

A row is a plain dict of strings, numbers, lists and nested dicts, so Spark can write it as Parquet
and pyarrow can read it back without either side knowing walkback's classes. It keeps everything
:meth:`walkback.store.Store.save` stores: the article with its dates as ISO 8601 strings (Parquet
timestamps would drop the UTC offset a page gave, and the store keeps it) and every field of every
statement, the confidence unrounded, so that a row read back is equal to the outcome written.

Columns (see :data:`walkback.distributed.parquet.ARTICLES` for their types):

- ``part``, ``seq``: the split of the input it came from and its place there; together the order
  in which ``walkback ingest`` would have read it;
- ``source``: the input (``ARCHIVE#OFFSET`` for a page of a WARC archive), ``error``: why it failed,
  else null;
- the article: ``id``, ``url``, ``outlet``, ``title``, ``authors``, ``published``, ``updated``,
  ``fetched_at``, ``text``, ``paragraphs`` (``{start, end}``), ``content_hash``, ``language``
  (ISO 639-1; absent from tables written before walkback had it, read as unknown); null when the
  input could not be read;
- ``statements``: a list of structs, the fields of :class:`~walkback.model.Statement` with spans as
  ``{start, end, text}`` and ``said_on`` as ``{value, precision, source, evidence}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ..model import Article, SaidOn, Span, Speaker, Statement
from ..pipeline import Outcome

__all__ = ["outcome_row", "outcome_from_row", "ARTICLE_COLUMNS"]

#: the article's columns, in table order, after ``part``, ``seq``, ``source`` and ``error``
ARTICLE_COLUMNS = (
    "id",
    "url",
    "outlet",
    "title",
    "authors",
    "published",
    "updated",
    "fetched_at",
    "text",
    "paragraphs",
    "content_hash",
    "language",
)


def _span(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def _unspan(value: Mapping[str, Any] | None) -> Span | None:
    if value is None:
        return None
    return Span(start=int(value["start"]), end=int(value["end"]), text=value["text"])


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _dt(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _statement_row(st: Statement) -> dict[str, Any]:
    sp, said = st.speaker, st.said_on
    return {
        "id": st.id,
        "article_id": st.article_id,
        "kind": st.kind,
        "content": _span(st.content),
        "cue": _span(st.cue),
        "speaker": {
            "name": sp.name,
            "mention": _span(sp.mention),
            "role": sp.role,
            "affiliation": sp.affiliation,
            "anonymous": sp.anonymous,
            "kind": sp.kind,
            "resolved_from": _span(sp.resolved_from),
        },
        "said_on": {
            "value": said.value,
            "precision": said.precision,
            "source": said.source,
            "evidence": _span(said.evidence),
        },
        "medium": st.medium,
        "medium_span": _span(st.medium_span),
        "confidence": float(st.confidence),
        "sentence": _span(st.sentence),
        "rule": st.rule,
        "segments": [_span(g) for g in st.segments],
    }


def _statement(row: Mapping[str, Any]) -> Statement:
    sp, said = row["speaker"], row["said_on"]
    content = _unspan(row["content"])
    if content is None:
        raise ValueError(f"statement {row['id']} has no content span")
    return Statement(
        id=row["id"],
        article_id=row["article_id"],
        kind=row["kind"],
        content=content,
        cue=_unspan(row["cue"]),
        speaker=Speaker(
            name=sp["name"],
            mention=_unspan(sp["mention"]),
            role=sp["role"],
            affiliation=sp["affiliation"],
            anonymous=bool(sp["anonymous"]),
            kind=sp["kind"],
            resolved_from=_unspan(sp["resolved_from"]),
        ),
        said_on=SaidOn(
            value=said["value"],
            precision=said["precision"],
            source=said["source"],
            evidence=_unspan(said["evidence"]),
        ),
        medium=row["medium"],
        medium_span=_unspan(row["medium_span"]),
        confidence=float(row["confidence"]),
        sentence=_unspan(row["sentence"]),
        rule=row["rule"],
        segments=tuple(s for s in (_unspan(g) for g in row["segments"] or ()) if s is not None),
    )


def outcome_row(outcome: Outcome, *, part: int, seq: int) -> dict[str, Any]:
    """The row of one outcome of :func:`walkback.pipeline.extract_split`."""
    a = outcome.article
    row: dict[str, Any] = {"part": part, "seq": seq, "source": outcome.source, "error": outcome.error}
    if outcome.status == "failed" and outcome.error is None:
        row["error"] = f"{outcome.source}: failed"
    if a is None:
        row.update(dict.fromkeys(ARTICLE_COLUMNS))
        row["statements"] = []
        return row
    row.update(
        id=a.id,
        url=a.url,
        outlet=a.outlet,
        title=a.title,
        authors=list(a.authors),
        published=_iso(a.published),
        updated=_iso(a.updated),
        fetched_at=_iso(a.fetched_at),
        text=a.text,
        paragraphs=[{"start": s, "end": e} for s, e in a.paragraphs],
        content_hash=a.content_hash,
        language=a.language,
        statements=[_statement_row(st) for st in outcome.statements],
    )
    return row


def outcome_from_row(row: Mapping[str, Any]) -> Outcome:
    """The outcome a row holds: ``"extracted"`` with its article and statements, or ``"failed"``.

    Raises ``KeyError``, ``TypeError`` or ``ValueError`` on a row of another shape; the caller, who
    knows which file and row it is, says so.
    """
    source = row["source"] or ""
    article = None
    if row["id"] is not None:
        article = Article(
            id=row["id"],
            url=row["url"],
            outlet=row["outlet"],
            title=row["title"],
            authors=tuple(row["authors"] or ()),
            published=_dt(row["published"]),
            updated=_dt(row["updated"]),
            text=row["text"],
            paragraphs=tuple((int(p["start"]), int(p["end"])) for p in row["paragraphs"] or ()),
            source=row["source"],
            fetched_at=_dt(row["fetched_at"]),
            language=row.get("language"),
        )
    if row["error"] is not None:
        return Outcome(source=source, status="failed", article=article, error=row["error"])
    if article is None:
        raise ValueError("a row with neither an article id nor an error")
    statements = tuple(_statement(s) for s in row["statements"] or ())
    return Outcome(source=source, status="extracted", article=article, statements=statements)
