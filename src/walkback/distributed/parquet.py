"""The Parquet results of a distributed run, and loading them into the store (pyarrow; no Spark).

``walkback spark-extract ... --output DIR`` writes two tables under ``DIR``:

- ``DIR/articles/``: :data:`ARTICLES`, one row per article page read (or input that failed), with
  its statements nested in the ``statements`` column (the shape is described in
  :mod:`walkback.distributed.records`). This is what :func:`load_results` reads.
- ``DIR/statements/``: the same statements, one row per statement (the ``statements`` struct's
  fields as columns, plus the article's ``source``, ``url`` and ``published``), for querying with
  Spark, DuckDB or pandas. Derived from the first table; not read back.

:class:`ParquetResults` checks a folder before anything is stored (a folder, Parquet files in it,
every column :data:`ARTICLES` has, nested fields included) and then streams its rows, one batch of
a file at a time, in the order ``walkback ingest`` would have read the inputs (``part``, ``seq``).
:func:`load_results` saves each article through :meth:`walkback.store.Store.save`, so loading the
same results again changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DependencyError, InputError, WalkbackError
from ..pipeline import Outcome, Summary
from .records import outcome_from_row

try:
    import pyarrow as pa
    import pyarrow.parquet as pq
except ImportError:  # pragma: no cover - the spark extra is not installed
    pa = pq = None  # type: ignore[assignment]

__all__ = ["ARTICLES", "ParquetResults", "load_results", "require_pyarrow"]

log = logging.getLogger(__name__)

_BATCH_ROWS = 64  # rows decoded at a time: a batch of article texts, not a whole file


def require_pyarrow() -> None:
    if pa is None:
        raise DependencyError(
            "reading and writing Parquet needs pyarrow, which is not installed: pip install 'walkback[spark]'"
        )


def _schema() -> Any:
    if pa is None:
        return None
    span = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])
    speaker = pa.struct(
        [
            ("name", pa.string()),
            ("mention", span),
            ("role", pa.string()),
            ("affiliation", pa.string()),
            ("anonymous", pa.bool_()),
            ("kind", pa.string()),
            ("resolved_from", span),
        ]
    )
    said_on = pa.struct(
        [("value", pa.string()), ("precision", pa.string()), ("source", pa.string()), ("evidence", span)]
    )
    statement = pa.struct(
        [
            ("id", pa.string()),
            ("article_id", pa.string()),
            ("kind", pa.string()),
            ("content", span),
            ("cue", span),
            ("speaker", speaker),
            ("said_on", said_on),
            ("medium", pa.string()),
            ("medium_span", span),
            ("confidence", pa.float64()),
            ("sentence", span),
            ("rule", pa.string()),
            ("segments", pa.list_(span)),
        ]
    )
    return pa.schema(
        [
            ("part", pa.int32()),
            ("seq", pa.int32()),
            ("source", pa.string()),
            ("error", pa.string()),
            ("id", pa.string()),
            ("url", pa.string()),
            ("outlet", pa.string()),
            ("title", pa.string()),
            ("authors", pa.list_(pa.string())),
            ("published", pa.string()),  # ISO 8601 with the page's UTC offset
            ("updated", pa.string()),
            ("fetched_at", pa.string()),
            ("text", pa.string()),
            ("paragraphs", pa.list_(pa.struct([("start", pa.int64()), ("end", pa.int64())]))),
            ("content_hash", pa.string()),
            ("statements", pa.list_(statement)),
            ("language", pa.string()),  # absent from tables written before it: read as unknown
        ]
    )


#: the ``articles`` table's schema (``None`` without pyarrow)
ARTICLES = _schema()
#: the columns a table may lack (written by an earlier walkback): read as nulls
OPTIONAL = frozenset({"language"})


# -- checking a table's shape ----------------------------------------------------------------------


def _kind(t: Any) -> str:
    if pa.types.is_struct(t):
        return "struct"
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return "list"
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return "string"
    if pa.types.is_integer(t):
        return "integer"
    if pa.types.is_floating(t):
        return "float"
    if pa.types.is_boolean(t):
        return "boolean"
    if pa.types.is_null(t):
        return "null"  # a column Spark found only nulls in
    return str(t)


def _problems(actual: Any, expected: Any, name: str, missing: list[str], wrong: list[str]) -> None:
    want, got = _kind(expected), _kind(actual)
    if got == "null":
        return
    if want != got and not (want == "float" and got == "integer"):
        wrong.append(f"{name} is {actual}, not {want}")
        return
    if want == "struct":
        have = {actual.field(i).name: actual.field(i).type for i in range(actual.num_fields)}
        for f in expected:
            if f.name not in have:
                missing.append(f"{name}.{f.name}")
            else:
                _problems(have[f.name], f.type, f"{name}.{f.name}", missing, wrong)
    elif want == "list":
        _problems(actual.value_type, expected.value_type, f"{name}[]", missing, wrong)


def _check_schema(path: Path, schema: Any) -> None:
    missing: list[str] = []
    wrong: list[str] = []
    for f in ARTICLES:
        idx = schema.get_field_index(f.name)
        if idx < 0:
            if f.name not in OPTIONAL:
                missing.append(f.name)
        else:
            _problems(schema.field(idx).type, f.type, f.name, missing, wrong)
    if missing:
        raise InputError(
            f"missing column(s) {', '.join(missing)}; walkback spark-extract writes "
            f"{', '.join(ARTICLES.names)}",
            source=str(path),
        )
    if wrong:
        raise InputError(f"column(s) of the wrong type: {'; '.join(wrong)}", source=str(path))


# -- reading ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _File:
    path: Path
    rows: int
    first: tuple[int, int]  # (part, seq) of its first row in input order
    ordered: bool  # its rows are in input order already (as Spark writes them)


class ParquetResults:
    """The ``articles`` table of a ``walkback spark-extract`` output folder, checked.

    ``ParquetResults(path)`` takes the output folder (or its ``articles`` folder, or one Parquet
    file) and raises :class:`~walkback.errors.InputError` naming it when it is not such a table.
    """

    def __init__(self, path: str | Path) -> None:
        require_pyarrow()
        self.path = Path(path)
        files = self._files(self.path)
        checked: list[_File] = []
        for f in files:
            try:
                parquet = pq.ParquetFile(f)
                _check_schema(f, parquet.schema_arrow)
                keys = parquet.read(columns=["part", "seq"])
            except InputError:
                raise
            except (pa.ArrowException, OSError) as e:
                raise InputError(f"not a readable Parquet file: {_first_line(e)}", source=str(f)) from None
            if keys.num_rows == 0:
                continue
            pairs = list(zip(keys["part"].to_pylist(), keys["seq"].to_pylist(), strict=True))
            if any(p is None or s is None for p, s in pairs):
                raise InputError("column part or seq has empty values", source=str(f))
            checked.append(_File(f, len(pairs), min(pairs), pairs == sorted(pairs)))
        checked.sort(key=lambda f: f.first)
        self.files = tuple(checked)
        self.rows = sum(f.rows for f in checked)

    @staticmethod
    def _files(path: Path) -> list[Path]:
        if not path.exists():
            raise InputError("no such file or directory", source=str(path))
        if path.is_file():
            return [path]
        if not path.is_dir():
            raise InputError("not a directory", source=str(path))
        table = path / "articles" if (path / "articles").is_dir() else path
        files = sorted(
            p
            for p in table.iterdir()
            if p.is_file() and not p.name.startswith(("_", ".")) and p.stat().st_size
        )
        parquet = [p for p in files if p.suffix == ".parquet"]
        if not parquet:
            raise InputError(
                f"no Parquet files in {table}; give the --output folder of walkback spark-extract",
                source=str(path),
            )
        return parquet

    def __len__(self) -> int:
        return self.rows

    def outcomes(self) -> Iterator[Outcome]:
        """Every row as an :class:`~walkback.pipeline.Outcome` (``"extracted"`` or ``"failed"``), in
        input order. A row that cannot be read is a failed outcome naming the file and row, and a
        file that breaks half way one naming the file; the others go on."""
        for f in self.files:
            n = 0
            try:
                parquet = pq.ParquetFile(f.path)
                have = set(parquet.schema_arrow.names)
                columns = [c for c in ARTICLES.names if c in have or c not in OPTIONAL]
                if f.ordered:
                    batches = parquet.iter_batches(batch_size=_BATCH_ROWS, columns=columns)
                else:  # rewritten by another tool: this file in memory, to put it in order
                    table = parquet.read(columns=columns).sort_by(
                        [("part", "ascending"), ("seq", "ascending")]
                    )
                    batches = iter(table.to_batches(max_chunksize=_BATCH_ROWS))
                for batch in batches:
                    for row in batch.to_pylist():
                        yield self._outcome(f.path, n, row)
                        n += 1
            except (pa.ArrowException, OSError) as e:
                where = f"{f.path}#row{n}"
                yield Outcome(
                    source=where, status="failed", error=f"{where}: cannot be read: {_first_line(e)}"
                )

    @staticmethod
    def _outcome(path: Path, n: int, row: dict[str, Any]) -> Outcome:
        try:
            return outcome_from_row(row)
        except (KeyError, TypeError, ValueError) as e:
            where = f"{path}#row{n}"
            return Outcome(source=where, status="failed", error=f"{where}: cannot be read: {_first_line(e)}")


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def load_results(
    results: ParquetResults,
    *,
    store,  # type: ignore[no-untyped-def]
    on_outcome: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Save every article of ``results`` with its statements, as ``walkback ingest`` would have: each
    in its own transaction, an unchanged one skipped, a changed one a new version; failed inputs are
    counted (and passed to ``on_outcome`` with their error)."""
    summary = Summary()
    for o in results.outcomes():
        if o.status == "extracted" and o.article is not None:
            try:
                res = store.save(o.article, o.statements)
            except WalkbackError as e:
                o = Outcome(source=o.source, status="failed", article=o.article, error=str(e))
            else:
                o = Outcome(
                    source=o.source,
                    status=res.status,
                    article=o.article,
                    statements=o.statements,
                    version=res.version,
                )
        summary.add(o)
        if on_outcome is not None:
            on_outcome(o)
    log.info("loaded %s: %s", results.path, summary.line())
    return summary
