"""The JSON API under ``/api/``: the CLI's JSON shapes, with pagination and filters as in the CLI.

Lists answer with a JSON array (the same array ``walkback … --format json`` prints) and carry the
paging in headers: ``X-Total-Count`` and a ``Link`` header with ``rel="next"``/``rel="prev"``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ..errors import NotFoundError
from ..report.formats import article_json
from ..report.links import claim_json, linked_json, relation_json, speaker_json
from ..report.views import article_row_json, statement_row_json
from ..store import MAX_INT, Store
from .app import WebConfig, check_token, run_write

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=500, description="At most this many items.")]
Offset = Annotated[int, Query(ge=0, le=MAX_INT, description="Skip this many items first.")]
Version = Annotated[int | None, Query(ge=1, le=MAX_INT, description="This version (default: the latest).")]
PathId = Annotated[int, Path(ge=0, le=MAX_INT)]  # an id in a path: a claim, a flag


async def store(request: Request) -> AsyncIterator[Store]:
    # async: borrowing is a queue's get, and a sync dependency would take two turns of the capped
    # thread pool (entry, exit) besides the view's own
    with request.app.state.stores.borrow() as db:
        yield db


def config(request: Request) -> WebConfig:
    return request.app.state.config


StoreDep = Annotated[Store, Depends(store)]


def _page(request: Request, limit: int, offset: int, count: int, total: int | None) -> dict[str, str]:
    """Paging headers: the total when known, and links to the next and previous pages."""
    headers: dict[str, str] = {}
    links = []
    more = offset + count < total if total is not None else count == limit
    if more:
        links.append(f'<{request.url.include_query_params(offset=offset + limit, limit=limit)}>; rel="next"')
    if offset > 0:
        prev = max(0, offset - limit)
        links.append(f'<{request.url.include_query_params(offset=prev, limit=limit)}>; rel="prev"')
    if links:
        headers["Link"] = ", ".join(links)
    if total is not None:
        headers["X-Total-Count"] = str(total)
    return headers


class _FastJSON(JSONResponse):
    """Starlette's JSON answer (compact, UTF-8, the same bytes) written by orjson."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def _json(content: Any, headers: dict[str, str] | None = None) -> Response:
    """The answer as JSON, as is: the shapes come from walkback.report, so FastAPI need not check them."""
    return _FastJSON(content, headers=headers)


@router.get(
    "/articles",
    summary="Articles, newest first (`walkback articles --format json`)",
    response_model=list[dict[str, Any]],
)
def articles(
    request: Request, db: StoreDep, outlet: str | None = None,
    limit: Limit = 100, offset: Offset = 0,
) -> Response:  # fmt: skip
    rows = db.articles(outlet=outlet, limit=limit, offset=offset)
    return _json([article_row_json(r) for r in rows], _page(request, limit, offset, len(rows), None))


@router.get(
    "/articles/{article_id}",
    summary="One article version: text, paragraphs, statements",
    response_model=dict[str, Any],
)
def article(article_id: str, db: StoreDep, version: Version = None) -> Response:
    found = db.article(article_id, version)
    if found is None:
        raise NotFoundError(f"no article {article_id!r}" + (f" version {version}" if version else ""))
    versions = db.versions(article_id)
    number = version or versions[-1].version
    d = article_json(found)
    d["version"] = number
    d["versions"] = [v.version for v in versions]
    d["statements"] = [linked_json(s) for s in db.article_statements_view(article_id, number)]
    return _json(d)


def _statements(request: Request, db: Store, *, limit: int, offset: int, **filters: Any) -> Response:
    rows, total = db.statements_counted(limit=limit, offset=offset, **filters)
    return _json([statement_row_json(r) for r in rows], _page(request, limit, offset, len(rows), total))


@router.get(
    "/statements",
    summary="Statements (`walkback statements --format json`)",
    response_model=list[dict[str, Any]],
)
def statements(
    request: Request, db: StoreDep,
    speaker: Annotated[str | None, Query(description="Speaker name or mention contains this.")] = None,
    since: Annotated[str | None, Query(description="Said on or after: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(description="Said on or before: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    search: Annotated[str | None, Query(description="Full-text search over content and speakers.")] = None,
    outlet: str | None = None, limit: Limit = 100, offset: Offset = 0,
) -> Response:  # fmt: skip
    return _statements(
        request, db, limit=limit, offset=offset,
        speaker=speaker, since=since, until=until, search=search, outlet=outlet,
    )  # fmt: skip


@router.get(
    "/search",
    summary="Full-text search over statements (`walkback statements --search`)",
    response_model=list[dict[str, Any]],
)
def search(
    request: Request, db: StoreDep,
    q: Annotated[str, Query(min_length=1, description="Words to find; \"a phrase\" and prefix* work.")],
    speaker: str | None = None, outlet: str | None = None, since: str | None = None, until: str | None = None,
    limit: Limit = 100, offset: Offset = 0,
) -> Response:  # fmt: skip
    return _statements(
        request, db, limit=limit, offset=offset,
        speaker=speaker, since=since, until=until, search=q, outlet=outlet,
    )  # fmt: skip


@router.get(
    "/speakers",
    summary="Speakers, most statements first (`walkback speakers --format json`)",
    response_model=list[dict[str, Any]],
)
def speakers(
    request: Request, db: StoreDep, name: str | None = None,
    limit: Limit = 50, offset: Offset = 0,
) -> Response:  # fmt: skip
    rows = db.speakers(limit=limit, offset=offset, name=name)
    return _json([speaker_json(s) for s in rows], _page(request, limit, offset, len(rows), None))


@router.get(
    "/speakers/{name}",
    summary="One speaker and a page of their statements by date said (`walkback speaker NAME`)",
    response_model=dict[str, Any],
)
def speaker(name: str, request: Request, db: StoreDep, limit: Limit = 100, offset: Offset = 0) -> Response:
    """The ``timeline`` holds ``limit`` statements from ``offset``; ``statements`` counts them all, and
    the ``Link`` header points to the next page (the most quoted speakers have hundreds)."""
    found = db.find_speaker(name)
    rows = db.speaker_statements_view(found.id, limit=limit, offset=offset)
    return _json(speaker_json(found, rows), _page(request, limit, offset, len(rows), found.statement_count))


@router.get(
    "/claims",
    summary="Claims, largest first (`walkback claims --format json`)",
    response_model=list[dict[str, Any]],
)
def claims(
    request: Request, db: StoreDep,
    min_statements: Annotated[int, Query(ge=1, le=MAX_INT)] = 2, limit: Limit = 50, offset: Offset = 0,
) -> Response:  # fmt: skip
    rows = db.claims(limit=limit, offset=offset, min_statements=min_statements)
    total = db.count_claims(min_statements=min_statements)
    return _json([claim_json(c) for c in rows], _page(request, limit, offset, len(rows), total))


@router.get(
    "/claims/{claim_id}",
    summary="One claim's timeline and relations (`walkback claim ID`)",
    response_model=dict[str, Any],
)
def claim(claim_id: PathId, db: StoreDep) -> Response:
    found = db.claim(claim_id)
    if found is None:
        raise NotFoundError(f"no claim {claim_id}")
    return _json(claim_json(found, db.claim_timeline(claim_id), db.relations(claim_id=claim_id)))


RelationType = Literal["walkback", "contradicts", "supports"]
ReviewFilter = Literal["undismissed", "unreviewed", "confirmed", "dismissed", "reviewed", "all"]
MinConfidence = Annotated[
    float | None,
    Query(ge=0.0, le=1.0, description="Only flags at least this sure (default: the flag_threshold setting)."),
]
SpeakerFilter = Annotated[
    str | None, Query(description="Where this speaker (any part of the name) is involved.")
]


def _threshold(request: Request, given: float | None) -> float:
    return float(request.app.state.config.settings.flag_threshold) if given is None else given


@router.get(
    "/relations",
    summary="Relations between statements, most confident first",
    response_model=list[dict[str, Any]],
)
def relations(
    request: Request, db: StoreDep, type: RelationType | None = None,
    speaker: SpeakerFilter = None, min_confidence: MinConfidence = None,
    limit: Limit = 100, offset: Offset = 0,
) -> Response:  # fmt: skip
    page, total = db.relations_page(
        type, speaker=speaker, min_confidence=_threshold(request, min_confidence), limit=limit, offset=offset
    )
    return _json([relation_json(r) for r in page], _page(request, limit, offset, len(page), total))


def _flags(
    request: Request, db: Store, kind: str, *, limit: int, offset: int, sort: str, **given: Any
) -> Response:
    from ..store import FlagFilter

    given["min_confidence"] = _threshold(request, given.get("min_confidence"))
    given["review"] = given.get("review") or "undismissed"
    page, total = db.flags_page(kind, FlagFilter(**given), order=sort, limit=limit, offset=offset)  # type: ignore[arg-type]
    return _json([relation_json(r) for r in page], _page(request, limit, offset, len(page), total))


Outlet = Annotated[str | None, Query(description="Only flags with a side from this outlet.")]
Since = Annotated[
    str | None, Query(description="The later words said on or after: YYYY, YYYY-MM or YYYY-MM-DD.")
]
Until = Annotated[
    str | None, Query(description="The later words said on or before: YYYY, YYYY-MM or YYYY-MM-DD.")
]
Review = Annotated[
    ReviewFilter,
    Query(description="By the mark people put on them; `undismissed` hides dismissed flags."),
]
Sort = Annotated[Literal["confidence", "newest"], Query(description="Most confident first, or newest first.")]


@router.get(
    "/walkbacks",
    summary="Walk-backs, with their marks (`walkback walkbacks --format json`)",
    response_model=list[dict[str, Any]],
)
def walkbacks(
    request: Request, db: StoreDep, speaker: SpeakerFilter = None, min_confidence: MinConfidence = None,
    outlet: Outlet = None, since: Since = None, until: Until = None, review: Review = "undismissed",
    sort: Sort = "confidence", limit: Limit = 100, offset: Offset = 0,
) -> Response:  # fmt: skip
    return _flags(request, db, "walkback", limit=limit, offset=offset, sort=sort, speaker=speaker,
                  min_confidence=min_confidence, outlet=outlet, since=since, until=until,
                  review=review)  # fmt: skip


@router.get(
    "/contradictions",
    summary="Contradictions, with their marks (`walkback contradictions --format json`)",
    response_model=list[dict[str, Any]],
)
def contradictions(
    request: Request, db: StoreDep, speaker: SpeakerFilter = None, min_confidence: MinConfidence = None,
    outlet: Outlet = None, since: Since = None, until: Until = None, review: Review = "undismissed",
    sort: Sort = "confidence", limit: Limit = 100, offset: Offset = 0,
) -> Response:  # fmt: skip
    return _flags(request, db, "contradicts", limit=limit, offset=offset, sort=sort, speaker=speaker,
                  min_confidence=min_confidence, outlet=outlet, since=since, until=until,
                  review=review)  # fmt: skip


@router.get(
    "/flags/{flag_id}",
    summary="One walk-back or contradiction, with its mark and every mark made on it",
    response_model=dict[str, Any],
)
def flag(flag_id: PathId, db: StoreDep) -> Response:
    found = db.flag(flag_id)
    d = relation_json(found)
    d["reviews"] = [m.to_dict() for m in db.review_history(key=d["key"])]
    return _json(d)


@router.get(
    "/reviews",
    summary="Every mark people put on flags, newest first (who, when, state, note, and the flag as it was)",
    response_model=list[dict[str, Any]],
)
def reviews(request: Request, db: StoreDep, limit: Limit = 100, offset: Offset = 0) -> Response:
    rows = db.review_history(limit=limit, offset=offset)
    items = [{**m.to_dict(), "key": m.key, "type": m.type, "relation_id": m.relation_id, "flag": m.flag}
             for m in rows]  # fmt: skip
    return _json(items, _page(request, limit, offset, len(items), None))


class Mark(BaseModel):
    """A mark on a flag: ``confirmed``, ``dismissed`` (``verdict`` ``false``, the default, or
    ``wrong_pairing``: the earlier words are not the ones answered), or ``open`` again."""

    state: Literal["confirmed", "dismissed", "open"]
    reviewer: str = Field(min_length=1, max_length=100, description="Who marks it.")
    note: str = Field("", max_length=2000, description="Why; the reason in the judged set.")
    verdict: Literal["true", "false", "wrong_pairing"] | None = None
    key: str | None = Field(
        None,
        max_length=64,
        description="The flag's `key` as listed: the mark goes to that flag even when "
        "linking again has renumbered the flags since.",
    )


@router.post(
    "/flags/{flag_id}/review",
    summary="Mark a walk-back or contradiction confirmed or dismissed, with a note; needs the write token",
    response_model=dict[str, Any],
)
async def review(
    request: Request, flag_id: PathId, body: Mark,
    authorization: Annotated[str | None, Header(description="Bearer <write token>")] = None,
) -> Response:  # fmt: skip
    from .writes import mark

    cfg = config(request)
    check_token(cfg, authorization)
    marked = await run_write(
        request, mark, cfg, request.app.state.stores.write_lock, flag_id, state=body.state,
        reviewer=body.reviewer, note=body.note, verdict=body.verdict, key=body.key,
    )  # fmt: skip
    return _json(marked)


@router.post(
    "/ingest",
    summary="Ingest a URL (JSON body) or a file (multipart upload); needs the write token",
    status_code=201,
)
async def ingest(
    request: Request,
    authorization: Annotated[str | None, Header(description="Bearer <write token>")] = None,
) -> dict[str, Any]:
    from .bodies import read_form, read_json
    from .writes import ingest as do_ingest

    cfg = config(request)
    check_token(cfg, authorization)  # before a byte of the body is read
    kind = request.headers.get("content-type", "")
    fields: dict[str, Any] = {}
    upload = None
    if kind.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        form = await read_form(request, before_file=lambda _: None)
        fields, upload = dict(form.fields), form.upload
    else:
        body = await read_json(request)
        if not isinstance(body, dict):
            from ..errors import InputError

            raise InputError('send JSON {"url": "https://…"} or a multipart form with a file')
        fields = body
    return await run_write(
        request, do_ingest, cfg, request.app.state.stores.write_lock,
        url=(fields.get("url") or None) if upload is None else None, upload=upload,
        published=fields.get("published") or None, outlet=fields.get("outlet") or None,
    )  # fmt: skip
