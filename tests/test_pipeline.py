"""The multi-process orchestrator: input order, same results as one process, a bounded window.

Real extraction throughout (the spaCy model, real files, real worker processes): no mocks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from walkback.pipeline import Outcome, _plan, _read, extract_sources
from walkback.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = sorted((ROOT / "tests" / "golden").glob("*.txt"))
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
INPUTS = [str(p) for p in [*GOLDEN, *EXAMPLES]]
SHORT = str(min(GOLDEN, key=lambda p: p.stat().st_size))


def statements(o: Outcome) -> list[dict]:
    return [s.to_dict() for s in o.statements]


def test_results_come_back_in_input_order_with_failures_in_the_middle(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = str(tmp_path / "missing.txt")
    sources = [INPUTS[0], missing, *INPUTS[1:3], str(empty), *INPUTS[3:], INPUTS[0]]
    settings = load_settings(None, n_process=2, batch_size=1)
    out = list(extract_sources(sources, settings=settings))
    assert [o.source for o in out] == sources
    bad = {missing, str(empty)}
    assert [o.status for o in out] == ["failed" if s in bad else "extracted" for s in sources]
    assert "missing.txt" in (out[1].error or "")
    assert all(o.article is not None and o.error is None for o in out if o.status == "extracted")
    assert all(o.statements for o in out if o.status == "extracted")  # each bundled text has some
    assert statements(out[0]) == statements(out[-1])  # the same file twice: the same statements


def test_two_processes_give_the_same_statements_as_one() -> None:
    sources = INPUTS * 2  # enough inputs for two processes, and several batches each
    one = list(extract_sources(sources, settings=load_settings(None, n_process=1)))
    two = list(extract_sources(sources, settings=load_settings(None, n_process=2, batch_size=2)))
    assert [o.source for o in two] == [o.source for o in one] == sources
    assert [o.status for o in two] == [o.status for o in one] == ["extracted"] * len(sources)
    assert [statements(o) for o in two] == [statements(o) for o in one]
    assert [o.article.text for o in two] == [o.article.text for o in one]  # type: ignore[union-attr]
    assert sum(len(o.statements) for o in one) > 0


class CountingSources(list):
    """A list of sources that counts how many of them have been read."""

    read = 0

    def __iter__(self) -> Iterator[str]:
        for s in super().__iter__():
            self.read += 1
            yield s


def test_inputs_are_not_read_far_ahead_of_the_results() -> None:
    sources = CountingSources([SHORT] * 200)
    settings = load_settings(None, n_process=2, batch_size=1)
    results = extract_sources(sources, settings=settings)
    first = next(results)
    read_at_first = sources.read
    results.close()  # stops the workers
    assert first.source == SHORT and first.status == "extracted"
    # two chunks of 16 batches of one article in flight at most: a bounded window, not the input
    assert 1 <= read_at_first <= 2 * 16, read_at_first


def test_batches_are_planned_longest_first_within_their_limits(tmp_path: Path) -> None:
    settings = load_settings(None)
    paths = []
    for i, words in enumerate([30, 400, 5, 120, 400, 60, 900]):
        p = tmp_path / f"a{i}.txt"
        p.write_text(f"Headline {i}\n\n" + "The mayor said the budget was fine. " * words, encoding="utf-8")
        paths.append(str(p))
    chunk = [t for p in paths for t in _read(p, settings, None, None)]  # one task per file
    chunk.insert(2, *_read(str(tmp_path / "missing.txt"), settings, None, None))
    batches = _plan(chunk, 3, 20_000)
    jobs = [j for b in batches for j in b]
    assert sorted(i for i, _ in jobs) == [i for i, t in enumerate(chunk) if t.article is not None]
    lengths = [len(a.text) for _, a in jobs]
    assert lengths == sorted(lengths, reverse=True)
    for b in batches:
        assert 1 <= len(b) <= 3
        assert len(b) == 1 or sum(len(a.text) for _, a in b) <= 20_000
    assert len(batches[0]) == 1  # the longest text (about 32,000 characters) goes alone


def test_an_article_in_a_language_not_handled_is_read_with_no_statements_and_a_note(tmp_path: Path) -> None:
    from tests.ingest.test_language import ZULU

    zulu = tmp_path / "zulu.txt"
    zulu.write_text(f"Uhulumeni uthembisa izindlu ezintsha\n\n{ZULU}\n\n“Sizoqhubeka,” kusho umkhulumeli.\n")
    out = list(extract_sources([str(zulu), SHORT], settings=load_settings(None, n_process=1)))
    assert [o.status for o in out] == ["extracted", "extracted"]
    assert out[0].article is not None and out[0].article.language == "zu"
    assert out[0].statements == ()
    assert out[0].note is not None and out[0].note.startswith(f"{zulu}: written in 'zu'")
    assert out[1].article is not None and out[1].article.language == "en"
    assert out[1].note is None and out[1].statements
    tried = list(
        extract_sources([str(zulu)], settings=load_settings(None, n_process=1, languages=("en", "zu")))
    )
    assert tried[0].note is None


def _in_child(work: Callable[[], str]) -> str:
    """What ``work`` returns, run in a forked child (so the test process keeps its priority)."""
    import os

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.write(write, work().encode())
        finally:
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    try:
        return os.read(read, 1000).decode()
    finally:
        os.close(read)


def test_lower_priority_makes_a_process_at_least_that_nice_and_no_nicer() -> None:
    """Batch work yields the CPU to a server: nice 7 from 0, and a second call (a worker of a parent
    already at 7) does not add up to 14."""
    import os

    from walkback.pipeline import lower_priority

    def work() -> str:
        start = os.nice(0)
        lower_priority(start + 7)
        first = os.nice(0)
        lower_priority(start + 7)
        lower_priority(start + 3)
        return f"{start} {first} {os.nice(0)}"

    start, first, last = map(int, _in_child(work).split())
    assert first == min(start + 7, 19) and last == first


def test_batch_commands_run_nice(tmp_path: Path) -> None:
    """`walkback link` (as `ingest` and `watch`) lowers its own priority to ``worker_nice``: the
    linking runs in the command's process, beside any server on the machine."""
    import os

    from walkback import cli

    config = tmp_path / "nice.toml"
    config.write_text("[extract]\nworker_nice = 6\n", encoding="utf-8")

    def work() -> str:
        start, code = os.nice(0), 1
        try:
            cli.main(["link", "--db", str(tmp_path / "n.db"), "--quiet", "--config", str(config)])
        except SystemExit as e:
            code = int(e.code or 0)
        return f"{start} {os.nice(0)} {code}"

    start, after, code = map(int, _in_child(work).split())
    assert code == 0
    assert after == max(start, min(6, 19))
