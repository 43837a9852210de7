"""Announcing what was found to a webhook: one JSON POST per relation.

The body is one relation in the shape of ``walkback walkbacks --format json`` (see
:func:`~walkback.report.links.relation_json`). A webhook that is down, slow or answers an error is
logged as a warning and never stops the caller. The URL is the operator's own (given on the command
line, not read from a feed), so it is not held to the private-address rule of fetching; redirects are
not followed.
"""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import urlsplit

import httpx

from ..errors import ConfigError
from ..settings import Settings

__all__ = ["Webhook"]

log = logging.getLogger(__name__)


class Webhook:
    """POSTs JSON to ``url``; :meth:`send` says whether the receiver took it (2xx)."""

    def __init__(self, url: str, *, settings: Settings) -> None:
        parts = urlsplit(url)
        if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
            raise ConfigError(f"the webhook must be an http(s) URL with a host; got {url!r}")
        self.url = url
        self.settings = settings
        self.sent = 0
        self.failed = 0

    def send(self, payload: dict[str, Any]) -> bool:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": self.settings.user_agent}
        try:
            response = httpx.post(
                self.url,
                content=body,
                headers=headers,
                timeout=self.settings.fetch_timeout,
                follow_redirects=False,
            )
        except httpx.HTTPError as e:
            self.failed += 1
            log.warning("webhook %s: not delivered (%s)", self.url, e or type(e).__name__)
            return False
        if not response.is_success:
            self.failed += 1
            log.warning(
                "webhook %s: not delivered (HTTP %d %s)",
                self.url,
                response.status_code,
                response.reason_phrase,
            )
            return False
        self.sent += 1
        return True
