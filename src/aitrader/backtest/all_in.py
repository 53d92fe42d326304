"""`AllInSizer`: a RESEARCH sizer that spends all free cash on each entry — not the risk gate.

It exists for one job: reproducing the all-in sizing of textbook backtests (backtesting.py's
`size=0.9999...`) so the kernel can be checked trade for trade against peers. It still answers the
gate's interface (`review(proposal, account, instrument, price)`) and still protects every entry
with the proposal's stop and first target (an OCO), but it does NOT bound the loss at the stop to
a share of equity (invariant 1). The CLI and live trading use `aitrader.risk.RiskGate`; only
research code and benchmarks pass `AllInSizer` explicitly.

Entry: a MARKET buy with `quoteOrderQty` = free cash / (1 + taker fee), so the quantity is
decided at the fill price (as backtesting.py does). Exit: a MARKET sell of the whole position.
"""

from __future__ import annotations

from decimal import Decimal

from aitrader.domain.client_ids import Leg, client_order_id
from aitrader.domain.decimals import to_decimal
from aitrader.domain.enums import OrderType, Side
from aitrader.domain.instrument import Instrument
from aitrader.domain.orders import OrderRequest
from aitrader.domain.plan import OrderPlan, PlanKind, Rejection, RejectionCode
from aitrader.domain.proposal import Adjust, Enter, Exit, Proposal
from aitrader.risk.account import AccountState

_MIN_QTY = Decimal("0.00000001")  # the simulator's quantity step
_ZERO = Decimal(0)


class AllInSizer:
    """Research-only sizing: all free cash in, whole position out (see the module docstring)."""

    def __init__(self, protect: bool = True, fixed_qty: float | None = None) -> None:
        """`protect=False` sends no stop/target orders (only to compare with peers that have none);
        `fixed_qty` buys that many base units per entry instead of all the cash (benchmarks whose
        account must not run dry over a million bars of fees)."""
        self.protect = protect
        self.fixed_qty = fixed_qty
        self._fixed = to_decimal(fixed_qty) if fixed_qty is not None else None
        self._seq = 0

    def review(
        self, proposal: Proposal, account: AccountState, instrument: Instrument, price: Decimal | float
    ) -> OrderPlan | Rejection:
        symbol = instrument.symbol
        held = account.position(symbol)
        if isinstance(proposal, Enter):
            if proposal.side is not Side.BUY:
                return Rejection(RejectionCode.SHORT_NOT_ALLOWED, "the all-in sizer is long only", symbol)
            if held is not None:
                return Rejection(RejectionCode.POSITION_EXISTS, f"already long {held.qty} {symbol}", symbol)
            return self._open(proposal, account, symbol, price)
        if isinstance(proposal, Exit | Adjust):
            if held is None:
                return Rejection(RejectionCode.NO_POSITION, f"no position in {symbol}", symbol)
            if isinstance(proposal, Adjust):
                return Rejection(RejectionCode.INVALID_PROPOSAL, "the all-in sizer does not adjust", symbol)
            self._seq += 1
            plan_id = f"AI{self._seq}"
            reduce = OrderRequest(
                symbol,
                Side.SELL,
                OrderType.MARKET,
                quantity=held.qty,
                client_order_id=client_order_id(plan_id, 1, Leg.EXIT),
            )
            return OrderPlan(
                plan_id=plan_id,
                version=1,
                kind=PlanKind.CLOSE,
                symbol=symbol,
                side=Side.BUY,
                quantity=_ZERO,
                entry_price=held.entry_price,
                stop_price=None,
                reduce=reduce,
                created_ms=proposal.time_ms,
                strategy=proposal.strategy,
                rationale=proposal.rationale,
            )
        raise TypeError(f"not a proposal: {proposal!r}")

    def _open(
        self, p: Enter, account: AccountState, symbol: str, price: Decimal | float
    ) -> OrderPlan | Rejection:
        px = to_decimal(float(price))
        qty: Decimal | None = None
        spend_or_none: Decimal | None = None
        if self._fixed is not None:
            qty = self._fixed
            enough = account.free_quote >= qty * px * (1 + account.taker_fee)
        else:
            spend = account.free_quote / (1 + account.taker_fee)
            spend_or_none = spend
            enough = spend / px >= _MIN_QTY
        if not enough:
            return Rejection(
                RejectionCode.INSUFFICIENT_BALANCE, f"free cash {account.free_quote} is too little", symbol
            )
        self._seq += 1
        plan_id = f"AI{self._seq}"
        entry = OrderRequest(
            symbol,
            Side.BUY,
            OrderType.MARKET,
            quantity=qty,
            quote_order_qty=spend_or_none,
            client_order_id=client_order_id(plan_id, 1, Leg.ENTRY),
        )
        stop_price: Decimal | None = None
        stop: OrderRequest | None = None
        targets: tuple[OrderRequest, ...] = ()
        if self.protect:
            stop_price = to_decimal(p.stop)
            stop = OrderRequest(
                symbol,
                Side.SELL,
                OrderType.STOP_LOSS,
                stop_price=stop_price,
                client_order_id=client_order_id(plan_id, 1, Leg.STOP),
            )
            target = OrderRequest(
                symbol,
                Side.SELL,
                OrderType.LIMIT_MAKER,
                price=to_decimal(p.targets[0].price),
                client_order_id=client_order_id(plan_id, 1, Leg.TARGET),
            )
            targets = (target,)
        return OrderPlan(
            plan_id=plan_id,
            version=1,
            kind=PlanKind.OPEN,
            symbol=symbol,
            side=Side.BUY,
            quantity=_ZERO,
            entry_price=px,
            stop_price=stop_price,
            entry=entry,
            stop=stop,
            targets=targets,
            created_ms=p.time_ms,
            strategy=p.strategy,
            rationale=p.rationale,
            evidence=p.evidence,
        )
