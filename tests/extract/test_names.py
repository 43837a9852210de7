"""The first-name lexicon (``walkback.extract.names``) against the package it reads."""

from __future__ import annotations

import pytest

from walkback.extract import names


def test_the_lexicon_answers_as_gender_guesser_does_on_every_name() -> None:
    detector = pytest.importorskip("gender_guesser.detector").Detector(case_sensitive=False)
    sex = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}
    lex = names.lexicon()
    differ = [
        n for n in detector.names if sex.get(detector.get_gender(n)) != ((lex.get(n) or "").lower() or None)
    ]
    assert differ == []
    assert len(lex) > 30_000


def test_first_names_of_the_dev_data() -> None:
    pytest.importorskip("gender_guesser")
    # GGT dev and Zyte tune speakers whose pronoun gives the gender (benchmarks/name_gender.md)
    assert names.first_name_gender("Stephanie") == "f"
    assert names.first_name_gender("Marcelo") == "m"
    assert names.first_name_gender("Jean-Pierre") == "m"
    assert names.first_name_gender("Lakshiwnder") is None  # not in the dictionary: no guess


def test_a_name_is_sure_when_no_country_gives_it_to_the_other_sex() -> None:
    pytest.importorskip("gender_guesser")
    assert names.first_name_sure("Alan") and names.first_name_sure("Lolita")
    assert names.first_name_gender("Jan") == "m" and not names.first_name_sure("Jan")  # a woman's in some
    assert not names.first_name_sure("Kim") and not names.first_name_sure("Jordan")
    assert not names.first_name_sure("Lindsey") and not names.first_name_sure("Chris")  # "mostly" somewhere
    assert not names.first_name_sure("Lakshiwnder")


def test_without_the_package_no_name_has_a_gender(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(package: str) -> None:
        raise ModuleNotFoundError(package)

    monkeypatch.setattr(names.resources, "files", missing)
    names.lexicon.cache_clear()
    try:
        assert names.lexicon() == {}
    finally:
        names.lexicon.cache_clear()
