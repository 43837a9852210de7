"""The public API: ``walkback.__all__`` is complete and true, errors are one tree, logging is quiet."""

from __future__ import annotations

import dataclasses
import inspect
import logging

import pytest

import walkback
from walkback import errors, model


def test_all_names_exist() -> None:
    assert len(walkback.__all__) == len(set(walkback.__all__)), "duplicates in walkback.__all__"
    for name in walkback.__all__:
        assert hasattr(walkback, name), f"walkback.__all__ names {name!r}, which walkback does not define"


def test_version() -> None:
    assert isinstance(walkback.__version__, str) and walkback.__version__.count(".") >= 1


def test_every_error_is_exported() -> None:
    for name in errors.__all__:
        assert name in walkback.__all__, f"walkback.errors.{name} is not exported from walkback"
        assert getattr(walkback, name) is getattr(errors, name)


def test_errors_all_is_complete() -> None:
    defined = {
        n
        for n, obj in vars(errors).items()
        if inspect.isclass(obj) and issubclass(obj, BaseException) and obj.__module__ == errors.__name__
    }
    assert defined == set(errors.__all__)


def test_every_model_record_is_exported() -> None:
    records = [
        n
        for n, obj in vars(model).items()
        if inspect.isclass(obj) and dataclasses.is_dataclass(obj) and obj.__module__ == model.__name__
    ]
    assert records
    for name in records:
        assert name in model.__all__, f"walkback.model.{name} is missing from walkback.model.__all__"
        assert name in walkback.__all__, f"walkback.model.{name} is not exported from walkback"
        assert getattr(walkback, name) is getattr(model, name)


def test_every_public_model_name_is_exported() -> None:
    missing = [n for n in model.__all__ if n not in walkback.__all__]
    assert missing == []


def test_model_records_are_frozen_and_keyword_only() -> None:
    span = walkback.Span(start=0, end=4, text="Iraq")
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        walkback.Span(0, 4, "Iraq")  # type: ignore[misc]
    with pytest.raises(ValueError, match="0 <= start <= end"):
        walkback.Span(start=5, end=4, text="")


ERROR_CLASSES = [getattr(errors, n) for n in errors.__all__]


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda c: c.__name__)
def test_error_tree_and_one_line_messages(cls: type[errors.WalkbackError]) -> None:
    assert issubclass(cls, errors.WalkbackError)
    assert isinstance(cls.exit_code, int) and cls.exit_code > 0
    e = cls("the file is empty\n  and has\tno text", source="examples/empty.txt")
    text = str(e)
    assert "\n" not in text and "\r" not in text
    assert text == "examples/empty.txt: the file is empty and has no text"
    assert e.source == "examples/empty.txt"
    assert "\n" not in str(cls("one line"))


def test_errors_need_a_message() -> None:
    with pytest.raises(ValueError):
        errors.WalkbackError("")


def test_exit_codes() -> None:
    assert errors.InputError("x").exit_code == 1
    assert errors.ConfigError("x").exit_code == 2
    assert errors.PipelineError("x").exit_code == 3
    assert errors.StoreError("x").exit_code == 4
    assert errors.HTTPStatusError("not found", source="http://127.0.0.1/x", status=404).status == 404


def test_library_logging_has_only_a_null_handler() -> None:
    logger = logging.getLogger("walkback")
    assert logger.handlers, "walkback adds a NullHandler"
    assert all(type(h) is logging.NullHandler for h in logger.handlers)
    assert logger.level == logging.NOTSET
    assert logger.propagate
    for name, child in logging.root.manager.loggerDict.items():
        if name.startswith("walkback.") and isinstance(child, logging.Logger):
            assert not child.handlers, f"{name} has handlers {child.handlers}"


def test_display_text_joins_a_quote_run_without_the_cue() -> None:
    from datetime import UTC, datetime

    from walkback.extract import Extractor
    from walkback.model import Article
    from walkback.report.views import display_text

    # the seed's sentences
    text = (
        "“It was not as specific as it could have been, and I regret any confusion caused,” he said. "
        "“That said, we had made no secret – both to Iraqi officials and in public channels – that we "
        "would respond to the attacks.”"
    )
    art = Article(
        id="d",
        url=None,
        outlet=None,
        title="",
        authors=(),
        updated=None,
        text=text,
        published=datetime(2024, 2, 5, tzinfo=UTC),
        paragraphs=((0, len(text)),),
    )
    (st,) = Extractor().extract(art)
    shown = display_text(st)
    assert "he said" in st.content.text and "he said" not in shown
    assert shown.startswith("It was not as specific") and shown.endswith("respond to the attacks.")
    assert " … " in shown
