"""WARC archives: each HTML response is an article; everything else is skipped; damage is reported.

The archives are real ones, written by warcio's own writer (see :mod:`tests.ingest.warcs`), gzip
and plain; the last tests run the ``walkback`` command on them end to end.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta, timezone
from gzip import compress as gzip_compress
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from walkback.errors import ArchiveError, EmptyInputError, InputTooLargeError, WalkbackError
from walkback.ingest import is_warc, iter_documents, iter_sources, read_document
from walkback.ingest.readers import Document
from walkback.ingest.warc import iter_warc
from walkback.settings import Settings

from ..test_cli import no_traceback, stored, summary_line, walkback
from .warcs import CRAWLED, IRAQ_URL, PORT_HTML, PORT_URL, archive_bytes, write_archive

WARC_DATE = datetime.fromisoformat(CRAWLED.replace("Z", "+00:00"))


def _documents(path: Path, settings: Settings | None = None) -> list[Document | WalkbackError]:
    return list(iter_documents(str(path), settings=settings or Settings()))


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_each_html_response_is_one_document(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    offsets = write_archive(path, gzip=gzip)
    docs = _documents(path)
    # the request, warcinfo and metadata records, the 404 and the image are skipped silently
    assert all(isinstance(d, Document) for d in docs), docs
    assert [d.url for d in docs] == [IRAQ_URL, PORT_URL]  # type: ignore[union-attr]
    assert [d.source for d in docs] == [f"{path}#{offsets[0]}", f"{path}#{offsets[3]}"]  # type: ignore[union-attr]
    assert all(d.archive_date == WARC_DATE for d in docs)  # type: ignore[union-attr]
    assert all(d.content_type == "text/html" for d in docs)  # type: ignore[union-attr]
    assert "café district" in docs[1].text  # type: ignore[union-attr]  # ISO-8859-1, declared in the page


def test_articles_keep_the_record_url_and_fall_back_on_the_warc_date(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_archive(path, gzip=True)
    iraq, port = (read_document(d) for d in _documents(path))  # type: ignore[arg-type]
    # the page names a canonical URL without /amp/; the article is the record's target URI
    assert iraq.url == IRAQ_URL
    assert iraq.title == "US says it did not notify Iraq before strikes"
    assert iraq.outlet == "Example News"
    assert iraq.authors == ("Jane Reporter",)
    assert iraq.published == datetime(2024, 2, 5, 17, 1, tzinfo=timezone(timedelta(hours=-5)))  # the page's
    assert "“We did inform the Iraqi government,” Kirby said on Friday." in iraq.text
    assert "Copyright" not in iraq.text and "Home" not in iraq.text
    assert port.url == PORT_URL
    assert port.published == WARC_DATE  # the page carries no date of its own
    assert port.fetched_at == WARC_DATE
    # --published comes after the record's own date
    again = read_document(_documents(path)[1], published=datetime(2000, 1, 1, tzinfo=UTC))  # type: ignore[arg-type]
    assert again.published == WARC_DATE


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
@pytest.mark.parametrize("into", [0.05, 0.5, 0.97], ids=["in-headers", "in-payload", "at-the-end"])
def test_a_truncated_record_ends_the_archive_with_one_error(tmp_path: Path, gzip: bool, into: float) -> None:
    data, offsets = archive_bytes(gzip=gzip)
    start, end = offsets[3]  # the second article's response record
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    path.write_bytes(data[: start + int((end - start) * into)])
    *docs, error = _documents(path)
    assert [d.url for d in docs] == [IRAQ_URL]  # type: ignore[union-attr]
    assert isinstance(error, ArchiveError)
    assert error.offset == start
    message = str(error)
    assert "\n" not in message
    assert message.startswith(f"{path}: damaged or truncated WARC record at byte offset {start:,}")
    assert "record(s) before it were read" in message


def test_a_page_stored_as_sent_gzip_and_chunked(tmp_path: Path) -> None:
    # wget --warc-file keeps the bytes the server sent: a compressed body in chunks
    body = gzip_compress(PORT_HTML.encode("iso-8859-1"))
    chunked = b"".join(
        b"%x\r\n%s\r\n" % (len(body[i : i + 500]), body[i : i + 500]) for i in range(0, len(body), 500)
    )
    headers = StatusAndHeaders(
        "200 OK",
        [("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")],
        protocol="HTTP/1.1",
    )
    path = tmp_path / "wget.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        record = writer.create_warc_record(
            PORT_URL,
            "response",
            payload=io.BytesIO(chunked + b"0\r\n\r\n"),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": CRAWLED},
        )
        writer.write_record(record)
        record.raw_stream.close()
    (doc,) = _documents(path)
    assert isinstance(doc, Document)
    assert "Dock workers at the city's main port" in doc.text and "café district" in doc.text


def test_files_that_are_no_archive(tmp_path: Path) -> None:
    fake = tmp_path / "notes.warc"
    fake.write_text("These are my notes about the crawl, not a WARC file.\n" * 5, encoding="utf-8")
    (error,) = _documents(fake)
    assert isinstance(error, ArchiveError)
    assert str(error).startswith(f"{fake}: not a WARC archive: the file does not start with a WARC record")
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    (error,) = _documents(empty)
    assert isinstance(error, EmptyInputError) and "empty" in str(error)
    (error,) = _documents(tmp_path / "missing.warc.gz")
    assert str(error) == f"{tmp_path / 'missing.warc.gz'}: no such file"


def test_an_oversize_page_fails_alone(tmp_path: Path) -> None:
    big = PORT_HTML.replace("</article>", "<p>" + "More shipping news. " * 3000 + "</p></article>")
    pages = [
        ("https://news.example.com/big", big.encode("iso-8859-1"), "text/html"),
        (PORT_URL, PORT_HTML.encode("iso-8859-1"), "text/html"),
    ]
    path = tmp_path / "big.warc.gz"
    offsets = write_archive(path, gzip=True, pages=pages)
    too_big, port = _documents(path, Settings(max_bytes=20_000))
    assert isinstance(too_big, InputTooLargeError)
    assert str(too_big).startswith(f"{path}#{offsets[0]}: the page is over the limit of 20,000 bytes")
    assert isinstance(port, Document) and port.url == PORT_URL


def test_archives_are_found_by_name_and_by_content(tmp_path: Path) -> None:
    folder = tmp_path / "crawls"
    folder.mkdir()
    write_archive(folder / "a.warc.gz", gzip=True)
    write_archive(folder / "b.WARC", gzip=False)
    (folder / "c.txt").write_text("Headline\n\nBody.\n", encoding="utf-8")
    (folder / "d.gz").write_bytes(b"\x1f\x8b")
    found = [Path(p).name for p in iter_sources([str(folder)])]
    assert found == ["a.warc.gz", "b.WARC", "c.txt"]
    unnamed = tmp_path / "CC-NEWS-20240206081530-00042"  # no suffix: sniffed
    write_archive(unnamed, gzip=True)
    assert is_warc(str(unnamed)) and is_warc(str(folder / "b.WARC"))
    assert not is_warc(str(folder / "c.txt")) and not is_warc(str(folder / "d.gz"))
    assert not is_warc("https://example.com/crawl.warc.gz")


# -- the command, end to end ------------------------------------------------------------------------


def test_ingest_an_archive_then_again(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc.gz"
    write_archive(archive, gzip=True)
    db = tmp_path / "warc.db"
    first = walkback("ingest", archive, "--db", db, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    no_traceback(first)
    assert first.stderr.strip() == ""  # skipped records are not reported
    assert summary_line(first).startswith("articles: 2 new, 0 unchanged, 0 new version, 0 failed")

    arts = json.loads(walkback("articles", "--db", db, "--format", "json", cwd=tmp_path).stdout)
    assert sorted(a["url"] for a in arts) == sorted([IRAQ_URL, PORT_URL])
    by_url = {a["url"]: a for a in arts}
    assert by_url[PORT_URL]["published"] == WARC_DATE.isoformat()
    assert by_url[IRAQ_URL]["published"] == "2024-02-05T17:01:00-05:00"
    assert all(a["source"].startswith(f"{archive}#") for a in arts)
    rows = stored(db, cwd=tmp_path)
    kirby = [s for s in rows if "did inform the Iraqi government" in s["content"]["text"]]
    assert kirby and kirby[0]["speaker"]["name"] == "Kirby" and kirby[0]["kind"] == "direct"
    assert kirby[0]["article"]["url"] == IRAQ_URL
    assert any("ready to make a deal" in s["content"]["text"] for s in rows)
    assert any(s["speaker"]["name"] == "Vedant Patel" for s in rows)

    again = walkback("ingest", archive, "--db", db, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert summary_line(again).startswith("articles: 0 new, 2 unchanged, 0 new version, 0 failed")
    assert sorted(s["id"] for s in stored(db, cwd=tmp_path)) == sorted(s["id"] for s in rows)


def test_ingest_a_truncated_archive(tmp_path: Path) -> None:
    data, offsets = archive_bytes(gzip=False)
    start, end = offsets[3]
    archive = tmp_path / "cut.warc"
    archive.write_bytes(data[: (start + end) // 2])
    db = tmp_path / "cut.db"
    r = walkback("ingest", archive, "--db", db, cwd=tmp_path)
    assert r.returncode == 1, (r.stdout, r.stderr)
    no_traceback(r)
    err = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(err) == 1, r.stderr
    assert err[0].startswith(
        f"walkback: {archive}: damaged or truncated WARC record at byte offset {start:,} ("
    )
    assert "bytes are there); the 8 record(s) before it were read" in err[0]
    assert summary_line(r).startswith("articles: 1 new, 0 unchanged, 0 new version, 1 failed")
    arts = json.loads(walkback("articles", "--db", db, "--format", "json", cwd=tmp_path).stdout)
    assert [a["url"] for a in arts] == [IRAQ_URL]


def test_extract_an_archive(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc"
    write_archive(archive, gzip=False)
    r = walkback("extract", archive, "--format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    objs = json.loads(r.stdout)
    assert isinstance(objs, list)  # one archive, several articles: an array
    assert [o["article"]["url"] for o in objs] == [IRAQ_URL, PORT_URL]
    assert all(o["path"].startswith(f"{archive}#") and o["statements"] for o in objs)


# -- splits, as a distributed run reads an archive ----------------------------------------------------


def _split_documents(path: Path, bounds: list[int]) -> list[Document | WalkbackError]:
    """The documents of every split ``[bounds[i], bounds[i + 1])`` in turn, the last one open."""
    out: list[Document | WalkbackError] = []
    for i, start in enumerate(bounds):
        stop = bounds[i + 1] if i + 1 < len(bounds) else None
        out.extend(iter_documents(str(path), settings=Settings(), start=start, stop=stop))
    return out


def _same(a: list[Document | WalkbackError], b: list[Document | WalkbackError]) -> bool:
    def key(d: Document | WalkbackError) -> tuple[str, str | None, str]:
        return (type(d).__name__, d.source, d.text if isinstance(d, Document) else str(d))

    return [key(d) for d in a] == [key(d) for d in b]


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
@pytest.mark.parametrize("cut", [None, 0.5], ids=["whole", "truncated"])
def test_splits_of_an_archive_yield_what_reading_it_whole_yields(
    tmp_path: Path, gzip: bool, cut: float | None
) -> None:
    data, offsets = archive_bytes(gzip=gzip)
    if cut is not None:  # the second article's record cut in the middle
        start, end = offsets[3]
        data = data[: start + int((end - start) * cut)]
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    path.write_bytes(data)
    whole = _documents(path)
    assert whole and (cut is None) == all(isinstance(d, Document) for d in whole)
    size = len(data)
    # even splits of every count, and bounds exactly at a response record and one byte either side
    plans = [[size * k // n for k in range(n)] for n in range(1, 8)]
    for s, _ in offsets:
        plans += [[0, s - 1], [0, s], [0, s + 1], [0, s, s + 1]]
    for bounds in plans:
        assert _same(_split_documents(path, bounds), whole), bounds
    # a split past the end of the file, and one holding only the warcinfo record, yield nothing
    assert list(iter_documents(str(path), settings=Settings(), start=size + 10)) == []
    assert list(iter_documents(str(path), settings=Settings(), start=0, stop=1)) == []


def test_file_errors_are_reported_by_the_first_split_only(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.warc.gz")
    assert [str(e) for e in iter_documents(missing, settings=Settings(), start=0, stop=100)] == [
        f"{missing}: no such file"
    ]
    assert list(iter_documents(missing, settings=Settings(), start=100)) == []
    page = tmp_path / "page.txt"
    page.write_text("Headline\n\nBody.\n", encoding="utf-8")
    assert len(list(iter_documents(str(page), settings=Settings(), start=0))) == 1
    assert list(iter_documents(str(page), settings=Settings(), start=50)) == []
    with pytest.raises(ValueError, match="start < stop"):
        list(iter_warc(missing, settings=Settings(), start=10, stop=10))


def _gzip_member(parts: list[tuple[bytes, int]]) -> bytes:
    """One gzip member holding each ``bytes`` repeated ``int`` times, compressed as it goes (a
    64 MB header compresses to 64 KB: it never sits in memory here)."""
    import zlib

    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = []
    for chunk, times in parts:
        block = chunk * max(1, (1 << 20) // len(chunk)) if times > 1 else chunk
        per = len(block) // len(chunk)
        left = times
        while left > 0:
            n = min(per, left)
            out.append(z.compress(block if n == per else chunk * n))
            left -= n
    out.append(z.flush())
    return b"".join(out)


_BOMB = 64 << 20  # bytes of header in each bomb


@pytest.mark.parametrize(
    "bomb",
    [
        # one WARC header line of 64 MB
        [(b"WARC/1.0\r\nWARC-Type: response\r\nX-Bomb: ", 1), (b"a", _BOMB), (b"\r\n\r\n", 1)],
        # 64 MB of WARC header lines and no blank line to end them
        [(b"WARC/1.0\r\n", 1), (b"X-Header: value\r\n", _BOMB // 17)],
        # an HTTP header line of 64 MB in a response record
        [
            (
                b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example.com/b\r\n"
                b"Content-Type: application/http; msgtype=response\r\nContent-Length: 67108900\r\n\r\n"
                b"HTTP/1.1 200 OK\r\nX-Bomb: ",
                1,
            ),
            (b"a", _BOMB),
        ],
        # 64 MB of blank lines where the next record should start
        [(b"\r\n", _BOMB // 2)],
    ],
    ids=["long-line", "endless-block", "http-line", "blank-lines"],
)
def test_a_header_bomb_is_a_damaged_record_read_in_bounded_memory(tmp_path: Path, bomb) -> None:  # type: ignore[no-untyped-def]
    """Issue 14: a header of 2 GB in 1.9 MB of .warc.gz grew past 6 GB of memory: warcio read it whole
    (here 64 MB: a peak of 190-900 MiB before, 15-25 MiB now, most of it one decompressed block)."""
    import tracemalloc

    good, _ = archive_bytes(gzip=True)
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(good + _gzip_member(bomb))
    assert path.stat().st_size < 1 << 20
    tracemalloc.start()
    try:
        docs = _documents(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [d.url for d in docs if isinstance(d, Document)] == [IRAQ_URL, PORT_URL]
    (error,) = [d for d in docs if not isinstance(d, Document)]
    assert isinstance(error, ArchiveError) and len(good) - 16 <= (error.offset or 0) <= len(good)
    assert "damaged or truncated WARC record" in str(error) and "\n" not in str(error)
    assert peak < 40 << 20, f"peak {peak / 2**20:.0f} MiB"
