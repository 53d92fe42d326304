"""`aitrader decide`: what a strategy proposes on a bar of the sample data, and what the RiskGate makes of it.

Prints the proposal (or "no signal" with each condition held or failed), the gate's verdict and
the sized order plan with its risk in quote currency and as a share of the account. When the
chosen bar has no signal, the most recent bar that had one is shown as well. The strategy is built
as `backtest` and `trade` build it (`backtest.inputs.build_strategy`: built-in, sma_cross, rl:PATH),
with the same settings (`config.run_settings`), so what decide shows is what they would do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from aitrader.cli import options
from aitrader.cli.at_bar import bar_at
from aitrader.cli.errors import fail
from aitrader.domain.decimals import to_decimal

MODEL_TRIES = 5  # earlier bars an LLM-backed strategy is asked about when the chosen one has no entry

if TYPE_CHECKING:
    from rich.console import Console

    from aitrader.domain import Instrument
    from aitrader.domain.plan import OrderPlan, Rejection
    from aitrader.domain.proposal import Proposal
    from aitrader.risk import RiskConfig
    from aitrader.strategies.bar_reading import BarReading
    from aitrader.strategies.base import Features, MarketView, Strategy


def register(app: typer.Typer) -> None:
    @app.command("decide")
    def decide(
        symbol: str | None = options.symbol(),
        symbols: str | None = options.symbols(),
        timeframe: str | None = options.timeframe(),
        strategy: str | None = options.strategy(),
        at: str | None = options.at("Decide"),
        equity: float | None = options.equity("Account value in quote currency"),
        risk: float | None = options.risk(),
        fee: float | None = options.fee(),
        slippage: float | None = options.slippage(),
        param: list[str] = options.param(),
        data: Path | None = options.data(),
        data_dir: Path | None = options.data_dir(),
        config: Path | None = options.config(),
    ) -> None:
        """Show the strategy's proposal, the RiskGate's verdict and the sized order plan for one bar
        (default: the latest bar); with --symbols, each symbol's proposal and the gate's verdict
        against the portfolio's account on that bar."""
        from rich.console import Console

        from aitrader.backtest.inputs import InputError, build_strategy
        from aitrader.data import DataError
        from aitrader.data.instrument_guess import instrument_for
        from aitrader.data.source import SeriesNotFoundError, load_series
        from aitrader.domain import Timeframe
        from aitrader.domain.timeframe import format_ms

        cli = {"symbol": symbol, "timeframe": timeframe, "strategy": strategy, "equity": equity,
               "risk": risk, "fee": fee, "slippage": slippage, "data_dir": data_dir}  # fmt: skip
        from aitrader.cli.decide_portfolio import Ask, decide_portfolio, split_for_decide

        names = split_for_decide(symbols, symbol, data)
        if names:
            cli["symbol"] = names[0]
        run = options.run_settings(cli, config=config)
        console = Console()
        if len(names) > 1:
            decide_portfolio(console, run, Ask(names, at, options.strategy_params(run, param)))
            return
        try:
            tf = Timeframe.parse(run.timeframe)
        except ValueError as exc:
            fail(f"{run.where('timeframe')}: {exc}")
        try:
            loaded = load_series(run.symbol, tf, path=data, data_dir=run.data_dir)
        except (ValueError, SeriesNotFoundError, DataError, OSError) as exc:
            fail(str(exc))
        candles = loaded.candles
        if len(candles) == 0:
            fail(f"no {run.symbol} {tf.value} candles in {loaded.origin}")
        try:
            strat = build_strategy(
                run.strategy,
                options.strategy_params(run, param),
                tf,
                fee=run.fee,
                slippage_bps=run.slippage,
            )
        except InputError as exc:
            fail(str(exc))
        idx = bar_at(candles, tf, at, loaded.origin)
        if idx < strat.warmup - 1:
            fail(
                f"{strat.name} needs {strat.warmup} bars of history; bar {idx} is too early: pick a later --at"
            )
        history = candles.slice(0, idx + 1)
        feats = strat.features(history)
        inst, assumed = instrument_for(run.symbol, float(history.close[-1]))
        console.print(
            f"[bold]{strat.name}[/bold] on {history.symbol} {tf.value}: bar {format_ms(history.end_ms)} UTC, "
            f"close {history.close[-1]:.2f}, equity {run.equity:,.2f} {inst.quote_asset}, risk {run.risk:.2%} "
            f"per trade, fee {run.fee:g}, slippage {run.slippage:g} bps"
        )
        console.print(f"[dim]candles: {loaded.origin}[/dim]")
        if assumed:
            console.print(f"[yellow]{assumed}[/yellow]")
        from aitrader.cli.backtest_portfolio import risk_config

        # the gate `trade` and `backtest` build: the [risk] limits, sizing and vol_target included
        costs = Costs(run.equity, run.risk, run.fee, run.slippage, risk_config(run, run.slippage))
        if not _decide_at(console, strat, feats, idx, inst, costs):
            j, found = _last_signal(strat, feats, idx)
            if j is not None:
                console.print(
                    f"\n[bold]Most recent bar with a signal:[/bold] {format_ms(int(history.open_time[j]))} UTC "
                    f"({idx - j} bars earlier)"
                )
                _decide_at(console, strat, feats, j, inst, costs, found)
            else:
                console.print("[yellow]No bar of this history had an entry signal.[/yellow]")


@dataclass(frozen=True)
class Costs:
    """The account and costs a decision is sized with."""

    equity: float
    risk: float
    fee: float
    slippage_bps: float
    config: RiskConfig


def _decide_at(
    console: Console,
    strat: Strategy,
    feats: Features,
    i: int,
    inst: Instrument,
    costs: Costs,
    asked: Sequence[Proposal] | None = None,
) -> bool:
    """Print the decision at bar i (`asked`: what the strategy already proposed there; a recurrent
    policy is not asked twice about one bar); False when there was no signal."""
    from rich.markup import escape

    from aitrader.domain import Side
    from aitrader.domain.position import EMPTY_BOOK
    from aitrader.domain.proposal import Enter
    from aitrader.risk import AccountState, RiskGate
    from aitrader.strategies.bar_reading import read_bar
    from aitrader.strategies.base import MarketView
    from aitrader.strategies.rule import RuleStrategy

    view = MarketView(feats, i)
    if isinstance(strat, RuleStrategy):
        reading = read_bar(strat, feats, i)
        if not reading.proposals:
            _no_signal(console, reading)
            return False
        proposals = reading.proposals
    else:  # sma_cross, rl:PATH, an agent, a user's strategy: its proposals, without a conditions table
        proposals = asked if asked is not None else strat.on_bar(view, EMPTY_BOOK)
        said = _deliberated(strat, view)
        if said:  # a debate's or an adviser's verdict, with or without a proposal
            console.print(f"[bold]{strat.name} verdict:[/bold] {escape(said)}", soft_wrap=True)
        if not proposals and said is None:
            console.print(f"[yellow]No signal on this bar[/yellow] ({strat.name} proposes nothing here).")
        elif not proposals:
            why = "see its verdict" if said else "its screen passed over this bar: nothing was deliberated"
            console.print(f"[yellow]No proposal on this bar[/yellow] from {strat.name} ({why}).")
        if not proposals:
            return False
    gate = RiskGate(costs.config)
    close_ms = feats.candles.timeframe.close_time(view.time_ms)
    account = AccountState.flat(to_decimal(costs.equity), now_ms=close_ms, fee=str(costs.fee))
    for p in proposals:
        _show_proposal(console, p)
        verdict = gate.review(p, account, inst, view.close)
        _show_verdict(console, verdict, to_decimal(costs.equity), inst)
        if isinstance(p, Enter) and p.side is Side.SELL and not inst.allows_short:
            console.print(
                "[dim]Spot cannot sell short: a short signal is advice to stay out or exit longs.[/dim]"
            )
    return True


def _deliberated(strat: Strategy, view: MarketView) -> str | None:
    """What a slow decider (a debate, an LLM adviser) concluded on `view`'s bar: its verdict line,
    "" when it deliberated nothing there (its screen passed over the bar), None for a strategy
    that does not deliberate. What it deliberated on other bars is dropped."""
    drain = getattr(strat, "drain_deliberations", None)
    if drain is None:
        return None
    lines = [d.verdict for d in drain() if d.time_ms == view.close_ms]
    return lines[-1] if lines else ""


def _last_signal(
    strat: Strategy, feats: Features, before: int, tries: int = 50
) -> tuple[int | None, Sequence[Proposal] | None]:
    """The last bar before `before` where the strategy proposed an entry (a flat book), and what it
    proposed there (None for a rule strategy, whose signal masks say it exactly); another strategy
    is asked on its candidate bars, newest first, at most `tries` of them (`MODEL_TRIES` for one
    that asks a language model on each)."""
    import numpy as np

    from aitrader.domain.position import EMPTY_BOOK
    from aitrader.domain.proposal import Enter
    from aitrader.strategies.base import MarketView
    from aitrader.strategies.rule import RuleStrategy

    sig = strat.signals(feats)
    hits = np.flatnonzero(sig.entry_long | sig.entry_short)
    hits = hits[hits < before]
    if isinstance(strat, RuleStrategy):
        return (int(hits[-1]) if hits.size else None), None
    if getattr(strat, "caller", None) is not None:  # each try costs model calls
        tries = min(tries, MODEL_TRIES)
    for j in hits[::-1][:tries]:
        proposals = strat.on_bar(MarketView(feats, int(j)), EMPTY_BOOK)
        if any(isinstance(p, Enter) for p in proposals):
            return int(j), proposals
    return None, None


def _no_signal(console: Console, reading: BarReading) -> None:
    from rich.table import Table

    console.print("[yellow]No signal on this bar.[/yellow] Conditions:")
    table = Table()
    table.add_column("condition", overflow="fold")
    table.add_column("long", justify="center")
    table.add_column("short", justify="center")

    def mark(held: bool) -> str:
        return "[green]held[/green]" if held else "[red]failed[/red]"

    for row in reading.rows:
        table.add_row(row.text, mark(row.long), mark(row.short))
    console.print(table)
    console.print("[dim]" + ", ".join(f"{k}={v}" for k, v in reading.evidence.items()) + "[/dim]")


def _show_proposal(console: Console, p: Proposal) -> None:
    from rich.table import Table

    from aitrader.domain.proposal import Adjust, Enter, Exit

    table = Table(title="Proposal", show_header=False, title_justify="left")
    table.add_column("field", style="cyan")
    table.add_column("value", overflow="fold")
    if isinstance(p, Enter):
        table.add_row("action", f"[bold]ENTER {'LONG' if p.side.value == 'BUY' else 'SHORT'}[/bold]")
        table.add_row("decision price", f"{p.price:.2f}")
        table.add_row("stop", f"{p.stop:.2f} ({abs(p.price - p.stop) / p.price:.2%} away)")
        for k, t in enumerate(p.targets, 1):
            table.add_row(f"target {k}", f"{t.price:.2f} ({t.fraction:.0%} of the position)")
        table.add_row("confidence", f"{p.confidence:.2f}")
    elif isinstance(p, Exit):
        table.add_row("action", f"[bold]EXIT {p.fraction:.0%}[/bold]")
    elif isinstance(p, Adjust):
        table.add_row("action", f"[bold]ADJUST ({p.kind.value})[/bold]")
    table.add_row("rationale", p.rationale)
    table.add_row("evidence", ", ".join(f"{k}={v}" for k, v in p.evidence.items()))
    console.print(table)


def _show_verdict(
    console: Console, verdict: OrderPlan | Rejection, equity: Decimal, inst: Instrument
) -> None:
    from rich.markup import escape
    from rich.table import Table

    from aitrader.domain.plan import Rejection

    if isinstance(verdict, Rejection):
        console.print(
            f"[bold red]RiskGate: REJECTED[/bold red] \\[{verdict.code.value}] {escape(verdict.message)}"
        )
        return
    q = inst.quote_asset
    costs = plan_costs(verdict)
    console.print(
        f"[bold green]RiskGate: APPROVED[/bold green] plan {verdict.plan_id} v{verdict.version}: "
        f"risk {verdict.risk_quote:.2f} {q} = {verdict.risk_fraction:.3%} of {equity:,.2f} {q}, "
        f"notional {verdict.notional:,.2f} {q}, reward:risk {costs.gross_rr:.2f} gross, "
        f"[bold]{costs.net_rr:.2f} net[/bold] of fees and slippage"
    )
    money = Table(title=f"Risk and reward ({q})", title_justify="left")
    money.add_column("item", overflow="fold")
    money.add_column("amount", justify="right", no_wrap=True, min_width=12)
    money.add_row("price risk to the stop", f"{costs.price_risk:,.2f}")
    money.add_row("fees (entry + exit at the stop)", f"{verdict.fees_quote:,.2f}")
    money.add_row("slippage (entry + stop)", f"{verdict.slippage_quote:,.2f}")
    money.add_row("[bold]total risk[/bold]", f"{costs.total_risk:,.2f}")
    money.add_row("gain at the targets", f"{costs.target_gain:,.2f}")
    money.add_row("exit fees at the targets", f"{costs.target_fees:,.2f}")
    money.add_row("reward:risk gross (gain / price risk)", f"{costs.gross_rr:.2f}")
    money.add_row("[bold]reward:risk net[/bold] (gain - all costs) / total risk", f"{costs.net_rr:.2f}")
    console.print(money)
    if costs.fees_and_slippage > costs.price_risk:
        console.print(
            f"[yellow]warning: fees and slippage ({costs.fees_and_slippage:,.2f} {q}) exceed the price "
            f"risk to the stop ({costs.price_risk:,.2f} {q}): the stop is too tight for this venue's costs[/yellow]"
        )
    table = Table(title="Order plan", title_justify="left")
    for col in ("role", "side", "type"):
        table.add_column(col, no_wrap=True)
    for col in ("quantity", "price", "stop price"):
        table.add_column(col, justify="right", no_wrap=True, min_width=8)
    table.add_column("client order id", overflow="fold")
    roles = ["entry"] if verdict.entry is not None else []
    roles += ["reduce"] if verdict.reduce is not None else []
    roles += ["stop"] if verdict.stop is not None else []
    roles += [f"target {k}" for k in range(1, len(verdict.targets) + 1)]
    for role, o in zip(roles, verdict.orders, strict=True):
        table.add_row(
            role,
            o.side.value,
            o.type.value,
            f"{o.quantity.normalize() if o.quantity is not None else ''}",
            "" if o.price is None else f"{o.price.normalize()}",
            "" if o.stop_price is None else f"{o.stop_price.normalize()}",
            o.client_order_id or "",
        )
    console.print(table)
    for note in verdict.notes:
        console.print(f"[dim]note: {note}[/dim]")


@dataclass(frozen=True)
class PlanCosts:
    """What an approved plan risks and may earn, fees and slippage included (display only)."""

    price_risk: Decimal  # quantity x |entry - stop|
    total_risk: Decimal  # price risk + fees + slippage (the gate's risk_quote)
    target_gain: Decimal  # sum of target quantity x |target - entry|
    target_fees: Decimal  # exit fees when the targets fill, at the plan's fee rate
    gross_rr: float
    net_rr: float

    @property
    def fees_and_slippage(self) -> Decimal:
        return self.total_risk - self.price_risk


def plan_costs(plan: OrderPlan) -> PlanCosts:
    """Gross and net reward:risk of `plan`; the net figure is the gate's own (`OrderPlan.reward_risk`,
    `risk.sizing.net_reward_risk`: target gains less every cost on the way, over the loss at the stop)."""
    qty, entry = plan.quantity, plan.entry_price
    stop = plan.stop_price if plan.stop_price is not None else entry
    price_risk = qty * abs(entry - stop)
    total_risk = price_risk + plan.fees_quote + plan.slippage_quote
    traded_at_stop = qty * entry + qty * stop
    fee_rate = plan.fees_quote / traded_at_stop if traded_at_stop > 0 else Decimal(0)
    gain = Decimal(0)
    exit_value = Decimal(0)
    for t in plan.targets:
        if t.price is None or t.quantity is None:
            continue
        gain += t.quantity * abs(t.price - entry)
        exit_value += t.quantity * t.price
    target_fees = fee_rate * exit_value
    gross = float(gain / price_risk) if price_risk > 0 else 0.0
    net = plan.reward_risk
    return PlanCosts(price_risk, total_risk, gain, target_fees, gross, net)
