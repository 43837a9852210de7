"""Faster stand-ins for spaCy's ``attribute_ruler`` and ``lemmatizer``, giving exactly the same annotations.

- :class:`AttributeRules` applies the English pipeline's ``attribute_ruler`` rules (tag map, morph
  rules, exceptions) by looking each token's tag, lower form and dependency up in an index of the
  rules, instead of running spaCy's general Matcher over every token for every rule. Matches are
  applied in the ruler's own order (later rules win) with spaCy's own ``set_token_attrs``. On
  PolNeAR dev the ruler took 3.1-4.0 s of the pipeline's ~22 s; the index takes 0.5 s.
- :class:`LazyLemmas` stands in for the ``lemmatizer``: a lemma is worked out by the pipeline's own
  lemmatizer the first time :func:`lemma_of` asks for it, and kept on the token. The attribution rules
  read the lemmas of the verbs and a few nouns, not of every token: over the 84 PolNeAR dev texts
  lemmatizing all 81,742 tokens took 1.7 s CPU of the pipeline's 15 s; about 10,000 are asked for.

``tests/extract/test_fastpipe.py`` checks both against the components they replace, token by token.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

__all__ = ["AttributeRules", "LazyLemmas", "lemma_of", "speed_up"]

_FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # a token's attributes, read once per doc
Attrs = tuple[str, str, str, bool]
_KEYED = ("TAG", "LOWER", "DEP")  # attributes a rule can be indexed by, in order of preference


class UnsupportedRule(ValueError):
    """A rule the fast path cannot reproduce exactly; the original component is kept."""


def _predicate(attr: str, value: Any) -> Callable[[Attrs], bool]:
    if attr not in _FIELDS:
        raise UnsupportedRule(f"attribute {attr}")
    f = _FIELDS[attr]
    if isinstance(value, (str, bool)):
        return lambda a: a[f] == value
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op == "IN":
            allowed = frozenset(arg)
            return lambda a: a[f] in allowed
        if op == "NOT_IN":
            banned = frozenset(arg)
            return lambda a: a[f] not in banned
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda a: bool(rx.search(a[f]))
    raise UnsupportedRule(f"{attr}: {value!r}")


def _all(preds: list[Callable[[Attrs], bool]]) -> Callable[[Attrs], bool] | None:
    """One predicate for a token pattern; ``None`` when the index lookup alone decides it."""
    if not preds:
        return None
    if len(preds) == 1:
        return preds[0]
    return lambda a: all(p(a) for p in preds)


def _keys(tok_pattern: dict[str, Any]) -> list[tuple[str, Any]] | None:
    """The index keys under which a token pattern is found, or ``None`` to check it on every token."""
    for attr in _KEYED:
        value = tok_pattern.get(attr)
        if isinstance(value, str):
            return [(attr, value)]
        if isinstance(value, dict) and set(value) == {"IN"}:
            return [(attr, v) for v in value["IN"]]
    if tok_pattern.get("IS_SPACE") is True:
        return [("IS_SPACE", True)]
    return None


class AttributeRules:
    """The ``attribute_ruler``'s rules, indexed. Build with the ruler it replaces."""

    def __init__(self, ruler: Any) -> None:
        self.attrs = list(ruler.attrs)
        self.indices = list(ruler.indices)
        # key -> [(rule, [predicate of each token; None: always true])]
        self.index: dict[tuple[str, Any], list[tuple[int, list[Any]]]] = defaultdict(list)
        self.anywhere: list[tuple[int, list[Any]]] = []
        for rule in range(len(self.attrs)):
            found = ruler.matcher.get(str(rule))
            if found is None:
                raise UnsupportedRule(f"rule {rule} has no patterns")
            for pattern in found[1]:
                if any("OP" in tp for tp in pattern):
                    raise UnsupportedRule("operators")
                keys = _keys(pattern[0])
                first = pattern[0]
                if keys is not None:  # the index lookup checks that attribute (a value, or one of IN)
                    first = {k: v for k, v in first.items() if k != keys[0][0]}
                preds = [_all([_predicate(a, v) for a, v in first.items()])]
                preds += [_all([_predicate(a, v) for a, v in tp.items()]) for tp in pattern[1:]]
                if keys is None:
                    self.anywhere.append(
                        (rule, [_all([_predicate(a, v) for a, v in pattern[0].items()]), *preds[1:]])
                    )
                else:
                    for key in keys:
                        self.index[key].append((rule, preds))

    def __call__(self, doc: Doc) -> Doc:
        toks = [(t.tag_, t.lower_, t.dep_, t.is_space) for t in doc]
        n = len(toks)
        index, anywhere = self.index, self.anywhere
        none: tuple[()] = ()
        matches: list[tuple[int, int, int]] = []
        for i, a in enumerate(toks):
            tag, lower, dep, space = a
            for group in (
                index.get(("TAG", tag), none),
                index.get(("LOWER", lower), none),
                index.get(("DEP", dep), none),
                index.get(("IS_SPACE", True), none) if space else none,
                anywhere,
            ):
                for rule, preds in group:
                    end = i + len(preds)
                    if end > n:
                        continue
                    for k, p in enumerate(preds):
                        if p is not None and not p(toks[i + k]):
                            break
                    else:
                        matches.append((rule, i, end))
        matches.sort()
        last = None
        for m in matches:
            if m == last:  # the same rule matched twice by two of its patterns
                continue
            last = m
            rule, start, end = m
            at = self.indices[rule]
            set_token_attrs(doc[start + at if at >= 0 else end + at], self.attrs[rule])
        return doc


@Language.factory("walkback_attribute_rules")
def _attribute_rules(nlp: Language, name: str) -> AttributeRules:
    return AttributeRules(nlp.get_pipe("attribute_ruler"))


# the lemmatize function of each vocabulary's lazy lemmatizer, by id(vocab); the vocabulary is kept
# with it, so that the id cannot be reused by another
_LEMMATIZERS: dict[int, tuple[object, Callable[[Token], list[str]]]] = {}


class LazyLemmas:
    """The pipeline's lemmatizer, asked per token when a lemma is needed (:func:`lemma_of`) instead of
    for every token of every document. Lemmas the attribute rules set are kept, as the lemmatizer
    (``overwrite = False``) keeps them."""

    def __init__(self, original: Any, vocab: Any) -> None:
        if getattr(original, "overwrite", True) or not callable(getattr(original, "lemmatize", None)):
            raise UnsupportedRule("a lemmatizer that overwrites the attribute rules' lemmas")
        if not original._validated:
            original._validate_tables(Errors.E1004)
        self.original = original
        _LEMMATIZERS[id(vocab)] = (vocab, original.lemmatize)

    def __call__(self, doc: Doc) -> Doc:
        return doc


def lemma_of(tok: Token) -> str:
    """The token's lemma: the one already set (by the attribute rules, or by an eager lemmatizer),
    else the lazy lemmatizer's, worked out now and kept on the token."""
    if tok.lemma == 0:
        entry = _LEMMATIZERS.get(id(tok.doc.vocab))
        if entry is not None:
            tok.lemma_ = entry[1](tok)[0]
    return tok.lemma_


@Language.factory("walkback_lazy_lemmas")
def _lazy_lemmas(nlp: Language, name: str) -> LazyLemmas:
    return LazyLemmas(nlp.get_pipe("lemmatizer"), nlp.vocab)


def speed_up(nlp: Language) -> list[str]:
    """Swap in the fast components where the pipeline's rules allow it; the names swapped."""
    swapped = []
    for original, fast in (
        ("attribute_ruler", "walkback_attribute_rules"),
        ("lemmatizer", "walkback_lazy_lemmas"),
    ):
        if original not in nlp.pipe_names:
            continue
        try:
            nlp.add_pipe(fast, after=original)
        except UnsupportedRule:
            continue
        nlp.remove_pipe(original)
        nlp.rename_pipe(fast, original)
        swapped.append(original)
    return swapped
