"""The exchange core: replayed markets (one tape per symbol on one replay clock) plus the order book.

Not thread-safe: the server calls it from its event loop only.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import numpy as np

from aitrader.data import load_sample, read_candles_csv
from aitrader.domain import Candles, Instrument, Timeframe
from aitrader.domain.decimals import to_decimal
from aitrader.venues.local import klines, resting
from aitrader.venues.local.book import Book
from aitrader.venues.local.config import LocalExchangeConfig
from aitrader.venues.local.instruments import build_instruments
from aitrader.venues.local.models import LocalTrade
from aitrader.venues.local.tape import SymbolTape, Tick

TickListener = Callable[[Tick], None]
FillListener = Callable[[list[LocalTrade]], None]


def load_candles(config: LocalExchangeConfig) -> dict[str, Candles]:
    tf = Timeframe.parse(config.timeframe)
    out: dict[str, Candles] = {}
    for symbol in config.symbols:
        path = config.files.get(symbol)
        candles = read_candles_csv(path, symbol=symbol, timeframe=tf) if path else load_sample(symbol, tf)
        out[symbol] = candles.with_meta(symbol=symbol, timeframe=tf)
    return out


def default_start(candles: dict[str, Candles], warmup: int) -> int:
    """`warmup` candles after the latest first candle, so every symbol has history before the start."""
    first = max(c.start_ms for c in candles.values())
    c0 = next(iter(candles.values()))
    idx = min(int(np.searchsorted(c0.open_time, first)) + warmup, len(c0) - 1)
    return int(c0.open_time[idx])


class Engine:
    """Tapes, instruments and the book, on one replay clock."""

    def __init__(self, config: LocalExchangeConfig, candles: dict[str, Candles] | None = None) -> None:
        self.config = config
        data = candles if candles is not None else load_candles(config)
        self.start_ms = (
            config.start_ms if config.start_ms is not None else default_start(data, config.warmup_candles)
        )
        prices = {}
        for s, c in data.items():
            idx = max(0, int(np.searchsorted(c.open_time, self.start_ms)) - 1)
            prices[s] = float(c.close[min(idx, len(c) - 1)])
        built = build_instruments(prices)
        self.entries: dict[str, dict[str, Any]] = {s: e for s, (e, _) in built.items()}
        self.instruments: dict[str, Instrument] = {s: i for s, (_, i) in built.items()}
        self.tapes = {
            s: SymbolTape(c, self.start_ms, config.ticks_per_candle, self.instruments[s].tick_size)
            for s, c in data.items()
        }
        self.book = Book(config, self.instruments)
        self.clock_ms = self.start_ms
        self.listeners: list[TickListener] = []
        # Called with a tick's new trades before its tick listeners (market data) run.
        self.fill_listeners: list[FillListener] = []

    # ---- market view -------------------------------------------------------------------------
    def now(self) -> int:
        return self.clock_ms

    def last_price(self, symbol: str) -> Decimal:
        return self.tapes[symbol].last_price

    def avg_price(self, symbol: str, minutes: int = 5) -> Decimal:
        """Volume-weighted average price over the last `minutes` (PERCENT_PRICE / NOTIONAL reference)."""
        stats = klines.rolling_window(self.tapes[symbol], self.clock_ms, minutes * 60_000)
        if stats is None:
            return self.last_price(symbol)
        return self.instruments[symbol].round_price(to_decimal(stats["vwap"]))

    def market_liquidity(self, symbol: str) -> Decimal | None:
        """Base quantity a MARKET order can take now (None = unlimited)."""
        share = self.config.market_liquidity_share
        if share <= 0:
            return None
        tape = self.tapes[symbol]
        i = min(max(tape.i, 0), len(tape.candles) - 1)
        return self.instruments[symbol].round_qty(to_decimal(float(tape.candles.volume[i]) * share))

    # ---- replay ------------------------------------------------------------------------------
    def next_tick_time(self) -> int | None:
        times = [t for t in (tape.next_time() for tape in self.tapes.values()) if t is not None]
        return min(times) if times else None

    def step_tick(self) -> Tick | None:
        """Replay the next tick of whichever symbol comes first; None when every tape is exhausted."""
        best: SymbolTape | None = None
        best_t = 0
        for tape in self.tapes.values():
            t = tape.next_time()
            if t is not None and (best is None or t < best_t):
                best, best_t = tape, t
        if best is None:
            return None
        tick = best.advance()
        self.clock_ms = max(self.clock_ms, tick.time)
        traded = len(self.book.trades)
        resting.on_tick(self, tick)
        if self.fill_listeners and len(self.book.trades) > traded:
            for fill_listener in self.fill_listeners:
                fill_listener(self.book.trades[traded:])
        for listener in self.listeners:
            listener(tick)
        return tick

    def advance_to(self, time_ms: int) -> int:
        """Replay every tick up to `time_ms`; the clock ends at `time_ms`. Returns ticks replayed."""
        n = 0
        while True:
            t = self.next_tick_time()
            if t is None or t > time_ms:
                break
            self.step_tick()
            n += 1
        self.clock_ms = max(self.clock_ms, time_ms)
        return n

    def step_ticks(self, n: int) -> int:
        done = 0
        while done < n and self.step_tick() is not None:
            done += 1
        return done

    def step_candles(self, n: int) -> int:
        """Replay until the `n`-th next candle of the first symbol has closed (all symbols move along)."""
        first = (
            self.tapes[self.config.symbols[0]]
            if self.config.symbols[0] in self.tapes
            else next(iter(self.tapes.values()))
        )
        target = first.close_time_after(n)
        if target is None:
            return self.step_ticks(10**9)
        return self.advance_to(target)

    # ---- persistence -------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        return {
            "clock_ms": self.clock_ms,
            "tapes": {s: t.position() for s, t in self.tapes.items()},
            "book": self.book.to_dict(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.clock_ms = int(state["clock_ms"])
        for s, pos in state["tapes"].items():
            if s in self.tapes:
                self.tapes[s].restore(pos)
        self.book.restore(state["book"])
