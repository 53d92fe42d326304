"""Deterministic BacktestResults built on the real BTCUSDT samples, for the metrics and report tests.

`segments_result` and friends are hand-built: every `every` bars a trade opens at the close with all
the equity, holds until its stop or target is touched (exit at that level) or `hold` bars pass
(exit at the close), paying `fee_rate` on both legs. Equity is marked to the close. The tests at
the bottom check that the built result is self-consistent. `engine_result` is the real backtester
(the kernel, the risk gate, the simulator) on the same samples: warm-up, partial exits, an open
position at the end.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pytest

from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.backtest.result import BacktestResult, TradeRecord
from aitrader.data import load_sample
from aitrader.domain import Candles, Side, Timeframe
from aitrader.execution.fill_model import FillModel
from mechanics_costs import mechanics_gate, mechanics_strategy


@lru_cache(maxsize=4)
def sample(symbol: str = "BTCUSDT", tf: str = "1m") -> Candles:
    return load_sample(symbol, tf)


@lru_cache(maxsize=8)
def engine_result(
    strategy: str = "confluence", bars: int | None = None, fill_model: FillModel = FillModel.NEXT_OPEN
) -> BacktestResult:
    """The real backtest of built-in `strategy` (default parameters, risk gate, 10,000 cash, 0.1%
    fee) on the first `bars` bars of the BTCUSDT 1m sample (all of it when None). Shared: do not
    mutate.

    The cost rules are off (the strategy's cost check, the gate's minimum net reward:risk): the
    tests on it are about mechanics (warm-up, exits, reports, metrics), which need trades, and on
    1m the costs exceed most moves (with the rules on confluence makes 50 trades here, not 173)."""
    candles = sample() if bars is None else sample().slice(0, bars)
    config = BacktestConfig(cash=10_000.0, fee=0.001, fill_model=fill_model, record_exits=True)
    return run_backtest(
        mechanics_strategy(strategy, candles.timeframe), candles, config, gate=mechanics_gate()
    )


# confluence on the first OPEN_AT_END_BARS bars ends holding half of trade #4 (target 1 filled)
OPEN_AT_END_BARS = 4_150


def segments_result(
    candles: Candles,
    *,
    every: int = 1500,
    hold: int = 600,
    stop_pct: float = 0.015,
    target_pct: float = 0.02,
    fee_rate: float = 0.001,
    initial: float = 10_000.0,
    sides: tuple[Side, ...] = (Side.BUY,),
) -> BacktestResult:
    """Trade segments on `candles` as described in the module doc; `sides` cycle per trade."""
    n = len(candles)
    close, high, low, times = candles.close, candles.high, candles.low, candles.open_time
    equity = np.empty(n, dtype=np.float64)
    in_market = np.zeros(n, dtype=bool)
    trades: list[TradeRecord] = []
    cash, fees_total = initial, 0.0
    i = 0
    while i < n:
        entry_bar = i
        if entry_bar % every != 0 or entry_bar + 1 >= n:
            equity[i] = cash
            i += 1
            continue
        side = sides[len(trades) % len(sides)]
        sign = side.sign
        entry = float(close[entry_bar])
        fee_in = cash * fee_rate
        qty = (cash - fee_in) / entry
        stop = entry * (1 - sign * stop_pct)
        target = entry * (1 + sign * target_pct)
        equity[entry_bar] = cash - fee_in
        exit_bar, exit_price, reason = min(entry_bar + hold, n - 1), 0.0, "time"
        for j in range(entry_bar + 1, min(entry_bar + hold, n - 1) + 1):
            hit_stop = low[j] <= stop if sign > 0 else high[j] >= stop
            hit_target = high[j] >= target if sign > 0 else low[j] <= target
            if hit_stop or hit_target:
                exit_bar, exit_price = j, stop if hit_stop else target
                reason = "stop" if hit_stop else "target"
                break
            in_market[j] = True
            equity[j] = cash - fee_in + sign * qty * (close[j] - entry)
        if reason == "time":
            exit_price = float(close[exit_bar])
        gross = sign * qty * (exit_price - entry)
        fee_out = (cash - fee_in + gross) * fee_rate
        in_market[exit_bar] = True
        pnl = gross - fee_in - fee_out
        cash += pnl
        fees_total += fee_in + fee_out
        equity[exit_bar] = cash
        trades.append(
            TradeRecord(
                symbol=candles.symbol,
                side=side,
                quantity=qty,
                entry_bar=entry_bar,
                entry_time=int(times[entry_bar]),
                entry_price=entry,
                exit_bar=exit_bar,
                exit_time=int(times[exit_bar]),
                exit_price=exit_price,
                fees=fee_in + fee_out,
                pnl=pnl,
                exit_reason=reason,
                stop=stop,
                target=target,
                strategy="segments",
                rationale=f"scheduled {side.value} every {every} bars <test & 'quote'>",
            )
        )
        i = exit_bar + 1
    return BacktestResult(
        symbol=candles.symbol,
        timeframe=candles.timeframe,
        strategy="segments",
        initial_equity=initial,
        times=candles.open_time,
        equity=equity,
        in_market=in_market,
        trades=trades,
        fees_paid=fees_total,
        candles=candles,
        params={"every": every, "hold": hold, "stop_pct": stop_pct, "target_pct": target_pct},
        elapsed_s=0.0,
    )


def hold_result(candles: Candles, initial: float = 10_000.0) -> BacktestResult:
    """Buy at the first close, hold to the end with no fees and no trade closed."""
    equity = initial * candles.close / candles.close[0]
    return BacktestResult(
        symbol=candles.symbol,
        timeframe=candles.timeframe,
        strategy="hold",
        initial_equity=initial,
        times=candles.open_time,
        equity=equity,
        in_market=np.ones(len(candles), dtype=bool),
        trades=[],
        fees_paid=0.0,
        candles=candles,
    )


def flat_result(n: int, initial: float = 10_000.0, tf: Timeframe = Timeframe.M1) -> BacktestResult:
    """`n` bars of the real sample with no trading at all."""
    candles = sample().slice(0, n)
    return BacktestResult(
        symbol=candles.symbol,
        timeframe=tf,
        strategy="idle",
        initial_equity=initial,
        times=candles.open_time,
        equity=np.full(n, initial),
        in_market=np.zeros(n, dtype=bool),
        trades=[],
        fees_paid=0.0,
        candles=candles,
    )


@pytest.mark.parametrize("sides", [(Side.BUY,), (Side.BUY, Side.SELL)])
def test_segments_equity_ends_at_initial_plus_trade_pnl(sides: tuple[Side, ...]) -> None:
    result = segments_result(sample(), sides=sides)
    assert len(result.trades) > 20
    assert {t.exit_reason for t in result.trades} == {"stop", "target", "time"}
    assert result.final_equity == pytest.approx(
        result.initial_equity + sum(t.pnl for t in result.trades), rel=1e-12
    )
    assert result.fees_paid == pytest.approx(sum(t.fees for t in result.trades), rel=1e-12)
    assert 0.05 < result.in_market.mean() < 0.6
    assert np.all(np.isfinite(result.equity))


def test_hold_result_follows_the_close() -> None:
    candles = sample()
    result = hold_result(candles)
    assert result.final_equity == pytest.approx(10_000 * candles.close[-1] / candles.close[0])
