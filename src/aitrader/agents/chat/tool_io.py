"""Pydantic inputs and outputs of the chat tools. Inputs forbid unknown fields: an LLM cannot smuggle
in anything a schema does not name."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from aitrader.agents.chat.market_view_models import MarketView
from aitrader.agents.chat.models import (
    BotStatusView,
    DecisionView,
    OrderListView,
    OrderView,
    RejectionTally,
    SymbolView,
    TickerView,
    TradeView,
)

SideIn = Literal["BUY", "SELL"]
StatusIn = Literal["FILLED", "CANCELED", "EXPIRED", "REJECTED", "PARTIALLY_FILLED"]


class ToolInput(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, str_max_length=64)


class ToolOutput(BaseModel):
    model_config = ConfigDict(frozen=True)


class BalancesIn(ToolInput):
    asset: str | None = Field(default=None, description="one asset such as BTC; omit for every asset held")


class BalanceLine(ToolOutput):
    asset: str
    free: Decimal
    locked: Decimal
    total: Decimal
    value: Decimal | None = None


class BalancesOut(ToolOutput):
    quote: str
    lines: list[BalanceLine]
    total_value: Decimal
    unpriced: list[str] = []


class OrdersIn(ToolInput):
    symbol: str | None = Field(default=None, description="symbol such as BTCUSDT; omit for all symbols")
    side: SideIn | None = None


class OrdersOut(ToolOutput):
    symbol: str | None
    orders: list[OrderView]
    side: str | None = None  # the side asked for, when the list is narrowed to one


class OrderListsIn(ToolInput):
    symbol: str | None = Field(default=None, description="symbol such as BTCUSDT; omit for all")


class OrderListsOut(ToolOutput):
    lists: list[OrderListView]


class HistoryIn(ToolInput):
    symbol: str | None = Field(default=None, description="symbol such as BTCUSDT; omit for the symbols held")
    period: str | None = Field(
        default=None, description='e.g. "today", "this week", "since monday", "last 24h"'
    )
    order_id: str | None = Field(default=None, description="one order id")
    side: SideIn | None = None
    status: StatusIn | None = Field(default=None, description="only orders that ended this way")
    limit: int | None = Field(default=None, ge=1, le=500, description="only the newest N orders")


class HistoryOut(ToolOutput):
    period: str | None
    orders: list[OrderView]
    status: str | None = None
    limit: int | None = None
    matched: int = 0  # orders that matched before the limit


class TradesIn(ToolInput):
    symbol: str | None = Field(default=None, description="symbol such as BTCUSDT; omit for the symbols held")
    period: str | None = Field(
        default=None, description='e.g. "today", "this week", "since monday", "last 24h"'
    )
    side: SideIn | None = None
    limit: int | None = Field(default=None, ge=1, le=500, description="only the newest N trades")


class PnlLine(ToolOutput):
    symbol: str
    quote: str
    realised: Decimal
    fees: Decimal
    trades: int


class TradesOut(ToolOutput):
    period: str
    trades: list[TradeView]
    pnl: list[PnlLine]
    total_realised: dict[str, Decimal]
    limit: int | None = None
    matched: int = 0  # trades that matched before the limit


class TickerIn(ToolInput):
    symbol: str = Field(description="symbol such as BTCUSDT, or an asset such as BTC")
    amount: Decimal | None = Field(
        default=None, gt=0, le=Decimal("1e15"), description="optional amount of the base asset to value"
    )


class TickerOut(ToolOutput):
    ticker: TickerView
    quote: str
    base: str
    amount: Decimal | None = None
    amount_value: Decimal | None = None


class SymbolIn(ToolInput):
    symbol: str = Field(description="symbol such as BTCUSDT, or an asset such as BTC")


class SymbolOut(ToolOutput):
    info: SymbolView


class NoInput(ToolInput):
    """A tool that takes no arguments."""


class PositionLine(ToolOutput):
    symbol: str
    side: str
    quantity: Decimal
    entry_price: Decimal
    stop_price: Decimal | None
    targets: list[Decimal]
    price: Decimal | None
    unrealised: Decimal | None
    unrealised_pct: Decimal | None
    stop_distance_pct: Decimal | None


class PositionsIn(ToolInput):
    symbol: str | None = Field(default=None, description="symbol such as BTCUSDT; omit for all")


class PositionsOut(ToolOutput):
    positions: list[PositionLine]
    total_unrealised: Decimal
    symbol: str | None = None  # the symbol asked for, when narrowed to one
    elsewhere: int = 0  # open positions on other symbols, left out by `symbol`


class StatusOut(ToolOutput):
    status: BotStatusView


class RiskLine(ToolOutput):
    symbol: str
    risk: Decimal | None  # quote asset lost if the stop is hit; None without a stop
    risk_pct: Decimal | None


class RiskOut(ToolOutput):
    equity: Decimal
    lines: list[RiskLine]
    total_risk: Decimal
    total_risk_pct: Decimal
    per_trade_cap_pct: Decimal
    ceiling_pct: Decimal
    unprotected: list[str]


class WhyIn(ToolInput):
    order_id: str | None = Field(default=None, description="the order to explain; omit for the latest")
    symbol: str | None = None
    side: SideIn | None = None


class WhyOut(ToolOutput):
    decision: DecisionView | None
    asked: str
    quote: str = ""  # the quote asset of the decision's symbol (risk is in it)


class AccountValueIn(ToolInput):
    quote: str | None = Field(default=None, description="currency to value the account in, e.g. USDT or BTC")


class AccountValueOut(ToolOutput):
    quote: str  # what the total is expressed in
    total: Decimal
    base_quote: str  # the venue quote every asset was priced in first
    base_total: Decimal
    lines: list[BalanceLine]
    unpriced: list[str] = []
    rate: Decimal | None = None  # price of one `quote` in `base_quote`, when they differ


class WhyNotIn(ToolInput):
    symbol: str | None = None
    period: str | None = Field(default=None, description='e.g. "today"; omit for the latest decisions')


class WhyNotOut(ToolOutput):
    symbol: str | None
    period: str | None
    rejected: list[DecisionView]  # proposals the gate refused, newest first
    last_trade: DecisionView | None  # the newest approved decision (inside the period or before it)
    status: BotStatusView
    # the refusal the answer leads with (`rejections.headline`: a refused short on spot gives way)
    headline: DecisionView | None = None
    # refusals by symbol and code (the period's; without one, the newest refusal's run)
    by_symbol: list[RejectionTally] = []


class AnalysisIn(ToolInput):
    symbol: str = Field(description="symbol such as BTCUSDT, or an asset such as BTC")


class AnalysisOut(ToolOutput):
    view: MarketView
    text: str  # the plain-language reading, every figure from `view`


DebateRole = Literal["bull", "bear", "arbiter", "analysts", "adviser"]


class DebateIn(ToolInput):
    symbol: str | None = Field(default=None, description="symbol such as BTCUSDT; omit for the latest on any")
    role: DebateRole | None = Field(
        default=None,
        description="whose words: the bull or bear researcher, the arbiter's verdict, the analysts' "
        "reports, or the LLM adviser's reasoning; omit for the whole deliberation",
    )
    which: int = Field(
        default=1, ge=1, le=50, description="1 = the latest deliberation, 2 = the one before, …"
    )


class EvidenceLine(ToolOutput):
    name: str
    figure: float | None  # the evidence item's value (a plain number: its unit says what it is in)
    unit: str = ""
    note: str = ""
    weight: float = 0.0


class AnalystLine(ToolOutput):
    analyst: str
    stance: str
    score: float
    confidence: float
    summary: str
    evidence: list[EvidenceLine] = []


class TurnLine(ToolOutput):
    round: int
    speaker: str  # bull, bear, arbiter
    text: str
    evidence: list[EvidenceLine] = []  # the items the turn rests on, with their figures
    engine: str = "offline"  # who wrote the words: the offline researcher or a language model
    fallback: str = ""  # why an LLM turn was not used


class DeliberationView(ToolOutput):
    decider: str  # "debate" or "llm"
    symbol: str
    time_ms: int
    snapshot_id: str
    verdict: str  # one line
    run_id: str = ""
    analysts: list[AnalystLine] = []
    rounds: list[TurnLine] = []
    conviction: float | None = None
    threshold: float | None = None
    exit_threshold: float | None = None
    holding: bool = False
    action: str = ""  # enter, exit, none
    rationale: str = ""  # the decider's reason for its verdict (the arbiter's, the adviser's)
    reasoning: list[str] = []  # the LLM adviser's other explanations (summary, plan, notes)


class DebateOut(ToolOutput):
    symbol: str | None
    role: str | None
    which: int = 1
    deliberation: DeliberationView | None
    journaled: int = 0  # deliberations of the asked decider (and symbol) found in the journal
    text: str  # the plain-language answer, every figure from `deliberation`
