"""walkback's exceptions: one tree, each error carrying the context a user needs.

::

    WalkbackError                   root; ``exit_code`` maps it to a CLI exit status
    ├── InputError                  a source could not be read as an article (``source`` names it)
    │   ├── EmptyInputError         the file or page holds no text
    │   ├── BinaryInputError        the bytes are not text (NUL bytes, an image, an archive)
    │   ├── EncodingError           the text is not UTF-8
    │   ├── InputTooLargeError      over the configured size limit
    │   ├── NoArticleError          HTML with no article body in it
    │   ├── ArchiveError            a WARC archive that is truncated or damaged (``offset`` of the record)
    │   └── DateError               a date that cannot be read (``--published``, a dateline)
    ├── FetchError                  a URL could not be fetched (``source`` is the URL)
    │   ├── FetchTimeoutError       no answer within the timeout
    │   ├── HTTPStatusError         answered with a status >= 400 (``status``)
    │   └── BlockedAddressError     resolves to an address fetching may not reach
    ├── PipelineError               the NLP pipeline is missing or put together wrongly
    ├── StoreError                  the database cannot be opened, migrated or written
    ├── NotFoundError               a claim, speaker or article asked for is not stored
    └── ConfigError                 a settings file or value is invalid

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
    "NoArticleError",
    "ArchiveError",
    "DateError",
    "FetchError",
    "FetchTimeoutError",
    "HTTPStatusError",
    "BlockedAddressError",
    "PipelineError",
    "StoreError",
    "NotFoundError",
    "ConfigError",
]


class WalkbackError(Exception):
    """Root of every error walkback raises on purpose."""

    exit_code = 1

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


class EmptyInputError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class EncodingError(InputError):
    pass


class InputTooLargeError(InputError):
    pass


class NoArticleError(InputError):
    pass


class ArchiveError(InputError):
    """A WARC archive that cannot be read on: ``offset`` is the byte offset of the damaged record."""

    def __init__(self, message: str, *, source: str | None = None, offset: int | None = None) -> None:
        super().__init__(message, source=source)
        self.offset = offset


class DateError(InputError):
    pass


class FetchError(WalkbackError):
    """A URL could not be fetched."""


class FetchTimeoutError(FetchError):
    pass


class HTTPStatusError(FetchError):
    def __init__(self, message: str, *, source: str | None = None, status: int = 0) -> None:
        super().__init__(message, source=source)
        self.status = status


class BlockedAddressError(FetchError):
    pass


class PipelineError(WalkbackError):
    exit_code = 3


class StoreError(WalkbackError):
    exit_code = 4


class NotFoundError(WalkbackError):
    """Something asked for by name or id is not in the database."""


class ConfigError(WalkbackError):
    exit_code = 2
