"""Fetching pages over HTTP(S), the safe way.

:func:`fetch_url` is the one way walkback GETs anything (article pages, feeds, robots.txt);
:func:`fetch_document` fetches an article page and decodes it. One GET with httpx: the User-Agent
and timeout from :class:`~walkback.settings.Settings`, redirects followed by hand (at most
:data:`MAX_REDIRECTS`) so that every hop is checked again, the body streamed and abandoned as soon as
it passes ``settings.max_bytes``. Hosts that resolve to private, loopback, link-local or reserved
addresses are refused unless ``settings.allow_private_addresses`` is set.

The address check resolves the host before httpx connects, so a DNS server that answers differently the
second time could still steer a request inside; run walkback behind an egress proxy where that matters.
"""

from __future__ import annotations

import codecs
import ipaddress
import logging
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import charset_normalizer
import httpx

from ..errors import (
    BinaryInputError,
    BlockedAddressError,
    EmptyInputError,
    FetchConnectionError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    InputError,
    InputTooLargeError,
)
from ..settings import Settings
from .readers import Document
from .sources import check_not_binary, declared_html_charset, normalise_newlines

__all__ = [
    "Fetched",
    "fetch_url",
    "fetch_document",
    "page_document",
    "page_text",
    "decode_page",
    "check_address",
    "MAX_REDIRECTS",
    "TEXT_TYPES",
]

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9"
TEXT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# IPv6 ranges whose low 32 bits are an IPv4 address the packet ends up at: IPv4-compatible
# (::a.b.c.d, deprecated), IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d, SIIT)
# and the well-known NAT64 prefix (64:ff9b::/96, RFC 6052)
_LOW_32_EMBEDS = tuple(
    ipaddress.IPv6Network(n) for n in ("::/96", "::ffff:0:0/96", "::ffff:0:0:0/96", "64:ff9b::/96")
)
# IPv6 ranges refused whole: local-use NAT64 (64:ff9b:1::/48, RFC 8215: where the IPv4 address
# sits depends on the operator's prefix length) and site-local (fec0::/10, deprecated but routed
# inside some networks; Python counts it as global)
_REFUSED_V6 = tuple(ipaddress.IPv6Network(n) for n in ("64:ff9b:1::/48", "fec0::/10"))


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses a packet to ``ip`` may be delivered to beside it: 6to4 (2002::/16),
    Teredo (server and client) and ISATAP interface ids (``…:0:5efe:a.b.c.d``)."""
    found: list[ipaddress.IPv4Address] = []
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)
    if (int(ip) >> 32) & 0xFDFFFFFF == 0x5EFE:  # ISATAP: (0|200):5efe:a.b.c.d
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found


def _blocked(address: str) -> bool:
    """Whether fetching may not reach ``address``: not globally reachable, multicast, site-local, or
    an IPv6 address that carries such an IPv4 address (``64:ff9b::a9fe:a9fe`` is NAT64 for
    169.254.169.254, ``2002:7f00:1::1`` 6to4 for 127.0.0.1)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address):
        if any(ip in net for net in _LOW_32_EMBEDS):  # judged by the IPv4 address it stands for
            return _blocked(str(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)))
        if any(ip in net for net in _REFUSED_V6) or any(_blocked(str(v4)) for v4 in _embedded_ipv4(ip)):
            return True
    return not ip.is_global or ip.is_multicast


def check_address(url: str, *, settings: Settings) -> None:
    """Refuse URLs that are not http(s), or whose host resolves to a non-public address."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"}:
        raise FetchError(f"unsupported URL scheme {parts.scheme!r}; use http:// or https://", source=url)
    host = parts.hostname
    if not host:
        raise FetchError("the URL has no host name", source=url)
    if settings.allow_private_addresses:
        return
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as e:
        raise FetchError(f"cannot resolve the host {host!r} ({e})", source=url) from None
    for info in infos:
        address = str(info[4][0])
        if _blocked(address):
            raise BlockedAddressError(
                f"the host {host!r} resolves to {address}, a private, loopback, link-local or reserved "
                "address; set allow_private_addresses to fetch from it",
                source=url,
            )


def _check_hop(url: str, source: str, *, settings: Settings) -> None:
    """:func:`check_address`, with errors on a redirect target naming the URL the user gave."""
    try:
        check_address(url, settings=settings)
    except FetchError as e:
        if url == source:
            raise
        raise type(e)(f"redirected to {url}: {e.message}", source=source) from None


def _mime_and_charset(content_type: str | None) -> tuple[str | None, str | None]:
    if not content_type:
        return None, None
    mime, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("'\"")
    if charset:
        try:
            charset = codecs.lookup(charset).name
        except LookupError:
            log.debug("unknown charset %r in Content-Type %r", charset, content_type)
            charset = None
    return mime.strip().lower() or None, charset


def decode_page(data: bytes, content_type: str | None = None) -> str:
    """A fetched page's bytes as text.

    The first that applies: a byte-order mark, the ``Content-Type`` charset, the charset the HTML
    declares, UTF-8, then charset-normalizer's guess.
    """
    mime, charset = _mime_and_charset(content_type)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace")
    if charset:
        return data.decode(charset, errors="replace")
    if mime != "text/plain":
        declared = declared_html_charset(data)
        if declared:
            return data.decode(declared, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(data).best()
        return str(best) if best is not None else data.decode("cp1252", errors="replace")


def page_text(data: bytes, content_type: str | None, source: str) -> str:
    """A page's bytes (fetched, or from a WARC record) as text with ``\\n`` newlines.

    Refuses bytes that are not text (:class:`~walkback.errors.BinaryInputError`) and pages of white
    space only (:class:`~walkback.errors.EmptyInputError`); the charset is found by :func:`decode_page`.
    """
    _, charset = _mime_and_charset(content_type)
    wide = (charset or "").startswith(("utf-16", "utf-32")) or any(
        data.startswith(bom) for bom, name in _BOMS if name != "utf-8-sig"
    )
    if not wide:  # UTF-16 and UTF-32 text is full of NUL bytes
        check_not_binary(data, source)
    text = normalise_newlines(decode_page(data, content_type))
    if "\x00" in text:
        raise BinaryInputError("the page holds binary data (NUL characters), not text", source=source)
    if not text.strip():
        raise EmptyInputError("the page holds only white space", source=source)
    return text


def _read_body(response: httpx.Response, url: str, *, settings: Settings, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_bytes:
        raise InputTooLargeError(
            f"the server announces {int(declared):,} bytes, over the limit of {settings.max_bytes:,} "
            "(setting max_bytes)",
            source=url,
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > settings.max_bytes:
            raise InputTooLargeError(
                f"the page is over the limit of {settings.max_bytes:,} bytes (setting max_bytes)", source=url
            )
        if time.monotonic() > deadline:  # a server dripping bytes never trips the read timeout
            raise FetchTimeoutError(f"the page took over {settings.fetch_timeout:g} s to arrive", source=url)
        chunks.append(chunk)
    return b"".join(chunks)


def _retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (a number of seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


@dataclass(frozen=True, slots=True, kw_only=True)
class Fetched:
    """What a GET brought back: the final URL, the status (200-299, or 304), headers and body."""

    source: str  # the URL as asked for
    url: str  # the URL answered, after redirects
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes
    fetched_at: datetime

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


def fetch_url(
    url: str,
    *,
    settings: Settings,
    headers: dict[str, str] | None = None,
    accept: str = _ACCEPT,
    types: frozenset[str] | None = None,
) -> Fetched:
    """GET ``url`` the safe way and return its bytes.

    Every redirect hop is checked with :func:`check_address` (at most :data:`MAX_REDIRECTS`), the body
    is abandoned past ``settings.max_bytes`` or ``settings.fetch_timeout``, and ``headers`` are sent
    along (``If-None-Match``, ``If-Modified-Since``: a 304 answer comes back with an empty body).
    ``types``, when given, are the MIME types accepted; another declared type is an
    :class:`InputError` before the body is read. Statuses >= 400 raise :class:`HTTPStatusError`.
    """
    source = url
    deadline = time.monotonic() + settings.fetch_timeout
    sent = {"User-Agent": settings.user_agent, "Accept": accept, **(headers or {})}
    try:
        with httpx.Client(timeout=settings.fetch_timeout, follow_redirects=False, headers=sent) as client:
            for _ in range(MAX_REDIRECTS + 1):
                _check_hop(url, source, settings=settings)
                with client.stream("GET", url) as response:
                    if response.is_redirect and "location" in response.headers:
                        target = urljoin(url, response.headers["location"])
                        log.debug("%s: redirected (%d) to %s", url, response.status_code, target)
                        url = target
                        continue
                    if response.status_code >= 400:
                        status = f"{response.status_code} {response.reason_phrase}".strip()
                        raise HTTPStatusError(
                            f"the server answered HTTP {status}",
                            source=source,
                            status=response.status_code,
                            retry_after=_retry_after(response.headers.get("retry-after")),
                        )
                    answered = {k.lower(): v for k, v in response.headers.items()}
                    if response.status_code == 304:
                        data = b""
                    else:
                        mime, _ = _mime_and_charset(response.headers.get("content-type"))
                        if types is not None and mime is not None and mime not in types:
                            raise InputError(
                                f"the page is {mime}, not an article; "
                                "walkback reads HTML and plain text pages",
                                source=source,
                            )
                        data = _read_body(response, source, settings=settings, deadline=deadline)
                    return Fetched(
                        source=source,
                        url=url,
                        status=response.status_code,
                        headers=answered,
                        body=data,
                        fetched_at=datetime.now(UTC),
                    )
            raise FetchError(f"more than {MAX_REDIRECTS} redirects", source=source)
    except httpx.TimeoutException:
        raise FetchTimeoutError(f"no answer within {settings.fetch_timeout:g} s", source=source) from None
    except httpx.TransportError as e:  # connection refused or reset, TLS, broken compression ...
        raise FetchConnectionError(f"cannot fetch it: {e or type(e).__name__}", source=source) from None
    except httpx.RequestError as e:
        raise FetchError(f"cannot fetch it: {e or type(e).__name__}", source=source) from None
    except httpx.InvalidURL as e:
        raise FetchError(f"not a valid URL: {e}", source=source) from None


def page_document(fetched: Fetched) -> Document:
    """A fetched page's bytes as a :class:`Document`: checked to be text, decoded."""
    data, source = fetched.body, fetched.source
    mime, _ = _mime_and_charset(fetched.content_type)
    if not data.strip():
        raise EmptyInputError("the server sent an empty page", source=source)
    return Document(
        text=page_text(data, fetched.content_type, source),
        source=source,
        url=fetched.url,
        content_type=mime,
        fetched_at=fetched.fetched_at,
    )


def fetch_document(url: str, *, settings: Settings) -> Document:
    """GET ``url`` and return its decoded text as a :class:`Document` (``url`` is the final URL)."""
    return page_document(fetch_url(url, settings=settings, types=TEXT_TYPES))
