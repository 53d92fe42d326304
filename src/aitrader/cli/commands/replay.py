"""`aitrader replay`: a recorded live or paper session (one symbol or a portfolio) through the backtest
kernel, and the diff."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from aitrader.cli import options
from aitrader.cli.errors import fail

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from aitrader.backtest.replay import Session
    from aitrader.backtest.replay_diff import ReplayDiff, Tally
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
        kernel and print every difference in decisions and fills, with its reason (a portfolio
        session: per symbol). Exits 1 when a difference is unexplained."""
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
        n = len(str(r["symbol"]).split(","))
        what = f"{r['strategy']} {r['symbol']}" + (f" ({n} symbols)" if n > 1 else "")
        line = f"{r['run_id']}  {r['mode']:5s}  {what}  started {when}  {r['status']}"
        console.print(line, markup=False, soft_wrap=True)


def _print(console: Console, session: Session, diff: ReplayDiff, show: int) -> None:
    from rich.table import Table

    from aitrader.domain.timeframe import format_ms

    run = session.run
    counts = session.candle_counts()
    live, decided, warm = (sum(c[k] for c in counts.values()) for k in range(3))
    rounds = f" in {len(session.rounds):,} rounds" if session.portfolio else ""
    console.print(
        f"[bold]replay[/] {run['run_id']} ({run['mode']}, {run['strategy']} {run['symbol']} {run['timeframe']}): "
        f"{live:,} candles as received{rounds}, {decided:,} decided, warm-up {warm:,}",
        soft_wrap=True,
    )
    if session.portfolio:
        console.print(_per_symbol(session, diff))
    else:
        summary = Table("", "session", "same in the replay")
        summary.add_row("decisions", f"{diff.decisions:,}", f"{diff.decisions_same:,}")
        summary.add_row("fills", f"{diff.fills:,}", f"{diff.fills_same:,}")
        console.print(summary)
    if not diff.differences:
        console.print("[green]no difference[/]: the backtest kernel decided and filled as the session did")
        return
    columns = ("time", "symbol", "what") if session.portfolio else ("time", "what")
    table = Table(*columns, "session", "replay", "reason", title="differences")
    rows = diff.differences if show == 0 else diff.differences[:show]
    for d in rows:
        style = None if d.explained else "red"
        where = (
            (format_ms(d.time_ms), d.symbol, d.what) if session.portfolio else (format_ms(d.time_ms), d.what)
        )
        table.add_row(*where, d.session, d.replay, d.reason, style=style)
    console.print(table)
    explained = len(diff.differences) - len(diff.unexplained)
    console.print(
        f"{len(diff.differences)} difference(s): {explained} explained, "
        f"[{'red' if diff.unexplained else 'green'}]{len(diff.unexplained)} unexplained[/]"
    )


def _per_symbol(session: Session, diff: ReplayDiff) -> Table:
    """One row per symbol of a portfolio session (candles, decisions and fills, session against the
    replay, differences), then the account's total."""
    from rich.table import Table

    from aitrader.backtest.replay_diff import Tally

    table = Table(
        "symbol", "candles", "decided", "decisions", "same", "fills", "same", "differences", "unexplained",
        title="per symbol: the session, and what the replay did the same",
    )  # fmt: skip
    counts = session.candle_counts()
    for sym, t in diff.by_symbol.items():
        live, decided, _ = counts.get(sym, (0, 0, 0))
        found = [d for d in diff.differences if d.symbol == sym]
        bad = sum(not d.explained for d in found)
        table.add_row(
            sym, f"{live:,}", f"{decided:,}", *_tally(t), f"{len(found):,}", f"{bad:,}",
            style="red" if bad else None,
        )  # fmt: skip
    total = Tally(diff.decisions, diff.decisions_same, diff.fills, diff.fills_same)
    live, decided = (sum(c[k] for c in counts.values()) for k in range(2))
    table.add_row(
        "all", f"{live:,}", f"{decided:,}", *_tally(total), f"{len(diff.differences):,}",
        f"{len(diff.unexplained):,}", style="bold",
    )  # fmt: skip
    return table


def _tally(t: Tally) -> tuple[str, str, str, str]:
    return f"{t.decisions:,}", f"{t.decisions_same:,}", f"{t.fills:,}", f"{t.fills_same:,}"
