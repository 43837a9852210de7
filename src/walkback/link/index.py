"""The nearest-neighbour index over statement embeddings (HNSW, through usearch).

The database is the truth: each linked statement's vector is stored with its links. The index is a
cache of them in a file beside the database (``walkback.db.vectors``), so finding the statements
nearest to a new one costs a logarithmic search, not a scan. When the file is missing, damaged, or
out of step with the database (a run killed after committing links but before saving the index),
it is brought up to date from the database: new vectors are added, and when the count still
differs (another process linked or unlinked statements meanwhile) the keys are compared and only
those that differ are added or removed.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import numpy as np

__all__ = ["VectorIndex"]

log = logging.getLogger(__name__)


# one thread: usearch's parallel insertion makes the graph, and so the approximate neighbours, differ
# from run to run; the record must come out the same every time
THREADS = 1


class VectorIndex:
    """Statement pk -> unit vector, searched by cosine similarity."""

    def __init__(self, dim: int, path: str | os.PathLike[str] | None = None) -> None:
        from usearch.index import Index, ScalarKind

        self.dim = dim
        self.path = Path(path) if path is not None else None
        self._new = lambda: Index(ndim=dim, metric="cos", dtype=ScalarKind.F32, connectivity=16)
        self._index = self._new()
        self.dirty = False
        if self.path is not None and self.path.is_file():
            try:
                loaded = Index.restore(str(self.path))
            except Exception as e:  # a damaged cache is rebuilt, never trusted
                log.warning("vector index %s unreadable (%s); it will be rebuilt", self.path, e)
            else:
                if loaded is not None and loaded.ndim == dim:
                    self._index = loaded

    def __len__(self) -> int:
        return len(self._index)

    @property
    def max_key(self) -> int:
        keys = self._index.keys
        return int(np.max(np.asarray(keys))) if len(self._index) else 0

    def sync(self, store) -> None:  # type: ignore[no-untyped-def]
        """Add what the database holds beyond the index; rebuild when the counts still differ."""
        pks, vecs = store.vectors(after_pk=self.max_key)
        if len(pks):
            self._index.add(pks, vecs, threads=THREADS)
            self.dirty = True
        if len(self._index) != store.vector_count():
            # another process linked statements below our highest key, or unlinked some: mend what
            # differs (rebuilding it whole, inside the write lock, would grow with the database)
            log.info("vector index out of step with the database; bringing it up to date")
            keys = np.asarray(store.vector_keys(), dtype=np.int64)
            have = np.asarray(self._index.keys, dtype=np.int64) if len(self._index) else keys[:0]
            self.remove([int(k) for k in np.setdiff1d(have, keys)])
            missing = np.setdiff1d(keys, have)
            if len(missing):
                pks, vecs = store.vectors_of(missing.tolist())
                self._index.add(pks, vecs, threads=THREADS)
            self.dirty = True

    def add(self, pks: list[int], vectors: np.ndarray) -> None:
        if pks:
            self._index.add(
                np.asarray(pks, dtype=np.int64), np.asarray(vectors, dtype=np.float32), threads=THREADS
            )
            self.dirty = True

    def remove(self, pks: list[int]) -> None:
        for pk in pks:
            if pk in self._index:
                self._index.remove(pk)
                self.dirty = True

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The ``k`` nearest statements as (pk, cosine similarity), nearest first."""
        if not len(self._index):
            return []
        found = self._index.search(
            np.asarray(vector, dtype=np.float32), min(k, len(self._index)), threads=THREADS
        )
        return [(int(key), 1.0 - float(dist)) for key, dist in zip(found.keys, found.distances, strict=True)]

    def save(self) -> None:
        if self.path is not None and self.dirty:
            tmp = self.path.with_name(self.path.name + ".tmp")
            self._index.save(str(tmp))
            os.replace(tmp, self.path)
            self.dirty = False
