"""Backtest mode: the kernel fed by a whole history, a `SimBroker`, and a `BacktestResult` at the end.

    result = run_backtest(strategy, candles, BacktestConfig(cash=10_000, fee=0.001))

The gate defaults to `aitrader.risk.RiskGate`; research code may pass `AllInSizer()` (see its
docstring). `every_bar=True` visits every bar (slow reference mode); the default jumps over bars
where nothing can happen — same trades (tests/engine/test_jump_parity.py).

The result also holds each fill that reduced a position (`BacktestResult.exits`, when recorded:
`BacktestConfig.record_exits`; a round trip closed in several fills is reported fill by fill), the
first bar the strategy could decide on (`first_bar`: metrics start there) and, for a position still
open at the end, the exit fee the fee model would charge at the last close
(`params["open_trade"]["exit_fee"]`).
"""

from __future__ import annotations

import gc
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aitrader.backtest.result import BacktestResult, ExitFill
from aitrader.domain.candles import Candles
from aitrader.domain.client_ids import parse_client_order_id
from aitrader.domain.instrument import Instrument
from aitrader.engine.bus import EventBus
from aitrader.engine.events import FillEvent, PositionClosed
from aitrader.engine.journaling import JournalRecorder
from aitrader.engine.kernel import Gate, Kernel
from aitrader.execution.fees import FeeModel, PercentFee
from aitrader.execution.fill_model import FillModel
from aitrader.execution.journal import Journal
from aitrader.execution.lower_bars import LowerBars
from aitrader.execution.order_manager import ROLE_ENTRY
from aitrader.execution.portfolio import Portfolio
from aitrader.execution.sim_broker import SimBroker
from aitrader.execution.slippage import FixedBps, SlippageModel
from aitrader.strategies.base import Strategy

Progress = Callable[[int, int], None]  # (bars done, bars total)


@dataclass
class BacktestConfig:
    cash: float = 10_000.0
    fee: float = 0.001  # taker and maker rate, unless `fee_model` is given
    slippage_bps: float = 0.0
    fee_model: FeeModel | None = None
    slippage_model: SlippageModel | None = None
    every_bar: bool = False
    lower: Candles | None = None  # lower-timeframe candles to resolve intrabar order of events
    # NEXT_OPEN: research fills (market at the next open, fees in quote); LIVE: paper's and the
    # exchange's (market at the last price, a buy's fee in the base asset, the intrabar path)
    fill_model: FillModel = FillModel.NEXT_OPEN
    # events the bus keeps in memory for `recent()`. 0 (none) by default: a backtest's record is its
    # result and its journal, subscribers still see every event, and keeping them alive costs
    # about a tenth of a run (they are freed late and cold instead of at once)
    bus_history: int = 0
    chunk: int = 50_000  # progress callback granularity (bars)
    # bars before this one only warm the strategy's indicators up: no decision, no order there
    # (the optimiser feeds every trial the same, longer, history before its window)
    first_bar: int = 0
    params: dict[str, Any] = field(default_factory=dict)
    # record each position-reducing fill (`BacktestResult.exits`: the report's one row per exit).
    # It needs the kernel's events, which are not built while nobody listens to its bus (a few per
    # order). None: record when the bus already has listeners (the events are built anyway, e.g.
    # the CLI's verdict tally), True: always, False: never
    record_exits: bool | None = None

    def fees(self) -> FeeModel:
        """The fee model the simulator charges: `fee_model`, else `fee` as maker and taker rate."""
        return self.fee_model or PercentFee(taker=self.fee, maker=self.fee)


class ExitRecorder:
    """Collects the fills that reduce a position from the kernel's bus, each tagged with the index
    of its round trip (the closed trades are counted as `PositionClosed` events arrive)."""

    def __init__(self, bus: EventBus) -> None:
        self.exits: list[ExitFill] = []
        self._pending: list[FillEvent] = []
        self._closed = 0
        self._unsubscribe = (
            bus.subscribe(FillEvent, self._on_fill),
            bus.subscribe(PositionClosed, self._closed_one),
        )

    def _on_fill(self, event: FillEvent) -> None:
        if event.role != ROLE_ENTRY:
            self._pending.append(event)

    def _closed_one(self, _event: PositionClosed) -> None:
        self._flush()
        self._closed += 1

    def _flush(self) -> None:
        for e in self._pending:
            r = e.report
            parsed = parse_client_order_id(r.client_order_id)
            oco = parsed.index if parsed is not None else 0
            self.exits.append(ExitFill(self._closed, r.bar, r.time_ms, r.price, r.qty, r.fee, e.role, oco))
        self._pending.clear()

    def finish(self) -> list[ExitFill]:
        """The recorded fills (those of a position still open last) and no more listening."""
        self._flush()
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        return self.exits


def default_instrument(symbol: str, price: float) -> Instrument:
    """The exchangeInfo-derived instrument the local exchange would offer for `symbol`."""
    from aitrader.venues.local.instruments import build_instruments

    return build_instruments({symbol: price})[symbol][1]


def sim_broker(candles: Candles, config: BacktestConfig) -> SimBroker:
    """The simulator one symbol's orders fill on in a backtest (the config's fees, slippage and
    fill model; lower-timeframe candles resolve the order of events inside a bar)."""
    lower = LowerBars.align(candles, config.lower) if config.lower is not None else None
    if config.fill_model is FillModel.LIVE and (lower is not None or config.fee_model is not None):
        raise ValueError("the live fill model replays the candles' own path with Binance's percentage fee")
    return SimBroker(
        fees=config.fees(),
        slippage=config.slippage_model or FixedBps(config.slippage_bps),
        lower=lower,
        fill_model=config.fill_model,
        interval_ms=candles.timeframe.duration_ms,
    )


def build_kernel(
    strategy: Strategy,
    candles: Candles,
    config: BacktestConfig,
    gate: Gate | None = None,
    instrument: Instrument | None = None,
    bus: EventBus | None = None,
) -> Kernel:
    """A kernel wired for a backtest over `candles` (features computed, broker attached)."""
    if len(candles) == 0:
        raise ValueError(f"no candles to backtest for {candles.symbol or 'the symbol'}")
    symbol = candles.symbol or "BTCUSDT"
    inst = instrument or default_instrument(symbol, float(candles.close[0]))
    if gate is None:
        from aitrader.risk import RiskConfig, RiskGate

        gate = RiskGate(RiskConfig(slippage=config.slippage_bps / 10_000.0))
    broker = sim_broker(candles, config)
    kernel = Kernel(
        strategy,
        gate,
        broker,
        inst,
        config.cash,
        bus=bus or EventBus(config.bus_history),
        taker_fee=config.fee,
        maker_fee=config.fee,
    )
    kernel.load(candles)
    return kernel


def run_backtest(
    strategy: Strategy,
    candles: Candles,
    config: BacktestConfig | None = None,
    gate: Gate | None = None,
    instrument: Instrument | None = None,
    bus: EventBus | None = None,
    progress: Progress | None = None,
    journal: Journal | None = None,
    run_id: str | None = None,
) -> BacktestResult:
    """Run `strategy` over `candles` through the kernel and collect the result.

    With a `journal`, the run and every verdict, order, fill and trade are recorded (batched).
    """
    cfg = config or BacktestConfig()
    started = time.perf_counter()
    kernel = build_kernel(strategy, candles, cfg, gate, instrument, bus)
    rid = run_id or f"bt-{strategy.name}-{kernel.symbol}-{uuid.uuid4().hex[:8]}"
    recorder = None
    if journal is not None:
        journal.start_run(
            rid,
            "backtest",
            strategy.name,
            kernel.symbol,
            candles.timeframe.value,
            cfg.cash,
            {"strategy_params": strategy.params.model_dump(mode="json"), "fee": cfg.fee, **cfg.params},
        )
        recorder = JournalRecorder(kernel.bus, journal, rid)
    record = cfg.record_exits if cfg.record_exits is not None else kernel.bus.listening
    exits = ExitRecorder(kernel.bus) if record else None
    n = len(candles)
    step = n if progress is None else max(cfg.chunk, 1)
    # The loop creates no reference cycles (refcounting frees everything); pausing the cyclic
    # collector saves its repeated scans of the growing heap (about 15% of a run).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for start in range(min(max(cfg.first_bar, 0), n), n, step):
            stop = min(n, start + step)
            kernel.run(start, stop, every_bar=cfg.every_bar)
            if progress is not None:
                progress(stop, n)
    except Exception:
        if exits is not None:
            exits.finish()
        if journal is not None and recorder is not None:
            recorder.detach()
            journal.finish_run(rid, kernel.portfolio.cash, status="failed")
        raise
    finally:
        # everything the loop allocated is still in the youngest generation, so the first
        # collection after re-enabling would scan all of it (~0.1 s per 1M bars); freezing and
        # unfreezing moves it straight to the oldest generation, which is collected rarely. Not
        # when the host program froze objects itself: unfreeze would thaw those too
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if gc_was_enabled:
            gc.enable()
    result = collect_result(kernel, strategy, candles, cfg, time.perf_counter() - started)
    if exits is not None:
        result.exits = exits.finish()
    result.params["run_id"] = rid
    if journal is not None and recorder is not None:
        recorder.detach()
        journal.finish_run(rid, result.final_equity)
    return result


def collect_result(
    kernel: Kernel, strategy: Strategy, candles: Candles, cfg: BacktestConfig, elapsed: float
) -> BacktestResult:
    p = kernel.portfolio
    n = len(candles)
    equity, in_market = p.equity_curve(candles.close, kernel.symbol)
    fees = cfg.fees()
    params: dict[str, Any] = {
        "strategy_params": strategy.params.model_dump(mode="json"),
        "fee": cfg.fee,
        "fee_model": _describe_fees(fees),
        "slippage_bps": cfg.slippage_bps,
        "fill_model": cfg.fill_model.value,
        "every_bar": cfg.every_bar,
        "bars_visited": kernel.stats.visited,
        "proposals": kernel.stats.proposals,
        "approved": kernel.stats.approved,
        "rejected": kernel.stats.rejected,
        "open_position_qty": p.qty(kernel.symbol),
        **cfg.params,
    }
    params.update(open_trade_params(p, kernel.symbol, candles, cfg))
    # the first bar whose close the strategy may decide on: its warm-up (or the caller's first_bar)
    first = min(max(cfg.first_bar, strategy.warmup - 1, 0), max(n - 1, 0))
    return BacktestResult(
        symbol=kernel.symbol,
        timeframe=candles.timeframe,
        strategy=strategy.name,
        initial_equity=p.initial_cash,
        times=candles.open_time,
        equity=equity,
        in_market=in_market,
        trades=list(p.trades),
        fees_paid=p.fees_paid,
        candles=candles,
        params=params,
        elapsed_s=elapsed,
        first_bar=first,
        fee_model=fees,
    )


def open_trade_params(p: Portfolio, symbol: str, candles: Candles, cfg: BacktestConfig) -> dict[str, Any]:
    """{"open_trade": ...} for a position in `symbol` still open at the end (marked to market, not
    closed), else {}: what the metrics value it at (sold at the last close, taker fee paid)."""
    fees = cfg.fees()
    n = len(candles)
    params: dict[str, Any] = {}
    t = p.open_trade(symbol)
    if t is not None and t.qty > 0:  # what is still held at the end (marked to market, not closed)
        mark = float(candles.close[-1])
        params["open_trade"] = {
            "side": t.side.value,
            "qty": t.qty,
            "entered_qty": t.entered_qty,
            "entry_price": t.entry_price,
            "entry_bar": t.entry_bar,
            "entry_time": t.entry_time,
            "fees": t.fees,
            "realised": t.realised,
            "strategy": t.strategy,
            # how the metrics value it: sold (bought back) at the last close, taker fee paid
            "mark_price": mark,
            "mark_bar": n - 1,
            "mark_time": int(candles.open_time[-1]) + candles.timeframe.duration_ms,
            "exit_fee": fees.fee(mark * t.qty, False, False),
            "stop": float(t.stop) if t.stop is not None and t.stop > 0 else None,
            "target": float(t.targets[0].price) if t.targets else None,
            "rationale": t.rationale,
        }
    return params


def _describe_fees(fees: FeeModel) -> str:
    """The fee model in a few words, for the report's assumptions."""
    if isinstance(fees, PercentFee):
        if fees.maker == fees.taker:
            return f"{fees.taker:.4%} of the notional per fill"
        return f"{fees.taker:.4%} taker / {fees.maker:.4%} maker of the notional"
    return repr(fees)
