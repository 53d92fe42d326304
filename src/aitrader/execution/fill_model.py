"""How the simulator fills: the research model of backtests, or the live model of paper trading.

`NEXT_OPEN` (backtests by default): an order decided on a bar's close arrives at the next bar's
open, so a MARKET order fills at that open; resting orders meet each whole bar (the stop leg of an
OCO wins when both legs could fill in one bar); every fee is paid in quote.

`LIVE` (paper trading, and backtests that must match it): what Binance and the local exchange do.
A MARKET order fills when it is sent, at the last trade price (the close of the bar just decided
on); the commission is taken in the asset received (a BUY's from the base bought, a SELL's from the
quote) and protection covers what was received, rounded down to the lot step; resting orders meet
the bar along the path the local exchange replays (`matching.path_of_bar`, starting from the
previous close), one monotonic segment at a time, so a paper run, a backtest with this model and a
run against the local exchange fill alike on the same candles.
"""

from __future__ import annotations

from enum import Enum


class FillModel(Enum):
    NEXT_OPEN = "next-open"
    LIVE = "live"
