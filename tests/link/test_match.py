"""Claim matching: reading TSVs, the encoders and their fallback, ranking, the index cache, run files,
and the quality on the real CLEF 2020 dev split."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from walkback.errors import InputError, WalkbackError
from walkback.link import embed
from walkback.link.embed import ENCODERS, HashingEncoder, get_encoder
from walkback.link.match import (
    SAME_PROPOSITION_THRESHOLD,
    Doc,
    Matcher,
    claim_key,
    read_tsv,
    score_pair,
    write_run,
)

CLAIMS = [
    Doc("vax", "COVID-19 vaccines alter human DNA.", "Do mRNA vaccines change your genes?"),
    Doc("wall", "Mexico paid for the border wall.", None),
    Doc("moon", "The 1969 moon landing was staged in a film studio.", "Was Apollo 11 faked?"),
    Doc("5g", "5G cell towers spread the coronavirus.", None),
    Doc("water", "Drinking hot water every 15 minutes kills the virus.", None),
    Doc("cheese", "Eating cheese before bed causes nightmares.", None),
]


def write(tmp_path: Path, text: str | bytes, name: str = "in.tsv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def encoder() -> embed.Encoder:
    return get_encoder()


# --- read_tsv ---------------------------------------------------------------------------------


def test_read_tsv_clef_claims_with_bom_quotes_and_titles(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "\ufeff\tvclaim\ttitle\n"
        '0\t"A ""large-scale killing"" of farmers is taking place."\tIs a ‘Large-Scale Killing’ Underway?\n'
        "\n"
        "1\tPlain claim without a title.\t\n"
        '2\t"A quoted field\nspanning two lines."\tTitle\n',
    )
    docs = read_tsv(path)
    assert docs == [
        Doc(
            "0", 'A "large-scale killing" of farmers is taking place.', "Is a ‘Large-Scale Killing’ Underway?"
        ),
        Doc("1", "Plain claim without a title.", None),
        Doc("2", "A quoted field\nspanning two lines.", "Title"),
    ]
    assert docs[0].full_text.startswith("Is a ‘Large-Scale Killing’ Underway?. A ")
    assert docs[1].full_text == "Plain claim without a title."


def test_read_tsv_queries_with_named_header(tmp_path: Path) -> None:
    path = write(tmp_path, "id\ttext\nq1\tMexico will pay for it — Someone (@someone) May 1, 2019\n")
    assert read_tsv(path) == [Doc("q1", "Mexico will pay for it — Someone (@someone) May 1, 2019")]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "the file is empty"),
        ("   \n\n", "the file is empty"),
        ("\ttweet_content\n", "no rows after the header"),
        ("1\tTrump said so\n", "line 1: expected a header line"),
        ("\tvclaim\ttitle\n0\tok\tT\n1 no tab here\n", "line 3: no tab"),
        ("id\ttext\na\tone\nb\ttwo\tthree\tfour\n", "line 3: 4 fields"),
        ("id\ttext\na\tone\na\tagain\n", "line 3: id 'a' already on line 2"),
        ("id\ttext\n\tno id\n", "line 2: empty id"),
        (b"id\ttext\na\t\xff\xfe bad\n", "not UTF-8"),
    ],
)
def test_read_tsv_rejects_bad_files(tmp_path: Path, content: str | bytes, expected: str) -> None:
    path = write(tmp_path, content)
    with pytest.raises(InputError) as info:
        read_tsv(path)
    message = str(info.value)
    assert expected in message
    assert message.startswith(str(path))
    assert "\n" not in message
    assert info.value.source == str(path)


def test_read_tsv_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file") as info:
        read_tsv(tmp_path / "nope.tsv")
    assert isinstance(info.value, WalkbackError)
    assert info.value.source == str(tmp_path / "nope.tsv")


# --- encoders ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [n for n, cls in ENCODERS.items() if cls.available()])
def test_encoder_contract(name: str) -> None:
    enc = get_encoder(name)
    assert enc.name == name
    vectors = enc.encode(
        ["Mexico paid for the wall.", "The moon landing was faked.", "Mexico paid for the wall."]
    )
    assert vectors.dtype == np.float32
    assert vectors.shape == (3, enc.dim)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(vectors[0], vectors[2])
    np.testing.assert_array_equal(
        vectors,
        enc.encode(["Mexico paid for the wall.", "The moon landing was faked.", "Mexico paid for the wall."]),
    )
    assert enc.encode([]).shape == (0, enc.dim)
    assert get_encoder(name) is enc


def test_default_encoder_is_the_measured_one() -> None:
    assert embed.DEFAULT_ENCODER == "minilm-onnx"
    assert get_encoder().name == "minilm-onnx", "the default backend's packages should be installed"


def test_unknown_encoder_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown encoder 'nope'; known: minilm-onnx"):
        get_encoder("nope")


def test_fallback_when_packages_are_missing(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    for name, cls in ENCODERS.items():
        if name != "hashing":
            monkeypatch.setattr(cls, "requires", ("walkback_no_such_module",))
    monkeypatch.setattr(embed, "_instances", {})
    with caplog.at_level(logging.WARNING, logger="walkback.link.embed"):
        enc = get_encoder()
    assert isinstance(enc, HashingEncoder)
    assert embed.available_encoders() == ["hashing"]
    assert "encoder 'minilm-onnx' needs walkback_no_such_module, which is not installed; using 'hashing'" in (
        caplog.text
    )
    # the fallback still matches on shared words, deterministically
    matcher = Matcher(CLAIMS, encoder=enc, cache=False)
    assert matcher.search(["who paid for the border wall?"], 1)[0][0][0] == "wall"
    assert matcher.search(["cheese nightmares"], 2) == matcher.search(["cheese nightmares"], 2)


# --- ranking ----------------------------------------------------------------------------------


def test_paraphrases_find_their_claim_first(encoder: embed.Encoder) -> None:
    matcher = Matcher(CLAIMS, encoder=encoder, cache=False)
    queries = {
        "vax": "These mRNA shots will permanently rewrite your genetic code, wake up people!",
        "moon": "Armstrong never walked on the lunar surface, it was all shot on a Hollywood set",
        "wall": "Our neighbours down south are footing the bill for the barrier, just as promised",
        "water": "Sip something warm every quarter hour and the germ dies in your throat",
    }
    results = matcher.search(list(queries.values()), top=3)
    for expected, ranked in zip(queries, results, strict=True):
        assert ranked[0][0] == expected, ranked
        assert len(ranked) == 3
        assert ranked[0][1] >= ranked[1][1] >= ranked[2][1]


def test_search_limits(encoder: embed.Encoder) -> None:
    matcher = Matcher(CLAIMS, encoder=encoder, cache=False)
    assert [len(r) for r in matcher.search(["anything", "else"], top=100)] == [6, 6]
    assert matcher.search([], top=5) == []
    with pytest.raises(ValueError, match="top must be at least 1"):
        matcher.search(["x"], top=0)
    with pytest.raises(ValueError, match="at least one document"):
        Matcher([], encoder=encoder, cache=False)


def test_ties_keep_document_order() -> None:
    docs = [Doc(str(i), "The same sentence.") for i in range(5)]
    matcher = Matcher(docs, encoder=HashingEncoder(), cache=False)
    assert [d for d, _ in matcher.search(["the same sentence"], top=3)[0]] == ["0", "1", "2"]


def test_copies_of_a_claim_tie_and_keep_their_order() -> None:
    """The CLEF collection lists some claims twice, once with "double" and once with 'single'
    quotes; a copy must never push its first-listed twin down the ranking."""
    docs = [
        Doc("a", 'Hillary Clinton said "we must destroy Syria for Israel."', "Did Clinton Say It?"),
        Doc("b", "Cheese causes nightmares.", None),
        Doc("c", "Hillary  Clinton said 'we must destroy Syria for Israel.'", "did clinton say it?"),
        Doc("d", "Hillary Clinton said “we must destroy Syria for Israel.”", "Did Clinton Say It?"),
        Doc("e", "Hillary Clinton said we must destroy Syria for Israel.", "Did Clinton Say It?"),
    ]
    assert claim_key(docs[0]) == claim_key(docs[2]) == claim_key(docs[3]) != claim_key(docs[4])
    enc = HashingEncoder()
    matcher = Matcher(docs, encoder=enc, cache=False)
    assert enc.texts_encoded == 2 + 1 + 2, "each distinct claim once: text, and title + text if titled"
    # the query is worded like the second copy, yet the first-listed copy comes first
    ranked = matcher.search(["Hillary Clinton said 'we must destroy Syria for Israel.'"], top=4)[0]
    assert [d for d, _ in ranked[:3]] == ["a", "c", "d"]
    assert ranked[0][1] == ranked[1][1] == ranked[2][1]
    assert ranked[3][0] == "e"
    scores = matcher.scores(["cheese"])
    assert scores.shape == (1, 5)
    assert scores[0, 0] == scores[0, 2] == scores[0, 3]


def test_score_pair(encoder: embed.Encoder) -> None:
    same = score_pair(
        "The minister said taxes will rise next year.",
        "Taxes are going up next year, according to the minister.",
    )
    other = score_pair(
        "The minister said taxes will rise next year.", "A dog won the cheese-rolling contest."
    )
    assert same > SAME_PROPOSITION_THRESHOLD > other
    matcher = Matcher(CLAIMS[:2], encoder=encoder, cache=False)
    assert matcher.score_pair("a b", "a b") == pytest.approx(1.0, abs=1e-5)


# --- the index cache --------------------------------------------------------------------------


def test_index_is_cached_and_reused(tmp_path: Path) -> None:
    enc = HashingEncoder()
    first = Matcher(CLAIMS, encoder=enc, cache_dir=tmp_path)
    assert first.index_source == "built"
    encoded = enc.texts_encoded
    assert encoded > 0
    assert first.cache_path is not None and first.cache_path.parent == tmp_path
    mtime = first.cache_path.stat().st_mtime_ns

    second = Matcher(CLAIMS, encoder=enc, cache_dir=tmp_path)
    assert second.index_source == "cache"
    assert enc.texts_encoded == encoded, "the second matcher must not encode the claims again"
    assert second.cache_path == first.cache_path
    assert first.cache_path.stat().st_mtime_ns == mtime
    query = ["Mexico paid for the wall"]
    assert second.search(query, 3) == first.search(query, 3)

    changed = Matcher([*CLAIMS, Doc("new", "A new claim.")], encoder=enc, cache_dir=tmp_path)
    assert changed.index_source == "built"
    assert changed.cache_path != first.cache_path
    assert len(list(tmp_path.glob("match-hashing-*.npz"))) == 2


def test_cache_off_and_default_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    enc = HashingEncoder()
    uncached = Matcher(CLAIMS, encoder=enc, cache=False)
    assert uncached.cache_path is None
    assert not (tmp_path / "xdg").exists()
    default = Matcher(CLAIMS, encoder=enc)
    assert default.cache_path is not None and default.cache_path.parent == tmp_path / "xdg" / "walkback"
    assert default.cache_path.is_file()


def test_corrupt_or_unwritable_cache_is_not_fatal(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    enc = HashingEncoder()
    path = Matcher(CLAIMS, encoder=enc, cache_dir=tmp_path).cache_path
    assert path is not None
    path.write_bytes(b"not a zip file")
    with caplog.at_level(logging.WARNING, logger="walkback.link.match"):
        again = Matcher(CLAIMS, encoder=enc, cache_dir=tmp_path)
    assert again.index_source == "built"
    assert "ignoring unreadable index cache" in caplog.text
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with caplog.at_level(logging.WARNING, logger="walkback.link.match"):
        nowhere = Matcher(CLAIMS, encoder=enc, cache_dir=blocker / "sub")
    assert nowhere.search(["cheese"], 1)[0][0][0] == "cheese"
    assert "could not write the index cache" in caplog.text


# --- run files --------------------------------------------------------------------------------


def test_write_run(tmp_path: Path) -> None:
    out = io.StringIO()
    n = write_run(out, ["q1", "q2"], [[("7", 0.91234567), ("3", 0.5)], [("3", 0.25)]])
    assert n == 3
    assert out.getvalue() == (
        "q1 Q0 7 1 0.912346 walkback\nq1 Q0 3 2 0.500000 walkback\nq2 Q0 3 1 0.250000 walkback\n"
    )
    path = tmp_path / "run.txt"
    assert write_run(path, ["q1"], [[("7", 1.0)]]) == 1
    assert path.read_text() == "q1 Q0 7 1 1.000000 walkback\n"
    with pytest.raises(ValueError, match="without whitespace"):
        write_run(io.StringIO(), ["q 1"], [[("7", 1.0)]])
    with pytest.raises(ValueError):
        write_run(io.StringIO(), ["q1", "q2"], [[("7", 1.0)]])


# --- the real CLEF 2020 dev split ---------------------------------------------------------------


@pytest.mark.slow
def test_clef_dev_map_at_5(shared_dir: Path, tmp_path: Path, encoder: embed.Encoder) -> None:
    """All dev tweets against the dev split's true claims plus every 8th other claim (1,458 claims,
    to keep CI short); benchmarks/match_quality.py measures all 10,375 (MAP@5 0.888 there)."""
    data = shared_dir / "data" / "clef2020-claims"
    scorer = shared_dir / "eval" / "map_at_k.py"
    if not (data / "dev" / "tweets.queries.tsv").is_file() or not scorer.is_file():
        pytest.skip(f"CLEF 2020 claim data or scorer missing under {shared_dir}")
    qrels = data / "dev" / "tweet-vclaim-pairs.qrels"
    gold = {line.split()[2] for line in qrels.read_text().splitlines() if line.strip()}
    claims = read_tsv(data / "verified_claims.docs.tsv")
    subset = [c for i, c in enumerate(claims) if c.id in gold or i % 8 == 0]
    queries = read_tsv(data / "dev" / "tweets.queries.tsv")

    matcher = Matcher(subset, encoder=encoder, cache_dir=tmp_path)
    run = tmp_path / "dev.run"
    write_run(run, [q.id for q in queries], matcher.search([q.text for q in queries], top=5))
    out = subprocess.run(
        [sys.executable, str(scorer), str(qrels), str(run), "5"], capture_output=True, text=True, check=True
    ).stdout
    score = float(out.split()[1])
    assert score >= 0.93, out  # measured 0.951 on this subset


def test_batches_bound_padded_characters() -> None:
    import numpy as np

    from walkback.link.embed import BATCH, BATCH_CHARS, _batches

    lengths = [10] * 100 + [1200] * 30
    order = np.argsort(lengths, kind="stable")
    batches = _batches(order, lengths)
    assert sorted(int(i) for b in batches for i in b) == list(range(130))  # every text, once
    for b in batches:
        assert len(b) <= BATCH
        assert len(b) == 1 or len(b) * max(lengths[i] for i in b) <= BATCH_CHARS
