"""Builds the `AccountState` the risk gate judges against, from the portfolio and the bar arrays.

Start-of-day equity and the losing streak are computed exactly from the portfolio's history (not
from the bars the kernel happened to visit), so a run that skips quiet bars sees the same account
as one that visits every bar.
"""

from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal

import numpy as np

from aitrader.domain.candles import FloatArray, IntArray
from aitrader.domain.decimals import qty_decimal, to_decimal
from aitrader.domain.instrument import Instrument
from aitrader.execution.portfolio import Portfolio
from aitrader.risk.account import AccountState

MS_PER_DAY = 86_400_000
_ZERO = Decimal("0.0")  # what to_decimal(0.0) gives


def ordered_view(values: FloatArray | IntArray, dtype: type[np.generic]) -> memoryview:
    """A memoryview of `values` as `dtype`: indexing one gives a Python float/int without a numpy
    scalar in between (the loops read single values per bar)."""
    return np.ascontiguousarray(values, dtype=dtype).data


class PeakCache:
    """The portfolio's peak realised equity as a Decimal, converted once per change."""

    __slots__ = ("_peak",)

    def __init__(self) -> None:
        self._peak: tuple[float, Decimal] = (float("nan"), _ZERO)

    def get(self, peak: float) -> Decimal:
        if self._peak[0] != peak:
            self._peak = (peak, to_decimal(peak if peak > 0.0 else 0.0))
        return self._peak[1]


class AccountTracker:
    """Snapshots of the account for the gate (one symbol's bars give the marks)."""

    def __init__(
        self,
        portfolio: Portfolio,
        instrument: Instrument,
        taker_fee: float = 0.001,
        maker_fee: float = 0.001,
    ) -> None:
        self.portfolio = portfolio
        self.instrument = instrument
        self.taker_fee = to_decimal(taker_fee)
        self.maker_fee = to_decimal(maker_fee)
        self._offset = 0  # global bar index of the first bar held
        self._times_view: memoryview = memoryview(b"")
        self._close_view: memoryview = memoryview(b"")
        self._day: tuple[int, float] = (-1, 0.0)  # (day start ms, equity then): history never changes
        self._symbol = instrument.symbol
        self._held = portfolio.quantities.get
        self._base = instrument.base_asset
        nan = float("nan")  # never equal to anything: the first call converts
        self._cash: tuple[float, Decimal] = (nan, _ZERO)  # (cash, its Decimal)
        self._qty: tuple[float, Decimal] = (nan, _ZERO)  # (quantity held, its Decimal)
        self._day_dec: tuple[float, Decimal] = (nan, _ZERO)  # (day-start equity, its Decimal)
        self._peak = PeakCache()

    def set_bars(self, open_time: IntArray, close: FloatArray, offset: int = 0) -> None:
        self._offset = offset
        self._times_view = ordered_view(open_time, np.int64)
        self._close_view = ordered_view(close, np.float64)
        self._day = (-1, 0.0)

    def state(self, bar: int, now_ms: int) -> AccountState:
        """The account at the close of global bar `bar`."""
        p = self.portfolio
        local = bar - self._offset
        qty = self._held(self._symbol, 0.0)
        cash = p.cash
        if self._cash[0] != cash:  # cash changes only on fills: convert it once per change
            self._cash = (cash, to_decimal(cash if cash > 0.0 else 0.0))
        free_quote = self._cash[1]
        base = qty + p.dust(self._symbol)  # dust: base a fee in the base asset left below the lot step
        if base == 0.0:
            equity = free_quote if cash >= 0.0 else _ZERO
            free_base: dict[str, Decimal] = {}
        else:
            value = cash + base * self._close_view[local]
            equity = to_decimal(value if value > 0.0 else 0.0)
            if self._qty[0] != qty:  # the quantity held changes only on fills: convert it once per change
                self._qty = (qty, qty_decimal(qty))
            free_base = {self._base: self._qty[1]} if qty > 0 else {}
        t = self._times_view[local]
        day = t - t % MS_PER_DAY  # today's 00:00 UTC
        if self._day[0] != day:
            self._day = (day, self._equity_before(day))
        day_start = self._day[1]
        if self._day_dec[0] != day_start:
            self._day_dec = (day_start, to_decimal(day_start if day_start > 0.0 else 0.0))
        return AccountState(
            equity,
            free_quote,
            now_ms,
            free_base,
            p.open_positions(),
            self._day_dec[1],
            p.consecutive_losses,
            p.last_loss_ms,
            self.taker_fee,
            self.maker_fee,
            peak_equity=self._peak.get(p.peak_equity),
        )

    def _equity_before(self, day_ms: int) -> float:
        """Equity at the close of the last bar before `day_ms` (the initial cash if there is none)."""
        prev = bisect_left(self._times_view, day_ms) - 1  # the bars' open times, ascending
        if prev < 0:
            return self.portfolio.initial_cash
        cash, qty = self.portfolio.state_after(prev + self._offset)
        return cash + qty * self._close_view[prev]
