"""`COLUMNS=80 aitrader <command> --help` is readable for every command: every option name whole
(rich's option panel cut them with "…"; click's plain help wraps instead), no line wider than the
terminal, and no command summary cut with "..." in a command list."""

from __future__ import annotations

import pytest
from cli_walk import all_commands
from typer.testing import CliRunner

from aitrader.cli.app import app

COMMANDS = dict(all_commands())
runner = CliRunner()


def _help(words: list[str]) -> str:
    result = runner.invoke(app, [*words, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_at_80_columns_shows_every_option_whole(name: str) -> None:
    out = _help(name.split())
    assert all(len(line) <= 80 for line in out.splitlines()), out
    for param in COMMANDS[name].params:
        if getattr(param, "hidden", False):
            continue
        for option in (*param.opts, *param.secondary_opts):
            if option.startswith("-"):
                assert option in out, f"{option} of {name} is not shown whole:\n{out}"


@pytest.mark.parametrize("group", ["", "data", "exchange", "rl"])
def test_command_lists_are_not_cut_at_80_columns(group: str) -> None:
    out = _help(group.split())
    listing = out.split("Commands:", 1)[1]
    assert "…" not in listing
    assert not any(line.rstrip().endswith("...") for line in listing.splitlines()), listing
