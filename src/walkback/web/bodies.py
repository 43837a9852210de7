"""Request bodies read within limits, as they arrive, and never before the write token is checked.

The one write (ingest) takes a small JSON object, or a form with at most one file. Its body is read
here, not by the framework, so that

* a body that announces more than its limit (``Content-Length``) is refused before a byte of it is
  read, and one that sends more than it announced, or no length (chunked), as soon as it passes the
  limit: :class:`~walkback.errors.BodyTooLargeError`, HTTP 413;
* the token is checked before the body is read when it comes in the ``Authorization`` header (the
  API), and, when it comes in the form (the ingest page: a page without scripts can send no header),
  as soon as its field has arrived and before any file is read: the form sends it first, and a file
  that comes before it is refused;
* nothing is written to disk: the file (at most :data:`MAX_UPLOAD` bytes) is kept in memory.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from python_multipart.exceptions import ParseError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from ..errors import BodyTooLargeError, InputError

__all__ = ["Form", "MAX_FIELD", "MAX_JSON", "MAX_UPLOAD", "read_form", "read_json"]

MAX_UPLOAD = 20 * 1024 * 1024  # an uploaded file
MAX_JSON = 64 * 1024  # a JSON body: {"url": ..., "published": ..., "outlet": ...}
MAX_FIELD = 64 * 1024  # a form field other than the file
_MAX_PARTS = 16
_FORM_OVERHEAD = 64 * 1024  # a multipart form's boundaries, part headers and fields beside the file


@dataclass
class Form:
    """A form as read: its text fields, and the file sent with it as (name, bytes), if any."""

    fields: dict[str, str] = field(default_factory=dict)
    upload: tuple[str, bytes] | None = None


def _declared_length(request: Request, limit: int) -> None:
    declared = request.headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLargeError(f"the request body is {int(declared):,} bytes; the limit is {limit:,}")


async def _chunks(request: Request, limit: int) -> AsyncIterator[bytes]:
    """The body as it arrives, refused once past ``limit`` bytes (checked first against its length)."""
    _declared_length(request, limit)
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLargeError(f"the request body is over the limit of {limit:,} bytes")
        yield chunk


async def read_json(request: Request, limit: int = MAX_JSON) -> Any:
    """The body as JSON (at most ``limit`` bytes); :class:`InputError` when it is not JSON."""
    body = b"".join([chunk async for chunk in _chunks(request, limit)])
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise InputError("the request body is not JSON") from None


async def read_form(request: Request, *, before_file: Callable[[dict[str, str]], None]) -> Form:
    """A ``multipart/form-data`` or URL-encoded form. ``before_file(fields)`` is called with the fields
    read so far before a file's first byte is read, and at the end when there is no file (it raises
    to refuse the request: the rest of the body is then never read)."""
    kind, options = parse_options_header(request.headers.get("content-type", ""))
    if kind == b"application/x-www-form-urlencoded":
        body = b"".join([chunk async for chunk in _chunks(request, MAX_FIELD)])
        try:
            fields = dict(parse_qsl(body.decode("utf-8"), max_num_fields=_MAX_PARTS))
        except (ValueError, UnicodeDecodeError):
            raise InputError("the form cannot be read") from None
        before_file(fields)
        return Form(fields=fields)
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise InputError("send a form (multipart/form-data or application/x-www-form-urlencoded)")
    reader = _MultipartReader(boundary, before_file)
    async for chunk in _chunks(request, MAX_UPLOAD + _FORM_OVERHEAD):
        reader.feed(chunk)
    return reader.finish()


class _MultipartReader:
    """python-multipart's streaming parser, keeping text fields and one file in memory."""

    def __init__(self, boundary: bytes, before_file: Callable[[dict[str, str]], None]) -> None:
        self.before_file = before_file
        self.form = Form()
        self.checked = False
        self._header_field = b""
        self._header_value = b""
        self._headers: dict[bytes, bytes] = {}
        self._name: str | None = None
        self._filename: str | None = None
        self._data: list[bytes] = []
        self._size = 0
        self._parts = 0
        self.parser = MultipartParser(
            boundary,
            {
                "on_part_begin": self._part_begin,
                "on_header_field": lambda d, s, e: self._add("_header_field", d[s:e]),
                "on_header_value": lambda d, s, e: self._add("_header_value", d[s:e]),
                "on_header_end": self._header_end,
                "on_headers_finished": self._headers_finished,
                "on_part_data": self._part_data,
                "on_part_end": self._part_end,
            },
        )

    def _add(self, name: str, data: bytes) -> None:
        setattr(self, name, getattr(self, name) + data)
        if len(self._header_field) + len(self._header_value) > MAX_FIELD:
            raise BodyTooLargeError("a header of the form is too long")

    def _part_begin(self) -> None:
        self._parts += 1
        if self._parts > _MAX_PARTS:
            raise InputError(f"the form has more than {_MAX_PARTS} fields")
        self._headers, self._data, self._size = {}, [], 0

    def _header_end(self) -> None:
        self._headers[self._header_field.lower()] = self._header_value
        self._header_field = self._header_value = b""

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        self._name = options.get(b"name", b"").decode("utf-8", "replace")
        filename = options.get(b"filename")
        self._filename = filename.decode("utf-8", "replace") if filename is not None else None
        if self._filename is not None:
            if self.form.upload is not None:
                raise InputError("send one file at a time")
            self._check()

    def _check(self) -> None:
        if not self.checked:
            self.checked = True
            self.before_file(dict(self.form.fields))

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        self._size += end - start
        limit = MAX_UPLOAD if self._filename is not None else MAX_FIELD
        if self._size > limit:
            what = "the file" if self._filename is not None else f"the field {self._name!r}"
            raise BodyTooLargeError(f"{what} is over the limit of {limit:,} bytes")
        self._data.append(data[start:end])

    def _part_end(self) -> None:
        data = b"".join(self._data)
        if self._filename is not None:
            if self._filename or data:  # a form's empty file input sends an empty part
                self.form.upload = (self._filename or "upload.txt", data)
        elif self._name:
            self.form.fields[self._name] = data.decode("utf-8", "replace")
        self._data = []

    def feed(self, chunk: bytes) -> None:
        try:
            self.parser.write(chunk)
        except ParseError as e:
            raise InputError(f"the form cannot be read: {e}") from None

    def finish(self) -> Form:
        try:
            self.parser.finalize()
        except ParseError as e:
            raise InputError(f"the form cannot be read: {e}") from None
        self._check()
        return self.form
