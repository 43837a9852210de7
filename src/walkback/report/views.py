"""Terminal views: tables, JSON and CSV of stored statements and articles."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, Any

from .formats import STATEMENT_CSV_FIELDS, statement_csv_row, statement_json, write_csv

__all__ = ["print_statements", "print_articles", "statement_row_json", "article_row_json", "display_text"]


def _article_ctx(row: Any) -> dict[str, Any]:
    return {
        "id": row.article_id,
        "version": row.version,
        "url": row.url,
        "outlet": row.outlet,
        "title": row.title,
        "published": row.published.isoformat() if row.published else None,
    }


def statement_row_json(row: Any) -> dict[str, Any]:
    """A stored statement with its article: the one JSON shape of the CLI (and the API)."""
    return statement_json(row.statement, article=_article_ctx(row))


def article_row_json(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "version": row.version,
        "url": row.url,
        "outlet": row.outlet,
        "title": row.title,
        "authors": list(row.authors),
        "published": row.published.isoformat() if row.published else None,
        "updated": row.updated.isoformat() if row.updated else None,
        "ingested_at": row.ingested_at.isoformat() if row.ingested_at else None,
        "statements": row.statement_count,
        "source": row.source,
        "language": row.language,
    }


def _console(out: IO[str]):  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(file=out, width=None if out.isatty() else 160, soft_wrap=False)


def print_statements(rows: Sequence[Any], fmt: str, out: IO[str]) -> None:
    if fmt == "json":
        out.write(json.dumps([statement_row_json(r) for r in rows], ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        write_csv(
            (statement_csv_row(r.statement, article=_article_ctx(r)) for r in rows), out, STATEMENT_CSV_FIELDS
        )
        return
    from rich.table import Table

    table = Table(show_lines=False, title=f"{len(rows)} statement(s)")
    for col in ("said on", "speaker", "kind", "content", "source"):
        table.add_column(col, overflow="fold")
    for r in rows:
        st = r.statement
        sp = st.speaker
        who = sp.name or (sp.mention.text if sp.mention else "?")
        if sp.role:
            who += f" ({sp.role})"
        if sp.anonymous:
            who += " [anonymous]"
        content = display_text(st)
        content = content if len(content) <= 160 else content[:157] + "…"
        table.add_row(st.said_on.value or "?", who, st.kind, content, r.outlet or r.url or r.article_id)
    _console(out).print(table)


def display_text(st: Any) -> str:
    """What a reader should see of a statement: a run of quotations as its quoted parts joined by
    an ellipsis, without the cue words between them; otherwise the content as written."""
    if st.kind == "direct" and len(st.segments) > 1:
        return " … ".join(seg.text.strip(" ,") for seg in st.segments)
    return st.content.text


def print_articles(rows: Sequence[Any], fmt: str, out: IO[str]) -> None:
    if fmt == "json":
        out.write(json.dumps([article_row_json(r) for r in rows], ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        fields = ["id", "version", "url", "outlet", "title", "authors", "published", "updated"]
        fields += ["language", "statements"]
        write_csv(
            (
                {
                    **{k: v for k, v in article_row_json(r).items() if k in fields},
                    "authors": "; ".join(r.authors),
                }
                for r in rows
            ),
            out,
            fields,
        )
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} article(s)")
    for col in ("published", "outlet", "title", "language", "statements", "version", "id"):
        table.add_column(col, overflow="fold")
    for r in rows:
        when = r.published or r.updated
        table.add_row(
            when.date().isoformat() if when else "?",
            r.outlet or "",
            r.title,
            r.language or "?",
            str(r.statement_count),
            str(r.version),
            r.id,
        )
    _console(out).print(table)
