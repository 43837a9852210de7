"""Fetching politely: one request at a time per host, robots.txt obeyed, failures retried with back-off.

:class:`PoliteFetcher` wraps :func:`~walkback.ingest.fetch.fetch_url` (so every request, robots.txt
included, goes through its address checks, redirect checks, size limit and timeout) and adds:

- a per-host pace: at least ``settings.host_interval`` seconds between two requests to one host (more
  when the site's robots.txt asks for it with ``Crawl-delay``, up to :data:`MAX_CRAWL_DELAY`);
- robots.txt, fetched once per host and kept for ``settings.robots_ttl`` seconds (``urllib.robotparser``
  reads it). A robots.txt that answers 401 or 403 forbids everything, another 4xx allows everything; one
  that cannot be fetched (5xx, timeout, broken connection) forbids for now and is asked again next time;
- retries of requests that failed for a reason that may pass (5xx, 429, a timeout, a broken connection),
  at most ``settings.fetch_retries`` times, waiting ``retry_backoff`` seconds doubled each time (or what
  the server's ``Retry-After`` asks), at most ``retry_backoff_max``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from ..errors import (
    FetchConnectionError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    InputError,
    RobotsDisallowedError,
)
from ..settings import Settings
from .fetch import Fetched, decode_page, fetch_url
from .schedule import backoff_delay

__all__ = ["PoliteFetcher", "MAX_CRAWL_DELAY", "is_transient"]

log = logging.getLogger(__name__)

#: the longest ``Crawl-delay`` honoured, in seconds (a longer one would stall every other feed)
MAX_CRAWL_DELAY = 60.0

_ROBOTS_ACCEPT = "text/plain,*/*;q=0.5"


def is_transient(error: FetchError) -> bool:
    """Whether trying again later may work: 5xx, 408, 429, a timeout, a broken connection."""
    if isinstance(error, HTTPStatusError):
        return error.status >= 500 or error.status in (408, 429)
    return isinstance(error, FetchTimeoutError | FetchConnectionError)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


@dataclass(slots=True)
class _Robots:
    parser: RobotFileParser | None  # None: everything allowed (no robots.txt)
    read_at: float


class PoliteFetcher:
    """GETs with a per-host pace, robots.txt and retries; one per watcher (it keeps the caches).

    ``sleep`` and ``clock`` (monotonic seconds) can be replaced in tests.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self._sleep = sleep
        self._clock = clock
        self._next_turn: dict[str, float] = {}  # origin -> earliest clock() of its next request
        self._robots: dict[str, _Robots] = {}
        self.requests = 0  # requests sent, retries and robots.txt included

    # -- pace ----------------------------------------------------------------------------------------

    def _interval(self, origin: str) -> float:
        interval = self.settings.host_interval
        robots = self._robots.get(origin)
        if robots is not None and robots.parser is not None:
            delay = robots.parser.crawl_delay(self.settings.user_agent)
            if delay:
                interval = max(interval, min(float(delay), MAX_CRAWL_DELAY))
        return interval

    def _wait_turn(self, url: str) -> None:
        origin = _origin(url)
        wait = self._next_turn.get(origin, 0.0) - self._clock()
        if wait > 0:
            log.debug("%s: waiting %.2f s for its turn", origin, wait)
            self._sleep(wait)
        self._next_turn[origin] = self._clock() + self._interval(origin)

    # -- requests ------------------------------------------------------------------------------------

    def get(
        self,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        types: frozenset[str] | None = None,
        accept: str | None = None,
        robots: bool = True,
    ) -> Fetched:
        """GET ``url`` (see :func:`~walkback.ingest.fetch.fetch_url`), after robots.txt allows it when
        ``robots``; raises :class:`RobotsDisallowedError` when it does not."""
        if robots and not self.allowed(url):
            raise RobotsDisallowedError("the site's robots.txt does not allow fetching it", source=url)
        attempt = 0
        while True:
            self._wait_turn(url)
            self.requests += 1
            try:
                kwargs = {"accept": accept} if accept else {}
                return fetch_url(url, settings=self.settings, headers=headers, types=types, **kwargs)
            except FetchError as e:
                if attempt >= self.settings.fetch_retries or not is_transient(e):
                    raise
                attempt += 1
                delay = backoff_delay(
                    attempt, settings=self.settings, retry_after=getattr(e, "retry_after", None)
                )
                log.info(
                    "%s: %s; retry %d of %d in %.2f s",
                    url,
                    e.message,
                    attempt,
                    self.settings.fetch_retries,
                    delay,
                )
                self._sleep(delay)

    # -- robots.txt ----------------------------------------------------------------------------------

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets ``settings.user_agent`` fetch ``url``.

        Raises a :class:`FetchError` naming ``url`` when robots.txt cannot be fetched for now.
        """
        origin = _origin(url)
        robots = self._robots.get(origin)
        if robots is None or self._clock() - robots.read_at >= self.settings.robots_ttl:
            robots = self._read_robots(origin, url)
            self._robots[origin] = robots
        if robots.parser is None:
            return True
        return robots.parser.can_fetch(self.settings.user_agent, url)

    def _read_robots(self, origin: str, url: str) -> _Robots:
        robots_url = origin + "/robots.txt"
        try:
            fetched = self.get(robots_url, accept=_ROBOTS_ACCEPT, robots=False)
        except HTTPStatusError as e:
            if e.status in (401, 403):
                parser = RobotFileParser(robots_url)
                parser.disallow_all = True
                log.info("%s: answered HTTP %d; taken as forbidding everything", robots_url, e.status)
                return _Robots(parser, self._clock())
            if 400 <= e.status < 500:
                log.debug("%s: answered HTTP %d; everything allowed", robots_url, e.status)
                return _Robots(None, self._clock())
            raise type(e)(
                f"cannot read {robots_url} ({e.message}); not fetched until it can be read",
                source=url,
                status=e.status,
            ) from None
        except InputError as e:  # too large, not text ...: no rules can be read from it
            log.debug("%s: %s; everything allowed", robots_url, e.message)
            return _Robots(None, self._clock())
        except FetchError as e:
            raise type(e)(
                f"cannot read {robots_url} ({e.message}); not fetched until it can be read", source=url
            ) from None
        parser = RobotFileParser(robots_url)
        parser.parse(decode_page(fetched.body, fetched.content_type).splitlines())
        return _Robots(parser, self._clock())
