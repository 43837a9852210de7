"""The judged set of flags (issue 12): build the corpora's databases, list the flags still to judge,
and score precision by type and threshold against the verdicts in ``judged.jsonl``.

    .venv/bin/python benchmarks/flags/flags.py build dev|zyte|train [--workdir DIR] [--relink]
    .venv/bin/python benchmarks/flags/flags.py pending [--set S ...] [--heldout] > to-judge.jsonl
    .venv/bin/python benchmarks/flags/flags.py score [--set S ...] [--heldout] [--json]
    .venv/bin/python benchmarks/flags/flags.py calibrate [--set S ...] [--also EARLIER_WORKDIR ...]

``calibrate`` writes ``src/walkback/link/calibration.json`` (judged precision by rule) from the
tuning sets' judged flags and prints, for each type, the lowest confidence at which the judged flags
are at least 90% true (the default ``flag_threshold``); relink the databases afterwards.

The sets (see README.md beside this file):

* ``dev``: the seed article among the 84 PolNeAR dev articles, each ingested with its date;
* ``zyte``: the seed among the 181 pages of the Zyte benchmark (unrelated stories of many outlets);
* ``train``: the 832 PolNeAR train articles with their dates; its flags are sampled (a flag is in the
  sample when a hash of its two articles falls under ``TRAIN_RATE``), and the flags whose later
  statement lies in a held-out quarter of the train articles are left out of ``pending`` and ``score``
  unless ``--heldout`` is given (scored only when tuning stops).

A flag is matched to a verdict by its type, the files of its two statements and their contents (token F1
of each side >= 0.8), so a verdict survives small changes of a statement's span. Every flag is listed,
at any confidence: ``score`` prints precision at each threshold.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from _common import POLNEAR_DEV, SEED_ARTICLE, SHARED, text_files  # noqa: E402
from _links import POLNEAR, ingest_dated  # noqa: E402

JUDGED = HERE / "judged.jsonl"
ZYTE = SHARED / "data" / "zyte-article-benchmark"
SETS = ("dev", "zyte", "train")
TRAIN_RATE = 0.6  # share of train flags in the judged sample
HELDOUT_RATE = 0.25  # share of train articles held out
THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
_TOKEN = re.compile(r"[a-z0-9]+")


def _bucket(text: str) -> float:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF


def heldout_file(name: str) -> bool:
    """Whether a train article is in the held-out quarter (by a hash of its file name)."""
    return _bucket("heldout:" + name) < HELDOUT_RATE


def in_train_sample(flag: dict) -> bool:
    to = flag["to"]["file"] if flag.get("to") else ""
    return _bucket(f"sample:{flag['type']}:{flag['from']['file']}:{to}") < TRAIN_RATE


def default_workdir() -> Path:
    return Path(os.environ.get("WALKBACK_FLAGS_DIR") or Path(tempfile.gettempdir()) / "walkback-flags")


# -- building the databases -----------------------------------------------------------------------


def corpus_files(name: str, workdir: Path) -> list[Path]:
    if name == "dev":
        return [*text_files(POLNEAR_DEV), SEED_ARTICLE]
    if name == "train":
        return text_files(POLNEAR / "train")
    if name == "zyte":
        pages = workdir / "zyte-pages"
        pages.mkdir(parents=True, exist_ok=True)
        for gz in sorted((ZYTE / "html").glob("*.html.gz")):
            out = pages / gz.name[: -len(".gz")]
            if not out.exists():
                out.write_bytes(gzip.decompress(gz.read_bytes()))
        return [*sorted(pages.glob("*.html")), SEED_ARTICLE]
    raise ValueError(f"unknown set {name!r}; known: {', '.join(SETS)}")


def open_store(name: str, workdir: Path):  # type: ignore[no-untyped-def]
    from walkback.store import Store

    return Store.open(workdir / f"{name}.db")


def build(name: str, workdir: Path, *, relink: bool = False) -> None:
    from walkback.link import link_store
    from walkback.settings import load_settings

    workdir.mkdir(parents=True, exist_ok=True)
    store = open_store(name, workdir)
    try:
        if not relink:
            files = corpus_files(name, workdir)
            try:
                ingest_dated(store, files)
            except Exception as e:  # a page that stops the batch (a bug): ingest the rest one by one
                print(
                    f"flags: batch stopped ({type(e).__name__}: {e}); ingesting one by one", file=sys.stderr
                )
                for f in files:
                    try:
                        ingest_dated(store, [f])
                    except Exception as e1:
                        print(f"flags: {f.name}: {type(e1).__name__}: {e1}", file=sys.stderr)
        summary = link_store(store, load_settings(), rebuild=relink)
        print(summary.line(), file=sys.stderr)
    finally:
        store.close()


# -- the flags ------------------------------------------------------------------------------------


def _side(store, linked) -> dict:  # type: ignore[no-untyped-def]
    st = linked.statement
    art = store.article(st.article_id)
    return {
        "file": Path((art.source if art else "") or "").name,
        "start": st.content.start,
        "end": st.content.end,
        "text": st.content.text,
        "speaker": linked.speaker_name or st.speaker.name,
        "said_on": st.said_on.value,
        "sentence": st.sentence.text if st.sentence else None,
    }


def flags_of(name: str, workdir: Path) -> list[dict]:
    store = open_store(name, workdir)
    try:
        out = []
        for r in store.relations():
            if r.type not in {"contradicts", "walkback"}:
                continue
            flag = {
                "set": name,
                "type": r.type,
                "from": _side(store, r.source),
                "to": _side(store, r.target) if r.target is not None else None,
                "basis": r.basis,
                "rule": getattr(r, "rule", None),
                "target_text": getattr(r, "target_text", None),
                "evidence": list(r.evidence),
                "confidence": r.confidence,
                "score": getattr(r, "score", None),
            }
            out.append(flag)
        return out
    finally:
        store.close()


def selected(flags: Iterable[dict], *, heldout: bool) -> list[dict]:
    """The flags judged for a set: all of dev and zyte; on train, the sample of the tuning articles (or,
    with ``heldout``, of the held-out ones)."""
    out = []
    for f in flags:
        if f["set"] == "train":
            if not in_train_sample(f) or heldout_file(f["from"]["file"]) != heldout:
                continue
        elif heldout:
            continue
        out.append(f)
    return out


def _tokens(text: str | None) -> list[str]:
    return _TOKEN.findall((text or "").lower())


def _f1(a: str | None, b: str | None) -> float:
    from collections import Counter

    ta, tb = Counter(_tokens(a)), Counter(_tokens(b))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(tb.values()), common / sum(ta.values())
    return 2 * p * r / (p + r)


def _same_side(a: dict | None, b: dict | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a["file"] == b["file"] and _f1(a["text"], b["text"]) >= 0.8


def load_verdicts(path: Path = JUDGED) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _key(flag: dict) -> tuple:
    """A flag as its words: the same flag raised in two sets (the seed's) is one."""
    to = flag.get("to") or {}
    return (flag["type"], flag["from"]["file"], " ".join(_tokens(flag["from"]["text"])), to.get("file"),
            " ".join(_tokens(to.get("text"))), flag.get("target_text"))  # fmt: skip


def verdict_of(flag: dict, verdicts: list[dict]) -> dict | None:
    for v in verdicts:
        if (
            v["set"] == flag["set"]
            and v["type"] == flag["type"]
            and _same_side(v["from"], flag["from"])
            and _same_side(v.get("to"), flag.get("to"))
        ):
            return v
    return None


def score(flags: list[dict], verdicts: list[dict]) -> dict:
    """Precision by type and threshold (``true`` counts; ``wrong_pairing`` and ``false`` do not), and
    how many flags have no verdict yet."""
    out: dict = {}
    for typ in ("contradicts", "walkback"):
        mine = [f for f in flags if f["type"] == typ]
        rows = {}
        for t in THRESHOLDS:
            at = [f for f in mine if f["confidence"] >= t]
            judged = [(f, verdict_of(f, verdicts)) for f in at]
            known = [v for _, v in judged if v is not None]
            true = sum(v["verdict"] == "true" for v in known)
            rows[f">={t:.1f}"] = {
                "flags": len(at),
                "judged": len(known),
                "true": true,
                "wrong_pairing": sum(v["verdict"] == "wrong_pairing" for v in known),
                "false": sum(v["verdict"] == "false" for v in known),
                "precision": round(true / len(known), 3) if known else None,
            }
        out[typ] = rows
    by_set: dict[str, int] = {}
    for f in flags:
        by_set[f["set"]] = by_set.get(f["set"], 0) + 1
    out["flags_by_set"] = by_set
    out["unjudged"] = sum(verdict_of(f, verdicts) is None for f in flags)
    return out


CALIBRATION = HERE.parents[1] / "src" / "walkback" / "link" / "calibration.json"
TARGET_PRECISION = 0.9


def judged_once(pairs: Iterable[tuple[dict, dict | None]]) -> list[tuple[dict, dict]]:
    """The (flag, verdict) pairs calibration counts: judged flags with a rule, each flag once (the
    seed's are in two sets)."""
    out, seen = [], set()
    for f, v in pairs:
        if v is None or not f.get("rule") or _key(f) in seen:
            continue
        seen.add(_key(f))
        out.append((f, v))
    return out


def _raw(flag: dict) -> float:
    """The rule's own score of a flag (its confidence before calibration)."""
    return flag["score"] if flag.get("score") is not None else flag["confidence"]


def _precise(oks: list[bool]) -> bool:
    return bool(oks) and sum(oks) / len(oks) >= TARGET_PRECISION


def calibration_table(judged: list[tuple[dict, dict]]) -> dict:
    """Judged counts by rule family, rule and rule with the band of its score; priors by type and
    basis (the table :mod:`walkback.link.calibration` reads)."""
    from walkback.link.calibration import band, family

    keys: dict[str, dict[str, int]] = {}
    basis: dict[str, dict[str, int]] = {}

    def count(table: dict, key: str, true: bool) -> None:
        c = table.setdefault(key, {"judged": 0, "true": 0})
        c["judged"] += 1
        c["true"] += int(true)

    for f, v in judged:
        true, rule = v["verdict"] == "true", f["rule"]
        for key in (family(rule), rule, f"{rule}@{band(_raw(f))}"):
            count(keys, f"{f['type']}/{key}", true)
        count(basis, f"{f['type']}/{f['basis']}", true)
    priors = {k: round((c["true"] + 1) / (c["judged"] + 2), 3) for k, c in basis.items()}
    return {
        "about": "Judged flags by rule (benchmarks/flags/judged.jsonl, tuning sets only), written by "
        "benchmarks/flags/flags.py calibrate; read by walkback.link.calibration.",
        "keys": dict(sorted(keys.items())),
        "priors": dict(sorted(priors.items())),
    }


def threshold(judged: list[tuple[dict, dict]], table: dict) -> dict:
    """For each type, the lowest calibrated confidence at which the judged flags at or above it are
    at least TARGET_PRECISION true (and how many there are); and the lowest at which both types are
    (``flag_threshold``: one setting serves both lists)."""
    from walkback.link.calibration import confidence

    rows = {
        typ: [
            (confidence(typ, f["basis"], f["rule"], _raw(f), table), v["verdict"] == "true")
            for f, v in judged
            if f["type"] == typ
        ]
        for typ in ("contradicts", "walkback")
    }

    def above(typ: str, t: float) -> list[bool]:
        return [ok for c, ok in rows[typ] if c >= t]

    out: dict = {}
    for typ, mine in rows.items():
        t = next((t for t in sorted({c for c, _ in mine}) if _precise(above(typ, t))), None)
        oks = above(typ, t) if t is not None else []
        precision = round(sum(oks) / len(oks), 3) if oks else None
        out[typ] = {"threshold": t, "flags": len(oks), "precision": precision, "judged": len(mine)}
    every = sorted({c for mine in rows.values() for c, _ in mine})
    both = next((t for t in every if all(_precise(above(typ, t)) for typ in rows)), None)
    if both is not None:
        for typ in rows:
            oks = above(typ, both)
            out[typ]["at_flag_threshold"] = {"flags": len(oks), "true": sum(oks)}
    out["flag_threshold"] = both
    return out


def _all_flags(sets: list[str], workdir: Path) -> list[dict]:
    out = []
    for s in sets:
        if not (workdir / f"{s}.db").exists():
            print(
                f"flags: no database for {s!r} in {workdir}: run `flags.py build {s}` first", file=sys.stderr
            )
            continue
        out.extend(flags_of(s, workdir))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="ingest and link one set into WORKDIR/SET.db")
    b.add_argument("set", choices=SETS)
    b.add_argument("--relink", action="store_true", help="keep the statements, link them again")
    for name in ("pending", "score", "calibrate"):
        p = sub.add_parser(name)
        p.add_argument("--set", action="append", choices=SETS, help="default: every set built")
        p.add_argument(
            "--heldout", action="store_true", help="the held-out train flags (only when tuning stops)"
        )
        p.add_argument("--json", action="store_true")
    sub.choices["calibrate"].add_argument(
        "--also", type=Path, action="append", default=[],
        help="a workdir of an earlier linker: its judged flags whose verdicts the current ones do not "
        "meet count too (each verdict once)",
    )  # fmt: skip
    for p in sub.choices.values():
        p.add_argument("--workdir", type=Path, default=default_workdir())
    args = ap.parse_args(argv)
    if args.command == "build":
        build(args.set, args.workdir, relink=args.relink)
        return 0
    flags = selected(_all_flags(args.set or list(SETS), args.workdir), heldout=args.heldout)
    verdicts = load_verdicts()
    if args.command == "calibrate":
        pairs = [(f, verdict_of(f, verdicts)) for f in flags]
        used = {id(v) for _, v in pairs if v is not None}
        for extra in args.also:
            for f in selected(_all_flags(args.set or list(SETS), extra), heldout=args.heldout):
                v = verdict_of(f, verdicts)
                if v is not None and id(v) not in used:
                    used.add(id(v))
                    pairs.append((f, v))
        judged = judged_once(pairs)
        table = calibration_table(judged)
        CALIBRATION.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
        print(json.dumps(threshold(judged, table), indent=1))
        return 0
    if args.command == "pending":
        for f in flags:
            if verdict_of(f, verdicts) is None:
                print(json.dumps(f, ensure_ascii=False))
        return 0
    result = score(flags, verdicts)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for typ in ("contradicts", "walkback"):
            print(f"{typ}:")
            for t, row in result[typ].items():
                print(f"  confidence {t}: {row}")
        print(f"flags by set: {result['flags_by_set']}; unjudged: {result['unjudged']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
