"""The orchestrator: sources -> articles -> statements -> store, one stage after another.

Each input yields one :class:`Outcome`, in input order, whether it worked or not: a bad input never
stops the batch, and every article is committed in its own transaction, so an interrupted run keeps
what it finished and a re-run skips it.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from multiprocessing.pool import AsyncResult
from typing import Literal

from .errors import InputError, WalkbackError
from .extract.core import build_statements
from .extract.nlp import load_pipeline
from .extract.select import mask_unneeded
from .ingest import read_article
from .model import Article, Statement
from .settings import Settings

__all__ = ["Outcome", "extract_sources", "ingest_sources", "Summary"]

log = logging.getLogger(__name__)

Status = Literal["new", "unchanged", "new_version", "extracted", "failed"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    source: str
    status: Status
    article: Article | None = None
    statements: tuple[Statement, ...] = ()
    error: str | None = None
    version: int | None = None


@dataclass(slots=True)
class Summary:
    counts: dict[str, int] = field(
        default_factory=lambda: {"new": 0, "unchanged": 0, "new_version": 0, "extracted": 0, "failed": 0}
    )
    statements: int = 0

    def add(self, o: Outcome) -> None:
        self.counts[o.status] += 1
        if o.status != "unchanged":
            self.statements += len(o.statements)

    @property
    def failed(self) -> int:
        return self.counts["failed"]

    def line(self) -> str:
        c = self.counts
        parts = [
            f"{c['new']} new",
            f"{c['unchanged']} unchanged",
            f"{c['new_version']} new version",
            f"{c['failed']} failed",
        ]
        if c["extracted"]:
            parts.insert(0, f"{c['extracted']} extracted")
        return f"articles: {', '.join(parts)}; statements found: {self.statements}"


@dataclass(frozen=True, slots=True)
class _Task:
    source: str
    article: Article | None
    error: str | None
    status: Status


_MODELS: tuple[str, ...] = ()


def _init_worker(models: tuple[str, ...]) -> None:
    global _MODELS
    _MODELS = models
    load_pipeline(models)


def _run_batch(tasks: list[_Task]) -> list[Outcome]:
    """Extract a batch of tasks in one ``nlp.pipe`` call (batched matrix work is cheaper)."""
    out: dict[int, Outcome] = {}
    todo: list[tuple[int, _Task]] = []
    for i, t in enumerate(tasks):
        if t.article is None:
            out[i] = Outcome(source=t.source, status="failed", error=t.error)
        elif t.status == "unchanged":
            out[i] = Outcome(source=t.source, status="unchanged", article=t.article)
        else:
            todo.append((i, t))
    if todo:
        nlp = load_pipeline(_MODELS)
        texts = [mask_unneeded(t.article.text)[0] for _, t in todo]  # type: ignore[union-attr]
        for (i, t), doc in zip(todo, nlp.pipe(texts, batch_size=len(texts)), strict=True):
            try:
                statements = build_statements(t.article, doc)  # type: ignore[arg-type]
            except WalkbackError as e:
                out[i] = Outcome(source=t.source, status="failed", article=t.article, error=str(e))
                continue
            out[i] = Outcome(
                source=t.source, status=t.status, article=t.article, statements=tuple(statements)
            )
    return [out[i] for i in range(len(tasks))]


def _batches(tasks: Iterable[_Task], size: int) -> Iterator[list[_Task]]:
    batch: list[_Task] = []
    for t in tasks:
        batch.append(t)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _read(source: str, settings: Settings, published: datetime | None, outlet: str | None) -> _Task:
    try:
        art = read_article(source, settings=settings, published=published, outlet=outlet)
    except WalkbackError as e:
        return _Task(source, None, str(e) if e.source else f"{source}: {e}", "failed")
    except OSError as e:  # a file vanished or cannot be read: say so, go on
        return _Task(source, None, str(InputError(e.strerror or str(e), source=source)), "failed")
    return _Task(source, art, None, "extracted")


def _process(tasks: Iterable[_Task], settings: Settings, n: int) -> Iterator[Outcome]:
    """Extraction over ``n`` processes, results in input order, a bounded window of batches in flight
    (memory stays flat however many inputs there are)."""
    models = tuple(settings.spacy_models)
    size = max(1, settings.batch_size)
    if n <= 1:
        _init_worker(models)
        for batch in _batches(tasks, size):
            yield from _run_batch(batch)
        return
    # the caller's thread reads the inputs (and may query its store) and hands batches to the
    # workers; at most 2 batches per worker are in flight, so memory does not grow with the input
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    pending: deque[AsyncResult[list[Outcome]]] = deque()
    with ctx.Pool(n, initializer=_init_worker, initargs=(models,)) as pool:
        for batch in _batches(tasks, size):
            pending.append(pool.apply_async(_run_batch, (batch,)))
            while len(pending) >= n * 2:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _processes(settings: Settings, count: int) -> int:
    n = settings.n_process or (os.cpu_count() or 1)
    return 1 if count < 4 else max(1, min(n, count))


def extract_sources(
    sources: Sequence[str],
    *,
    settings: Settings,
    published: datetime | None = None,
    outlet: str | None = None,
) -> Iterator[Outcome]:
    """Read and extract each source without storing anything."""
    tasks = (_read(s, settings, published, outlet) for s in sources)
    yield from _process(tasks, settings, _processes(settings, len(sources)))


def ingest_sources(
    sources: Sequence[str],
    *,
    store,
    settings: Settings,  # type: ignore[no-untyped-def]
    published: datetime | None = None,
    outlet: str | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Read, extract and store each source; unchanged articles are not parsed again."""
    summary = Summary()

    def tasks() -> Iterator[_Task]:
        for s in sources:
            t = _read(s, settings, published, outlet)
            if t.article is not None:
                t = _Task(t.source, t.article, None, store.article_status(t.article))
            yield t

    for o in _process(tasks(), settings, _processes(settings, len(sources))):
        if o.status in {"new", "new_version"} and o.article is not None:
            try:
                res = store.save(o.article, o.statements)
            except WalkbackError as e:
                o = Outcome(source=o.source, status="failed", article=o.article, error=str(e))
            else:
                o = Outcome(
                    source=o.source,
                    status=res.status,
                    article=o.article,
                    statements=o.statements,
                    version=res.version,
                )
        summary.add(o)
        if on_outcome is not None:
            on_outcome(o)
    return summary
