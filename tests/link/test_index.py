"""The vector index catches up with links other processes made or dropped, without a rebuild.

(It notices them by count, as before: a round in which as many links were dropped as made goes unseen
until the counts differ.)
"""

from __future__ import annotations

import numpy as np

from walkback.link.index import VectorIndex


class Links:
    """What the index reads of a store: linked statements' vectors by pk."""

    def __init__(self, vectors: dict[int, np.ndarray]) -> None:
        self.v = vectors
        self.full_reads = 0

    def _pairs(self, keys: list[int]) -> tuple[np.ndarray, np.ndarray]:
        if not keys:
            return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
        return np.array(keys, dtype=np.int64), np.stack([self.v[k] for k in keys])

    def vectors(self, after_pk: int = 0) -> tuple[np.ndarray, np.ndarray]:
        self.full_reads += after_pk == 0
        return self._pairs(sorted(k for k in self.v if k > after_pk))

    def vector_count(self) -> int:
        return len(self.v)

    def vector_keys(self) -> list[int]:
        return sorted(self.v)

    def vectors_of(self, pks: list[int]) -> tuple[np.ndarray, np.ndarray]:
        return self._pairs(sorted(k for k in pks if k in self.v))


def _unit(seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal(8).astype(np.float32)
    return v / np.linalg.norm(v)


def test_sync_adds_keys_below_its_highest_and_drops_unlinked_ones() -> None:
    links = Links({k: _unit(k) for k in (1, 2, 5)})
    index = VectorIndex(8)
    index.sync(links)
    assert len(index) == 3
    # meanwhile another process linked 3 (saved before 5, linked after it) and 6
    links.v[3], links.v[6] = _unit(3), _unit(6)
    index.sync(links)
    assert sorted(int(k) for k in np.asarray(index._index.keys)) == [1, 2, 3, 5, 6]
    assert index.search(_unit(3), 1)[0][0] == 3
    # and then unlinked 2 (an older version of its article)
    del links.v[2]
    index.sync(links)
    assert sorted(int(k) for k in np.asarray(index._index.keys)) == [1, 3, 5, 6]
    assert links.full_reads == 1  # the first sync only: never read whole again


def test_the_same_vectors_give_the_same_neighbours_every_time() -> None:
    """usearch inserting a batch on several threads builds a different graph on every run, and so
    finds different approximate neighbours (measured: 4 reruns of 4 differed at threads=0); the
    index inserts on one thread, so linking the same articles gives the same record."""
    rng = np.random.default_rng(7)
    vecs = rng.normal(size=(2000, 384)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    queries = rng.normal(size=(200, 384)).astype(np.float32)

    def neighbours() -> list[list[tuple[int, float]]]:
        index = VectorIndex(384)
        for start in range(0, len(vecs), 64):
            index.add(list(range(start + 1, min(start + 64, len(vecs)) + 1)), vecs[start : start + 64])
        return [index.search(q, 10) for q in queries]

    first = neighbours()
    assert all(neighbours() == first for _ in range(3))
