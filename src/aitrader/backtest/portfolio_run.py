"""A portfolio backtest: several symbols against one account, through the one kernel.

    result = run_portfolio({"BTCUSDT": s1, "ETHUSDT": s2}, {"BTCUSDT": btc, "ETHUSDT": eth}, config)

Each symbol gets its own strategy instance, instrument and simulator; the kernel walks them over
the union of their open times (`engine.merged_run`), and one gate — with the portfolio limits of
its `RiskConfig` — sizes every entry against the whole account. The result is a `PortfolioResult`
(`backtest.portfolio_result`).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

import numpy as np

from aitrader.backtest.engine import (
    BacktestConfig,
    Progress,
    default_instrument,
    open_trade_params,
    sim_broker,
)
from aitrader.backtest.portfolio_result import (
    PortfolioResult,
    basket_candles,
    relabel,
    step_values,
)
from aitrader.backtest.result import BacktestResult
from aitrader.domain.candles import Candles, FloatArray, IntArray
from aitrader.domain.instrument import Instrument
from aitrader.domain.plan import Rejection
from aitrader.engine.bus import EventBus
from aitrader.engine.events import VerdictGiven
from aitrader.engine.journaling import JournalRecorder
from aitrader.engine.kernel import Gate, Kernel
from aitrader.engine.merged_run import Grid, grid_of
from aitrader.execution.journal import Journal
from aitrader.strategies.base import Strategy


def portfolio_label(symbols: tuple[str, ...]) -> str:
    return ",".join(symbols)


def build_portfolio_kernel(
    strategies: Mapping[str, Strategy],
    candles: Mapping[str, Candles],
    config: BacktestConfig,
    gate: Gate | None = None,
    instruments: Mapping[str, Instrument] | None = None,
    bus: EventBus | None = None,
) -> Kernel:
    """A kernel with one lane per symbol (in the order given), every symbol's candles loaded."""
    symbols = tuple(candles)
    if len(symbols) < 2:
        raise ValueError("a portfolio backtest needs two symbols or more (one symbol: run_backtest)")
    if set(strategies) != set(symbols):
        raise ValueError(f"one strategy per symbol: got {sorted(strategies)} for {sorted(symbols)}")
    if config.lower is not None:
        raise ValueError("lower-timeframe fills (--intrabar) take one symbol; drop it for a portfolio")
    timeframes = {c.timeframe for c in candles.values()}
    if len(timeframes) > 1:
        raise ValueError(f"one timeframe per portfolio, got {', '.join(sorted(t.value for t in timeframes))}")
    for s, c in candles.items():
        if len(c) == 0:
            raise ValueError(f"no candles to backtest for {s}")
    if gate is None:
        from aitrader.risk import RiskConfig, RiskGate

        gate = RiskGate(RiskConfig(slippage=config.slippage_bps / 10_000.0))

    def instrument(s: str) -> Instrument:
        given = (instruments or {}).get(s)
        return given or default_instrument(s, float(candles[s].close[0]))

    first = symbols[0]
    kernel = Kernel(
        strategies[first],
        gate,
        sim_broker(candles[first], config),
        instrument(first),
        config.cash,
        bus=bus or EventBus(config.bus_history),
        taker_fee=config.fee,
        maker_fee=config.fee,
    )
    for s in symbols[1:]:
        kernel.add_lane(strategies[s], sim_broker(candles[s], config), instrument(s))
    for s in symbols:
        kernel.load(candles[s] if candles[s].symbol == s else replace(candles[s], symbol=s))
    return kernel


class RejectionTally:
    """The gate's rejections by symbol and code, with the last sentence of each (for the report)."""

    def __init__(self, bus: EventBus) -> None:
        self.counts: dict[str, dict[str, int]] = {}
        self.examples: dict[str, str] = {}
        self._unsubscribe: Callable[[], None] = bus.subscribe(VerdictGiven, self._on_verdict)

    def _on_verdict(self, event: VerdictGiven) -> None:
        v = event.verdict
        if isinstance(v, Rejection):
            symbol = event.proposal.symbol
            by_code = self.counts.setdefault(symbol, {})
            by_code[v.code.value] = by_code.get(v.code.value, 0) + 1
            self.examples[f"{symbol} {v.code.value}"] = v.message

    def detach(self) -> None:
        self._unsubscribe()


def run_portfolio(
    strategies: Mapping[str, Strategy],
    candles: Mapping[str, Candles],
    config: BacktestConfig | None = None,
    gate: Gate | None = None,
    instruments: Mapping[str, Instrument] | None = None,
    bus: EventBus | None = None,
    progress: Progress | None = None,
    journal: Journal | None = None,
    run_id: str | None = None,
    start_ms: int | None = None,
    tradable: Callable[[str, int], bool] | None = None,
) -> PortfolioResult:
    """Run one strategy per symbol against one account; `progress(steps done, steps total)`.

    `start_ms`: the first decision time (the bars before it only warm the indicators up);
    `tradable(symbol, time_ms)`: the universe at each time (entries outside it are refused)."""
    cfg = config or BacktestConfig()
    started = time.perf_counter()
    kernel = build_portfolio_kernel(strategies, candles, cfg, gate, instruments, bus)
    kernel.tradable = tradable
    symbols = kernel.symbols
    label = portfolio_label(symbols)
    name = kernel.strategy.name
    rid = run_id or f"bt-{name}-portfolio-{uuid.uuid4().hex[:8]}"
    recorder = None
    if journal is not None:
        params = {"symbols": list(symbols), "fee": cfg.fee, **cfg.params}
        journal.start_run(rid, "backtest", name, label, kernel.strategy.timeframe.value, cfg.cash, params)
        recorder = JournalRecorder(kernel.bus, journal, rid)
    tally = RejectionTally(kernel.bus)
    grid = grid_of(kernel)
    n = len(grid)
    if start_ms is not None:
        cfg = replace(cfg, first_bar=max(cfg.first_bar, int(np.searchsorted(grid.times, start_ms))))
    step = n if progress is None else max(cfg.chunk, 1)
    try:
        for start in range(min(max(cfg.first_bar, 0), n), n, step):
            stop = min(n, start + step)
            kernel.run(start, stop, every_bar=cfg.every_bar)
            if progress is not None:
                progress(stop, n)
    except Exception:
        if journal is not None and recorder is not None:
            recorder.detach()
            journal.finish_run(rid, kernel.portfolio.cash, status="failed")
        raise
    finally:
        tally.detach()
    result = collect_portfolio(kernel, grid, cfg, time.perf_counter() - started)
    result.rejections, result.examples = tally.counts, tally.examples
    result.account.params["run_id"] = rid
    if journal is not None and recorder is not None:
        recorder.detach()
        journal.finish_run(rid, result.account.final_equity)
    return result


def _own_bars(params: dict[str, Any], steps: IntArray) -> dict[str, Any]:
    """An open trade's entry bar renumbered from the grid step to the symbol's own bar."""
    trade = params.get("open_trade")
    if trade is not None and trade["entry_bar"] >= 0:
        trade["entry_bar"] = int(np.searchsorted(steps, trade["entry_bar"]))
    return params


def collect_portfolio(kernel: Kernel, grid: Grid, cfg: BacktestConfig, elapsed: float) -> PortfolioResult:
    p = kernel.portfolio
    n = len(grid)
    bars, cash_after = p.cash_steps()
    equity = step_values(n, bars, cash_after, p.initial_cash)
    in_market = np.zeros(n, dtype=bool)
    per_symbol: dict[str, BacktestResult] = {}
    held: dict[str, FloatArray] = {}
    common = {
        "fee": cfg.fee,
        "slippage_bps": cfg.slippage_bps,
        "fill_model": cfg.fill_model.value,
        "every_bar": cfg.every_bar,
        **cfg.params,
    }
    warm = max(lane.strategy.warmup for lane in kernel.lanes.values())
    first_step = min(max(cfg.first_bar, warm - 1, 0), max(n - 1, 0))  # the account is measured from here
    open_trades: list[dict[str, Any]] = []
    for symbol, lane in kernel.lanes.items():
        sb, sq, sh = p.symbol_steps(symbol)
        qty = held[symbol] = step_values(n, sb, sq, 0.0)
        close = np.nan_to_num(grid.closes[symbol], nan=0.0)
        equity += qty * close
        holding = step_values(n, sb, [float(h) for h in sh], 0.0) > 0
        in_market |= holding
        c = lane.candles
        steps = np.searchsorted(grid.times, c.open_time)  # the grid step of each of its bars
        fb, flow = p.symbol_cash_flows(symbol)
        own_equity = p.initial_cash + step_values(n, fb, flow, 0.0)[steps] + qty[steps] * c.close
        trades = relabel([t for t in p.trades if t.symbol == symbol], steps)
        opened = open_trade_params(p, symbol, c, cfg)
        if "open_trade" in opened:  # the account holds it too, on the grid's bars
            on_grid = {**opened["open_trade"], "symbol": symbol, "mark_bar": n - 1}
            open_trades.append(on_grid)
        # its own first measured bar: its warm-up, or the account's start (--from) when later
        own_first = max(lane.strategy.warmup - 1, int(np.searchsorted(steps, first_step)), 0)
        per_symbol[symbol] = BacktestResult(
            symbol=symbol,
            timeframe=c.timeframe,
            strategy=lane.strategy.name,
            initial_equity=p.initial_cash,
            times=c.open_time,
            equity=own_equity,
            in_market=holding[steps],
            trades=trades,
            fees_paid=sum(t.fees for t in trades) + float(opened.get("open_trade", {}).get("fees", 0.0)),
            candles=c,
            params={
                **common,
                "strategy_params": lane.strategy.params.model_dump(mode="json"),
                **_own_bars(opened, steps),
            },
            elapsed_s=elapsed,
            first_bar=min(own_first, max(len(c) - 1, 0)),
            fee_model=cfg.fees(),
        )
    label = portfolio_label(kernel.symbols)
    basket = basket_candles(
        grid.times, grid.closes, p.initial_cash, label, kernel.strategy.timeframe, first_step
    )
    stats = kernel.stats
    account = BacktestResult(
        symbol=label,
        timeframe=kernel.strategy.timeframe,
        strategy=kernel.strategy.name,
        initial_equity=p.initial_cash,
        times=grid.times,
        equity=equity,
        in_market=in_market,
        trades=list(p.trades),
        fees_paid=p.fees_paid,
        candles=basket,
        params={
            **common,
            "symbols": list(kernel.symbols),
            "benchmark": "equal-weight buy and hold of the same symbols",
            "bars_visited": stats.visited,
            "proposals": stats.proposals,
            "approved": stats.approved,
            "rejected": stats.rejected,
            "open_positions": {s: q for s, q in p.quantities.items() if q},
            "open_trades": open_trades,
        },
        elapsed_s=elapsed,
        first_bar=first_step,
        fee_model=cfg.fees(),
    )
    return PortfolioResult(account, per_symbol, held, dict(grid.closes))
