"""The ingest package's public surface and its reader registry."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import walkback.ingest as ingest
from walkback.ingest import Document, register_reader, registered_readers
from walkback.ingest.html import read_html
from walkback.ingest.readers import pick_reader


def test_all_is_complete_and_importable():
    for name in ingest.__all__:
        assert getattr(ingest, name) is not None, name
    namespace: dict[str, object] = {}
    exec("from walkback.ingest import *", namespace)
    assert {n for n in namespace if n != "__builtins__"} == set(ingest.__all__)
    for name in ["read_article", "iter_sources", "parse_date", "article_id"]:
        assert callable(getattr(ingest, name))


def test_library_code_never_prints():
    package = Path(ingest.__file__).parent
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [
            n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "print"
        ]
        assert not calls, f"{path.name} calls print()"


def test_readers_are_asked_in_priority_order():
    assert [r.name for r in registered_readers()] == ["html", "lite-page", "plain-text"]


@pytest.mark.parametrize(
    ("text", "kwargs", "reader"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", {}, "html"),
        ("<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'></html>", {}, "html"),
        ("Headline\n\n<p>not really markup</p>", {"suffix": ".html"}, "html"),
        ("anything", {"content_type": "text/html"}, "html"),
        ("\n\nSource: https://lite.cnn.com/x\nHeadline", {}, "lite-page"),
        ("Source: CNN\nHeadline", {}, "plain-text"),
        ("Headline\n\nBody", {"suffix": ".txt"}, "plain-text"),
    ],
)
def test_sniffing(text, kwargs, reader):
    assert pick_reader(Document(text=text, source="test", **kwargs)).name == reader


def test_a_reader_name_is_registered_once():
    with pytest.raises(ValueError, match="already registered"):
        register_reader("html", priority=0, sniff=lambda doc: False)(read_html)
