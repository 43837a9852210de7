"""`walkback export` in every format, through the CLI, on the seed database."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.test_cli import no_traceback, walkback


def export(db: Path, *args: str) -> str:
    r = walkback("export", "--db", db, *args, cwd=db.parent)
    assert r.returncode == 0, r.stderr
    no_traceback(r)
    return r.stdout


def test_jsonl_is_one_statement_per_line_in_the_api_shape(web_db: Path, client) -> None:  # type: ignore[no-untyped-def]
    lines = export(web_db, "--format", "jsonl").splitlines()
    items = [json.loads(x) for x in lines]
    total = int(client.get("/api/statements?limit=1").headers["x-total-count"])
    assert len(items) == total
    kirby = next(i for i in items if "did inform the Iraqi government" in i["content"]["text"])
    assert kirby["speaker"]["name"] == "John Kirby" and kirby["stance"] == "affirms" and kirby["claim"]
    assert kirby["url"].startswith("https://lite.cnn.com/")


def test_csv_has_a_row_per_statement(web_db: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(export(web_db, "--format", "csv"))))
    assert {"speaker", "content", "claim", "stance", "url"} <= set(rows[0])
    assert any(r["speaker"] == "Vedant Patel" and r["stance"] == "denies" for r in rows)


def test_claimreview_is_schema_org_json_ld(web_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "reviews.json"
    r = walkback("export", "--db", web_db, "--format", "claimreview", "--output", out,
                 "--base-url", "https://walkback.example.org/", cwd=tmp_path)  # fmt: skip
    assert r.returncode == 0 and "exported" in r.stderr, r.stderr
    reviews = json.loads(out.read_text(encoding="utf-8"))
    kirby = next(x for x in reviews if x["itemReviewed"]["author"]["name"] == "John Kirby")
    assert kirby["@context"] == "https://schema.org" and kirby["@type"] == "ClaimReview"
    assert "did inform the Iraqi government" in kirby["claimReviewed"]
    assert kirby["reviewRating"]["alternateName"] == "Walked back"
    assert kirby["itemReviewed"]["datePublished"] == "2024-02-02"
    assert kirby["itemReviewed"]["appearance"][0]["url"].startswith("https://lite.cnn.com/")
    assert kirby["url"].startswith("https://walkback.example.org/claims/")
    assert "misspoke" in kirby["reviewRating"]["ratingExplanation"]
    assert {r["type"] for r in kirby["walkback:relations"]} == {"walkback", "contradicts"}


def test_markdown_report_escapes_untrusted_text(web_db: Path) -> None:
    text = export(web_db, "--format", "markdown")
    assert text.startswith("# walkback report")
    assert "## Walk-backs: 1" in text and "### John Kirby, 2024-02-05" in text
    assert "he misspoke" in text and "[CNN](https://lite.cnn.com/" in text
    assert "<script>" not in text and "<b>" not in text
    assert "](javascript" not in text  # the hostile article's javascript: URL is never made a link


def test_export_to_an_unwritable_place_is_one_line(web_db: Path, tmp_path: Path) -> None:
    r = walkback("export", "--db", web_db, "--output", tmp_path / "no" / "such" / "x.jsonl", cwd=tmp_path)
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1 and "cannot write" in r.stderr
    no_traceback(r)
    r = walkback("export", "--db", web_db, "--format", "pdf", cwd=tmp_path)
    assert r.returncode == 2 and "pdf" in r.stderr
