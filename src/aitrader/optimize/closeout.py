"""Closing what a window still holds at its end, as a market exit would, fee and slippage paid.

A backtest ends marked to market: a position open on the last bar is valued at the close, with no
exit fee, and is not among the trades. A walk-forward test window then starts the next one flat,
so without this the stitched record would get that exit for free and never count the trade. Here
the position is sold (bought back) at the last close less slippage, the taker fee is charged, the
last equity point is lowered by both, and the round trip is recorded with reason "window end".
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from aitrader.backtest.result import BacktestResult, TradeRecord
from aitrader.domain.enums import Side


def close_out(result: BacktestResult, fee: float, slippage_bps: float) -> BacktestResult:
    """`result` with its open position (`params["open_trade"]`) closed on its last bar."""
    t: dict[str, Any] | None = result.params.get("open_trade")
    if t is None or len(result.equity) == 0:
        return result
    side = Side(t["side"])
    sign = 1.0 if side is Side.BUY else -1.0
    last = float(result.candles.close[-1])
    price = last * (1.0 - sign * slippage_bps / 10_000.0)
    qty = float(t["qty"])
    exit_fee = qty * price * fee
    cost = exit_fee + qty * abs(last - price)  # what the close takes from the marked equity
    equity = np.array(result.equity, dtype=np.float64)
    equity[-1] -= cost
    entered = float(t["entered_qty"]) or qty
    gross = float(t["realised"]) + sign * (price - float(t["entry_price"])) * qty
    fees = float(t["fees"]) + exit_fee
    n = len(result.equity)
    trade = TradeRecord(
        symbol=result.symbol,
        side=side,
        quantity=entered,
        entry_bar=int(t["entry_bar"]),
        entry_time=int(t["entry_time"]),
        entry_price=float(t["entry_price"]),
        exit_bar=n - 1,
        exit_time=int(result.times[-1]),
        exit_price=price,
        fees=fees,
        pnl=gross - fees,
        exit_reason="window end",
        strategy=str(t.get("strategy", "")),
    )
    params = {k: v for k, v in result.params.items() if k != "open_trade"}
    params["closed_at_end"] = True
    return replace(
        result,
        equity=equity,
        trades=[*result.trades, trade],
        fees_paid=result.fees_paid + exit_fee,
        params=params,
    )
