"""The live or paper run in the kernel's journal schema (`aitrader.execution.journal`): the same
`runs`, `proposals`, `verdicts`, `plans`, `orders`, `fills`, `trades` and `events` tables a
backtest writes, so reports and the chat agent read every mode alike. Committed row by row.

The run's row is written here; the rows of what happens come from the kernel's bus through
`engine.journaling.JournalRecorder`, as in a backtest. The crash-safety state of live trading
(intents, order states, protection) lives in the `live_*` tables of `aitrader.live.journal`, in
the same database.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from aitrader.execution.journal import Journal


class RunRecord:
    def __init__(self, path: str | Path, run_id: str) -> None:
        self.journal = Journal(path, batch=1)
        self.run_id = run_id

    def start(self, mode: str, strategy: str, symbol: str, interval: str, equity: float,
              params: Mapping[str, Any]) -> None:  # fmt: skip
        self.journal.start_run(self.run_id, mode, strategy, symbol, interval, equity, params)

    def event(self, time_ms: int, kind: str, payload: Mapping[str, Any]) -> None:
        self.journal.record_event(self.run_id, time_ms, kind, payload)

    def finish(self, equity: float, status: str = "finished") -> None:
        self.journal.finish_run(self.run_id, equity, status)
        self.journal.close()
