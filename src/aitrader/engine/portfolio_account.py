"""`PortfolioAccount`: the `AccountState` the gate judges against when the kernel trades several
symbols — cash plus every symbol held, each marked at its last close on the kernel's time grid.

The grid is the union of the symbols' open times (`Kernel.bar` counts its steps). A backtest gives
the whole grid at once (`set_grid`: each symbol's close carried forward over steps where it has no
bar); live and paper add one step per decision round (`mark`). Start-of-day equity comes from the
portfolio's change points and the closes of the last step before 00:00 UTC, so it is exact
whichever bars a run visits (as `AccountTracker` does for one symbol).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from decimal import Decimal

import numpy as np

from aitrader.domain.candles import FloatArray, IntArray
from aitrader.domain.decimals import qty_decimal, to_decimal
from aitrader.domain.instrument import Instrument
from aitrader.engine.account import MS_PER_DAY, PeakCache, ordered_view
from aitrader.execution.portfolio import Portfolio
from aitrader.risk.account import AccountState


class PortfolioAccount:
    """Snapshots of a several-symbol account for the gate (see the module docstring)."""

    def __init__(
        self,
        portfolio: Portfolio,
        instruments: Mapping[str, Instrument],
        taker_fee: float = 0.001,
        maker_fee: float = 0.001,
    ) -> None:
        self.portfolio = portfolio
        self.instruments = dict(instruments)
        self.taker_fee = to_decimal(taker_fee)
        self.maker_fee = to_decimal(maker_fee)
        self._step0 = 0  # the grid step of the first mark held
        self._times: Sequence[int] = []
        self._closes: dict[str, Sequence[float]] = {}
        self._live_times: list[int] = []
        self._live_closes: dict[str, list[float]] = {}
        self._day: tuple[int, float] = (-1, 0.0)
        self._peak = PeakCache()

    def add(self, instrument: Instrument) -> None:
        self.instruments[instrument.symbol] = instrument

    def set_grid(self, times: IntArray, closes: Mapping[str, FloatArray]) -> None:
        """A backtest's whole grid: step open times and each symbol's close on every step (NaN
        before its first bar)."""
        self._step0 = 0
        self._times = ordered_view(times, np.int64)
        self._closes = {s: ordered_view(c, np.float64) for s, c in closes.items()}
        self._day = (-1, 0.0)

    def mark(self, step: int, time_ms: int, closes: Mapping[str, float]) -> None:
        """Live and paper: the closes of a new grid step (steps come in order)."""
        if not self._live_times:
            self._step0 = step
            self._times = self._live_times
            self._closes = self._live_closes  # type: ignore[assignment]
        elif step != self._step0 + len(self._live_times):
            raise ValueError(f"grid step {step} does not follow {self._step0 + len(self._live_times) - 1}")
        # a late candle pushed in a round of its own carries an older open time: the grid's times
        # stay ascending (start-of-day equity bisects them)
        self._live_times.append(max(time_ms, self._live_times[-1]) if self._live_times else time_ms)
        for symbol in self.instruments:
            column = self._live_closes.setdefault(symbol, [float("nan")] * (len(self._live_times) - 1))
            previous = column[-1] if column else float("nan")
            column.append(closes.get(symbol, previous))

    def marks_at(self, step: int) -> dict[str, float]:
        k = step - self._step0
        return {s: c[k] for s, c in self._closes.items()} if 0 <= k < len(self._times) else {}

    def _value(self, cash: float, held: Mapping[str, float], k: int) -> float:
        value = cash
        for symbol, qty in held.items():
            if qty:
                close = self._closes[symbol][k] if symbol in self._closes else float("nan")
                if close == close:  # not NaN: a symbol without a bar yet holds nothing anyway
                    value += qty * close
        return value

    def state(self, bar: int, now_ms: int) -> AccountState:
        """The account at the close of grid step `bar`."""
        p = self.portfolio
        k = min(max(bar - self._step0, 0), len(self._times) - 1)
        held = {s: q + p.dust(s) for s, q in p.quantities.items() if q}
        for s in self.instruments:
            d = p.dust(s)
            if d and s not in held:
                held[s] = d
        cash = p.cash
        value = self._value(cash, held, k) if k >= 0 else cash
        free_base: dict[str, Decimal] = {}
        for s, q in p.quantities.items():
            if q > 0 and s in self.instruments:
                free_base[self.instruments[s].base_asset] = qty_decimal(q)
        day_start = p.initial_cash
        if k >= 0:
            t = int(self._times[k])
            day = t - t % MS_PER_DAY
            if self._day[0] != day:
                self._day = (day, self._equity_before(day))
            day_start = self._day[1]
        return AccountState(
            to_decimal(value if value > 0.0 else 0.0),
            to_decimal(cash if cash > 0.0 else 0.0),
            now_ms,
            free_base,
            p.open_positions(),
            to_decimal(day_start if day_start > 0.0 else 0.0),
            p.consecutive_losses,
            p.last_loss_ms,
            self.taker_fee,
            self.maker_fee,
            peak_equity=self._peak.get(p.peak_equity),
        )

    def _equity_before(self, day_ms: int) -> float:
        """Equity at the close of the last step before `day_ms` (the initial cash if none)."""
        prev = bisect_left(self._times, day_ms) - 1
        if prev < 0:
            return self.portfolio.initial_cash
        cash, held = self.portfolio.holdings_after(prev + self._step0)
        return self._value(cash, held, prev)
