"""walkback: who said what, and when — and what was later walked back.

The library core runs one stage per module: ``ingest`` (sources -> Article), ``extract``
(Article -> Statements), ``link`` (speakers, claims, stances and relations across articles),
``store`` (SQLite), ``report`` (views and exports). The CLI and the web
layer are thin adapters over it. The library logs through ``logging.getLogger("walkback")`` and
never configures handlers.
"""

from __future__ import annotations

import logging

from .errors import *  # noqa: F403
from .errors import __all__ as _errors_all
from .model import (
    Article,
    Claim,
    Precision,
    Relation,
    RelationType,
    SaidOn,
    Span,
    Speaker,
    SpeakerIdentity,
    Stance,
    Statement,
    StatementKind,
    stable_id,
)
from .settings import Settings, load_settings

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "__version__",
    "Article",
    "SaidOn",
    "Span",
    "Speaker",
    "Statement",
    "StatementKind",
    "Precision",
    "stable_id",
    "SpeakerIdentity",
    "Claim",
    "Relation",
    "RelationType",
    "Stance",
    "Settings",
    "load_settings",
    *_errors_all,
]
