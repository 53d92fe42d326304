"""What a backtest produces: closed trades and a per-bar equity curve. Metrics and reports read this."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from aitrader.domain.candles import Candles, FloatArray, IntArray
from aitrader.domain.timeframe import Timeframe
from aitrader.domain.trade import TradeRecord

__all__ = ["MS_PER_YEAR", "BacktestResult", "TradeRecord", "trim_warmup"]

MS_PER_YEAR = 365 * 24 * 60 * 60 * 1000  # crypto trades every day of the year


@dataclass
class BacktestResult:
    """Trades plus mark-to-market equity at the close of every bar (`equity[i]` after bar i)."""

    symbol: str
    timeframe: Timeframe
    strategy: str
    initial_equity: float
    times: IntArray
    equity: FloatArray
    in_market: np.ndarray[Any, np.dtype[np.bool_]]
    trades: list[TradeRecord]
    fees_paid: float
    candles: Candles
    params: dict[str, Any] = field(default_factory=dict)
    elapsed_s: float = 0.0

    @property
    def final_equity(self) -> float:
        return float(self.equity[-1]) if len(self.equity) else self.initial_equity

    @property
    def bars_per_year(self) -> float:
        return MS_PER_YEAR / self.timeframe.duration_ms

    @property
    def start_ms(self) -> int:
        return int(self.times[0]) if len(self.times) else 0

    @property
    def end_ms(self) -> int:
        return int(self.times[-1]) if len(self.times) else 0


def trim_warmup(result: BacktestResult, warmup_bars: int) -> BacktestResult:
    """`result` from the first bar after the warm-up (--from): equity metrics cover the asked window."""
    if warmup_bars <= 0:
        return result
    k = warmup_bars
    early = [t for t in result.trades if t.entry_time < int(result.times[k])]
    if early:  # cannot happen: strategies make no decision during their warm-up
        raise RuntimeError(f"{len(early)} trades entered during the warm-up before --from")
    return replace(
        result,
        times=result.times[k:],
        equity=result.equity[k:],
        in_market=result.in_market[k:],
        candles=result.candles.slice(k, None),
        params={**result.params, "warmup_bars": k},
    )
