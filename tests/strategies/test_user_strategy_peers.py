"""A user's strategy reading another symbol of the portfolio: `bar.peer("BTCUSDT")` gives BTC's bar
and indicators at the same close, never a later one, in a backtest and on the live path alike."""

from __future__ import annotations

from typing import Any

import numpy as np
import talib

from aitrader import UserStrategy, param
from aitrader.backtest.engine import BacktestConfig
from aitrader.backtest.portfolio_run import build_portfolio_kernel, run_portfolio
from aitrader.data.sample import load_sample
from aitrader.domain import Candles
from aitrader.strategies.user_bar import Bar

SEEN: list[
    tuple[str, int, int, float, float]
] = []  # (symbol, its close ms, BTC's close ms, BTC close, BTC sma)


class AltFollowsBitcoin(UserStrategy):
    """Buy the altcoin on a fast/slow cross only while BTC trades above its own 50-bar SMA."""

    fast: int = param(10, 2, 50)
    slow: int = param(30, 10, 200)

    def indicators(self, c: Candles) -> dict[str, Any]:
        return {
            "fast": talib.SMA(c.close, self.fast),
            "slow": talib.SMA(c.close, self.slow),
            "trend": talib.SMA(c.close, 50),
        }

    def next(self, bar: Bar) -> Any:
        btc = bar.peer("BTCUSDT")
        if bar.symbol == "BTCUSDT" or btc is None:
            return None
        SEEN.append((bar.symbol, bar.time_ms + 60_000, btc.time_ms + 60_000, btc.close, btc["trend"]))
        if bar.is_flat and btc.close > btc["trend"] and bar.crossed_above("fast", "slow"):
            return self.buy(
                stop=bar.close * 0.98, target=bar.close * 1.04, reason="alt cross with BTC above trend"
            )
        if bar.is_long and btc.close < btc["trend"]:
            return self.exit("BTC fell below its trend")
        return None


def _candles(n: int = 3_000) -> dict[str, Candles]:
    out = {}
    loaded = {s: load_sample(s, "1m") for s in ("BTCUSDT", "ETHUSDT", "SOLUSDT")}
    start = max(int(c.open_time[0]) for c in loaded.values())
    for s, c in loaded.items():
        i = int(np.searchsorted(c.open_time, start))
        out[s] = c.slice(i, i + n)
    return out


def test_the_peer_is_bitcoin_at_the_same_close_and_its_indicators_are_causal() -> None:
    candles = _candles()
    SEEN.clear()
    strategies = {s: AltFollowsBitcoin() for s in candles}
    result = run_portfolio(strategies, candles, BacktestConfig(cash=10_000))
    assert len(SEEN) > 4_000
    btc = candles["BTCUSDT"]
    trend = talib.SMA(btc.close, 50)
    for _symbol, close_ms, btc_close_ms, btc_close, btc_trend in SEEN:
        assert btc_close_ms == close_ms  # the bar of the same minute: closed together, not later
        k = int(np.searchsorted(btc.open_time, btc_close_ms - 60_000))
        assert btc_close == float(btc.close[k])
        assert (np.isnan(btc_trend) and np.isnan(trend[k])) or btc_trend == float(trend[k])
    alts = [t for t in result.account.trades if t.symbol != "BTCUSDT"]
    assert alts
    assert not any(t.symbol == "BTCUSDT" for t in result.account.trades)


def test_the_live_path_reads_the_same_peer_values() -> None:
    candles = _candles(1_200)
    SEEN.clear()
    back = build_portfolio_kernel({s: AltFollowsBitcoin() for s in candles}, candles, BacktestConfig())
    back.run(400, None, every_bar=True)
    backtest_seen = list(SEEN)
    SEEN.clear()
    live = build_portfolio_kernel({s: AltFollowsBitcoin() for s in candles}, candles, BacktestConfig())
    for c in candles.values():
        live.warm(c.slice(0, 400))
    for k in range(400, 1_200):
        live.push_round({s: c.row(k) for s, c in candles.items()})
    assert len(SEEN) == len(backtest_seen) > 1_000
    for (s1, t1, b1, c1, tr1), (s2, t2, b2, c2, tr2) in zip(SEEN, backtest_seen, strict=True):
        assert (s1, t1, b1, c1) == (s2, t2, b2, c2)
        assert abs(tr1 - tr2) < 1e-6 * max(1.0, abs(tr2))
