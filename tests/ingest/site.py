"""A news site on loopback for the feed tests: pages that change between requests, ETags, a request log.

:class:`Site` runs the ingest tests' real HTTP server (the ``_Handler`` of ``conftest.py``, whose
routes it keeps) on its own port, so each site is its own host with its own robots.txt. Pages are
set with :meth:`Site.put` (a list answers in turn, the last one again and again: a 500 that
recovers); every request is logged with its headers and the status it got; POSTs are kept (a
webhook receiver).
"""

from __future__ import annotations

import html
import json
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from typing import Any

from .conftest import _Handler, _Server
from .helpers import article_html


@dataclass
class Page:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None  # answers 304 to an If-None-Match that matches
    last_modified: str | None = None  # answers 304 to an If-Modified-Since that matches
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Hit:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    status: int
    body: bytes = b""
    at: float = field(default_factory=time.monotonic)

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


class _SiteHandler(_Handler):
    server: _SiteServer

    def _route(self) -> None:
        site = self.server.site
        path = self.path.split("?")[0]
        page = site._answer(path)
        if page is None:  # the fixed routes of the shared test server
            site._log(Hit("GET", path, self._headers(), 0))
            return super()._route()
        status = page.status
        if status == 200 and (
            (page.etag and self.headers.get("If-None-Match") == page.etag)
            or (page.last_modified and self.headers.get("If-Modified-Since") == page.last_modified)
        ):
            status = 304
        site._log(Hit("GET", path, self._headers(), status))
        headers = dict(page.headers)
        if page.etag:
            headers["ETag"] = page.etag
        if page.last_modified:
            headers["Last-Modified"] = page.last_modified
        if status == 304:
            self.send_response(304)
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            return
        self._send(status, page.body, page.content_type, headers)

    def _headers(self) -> dict[str, str]:
        return {k.lower(): v for k, v in self.headers.items()}

    def do_POST(self) -> None:  # noqa: N802 (the http.server API)
        size = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(size)
        path = self.path.split("?")[0]
        page = self.server.site._answer(path) or Page(b'{"ok": true}', content_type="application/json")
        self.server.site._log(Hit("POST", path, self._headers(), page.status, body))
        self._send(page.status, page.body, page.content_type)


class _SiteServer(_Server):
    site: Site


class Site:
    """A site at ``self.url`` (``http://127.0.0.1:PORT``) until :meth:`close`."""

    def __init__(self) -> None:
        self._pages: dict[str, list[Page]] = {}
        self._lock = threading.Lock()
        self.hits: list[Hit] = []
        self._server = _SiteServer(("127.0.0.1", 0), _SiteHandler)
        self._server.site = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def put(self, path: str, *pages: Page | bytes | str, content_type: str | None = None) -> None:
        """Serve ``pages`` at ``path``: one after another, the last from then on."""
        answers = []
        for p in pages:
            if not isinstance(p, Page):
                p = Page(p.encode("utf-8") if isinstance(p, str) else p)
                if content_type:
                    p.content_type = content_type
            answers.append(p)
        with self._lock:
            self._pages[path] = answers

    def _answer(self, path: str) -> Page | None:
        with self._lock:
            answers = self._pages.get(path)
            if not answers:
                return None
            return answers.pop(0) if len(answers) > 1 else answers[0]

    def _log(self, hit: Hit) -> None:
        with self._lock:
            self.hits.append(hit)

    def requests(self, path: str, method: str = "GET") -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.path == path and h.method == method]

    def clear(self) -> None:
        with self._lock:
            self.hits.clear()


# -- pages: feeds and news articles ------------------------------------------------------------------


def rss(title: str, items: Sequence[tuple[str, str, str, datetime]]) -> str:
    """An RSS 2.0 feed of (guid, link, title, published) items."""
    parts = [
        f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link>"
        f'<guid isPermaLink="false">{html.escape(guid)}</guid>'
        f"<pubDate>{format_datetime(when)}</pubDate></item>"
        for guid, link, t, when in items
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{html.escape(title)}</title><link>http://example.invalid/</link>"
        "<description>Latest news</description>" + "".join(parts) + "</channel></rss>\n"
    )


def atom(title: str, entries: Sequence[tuple[str, str, str, datetime]]) -> str:
    """An Atom 1.0 feed of (id, link, title, updated) entries."""
    parts = [
        f"<entry><id>{html.escape(eid)}</id><title>{html.escape(t)}</title>"
        f'<link rel="alternate" href="{html.escape(link)}"/><updated>{when.isoformat()}</updated></entry>'
        for eid, link, t, when in entries
    ]
    updated = max((e[3] for e in entries), default=datetime(2024, 1, 1)).isoformat()
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{html.escape(title)}</title><id>urn:example:{html.escape(title)}</id>"
        f"<updated>{updated}</updated>" + "".join(parts) + "</feed>\n"
    )


def news_page(title: str, paragraphs: list[str], published: str) -> str:
    """An article page that declares when it was published (``2024-02-02T18:00:00Z``)."""
    head = f'<meta property="article:published_time" content="{published}">'
    return article_html(title=title, paragraphs=paragraphs, head=head)


STRIKES_FRIDAY = [
    "The United States struck more than 80 targets in Iraq and Syria on Friday in retaliation for a "
    "drone attack on an outpost in Jordan that killed three American soldiers, officials said.",
    "“We did inform the Iraqi government prior to the strikes,” National Security Council spokesman "
    "John Kirby told reporters on a call on Friday.",
    "The targets included command and control centers, rockets, missiles and drone storage sites used "
    "by Iran-backed militias and the Islamic Revolutionary Guard Corps, according to the Pentagon.",
    "Iraq’s government condemned the strikes in a statement, calling them a violation of its "
    "sovereignty that threatened to drag the region into a wider conflict.",
]

STRIKES_UPDATE = (
    "This story has been updated with the Iraqi government’s statement and additional reporting from Baghdad."
)

MISSPOKE_MONDAY = [
    "US officials said Monday that Iraq was not notified ahead of the strikes on Iran-linked targets "
    "in the country, contradicting earlier statements from the White House.",
    "“As for this specific response on Friday, there was not a pre-notification,” State Department "
    "deputy spokesperson Vedant Patel said at a briefing on Monday.",
    "The White House had said on Friday that it informed the Iraqi government prior to the strikes.",
    "On Monday, National Security Council spokesman John Kirby confirmed that he misspoke.",
    "“It was not as specific as it could have been, and I regret any confusion caused,” Kirby said in "
    "a statement to reporters.",
]

COUNCIL = [
    "The city council voted on Tuesday to approve a new budget for the public library system, ending "
    "months of debate over opening hours and staffing.",
    "“This is a good day for every reader in this city,” Mayor Jane Roe said after the vote, adding "
    "that the branches would stay open on Sundays.",
    "The budget takes effect in January, and the library board will publish a schedule of the new "
    "opening hours before the end of the year.",
]
