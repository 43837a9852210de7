"""Small real WARC archives for the tests, written with warcio's own writer.

:func:`write_archive` writes what a crawler writes for a visit to a news site: a ``warcinfo``
record, then for each page a ``request`` and its ``response``, plus a page that answered 404, an
image and a ``metadata`` record. Two of the responses are article pages.
"""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

IRAQ_URL = "https://news.example.com/amp/world/2024/02/05/iraq-strikes-notification"
IRAQ_CANONICAL = "https://news.example.com/world/2024/02/05/iraq-strikes-notification"
PORT_URL = "https://news.example.com/business/dock-strike"  # no date in the URL either
MISSING_URL = "https://news.example.com/world/2024/02/05/gone"
IMAGE_URL = "https://news.example.com/images/port.jpg"
CRAWLED = "2024-02-06T08:15:30Z"  # the WARC-Date of every record

IRAQ_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>US says it did not notify Iraq before strikes | Example News</title>
<meta property="og:title" content="US says it did not notify Iraq before strikes">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-02-05T17:01:00-05:00">
<link rel="canonical" href="{canonical}">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
<main><article>
<h1>US says it did not notify Iraq before strikes</h1>
<p class="byline">By <span class="author">Jane Reporter</span></p>
<p>US officials said Monday that Iraq was not notified ahead of a series of strikes on Iran-linked
targets in the country, contradicting earlier statements from the White House.</p>
<p>“We did inform the Iraqi government,” Kirby said on Friday. “We made it clear to Baghdad before
the aircraft took off.”</p>
<p>“As for this specific response on Friday, there was not a pre-notification,” State Department
deputy spokesperson Vedant Patel said at a briefing on Monday.</p>
<p>Iraq’s government called the strikes a “flagrant violation” of its sovereignty and summoned the
US chargé d’affaires in Baghdad, according to a statement from the foreign ministry.</p>
</article></main>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
</body></html>
""".replace("{canonical}", IRAQ_CANONICAL)

# no date in the page: the record's WARC-Date is its publication date
PORT_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="iso-8859-1">
<title>Dock workers extend strike as talks stall | Example News</title>
<meta property="og:title" content="Dock workers extend strike as talks stall">
<meta property="og:site_name" content="Example News">
</head><body>
<nav><a href="/">Home</a> <a href="/business">Business</a></nav>
<main><article>
<h1>Dock workers extend strike as talks stall</h1>
<p class="byline">By <span class="author">Maria Lopez</span></p>
<p>Dock workers at the city's main port will stay off the job for at least another week, their union
said, after talks with terminal operators in the caf\u00e9 district broke down overnight.</p>
<p>"We came to the table ready to make a deal. The operators walked away," union president Maria
Okafor told reporters outside the port gates.</p>
<p>Shipping companies have begun rerouting vessels to other ports, according to industry data, and
several freight firms said they expected delays to last well into December.</p>
</article></main>
<footer>Copyright 2023 Example News</footer>
</body></html>
"""

MISSING_HTML = "<!DOCTYPE html><html><head><title>Not found</title></head><body><h1>404</h1></body></html>"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 4


def _http(status: str, content_type: str) -> StatusAndHeaders:
    return StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")


def _request(writer: WARCWriter, url: str):  # type: ignore[no-untyped-def]
    path = url.split("/", 3)[3]
    headers = StatusAndHeaders(
        f"GET /{path} HTTP/1.1",
        [("Host", "news.example.com"), ("User-Agent", "test-crawler")],
        is_http_request=True,
    )
    return writer.create_warc_record(
        url, "request", http_headers=headers, warc_headers_dict={"WARC-Date": CRAWLED}
    )


def _response(writer: WARCWriter, url: str, body: bytes, status: str, content_type: str):  # type: ignore[no-untyped-def]
    return writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=_http(status, content_type),
        warc_headers_dict={"WARC-Date": CRAWLED},
    )


def _write(writer: WARCWriter, record) -> None:  # type: ignore[no-untyped-def]
    writer.write_record(record)
    if record.raw_stream is not None:
        record.raw_stream.close()  # the writer may have spooled the payload to a temporary file


def archive_bytes(
    *, gzip: bool, pages: list[tuple[str, bytes, str]] | None = None
) -> tuple[bytes, list[tuple[int, int]]]:
    """A whole archive, and the byte offsets at which each response record starts and ends.

    ``pages`` are (url, body, content type) responses with status 200; by default the two article
    pages, between a 404, an image and the records that are no pages at all.
    """
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    offsets: list[tuple[int, int]] = []
    _write(writer, writer.create_warcinfo_record("test.warc", {"software": "walkback tests"}))
    if pages is None:
        pages = [
            (IRAQ_URL, IRAQ_HTML.encode("utf-8"), "text/html; charset=utf-8"),
            (MISSING_URL, MISSING_HTML.encode(), "404"),
            (IMAGE_URL, JPEG, "image/jpeg"),
            (PORT_URL, PORT_HTML.encode("iso-8859-1"), "text/html"),  # charset only in the page
        ]
    for url, body, content_type in pages:
        _write(writer, _request(writer, url))
        start = out.tell()
        if content_type == "404":
            _write(writer, _response(writer, url, body, "404 Not Found", "text/html; charset=utf-8"))
        else:
            _write(writer, _response(writer, url, body, "200 OK", content_type))
        offsets.append((start, out.tell()))
    metadata = writer.create_warc_record(
        PORT_URL,
        "metadata",
        payload=io.BytesIO(b"fetchTimeMs: 120\r\n"),
        warc_content_type="application/warc-fields",
        warc_headers_dict={"WARC-Date": CRAWLED},
    )
    _write(writer, metadata)
    return out.getvalue(), offsets


def write_archive(path: Path, *, gzip: bool, pages: list[tuple[str, bytes, str]] | None = None) -> list[int]:
    """Write :func:`archive_bytes` to ``path``; return the offsets at which the responses start."""
    data, offsets = archive_bytes(gzip=gzip, pages=pages)
    path.write_bytes(data)
    return [start for start, _ in offsets]
