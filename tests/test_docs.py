"""Docs tested against the code: every ``walkback`` subcommand has help text and a README entry.

The subcommands are discovered from the Typer app itself, so a new command fails here until it is
documented. README.md is read at run time (it is written by hand, beside pyproject.toml).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from walkback.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
ROOT = typer.main.get_command(app)
assert hasattr(ROOT, "commands"), "walkback's CLI should be a group of subcommands"
COMMANDS = sorted(ROOT.commands)  # type: ignore[attr-defined]


def test_there_are_commands() -> None:
    assert "extract" in COMMANDS, f"expected an 'extract' subcommand, found {COMMANDS}"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_text(name: str) -> None:
    cmd = ROOT.commands[name]  # type: ignore[attr-defined]
    text = (cmd.help or cmd.short_help or "").strip()
    assert text, f"`walkback {name}` has no help text: give its function a docstring"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_in_readme(name: str) -> None:
    assert README.exists(), f"{README} is missing; it should document every command ({', '.join(COMMANDS)})"
    readme = README.read_text(encoding="utf-8")
    assert re.search(rf"\bwalkback {re.escape(name)}\b", readme), (
        f"README.md does not mention `walkback {name}`; every command needs an entry"
    )


@pytest.mark.parametrize(
    "args", [["--help"]] + [[name, "--help"] for name in COMMANDS], ids=lambda a: " ".join(a)
)
def test_help_exits_zero(args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, f"`walkback {' '.join(args)}` exited {result.exit_code}: {result.output}"
    assert "Usage" in result.output
