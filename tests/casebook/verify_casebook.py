"""Check walkbacks.json against the PolNeAR text files (stdlib only; not a test module).

Usage (from /work/main):
    python tests/casebook/verify_casebook.py ../shared/data/polnear/train

Checks that every case names an existing text file, that `walked_back`, `walkback`, `cue`,
`other_cues`, `walked_back_context` and `correcting_statement` are exact substrings of that file
(curly quotes, apostrophes and non-breaking spaces included), that the recorded `*_offset`
values point at them, and that the phrases are 3-12 words long. Exit status 0 when all pass.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PHRASES = ("walked_back", "walkback", "walked_back_context", "correcting_statement")


def check(split_dir: Path, casebook: Path) -> list[str]:
    data = json.loads(casebook.read_text(encoding="utf-8"))
    problems: list[str] = []
    for n, case in enumerate(data["cases"]):
        where = f"case {n} ({case.get('file')})"
        if case.get("kind") not in ("walkback", "negative"):
            problems.append(f"{where}: bad kind {case.get('kind')!r}")
        path = split_dir / "text" / case["file"]
        if not path.is_file():
            problems.append(f"{where}: text file missing")
            continue
        text = path.read_text(encoding="utf-8")
        if case["kind"] == "walkback" and not case.get("walked_back"):
            problems.append(f"{where}: walkback case without walked_back")
        for field in PHRASES:
            phrase = case.get(field)
            if phrase is None:
                continue
            if phrase not in text:
                problems.append(f"{where}: {field} not in text: {phrase!r}")
                continue
            off = case.get(field + "_offset")
            if off is not None and text[off : off + len(phrase)] != phrase:
                problems.append(f"{where}: {field}_offset {off} does not point at the phrase")
            if field in ("walked_back", "walkback") and not 3 <= len(phrase.split()) <= 12:
                problems.append(f"{where}: {field} is not 3-12 words: {phrase!r}")
        for cue in [case.get("cue")] + list(case.get("other_cues", [])):
            if not cue or cue not in text:
                problems.append(f"{where}: cue not in text: {cue!r}")
    for item in data.get("excluded_borderline", []):
        if not (split_dir / "text" / item["file"]).is_file():
            problems.append(f"excluded file missing: {item['file']}")
    return problems


def run(argv: list[str] | None, doc: str | None, check, casebook: Path) -> int:  # type: ignore[no-untyped-def]
    """A verifier's command line: ``SPLIT_DIR`` in, one problem a line out, exit 1 when any."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print(doc)
        return 2
    problems = check(Path(argv[0]), casebook)
    for p in problems:
        print(p)
    print(f"{'OK' if not problems else 'FAILED'}: {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    return run(argv, __doc__, check, HERE / "walkbacks.json")


if __name__ == "__main__":
    sys.exit(main())
