"""Each portfolio cap answers with its own code and a sentence with its numbers when it leaves no
room for the venue's minimum, and only leaves a note when it makes the trade smaller. Exits and
adjustments are never held back by them. The real BTCUSDT rules (min notional 5 USDT)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from msgspec.structs import replace
from risk_helpers import account, long_at

from aitrader.domain import Instrument, Side
from aitrader.domain.plan import OrderPlan, Rejection, RejectionCode
from aitrader.domain.position import Position
from aitrader.domain.proposal import Adjust, AdjustKind, Exit
from aitrader.risk import RiskConfig, RiskGate
from aitrader.risk.portfolio_limits import correlated_group, exposure_caps, pct


def held(symbol: str, notional: float, side: Side = Side.BUY, price: float = 2_500.0) -> Position:
    """A position worth `notional` USDT at its entry, its stop 4% away."""
    qty = Decimal(str(notional)) / Decimal(str(price))
    stop = Decimal(str(price * (0.96 if side is Side.BUY else 1.04)))
    return Position(symbol, side, qty, Decimal(str(price)), stop, plan_id=f"{symbol}1", opened_ms=1)


def rejected(result: OrderPlan | Rejection, code: RejectionCode) -> str:
    assert isinstance(result, Rejection), result
    assert result.code is code, result
    assert "\n" not in result.message
    return result.message


def approved(result: OrderPlan | Rejection) -> OrderPlan:
    assert isinstance(result, OrderPlan), result
    return result


def test_percentages_read_as_people_write_them() -> None:
    assert [pct(0.48), pct(0.5), pct(Decimal("0.125")), pct(1), pct(0.0001)] == [
        "48%", "50%", "12.5%", "100%", "0.01%",
    ]  # fmt: skip


# ---- symbol exposure ---------------------------------------------------------------------------
def test_symbol_exposure_refuses_with_its_code_and_numbers(instrument: Instrument) -> None:
    gate = RiskGate(RiskConfig(max_symbol_exposure=0.0001))  # 1 USDT of BTC: under the 5 USDT minimum
    message = rejected(
        gate.review(long_at(), account(10_000), instrument, 25_000), RejectionCode.SYMBOL_EXPOSURE
    )
    assert message.startswith("BTCUSDT may hold at most 0.01% of equity: room for 0.0000399")
    assert "less than the venue's minimum 0.0002" in message


def test_symbol_exposure_only_smaller_leaves_a_note(instrument: Instrument) -> None:
    plan = approved(
        RiskGate(RiskConfig(max_symbol_exposure=0.2)).review(long_at(), account(10_000), instrument, 25_000)
    )
    assert plan.notional <= Decimal(2_000)
    assert plan.notional > Decimal(1_990)
    assert any(n.startswith("size capped by the symbol exposure cap") for n in plan.notes)


def test_symbol_exposure_names_what_the_symbol_already_holds() -> None:
    acct = account(10_000, positions=(held("ETHUSDT", 4_800),))
    eth = replace(long_at(), symbol="ETHUSDT")
    caps = {c.code: c for c in exposure_caps(RiskConfig(), eth, acct, Decimal(2_500))}
    cap = caps[RejectionCode.SYMBOL_EXPOSURE]
    assert cap.why == "ETHUSDT already holds 48% of equity (max 50%)"
    assert cap.qty == Decimal(200) / Decimal(2_500)  # 2% of 10 000 left
    assert cap.refusal("ETH", Decimal("0.1")) == (
        "ETHUSDT already holds 48% of equity (max 50%): room for 0.08000000 ETH, less than the venue's minimum 0.1"
    )


# ---- total exposure ----------------------------------------------------------------------------
def test_total_exposure_refuses_with_its_code_and_numbers(instrument: Instrument) -> None:
    acct = account(10_000, positions=(held("ETHUSDT", 6_000), held("SOLUSDT", 4_000, Side.SELL)))
    message = rejected(RiskGate().review(long_at(), acct, instrument, 25_000), RejectionCode.TOTAL_EXPOSURE)
    assert message.startswith(
        "open positions already hold 100% of equity (max 100% in all): room for 0.00000000 BTC"
    )


def test_total_exposure_only_smaller_leaves_a_note(instrument: Instrument) -> None:
    acct = account(10_000, positions=(held("ETHUSDT", 8_000),))
    plan = approved(RiskGate().review(long_at(), acct, instrument, 25_000))
    assert Decimal(1_990) < plan.notional <= Decimal(2_000)
    assert any(n.startswith("size capped by the total exposure cap") for n in plan.notes)


def test_the_max_position_value_keeps_its_old_code(instrument: Instrument) -> None:
    gate = RiskGate(RiskConfig(max_position_fraction=0.0001))
    message = rejected(
        gate.review(long_at(), account(10_000), instrument, 25_000), RejectionCode.EXPOSURE_LIMIT
    )
    assert message.startswith("the max position value allows 0.0000399")


# ---- correlated exposure -----------------------------------------------------------------------
def test_correlated_exposure_refuses_naming_the_most_correlated_symbol(instrument: Instrument) -> None:
    acct = account(
        10_000,
        positions=(held("ETHUSDT", 3_000), held("SOLUSDT", 3_000)),
        correlations={"ETHUSDT": 0.85, "SOLUSDT": 0.95},
    )
    message = rejected(
        RiskGate().review(long_at(), acct, instrument, 25_000), RejectionCode.CORRELATED_EXPOSURE
    )
    assert message.startswith(
        "correlated exposure with SOLUSDT at 0.95 > limit 0.80: correlated longs hold 60% of equity "
        "(max 60%): room for 0.00000000 BTC, less than the venue's minimum 0.0002"
    )


def test_correlated_exposure_left_under_the_venue_minimum_refuses(instrument: Instrument) -> None:
    acct = account(10_000, positions=(held("ETHUSDT", 5_998),), correlations={"ETHUSDT": 0.91})
    message = rejected(
        RiskGate().review(long_at(), acct, instrument, 25_000), RejectionCode.CORRELATED_EXPOSURE
    )
    assert message.startswith(
        "correlated exposure with ETHUSDT at 0.91 > limit 0.80: correlated longs hold 60%"
    )
    assert "room for 0.0000799" in message


def test_correlated_exposure_only_smaller_leaves_a_note(instrument: Instrument) -> None:
    acct = account(10_000, positions=(held("ETHUSDT", 4_500),), correlations={"ETHUSDT": 0.91})
    plan = approved(RiskGate().review(long_at(), acct, instrument, 25_000))
    assert Decimal(1_490) < plan.notional <= Decimal(1_500)  # 60% - 45% of 10 000
    assert any(
        n.startswith("size capped by the correlated exposure cap (ETHUSDT at 0.91)") for n in plan.notes
    )


@pytest.mark.parametrize(
    ("position", "correlations"),
    [
        (held("ETHUSDT", 6_000, Side.SELL), {"ETHUSDT": 0.91}),  # the other side: not the same bet
        (held("ETHUSDT", 6_000), {"ETHUSDT": 0.79}),  # under max_correlation
        (held("ETHUSDT", 6_000), {}),  # not measured (too few bars)
        (held("ETHUSDT", 6_000), {"ETHUSDT": float("nan")}),
    ],
)
def test_what_is_not_a_correlated_group(
    instrument: Instrument, position: Position, correlations: dict[str, float]
) -> None:
    acct = account(10_000, positions=(position,), correlations=correlations)
    assert not correlated_group(RiskConfig(), long_at(), acct).positions
    plan = approved(RiskGate().review(long_at(), acct, instrument, 25_000))
    assert plan.notional > Decimal(3_900)  # only the total cap (40% left) binds


def test_exactly_at_the_correlation_limit_counts(instrument: Instrument) -> None:
    acct = account(10_000, positions=(held("ETHUSDT", 6_000),), correlations={"ETHUSDT": 0.8})
    message = rejected(
        RiskGate().review(long_at(), acct, instrument, 25_000), RejectionCode.CORRELATED_EXPOSURE
    )
    assert message.startswith("correlated exposure with ETHUSDT at 0.80 >= limit 0.80")


# ---- exits and adjustments are never held back ---------------------------------------------------
def test_exits_and_adjustments_go_whatever_the_portfolio_holds(instrument: Instrument) -> None:
    btc = Position("BTCUSDT", Side.BUY, Decimal("0.2"), Decimal(25_000), Decimal(24_000), plan_id="B1")
    acct = account(
        7_000,  # 30% below the peak, every cap exceeded
        positions=(btc, held("ETHUSDT", 6_000), held("SOLUSDT", 6_000)),
        correlations={"ETHUSDT": 0.99, "SOLUSDT": 0.99},
        peak_equity=Decimal(10_000),
    )
    gate = RiskGate(RiskConfig(max_open_positions=1))
    eth_entry = long_at()
    assert isinstance(gate.review(eth_entry, acct, instrument, 25_000), Rejection)
    exit_plan = approved(gate.review(Exit("BTCUSDT", "out", 25_000, 60_000, 1.0), acct, instrument, 25_000))
    assert exit_plan.quantity == 0
    adjust = Adjust("BTCUSDT", AdjustKind.MOVE_STOP, "tighten", 25_000, 60_000, new_stop=24_500)
    assert approved(gate.review(adjust, acct, instrument, 25_000)).stop_price == Decimal(24_500)
