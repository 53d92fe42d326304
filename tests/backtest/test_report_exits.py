"""Partial exits: the engine records every position-reducing fill and the report shows each one
with its own price, reason, quantity and P&L, adding up to the round trip's P&L."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_metrics_fixture import OPEN_AT_END_BARS, engine_result, sample, segments_result

from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.backtest.inputs import build_strategy
from aitrader.backtest.report.legs import exit_rows
from aitrader.backtest.result import BacktestResult
from aitrader.engine.bus import EventBus
from aitrader.engine.events import VerdictGiven
from aitrader.execution.fill_model import FillModel


@pytest.fixture(scope="module", params=[FillModel.NEXT_OPEN, FillModel.LIVE], ids=["next-open", "live"])
def run(request: pytest.FixtureRequest) -> BacktestResult:
    return engine_result("confluence", None, request.param)


def test_every_exit_fill_is_recorded_once_per_round_trip(run: BacktestResult) -> None:
    by_trade = Counter(e.trade for e in run.exits)
    assert set(by_trade) == set(range(len(run.trades)))  # the sample run ends flat
    assert max(by_trade.values()) == 2  # confluence splits its position over two targets
    assert sum(1 for n in by_trade.values() if n == 2) > 50
    for i, t in enumerate(run.trades):
        fills = [e for e in run.exits if e.trade == i]
        assert all(t.entry_bar <= e.bar <= t.exit_bar for e in fills)
        assert fills[-1].bar == t.exit_bar
        assert fills[-1].time_ms == t.exit_time


def test_exit_rows_add_up_to_each_round_trip(run: BacktestResult) -> None:
    rows = exit_rows(run)
    assert len(rows) == len(run.exits)
    for no, trade in enumerate(run.trades, start=1):
        legs = [r for r in rows if r.no == no]
        assert [r.leg for r in legs] == list(range(1, len(legs) + 1))
        assert all(r.legs == len(legs) for r in legs)
        assert sum(r.pnl for r in legs) == pytest.approx(trade.pnl, rel=1e-9, abs=1e-8)
        assert sum(r.fees for r in legs) == pytest.approx(trade.fees, rel=1e-12)
        # the round trip's exit price is the quantity-weighted mean of its exits
        qty = sum(r.qty for r in legs)
        assert sum(r.exit_price * r.qty for r in legs) / qty == pytest.approx(trade.exit_price, rel=1e-12)


def test_a_target_then_a_stop_is_two_rows_not_one_stop_above_the_entry() -> None:
    """The review's case: trade #4 takes target 1, then its second half is stopped below the
    entry. Merged, it read as a 'stop' exiting above its entry price."""
    run = engine_result()
    merged = run.trades[3]
    assert merged.exit_reason == "stop"
    assert merged.exit_price > merged.entry_price  # the misleading merged row
    rows = [r for r in exit_rows(run) if r.no == 4]
    assert [r.reason for r in rows] == ["target 1", "stop"]
    target, stop = rows
    assert target.exit_price == merged.target
    assert target.exit_price > merged.entry_price
    assert target.pnl > 0
    assert stop.exit_price == merged.stop
    assert stop.exit_price < merged.entry_price
    assert stop.pnl < 0
    assert target.qty + stop.qty == pytest.approx(merged.quantity, rel=1e-9)


def test_reasons_name_the_target_by_its_number() -> None:
    reasons = Counter(r.reason for r in exit_rows(engine_result()))
    assert set(reasons) == {"target 1", "target 2", "stop", "exit"}
    assert reasons["target 1"] >= reasons["target 2"] > 0


def test_open_position_rows_keep_its_partial_exit_and_mark_the_rest() -> None:
    run = engine_result(bars=OPEN_AT_END_BARS)
    rows = [r for r in exit_rows(run) if r.no == len(run.trades) + 1]
    assert [r.reason for r in rows] == ["target 1", "open"]
    held = run.params["open_trade"]
    assert rows[-1].is_open
    assert rows[-1].qty == held["qty"]
    assert rows[-1].exit_price == float(sample().close[OPEN_AT_END_BARS - 1])
    gross = sum((r.exit_price - held["entry_price"]) * r.qty for r in rows)
    assert sum(r.pnl for r in rows) == pytest.approx(gross - held["fees"] - held["exit_fee"], rel=1e-12)


def test_results_without_recorded_fills_give_one_row_per_trade() -> None:
    result = segments_result(sample())
    rows = exit_rows(result)
    assert [(r.no, r.leg, r.legs) for r in rows] == [(i + 1, 1, 1) for i in range(len(result.trades))]
    assert [r.pnl for r in rows] == [t.pnl for t in result.trades]
    assert [r.reason for r in rows] == [t.exit_reason for t in result.trades]


def test_recording_changes_no_trade_and_builds_no_event_nobody_asked_for() -> None:
    candles = sample().slice(0, 12_000)

    def run(config: BacktestConfig, bus: EventBus) -> BacktestResult:
        return run_backtest(build_strategy("confluence", {}, candles.timeframe), candles, config, bus=bus)

    asked = run(BacktestConfig(record_exits=True), EventBus(0))
    quiet_bus = EventBus(0)
    quiet = run(BacktestConfig(), quiet_bus)  # nobody listens: the kernel builds no event at all
    assert quiet_bus.published == 0
    assert quiet.exits == []
    assert len(asked.exits) > len(asked.trades) > 5
    assert asked.trades == quiet.trades
    assert (asked.equity == quiet.equity).all()
    heard_bus = EventBus(0)
    heard_bus.subscribe(VerdictGiven, lambda _event: None)  # as the CLI's verdict tally does
    heard = run(BacktestConfig(), heard_bus)
    assert heard.exits == asked.exits  # the events are built anyway: recorded by default
    assert run(BacktestConfig(record_exits=False), heard_bus).exits == []
