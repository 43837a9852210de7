"""The JSON API under ``/api/``: the CLI's JSON shapes, with pagination and filters as in the CLI.

Lists answer with a JSON array (the same array ``walkback … --format json`` prints) and carry the
paging in headers: ``X-Total-Count`` and a ``Link`` header with ``rel="next"``/``rel="prev"``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..errors import NotFoundError
from ..report.formats import article_json
from ..report.links import claim_json, linked_json, relation_json, speaker_json
from ..report.views import article_row_json, statement_row_json
from ..store import Store
from .app import WebConfig, check_token

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=500, description="At most this many items.")]
Offset = Annotated[int, Query(ge=0, description="Skip this many items first.")]


def store(request: Request) -> Iterator[Store]:
    with request.app.state.stores.borrow() as db:
        yield db


def config(request: Request) -> WebConfig:
    return request.app.state.config


StoreDep = Annotated[Store, Depends(store)]


def _page(
    request: Request, response: Response, limit: int, offset: int, count: int, total: int | None
) -> None:
    """Paging headers: the total when known, and links to the next and previous pages."""
    links = []
    more = offset + count < total if total is not None else count == limit
    if more:
        links.append(f'<{request.url.include_query_params(offset=offset + limit, limit=limit)}>; rel="next"')
    if offset > 0:
        prev = max(0, offset - limit)
        links.append(f'<{request.url.include_query_params(offset=prev, limit=limit)}>; rel="prev"')
    if links:
        response.headers["Link"] = ", ".join(links)
    if total is not None:
        response.headers["X-Total-Count"] = str(total)


@router.get("/articles", summary="Articles, newest first (`walkback articles --format json`)")
def articles(
    request: Request, response: Response, db: StoreDep, outlet: str | None = None,
    limit: Limit = 100, offset: Offset = 0,
) -> list[dict[str, Any]]:  # fmt: skip
    rows = db.articles(outlet=outlet, limit=limit, offset=offset)
    _page(request, response, limit, offset, len(rows), None)
    return [article_row_json(r) for r in rows]


@router.get("/articles/{article_id}", summary="One article version: text, paragraphs, statements")
def article(
    article_id: str, db: StoreDep, version: Annotated[int | None, Query(ge=1)] = None
) -> dict[str, Any]:
    found = db.article(article_id, version)
    if found is None:
        raise NotFoundError(f"no article {article_id!r}" + (f" version {version}" if version else ""))
    versions = db.versions(article_id)
    number = version or versions[-1].version
    d = article_json(found)
    d["version"] = number
    d["versions"] = [v.version for v in versions]
    d["statements"] = [linked_json(s) for s in db.article_statements_view(article_id, number)]
    return d


def _statements(
    request: Request, response: Response, db: Store, *, limit: int, offset: int, **filters: Any
) -> list[dict[str, Any]]:
    rows = db.statements(limit=limit, offset=offset, **filters)
    total = db.count_statements(**filters)
    _page(request, response, limit, offset, len(rows), total)
    return [statement_row_json(r) for r in rows]


@router.get("/statements", summary="Statements (`walkback statements --format json`)")
def statements(
    request: Request, response: Response, db: StoreDep,
    speaker: Annotated[str | None, Query(description="Speaker name or mention contains this.")] = None,
    since: Annotated[str | None, Query(description="Said on or after: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(description="Said on or before: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    search: Annotated[str | None, Query(description="Full-text search over content and speakers.")] = None,
    outlet: str | None = None, limit: Limit = 100, offset: Offset = 0,
) -> list[dict[str, Any]]:  # fmt: skip
    return _statements(
        request, response, db, limit=limit, offset=offset,
        speaker=speaker, since=since, until=until, search=search, outlet=outlet,
    )  # fmt: skip


@router.get("/search", summary="Full-text search over statements (`walkback statements --search`)")
def search(
    request: Request, response: Response, db: StoreDep,
    q: Annotated[str, Query(min_length=1, description="Words to find; \"a phrase\" and prefix* work.")],
    speaker: str | None = None, outlet: str | None = None, since: str | None = None, until: str | None = None,
    limit: Limit = 100, offset: Offset = 0,
) -> list[dict[str, Any]]:  # fmt: skip
    return _statements(
        request, response, db, limit=limit, offset=offset,
        speaker=speaker, since=since, until=until, search=q, outlet=outlet,
    )  # fmt: skip


@router.get("/speakers", summary="Speakers, most statements first (`walkback speakers --format json`)")
def speakers(
    request: Request, response: Response, db: StoreDep, name: str | None = None,
    limit: Limit = 50, offset: Offset = 0,
) -> list[dict[str, Any]]:  # fmt: skip
    rows = db.speakers(limit=limit, offset=offset, name=name)
    _page(request, response, limit, offset, len(rows), None)
    return [speaker_json(s) for s in rows]


@router.get("/speakers/{name}", summary="One speaker with every statement (`walkback speaker NAME`)")
def speaker(name: str, db: StoreDep) -> dict[str, Any]:
    found = db.find_speaker(name)
    return speaker_json(found, db.speaker_statements_view(found.id))


@router.get("/claims", summary="Claims, largest first (`walkback claims --format json`)")
def claims(
    request: Request, response: Response, db: StoreDep,
    min_statements: Annotated[int, Query(ge=1)] = 2, limit: Limit = 50, offset: Offset = 0,
) -> list[dict[str, Any]]:  # fmt: skip
    rows = db.claims(limit=limit, offset=offset, min_statements=min_statements)
    _page(request, response, limit, offset, len(rows), db.count_claims(min_statements=min_statements))
    return [claim_json(c) for c in rows]


@router.get("/claims/{claim_id}", summary="One claim's timeline and relations (`walkback claim ID`)")
def claim(claim_id: int, db: StoreDep) -> dict[str, Any]:
    found = db.claim(claim_id)
    if found is None:
        raise NotFoundError(f"no claim {claim_id}")
    return claim_json(found, db.claim_timeline(claim_id), db.relations(claim_id=claim_id))


RelationType = Literal["walkback", "contradicts", "supports"]


def _relations(
    request: Request, response: Response, db: Store, kind: str | None, speaker: str | None,
    min_confidence: float, limit: int, offset: int,
) -> list[dict[str, Any]]:  # fmt: skip
    rows = db.relations(kind, speaker=speaker, min_confidence=min_confidence)
    _page(request, response, limit, offset, len(rows[offset : offset + limit]), len(rows))
    return [relation_json(r) for r in rows[offset : offset + limit]]


MinConfidence = Annotated[float, Query(ge=0.0, le=1.0, description="Only flags at least this sure.")]
SpeakerFilter = Annotated[
    str | None, Query(description="Where this speaker (any part of the name) is involved.")
]


@router.get("/relations", summary="Relations between statements, most confident first")
def relations(
    request: Request, response: Response, db: StoreDep, type: RelationType | None = None,
    speaker: SpeakerFilter = None, min_confidence: MinConfidence = 0.0,
    limit: Limit = 100, offset: Offset = 0,
) -> list[dict[str, Any]]:  # fmt: skip
    return _relations(request, response, db, type, speaker, min_confidence, limit, offset)


@router.get("/walkbacks", summary="Walk-backs (`walkback walkbacks --format json`)")
def walkbacks(
    request: Request, response: Response, db: StoreDep, speaker: SpeakerFilter = None,
    min_confidence: MinConfidence = 0.0, limit: Limit = 100, offset: Offset = 0,
) -> list[dict[str, Any]]:  # fmt: skip
    return _relations(request, response, db, "walkback", speaker, min_confidence, limit, offset)


@router.get("/contradictions", summary="Contradictions (`walkback contradictions --format json`)")
def contradictions(
    request: Request, response: Response, db: StoreDep, speaker: SpeakerFilter = None,
    min_confidence: MinConfidence = 0.0, limit: Limit = 100, offset: Offset = 0,
) -> list[dict[str, Any]]:  # fmt: skip
    return _relations(request, response, db, "contradicts", speaker, min_confidence, limit, offset)


@router.post(
    "/ingest",
    summary="Ingest a URL (JSON body) or a file (multipart upload); needs the write token",
    status_code=201,
)
async def ingest(
    request: Request,
    authorization: Annotated[str | None, Header(description="Bearer <write token>")] = None,
) -> dict[str, Any]:
    from .writes import ingest as do_ingest

    cfg = config(request)
    check_token(cfg, authorization)
    kind = request.headers.get("content-type", "")
    fields: dict[str, Any] = {}
    upload = None
    if kind.startswith("multipart/form-data"):
        async with request.form() as form:
            fields = {k: v for k, v in form.items() if isinstance(v, str)}
            item = form.get("file")
            if isinstance(item, UploadFile):
                upload = (item.filename or "upload.txt", await item.read())
    else:
        try:
            body = await request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            from ..errors import InputError

            raise InputError('send JSON {"url": "https://…"} or a multipart form with a file')
        fields = body
    return await run_in_threadpool(
        do_ingest, cfg, request.app.state.stores.write_lock,
        url=(fields.get("url") or None) if upload is None else None, upload=upload,
        published=fields.get("published") or None, outlet=fields.get("outlet") or None,
    )  # fmt: skip
