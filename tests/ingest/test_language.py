"""The language an article is written in (CLD2), and what happens to one in a language not handled."""

from __future__ import annotations

import pytest

from walkback.ingest.language import detect_language
from walkback.settings import Settings

# short news sentences, written for these tests
ZULU = (
    "Umongameli uthe uhulumeni uzoqhubeka nokwakha izindlu ezintsha ezindaweni zasemakhaya, kodwa "
    "abaholi bamaqembu aphikisayo bathi lezi zithembiso azikaze zigcwaliseke."
)
XHOSA = (
    "Umongameli uthe urhulumente uza kuqhubeka nokwakha izindlu ezintsha kwiindawo zasemaphandleni, kodwa "
    "iinkokheli zamaqela aphikisayo zithi ezi zithembiso azikaze zizalisekiswe."
)
ENGLISH = "The president said the government would keep building new homes in rural areas, officials said."
GERMAN = "Der Präsident sagte, die Regierung werde weiterhin neue Häuser in ländlichen Gebieten bauen."
JAPANESE = (
    "大統領は、政府が地方で新しい住宅の建設を続けると述べたが、野党の指導者は約束は守られていないと言う。"
)
HEBREW = "הנשיא אמר כי הממשלה תמשיך לבנות בתים חדשים באזורים הכפריים, אך מנהיגי האופוזיציה טוענים אחרת."


@pytest.mark.parametrize(
    ("text", "code"),
    [(ZULU, "zu"), (XHOSA, "xh"), (ENGLISH, "en"), (GERMAN, "de"), (JAPANESE, "ja"), (HEBREW, "he")],
    ids=["zu", "xh", "en", "de", "ja", "he (CLD2 says iw)"],
)
def test_the_language_of_a_short_news_text(text: str, code: str) -> None:
    assert detect_language("", text) == code


def test_too_little_text_is_no_language() -> None:
    assert detect_language("", "") is None
    assert detect_language("OK", "12 345 — 6") is None


def test_control_characters_and_lone_surrogates_do_not_stop_it() -> None:
    assert detect_language("\x01Title\x7f", ENGLISH + "\ud800\x02") == "en"


def test_the_settings_say_which_languages_statements_are_extracted_from() -> None:
    settings = Settings()
    assert settings.languages == ("en",)
    assert settings.unhandled_language("en") is None
    assert settings.unhandled_language(None) is None  # unknown: tried
    note = settings.unhandled_language("zu")
    assert note is not None and "'zu'" in note and "\n" not in note
    assert Settings(languages=("en", "zu")).unhandled_language("zu") is None


def test_table_rows_do_not_outweigh_the_prose() -> None:
    rows = "\n".join(f"| {i} | Kyle Busch | Joe Gibbs Racing | {5000 - i} |" for i in range(60))
    prose = "Nesta página você terá sempre a classificação atualizada, com os pontos de cada piloto."
    assert detect_language("Classificação", f"{prose}\n{rows}") == "pt"
