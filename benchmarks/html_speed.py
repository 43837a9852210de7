"""How fast the HTML reader reads, side by side with another walkback's (today's, before a change).

Reads the 181 Zyte pages (decoded beforehand, so decoding is not timed) with walkback's HTML reader
in a fresh process per run, once per source tree and round, the trees interleaved so that a busy
machine slows them alike; prints each run's pages/s and the median per tree, and with ``--ingest``
also times a whole ``walkback ingest`` of the pages as HTML files (statements, linking, a new
SQLite database), the trees interleaved the same way.

    .venv/bin/python benchmarks/html_speed.py [--rounds 3] [--ingest] [OTHER_SRC ...]

OTHER_SRC is a walkback source tree (its ``src`` folder), e.g. one exported from git:
``git archive 77a784b src | tar -x -C /tmp/before``, then ``/tmp/before/src``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
ZYTE = (HERE.parent / ".." / "shared" / "data" / "zyte-article-benchmark").resolve()

CHILD = """
import json, sys, time
from walkback.ingest.html import read_html
from walkback.ingest.readers import Document
from walkback.errors import WalkbackError
pages = json.load(open(sys.argv[1], encoding="utf-8"))
started = time.perf_counter()
for key, (url, text) in pages.items():
    try:
        doc = Document(text=text, source=key, url=url, content_type="text/html")
        read_html(doc, published=None, outlet=None)
    except WalkbackError:
        pass
print(len(pages) / (time.perf_counter() - started))
"""


def _env(src: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(src)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("others", nargs="*", type=Path, help="other walkback source trees (src folders)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--ingest", action="store_true", help="also time `walkback ingest` of the pages")
    args = parser.parse_args(argv)
    trees = [SRC, *args.others]
    truth = json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))
    sys.path.insert(0, str(SRC))
    from walkback.ingest.fetch import decode_page

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pages = {}
        for key in sorted(truth):
            raw = gzip.decompress((ZYTE / "html" / f"{key}.html.gz").read_bytes())
            pages[key] = (truth[key]["url"], decode_page(raw, "text/html"))
            (work / f"{key}.html").write_bytes(raw)
        (work / "pages.json").write_text(json.dumps(pages), encoding="utf-8")
        speeds: dict[Path, list[float]] = {t: [] for t in trees}
        ingest: dict[Path, list[float]] = {t: [] for t in trees}
        for r in range(args.rounds):
            for tree in trees:
                out = subprocess.run([sys.executable, "-c", CHILD, str(work / "pages.json")], env=_env(tree),
                                     capture_output=True, text=True, check=True)  # fmt: skip
                speeds[tree].append(float(out.stdout.strip().splitlines()[-1]))
                print(f"round {r + 1}: {tree}: reader {speeds[tree][-1]:.1f} pages/s", flush=True)
                if args.ingest:
                    db = work / f"ingest-{r}-{trees.index(tree)}.db"
                    started = time.perf_counter()
                    files = sorted(map(str, work.glob("*.html")))
                    command = [
                        sys.executable,
                        "-m",
                        "walkback.cli",
                        "ingest",
                        "--db",
                        str(db),
                        "--quiet",
                        *files,
                    ]
                    subprocess.run(command, env=_env(tree), capture_output=True, text=True, check=False)
                    ingest[tree].append(len(pages) / (time.perf_counter() - started))
                    print(f"round {r + 1}: {tree}: ingest {ingest[tree][-1]:.2f} pages/s", flush=True)
        for tree in trees:
            line = f"{tree}: reader median {statistics.median(speeds[tree]):.1f} pages/s"
            if args.ingest:
                line += f", ingest median {statistics.median(ingest[tree]):.2f} pages/s"
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
