"""The indexed attribute rules and the lazy lemmas give exactly what spaCy's attribute_ruler and
lemmatizer give, token by token."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from walkback.extract import load_pipeline
from walkback.extract.fastpipe import AttributeRules, LazyLemmas, lemma_of
from walkback.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
ATTRS = [POS, TAG, DEP, MORPH, LEMMA, HEAD]


def _texts(shared: Path | None) -> list[str]:
    files = sorted((ROOT / "tests" / "golden").glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))
    if shared is not None:
        files += sorted((shared / "data" / "polnear" / "dev" / "text").glob("*.txt"))[:25]
    texts = [f.read_text(encoding="utf-8") for f in files]
    # the rules' corner cases: "ain't", "gonna", "y'all", "let's", expletive "there is", "nothin'"
    texts.append(
        "Ain't nobody gonna tell y'all that. Let's go, there is nothin' to it; I said it to him and to you."
    )
    return texts


def _seen(t: spacy.tokens.Token) -> tuple[str, ...]:
    return (t.pos_, t.tag_, t.dep_, str(t.morph), t.lemma_)


def _plain_pipeline() -> spacy.language.Language:
    """The same model as walkback loads, as spaCy ships it."""
    for name in Settings().spacy_models:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise AssertionError("no spaCy English pipeline installed")


def test_same_annotations_as_the_attribute_ruler_and_lemmatizer() -> None:
    from tests.conftest import SHARED

    texts = _texts(SHARED if SHARED.is_dir() else None)
    ours = load_pipeline()
    assert isinstance(ours.get_pipe("attribute_ruler"), AttributeRules)
    assert isinstance(ours.get_pipe("lemmatizer"), LazyLemmas)
    theirs = _plain_pipeline()
    assert not isinstance(theirs.get_pipe("attribute_ruler"), AttributeRules)
    ours_no_paras = [n for n in ours.pipe_names if n.startswith("walkback_")]
    with ours.select_pipes(disable=ours_no_paras):
        mine = list(ours.pipe(texts))
    spacys = list(theirs.pipe(texts))
    tokens = 0
    for a, b in zip(mine, spacys, strict=True):
        tokens += len(a)
        unset = sum(1 for t in a if t.lemma == 0)
        assert unset > len(a) // 2  # lazy: most tokens have no lemma until one is asked for
        for t in a:
            lemma_of(t)
        assert [t.text for t in a] == [t.text for t in b]
        if not (a.to_array(ATTRS) == b.to_array(ATTRS)).all():
            x, y = next((x, y) for x, y in zip(a, b, strict=True) if _seen(x) != _seen(y))
            pytest.fail(f"{x.text!r}: ours {_seen(x)}, spaCy's {_seen(y)}")
    assert tokens > 1000
