"""Claim matching on CLEF 2020 CheckThat! task 2: every installed encoder, side by side, in one run.

For each encoder backend of ``walkback.link.embed`` that is installed, it prints MAP@5 on the train
and dev splits for BM25 alone, the cosine alone, and walkback's fusion (``walkback.link.match``),
with the time to index the claims (cold), to reopen that index from the cache, and to match the
train+dev queries (about 1,000). With ``--fit`` it also redoes the search for the fusion weights
on the train split and shows how the best train weights fare on dev (dev is never used to choose).

    .venv/bin/python benchmarks/match_quality.py [--encoders minilm-onnx,wordllama] [--fit]

Timings are wall-clock seconds on whatever else the machine is doing: compare the rows of one run.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from walkback.link import match
from walkback.link.embed import ENCODERS, available_encoders, get_encoder

DATA = (Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "clef2020-claims").resolve()
SPLITS = ("train", "dev")


def read_qrels(path: Path) -> dict[str, set[str]]:
    qrels: dict[str, set[str]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            qid, _, doc, rel = line.split()
            if int(rel) > 0:
                qrels[qid].add(doc)
    return qrels


def map_at_k(qrels: dict[str, set[str]], ranked: dict[str, list[str]], k: int = 5) -> float:
    """MAP@k as ``shared/eval/map_at_k.py`` computes it (queries without a run count as 0)."""
    total = 0.0
    for qid, relevant in qrels.items():
        hits, ap = 0, 0.0
        for i, doc in enumerate(ranked.get(qid, [])[:k], 1):
            if doc in relevant:
                hits += 1
                ap += hits / i
        total += ap / min(len(relevant), k)
    return total / len(qrels)


def top_ids(scores: np.ndarray, ids: tuple[str, ...], k: int = 5) -> list[list[str]]:
    order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    return [[ids[j] for j in row] for row in order]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--encoders", default=",".join(ENCODERS), help="comma-separated backend names")
    parser.add_argument("--fit", action="store_true", help="search the fusion weights on train")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2

    claims = match.read_tsv(args.data / "verified_claims.docs.tsv")
    splits = {}
    for split in SPLITS:
        queries = match.read_tsv(args.data / split / "tweets.queries.tsv")
        splits[split] = (queries, read_qrels(args.data / split / "tweet-vclaim-pairs.qrels"))
    all_queries = [q.text for s in SPLITS for q in splits[s][0]]
    print(f"{len(claims)} claims; queries: " + ", ".join(f"{s} {len(splits[s][0])}" for s in SPLITS))

    installed = set(available_encoders())
    header = f"{'option':<28}{'train':>8}{'dev':>8}{'index s':>10}{'reopen s':>10}{'match s':>10}"
    rows = [header, "-" * len(header)]
    bm25_done = False
    for name in args.encoders.split(","):
        if name not in installed:
            rows.append(f"{name:<28}  (not installed: {', '.join(ENCODERS[name].requires)})")
            continue
        encoder = get_encoder(name)
        encoder.encode(["warm up"])  # load the model outside the timings
        with tempfile.TemporaryDirectory() as cache:
            start = time.perf_counter()
            matcher = match.Matcher(claims, encoder=encoder, cache_dir=cache)
            index_s = time.perf_counter() - start
            start = time.perf_counter()
            matcher = match.Matcher(claims, encoder=encoder, cache_dir=cache)
            reopen_s = time.perf_counter() - start
            assert matcher.index_source == "cache"
        start = time.perf_counter()
        matcher.search(all_queries, 5)
        match_s = time.perf_counter() - start

        parts = {}
        for split in SPLITS:
            queries, _ = splits[split]
            texts = [q.text for q in queries]
            vectors = encoder.encode(texts)
            parts[split] = {
                "full": vectors @ matcher._full.T,
                "text": vectors @ matcher._text.T,
                "bm25": matcher._bm25.normalised_scores(texts),
            }

        def score(
            weights: tuple[float, float, float], split: str, parts=parts, ids=matcher.ids, copy=matcher._copy
        ) -> float:
            p = parts[split]
            fused = weights[0] * p["full"] + weights[1] * p["text"] + weights[2] * p["bm25"]
            fused = fused[:, copy]  # copies of one claim share the first copy's score (see Matcher)
            queries, qrels = splits[split]
            ranked = dict(zip([q.id for q in queries], top_ids(fused, ids), strict=True))
            return map_at_k(qrels, ranked)

        options = [
            (f"{name} cosine (text)", (0.0, 1.0, 0.0), "", ""),
            (f"{name} cosine (title+text)", (1.0, 0.0, 0.0), "", ""),
            (
                f"{name} fusion (walkback)",
                (match.W_FULL, match.W_TEXT, match.W_BM25),
                f"{index_s:10.1f}{reopen_s:10.2f}",
                f"{match_s:10.1f}",
            ),
        ]
        if not bm25_done:
            options.insert(0, ("bm25 (title+text)", (0.0, 0.0, 1.0), "", ""))
            bm25_done = True
        for label, weights, index_cols, match_col in options:
            cols = index_cols or f"{'':>10}{'':>10}"
            rows.append(
                f"{label:<28}{score(weights, 'train'):8.4f}{score(weights, 'dev'):8.4f}{cols}{match_col:>10}"
            )
        if args.fit:
            grid = itertools.product((0.0, 0.25, 0.5, 0.75, 1.0), (0.1, 0.15, 0.2, 0.25, 0.3, 0.4))
            fitted = sorted(((score((1 - a, a, b), "train"), a, b) for a, b in grid), reverse=True)[:5]
            for train_map, a, b in fitted:
                weights = (1 - a, a, b)
                rows.append(
                    f"  fit: full {1 - a:.2f} text {a:.2f} bm25 {b:.2f}"
                    f"  train {train_map:.4f} dev {score(weights, 'dev'):.4f}"
                )
        print(f"{name}: done", file=sys.stderr, flush=True)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
