"""The drawdown halt: entries stop once equity is `max_drawdown` below its peak, stay stopped for the
cooldown whatever equity does, then resume (re-armed from the equity at the end of the cooldown when
the drawdown has not recovered, so it never halts for ever). Exits and adjustments always go."""

from __future__ import annotations

from decimal import Decimal

from risk_helpers import account, long_at

from aitrader.domain import Instrument, Side
from aitrader.domain.plan import OrderPlan, Rejection, RejectionCode
from aitrader.domain.position import Position
from aitrader.domain.proposal import Exit
from aitrader.risk import AccountState, RiskConfig, RiskGate

HOUR = 3_600_000
DAY = 24 * HOUR
T0 = 10 * DAY


def at(equity: float, t: int, peak: float = 10_000) -> AccountState:
    return account(equity, now_ms=t, peak_equity=Decimal(str(peak)), start_of_day_equity=Decimal(str(equity)))


def verdict(gate: RiskGate, acct: AccountState, instrument: Instrument) -> OrderPlan | Rejection:
    return gate.review(long_at(t=acct.now_ms), acct, instrument, 25_000)


def halted(result: OrderPlan | Rejection) -> str:
    assert isinstance(result, Rejection), result
    assert result.code is RejectionCode.DRAWDOWN_HALT, result
    return result.message


def test_no_peak_no_halt(instrument: Instrument) -> None:
    acct = account(5_000, now_ms=T0)  # half of what it was, but nobody said what the peak was
    assert isinstance(verdict(RiskGate(), acct, instrument), OrderPlan)


def test_under_the_limit_entries_go(instrument: Instrument) -> None:
    assert isinstance(verdict(RiskGate(), at(8_001, T0), instrument), OrderPlan)


def test_trips_at_the_limit_with_its_numbers(instrument: Instrument) -> None:
    message = halted(verdict(RiskGate(), at(7_900, T0), instrument))
    assert message == (
        "drawdown 21% from the peak equity 10,000.00 (equity 7,900.00) reached the 20% limit: "
        "entries halted for 1d 0h"
    )
    halted(verdict(RiskGate(), at(8_000, T0), instrument))  # exactly 20%: halted


def test_the_cooldown_holds_whatever_equity_does_then_entries_resume(instrument: Instrument) -> None:
    gate = RiskGate()
    halted(verdict(gate, at(7_900, T0), instrument))
    message = halted(verdict(gate, at(9_500, T0 + HOUR), instrument))  # recovered, still cooling down
    assert message == "drawdown halt cooling down: entries resume in 23h 0m; drawdown now 5% (limit 20%)"
    halted(verdict(gate, at(9_990, T0 + DAY - 1), instrument))
    assert isinstance(verdict(gate, at(9_500, T0 + DAY), instrument), OrderPlan)
    assert gate.drawdown.anchor is None  # recovered: measured from the peak again
    halted(verdict(gate, at(7_990, T0 + DAY + HOUR), instrument))  # 20.1% from the peak: trips again


def test_after_the_cooldown_it_re_arms_from_the_equity_then(instrument: Instrument) -> None:
    gate = RiskGate()
    halted(verdict(gate, at(7_900, T0), instrument))
    # a day later equity is lower still: entries resume, measured from 7 800 (else: halted for ever)
    assert isinstance(verdict(gate, at(7_800, T0 + DAY), instrument), OrderPlan)
    assert gate.drawdown.anchor == Decimal(7_800)
    assert isinstance(verdict(gate, at(6_630, T0 + DAY + HOUR), instrument), OrderPlan)  # 15% below it
    message = halted(verdict(gate, at(6_240, T0 + DAY + 2 * HOUR), instrument))  # 20% below 7 800
    assert message.startswith("drawdown 20% from its re-armed level 7,800.00 (equity 6,240.00)")


def test_the_re_armed_level_rises_with_equity_and_gives_way_to_a_new_peak(instrument: Instrument) -> None:
    gate = RiskGate()
    halted(verdict(gate, at(7_900, T0), instrument))
    assert isinstance(verdict(gate, at(7_800, T0 + DAY), instrument), OrderPlan)
    assert isinstance(verdict(gate, at(8_500, T0 + DAY + HOUR), instrument), OrderPlan)
    assert gate.drawdown.anchor == Decimal(8_500)
    halted(verdict(gate, at(6_800, T0 + DAY + 2 * HOUR), instrument))  # 20% below 8 500

    gate = RiskGate()
    halted(verdict(gate, at(7_900, T0), instrument))
    assert isinstance(verdict(gate, at(7_800, T0 + DAY), instrument), OrderPlan)
    assert isinstance(verdict(gate, at(10_500, T0 + DAY + HOUR, peak=10_500), instrument), OrderPlan)
    assert gate.drawdown.anchor is None  # a new peak: measured from it
    halted(verdict(gate, at(8_400, T0 + DAY + 2 * HOUR, peak=10_500), instrument))


def test_a_zero_cooldown_refuses_only_the_entry_that_trips_it(instrument: Instrument) -> None:
    gate = RiskGate(RiskConfig(drawdown_cooldown_ms=0))
    assert halted(verdict(gate, at(7_900, T0), instrument)).endswith("reached the 20% limit: entry refused")
    assert isinstance(verdict(gate, at(7_900, T0 + 1), instrument), OrderPlan)


def test_new_limits_keep_the_gate_state(instrument: Instrument) -> None:
    gate = RiskGate()
    halted(verdict(gate, at(7_900, T0), instrument))
    gate.config = RiskConfig(max_drawdown=0.5, max_daily_loss=0.5)  # as the API's reload does
    assert gate.breaker.config is gate.config
    assert gate.drawdown.config is gate.config
    halted(verdict(gate, at(7_900, T0 + HOUR), instrument))  # still cooling down
    assert isinstance(verdict(gate, at(7_900, T0 + DAY), instrument), OrderPlan)


def test_the_halt_is_named_before_the_daily_breaker_and_both_trip(instrument: Instrument) -> None:
    gate = RiskGate()
    acct = account(7_900, now_ms=T0, peak_equity=Decimal(10_000), start_of_day_equity=Decimal(10_000))
    halted(verdict(gate, acct, instrument))
    assert gate.breaker.tripped_ms == T0
    assert gate.drawdown.tripped_ms == T0


def test_exits_go_while_halted(instrument: Instrument) -> None:
    gate = RiskGate()
    halted(verdict(gate, at(7_000, T0), instrument))
    btc = Position("BTCUSDT", Side.BUY, Decimal("0.1"), Decimal(25_000), Decimal(24_000), plan_id="B1")
    acct = account(7_000, now_ms=T0, peak_equity=Decimal(10_000), positions=(btc,))
    assert isinstance(
        gate.review(Exit("BTCUSDT", "out", 25_000, T0, 1.0), acct, instrument, 25_000), OrderPlan
    )
