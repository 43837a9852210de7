"""`walkback export` in every format, through the CLI, on the seed database."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from tests.test_cli import no_traceback, walkback

from .conftest import copy_db


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


# the schema.org properties a ClaimReview export may use, by type (schema.org's ClaimReview, Claim,
# Rating, Person/Organization and NewsArticle; Google's fact-check markup needs the starred ones)
SCHEMA = {
    "ClaimReview": {"@context", "@type", "claimReviewed*", "reviewRating*", "itemReviewed*", "url*", "author",
                    "datePublished"},
    "Claim": {"@type", "author*", "datePublished*", "appearance", "firstAppearance"},
    "Rating": {"@type", "alternateName*", "ratingExplanation", "ratingValue", "bestRating", "worstRating"},
    "Person": {"@type", "name*"},
    "Organization": {"@type", "name*"},
    "NewsArticle": {"@type", "url*", "headline"},
}  # fmt: skip


def check_schema(item: dict, path: str = "") -> None:  # type: ignore[type-arg]
    kind = item["@type"]
    allowed = {k.rstrip("*") for k in SCHEMA[kind]}
    assert set(item) <= allowed, f"{path}{kind}: keys not in schema.org: {set(item) - allowed}"
    for key in SCHEMA[kind]:
        if key.endswith("*"):
            assert item.get(key[:-1]), f"{path}{kind} needs {key[:-1]}"
    for key, value in item.items():
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, dict):
                check_schema(v, f"{path}{kind}.{key}.")


def claimreviews(db: Path, tmp_path: Path, *args: str) -> list[dict]:  # type: ignore[type-arg]
    out = tmp_path / "reviews.json"
    r = walkback("export", "--db", db, "--format", "claimreview", "--output", out, *args, cwd=tmp_path)
    assert r.returncode == 0 and "exported" in r.stderr, r.stderr
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_claimreview_publishes_only_confirmed_flags(web_db: Path, tmp_path: Path) -> None:
    db = copy_db(web_db, tmp_path / "marked.db")
    assert claimreviews(db, tmp_path) == []  # nothing confirmed yet
    wb = json.loads(walkback("walkbacks", "--db", db, "-f", "json", cwd=tmp_path).stdout)[0]
    r = walkback("review", str(wb["id"]), "confirmed", "--by", "Ann Editor", "--note", "Kirby said so",
                 "--db", db, cwd=tmp_path)  # fmt: skip
    assert r.returncode == 0, r.stderr
    (kirby,) = claimreviews(db, tmp_path)
    check_schema(kirby)
    assert kirby["@context"] == "https://schema.org"
    assert kirby["claimReviewed"] == "the US “did inform the Iraqi government prior to the strikes.”"
    assert kirby["reviewRating"]["alternateName"] == "Walked back"
    assert "“he misspoke”" in kirby["reviewRating"]["ratingExplanation"]
    claim = kirby["itemReviewed"]
    assert claim["author"] == {"@type": "Person", "name": "John Kirby"}
    assert claim["datePublished"] == "2024-02-02"
    cnn = "https://lite.cnn.com/2024/02/05/politics/us-did-not-notify-iraq-strikes/index.html"
    assert kirby["url"] == cnn == claim["appearance"][0]["url"]  # the reviewed statement's own article
    assert kirby["datePublished"] == wb_review_date(db, tmp_path)


def wb_review_date(db: Path, tmp_path: Path) -> str:
    wb = json.loads(walkback("walkbacks", "--db", db, "-f", "json", cwd=tmp_path).stdout)[0]
    return str(wb["review"]["reviewed_at"][:10])


def test_claimreview_of_every_flag_is_valid_and_names_authors_as_people_would(
    web_db: Path, tmp_path: Path
) -> None:
    reviews = claimreviews(web_db, tmp_path, "--review", "all", "--min-confidence", "0",
                           "--base-url", "https://walkback.example.org/")  # fmt: skip
    assert reviews
    for item in reviews:
        check_schema(item)
        assert "[anonymous]" not in json.dumps(item, ensure_ascii=False)
        assert item["url"].startswith("https://walkback.example.org/claims/")
        article = item["itemReviewed"]["appearance"][0]["url"]
        assert article.startswith("https://lite.cnn.com/")  # where the reviewed words were said
        assert "““" not in json.dumps(item, ensure_ascii=False) and "””" not in json.dumps(
            item, ensure_ascii=False
        )


def test_markdown_report_escapes_untrusted_text(web_db: Path) -> None:
    text = export(web_db, "--format", "markdown", "--min-confidence", "0")
    assert text.startswith("# walkback report")
    assert "## Walk-backs: 1" in text and "### John Kirby, 2024-02-05" in text
    assert "he misspoke" in text and "[CNN](https://lite.cnn.com/" in text
    assert "<script>" not in text and "<b>" not in text
    assert "](javascript" not in text  # the hostile article's javascript: URL is never made a link
    # one pair of quotation marks around every quote; quotes inside become single
    assert "““" not in text and "””" not in text
    assert "> “the US ‘did inform the Iraqi government prior to the strikes.’”" in text


def test_markdown_limit_and_all(web_db: Path) -> None:
    text = export(web_db, "--format", "markdown", "--min-confidence", "0", "--limit", "1")
    assert "## Contradictions: 3 (newest 1 shown)" in text and text.count("\n### ") == 2
    every = export(web_db, "--format", "markdown", "--min-confidence", "0", "--all")
    assert "## Contradictions: 3\n" in every and every.count("\n### ") == 4
    # the default confidence filter is the flag_threshold setting (0.7): not every contradiction reaches it
    default = export(web_db, "--format", "markdown")
    shown = int(re.search(r"## Contradictions: (\d+)", default).group(1))  # type: ignore[union-attr]
    assert shown < 3 and "confidence 0.70 or more" in default
    assert all(float(c) >= 0.7 for c in re.findall(r"\(confidence (\d\.\d+)", default))


def test_export_to_an_unwritable_place_is_one_line(web_db: Path, tmp_path: Path) -> None:
    r = walkback("export", "--db", web_db, "--output", tmp_path / "no" / "such" / "x.jsonl", cwd=tmp_path)
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1 and "cannot write" in r.stderr
    no_traceback(r)
    r = walkback("export", "--db", web_db, "--format", "pdf", cwd=tmp_path)
    assert r.returncode == 2 and "pdf" in r.stderr
