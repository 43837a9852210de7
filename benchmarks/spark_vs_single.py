"""Articles/s and peak memory of the Spark job in local mode next to ``walkback extract``, side by side.

    .venv/bin/python benchmarks/spark_vs_single.py [--warc FILE] [--data DIR] [--copies K] [--repeat N]
                                                    [--master local[2]] [--partitions N]

The input is one WARC archive: FILE, else one built from the texts of DIR (default: the 84 PolNeAR
dev texts), each wrapped as a simple HTML news page (headline, outlet and date from the file name,
paragraphs from the blank lines) in a ``response`` record with a made-up URL, gzip per record;
``--copies K`` puts each text in K times under K URLs (a larger input, to see Spark's fixed cost
spread). On it, N times each (default 3), interleaved a, b, a, b, ... so that background load hits
both alike:

  (a) ``walkback extract --format jsonl FILE.warc.gz``: the path on one machine (the model loaded
      once, then forked into a worker per core), the whole process start to end;
  (b) ``walkback spark-extract FILE.warc.gz --output DIR --master local[2]``: the Spark job in local
      mode with two workers, the whole process start to end (JVM start, the model loaded in each
      Python worker, the Parquet written and the statements table derived from it).

Printed: articles/s of each (articles extracted over wall time; median over the runs), the ratio
b/a, and peak memory of each process tree (see ``_common.Measured``: ``tree_pss`` is the honest
total, ``tree_rss`` an upper bound, ``maxrss`` the largest single process). Both must find the same
articles and statements, or the script says so. The last line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import re
import statistics
import sys
import tempfile
from pathlib import Path

import _common
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

_NAME = re.compile(r"^(?P<outlet>[a-z]+)_(?P<date>\d{4}-\d{2}-\d{2})_(?P<slug>.+)$")
_SPARK_LINE = re.compile(r"articles: (\d+) extracted, (\d+) failed; statements found: (\d+)")


def _page(path: Path, copy: int = 0) -> tuple[str, str, bytes]:
    """(url, WARC-Date, HTML) for one text file: headline on the first line, then paragraphs."""
    text = path.read_text(encoding="utf-8", errors="replace")
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text) if b.strip()]
    headline, paragraphs = blocks[0], blocks[1:]
    m = _NAME.match(path.stem)
    outlet, date, slug = (m["outlet"], m["date"], m["slug"]) if m else ("example", "2016-10-01", path.stem)
    url = f"https://www.{outlet}.example.com/{date.replace('-', '/')}/{slug}/" + (
        f"?copy={copy}" if copy else ""
    )
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(headline)}</title>
<meta property="og:title" content="{html.escape(headline)}">
<meta property="og:site_name" content="{outlet.title()}">
<meta property="article:published_time" content="{date}T12:00:00+00:00">
</head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a></nav>
<main><article><h1>{html.escape(headline)}</h1>
{body}
</article></main>
<footer>Copyright {date[:4]} {outlet.title()}</footer>
</body></html>
"""
    return url, f"{date}T18:00:00Z", page.encode("utf-8")


def build_warc(files: list[Path], out: Path, copies: int = 1) -> int:
    """Write ``copies`` response records per text file into ``out`` (gzip per record); return the count."""
    with out.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for copy, path in ((c, p) for c in range(copies) for p in files):
            url, date, body = _page(path, copy)
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": date},
            )
            writer.write_record(record)
            record.raw_stream.close()  # the writer may have spooled the payload to a temporary file
    return len(files) * copies


def run_single(warc: Path, tmp: Path, i: int) -> dict:
    out = tmp / f"extract-{i}.jsonl"
    m = _common.run_measured(
        [*_common.walkback_cmd(), "extract", "--format", "jsonl", str(warc)], stdout_path=out
    )
    if m.returncode not in (0, 1):
        raise RuntimeError(f"walkback extract exited {m.returncode}: {m.stderr.strip()[-2000:]}")
    objs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    ok = [o for o in objs if "error" not in o]
    return _figures(m, len(ok), len(objs) - len(ok), sum(len(o["statements"]) for o in ok))


def run_spark(warc: Path, tmp: Path, i: int, master: str, partitions: int | None) -> dict:
    out = tmp / f"spark-{i}"
    cmd = [*_common.walkback_cmd(), "spark-extract", str(warc), "--output", str(out), "--master", master]
    if partitions:
        cmd += ["--partitions", str(partitions)]
    stdout = tmp / f"spark-{i}.txt"
    m = _common.run_measured(cmd, stdout_path=stdout)
    found = _SPARK_LINE.search(stdout.read_text(encoding="utf-8"))
    if m.returncode not in (0, 1) or not found:
        raise RuntimeError(f"walkback spark-extract exited {m.returncode}: {m.stderr.strip()[-2000:]}")
    articles, failed, statements = map(int, found.groups())
    return _figures(m, articles, failed, statements)


def _figures(m: _common.Measured, articles: int, failed: int, statements: int) -> dict:
    return {
        "seconds": round(m.seconds, 2),
        "articles": articles,
        "failed": failed,
        "statements": statements,
        "articles_per_s": round(articles / m.seconds, 3),
        "tree_pss_mb": round(m.tree_pss_mb),
        "tree_rss_mb": round(m.tree_rss_mb),
        "maxrss_mb": round(m.maxrss_mb),
    }


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--warc", type=Path, default=None, help="a WARC archive to use (default: built from --data)"
    )
    ap.add_argument("--data", default=str(_common.POLNEAR_DEV), help="texts to build the archive from")
    ap.add_argument("--copies", type=int, default=1, help="each text this many times (default 1)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each (default 3), interleaved")
    ap.add_argument("--master", default="local[2]", help="Spark master for (b) (default local[2])")
    ap.add_argument("--partitions", type=int, default=None, help="tasks for (b) (default: Spark's)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="spark-bench-") as tmp_name:
        tmp = Path(tmp_name)
        warc = args.warc
        if warc is None:
            warc = tmp / "polnear-dev.warc.gz"
            n = build_warc(_common.text_files(Path(args.data)), warc, args.copies)
            print(f"built {warc.name}: {n} pages, {warc.stat().st_size:,} bytes", file=sys.stderr)
        single: list[dict] = []
        spark: list[dict] = []
        for i in range(args.repeat):
            single.append(run_single(warc, tmp, i))
            print(f"run {i + 1} extract: {single[-1]}", file=sys.stderr)
            spark.append(run_spark(warc, tmp, i, args.master, args.partitions))
            print(f"run {i + 1} spark:   {spark[-1]}", file=sys.stderr)
    same = all(
        (a["articles"], a["failed"], a["statements"]) == (b["articles"], b["failed"], b["statements"])
        for a, b in zip(single, spark, strict=True)
    )
    a_rate, b_rate = _median(single, "articles_per_s"), _median(spark, "articles_per_s")
    print(
        f"input: {single[0]['articles']} articles, {single[0]['statements']} statements; same output: {same}"
    )
    print(
        f"{'':26}{'articles/s':>11}{'seconds':>9}{'tree PSS':>10}{'tree RSS':>10}{'maxrss':>8}"
        f"  (medians of {args.repeat})"
    )
    for name, runs in (("walkback extract", single), (f"spark-extract {args.master}", spark)):
        print(
            f"{name:26}{_median(runs, 'articles_per_s'):>11.2f}{_median(runs, 'seconds'):>9.1f}"
            f"{_median(runs, 'tree_pss_mb'):>7.0f} MB{_median(runs, 'tree_rss_mb'):>7.0f} MB"
            f"{_median(runs, 'maxrss_mb'):>5.0f} MB"
        )
    print(f"spark / extract: {b_rate / a_rate:.2f}x articles/s")
    result = {
        "warc": str(args.warc) if args.warc else f"built from {args.data} x{args.copies}",
        "repeat": args.repeat,
        "master": args.master,
        "same_output": same,
        "extract": {"median_articles_per_s": a_rate, "runs": single},
        "spark": {"median_articles_per_s": b_rate, "runs": spark},
        "ratio": round(b_rate / a_rate, 3),
    }
    print(json.dumps(result))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
