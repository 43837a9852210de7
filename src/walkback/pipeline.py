"""The orchestrator: sources -> articles -> statements -> store, one stage after another.

Each article yields one :class:`Outcome`, in input order, whether it worked or not: a file or URL is
one article, a WARC archive one per page it holds (read as a stream, so an archive of any size
flows through in bounded memory). A bad input never stops the batch, and every article is committed
in its own transaction, so an interrupted run keeps what it finished and a re-run skips it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from itertools import islice
from typing import Any, Literal

from .errors import PipelineError, WalkbackError
from .extract.core import build_statements, parse_articles
from .extract.nlp import load_pipeline
from .ingest import estimate_records, is_warc, iter_documents, read_document
from .model import Article, Statement
from .settings import Settings

__all__ = [
    "Outcome",
    "extract_sources",
    "extract_split",
    "ingest_articles",
    "ingest_sources",
    "Summary",
]

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
    # one line for the user about an article read but not extracted (a language not handled)
    note: str | None = None


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
_MANY_SOURCES = 64  # this many inputs use every process without looking into them

# articles read ahead and planned together, in batches of ``batch_size``: ``_CHUNK_BATCHES`` batches
# (at least ``4 * n`` with many workers); two chunks are in flight at a time
_CHUNK_BATCHES = 16

# one extraction job, as sent to a worker: (position in its chunk, article); and its result:
# (position, statements, error). The article text is not sent back: the caller has it.
_Job = tuple[int, Article]
_Result = tuple[int, tuple[Statement, ...], str | None]


def _end_with_parent(parent: int) -> None:
    """Make this worker end when the process that started it does (a killed ``walkback ingest``): a
    thread watches for it. Left alone, a worker would finish its batch for nobody and die on a broken
    pipe, with a traceback, seconds later.

    Not ``PR_SET_PDEATHSIG``: the kernel sends that signal when the *thread* that forked the worker
    ends, and the pool forks the workers that replace recycled ones from its own handler thread,
    which ends when the pool does. Killed then, a worker waiting for work dies holding the pool's
    task-queue lock, and the pool's clean-up waits for that lock for ever."""
    if os.getppid() != parent:  # the parent died before the watch began
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="walkback-parent-watch", daemon=True).start()


def _init_worker(models: tuple[str, ...], parent: int, nice: int) -> None:
    global _MODELS
    if hasattr(signal, "SIGPIPE"):
        # the parent gone, handing a result back ends this worker, silently: with Python's default a
        # worker that finishes its batch before the watching thread notices dies on a broken pipe,
        # with a traceback
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # Ctrl-C is the parent's to handle (it ends the pool): a worker interrupted while it read a task
    # would leave the rest of that task in the queue for the pool's clean-up to misread
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with_parent(parent)
    lower_priority(nice)  # batch work: whatever else runs here (a server answering people) goes first
    _MODELS = models
    # forked from a parent that loaded the model: this is a cache hit, and the model's pages stay
    # shared with the parent and the other workers (freezing keeps the cyclic GC from writing to the
    # inherited objects). Started by spawn: this loads the model.
    gc.freeze()
    load_pipeline(models)


def _trim_heap() -> Callable[[], object] | None:
    """glibc's ``malloc_trim``: hands the pages freed after a batch back to the system, so a worker's
    RSS follows its current batch rather than the largest one it ever parsed."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to do
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return lambda: trim(0)


_TRIM = _trim_heap()


def _parse(jobs: list[_Job]) -> list[_Result]:
    nlp = load_pipeline(_MODELS)
    out: list[_Result] = []
    docs = parse_articles(nlp, [a for _, a in jobs])
    for (i, article), doc in zip(jobs, docs, strict=True):
        try:
            out.append((i, tuple(build_statements(article, doc)), None))
        except WalkbackError as e:
            out.append((i, (), str(e)))
    return out


def _extract(jobs: list[_Job]) -> list[_Result]:
    """Extract a batch of articles in one ``nlp.pipe`` call (batched matrix work is cheaper)."""
    out = _parse(jobs)
    if _TRIM is not None:  # the batch's docs are gone now
        _TRIM()
    return out


def _plan(chunk: list[_Task], size: int, chars: int, settings: Settings | None = None) -> list[list[_Job]]:
    """The chunk's articles to parse, longest first, in batches of at most ``size`` articles and,
    past the first article, at most ``chars`` characters: the long ones start early and the run ends
    on short batches, so no worker is left with a long tail while the others idle, and a batch of
    long texts does not pile up (its parse is what a worker's peak memory follows). Failed reads,
    unchanged articles and articles in a language not handled need no worker."""
    todo = [
        (i, t.article)
        for i, t in enumerate(chunk)
        if t.article is not None
        and t.status != "unchanged"
        and (settings is None or settings.unhandled_language(t.article.language) is None)
    ]
    todo.sort(key=lambda job: len(job[1].text), reverse=True)  # stable: ties keep input order
    batches: list[list[_Job]] = []
    batch: list[_Job] = []
    total = 0
    for job in todo:
        n = len(job[1].text)  # type: ignore[union-attr]
        if batch and (len(batch) >= size or total + n > chars):
            batches.append(batch)
            batch, total = [], 0
        batch.append(job)  # type: ignore[arg-type]
        total += n
    if batch:
        batches.append(batch)
    return batches


def _outcome(t: _Task, result: _Result | None, settings: Settings) -> Outcome:
    if t.article is None:
        return Outcome(source=t.source, status="failed", error=t.error)
    if result is None:  # unchanged (not parsed again), or in a language not handled
        why = settings.unhandled_language(t.article.language) if t.status != "unchanged" else None
        note = f"{t.source}: {why}" if why else None
        return Outcome(source=t.source, status=t.status, article=t.article, note=note)
    _, statements, error = result
    if error is not None:
        return Outcome(source=t.source, status="failed", article=t.article, error=error)
    return Outcome(source=t.source, status=t.status, article=t.article, statements=statements)


def _chunks(tasks: Iterable[_Task], size: int) -> Iterator[list[_Task]]:
    it = iter(tasks)
    while chunk := list(islice(it, size)):
        yield chunk


def _in_order(
    chunk: list[_Task],
    batches: list[tuple[list[_Job], Callable[[], list[_Result]]]],
    settings: Settings,
) -> Iterator[Outcome]:
    """The chunk's outcomes in input order, each as soon as the batch holding it is done."""
    owner = {i: b for b, (jobs, _) in enumerate(batches) for i, _ in jobs}
    done: dict[int, list[_Result]] = {}
    for i, t in enumerate(chunk):
        b = owner.get(i)
        if b is None:
            yield _outcome(t, None, settings)
            continue
        if b not in done:
            done[b] = batches[b][1]()
        yield _outcome(t, next(r for r in done[b] if r[0] == i), settings)


def _read(
    source: str,
    settings: Settings,
    published: datetime | None,
    outlet: str | None,
    start: int = 0,
    stop: int | None = None,
) -> Iterator[_Task]:
    """One task per article the source holds (a WARC archive holds many), read lazily; ``start`` and
    ``stop`` select a split of an archive (see :func:`~walkback.ingest.iter_documents`)."""
    for doc in iter_documents(source, settings=settings, start=start, stop=stop):
        if isinstance(doc, WalkbackError):
            yield _Task(doc.source or source, None, str(doc) if doc.source else f"{source}: {doc}", "failed")
            continue
        try:
            art = read_document(doc, published=published, outlet=outlet, outlets=settings.outlets)
        except WalkbackError as e:
            yield _Task(doc.source, None, str(e) if e.source else f"{doc.source}: {e}", "failed")
        else:
            yield _Task(doc.source, art, None, "extracted")


def _expected_articles(sources: Sequence[str]) -> int:
    """How many articles the sources should hold, to decide how many processes to start: one a file
    or URL, a guess from its size for an archive. A long list is not looked into (it is enough)."""
    if len(sources) >= _MANY_SOURCES:
        return len(sources)
    return sum(estimate_records(s) if is_warc(s) else 1 for s in sources)


def lower_priority(nice: int) -> None:
    """Make this process at least ``nice`` nice (not more: a worker of a parent already that nice
    stays as it is). Batch work calls it so that a server on the same machine answers first."""
    if nice <= 0:
        return
    try:
        now = os.nice(0)
        if now < nice:
            os.nice(nice - now)
    except OSError:  # not allowed here: run as it is
        pass


def _process(tasks: Iterable[_Task], settings: Settings, n: int) -> Iterator[Outcome]:
    """Extraction over ``n`` processes, results in input order, at most two chunks of articles in
    flight (memory stays flat however many inputs there are)."""
    models = tuple(settings.spacy_models)
    size = max(1, settings.batch_size)
    chars = max(1, settings.batch_chars)
    chunk_size = size * max(_CHUNK_BATCHES, 4 * n)
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    if n <= 1 or ctx.get_start_method() == "fork":
        load_pipeline(models)  # here: a missing model fails early, and forked workers inherit it
    if n <= 1:
        global _MODELS
        _MODELS = models
        for chunk in _chunks(tasks, chunk_size):
            plan = _plan(chunk, size, chars, settings)
            yield from _in_order(chunk, [(jobs, partial(_extract, jobs)) for jobs in plan], settings)
        return
    # the caller's thread reads the inputs (and may query its store) and hands batches to the
    # workers. Forked workers start with the model this process loaded (no load of their own, pages
    # shared); every ``worker_max_batches`` batches a worker is replaced by a fresh fork, which drops
    # what its parses left behind (new vocabulary strings, a fragmented heap).
    recycle = settings.worker_max_batches or None
    inflight: deque[tuple[list[_Task], list[tuple[list[_Job], Callable[[], list[_Result]]]]]] = deque()
    init = (models, os.getpid(), settings.worker_nice)
    pool = ctx.Pool(n, initializer=_init_worker, initargs=init, maxtasksperchild=recycle)
    watch = _Workers(pool)
    try:
        for chunk in _chunks(tasks, chunk_size):
            plan = _plan(chunk, size, chars, settings)
            inflight.append(
                (
                    chunk,
                    [(jobs, partial(watch.result, pool.apply_async(_extract, (jobs,)))) for jobs in plan],
                )
            )
            if len(inflight) >= 2:
                yield from _in_order(*inflight.popleft(), settings)
        while inflight:
            yield from _in_order(*inflight.popleft(), settings)
    finally:  # done, or a dead worker, an error storing, the caller stopping early
        watch.close()


class _Workers:
    """Watches a pool's worker processes while waiting for a batch: a worker that dies other than by
    finishing (killed by the system for memory, a crash in a native library) takes its batch with
    it, and ``multiprocessing.Pool`` would wait for that batch for ever. The wait ends with a
    :class:`PipelineError` instead; what was stored before stays stored. (Reads the pool's list of
    processes, ``Pool._pool``: the pool offers no other way to see its workers.)"""

    def __init__(self, pool: mp.pool.Pool) -> None:
        self.pool = pool
        self.seen: dict[int, mp.process.BaseProcess] = {}
        self._note()  # the first workers, before any can die: the pool drops a dead one from its list
        # (and forks another) within a tenth of a second, and one never noted would be waited for ever

    def _note(self) -> None:
        for p in list(getattr(self.pool, "_pool", [])):
            self.seen.setdefault(p.pid or 0, p)

    def _dead(self) -> mp.process.BaseProcess | None:
        self._note()
        for p in self.seen.values():
            if p.exitcode is not None and p.exitcode != 0:
                return p
        return None

    def result(self, res: mp.pool.AsyncResult) -> list[_Result]:  # type: ignore[type-arg]
        self._note()  # replacements of recycled workers, as soon as they are there
        while not res.ready():
            res.wait(0.5)
            dead = None if res.ready() else self._dead()
            if dead is not None:
                how = (
                    f"killed by signal {-dead.exitcode}"
                    if (dead.exitcode or 0) < 0
                    else f"exit {dead.exitcode}"
                )
                raise PipelineError(
                    f"a worker process died ({how}, most often the system out of memory): the articles "
                    "not yet stored were not extracted; run the command again to go on"
                )
        return res.get()

    def close(self) -> None:
        """End the pool. With every worker alive the pool's own ``terminate`` does it. A worker that
        died may have died holding a queue's lock (the task queue's, waiting for work; the result
        queue's, handing a result back) or halfway through reading a task, and then ``terminate``
        waits for that lock for ever, or reads the rest of the task as a message of its own. So first:
        no replacement workers (the pool would fork them at once, and one would take the lock), the
        other workers killed, the locks let go, and the task queue's read end closed (nothing reads
        it any more; a task handler blocked writing to it gets a broken pipe and ends)."""
        if self._dead() is None:
            self.pool.terminate()
            return
        pool: Any = self.pool
        workers, tasks = pool._worker_handler, pool._task_handler
        workers._state = tasks._state = mp.pool.TERMINATE
        pool._change_notifier.put(None)
        workers.join(5)
        for p in list(pool._pool):
            if p.is_alive():
                p.kill()
            p.join(5)
        for lock in (pool._inqueue._rlock, pool._outqueue._wlock):  # _wlock is None on Windows
            if lock is not None:  # free or held by a dead worker: taken if free, let go either way
                lock.acquire(False)
                lock.release()
        pool._inqueue._reader.close()
        tasks.join(5)
        try:
            pool.terminate()
        except OSError as e:  # the task handler still writing: what it had left is lost with the batch
            log.debug("closing the pool after a dead worker: %s", e)


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
    tasks = (t for s in sources for t in _read(s, settings, published, outlet))
    yield from _process(tasks, settings, _processes(settings, _expected_articles(sources)))


def extract_split(
    source: str,
    *,
    settings: Settings,
    start: int = 0,
    stop: int | None = None,
    published: datetime | None = None,
    outlet: str | None = None,
) -> Iterator[Outcome]:
    """Read and extract one source in this process, without storing anything: for a WARC archive
    only the records that start at byte offsets in ``[start, stop)``.

    The piece of work a distributed run gives one task (:mod:`walkback.distributed`); the splits of
    an archive, one after another, give the outcomes :func:`extract_sources` gives for the archive.
    """
    yield from _process(_read(source, settings, published, outlet, start, stop), settings, 1)


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
    tasks = (t for s in sources for t in _read(s, settings, published, outlet))
    return _ingest(tasks, _expected_articles(sources), store=store, settings=settings, on_outcome=on_outcome)


def ingest_articles(
    articles: Sequence[Article],
    *,
    store,
    settings: Settings,  # type: ignore[no-untyped-def]
    on_outcome: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Extract and store articles read already (by the feed watcher); each outcome's ``source`` is
    its article's ``source``. Unchanged articles are not parsed again."""
    tasks = (_Task(a.source or a.url or a.id, a, None, "extracted") for a in articles)
    return _ingest(tasks, len(articles), store=store, settings=settings, on_outcome=on_outcome)


def _ingest(
    tasks: Iterable[_Task],
    count: int,
    *,
    store,
    settings: Settings,  # type: ignore[no-untyped-def]
    on_outcome: Callable[[Outcome], None] | None,
) -> Summary:
    summary = Summary()

    def checked() -> Iterator[_Task]:
        for t in tasks:
            if t.article is not None:
                t = _Task(t.source, t.article, None, store.article_status(t.article))
            yield t

    for o in _process(checked(), settings, _processes(settings, count)):
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
                    note=o.note,
                )
        summary.add(o)
        if on_outcome is not None:
            on_outcome(o)
    return summary
