"""Across articles: speaker identity, claim matching, stance and relations.

``link_store`` links every stored statement not linked yet (what ``walkback ingest`` runs after
storing); :class:`Linker` does it article by article; :mod:`walkback.link.match` ranks known
claims for a statement (``walkback match``).
"""

from __future__ import annotations

from collections.abc import Callable

from ..settings import Settings
from .core import Linker, LinkOptions, LinkSummary

__all__ = ["LinkOptions", "LinkSummary", "Linker", "link_store"]


def link_store(
    store,  # type: ignore[no-untyped-def]
    settings: Settings,
    *,
    encoder=None,  # type: ignore[no-untyped-def]
    on_article: Callable[[str], None] | None = None,
    rebuild: bool = False,
) -> LinkSummary:
    """Link every latest article version with unlinked statements; return what was found.

    ``rebuild`` forgets every link first and links everything again (after changing the encoder or
    the thresholds); the statements themselves are kept.
    """
    if rebuild:
        with store.linking() as ledger:
            ledger.clear()
        vectors = store.vectors_path
        if vectors is not None and vectors.exists():
            vectors.unlink()
    if encoder is None:
        from .embed import get_encoder

        encoder = get_encoder(settings.encoder or None)
    options = LinkOptions(
        claim_threshold=settings.claim_threshold,
        infer_threshold=settings.infer_threshold,
        spacy_models=tuple(settings.spacy_models),
    )
    linker = Linker(store, encoder, options=options)
    try:
        return linker.link_pending(on_article)
    finally:
        linker.close()
