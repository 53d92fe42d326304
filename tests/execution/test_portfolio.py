from __future__ import annotations

import numpy as np
import pytest

from aitrader.domain import OrderType, Side
from aitrader.execution.portfolio import Portfolio
from aitrader.execution.reports import ExecutionReport, Intent


def fill(side: Side, price: float, qty: float, bar: int, fee: float = 0.0) -> ExecutionReport:
    intent = Intent.ENTRY if side is Side.BUY else Intent.EXIT
    return ExecutionReport(
        "o", "c", "BTCUSDT", side, OrderType.MARKET, price, qty, fee, False, bar * 60_000, bar, intent
    )


def test_round_trip_realises_pnl_net_of_fees_and_builds_the_equity_curve() -> None:
    p = Portfolio(1_000.0)
    assert p.apply(fill(Side.BUY, 100.0, 2.0, 1, fee=0.2)) is None
    pos = p.get("BTCUSDT")
    assert pos is not None
    assert float(pos.qty) == 2.0
    assert float(pos.entry_price) == 100.0
    assert p.unrealised("BTCUSDT", 105.0) == pytest.approx(10.0)
    assert p.apply(fill(Side.SELL, 110.0, 1.0, 3, fee=0.11), "target") is None
    trade = p.apply(fill(Side.SELL, 90.0, 1.0, 4, fee=0.09), "stop")
    assert trade is not None
    assert trade.exit_price == pytest.approx(100.0)  # average of 110 and 90
    assert trade.pnl == pytest.approx(10.0 - 10.0 - 0.4)
    assert trade.exit_reason == "stop"
    assert trade.entry_bar == 1
    assert trade.exit_bar == 4
    assert p.get("BTCUSDT") is None
    assert p.cash == pytest.approx(1_000.0 - 0.4)
    close = np.array([100.0, 101.0, 102.0, 110.0, 90.0, 95.0])
    equity, in_market = p.equity_curve(close, "BTCUSDT")
    start = 1_000.0 - 200.0 - 0.2
    assert equity.tolist() == pytest.approx(
        [1_000.0, start + 202, start + 204, start + 110 - 0.11 + 110, 999.6, 999.6]
    )
    assert in_market.tolist() == [False, True, True, True, False, False]
    assert p.state_after(2) == (pytest.approx(start), 2.0)
    assert p.consecutive_losses == 1
    assert p.last_loss_ms == 4 * 60_000
