"""WARC archives: one article per HTML (or text) page a crawler stored, read as a stream.

A WARC file (Common Crawl's CC-NEWS, ``wget --warc-file``, Browsertrix ...) is a sequence of
records, each gzip-compressed on its own (``.warc.gz``) or not (``.warc``). :func:`iter_warc` reads
one record at a time with warcio, so an archive of any size is read in the memory of its largest
page. Each ``response`` record with status 200 and an HTML or plain-text payload becomes one
:class:`~walkback.ingest.readers.Document`: its source is ``ARCHIVE#OFFSET`` (the record's byte
offset, as ``warcio extract ARCHIVE OFFSET`` takes it), its URL the record's ``WARC-Target-URI`` and
its ``archive_date`` the ``WARC-Date``. Every other record (requests, metadata, ``warcinfo``,
revisits, redirects and errors, images and scripts, empty payloads) is skipped and only counted in
the debug log.

A damaged archive is read up to the damaged record: the records before it are yielded, then an
:class:`~walkback.errors.ArchiveError` naming the file and the record's offset. warcio itself does
not always notice (a gzip member cut short ends its iteration quietly), so every record is read to
the end and checked against its ``Content-Length``, and the file against the end of the last record.
A record's headers (the blank lines before it, its WARC header block and the HTTP header block of its
payload) are read in at most :data:`MAX_HEADER_BYTES`: warcio reads a header line, and a header block,
to its end however long it is, so a gzip bomb of a header (a line of 2 GB, or 2 GB of header lines
with no blank line after them, in 2 MB of file) took gigabytes; past the limit the record is damaged.

A distributed run (:mod:`walkback.distributed`) reads an archive in splits: ``iter_warc(source,
start=A, stop=B)`` yields only the records that start at a byte offset in ``[A, B)``. The records
before ``A`` are read through without being decoded as pages (gzip members cannot be entered at an
arbitrary byte), the split ends at the first record starting at ``B`` or later, and whatever is wrong
with the file is reported once, by the split whose range holds the byte offset at fault (a file that
cannot be opened, is empty or is no archive: the split at 0). The splits of an archive together
yield exactly what reading it whole yields, in the same order.
"""

from __future__ import annotations

import logging
import os
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader

from ..errors import ArchiveError, EmptyInputError, InputError, InputTooLargeError
from ..settings import Settings
from .dates import parse_iso_timestamp, usable_date
from .fetch import page_text
from .readers import Document
from .sources import SOURCE_SUFFIXES, has_warc_name, is_url

__all__ = ["is_warc", "iter_warc", "estimate_records", "ARTICLE_TYPES", "MAX_HEADER_BYTES"]

log = logging.getLogger(__name__)

#: payload MIME types read as articles; a record that declares none is read when its bytes are text
ARTICLE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})

_SNIFF_BYTES = 4096
#: bytes of header read for one record at the most: the blank lines before it, its WARC headers and
#: its HTTP headers (real ones take a few kilobytes)
MAX_HEADER_BYTES = 1 << 20
_DRAIN = 1 << 16
# bytes of archive per record, roughly, to guess how many articles an archive holds (CC-NEWS
# .warc.gz files hold about one record per 20 KB); it only decides how many processes to start
_BYTES_PER_RECORD = {True: 20_000, False: 80_000}


def _starts_a_record(head: bytes) -> bool:
    if head.startswith(b"WARC/"):
        return True
    if head.startswith(b"\x1f\x8b"):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head).startswith(b"WARC/")
        except zlib.error:
            return False
    return False


def is_warc(source: str) -> bool:
    """Whether a source is a local WARC archive: named ``*.warc`` or ``*.warc.gz``, or a file not
    named as a page (``.txt``, ``.html`` ...) whose first bytes are a WARC record (gzip or not)."""
    if is_url(source):
        return False
    if has_warc_name(source):
        return True
    if Path(source).suffix.lower() in SOURCE_SUFFIXES:  # named as a page: not opened to sniff
        return False
    try:
        with Path(source).expanduser().open("rb") as fh:
            return _starts_a_record(fh.read(_SNIFF_BYTES))
    except OSError:  # no such file, a folder, unreadable: read_article says which
        return False


def estimate_records(source: str) -> int:
    """A rough count of the records in an archive, from its size (at least 1)."""
    try:
        size = Path(source).expanduser().stat().st_size
    except OSError:
        return 1
    return max(1, size // _BYTES_PER_RECORD[source.lower().endswith(".gz")])


# -- reading records with bounded headers ------------------------------------------------------------


class _HeaderTooLong(Exception):
    pass


class _BoundedLines(DecompressingBufferedReader):
    """warcio's reader, whose ``readline`` (how every header line and the blank lines between records
    are read; payloads are read with ``read``) stops at ``budget`` bytes while one is set."""

    budget: int | None = None

    def readline(self, length: int | None = None) -> bytes:
        if self.budget is None:
            return super().readline(length)
        cap = self.budget + 1 if length is None else min(length, self.budget + 1)
        line = super().readline(cap)
        self.budget -= len(line)
        if self.budget < 0:
            raise _HeaderTooLong
        return line


class _Records(ArchiveIterator):  # type: ignore[misc]
    """warcio's record iterator over a :class:`_BoundedLines` reader: each ``next()`` (the rest of
    the record before, then the headers of the next) reads at most :data:`MAX_HEADER_BYTES` of lines."""

    def __init__(self, fh: Any) -> None:
        super().__init__(fh)
        self.reader = _BoundedLines(self.fh)  # before the first record: nothing was read yet

    def __next__(self) -> Any:
        self.reader.budget = MAX_HEADER_BYTES
        try:
            return super().__next__()
        finally:
            if self.reader is not None:  # None once warcio closed it at the end
                self.reader.budget = None


# -- one record ------------------------------------------------------------------------------------


def _skip_reason(record: Any) -> str | None:
    """Why a record is no article page (a short label for the debug log), or ``None``."""
    if record.rec_type != "response":
        return str(record.rec_type or "untyped")
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    if not is_url(uri):
        return "not http(s)"
    http = record.http_headers
    if http is None:
        return "no HTTP headers"
    status = http.get_statuscode()
    if status != "200":
        return f"status {status}"
    mime = _mime(http.get_header("Content-Type"))
    if mime is not None and mime not in ARTICLE_TYPES:
        return mime
    return None


def _mime(content_type: str | None) -> str | None:
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    return mime or None


def _read_payload(record: Any, limit: int) -> bytes:
    """The payload (chunked transfer and content encodings undone), at most ``limit + 1`` bytes."""
    stream = record.content_stream()
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(_DRAIN, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _drain(record: Any) -> int:
    """Read the rest of the record; return how many of its declared bytes were missing."""
    stream = record.raw_stream
    while stream.read(_DRAIN):
        pass
    return int(getattr(stream, "limit", 0) or 0)  # a LimitReader counts down its Content-Length


def _document(record: Any, payload: bytes, source: str) -> Document:
    headers = record.rec_headers
    content_type = record.http_headers.get_header("Content-Type")
    date = parse_iso_timestamp(headers.get_header("WARC-Date") or "")
    date = usable_date(date, what="WARC-Date", source=source)
    return Document(
        text=page_text(payload, content_type, source),
        source=source,
        url=(headers.get_header("WARC-Target-URI") or "").strip(),
        content_type=_mime(content_type),
        fetched_at=date,
        archive_date=date,
    )


# -- the archive -----------------------------------------------------------------------------------


def _damaged(source: str, offset: int, read: int, what: str) -> ArchiveError:
    before = f"the {read} record(s) before it were read" if read else "no record before it"
    return ArchiveError(
        f"damaged or truncated WARC record at byte offset {offset:,} ({what}); {before}",
        source=source,
        offset=offset,
    )


def iter_warc(
    source: str, *, settings: Settings, start: int = 0, stop: int | None = None
) -> Iterator[Document | InputError]:
    """The article pages of a WARC archive, in archive order, one record in memory at a time.

    A record that should be an article but cannot be read (over ``settings.max_bytes``, binary bytes
    under a text type) is yielded as the :class:`~walkback.errors.InputError` saying why, so a batch
    counts it and goes on; so is a file that cannot be opened. A damaged archive yields an
    :class:`~walkback.errors.ArchiveError` after the records before the damage, and ends.

    ``start`` and ``stop`` (byte offsets; ``None``: the end of the file) select one split of the
    archive: only the records starting in ``[start, stop)`` are yielded (see the module docstring).
    """
    if start < 0 or (stop is not None and stop <= start):
        raise ValueError(f"a split needs 0 <= start < stop, got start={start}, stop={stop}")

    def mine(offset: int) -> bool:
        return start <= offset and (stop is None or offset < stop)

    path = Path(source).expanduser()
    try:
        fh = path.open("rb")
    except FileNotFoundError:
        if mine(0):
            yield InputError("no such file", source=source)
        return
    except IsADirectoryError:
        if mine(0):
            yield InputError("is a directory, not a WARC file", source=source)
        return
    except OSError as e:
        if mine(0):
            yield InputError(f"cannot read it: {e.strerror or e}", source=source)
        return
    with fh:
        size = os.fstat(fh.fileno()).st_size
        if size == 0:
            if mine(0):
                yield EmptyInputError("the WARC file is empty", source=source)
            return
        if not _starts_a_record(fh.read(_SNIFF_BYTES)):
            if not mine(0):
                return
            yield ArchiveError(
                "not a WARC archive: the file does not start with a WARC record (WARC/1.0 or WARC/1.1, "
                "gzip-compressed or not)",
                source=source,
                offset=0,
            )
            return
        fh.seek(0)
        records = _Records(fh)
        skipped: Counter[str] = Counter()
        read = articles = 0
        offset = 0
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except _HeaderTooLong:
                offset = records.offset
                if mine(offset):
                    what = f"its header runs past {MAX_HEADER_BYTES:,} bytes without an end"
                    yield _damaged(source, offset, read, what)
                return
            except Exception as e:  # warcio raises anything from ValueError to AttributeError here
                offset = records.offset
                log.debug("%s: record at %d: %s: %s", source, offset, type(e).__name__, str(e)[:200])
                if mine(offset):
                    yield _damaged(source, offset, read, "not a valid WARC record")
                return
            offset = records.offset
            if stop is not None and offset >= stop:  # the next split's first record
                return
            ours = offset >= start
            where = f"{source}#{offset}"
            if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
                # required by the standard; a header block cut short lacks it
                if ours:
                    yield _damaged(source, offset, read, "no Content-Length in its header")
                return
            reason = _skip_reason(record) if ours else "before the split"
            payload, unreadable = b"", None
            if reason is None:
                try:
                    payload = _read_payload(record, settings.max_bytes)
                except Exception as e:  # a broken content encoding or chunking: this page only
                    log.debug("%s: %s: %s", where, type(e).__name__, str(e)[:200])
                    unreadable = InputError(
                        "the page's content encoding or chunking is broken; it cannot be read", source=where
                    )
            try:
                missing = _drain(record)
            except Exception as e:  # warcio's reader failing inside the record
                log.debug("%s: %s: %s", where, type(e).__name__, str(e)[:200])
                if ours:
                    yield _damaged(source, offset, read, "its bytes cannot be read")
                return
            if missing:
                declared = int(record.rec_headers.get_header("Content-Length") or 0)
                if ours:
                    yield _damaged(
                        source,
                        offset,
                        read,
                        f"only {declared - missing:,} of its {declared:,} bytes are there",
                    )
                return
            read += 1
            if not ours:
                continue
            if unreadable is not None:
                yield unreadable
                continue
            if reason is None and not payload.strip():
                reason = "empty"
            if reason is not None:
                skipped[reason] += 1
                continue
            articles += 1
            if len(payload) > settings.max_bytes:
                yield InputTooLargeError(
                    f"the page is over the limit of {settings.max_bytes:,} bytes (setting max_bytes)",
                    source=where,
                )
                continue
            try:
                doc = _document(record, payload, where)
            except InputError as e:
                yield e
                continue
            yield doc
        end = records.offset
        if end < size:
            if mine(end):
                yield _damaged(
                    source, end, read, f"the last {size - end:,} bytes of the file hold no whole record"
                )
            return
    shown = ", ".join(f"{n} {why}" for why, n in skipped.most_common()) or "none"
    log.debug("%s: %d article page(s) in %d record(s); skipped: %s", source, articles, read, shown)
