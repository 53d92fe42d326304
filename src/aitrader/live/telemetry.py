"""One structured JSON line per decision loop, to a file and to the journal.

A record holds the inputs snapshot (candle, indicators), the proposal(s), the gate's verdict(s),
the orders sent, the fills seen and the latency from the closed-candle message's arrival to the
order request leaving (or to the end of the decision when nothing was sent).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field, is_dataclass
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import IO, Any

import msgspec

from aitrader.live.journal import LiveJournal


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, msgspec.Struct):  # the domain's value types
        return {k: _plain(getattr(value, k)) for k in value.__struct_fields__}
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@dataclass
class LoopRecord:
    time_ms: int
    symbol: str
    interval: str
    mode: str
    candle: dict[str, Any]
    indicators: dict[str, Any] = field(default_factory=dict)
    proposals: list[dict[str, Any]] = field(default_factory=list)
    verdicts: list[dict[str, Any]] = field(default_factory=list)
    orders: list[dict[str, Any]] = field(default_factory=list)
    fills: list[dict[str, Any]] = field(default_factory=list)
    latency_us: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(_plain(asdict(self)), separators=(",", ":"), sort_keys=True)


class TelemetryWriter:
    """Appends records to `path` (JSON lines, flushed per line) and to the journal."""

    def __init__(self, path: Path | None, journal: LiveJournal | None) -> None:
        self.path = path
        self.journal = journal
        self._fh: IO[str] | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = path.open("a", encoding="utf-8")
        self.count = 0

    def write(self, record: LoopRecord) -> str:
        line = record.to_json()
        if self._fh is not None:
            self._fh.write(line + "\n")
            self._fh.flush()
        if self.journal is not None:
            self.journal.telemetry(line, record.time_ms)
        self.count += 1
        return line

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def plain(value: Any) -> Any:
    """JSON-ready copy of dataclasses, Decimals, enums and containers."""
    return _plain(value)
