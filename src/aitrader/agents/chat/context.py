"""What every tool call sees: the sources, the venue's universe, the quote currency and the clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from aitrader.agents.chat.models import SymbolView, TickerView
from aitrader.agents.chat.sources import AccountSource, JournalSource, SourceError
from aitrader.agents.chat.universe import Universe

STABLE_QUOTES = frozenset({"USDT", "USDC", "FDUSD", "BUSD", "TUSD", "DAI"})


@dataclass
class ToolContext:
    account: AccountSource
    journal: JournalSource
    quote: str = "USDT"
    risk_fraction: float = 0.01
    risk_ceiling: float = 0.10
    strategy: str = "confluence"  # what the bot trades, for market analysis (settings: AITRADER_STRATEGY)
    interval: str = "1m"  # ... on this timeframe (AITRADER_INTERVAL)
    _universe: Universe | None = field(default=None, repr=False)
    _tickers: dict[str, TickerView] = field(default_factory=dict, repr=False)
    _now_ms: int | None = field(default=None, repr=False)

    @property
    def universe(self) -> Universe:
        if self._universe is None:
            self._universe = Universe(self.account.symbols(), self.quote)
        return self._universe

    def now_ms(self) -> int:
        """The venue's clock, read once per question."""
        if self._now_ms is None:
            self._now_ms = self.account.server_time_ms()
        return self._now_ms

    def new_question(self) -> None:
        """Forget cached prices and time: every question sees fresh ones (the universe is kept)."""
        self._tickers.clear()
        self._now_ms = None

    def ticker(self, symbol: str) -> TickerView:
        if symbol not in self._tickers:
            self._tickers[symbol] = self.account.ticker(symbol)
        return self._tickers[symbol]

    def symbol_view(self, symbol: str) -> SymbolView:
        s = self.universe.by_symbol.get(symbol)
        if s is None:
            raise SourceError(f"unknown symbol {symbol!r} on this venue")
        return s

    def require_symbol(self, text: str) -> str:
        sym = self.universe.symbol(text)
        if sym is None:
            raise SourceError(f"unknown symbol or asset {text!r} on this venue")
        return sym

    def value_in_quote(self, asset: str, amount: Decimal) -> Decimal | None:
        """`amount` of `asset` in the quote currency at the last price; None if no market prices it."""
        if amount == 0:
            return Decimal(0)
        if asset == self.quote or (asset in STABLE_QUOTES and self.quote in STABLE_QUOTES):
            return amount
        sym = self.universe.symbol_for(asset, self.quote)
        if sym is not None and self.universe.quote_of(sym) == self.quote:
            return amount * self.ticker(sym).last
        return None
