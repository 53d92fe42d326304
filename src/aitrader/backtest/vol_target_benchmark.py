"""Volatility-targeted buy-and-hold: buy-and-hold scaled to the strategy's own risk.

The plain benchmark (`benchmark.buy_and_hold`) holds the whole account in the asset, so it carries
the asset's volatility; a strategy that is in the market a tenth of the time carries far less. This
one asks the fairer question "same risk, which return?": it holds a weight of the account in the
asset sized to a volatility target, and otherwise runs as the plain one does.

`vol_target_buy_and_hold(candles, cash, target, ...)`, rules:

- **Same footing as `benchmark_for`**: the same capital, the same measured bars, the same first fill
  (the open of the bar after the first tradable bar with the `next-open` fill model; that first
  bar's close with `live`), the same fee model and slippage, and a final sale at the last close.
- **Weight**: w_t = min(1, target / sigma_t), long only, never levered. sigma_t is the realised
  volatility of close-to-close log returns over the last 30 days of bars (30 × bars per day from the
  candle interval: 720 1h bars, 43,200 1m bars; at least 2), std with ddof=1, annualised with the
  window's own bar density (its returns over the calendar time they span: the nominal figure for a
  continuous series, fewer bars a year for one with gaps or closed sessions), so no future bar sets
  the annualisation. **No look-ahead**: the weight held over bar t uses returns up to the
  close of bar t-1. Bars before the measured window (the strategy's warm-up, history before
  --from) feed the estimate: they were known then. With fewer than 30 days of returns it uses those
  there are; with fewer than 2 the weight is 0 (cash).
- **Rebalancing**: at the first fill, then once per UTC day at the first bar of the day (every bar
  on 1d and longer bars), and only when the target weight differs from the weight held (the
  position's value at the fill's reference price / the account) by more than 10 percentage points
  (`BAND`), so that fees stay honest. The first position is taken whatever its weight (at the
  first fill, or at the first rebalance bar with 2 returns of history when there were none):
  the band is about drift from a weight held, and a 5 % weight must not mean cash forever. Every rebalance is a taker fill at the bar's open (with the
  `live` fill model: at the previous bar's close, where the weight was decided): slippage against
  it (`execution.slippage.FixedBps`) and the fee model's taker fee on its notional (an increase is
  an entry, a decrease an exit). A buy never spends more than the cash (the plain benchmark's rule:
  the whole cash less the fee on it), so a weight of 1 from the first fill on is `buy_and_hold`
  exactly.
- **Trades** are the rebalances: one `TradeRecord` per weight held, from the rebalance that set it
  to the next one (or the last close), its quantity the position held, its prices the reference
  prices at both ends (before slippage), its P&L qty × (exit − entry) less its fees and slippage
  (a buy's costs on the trade it opens, a sale's on the trade it ends). The P&L of the trades add up
  to final − initial equity, and `compute_metrics` reads the result as it reads any backtest.

`vol_target_benchmark_for(result)` is the benchmark a report sets beside a strategy: the rules
above over the bars `benchmark_for` uses, with the target **the strategy's own realised annualised
volatility over its measured bars** (`Metrics.volatility_annual`), floored at 5 % (`MIN_TARGET`),
or 20 % (`DEFAULT_TARGET`) when the strategy has none (no trade, or a flat curve). The target is
fixed after the fact from the whole run, like any risk-matched comparison; the weights themselves
see no future bar.
"""

from __future__ import annotations

import math

import numpy as np

from aitrader.backtest.benchmark import measured_window
from aitrader.backtest.metrics import bar_returns
from aitrader.backtest.result import MS_PER_YEAR, BacktestResult, TradeRecord, annualisation, measured
from aitrader.domain.candles import Candles, FloatArray
from aitrader.domain.enums import Side
from aitrader.execution.fees import FeeModel, PercentFee
from aitrader.execution.slippage import FixedBps

NAME = "vol_target_buy_and_hold"
VOL_WINDOW_DAYS = 30
BAND = 0.10  # rebalance only when the target weight is more than this far from the one held
MIN_TARGET = 0.05
DEFAULT_TARGET = 0.20
DAY_MS = 86_400_000


def window_bars(duration_ms: int) -> int:
    """Bars in `VOL_WINDOW_DAYS` days of bars of `duration_ms` (at least 2)."""
    return max(2, round(VOL_WINDOW_DAYS * DAY_MS / duration_ms))


def trailing_volatility(
    close: FloatArray,
    hold_bars: np.ndarray,
    window: int,
    bars_per_year: float | None = None,
    open_times: np.ndarray | None = None,
) -> FloatArray:
    """sigma for each bar in `hold_bars`: the annualised std (ddof=1) of the log returns of the
    last `window` bars up to the close of the bar before it; NaN with fewer than 2 returns.

    Annualised with `bars_per_year`, or, given the bars' `open_times`, with each window's own
    density (its returns over the calendar time they span): a series with gaps or closed sessions
    is annualised from the past alone, never from the density of bars still to come."""
    logs = np.log(np.asarray(close, dtype=np.float64))
    r = np.diff(logs)  # r[i - 1]: the return of bar i
    c1 = np.concatenate(([0.0], np.cumsum(r)))  # c1[k]: sum of the first k returns
    c2 = np.concatenate(([0.0], np.cumsum(r * r)))
    hi = np.asarray(hold_bars, dtype=np.int64) - 1  # returns of bars 1..h-1: r[0 : h-1]
    lo = np.maximum(hi - window, 0)
    hi = np.maximum(hi, 0)
    m = (hi - lo).astype(np.float64)
    s1, s2 = c1[hi] - c1[lo], c2[hi] - c2[lo]
    with np.errstate(divide="ignore", invalid="ignore"):
        var = (s2 - s1 * s1 / m) / (m - 1.0)
    if open_times is not None:
        t = np.asarray(open_times, dtype=np.int64)
        elapsed = (t[hi] - t[lo]).astype(np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            per_year: FloatArray | float = np.where(elapsed > 0, m * MS_PER_YEAR / elapsed, np.nan)
    elif bars_per_year is not None:
        per_year = bars_per_year
    else:
        raise ValueError("trailing_volatility needs bars_per_year or open_times")
    out: FloatArray = np.sqrt(np.maximum(var, 0.0) * per_year)
    out[m < 2] = np.nan
    return out


def vol_target_buy_and_hold(
    candles: Candles,
    cash: float,
    target: float,
    fee: float,
    fee_model: FeeModel | None = None,
    *,
    slippage_bps: float = 0.0,
    start: int = 0,
    entry_bar: int = 0,
    at_close: bool = False,
) -> BacktestResult:
    """The rules of the module docstring over `candles[start:]`, first filled at bar `entry_bar` of
    that window (its open, or its close with `at_close`); the bars before `start` only feed the
    volatility estimate. Flat throughout when there is no bar to fill on."""
    n_all = len(candles)
    if n_all == 0 or not 0 <= start < n_all:
        raise ValueError("no candles for a volatility-targeted benchmark")
    close_all = np.asarray(candles.close, dtype=np.float64)
    held = candles.slice(start, None)
    n = len(held)
    times = np.asarray(held.open_time, dtype=np.int64)
    close = close_all[start:]
    first_hold = max(entry_bar, 0) + (1 if at_close else 0)  # the first bar the weight is held over
    day = times // DAY_MS
    new_day = np.flatnonzero(day[1:] != day[:-1]) + 1
    hold = np.concatenate(([first_hold], new_day[new_day > first_hold])) if first_hold < n else new_day[:0]
    hold = hold.astype(np.int64)
    sigma = trailing_volatility(
        close_all, hold + start, window_bars(held.timeframe.duration_ms), open_times=candles.open_time
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        weights = np.where(np.isnan(sigma), 0.0, np.minimum(1.0, target / sigma))
    ref = close[hold - 1] if at_close else np.asarray(held.open, dtype=np.float64)[hold]
    marks = hold - 1 if at_close else hold  # the bar whose close first shows the new position
    fill_ms = times[marks] + (held.timeframe.duration_ms if at_close else 0)

    fees_of = fee_model or PercentFee(taker=fee, maker=fee)
    slip = FixedBps(slippage_bps)
    qty, money = 0.0, float(cash)
    done: list[tuple[int, float, float, float, float, float, float, float]] = []
    # (k, qty after, cash after, fee, slippage cost, weight, sigma, signed qty traded)
    for k, (w, p, s) in enumerate(zip(weights.tolist(), ref.tolist(), sigma.tolist(), strict=True)):
        value = qty * p
        equity = money + value
        if equity <= 0 or p <= 0 or abs(w - value / equity) <= (BAND if qty > 0 else 0.0):
            continue  # the first position is taken whatever its weight; then only past the band
        change = w * equity - value
        if change > 0:
            fill = slip.slipped(p, Side.BUY)
            notional, cost = change / p * fill, 0.0
            if notional + fees_of.fee(notional, False, True) > money:  # the whole cash, less its fee
                cost = fees_of.fee(money, False, True)
                notional = money - cost
            else:
                cost = fees_of.fee(notional, False, True)
            if notional <= 0:
                continue
            traded = notional / fill
            money -= notional + cost
        else:
            fill = slip.slipped(p, Side.SELL)
            traded = -(qty if w <= 0 else min(qty, -change / p))
            notional = -traded * fill
            cost = fees_of.fee(notional, False, False)
            money += notional - cost
        qty += traded
        done.append((k, qty, money, cost, abs(traded) * abs(fill - p), w, s, traded))

    equity_curve = np.full(n, float(cash), dtype=np.float64)
    in_market = np.zeros(n, dtype=bool)
    exit_price, exit_fee, mean_weight = float(close[-1]), 0.0, 0.0
    if done:
        at = marks[[d[0] for d in done]]
        step = np.searchsorted(at, np.arange(n), side="right") - 1
        q_after = np.array([d[1] for d in done])
        c_after = np.array([d[2] for d in done])
        q = np.where(step >= 0, q_after[np.maximum(step, 0)], 0.0)
        c = np.where(step >= 0, c_after[np.maximum(step, 0)], float(cash))
        equity_curve = c + q * close
        in_market = q > 0
        with np.errstate(divide="ignore", invalid="ignore"):
            mean_weight = float(np.mean(np.where(equity_curve > 0, q * close / equity_curve, 0.0)))
        if qty > 0:
            exit_price = slip.slipped(float(close[-1]), Side.SELL)
            exit_fee = fees_of.fee(qty * exit_price, False, False)
            equity_curve[-1] = money + qty * exit_price - exit_fee
    trades = _segments(held, done, marks, ref, fill_ms, float(close[-1]), exit_price, exit_fee)
    fees = sum(d[3] for d in done) + exit_fee
    return BacktestResult(
        symbol=held.symbol,
        timeframe=held.timeframe,
        strategy=NAME,
        initial_equity=float(cash),
        times=held.open_time,
        equity=equity_curve,
        in_market=in_market,
        trades=trades,
        fees_paid=fees,
        candles=held,
        params={
            "slippage_bps": slippage_bps,
            "entry_bar": max(entry_bar, 0),
            "target_volatility": float(target),
            "vol_window_bars": window_bars(held.timeframe.duration_ms),
            "rebalance_band": BAND,
            "rebalances": len(done),
            "mean_weight": mean_weight,
        },
        fee_model=fee_model,
    )


def _segments(
    held: Candles,
    done: list[tuple[int, float, float, float, float, float, float, float]],
    marks: np.ndarray,
    ref: FloatArray,
    fill_ms: np.ndarray,
    last_close: float,
    exit_price: float,
    exit_fee: float,
) -> list[TradeRecord]:
    """One trade per weight held (see the module docstring)."""
    n = len(held)
    out: list[TradeRecord] = []
    for i, (k, q, _, cost, slipped, w, s, traded) in enumerate(done):
        if q <= 0:
            continue
        last = i + 1 == len(done)
        fees = cost if traded > 0 else 0.0
        costs = (cost + slipped) if traded > 0 else 0.0
        if last:
            end, end_bar, end_ms = last_close, n - 1, int(held.open_time[-1])
            fees += exit_fee
            costs += exit_fee + q * (last_close - exit_price)
        else:
            nk, _, _, ncost, nslipped, _, _, ntraded = done[i + 1]
            end, end_bar, end_ms = float(ref[nk]), int(marks[nk]), int(fill_ms[nk])
            if ntraded < 0:
                fees += ncost
                costs += ncost + nslipped
        entry = float(ref[k])
        vol = f"{s:.0%}" if math.isfinite(s) else "n/a"
        out.append(
            TradeRecord(
                symbol=held.symbol,
                side=Side.BUY,
                quantity=q,
                entry_bar=int(marks[k]),
                entry_time=int(fill_ms[k]),
                entry_price=entry,
                exit_bar=end_bar,
                exit_time=end_ms,
                exit_price=end,
                fees=fees,
                pnl=q * (end - entry) - costs,
                exit_reason="end" if last else "rebalance",
                strategy=NAME,
                rationale=f"weight {w:.0%} of the account: target / 30-day volatility {vol}",
            )
        )
    return out


def strategy_volatility(result: BacktestResult) -> float | None:
    """The strategy's realised annualised volatility over its measured bars (`compute_metrics`'
    `volatility_annual`); None without a trade or without variance."""
    m = measured(result)
    if not m.trades:
        return None
    r = bar_returns(m.initial, m.equity)
    r = r[np.isfinite(r)]
    if len(r) < 2 or r.min() == r.max():
        return None
    return float(r.std(ddof=1)) * math.sqrt(annualisation(m.times, result.timeframe).bars_per_year)


def target_for(result: BacktestResult) -> float:
    """The volatility the benchmark aims at: the strategy's own, at least `MIN_TARGET`;
    `DEFAULT_TARGET` when it has none."""
    vol = strategy_volatility(result)
    return DEFAULT_TARGET if vol is None else max(vol, MIN_TARGET)


def vol_target_benchmark_for(result: BacktestResult, target: float | None = None) -> BacktestResult | None:
    """The volatility-targeted buy-and-hold over `result`'s measured bars (`benchmark_for`'s bars,
    capital, fees, slippage and first fill), aimed at `target` (default `target_for(result)`);
    None when `benchmark_for` has none or a close is not positive."""
    window = measured_window(result)
    if window is None:
        return None
    lo, hi, entry, at_close = window
    candles = result.candles.slice(0, hi)
    if not np.all(np.asarray(candles.close) > 0):
        return None
    p = result.params
    return vol_target_buy_and_hold(
        candles,
        float(result.initial_equity),
        target_for(result) if target is None else target,
        float(p.get("fee", 0.0)),
        result.fee_model,
        slippage_bps=float(p.get("slippage_bps", 0.0)),
        start=lo,
        entry_bar=entry,
        at_close=at_close,
    )
