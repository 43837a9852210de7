"""Check disputes.json against the PolNeAR text files (stdlib only; not a test module).

Usage (from /work/main):
    python tests/casebook/verify_disputes.py ../shared/data/polnear/train

For every case it checks that the text file exists, that `rebuttal`, `cue` and `target` are exact
substrings of that file (curly quotes, NYT doubled apostrophes and non-breaking spaces included),
that `rebuttal_offset`, `cue_offset` and `target_offset` point at them, that `rebuttal` is 3-20
words and `target` 3-15 words, that the labels are well formed (kind, confidence, target_quoted),
that any `occurrences` offsets point at the phrase, that no file holds more than 3 cases, that
`counts` agrees with the cases, and that the annotator files named in `annotations` and the
files in `excluded_borderline` exist. Exit status 0 when all pass.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import verify_casebook  # noqa: E402  (the walk-back casebook's verifier: its command line)

HERE = Path(__file__).resolve().parent
KINDS = ("dispute", "negative")
CONFIDENCE = ("high", "medium")
WORDS = {"rebuttal": (3, 20), "target": (3, 15)}
MAX_PER_FILE = 3


def check_phrase(text: str, case: dict, field: str, where: str, problems: list[str]) -> None:
    phrase = case.get(field)
    off = case.get(field + "_offset")
    if phrase is None:
        if off is not None:
            problems.append(f"{where}: {field} is null but {field}_offset is {off!r}")
        return
    if not isinstance(phrase, str) or not phrase:
        problems.append(f"{where}: {field} is not a non-empty string")
        return
    if phrase not in text:
        problems.append(f"{where}: {field} not in text: {phrase!r}")
        return
    if not isinstance(off, int):
        problems.append(f"{where}: {field}_offset missing or not an int")
    elif text[off : off + len(phrase)] != phrase:
        problems.append(f"{where}: {field}_offset {off} does not point at the phrase")
    if field in WORDS:
        lo, hi = WORDS[field]
        n = len(phrase.split())
        if not lo <= n <= hi:
            problems.append(f"{where}: {field} is {n} words, not {lo}-{hi}: {phrase!r}")
    for extra in case.get("occurrences", {}).get(field, []):
        if text[extra : extra + len(phrase)] != phrase:
            problems.append(f"{where}: occurrences[{field}] offset {extra} does not point at the phrase")


def check(split_dir: Path, casebook: Path) -> list[str]:
    data = json.loads(casebook.read_text(encoding="utf-8"))
    problems: list[str] = []
    if data.get("split") != "train":
        problems.append(f"split is {data.get('split')!r}, expected 'train'")
    per_file: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    ann_dir = split_dir / "attributions"
    for n, case in enumerate(data["cases"]):
        where = f"case {n} ({case.get('file')})"
        kind = case.get("kind")
        if kind not in KINDS:
            problems.append(f"{where}: bad kind {kind!r}")
        kinds[kind] += 1
        per_file[case.get("file")] += 1
        if case.get("confidence") not in CONFIDENCE:
            problems.append(f"{where}: bad confidence {case.get('confidence')!r}")
        if not case.get("rebutter"):
            problems.append(f"{where}: rebutter missing")
        if not case.get("note"):
            problems.append(f"{where}: note missing")
        path = split_dir / "text" / case["file"]
        if not path.is_file():
            problems.append(f"{where}: text file missing")
            continue
        text = path.read_text(encoding="utf-8")
        for field in ("rebuttal", "cue", "target"):
            check_phrase(text, case, field, where, problems)
        if case.get("rebuttal") is None or case.get("cue") is None:
            problems.append(f"{where}: rebuttal and cue are required")
        tq = case.get("target_quoted")
        if kind == "dispute":
            if not case.get("target"):
                problems.append(f"{where}: dispute without target")
            if not isinstance(tq, bool):
                problems.append(f"{where}: dispute needs target_quoted true/false, got {tq!r}")
        elif case.get("target") is None and tq is not None:
            problems.append(f"{where}: target is null but target_quoted is {tq!r}")
        elif case.get("target") is not None and not isinstance(tq, bool):
            problems.append(f"{where}: target given but target_quoted is {tq!r}")
        for ann in case.get("annotations", {}).get("annotator_files", []):
            if not (ann_dir / ann).is_file():
                problems.append(f"{where}: annotator file missing: {ann}")
    for name, k in per_file.items():
        if k > MAX_PER_FILE:
            problems.append(f"{name}: {k} cases (at most {MAX_PER_FILE} per file)")
    counts = data.get("counts", {})
    for kind in KINDS:
        if counts.get(kind) != kinds[kind]:
            problems.append(f"counts[{kind!r}] is {counts.get(kind)!r}, the cases hold {kinds[kind]}")
    if "files" in counts and counts["files"] != len(per_file):
        problems.append(f"counts['files'] is {counts['files']!r}, the cases use {len(per_file)} files")
    excluded = data.get("excluded_borderline", [])
    if "excluded_borderline" in counts and counts["excluded_borderline"] != len(excluded):
        problems.append("counts['excluded_borderline'] does not match the list")
    for item in excluded:
        if not (split_dir / "text" / item["file"]).is_file():
            problems.append(f"excluded file missing: {item['file']}")
        if not item.get("reason"):
            problems.append(f"excluded {item['file']}: reason missing")
    return problems


def main(argv: list[str] | None = None) -> int:
    return verify_casebook.run(argv, __doc__, check, HERE / "disputes.json")


if __name__ == "__main__":
    sys.exit(main())
