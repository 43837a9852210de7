"""The largest claims of a database, for judging whether each holds one proposition (issue 12).

    .venv/bin/python benchmarks/flags/claims.py dump [--workdir DIR] [--set train] [--top 30] > claims.jsonl
    .venv/bin/python benchmarks/flags/claims.py score [--workdir DIR] [--set train] [--top 30]

``dump`` writes each claim with its statements (speaker, date said, words, article file). Verdicts live
in ``claims-judged.jsonl`` beside this file: ``{"set", "summary", "members": [[file, text], ...],
"verdict": "one" | "mixed", "reason"}``; ``score`` matches the current largest claims to verdicts (the
same members, by file and words, for at least 80% of them) and prints how many hold one proposition.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from flags import default_workdir, open_store  # noqa: E402

JUDGED = HERE / "claims-judged.jsonl"


def largest(name: str, workdir: Path, top: int) -> list[dict]:
    store = open_store(name, workdir)
    try:
        out = []
        for claim in store.claims(limit=top, min_statements=2):
            members = []
            for ls in store.claim_timeline(claim.id):
                art = store.article(ls.statement.article_id)
                members.append(
                    {
                        "file": Path((art.source if art else "") or "").name,
                        "speaker": ls.speaker_name or ls.statement.speaker.name,
                        "said_on": ls.statement.said_on.value,
                        "stance": ls.stance,
                        "text": ls.statement.content.text,
                    }
                )
            out.append({"set": name, "claim": claim.id, "summary": claim.summary, "members": members})
        return out
    finally:
        store.close()


def _key(members: list) -> set[tuple[str, str]]:
    return {
        (
            m["file"] if isinstance(m, dict) else m[0],
            " ".join((m["text"] if isinstance(m, dict) else m[1]).split()),
        )
        for m in members
    }


def verdict_of(claim: dict, verdicts: list[dict]) -> dict | None:
    mine = _key(claim["members"])
    for v in verdicts:
        theirs = _key(v["members"])
        if v["set"] == claim["set"] and len(mine & theirs) >= 0.8 * max(len(mine), len(theirs)):
            return v
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["dump", "score"])
    ap.add_argument("--set", default="train")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--workdir", type=Path, default=default_workdir())
    args = ap.parse_args(argv)
    claims = largest(args.set, args.workdir, args.top)
    if args.command == "dump":
        for c in claims:
            print(json.dumps(c, ensure_ascii=False))
        return 0
    verdicts = (
        [json.loads(x) for x in JUDGED.read_text(encoding="utf-8").splitlines() if x.strip()]
        if JUDGED.exists()
        else []
    )
    found = [verdict_of(c, verdicts) for c in claims]
    one = sum(v is not None and v["verdict"] == "one" for v in found)
    judged = sum(v is not None for v in found)
    print(
        json.dumps(
            {
                "claims": len(claims),
                "judged": judged,
                "one_proposition": one,
                "unjudged": len(claims) - judged,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
