"""`aitrader trade`: live (Binance Spot Testnet by default) or paper trading on the live stream."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aitrader.cli.errors import fail


def register(app: typer.Typer) -> None:
    @app.command()
    def trade(
        symbol: Annotated[
            str | None, typer.Option("--symbol", help="Symbol, e.g. BTCUSDT (default: AITRADER_SYMBOL).")
        ] = None,
        interval: Annotated[str | None, typer.Option("--interval", help="Candle interval, e.g. 1m.")] = None,
        strategy: Annotated[
            str | None, typer.Option("--strategy", help="Strategy name (default: confluence).")
        ] = None,
        paper: Annotated[
            bool, typer.Option("--paper", help="Simulated fills on the live stream (no keys needed).")
        ] = False,
        mainnet: Annotated[
            bool,
            typer.Option(
                "--mainnet",
                help="Trade REAL money (needs AITRADER_VENUE=mainnet, AITRADER_ALLOW_MAINNET=true and a typed confirmation).",
            ),
        ] = False,
        max_runtime: Annotated[
            float | None, typer.Option("--max-runtime", help="Stop after this many seconds.")
        ] = None,
        decision_deadline: Annotated[
            float | None,
            typer.Option(
                "--decision-deadline",
                min=0.001,
                help="Seconds the strategy may take per candle; a later answer is recorded as "
                "'no decision: deadline' and never acted on (for slow deciders).",
            ),
        ] = None,
        max_candles: Annotated[
            int | None, typer.Option("--max-candles", help="Stop after this many closed candles.")
        ] = None,
        no_view: Annotated[
            bool, typer.Option("--no-view", help="Plain log lines instead of the live view.")
        ] = False,
        journal: Annotated[
            str | None,
            typer.Option(
                "--journal",
                help="Journal: a SQLite file or a database URL such as postgresql://USER:PASSWORD@HOST/DB "
                "(default: AITRADER_DATABASE_URL, else AITRADER_JOURNAL).",
            ),
        ] = None,
        reconcile_only: Annotated[
            bool, typer.Option("--reconcile-only", help="Reconcile journal and exchange, report, exit.")
        ] = False,
        forget_plan: Annotated[
            str | None,
            typer.Option(
                "--forget-plan",
                help="Mark a pending plan that never sent an order as abandoned (after a reconcile "
                "said it cannot explain it), then exit.",
            ),
        ] = None,
    ) -> None:
        """Trade one symbol live or on paper: stream → strategy → risk gate → exchange OCO brackets."""
        import asyncio

        from rich.console import Console

        from aitrader.config import MainnetNotEnabledError, SettingsError, load_settings
        from aitrader.config.settings import Venue
        from aitrader.domain import Timeframe
        from aitrader.live.config import RunConfig
        from aitrader.live.session import print_summary, run_session

        console = Console()
        try:
            settings = load_settings()
        except (SettingsError, MainnetNotEnabledError) as exc:
            fail(str(exc))
        if forget_plan is not None:
            from aitrader.live.journal import LiveJournal
            from aitrader.storage.database import DatabaseOpenError, describe

            target = journal or settings.journal
            try:
                book = LiveJournal(target)
            except DatabaseOpenError as exc:
                fail(str(exc))
            try:
                row = book.plan(forget_plan)
                if row is None:
                    fail(f"--forget-plan: no plan {forget_plan!r} in {describe(target)}")
                if row.status != "pending_entry" or book.orders_of(forget_plan):
                    fail(
                        f"--forget-plan: plan {forget_plan} is {row.status} and has orders; only a pending "
                        "plan without any order can be forgotten (run --reconcile-only to resolve the rest)"
                    )
                with book.transaction():
                    book.update_plan(
                        forget_plan, status="abandoned", detail="abandoned by hand (--forget-plan)"
                    )
                    book.event("plan_forgotten", plan_id=forget_plan)
            finally:
                book.close()
            console.print(f"plan {forget_plan} marked abandoned; new entries are no longer refused for it")
            return
        if mainnet and settings.venue is not Venue.MAINNET:
            fail(
                "--mainnet needs AITRADER_VENUE=mainnet and AITRADER_ALLOW_MAINNET=true in the environment or .env"
            )
        if settings.venue is Venue.MAINNET and not paper:
            if not mainnet:
                fail("AITRADER_VENUE=mainnet: pass --mainnet to trade real money (or use --paper)")
            sym = (symbol or settings.symbol).upper()
            typed = typer.prompt(
                f"This trades REAL money on Binance mainnet. Type the symbol ({sym}) to confirm"
            )
            if typed.strip().upper() != sym:
                fail("confirmation did not match; nothing was sent")
        try:
            tf = Timeframe.parse(interval or settings.interval)
        except ValueError as exc:
            fail(str(exc))
        rest, ws, wsapi = settings.endpoints()
        from aitrader.config.strategy_file import ConfigFileError, strategy_params

        name = strategy or settings.strategy
        if name.strip().lower().startswith("rl:") and not Path(name.strip()[3:]).is_file():
            fail(
                f"--strategy {name}: no policy checkpoint at {name.strip()[3:]} (train one: aitrader rl train)"
            )
        try:  # what `optimize --apply` chose, as backtests use it; bad values are refused in one line
            params = strategy_params(name)  # when the strategy is built (importing the strategies
        except ConfigFileError as exc:  # here would delay the restart's re-protection by ~2 s)
            fail(str(exc))
        cfg = RunConfig(
            symbol=(symbol or settings.symbol).upper(),
            interval=tf,
            strategy=name,
            strategy_params=params,
            paper=paper,
            rest_url=rest,
            ws_url=ws,
            ws_api_url=wsapi,
            api_key=settings.binance_api_key.get_secret_value(),
            secret=settings.binance_api_secret.get_secret_value(),
            sandbox=settings.venue is Venue.TESTNET,
            venue_name=settings.venue.value,
            recv_window_ms=settings.recv_window_ms,
            journal_path=journal or settings.journal,
            telemetry_path=settings.telemetry_path,
            risk_fraction=settings.risk_fraction,
            max_runtime_s=max_runtime,
            max_candles=max_candles,
            reconcile_only=reconcile_only,
            decision_deadline_s=decision_deadline,
        )
        try:
            summary = asyncio.run(run_session(cfg, console, view=not no_view))
        except ValueError as exc:  # a setup problem its message explains (missing keys, unknown symbol)
            fail(str(exc))
        except Exception as exc:  # one clear line, never a traceback; messages never carry secrets
            fail(f"{type(exc).__name__}: {exc} (venue {cfg.venue_name} at {cfg.rest_url})")
        print_summary(summary, console)
        if summary.alarms:  # an exit or protective order the venue kept refusing: a person must look
            for line in summary.alarms:
                console.print(f"[red]ALARM:[/] {line}")
            raise typer.Exit(3)
        if summary.reconcile is not None and not summary.reconcile.ok:
            raise typer.Exit(2)
