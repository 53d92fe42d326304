"""`aitrader new-strategy NAME`: write a documented strategy file to start from."""

from __future__ import annotations

from pathlib import Path

import typer

from aitrader.cli.errors import fail


def register(app: typer.Typer) -> None:
    @app.command("new-strategy")
    def new_strategy(
        name: str = typer.Argument(
            ..., help="The strategy's name, e.g. rsi_dip (file rsi_dip.py, class RsiDip)."
        ),
        directory: Path = typer.Option(
            Path("."), "--dir", metavar="DIR", help="Folder to write the file in."
        ),
        force: bool = typer.Option(False, "--force", help="Overwrite an existing file of that name."),
    ) -> None:
        """Write NAME.py: a working strategy (trend + RSI dip, ATR stop) with every part explained."""
        from rich.console import Console

        from aitrader.strategies.template import render

        try:
            filename, source = render(name)
        except ValueError as exc:
            fail(str(exc))
        import importlib.util

        if importlib.util.find_spec(filename[:-3]) is not None:  # rsi_dip.py must not shadow a real module
            fail(
                f"{filename[:-3]!r} is the name of an installed module (imports would pick your file): pick another"
            )
        path = directory / filename
        if path.exists() and not force:
            fail(f"{path} exists: pick another name, or pass --force to overwrite it")
        try:
            directory.mkdir(parents=True, exist_ok=True)
            path.write_text(source, encoding="utf-8")
        except OSError as exc:
            fail(f"cannot write {path}: {exc.strerror or exc}")
        console = Console()
        console.print(f"wrote [bold]{path}[/]. Next:", highlight=False)
        for line in (
            f"aitrader backtest --strategy {path}",
            f"aitrader strategies {path}",
            f"aitrader trade --paper --strategy {path}",
        ):
            console.print(f"  {line}", highlight=False, markup=False, soft_wrap=True)
