"""List candidate walk-back hits in a PolNeAR split (stdlib only; not a test).

Usage (from /work/main):
    python tests/casebook/find_candidates.py ../shared/data/polnear/train [--context N]

Prints one block per hit: text file name, character offset, matched term and the
surrounding context (newlines shown as " / "). The hits are *candidates* only:
each one was read by hand to decide whether it is a real walk-back (see README.md).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

# Walk-back vocabulary searched for (case-insensitive). Kept deliberately broad:
# the casebook was curated from these hits by reading each in context.
TERMS = [
    r"walk(?:ed|ing|s)? back",
    r"misspo(?:ke|ken)",
    r"backtrack\w*",
    r"revers(?:ed|es|ing) (?:himself|herself|itself|themselves|course)",
    r"retract\w*",
    r"clarif\w*",
    r"corrected",
    r"correction",
    r"t(?:ook|akes?|aking) (?:it |that |those |them )?back",
    r"back(?:ed|ing|s)? (?:away|off)(?: from)?",
    r"regret\w*",
    r"apologi[sz]\w*",
    r"U-turn",
    r"flip-?flop\w*",
    r"soften\w*",
]
# Second and third passes added after reading the first hits (the brief's list missed e.g.
# "recanted", "sarcastic", "backpedaled", "poor choice of words", "partial reversal"):
# apology / disavowal / recasting vocabulary that also reports walk-backs.
EXTRA_TERMS = [
    r"recant\w*",
    r"disavow\w*",
    r"distanc(?:ed|es|ing) (?:himself|herself|itself|themselves)",
    r"rescind\w*",
    r"(?:didn[’']t|did not|doesn[’']t|does not) mean",
    r"sarcas\w*",
    r"never said",
    r"misstat\w*",
    r"misquot\w*",
    r"out of context",
    r"(?:was|were|just) joking|kidding",
    r"mea culpa",
    r"sorry",
    r"(?:made|was) a mistake",
    r"chang(?:ed|es|ing) (?:his|her|their|its) (?:mind|tune)",
    r"misinterpret\w*|misunderst\w*",
    # third pass (phrases that surfaced three more real walk-backs)
    r"backpedal\w*|back-pedal\w*",
    r"choice of words",
    r"(?:partial |apparent |dramatic )?reversals?",
    r"about-face",
]
PATTERN = re.compile(r"\b(?:" + "|".join(TERMS) + r")", re.IGNORECASE)
EXTRA_PATTERN = re.compile(r"\b(?:" + "|".join(EXTRA_TERMS) + r")", re.IGNORECASE)


def iter_hits(split_dir: Path, context: int, groups=("core", "extra"), table=None):
    """(file, offset, group, matched words, context) of every hit of the ``groups``' patterns (``table``:
    group -> pattern; the walk-back terms by default)."""
    text_dir = split_dir / "text"
    table = table or {"core": PATTERN, "extra": EXTRA_PATTERN}
    patterns = [(g, table[g]) for g in groups]
    for path in sorted(text_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for group, pattern in patterns:
            for m in pattern.finditer(text):
                lo, hi = max(0, m.start() - context), min(len(text), m.end() + context)
                snippet = text[lo : m.start()] + "[[" + m.group(0) + "]]" + text[m.end() : hi]
                snippet = snippet.replace("\n", " / ")
                yield path.name, m.start(), group, m.group(0), snippet


def arguments(description: str, terms: str) -> argparse.ArgumentParser:
    """The scanners' shared command line: a split directory, context width, term group."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument(
        "split_dir", type=Path, help="PolNeAR split directory holding text/ (e.g. .../polnear/train)"
    )
    ap.add_argument(
        "--context", type=int, default=300, help="characters of context on each side (default 300)"
    )
    ap.add_argument(
        "--group",
        choices=["core", "extra", "all"],
        default="all",
        help=f"core = the brief's {terms} terms, extra = second-pass terms (default: all)",
    )
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = arguments(__doc__.splitlines()[0], "walk-back")
    args = ap.parse_args(argv)
    if not (args.split_dir / "text").is_dir():
        print(f"no text/ directory under {args.split_dir}", file=sys.stderr)
        return 2
    n = 0
    files = set()
    groups = ("core", "extra") if args.group == "all" else (args.group,)
    for name, off, group, term, snippet in iter_hits(args.split_dir, args.context, groups):
        n += 1
        files.add(name)
        print(f"== {name} @{off} {group} [{term}]\n{snippet}\n")
    print(f"# {n} hits in {len(files)} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
