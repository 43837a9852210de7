"""Claims, contradictions and walk-backs: the seed, the casebook of real walk-backs, false flags on dev.

Prints, side by side:

* the seed alone: is S4 (Kirby, Friday) in one claim with S1, S2, S13 at the opposite stance; do S2
  and S13 contradict S4; is S5 -> S4 the one walk-back, with its evidence;
* the seed among the 84 PolNeAR dev articles: the same checks, and every walk-back flagged (each is
  printed, to be judged: on dev, any flag but Kirby's is a candidate false flag);
* the casebook (``tests/casebook/walkbacks.json``, real walk-backs reported in PolNeAR train
  articles): recall of the walk-back (right speaker, right earlier statement) and flags on negatives;
* the dispute casebook (``tests/casebook/disputes.json``, real disputes reported in PolNeAR train
  articles): recall with the right rebutter and the right words disputed (and whose), and the
  look-alikes flagged.

Usage: ``python benchmarks/link_quality.py [--no-dev] [--no-casebook] [--json]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

from _common import POLNEAR_DEV, REPO, SEED_ARTICLE, SEED_EXPECTED, text_files
from _links import POLNEAR, ingest_dated
from rapidfuzz import fuzz

from walkback.link import link_store
from walkback.settings import load_settings
from walkback.store import Store

CASEBOOK = REPO / "tests" / "casebook" / "walkbacks.json"


def _find(store: Store, phrase: str, speaker: str | list[str] | None = None) -> int | None:
    """The pk of the stored statement whose content holds ``phrase`` (by that speaker, when given)."""
    names = [speaker] if isinstance(speaker, str) else (speaker or [])
    for row in store.statements(search=f'"{phrase}"') or store.statements():
        st = row.statement
        if phrase.casefold() not in st.content.text.casefold():
            continue
        who = " ".join(filter(None, [st.speaker.name, st.speaker.mention.text if st.speaker.mention else ""]))
        if names and not any(n.casefold() in who.casefold() for n in names):
            continue
        pk = store._query(
            "SELECT pk FROM statements WHERE article_id = ? AND version = ? AND id = ?",
            (row.article_id, row.version, st.id),
        )
        return int(pk[0][0])
    return None


def seed_checks(store: Store) -> dict:
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    refs = {s["ref"]: _find(store, s["phrase"], s["speaker"]) for s in expected["statements"]}
    links = store.linked_statements([pk for pk in refs.values() if pk is not None])
    out: dict = {"statements_found": sum(pk is not None for pk in refs.values()), "of": len(refs)}
    claims_ok = 0
    for c in expected["claims"]:
        aff = [links.get(refs[r]) for r in c["affirm"]]
        den = [links.get(refs[r]) for r in c["deny"]]
        members = [x for x in aff + den if x is not None]
        same = len({x.claim_id for x in members}) == 1 and len(members) == len(aff) + len(den)
        stances = all(x and x.stance == "affirms" for x in aff) and all(
            x and x.stance == "denies" for x in den
        )
        members_of = {
            r: (links[refs[r]].claim_id, links[refs[r]].stance) if refs[r] in links else None
            for r in c["affirm"] + c["deny"]
        }
        out[f"claim: {c['about']}"] = {"one claim": same, "stances right": stances, "members": members_of}
        claims_ok += same and stances
    rels = store.relations()
    found = {(r.type, r.source.pk, r.target.pk if r.target else None): r for r in rels}
    rel_ok = 0
    for want in expected["relations"]:
        key = (want["type"], refs.get(want["from"]), refs.get(want["to"]))
        r = found.get(key)
        ok = r is not None
        if ok and want.get("evidence_any"):
            ok = any(e in " ".join(r.evidence) for e in want["evidence_any"])  # type: ignore[union-attr]
        rel_ok += ok
        out[f"{want['type']} {want['from']} -> {want['to']}"] = ok
    walkbacks = [r for r in rels if r.type == "walkback"]
    out["claims right"] = f"{claims_ok}/{len(expected['claims'])}"
    out["relations right"] = f"{rel_ok}/{len(expected['relations'])}"
    out["walk-backs flagged"] = [
        f"{r.speaker_name}: {_earlier_words(r)[:70]!r} ({r.basis}, {r.confidence:.2f})" for r in walkbacks
    ]
    out["contradictions"] = sum(r.type == "contradicts" for r in rels)
    return out


def _earlier_words(r) -> str:  # type: ignore[no-untyped-def]
    """The words a relation answers: its target statement's, else the report's words for them."""
    return r.target.statement.content.text if r.target is not None else (r.target_text or "")


def _plain(text: str) -> str:
    """Words only, case-folded: ``''contained''`` in one text and ``contained`` in the other agree."""
    return " ".join(re.sub(r"[^\w\s]", " ", text).casefold().split())


def _fresh(tmp: Path, name: str) -> Store:
    return Store.open(tmp / f"{name}.db")


def _rates(found: int, flagged: int, positives: int, cases: int) -> dict:
    """A casebook's recall on its positives and the share of its look-alikes flagged."""
    negatives = cases - positives
    return {
        "recall": f"{found}/{positives} = {found / max(1, positives):.2f}",
        "recall_value": round(found / max(1, positives), 3),
        "negatives flagged": f"{flagged}/{negatives}",
        "negatives_flagged_value": round(flagged / max(1, negatives), 3),
    }


def casebook(tmp: Path) -> dict:
    book = json.loads(CASEBOOK.read_text(encoding="utf-8"))
    cases = book["cases"]
    files = sorted({POLNEAR / "train" / "text" / c["file"] for c in cases})
    store = _fresh(tmp, "casebook")
    ingest_dated(store, files)
    link_store(store, load_settings())
    walkbacks = store.relations("walkback")
    by_file: dict[str, list] = {}
    for r in walkbacks:
        src = Path(store.article(r.source.statement.article_id).source or "").name  # type: ignore[union-attr]
        by_file.setdefault(src, []).append(r)
    hits, misses, neg_flags = [], [], []
    for c in cases:
        flagged = by_file.get(c["file"], [])
        who = re.sub(r"\(.*?\)", "", c["speaker"]).strip()  # "Democratic party officials (Nevada …)"
        mine = [r for r in flagged if fuzz.token_set_ratio(who, r.speaker_name or "") >= 80]
        if c["kind"] == "walkback":
            phrase = _plain(c.get("walked_back") or "")
            # the earlier statement found: its content holds (most of) the phrase the casebook quotes
            ok = any(phrase and fuzz.partial_ratio(phrase, _plain(_earlier_words(r))) >= 80 for r in mine)
            (hits if ok else misses).append(f"{c['file']}: {c['speaker']} / {c.get('walked_back')!r}"
                                            + ("" if ok else f" (flagged: {len(mine)})"))  # fmt: skip
        elif mine:
            neg_flags.append(f"{c['file']}: {c['speaker']} ({c.get('note', '')[:60]})")
    return {
        **_rates(len(hits), len(neg_flags), sum(c["kind"] == "walkback" for c in cases), len(cases)),
        "walk-backs flagged in these articles": len(walkbacks),
        "found": hits,
        "missed": misses,
        "negatives wrongly flagged": neg_flags,
    }


DISPUTES = REPO / "tests" / "casebook" / "disputes.json"


def _names(who: str | None) -> list[str]:
    """``the Trump campaign (Corey Lewandowski, Donald Trump)`` -> the name and the names in brackets."""
    if not who:
        return []
    inside = re.findall(r"\((.*?)\)", who)
    out = [re.sub(r"\(.*?\)", "", who).strip()]
    for part in inside:
        out += [p.strip() for p in part.split(",") if p.strip()]
    return [o for o in out if o]


def _same_speaker(want: str | None, got: str | None) -> bool:
    got = got or ""
    return any(
        fuzz.token_set_ratio(n, got) >= 80
        or (n.split() and n.split()[-1].casefold() in got.casefold().split())
        for n in _names(want)
    )


def _window(st) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    span = st.sentence or st.content
    return min(span.start, st.content.start), max(span.end, st.content.end)


def _stored_offset(raw: str, stored: str, offset: int) -> int:
    """Where the character at ``offset`` of a PolNeAR file (the casebook's offsets) stands in the
    article as stored: the reader drops the title line and may tidy spaces, so the offsets move."""
    for width in (40, 20, 10):
        snippet = raw[offset : offset + width]
        if not snippet.strip():
            continue
        found = [m.start() for m in re.finditer(re.escape(snippet), stored)]
        if found:
            shift = len(raw) - len(stored)
            return min(found, key=lambda i: abs(i - (offset - shift)))
    return offset - (len(raw) - len(stored))


def dispute_casebook(tmp: Path) -> dict:
    """Recall of the reported disputes of ``tests/casebook/disputes.json`` (right rebutter, right
    words disputed and whose), and the look-alikes flagged."""
    cases = json.loads(DISPUTES.read_text(encoding="utf-8"))["cases"]
    files = sorted({POLNEAR / "train" / "text" / c["file"] for c in cases})
    store = _fresh(tmp, "disputes")
    ingest_dated(store, files)
    link_store(store, load_settings())
    by_file: dict[str, list] = {}
    for r in store.relations("contradicts"):
        src = Path(store.article(r.source.statement.article_id).source or "").name  # type: ignore[union-attr]
        by_file.setdefault(src, []).append(r)
    texts = {
        Path(a.source or "").name: a.text
        for a in (store.article(x.id) for x in store.articles())
        if a is not None
    }
    raws: dict[str, str] = {}  # each PolNeAR file read once, though several cases share it
    hits, misses, partial, neg_flags = [], [], [], []
    for c in cases:
        stored = texts.get(c["file"], "")
        raw = raws.get(c["file"]) or raws.setdefault(
            c["file"], (POLNEAR / "train" / "text" / c["file"]).read_text(encoding="utf-8")
        )
        at = [_stored_offset(raw, stored, o) for o in (c["cue_offset"], c["rebuttal_offset"])]
        mine = [
            r
            for r in by_file.get(c["file"], [])
            if any(_window(r.source.statement)[0] <= o < _window(r.source.statement)[1] for o in at)
            or any(fuzz.partial_ratio(c["rebuttal"].casefold(), e.casefold()) >= 85 for e in r.evidence[1:2])
        ]
        label = f"{c['file']}: {c['rebutter']} / {c['cue']!r}"
        if c["kind"] == "negative":
            if mine:
                neg_flags.append(label)
            continue
        right = []
        for r in mine:
            who = r.speaker_name or r.source.speaker_name or r.source.statement.speaker.name
            if not _same_speaker(c["rebutter"], who):
                continue
            target = c["target"].casefold()
            words = _earlier_words(r)
            whose = (
                (r.target.speaker_name or r.target.statement.speaker.name) if r.target else r.target_speaker
            )
            if fuzz.partial_ratio(target, words.casefold()) >= 80 and (
                not c.get("target_speaker") or r.target is None or _same_speaker(c["target_speaker"], whose)
            ):
                right.append(r)
        if right:
            hits.append(label)
        elif mine:
            partial.append(label + f" (flagged {len(mine)}, not the right pair)")
        else:
            misses.append(label)
    return {
        **_rates(len(hits), len(neg_flags), sum(c["kind"] == "dispute" for c in cases), len(cases)),
        "found": hits,
        "flagged, wrong pair or speaker": partial,
        "missed": misses,
        "negatives wrongly flagged": neg_flags,
    }


def seed_among_dev(tmp: Path) -> dict:
    store = _fresh(tmp, "dev")
    ingest_dated(store, [*text_files(POLNEAR_DEV), SEED_ARTICLE])
    link_store(store, load_settings())
    out = seed_checks(store)
    out["claims with 2+ statements"] = len(store.claims(min_statements=2))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-dev", action="store_true")
    ap.add_argument("--no-casebook", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    report: dict = {}
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        store = _fresh(tmp, "seed")
        ingest_dated(store, [SEED_ARTICLE], {})
        link_store(store, load_settings())
        report["seed alone"] = seed_checks(store)
        if not args.no_dev:
            report["seed among the 84 PolNeAR dev articles"] = seed_among_dev(tmp)
        if not args.no_casebook and CASEBOOK.exists():
            report["casebook (PolNeAR train)"] = casebook(tmp)
        if not args.no_casebook and DISPUTES.exists():
            report["dispute casebook (PolNeAR train)"] = dispute_casebook(tmp)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for section, values in report.items():
            print(f"== {section}")
            for k, v in values.items():
                if isinstance(v, list):
                    print(f"  {k}: {len(v)}")
                    for x in v:
                        print(f"    - {x}")
                else:
                    print(f"  {k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
