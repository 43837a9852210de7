"""Inputs that are not articles: each a one-line error naming the input."""

from __future__ import annotations

import os
import time

import pytest

from walkback.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
    WalkbackError,
)
from walkback.ingest import read_article
from walkback.settings import Settings


def _raises(cls, source, settings, match):
    with pytest.raises(cls, match=match) as info:
        read_article(str(source), settings=settings)
    error = info.value
    assert error.source == str(source)
    assert str(error).startswith(f"{source}: ") and "\n" not in str(error)
    assert isinstance(error, WalkbackError)
    return error


def test_missing_file(settings, tmp_path):
    _raises(InputError, tmp_path / "nope.txt", settings, "no such file")


def test_directory(settings, tmp_path):
    _raises(InputError, tmp_path, settings, "is a directory")


def test_empty_file(settings, write):
    _raises(EmptyInputError, write("empty.txt", b""), settings, "empty")


@pytest.mark.parametrize("content", [" \n\t\n  \r\n", "\ufeff \n", "\xa0\n\u2003"])
def test_whitespace_only_file(settings, write, content):
    _raises(EmptyInputError, write("blank.txt", content.encode()), settings, "white space")


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"some text\x00with a NUL byte", "NUL byte at offset 9"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"PK\x03\x04\x14\x00", "ZIP archive"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8, 0x0E, 0x0F]) * 50, "control bytes"),
    ],
)
def test_binary_file(settings, write, content, match):
    _raises(BinaryInputError, write("blob.txt", content), settings, match)


def test_latin1_file_names_the_first_bad_byte(settings, write):
    path = write("latin1.txt", "Headline\n\nCaf\xe9 society.\n".encode("latin-1"))
    error = _raises(EncodingError, path, settings, "UTF-8")
    assert "0xe9" in error.message and "byte offset 13" in error.message
    assert "line 3, column 4" in error.message


def test_utf16_file(settings, write):
    _raises(EncodingError, write("u16.txt", "Headline\n\nBody.\n".encode("utf-16")), settings, "UTF-16")


def test_html_without_charset_in_latin1_is_an_encoding_error(settings, write):
    page = "<html><body><p>Caf\xe9</p></body></html>".encode("latin-1")
    _raises(EncodingError, write("page.html", page), settings, "not UTF-8")


def test_utf8_bom_is_fine(settings, write):
    article = read_article(str(write("bom.txt", "\ufeffHeadline\n\nBody.\n".encode())), settings=settings)
    assert article.title == "Headline"


def test_fifty_megabyte_file_is_refused_without_reading_it(write, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50_000_000)  # sparse: costs nothing on disk
    started = time.perf_counter()
    error = _raises(InputTooLargeError, path, Settings(), "50,000,000 bytes, over the limit of 10,000,000")
    assert time.perf_counter() - started < 0.5
    assert "max_bytes" in error.message


def test_size_limit_comes_from_settings(write):
    path = write("small.txt", "Headline\n\n" + "word " * 100)
    _raises(InputTooLargeError, path, Settings(max_bytes=100), "over the limit of 100")
    assert read_article(str(path), settings=Settings(max_bytes=1000)).title == "Headline"


def test_unsupported_scheme(settings):
    _raises(InputError, "ftp://example.com/a.txt", settings, "unsupported URL scheme")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_refused(settings, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    _raises(InputError, fifo, settings, "not a regular file")
