"""Entry point of the `aitrader` console script: discovers and registers every command module."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import typer
from rich.console import Console

from aitrader import __version__
from aitrader.cli import commands

app = typer.Typer(
    name="aitrader",
    help="AI trading system: backtest, paper and live trading behind one deterministic risk gate.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
console = Console()


@app.callback()
def _root() -> None:
    """AI trading system: backtest, paper and live trading behind one deterministic risk gate."""


@app.command()
def version() -> None:
    """Print the installed aitrader version."""
    console.print(f"aitrader {__version__}")


# Commands defined entirely in their own module: `aitrader chat …` imports only commands/chat.py, so a
# one-shot question does not pay for the other commands' imports (decide's alone bring numpy).
_SELF_CONTAINED = frozenset({"chat"})


def _register_commands(argv: list[str]) -> None:
    only = argv[1] if len(argv) > 1 and argv[1] in _SELF_CONTAINED else None
    for module in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if only is not None and module.name != only:
            continue
        mod = importlib.import_module(f"{commands.__name__}.{module.name}")
        register = getattr(mod, "register", None)
        if register is None:
            raise RuntimeError(f"command module {mod.__name__} has no register(app) function")
        register(app)


_register_commands(sys.argv)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        console.print("[yellow]interrupted[/yellow]")
        sys.exit(130)


if __name__ == "__main__":
    main()
