"""The writes the web layer does: ingest a URL or an uploaded file (then link it), and mark a flag."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

from ..errors import InputError
from .app import WebConfig
from .bodies import MAX_UPLOAD

__all__ = ["ingest", "mark", "MAX_UPLOAD"]

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _outcome_json(o: Any) -> dict[str, Any]:
    return {
        "source": o.source,
        "status": o.status,
        "article_id": o.article.id if o.article is not None else None,
        "version": o.version,
        "title": o.article.title if o.article is not None else None,
        "statements": len(o.statements),
        "error": o.error,
        "note": o.note,
    }


def ingest(
    config: WebConfig,
    lock: Any,
    *,
    url: str | None = None,
    upload: tuple[str, bytes] | None = None,
    published: str | None = None,
    outlet: str | None = None,
) -> dict[str, Any]:
    """Ingest one URL or one uploaded file (name, bytes) into ``config.db`` and link it.

    Returns ``{"summary", "articles": [...], "links"}``; a source that fails is reported in
    ``articles[].error`` (and raises :class:`InputError` when nothing was ingested).
    """
    from ..ingest.dates import parse_date, usable_date
    from ..link import link_store
    from ..pipeline import ingest_sources
    from ..store import Store

    if (url is None) == (upload is None):
        raise InputError("give either a URL or a file to ingest")
    for name, value in (("url", url), ("published", published), ("outlet", outlet)):
        if value is not None and not isinstance(value, str):
            raise InputError(f"{name} must be a string, got {type(value).__name__}")
    when = usable_date(parse_date(published), what="published date") if published else None
    with tempfile.TemporaryDirectory(prefix="walkback-upload-") as tmp:
        if upload is not None:
            name, data = upload
            if len(data) > MAX_UPLOAD:
                raise InputError(f"the upload is {len(data)} bytes; the limit is {MAX_UPLOAD}", source=name)
            safe = _SAFE_NAME.sub("_", os.path.basename(name or "upload.txt"))[:100] or "upload.txt"
            path = Path(tmp) / safe
            path.write_bytes(data)
            source = str(path)
        else:
            source = (url or "").strip()
            if not re.match(r"https?://", source, re.I):
                raise InputError("only http:// and https:// URLs can be ingested", source=source)
        outcomes: list[Any] = []
        with lock, Store.open(config.db) as store:
            summary = ingest_sources(
                [source], store=store, settings=config.settings, published=when, outlet=outlet,
                on_outcome=outcomes.append,
            )  # fmt: skip
            links = link_store(store, config.settings) if config.settings.link else None
    items = [_outcome_json(o) for o in outcomes]
    if upload is not None:  # name the upload, not the temporary file
        for item in items:
            item["source"] = upload[0]
            if item["error"]:
                item["error"] = item["error"].replace(source, upload[0])
    if summary.failed and len(items) == 1:
        raise InputError(items[0]["error"] or "ingest failed")
    return {
        "summary": {**summary.counts, "statements": summary.statements},
        "articles": items,
        "links": None
        if links is None
        else {
            "articles": links.articles,
            "statements": links.statements,
            "claims_new": links.claims_new,
            "relations": dict(links.relations),
        },  # fmt: skip
    }


def mark(
    config: WebConfig,
    lock: Any,
    relation_id: int,
    *,
    state: str,
    reviewer: str,
    note: str = "",
    verdict: str | None = None,
    key: str | None = None,
) -> dict[str, Any]:
    """Mark the flag ``relation_id`` (confirmed, dismissed or open again) in ``config.db``, or, when
    the ledger was linked again since, the flag with ``key``; return it in the API's JSON shape."""
    from ..report.links import relation_json
    from ..store import Store

    fields = (("state", state), ("reviewer", reviewer), ("note", note), ("verdict", verdict), ("key", key))
    for name, value in fields:
        if value is not None and not isinstance(value, str):
            raise InputError(f"{name} must be a string, got {type(value).__name__}")
    with lock, Store.open(config.db) as store:
        flag = store.mark_flag(
            relation_id, state=state, reviewer=reviewer, note=note or "", verdict=verdict, key=key or None
        )
    return relation_json(flag)
