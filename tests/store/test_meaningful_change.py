"""Only a meaningful change makes a new version: white space, encoding and date lines do not count."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from walkback.store import SCHEMA_VERSION, Store, schema
from walkback.textnorm import body_key, is_date_line, normalise_text

# the seed article's paragraphs, as a page prints them
BODY = (
    "US officials said Monday that Iraq was not notified ahead of a series of strikes on Iran-linked "
    "targets in the country.\n\n"
    "“As for this specific response on Friday, there was not a pre-notification. We informed the Iraqis "
    "immediately after the strikes occurred,” State Department deputy spokesperson Vedant Patel said.\n\n"
    "In a call with reporters on Friday, National Security Council spokesman John Kirby had said the US "
    "“did inform the Iraqi government prior to the strikes.” On Monday, however, Kirby confirmed that "
    "he misspoke.\n\n"
    "“It was not as specific as it could have been, and I regret any confusion caused,” he said. "
    "“That said, we had made no secret – both to Iraqi officials and in public channels – that we would "
    "respond to the attacks.”"
)

SAME = {
    "white space": BODY.replace(" ", "  ", 5).replace("\n\n", "\n \n", 2) + "\n",
    "no-break spaces": BODY.replace("State Department", "State\u00a0Department"),
    "straight quotes": BODY.replace("“", '"').replace("”", '"'),
    "HTML entities": BODY.replace("“", "&ldquo;").replace("”", "&rdquo;").replace("–", "&ndash;"),
    "compatibility forms": BODY.replace("officials", "oﬃcials").replace("Monday", "Ｍonday"),
    "zero-width characters and soft hyphens": BODY.replace("Iraq was", "Iraq\u200b was").replace(
        "notified", "noti\u00adfied"
    ),
    "an Updated line on top": "Updated: 5:01 PM EST, Mon February 5, 2024\n\n" + BODY,
    "a timestamp paragraph at the end": BODY
    + "\n\nPublished 2024-02-05T17:01:00-05:00 | Updated Feb. 6, 2024",
}

CHANGED = {
    "a quote edited": BODY.replace("did inform the Iraqi government", "did not inform the Iraqi government"),
    "a quote removed": BODY.replace(" On Monday, however, Kirby confirmed that he misspoke.", ""),
    "a paragraph added": BODY + "\n\nThe Pentagon said more strikes would follow.",
    "a comma corrected": BODY.replace("Monday, however,", "Monday however,"),
}


@pytest.mark.parametrize("edit", list(SAME))
def test_edits_that_change_nothing(store: Store, make, edit: str) -> None:
    store.save(make.article(body=BODY), [])
    edited = make.article(body=SAME[edit], title="A new headline")
    assert edited.norm_hash == make.article(body=BODY).norm_hash
    assert store.article_status(edited) == "unchanged"
    assert store.save(edited, []).status == "unchanged"
    assert [r.version for r in store.versions("a1")] == [1]


@pytest.mark.parametrize("edit", list(CHANGED))
def test_edits_that_make_a_new_version(store: Store, make, edit: str) -> None:
    store.save(make.article(body=BODY), [])
    edited = make.article(body=CHANGED[edit])
    assert store.save(edited, []).status == "new_version"
    # and its encoding-only variant is that version again
    variant = make.article(body=CHANGED[edit].replace("“", '"').replace("”", '"'))
    assert store.save(variant, []).version == 2
    assert [r.version for r in store.versions("a1")] == [1, 2]


def test_normalisation() -> None:
    assert normalise_text("  “Quoted” &amp; it’s\u00a0fine…  ") == '"Quoted" & it\'s fine...'
    assert is_date_line("Updated 9:30 a.m. ET, Feb. 5, 2024")
    assert is_date_line("Posted on Monday, 5th February 2024 at 10:00 GMT")
    assert not is_date_line("Kirby said on Friday, Feb. 2, 2024.")
    assert not is_date_line("5 min read")
    assert normalise_text("cafe\u0301 — ½") == "café - 1⁄2"  # composed, compatibility forms
    assert body_key("One.\n\nUpdated: Feb 6, 2024\n\nTwo.") == "One. Two."


def test_upgrading_computes_the_key_of_stored_versions(db_path: Path, make) -> None:
    # a version-4 database holding a version written before the key existed
    conn = sqlite3.connect(db_path, isolation_level=None)
    schema.migrate(conn, source=str(db_path), target=4)
    article = make.article(body=BODY)
    conn.execute(
        "INSERT INTO articles (id, url, outlet, first_seen, latest_version) "
        "VALUES ('a1', ?, 'X', '2024-01-01', 1)",
        (article.url,),
    )
    conn.execute(
        "INSERT INTO article_versions (article_id, version, content_hash, title, authors, text, paragraphs, "
        "ingested_at) VALUES ('a1', 1, ?, 't', '[]', ?, '[]', '2024-01-01T00:00:00.000000+00:00')",
        (article.content_hash, article.text),
    )
    conn.close()
    with Store.open(db_path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        (key,) = store.conn.execute("SELECT norm_hash FROM article_versions").fetchone()
        assert key == article.norm_hash
        assert store.save(make.article(body=SAME["straight quotes"]), []).status == "unchanged"
        assert store.save(make.article(body=article.text), []).status == "unchanged"
        assert store.save(make.article(body=CHANGED["a quote edited"]), []).status == "new_version"
