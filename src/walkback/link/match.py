"""Claim matching: rank known claims for each statement, and score whether two statements agree.

The ranking fuses three signals, with weights fitted on the CLEF 2020 CheckThat! task 2 *train*
split only (``benchmarks/match_quality.py`` measures them; ``benchmarks/match_backends.md`` has the
figures)::

    score = W_FULL * cos(query, "title. text") + W_TEXT * cos(query, text) + W_BM25 * bm25 / max bm25

where the cosines come from the sentence encoder (:mod:`walkback.link.embed`) and BM25 runs over
title and text, divided by the best BM25 score of that query so it lies in [0, 1].

Copies of one claim are scored as one. Two claims are copies when title and text are the same
after folding case, runs of white space and the style of quotation marks (the CLEF collection lists
179 of its 10,375 claims twice, once with "double" and once with 'single' quotes). Each copy gets
the score of the first one listed, so the copies tie and come out together, the first-listed first.

The claim vectors are computed once and kept in a cache file named by the sha256 of the documents
(ids, texts, titles) and the encoder, under ``cache_dir`` or ``$XDG_CACHE_HOME/walkback``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import numpy as np

from walkback.errors import InputError
from walkback.link.embed import Encoder, get_encoder

__all__ = [
    "Doc",
    "Matcher",
    "SAME_PROPOSITION_THRESHOLD",
    "claim_key",
    "default_cache_dir",
    "read_tsv",
    "score_pair",
    "write_run",
]

log = logging.getLogger(__name__)

# fitted on the train split (grid search over MAP@5; see benchmarks/match_backends.md)
W_FULL = 0.5
W_TEXT = 0.5
W_BM25 = 0.3
#: cosine above which two statements are taken to state the same proposition: on the train split it
#: best separates each tweet's true claim from the closest wrong one (70 % of such pairs right).
SAME_PROPOSITION_THRESHOLD = 0.57

INDEX_VERSION = "2"  # bump when the cached arrays change meaning
QUERY_CHUNK = 256  # queries scored at once (bounds memory: chunk x number of docs floats)

ID_NAMES = frozenset({"", "id", "qid", "docid", "doc_id", "claim_id", "vclaim_id", "tweet_id", "query_id"})
TEXT_NAMES = frozenset({"text", "vclaim", "claim", "tweet_content", "tweet", "query", "content", "statement"})
TITLE_NAMES = frozenset({"title"})


@dataclass(frozen=True, slots=True)
class Doc:
    """One row of a TSV: a claim (text and maybe a title) or a query (text only)."""

    id: str
    text: str
    title: str | None = None

    @property
    def full_text(self) -> str:
        """Title and text as one passage (the title first, as a headline)."""
        return f"{self.title}. {self.text}" if self.title else self.text


_FOLD_QUOTES = str.maketrans(dict.fromkeys('"\u201c\u201d\u2018\u2019\u201e\u201f`\u00b4', "'"))


def claim_key(doc: Doc) -> str:
    """What two copies of one claim share: title and text with case, white space and quote style folded."""
    return " ".join(f"{doc.title or ''}\n{doc.text}".translate(_FOLD_QUOTES).casefold().split())


def _is_header(row: list[str]) -> bool:
    names = [cell.strip().lower() for cell in row]
    if len(names) < 2 or names[0] not in ID_NAMES or names[1] not in TEXT_NAMES:
        return False
    return len(names) == 2 or names[2] in TITLE_NAMES


def read_tsv(path: str | os.PathLike[str]) -> list[Doc]:
    """Read ``id<TAB>text[<TAB>title]`` rows after a header line, as the CLEF files are written.

    A UTF-8 byte-order mark and double-quoted fields (with ``""`` inside) are accepted; blank
    lines are skipped. Raises :class:`~walkback.errors.InputError` naming the file and line for a
    missing or unreadable file, an empty one, a missing header, a line without a tab, a line with
    more than three fields, an empty or repeated id.
    """
    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file; expected a TSV with a header line", source=source) from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc})", source=source) from None
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", source=source) from None
    if not content.strip():
        raise InputError("the file is empty; expected a header line id<TAB>text[<TAB>title]", source=source)

    reader = csv.reader(io.StringIO(content, newline=""), delimiter="\t", quotechar='"', strict=False)
    docs: list[Doc] = []
    seen: dict[str, int] = {}
    header_seen = False
    start = 1
    for row in reader:
        line = start
        start = reader.line_num + 1
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if not header_seen:
            if not _is_header(row):
                found = "\\t".join(row)[:60]
                raise InputError(
                    f"line {line}: expected a header line like 'id<TAB>text[<TAB>title]', found {found!r}",
                    source=source,
                )
            header_seen = True
            continue
        if len(row) == 1:
            raise InputError(f"line {line}: no tab; expected id<TAB>text[<TAB>title]", source=source)
        if len(row) > 3:
            raise InputError(
                f"line {line}: {len(row)} fields; expected 2 or 3 (id, text, title)", source=source
            )
        doc_id = row[0].strip()
        if not doc_id:
            raise InputError(f"line {line}: empty id", source=source)
        if doc_id in seen:
            raise InputError(f"line {line}: id {doc_id!r} already on line {seen[doc_id]}", source=source)
        seen[doc_id] = line
        title = row[2].strip() if len(row) == 3 and row[2].strip() else None
        docs.append(Doc(doc_id, row[1].strip(), title))
    if not docs:
        raise InputError("no rows after the header line", source=source)
    return docs


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/walkback``, or ``~/.cache/walkback`` when that is not set."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "walkback"


def _resolve_encoder(encoder: Encoder | str | None) -> Encoder:
    return encoder if isinstance(encoder, Encoder) else get_encoder(encoder)


def score_pair(a: str, b: str, encoder: Encoder | str | None = None) -> float:
    """Cosine similarity of two statements' vectors, in [-1, 1].

    Above :data:`SAME_PROPOSITION_THRESHOLD` the two are likely about the same proposition.
    """
    vectors = _resolve_encoder(encoder).encode([a, b])
    return float(np.clip(vectors[0] @ vectors[1], -1.0, 1.0))


class _BM25:
    """BM25 (Lucene variant, k1 1.5, b 0.75) over title and text: English stop words removed, words
    reduced to their Snowball stems (PyStemmer)."""

    def __init__(self, texts: Sequence[str]) -> None:
        import bm25s
        import Stemmer

        self._bm25s = bm25s
        self._stemmer = Stemmer.Stemmer("english")
        self._index = bm25s.BM25()
        tokens = bm25s.tokenize(list(texts), stopwords="en", stemmer=self._stemmer, show_progress=False)
        self._index.index(tokens, show_progress=False)
        self._size = len(texts)

    def normalised_scores(self, queries: Sequence[str]) -> np.ndarray:
        """BM25 scores, each row divided by its maximum (rows with no shared word stay zero)."""
        out = np.zeros((len(queries), self._size), dtype=np.float32)
        tokens = self._bm25s.tokenize(
            list(queries), stopwords="en", stemmer=self._stemmer, return_ids=False, show_progress=False
        )
        for row, words in enumerate(tokens):
            if words:
                out[row] = self._index.get_scores(words)
        top = out.max(axis=1, keepdims=True)
        return np.divide(out, top, out=np.zeros_like(out), where=top > 0)


class Matcher:
    """Ranks ``docs`` (the known claims) for each query.

    ``encoder`` is an :class:`~walkback.link.embed.Encoder` or a backend name (default: the measured
    default of :func:`~walkback.link.embed.get_encoder`). The document vectors are read from
    ``cache_dir`` (default :func:`default_cache_dir`) when an index of the same documents and
    encoder is there, else computed and written there; ``cache=False`` neither reads nor writes.
    """

    def __init__(
        self,
        docs: Sequence[Doc],
        encoder: Encoder | str | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        *,
        cache: bool = True,
    ) -> None:
        if not docs:
            raise ValueError("Matcher needs at least one document")
        self.docs: tuple[Doc, ...] = tuple(docs)
        self.ids: tuple[str, ...] = tuple(d.id for d in self.docs)
        self.encoder = _resolve_encoder(encoder)
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.cache_path: Path | None = self.cache_dir / self._cache_name() if cache else None
        self.index_source = ""  # "cache" or "built", for callers and tests
        # each document's row among the distinct claims (numbered in the order first listed), and
        # the first-listed document of each row
        rows: dict[str, int] = {}
        self._copy = np.array([rows.setdefault(claim_key(d), len(rows)) for d in self.docs], dtype=np.intp)
        self._unique = np.unique(self._copy, return_index=True)[1]
        self._full, self._text = self._load_or_build()
        self._bm25 = _BM25([self.docs[i].full_text for i in self._unique])

    @classmethod
    def from_tsv(cls, path: str | os.PathLike[str], **kwargs: object) -> Matcher:
        """A matcher over the documents of a TSV file (see :func:`read_tsv`)."""
        return cls(read_tsv(path), **kwargs)  # type: ignore[arg-type]

    def _cache_name(self) -> str:
        digest = hashlib.sha256(f"walkback-match-index {INDEX_VERSION}\n{self.encoder.name}\n".encode())
        for doc in self.docs:
            digest.update(f"{doc.id}\t{doc.text}\t{doc.title or ''}\n".encode())
        return f"match-{self.encoder.name}-{digest.hexdigest()[:40]}.npz"

    def _load_or_build(self) -> tuple[np.ndarray, np.ndarray]:
        if self.cache_path is not None and self.cache_path.is_file():
            try:
                with np.load(self.cache_path, allow_pickle=False) as data:
                    full, text = data["full"], data["text"]
                expected = (len(self._unique), self.encoder.dim)
                if full.shape == expected and text.shape == expected:
                    self.index_source = "cache"
                    log.info("read the index of %d documents from %s", len(self.docs), self.cache_path)
                    return full.astype(np.float32), text.astype(np.float32)
                log.warning("ignoring %s: its arrays do not fit these documents", self.cache_path)
            except (OSError, ValueError, KeyError) as exc:
                log.warning("ignoring unreadable index cache %s: %s", self.cache_path, exc)
        full, text = self._build()
        self.index_source = "built"
        if self.cache_path is not None:
            self._write_cache(full, text)
        return full, text

    def _build(self) -> tuple[np.ndarray, np.ndarray]:
        docs = [self.docs[i] for i in self._unique]
        log.info("encoding %d distinct documents with %s", len(docs), self.encoder.name)
        text = self.encoder.encode([d.text for d in docs])
        titled = [k for k, d in enumerate(docs) if d.title]
        full = text.copy()
        if titled:
            full[titled] = self.encoder.encode([docs[k].full_text for k in titled])
        return full, text

    def _write_cache(self, full: np.ndarray, text: np.ndarray) -> None:
        assert self.cache_path is not None
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.cache_dir, prefix=".match-", suffix=".npz")
            try:
                with os.fdopen(fd, "wb") as fh:
                    np.savez(fh, full=full, text=text)
                os.replace(tmp, self.cache_path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            log.info("wrote the index to %s", self.cache_path)
        except OSError as exc:
            log.warning("could not write the index cache %s: %s", self.cache_path, exc)

    def scores(self, queries: Sequence[str]) -> np.ndarray:
        """The fused score of every document for every query: shape ``(len(queries), len(docs))``.

        Copies of one claim (see :func:`claim_key`) get the same score.
        """
        vectors = self.encoder.encode(list(queries))
        fused = W_FULL * (vectors @ self._full.T) + W_TEXT * (vectors @ self._text.T)
        fused += W_BM25 * self._bm25.normalised_scores(queries)
        return fused[:, self._copy]

    def search(self, queries: Sequence[str], top: int = 5) -> list[list[tuple[str, float]]]:
        """For each query, the ``top`` best documents as ``(id, score)``, best first.

        Ties keep the documents' order, so the result is the same on every run.
        """
        if top < 1:
            raise ValueError(f"top must be at least 1, got {top}")
        queries = [str(q) for q in queries]
        top = min(top, len(self.docs))
        results: list[list[tuple[str, float]]] = []
        for start in range(0, len(queries), QUERY_CHUNK):
            fused = self.scores(queries[start : start + QUERY_CHUNK])
            for row in fused:
                if top < len(row):
                    # keep the best `top` by score, then by document order
                    cut = np.partition(-row, top - 1)[top - 1]
                    candidates = np.flatnonzero(-row <= cut)
                else:
                    candidates = np.arange(len(row))
                order = candidates[np.lexsort((candidates, -row[candidates]))][:top]
                results.append([(self.ids[i], float(row[i])) for i in order])
        return results

    def score_pair(self, a: str, b: str) -> float:
        """:func:`score_pair` with this matcher's encoder."""
        return score_pair(a, b, self.encoder)


def write_run(
    out: TextIO | str | os.PathLike[str],
    query_ids: Iterable[str],
    results: Iterable[Sequence[tuple[str, float]]],
    tag: str = "walkback",
) -> int:
    """Write TREC run lines ``qid Q0 doc_id rank score tag``; returns how many lines were written.

    ``out`` is an open text stream or a path (overwritten). An id with whitespace in it would break
    the format, so it is a ``ValueError``.
    """
    if isinstance(out, str | os.PathLike):
        with open(out, "w", encoding="utf-8", newline="\n") as fh:
            return write_run(fh, query_ids, results, tag)
    written = 0
    for qid, ranked in zip(query_ids, results, strict=True):
        for rank, (doc_id, score) in enumerate(ranked, 1):
            if not qid or not doc_id or len(f"{qid} {doc_id}".split()) != 2:
                raise ValueError(
                    f"ids in a run file must be non-empty without whitespace: {qid!r}, {doc_id!r}"
                )
            out.write(f"{qid} Q0 {doc_id} {rank} {score:.6f} {tag}\n")
            written += 1
    return written
