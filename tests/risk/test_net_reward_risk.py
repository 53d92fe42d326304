"""The gate holds reward:risk to its minimum after fees and slippage (`risk.sizing.net_reward_risk`):
a target 1.6 stop distances away on a tight BTCUSDT stop nets less than 1.5 and is refused, the same
1.6 on a wide stop passes, and the plan's figure is the one worked out by hand here."""

from __future__ import annotations

from decimal import Decimal

import pytest
from risk_helpers import account, long_at

from aitrader.agents.chat.rejections import rejection_figures
from aitrader.domain import Instrument, Side
from aitrader.domain.plan import OrderPlan, Rejection, RejectionCode
from aitrader.domain.proposal import Enter, EntryType, Target
from aitrader.risk import RiskConfig, RiskGate
from aitrader.risk.sizing import net_reward_risk, reward_risk, unit_risk

D = Decimal
FEE, SLIP = D("0.001"), D("0.0005")  # `account()`'s fee rates, `RiskConfig`'s default slippage
WIDE = RiskConfig(max_position_fraction=1, max_symbol_exposure=1)


def _by_hand_long(entry: D, stop: D, targets: list[tuple[D, D]], fee_in: D, slip_in: D) -> float:
    """Net reward:risk of a long worked out line by line: the targets are maker exits (fee, no slip)."""
    entry_fill = entry * (1 + slip_in)
    stop_fill = stop * (1 - SLIP)  # the stop is a market exit: it slips
    loss = (entry_fill - stop_fill) + entry_fill * fee_in + stop_fill * FEE
    gain = sum((f * ((t - entry_fill) - entry_fill * fee_in - t * FEE) for t, f in targets), D(0))
    return float(gain / loss)


def test_gross_1_6_on_a_tight_stop_nets_below_1_5_and_is_refused(instrument: Instrument) -> None:
    p = long_at(25_000, 24_800, rr=(1.6,))  # target 25,320: gross 1.6 on a 0.8% stop
    by_hand = _by_hand_long(D(25_000), D(24_800), [(D(25_320), D(1))], FEE, SLIP)
    assert by_hand == pytest.approx(257.1675 / 274.7001)  # about 0.94
    result = RiskGate(WIDE).review(p, account(), instrument, 25_000)
    assert isinstance(result, Rejection), result
    assert result.code is RejectionCode.REWARD_RISK_TOO_LOW
    assert result.message.startswith(f"net reward:risk {by_hand:.2f} is below the minimum 1.5 (gross 1.60 ")
    assert "0.25% of the entry price on the way to the targets" in result.message  # 0.05 + 0.1 + ~0.1
    # the chat still reads the figures out of the sentence: the net one and the minimum
    assert rejection_figures(result.message) == {"reward_risk": round(by_hand, 2), "min_reward_risk": 1.5}


def test_gross_1_6_on_a_wide_stop_passes_with_the_hand_computed_net_figure(instrument: Instrument) -> None:
    p = long_at(25_000, 22_500, rr=(1.6,))  # a 10% stop: the costs are small beside it
    by_hand = _by_hand_long(D(25_000), D(22_500), [(D(29_000), D(1))], FEE, SLIP)
    assert 1.5 < by_hand < 1.6
    plan = RiskGate(WIDE).review(p, account(), instrument, 25_000)
    assert isinstance(plan, OrderPlan), plan
    assert plan.reward_risk == pytest.approx(by_hand, rel=1e-12)
    assert plan.risk_quote <= D(100)  # the 1% budget still holds


def test_two_targets_are_weighted_by_their_fractions(instrument: Instrument) -> None:
    p = long_at(25_000, 24_800, rr=(2.0, 3.0))  # half at 25,400, half at 25,600: gross 2.5
    by_hand = _by_hand_long(D(25_000), D(24_800), [(D(25_400), D("0.5")), (D(25_600), D("0.5"))], FEE, SLIP)
    assert by_hand == pytest.approx(436.9875 / 274.7001)  # 1.59: passes
    plan = RiskGate(WIDE).review(p, account(), instrument, 25_000)
    assert isinstance(plan, OrderPlan), plan
    assert plan.reward_risk == pytest.approx(by_hand, rel=1e-12)


def test_a_limit_entry_pays_the_maker_fee_and_no_slippage(instrument: Instrument) -> None:
    p = Enter(
        "BTCUSDT", Side.BUY, 25_000.0, 24_000.0, (Target(26_600.0),), 0.5, "limit", 60_000, "test",
        entry_type=EntryType.LIMIT, limit_price=25_000.0,
    )  # fmt: skip
    acct = account(taker_fee=D("0.001"), maker_fee=D("0.0002"))
    plan = RiskGate(WIDE).review(p, acct, instrument, 25_010)
    assert isinstance(plan, OrderPlan), plan
    entry, stop, target = D(25_000), D(24_000), D(26_600)
    stop_fill = stop * (1 - SLIP)
    loss = (entry - stop_fill) + entry * D("0.0002") + stop_fill * D("0.001")  # stop: taker, slips
    gain = (target - entry) - entry * D("0.0002") - target * D("0.0002")  # target: maker
    assert plan.reward_risk == pytest.approx(float(gain / loss), rel=1e-12)


def test_a_short_is_mirrored() -> None:
    entry, stop, target = D(25_000), D(25_200), D(24_680)  # gross 1.6
    unit = unit_risk(Side.SELL, entry, stop, FEE, FEE, SLIP, SLIP)
    entry_fill, stop_fill = entry * (1 - SLIP), stop * (1 + SLIP)
    loss = (stop_fill - entry_fill) + entry_fill * FEE + stop_fill * FEE
    assert unit.total == loss
    gain = (entry_fill - target) - entry_fill * FEE - target * FEE
    net = net_reward_risk(Side.SELL, entry, [(target, D(1))], FEE, FEE, SLIP, unit)
    assert net == pytest.approx(float(gain / loss), rel=1e-12)
    assert net == pytest.approx(257.8325 / 275.3001)
    assert reward_risk(Side.SELL, entry, stop, [(target, 1.0)]) == pytest.approx(1.6)


def test_without_costs_net_equals_gross() -> None:
    entry, stop, targets = D(25_000), D(24_800), [(D(25_400), D("0.5")), (D(25_600), D("0.5"))]
    unit = unit_risk(Side.BUY, entry, stop, D(0), D(0), D(0), D(0))
    net = net_reward_risk(Side.BUY, entry, targets, D(0), D(0), D(0), unit)
    assert net == reward_risk(Side.BUY, entry, stop, [(t, float(f)) for t, f in targets]) == 2.5


def test_costs_can_eat_the_whole_gain() -> None:
    entry, stop = D(25_000), D(24_990)
    unit = unit_risk(Side.BUY, entry, stop, FEE, FEE, SLIP, SLIP)
    assert net_reward_risk(Side.BUY, entry, [(D(25_030), D(1))], FEE, FEE, SLIP, unit) < 0  # gross 3.0
