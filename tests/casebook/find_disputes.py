"""List candidate reported-dispute hits in a PolNeAR split (stdlib only; not a test).

Usage (from /work/main):
    python tests/casebook/find_disputes.py ../shared/data/polnear/train [--context N] [--group G]
    python tests/casebook/find_disputes.py ../shared/data/polnear/train --count   # hits per term

Prints one block per hit: text file name, character offset, term group, matched term and the
surrounding context (newlines shown as " / "). The hits are *candidates* only: each one was
read by hand to decide whether it reports one speaker rejecting what another speaker said
(see README.md, section "Dispute casebook"). The companion file is disputes.json.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import find_candidates  # noqa: E402  (the scanner the walk-back casebook uses)

# Dispute vocabulary from the brief (case-insensitive, word-initial).
TERMS = [
    r"den(?:y|ies|ied|ying|ial|ials)\b",
    r"disput\w*",
    r"reject\w*",
    r"refut\w*",
    r"rebut\w*",
    r"dismiss\w*",
    r"(?:not|n[’']t) (?:at all |even remotely |entirely |remotely )?true",
    r"untrue\w*",
    r"false\w*",
    r"li(?:e|es|ed|ar|ars|ing)\b",
    r"lying\b",
    r"fabricat\w*",
    r"nonsense\w*",
    r"baseless\w*",
    r"push(?:ed|es|ing)? back",
    r"contradict\w*",
    r"counter(?:ed|ing|s)?\b",
    r"t(?:ook|akes?|aking) issue",
    r"disagre\w*",
    r"wrong\w*",
    r"ridiculous\w*",
    r"absurd\w*",
    r"smear\w*",
    r"debunk\w*",
    r"categorical\w*",
    r"no truth",
    r"inaccura\w*",
    r"mislead\w*|misled",
]
# Second pass, added after reading the core hits: wordings that real disputes in this corpus
# used and the brief's list missed.
EXTRA_TERMS = [
    r"bogus",
    r"ludicrous",
    r"preposterous",
    r"outrageous",
    r"slander\w*",
    r"libel\w*",
    r"defamat\w*",
    r"(?:utter |complete |total )?garbage",
    r"hoax\w*",
    r"made[- ]up",
    r"mischaracteri[sz]\w*",
    r"distort\w*",
    r"(?:no|without) (?:basis|merit|evidence|foundation)",
    r"groundless",
    r"unfounded",
    r"bull(?:shit|\*+)",
    r"malarkey",
    r"push-?back",
    r"shot back",
    r"fired back",
    r"hit back",
    r"responded",
    r"retort\w*",
    r"(?:never|not) (?:said|happened)",
    r"not (?:accurate|correct|the case)",
    r"(?:is|was|were|are) incorrect",
    r"fact-?check\w*",
    r"(?:pants on fire|pinocchio\w*)",
    r"(?:strongly |flatly |vehemently )?(?:objected|objects) to",
    # third pass: verbs of two kept disputes that no earlier term matched
    r"rubbish\w*",
    r"jab(?:bed|s)? back\b",
]
PATTERN = re.compile(r"\b(?:" + "|".join(TERMS) + r")", re.IGNORECASE)
EXTRA_PATTERN = re.compile(r"\b(?:" + "|".join(EXTRA_TERMS) + r")", re.IGNORECASE)
GROUPS = {"core": PATTERN, "extra": EXTRA_PATTERN}


def iter_hits(split_dir: Path, context: int, groups=("core", "extra")):
    return find_candidates.iter_hits(split_dir, context, groups, table=GROUPS)


def main(argv: list[str] | None = None) -> int:
    ap = find_candidates.arguments(__doc__.splitlines()[0], "dispute")
    ap.add_argument("--term", help="only hits whose matched text matches this regex (case-insensitive)")
    ap.add_argument("--file", help="only text files whose name contains this string")
    ap.add_argument("--count", action="store_true", help="print hit counts per matched word only")
    args = ap.parse_args(argv)
    if not (args.split_dir / "text").is_dir():
        print(f"no text/ directory under {args.split_dir}", file=sys.stderr)
        return 2
    term_re = re.compile(args.term, re.IGNORECASE) if args.term else None
    n = 0
    files = set()
    counts: Counter[str] = Counter()
    groups = ("core", "extra") if args.group == "all" else (args.group,)
    for name, off, group, term, snippet in iter_hits(args.split_dir, args.context, groups):
        if args.file and args.file not in name:
            continue
        if term_re and not term_re.search(term):
            continue
        n += 1
        files.add(name)
        counts[f"{group}:{term.lower()}"] += 1
        if not args.count:
            print(f"== {name} @{off} {group} [{term}]\n{snippet}\n")
    if args.count:
        for key, c in counts.most_common():
            print(f"{c:5d} {key}")
    print(f"# {n} hits in {len(files)} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
