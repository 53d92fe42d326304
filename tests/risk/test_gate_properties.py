"""Property tests: no approved plan risks more than the configured share of equity, for any prices,
balances, venue filters and fee rates; rounding never adds risk; every order passes the venue rules."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from aitrader.domain import Instrument, OrderType, Side
from aitrader.domain.plan import OrderPlan
from aitrader.domain.proposal import Enter, EntryType, Target
from aitrader.risk import AccountState, RiskConfig, RiskGate

TICKS = [
    Decimal("0.01"),
    Decimal("0.1"),
    Decimal("0.5"),
    Decimal("1"),
    Decimal("0.0001"),
    Decimal("0.00000100"),
]
STEPS = [Decimal("0.00001"), Decimal("0.001"), Decimal("0.1"), Decimal("1"), Decimal("10"), Decimal("0.5")]


@st.composite
def instruments(draw: st.DrawFn) -> Instrument:
    tick = draw(st.sampled_from(TICKS))
    step = draw(st.sampled_from(STEPS))
    return Instrument(
        symbol="XYZUSDT",
        base_asset="XYZ",
        quote_asset="USDT",
        allows_short=draw(st.booleans()),
        min_price=tick,
        max_price=Decimal(10_000_000),
        tick_size=tick,
        min_qty=step * draw(st.sampled_from([1, 1, 2, 10])),
        max_qty=Decimal(draw(st.sampled_from([1_000_000, 9000, 50]))),
        step_size=step,
        min_notional=Decimal(draw(st.sampled_from([0, 1, 5, 10, 100]))),
        max_notional=Decimal(9_000_000),
    )


@st.composite
def cases(draw: st.DrawFn) -> tuple[Instrument, Enter, AccountState, RiskConfig, Decimal]:
    inst = draw(instruments())
    price = float(draw(st.integers(min_value=50, max_value=5_000_000)) * inst.tick_size)
    side = Side.SELL if inst.allows_short and draw(st.booleans()) else Side.BUY
    stop_dist = draw(st.floats(min_value=0.0005, max_value=0.3))
    stop = price * (1 - side.sign * stop_dist)
    multiples = draw(st.lists(st.floats(min_value=0.8, max_value=6), min_size=1, max_size=3))
    fr = [1.0 / len(multiples)] * len(multiples)
    fr[-1] = 1.0 - sum(fr[:-1])
    targets = tuple(
        Target(price + side.sign * m * stop_dist * price, f) for m, f in zip(multiples, fr, strict=True)
    )
    assume(all(t.price > 0 for t in targets))
    limit = draw(st.booleans())
    proposal = Enter(
        "XYZUSDT",
        side,
        price,
        stop,
        targets,
        0.5,
        "property",
        1_000,
        entry_type=EntryType.LIMIT if limit else EntryType.MARKET,
        limit_price=price if limit else None,
        atr=price * stop_dist / 2,
    )
    equity = Decimal(10) ** draw(st.integers(min_value=0, max_value=6)) * draw(
        st.integers(min_value=1, max_value=99)
    )
    free = equity * Decimal(draw(st.sampled_from(["0", "0.05", "0.5", "1"])))
    fee = Decimal(draw(st.sampled_from(["0", "0.0001", "0.00075", "0.001", "0.002", "0.005"])))
    maker = Decimal(draw(st.sampled_from(["0", "0.0002", "0.001"])))
    account = AccountState(
        equity=equity,
        free_quote=free,
        now_ms=2_000,
        start_of_day_equity=equity,
        taker_fee=fee,
        maker_fee=maker,
    )
    cfg = RiskConfig(
        risk_fraction=draw(st.floats(min_value=0.0005, max_value=0.10)),
        slippage=draw(st.sampled_from([0.0, 0.0002, 0.0005, 0.002, 0.01])),
        min_reward_risk=draw(st.sampled_from([0.0, 1.0, 1.5])),
        max_position_fraction=draw(st.sampled_from([0.1, 0.5, 1.0])),
        max_price_move=0.05,
    )
    drift = Decimal(draw(st.integers(min_value=-40, max_value=40))) / 10_000
    now_price = (Decimal(repr(price)) * (1 + drift)).quantize(inst.tick_size)
    assume(now_price > 0)
    return inst, proposal, account, cfg, now_price


def independent_loss(
    plan: OrderPlan, cfg: RiskConfig, account: AccountState, market_price: Decimal
) -> Decimal:
    """Loss at the stop recomputed from the plan's orders, not from the gate's own arithmetic."""
    assert plan.entry is not None
    assert plan.stop is not None
    assert plan.stop.stop_price is not None
    s = Decimal(repr(cfg.slippage))
    sign = plan.side.sign
    if plan.entry.type is OrderType.MARKET:
        entry_fill = market_price * (1 + sign * s)
        entry_fee = account.taker_fee
    else:
        assert plan.entry.price is not None
        entry_fill = plan.entry.price
        entry_fee = account.maker_fee
    stop_fill = plan.stop.stop_price * (1 - sign * s)
    qty = plan.entry.quantity
    assert qty is not None
    return (
        qty * (entry_fill - stop_fill) * sign
        + qty * entry_fill * entry_fee
        + qty * stop_fill * account.taker_fee
    )


@settings(
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
@given(cases())
def test_no_approved_plan_risks_more_than_the_budget_and_rounding_never_adds_risk(
    case: tuple[Instrument, Enter, AccountState, RiskConfig, Decimal],
) -> None:
    inst, proposal, account, cfg, price = case
    plan = RiskGate(cfg).review(proposal, account, inst, price)
    if not isinstance(plan, OrderPlan):
        return
    budget = Decimal(repr(cfg.risk_fraction)) * account.equity
    loss = independent_loss(plan, cfg, account, price)
    assert loss <= budget, (loss, budget)
    assert plan.risk_quote <= budget
    assert abs(plan.risk_quote - loss) <= Decimal("1e-12") * max(budget, Decimal(1))
    # the plan is one the venue accepts, order by order
    assert plan.entry is not None
    assert plan.stop is not None
    for order in plan.orders:
        ref = order.stop_price if order.type.is_triggered else price
        assert inst.validate(order, reference_price=ref) is None, order
    # targets split the whole quantity, each a multiple of the step; the stop covers it all
    assert sum((t.quantity or Decimal(0) for t in plan.targets), Decimal(0)) == plan.quantity
    assert plan.stop.quantity == plan.quantity == plan.entry.quantity
    assert all((t.quantity or Decimal(1)) % inst.step_size == 0 for t in plan.targets)
    # a long never buys more than its free quote pays for; exposure caps hold
    if plan.side is Side.BUY and plan.entry.type is OrderType.MARKET:
        cost = plan.quantity * price * (1 + Decimal(repr(cfg.slippage))) * (1 + account.taker_fee)
        assert cost <= account.free_quote
    fill = (
        price * (1 + plan.side.sign * Decimal(repr(cfg.slippage)))
        if plan.entry.type is OrderType.MARKET
        else plan.entry_price
    )
    notional = plan.quantity * fill
    assert notional <= Decimal(repr(cfg.max_position_fraction)) * account.equity + Decimal("1e-9")
    # rounding never adds risk: the stop was rounded away from the entry by less than a tick (never
    # closer than the strategy asked), and the quantity is at most the unrounded budget quantity at
    # that stop unless it was sized up to the venue minimum, which still fits the budget
    assert plan.stop_price is not None
    assert (Decimal(repr(proposal.stop)) - plan.stop_price) * proposal.side.sign >= 0
    assert (Decimal(repr(proposal.stop)) - plan.stop_price) * proposal.side.sign < inst.tick_size
    unit = plan.risk_quote / plan.quantity
    sized_up = any("sized up" in n for n in plan.notes)
    assert plan.quantity <= budget / unit or sized_up


@settings(max_examples=2000, deadline=None)
@given(
    st.sampled_from(STEPS),
    st.decimals(
        min_value=Decimal(0), max_value=Decimal(100_000), places=9, allow_nan=False, allow_infinity=False
    ),
)
def test_round_qty_never_rounds_up(step: Decimal, qty: Decimal) -> None:
    inst = replace(Instrument("X", "X", "Y"), step_size=step)
    rounded = inst.round_qty(qty)
    assert rounded <= qty
    assert qty - rounded < step
