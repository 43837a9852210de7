"""Views of the links across articles: relations, claims and their timelines, speakers.

The JSON shapes are the CLI's and the API's: a relation is ``{"type", "from", "to", "speaker",
"evidence", "confidence", "basis", "claim"}`` where ``from`` (the later statement) and ``to`` are
full statements with ``content``, ``speaker``, ``said_on``, ``stance`` and their article's ``url``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, Any

from .formats import statement_json, write_csv
from .quotes import quoted, tidy_quotes
from .views import _console, display_text

__all__ = [
    "claim_json",
    "linked_json",
    "print_claim",
    "print_claims",
    "print_relations",
    "print_speaker",
    "print_speakers",
    "relation_json",
    "relation_line",
    "review_line",
    "speaker_json",
]


def linked_json(ls: Any) -> dict[str, Any]:
    """A stored statement with its links and its article."""
    d = statement_json(
        ls.statement,
        article={"id": ls.statement.article_id, "url": ls.url, "outlet": ls.outlet, "title": ls.title},
    )
    d["url"] = ls.url
    d["claim"] = ls.claim_id
    d["stance"] = ls.stance
    d["stance_evidence"] = list(ls.stance_evidence)
    d["speaker_id"] = ls.speaker_id
    if ls.speaker_name:
        d["speaker"]["identity"] = ls.speaker_name
    return d


def relation_json(r: Any) -> dict[str, Any]:
    from ..store.reviews import review_key

    source = linked_json(r.source)
    name = r.speaker_name or r.source.speaker_name or r.source.statement.speaker.name
    review = getattr(r, "review", None)
    return {
        "id": r.id,
        # what names the flag across relinking and new article versions (ids change); marks use it
        "key": review_key(r),
        "type": r.type,
        "basis": r.basis,
        "confidence": round(r.confidence, 3),
        "speaker": {"name": name, "id": r.source.speaker_id} if name else None,
        "rule": r.rule,
        "evidence": [tidy_quotes(e) for e in r.evidence],
        "claim": r.claim_id,
        "from": source,
        "to": linked_json(r.target) if r.target is not None else None,
        # the words disputed or taken back as the report gives them, when never quoted as a statement
        "target": None if r.target is not None else {"text": r.target_text, "speaker": r.target_speaker},
        # the current mark a person put on it: state, verdict, note, reviewer, reviewed_at
        "review": review.to_dict() if review is not None else None,
    }


def target_who(r: Any) -> str:
    """Whose words a relation answers: the earlier statement's speaker, else whom the report names."""
    return _who(r.target) if r.target is not None else (r.target_speaker or "?")


def target_words(r: Any) -> str:
    """The words a relation answers; ``not quoted:`` and the report's words when none were quoted."""
    if r.target is not None:
        return display_text(r.target.statement)
    return f"not quoted: {r.target_text or ''}".strip()


def review_line(r: Any) -> str:
    """A flag's mark in words (``confirmed by Ann Editor, 2026-12-06: note``), or ``""``."""
    m = getattr(r, "review", None)
    if m is None:
        return ""
    verdict = " (wrong pairing)" if m.verdict == "wrong_pairing" else ""
    note = f": {m.note}" if m.note else ""
    return f"{m.state}{verdict} by {m.reviewer}, {m.reviewed_at.date().isoformat()}{note}"


def relation_line(r: Any) -> str:
    """One line for a relation as it is found: kind, who said what when, the evidence, the sources."""
    kind = "walk-back" if r.type == "walkback" else "contradiction" if r.type == "contradicts" else r.type
    a, b = r.source, r.target

    def side(ls: Any) -> str:
        said = ls.statement.said_on.value or "undated"
        return f"{_who(ls)} ({said}): {quoted(_clip(display_text(ls.statement), 100))}"

    verb = "takes back" if r.type == "walkback" else "vs"
    evidence = _clip(tidy_quotes(r.evidence[0]), 60) if r.evidence else ""
    urls = " ".join(dict.fromkeys(u for u in (a.url, b.url if b is not None else None) if u))
    earlier = side(b) if b is not None else f"{target_who(r)}: {_clip(target_words(r), 100)}"
    line = f"{kind}: {side(a)} {verb} {earlier} [{evidence}; {r.confidence:.2f} {r.basis}]"
    return f"{line} {urls}".rstrip()


def _add(table: Any, *cells: str) -> None:
    """A table row; cells are text, never rich markup (``[anonymous]`` stays as written)."""
    from rich.markup import escape

    table.add_row(*(escape(c) for c in cells))


def _who(ls: Any) -> str:
    sp = ls.statement.speaker
    who = ls.speaker_name or sp.name or (sp.mention.text if sp.mention else "?")
    if sp.anonymous and "[anonymous]" not in who:
        who += " [anonymous]"
    return who


def _clip(text: str, n: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def print_relations(rows: Sequence[Any], fmt: str, out: IO[str], *, title: str) -> None:
    if fmt == "json":
        out.write(json.dumps([relation_json(r) for r in rows], ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        fields = ["type", "basis", "rule", "confidence", "speaker", "from_said_on", "from_speaker",
                  "from_content", "to_said_on", "to_speaker", "to_content", "evidence", "from_url",
                  "to_url", "review", "review_verdict", "review_note", "reviewer", "reviewed_at",
                  "key"]  # fmt: skip
        write_csv(
            (
                {
                    "type": r.type,
                    "basis": r.basis,
                    "rule": r.rule,
                    "confidence": f"{r.confidence:.2f}",
                    "speaker": r.speaker_name or "",
                    "from_said_on": r.source.statement.said_on.value or "",
                    "from_speaker": _who(r.source),
                    "from_content": display_text(r.source.statement),
                    "to_said_on": (r.target.statement.said_on.value or "") if r.target else "",
                    "to_speaker": target_who(r),
                    "to_content": target_words(r),
                    "evidence": " | ".join(tidy_quotes(e) for e in r.evidence),
                    "from_url": r.source.url or "",
                    "to_url": (r.target.url or "") if r.target else "",
                    **_review_cells(r),
                }  # fmt: skip
                for r in rows
            ),
            out,
            fields,
        )
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} {title}", show_lines=True)
    for col in ("id", "later (from)", "earlier (to)", "evidence", "conf.", "review"):
        table.add_column(col, overflow="fold")
    for r in rows:
        a, b = r.source, r.target
        _add(
            table,
            str(r.id),
            f"{a.statement.said_on.value or '?'} {_who(a)}: {_clip(display_text(a.statement))}",
            f"{b.statement.said_on.value or '?'} {_who(b)}: {_clip(display_text(b.statement))}"
            if b is not None
            else f"? {target_who(r)}: {_clip(target_words(r))}",
            _clip(tidy_quotes("; ".join(r.evidence)), 200),
            f"{r.confidence:.2f} {r.basis}",
            _clip(review_line(r), 120),
        )
    _console(out).print(table)


def _review_cells(r: Any) -> dict[str, str]:
    from ..store.reviews import review_key

    m = getattr(r, "review", None)
    return {
        "review": m.state if m else "",
        "review_verdict": (m.verdict or "") if m else "",
        "review_note": m.note if m else "",
        "reviewer": m.reviewer if m else "",
        "reviewed_at": m.reviewed_at.isoformat() if m else "",
        "key": review_key(r),
    }


def claim_json(
    claim: Any, timeline: Sequence[Any] | None = None, relations: Sequence[Any] = ()
) -> dict[str, Any]:
    d = claim.to_dict()
    if timeline is not None:
        d["statements"] = [linked_json(s) for s in timeline]
        d["relations"] = [relation_json(r) for r in relations]
    return d


def print_claims(rows: Sequence[Any], fmt: str, out: IO[str]) -> None:
    if fmt == "json":
        out.write(json.dumps([claim_json(c) for c in rows], ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        write_csv(
            (c.to_dict() for c in rows), out, ["id", "summary", "statement_count", "first_said", "last_said"]
        )
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} claim(s)")
    for col in ("id", "statements", "first said", "last said", "summary"):
        table.add_column(col, overflow="fold")
    for c in rows:
        _add(
            table,
            str(c.id),
            str(c.statement_count),
            c.first_said or "?",
            c.last_said or "?",
            _clip(c.summary, 160),
        )
    _console(out).print(table)


def print_claim(
    claim: Any, timeline: Sequence[Any], relations: Sequence[Any], fmt: str, out: IO[str]
) -> None:
    """A claim's timeline: date said, speaker, stance, quote, source article; then its relations."""
    if fmt == "json":
        out.write(json.dumps(claim_json(claim, timeline, relations), ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        fields = ["said_on", "speaker", "stance", "content", "outlet", "url"]
        write_csv(
            (
                {
                    "said_on": s.statement.said_on.value or "",
                    "speaker": _who(s),
                    "stance": s.stance or "",
                    "content": display_text(s.statement),
                    "outlet": s.outlet or "",
                    "url": s.url or "",
                }  # fmt: skip
                for s in timeline
            ),
            out,
            fields,
        )
        return
    from rich.table import Table

    console = _console(out)
    console.print(f"claim {claim.id}: {claim.summary}", markup=False)
    table = Table(title=f"{len(timeline)} statement(s)")
    for col in ("said on", "speaker", "stance", "quote", "source"):
        table.add_column(col, overflow="fold")
    for s in timeline:
        _add(table,
            s.statement.said_on.value or "?", _who(s), s.stance or "", _clip(display_text(s.statement), 160),
            s.outlet or s.url or s.statement.article_id,
        )  # fmt: skip
    console.print(table)
    if relations:
        print_relations(relations, "table", out, title="relation(s)")


def speaker_json(sp: Any, statements: Sequence[Any] | None = None) -> dict[str, Any]:
    d = {
        "id": sp.id,
        "key": sp.key,
        "name": sp.name,
        "kind": sp.kind,
        "anonymous": sp.anonymous,
        "statements": sp.statement_count,
        "first_said": sp.first_said,
        "last_said": sp.last_said,
        "roles": list(sp.roles),
        "spokespeople": list(sp.spokespeople),
    }
    if statements is not None:
        d["timeline"] = [linked_json(s) for s in statements]
    return d


def print_speakers(rows: Sequence[Any], fmt: str, out: IO[str]) -> None:
    if fmt == "json":
        out.write(json.dumps([speaker_json(s) for s in rows], ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        write_csv(
            (
                {
                    "id": s.id,
                    "name": s.name,
                    "kind": s.kind,
                    "anonymous": "yes" if s.anonymous else "no",
                    "statements": s.statement_count,
                    "first_said": s.first_said or "",
                    "last_said": s.last_said or "",
                    "roles": "; ".join(r["role"] for r in s.roles if r["role"]),
                    "spokespeople": "; ".join(s.spokespeople),
                }  # fmt: skip
                for s in rows
            ),
            out,
            [
                "id",
                "name",
                "kind",
                "anonymous",
                "statements",
                "first_said",
                "last_said",
                "roles",
                "spokespeople",
            ],
        )
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} speaker(s)")
    for col in ("id", "name", "kind", "statements", "said", "roles / spokespeople"):
        table.add_column(col, overflow="fold")
    for s in rows:
        roles = "; ".join(dict.fromkeys(r["role"] for r in s.roles if r["role"]))
        extra = roles or ("spoken for by " + ", ".join(s.spokespeople) if s.spokespeople else "")
        span = f"{s.first_said or '?'} – {s.last_said or '?'}" if s.statement_count else ""
        name = s.name + (" [anonymous]" if s.anonymous else "")
        _add(table, str(s.id), name, s.kind, str(s.statement_count), span, _clip(extra, 120))
    _console(out).print(table)


def print_speaker(sp: Any, statements: Sequence[Any], fmt: str, out: IO[str]) -> None:
    """Every statement of one speaker, by date, with its claims."""
    if fmt == "json":
        out.write(json.dumps(speaker_json(sp, statements), ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        write_csv(
            (
                {
                    "said_on": s.statement.said_on.value or "",
                    "claim": s.claim_id or "",
                    "stance": s.stance or "",
                    "content": display_text(s.statement),
                    "outlet": s.outlet or "",
                    "url": s.url or "",
                }  # fmt: skip
                for s in statements
            ),
            out,
            ["said_on", "claim", "stance", "content", "outlet", "url"],
        )
        return
    from rich.table import Table

    console = _console(out)
    roles = "; ".join(
        f"{r['role'] or r['affiliation'] or '?'} ({r['first_said'] or '?'} – {r['last_said'] or '?'})"
        for r in sp.roles
    )
    console.print(f"{sp.name} [{sp.kind}{', anonymous' if sp.anonymous else ''}] {roles}", markup=False)
    if sp.spokespeople:
        console.print("spoken for by: " + ", ".join(sp.spokespeople), markup=False)
    table = Table(title=f"{len(statements)} statement(s)")
    for col in ("said on", "claim", "stance", "content", "source"):
        table.add_column(col, overflow="fold")
    for s in statements:
        _add(table,
            s.statement.said_on.value or "?", str(s.claim_id or ""), s.stance or "",
            _clip(display_text(s.statement), 160), s.outlet or s.url or s.statement.article_id,
        )  # fmt: skip
    console.print(table)
