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


def _ingest_until(folder: Path, db: Path, stored: int, *extra: str, stderr: int) -> subprocess.Popen[bytes]:
    """Write N different articles (distinct URLs, each with the seed's statements) into ``folder``,
    start ``walkback ingest`` on them in a session of its own, and return once ``stored`` are stored."""
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(N):
        (folder / f"a{i:02d}.txt").write_text(text.replace("index.html", f"index{i}.html"), encoding="utf-8")
    proc = subprocess.Popen(
        [*COMMAND, "ingest", str(folder), "--db", str(db), "--quiet", *extra],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while _count(db, "articles") < stored and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be killed; make the input larger"
    return proc


def test_killed_ingest_keeps_what_it_committed_and_resumes_without_duplicates(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    db = tmp_path / "kill.db"
    proc = _ingest_until(folder, db, 2, stderr=subprocess.DEVNULL)
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


def _session(sid: int) -> list[int]:
    """The live (not zombie) processes of session ``sid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _nice(pid: int) -> int:
    return int((Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[16])


def test_workers_end_with_a_killed_ingest(tmp_path: Path) -> None:
    """Issue 14: after a kill -9 of the ingest alone (not its process group), its worker processes
    lived on for seconds and printed BrokenPipeError tracebacks."""
    if not Path("/proc/self/stat").exists():
        import pytest

        pytest.skip("needs /proc to find the worker processes")
    folder = tmp_path / "in"
    config = tmp_path / "two.toml"
    config.write_text("[extract]\nn_process = 2\n", encoding="utf-8")
    proc = _ingest_until(folder, tmp_path / "kill.db", 1, "--config", str(config), stderr=subprocess.PIPE)
    workers = [p for p in _session(proc.pid) if p != proc.pid]
    assert len(workers) == 2, workers
    # the ingest and its workers run at least at worker_nice (10), so a server on the machine comes
    # first; the workers no nicer than the ingest (it used to add 10 to the ingest's own)
    assert _nice(proc.pid) >= 10
    assert {_nice(p) for p in workers} == {_nice(proc.pid)}
    os.kill(proc.pid, signal.SIGKILL)  # the CLI alone
    proc.wait(timeout=30)
    killed = time.monotonic()
    while _session(proc.pid) and time.monotonic() - killed < 10:
        time.sleep(0.05)
    ended = time.monotonic() - killed
    assert _session(proc.pid) == [], "worker processes outlived the ingest by 10 s"
    assert ended < 2.0, f"the workers ended {ended:.1f} s after the ingest"
    assert proc.stderr is not None
    with proc.stderr:
        err = proc.stderr.read().decode("utf-8", "replace")  # every writer (the workers) has closed it
    assert "Traceback" not in err and "BrokenPipeError" not in err, err


def test_a_killed_worker_ends_the_ingest_with_one_line_not_a_hang(tmp_path: Path) -> None:
    """A worker killed mid-batch (by the system, out of memory) took its batch with it, and the
    ingest waited for that batch for ever. It must end with one line and a non-zero exit, keep what it
    stored, and a re-run must finish the rest without duplicates."""
    if not Path("/proc/self/stat").exists():
        import pytest

        pytest.skip("needs /proc to find the worker processes")
    folder = tmp_path / "in"
    db = tmp_path / "w.db"
    config = tmp_path / "two.toml"
    config.write_text("[extract]\nn_process = 2\n", encoding="utf-8")
    proc = _ingest_until(folder, db, 1, "--config", str(config), stderr=subprocess.PIPE)
    workers = [p for p in _session(proc.pid) if p != proc.pid]
    assert workers, "no worker processes"
    os.kill(workers[0], signal.SIGKILL)
    try:
        code = proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise AssertionError("the ingest hung after one of its workers was killed") from None
    assert proc.stderr is not None
    with proc.stderr:
        err = proc.stderr.read().decode("utf-8", "replace")
    if code == 0:  # the killed worker had finished its last batch: nothing was lost, nothing to say
        assert _count(db, "articles") == N
    else:
        assert code == 3, (code, err)
        lines = [x for x in err.splitlines() if x.strip()]
        assert len(lines) == 1 and "worker process died" in lines[0], err
        assert "Traceback" not in err
    assert _session(proc.pid) == [], "worker processes outlived the ingest"
    stored = _count(db, "articles")
    assert stored >= 1
    again = subprocess.run(
        [*COMMAND, "ingest", str(folder), "--db", str(db), "--quiet", "--config", str(config)],
        env=_env(),
        capture_output=True,
        timeout=300,
    )
    assert again.returncode == 0, again.stderr.decode()
    assert _count(db, "articles") == N


def test_an_ingest_whose_workers_were_replaced_ends(tmp_path: Path) -> None:
    """A worker that replaces a recycled one is forked by the pool's own thread. When workers ended
    with the thread that forked them (PR_SET_PDEATHSIG), closing the pool killed them while one held
    the task queue's lock, and the ingest never returned (the Zyte flags build hung at its end)."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(12):
        (folder / f"a{i:02d}.txt").write_text(text.replace("index.html", f"index{i}.html"), encoding="utf-8")
    config = tmp_path / "recycle.toml"
    config.write_text("[extract]\nn_process = 2\nbatch_size = 1\nworker_max_batches = 1\n", encoding="utf-8")
    for run in range(3):  # the race is lost often, not always
        db = tmp_path / f"r{run}.db"
        done = subprocess.run(
            [*COMMAND, "ingest", str(folder), "--db", str(db), "--quiet", "--config", str(config)],
            env=_env(),
            capture_output=True,
            text=True,
            timeout=240,
        )
        assert done.returncode == 0, done.stderr
        assert _count(db, "articles") == 12
