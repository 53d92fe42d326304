"""Entries that have not filled yet: never doubled, always counted against the account, cleared
however they end."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.backtest.portfolio_run import build_portfolio_kernel
from aitrader.domain.enums import OrderStatus, OrderType, Side
from aitrader.domain.plan import Rejection, RejectionCode
from aitrader.domain.position import PositionBook
from aitrader.domain.proposal import Proposal
from aitrader.engine.events import OrderSubmitted, VerdictGiven
from aitrader.execution.reports import OrderUpdate
from aitrader.risk import RiskConfig, RiskGate
from aitrader.strategies.base import MarketView
from scripted_strategy import Scripted, candles, enter

FALLS_THEN_CRASHES = [100.0] * 6 + [93.0] + [95.0] * 5 + [80.0] * 3


def _limit_twice(view: MarketView, book: PositionBook) -> Sequence[Proposal]:
    """A limit entry at 97, then — while it rests — another at 96."""
    if book.get(view.symbol) is None and view.index in (1, 2):
        return [enter(view, limit=97.0 if view.index == 1 else 96.0)]
    return []


def test_a_second_entry_while_the_first_rests_is_refused_and_the_position_stays_protected() -> None:
    c = candles("BTCUSDT", FALLS_THEN_CRASHES)
    verdicts: list[VerdictGiven] = []
    from aitrader.engine.bus import EventBus

    bus = EventBus()
    bus.subscribe(VerdictGiven, verdicts.append)
    result = run_backtest(Scripted(_limit_twice), c, BacktestConfig(cash=10_000, every_bar=True), bus=bus)
    second = verdicts[1].verdict
    assert isinstance(second, Rejection)
    assert second.code is RejectionCode.ENTRY_PENDING
    assert len(result.trades) == 1  # one entry filled, and its stop closed all of it
    assert result.trades[0].exit_reason == "stop"
    assert result.params.get("open_trade") is None  # nothing left held without protection


def test_an_entry_the_venue_ends_unfilled_stops_counting_for_the_other_symbols() -> None:
    for status in (
        OrderStatus.EXPIRED,
        OrderStatus.EXPIRED_IN_MATCH,
        OrderStatus.CANCELED,
        OrderStatus.REJECTED,
    ):
        c = {"BTCUSDT": candles("BTCUSDT", [100.0] * 6), "ETHUSDT": candles("ETHUSDT", [50.0] * 6)}

        def btc(view: MarketView, book: PositionBook) -> Sequence[Proposal]:
            return [enter(view)] if view.index == 1 and book.get(view.symbol) is None else []

        kernel = build_portfolio_kernel(
            {"BTCUSDT": Scripted(btc), "ETHUSDT": Scripted(lambda v, b: [])}, c, BacktestConfig(cash=10_000),
            gate=RiskGate(RiskConfig(max_open_positions=1)),
        )  # fmt: skip
        entries: list[str] = []
        kernel.bus.subscribe(OrderSubmitted, lambda e, seen=entries: seen.append(e.request.client_order_id))
        kernel.run(0, 2, every_bar=True)  # BTC's entry approved at step 1, not filled yet
        now = kernel.clock.now_ms()
        eth = kernel.lane("ETHUSDT")
        state = kernel.account_source.state(1, now)
        from aitrader.engine.pending_entries import PendingEntries

        pending: PendingEntries = kernel._pending
        assert [p.symbol for p in pending.apply(state, eth.symbol).positions] == ["BTCUSDT"]
        cid = entries[0]
        update = OrderUpdate(cid, cid, "BTCUSDT", Side.BUY, OrderType.MARKET, status, now, 1, 1.0)
        kernel._on_update(update)
        assert pending.apply(state, eth.symbol).positions == ()
        assert not kernel.lane("BTCUSDT").orders.entry_working("BTCUSDT")  # a new entry may go


def test_a_symbol_warmed_in_the_middle_of_a_live_run_joins_the_next_round() -> None:
    c = {s: candles(s, 100 + np.arange(60.0)) for s in ("BTCUSDT", "ETHUSDT")}
    kernel = build_portfolio_kernel({s: Scripted(lambda v, b: []) for s in c}, c, BacktestConfig(cash=10_000))
    for cs in c.values():
        kernel.warm(cs.slice(0, 10))
    for k in range(10, 15):
        kernel.push_round({s: cs.row(k) for s, cs in c.items()})
    step = kernel.bar
    from aitrader.backtest.engine import default_instrument, sim_broker

    sol = candles("SOLUSDT", 20 + np.arange(60.0))
    kernel.add_lane(
        Scripted(lambda v, b: []), sim_broker(sol, BacktestConfig()), default_instrument("SOLUSDT", 20.0)
    )
    kernel.warm(sol.slice(0, 40))  # a longer history than the others had
    assert kernel.bar == step  # the grid's step does not jump
    asked = kernel.push_round({"BTCUSDT": c["BTCUSDT"].row(15), "SOLUSDT": sol.row(40)})
    assert asked == ["BTCUSDT", "SOLUSDT"]
    assert kernel.bar == step + 1
