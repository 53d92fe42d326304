"""`aitrader backtest --symbols A,B,C`: one account trading several symbols through the one kernel.

Each symbol's candles come from the store or the shipped samples (`aitrader data download
--symbols ...` fills the store), warmed up before --from like a one-symbol run; one strategy per
symbol, one gate with the portfolio limits (`aitrader.toml`'s [risk] table), one report with a
portfolio section and one section per symbol.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aitrader.cli.errors import fail

if TYPE_CHECKING:
    from rich.console import Console

    from aitrader.backtest.engine import BacktestConfig
    from aitrader.config.run_settings import RunSettings
    from aitrader.domain import Timeframe
    from aitrader.engine.kernel import Gate
    from aitrader.risk import RiskConfig


@dataclass
class PortfolioAsk:
    """What the command line asked for a portfolio run."""

    symbols: tuple[str, ...]
    timeframe: Timeframe
    params: dict[str, Any]
    start_ms: int | None
    end_ms: int | None
    universe: str | None = None


def risk_config(run: RunSettings, slippage_bps: float) -> RiskConfig:
    """The gate's config: the run's risk and slippage, and the portfolio limits of `aitrader.toml`'s
    [risk] table (`RunSettings.risk_limits`)."""
    from aitrader.risk import RiskConfig

    limits: dict[str, Any] = dict(getattr(run, "risk_limits", {}) or {})
    try:
        return RiskConfig(**{**limits, "risk_fraction": run.risk, "slippage": slippage_bps / 10_000.0})
    except ValueError as exc:
        fail(f"risk limits: {exc}")


def risk_gate(run: RunSettings, all_in: bool) -> Gate:
    """The portfolio's gate (`risk_config`); --all-in has no meaning for several symbols."""
    if all_in:
        fail("--all-in puts all cash in one position: it has no meaning for a portfolio; drop it")
    from aitrader.risk import RiskGate

    return RiskGate(risk_config(run, run.slippage))


def run_portfolio_backtest(
    console: Console,
    run: RunSettings,
    ask: PortfolioAsk,
    config: BacktestConfig,
    gate: Gate,
    journal_target: str | None,
    report: Path | None,
    json_out: str | None,
) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from aitrader.backtest.inputs import InputError, build_strategy, load_candles
    from aitrader.backtest.portfolio_run import run_portfolio
    from aitrader.cli.commands.backtest import _instrument
    from aitrader.data.source import span_text
    from aitrader.execution.journal import Journal
    from aitrader.storage.database import DatabaseOpenError, describe
    from aitrader.strategies.base import history_needed
    from aitrader.strategies.user import UserStrategyError

    strategies, candles, instruments, first_ms = {}, {}, {}, []
    try:
        for s in ask.symbols:
            strategies[s] = build_strategy(
                run.strategy,
                ask.params,
                ask.timeframe,
                fee=config.fee,
                slippage_bps=config.slippage_bps,
                fixed_fee=config.fee_model is not None,
            )
            need = history_needed(strategies[s])
            loaded = load_candles(s, ask.timeframe, None, ask.start_ms, ask.end_ms, run.data_dir, warmup=need)
            candles[s] = loaded.candles
            window = loaded.window
            first_ms.append(int(window.open_time[0]))
            inst, assumptions = _instrument(loaded.candles)
            if inst is not None:
                instruments[s] = inst
            if assumptions:
                console.print(assumptions, style="yellow", markup=False, soft_wrap=True)
            console.print(
                f"  {s}: {len(window):,} bars {span_text(window)} from {loaded.origin}"
                + (f" (+{loaded.warmup_bars:,} of warm-up)" if loaded.warmup_bars else ""),
                markup=False,
                soft_wrap=True,
            )
    except InputError as exc:
        fail(str(exc))
    tradable = _universe(run, ask, candles)
    journal = None
    if journal_target:
        try:
            journal = Journal(journal_target)
        except DatabaseOpenError as exc:
            fail(str(exc))
    columns = (TextColumn("[bold]portfolio[/]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("steps", total=None)
        try:
            result = run_portfolio(
                strategies,
                candles,
                config,
                gate=gate,
                instruments=instruments,
                journal=journal,
                progress=lambda done, total: progress.update(task, completed=done, total=total),
                start_ms=min(first_ms) if ask.start_ms is not None else None,
                tradable=tradable,
            )
        except UserStrategyError as exc:
            fail(str(exc))
        except ValueError as exc:
            fail(f"portfolio: {exc}")
    if journal is not None:
        journal.close()
    _summarise(console, result, report, json_out)
    steps = len(result.account.times)
    bars = sum(len(r.candles) for r in result.per_symbol.values())
    elapsed = result.account.elapsed_s
    console.print(
        f"{len(ask.symbols)} symbols, {bars:,} bars on {steps:,} time steps in {elapsed:.2f}s "
        f"({bars / elapsed if elapsed > 0 else float('inf'):,.0f} bars/s); run {result.account.params.get('run_id')}"
        + (f", journal {describe(journal_target)}" if journal and journal_target else ", not journalled"),
        soft_wrap=True,
    )


def _universe(
    run: RunSettings, ask: PortfolioAsk, candles: dict[str, Any]
) -> Callable[[str, int], bool] | None:
    """The universe over time from the candles (no look-ahead): entries only inside it. --universe on
    top of aitrader.toml's [universe] table, else the table alone; None (every symbol) without either."""
    from aitrader.universe.rule import UniverseRuleError

    try:
        rule = run.universe_rule(ask.universe)
    except UniverseRuleError as exc:
        fail(str(exc))
    if rule is None:
        return None
    from aitrader.universe.history import historical_universe

    return historical_universe(candles, rule).tradable


def _summarise(console: Console, result: Any, report: Path | None, json_out: str | None) -> None:
    from aitrader.backtest.report import (
        portfolio_report_dict,
        print_portfolio_summary,
        write_portfolio_json,
        write_portfolio_report,
    )

    print_portfolio_summary(result, console)
    try:
        if report is not None:
            console.print(f"HTML report: {write_portfolio_report(result, report)}")
        if json_out == "-":
            import json

            print(json.dumps(portfolio_report_dict(result), indent=1, allow_nan=False, ensure_ascii=False))
        elif json_out is not None:
            console.print(f"JSON report: {write_portfolio_json(result, Path(json_out))}")
    except OSError as exc:
        fail(f"cannot write the report: {exc.strerror or exc} ({exc.filename})")
