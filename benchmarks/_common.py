"""Helpers shared by the benchmark scripts and by ``tests/test_quality_gate.py``.

Not a package: scripts and tests load this file by path (see :func:`load`-style ``importlib`` code in
the callers), so ``benchmarks/`` needs no ``__init__.py`` and nothing here is installed.

What lives here:

- where things are: the repository, the shared folder beside it (``../shared``), the scorers;
- running walkback the way the evaluation contract says (``walkback extract --format jsonl``) and
  scoring its output with the shared scorers, which print one JSON object;
- measuring a child process: wall time, and peak memory (see :func:`run_measured`).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
EVAL = SHARED / "eval"
POLNEAR_DEV = SHARED / "data" / "polnear" / "dev"
GGT_DEV = SHARED / "data" / "ggt-dev"
SEED_EXPECTED = SHARED / "seed" / "expected.json"
SEED_ARTICLE = REPO / "examples" / "cnn-lite-2024-02-05-us-did-not-notify-iraq.txt"
BASELINE = REPO / "benchmarks" / "baseline.json"


def walkback_cmd() -> list[str]:
    """The ``walkback`` command of the interpreter running us (the venv's), else the one on PATH."""
    beside = Path(sys.executable).with_name("walkback")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("walkback")
    if found:
        return [found]
    return [sys.executable, "-m", "walkback.cli"]


def text_files(data_dir: Path) -> list[Path]:
    """The article texts of a split: ``DIR/text/*.txt`` if there is such a folder, else ``DIR/*.txt``."""
    data_dir = Path(data_dir)
    folder = data_dir / "text" if (data_dir / "text").is_dir() else data_dir
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"no .txt files in {folder}")
    return files


def word_count(files: Sequence[Path]) -> int:
    """Words as the benchmarks count them: ``len(text.split())`` summed over the input files."""
    return sum(len(Path(f).read_text(encoding="utf-8", errors="replace").split()) for f in files)


def load_baseline(path: Path = BASELINE) -> dict:
    return json.loads(Path(path).read_text())


# -- running walkback and the scorers -------------------------------------------------------------


def check_floors(result: dict, checks: Sequence[tuple[str, str]]) -> int:
    """``--check`` of a quality script: each (floor in baseline.json, figure of ``result``) compared,
    a line on stderr, and 1 when a figure is below its floor."""
    floors = load_baseline()["floors"]
    low = [f"{k} {result[m]} < {floors[k]}" for k, m in checks if result[m] < floors[k]]
    print("below the floor: " + "; ".join(low) if low else "at or above the floors", file=sys.stderr)
    return 1 if low else 0


def run_extract(files: Sequence[Path | str], out: Path, *, extra: Sequence[str] = ()) -> None:
    """``walkback extract --format jsonl [extra] FILES > out``; raise with stderr if it fails outright.

    Exit status 1 (some inputs failed) is accepted: the failed inputs are in the output as error lines
    and score as misses, which is what the gate should see.
    """
    with open(out, "w", encoding="utf-8") as fh:
        proc = subprocess.run(
            [*walkback_cmd(), "extract", "--format", "jsonl", *extra, *map(str, files)],
            stdout=fh,
            stderr=subprocess.PIPE,
            text=True,
        )
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"walkback extract exited {proc.returncode}: {proc.stderr.strip()[-2000:]}")


def scorer_module():  # type: ignore[no-untyped-def]
    """The shared scorers' tokenizer and F1 (``polnear_score``, as ``ggt_score.py`` uses them)."""
    if str(EVAL) not in sys.path:
        sys.path.insert(0, str(EVAL))
    import polnear_score

    return polnear_score


def run_scorer(script: str, *args: Path | str) -> dict:
    """Run ``EVAL/script args...`` and return the JSON object it prints (its last line)."""
    proc = subprocess.run(
        [sys.executable, str(EVAL / script), *map(str, args)], capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{script} exited {proc.returncode}: {proc.stderr.strip()[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def polnear_quality(data_dir: Path = POLNEAR_DEV, workdir: Path | None = None) -> dict:
    """Extract every PolNeAR text in one ``walkback extract`` call and score it with polnear_score.py."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(workdir or tmp) / "polnear.jsonl"
        t0 = time.perf_counter()
        run_extract(text_files(data_dir), out)
        seconds = time.perf_counter() - t0
        result = run_scorer("polnear_score.py", data_dir, out)
    result["extract_seconds"] = round(seconds, 1)
    return result


def ggt_groups(data_dir: Path = GGT_DEV) -> dict[tuple[str, str], list[Path]]:
    """The GGT texts grouped by (date, outlet) from ``metadata.tsv``, so each gets its own metadata."""
    data_dir = Path(data_dir)
    groups: dict[tuple[str, str], list[Path]] = {}
    with open(data_dir / "metadata.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            path = data_dir / "text" / f"{row['id']}.txt"
            if path.exists():
                groups.setdefault((row["date"], row["outlet"]), []).append(path)
    listed = {p for ps in groups.values() for p in ps}
    unlisted = [p for p in text_files(data_dir) if p not in listed]
    if unlisted:  # no metadata: extracted without --published/--outlet rather than silently dropped
        groups[("", "")] = unlisted
    return groups


def _group_args(date: str, outlet: str) -> list[str]:
    return [*(["--published", date] if date else []), *(["--outlet", outlet] if outlet else [])]


def ggt_extract(data_dir: Path, out: Path, *, mode: str = "inprocess", jobs: int = 2) -> None:
    """Write ``walkback extract --format jsonl`` output for every GGT text, each with its own
    ``--published`` date and ``--outlet`` from metadata.tsv.

    The 42 texts have 42 distinct (date, outlet) pairs, and a fresh ``walkback`` process spends about
    2 s loading spaCy, so ``mode="inprocess"`` (the default) runs the same CLI command, argument for
    argument, through click's test runner in this process: the model loads once. ``mode="subprocess"``
    runs one real ``walkback`` process per group, ``jobs`` at a time (slower, for checking that the
    two agree).
    """
    groups = ggt_groups(data_dir)
    chunks: list[str] = []
    if mode == "inprocess":
        from typer.testing import CliRunner

        from walkback.cli import app

        runner = CliRunner()
        for (date, outlet), files in groups.items():
            args = ["extract", "--format", "jsonl", *_group_args(date, outlet), *map(str, files)]
            res = runner.invoke(app, args)
            if res.exit_code not in (0, 1):
                raise RuntimeError(f"walkback extract exited {res.exit_code} on {files}: {res.exception!r}")
            chunks.append(res.stdout)
    elif mode == "subprocess":
        from concurrent.futures import ThreadPoolExecutor

        def one(item: tuple[int, tuple[tuple[str, str], list[Path]]]) -> str:
            i, ((date, outlet), files) = item
            part = out.with_name(f"{out.stem}.{i}.jsonl")
            run_extract(files, part, extra=_group_args(date, outlet))
            text = part.read_text(encoding="utf-8")
            part.unlink()
            return text

        with ThreadPoolExecutor(max(1, jobs)) as pool:
            chunks = list(pool.map(one, enumerate(groups.items())))
    else:
        raise ValueError(f"mode must be 'inprocess' or 'subprocess', not {mode!r}")
    out.write_text("".join(c if c.endswith("\n") or not c else c + "\n" for c in chunks), encoding="utf-8")


def ggt_quality(data_dir: Path = GGT_DEV, *, mode: str = "inprocess", jobs: int = 2) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ggt.jsonl"
        t0 = time.perf_counter()
        ggt_extract(data_dir, out, mode=mode, jobs=jobs)
        seconds = time.perf_counter() - t0
        result = run_scorer("ggt_score.py", data_dir, out)
    result["extract_seconds"] = round(seconds, 1)
    return result


_SEED_LINE = re.compile(r"seed: (\d+)/(\d+) statements, (\d+) problems")


def seed_check(article: Path = SEED_ARTICLE, expected: Path = SEED_EXPECTED) -> dict:
    """``walkback extract ARTICLE --format json`` checked by check_seed.py: statements found, problems."""
    with tempfile.TemporaryDirectory() as tmp:
        got = Path(tmp) / "seed.json"
        with open(got, "w", encoding="utf-8") as fh:
            proc = subprocess.run(
                [*walkback_cmd(), "extract", str(article), "--format", "json"],
                stdout=fh,
                stderr=subprocess.PIPE,
                text=True,
            )
        if proc.returncode != 0:
            raise RuntimeError(f"walkback extract exited {proc.returncode}: {proc.stderr.strip()[-2000:]}")
        # check_seed.py exits 1 when anything is off; its last line carries the counts either way
        check = subprocess.run(
            [sys.executable, str(EVAL / "check_seed.py"), str(expected), str(got)],
            capture_output=True,
            text=True,
        )
    lines = check.stdout.strip().splitlines()
    m = _SEED_LINE.search(lines[-1] if lines else "")
    if not m:
        raise RuntimeError(f"check_seed.py printed no counts: {check.stdout!r} {check.stderr!r}")
    return {
        "found": int(m.group(1)),
        "expected": int(m.group(2)),
        "problems": int(m.group(3)),
        "summary": lines[0] if len(lines) > 1 else "",
    }


# -- measuring a process ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Measured:
    """One child process, start to end.

    ``seconds``: wall time from spawn to reaped. ``maxrss_mb``: ``ru_maxrss`` from ``os.wait4`` on the
    child: the peak resident set of the largest single process among the child and the descendants it
    reaped (a worker pool counts as its largest member, not the sum). ``tree_rss_mb`` / ``tree_pss_mb``:
    the peak over samples (every ``interval`` s) of RSS / PSS summed over the child and all its live
    descendants, read from /proc; RSS counts pages shared by forked workers once per process, PSS
    splits them, so PSS is the honest total and RSS an upper bound. Both are 0 where /proc is missing.
    """

    returncode: int
    seconds: float
    maxrss_mb: float
    tree_rss_mb: float
    tree_pss_mb: float
    stderr: str


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # the command name may hold spaces and parentheses: the fields start after the last ')'
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _tree(pid: int) -> list[int]:
    kids, out, todo = _children_map(), [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, ()))
    return out


def _rss_pss_kb(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def run_measured(cmd: Sequence[str], *, stdout_path: Path | None = None, interval: float = 0.1) -> Measured:
    """Run ``cmd`` to the end; time it and measure its peak memory (see :class:`Measured`)."""
    peak = [0, 0]
    done = threading.Event()
    sink = open(stdout_path, "wb") if stdout_path else open(os.devnull, "wb")
    errf = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    proc = subprocess.Popen(list(cmd), stdout=sink, stderr=errf)

    def sample() -> None:
        if not os.path.exists("/proc/self/smaps_rollup"):
            return
        while not done.is_set():
            rss = pss = 0
            for p in _tree(proc.pid):
                r, s = _rss_pss_kb(p)
                rss += r
                pss += s
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        seconds = time.perf_counter() - t0
        done.set()
        sampler.join()
        sink.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    errf.seek(0)
    stderr = errf.read().decode("utf-8", "replace")
    errf.close()
    return Measured(
        returncode=proc.returncode,
        seconds=seconds,
        maxrss_mb=usage.ru_maxrss / 1024,
        tree_rss_mb=peak[0] / 1024,
        tree_pss_mb=peak[1] / 1024,
        stderr=stderr,
    )
