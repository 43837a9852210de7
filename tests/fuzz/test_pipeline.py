"""The whole ingest under random input: each input is a stored article or one clear error, the batch
goes on, and ingesting the same inputs again stores nothing twice. A real SQLite file, spaCy loaded
once for the module."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from walkback.settings import load_settings
from walkback.store import Store

from .conftest import examples
from .strategies import any_text, html_pages, lite_pages

SETTINGS = load_settings(None, n_process=1, link=False)
INPUTS = st.lists(
    st.tuples(
        st.sampled_from(["a.txt", "b.html", "c", "d.txt"]),
        st.one_of(
            lite_pages(), html_pages(), any_text, st.just("Headline\n\n" + "“It is fine,” he said. " * 3)
        ),
    ),
    min_size=1,
    max_size=4,
)


def _counts(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as conn:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", "article_versions", "statements")
        )  # type: ignore[return-value]


@examples(12)
@given(inputs=INPUTS)
def test_each_input_is_stored_or_one_clear_error(inputs: list[tuple[str, str]]) -> None:
    from walkback.pipeline import ingest_sources

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, (name, text) in enumerate(inputs):
            path = Path(tmp) / f"{i}-{name}"
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
            paths.append(str(path))
        db = Path(tmp) / "fuzz.db"
        outcomes = []
        with Store.open(db) as store:
            summary = ingest_sources(paths, store=store, settings=SETTINGS, on_outcome=outcomes.append)
            assert len(outcomes) == len(paths)
            for o in outcomes:
                if o.status == "failed":
                    assert o.error and "\n" not in o.error and o.source in o.error, o.error
                else:
                    assert o.article is not None and store.article(o.article.id) is not None
            first = _counts(db)
            again = ingest_sources(paths, store=store, settings=SETTINGS)
        assert _counts(db) == first  # nothing stored twice
        assert again.counts["new"] == again.counts["new_version"] == 0
        assert again.failed == summary.failed
