"""Statement, speaker-name and pronoun quality on the GenderGapTracker dev split (42 texts).

Each text is extracted by ``walkback extract --format jsonl`` with its own ``--published`` date and
``--outlet`` from metadata.tsv, then scored with ``../shared/eval/ggt_score.py``; prints the scorer's JSON
(plus ``extract_seconds``):

    .venv/bin/python benchmarks/ggt_quality.py [DATA_DIR] [--subprocess [--jobs N]] [--check]

Every text has its own (date, outlet), so by default the same CLI command runs in this process through
click's test runner, loading spaCy once; ``--subprocess`` runs one real ``walkback`` process per text
instead, N at a time (about 2 s more per text). ``--check`` compares F1, name and pronoun accuracy with
the floors in benchmarks/baseline.json and exits 1 when one is below.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import _common


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "data", nargs="?", default=str(_common.GGT_DEV), help="GGT split (text/, gold.json, metadata.tsv)"
    )
    ap.add_argument("--subprocess", action="store_true", help="one walkback process per (date, outlet)")
    ap.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="processes at a time with --subprocess"
    )
    ap.add_argument("--check", action="store_true", help="exit 1 when below the floors in baseline.json")
    args = ap.parse_args(argv)
    mode = "subprocess" if args.subprocess else "inprocess"
    result = _common.ggt_quality(_common.Path(args.data), mode=mode, jobs=args.jobs)
    print(json.dumps(result))
    if args.check:
        checks = (("ggt_f1", "f1"), ("ggt_name_acc", "name_acc"), ("ggt_pronoun_acc", "pronoun_acc"))
        return _common.check_floors(result, checks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
