"""Latency of the web pages and the API under load, on a database of the whole PolNeAR train split.

Starts ``walkback serve`` on loopback, then for each endpoint runs wrk (20 connections, 30 s by
default) over a list of distinct URLs of that kind, picked at random per request. The five endpoints
measured by default:

- home: ``/`` and its first 20 pages;
- claim: the 300 largest claims' timelines;
- speaker: the 300 speakers with most statements;
- search: ``/search?q=WORD`` for 300 frequent content words;
- api: ``/api/statements`` pages (limit 100) and speaker filters;
- walkbacks, contradictions: the desk's lists (issue 16) at the default threshold, at every confidence,
  by review state, by speaker and by month; api_flags: the same lists from the API.

``--all`` measures every page and API route instead (lists, one article, one claim, one speaker,
search, relations ...: 19 endpoints), and ``--ingest`` runs ``walkback ingest`` on the PolNeAR dev
texts over and over into the served database while it measures (each pass under another
``--outlet``, so that every pass stores 84 new articles and links them: the database changes all the
time, and so does the response cache's view of it). The served database is then a copy.

Each endpoint is measured side by side in one run (a server per configuration, all running, each
endpoint measured on one after the other): with the server's response cache off (every
request renders from SQLite) and on (the default: answers exact while the database is unchanged,
and at most ``--stale`` seconds old while it is written; ``--stale 0,10`` measures the exact cache
too; ``--stale none`` the cache off only), each after ``--warmup`` seconds of the same load that
are not recorded (with the cache on, that is when the pages are first rendered). Prints median and
p95 latency and requests/s.

    python benchmarks/web_latency.py --db /path/to/polnear-train.db      # reuse a database
    python benchmarks/web_latency.py                                      # build it first (~15 min)
    python benchmarks/web_latency.py --all --ingest --seconds 10 --warmup 3
    python benchmarks/web_latency.py --stale none --threads 1,40     # the server's --threads side by side
    python benchmarks/web_latency.py --baseline /tmp/base/src --rounds 3  # this code beside another's

Needs wrk (Debian package ``wrk``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import REPO, walkback_cmd  # noqa: E402

CACHE_DB = REPO / "benchmarks" / ".cache" / "polnear-train.db"

LUA = r"""
local paths = {}
for line in io.lines(os.getenv("WB_PATHS")) do paths[#paths + 1] = line end
math.randomseed(os.time())
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %d, "seconds": %f, "p50_ms": %f, "p95_ms": %f, "p99_ms": %f, ' ..
    '"max_ms": %f, "non2xx": %d, "socket_errors": %d}\n', summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
"""


def build_db(path: Path) -> None:
    from _links import POLNEAR, ingest_dated

    from walkback.link import link_store
    from walkback.settings import load_settings
    from walkback.store import Store

    path.parent.mkdir(parents=True, exist_ok=True)
    files = sorted((POLNEAR / "train" / "text").glob("*.txt"))
    with Store.open(path) as store:
        took = ingest_dated(store, files)
        print(f"ingested {len(files)} PolNeAR train articles in {took:.0f} s", flush=True)
        t = time.perf_counter()
        summary = link_store(store, load_settings())
        print(f"{summary.line()} in {time.perf_counter() - t:.0f} s", flush=True)


def url_sets(db: Path, n: int = 300) -> dict[str, list[str]]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    claims = [
        r[0] for r in con.execute("SELECT id FROM claims ORDER BY statement_count DESC, id LIMIT ?", (n,))
    ]
    speakers = [r[0] for r in con.execute(
        "SELECT speaker_id FROM statement_links WHERE speaker_id IS NOT NULL GROUP BY speaker_id "
        "ORDER BY count(*) DESC LIMIT ?", (n,))]  # fmt: skip
    words: Counter[str] = Counter()
    for (text,) in con.execute("SELECT content_text FROM statements LIMIT 5000"):
        words.update(w.lower() for w in text.split() if w.isalpha() and len(w) > 5)
    names = [r[0] for r in con.execute(
        "SELECT speaker_name FROM statements WHERE speaker_name IS NOT NULL GROUP BY speaker_name "
        "ORDER BY count(*) DESC LIMIT 30")]  # fmt: skip
    total = con.execute("SELECT count(*) FROM statements").fetchone()[0]
    articles = [r[0] for r in con.execute("SELECT id FROM articles ORDER BY id LIMIT ?", (n,))]
    con.close()
    api = [f"/api/statements?limit=100&offset={o}" for o in range(0, min(total, 3000), 100)]
    api += [f"/api/statements?limit=100&speaker={n.split()[-1]}" for n in names if n.split()]
    common = [w for w, _ in words.most_common(n)]
    pages = range(1, 21)
    surnames = sorted({n.split()[-1] for n in names if n.split()})[:10]
    months = [f"2015-{m:02d}" for m in range(9, 13)] + [f"2016-{m:02d}" for m in range(1, 12)]

    def desk(path: str) -> list[str]:
        urls = [path, f"{path}?min_confidence=0", f"{path}?min_confidence=0&review=all",
                f"{path}?review=unreviewed", f"{path}?min_confidence=0.5"]  # fmt: skip
        urls += [f"{path}?min_confidence=0&speaker={s}" for s in surnames]
        urls += [f"{path}?min_confidence=0&since={m}&until={m}" for m in months]
        return urls

    return {
        "walkbacks": desk("/walkbacks"),
        "contradictions": desk("/contradictions"),
        "api_flags": desk("/api/walkbacks") + desk("/api/contradictions"),
        "home": ["/"] + [f"/?page={p}" for p in range(2, 21)],
        "claim": [f"/claims/{c}" for c in claims],
        "speaker": [f"/speakers/{s}" for s in speakers],
        "search": [f"/search?q={w}" for w in common],
        "api_statements": api,
        # the rest of the routes (--all)
        "claims": [f"/claims?page={p}" for p in pages],
        "speakers": [f"/speakers?page={p}" for p in pages],
        "articles": [f"/articles?page={p}" for p in pages],
        "article": [f"/articles/{a}" for a in articles],
        "api_articles": [f"/api/articles?limit=50&offset={50 * p}" for p in pages],
        "api_article": [f"/api/articles/{a}" for a in articles],
        "api_search": [f"/api/search?q={w}&limit=50" for w in common],
        "api_speakers": [f"/api/speakers?offset={50 * p}" for p in pages],
        "api_speaker": [f"/api/speakers/{s}" for s in speakers],
        "api_claims": [f"/api/claims?offset={50 * p}" for p in pages],
        "api_claim": [f"/api/claims/{c}" for c in claims],
        "api_relations": [f"/api/relations?offset={100 * p}" for p in pages],
        "api_walkbacks": [f"/api/walkbacks?offset={20 * p}&limit=20" for p in pages],
        "api_contradictions": [f"/api/contradictions?offset={100 * p}" for p in pages],
    }


DEFAULT_ENDPOINTS = ("home", "claim", "speaker", "search", "api_statements")


class Writer:
    """``walkback ingest`` of the PolNeAR dev texts, pass after pass, into ``db`` while it runs."""

    def __init__(self, db: Path, config: Path | None = None) -> None:
        from _links import POLNEAR

        self.db = db
        self.config = ["--config", str(config)] if config else []
        self.files = [str(f) for f in sorted((POLNEAR / "dev" / "text").glob("*.txt"))]
        self.passes = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self._stop = False
        import threading

        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop:
            self.passes += 1
            self.proc = subprocess.Popen(
                [*walkback_cmd(), "ingest", *self.files, "--db", str(self.db), "--quiet",
                 "--outlet", f"bench-{os.getpid()}-{self.passes}", "--published", "2016-10-01", *self.config],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            self.proc.wait()

    def __enter__(self) -> Writer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop = True
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
        self.thread.join(60)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(
    db: Path,
    port: int,
    workers: int,
    cache: int,
    stale: float = 10.0,
    threads: int = 1,
    src: Path | None = None,
) -> subprocess.Popen[str]:
    """``walkback serve`` on ``port``; with ``src``, the walkback package of that source tree."""
    import httpx

    env = {**os.environ, "PYTHONPATH": str(src)} if src is not None else None
    proc = subprocess.Popen(
        [*walkback_cmd(), "serve", "--db", str(db), "--port", str(port), "--workers", str(workers),
         "--cache-entries", str(cache), "--cache-stale", str(stale), "--threads", str(threads)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    for _ in range(300):
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/openapi.json", timeout=2)
            return proc
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"walkback serve did not start: {proc.stderr.read() if proc.stderr else ''}")


def wrk(port: int, paths: list[str], seconds: int, connections: int, tmp: Path) -> dict[str, float]:
    listing = tmp / "paths.txt"
    listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
    script = tmp / "pick.lua"
    script.write_text(LUA, encoding="utf-8")
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script),
         f"http://127.0.0.1:{port}"],
        env={**os.environ, "WB_PATHS": str(listing)}, capture_output=True, text=True, check=True,
    )  # fmt: skip
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("{"))
    return json.loads(line)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, help=f"a database of PolNeAR train (default: build {CACHE_DB})")
    ap.add_argument("--seconds", type=int, default=30)
    ap.add_argument("--connections", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2, help="server processes (the machine has 2 cores)")
    ap.add_argument("--only", help="comma-separated endpoints to measure")
    ap.add_argument("--all", action="store_true", help="every page and API route, not the default five")
    ap.add_argument("--ingest", action="store_true", help="an ingest writes into a copy of the database")
    ap.add_argument("--writer-nice", default="10", help="with --ingest: its worker_nice, or several (0,10)")
    ap.add_argument(
        "--stale",
        default="10",
        help="the cache's --cache-stale seconds, or several (0,5); none: the cache off only",
    )
    ap.add_argument(
        "--threads",
        default="1",
        help="the server's --threads (requests each process renders at once), or several (1,40)",
    )
    ap.add_argument("--warmup", type=int, default=10, help="seconds of unrecorded load first, per endpoint")
    ap.add_argument(
        "--baseline",
        type=Path,
        help="the src/ of another checkout (git worktree add /tmp/base REV): its server runs beside this "
        "code's, each configuration on both",
    )
    ap.add_argument("--rounds", type=int, default=1, help="times each endpoint is measured")
    args = ap.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed (Debian: apt-get install wrk)", file=sys.stderr)
        return 2
    db = args.db or CACHE_DB
    if not db.exists():
        build_db(db)
    sets = url_sets(db)
    if args.only:
        sets = {k: v for k, v in sets.items() if k in args.only.split(",")}
    elif not args.all:
        sets = {k: v for k, v in sets.items() if k in DEFAULT_ENDPOINTS}
    print(f"database {db}; {args.connections} connections, {args.seconds} s per endpoint, "
          f"{args.workers} server processes{', an ingest writing meanwhile' if args.ingest else ''}",
          flush=True)  # fmt: skip
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        served = db
        if args.ingest:  # a copy to write into; the cached database stays as it is
            served = Path(tmp) / "served.db"
            with sqlite3.connect(db) as a, sqlite3.connect(served) as b:
                a.backup(b)
            if Path(str(db) + ".vectors").exists():
                shutil.copy(str(db) + ".vectors", str(served) + ".vectors")
        stales = [] if args.stale == "none" else [float(x) for x in args.stale.split(",")]
        sources: list[Path | None] = [None] if args.baseline is None else [None, args.baseline.resolve()]
        caches = [(0, 0.0)] + [(512, x) for x in stales]
        configs = [(cache, stale, int(threads), src) for threads in args.threads.split(",")
                   for cache, stale in caches for src in sources]  # fmt: skip
        for nice in (int(n) for n in args.writer_nice.split(",")):
            # every configuration's server runs at once, and each endpoint is measured on one after
            # the other: side by side, under the same ingest and the same machine load
            procs: list[subprocess.Popen[str]] = []
            writer = None
            try:
                ports = []
                for cache, stale, threads, src in configs:
                    ports.append(free_port())
                    procs.append(serve(served, ports[-1], args.workers, cache, stale, threads, src))
                config = Path(tmp) / f"nice{nice}.toml"
                config.write_text(f"[extract]\nworker_nice = {nice}\n", encoding="utf-8")
                writer = Writer(served, config).__enter__() if args.ingest else None
                for name, paths in [(n, p) for n, p in sets.items() for _ in range(args.rounds)]:
                    random.shuffle(paths)
                    for (cache, stale, threads, src), port in zip(configs, ports, strict=True):
                        if args.warmup:
                            wrk(port, paths, args.warmup, args.connections, Path(tmp))
                        r = wrk(port, paths, args.seconds, args.connections, Path(tmp))
                        r.update(
                            endpoint=name,
                            cache=f"on, stale {stale:g} s" if cache else "off",
                            urls=len(paths),
                            threads=threads,
                            code="baseline" if src else "this",
                        )
                        if args.ingest:
                            r["writer_nice"] = nice
                        rows.append(r)
                        print(f"  {name:18s} cache {r['cache']:13s} threads {threads:2d}"
                              + (f" {r['code']:8s}" if args.baseline else "")
                              + (f" writer nice {nice:2d}" if args.ingest else "")
                              + f": p50 {r['p50_ms']:7.1f} ms  "
                              f"p95 {r['p95_ms']:7.1f} ms  {r['requests'] / r['seconds']:7.0f} req/s  "
                              f"({r['urls']} URLs, non-2xx "
                              f"{r['non2xx']}, socket errors {r['socket_errors']})", flush=True)  # fmt: skip
            finally:
                if writer is not None:
                    writer.__exit__()
                    print(f"  (the ingest made {writer.passes} pass(es) meanwhile)", flush=True)
                for proc in procs:
                    proc.terminate()
                for proc in procs:
                    proc.wait(20)
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
