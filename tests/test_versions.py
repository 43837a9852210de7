"""`walkback versions` and `walkback diff` end to end: versions of the seed article made by real
ingests of edited copies (the same ``Source:`` URL), read back through the command."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from .test_cli import SEED, no_traceback, summary_line, walkback

URL = "https://lite.cnn.com/2024/02/05/politics/us-did-not-notify-iraq-strikes/index.html"
ALTERED = (
    "“It was not as specific as it could have been, and I regret any confusion caused,” he said.",
    "“It was not as specific as it should have been,” he said.",
)
REMOVED = (
    "“For operational security reasons, we did not provide any kind of official pre-notification with "
    "specific details on these strikes,” the spokesperson said.\u00a0"
)
ADDED_BEFORE = "  “I won’t speak for Iraq,"
ADDED = "The Pentagon said on Tuesday that it had briefed Iraqi officials after the strikes."


def _edit(text: str) -> str:
    """Version 2: a quote reworded, a quote taken out of its paragraph, a paragraph added, and a new
    Updated: time."""
    for old, new in [
        ALTERED,
        (REMOVED, ""),
        (ADDED_BEFORE, f"  {ADDED}\n \n{ADDED_BEFORE}"),
        ("5:01 PM EST", "7:45 PM EST"),
    ]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def _cosmetic(text: str) -> str:
    """Only white space, encoding and the date line changed."""
    text = text.replace("“", '"').replace("”", '"').replace("’", "&rsquo;")
    text = text.replace("State Department", "State\u00a0Department").replace(". ", ".   ")
    return text.replace("7:45 PM EST", "9:02 PM EST")


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[subprocess.CompletedProcess[str]]]:
    """A database holding two versions of the seed, and the three ingests that made it."""
    work = tmp_path_factory.mktemp("versions")
    v1 = SEED.read_text(encoding="utf-8")
    v2 = _edit(v1)
    files = []
    for name, text in [("v1.txt", v1), ("v2.txt", v2), ("v3.txt", _cosmetic(v2))]:
        (work / name).write_text(text, encoding="utf-8")
        files.append(work / name)
    db = work / "versions.db"
    return db, [walkback("ingest", f, "--db", db, cwd=work) for f in files]


def test_only_meaningful_edits_make_versions(history, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, (first, second, third) = history
    for r in (first, second, third):
        assert r.returncode == 0, r.stderr
        no_traceback(r)
    assert "1 new," in summary_line(first)
    assert "1 new version" in summary_line(second)
    assert summary_line(third).startswith("articles: 0 new, 1 unchanged, 0 new version")


def test_versions(history, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _ = history
    r = walkback("versions", URL, "--db", db, "--format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert [v["version"] for v in rows] == [1, 2]
    assert all(v["title"].startswith("US corrects earlier claim") for v in rows)
    assert [v["updated"] for v in rows] == ["2024-02-05T17:01:00-05:00", "2024-02-05T19:45:00-05:00"]
    assert all(v["statements"] >= 15 for v in rows)
    assert rows[0]["content_hash"] != rows[1]["content_hash"]
    assert rows[0]["ingested_at"] <= rows[1]["ingested_at"]
    # the URL as shared, with a tracking parameter, names the same article
    table = walkback("versions", URL + "?utm_source=twitter", "--db", db, cwd=tmp_path)
    assert table.returncode == 0, table.stderr
    assert "2 version(s)" in table.stdout and rows[1]["content_hash"][:12] in table.stdout


def test_diff_flags_the_quotes_removed_and_altered(history, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _ = history
    r = walkback("diff", URL, "--db", db, "--format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert (d["from"]["version"], d["to"]["version"], d["changed"]) == (1, 2, True)
    assert d["flags"] == {"quote altered": 1, "quote removed": 1}

    paragraphs = {(p["change"], p["new_index"]): p for p in d["paragraphs"]}
    assert [p["new"] for p in d["paragraphs"] if p["change"] == "added"] == [ADDED]
    altered = [p for p in d["paragraphs"] if p["change"] == "altered"]
    assert len(altered) == 2 and len(paragraphs) == 3  # the date line is no change
    reworded = next(p for p in altered if "should" in p["new"])
    ops = {(w["op"], w["old"], w["new"]) for w in reworded["words"]}
    assert ("replace", "could", "should") in ops
    cut = next(p for p in altered if "operational security" in p["old"])
    assert any(w["op"] == "delete" and "operational security" in w["old"] for w in cut["words"])

    by_flag = {s["flag"]: s for s in d["statements"] if s["flag"]}
    removed = by_flag["quote removed"]
    assert removed["change"] == "removed" and removed["new"] is None
    assert removed["old"]["words"].startswith("For operational security reasons")
    assert removed["old"]["kind"] == "direct"
    changed = by_flag["quote altered"]
    assert changed["change"] == "altered"
    assert changed["old"]["speaker"]["name"] == changed["new"]["speaker"]["name"] == "John Kirby"
    assert "regret any confusion" in changed["old"]["words"] and "regret" not in changed["new"]["words"]
    assert ("replace", "could", "should") in {(w["op"], w["old"], w["new"]) for w in changed["words"]}
    added = [s for s in d["statements"] if s["change"] == "added"]
    assert [s["new"]["content"]["text"] for s in added] == [
        "it had briefed Iraqi officials after the strikes"
    ]
    # the same diff named explicitly, and as a table
    assert json.loads(walkback("diff", URL, "1", "2", "--db", db, "-f", "json", cwd=tmp_path).stdout) == d
    table = walkback("diff", URL, "--db", db, cwd=tmp_path)
    assert table.returncode == 0, table.stderr
    assert "FLAGGED: 1 quote altered, 1 quote removed" in table.stdout
    assert "[-could-]{+should+}" in table.stdout
    assert f"{{+{ADDED}+}}" in table.stdout


def test_a_version_against_itself_is_unchanged(history, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _ = history
    r = walkback("diff", URL, "2", "2", "--db", db, "--format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert (d["changed"], d["paragraphs"], d["statements"], d["flags"]) == (False, [], [], {})
    table = walkback("diff", URL, "2", "2", "--db", db, cwd=tmp_path)
    assert "unchanged: no meaningful change" in table.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["diff", "https://example.com/not-stored"], "no stored article at 'https://example.com/not-stored'"),
        (["versions", "https://example.com/not-stored"], "no stored article at"),
        (["diff", URL, "1", "7"], "no version 7 (stored versions: 1..2)"),
    ],
)
def test_unknown_articles_and_versions(history, tmp_path: Path, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    db, _ = history
    r = walkback(*args, "--db", db, cwd=tmp_path)
    assert r.returncode == 1, (r.stdout, r.stderr)
    no_traceback(r)
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and message in err[0], r.stderr
