"""The runner's telemetry writer, also handing each decision loop's record to the API.

A `LiveRunner` writes one `LoopRecord` per closed candle, at the end of its loop (the candle, and
how long deciding took). `LoopTap` stands in for its `TelemetryWriter` (the file and the journal
get exactly what they got before) and then calls `on_record`, which only publishes to the hub.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from aitrader.live.telemetry import LoopRecord, TelemetryWriter

log = logging.getLogger(__name__)


class LoopTap(TelemetryWriter):
    def __init__(self, inner: TelemetryWriter, on_record: Callable[[LoopRecord], None]) -> None:
        super().__init__(None, None)
        self.inner = inner
        self.path = inner.path
        self.journal = inner.journal
        self.on_record = on_record

    def write(self, record: LoopRecord) -> str:
        line = self.inner.write(record)
        self.count = self.inner.count
        try:
            self.on_record(record)
        except Exception:  # the API never fails a trading loop
            log.exception("the API could not take the loop record of %s", record.time_ms)
        return line

    def close(self) -> None:
        self.inner.close()
