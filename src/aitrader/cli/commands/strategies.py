"""`aitrader strategies`: the built-in strategies with their parameters (defaults, ranges) and regimes."""

from __future__ import annotations

import typer

from aitrader.domain.timeframe import format_duration

SHORTS_NOTE = (
    "Shorts trade only on instruments that allow short selling (margin or futures). Binance spot "
    "does not: there the RiskGate refuses every short (SHORT_NOT_ALLOWED), so spot backtests, paper "
    "and live trading take the long side only."
)


def register(app: typer.Typer) -> None:
    @app.command("strategies")
    def strategies(
        name: str | None = typer.Argument(None, help="Show only this strategy."),
        timeframe: str = typer.Option(
            "1m", "--timeframe", "-t", help="Base timeframe the warm-up is shown for, e.g. 1m or 1h."
        ),
    ) -> None:
        """List strategies, their parameters (default and allowed range) and the regimes they trade."""
        from rich.console import Console
        from rich.table import Table

        from aitrader.domain import Timeframe
        from aitrader.strategies.registry import REGISTRY, param_info

        console = Console()
        chosen = REGISTRY
        if name is not None:
            key = name.strip().lower()
            if key not in REGISTRY:
                typer.echo(f"error: unknown strategy {name!r}: choose one of {', '.join(REGISTRY)}", err=True)
                raise typer.Exit(1)
            chosen = {key: REGISTRY[key]}
        try:
            tf = Timeframe.parse(timeframe)
        except ValueError as exc:
            typer.echo(f"error: --timeframe {timeframe!r}: {exc}", err=True)
            raise typer.Exit(1) from None
        if tf.is_calendar:
            typer.echo(f"error: --timeframe {tf.value}: pick a fixed-length timeframe (1m .. 1w)", err=True)
            raise typer.Exit(1)

        summary = Table(title=f"Strategies (base timeframe {tf.value})", show_lines=True)
        summary.add_column("name", style="bold cyan", no_wrap=True)
        summary.add_column("idea", overflow="fold", ratio=3)
        summary.add_column("regimes traded", overflow="fold", ratio=2)
        summary.add_column("warmup", justify="right", no_wrap=True)
        summary.add_column("trails", justify="center", no_wrap=True)
        for key, cls in chosen.items():
            inst = cls(timeframe=tf)
            longs = ", ".join(sorted(r.name.lower() for r in cls.long_regimes)) or "none"
            shorts = ", ".join(sorted(r.name.lower() for r in cls.short_regimes)) or "none"
            summary.add_row(
                key,
                cls.description,
                f"[green]long: {longs}[/green]\n[red]short: {shorts}[/red] (not on spot)",
                f"{inst.warmup:,} x {tf.value}\n= {format_duration(inst.warmup * tf.duration_ms)}",
                "yes" if cls.adjusts_every_bar else "no",
            )
        console.print(summary)
        console.print(f"[dim]{SHORTS_NOTE}[/dim]")

        for key, cls in chosen.items():
            table = Table(title=f"{key} parameters", title_justify="left")
            table.add_column("parameter", style="cyan", overflow="fold")
            table.add_column("type", no_wrap=True)
            table.add_column("default", justify="right", style="bold", no_wrap=True)
            table.add_column("range", justify="right", no_wrap=True)
            table.add_column("meaning", overflow="fold", ratio=1)
            for p in param_info(cls.params_model):
                table.add_row(p.name, p.type, str(p.default), p.range_text, p.description)
            console.print(table)
        console.print(
            "[dim]Entries need every condition to hold (and a valid stop and targets); in other "
            "regimes the strategy sits out. Warmup: bars of history a decision needs, and the time they span. "
            "trails: moves its stop while in a position.[/dim]"
        )
