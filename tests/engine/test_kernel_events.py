"""The kernel publishes what happened on the bus, and builds no event when nobody would see it."""

from __future__ import annotations

from collections import Counter

from aitrader.backtest.all_in import AllInSizer
from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.domain.candles import Candles
from aitrader.engine.bus import EventBus
from aitrader.engine.events import FillEvent, OrderEvent, OrderSubmitted, PositionClosed, VerdictGiven
from aitrader.strategies.sma_cross import SmaCross, SmaCrossParams


def _run(candles: Candles, bus: EventBus) -> int:
    result = run_backtest(
        SmaCross(SmaCrossParams(fast=10, slow=30)),
        candles,
        BacktestConfig(cash=1_000_000.0),
        gate=AllInSizer(fixed_qty=1.0),
        bus=bus,
    )
    return len(result.trades)


def test_a_subscriber_sees_every_verdict_order_fill_and_trade(btc_1m: Candles) -> None:
    candles = btc_1m.slice(0, 20_000)
    bus = EventBus(history=0)
    seen: Counter[type] = Counter()
    bus.subscribe(None, lambda e: seen.update([type(e)]))
    trades = _run(candles, bus)
    assert trades > 100
    # per round trip: two verdicts; entry, stop and target legs, exit sent; entry and exit filled;
    # the OCO's two legs cancelled when the strategy exits; one closed trade
    assert seen[PositionClosed] == trades
    assert seen[VerdictGiven] >= 2 * trades
    assert seen[FillEvent] >= 2 * trades
    assert seen[OrderSubmitted] >= 4 * trades
    assert seen[OrderEvent] > 0
    assert bus.published == sum(seen.values())


def test_nobody_listening_means_no_event_is_built_and_the_trades_are_the_same(btc_1m: Candles) -> None:
    candles = btc_1m.slice(0, 20_000)
    quiet, heard = EventBus(history=0), EventBus(history=10)
    assert not quiet.listening
    assert _run(candles, quiet) == _run(candles, heard) > 100
    assert quiet.published == 0
    assert heard.published > 0
    assert len(heard.recent()) == 10
