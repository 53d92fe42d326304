"""`aitrader research`: the protocol of docs/research.md, as commands.

aitrader research split                 where every series is cut (what is held back)
aitrader research design                every design on the design parts; the choice, its
                                        walk-forward check and PBO (never reads a held-back bar)
aitrader research final [--design ID]   the one look at the held-back parts, recorded in the ledger
aitrader research ledger                every look so far, per series and design, beside both benchmarks
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from aitrader.cli.errors import fail

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    from aitrader.research.series import Source

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        metavar="DIR",
        help="Folder of *-15m-* candle files added to the shipped BTCUSDT/ETHUSDT 1h samples "
        "(default: the project's Binance 15m collection when present).",
    ),
]
NoSamples = Annotated[bool, typer.Option("--no-samples", help="Leave the shipped 1h samples out.")]
Record = Annotated[
    Path, typer.Option("--record", metavar="FILE", help="The design phase's record (written by design).")
]


def _sources(data_dir: Path | None, no_samples: bool) -> list[Source]:
    from aitrader.data import DataError
    from aitrader.research.series import research_sources

    try:
        sources = research_sources(data_dir, samples=not no_samples)
    except (FileNotFoundError, DataError) as exc:
        fail(str(exc))
    if not sources:
        fail("no series to research: give --data-dir with *-15m-* candle files, or keep the samples")
    return sources


def _progress(console: Console) -> Progress:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


def register(app: typer.Typer) -> None:
    research_app = typer.Typer(help="The research protocol (docs/research.md): hold back, design, look once.")

    @research_app.command("split")
    def split_cmd(data_dir: DataDir = None, no_samples: NoSamples = False) -> None:
        """Where every research series is cut: the design part and the held-back quarter."""
        from rich.console import Console

        from aitrader.research.holdout import split_at

        console = Console()
        for src in _sources(data_dir, no_samples):
            console.print(split_at(src.candles, src.cut_ms).describe(), markup=False, soft_wrap=True)

    @research_app.command("design")
    def design_cmd(
        data_dir: DataDir = None,
        no_samples: NoSamples = False,
        designs: Annotated[
            str | None, typer.Option("--designs", metavar="ID,…", help="Only these designs (default: all).")
        ] = None,
        record: Record = Path("var/research/design-phase.json"),
        markdown: Annotated[
            Path | None, typer.Option("--markdown", metavar="FILE", help="Also write the tables as Markdown.")
        ] = None,
    ) -> None:
        """Every design on the design part of every series; writes the record `final` reads."""
        from rich.console import Console

        from aitrader.research.designs import all_designs, design_by_id
        from aitrader.research.phase_record import save_phase
        from aitrader.research.selection import run_design_phase
        from aitrader.research.tables import design_grid, walk_forward_grid

        try:
            chosen = (
                all_designs()
                if not designs
                else tuple(design_by_id(x.strip()) for x in designs.split(",") if x.strip())
            )
        except ValueError as exc:
            fail(str(exc))
        if len(chosen) < 2:
            fail("--designs: the design phase compares designs; name at least two")
        sources = _sources(data_dir, no_samples)
        console = Console()
        with _progress(console) as progress:
            task = progress.add_task("design phase", total=len(chosen) * len(sources))
            phase = run_design_phase(
                sources, chosen, tick=lambda what: progress.update(task, advance=1, description=what)
            )
        doc = save_phase(phase, sources, record)
        grids = [design_grid(phase), walk_forward_grid(phase)]
        for g in grids:
            console.print(g.rich())
        pbo = doc["pbo"]
        lines = [
            f"Chosen: {doc['chosen']} (highest median daily Sharpe across {len(phase.series)} series)",
            f"PBO (CSCV, 16 blocks, {pbo['n_combinations']:,} combinations): {pbo['pbo']:.1%}; "
            f"chance the chosen design loses out of sample: {pbo['prob_oos_loss']:.1%}",
            f"Record: {record}",
        ]
        for line in lines:
            console.print(line, markup=False, soft_wrap=True)
        if markdown is not None:
            markdown.parent.mkdir(parents=True, exist_ok=True)
            markdown.write_text(
                "\n\n".join([*(g.markdown() for g in grids), *lines[:2]]) + "\n", encoding="utf-8"
            )

    @research_app.command("final")
    def final_cmd(
        data_dir: DataDir = None,
        no_samples: NoSamples = False,
        design: Annotated[
            str | None,
            typer.Option("--design", metavar="ID", help="Design to evaluate (default: the chosen one)."),
        ] = None,
        record: Record = Path("var/research/design-phase.json"),
        ledger: Annotated[
            Path, typer.Option("--ledger", metavar="FILE", help="The ledger of held-back looks.")
        ] = Path("docs/research-ledger.jsonl"),
        again: Annotated[
            str | None,
            typer.Option(
                "--again", metavar="REASON", help="Look again at a design already evaluated (recorded)."
            ),
        ] = None,
        markdown: Annotated[
            Path | None, typer.Option("--markdown", metavar="FILE", help="Also write the table as Markdown.")
        ] = None,
    ) -> None:
        """The one look at the held-back parts: the chosen design per series and as a portfolio, and
        each other strategy's best design, beside both benchmarks."""
        import numpy as np
        from rich.console import Console

        from aitrader.research.designs import design_by_id
        from aitrader.research.final import figures, run_final
        from aitrader.research.ledger import AlreadyEvaluatedError, Ledger
        from aitrader.research.phase_record import load_phase
        from aitrader.research.tables import final_grid, final_summary, strategies_grid

        try:
            phase = load_phase(record)
            looks = [design_by_id(design)] if design else [design_by_id(i) for i in phase.best_per_strategy()]
            book = Ledger(ledger)
            for d in looks:
                book.check(d.id, again)
        except (FileNotFoundError, ValueError, AlreadyEvaluatedError) as exc:
            fail(str(exc))
        sources = _sources(data_dir, no_samples)
        try:
            phase.check_cuts(sources)
        except ValueError as exc:
            fail(str(exc))
        basket = [s for s in sources if s.origin != "sample"]
        console = Console()
        per_look = len(sources) + (1 if len(basket) > 1 else 0)
        with _progress(console) as progress:
            task = progress.add_task("held-back look", total=per_look * len(looks))
            finals = [
                run_final(
                    sources,
                    d,
                    np.asarray(phase.trial_sharpes),
                    basket,
                    tick=lambda what: progress.update(task, advance=1, description=what),
                )
                for d in looks
            ]
        grids = [final_grid(finals[0]), strategies_grid(finals)]
        for g in grids:
            console.print(g.rich())
        lines = final_summary(finals[0])
        for line in lines:
            console.print(line, markup=False, soft_wrap=True)
        for f in finals:
            entry = book.record(f.design.id, figures(f), again)
            console.print(f"Recorded in {ledger} (look {entry['look']} at {f.design.id})", markup=False)
        if markdown is not None:
            markdown.parent.mkdir(parents=True, exist_ok=True)
            text = "\n\n".join(g.markdown() for g in grids) + "\n\n" + "\n".join(f"- {x}" for x in lines)
            markdown.write_text(text + "\n", encoding="utf-8")

    @research_app.command("ledger")
    def ledger_cmd(
        ledger: Annotated[
            Path, typer.Option("--ledger", metavar="FILE", help="The ledger of held-back looks.")
        ] = Path("docs/research-ledger.jsonl"),
        markdown: Annotated[
            Path | None, typer.Option("--markdown", metavar="FILE", help="Also write the table as Markdown.")
        ] = None,
    ) -> None:
        """Every held-back look so far: per series and design, beside both benchmarks."""
        from rich.console import Console

        from aitrader.research.ledger import Ledger
        from aitrader.research.ledger_tables import deflated_lines, ledger_grid

        try:
            entries = Ledger(ledger).entries()
        except ValueError as exc:
            fail(str(exc))
        if not entries:
            fail(f"{ledger}: no held-back look recorded yet (`aitrader research final` records one)")
        grid, lines = ledger_grid(entries), deflated_lines(entries)
        console = Console()
        console.print(grid.rich())
        for line in lines:
            console.print(line, markup=False, soft_wrap=True)
        if markdown is not None:
            markdown.parent.mkdir(parents=True, exist_ok=True)
            text = grid.markdown() + "\n\n" + "\n".join(f"- {x}" for x in lines)
            markdown.write_text(text + "\n", encoding="utf-8")

    app.add_typer(research_app, name="research")
