"""Running `aitrader` commands in the data tests."""

from __future__ import annotations

from typer.testing import CliRunner

from aitrader.cli.app import app


def run(*args: str, terminal_width: int | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), terminal_width=terminal_width)
    return result.exit_code, result.output


def flat(text: str) -> str:
    """Output with rich's line wrapping undone (runs of whitespace become one space)."""
    return " ".join(text.split())
