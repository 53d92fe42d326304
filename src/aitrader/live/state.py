"""What the terminal view shows and the final summary reports: the runner writes it, nobody reads I/O.

A run over several symbols (`--symbols`) also keeps one row per symbol (`rows`: last price,
position, protection, unrealised P&L) and the portfolio's limits (`portfolio`) with the gate's
latest rejections; `position` and `protection` then sum the rows up. A universe run (`--universe`)
also keeps its rule (`universe`) and the symbols that take entries now (`members`); a symbol that
joins gets its row (`add_symbol`), one that left keeps it (exits only).
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal

from aitrader.domain import Candle


@dataclass
class SymbolRow:
    """One symbol of a portfolio run, as the view shows it."""

    symbol: str
    price: Decimal = Decimal(0)
    position: str = "flat"
    protection: str = "-"
    status: str = "-"  # "protected", "NAKED" (a position without a live stop covering it) or "-" (flat)
    unrealised: Decimal = Decimal(0)
    verdict: str = "-"  # the gate's last verdict on this symbol


@dataclass
class PortfolioLimits:
    """The account across every symbol against the gate's portfolio limits."""

    open_positions: int = 0
    max_open_positions: int = 0
    exposure: Decimal = Decimal(0)  # notional of every open position at its last price
    max_total_exposure: float = 0.0  # share of equity


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
    symbols: tuple[str, ...] = ()  # a portfolio run's symbols (empty: just `symbol`)
    rows: dict[str, SymbolRow] = field(default_factory=dict)
    limits: PortfolioLimits = field(default_factory=PortfolioLimits)
    # the gate's latest rejections, newest last: "ETHUSDT correlated_exposure: <its sentence>"
    rejected: deque[str] = field(default_factory=lambda: deque(maxlen=5))
    universe: str = ""  # a universe run's rule, in words ("" without a universe)
    members: tuple[str, ...] = ()  # the universe now: the symbols that take entries

    def __post_init__(self) -> None:
        self.symbols = self.symbols or (self.symbol,)
        for s in self.symbols:
            self.rows.setdefault(s, SymbolRow(s))

    @property
    def portfolio(self) -> bool:
        return len(self.symbols) > 1 or bool(self.universe)

    def trade_symbols(self, symbols: tuple[str, ...]) -> None:
        """The run's symbols once its universe chose them at start (rows rebuilt)."""
        self.symbol, self.symbols = symbols[0], symbols
        self.rows = {s: SymbolRow(s) for s in symbols}

    def add_symbol(self, symbol: str) -> None:
        """A symbol that joined the run (its row at the end)."""
        if symbol not in self.symbols:
            self.symbols = (*self.symbols, symbol)
        self.rows.setdefault(symbol, SymbolRow(symbol))

    def event(self, text: str) -> None:
        self.events.append(f"{time.strftime('%H:%M:%S')} {text}")

    def sum_up_rows(self) -> None:
        """A portfolio run's position and protection lines from its rows (one symbol: the row's own)."""
        if not self.portfolio:
            row = self.rows[self.symbol]
            self.position, self.protection = row.position, row.protection
            return
        held = [r for r in self.rows.values() if r.position != "flat"]
        if not held:
            self.position, self.protection = "flat", "-"
            return
        self.position = "; ".join(f"{r.symbol} {r.position}" for r in held)
        naked = [r.symbol for r in held if r.status != "protected"]
        self.protection = (
            f"NOT PROTECTED: {', '.join(naked)} (being re-placed)"
            if naked
            else f"protected: {', '.join(r.symbol for r in held)} each under its OCO"
        )

    @property
    def pnl(self) -> Decimal:
        return self.equity - self.start_equity

    @property
    def runtime_s(self) -> float:
        return time.monotonic() - self.started
