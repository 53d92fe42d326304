"""What the terminal view shows and the final summary reports: the runner writes it, nobody reads I/O."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal

from aitrader.domain import Candle


@dataclass
class LiveState:
    symbol: str
    interval: str
    mode: str
    venue: str
    connection: str = "starting"
    user_stream: str = "-"
    candles: deque[Candle] = field(default_factory=lambda: deque(maxlen=8))
    forming: Candle | None = None
    indicators: dict[str, float | int | str | bool] = field(default_factory=dict)
    proposal: str = "-"
    verdict: str = "-"
    position: str = "flat"
    protection: str = "-"
    start_equity: Decimal = Decimal(0)
    equity: Decimal = Decimal(0)
    events: deque[str] = field(default_factory=lambda: deque(maxlen=12))
    trading_enabled: bool = True
    alarms: list[str] = field(default_factory=list)  # why new entries are refused (empty: they are not)
    candles_seen: int = 0
    decisions: int = 0
    entries: int = 0
    exits: int = 0
    rejections: int = 0
    fills: int = 0
    reconnects: int = 0
    gaps_filled: int = 0
    duplicates_dropped: int = 0
    latencies_us: list[float] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def event(self, text: str) -> None:
        self.events.append(f"{time.strftime('%H:%M:%S')} {text}")

    @property
    def pnl(self) -> Decimal:
        return self.equity - self.start_equity

    @property
    def runtime_s(self) -> float:
        return time.monotonic() - self.started
