"""Entry point of the `aitrader` console script: discovers and registers every command module."""

from __future__ import annotations

import importlib
import inspect
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
    # click's plain help: it wraps help text and never cuts an option name with "…" at 80 columns
    # (rich's option panel does); tests/cli/test_cli_help_width.py checks every command
    rich_markup_mode=None,
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
# one-shot question does not pay for the other commands' imports (decide's alone bring numpy); and a
# restarted `aitrader trade` re-protects a position ~0.6 s sooner (its naked seconds after a crash are
# mostly start-up: `trade --help` 1.25–1.45 s with every command registered, 0.60–0.85 s alone).
_SELF_CONTAINED = frozenset({"chat", "trade"})


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


def _first_sentence(text: str | None) -> str | None:
    if not text:
        return None
    paragraph = inspect.cleandoc(text).split("\n\n", 1)[0].replace("\n", " ")
    head, dot, _ = paragraph.partition(". ")
    return head + "." if dot else paragraph


def _whole_short_help(typer_app: typer.Typer) -> None:
    """Each command's one-line summary in a command list is its docstring's first sentence, whole:
    click would cut a longer summary to the terminal's width with "..."; given one, it wraps it."""
    from typer.main import solve_typer_info_help
    from typer.models import DefaultPlaceholder

    for command in typer_app.registered_commands:
        if command.short_help is None:
            command.short_help = _first_sentence(command.help or inspect.getdoc(command.callback))
    for group in typer_app.registered_groups:
        if isinstance(group.short_help, DefaultPlaceholder) or group.short_help is None:
            group.short_help = _first_sentence(solve_typer_info_help(group))
        if group.typer_instance is not None:
            _whole_short_help(group.typer_instance)


_register_commands(sys.argv)
_whole_short_help(app)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        console.print("[yellow]interrupted[/yellow]")
        sys.exit(130)


if __name__ == "__main__":
    main()
