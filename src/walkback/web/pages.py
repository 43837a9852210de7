"""Server-rendered pages: home, walk-backs, contradictions, claim timeline, speaker, article, search,
ingest form, the marks people put on flags, and each list of flags as a download.

No page needs JavaScript (the API docs page, /api/docs, is Swagger UI's and runs its script).
Templates autoescape everything; the only raw HTML inlined is what
:mod:`walkback.report.timeline` and :mod:`walkback.report.highlight` build, which escape every
piece of article text themselves. Links to source articles are kept only when they are http(s).
"""

from __future__ import annotations

import io
import math
import re
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from .. import __version__
from ..errors import AuthRequiredError, InputError, NotFoundError, WalkbackError
from ..report.highlight import highlight_paragraphs, highlight_terms
from ..report.links import review_line, target_who
from ..report.quotes import tidy_quotes
from ..report.timeline import LANES, timeline_svg
from ..report.views import display_text
from ..store import MAX_INT, REVIEW_FILTERS, FlagFilter, Store, review_key
from .api import PathId, StoreDep
from .app import HERE, check_token, run_write

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


_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def human_date(value: Any) -> str:
    """A date as people read it: ``2 Feb 2024``, ``Feb 2024``, ``2024``; a time with its offset:
    ``5 Feb 2024, 17:01 UTC-05:00``."""
    if isinstance(value, str):
        parts = value.split("-")
        if "T" not in value and len(parts) <= 3 and all(p.isdigit() for p in parts):
            if len(parts) == 1:
                return value
            if len(parts) == 2:
                return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
            return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if isinstance(value, datetime):
        day = f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
        if (value.hour, value.minute) == (0, 0):
            return day
        offset = value.strftime("%z")
        zone = f" UTC{offset[:3]}:{offset[3:]}" if offset else ""
        return f"{day}, {value:%H:%M}{zone.replace('UTC+00:00', 'UTC')}"
    if isinstance(value, date):
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    return str(value)


def when(value: Any, missing: str = "date unknown") -> Markup:
    """``<time datetime="ISO">2 Feb 2024</time>``: readable on the page, exact for machines."""
    if value is None or value == "":
        return Markup('<span class="undated">{}</span>').format(missing)
    iso = value.isoformat() if isinstance(value, date | datetime) else str(value)
    try:
        shown = human_date(value)
    except (ValueError, IndexError):
        shown = iso
    return Markup('<time datetime="{}">{}</time>').format(iso, shown)


_LANGUAGES = {"de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
              "nl": "Dutch", "ru": "Russian", "ar": "Arabic", "zh": "Chinese", "ja": "Japanese",
              "uk": "Ukrainian", "pl": "Polish", "tr": "Turkish", "sv": "Swedish",
              "ko": "Korean"}  # fmt: skip


def language_note(article: Any, statements: int) -> str | None:
    """Why an article shows no statements when its language is the reason (articles record their
    language where the store keeps it; walkback reads English)."""
    lang = getattr(article, "language", None)
    if statements or not lang or str(lang).lower().split("-")[0] == "en":
        return None
    code = str(lang).lower().split("-")[0]
    name = _LANGUAGES.get(code, str(lang))
    return f"No statements: this article is in {name}, and walkback reads statements in English only."


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
    auto_reload=False,  # the templates are the package's: no stat of each file on every render
)
_env.filters["href"] = safe_href
_env.filters["when"] = when
_env.filters["tidy"] = tidy_quotes
_env.globals.update(who=who, quote=display_text, wb_version=__version__, LANES=LANES, urlencode=urlencode,
                    review_line=review_line, target_who=target_who, review_key=review_key,
                    language_note=language_note, REVIEW_FILTERS=REVIEW_FILTERS)  # fmt: skip


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = _env.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message, title="Error")


Page = Annotated[int, Query(ge=1, le=100_000)]


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


_KINDS = {"walkback": ("walkbacks", "Walk-backs"), "contradicts": ("contradictions", "Contradictions")}
_TYPE_PAGES = {"walkback": "/walkbacks", "walkbacks": "/walkbacks", "contradicts": "/contradictions",
               "contradiction": "/contradictions", "contradictions": "/contradictions"}  # fmt: skip


def _threshold(request: Request) -> float:
    return float(request.app.state.config.settings.flag_threshold)


def flag_form(request: Request) -> tuple[dict[str, str], FlagFilter | None, str | None]:
    """The filter form of a list of flags as typed (blank: default), the filter, or what is wrong."""
    q = request.query_params
    form = {
        k: q.get(k, "").strip() for k in ("min_confidence", "outlet", "speaker", "since", "until", "review")
    }
    try:
        threshold = float(form["min_confidence"]) if form["min_confidence"] else _threshold(request)
    except ValueError:
        return form, None, f"min_confidence must be a number from 0 to 1, got {form['min_confidence']!r}"
    try:
        flt = FlagFilter(
            min_confidence=threshold, outlet=form["outlet"] or None, speaker=form["speaker"] or None,
            since=form["since"] or None, until=form["until"] or None, review=form["review"] or "undismissed",
        )  # fmt: skip
    except WalkbackError as e:
        return form, None, str(e)
    return form, flt, None


@router.get("/", response_class=HTMLResponse)
def home(request: Request, db: StoreDep, type: str | None = None) -> Response:
    if type is not None and type in _TYPE_PAGES:  # /?type=walkback: the list of that kind
        return RedirectResponse(_TYPE_PAGES[type], status_code=303)
    flt = FlagFilter(min_confidence=_threshold(request))
    every = FlagFilter(min_confidence=0.0, review="all")
    sections = []
    for kind, (path, title) in _KINDS.items():
        rows, count = db.flags_page(kind, flt, limit=5)
        unreviewed = db.flags_page(kind, replace(flt, review="unreviewed"), limit=0)[1]
        total = db.flags_page(kind, every, limit=0)[1]
        sections.append({"kind": kind, "path": path, "title": title, "rows": rows, "count": count,
                         "one": "walk-back" if kind == "walkback" else "contradiction",
                         "unreviewed": unreviewed, "hidden": total - count})  # fmt: skip
    return render(
        request, "home.html", title="Walk-backs and contradictions", sections=sections,
        stats={"articles": db.count_articles()}, threshold=flt.min_confidence,
    )  # fmt: skip


def _flag_list(request: Request, db: Store, kind: str, page: int) -> HTMLResponse:
    size = request.app.state.config.page_size
    path, title = _KINDS[kind]
    form, flt, error = flag_form(request)
    shown, total = db.flags_page(kind, flt, limit=size, offset=(page - 1) * size) if flt else ([], 0)
    query = {k: v for k, v in form.items() if v}
    return render(
        request, "flags.html", title=title, kind=kind, path=path, heading=title, rows=shown, total=total,
        form=form, error=error, threshold=_threshold(request), filters=flt, query=urlencode(query),
        back=str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""),
        can_review=bool(request.app.state.config.write_token),
        pager=_pager(request, page, size, total, len(shown)),
    )  # fmt: skip


@router.get("/walkbacks", response_class=HTMLResponse)
def walkbacks(request: Request, db: StoreDep, page: Page = 1) -> HTMLResponse:
    return _flag_list(request, db, "walkback", page)


@router.get("/contradictions", response_class=HTMLResponse)
def contradictions(request: Request, db: StoreDep, page: Page = 1) -> HTMLResponse:
    return _flag_list(request, db, "contradicts", page)


_DOWNLOADS = {  # format: (exporter, file extension, media type)
    "csv": ("flags-csv", "csv", "text/csv; charset=utf-8"),
    "markdown": ("markdown", "md", "text/markdown; charset=utf-8"),
    "claimreview": ("claimreview", "json", "application/ld+json"),
    "judged": ("judged", "jsonl", "application/x-ndjson"),
}


@router.get("/{path}/export")
def export_flags(request: Request, path: str, db: StoreDep, format: str = "csv") -> Response:
    """A list of flags as shown (same filters), as a file: CSV, Markdown, ClaimReview JSON-LD (confirmed
    flags unless a review filter is given) or the judged set (marked flags, every confidence)."""
    from ..report.export import default_filter, export

    kind = next((k for k, (p, _) in _KINDS.items() if p == path), None)
    if kind is None:
        raise NotFoundError(f"no list {path!r}; the lists are walkbacks and contradictions")
    if format not in _DOWNLOADS:
        raise InputError(f"format must be one of {', '.join(_DOWNLOADS)}, got {format!r}")
    exporter, ext, media = _DOWNLOADS[format]
    form, flt, error = flag_form(request)
    if error is not None:
        raise InputError(error)
    given = {k: (v or None) for k, v in form.items() if k not in ("min_confidence", "review")}
    filters = default_filter(
        exporter, _threshold(request), **given,
        min_confidence=float(form["min_confidence"]) if form["min_confidence"] else None,
        review=form["review"] or None,
    )  # fmt: skip
    out = io.StringIO()
    export(db, exporter, out, filters=filters, types=(kind,), limit=None,
           base_url=str(request.base_url).rstrip("/"))  # fmt: skip
    return Response(
        out.getvalue(), media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{path}.{ext}"'},
    )  # fmt: skip


def _local(back: str, fallback: str) -> str:
    """A path on this site to go back to (never another site's address)."""
    parts = urlsplit(back or "")
    if back.startswith("/") and not back.startswith("//") and not parts.scheme and not parts.netloc:
        return back
    return fallback


@router.post("/flags/{relation_id}/review")
async def review_flag(request: Request, relation_id: PathId) -> Response:
    """The review form of a flag: the write token, who, a note, and confirm / dismiss / open again."""
    from .writes import mark

    cfg = request.app.state.config
    async with request.form() as form:
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
    token = fields.get("token", "")
    check_token(cfg, f"Bearer {token}" if token else None)
    marked = await run_write(
        request, mark, cfg, request.app.state.stores.write_lock, relation_id, state=fields.get("state", ""),
        reviewer=fields.get("reviewer", ""), note=fields.get("note", ""),
        verdict=fields.get("verdict") or None, key=fields.get("key") or None,
    )  # fmt: skip
    back = _local(fields.get("back", ""), "/walkbacks" if marked["type"] == "walkback" else "/contradictions")
    return RedirectResponse(f"{back.split('#')[0]}#r-{marked['id']}", status_code=303)


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
def claim(request: Request, claim_id: PathId, db: StoreDep) -> HTMLResponse:
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
        svg_narrow=Markup(timeline_svg(timeline, flagged, orientation="narrow")),
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
def speaker(request: Request, speaker_id: PathId, db: StoreDep) -> HTMLResponse:
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
            rows = db.statements_view(limit=size, offset=(page - 1) * size, **filters)
            total = db.count_statements(**filters)
        except WalkbackError as e:  # a date the filter cannot read: say so on the page
            error = str(e)
    terms = filters["search"] or ""
    hits = {ls.pk: Markup(highlight_terms(display_text(ls.statement), terms)) for ls in rows}
    return render(
        request, "search.html", title="Search", rows=rows, form=form, error=error, hits=hits,
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
        result = await run_write(
            request, ingest, cfg, request.app.state.stores.write_lock, url=url, upload=upload,
            published=published.strip() if isinstance(published, str) and published.strip() else None,
        )  # fmt: skip
    except WalkbackError as e:
        return render(request, "ingest.html", status=getattr(e, "http_status", 400), title="Ingest",
                      result=None, error=str(e))  # fmt: skip
    return render(request, "ingest.html", status=201, title="Ingest", result=result, error=None)
