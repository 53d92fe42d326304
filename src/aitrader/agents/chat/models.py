"""Typed views the chat tools return. Prices and quantities are Decimal; times are UTC epoch ms."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict


class View(BaseModel):
    model_config = ConfigDict(frozen=True)


class AssetBalance(View):
    asset: str
    free: Decimal
    locked: Decimal

    @property
    def total(self) -> Decimal:
        return self.free + self.locked


class OrderView(View):
    order_id: str
    symbol: str
    side: str
    type: str
    status: str
    price: Decimal | None = None
    stop_price: Decimal | None = None
    quantity: Decimal
    filled: Decimal = Decimal(0)
    client_order_id: str | None = None
    order_list_id: int = -1
    time_ms: int = 0


class OrderListView(View):
    order_list_id: int
    symbol: str
    contingency_type: str
    status: str
    order_ids: list[str]
    time_ms: int = 0


class TradeView(View):
    trade_id: str
    order_id: str
    symbol: str
    side: str
    price: Decimal
    quantity: Decimal
    commission: Decimal = Decimal(0)
    commission_asset: str = ""
    time_ms: int


class TickerView(View):
    symbol: str
    last: Decimal
    open: Decimal | None = None
    high: Decimal | None = None
    low: Decimal | None = None
    change_pct: Decimal | None = None
    base_volume: Decimal | None = None
    quote_volume: Decimal | None = None
    time_ms: int = 0


class SymbolView(View):
    symbol: str
    base: str
    quote: str
    tick_size: Decimal | None = None
    step_size: Decimal | None = None
    min_qty: Decimal | None = None
    max_qty: Decimal | None = None
    min_notional: Decimal | None = None
    min_price: Decimal | None = None
    status: str = "TRADING"


class PositionView(View):
    """The bot's open position as the journal knows it (entry, stop, targets)."""

    symbol: str
    side: str
    quantity: Decimal
    entry_price: Decimal
    stop_price: Decimal | None = None
    targets: list[Decimal] = []
    opened_ms: int = 0
    plan_id: str | None = None


class DecisionView(View):
    """One proposal and the risk gate's verdict on it, with the orders it led to."""

    proposal_id: str
    time_ms: int
    symbol: str
    side: str
    kind: str = "enter"
    strategy: str = ""
    rationale: str = ""
    evidence: dict[str, object] = {}
    confidence: float | None = None
    stop_price: Decimal | None = None
    targets: list[Decimal] = []
    verdict: str = ""
    verdict_reason: str = ""
    order_ids: list[str] = []
    target_fractions: list[Decimal] = []  # share of the position each target closes, when journaled
    quantity: Decimal | None = None  # the approved plan's size
    risk_quote: Decimal | None = None  # what the approved plan loses at its stop, in the quote asset
    risk_pct: Decimal | None = None  # ... as a percentage of equity
    code: str = ""  # the rejection code when the gate refused it (e.g. correlated_exposure)
    # the refusal's figures read off its sentence (`rejection_figures`): correlation, limits, shares
    figures: dict[str, float | str] = {}


class RejectionTally(View):
    """The gate's refusals of one symbol for one reason: how many, when, the newest sentence."""

    symbol: str
    code: str
    count: int
    first_ms: int | None = None
    last_ms: int | None = None
    message: str = ""
    figures: dict[str, float | str] = {}  # the newest sentence's figures


class BotStatusView(View):
    running: bool
    last_heartbeat_ms: int | None = None
    last_candle_ms: int | None = None
    symbol: str | None = None
    mode: str | None = None
    last_decision: DecisionView | None = None
    note: str = ""
    run_id: str | None = None
    strategy: str | None = None
    run_status: str | None = None  # running | finished | failed (the kernel journal's run row)
    finished_ms: int | None = None
