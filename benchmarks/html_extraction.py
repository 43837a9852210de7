"""How well and how fast the HTML reader finds article bodies: the Zyte article-extraction benchmark.

Runs walkback's HTML reader (trafilatura with walkback's options, headline dropped from the body) over
the benchmark's 181 pages and scores ``Article.text`` against the true bodies the way the benchmark
does: text split on ``\\w+`` into 4-word shingles; per page, precision and recall from the shingle counts
(normalised so long pages weigh no more than short ones); both averaged over pages; F1 of the averages.

    .venv/bin/python benchmarks/html_extraction.py [DATA_DIR] [--limit N] [--worst K]

DATA_DIR defaults to ../shared/data/zyte-article-benchmark beside the repository.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from walkback.errors import WalkbackError
from walkback.ingest.fetch import decode_page
from walkback.ingest.html import read_html
from walkback.ingest.readers import Document

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "zyte-article-benchmark"
_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text)
    if len(words) < n:  # a short text is one (short) shingle, an empty one none
        return Counter([tuple(words)] if words else [])
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def page_scores(truth: str, predicted: str) -> tuple[float | None, float | None]:
    """(precision, recall) of one page; ``None`` where it is undefined (nothing predicted / expected)."""
    want, got = shingles(truth), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    if fp == fn == 0:
        return (1.0 if tp else None), (1.0 if tp else None)
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--worst", type=int, default=0, help="list the K pages with the lowest F1")
    args = parser.parse_args(argv)

    truth_file = args.data / "ground-truth.json"
    if not truth_file.exists():
        print(f"no benchmark data at {args.data}", file=sys.stderr)
        return 2
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    ids = sorted(truth)[: args.limit or None]
    pages = {key: (args.data / "html" / f"{key}.html.gz").read_bytes() for key in ids}

    precisions: list[float] = []
    recalls: list[float] = []
    per_page: list[tuple[float, str]] = []
    failures = 0
    started = time.perf_counter()
    for key in ids:
        doc = Document(
            text=decode_page(gzip.decompress(pages[key]), "text/html"),
            source=key,
            url=truth[key].get("url"),
            content_type="text/html",
        )
        try:
            predicted = read_html(doc, published=None, outlet=None).text
        except WalkbackError:
            predicted = ""
            failures += 1
        p, r = page_scores(truth[key].get("articleBody", ""), predicted)
        if p is not None:
            precisions.append(p)
        if r is not None:
            recalls.append(r)
        per_page.append((2 * p * r / (p + r) if p and r else 0.0, key))
    elapsed = time.perf_counter() - started

    precision = sum(precisions) / len(precisions)
    recall = sum(recalls) / len(recalls)
    f1 = 2 * precision * recall / (precision + recall)
    print(f"pages      {len(ids)} ({failures} with no article found)")
    print(f"precision  {precision:.3f}")
    print(f"recall     {recall:.3f}")
    print(f"F1         {f1:.3f}")
    print(f"speed      {len(ids) / elapsed:.1f} pages/s (decoding and extraction, one process)")
    for score, key in sorted(per_page)[: args.worst]:
        print(f"  {score:.3f}  {key}  {truth[key].get('url', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
