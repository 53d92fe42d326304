"""`aitrader replay`: a recorded live or paper session through the backtest kernel, and the diff."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from aitrader.cli import options
from aitrader.cli.errors import fail

if TYPE_CHECKING:
    from rich.console import Console

    from aitrader.backtest.replay import Session
    from aitrader.backtest.replay_diff import ReplayDiff
    from aitrader.execution.journal_reader import JournalReader


def register(app: typer.Typer) -> None:
    @app.command("replay")
    def replay(
        run_id: Annotated[
            str | None,
            typer.Argument(
                metavar="RUN_ID", help="The run to replay (default: the latest live or paper run)."
            ),
        ] = None,
        journal: Annotated[
            str | None,
            typer.Option(
                "--journal",
                metavar="PATH|URL",
                help="Journal: a SQLite file or a database URL (default: AITRADER_DATABASE_URL, else "
                "AITRADER_JOURNAL, else aitrader.toml's journal, else var/journal.sqlite).",
            ),
        ] = None,
        list_runs: Annotated[
            bool, typer.Option("--list", help="List the live and paper runs, then exit.")
        ] = False,
        show: Annotated[
            int, typer.Option("--show", min=0, metavar="N", help="Differences to print (all with 0).")
        ] = 30,
        config: Path | None = options.config(),
    ) -> None:
        """Replay a recorded live or paper session (its candles as received) through the backtest
        kernel and print every difference in decisions and fills, with its reason. Exits 1 when a
        difference is unexplained."""
        from rich.console import Console

        from aitrader.backtest.replay import ReplayError, load_session, replay_session
        from aitrader.backtest.replay_diff import compare
        from aitrader.execution.journal_reader import JournalReader
        from aitrader.storage.database import DatabaseOpenError, describe

        console = Console()
        target = str(options.run_settings({"journal": journal}, config=config).journal)
        try:
            reader = JournalReader(target)
        except DatabaseOpenError as exc:
            fail(f"{describe(target)}: {exc}")
        if list_runs:
            _list(console, reader)
            return
        try:
            session = load_session(reader, run_id)
            replayed = replay_session(session)
        except ReplayError as exc:
            fail(str(exc))
        diff = compare(session, replayed)
        _print(console, session, diff, show)
        if diff.unexplained:
            raise typer.Exit(1)


def _list(console: Console, reader: JournalReader) -> None:
    """One line per live or paper run, newest first, the run id first (what `replay` takes)."""
    from aitrader.domain.timeframe import format_ms

    runs = [r for r in reader.runs(limit=50) if r["mode"] in ("live", "paper")]
    if not runs:
        console.print("no live or paper run in this journal")
    for r in runs:
        when = format_ms(r["started_ms"])
        line = f"{r['run_id']}  {r['mode']:5s}  {r['strategy']} {r['symbol']}  started {when}  {r['status']}"
        console.print(line, markup=False, soft_wrap=True)


def _print(console: Console, session: Session, diff: ReplayDiff, show: int) -> None:
    from rich.table import Table

    from aitrader.domain.timeframe import format_ms

    run = session.run
    console.print(
        f"[bold]replay[/] {run['run_id']} ({run['mode']}, {run['strategy']} {run['symbol']} {run['timeframe']}): "
        f"{len(session.live):,} candles as received, {sum(session.decided):,} decided, "
        f"warm-up {len(session.warm):,}",
        soft_wrap=True,
    )
    summary = Table("", "session", "same in the replay")
    summary.add_row("decisions", f"{diff.decisions:,}", f"{diff.decisions_same:,}")
    summary.add_row("fills", f"{diff.fills:,}", f"{diff.fills_same:,}")
    console.print(summary)
    if not diff.differences:
        console.print("[green]no difference[/]: the backtest kernel decided and filled as the session did")
        return
    table = Table("time", "what", "session", "replay", "reason", title="differences")
    rows = diff.differences if show == 0 else diff.differences[:show]
    for d in rows:
        style = None if d.explained else "red"
        table.add_row(format_ms(d.time_ms), d.what, d.session, d.replay, d.reason, style=style)
    console.print(table)
    explained = len(diff.differences) - len(diff.unexplained)
    console.print(
        f"{len(diff.differences)} difference(s): {explained} explained, "
        f"[{'red' if diff.unexplained else 'green'}]{len(diff.unexplained)} unexplained[/]"
    )
