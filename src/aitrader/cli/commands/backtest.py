"""`aitrader backtest`: run a strategy over history through the kernel, print the summary, write reports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from aitrader.backtest.engine import BacktestConfig
    from aitrader.backtest.result import BacktestResult
    from aitrader.domain import Candles
    from aitrader.engine.kernel import Gate
    from aitrader.strategies.base import Strategy


def _fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    @app.command("backtest")
    def backtest(
        strategy: str = typer.Option(
            "confluence", "--strategy", "-s", help="Strategy name (`aitrader strategies`), or sma_cross."
        ),
        symbol: str = typer.Option("BTCUSDT", "--symbol", help="Symbol, e.g. BTCUSDT."),
        timeframe: str = typer.Option("1m", "--timeframe", "-t", help="Candle interval, e.g. 1m or 1h."),
        start: str | None = typer.Option(
            None, "--from", help="First bar (UTC 'YYYY-MM-DD[ HH:MM]' or epoch ms)."
        ),
        end: str | None = typer.Option(None, "--to", help="Stop before this time (same formats)."),
        data: Path | None = typer.Option(
            None, "--data", help="Candle file (CSV/.gz, Binance klines, freqtrade JSON, feather, parquet)."
        ),
        intrabar: Path | None = typer.Option(
            None,
            "--intrabar",
            help="Lower-timeframe candle file (e.g. 1m inside 1h) to order stop/target hits.",
        ),
        fee: float = typer.Option(0.001, "--fee", min=0.0, max=0.1, help="Fee rate per fill (0.001 = 0.1%)."),
        fixed_fee: str | None = typer.Option(
            None,
            "--fixed-fee",
            help="Fixed fee per trade leg ENTRY,EXIT in quote, e.g. 25,35 (replaces --fee).",
        ),
        slippage: float = typer.Option(
            0.0, "--slippage", min=0.0, help="Slippage in basis points per taker fill."
        ),
        equity: float = typer.Option(10_000.0, "--equity", min=1.0, help="Starting cash in quote currency."),
        risk: float = typer.Option(0.01, "--risk", help="Risk per trade as a fraction of equity (max 0.10)."),
        all_in: bool = typer.Option(
            False,
            "--all-in",
            help="RESEARCH ONLY: all cash in per entry (AllInSizer) instead of the risk gate.",
        ),
        param: list[str] = typer.Option(
            [], "--param", "-p", help="Strategy parameter NAME=VALUE (repeatable)."
        ),
        report: Path | None = typer.Option(None, "--report", help="Write the HTML report here."),
        json_out: Path | None = typer.Option(None, "--json", help="Write the JSON report here."),
        journal: Path | None = typer.Option(
            None, "--journal", help="Journal database (default AITRADER_JOURNAL)."
        ),
        no_journal: bool = typer.Option(False, "--no-journal", help="Do not journal this run."),
        every_bar: bool = typer.Option(False, "--every-bar", help="Visit every bar (slow reference mode)."),
    ) -> None:
        """Backtest a strategy on history: the same kernel, gate and order logic as live trading."""
        from rich.console import Console

        from aitrader.backtest.inputs import InputError, build_strategy, load_candles, parse_params
        from aitrader.domain import Timeframe
        from aitrader.domain.timeframe import parse_time

        console = Console()
        if not 0 < risk <= 0.10:
            _fail(f"--risk {risk}: use a fraction in (0, 0.10], e.g. 0.01 for 1% (the hard ceiling is 10%)")
        try:
            tf = Timeframe.parse(timeframe)
            start_ms = parse_time(start) if start else None
            end_ms = parse_time(end) if end else None
        except ValueError as exc:
            _fail(str(exc))
        try:
            strat = build_strategy(strategy, parse_params(param), tf)
            candles = load_candles(symbol, tf, data, start_ms, end_ms, _data_dir())
            lower = _lower(intrabar, symbol, candles) if intrabar else None
        except InputError as exc:
            _fail(str(exc))
        config = _config(fee, fixed_fee, slippage, equity, every_bar, lower)
        gate = _gate(all_in, risk, slippage)
        _run(console, strat, candles, config, gate, journal, no_journal, report, json_out)


def _data_dir() -> Path | None:
    from aitrader.config import SettingsError, load_settings

    try:
        return load_settings().data_dir
    except SettingsError:
        return None


def _lower(path: Path, symbol: str, candles: Candles) -> Candles:
    from aitrader.backtest.inputs import InputError
    from aitrader.data import DataError, read_candles

    try:
        lower = read_candles(path, symbol.upper())
    except (DataError, FileNotFoundError) as exc:
        raise InputError(f"--intrabar {path}: {exc}") from None
    if lower.timeframe.duration_ms >= candles.timeframe.duration_ms:
        raise InputError(
            f"--intrabar {path}: holds {lower.timeframe.value} candles; need a timeframe shorter than "
            f"{candles.timeframe.value}"
        )
    return lower


def _config(
    fee: float, fixed_fee: str | None, slippage: float, equity: float, every_bar: bool, lower: Candles | None
) -> BacktestConfig:
    from aitrader.backtest.engine import BacktestConfig
    from aitrader.execution.fees import FixedFee

    fee_model = None
    if fixed_fee:
        try:
            entry, exit_ = (float(x) for x in fixed_fee.split(","))
        except ValueError:
            _fail(f"--fixed-fee {fixed_fee!r}: write ENTRY,EXIT in quote currency, e.g. 25,35")
        fee_model = FixedFee(entry, exit_)
    return BacktestConfig(
        cash=equity,
        fee=fee,
        slippage_bps=slippage,
        fee_model=fee_model,
        every_bar=every_bar,
        lower=lower,
    )


def _gate(all_in: bool, risk: float, slippage_bps: float) -> Gate:
    if all_in:
        from aitrader.backtest.all_in import AllInSizer

        return AllInSizer()
    from aitrader.risk import RiskConfig, RiskGate

    return RiskGate(RiskConfig(risk_fraction=risk, slippage=slippage_bps / 10_000.0))


def _run(
    console: Console,
    strat: Strategy,
    candles: Candles,
    config: BacktestConfig,
    the_gate: Gate,
    journal_path: Path | None,
    no_journal: bool,
    report: Path | None,
    json_out: Path | None,
) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from aitrader.backtest.engine import run_backtest
    from aitrader.execution.journal import Journal

    journal = None
    if not no_journal:
        path = journal_path or _journal_default()
        path.parent.mkdir(parents=True, exist_ok=True)
        journal = Journal(path)
    columns = (TextColumn("[bold]backtest[/]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("bars", total=len(candles))
        result = run_backtest(
            strat,
            candles,
            config,
            gate=the_gate,
            journal=journal,
            progress=lambda done, _total: progress.update(task, completed=done),
        )
    if journal is not None:
        journal.close()
    _summarise(console, result, report, json_out)
    bars_s = len(candles) / result.elapsed_s if result.elapsed_s > 0 else float("inf")
    console.print(
        f"{len(candles):,} bars in {result.elapsed_s:.2f}s ({bars_s:,.0f} bars/s); "
        f"run {result.params.get('run_id')}"
        + (f", journal {journal_path or _journal_default()}" if journal else "")
    )


def _summarise(console: Console, result: BacktestResult, report: Path | None, json_out: Path | None) -> None:
    try:
        from aitrader.backtest.metrics import compute_metrics
        from aitrader.backtest.report import print_summary, write_html_report, write_json
    except ImportError:  # reports not installed: minimal summary
        console.print(
            f"{result.strategy} {result.symbol}: {len(result.trades)} trades, "
            f"equity {result.initial_equity:,.2f} -> {result.final_equity:,.2f}, fees {result.fees_paid:,.2f}"
        )
        return
    metrics = compute_metrics(result)
    print_summary(result, metrics, console)
    try:
        if report is not None:
            console.print(f"HTML report: {write_html_report(result, metrics, report)}")
        if json_out is not None:
            console.print(f"JSON report: {write_json(result, metrics, json_out)}")
    except OSError as exc:
        _fail(f"cannot write the report: {exc.strerror or exc} ({exc.filename})")


def _journal_default() -> Path:
    from aitrader.config import SettingsError, load_settings

    try:
        return load_settings().journal_path
    except SettingsError:
        return Path("var/journal.sqlite")
