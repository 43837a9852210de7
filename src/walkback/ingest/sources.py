"""Local sources: expanding arguments into paths and URLs, and loading one file as text.

A local file must be UTF-8 text (a byte-order mark is fine). HTML files that declare another charset
in a ``<meta>`` tag are read in that charset, as a browser would. Every refusal is an
:class:`~walkback.errors.InputError` subclass whose message says what was found and what is allowed.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..errors import BinaryInputError, EmptyInputError, EncodingError, InputError, InputTooLargeError
from ..settings import Settings
from .readers import Document

__all__ = [
    "SOURCE_SUFFIXES",
    "WARC_SUFFIXES",
    "has_warc_name",
    "iter_sources",
    "is_url",
    "load_file",
    "check_not_binary",
    "declared_html_charset",
    "normalise_newlines",
]

log = logging.getLogger(__name__)

SOURCE_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml"})
WARC_SUFFIXES = (".warc", ".warc.gz")

_URL = re.compile(r"^https?://", re.IGNORECASE)
_OTHER_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)
_UTF16_32_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
# control bytes that never occur in text (tab, newlines, form feed and escape are allowed)
_CONTROL = frozenset(range(0x09)) | frozenset(range(0x0E, 0x1B)) | frozenset(range(0x1C, 0x20)) | {0x7F}
_CHARSET_META = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([a-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_MARKUP = re.compile(rb"^\s*<(?:\?xml|!doctype\s+html|html|head|!--)", re.IGNORECASE)


def is_url(source: str) -> bool:
    return bool(_URL.match(source.strip()))


# -- expanding arguments ---------------------------------------------------------------------------


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def has_warc_name(name: str) -> bool:
    """Whether a file name ends in ``.warc`` or ``.warc.gz`` (any case)."""
    return name.lower().endswith(WARC_SUFFIXES)


def _expand_folder(folder: Path) -> Iterator[str]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not _is_hidden(d)]
        found.extend(
            Path(root) / name
            for name in files
            if not _is_hidden(name) and (Path(name).suffix.lower() in SOURCE_SUFFIXES or has_warc_name(name))
        )
    for path in sorted(found, key=lambda p: p.relative_to(folder).parts):
        yield str(path)


def _expand(arg: str) -> Iterator[str]:
    if is_url(arg):
        yield arg.strip()
    elif Path(arg).is_dir():
        yield from _expand_folder(Path(arg))
    else:
        yield arg  # a file, or a path that does not exist: read_article says so


def _read_list(list_file: str) -> Iterator[str]:
    path = Path(list_file)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("no such list file (given as @LIST)", source=list_file) from None
    except IsADirectoryError:
        raise InputError(
            "the @LIST argument is a directory; name a file listing one path or URL a line", source=list_file
        ) from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read the list file: {e}", source=list_file) from None
    for line in text.splitlines():
        entry = line.strip()
        if entry and not entry.startswith("#"):
            yield entry


def iter_sources(args: Sequence[str]) -> Iterator[str]:
    """Paths and URLs to read, from command-line arguments.

    A folder becomes the article files under it (``.txt .text .html .htm .xhtml``, and WARC archives
    ``.warc .warc.gz``; hidden files and folders skipped, sorted); ``@LIST`` becomes the entries of
    file LIST, one path or URL a line (blank lines and ``#`` comments skipped; relative paths are
    taken from the current directory, as ``wget -i`` and ``tar -T`` do); URLs and files pass through.
    A path that does not exist is passed through too, so that :func:`~walkback.ingest.read_article`
    reports it with the others.
    """
    for arg in args:
        if arg.startswith("@") and len(arg) > 1:
            for entry in _read_list(arg[1:]):
                yield from _expand(entry)
        else:
            yield from _expand(arg)


# -- loading one file ------------------------------------------------------------------------------


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_not_binary(data: bytes, source: str) -> None:
    """Refuse bytes that are not text: known file signatures, NUL bytes, many control bytes."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise BinaryInputError(
                f"this is {kind}, not text; walkback reads HTML and plain text", source=source
            )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise BinaryInputError(
            f"binary data, not text (a NUL byte at offset {nul}); walkback reads HTML and plain text",
            source=source,
        )
    sample = data[:8192]
    controls = sum(1 for b in sample if b in _CONTROL)
    if sample and controls / len(sample) > 0.05:
        raise BinaryInputError(
            f"binary data, not text ({controls} control bytes in the first {len(sample)}); "
            "walkback reads HTML and plain text",
            source=source,
        )


def declared_html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB (``<meta charset>``, XML declaration)."""
    match = _CHARSET_META.search(data[:4096])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _encoding_error(data: bytes, error: UnicodeDecodeError, source: str) -> EncodingError:
    offset = error.start
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return EncodingError(
        f"not UTF-8 text: the first invalid byte 0x{data[offset]:02x} is at byte offset {offset} "
        f"(line {line}, column {column}); walkback reads UTF-8 text files, so re-save it as UTF-8",
        source=source,
    )


def _decode_local(data: bytes, path: Path, source: str) -> str:
    for bom, name in _UTF16_32_BOMS:
        if data.startswith(bom):
            raise EncodingError(
                f"this is {name} text; walkback reads UTF-8 text files, so re-save it as UTF-8", source=source
            )
    check_not_binary(data, source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        looks_html = path.suffix.lower() in {".html", ".htm", ".xhtml"} or bool(_MARKUP.match(data[:512]))
        charset = declared_html_charset(data) if looks_html else None
        if charset and charset != "utf-8":
            log.debug("%s: decoding as %s, the charset the page declares", source, charset)
            return data.decode(charset, errors="replace")
        raise _encoding_error(data, e, source) from None


def load_file(source: str, *, settings: Settings) -> Document:
    """Read a local file as text, refusing what is not an article source."""
    path = Path(source).expanduser()
    if _OTHER_SCHEME.match(source):
        scheme = source.split(":", 1)[0]
        raise InputError(f"unsupported URL scheme {scheme!r}; use http:// or https://", source=source)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError("no such file", source=source) from None
    except OSError as e:
        raise InputError(f"cannot read it: {e.strerror or e}", source=source) from None
    if path.is_dir():
        raise InputError(
            "is a directory, not a file; pass folders on the command line to expand them", source=source
        )
    if not path.is_file():
        raise InputError("not a regular file (a device, socket or pipe)", source=source)
    if info.st_size > settings.max_bytes:
        raise InputTooLargeError(
            f"{info.st_size:,} bytes, over the limit of {settings.max_bytes:,} (setting max_bytes)",
            source=source,
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(settings.max_bytes + 1)  # the file may have grown since stat()
    except OSError as e:
        raise InputError(f"cannot read it: {e.strerror or e}", source=source) from None
    if len(data) > settings.max_bytes:
        raise InputTooLargeError(
            f"over the limit of {settings.max_bytes:,} bytes (setting max_bytes)", source=source
        )
    if not data.strip():
        message = "the file is empty" if not data else "the file holds only white space"
        raise EmptyInputError(message, source=source)
    text = normalise_newlines(_decode_local(data, path, source))
    if not text.strip():
        raise EmptyInputError("the file holds only white space", source=source)
    return Document(text=text, source=source, suffix=path.suffix.lower())
