"""A mark's round trip through the commands: mark a flag, link everything again, ingest a new version
of the article, export — the mark is still on the flag, and comes out in the judged set."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import no_traceback, walkback

from .conftest import SEED, copy_db


def _run(*args: object, cwd: Path) -> str:
    r = walkback(*args, cwd=cwd)
    assert r.returncode == 0, r.stderr
    no_traceback(r)
    return r.stdout


def _flags(db: Path, kind: str, cwd: Path, *extra: str) -> list[dict]:  # type: ignore[type-arg]
    return json.loads(_run(kind, "--db", db, "-f", "json", "--min-confidence", "0", *extra, cwd=cwd))  # type: ignore[no-any-return]


def test_a_mark_survives_relinking_and_a_new_version(web_db: Path, tmp_path: Path) -> None:
    db = copy_db(web_db, tmp_path / "desk.db")
    (wb,) = _flags(db, "walkbacks", tmp_path)
    patel = next(
        c
        for c in _flags(db, "contradictions", tmp_path)
        if "pre-notification" in c["from"]["content"]["text"]
    )
    _run("review", wb["id"], "confirmed", "--by", "Ann Editor", "--note", "Kirby took it back", "--db", db,
         cwd=tmp_path)  # fmt: skip
    _run("review", patel["id"], "dismissed", "--by", "Bo", "--note", "answers another claim",
         "--wrong-pairing", "--db", db, cwd=tmp_path)  # fmt: skip
    assert patel["id"] not in [c["id"] for c in _flags(db, "contradictions", tmp_path)]  # dismissed: hidden
    # link again from scratch, then ingest a new version of the article (a paragraph added)
    _run("link", "--rebuild", "-q", "--db", db, cwd=tmp_path)
    changed = tmp_path / SEED.name
    text = SEED.read_text(encoding="utf-8")
    before = "  “Iraq, like every country"
    assert before in text
    added = f"  The Pentagon declined to comment further on the timeline.\n \n{before}"
    changed.write_text(text.replace(before, added, 1), encoding="utf-8")
    out = _run("ingest", changed, "--db", db, cwd=tmp_path)
    assert "1 new version" in out, out
    (again,) = _flags(db, "walkbacks", tmp_path)
    assert again["review"]["state"] == "confirmed" and again["review"]["reviewer"] == "Ann Editor"
    assert again["key"] == wb["key"]
    dismissed = _flags(db, "contradictions", tmp_path, "--review", "dismissed")
    assert [d["key"] for d in dismissed] == [patel["key"]]
    assert dismissed[0]["review"]["verdict"] == "wrong_pairing"
    # the exports carry the marks
    md = _run("export", "--db", db, "--format", "markdown", cwd=tmp_path)
    assert "**Review:** confirmed by Ann Editor" in md and "Kirby took it back" in md
    judged = [
        json.loads(x) for x in _run("export", "--db", db, "--format", "judged", cwd=tmp_path).splitlines()
    ]
    by_verdict = {j["verdict"]: j for j in judged}
    assert set(by_verdict) == {"true", "wrong_pairing"}
    bo = by_verdict["wrong_pairing"]
    assert bo["type"] == "contradicts" and bo["reason"] == "answers another claim" and bo["judged_by"] == "Bo"
    assert bo["from"]["file"] == SEED.name and "pre-notification" in bo["from"]["text"]
    assert bo["to"]["text"].startswith("the US “did inform")
    assert {"set", "type", "from", "to", "target_text", "verdict", "reason", "judged_on", "linker"} <= set(bo)
    only = _run(
        "export", "--db", db, "--format", "judged", "--review", "dismissed", cwd=tmp_path
    ).splitlines()
    assert [json.loads(x)["verdict"] for x in only] == ["wrong_pairing"]


def test_review_refuses_what_it_cannot_mark(web_db: Path, tmp_path: Path) -> None:
    db = copy_db(web_db, tmp_path / "desk.db")
    r = walkback("review", "99999", "confirmed", "--by", "Ann", "--db", db, cwd=tmp_path)
    assert r.returncode == 1 and "no walk-back or contradiction 99999" in r.stderr
    no_traceback(r)
    r = walkback("review", "1", "confirmed", "--by", "Ann", "--wrong-pairing", "--db", db, cwd=tmp_path)
    assert r.returncode == 2 and "--wrong-pairing" in r.stderr
