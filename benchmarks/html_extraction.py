"""How well and how fast the HTML reader reads article pages: the Zyte article-extraction benchmark.

Runs walkback's HTML reader over the benchmark's 181 pages, and trafilatura (2.x, its defaults) beside
it on the same pages, and prints for both: the body's word F1 (the benchmark's metric: 4-word
shingles, per-page precision and recall averaged over pages, F1 of the averages), and against the
hand-written truth in ``benchmarks/metadata/`` (its README gives the rules): headline accuracy,
byline F1, outlet accuracy (exact / accepted) and the sites given more than one outlet name; and the
language found, on all 181 pages.

Figures are on the pages to tune on (151 for bodies, 90 for metadata); ``--held-out`` adds the 30
held-out pages, which are scored only to report, never to tune.

    .venv/bin/python benchmarks/html_extraction.py [DATA_DIR] [--held-out] [--worst K] [--misses] [--json]

DATA_DIR defaults to ../shared/data/zyte-article-benchmark beside the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _html as H  # noqa: E402  (benchmarks/ is no package: its helpers are loaded by path)


def _row(label: str, values: list[str]) -> str:
    return f"{label:<44}" + "".join(f"{v:>20}" for v in values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=H.ZYTE)
    parser.add_argument("--held-out", action="store_true", help="also score the 30 held-out pages")
    parser.add_argument("--worst", type=int, default=0, help="the K tuning pages with the lowest body F1")
    parser.add_argument("--misses", action="store_true", help="walkback's metadata misses, tuning pages")
    parser.add_argument("--no-reference", action="store_true", help="run walkback only, not trafilatura")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)

    if not (args.data / "ground-truth.json").exists():
        print(f"no benchmark data at {args.data}", file=sys.stderr)
        return 2
    truth = H.load_truth()
    pages = H.load_pages(args.data)
    runs = [H.run_walkback(pages)]
    if not args.no_reference:
        runs.append(H.run_trafilatura(pages))
    figures = {run.name: H.evaluate(pages, truth, run, held_out=args.held_out) for run in runs}
    if args.json:
        print(json.dumps(figures, indent=1, sort_keys=True))
        return 0

    parts = H.splits(pages, truth)
    names = [run.name for run in runs]
    sites = len({H.site(p.url) for p in pages.values()})
    print(
        f"Zyte article benchmark: {len(pages)} pages of {sites} sites; body tuned on {len(parts['tune'])}, "
        f"metadata on {len(parts['meta-tune'])} hand-annotated pages; {len(parts['held-out'])} held out"
    )
    print(_row("", names))
    scopes = [("tune", "body_tune", "meta_tune", len(parts["tune"]), len(parts["meta-tune"]))]
    if args.held_out:
        scopes.append(
            (
                "held-out",
                "body_held_out",
                "meta_held_out",
                len(parts["held-out"]),
                len(parts["meta-held-out"]),
            )
        )
    f = figures
    print(
        _row(
            f"body P / R / F1, all {len(pages)} pages",
            [
                f"{f[n]['body_all']['precision']:.3f}/{f[n]['body_all']['recall']:.3f}/{f[n]['body_all']['f1']:.3f}"
                for n in names
            ],
        )
    )
    for scope, body, meta, nb, nm in scopes:
        print(_row(f"body F1, {scope} ({nb})", [f"{f[n][body]['f1']:.3f}" for n in names]))
        print(_row(f"headline accuracy, {scope} ({nm})", [f"{f[n][meta]['headline']:.3f}" for n in names]))
        print(_row(f"byline F1, {scope} ({nm})", [f"{f[n][meta]['byline_f1']:.3f}" for n in names]))
        print(
            _row(
                f"outlet exact / accepted, {scope} ({nm})",
                [f"{f[n][meta]['outlet_exact']:.3f}/{f[n][meta]['outlet_accepted']:.3f}" for n in names],
            )
        )
    print(_row(f"language accuracy, all {len(pages)}", [f"{f[n]['language_all']:.3f}" for n in names]))
    print(
        _row(
            f"sites with several outlet names (of {sites})",
            [str(len(f[n]["outlet_sites_with_several_names"])) for n in names],
        )
    )
    print(_row("pages with no article found", [str(f[n]["failures"]) for n in names]))
    print(_row("speed, pages/s (one process, after decoding)", [f"{f[n]['pages_per_s']:.1f}" for n in names]))

    walkback = runs[0]
    for name, several in f["walkback"]["outlet_sites_with_several_names"].items():
        print(f"  walkback outlet names of {name}: {several}")
    if args.worst:
        worst = sorted((H.page_f1(pages[k].body, walkback.pages[k].text), k) for k in parts["tune"])
        for score, key in worst[: args.worst]:
            print(f"  {score:.3f}  {key[:12]}  {pages[key].url}")
    if args.misses:
        for key, what, want, got in H.misses(pages, truth, walkback, parts["meta-tune"]):
            print(f"  {key[:10]} {what:<8} want {want!r}\n  {'':10} {'':<8}  got {got!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
