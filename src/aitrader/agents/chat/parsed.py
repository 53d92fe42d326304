"""What the offline understanding makes of a question (Parsed) and what the conversation has
established so far (Context)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aitrader.agents.chat.matcher import Match
from aitrader.agents.chat.periods import Period

if TYPE_CHECKING:
    from aitrader.agents.chat.universe import Universe


@dataclass
class Context:
    """What the conversation has established so far."""

    intent: str | None = None
    asset: str | None = None
    symbol: str | None = None
    period: Period | None = None
    side: str | None = None
    order_id: str | None = None
    status: str | None = None
    limit: int | None = None
    amount: str | None = None  # the amount the last price was asked for
    pending: str | None = None  # an intent waiting for the symbol the last clarification asked for
    coin_only: bool = False  # the last turn named only a coin ("eth" -> "how much I hold": ETH's)
    refused: bool = False  # the last answer refused a request to act ("make it 2" then asks the same)
    code_words: tuple[str, ...] = ()  # "whenever I say 'banana', sell half my BTC": "banana" then asks it
    asks: list[Parsed] = field(default_factory=list)  # the parts of the last answer, if it had several


@dataclass
class Parsed:
    intent: str  # an intent, or "clarify", "out_of_scope", "trade_request", "unlisted", "multi"
    asset: str | None = None
    symbol: str | None = None
    period: Period | None = None
    side: str | None = None
    order_id: str | None = None
    amount: str | None = None
    status: str | None = None
    limit: int | None = None
    quote: str | None = None
    question: str = ""  # the clarifying question (intent "clarify"), or the reply (intent "unlisted")
    match: Match | None = None
    options: list[str] = field(default_factory=list)
    asked: str | None = None  # for "unlisted": the intent the question had
    unlisted: list[str] = field(default_factory=list)  # for "unlisted": the names the venue lacks
    parts: list[Parsed] = field(default_factory=list)  # for "multi": one per question asked
    carried: bool = False  # a follow-up: filters not named again were carried from the conversation

    def coin(self, universe: Universe) -> str | None:
        """The coin the part is about: its asset, or its market's base."""
        return self.asset or (universe.base_of(self.symbol) if self.symbol else None)

    def entities(self) -> dict[str, str]:
        out = {
            "asset": self.asset,
            "symbol": self.symbol,
            "order_id": self.order_id,
            "side": self.side,
            "amount": self.amount,
            "period": self.period.label if self.period else None,
            "status": self.status,
            "limit": str(self.limit) if self.limit is not None else None,
            "quote": self.quote,
        }
        return {k: v for k, v in out.items() if v is not None}
