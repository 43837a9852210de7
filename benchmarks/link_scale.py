"""Linking at scale: the whole PolNeAR train split (832 articles) into one database.

Ingests the split without linking (worker processes, timed apart), then links it article by article,
oldest first, in a fresh process, and prints:

* per-article link time for the first and the last 100 articles (medians and means) and their ratio:
  with an index (HNSW) instead of a scan, the last 100 should cost about what the first 100 did;
* statements linked per second, claims and relations found;
* the linking process's peak memory (max RSS).

Usage: ``python benchmarks/link_scale.py [--limit N] [--db FILE]`` (``--db`` keeps the database).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import text_files
from _links import POLNEAR, ingest_dated


def _link(db: str) -> dict:
    from walkback.link.core import Linker, LinkOptions, LinkSummary
    from walkback.link.embed import get_encoder
    from walkback.settings import load_settings
    from walkback.store import Store

    settings = load_settings()
    store = Store.open(db)
    t0 = time.perf_counter()
    encoder = get_encoder(settings.encoder or None)
    encoder.encode(["warm up"])
    load = time.perf_counter() - t0
    linker = Linker(
        store,
        encoder,
        options=LinkOptions(
            claim_threshold=settings.claim_threshold, infer_threshold=settings.infer_threshold
        ),
    )
    summary = LinkSummary()
    times: list[float] = []
    counts: list[int] = []
    t0 = time.perf_counter()
    for article_id, version in store.unlinked():
        before = summary.statements
        t = time.perf_counter()
        linker.link_article(article_id, version, summary)
        times.append(time.perf_counter() - t)
        counts.append(summary.statements - before)
    total = time.perf_counter() - t0
    linker.close()
    return {
        "times": times,
        "counts": counts,
        "total_s": total,
        "model_load_s": load,
        "summary": summary.line(),
        "claims_2plus": len(store.claims(min_statements=2)),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    ap.add_argument("--db", help="keep the database here")
    ap.add_argument("--link-only", help=argparse.SUPPRESS)
    ap.add_argument("--relink", help="link this already-ingested database again (its links are rebuilt)")
    args = ap.parse_args()
    if args.link_only:
        print(json.dumps(_link(args.link_only)))
        return 0

    from walkback.store import Store

    files = text_files(POLNEAR / "train" / "text")
    files = files[: args.limit] if args.limit else files
    with tempfile.TemporaryDirectory() as tmp:
        db = args.relink or args.db or str(Path(tmp) / "train.db")
        with Store.open(db) as store:
            if args.relink:  # the statements are there: forget the links only
                with store.linking() as ledger:
                    ledger.clear()
                Path(db + ".vectors").unlink(missing_ok=True)
                ingest_s = float("nan")
            else:
                ingest_s = ingest_dated(store, files)
            stats = store.stats()
        out = subprocess.run(
            [sys.executable, __file__, "--link-only", db], capture_output=True, text=True, check=True
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
    times, counts = r["times"], r["counts"]
    n = min(100, len(times) // 2)
    first, last = times[:n], times[-n:]
    per_st_first = sum(first) / max(1, sum(counts[:n]))
    per_st_last = sum(last) / max(1, sum(counts[-n:]))
    ms = {
        k: (statistics.median(v) * 1000, statistics.mean(v) * 1000)
        for k, v in (("first", first), ("last", last))
    }
    print(f"articles: {stats['articles']}, statements: {stats['statements']}, ingest {ingest_s:.0f} s")
    print(f"link: {r['summary']}; claims with 2+ statements: {r['claims_2plus']}")
    rate = sum(counts) / r["total_s"]
    print(f"link time {r['total_s']:.1f} s (+ {r['model_load_s']:.1f} s model load): {rate:.0f} statements/s")
    print(
        f"per article, first {n}: median {ms['first'][0]:.0f} ms, mean {ms['first'][1]:.0f} ms; "
        f"last {n}: median {ms['last'][0]:.0f} ms, mean {ms['last'][1]:.0f} ms"
    )
    print(
        f"ratio last/first: {statistics.median(last) / statistics.median(first):.2f} (medians), "
        f"{per_st_last / per_st_first:.2f} (per statement)"
    )
    print(f"peak memory of the linking process (max RSS): {r['peak_rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
