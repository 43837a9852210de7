"""Statement extraction quality on the PolNeAR dev split, as the evaluation contract defines it.

Runs ``walkback extract --format jsonl`` over every text of the split in one call, scores the output with
``../shared/eval/polnear_score.py`` and prints the scorer's JSON (plus ``extract_seconds``):

    .venv/bin/python benchmarks/polnear_quality.py [DATA_DIR] [--check]

DATA_DIR defaults to ../shared/data/polnear/dev beside the repository. ``--check`` also compares F1 and
speaker accuracy with the floors in benchmarks/baseline.json and exits 1 when one is below its floor
(``tests/test_quality_gate.py`` runs the same check in CI).
"""

from __future__ import annotations

import argparse
import json
import sys

import _common


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "data", nargs="?", default=str(_common.POLNEAR_DEV), help="PolNeAR split (text/, attributions/)"
    )
    ap.add_argument("--check", action="store_true", help="exit 1 when below the floors in baseline.json")
    args = ap.parse_args(argv)
    result = _common.polnear_quality(_common.Path(args.data))
    print(json.dumps(result))
    if args.check:
        checks = (("polnear_dev_f1", "f1"), ("polnear_dev_speaker_acc", "speaker_acc"))
        return _common.check_floors(result, checks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
