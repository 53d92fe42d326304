"""`aitrader backtest`: run a strategy over history through the kernel, print the summary, write reports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from aitrader.cli import options
from aitrader.cli.errors import fail
from aitrader.cli.llm_replay import replay_summary

if TYPE_CHECKING:
    from rich.console import Console

    from aitrader.backtest.engine import BacktestConfig
    from aitrader.backtest.inputs import BacktestCandles
    from aitrader.backtest.result import BacktestResult
    from aitrader.config.run_settings import RunSettings
    from aitrader.domain import Candles, Instrument
    from aitrader.engine.bus import EventBus
    from aitrader.engine.events import VerdictGiven
    from aitrader.engine.kernel import Gate
    from aitrader.execution.fill_model import FillModel
    from aitrader.strategies.base import Strategy


def register(app: typer.Typer) -> None:
    @app.command("backtest")
    def backtest(
        strategy: str | None = options.strategy(),
        symbol: str | None = options.symbol(),
        symbols: str | None = options.symbols(),
        universe: str | None = options.universe(),
        timeframe: str | None = options.timeframe(),
        start: str | None = options.start(),
        end: str | None = options.end(),
        data: Path | None = options.data(),
        data_dir: Path | None = options.data_dir(),
        intrabar: Path | None = typer.Option(
            None,
            "--intrabar-data",
            metavar="FILE",
            help="Lower-timeframe candle file (e.g. 1m inside 1h) that orders stop/target hits.",
        ),
        fee: float | None = options.fee(),
        fixed_fee: str | None = typer.Option(
            None,
            "--fixed-fee",
            metavar="ENTRY,EXIT",
            help="Fixed fee per trade leg in quote, e.g. 25,35 (replaces --fee).",
        ),
        slippage: float | None = options.slippage(),
        equity: float | None = options.equity(),
        risk: float | None = options.risk(),
        sizing: str | None = options.sizing(),
        vol_target: float | None = options.vol_target(),
        all_in: bool = typer.Option(
            False,
            "--all-in",
            help="RESEARCH ONLY: all cash in per entry (AllInSizer) instead of the risk gate.",
        ),
        param: list[str] = options.param(),
        report: Path | None = options.report(),
        json_out: str | None = options.json_out("the report"),
        journal: str | None = options.journal(
            "default: none; AITRADER_BACKTEST_JOURNAL or aitrader.toml's backtest_journal"
        ),
        no_journal: bool = typer.Option(
            False, "--no-journal", help="Do not journal, even when a backtest journal is configured."
        ),
        every_bar: bool = typer.Option(False, "--every-bar", help="Visit every bar (slow reference mode)."),
        fill_model: str = typer.Option(
            "next-open",
            "--fill-model",
            metavar="next-open|live",
            help="next-open: market orders fill at the next bar's open, fees in quote (research). "
            "live: as paper trading and the exchange fill (market at the last price, a buy's fee in "
            "the base asset, the intrabar path).",
        ),
        config: Path | None = options.config(),
    ) -> None:
        """Backtest a strategy on history: the same kernel, gate and order logic as live trading."""
        from rich.console import Console

        from aitrader.backtest.inputs import (
            InputError,
            build_strategy,
            load_candles,
            load_intrabar,
            warmup_note,
        )
        from aitrader.data.source import span_text
        from aitrader.domain import Timeframe
        from aitrader.domain.timeframe import parse_time
        from aitrader.strategies.base import history_needed

        cli = {"strategy": strategy, "symbol": symbol, "timeframe": timeframe, "data_dir": data_dir,
               "fee": fee, "slippage": slippage, "equity": equity, "risk": risk, "backtest_journal": journal,
               "sizing": sizing, "vol_target": vol_target}  # fmt: skip
        run = options.run_settings(cli, config=config)
        # --json -: the JSON alone on stdout, everything said on stderr
        console = Console(stderr=json_out == "-")
        try:
            tf = Timeframe.parse(run.timeframe)
        except ValueError as exc:
            fail(f"{run.where('timeframe')}: {exc}")
        try:
            start_ms = parse_time(start) if start else None
            end_ms = parse_time(end) if end else None
        except ValueError as exc:
            fail(str(exc))
        params = options.strategy_params(run, param)
        names = options.split_symbols(symbols)
        if universe and not names:
            fail("--universe ranks the symbols of --symbols: list the candidates, e.g. --symbols A,B,C")
        if len(names) > 1:
            from aitrader.cli.backtest_portfolio import (
                PortfolioAsk,
                risk_gate,
                run_portfolio_backtest,
            )

            if data is not None or intrabar is not None:
                fail(
                    "--data/--intrabar-data hold one symbol: with --symbols the candles come from the "
                    "store (`aitrader data download --symbols ...`) or the shipped samples"
                )
            console.print(f"[bold]{run.strategy}[/] portfolio of {len(names)} symbols, {tf.value}")
            ask = PortfolioAsk(names, tf, params, start_ms, end_ms, universe)
            portfolio_config = _config(run.fee, fixed_fee, run.slippage, run.equity, every_bar, None)
            portfolio_config.fill_model = _fill_model(fill_model, fixed_fee, None)
            target = None if no_journal else run.backtest_journal
            gate_ = risk_gate(run, all_in)
            run_portfolio_backtest(console, run, ask, portfolio_config, gate_, target, report, json_out)
            return
        if names:
            run = options.run_settings({**cli, "symbol": names[0]}, config=config)
        try:
            strat = build_strategy(
                run.strategy, params, tf, fee=run.fee, slippage_bps=run.slippage, fixed_fee=bool(fixed_fee)
            )
            loaded = load_candles(
                run.symbol, tf, data, start_ms, end_ms, run.data_dir, warmup=history_needed(strat)
            )
            lower, lower_note = load_intrabar(intrabar, run.symbol, loaded.window) if intrabar else (None, "")
            inst, assumptions = _instrument(loaded.candles)
        except InputError as exc:
            fail(str(exc))
        window = loaded.window
        console.print(
            f"[bold]{strat.name}[/] {window.symbol} {tf.value}: {len(window):,} bars "
            f"{span_text(window)} from {loaded.origin}; fee {run.fee:g}, slippage {run.slippage:g} bps, "
            f"risk {run.risk:g}{_sizing_text(run)}, equity {run.equity:,.0f}",
            soft_wrap=True,
        )
        policy_env = getattr(strat, "env", None) if run.strategy.lower().startswith("rl:") else None
        if policy_env is not None:  # a trained policy: say under which rules it trained
            e = policy_env
            console.print(
                f"a trained policy: it trained with fee {e.fee_rate:g} + {e.fee_entry:g}/{e.fee_exit:g} fixed, "
                f"slippage {e.slippage_bps:g} bps, {e.cash:,.0f} cash, risk {e.risk_fraction:g}; this run uses "
                f"--fee/--fixed-fee/--slippage/--equity/--risk as given (`aitrader rl evaluate` uses its own)",
                style="dim", markup=False,
            )  # fmt: skip
        for line in (warmup_note(strat.name, strat.warmup, loaded, start_ms is not None), lower_note):
            if line:
                console.print(
                    line,
                    style="yellow" if line.startswith("warning") else "dim",
                    markup=False,
                    soft_wrap=True,
                )
        if assumptions:
            console.print(assumptions, style="yellow", markup=False, soft_wrap=True)
        config_ = _config(run.fee, fixed_fee, run.slippage, run.equity, every_bar, lower)
        config_.fill_model = _fill_model(fill_model, fixed_fee, intrabar)
        gate = _gate(all_in, run, run.slippage)
        target = None if no_journal else run.backtest_journal
        _run(console, strat, loaded, inst, config_, gate, target, report, json_out)


def _sizing_text(run: RunSettings) -> str:
    """The sizing for the first line (", sizing vol_target 0.25"); "" when the stop alone sizes."""
    if run.sizing == "stop":
        return ""
    return f", sizing {run.sizing}" + (f" {run.vol_target:g}" if run.sizing == "vol_target" else "")


def _instrument(candles: Candles) -> tuple[Instrument | None, str | None]:
    """None (the engine's Binance rules) for a Binance pair; generic rules and their text otherwise."""
    from aitrader.data.instrument_guess import instrument_for

    inst, assumptions = instrument_for(candles.symbol, float(candles.close[0]))
    return (inst, assumptions) if assumptions else (None, None)


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
            fail(f"--fixed-fee {fixed_fee!r}: write ENTRY,EXIT in quote currency, e.g. 25,35")
        fee_model = FixedFee(entry, exit_)
    return BacktestConfig(
        cash=equity,
        fee=fee,
        slippage_bps=slippage,
        fee_model=fee_model,
        every_bar=every_bar,
        lower=lower,
    )


def _fill_model(name: str, fixed_fee: str | None, intrabar: Path | None) -> FillModel:
    from aitrader.execution.fill_model import FillModel

    try:
        model = FillModel(name.strip().lower())
    except ValueError:
        fail(f"--fill-model {name!r}: choose next-open or live")
    if model is FillModel.LIVE and (fixed_fee or intrabar):
        fail(
            "--fill-model live uses Binance's percentage fee and the candles' own path: drop --fixed-fee/--intrabar-data"
        )
    return model


def _gate(all_in: bool, run: RunSettings, slippage_bps: float) -> Gate:
    if all_in:
        from aitrader.backtest.all_in import AllInSizer

        return AllInSizer()
    from aitrader.cli.backtest_portfolio import risk_config
    from aitrader.risk import RiskGate

    return RiskGate(risk_config(run, slippage_bps))


def _run(
    console: Console,
    strat: Strategy,
    loaded: BacktestCandles,
    instrument: Instrument | None,
    config: BacktestConfig,
    the_gate: Gate,
    journal_target: str | None,
    report: Path | None,
    json_out: str | None,
) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from aitrader.backtest.engine import run_backtest
    from aitrader.backtest.result import trim_warmup
    from aitrader.engine.bus import EventBus
    from aitrader.execution.journal import Journal
    from aitrader.storage.database import DatabaseOpenError, describe

    journal = None
    if journal_target:
        try:
            journal = Journal(journal_target)
        except DatabaseOpenError as exc:
            fail(str(exc))
    candles = loaded.candles
    bus = EventBus(config.bus_history)
    tally = VerdictTally.attach(bus)
    columns = (TextColumn("[bold]backtest[/]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    from aitrader.strategies.user import UserStrategyError

    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("bars", total=len(candles))
        try:
            result = run_backtest(
                strat,
                candles,
                config,
                gate=the_gate,
                instrument=instrument,
                bus=bus,
                journal=journal,
                progress=lambda done, _total: progress.update(task, completed=done),
            )
        except UserStrategyError as exc:  # the user's rule failed: its file, line and bar, no traceback
            fail(str(exc))
    if journal is not None:
        journal.close()
    result = trim_warmup(result, loaded.warmup_bars)
    _summarise(console, result, report, json_out)
    print_verdicts(console, tally)
    replay_summary(console, strat)
    dropped = int(getattr(strat, "dropped", 0))  # a user strategy's count of entries not taken
    if dropped:
        console.print(
            f"note: {dropped:,} entries were proposed while a position was already open and were not taken "
            "(one position per symbol; exit first, then enter on a later bar)",
            style="dim",
            markup=False,
            soft_wrap=True,
        )
    if tally.proposals == 0 and not _masks_allow_entries(strat, candles):
        console.print(
            f"warning: the kernel visited no bar: {strat.name}'s candidate masks (its `signals`) are "
            "False on every bar, so on_bar was never asked. Set them where an entry can happen, or "
            "subclass aitrader.UserStrategy (its `next` sees every bar; see docs/strategies.md)",
            style="yellow",
            markup=False,
            soft_wrap=True,
        )
    bars_s = len(candles) / result.elapsed_s if result.elapsed_s > 0 else float("inf")
    console.print(
        f"{len(candles):,} bars"
        + (f" ({loaded.warmup_bars:,} of warm-up)" if loaded.warmup_bars else "")
        + f" in {result.elapsed_s:.2f}s ({bars_s:,.0f} bars/s); "
        f"run {result.params.get('run_id')}"
        + (f", journal {describe(journal_target)}" if journal and journal_target else ", not journalled")
    )


def _masks_allow_entries(strat: Strategy, candles: Candles) -> bool:
    """Whether the strategy's entry masks hold on any bar (the kernel asks `on_bar` only there)."""
    signals = strat.signals(strat.features(candles))
    return bool(signals.entry_long.any() or signals.entry_short.any())


class VerdictTally:
    """Counts the gate's verdicts published on a bus: approved, and rejected by code (one example each)."""

    def __init__(self) -> None:
        self.proposals = 0
        self.approved = 0
        self.rejected: dict[str, list[Any]] = {}  # code -> [count, first message]

    @classmethod
    def attach(cls, bus: EventBus) -> VerdictTally:
        from aitrader.engine.events import VerdictGiven

        tally = cls()
        bus.subscribe(VerdictGiven, tally.add)
        return tally

    def add(self, event: VerdictGiven) -> None:
        from aitrader.domain.plan import Rejection

        self.proposals += 1
        verdict = event.verdict
        if isinstance(verdict, Rejection):
            entry = self.rejected.setdefault(verdict.code.value, [0, verdict.message])
            entry[0] += 1
        else:
            self.approved += 1


def print_verdicts(console: Console, tally: VerdictTally) -> None:
    """Gate verdicts: proposals, approved, rejected by code with one example message each."""
    rejected = sum(int(c) for c, _ in tally.rejected.values())
    console.print(
        f"gate verdicts: {tally.proposals:,} proposals, {tally.approved:,} approved, {rejected:,} rejected"
        + ("" if tally.proposals else " (the strategy proposed no trade in this window)")
    )
    if not tally.rejected:
        return
    from rich.table import Table

    table = Table(show_header=True, header_style="dim", box=None, padding=(0, 1))
    table.add_column("rejected: code")
    table.add_column("count", justify="right")
    table.add_column("example", overflow="fold")
    for code, (count, message) in sorted(tally.rejected.items(), key=lambda kv: -int(kv[1][0])):
        table.add_row(code, f"{int(count):,}", str(message))
    console.print(table)


def _summarise(console: Console, result: BacktestResult, report: Path | None, json_out: str | None) -> None:
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
        if json_out == "-":
            import json

            from aitrader.backtest.report.json_export import report_dict

            print(json.dumps(report_dict(result, metrics), indent=1, allow_nan=False, ensure_ascii=False))
        elif json_out is not None:
            console.print(f"JSON report: {write_json(result, metrics, Path(json_out))}")
    except OSError as exc:
        fail(f"cannot write the report: {exc.strerror or exc} ({exc.filename})")
