"""Exports of the whole ledger in the formats other tools read.

- ``jsonl``: one statement per line, in the CLI's and the API's JSON shape (with claim and stance);
- ``csv``: the same statements as flat rows;
- ``claimreview``: schema.org ``ClaimReview`` JSON-LD, one review per statement that was walked
  back or contradicted (by default, only flags a person confirmed), for fact-checking tools and
  search engines;
- ``markdown``: a report a journalist can paste: walk-backs, then contradictions, each with both
  quotes, speakers, dates, sources and the mark a person put on it;
- ``judged``: the flags people marked, one JSON line each in the judged-set format of
  ``benchmarks/flags/`` (a dismissal is evidence for calibrating confidence);
- ``flags-csv``: the flags as CSV rows (what the pages offer for download).

The exports of flags take a :class:`~walkback.store.FlagFilter` (confidence, speaker, outlet,
dates, review state): see :func:`default_filter`.

Every function writes to a text stream and reads the store through its public methods only.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from .formats import STATEMENT_CSV_FIELDS, statement_csv_row, write_csv
from .links import _who, linked_json, print_relations, review_line
from .quotes import quoted, tidy_quotes
from .views import display_text

__all__ = ["EXPORTERS", "claimreview_items", "default_filter", "export", "judged_lines", "markdown_report"]

FLAG_TYPES = ("walkback", "contradicts")
_RATING = {
    "walkback": ("Walked back", "The speaker, or someone speaking for them, later took this back"),
    "contradicts": ("Contradicted", "A later statement takes the opposite stance on the same claim"),
}
#: the marks each export of flags keeps unless asked otherwise: ClaimReview publishes only what a
#: person confirmed; the judged set is every flag a person marked
_REVIEW_DEFAULT = {"claimreview": "confirmed", "judged": "reviewed"}


def default_filter(fmt: str, threshold: float, **given: Any) -> Any:
    """The flag filter of an export in ``fmt``: what is ``given`` (``None``: not given), else the
    format's default review state and ``threshold`` (the judged set: every confidence)."""
    from ..store import FlagFilter

    values = {k: v for k, v in given.items() if v is not None}
    values.setdefault("review", _REVIEW_DEFAULT.get(fmt, "undismissed"))
    values.setdefault("min_confidence", 0.0 if fmt == "judged" else threshold)
    return FlagFilter(**values)


def _jsonl(store: Any, out: IO[str], **_: Any) -> int:
    n = 0
    for ls in store.iter_linked():
        out.write(json.dumps(linked_json(ls), ensure_ascii=False) + "\n")
        n += 1
    return n


def _csv(store: Any, out: IO[str], **_: Any) -> int:
    fields = [*STATEMENT_CSV_FIELDS, "claim", "stance", "speaker_identity"]
    rows = []
    for ls in store.iter_linked():
        art = {"url": ls.url, "outlet": ls.outlet, "title": ls.title}
        row = statement_csv_row(ls.statement, article=art)
        row.update(claim=ls.claim_id or "", stance=ls.stance or "", speaker_identity=ls.speaker_name or "")
        rows.append(row)
    write_csv(rows, out, fields)
    return len(rows)


def _person(ls: Any) -> dict[str, Any]:
    """A speaker as schema.org wants an author: a name as people write it (no ``[anonymous]``)."""
    sp = ls.statement.speaker
    name = ls.speaker_name or sp.name or (sp.mention.text if sp.mention else None) or "unnamed source"
    kind = "Organization" if sp.kind in ("organization", "group") else "Person"
    return {"@type": kind, "name": name.replace("[anonymous]", "").strip()}


def _said(ls: Any) -> str | None:
    """When the words were said (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), else their article's date."""
    return ls.statement.said_on.value or None


def claimreview_items(relations: Iterable[Any], *, base_url: str | None = None) -> list[dict[str, Any]]:
    """One schema.org ``ClaimReview`` per statement the flags ``relations`` point at.

    Each has the fields Google's fact-check markup requires: ``claimReviewed`` (the words),
    ``reviewRating`` (``alternateName``: walked back or contradicted, and why), ``itemReviewed`` (a
    ``Claim`` with its ``author``, ``datePublished`` and the article it appeared in) and ``url``: the
    page of the review under ``base_url``, else the reviewed statement's own article. Words never
    quoted, or never dated, cannot be reviewed and are left out, and so are dismissed flags. Only
    schema.org keys are written.
    """
    by_target: dict[int, list[Any]] = defaultdict(list)
    for r in relations:
        review = getattr(r, "review", None)
        if review is not None and review.state == "dismissed":
            continue  # a flag a person dismissed is never published, whatever the list shows
        if r.type in _RATING and r.target is not None and _said(r.target):
            by_target[r.target.pk].append(r)
    items = []
    for rels in by_target.values():
        rels.sort(key=lambda r: (r.type != "walkback", -r.confidence))
        first = rels[0]
        target = first.target
        name, meaning = _RATING[first.type]
        explanation = " ".join(
            f"{_RATING[r.type][0]} on {r.source.statement.said_on.value or 'a later date'} "
            f"by {_person(r.source)['name']}: {quoted(display_text(r.source.statement))}"
            + (f" ({_clip_words(tidy_quotes(r.evidence[0]))})" if r.evidence else "")
            + "."
            for r in rels
        )
        claim_id = first.claim_id or target.claim_id
        url = target.url
        if base_url and claim_id:
            url = f"{base_url.rstrip('/')}/claims/{claim_id}#s-{target.pk}"
        reviewed = [r.review.reviewed_at for r in rels if getattr(r, "review", None) is not None]
        when = max(reviewed) if reviewed else datetime.now(UTC)
        claim: dict[str, Any] = {
            "@type": "Claim",
            "author": _person(target),
            "datePublished": _said(target),
        }
        if target.url:
            claim["appearance"] = [{"@type": "NewsArticle", "url": target.url, "headline": target.title}]
        item: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": display_text(target.statement),
            "author": {"@type": "Organization", "name": "walkback"},
            "datePublished": when.date().isoformat(),
            "itemReviewed": claim,
            "reviewRating": {
                "@type": "Rating",
                "alternateName": name,
                "ratingExplanation": f"{meaning}. {explanation}",
            },
        }
        if url:
            item["url"] = url
        items.append(item)
    return items


def _clip_words(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _flags(store: Any, filters: Any, types: Iterable[str]) -> list[Any]:
    return [r for t in types for r in store.flags(t, filters)]


def _claimreview(store: Any, out: IO[str], *, filters: Any, types: Iterable[str] = FLAG_TYPES,
                 base_url: str | None = None, **_: Any) -> int:  # fmt: skip
    items = claimreview_items(_flags(store, filters, types), base_url=base_url)
    out.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
    return len(items)


def _source_name(side: dict[str, Any]) -> str:
    """How the judged set names an article: its file's name, else its URL, else its id."""
    source = side.get("source") or ""
    if source and not re.match(r"https?://", source, re.I):
        return Path(source).name
    return side.get("url") or source or side.get("article_id") or ""


def judged_lines(relations: Iterable[Any], *, set_name: str = "desk") -> list[dict[str, Any]]:
    """The marked flags among ``relations`` in the judged-set format of ``benchmarks/flags/``: the
    flag as it was marked, with the mark's verdict (``true``, ``false``, ``wrong_pairing``), its note
    as the reason, and who marked it when."""
    lines = []
    for r in relations:
        m = getattr(r, "review", None)
        if m is None or m.verdict is None:
            continue
        flag = m.flag

        def side(d: dict[str, Any] | None) -> dict[str, Any] | None:
            return {"file": _source_name(d), "text": d["text"]} if d else None

        lines.append({
            "set": set_name, "type": r.type, "from": side(flag["from"]), "to": side(flag.get("to")),
            "target_text": flag.get("target_text"), "verdict": m.verdict,
            "reason": m.note or f"{m.state} on the desk", "judged_on": m.reviewed_at.date().isoformat(),
            "linker": "after", "judged_by": m.reviewer, "confidence": flag.get("confidence"),
        })  # fmt: skip
    return lines


def _judged(store: Any, out: IO[str], *, filters: Any, types: Iterable[str] = FLAG_TYPES,
            set_name: str = "desk", **_: Any) -> int:  # fmt: skip
    lines = judged_lines(_flags(store, filters, types), set_name=set_name)
    for line in lines:
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return len(lines)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>~])")


def md(text: str | None) -> str:
    """Text made literal in Markdown: its markup characters escaped, HTML made inert."""
    text = " ".join((text or "").split())
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_link(label: str, url: str | None) -> str:
    if url and re.match(r"https?://", url) and not re.search(r"[\s<>()]", url):
        return f"[{md(label)}]({url})"
    return md(label)


def _md_who(ls: Any) -> str:
    return _who(ls).replace(" [anonymous]", " (anonymous)")


def _md_side(ls: Any) -> str:
    who = md(_md_who(ls))
    when = ls.statement.said_on.value or "date unknown"
    source = _md_link(ls.outlet or ls.title or "source", ls.url)
    return f"> {md(quoted(display_text(ls.statement)))}\n>\n> — {who}, {when}, {source}"


def _md_unquoted(r: Any) -> str:
    """The earlier words of a relation whose target was never quoted: what the report says of them."""
    who = md(r.target_speaker or "whose words the report does not say")
    return f"> not quoted: {md(r.target_text)}\n>\n> — {who}"


def markdown_report(
    store: Any, *, filters: Any, types: Iterable[str] = FLAG_TYPES, limit: int | None = 50
) -> str:
    """Walk-backs, then contradictions, newest first (the newest ``limit`` of each; ``None``: all),
    each with both quotes, the evidence and the mark a person put on it."""
    stats = store.stats()
    lines = [
        "# walkback report",
        "",
        f"{stats['articles']} articles, {stats['statements']} statements; flags at confidence "
        f"{filters.min_confidence:.2f} or more{_md_filters(filters)}; "
        f"generated {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}.",
    ]
    for kind in types:
        title = {"walkback": "Walk-backs", "contradicts": "Contradictions"}[kind]
        every = store.flags(kind, filters)
        rows = every if limit is None else every[:limit]
        shown = f" (newest {len(rows)} shown)" if len(every) > len(rows) else ""
        lines += ["", f"## {title}: {len(every)}{shown}", ""]
        if not rows:
            lines.append("None found.")
        for r in rows:
            head = md(r.speaker_name or _md_who(r.source))
            mark = review_line(r)
            lines += [
                f"### {head}, {r.source.statement.said_on.value or 'date unknown'}",
                "",
                *([f"**Review:** {md(mark)}.", ""] if mark else []),
                "Earlier:",
                "",
                _md_side(r.target) if r.target is not None else _md_unquoted(r),
                "",
                "Later:",
                "",
                _md_side(r.source),
                "",
                f"Evidence: {md(tidy_quotes('; '.join(r.evidence)))} (confidence {r.confidence:.2f}, "
                f"{r.basis}" + (f", claim {r.claim_id}" if r.claim_id else "") + ").",
                "",
            ]
    return "\n".join(lines).rstrip() + "\n"


def _md_filters(f: Any) -> str:
    parts = [
        f"{name} {getattr(f, name)}" for name in ("speaker", "outlet", "since", "until") if getattr(f, name)
    ]
    if f.review != "all":
        parts.append({"undismissed": "dismissed ones left out"}.get(f.review, f"{f.review} only"))
    return (", " + ", ".join(parts)) if parts else ""


def _markdown(store: Any, out: IO[str], *, filters: Any, types: Iterable[str] = FLAG_TYPES,
              limit: int | None = 50, **_: Any) -> int:  # fmt: skip
    text = markdown_report(store, filters=filters, types=types, limit=limit)
    out.write(text)
    return sum(len(store.flags(t, filters)) for t in types)


def _flag_csv(store: Any, out: IO[str], *, filters: Any, types: Iterable[str] = FLAG_TYPES, **_: Any) -> int:
    rows = _flags(store, filters, types)
    print_relations(rows, "csv", out, title="flag(s)")
    return len(rows)


EXPORTERS: dict[str, Callable[..., int]] = {
    "jsonl": _jsonl,
    "csv": _csv,
    "claimreview": _claimreview,
    "markdown": _markdown,
    "judged": _judged,
    "flags-csv": _flag_csv,
}
#: the exports that are lists of flags (they take a flag filter)
FLAG_EXPORTS = ("claimreview", "markdown", "judged", "flags-csv")


def export(store: Any, fmt: str, out: IO[str], **options: Any) -> int:
    """Write ``fmt`` (a key of :data:`EXPORTERS`) to ``out``; return how many items.

    The exports of flags (:data:`FLAG_EXPORTS`) take ``filters`` (a :class:`~walkback.store.FlagFilter`,
    see :func:`default_filter`) and ``types``; ``claimreview`` takes ``base_url``; ``markdown``
    ``limit`` (``None``: every flag); ``judged`` ``set_name``.
    """
    try:
        exporter = EXPORTERS[fmt]
    except KeyError:
        from ..errors import ConfigError

        raise ConfigError(f"unknown export format {fmt!r}; allowed: {', '.join(EXPORTERS)}") from None
    if fmt in FLAG_EXPORTS and options.get("filters") is None:
        options["filters"] = default_filter(fmt, 0.0)
    return exporter(store, out, **options)
