"""The Parquet results and `walkback load`, without Spark: rows written by pyarrow from real extractions.

A row read back is the outcome written (article and statements equal, field by field); a folder is
checked before anything is stored, and bad input (a missing path, a file that is no Parquet, a
folder without Parquet, columns missing or of the wrong type) is one line naming it, a non-zero exit,
and a database left as it was.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from walkback.errors import InputError
from walkback.pipeline import Outcome, extract_split
from walkback.settings import Settings

from ..test_cli import no_traceback, summary_line, walkback
from .pages import FRIDAY_URL, write_crawls

pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install -e '.[spark]')")
pq = pytest.importorskip("pyarrow.parquet")

from walkback.distributed import ARTICLES, ParquetResults, outcome_from_row, outcome_row  # noqa: E402


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path], list[Outcome]]:
    """The two crawls, and their outcomes extracted in this process (the model loads once)."""
    where = tmp_path_factory.mktemp("crawls")
    paths = write_crawls(where)
    outcomes = [o for p in paths for o in extract_split(str(p), settings=Settings())]
    return where, paths, outcomes


def _write(folder: Path, outcomes: list[Outcome], parts: int = 2) -> Path:
    """Write outcomes as the articles table in ``parts`` files, as Spark would (one file per task)."""
    table = folder / "articles"
    table.mkdir(parents=True)
    rows = [outcome_row(o, part=0, seq=i) for i, o in enumerate(outcomes)]
    size = -(-len(rows) // parts)
    for k in range(parts):
        chunk = rows[k * size : (k + 1) * size]
        pq.write_table(pa.Table.from_pylist(chunk, schema=ARTICLES), table / f"part-{k:05d}.snappy.parquet")
    (table / "_SUCCESS").write_bytes(b"")
    return folder


def test_a_row_read_back_is_the_outcome_written(extracted, tmp_path: Path) -> None:
    _, _, outcomes = extracted
    assert [o.status for o in outcomes].count("failed") == 1  # the cookie wall
    assert sum(len(o.statements) for o in outcomes) > 10
    for o in outcomes:
        back = outcome_from_row(outcome_row(o, part=0, seq=0))
        assert back == o  # every field of the article and of each statement, confidence unrounded
    results = ParquetResults(_write(tmp_path / "out", outcomes))
    assert len(results) == len(outcomes)
    assert list(results.outcomes()) == outcomes
    # the dates keep the page's UTC offset (a Parquet timestamp would not)
    friday = next(o.article for o in outcomes if o.article and o.article.url == FRIDAY_URL)
    assert friday.published is not None and friday.published.isoformat() == "2024-02-02T19:30:00-05:00"


def test_results_written_before_languages_were_stored_load_with_none(extracted, tmp_path: Path) -> None:
    _, _, outcomes = extracted
    assert {o.article.language for o in outcomes if o.article} == {"en"}
    table = tmp_path / "old" / "articles"
    table.mkdir(parents=True)
    rows = pa.Table.from_pylist(
        [outcome_row(o, part=0, seq=i) for i, o in enumerate(outcomes)], schema=ARTICLES
    )
    pq.write_table(rows.drop_columns(["language"]), table / "part-00000.parquet")
    back = list(ParquetResults(tmp_path / "old").outcomes())
    assert [o.article.language for o in back if o.article] == [None] * sum(1 for o in outcomes if o.article)
    assert [o.statements for o in back] == [o.statements for o in outcomes]


def test_rows_are_read_in_input_order_whatever_the_file_names(extracted, tmp_path: Path) -> None:
    _, _, outcomes = extracted
    table = tmp_path / "out" / "articles"
    table.mkdir(parents=True)
    rows = [outcome_row(o, part=i // 3, seq=i % 3) for i, o in enumerate(outcomes)]
    # the later rows in the file named first, and one file's rows shuffled
    pq.write_table(pa.Table.from_pylist(rows[3:][::-1], schema=ARTICLES), table / "a.parquet")
    pq.write_table(pa.Table.from_pylist(rows[:3], schema=ARTICLES), table / "b.parquet")
    assert [o.source for o in ParquetResults(tmp_path / "out").outcomes()] == [o.source for o in outcomes]


def test_bad_results_are_named_before_anything_is_read(extracted, tmp_path: Path) -> None:
    _, _, outcomes = extracted
    with pytest.raises(InputError, match="no such file or directory") as e:
        ParquetResults(tmp_path / "nowhere")
    assert str(e.value).startswith(str(tmp_path / "nowhere"))
    empty = tmp_path / "empty"
    (empty / "articles").mkdir(parents=True)
    with pytest.raises(InputError, match="no Parquet files in .*give the --output folder"):
        ParquetResults(empty)
    fake = tmp_path / "fake" / "articles"
    fake.mkdir(parents=True)
    (fake / "part-00000.parquet").write_text("id,url\n1,https://example.com\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable Parquet file") as e:
        ParquetResults(tmp_path / "fake")
    assert str(fake / "part-00000.parquet") in str(e.value)

    good = pa.Table.from_pylist(
        [outcome_row(o, part=0, seq=i) for i, o in enumerate(outcomes)], schema=ARTICLES
    )
    lacking = tmp_path / "lacking.parquet"
    pq.write_table(good.drop_columns(["statements", "title"]), lacking)
    with pytest.raises(
        InputError, match=r"missing column\(s\) title, statements; walkback spark-extract writes"
    ):
        ParquetResults(lacking)
    # a nested field missing: the statements' speaker without a name
    statement = ARTICLES.field("statements").type.value_type
    speaker = statement.field("speaker").type
    thin_speaker = pa.struct([f for f in speaker if f.name != "name"])
    thin = pa.schema(
        [
            f.with_type(
                pa.list_(
                    pa.struct([s.with_type(thin_speaker) if s.name == "speaker" else s for s in statement])
                )
            )
            if f.name == "statements"
            else f
            for f in ARTICLES
        ]
    )
    nested = tmp_path / "nested.parquet"
    pq.write_table(pa.Table.from_pylist([{"part": 0, "seq": 0, "statements": []}], schema=thin), nested)
    with pytest.raises(InputError, match=r"missing column\(s\) statements\[\]\.speaker\.name;"):
        ParquetResults(nested)
    wrong = tmp_path / "wrong.parquet"
    pq.write_table(
        good.set_column(good.schema.get_field_index("authors"), "authors", pa.array(["x"] * len(good))), wrong
    )
    with pytest.raises(InputError, match=r"authors is string, not list"):
        ParquetResults(wrong)
    for path in (lacking, nested, wrong):
        message = str(pytest.raises(InputError, ParquetResults, path).value)
        assert "\n" not in message and message.startswith(str(path))


def test_load_stores_then_skips_and_bad_input_loses_nothing(extracted, tmp_path: Path) -> None:
    where, _, outcomes = extracted
    results = _write(tmp_path / "out", outcomes)
    db = tmp_path / "ledger.db"
    r = walkback("load", results, "--db", db, cwd=where)
    no_traceback(r)
    assert r.returncode == 1, r.stderr  # the cookie wall failed, as it does in ingest
    assert summary_line(r) == "articles: 3 new, 0 unchanged, 1 new version, 1 failed; statements found: 19"
    assert "linked " in r.stdout
    err = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert (
        len(err) == 1 and err[0].startswith("walkback: ") and "no article found in this HTML page" in err[0]
    )

    def articles() -> list[dict]:  # type: ignore[type-arg]
        out = walkback("articles", "--db", db, "--format", "json", cwd=where)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    before = articles()
    assert len(before) == 3 and {a["url"] for a in before} >= {FRIDAY_URL}
    again = walkback("load", results, "--db", db, "--quiet", cwd=where)
    assert again.returncode == 1 and again.stdout == ""
    r = walkback("load", results, "--db", db, cwd=where)
    assert summary_line(r) == "articles: 0 new, 4 unchanged, 0 new version, 1 failed; statements found: 0"

    bad = tmp_path / "bad" / "articles"
    bad.mkdir(parents=True)
    (bad / "part-00000.parquet").write_bytes(b"PAR1 but not really")
    for target in (tmp_path / "nowhere", tmp_path / "bad", where / "crawl-1.warc.gz"):
        r = walkback("load", target, "--db", db, cwd=where)
        no_traceback(r)
        assert r.returncode == 1, (target, r.stdout, r.stderr)
        lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and lines[0].startswith("walkback: error: ") and str(target) in lines[0], (
            r.stderr
        )
    assert articles() == before
