"""Server-rendered pages: home, claim timeline, speaker, article, search, ingest form.

No page needs JavaScript. Templates autoescape everything; the only raw HTML inlined is what
:mod:`walkback.report.timeline` and :mod:`walkback.report.highlight` build, which escape every
piece of article text themselves. Links to source articles are kept only when they are http(s).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from .. import __version__
from ..errors import AuthRequiredError, NotFoundError, WalkbackError
from ..report.highlight import highlight_paragraphs
from ..report.timeline import LANES, timeline_svg
from ..report.views import display_text
from ..store import MAX_INT, Store
from .app import HERE, check_token

__all__ = ["router", "render", "render_error"]

router = APIRouter(include_in_schema=False)

_HTTP = re.compile(r"https?://[^\s<>\"'`]+\Z", re.I)


def safe_href(url: str | None) -> str | None:
    """``url`` when it is a plain http(s) address, else ``None`` (no ``javascript:``, ``data:``…)."""
    return url if url and _HTTP.match(url.strip()) else None


def who(ls: Any) -> str:
    sp = ls.statement.speaker
    name = getattr(ls, "speaker_name", None) or sp.name or (sp.mention.text if sp.mention else "unknown")
    return name


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
_env.filters["href"] = safe_href
_env.globals.update(who=who, quote=display_text, wb_version=__version__, LANES=LANES, urlencode=urlencode)


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = _env.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message, title="Error")


def store(request: Request) -> Iterator[Store]:
    with request.app.state.stores.borrow() as db:
        yield db


StoreDep = Annotated[Store, Depends(store)]
Page = Annotated[int, Query(ge=1, le=100_000)]
Id = Annotated[int, Path(ge=0, le=MAX_INT)]


def _pager(request: Request, page: int, size: int, total: int | None, shown: int) -> dict[str, Any]:
    pages = max(1, math.ceil(total / size)) if total is not None else None
    more = page < pages if pages is not None else shown == size

    def link(n: int) -> str:
        return str(request.url.include_query_params(page=n))

    return {
        "page": page,
        "pages": pages,
        "total": total,
        "prev": link(page - 1) if page > 1 else None,
        "next": link(page + 1) if more else None,
    }


@router.get("/", response_class=HTMLResponse)
def home(request: Request, db: StoreDep, page: Page = 1) -> HTMLResponse:
    size = request.app.state.config.page_size
    rows = db.latest_relations(limit=size, offset=(page - 1) * size)
    total = db.count_relations()
    stats = {"articles": db.count_articles()}
    return render(
        request, "home.html", title="Walk-backs and contradictions", relations=rows, stats=stats,
        walkbacks=db.count_relations(("walkback",)), pager=_pager(request, page, size, total, len(rows)),
    )  # fmt: skip


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, db: StoreDep, page: Page = 1) -> HTMLResponse:
    size = request.app.state.config.page_size
    rows = db.claims(limit=size, offset=(page - 1) * size, min_statements=2)
    total = db.count_claims(min_statements=2)
    return render(
        request,
        "claims.html",
        title="Claims",
        claims=rows,
        pager=_pager(request, page, size, total, len(rows)),
    )


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim(request: Request, claim_id: Id, db: StoreDep) -> HTMLResponse:
    found = db.claim(claim_id)
    if found is None:
        raise NotFoundError(f"no claim {claim_id}")
    timeline = db.claim_timeline(claim_id)
    rels = db.relations(claim_id=claim_id)
    flagged = sorted(
        (r for r in rels if r.type != "supports"),
        key=lambda r: (r.type != "walkback", -r.confidence),
    )
    lanes: dict[str, list[Any]] = defaultdict(list)
    for ls in timeline:
        lanes[ls.stance if ls.stance in LANES else "neither"].append(ls)
    return render(
        request, "claim.html", title=f"Claim {claim_id}", claim=found, timeline=timeline,
        svg=Markup(timeline_svg(timeline, flagged)), lanes=lanes, relations=flagged[:60],
        more_relations=max(0, len(flagged) - 60), supports=sum(r.type == "supports" for r in rels),
    )  # fmt: skip


@router.get("/speakers", response_class=HTMLResponse)
def speakers(request: Request, db: StoreDep, page: Page = 1, name: str | None = None) -> HTMLResponse:
    size = request.app.state.config.page_size
    name = (name or "").strip() or None
    rows = db.speakers(limit=size, offset=(page - 1) * size, name=name)
    total = None if name else db.count_speakers()
    return render(
        request, "speakers.html", title="Speakers", speakers=rows, name=name or "",
        pager=_pager(request, page, size, total, len(rows)),
    )  # fmt: skip


@router.get("/speakers/{speaker_id}", response_class=HTMLResponse)
def speaker(request: Request, speaker_id: Id, db: StoreDep) -> HTMLResponse:
    found = db.speaker_by_id(speaker_id)
    if found is None:
        raise NotFoundError(f"no speaker {speaker_id}")
    counts = db.speaker_claim_counts(speaker_id)
    statements = db.speaker_statements_view(speaker_id, limit=100)
    claims = db.claims_by_id(counts)
    ranked = sorted(claims.values(), key=lambda c: (-counts[c.id], -c.statement_count, c.id))
    return render(
        request, "speaker.html", title=found.name, speaker=found, statements=statements,
        more_statements=max(0, found.statement_count - len(statements)),
        claims=ranked[:50], claim_counts=counts,
        walkbacks=db.latest_relations(("walkback",), involving=speaker_id, limit=50),
        contradictions=db.latest_relations(("contradicts",), involving=speaker_id, limit=20),
        contradiction_count=db.count_relations(("contradicts",), involving=speaker_id),
    )  # fmt: skip


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, db: StoreDep, page: Page = 1, outlet: str | None = None) -> HTMLResponse:
    size = request.app.state.config.page_size
    outlet = (outlet or "").strip() or None
    rows = db.articles(outlet=outlet, limit=size, offset=(page - 1) * size)
    total = None if outlet else db.count_articles()
    return render(
        request, "articles.html", title="Articles", articles=rows, outlet=outlet or "",
        pager=_pager(request, page, size, total, len(rows)),
    )  # fmt: skip


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(
    request: Request,
    article_id: str,
    db: StoreDep,
    version: Annotated[int | None, Query(ge=1, le=MAX_INT)] = None,
) -> HTMLResponse:
    found = db.article(article_id, version)
    if found is None:
        raise NotFoundError(f"no article {article_id!r}" + (f" version {version}" if version else ""))
    versions = db.versions(article_id)
    number = version or versions[-1].version
    statements = db.article_statements_view(article_id, number)
    paragraphs = highlight_paragraphs(found.text, found.paragraphs, [s.statement for s in statements])
    unhandled = request.app.state.config.settings.unhandled_language(found.language)
    return render(
        request, "article.html", title=found.title, article=found, version=number, versions=versions,
        paragraphs=[Markup(p) for p in paragraphs], statements=statements,
        note=f"Not read for statements: {unhandled}." if unhandled else None,
    )  # fmt: skip


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request, db: StoreDep, page: Page = 1,
    q: str = "", speaker: str = "", outlet: str = "", since: str = "", until: str = "",
) -> HTMLResponse:  # fmt: skip
    size = request.app.state.config.page_size
    filters = {
        "search": q.strip() or None,
        "speaker": speaker.strip() or None,
        "outlet": outlet.strip() or None,
        "since": since.strip() or None,
        "until": until.strip() or None,
    }
    form = {"q": q, "speaker": speaker, "outlet": outlet, "since": since, "until": until}
    rows: list[Any] = []
    total = 0
    error = None
    if any(filters.values()):
        try:
            rows = db.statements(limit=size, offset=(page - 1) * size, **filters)
            total = db.count_statements(**filters)
        except WalkbackError as e:  # a date the filter cannot read: say so on the page
            error = str(e)
    return render(
        request, "search.html", title="Search", rows=rows, form=form, error=error,
        searched=any(filters.values()),
        pager=_pager(request, page, size, total, len(rows)),
    )  # fmt: skip


@router.get("/ingest", response_class=HTMLResponse)
def ingest_form(request: Request) -> HTMLResponse:
    if not request.app.state.config.write_token:
        return render_error(request, 403, "Ingest is off: the server was started without a write token.")
    return render(request, "ingest.html", title="Ingest", result=None, error=None)


@router.post("/ingest", response_class=HTMLResponse)
async def ingest_submit(request: Request) -> HTMLResponse:
    from .bodies import read_form
    from .writes import ingest

    cfg = request.app.state.config

    def token_first(fields: dict[str, str]) -> None:  # the token field comes before the file
        token = fields.get("token")
        if not token:
            raise AuthRequiredError("the form needs the write token, in the field before the file")
        check_token(cfg, f"Bearer {token}")

    if not cfg.write_token:
        check_token(cfg, None)  # writing is off: refused before the body is read
    form = await read_form(request, before_file=token_first)
    upload = form.upload
    url = (form.fields.get("url", "").strip() or None) if upload is None else None
    published = form.fields.get("published")
    try:
        result = await run_in_threadpool(
            ingest, cfg, request.app.state.stores.write_lock, url=url, upload=upload,
            published=published.strip() if isinstance(published, str) and published.strip() else None,
        )  # fmt: skip
    except WalkbackError as e:
        return render(request, "ingest.html", status=getattr(e, "http_status", 400), title="Ingest",
                      result=None, error=str(e))  # fmt: skip
    return render(request, "ingest.html", status=201, title="Ingest", result=result, error=None)
