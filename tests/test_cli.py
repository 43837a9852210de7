"""The `walkback` command end to end: real processes, a temporary database each, a real HTTP server.

Each test starts the installed entry point (``walkback`` beside ``sys.executable``, else
``python -m walkback.cli``). Commands that extract load spaCy (~2 s), so their number is kept small;
the read-only queries share one database ingested once for the module.
"""

from __future__ import annotations

import csv
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = REPO / "examples" / "cnn-lite-2024-02-05-us-did-not-notify-iraq.txt"
OTHER = REPO / "tests" / "golden" / "example-2024-03-12-council-budget.txt"
_ENTRY = Path(sys.executable).parent / "walkback"
COMMAND = [str(_ENTRY)] if _ENTRY.exists() else [sys.executable, "-m", "walkback.cli"]


def walkback(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    base = {
        k: v for k, v in os.environ.items() if k not in {"WALKBACK_DB", "WALKBACK_DEBUG", "WALKBACK_CONFIG"}
    }
    base.update(env or {})
    return subprocess.run(
        [*COMMAND, *map(str, args)],
        cwd=cwd,
        env=base,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


def no_traceback(r: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in r.stderr, r.stderr
    assert "internal error" not in r.stderr, r.stderr


def summary_line(r: subprocess.CompletedProcess[str]) -> str:
    lines = [ln for ln in r.stdout.splitlines() if ln.startswith("articles:")]
    assert len(lines) == 1, r.stdout
    return lines[0]


def stored(db: Path, *args: str, cwd: Path) -> list[dict]:  # type: ignore[type-arg]
    r = walkback("statements", "--db", db, "--format", "json", "--limit", "1000", *args, cwd=cwd)
    assert r.returncode == 0, r.stderr
    no_traceback(r)
    return json.loads(r.stdout)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A database with the seed ingested once, and the result of that ingest."""
    work = tmp_path_factory.mktemp("seeded")
    db = work / "ledger.db"
    r = walkback("ingest", SEED, "--db", db, cwd=work)
    return db, r


# --- ingest --------------------------------------------------------------------------------------------


def test_ingest_seed_then_again_changes_nothing(seeded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, first = seeded
    assert first.returncode == 0, first.stderr
    no_traceback(first)
    line = summary_line(first)
    assert "1 new" in line and "0 failed" in line
    found = int(line.rsplit("statements found:", 1)[1])
    assert found >= 15
    before = stored(db, cwd=tmp_path)
    assert len(before) == found

    copy = tmp_path / "again.db"
    shutil.copy(db, copy)
    again = walkback("ingest", SEED, "--db", copy, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "1 unchanged" in summary_line(again) and "0 new," in summary_line(again)
    after = stored(copy, cwd=tmp_path)
    assert sorted(s["id"] for s in after) == sorted(s["id"] for s in before)


def test_edited_copy_with_the_same_url_is_a_new_version(seeded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _ = seeded
    copy = tmp_path / "versions.db"
    shutil.copy(db, copy)
    edited = tmp_path / "edited.txt"
    text = SEED.read_text(encoding="utf-8")
    assert text.count("misspoke.") == 1
    edited.write_text(
        text.replace("misspoke.", "misspoke. He said the error was his alone."), encoding="utf-8"
    )
    r = walkback("ingest", edited, "--db", copy, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "1 new version" in summary_line(r)
    arts = json.loads(walkback("articles", "--db", copy, "--format", "json", cwd=tmp_path).stdout)
    assert max(a["version"] for a in arts) == 2


def config_file(tmp_path: Path, n_process: int) -> Path:
    path = tmp_path / "walkback.toml"
    path.write_text(f"[extract]\nn_process = {n_process}\n", encoding="utf-8")
    return path


def test_bad_inputs_are_reported_one_line_each_and_good_ones_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    shutil.copy(OTHER, folder / "council.txt")
    bad = {
        "empty.txt": b"",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 20,
        "latin1.txt": "Café council approves budget\n\nThe mayor said the café would stay open.".encode(
            "latin-1"
        ),
        "noarticle.html": b"<!DOCTYPE html><html><head><title>x</title></head><body><nav>"
        b"<a href='/'>Home</a></nav></body></html>",
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    big = folder / "huge.txt"
    with big.open("wb") as fh:  # sparse: 50 MB that take no disk space
        fh.truncate(50 * 1024 * 1024)
    db = tmp_path / "bad.db"
    r = walkback("ingest", folder, "--db", db, cwd=tmp_path)
    assert r.returncode == 1, (r.stdout, r.stderr)
    no_traceback(r)
    err = [ln for ln in r.stderr.splitlines() if ln.strip()]
    for name in [*bad, "huge.txt"]:
        hits = [ln for ln in err if name in ln]
        assert len(hits) == 1, f"{name}: {hits} in {err}"
    assert len(err) == len(bad) + 1, err
    line = summary_line(r)
    assert "2 new" in line and "5 failed" in line
    arts = json.loads(walkback("articles", "--db", db, "--format", "json", cwd=tmp_path).stdout)
    assert len(arts) == 2


def test_ingest_of_four_files_over_two_processes(tmp_path: Path) -> None:
    folder = tmp_path / "four"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(4):  # four different articles (distinct URLs)
        (folder / f"a{i}.txt").write_text(text.replace("index.html", f"index{i}.html"), encoding="utf-8")
    r = walkback(
        "ingest", folder, "--db", tmp_path / "four.db", "--config", config_file(tmp_path, 2), cwd=tmp_path
    )
    no_traceback(r)
    assert r.returncode == 0, r.stderr
    assert "4 new" in summary_line(r)


def test_bad_published_date(tmp_path: Path) -> None:
    r = walkback("ingest", SEED, "--db", tmp_path / "x.db", "--published", "notadate", cwd=tmp_path)
    assert r.returncode != 0
    no_traceback(r)
    err = r.stderr.strip().splitlines()
    assert len(err) == 1, r.stderr
    assert "notadate" in err[0]


FILLER = "The budget papers were printed on green paper for the annual meeting. "  # English, no cue


def test_articles_over_a_million_characters_do_not_stop_the_batch(tmp_path: Path) -> None:
    """Issue 14: one 1.05 MB line, or 2 MB in 2,200 paragraphs, stopped the batch (exit 70, spaCy's
    E088): the article before was stored but not linked, the one after never stored."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "a-seed.txt")
    quote = "\n\n“We will keep every branch open,” Mayor Jane Roe said.\n"
    (folder / "b-one-line.txt").write_text(
        "Budget in one line\n\n" + FILLER * 18_200 + "\n\nOne.\n\nTwo.\n\nThree.\n\nFour." + quote,
        encoding="utf-8",
    )
    paragraphs = [FILLER * 16 for _ in range(2_200)]
    paragraphs[1_500] = "“The money is there,” Council member John Doe said."
    (folder / "c-paragraphs.txt").write_text(
        "Budget in many paragraphs\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
    )
    shutil.copy(OTHER, folder / "d-council.txt")
    db = tmp_path / "long.db"
    r = walkback("ingest", folder, "--db", db, "--published", "2024-03-01", cwd=tmp_path, timeout=600)
    no_traceback(r)
    assert r.returncode == 0, r.stderr
    assert "4 new" in summary_line(r) and "0 failed" in summary_line(r)
    assert any(ln.startswith("linked") and "of 4 articles" in ln for ln in r.stdout.splitlines()), r.stdout
    far = {s["content"]["text"]: s["content"]["start"] for s in stored(db, cwd=tmp_path)}
    assert far["We will keep every branch open"] > 1_000_000
    assert far["The money is there"] > 1_000_000
    r = walkback("extract", folder / "c-paragraphs.txt", "--format", "jsonl", cwd=tmp_path, timeout=600)
    assert r.returncode == 0, r.stderr
    (only,) = [json.loads(line) for line in r.stdout.splitlines()]
    (found,) = only["statements"]
    content = found["content"]
    assert content["text"] == "The money is there" and content["start"] > 1_000_000


def test_dates_out_of_range_are_ignored_with_a_warning(tmp_path: Path) -> None:
    """Issue 14: a page published "0001-01-01T00:00:00Z" that says "said on Friday", or
    ``--published 0001-01-01``, stopped the batch with OverflowError (date value out of range)."""
    page = tmp_path / "unset.html"
    quote = "“We will keep every branch open,” Mayor Jane Roe said on Friday. " * 3
    page.write_text(
        '<html><head><title>Budget</title><meta property="article:published_time" '
        f'content="0001-01-01T00:00:00Z"></head><body><article><h1>Budget</h1><p>{quote}</p>'
        "<p>The council met on Friday to vote on the library budget for next year.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    lite = tmp_path / "lite.txt"
    lite.write_text(
        SEED.read_text(encoding="utf-8").replace("5:01 PM EST, Mon February 5, 2024", "0001-01-01"),
        encoding="utf-8",
    )
    db = tmp_path / "dates.db"
    r = walkback("ingest", page, lite, OTHER, "--db", db, cwd=tmp_path)
    no_traceback(r)
    assert r.returncode == 0, r.stderr
    assert "3 new" in summary_line(r)
    warnings = [ln for ln in r.stderr.splitlines() if "warning" in ln]
    assert len(warnings) == 2 and all("0001-01-01" in w and "ignoring" in w for w in warnings), r.stderr
    assert str(page) in warnings[0] and str(lite) in warnings[1]
    said = {s["said_on"] for s in stored(db, "--speaker", "Roe", cwd=tmp_path)}
    assert said == {None}  # no date to count back from
    r = walkback("extract", OTHER, "--published", "0001-01-01", "--format", "jsonl", cwd=tmp_path)
    no_traceback(r)
    assert r.returncode == 0, r.stderr
    assert r.stderr.startswith("walkback: warning: ignoring the --published date 0001-01-01"), r.stderr
    assert json.loads(r.stdout)["statements"]


# --- queries over the seeded database --------------------------------------------------------------------


def test_statements_by_speaker(seeded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _ = seeded
    rows = stored(db, "--speaker", "kirby", cwd=tmp_path)
    assert len(rows) >= 3
    for s in rows:
        names = " ".join(filter(None, [s["speaker"]["name"], (s["speaker"]["mention"] or {}).get("text")]))
        assert "kirby" in names.lower()
        assert s["article"]["outlet"] == "CNN"


def test_statements_since(seeded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _ = seeded
    everything = stored(db, cwd=tmp_path)
    friday = [s for s in everything if s["said_on"] == "2024-02-02"]
    assert friday, "the seed has Kirby's Friday statement"
    assert any("did inform the Iraqi government" in s["content"]["text"] for s in friday)
    since = stored(db, "--since", "2024-02-03", cwd=tmp_path)
    assert since and all(s["said_on"] >= "2024-02-03" for s in since)
    assert not {s["id"] for s in friday} & {s["id"] for s in since}


def test_statements_search(seeded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _ = seeded
    rows = stored(db, "--search", "pre-notification", cwd=tmp_path)
    assert any(s["speaker"]["name"] == "Vedant Patel" for s in rows)
    assert all("pre-notification" in s["content"]["text"] for s in rows)


def test_statements_csv(seeded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _ = seeded
    r = walkback("statements", "--db", db, "--format", "csv", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    header = r.stdout.splitlines()[0].split(",")
    assert {"id", "said_on", "speaker", "kind", "content"} <= set(header)
    assert len(rows) >= 15
    assert any(row["speaker"] == "John Kirby" for row in rows)


def test_articles_json(seeded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _ = seeded
    r = walkback("articles", "--db", db, "--format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    (art,) = json.loads(r.stdout)
    assert art["outlet"] == "CNN"
    assert art["url"].startswith("https://lite.cnn.com/2024/02/05/")
    assert art["version"] == 1
    assert art["statements"] >= 15


# --- extract -------------------------------------------------------------------------------------------


def test_extract_jsonl_over_two_files(tmp_path: Path) -> None:
    r = walkback("extract", SEED, OTHER, "--format", "jsonl", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 2
    objs = [json.loads(ln) for ln in lines]
    for obj, path in zip(objs, [SEED, OTHER], strict=True):
        assert set(obj) >= {"path", "article", "statements"}
        assert Path(obj["path"]).name == path.name
        assert obj["statements"]
        text = obj["article"]["text"]
        for s in obj["statements"]:
            assert text[s["content"]["start"] : s["content"]["end"]] == s["content"]["text"]


def test_extract_json_on_the_seed_passes_the_check(tmp_path: Path) -> None:
    r = walkback("extract", SEED, "--format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "seed.json"
    out.write_text(r.stdout, encoding="utf-8")
    got = json.loads(r.stdout)
    assert set(got) >= {"path", "article", "statements"}
    # the golden file records the same statements
    golden = json.loads(
        (REPO / "tests" / "golden" / (SEED.stem + ".expected.json")).read_text(encoding="utf-8")
    )
    assert got["statements"] == golden["statements"]
    check = SHARED / "eval" / "check_seed.py"
    expected = SHARED / "seed" / "expected.json"
    if not check.exists() or not expected.exists():
        pytest.skip(f"the seed check is not available at {check} (shared data absent)")
    c = subprocess.run(
        [sys.executable, str(check), str(expected), str(out)], capture_output=True, text=True, check=False
    )
    assert c.returncode == 0, c.stdout + c.stderr


# --- URLs against a real server --------------------------------------------------------------------------

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Dock workers extend strike as talks stall | Example News</title>
<meta property="og:title" content="Dock workers extend strike as talks stall">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2023-11-03T18:15:00-04:00">
</head><body>
<nav><a href="/">Home</a> <a href="/business">Business</a></nav>
<main><article>
<h1>Dock workers extend strike as talks stall</h1>
<p>Dock workers at the city’s main port will stay off the job for at least another week, their union said
Friday, after talks with terminal operators broke down overnight.</p>
<p>“We came to the table ready to make a deal. The operators walked away,” union president Maria Okafor
told reporters outside the port gates.</p>
<p>A senior ministry official said Thursday that the minister was now reviewing his options, and that the
government would not intervene while both sides kept talking.</p>
<p>Shipping companies have begun rerouting vessels to other ports, according to industry data, and several
freight firms said they expected delays to last well into December.</p>
</article></main>
<footer>Copyright 2023 Example News</footer>
</body></html>
"""


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/article":
            body, status = ARTICLE_HTML.encode("utf-8"), 200
        else:
            body, status = b"<html><body>not found</body></html>", 404
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_url_ingest_with_allow_private(server: str, tmp_path: Path) -> None:
    db = tmp_path / "url.db"
    r = walkback("ingest", f"{server}/article", "--db", db, "--allow-private", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "1 new" in summary_line(r)
    rows = stored(db, "--speaker", "okafor", cwd=tmp_path)
    assert any("ready to make a deal" in s["content"]["text"] for s in rows)


def test_url_to_a_private_address_is_refused(server: str, tmp_path: Path) -> None:
    r = walkback("ingest", f"{server}/article", "--db", tmp_path / "url.db", cwd=tmp_path)
    assert r.returncode == 1
    no_traceback(r)
    err = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(err) == 1, r.stderr
    assert "127.0.0.1" in err[0]


def test_url_404(server: str, tmp_path: Path) -> None:
    r = walkback("ingest", f"{server}/missing", "--db", tmp_path / "url.db", "--allow-private", cwd=tmp_path)
    assert r.returncode == 1
    no_traceback(r)
    err = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(err) == 1, r.stderr
    assert "404" in err[0] and "/missing" in err[0]


# --- environment and demo --------------------------------------------------------------------------------


def test_walkback_db_env_var(seeded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _ = seeded
    r = walkback(
        "statements", "--format", "json", "--speaker", "patel", cwd=tmp_path, env={"WALKBACK_DB": str(db)}
    )
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert rows and all(s["speaker"]["name"] == "Vedant Patel" for s in rows)
    assert not (tmp_path / "walkback.db").exists()


def test_demo(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    r = walkback("demo", "--db", db, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    no_traceback(r)
    assert "statement(s)" in r.stdout
    assert "Vedant Patel" in r.stdout
    assert db.exists()


def test_an_article_in_a_language_not_handled_is_stored_with_its_language(tmp_path: Path) -> None:
    from tests.ingest.test_language import ZULU

    zulu = tmp_path / "zulu.txt"
    zulu.write_text(f"Uhulumeni uthembisa izindlu ezintsha\n\n{ZULU}\n", encoding="utf-8")
    db = tmp_path / "ledger.db"
    r = walkback("ingest", zulu, "--db", db, cwd=tmp_path)
    no_traceback(r)
    assert r.returncode == 0, r.stderr
    assert summary_line(r) == "articles: 1 new, 0 unchanged, 0 new version, 0 failed; statements found: 0"
    assert r.stderr.splitlines() == [
        f"walkback: {zulu}: written in 'zu'; statements are extracted only from articles in en, "
        "so none were looked for"
    ]
    r = walkback("articles", "--db", db, "--format", "json", cwd=tmp_path)
    [art] = json.loads(r.stdout)
    assert (art["language"], art["statements"]) == ("zu", 0)
    table = walkback("articles", "--db", db, cwd=tmp_path).stdout
    assert "language" in table and " zu " in table
