"""Exports of the whole ledger in the formats other tools read.

- ``jsonl``: one statement per line, in the CLI's and the API's JSON shape (with claim and stance);
- ``csv``: the same statements as flat rows;
- ``claimreview``: schema.org ``ClaimReview`` JSON-LD, one review per statement that was walked
  back or contradicted, for fact-checking tools and search engines;
- ``markdown``: a report a journalist can paste: walk-backs, then contradictions, each with both
  quotes, speakers, dates and sources.

Every function writes to a text stream and reads the store through its public methods only.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import IO, Any

from .formats import STATEMENT_CSV_FIELDS, statement_csv_row, write_csv
from .links import _who, linked_json
from .views import display_text

__all__ = ["EXPORTERS", "export", "claimreview_items", "markdown_report"]

_RATING = {
    "walkback": ("Walked back", "The speaker, or someone speaking for them, later took this back"),
    "contradicts": ("Contradicted", "A later statement takes the opposite stance on the same claim"),
}


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
    kind = ls.statement.speaker.kind
    return {"@type": "Organization" if kind in ("organization", "group") else "Person", "name": _who(ls)}


def _day(ls: Any) -> str | None:
    value = ls.statement.said_on.value
    return value if value else None


def claimreview_items(relations: Iterable[Any], *, base_url: str | None = None) -> list[dict[str, Any]]:
    """One ClaimReview per statement that a walk-back or a contradiction points at."""
    by_target: dict[int, list[Any]] = defaultdict(list)
    for r in relations:
        if r.type in _RATING and r.target is not None:  # a review needs the words reviewed
            by_target[r.target.pk].append(r)
    items = []
    for rels in by_target.values():
        rels.sort(key=lambda r: (r.type != "walkback", -r.confidence))
        first = rels[0]
        target = first.target
        name, meaning = _RATING[first.type]
        explanation = " ".join(
            f"{_RATING[r.type][0]} on {r.source.statement.said_on.value or 'a later date'} "
            f"by {_who(r.source)}: “{display_text(r.source.statement)}” (evidence: {'; '.join(r.evidence)})."
            for r in rels
        )
        claim_id = first.claim_id or target.claim_id
        review_url = (
            f"{base_url.rstrip('/')}/claims/{claim_id}#s-{target.pk}"
            if base_url and claim_id
            else first.source.url
        )
        item: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": display_text(target.statement),
            "author": {"@type": "Organization", "name": "walkback"},
            "datePublished": datetime.now(UTC).date().isoformat(),
            "itemReviewed": {
                "@type": "Claim",
                "author": _person(target),
                "datePublished": _day(target),
                "appearance": [{"@type": "NewsArticle", "url": target.url, "headline": target.title}]
                if target.url
                else [],
            },
            "reviewRating": {
                "@type": "Rating",
                "alternateName": name,
                "ratingExplanation": f"{meaning}. {explanation}",
            },
            "walkback:relations": [
                {
                    "type": r.type,
                    "confidence": round(r.confidence, 3),
                    "evidence": list(r.evidence),
                    "from": r.source.statement.id,
                    "to": r.target.statement.id,
                }
                for r in rels
            ],  # fmt: skip
        }
        if review_url:
            item["url"] = review_url
        items.append(item)
    return items


def _claimreview(store: Any, out: IO[str], *, base_url: str | None = None, **_: Any) -> int:
    items = claimreview_items(store.relations(), base_url=base_url)
    out.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
    return len(items)


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


def _md_side(ls: Any) -> str:
    who = md(_who(ls))
    when = ls.statement.said_on.value or "date unknown"
    source = _md_link(ls.outlet or ls.title or "source", ls.url)
    return f"> “{md(display_text(ls.statement))}”\n>\n> — {who}, {when}, {source}"


def _md_unquoted(r: Any) -> str:
    """The earlier words of a relation whose target was never quoted: what the report says of them."""
    who = md(r.target_speaker or "whose words the report does not say")
    return f"> (not quoted) {md(r.target_text)}\n>\n> — {who}"


def markdown_report(store: Any, *, limit: int = 50) -> str:
    """Walk-backs, then contradictions, newest first, each with both quotes and the evidence."""
    stats = store.stats()
    lines = [
        "# walkback report",
        "",
        f"{stats['articles']} articles, {stats['statements']} statements; "
        f"generated {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}.",
    ]
    for kind, title in (("walkback", "Walk-backs"), ("contradicts", "Contradictions")):
        total = store.count_relations((kind,))
        rows = store.latest_relations((kind,), limit=limit)
        shown = f" (newest {len(rows)} shown)" if total > len(rows) else ""
        lines += ["", f"## {title}: {total}{shown}", ""]
        if not rows:
            lines.append("None found.")
        for r in rows:
            head = md(r.speaker_name or _who(r.source))
            lines += [
                f"### {head}, {r.source.statement.said_on.value or 'date unknown'}",
                "",
                "Earlier:",
                "",
                _md_side(r.target) if r.target is not None else _md_unquoted(r),
                "",
                "Later:",
                "",
                _md_side(r.source),
                "",
                f"Evidence: {md('; '.join(r.evidence))} (confidence {r.confidence:.2f}, {r.basis}"
                + (f", claim {r.claim_id}" if r.claim_id else "")
                + ").",
                "",
            ]
    return "\n".join(lines).rstrip() + "\n"


def _markdown(store: Any, out: IO[str], **_: Any) -> int:
    out.write(markdown_report(store))
    return store.count_relations()


EXPORTERS: dict[str, Callable[..., int]] = {
    "jsonl": _jsonl,
    "csv": _csv,
    "claimreview": _claimreview,
    "markdown": _markdown,
}


def export(store: Any, fmt: str, out: IO[str], *, base_url: str | None = None) -> int:
    """Write the ledger in ``fmt`` (a key of :data:`EXPORTERS`) to ``out``; return how many items."""
    try:
        exporter = EXPORTERS[fmt]
    except KeyError:
        from ..errors import ConfigError

        raise ConfigError(f"unknown export format {fmt!r}; allowed: {', '.join(EXPORTERS)}") from None
    return exporter(store, out, base_url=base_url)
