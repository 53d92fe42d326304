"""The live or paper run in the kernel's journal schema (`aitrader.execution.journal`): the same
`runs`, `proposals`, `verdicts`, `plans`, `orders`, `fills`, `trades` and `events` tables a
backtest writes, so reports and the chat agent read every mode alike. Committed once per candle
loop (`flush`), after its orders have left: a commit never sits between a candle and its order.

The run's row is written here; the rows of what happens come from the kernel's bus through
`engine.journaling.JournalRecorder`, as in a backtest. The crash-safety state of live trading
(intents, order states, protection) lives in the `live_*` tables of `aitrader.live.journal`, in
the same database.

A portfolio run (`--symbols`) is one run whose symbol is the list (`BTCUSDT,ETHUSDT,SOLUSDT`). The
`candles` table is keyed by run and open time, one symbol per run: it holds the first symbol's
candles, and every other symbol's candles are `candle` events (payload: the symbol and the
candle's row), warm-up and live alike. The live candles of each loop round are a `round` event
(payload: `index`, `symbols` in the order recorded, `decided` per symbol), so `aitrader replay`
makes the same `Kernel.push_round` calls: the loop pushes a round's late candles first (not decided
on, recorded first), then the others (decided on, recorded, then `flush`), so the replay pushes the
candles before the first decided one apart. A round event closes at a flush, at another open time,
or at a symbol it holds already. Late candles of one open time that came one by one may share an
event, and a candle of a symbol still in its warm-up may join the late or the decided part: neither
changes a decision or a fill (nothing is decided between them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from aitrader.domain import Candle
from aitrader.execution.journal import Journal


class RunRecord:
    def __init__(self, path: str | Path, run_id: str, symbols: tuple[str, ...] = ()) -> None:
        self.journal = Journal(path, batch=100_000)  # flushed by the loop, see the module docstring
        self.run_id = run_id
        self.symbols = symbols  # a portfolio run's symbols; the first one's candles go to `candles`
        self._round: list[tuple[str, bool]] = []  # the live candles of the round being recorded
        self._round_time = 0
        self._rounds = 0

    def start(self, mode: str, strategy: str, symbol: str, interval: str, equity: float,
              params: Mapping[str, Any]) -> None:  # fmt: skip
        self.journal.start_run(self.run_id, mode, strategy, symbol, interval, equity, params)

    def candles(
        self,
        candles: Iterable[Candle],
        phase: str,
        decided: bool = False,
        received_ms: int | None = None,
        symbol: str | None = None,
    ) -> None:
        """Candles as the session saw them: the warm-up history, then each closed candle as received
        (and whether it was decided on), so `aitrader replay` can run the session again. `symbol`:
        whose candles (a portfolio run; None or the first symbol: the `candles` table)."""
        candles = list(candles)
        rows = [
            {
                "open_time": c.open_time,
                "open": float(c.open),
                "high": float(c.high),
                "low": float(c.low),
                "close": float(c.close),
                "volume": float(c.volume),
                "phase": phase,
                "decided": decided,
                "received_ms": received_ms,
            }
            for c in candles
        ]
        if self.symbols and phase == "live":
            self._note_round(symbol or self.symbols[0], candles, decided)
        if symbol is None or not self.symbols or symbol == self.symbols[0]:
            self.journal.record_candles(self.run_id, rows)
            return
        for c, row in zip(candles, rows, strict=True):
            self.journal.record_event(self.run_id, c.open_time, "candle", {"symbol": symbol, **row})

    def _note_round(self, symbol: str, candles: list[Candle], decided: bool) -> None:
        for c in candles:
            if self._round and (c.open_time != self._round_time or any(s == symbol for s, _ in self._round)):
                self._close_round()
            self._round_time = c.open_time
            self._round.append((symbol, decided))

    def _close_round(self) -> None:
        """The `round` event of the live candles recorded since the last one (see the module docstring)."""
        if not self._round:
            return
        payload = {
            "index": self._rounds,
            "symbols": [s for s, _ in self._round],
            "decided": [d for _, d in self._round],
        }
        self.journal.record_event(self.run_id, self._round_time, "round", payload)
        self._rounds += 1
        self._round = []

    def flush(self) -> None:
        self._close_round()
        self.journal.flush()

    def event(self, time_ms: int, kind: str, payload: Mapping[str, Any]) -> None:
        self.journal.record_event(self.run_id, time_ms, kind, payload)

    def finish(self, equity: float, status: str = "finished") -> None:
        self._close_round()
        self.journal.finish_run(self.run_id, equity, status)
        self.journal.close()
