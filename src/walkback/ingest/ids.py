"""Article ids and canonical URLs.

An article's id is stable across runs and machines: the hash of its canonical URL when it has one,
else of (outlet, normalised title, publication day).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from urllib.parse import unquote_plus, urlsplit, urlunsplit

from ..model import stable_id

__all__ = ["article_id", "canonical_url"]

_TRACKING = re.compile(r"^(utm_\w*|fbclid|gclid)$", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no default port.

    The path and the order of the remaining query parameters are kept as they are.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: keep the URL as written
        port = None
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    # filter the raw pieces so what is kept stays byte-for-byte as written
    kept = [p for p in parts.query.split("&") if p and not _TRACKING.match(unquote_plus(p.split("=")[0]))]
    query = "&".join(kept)
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def _normalised_title(title: str) -> str:
    folded = unicodedata.normalize("NFKC", title).casefold()
    return " ".join(re.findall(r"\w+", folded))


def article_id(url: str | None, outlet: str | None, title: str, published: datetime | None) -> str:
    """``a`` + 16 hex digits; from the canonical URL when there is one."""
    if url:
        return stable_id(canonical_url(url), prefix="a")
    day = published.date().isoformat() if published else ""
    return stable_id((outlet or "").strip().casefold(), _normalised_title(title), day, prefix="a")
