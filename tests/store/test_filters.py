"""Statement filters (speaker, dates, full text, outlet, article), ordering and pagination."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from walkback.errors import DateError, StoreError
from walkback.store import Store
from walkback.store.query import contains_sql, fold, fts_query, period, records

B_TEXT = (
    "Kirby said in 2023 that talks would take time. "
    'On Thursday, Senator Ann Lee (D-Ore.) said: "This is (frankly) a mess — AND it is getting worse." '
    'He added on Wednesday: "Pre-clearance matters*."'
)


@pytest.fixture
def corpus(store: Store, make) -> Store:
    a = make.article("a1", published=datetime(2024, 1, 15, 9, 30, tzinfo=make.EST))
    store.save(a, make.statements(a))  # 2024-01-12 Kirby, 2024-01 official, undated José
    b = make.article("b1", body=B_TEXT, outlet="Other Post", published=datetime(2024, 2, 3, tzinfo=make.UTC))
    store.save(
        b,
        [
            make.statement(b, "talks would take time", mention="Kirby", said_on="2023", kind="indirect"),
            make.statement(
                b,
                "This is (frankly) a mess — AND it is getting worse.",
                speaker="Ann Lee",
                mention="Senator Ann Lee",
                said_on="2024-02-01",
            ),
            make.statement(
                b, "Pre-clearance matters*.", speaker="Ann Lee", mention="He", said_on="2024-01-31"
            ),
        ],
    )
    return store


def contents(rows) -> list[str]:
    return [r.statement.content.text for r in rows]


def test_order_is_said_on_then_article_then_position_with_undated_last(corpus: Store) -> None:
    rows = corpus.statements()
    assert [r.statement.said_on.value for r in rows] == [
        "2023",
        "2024-01",
        "2024-01-12",
        "2024-01-31",
        "2024-02-01",
        None,
    ]
    assert [r.article_id for r in rows] == ["b1", "a1", "a1", "b1", "b1", "a1"]


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("kirby", 2),  # the name, in two articles
        ("KIRBY", 2),
        ("nn le", 2),  # anywhere in the name
        ("martínez", 1),
        ("MARTÍNEZ", 1),  # case folding beyond ASCII
        ("senator", 1),  # the mention, not the name
        ("he", 1),  # "He" as a mention ("the" appears in no name or mention)
        ("defense official", 1),
        ("%", 0),  # no LIKE wildcards
        ("_", 0),
        ("\\", 0),  # nor its escape character
        ("nobody", 0),
        ("lee" * 400, 0),  # past the length a LIKE pattern may have
    ],
)
def test_speaker_filter(corpus: Store, speaker: str, expected: int) -> None:
    assert len(corpus.statements(speaker=speaker)) == expected
    assert corpus.count_statements(speaker=speaker) == expected


def _ascii_lowered(value: str | None) -> str:
    return "".join(c.lower() if c.isascii() else c for c in value or "")


@settings(
    max_examples=60, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)  # fmt: skip
@given(
    names=st.lists(st.text(alphabet="aAbNn .'-éÉßK\u212aſ", min_size=1, max_size=8), min_size=1, max_size=6),
    needle=st.text(alphabet="abnAN .'-", min_size=3, max_size=5),
)
def test_the_speaker_index_keeps_what_a_scan_keeps(make, names: list[str], needle: str) -> None:
    """The trigram index a speaker filter reads (SQLite) finds every statement whose name or mention
    contains the words, as a LIKE over every statement did, and no other."""
    body = "".join(f"{name} said thing {i}. " for i, name in enumerate(names))
    article = make.article("a1", body=body)
    statements = [
        make.statement(article, f"thing {i}", speaker=None, mention=name)
        if i % 2
        else make.statement(article, f"thing {i}", speaker=name)
        for i, name in enumerate(names)
    ]
    with Store.open(":memory:") as store:
        store.save(article, statements)
        got = sorted(r.statement.content.text for r in store.statements(speaker=needle))
    folded = fold(needle) or ""
    assert got == sorted(f"thing {i}" for i, name in enumerate(names) if folded in _ascii_lowered(name))


def test_the_speaker_index_follows_every_write(corpus: Store) -> None:
    """Statements written, renamed and deleted: the index stays the statements' (FTS5's own check)."""
    if corpus.dialect != "sqlite":
        pytest.skip("the trigram index of speakers is SQLite's; PostgreSQL scans")
    con = corpus.conn
    con.execute("UPDATE statements SET speaker_name = 'Jane Roe' WHERE speaker_name = 'Ann Lee'")
    assert corpus.count_statements(speaker="ann lee") == 1  # the mention "Senator Ann Lee" stays
    assert corpus.count_statements(speaker="jane roe") == 2
    con.execute("DELETE FROM statements WHERE speaker_name = 'Jane Roe'")
    assert corpus.count_statements(speaker="roe") == corpus.count_statements(speaker="ann lee") == 0
    con.execute("INSERT INTO statements_speakers (statements_speakers) VALUES ('integrity-check')")
    plan = " ".join(
        str(r[-1])
        for r in con.execute(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM statements_speakers WHERE statements_speakers MATCH ?",
            ('"kirby"',),
        )
    )
    assert "VIRTUAL TABLE" in plan


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(
    value=st.one_of(st.none(), st.text(alphabet="aAbZz%_\\ .'-ßéÉİıſK\u212a", max_size=10)),
    needle=st.text(alphabet="abz%_\\ .'-", max_size=4),
)
def test_an_ascii_needle_is_matched_as_lowered_text_is(value: str | None, needle: str) -> None:
    """SQLite's LIKE, which the speaker filters use, keeps what ``instr(lower(value), needle)`` kept."""
    condition, param = contains_sql("x", needle)
    assert "LIKE" in condition
    with sqlite3.connect(":memory:") as con:
        got = con.execute(f"SELECT {condition} FROM (SELECT ? AS x)", (param, value)).fetchone()[0]
        want = con.execute("SELECT instr(lower(?), ?) > 0", (value, needle)).fetchone()[0]
    assert bool(got) == bool(want)


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("2024-01-15", None, ["2024-01", "2024-01-31", "2024-02-01"]),  # the month overlaps the 15th onwards
        (None, "2024-01-15", ["2023", "2024-01", "2024-01-12"]),
        ("2024-01", "2024-01", ["2024-01", "2024-01-12", "2024-01-31"]),
        ("2024-01-12", "2024-01-12", ["2024-01", "2024-01-12"]),
        ("2023-06-30", "2023-07-01", ["2023"]),  # a year overlaps any day in it
        ("2024", None, ["2024-01", "2024-01-12", "2024-01-31", "2024-02-01"]),
        ("2024-02", "2024-01", []),
        ("2025", None, []),
    ],
)
def test_since_until_overlap(
    corpus: Store, since: str | None, until: str | None, expected: list[str]
) -> None:
    rows = corpus.statements(since=since, until=until)
    assert [r.statement.said_on.value for r in rows] == expected
    assert corpus.count_statements(since=since, until=until) == len(expected)


@pytest.mark.parametrize("bad", ["2024-13", "2024-02-30", "yesterday", "24", "2024/01/01", "2024-1-5", ""])
def test_bad_dates_say_what_is_allowed(corpus: Store, bad: str) -> None:
    with pytest.raises(DateError, match="since must be YYYY, YYYY-MM or YYYY-MM-DD"):
        corpus.statements(since=bad)
    with pytest.raises(DateError, match="until must be YYYY, YYYY-MM or YYYY-MM-DD"):
        corpus.count_statements(until=bad)


def test_period() -> None:
    assert period("2024") == ("2024-01-01", "2024-12-31")
    assert period("2024-02") == ("2024-02-01", "2024-02-29")
    assert period("2023-02") == ("2023-02-01", "2023-02-28")
    assert period("2024-02-29") == ("2024-02-29", "2024-02-29")


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("ceasefire", ["the ceasefire is holding."]),
        ("CEASEFIRE holds", ["the ceasefire is holding."]),  # stemmed, every word must occur
        ("pre-notification", ["the U.S. pre-notification rule stands"]),
        ("U.S.", ["the U.S. pre-notification rule stands"]),
        ("u.s. rule", ["the U.S. pre-notification rule stands"]),
        ('"notification rule"', ["the U.S. pre-notification rule stands"]),  # a phrase
        ('"rule notification"', []),
        ("cease*", ["the ceasefire is holding."]),  # a prefix
        ("cease", []),
        ("jose", ["We are not there yet."]),  # the speaker's name, without accents
        ("senator", ["This is (frankly) a mess — AND it is getting worse."]),  # the mention
        ("mess AND", ["This is (frankly) a mess — AND it is getting worse."]),
        ("(frankly)", ["This is (frankly) a mess — AND it is getting worse."]),
        ("frankly)", ["This is (frankly) a mess — AND it is getting worse."]),
        ("matters*.", ["Pre-clearance matters*."]),
        ("-clearance", ["Pre-clearance matters*."]),
        ("ceasefire OR mess", []),  # OR is a word to find, not an operator
        ("NOT ceasefire", []),
        ('"ceasefire', ["the ceasefire is holding."]),  # an unbalanced quote
        ('cease"fire', []),
        ("NEAR(ceasefire mess)", []),
        ("content_text:ceasefire", []),
        ("^ceasefire", ["the ceasefire is holding."]),
        ("{content_text}: ceasefire", []),  # column filters are words too
        ("'; DROP TABLE statements; --", []),
    ],
)
def test_search(corpus: Store, search: str, expected: list[str]) -> None:
    assert contents(corpus.statements(search=search)) == expected
    assert corpus.count_statements(search=search) == len(expected)


@pytest.mark.parametrize("nothing", ["", "   ", '"', '""', "*", "-", "()", "-*-", ":"])
def test_search_without_words_finds_nothing(corpus: Store, nothing: str) -> None:
    assert corpus.statements(search=nothing) == []
    assert corpus.count_statements(search=nothing) == 0
    assert corpus.count_statements() == 6  # and the table is still there


def test_fts_query_quotes_every_term() -> None:
    assert fts_query('say "no deal" NEAR(x) pre-* "') == '"say" "no deal" "NEAR(x)" "pre-"*'
    assert fts_query('a"b') == '"a b"'
    assert fts_query("- * ()") is None


def test_search_keeps_up_with_new_versions(corpus: Store, make) -> None:
    a2 = make.article("a1", body="Kirby said the armistice is fragile.")
    corpus.save(a2, [make.statement(a2, "the armistice is fragile", mention="Kirby")])
    assert corpus.statements(search="ceasefire") == []
    assert contents(corpus.statements(search="ceasefire", all_versions=True)) == ["the ceasefire is holding."]
    assert contents(corpus.statements(search="armistice")) == ["the armistice is fragile"]


def test_outlet_and_article_filters(corpus: Store) -> None:
    assert corpus.count_statements(outlet="Other Post") == 3
    assert corpus.count_statements(outlet="other post") == 3
    assert corpus.count_statements(outlet="Nowhere") == 0
    assert {r.article_id for r in corpus.statements(article_id="a1")} == {"a1"}
    assert corpus.count_statements(article_id="zz") == 0


def test_filters_combine(corpus: Store) -> None:
    rows = corpus.statements(
        speaker="ann lee", since="2024-02", search="mess", outlet="Other Post", article_id="b1"
    )
    assert contents(rows) == ["This is (frankly) a mess — AND it is getting worse."]
    row = rows[0]
    assert (row.article_id, row.version, row.outlet, row.url) == (
        "b1",
        1,
        "Other Post",
        "https://news.example/b1",
    )
    assert corpus.statements(speaker="kirby", search="mess") == []


def test_pagination_is_stable_and_complete(corpus: Store) -> None:
    everything = corpus.statements()
    pages = [corpus.statements(limit=2, offset=o) for o in (0, 2, 4, 6)]
    assert [len(p) for p in pages] == [2, 2, 2, 0]
    assert [r for p in pages for r in p] == everything
    assert corpus.statements(offset=4) == everything[4:]
    assert corpus.statements(limit=0) == []
    assert corpus.count_statements() == len(everything) == 6
    with pytest.raises(ValueError, match="limit must be >= 0"):
        corpus.statements(limit=-1)
    with pytest.raises(ValueError, match="offset must be >= 0"):
        corpus.articles(offset=-1)


def test_articles_newest_first_with_outlet_and_paging(store: Store, make) -> None:
    # published (else updated) decides, compared as instants; then the later ingested; undated last
    store.save(make.article("jan", body="January.", published=datetime(2024, 1, 1, 23, tzinfo=make.EST)), [])
    store.save(
        make.article("jan2", body="Also January.", published=datetime(2024, 1, 2, 3, tzinfo=make.UTC)), []
    )
    store.save(make.article("undated", body="When?", published=None), [])
    store.save(
        make.article("upd", body="Updated.", published=None, updated=datetime(2024, 3, 1, tzinfo=make.UTC)),
        [],
    )
    store.save(
        make.article(
            "feb", body="February.", published=datetime(2024, 2, 1, tzinfo=make.UTC), outlet="Other"
        ),
        [],
    )
    store.save(
        make.article("feb-b", body="February too.", published=datetime(2024, 2, 1, tzinfo=make.UTC)), []
    )
    ids = [r.id for r in store.articles()]
    assert ids == ["upd", "feb-b", "feb", "jan", "jan2", "undated"]  # jan: 2024-01-02T04:00Z; jan2: 03:00Z
    assert [r.id for r in store.articles(outlet="other")] == ["feb"]
    assert [r.id for r in store.articles(limit=2, offset=1)] == ["feb-b", "feb"]
    assert [r.id for r in store.articles(limit=10, offset=5)] == ["undated"]


def test_user_text_goes_in_as_parameters(corpus: Store) -> None:
    # every user-typed oddity above goes through parameters, never into the SQL text
    for text in ["'", '"', "\\", "%", "\x00", "🙂"]:
        try:
            corpus.statements(speaker=text, search=text, outlet=text, article_id=text)
        except StoreError as e:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{text!r} raised {e}")


def test_rows_as_dicts_read_a_name_as_the_row_does() -> None:
    """``records`` gives each name the value ``row[name]`` gives: the first column of that name."""
    con = sqlite3.connect(":memory:")
    con.row_factory = sqlite3.Row
    rows = con.execute("SELECT 1 AS a, 2 AS b, 3 AS a UNION ALL SELECT 4, 5, 6").fetchall()
    assert records(rows) == [{"a": r["a"], "b": r["b"]} for r in rows] == [{"a": 1, "b": 2}, {"a": 4, "b": 5}]
    plain = con.execute("SELECT 1 AS a, 'x' AS b").fetchall()
    assert records(plain) == [{"a": 1, "b": "x"}]
    assert records([]) == []
