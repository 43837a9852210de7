"""Golden files: the statements found in tests/golden/*.txt must match tests/golden/*.expected.json.

When extraction changes on purpose, regenerate with ``.venv/bin/python scripts/regen_golden.py`` and
review the diff (``git diff tests/golden``) as the record of what changed.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"
SCRIPT = REPO / "scripts" / "regen_golden.py"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("regen_golden", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


regen = _load_script()
INPUTS = regen.inputs(GOLDEN)


@pytest.fixture(scope="module")
def extractor():  # type: ignore[no-untyped-def]
    from walkback.extract import Extractor

    ex = Extractor()
    ex.nlp  # noqa: B018  (load spaCy once for the module)
    return ex


def test_there_are_golden_inputs() -> None:
    assert len(INPUTS) >= 3
    assert any(p.name.startswith("cnn-lite-2024-02-05") for p in INPUTS), "the seed article is a golden input"
    for path in INPUTS:
        assert regen.expected_path(path).exists(), (
            f"{path.name} has no expected file: run scripts/regen_golden.py"
        )


def test_every_expected_file_has_an_input() -> None:
    for exp in GOLDEN.glob("*.expected.json"):
        assert exp.with_name(exp.name.removesuffix(".expected.json") + ".txt").exists(), (
            f"{exp.name} is orphaned"
        )


def _readable(obj: dict) -> list[str]:  # type: ignore[type-arg]
    """One statement per block, so a diff shows which statement changed and how."""
    lines = [f"article: {json.dumps(obj['article'], sort_keys=True, ensure_ascii=False)}"]
    for s in obj["statements"]:
        sp = s["speaker"]
        lines += [
            f"--- {s['kind']} ({s['rule']}) said_on={s['said_on']} [{s['said_on_source']}] "
            f"medium={s['medium']}",
            f"    speaker: {sp['name']!r} mention={(sp['mention'] or {}).get('text')!r} role={sp['role']!r} "
            f"affiliation={sp['affiliation']!r} anonymous={sp['anonymous']} kind={sp['kind']}",
            f"    cue: {(s['cue'] or {}).get('text')!r}",
            f"    content [{s['content']['start']}:{s['content']['end']}]: {s['content']['text']}",
        ]
    return lines


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_golden(path: Path, extractor) -> None:  # type: ignore[no-untyped-def]
    expected_file = regen.expected_path(path)
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    got = json.loads(regen.dumps(regen.golden_output(path, extractor)))
    if got != expected:
        summary = "\n".join(
            difflib.unified_diff(_readable(expected), _readable(got), "expected", "now", lineterm="", n=1)
        )
        detail = "\n".join(
            difflib.unified_diff(
                regen.dumps(expected).splitlines(),
                regen.dumps(got).splitlines(),
                "expected",
                "now",
                lineterm="",
                n=2,
            )
        )
        pytest.fail(
            f"{path.name}: extraction differs from {expected_file.name} "
            f"(if intended: .venv/bin/python scripts/regen_golden.py)\n{summary}\n\nJSON diff:\n{detail}",
            pytrace=False,
        )


def test_golden_files_are_formatted_as_the_script_writes_them() -> None:
    for path in INPUTS:
        text = regen.expected_path(path).read_text(encoding="utf-8")
        assert text == regen.dumps(json.loads(text)), (
            f"{path.name}: not sorted keys / indent 2 / ensure_ascii False"
        )


def test_golden_offsets_point_into_the_article() -> None:
    from walkback.ingest import read_article
    from walkback.settings import Settings

    for path in INPUTS:
        text = read_article(str(path), settings=Settings()).text
        for s in json.loads(regen.expected_path(path).read_text(encoding="utf-8"))["statements"]:
            for span in (s["content"], s["cue"], s["speaker"]["mention"], s["said_on_evidence"]):
                if span is not None:
                    assert text[span["start"] : span["end"]] == span["text"], f"{path.name} {s['id']}"
