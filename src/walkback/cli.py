"""The `walkback` command: a thin layer over the library.

Each command parses its options, calls one library function, and formats the result. Errors from
the library (:class:`walkback.errors.WalkbackError`) become one line on stderr and an exit status:
0 all went well, 1 some inputs failed, 2 bad usage or settings, 3 NLP pipeline or an optional part
(pyspark, pyarrow, Java) missing, 4 store error, 70 an internal error (a bug: set WALKBACK_DEBUG=1
for its traceback).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .errors import ConfigError, NotFoundError, WalkbackError
from .settings import Settings, load_settings, resolve_db_path

app = typer.Typer(
    name="walkback",
    help="Who said what, and when — and what was later walked back. Reads news articles into a "
    "ledger of attributed statements.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_SOME_FAILED = 1
EXIT_INTERNAL = 70

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLite database file, or a PostgreSQL server's postgresql://user@host/dbname "
        "(default: $WALKBACK_DB, else ./walkback.db).",
    ),
]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="Settings file (TOML) on top of the defaults.")
]


class ExtractFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class ViewFormat(str, Enum):
    table = "table"
    json = "json"


# the store compares 64-bit integers: a larger number is bad usage (exit 2), not a failed query
_MAX = 2**63 - 1
LimitOpt = Annotated[int, typer.Option(min=1, max=_MAX, help="At most this many rows.")]
OffsetOpt = Annotated[int, typer.Option(min=0, max=_MAX, help="Skip this many rows first.")]
FormatOpt = Annotated[ListFormat, typer.Option("--format", "-f", help="table, json or csv.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary line.")]


def _err(message: str) -> None:
    typer.echo(f"walkback: {message}", err=True)


class _StderrLog(logging.Handler):
    """The library's warnings (and, with --verbose, its progress) as ``walkback: ...`` lines on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        level = "warning: " if record.levelno >= logging.WARNING else ""
        _err(level + record.getMessage())


_LOG = _StderrLog(logging.WARNING)


@contextmanager
def _library_log(verbose: bool = False) -> Iterator[None]:
    """The library's warnings (with ``verbose``, its progress too) on stderr while this runs."""
    logger = logging.getLogger("walkback")
    before = (logger.level, _LOG.level)
    added = _LOG not in logger.handlers
    if added:
        logger.addHandler(_LOG)
    if verbose:
        _LOG.setLevel(logging.INFO)
        logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.setLevel(before[0])
        _LOG.setLevel(before[1])
        if added:
            logger.removeHandler(_LOG)


def _settings(config: Path | None, **overrides: object) -> Settings:
    return load_settings(config, **overrides)


def _published(value: str | None):  # type: ignore[no-untyped-def]
    """``--published`` as a date; one out of range (``0001-01-01``) is ignored with a warning."""
    from .ingest.dates import parse_date, usable_date

    return usable_date(parse_date(value), what="--published date") if value else None


def _examples_dir() -> Path:
    here = Path(__file__).resolve()
    for cand in (here.parents[2] / "examples", Path.cwd() / "examples"):
        if cand.is_dir():
            return cand
    raise WalkbackError("the bundled examples/ folder was not found; run from the repository")


def _progress(total: int | None, quiet: bool):  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=quiet or (total is not None and total < 2) or not console.is_terminal,
        transient=True,
    )


def _reporter(bar, task):  # type: ignore[no-untyped-def]
    """Advance the bar per outcome; name each failed input on stderr, and each article stored
    without statements (a language not handled)."""

    def report(o) -> None:  # type: ignore[no-untyped-def]
        bar.advance(task)
        if o.status == "failed":
            _err(o.error or f"{o.source}: failed")
        elif o.note:
            _err(o.note)

    return report


def _finish(store, summary, settings: Settings, quiet: bool) -> int:  # type: ignore[no-untyped-def]
    """Print an ingest's summary line, link what it stored, and say how it went as an exit status."""
    if not quiet:
        typer.echo(summary.line())
    if settings.link:
        linked = _link(store, settings, quiet)
        if not quiet and linked.articles:
            typer.echo(linked.line())
    return EXIT_SOME_FAILED if summary.failed else 0


def _ingest(
    sources: list[str],
    *,
    db: str | None,
    settings: Settings,
    published: str | None,
    outlet: str | None,
    quiet: bool,
) -> int:
    from .ingest import is_warc, iter_sources
    from .pipeline import ingest_sources, lower_priority
    from .store import Store

    lower_priority(settings.worker_nice)  # linking runs here, beside a server that answers people
    when = _published(published)
    paths = list(iter_sources(sources))
    if not paths:
        raise WalkbackError("no inputs: give files, folders, URLs or @LIST files")
    # the bar counts articles: as many as inputs, unless an archive holds an unknown number
    total = None if any(is_warc(p) for p in paths) else len(paths)
    with Store.open(resolve_db_path(db, settings)) as store, _progress(total, quiet) as bar:
        task = bar.add_task("ingesting", total=total)
        summary = ingest_sources(
            paths,
            store=store,
            settings=settings,
            published=when,
            outlet=outlet,
            on_outcome=_reporter(bar, task),
        )
        return _finish(store, summary, settings, quiet)


def _link(store, settings: Settings, quiet: bool, rebuild: bool = False):  # type: ignore[no-untyped-def]
    from .link import link_store
    from .pipeline import lower_priority

    lower_priority(settings.worker_nice)
    pending = store.stats()["articles"] if rebuild else len(store.unlinked())
    with _progress(pending, quiet) as bar:
        task = bar.add_task("linking", total=pending)
        return link_store(store, settings, on_article=lambda _: bar.advance(task), rebuild=rebuild)


@app.command()
def ingest(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders, http(s) URLs, WARC archives (.warc, .warc.gz), or @LIST (one per line).",
            show_default=False,
            metavar="PATH_OR_URL",
        ),
    ],
    db: DbOpt = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date for inputs that carry none (e.g. 2016-09-20).")
    ] = None,
    outlet: Annotated[
        str | None, typer.Option(help="Outlet name for every input, instead of the one read from it.")
    ] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Let URLs reach private and loopback addresses.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary line.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Read articles, find their statements, and store both (re-ingesting changes nothing)."""
    settings = _settings(config, allow_private_addresses=allow_private or None)
    raise typer.Exit(
        _ingest(sources, db=db, settings=settings, published=published, outlet=outlet, quiet=quiet)
    )


@app.command()
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders, URLs, WARC archives or @LIST files.", show_default=False, metavar="PATH"
        ),
    ],
    format: Annotated[
        ExtractFormat,
        typer.Option(
            "--format",
            "-f",
            help="json: one object per article (an array for several); "
            "jsonl: one line per article or failed input.",
        ),
    ] = ExtractFormat.json,
    published: Annotated[
        str | None, typer.Option(help="Publication date for inputs that carry none.")
    ] = None,
    outlet: Annotated[
        str | None, typer.Option(help="Outlet name for every input, instead of the one read from it.")
    ] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Let URLs reach private and loopback addresses.")
    ] = False,
    config: ConfigOpt = None,
) -> None:
    """Extract statements and print them as JSON, without storing anything."""
    from .ingest import is_warc, iter_sources
    from .pipeline import extract_sources
    from .report import extraction_json

    settings = _settings(config, allow_private_addresses=allow_private or None)
    when = _published(published)
    sources = list(iter_sources(paths))
    failed = 0
    objects = []
    out = sys.stdout
    for o in extract_sources(sources, settings=settings, published=when, outlet=outlet):
        if o.status == "failed" or o.article is None:
            failed += 1
            _err(o.error or f"{o.source}: failed")
            if format is ExtractFormat.jsonl:
                out.write(json.dumps({"path": o.source, "error": o.error, "statements": []}) + "\n")
            continue
        if o.note:
            _err(o.note)
        obj = extraction_json(o.source, o.article, o.statements)
        if format is ExtractFormat.jsonl:
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        else:
            objects.append(obj)
    if format is ExtractFormat.json:
        single = len(sources) == 1 and not is_warc(sources[0])  # an archive holds many articles
        payload = objects[0] if single and objects else objects
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    raise typer.Exit(EXIT_SOME_FAILED if failed else 0)


@app.command("spark-extract")
def spark_extract(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="WARC archives (.warc, .warc.gz; also files, folders, @LIST) at paths every executor reads.",
            show_default=False,
            metavar="WARC",
        ),
    ],
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", help="Folder for the Parquet tables articles/ and statements/ (new or empty)."
        ),
    ],
    master: Annotated[
        str | None,
        typer.Option(
            help="Spark master: local[2], spark://HOST:7077, yarn (default: spark-submit's, else local[*])."
        ),
    ] = None,
    partitions: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=1_000_000,
            help="About this many tasks; archives are cut into byte ranges (default: Spark's parallelism).",
        ),
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date for pages that carry none and have no WARC-Date.")
    ] = None,
    outlet: Annotated[
        str | None, typer.Option(help="Outlet name for every input, instead of the one read from it.")
    ] = None,
    quiet: QuietOpt = False,
    config: ConfigOpt = None,
) -> None:
    """Extract statements from WARC archives with Apache Spark and write them as Parquet (no database)."""
    from .distributed.spark_job import extract_to_parquet, spark_session
    from .ingest import iter_sources

    settings = _settings(config)
    when = _published(published)
    paths = list(iter_sources(sources))
    with spark_session(master, quiet=not os.environ.get("WALKBACK_DEBUG")) as spark:
        run = extract_to_parquet(
            spark, paths, output, settings=settings, tasks=partitions, published=when, outlet=outlet
        )
    for line in run.errors:
        _err(line)
    if run.failed > len(run.errors):
        _err(f"... and {run.failed - len(run.errors)} more failed inputs (see the error column of the table)")
    if not quiet:
        typer.echo(run.line())
    raise typer.Exit(EXIT_SOME_FAILED if run.failed else 0)


@app.command()
def load(
    results: Annotated[
        Path,
        typer.Argument(
            help="The --output folder of `walkback spark-extract`.", metavar="DIR", show_default=False
        ),
    ],
    db: DbOpt = None,
    quiet: QuietOpt = False,
    config: ConfigOpt = None,
) -> None:
    """Store the Parquet results of `walkback spark-extract` as `walkback ingest` would, then link them."""
    from .distributed.parquet import ParquetResults, load_results
    from .store import Store

    settings = _settings(config)
    table = ParquetResults(results)  # checked before the database is opened
    with Store.open(resolve_db_path(db, settings)) as store, _progress(len(table), quiet) as bar:
        task = bar.add_task("loading", total=len(table))
        summary = load_results(table, store=store, on_outcome=_reporter(bar, task))
        code = _finish(store, summary, settings, quiet)
    raise typer.Exit(code)


@app.command()
def statements(
    speaker: Annotated[
        str | None, typer.Option(help="Speaker name or mention contains this (any case).")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Said on or after: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Said on or before: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    search: Annotated[str | None, typer.Option(help="Full-text search over content and speakers.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only statements from this outlet.")] = None,
    limit: LimitOpt = 100,
    offset: OffsetOpt = 0,
    format: FormatOpt = ListFormat.table,
    db: DbOpt = None,
) -> None:
    """List stored statements, filtered by speaker, date said and text."""
    from .report.views import print_statements
    from .store import Store

    with Store.open(resolve_db_path(db, Settings()), readonly=True) as store:
        rows = store.statements(
            speaker=speaker,
            since=since,
            until=until,
            search=search,
            outlet=outlet,
            limit=limit,
            offset=offset,
        )
        print_statements(rows, format.value, sys.stdout)


@app.command()
def articles(
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    limit: LimitOpt = 100,
    offset: OffsetOpt = 0,
    format: FormatOpt = ListFormat.table,
    db: DbOpt = None,
) -> None:
    """List stored articles, newest first, with their language, version and statement count."""
    from .report.views import print_articles
    from .store import Store

    with Store.open(resolve_db_path(db, Settings()), readonly=True) as store:
        print_articles(store.articles(outlet=outlet, limit=limit, offset=offset), format.value, sys.stdout)


ArticleArg = Annotated[
    str,
    typer.Argument(help="The article's URL (as ingested, or its canonical form), or its id.", metavar="URL"),
]
ViewFormatOpt = Annotated[ViewFormat, typer.Option("--format", "-f", help="table or json.")]


@app.command()
def versions(url: ArticleArg, db: DbOpt = None, format: ViewFormatOpt = ViewFormat.table) -> None:
    """Every stored version of one article: when it was stored, its title, dates and statement count."""
    from .report.diff import find_article
    from .report.history import print_versions
    from .store import Store

    with Store.open(resolve_db_path(db, Settings()), readonly=True) as store:
        print_versions(store.versions(find_article(store, url)), format.value, sys.stdout)


@app.command()
def diff(
    url: ArticleArg,
    old: Annotated[
        int | None,
        typer.Argument(
            min=1, max=_MAX, help="The older version (default: the one before the latest).", metavar="V1"
        ),
    ] = None,
    new: Annotated[
        int | None,
        typer.Argument(min=1, max=_MAX, help="The newer version (default: the latest).", metavar="V2"),
    ] = None,
    db: DbOpt = None,
    format: ViewFormatOpt = ViewFormat.table,
) -> None:
    """What changed between two versions of an article; quotes removed or reworded are flagged."""
    from .report.diff import diff_stored
    from .report.history import print_diff
    from .store import Store

    with Store.open(resolve_db_path(db, Settings()), readonly=True) as store:
        found = diff_stored(store, url, old, new)
    print_diff(found, format.value, sys.stdout)


@app.command()
def link(
    db: DbOpt = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Forget every link and link all statements again.")
    ] = False,
    quiet: QuietOpt = False,
    config: ConfigOpt = None,
) -> None:
    """Link stored statements not linked yet into speakers, claims and relations (ingest does this itself)."""
    from .store import Store

    settings = _settings(config)
    with Store.open(resolve_db_path(db, settings)) as store:
        summary = _link(store, settings, quiet, rebuild=rebuild)
    if not quiet:
        typer.echo(summary.line())


class ReviewFilterOpt(str, Enum):
    undismissed = "undismissed"
    unreviewed = "unreviewed"
    confirmed = "confirmed"
    dismissed = "dismissed"
    reviewed = "reviewed"
    all = "all"


MinConfidenceOpt = Annotated[
    float | None,
    typer.Option(
        min=0.0, max=1.0, help="Only flags at least this sure (default: the flag_threshold setting; 0: all)."
    ),
]
OutletFilterOpt = Annotated[str | None, typer.Option(help="Only flags with a side from this outlet.")]
SinceOpt = Annotated[
    str | None, typer.Option(help="Only flags whose later words were said on or after YYYY[-MM[-DD]].")
]
UntilOpt = Annotated[str | None, typer.Option(help="... and on or before YYYY[-MM[-DD]].")]
ReviewOpt = Annotated[
    ReviewFilterOpt | None,
    typer.Option(
        "--review",
        help="By the mark people put on them: undismissed (the default of lists), unreviewed, confirmed, "
        "dismissed, reviewed, all.",
    ),
]


@app.command()
def walkbacks(
    db: DbOpt = None,
    speaker: Annotated[
        str | None, typer.Option(help="Only this speaker's walk-backs (any part of the name).")
    ] = None,
    min_confidence: MinConfidenceOpt = None,
    outlet: OutletFilterOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    review: ReviewOpt = None,
    format: FormatOpt = ListFormat.table,
    config: ConfigOpt = None,
) -> None:
    """Statements later walked back: reported (“he misspoke”) or inferred, each with its evidence and mark."""
    _relations("walkback", db, config, format, speaker=speaker, min_confidence=min_confidence,
               outlet=outlet, since=since, until=until, review=review)  # fmt: skip


@app.command()
def contradictions(
    db: DbOpt = None,
    speaker: Annotated[str | None, typer.Option(help="Only where this speaker is on either side.")] = None,
    min_confidence: MinConfidenceOpt = None,
    outlet: OutletFilterOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    review: ReviewOpt = None,
    format: FormatOpt = ListFormat.table,
    config: ConfigOpt = None,
) -> None:
    """Pairs of statements taking opposite stances on one claim, with the words that flip and the mark."""
    _relations("contradicts", db, config, format, speaker=speaker, min_confidence=min_confidence,
               outlet=outlet, since=since, until=until, review=review)  # fmt: skip


def _flag_filter(settings: Settings, fmt: str = "", **given: object):  # type: ignore[no-untyped-def]
    from .report.export import default_filter

    review = given.pop("review", None)
    if isinstance(review, Enum):
        review = review.value
    return default_filter(fmt, settings.flag_threshold, review=review, **given)


def _relations(kind: str, db: str | None, config: Path | None, format: ListFormat, **given: object) -> None:
    from .report.links import print_relations
    from .store import Store

    settings = _settings(config)
    filters = _flag_filter(settings, **given)
    with Store.open(resolve_db_path(db, settings), readonly=True) as store:
        rows = store.flags(kind, filters, order="confidence")
    title = "walk-back(s)" if kind == "walkback" else "contradiction(s)"
    print_relations(rows, format.value, sys.stdout, title=title)


class MarkState(str, Enum):
    confirmed = "confirmed"
    dismissed = "dismissed"
    open = "open"


@app.command()
def review(
    flag_id: Annotated[
        int, typer.Argument(help="The flag's id (the id column of `walkback walkbacks`).", metavar="ID")
    ],
    state: Annotated[
        MarkState, typer.Argument(help="confirmed, dismissed, or open (take a mark back).", metavar="STATE")
    ],
    by: Annotated[str, typer.Option("--by", help="Who marks it (kept with the mark).")],
    note: Annotated[
        str, typer.Option(help="Why: kept with the mark, and the reason in the judged set.")
    ] = "",
    wrong_pairing: Annotated[
        bool,
        typer.Option(
            "--wrong-pairing", help="A dismissal because the earlier words are not the ones answered."
        ),
    ] = False,
    db: DbOpt = None,
    format: Annotated[ViewFormat, typer.Option("--format", "-f", help="table or json.")] = ViewFormat.table,
) -> None:
    """Mark a walk-back or contradiction confirmed or dismissed, with a note (kept across relinking)."""
    from .report.links import print_relations
    from .store import Store

    if wrong_pairing and state is not MarkState.dismissed:
        raise ConfigError("--wrong-pairing goes with dismissed")
    with Store.open(resolve_db_path(db, _settings(None))) as store:
        marked = store.mark_flag(
            flag_id, state=state.value, reviewer=by, note=note,
            verdict="wrong_pairing" if wrong_pairing else None,
        )  # fmt: skip
    print_relations([marked], format.value, sys.stdout, title="flag marked")


@app.command()
def claims(
    db: DbOpt = None,
    min_statements: Annotated[
        int, typer.Option(min=1, max=_MAX, help="Only claims with at least this many statements.")
    ] = 2,
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    format: FormatOpt = ListFormat.table,
) -> None:
    """Claims: statements about one proposition grouped across articles, largest first."""
    from .report.links import print_claims
    from .store import Store

    with Store.open(resolve_db_path(db, _settings(None)), readonly=True) as store:
        rows = store.claims(limit=limit, offset=offset, min_statements=min_statements)
    print_claims(rows, format.value, sys.stdout)


@app.command()
def claim(
    claim_id: Annotated[
        int, typer.Argument(min=0, max=_MAX, help="The claim's id (see `walkback claims`).", metavar="ID")
    ],
    db: DbOpt = None,
    format: FormatOpt = ListFormat.table,
) -> None:
    """One claim's timeline: date said, speaker, stance, quote and source article; then its relations."""
    from .report.links import print_claim
    from .store import Store

    with Store.open(resolve_db_path(db, _settings(None)), readonly=True) as store:
        found = store.claim(claim_id)
        if found is None:
            raise NotFoundError(f"no claim {claim_id}; `walkback claims` lists them")
        print_claim(
            found,
            store.claim_timeline(claim_id),
            store.relations(claim_id=claim_id),
            format.value,
            sys.stdout,
        )


@app.command()
def speakers(
    db: DbOpt = None,
    name: Annotated[str | None, typer.Option(help="Only speakers whose name contains this.")] = None,
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    format: FormatOpt = ListFormat.table,
) -> None:
    """Speakers across articles (people, organisations, anonymous sources), most statements first."""
    from .report.links import print_speakers
    from .store import Store

    with Store.open(resolve_db_path(db, _settings(None)), readonly=True) as store:
        rows = store.speakers(limit=limit, offset=offset, name=name)
    print_speakers(rows, format.value, sys.stdout)


@app.command()
def speaker(
    name: Annotated[
        str, typer.Argument(help="A name or part of one (`Kirby`), or a speaker id.", metavar="NAME")
    ],
    db: DbOpt = None,
    format: FormatOpt = ListFormat.table,
) -> None:
    """Every statement of one speaker, by date, with its claims and stances."""
    from .report.links import print_speaker
    from .store import Store

    with Store.open(resolve_db_path(db, _settings(None)), readonly=True) as store:
        found = store.find_speaker(name)
        print_speaker(found, store.speaker_statements_view(found.id), format.value, sys.stdout)


@app.command()
def match(
    claims_file: Annotated[
        Path,
        typer.Argument(help="Known claims: id<TAB>text[<TAB>title], with a header.", metavar="CLAIMS.tsv"),
    ],
    queries_file: Annotated[
        Path, typer.Argument(help="Statements to match: id<TAB>text, with a header.", metavar="QUERIES.tsv")
    ],
    top: Annotated[int, typer.Option(min=1, max=10_000, help="How many claims to rank per statement.")] = 5,
    config: ConfigOpt = None,
) -> None:
    """Rank, for each statement, the known claims it matches (TREC run lines: qid Q0 claim rank score)."""
    from .link.match import Matcher, read_tsv, write_run

    settings = _settings(config)
    claims_docs = read_tsv(claims_file)
    queries = read_tsv(queries_file)
    from .link.embed import get_encoder

    matcher = Matcher(claims_docs, encoder=get_encoder(settings.encoder or None))
    results = matcher.search([q.text for q in queries], top)
    write_run(sys.stdout, [q.id for q in queries], results)


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    claimreview = "claimreview"
    markdown = "markdown"
    judged = "judged"


class FlagKind(str, Enum):
    all = "all"
    walkback = "walkback"
    contradicts = "contradicts"


@app.command()
def export(
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonl, csv (statements), claimreview (JSON-LD), markdown, or judged (marked flags as "
            "JSON lines in the judged-set format of benchmarks/flags/).",
        ),
    ] = ExportFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            help="Where `walkback serve` is reachable, for ClaimReview urls (else the reviewed statement's "
            "own article)."
        ),
    ] = None,
    min_confidence: MinConfidenceOpt = None,
    review: Annotated[
        ReviewFilterOpt | None,
        typer.Option(
            "--review",
            help="Flags by their mark (default: confirmed for claimreview, reviewed for judged, "
            "undismissed for markdown).",
        ),
    ] = None,
    kind: Annotated[FlagKind, typer.Option("--type", help="all, walkback or contradicts.")] = FlagKind.all,
    limit: Annotated[
        int, typer.Option(min=1, help="markdown: the newest this many flags of each kind.")
    ] = 50,
    all_flags: Annotated[
        bool, typer.Option("--all", help="markdown: every flag, not only the newest.")
    ] = False,
    set_name: Annotated[str, typer.Option("--set", help="judged: the set the lines are given.")] = "desk",
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Export the ledger: statements (jsonl, csv), ClaimReview JSON-LD, a Markdown report, or marked flags."""
    from .report.export import FLAG_EXPORTS
    from .report.export import export as run_export
    from .store import Store

    settings = _settings(config)
    options: dict[str, object] = {}
    if format.value in FLAG_EXPORTS:
        options = {
            "filters": _flag_filter(settings, format.value, min_confidence=min_confidence, review=review),
            "types": ("walkback", "contradicts") if kind is FlagKind.all else (kind.value,),
            "base_url": base_url, "limit": None if all_flags else limit, "set_name": set_name,
        }  # fmt: skip
    with Store.open(resolve_db_path(db, settings), readonly=True) as store:
        if output is None:
            run_export(store, format.value, sys.stdout, **options)
            return
        tmp = output.with_name(output.name + ".part")
        try:
            with tmp.open("w", encoding="utf-8", newline="") as out:
                n = run_export(store, format.value, out, **options)
            tmp.replace(output)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            raise WalkbackError(f"cannot write {output}: {e.strerror or e}") from None
    _err(f"exported {n} item(s) to {output}")


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[
        str,
        typer.Option(help="Address to bind; the default serves this machine only (others: --allow-public)."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port.")] = 8000,
    write_token: Annotated[
        str | None,
        typer.Option(
            envvar="WALKBACK_WRITE_TOKEN",
            help="Enables ingest (form and POST /api/ingest) for requests bearing this token.",
        ),
    ] = None,
    allow_public: Annotated[
        bool,
        typer.Option(
            "--allow-public",
            help="Let --host be an address other machines reach (refused without it; plain HTTP).",
        ),
    ] = False,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Server processes.")] = 1,
    cache_entries: Annotated[
        int,
        typer.Option(
            min=0, max=1_000_000, help="Answers kept in memory while the database is unchanged (0: none)."
        ),
    ] = 512,
    cache_stale: Annotated[
        float,
        typer.Option(
            min=0,
            max=3600,
            help="While the database is being written, serve cached answers up to this many seconds old "
            "(0: only answers made from the database as it is now).",
        ),
    ] = 10.0,
    threads: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Requests each server process renders at once; more take turns under Python's GIL and "
            "all answer later (raise it only for a PostgreSQL server far away).",
        ),
    ] = 1,
    config: ConfigOpt = None,
) -> None:
    """Serve the pages and the JSON API (/api/, OpenAPI at /api/openapi.json) over the database."""
    from .web import WebConfig
    from .web import serve as run_server
    from .web.server import check_host

    settings = _settings(config)
    if write_token is not None and len(write_token) < 16:
        raise ConfigError("--write-token must be at least 16 characters")
    for warning in check_host(host, allow_public=allow_public, write_token=write_token is not None):
        _err(f"warning: {warning}")
    cfg = WebConfig(
        db=resolve_db_path(db, settings),
        settings=settings,
        write_token=write_token,
        cache_entries=cache_entries,
        cache_stale_seconds=cache_stale,
        render_threads=threads,
    )
    from .store import Store

    Store.open(cfg.db).close()  # create or upgrade it now: a bad path fails before the server starts
    _err(f"serving {cfg.db} on http://{host}:{port}/ (ingest {'on' if write_token else 'off'}); Ctrl-C stops")
    run_server(cfg, host=host, port=port, workers=workers, config_path=str(config) if config else None)


@app.command()
def demo(db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Ingest the bundled example (CNN, 5 Feb 2024) and show its statements, walk-backs and contradictions."""
    from .report.links import print_relations
    from .report.views import print_statements
    from .store import Store

    settings = _settings(config)
    path = _examples_dir()
    code = _ingest([str(path)], db=db, settings=settings, published=None, outlet=None, quiet=False)
    with Store.open(resolve_db_path(db, settings), readonly=True) as store:
        print_statements(store.statements(limit=200), "table", sys.stdout)
        print_relations(store.relations("walkback"), "table", sys.stdout, title="walk-back(s)")
        print_relations(store.relations("contradicts"), "table", sys.stdout, title="contradiction(s)")
    raise typer.Exit(code)


@app.command()
def watch(
    feeds: Annotated[
        list[str],
        typer.Argument(help="RSS or Atom feed URLs.", show_default=False, metavar="FEED_URL"),
    ],
    every: Annotated[
        str | None,
        typer.Option(help="Poll this often: 30s, 15m, 1h, 1d (default: the watch_every setting, 15m)."),
    ] = None,
    once: Annotated[bool, typer.Option("--once", help="One round, then exit.")] = False,
    webhook: Annotated[
        str | None,
        typer.Option(help="POST each new walk-back or contradiction to this URL as JSON."),
    ] = None,
    db: DbOpt = None,
    allow_private: Annotated[
        bool,
        typer.Option("--allow-private", help="Let feeds and articles reach private and loopback addresses."),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No summary lines (warnings still show).")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also say what each round does.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Poll feeds, ingest new and changed articles politely, and print each new walk-back or contradiction."""
    from .ingest.schedule import parse_duration
    from .pipeline import lower_priority
    from .report.links import relation_line
    from .store import Store
    from .watch import Watcher

    settings = _settings(config, allow_private_addresses=allow_private or None)
    lower_priority(settings.worker_nice)
    period = parse_duration(every or settings.watch_every, name="--every")
    if period <= 0 and not once:
        raise ConfigError(f"--every must be longer than 0 s; got {every or settings.watch_every!r}")
    with _library_log(verbose), Store.open(resolve_db_path(db, settings)) as store:
        watcher = Watcher(
            store, settings, feeds, webhook=webhook, on_relation=lambda r: typer.echo(relation_line(r))
        )
        last = None
        try:
            last = watcher.run(
                every=period,
                rounds=1 if once else None,
                on_round=None if quiet or once else lambda s: _err(s.line()),
            )
        except KeyboardInterrupt:
            _err("stopped; everything stored so far is kept")
        if not quiet:
            _err(f"watched: {watcher.summary.line()}")
    failed = last is not None and (last.feeds_failed or last.articles["failed"])
    raise typer.Exit(EXIT_SOME_FAILED if once and failed else 0)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"walkback {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """walkback: an auditable ledger of who said what, and when."""


def main(argv: list[str] | None = None) -> None:
    try:
        with _library_log():
            app(args=argv)
    except WalkbackError as e:
        _err(f"error: {e}")
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        _err("interrupted; everything committed so far is kept")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as e:  # a bug: one line, and the traceback only on request
        if os.environ.get("WALKBACK_DEBUG"):
            traceback.print_exc()
        _err(f"internal error: {type(e).__name__}: {e} (set WALKBACK_DEBUG=1 for details)")
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
