"""A `walkback ingest` killed with SIGKILL mid-run loses nothing it committed, and a re-run finishes
the rest without duplicating anything. Real processes, a real SQLite file."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "examples" / "cnn-lite-2024-02-05-us-did-not-notify-iraq.txt"
COMMAND = [str(Path(sys.executable).with_name("walkback"))]
N = 48


def _count(db: Path, table: str) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("WALKBACK_")}


def test_killed_ingest_keeps_what_it_committed_and_resumes_without_duplicates(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(N):  # N different articles (distinct URLs), each with the seed's statements
        (folder / f"a{i:02d}.txt").write_text(text.replace("index.html", f"index{i}.html"), encoding="utf-8")
    db = tmp_path / "kill.db"

    proc = subprocess.Popen(
        [*COMMAND, "ingest", str(folder), "--db", str(db), "--quiet"],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while _count(db, "articles") < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be killed; make the input larger"
    os.killpg(proc.pid, signal.SIGKILL)  # the CLI and its worker processes
    proc.wait(timeout=30)

    kept = _count(db, "articles")
    assert 2 <= kept < N
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    per_article = conn.execute("SELECT count(*) FROM statements GROUP BY article_id").fetchall()
    conn.close()
    assert len({c for (c,) in per_article}) == 1, f"a half-saved article: {per_article}"

    again = subprocess.run(
        [*COMMAND, "ingest", str(folder), "--db", str(db)],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0, again.stderr
    assert f"{N - kept} new, {kept} unchanged" in again.stdout, again.stdout
    assert _count(db, "articles") == N
    assert _count(db, "statements") == N * per_article[0][0]
    rows = json.loads(
        subprocess.run(
            [*COMMAND, "statements", "--db", str(db), "--format", "json", "--limit", "100000"],
            env=_env(),
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
    )
    assert len(rows) == len({r["id"] for r in rows}) == N * per_article[0][0]
