"""`aitrader strategies`: every strategy the tools know — built-in, research, installed, or a file —
with its parameters (defaults, ranges) and the regimes it trades."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from aitrader.cli.errors import fail
from aitrader.domain.timeframe import format_duration

if TYPE_CHECKING:
    from rich.console import Console

    from aitrader.domain import Timeframe
    from aitrader.strategies.base import Strategy

SHORTS_NOTE = (
    "Shorts trade only on instruments that allow short selling (margin or futures). Binance spot "
    "does not: there the RiskGate refuses every short (SHORT_NOT_ALLOWED), so spot backtests, paper "
    "and live trading take the long side only."
)


def register(app: typer.Typer) -> None:
    @app.command("strategies")
    def strategies(
        name: str | None = typer.Argument(
            None, help="Show only this strategy: a name, or your own file path/to/file.py[:Class]."
        ),
        timeframe: str = typer.Option(
            "1m",
            "--timeframe",
            "--interval",
            "-t",
            metavar="TF",
            help="Base timeframe the warm-up is shown for (1m, 1h…).",
        ),
    ) -> None:
        """List strategies, their parameters (default and allowed range) and the regimes they trade."""
        from rich.console import Console
        from rich.table import Table

        from aitrader.domain import Timeframe

        console = Console()
        try:
            tf = Timeframe.parse(timeframe)
        except ValueError as exc:
            fail(f"--timeframe {timeframe!r}: {exc}")
        if tf.is_calendar:
            fail(f"--timeframe {tf.value}: pick a fixed-length timeframe (1m .. 1w)")
        chosen = _build_all(tf, name)

        summary = Table(title=f"Strategies (base timeframe {tf.value})", show_lines=True)
        summary.add_column("name", style="bold cyan", no_wrap=True)
        summary.add_column("idea", overflow="fold", ratio=3)
        summary.add_column("regimes traded", overflow="fold", ratio=2)
        summary.add_column("warmup", justify="right", no_wrap=True)
        summary.add_column("trails", justify="center", no_wrap=True)
        for key, (kind, strat) in chosen.items():
            summary.add_row(
                key,
                strat.description + ("" if kind == "built-in" else f" [dim]({kind})[/dim]"),
                _regimes_text(strat),
                f"{strat.warmup:,} x {tf.value}\n= {format_duration(strat.warmup * tf.duration_ms)}",
                _trails_text(strat),
            )
        console.print(summary)
        console.print(f"[dim]{SHORTS_NOTE}[/dim]")
        _print_params(console, chosen)
        console.print(
            "[dim]Built-in entries need every condition to hold (and a valid stop and targets); in other "
            "regimes they sit out. Warmup: bars of history a decision needs, and the time they span. "
            "trails: moves its stop while in a position. Your own: --strategy path/to/file.py:Class "
            "(`aitrader new-strategy NAME` writes a template).[/dim]"
        )


def _build_all(tf: Timeframe, only: str | None) -> dict[str, tuple[str, Strategy]]:
    """name -> (kind, strategy at its defaults): built-ins, sma_cross, installed ones, or `only`."""
    from aitrader.backtest.inputs import InputError, build_strategy
    from aitrader.strategies.loader import looks_like_spec, plugin_names
    from aitrader.strategies.registry import REGISTRY
    from aitrader.strategies.sma_cross import SmaCross

    kinds = dict.fromkeys(REGISTRY, "built-in")
    kinds[SmaCross.name] = "research"
    kinds.update({key: "installed" for key in plugin_names() if key not in kinds})
    if only is not None:
        key = only.strip() if looks_like_spec(only) else only.strip().lower()
        if key not in kinds and not looks_like_spec(key):
            fail(
                f"unknown strategy {only!r}: choose one of {', '.join(kinds)}, or a file path/to/file.py:Class"
            )
        kinds = {key: kinds.get(key, "your file")}
    out: dict[str, tuple[str, Strategy]] = {}
    for key, kind in kinds.items():
        try:
            out[key] = (kind, build_strategy(key, {}, tf))
        except InputError as exc:
            if only is not None:
                fail(str(exc))
            typer.echo(f"warning: {key} ({kind}) cannot be built: {exc}", err=True)
    return out


def _regimes_text(strat: Strategy) -> str:
    from aitrader.strategies.regime import Regime
    from aitrader.strategies.rule import RuleStrategy

    if isinstance(strat, RuleStrategy):
        longs = ", ".join(sorted(r.name.lower() for r in strat.long_regimes)) or "none"
        shorts = ", ".join(sorted(r.name.lower() for r in strat.short_regimes)) or "none"
        return f"[green]long: {longs}[/green]\n[red]short: {shorts}[/red] (not on spot)"
    if strat.regimes == frozenset(Regime):
        return "all (its own rules decide)"
    return ", ".join(sorted(r.name.lower() for r in strat.regimes))


def _trails_text(strat: Strategy) -> str:
    from aitrader.strategies.rule import RuleStrategy
    from aitrader.strategies.user import UserStrategy

    if isinstance(strat, RuleStrategy):
        return "yes" if strat.adjusts_every_bar else "no"
    return "its rule" if isinstance(strat, UserStrategy) else "no"


def _print_params(console: Console, chosen: dict[str, tuple[str, Strategy]]) -> None:
    from rich.table import Table

    from aitrader.strategies.registry import param_info

    for key, (_, strat) in chosen.items():
        table = Table(title=f"{key} parameters", title_justify="left")
        table.add_column("parameter", style="cyan", overflow="fold")
        table.add_column("type", no_wrap=True)
        table.add_column("default", justify="right", style="bold", no_wrap=True)
        table.add_column("range", justify="right", no_wrap=True)
        table.add_column("meaning", overflow="fold", ratio=1)
        for p in param_info(type(strat.params)):
            table.add_row(p.name, p.type, str(p.default), p.range_text, p.description)
        console.print(table)
