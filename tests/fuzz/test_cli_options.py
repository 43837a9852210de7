"""The read-only commands under random option values: output, or one line and exit 1, 2 or 4, never
the internal-error exit 70. In-process (``walkback.cli.main``) over a real database."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.web.conftest import build_db
from walkback.cli import main

from .conftest import examples
from .strategies import value_for

COMMANDS = {
    "statements": ["--limit", "--offset", "--since", "--until", "--search", "--speaker", "--outlet"],
    "articles": ["--limit", "--offset", "--outlet"],
    "claims": ["--limit", "--offset", "--min-statements"],
    "speakers": ["--limit", "--offset", "--name"],
    "walkbacks": ["--min-confidence", "--speaker"],
    "contradictions": ["--min-confidence", "--speaker"],
    "claim": [],
    "speaker": [],
    "versions": [],
    "diff": [],
}
ARGUMENTS = {"claim": 1, "speaker": 1, "versions": 1, "diff": 3}


@pytest.fixture(scope="module")
def cli_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("fuzzcli")
    build_db(where / "cli.db", where)
    return where / "cli.db"


NUMBER_ARGUMENTS = {"claim": ["claim_id"], "diff": ["url", "version", "version"]}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@examples(15)
@given(data=st.data())
def test_any_option_values(
    cli_db: Path, command: str, data: st.DataObject, capsys: pytest.CaptureFixture[str]
) -> None:
    def value(name: str) -> str:
        return data.draw(
            value_for(name).filter(lambda v: not v.startswith("-") and "\x00" not in v), label=name
        )

    names = NUMBER_ARGUMENTS.get(command, ["name"] * ARGUMENTS.get(command, 0))
    args = [command, *(value(n) for n in names)]
    for option in data.draw(
        st.lists(st.sampled_from(COMMANDS[command] or ["--format"]), unique=True, max_size=3)
    ):
        if option != "--format":
            args += [option, value(option)]
    with pytest.raises(SystemExit) as exit_:
        main([*args, "--db", str(cli_db), "--format", "json"])
    err = capsys.readouterr().err
    assert exit_.value.code in (0, 1, 2, 4, None), (args, exit_.value.code, err)
    assert "internal error" not in err and "Traceback" not in err, (args, err)
