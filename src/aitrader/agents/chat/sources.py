"""Where the chat tools read from: the exchange account and the bot's journal. Both are read-only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from aitrader.agents.chat.models import (
    AssetBalance,
    BotStatusView,
    DecisionView,
    OrderListView,
    OrderView,
    PositionView,
    RejectionTally,
    SymbolView,
    TickerView,
    TradeView,
)

if TYPE_CHECKING:
    from aitrader.domain.candles import Candles


class AccountSource(Protocol):
    """Read-only view of an exchange account. Symbols are exchange ids such as "BTCUSDT"."""

    def balances(self) -> list[AssetBalance]: ...

    def open_orders(self, symbol: str | None) -> list[OrderView]: ...

    def open_order_lists(self) -> list[OrderListView]: ...

    def orders(self, symbol: str, since_ms: int | None) -> list[OrderView]: ...

    def trades(self, symbol: str, since_ms: int | None) -> list[TradeView]: ...

    def ticker(self, symbol: str) -> TickerView: ...

    def symbols(self) -> list[SymbolView]: ...

    def server_time_ms(self) -> int:
        """The venue's clock ("today" is the venue's today; a replaying exchange lives in the past)."""
        ...

    def candles(self, symbol: str, interval: str, limit: int) -> Candles:
        """The newest `limit` candles of `symbol` at `interval` (Binance names: 1m, 15m, 1h, 4h, 1d, …),
        oldest first; the last one may still be forming. A public call (GET /api/v3/klines): no key
        is needed. Unknown symbol or interval: `SourceError`."""
        ...


class JournalSource(Protocol):
    """Read-only view of the bot's journal: positions, decisions (proposal + verdict) and status."""

    def positions(self) -> list[PositionView]: ...

    def decisions(self, limit: int) -> list[DecisionView]:
        """Newest first."""
        ...

    def decision_for_order(self, order_id: str) -> DecisionView | None: ...

    def status(self) -> BotStatusView: ...


@runtime_checkable
class RejectionSource(Protocol):
    """A journal that finds the gate's refusals itself (by symbol and time, counted by reason), past
    the newest decisions `JournalSource.decisions` reads."""

    def rejections(
        self, symbol: str | None, since_ms: int | None, until_ms: int | None, limit: int
    ) -> list[DecisionView]:
        """Newest first."""
        ...

    def rejection_tally(
        self, symbol: str | None, since_ms: int | None, until_ms: int | None
    ) -> list[RejectionTally]: ...


class EmptyJournal:
    """Stands in when no journal is configured: no positions, no decisions, bot not running."""

    def positions(self) -> list[PositionView]:
        return []

    def decisions(self, limit: int) -> list[DecisionView]:
        return []

    def decision_for_order(self, order_id: str) -> DecisionView | None:
        return None

    def status(self) -> BotStatusView:
        return BotStatusView(running=False, note="no journal configured (use --journal PATH)")

    def rejections(
        self, symbol: str | None, since_ms: int | None, until_ms: int | None, limit: int
    ) -> list[DecisionView]:
        return []

    def rejection_tally(
        self, symbol: str | None, since_ms: int | None, until_ms: int | None
    ) -> list[RejectionTally]:
        return []


class SourceError(RuntimeError):
    """A source could not answer (network, auth, missing symbol). The message is safe to show."""


AUTH_HINT = "check BINANCE_API_KEY/BINANCE_API_SECRET or --api-key/--api-secret"


class VenueAuthError(SourceError):
    """The venue refused the API key or its signature: no question can be answered until it is fixed."""


NO_KEYS = (
    "chat needs read access to the account: set BINANCE_API_KEY and BINANCE_API_SECRET "
    "(or pass --api-key/--api-secret)"
)


class NoAccountError(VenueAuthError):
    """No key to read the account with: an account question cannot be answered (the journal's can)."""


class NoAccount:
    """Stands in when no keys are configured: questions about the journal — what the bot decided,
    what the bear said — are answered; one about the account says which keys it needs."""

    def balances(self) -> list[AssetBalance]:
        raise NoAccountError(NO_KEYS)

    def open_orders(self, symbol: str | None) -> list[OrderView]:
        raise NoAccountError(NO_KEYS)

    def open_order_lists(self) -> list[OrderListView]:
        raise NoAccountError(NO_KEYS)

    def orders(self, symbol: str, since_ms: int | None) -> list[OrderView]:
        raise NoAccountError(NO_KEYS)

    def trades(self, symbol: str, since_ms: int | None) -> list[TradeView]:
        raise NoAccountError(NO_KEYS)

    def ticker(self, symbol: str) -> TickerView:
        raise NoAccountError(NO_KEYS)

    def symbols(self) -> list[SymbolView]:
        return []  # no venue to list them: names are read as written

    def server_time_ms(self) -> int:
        import time

        return int(time.time() * 1000)

    def candles(self, symbol: str, interval: str, limit: int) -> Candles:
        raise NoAccountError(NO_KEYS)
