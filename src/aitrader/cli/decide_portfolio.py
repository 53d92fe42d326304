"""`aitrader decide --symbols A,B,C`: what each symbol's strategy proposes on one bar of a portfolio,
and what the gate makes of it against the portfolio's account at that moment.

The portfolio runs through the one kernel (`backtest.portfolio_run.build_portfolio_kernel`: one
lane per symbol, one account, one gate with the `[risk]` limits) over the data up to the chosen
bar, so the open positions, the equity, the breakers and the correlations the gate judges with are
those the backtest would have there. Each review's account is kept as the gate saw it
(`ReviewLog`); the view (`decide_portfolio_view`) prints the account, the open positions with
their share of equity, and per symbol the proposal, the verdict, the rejection code and sentence,
and the correlations used. When the chosen bar has no proposal, the latest bar where the
portfolio had a rejection is shown as well.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aitrader.cli.errors import fail

if TYPE_CHECKING:
    from rich.console import Console

    from aitrader.config.run_settings import RunSettings
    from aitrader.domain import Instrument
    from aitrader.domain.plan import OrderPlan, Rejection
    from aitrader.domain.proposal import Proposal
    from aitrader.engine.events import Deliberated, VerdictGiven
    from aitrader.engine.kernel import Gate, Kernel
    from aitrader.risk.account import AccountState


@dataclass(frozen=True)
class Review:
    """One proposal, the account the gate judged it against (None: refused before the gate, e.g.
    outside the universe) and the verdict."""

    proposal: Proposal
    account: AccountState | None
    verdict: OrderPlan | Rejection

    @property
    def rejected(self) -> bool:
        from aitrader.domain.plan import Rejection

        return isinstance(self.verdict, Rejection)


@dataclass
class Moment:
    """The reviews of one decision time (a bar's close)."""

    time_ms: int
    reviews: list[Review] = field(default_factory=list)

    @property
    def rejected(self) -> bool:
        return any(r.rejected for r in self.reviews)


class ReviewLog:
    """Stands in for the kernel's gate (`review` passes through, `config` is the gate's) and hears
    its verdicts on the bus: it keeps the newest decision time's reviews and the latest one that
    had a rejection, each with the account the gate saw."""

    def __init__(self, gate: Gate) -> None:
        self.inner = gate
        self.config = getattr(gate, "config", None)  # the kernel reads the correlation window here
        self.now: Moment | None = None
        self.last_rejected: Moment | None = None
        self._account: AccountState | None = None
        self._kernel: Kernel | None = None
        self.said: dict[int, dict[str, str]] = {}  # decision time -> symbol -> an agent's verdict line

    def review(
        self, proposal: Proposal, account: AccountState, instrument: Instrument, price: Decimal | float
    ) -> OrderPlan | Rejection:
        verdict = self.inner.review(proposal, account, instrument, price)
        self._account = account
        return verdict

    def attach(self, kernel: Kernel) -> None:
        from aitrader.engine.events import Deliberated, VerdictGiven

        self._kernel = kernel
        kernel.bus.subscribe(VerdictGiven, self._heard)
        kernel.bus.subscribe(Deliberated, self._deliberated)

    def _deliberated(self, e: Deliberated) -> None:
        d = e.deliberation
        self.said.setdefault(d.time_ms, {})[d.symbol] = f"{d.decider}: {d.verdict}"

    def said_at(self, time_ms: int) -> dict[str, str]:
        """Each symbol's agent verdict at decision time `time_ms` (a debate, an LLM adviser)."""
        return self.said.get(time_ms, {})

    def _heard(self, e: VerdictGiven) -> None:
        account, self._account = self._account, None
        if account is None and self._kernel is not None:  # refused before the gate: the account now
            account = self._kernel.account_source.state(self._kernel.bar, e.time_ms)
        if self.now is None or self.now.time_ms != e.time_ms:
            if self.now is not None and self.now.rejected:
                self.last_rejected = self.now
            self.now = Moment(e.time_ms)
        self.now.reviews.append(Review(e.proposal, account, e.verdict))

    def latest_rejected(self, before_ms: int) -> Moment | None:
        """The newest decision time before `before_ms` with a rejection."""
        if self.now is not None and self.now.time_ms < before_ms and self.now.rejected:
            return self.now
        return self.last_rejected


@dataclass(frozen=True)
class Ask:
    symbols: tuple[str, ...]
    at: str | None
    params: dict[str, Any]


def decide_portfolio(console: Console, run: RunSettings, ask: Ask) -> None:
    """Run the portfolio up to the chosen bar and print what was decided there (see the module)."""
    from aitrader.backtest.engine import BacktestConfig
    from aitrader.backtest.inputs import InputError, build_strategy
    from aitrader.backtest.portfolio_run import build_portfolio_kernel
    from aitrader.cli.backtest_portfolio import risk_config
    from aitrader.cli.decide_portfolio_view import limits_line, show_moment, show_quiet
    from aitrader.data import DataError
    from aitrader.data.instrument_guess import instrument_for
    from aitrader.data.source import SeriesNotFoundError, load_series, span_text
    from aitrader.domain import Timeframe
    from aitrader.domain.timeframe import format_ms, parse_time
    from aitrader.engine.merged_run import grid_of
    from aitrader.risk import RiskGate
    from aitrader.strategies.user import UserStrategyError

    try:
        tf = Timeframe.parse(run.timeframe)
    except ValueError as exc:
        fail(f"{run.where('timeframe')}: {exc}")
    candles, strategies, instruments = {}, {}, {}
    for s in ask.symbols:
        try:
            loaded = load_series(s, tf, data_dir=run.data_dir)
        except (ValueError, SeriesNotFoundError, DataError, OSError) as exc:
            fail(str(exc))
        if len(loaded.candles) == 0:
            fail(f"no {s} {tf.value} candles in {loaded.origin}")
        candles[s] = loaded.candles
        inst, assumed = instrument_for(s, float(loaded.candles.close[-1]))
        instruments[s] = inst
        console.print(f"[dim]{s}: {span_text(loaded.candles)} UTC from {loaded.origin}[/dim]")
        if assumed:
            console.print(assumed, style="yellow", markup=False, soft_wrap=True)
        try:
            strategies[s] = build_strategy(
                run.strategy, ask.params, tf, fee=run.fee, slippage_bps=run.slippage
            )
        except InputError as exc:
            fail(str(exc))
    # the default bar: the newest one every symbol has
    last_common = min(c.end_ms for c in candles.values())
    when = last_common
    if ask.at is not None:
        try:
            when = parse_time(ask.at)
        except ValueError as exc:
            fail(str(exc))
        first, last = min(c.start_ms for c in candles.values()), max(c.end_ms for c in candles.values())
        if when < first or when > tf.close_time(last):
            fail(
                f"--at {ask.at} is outside the data: the symbols cover {format_ms(first)} → {format_ms(last)} UTC"
            )
    config = BacktestConfig(cash=run.equity, fee=run.fee, slippage_bps=run.slippage)
    log = ReviewLog(RiskGate(risk_config(run, run.slippage)))
    try:
        kernel = build_portfolio_kernel(strategies, candles, config, log, instruments)
    except ValueError as exc:
        fail(f"portfolio: {exc}")
    log.attach(kernel)
    grid = grid_of(kernel)
    step = int(grid.times.searchsorted(when, side="right")) - 1
    warmup = max(st.warmup for st in strategies.values())
    if step < warmup - 1:
        fail(
            f"{run.strategy} needs {warmup} bars of history; {format_ms(when)} is too early: pick a later --at"
        )
    try:
        _run_to(console, kernel, step + 1)
    except UserStrategyError as exc:
        fail(str(exc))
    close_ms = int(grid.times[step]) + tf.duration_ms
    gate_config = log.inner.config if isinstance(log.inner, RiskGate) else None
    head = (
        f"[bold]{kernel.strategy.name}[/bold] portfolio {', '.join(ask.symbols)} {tf.value}: bar "
        f"{format_ms(int(grid.times[step]))} UTC; start equity {run.equity:,.2f}, risk {run.risk:.2%} per "
        f"trade, fee {run.fee:g}, slippage {run.slippage:g} bps"
    )
    console.print(head, soft_wrap=True)
    if gate_config is not None:
        console.print(f"[dim]{limits_line(gate_config)}[/dim]", soft_wrap=True)
    now = log.now if log.now is not None and log.now.time_ms == close_ms else None
    if now is not None:
        show_moment(console, kernel, now, gate_config, step, log.said_at(close_ms))
        return
    account = kernel.account_source.state(step, close_ms)
    show_quiet(console, kernel, account, step, gate_config, log.said_at(close_ms))
    earlier = log.latest_rejected(close_ms)
    if earlier is None:
        console.print("[yellow]No bar up to this one had a portfolio rejection.[/yellow]")
        return
    j = int(grid.times.searchsorted(earlier.time_ms - tf.duration_ms))
    console.print(
        f"\n[bold]Most recent bar with a rejection:[/bold] {format_ms(int(grid.times[j]))} UTC "
        f"({step - j} bars earlier)"
    )
    show_moment(console, kernel, earlier, gate_config, j, log.said_at(earlier.time_ms))


def _run_to(console: Console, kernel: Kernel, stop: int, chunk: int = 5_000) -> None:
    """Steps [0, stop) of the kernel's grid, under a progress bar."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("[bold]portfolio[/]"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("steps", total=stop)
        for start in range(0, stop, chunk):
            kernel.run(start, min(stop, start + chunk))
            progress.update(task, completed=min(stop, start + chunk))


def split_for_decide(symbols: str | None, symbol: str | None, data: Path | None) -> tuple[str, ...]:
    """The symbols of `--symbols` (two or more: a portfolio); --data holds one symbol."""
    from aitrader.cli import options

    names = options.split_symbols(symbols)
    if len(names) > 1 and data is not None:
        fail("--data holds one symbol: with --symbols the candles come from the store or the shipped samples")
    if len(names) > 1 and symbol is not None:
        fail("--symbol and --symbols: give one of them")
    return names
