"""Terminal views of an article's history: its stored versions, and the diff of two of them.

In a table, words taken out show as ``[-words-]`` and words put in as ``{+words+}`` (as
``git diff --word-diff=plain`` writes them), coloured on a terminal; long unchanged runs are cut to a
few words of context.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, Any

from .diff import ArticleDiff, WordOp, diff_json, statement_words, version_json, word_diff
from .views import _console

__all__ = ["print_versions", "print_diff", "render_words"]

_CONTEXT = 8  # words of unchanged text kept on each side of a change


def print_versions(rows: Sequence[Any], fmt: str, out: IO[str]) -> None:
    if fmt == "json":
        out.write(json.dumps([version_json(r) for r in rows], ensure_ascii=False, indent=2) + "\n")
        return
    from rich.table import Table

    url = rows[-1].url if rows else None
    table = Table(title=f"{len(rows)} version(s) of {url or (rows[-1].id if rows else '?')}")
    for col in ("version", "stored", "published", "updated", "title", "statements", "hash"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            str(r.version),
            r.ingested_at.strftime("%Y-%m-%d %H:%M:%S"),
            r.published.isoformat() if r.published else "",
            r.updated.isoformat() if r.updated else "",
            r.title,
            str(r.statement_count),
            r.content_hash[:12],
        )
    _console(out).print(table)


def _trim(words: str, where: str) -> str:
    """Unchanged words around a change: the last or first few, or all when few."""
    parts = words.split()
    if len(parts) <= 2 * _CONTEXT:
        return words
    if where == "start":
        return "… " + " ".join(parts[-_CONTEXT:])
    if where == "end":
        return " ".join(parts[:_CONTEXT]) + " …"
    return " ".join(parts[:_CONTEXT]) + " … " + " ".join(parts[-_CONTEXT:])


def render_words(ops: Sequence[WordOp]):  # type: ignore[no-untyped-def]
    """A rich Text of a word-level change, markers included (they survive without colour)."""
    from rich.text import Text

    text = Text()
    for n, op in enumerate(ops):
        if text:
            text.append(" ")
        if op.op == "equal":
            where = "start" if n == 0 else "end" if n == len(ops) - 1 else "middle"
            text.append(_trim(op.new, where))
            continue
        if op.old:
            text.append(f"[-{op.old}-]", style="red strike")
        if op.new:
            text.append(f"{{+{op.new}+}}", style="green")
    return text


def _side(old: str | None, new: str | None, ops: Sequence[WordOp]):  # type: ignore[no-untyped-def]
    from rich.text import Text

    if ops:
        return render_words(ops)
    if old is not None and new is None:
        return Text(f"[-{old}-]", style="red strike")
    return Text(f"{{+{new}+}}", style="green")


def _who(st: Any) -> str:
    sp = st.speaker
    return sp.name or (sp.mention.text if sp.mention else "?")


def print_diff(d: ArticleDiff, fmt: str, out: IO[str]) -> None:
    if fmt == "json":
        out.write(json.dumps(diff_json(d), ensure_ascii=False, indent=2) + "\n")
        return
    from rich.table import Table
    from rich.text import Text

    console = _console(out)
    stamp = "%Y-%m-%d %H:%M:%S"
    console.print(
        Text(
            f"{d.url or d.article_id}: version {d.old.version} ({d.old.ingested_at.strftime(stamp)}) "
            f"-> version {d.new.version} ({d.new.ingested_at.strftime(stamp)})"
        )
    )
    if not d.changed:
        console.print(Text("unchanged: no meaningful change between the two versions", style="bold"))
        return
    if d.flags:
        shown = ", ".join(f"{n} {flag}" for flag, n in sorted(d.flags.items()))
        console.print(Text(f"FLAGGED: {shown}", style="bold red"))
    if d.title:
        console.print(Text("title: ").append(render_words(word_diff(*d.title))))
    if d.paragraphs:
        table = Table(title=f"{len(d.paragraphs)} paragraph change(s)")
        for col in ("change", "¶ old", "¶ new", "text"):
            table.add_column(col, overflow="fold")
        for p in d.paragraphs:
            table.add_row(
                p.change,
                str(p.old_index or ""),
                str(p.new_index or ""),
                _side(p.old, p.new, p.words),
            )
        console.print(table)
    if d.statements:
        table = Table(title=f"{len(d.statements)} statement change(s)")
        for col in ("change", "flag", "speaker", "kind", "words"):
            table.add_column(col, overflow="fold")
        for s in d.statements:
            st = s.new or s.old
            who = _who(st) if s.old is None or s.new is None or _who(s.old) == _who(s.new) else None
            table.add_row(
                s.change,
                Text(s.flag or "", style="bold red" if s.flag else ""),
                who or f"{_who(s.old)} -> {_who(s.new)}",
                st.kind
                if s.old is None or s.new is None or s.old.kind == s.new.kind
                else f"{s.old.kind} -> {s.new.kind}",
                _side(
                    statement_words(s.old) if s.old else None,
                    statement_words(s.new) if s.new else None,
                    s.words,
                ),
            )
        console.print(table)
