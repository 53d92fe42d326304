"""Every command of the `aitrader` app, walked the way click sees it (for the vocabulary and help tests).

typer carries its own copy of click (`typer._click`), so commands and parameters are read by what
they have (`commands`, `opts`, `param_type_name`), not by isinstance checks against `click`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import typer

from aitrader.cli.app import app


def all_commands() -> Iterator[tuple[str, Any]]:
    """("backtest", command), ("data show", command), … for every leaf command, groups too."""
    root = typer.main.get_command(app)
    yield from _walk("", root)


def _walk(prefix: str, command: Any) -> Iterator[tuple[str, Any]]:
    if prefix:
        yield prefix, command
    if hasattr(command, "commands"):
        for name, sub in sorted(command.commands.items()):
            yield from _walk(f"{prefix} {name}".strip(), sub)
