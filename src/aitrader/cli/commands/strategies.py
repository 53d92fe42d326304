"""`aitrader strategies`: the built-in strategies with their parameters (defaults, ranges) and regimes."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("strategies")
    def strategies(
        name: str | None = typer.Argument(None, help="Show only this strategy."),
    ) -> None:
        """List strategies, their parameters (default and allowed range) and the regimes they trade."""
        from rich.console import Console
        from rich.table import Table

        from aitrader.strategies.registry import REGISTRY, param_info

        console = Console()
        chosen = REGISTRY
        if name is not None:
            key = name.strip().lower()
            if key not in REGISTRY:
                typer.echo(f"error: unknown strategy {name!r}: choose one of {', '.join(REGISTRY)}", err=True)
                raise typer.Exit(1)
            chosen = {key: REGISTRY[key]}

        summary = Table(title="Strategies", show_lines=False)
        summary.add_column("name", style="bold cyan")
        summary.add_column("idea")
        summary.add_column("long regimes", style="green")
        summary.add_column("short regimes", style="red")
        summary.add_column("warmup (1m bars)", justify="right")
        summary.add_column("trails stops", justify="center")
        for key, cls in chosen.items():
            inst = cls()
            summary.add_row(
                key,
                cls.description,
                ", ".join(sorted(r.name.lower() for r in cls.long_regimes)),
                ", ".join(sorted(r.name.lower() for r in cls.short_regimes)),
                str(inst.warmup),
                "yes" if cls.adjusts_every_bar else "no",
            )
        console.print(summary)

        for key, cls in chosen.items():
            table = Table(title=f"{key} parameters", title_justify="left")
            table.add_column("parameter", style="cyan")
            table.add_column("type")
            table.add_column("default", justify="right", style="bold")
            table.add_column("range", justify="right")
            table.add_column("meaning")
            for p in param_info(cls.params_model):
                table.add_row(p.name, p.type, str(p.default), p.range_text, p.description)
            console.print(table)
        console.print(
            "[dim]Entries need every condition to hold; in other regimes the strategy sits out.[/dim]"
        )
