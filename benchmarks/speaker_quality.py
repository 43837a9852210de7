"""Who said it, on real pages of many outlets: the hand-annotated Zyte speaker set (issue 13).

The pages of ``benchmarks/speakers/split.json`` are read from the Zyte benchmark's HTML (as ``walkback
extract`` reads any HTML file) and scored against ``benchmarks/speakers/gold/<id>.json`` with the
GenderGapTracker scorer (``../shared/eval/ggt_score.py``: statement precision/recall/F1 by content
overlap, resolved-name accuracy, pronoun accuracy), plus role accuracy (every word of the gold role
found in the predicted role or affiliation, over matched statements whose gold has a role):

    .venv/bin/python benchmarks/speaker_quality.py [--split tune|heldout|tune_b|heldout_b]
        [--errors] [--role-errors] [--check]

The default split is ``tune``. ``heldout`` and ``heldout_b`` are scored only when tuning stops (see
GUIDE.md), and only when asked for by name. ``tune_b``/``heldout_b`` are the second set (38 further
pages, split in two before annotation). ``--errors`` lists the matched statements whose resolved name
is wrong, for reading; ``--role-errors`` the wrong or missing roles. ``--check`` compares with the
floors in baseline.json of the tune half asked for (``FLOORS``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from pathlib import Path

import _common

HERE = Path(__file__).resolve().parent / "speakers"
ZYTE = _common.SHARED / "data" / "zyte-article-benchmark"


def load_split(name: str) -> list[str]:
    split = json.loads((HERE / "split.json").read_text(encoding="utf-8"))
    return list(split[name])


def load_gold(ids: list[str]) -> dict[str, list[dict]]:
    """GGT-shaped gold: page id -> its statements (pages not annotated yet are left out)."""
    gold = {}
    for pid in ids:
        f = HERE / "gold" / f"{pid}.json"
        if f.exists():
            gold[pid] = json.loads(f.read_text(encoding="utf-8"))["statements"]
    return gold


def extract_pages(ids: list[str], out: Path, tmp: Path) -> None:
    files = []
    for pid in ids:
        page = tmp / f"{pid}.html"
        page.write_bytes(gzip.decompress((ZYTE / "html" / f"{pid}.html.gz").read_bytes()))
        files.append(page)
    _common.run_extract(files, out)


def _pairs(items: list[dict], preds: list[dict], ps) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """The scorer's greedy matching (token F1 of the contents >= 0.5, best pairs first)."""
    scored = sorted(
        (
            (ps.f1(ps.toks(g["content"]), ps.toks((p.get("content") or {}).get("text", ""))), i, j)
            for i, g in enumerate(items)
            for j, p in enumerate(preds)
        ),
        reverse=True,
    )
    ug: set[int] = set()
    up: set[int] = set()
    out = []
    for s, i, j in scored:
        if s < 0.5:
            break
        if i in ug or j in up:
            continue
        ug.add(i)
        up.add(j)
        out.append((i, j))
    return out


def extra_figures(
    gold: dict[str, list[dict]], pred_file: Path, *, errors: bool, role_errors: bool = False
) -> dict:
    ps = _common.scorer_module()
    preds = ps.load_preds(pred_file)
    role_n = role_ok = 0
    wrong: list[str] = []
    for pid, items in gold.items():
        got = preds.get(pid, [])
        for i, j in _pairs(items, got, ps):
            g, p = items[i], got[j]
            spk = p.get("speaker") or {}
            if g.get("role"):
                role_n += 1
                have = set(ps.toks(f"{spk.get('role') or ''} {spk.get('affiliation') or ''}"))
                right = set(ps.toks(g["role"])) - ps.STOP <= have
                role_ok += right
                if role_errors and not right:
                    wrong.append(
                        f"{pid[:12]} role of {g['reference']!r}: gold {g['role']!r} got {spk.get('role')!r}"
                        f" / {spk.get('affiliation')!r} (speaker {spk.get('name')!r})"
                    )
            name = spk.get("name") or ""
            ok = bool((set(ps.toks(name)) - ps.STOP - ps.PRONOUNS) & (set(ps.toks(g["reference"])) - ps.STOP))
            if errors and not ok:
                mention = (spk.get("mention") or {}).get("text")
                wrong.append(
                    f"{pid[:12]} gold {g['reference']!r} (as {g['source']!r}) got {name!r} (as {mention!r}) "
                    f"rule={p.get('rule')} :: {g['content'][:90]!r}"
                )
    if errors or role_errors:
        print("\n".join(wrong), file=sys.stderr)
    return {"role_acc": round(role_ok / role_n, 3) if role_n else 0.0, "role_cases": role_n}


# the floors in baseline.json of each tune half's resolved-name, pronoun and role accuracy (the
# held-out halves have none: they are scored only when tuning stops)
FLOORS = {
    "tune": ("zyte_speakers_name_acc", "zyte_speakers_pronoun_acc", "zyte_speakers_role_acc"),
    "tune_b": ("zyte_speakers_b_name_acc", "zyte_speakers_b_pronoun_acc", "zyte_speakers_b_role_acc"),
}


def speaker_quality(split: str = "tune", *, errors: bool = False, role_errors: bool = False) -> dict:
    ids = load_split(split)
    gold = load_gold(ids)
    if not gold:
        raise FileNotFoundError(f"no annotated pages of the {split!r} split in {HERE / 'gold'}")
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "gold").mkdir()
        (t / "gold" / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
        out = t / "pred.jsonl"
        extract_pages(sorted(gold), out, t)
        result = _common.run_scorer("ggt_score.py", t / "gold", out)
        result.update(extra_figures(gold, out, errors=errors, role_errors=role_errors))
    result["split"] = split
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["tune", "heldout", "tune_b", "heldout_b"], default="tune")
    ap.add_argument("--errors", action="store_true", help="list wrong resolved names on stderr")
    ap.add_argument("--role-errors", action="store_true", help="list wrong or missing roles on stderr")
    ap.add_argument("--check", action="store_true", help="exit 1 when below the floors in baseline.json")
    args = ap.parse_args(argv)
    if args.check and args.split not in FLOORS:
        ap.error(f"--check: the {args.split} split has no floors (only {', '.join(FLOORS)})")
    result = speaker_quality(args.split, errors=args.errors, role_errors=args.role_errors)
    print(json.dumps(result))
    if args.check:
        name, pronoun, role = FLOORS[args.split]
        checks = ((name, "name_acc"), (pronoun, "pronoun_acc"), (role, "role_acc"))
        return _common.check_floors(result, checks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
