"""Performance metrics of a backtest: returns, risk ratios, drawdowns and trade statistics.

Conventions (checked against `empyrical` in tests/backtest/test_metrics_empyrical.py):

- Per-bar returns come from the equity curve anchored at the initial equity:
  `r[0] = equity[0] / initial - 1`, `r[i] = equity[i] / equity[i-1] - 1` — one return per bar.
- Annualisation (`aitrader.backtest.result.annualisation`): a year is 365.25 days. `years` is the
  calendar time from the open of the first measured bar to the close of the last;
  `bars_per_year` is the nominal year / bar length for a continuous series (a 24/7 market with no
  bar missing) and the observed density n_bars / years otherwise (a market that closes, a series
  with gaps: about 250 for a daily index, not 365). CAGR = (final / initial) ** (1 / years) - 1,
  which is `empyrical.annual_return(r, annualization=bars_per_year)` since bars_per_year =
  n_bars / years.
- Sharpe = mean(r) / std(r, ddof=1) * sqrt(bars_per_year), risk-free 0 (as empyrical).
- Sortino = mean(r) * bars_per_year / (sqrt(mean(min(r, 0)²)) * sqrt(bars_per_year)) (as empyrical).
- Max drawdown is a POSITIVE fraction of the running peak (0.12 = 12 %); empyrical returns it
  negative. The running peak starts at the initial equity.
- Calmar = CAGR / max drawdown (as empyrical).

Undefined or infinite values are `None`, never NaN or inf, so the metrics serialise to strict JSON:

- Sharpe: None with fewer than 2 bars; 0.0 for a flat equity curve (no variance and no mean
  return: empyrical gives NaN here — a strategy that never trades scores 0, which sorts sensibly);
  None when the variance is zero but the mean is not (infinite).
- Sortino: None with fewer than 2 bars; 0.0 when there are no losing bars and no mean return;
  None when there are no losing bars and the mean return is positive (infinite; empyrical: inf).
- Calmar: None when there is no drawdown (empyrical: NaN) or CAGR is undefined.
- CAGR: None with no bars or when it overflows a float (a huge gain over a tiny span).
  A final equity of zero or less gives -1.0 (total loss).
- Trade statistics (win rate, averages, expectancy, best/worst, duration): None with no trades.
  Profit factor: None with no trades or no losing trades (infinite); 0.0 when all trades lose.
  Average win (loss) is 0.0 when there are trades but no wins (losses).

Measured window and open position (`aitrader.backtest.result.measured`): the bars before the
first one the strategy could decide on (`BacktestResult.first_bar`, its warm-up) are not measured
(`excluded_bars` says how many), so they neither dilute returns and Sharpe nor count in exposure. A
position still open at the end is valued at the last close net of the exit fee the run's fee model
would charge (the final equity, the curve's last point and `fees_paid` include that fee) and
counts as a trade in every trade statistic; `n_open_trades` says how many of `n_trades` are open.

A win is a trade with pnl > 0, a loss one with pnl < 0; a trade at exactly 0 counts in neither
(it still counts in the number of trades, so win rate + loss rate may be below 1). Expectancy in
quote = avg_win * win_rate - avg_loss * loss_rate, which equals the average P&L per trade.
"""

from __future__ import annotations

import math
from dataclasses import MISSING, asdict, dataclass, fields
from typing import Any

import numpy as np

from aitrader.backtest.result import BacktestResult, TradeRecord, annualisation, measured
from aitrader.domain.candles import FloatArray


@dataclass(frozen=True, slots=True)
class Metrics:
    """Summary statistics of one backtest. Fractions are plain (0.05 = 5 %), money is in quote."""

    # span
    n_bars: int
    start_ms: int
    end_ms: int
    bars_per_year: float
    # returns
    initial_equity: float
    final_equity: float
    total_return: float
    annual_return: float | None
    # risk
    volatility_annual: float | None
    sharpe: float | None
    sortino: float | None
    calmar: float | None
    max_drawdown: float
    max_drawdown_peak_ms: int | None
    max_drawdown_trough_ms: int | None
    max_drawdown_duration_bars: int
    max_drawdown_duration_ms: int
    longest_drawdown_bars: int
    longest_drawdown_ms: int
    # trades
    n_trades: int
    n_wins: int
    n_losses: int
    win_rate: float | None
    profit_factor: float | None
    gross_profit: float
    gross_loss: float
    avg_trade_pnl: float | None
    avg_win: float | None
    avg_loss: float | None
    expectancy: float | None
    avg_trade_return: float | None
    best_trade_pnl: float | None
    worst_trade_pnl: float | None
    avg_trade_duration_ms: float | None
    exposure: float
    fees_paid: float
    # the measured window and the open position (defaults: reports written before they existed)
    n_open_trades: int = 0
    excluded_bars: int = 0
    years: float = 0.0  # calendar time of the measured bars (365.25-day years): what CAGR divides by

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Metrics:
        names = {f.name for f in fields(cls)}
        required = {f.name for f in fields(cls) if f.default is MISSING}
        missing = required - data.keys()
        if missing:
            raise ValueError(f"metrics dict lacks {sorted(missing)}")
        return cls(**{k: data[k] for k in names if k in data})


def bar_returns(initial_equity: float, equity: FloatArray) -> FloatArray:
    """Simple return of every bar, the first measured from the initial equity."""
    if len(equity) == 0:
        return np.empty(0, dtype=np.float64)
    prev = np.empty_like(equity)
    prev[0] = initial_equity
    prev[1:] = equity[:-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        out: FloatArray = equity / prev - 1.0
    return out


def drawdown_curve(initial_equity: float, equity: FloatArray) -> FloatArray:
    """Drawdown after each bar as a positive fraction of the running peak (initial equity included)."""
    if len(equity) == 0:
        return np.empty(0, dtype=np.float64)
    peak = np.maximum.accumulate(np.maximum(equity, initial_equity))
    return _relative_drop(equity, peak)


def _relative_drop(curve: FloatArray, peak: FloatArray) -> FloatArray:
    """1 - curve / peak; the running peak never falls, so it is positive everywhere if at the start."""
    if peak[0] > 0:
        out: FloatArray = 1.0 - curve / peak
        return out
    with np.errstate(divide="ignore", invalid="ignore"):
        guarded: FloatArray = np.where(peak > 0, 1.0 - curve / peak, 0.0)
    return guarded


def compute_metrics(result: BacktestResult) -> Metrics:
    """All metrics of `result`, vectorised over the equity curve (about 0.1 s per million bars).

    Measured from the first tradable bar, an open position marked net of its exit fee (module doc)."""
    m = measured(result)
    equity = m.equity
    initial = m.initial
    n = len(equity)
    span = annualisation(m.times, result.timeframe)
    bpy = span.bars_per_year
    final = float(equity[-1]) if n else initial
    returns = bar_returns(initial, equity)
    returns = returns[np.isfinite(returns)]
    total = final / initial - 1.0 if initial else 0.0
    cagr = annual_return(initial, final, span.years)
    dd = _drawdowns(initial, equity, _close_times(m.times, result.timeframe.duration_ms))
    trades = _trade_stats(m.trades)
    return Metrics(
        n_bars=n,
        start_ms=int(m.times[0]) if n else 0,
        end_ms=int(m.times[-1]) if n else 0,
        bars_per_year=bpy,
        initial_equity=initial,
        final_equity=final,
        total_return=total,
        annual_return=cagr,
        volatility_annual=_volatility(returns, bpy),
        sharpe=sharpe_ratio(returns, bpy),
        sortino=sortino_ratio(returns, bpy),
        calmar=(cagr / dd.max_drawdown) if cagr is not None and dd.max_drawdown > 0 else None,
        max_drawdown=dd.max_drawdown,
        max_drawdown_peak_ms=dd.peak_ms,
        max_drawdown_trough_ms=dd.trough_ms,
        max_drawdown_duration_bars=dd.duration_bars,
        max_drawdown_duration_ms=dd.duration_ms,
        longest_drawdown_bars=dd.longest_bars,
        longest_drawdown_ms=dd.longest_ms,
        exposure=float(m.in_market.mean()) if len(m.in_market) else 0.0,
        fees_paid=float(result.fees_paid) + m.open_exit_fee,
        n_open_trades=m.n_open,
        excluded_bars=m.first,
        years=span.years,
        **trades,
    )


def annual_return(initial: float, final: float, years: float) -> float | None:
    """CAGR over `years` of calendar time; -1.0 after a total loss; None without time or on overflow."""
    if years <= 0 or initial <= 0:
        return None
    growth = final / initial
    if growth <= 0:
        return -1.0
    exponent = math.log(growth) / years
    if exponent > 700:  # exp overflows float64 near 709.8
        return None
    return math.expm1(exponent)


def sharpe_ratio(returns: FloatArray, bars_per_year: float) -> float | None:
    """Annualised Sharpe of per-bar returns, risk-free 0 (see module doc for the edge cases)."""
    if len(returns) < 2:
        return None
    mean = float(returns.mean())
    if returns.min() == returns.max():  # zero dispersion, exactly (std may carry a 1e-18 residue)
        return 0.0 if mean == 0 else None
    std = float(returns.std(ddof=1))
    return mean / std * math.sqrt(bars_per_year)


def sortino_ratio(returns: FloatArray, bars_per_year: float) -> float | None:
    """Annualised Sortino of per-bar returns against a 0 target (see module doc for edge cases)."""
    if len(returns) < 2:
        return None
    mean = float(returns.mean())
    downside = np.minimum(returns, 0.0)
    # not np.dot: BLAS wakes a thread per core for it, doubling a trial's CPU in an optimiser's workers
    downside_dev = math.sqrt(float(np.square(downside).sum()) / len(returns))
    if downside_dev == 0:
        return 0.0 if mean <= 0 else None
    return mean * math.sqrt(bars_per_year) / downside_dev


def _volatility(returns: FloatArray, bars_per_year: float) -> float | None:
    if len(returns) < 2:
        return None
    return float(returns.std(ddof=1)) * math.sqrt(bars_per_year)


def _close_times(open_times: Any, duration_ms: int) -> np.ndarray[Any, np.dtype[np.int64]]:
    """Time of each equity point: the open of the first bar, then the close of every bar."""
    times = np.asarray(open_times, dtype=np.int64)
    out = np.empty(len(times) + 1, dtype=np.int64)
    if len(times) == 0:
        out[0] = 0
        return out
    out[0] = times[0]
    out[1:] = times + duration_ms
    return out


@dataclass(frozen=True, slots=True)
class _Drawdowns:
    max_drawdown: float
    peak_ms: int | None
    trough_ms: int | None
    duration_bars: int
    duration_ms: int
    longest_bars: int
    longest_ms: int


def _drawdowns(initial: float, equity: FloatArray, times: np.ndarray[Any, np.dtype[np.int64]]) -> _Drawdowns:
    """Deepest drawdown (with its peak-to-recovery span) and the longest time spent under water.

    Works on the series [initial, equity...] so a loss on the first bar counts. A drawdown that
    has not recovered by the last bar lasts until the last bar.
    """
    if len(equity) == 0:
        return _Drawdowns(0.0, None, None, 0, 0, 0, 0)
    curve = np.empty(len(equity) + 1, dtype=np.float64)
    curve[0] = initial
    curve[1:] = equity
    peak = np.maximum.accumulate(curve)
    dd = _relative_drop(curve, peak)
    peaks = np.flatnonzero(curve >= peak)  # points at a running peak (index 0 always is one)
    last = len(curve) - 1
    trough = int(np.argmax(dd))
    max_dd = float(dd[trough])
    if max_dd <= 0:
        return _Drawdowns(0.0, None, None, 0, 0, 0, 0)
    k = int(np.searchsorted(peaks, trough))  # peaks[k - 1] < trough < peaks[k] (if any)
    p = int(peaks[k - 1])
    end = int(peaks[k]) if k < len(peaks) else last
    # an episode runs from one peak to the next (recovery), or to the last point if none follows;
    # consecutive peaks one point apart had nothing under water between them
    ep_start = peaks
    ep_end = np.append(peaks[1:], last)
    lengths = ep_end - ep_start
    lengths[:-1][lengths[:-1] == 1] = 0
    e = int(np.argmax(lengths))
    return _Drawdowns(
        max_drawdown=max_dd,
        peak_ms=int(times[p]),
        trough_ms=int(times[trough]),
        duration_bars=end - p,
        duration_ms=int(times[end] - times[p]),
        longest_bars=int(lengths[e]),
        longest_ms=int(times[ep_end[e]] - times[ep_start[e]]),
    )


def _trade_stats(trades: list[TradeRecord]) -> dict[str, Any]:
    n = len(trades)
    pnl = np.fromiter((t.pnl for t in trades), dtype=np.float64, count=n)
    rets = np.fromiter((t.return_pct for t in trades), dtype=np.float64, count=n)
    durations = np.fromiter((t.duration_ms for t in trades), dtype=np.float64, count=n)
    wins = pnl[pnl > 0]
    losses = -pnl[pnl < 0]
    gross_profit = float(wins.sum())
    gross_loss = float(losses.sum())
    win_rate = len(wins) / n if n else None
    loss_rate = len(losses) / n if n else None
    avg_win = float(wins.mean()) if len(wins) else (0.0 if n else None)
    avg_loss = float(losses.mean()) if len(losses) else (0.0 if n else None)
    expectancy = None
    if win_rate is not None and loss_rate is not None and avg_win is not None and avg_loss is not None:
        expectancy = avg_win * win_rate - avg_loss * loss_rate
    return {
        "n_trades": n,
        "n_wins": len(wins),
        "n_losses": len(losses),
        "win_rate": win_rate,
        "profit_factor": gross_profit / gross_loss if gross_loss > 0 else None,
        "gross_profit": gross_profit,
        "gross_loss": gross_loss,
        "avg_trade_pnl": float(pnl.mean()) if n else None,
        "avg_win": avg_win,
        "avg_loss": avg_loss,
        "expectancy": expectancy,
        "avg_trade_return": float(rets.mean()) if n else None,
        "best_trade_pnl": float(pnl.max()) if n else None,
        "worst_trade_pnl": float(pnl.min()) if n else None,
        "avg_trade_duration_ms": float(durations.mean()) if n else None,
    }
