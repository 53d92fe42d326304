"""Closed candles of several symbols, grouped by open time into decision rounds.

A portfolio run decides as its backtest does: every symbol's broker sees bar T, then each symbol
decides, in `--symbols` order (`Kernel.push_round`). Live, the symbols' candles for T arrive one by
one on the combined stream, so `CandleRounds` holds them until every symbol's candle of T is there,
or until a short deadline after the first of them (`round_deadline_s`: min(10 s, a sixth of the
interval)); the round then goes without the missing ones. A candle that comes after its round went
(`Round.straggler`) is still taken into its symbol's features and broker, never decided on, and
the reason is recorded as for any late candle. A later round that is complete sends the earlier
ones first: rounds always go in open-time order.

`follow_rounds` runs a market stream through it: each closed candle to the grouping, everything
else (forming candles, connection and data-quality events) to `other`, and a round to `on_round`
as soon as it is complete or due.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from aitrader.domain import Candle
from aitrader.domain.timeframe import format_ms
from aitrader.venues.binance.klines import KlineUpdate

ROUND_DEADLINE_CAP_S = 10.0


def round_deadline_s(interval_ms: int) -> float:
    """How long a round waits for its last symbols after the first candle of its open time."""
    return min(ROUND_DEADLINE_CAP_S, interval_ms / 6000)


@dataclass
class Round:
    """The closed candles of one open time: symbol -> (candle, perf_counter_ns of its frame; 0 when
    unknown), in symbol order."""

    open_time: int
    candles: dict[str, tuple[Candle, int]] = field(default_factory=dict)
    missing: tuple[str, ...] = ()  # symbols whose candle had not come when the round went
    straggler: bool = False  # the candle(s) of a round that already went: never decided on
    first_s: float = 0.0  # monotonic time its first candle came

    def late_note(self, symbol: str) -> str | None:
        """Why a straggler's candle is not decided on (None for a candle that came in time)."""
        if not self.straggler:
            return None
        return (
            f"{symbol}'s {format_ms(self.open_time)} candle came after the other symbols' round was decided"
        )


class CandleRounds:
    """Groups closed candles by open time (see the module docstring)."""

    def __init__(
        self,
        symbols: Sequence[str],
        interval_ms: int,
        deadline_s: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.symbols = tuple(symbols)
        self.deadline_s = round_deadline_s(interval_ms) if deadline_s is None else deadline_s
        self.clock = clock
        self._open: dict[int, Round] = {}  # open time -> round being gathered
        self._last_sent = -1  # open time of the newest round that went

    def expect(self, symbol: str) -> None:
        """A symbol that joined the run: rounds wait for its candle too from now on (after the
        others in the run's order); a round gathered already waits for it as well."""
        if symbol not in self.symbols:
            self.symbols = (*self.symbols, symbol)

    def add(self, symbol: str, candle: Candle, recv_ns: int = 0) -> list[Round]:
        """Take a closed candle; returns the rounds ready now, oldest first."""
        t = candle.open_time
        if t <= self._last_sent:  # its round went without it
            return [Round(t, {symbol: (candle, recv_ns)}, straggler=True, first_s=self.clock())]
        rnd = self._open.get(t)
        if rnd is None:
            rnd = self._open[t] = Round(t, first_s=self.clock())
        rnd.candles[symbol] = (candle, recv_ns)
        if len(rnd.candles) < len(self.symbols):
            return self.due()
        return self._send_until(t)

    def due(self) -> list[Round]:
        """Rounds whose deadline passed (and any earlier ones), oldest first."""
        now = self.clock()
        late = [t for t, r in self._open.items() if now - r.first_s >= self.deadline_s]
        return self._send_until(max(late)) if late else []

    def wait_s(self) -> float | None:
        """Seconds until the next round falls due (None: none is being gathered)."""
        if not self._open:
            return None
        first = min(r.first_s for r in self._open.values())
        return max(0.0, first + self.deadline_s - self.clock())

    def flush(self) -> list[Round]:
        """Every round being gathered, as it is (the stream ended)."""
        return self._send_until(max(self._open)) if self._open else []

    def _send_until(self, t: int) -> list[Round]:
        out = []
        for key in sorted(k for k in self._open if k <= t):
            rnd = self._open.pop(key)
            ordered = {s: rnd.candles[s] for s in self.symbols if s in rnd.candles}
            rnd.candles = ordered
            rnd.missing = tuple(s for s in self.symbols if s not in ordered)
            self._last_sent = max(self._last_sent, key)
            out.append(rnd)
        return out


async def follow_rounds(
    events: AsyncIterator[object],
    rounds: CandleRounds,
    on_round: Callable[[Round], Awaitable[None]],
    other: Callable[[object], None],
    recv_ns: Callable[[KlineUpdate], int],
    done: Callable[[], bool],
) -> None:
    """Run `events` (a market stream's) until it ends or `done()` says so after a round."""
    nxt: asyncio.Future[object] = asyncio.ensure_future(anext(events))
    try:
        while True:
            finished, _ = await asyncio.wait({nxt}, timeout=rounds.wait_s())
            ready: list[Round] = []
            if nxt in finished:
                try:
                    ev = nxt.result()
                except StopAsyncIteration:  # the stream ended by itself: what was gathered still goes
                    for rnd in [] if done() else rounds.flush():
                        await on_round(rnd)
                    return
                if done():  # stopped meanwhile: what the stream says now is its own closing
                    return
                nxt = asyncio.ensure_future(anext(events))
                if isinstance(ev, KlineUpdate) and ev.candle.closed:
                    ready = rounds.add(ev.symbol, ev.candle, recv_ns(ev))
                else:
                    other(ev)
            ready += rounds.due()
            for rnd in ready:
                await on_round(rnd)
                if done():
                    return
    finally:
        if not nxt.done():
            nxt.cancel()
            with contextlib.suppress(asyncio.CancelledError, StopAsyncIteration, Exception):
                await nxt
        aclose = getattr(events, "aclose", None)
        if aclose is not None:
            with contextlib.suppress(Exception):
                await aclose()
