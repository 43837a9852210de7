"""Article -> Statements: quotations, cues and speakers, coreference, dates said, media.

Modules: ``quotes`` (quotation spans), ``lexicon`` (cue verbs and speaker nouns), ``attribution``
(rules over the dependency parse), ``speakers`` (a mention's name, role and kind), ``entities`` (the
article's people and organisations, gathered from their mentions), ``coref`` (who a name, pronoun or
description is), ``names`` (the optional first-name gender lexicon), ``dates`` (when it was said),
``medium`` (briefing, statement, interview …), ``nlp`` (loading spaCy), ``core`` (the
:class:`Extractor` that runs them in order).
"""

from __future__ import annotations

from .core import Extractor, build_statements
from .nlp import load_pipeline

__all__ = ["Extractor", "build_statements", "load_pipeline"]
