"""Fetching URLs from a real HTTP server on 127.0.0.1 (see the http_server fixture)."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from walkback.errors import (
    BlockedAddressError,
    EmptyInputError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    InputError,
    InputTooLargeError,
    NoArticleError,
)
from walkback.ingest import read_article
from walkback.ingest.fetch import MAX_REDIRECTS, check_address

from .helpers import PARAGRAPHS


def test_fetch_html_page(http_server, net_settings):
    url = f"{http_server}/article"
    article = read_article(url, settings=net_settings)
    assert article.title == "Council approves library budget"
    assert article.text.split("\n\n") == PARAGRAPHS
    assert article.url == url
    assert article.source == url
    assert article.fetched_at is not None and article.fetched_at.tzinfo is not None
    assert article.outlet == "The Daily Example"


def test_fetch_sends_the_configured_user_agent(http_server, net_settings):
    settings = replace(net_settings, user_agent="walkback-test/1.0 (+https://example.invalid)")
    article = read_article(f"{http_server}/agent", settings=settings)
    assert article.text == "You sent walkback-test/1.0 (+https://example.invalid)"


def test_fetch_plain_text_page(http_server, net_settings):
    article = read_article(f"{http_server}/plain", settings=net_settings)
    assert article.title == "A headline"
    assert article.text.split("\n\n") == PARAGRAPHS
    assert article.url == f"{http_server}/plain"


def test_charset_declared_in_the_page(http_server, net_settings):
    article = read_article(f"{http_server}/latin1", settings=net_settings)
    assert article.title == "Café council approves budget"


def test_charset_from_the_header_wins(http_server, net_settings):
    article = read_article(f"{http_server}/latin1-header", settings=net_settings)
    assert article.title == "Café council approves budget"


def test_every_redirect_hop_is_checked(http_server, net_settings):
    with pytest.raises(FetchError, match="unsupported URL scheme 'ftp'") as info:
        read_article(f"{http_server}/redirect-ftp", settings=net_settings)
    assert info.value.source == f"{http_server}/redirect-ftp"


def test_404(http_server, net_settings):
    url = f"{http_server}/missing"
    with pytest.raises(HTTPStatusError, match="HTTP 404") as info:
        read_article(url, settings=net_settings)
    assert info.value.status == 404
    assert info.value.source == url


def test_slow_server_times_out(http_server, net_settings):
    settings = replace(net_settings, fetch_timeout=0.3)
    started = time.perf_counter()
    with pytest.raises(FetchTimeoutError, match="0.3 s"):
        read_article(f"{http_server}/slow", settings=settings)
    assert time.perf_counter() - started < 3


def test_oversize_streamed_body_is_abandoned(http_server, net_settings):
    with pytest.raises(InputTooLargeError, match="over the limit of 100,000 bytes"):
        read_article(f"{http_server}/big", settings=net_settings)


def test_oversize_declared_length_is_refused_before_reading(http_server, net_settings):
    with pytest.raises(InputTooLargeError, match="announces 50,000,000 bytes"):
        read_article(f"{http_server}/big-declared", settings=net_settings)


def test_redirect_is_followed(http_server, net_settings):
    article = read_article(f"{http_server}/redirect", settings=net_settings)
    assert article.url == f"{http_server}/article"
    assert article.source == f"{http_server}/redirect"


def test_redirect_chain_is_limited(http_server, net_settings):
    read_article(f"{http_server}/redirect", settings=net_settings)  # one hop is fine
    with pytest.raises(FetchError, match=f"more than {MAX_REDIRECTS} redirects"):
        read_article(f"{http_server}/loop/0", settings=net_settings)


def test_image_is_refused(http_server, net_settings):
    with pytest.raises(InputError, match="image/png"):
        read_article(f"{http_server}/image", settings=net_settings)


def test_page_without_article(http_server, net_settings):
    with pytest.raises(NoArticleError):
        read_article(f"{http_server}/nothing", settings=net_settings)


def test_empty_page(http_server, net_settings):
    with pytest.raises(EmptyInputError):
        read_article(f"{http_server}/empty", settings=net_settings)


def test_private_address_is_refused_by_default(http_server, net_settings):
    settings = replace(net_settings, allow_private_addresses=False)
    url = f"{http_server}/article"
    with pytest.raises(BlockedAddressError, match="127.0.0.1") as info:
        read_article(url, settings=settings)
    assert info.value.source == url


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
        # IPv6 forms that carry a private IPv4 address (issue 14: these used to pass)
        "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/",  # NAT64 of 169.254.169.254
        "http://[64:ff9b::7f00:1]/",  # NAT64 of 127.0.0.1
        "http://[64:ff9b:1::a9fe:a9fe]/",  # local-use NAT64
        "http://[2002:a9fe:a9fe::1]/",  # 6to4 of 169.254.169.254
        "http://[2002:7f00:1::1]/",  # 6to4 of 127.0.0.1
        "http://[::127.0.0.1]/",  # IPv4-compatible
        "http://[::ffff:0:a00:1]/",  # IPv4-translated 10.0.0.1
        "http://[2001:0:a00:1::c0a8:101]/",  # Teredo
        "http://[2a00:1450::5efe:7f00:1]/",  # ISATAP interface id with 127.0.0.1
        "http://[fec0::1]/",  # site-local
        "http://[fe80::1]/",  # link-local
    ],
)
def test_check_address_refuses_non_public_hosts(url, settings):
    with pytest.raises(BlockedAddressError):
        check_address(url, settings=settings)


@pytest.mark.parametrize(
    "url",
    [
        "http://93.184.215.14/",
        "http://[2a00:1450:4001:82a::200e]/",
        # the same forms around a public IPv4 address are that address
        "http://[64:ff9b::808:808]/",
        "http://[2002:808:808::1]/",
        "http://[::ffff:8.8.8.8]/",
    ],
)
def test_check_address_allows_public_ip_literals(url, settings):
    check_address(url, settings=settings)  # no DNS needed for a literal


def test_connection_refused(net_settings):
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="cannot fetch"):
        read_article(f"http://127.0.0.1:{port}/", settings=net_settings)
