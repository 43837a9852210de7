"""walkback's exceptions: one tree, each error carrying the context a user needs.

::

    WalkbackError                   root; ``exit_code`` maps it to a CLI exit status and
                                    ``http_status`` to the web layer's answer
    ├── InputError                  a source could not be read as an article (``source`` names it)
    │   ├── EmptyInputError         the file or page holds no text
    │   ├── BinaryInputError        the bytes are not text (NUL bytes, an image, an archive)
    │   ├── EncodingError           the text is not UTF-8
    │   ├── InputTooLargeError      over the configured size limit
    │   │   └── BodyTooLargeError   a request body over its limit (the web layer: 413)
    │   ├── NoArticleError          HTML with no article body in it
    │   ├── ArchiveError            a WARC archive that is truncated or damaged (``offset`` of the record)
    │   └── DateError               a date that cannot be read (``--published``, a dateline)
    ├── FetchError                  a URL could not be fetched (``source`` is the URL)
    │   ├── FetchTimeoutError       no answer within the timeout
    │   ├── FetchConnectionError    the connection failed or broke (refused, reset, TLS)
    │   ├── HTTPStatusError         answered with a status >= 400 (``status``, ``retry_after``)
    │   ├── BlockedAddressError     resolves to an address fetching may not reach
    │   └── RobotsDisallowedError   the site's robots.txt does not allow fetching it
    ├── PipelineError               the NLP pipeline is missing or put together wrongly
    ├── DependencyError             an optional part is not installed (pyspark, pyarrow, Java)
    ├── StoreError                  the database cannot be opened, migrated or written
    ├── NotFoundError               a claim, speaker or article asked for is not stored
    ├── ConfigError                 a settings file or value is invalid
    └── AccessError                 a write refused: writing is off, or the token is wrong
        └── AuthRequiredError       a write sent without credentials

Messages say what was found and what is allowed, on one line, so the CLI can print them as they are.
"""

from __future__ import annotations

__all__ = [
    "WalkbackError",
    "InputError",
    "EmptyInputError",
    "BinaryInputError",
    "EncodingError",
    "InputTooLargeError",
    "BodyTooLargeError",
    "NoArticleError",
    "ArchiveError",
    "DateError",
    "FetchError",
    "FetchTimeoutError",
    "FetchConnectionError",
    "HTTPStatusError",
    "BlockedAddressError",
    "RobotsDisallowedError",
    "PipelineError",
    "DependencyError",
    "StoreError",
    "NotFoundError",
    "ConfigError",
    "AccessError",
    "AuthRequiredError",
]


class WalkbackError(Exception):
    """Root of every error walkback raises on purpose."""

    exit_code = 1
    http_status = 500  # what the web layer answers (``walkback.web``); subclasses narrow it

    def __init__(self, message: str, *, source: str | None = None) -> None:
        if not message:
            raise ValueError("WalkbackError needs a message")
        self.message = " ".join(str(message).split())  # always one line
        self.source = source
        super().__init__(self.message)

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class InputError(WalkbackError):
    """A source could not be turned into an article."""

    http_status = 422


class EmptyInputError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class EncodingError(InputError):
    pass


class InputTooLargeError(InputError):
    pass


class BodyTooLargeError(InputTooLargeError):
    """A request body (an upload, a JSON object) over its limit, refused as it arrives."""

    http_status = 413


class NoArticleError(InputError):
    pass


class ArchiveError(InputError):
    """A WARC archive that cannot be read on: ``offset`` is the byte offset of the damaged record."""

    def __init__(self, message: str, *, source: str | None = None, offset: int | None = None) -> None:
        super().__init__(message, source=source)
        self.offset = offset


class DateError(InputError):
    http_status = 400


class FetchError(WalkbackError):
    """A URL could not be fetched."""

    http_status = 502


class FetchTimeoutError(FetchError):
    http_status = 504


class FetchConnectionError(FetchError):
    """The connection was refused, reset or could not be secured: worth trying again later."""


class HTTPStatusError(FetchError):
    def __init__(
        self, message: str, *, source: str | None = None, status: int = 0, retry_after: float | None = None
    ) -> None:
        super().__init__(message, source=source)
        self.status = status
        self.retry_after = retry_after  # seconds the server asked to wait (Retry-After), if it said


class BlockedAddressError(FetchError):
    http_status = 403


class RobotsDisallowedError(FetchError):
    pass


class PipelineError(WalkbackError):
    exit_code = 3


class DependencyError(WalkbackError):
    """Something an optional feature needs is not installed: the message says what and how to get it."""

    exit_code = 3


class StoreError(WalkbackError):
    exit_code = 4
    http_status = 503


class NotFoundError(WalkbackError):
    """Something asked for by name or id is not in the database."""

    http_status = 404


class ConfigError(WalkbackError):
    exit_code = 2
    http_status = 400


class AccessError(WalkbackError):
    """A write the web layer refuses: writing is off, or the token is wrong."""

    exit_code = 2
    http_status = 403


class AuthRequiredError(AccessError):
    """A write sent without ``Authorization: Bearer <token>``."""

    http_status = 401
