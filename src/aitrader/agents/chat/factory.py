"""Build a chat engine from Settings and command-line overrides."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from aitrader.agents.chat.answer import ChatAnswer
from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.models import BotStatusView, DecisionView, PositionView, RejectionTally
from aitrader.agents.chat.sources import AccountSource, EmptyJournal, JournalSource, NoAccount
from aitrader.config import Settings
from aitrader.config.settings import RISK_FRACTION_CEILING
from aitrader.storage.target import is_url

if TYPE_CHECKING:
    from aitrader.agents.chat.bot_journal import BotJournal


class ChatEngine(Protocol):
    name: str

    def ask(self, question: str) -> ChatAnswer: ...


@dataclass
class ChatOptions:
    rest_url: str | None = None
    api_key: str | None = None
    api_secret: str | None = None
    journal: str | Path | None = None  # a SQLite file or a database URL
    trace: Path | None = None
    offline: bool = False
    quote: str = "USDT"
    strategy: str | None = None  # what the bot trades (a running session's), for market analysis
    interval: str | None = None


class ChatSetupError(ValueError):
    """The chat cannot start; the message says what is missing and how to fix it (no secrets)."""


class LazyJournal:
    """Opens the journal on the first journal question: a balance or price question never pays
    for SQLAlchemy and the journal readers (about a second of imports)."""

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self._source: BotJournal | None = None

    @property
    def source(self) -> BotJournal:
        if self._source is None:
            from aitrader.agents.chat.bot_journal import BotJournal

            self._source = BotJournal(self.path)
        return self._source

    def positions(self) -> list[PositionView]:
        return self.source.positions()

    def decisions(self, limit: int) -> list[DecisionView]:
        return self.source.decisions(limit)

    def decision_for_order(self, order_id: str) -> DecisionView | None:
        return self.source.decision_for_order(order_id)

    def status(self) -> BotStatusView:
        return self.source.status()

    def rejections(
        self, symbol: str | None, since_ms: int | None, until_ms: int | None, limit: int
    ) -> list[DecisionView]:
        return self.source.rejections(symbol, since_ms, until_ms, limit)

    def rejection_tally(
        self, symbol: str | None, since_ms: int | None, until_ms: int | None
    ) -> list[RejectionTally]:
        return self.source.rejection_tally(symbol, since_ms, until_ms)


def open_journal(target: str | Path | None) -> JournalSource:
    """The journal at `target` (a file that does not exist yet: none; a URL: opened when asked)."""
    if target is None or not (is_url(target) or Path(target).exists()):
        return EmptyJournal()
    return LazyJournal(target)


def open_account(settings: Settings, opts: ChatOptions) -> AccountSource:
    """The account over signed REST (`rest_source`): no ccxt, so a one-shot question starts fast."""
    from aitrader.agents.chat.rest_source import MarketCache, RestAccountSource

    key = opts.api_key or settings.binance_api_key.get_secret_value()
    secret = opts.api_secret or settings.binance_api_secret.get_secret_value()
    if not key or not secret:  # the journal's questions need no key; an account question says so
        return NoAccount()
    rest = opts.rest_url or settings.rest_url
    if rest is None:
        rest, _, _ = settings.endpoints()
    return RestAccountSource(key, secret, rest_url=rest, market_cache=MarketCache.default_for(rest))


def build_engine(settings: Settings, opts: ChatOptions, account: AccountSource | None = None) -> ChatEngine:
    from aitrader.agents.chat.offline import OfflineEngine

    ctx = ToolContext(
        account=account or open_account(settings, opts),
        journal=open_journal(opts.journal or settings.journal),
        quote=opts.quote.upper(),
        risk_fraction=settings.risk_fraction,
        risk_ceiling=RISK_FRACTION_CEILING,
        strategy=opts.strategy or settings.strategy,
        interval=opts.interval or settings.interval,
    )
    offline = OfflineEngine(ctx)
    if opts.offline or not settings.llm_enabled:
        return offline
    from aitrader.agents.chat.llm_setup import build_llm_engine

    return build_llm_engine(settings, opts, ctx, offline)
