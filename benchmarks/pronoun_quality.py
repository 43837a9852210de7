"""Who "he", "she", "they" and "it" are, on PolNeAR train articles nothing was tuned on (issue 13).

The gold (``benchmarks/speakers/pronouns/gold.jsonl``) is every attribution of 50 PolNeAR train articles
whose source the PolNeAR annotators marked as a pronoun, resolved by reading the article (rules in
``benchmarks/speakers/pronouns/GUIDE.md``). The articles were sampled and split before annotation
(``split.json``: ``tune`` may be read and tuned on; ``heldout`` is scored once, when tuning stops). A
second set of 40 other articles, ``tune2`` and ``heldout2``, was built the same way later (GUIDE.md).

``walkback extract --format jsonl`` runs over the split's texts; a gold case is *found* when a statement's
speaker mention overlaps the gold pronoun's characters, and *right* when that statement's resolved
speaker name shares a content word with the gold reference (the GGT scorer's rule). A generic pronoun
(gold reference ``null``: "they say") is right when walkback leaves it unresolved. Printed: found/cases,
accuracy over found cases, and the share left unresolved (printed as written) among the wrong ones:

    .venv/bin/python benchmarks/pronoun_quality.py [--split SPLIT] [--errors] [--check]

SPLIT is tune (the default), heldout, tune2, heldout2, tune3 or heldout3.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import _common

HERE = Path(__file__).resolve().parent / "speakers" / "pronouns"
TEXTS = _common.SHARED / "data" / "polnear" / "train" / "text"


def load(split: str) -> list[dict]:
    names = set(json.loads((HERE / "split.json").read_text(encoding="utf-8"))[split])
    rows = [json.loads(line) for line in (HERE / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    return [r for r in rows if r["article"] in names]


def _to_file(raw: str, body: str) -> list[int]:
    """For each character of walkback's body, its offset in the file (-1 where the body has no
    counterpart): the body drops the headline line and normalises breaks and spaces."""
    where = [-1] * (len(body) + 1)
    for a, b, size in difflib.SequenceMatcher(None, raw, body, autojunk=False).get_matching_blocks():
        for k in range(size):
            where[b + k] = a + k
    return where


def _mentions(pred_file: Path) -> dict[str, list[tuple[int, int, dict]]]:
    """Article stem -> (mention start, end in the file's characters, statement) of every predicted
    statement with a speaker mention."""
    out: dict[str, list[tuple[int, int, dict]]] = {}
    for line in pred_file.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        path = Path(rec.get("path") or "")
        body = (rec.get("article") or {}).get("text") or ""
        where = _to_file(path.read_text(encoding="utf-8"), body)
        for st in rec.get("statements") or []:
            m = (st.get("speaker") or {}).get("mention") or {}
            if m.get("start") is not None and where[m["start"]] >= 0:
                start = where[m["start"]]
                out.setdefault(path.stem, []).append((start, start + m["end"] - m["start"], st))
    return out


def score(rows: list[dict], pred_file: Path, *, errors: bool = False) -> dict:
    ps = _common.scorer_module()
    mentions = _mentions(pred_file)
    n = found = right = unresolved = 0
    by_pronoun: Counter[str] = Counter()
    by_pronoun_ok: Counter[str] = Counter()
    wrong = []
    for g in rows:
        n += 1
        hits = [
            st for s, e, st in mentions.get(g["article"], []) if s < g["source_end"] and g["source_start"] < e
        ]
        if not hits:
            continue
        found += 1
        spk = hits[0].get("speaker") or {}
        name = spk.get("name") or ""
        words = set(ps.toks(name)) - ps.STOP - ps.PRONOUNS
        if g["reference"] is None:
            ok = not words or fold(name) == fold(g["pronoun"])
        else:
            ok = bool(words & (set(ps.toks(g["reference"])) - ps.STOP))
        p = g["pronoun"].lower()
        by_pronoun[p] += 1
        by_pronoun_ok[p] += ok
        right += ok
        if not ok:
            unresolved += not words
            if errors:
                wrong.append(
                    f"{g['article'][:40]} @{g['source_start']} {g['pronoun']!r} gold {g['reference']!r} "
                    f"got {name!r} rule={hits[0].get('rule')} :: {(g.get('content') or '')[:80]!r}"
                )
    if errors:
        print("\n".join(wrong), file=sys.stderr)
    return {
        "cases": n,
        "found": found,
        "pronoun_acc": round(right / found, 3) if found else 0.0,
        "wrong_left_unresolved": unresolved,
        "by_pronoun": {p: f"{by_pronoun_ok[p]}/{by_pronoun[p]}" for p in sorted(by_pronoun)},
    }


def fold(text: str) -> str:
    return " ".join(text.lower().split())


def pronoun_quality(split: str = "tune", *, errors: bool = False) -> dict:
    rows = load(split)
    files = sorted({TEXTS / f"{r['article']}.txt" for r in rows})
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "pred.jsonl"
        _common.run_extract(files, out)
        result = score(rows, out, errors=errors)
    result["split"] = split
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--split", choices=["tune", "heldout", "tune2", "heldout2", "tune3", "heldout3"], default="tune"
    )
    ap.add_argument("--errors", action="store_true", help="list wrong resolutions on stderr")
    ap.add_argument("--check", action="store_true", help="exit 1 when below the floor in baseline.json")
    args = ap.parse_args(argv)
    result = pronoun_quality(args.split, errors=args.errors)
    print(json.dumps(result))
    if args.check:
        return _common.check_floors(result, (("polnear_train_pronoun_acc", "pronoun_acc"),))
    return 0


if __name__ == "__main__":
    sys.exit(main())
