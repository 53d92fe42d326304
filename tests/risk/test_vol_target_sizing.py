"""Volatility-target sizing (`Sizing.VOL_TARGET`): the notional is capped at equity x vol_target /
the proposal's annualised volatility, the risk budget still caps it (the smallest cap wins), and a
proposal that does not say its volatility is sized as by the stop."""

from __future__ import annotations

import math
from decimal import Decimal

import msgspec
import pytest
from pydantic import ValidationError
from risk_helpers import account, long_at

from aitrader.domain import Instrument
from aitrader.domain.plan import OrderPlan, Rejection, RejectionCode
from aitrader.domain.proposal import Enter
from aitrader.risk import RiskConfig, RiskGate, Sizing

# wide portfolio caps, so that only the risk budget, the volatility target and the cash can bind
LOOSE = {"max_position_fraction": 1, "max_symbol_exposure": 1}
ENTRY_FILL = Decimal(25_000) * Decimal("1.0005")  # the market entry with the default slippage


def _plan(cfg: RiskConfig, p: Enter, instrument: Instrument, equity: float = 10_000) -> OrderPlan:
    result = RiskGate(cfg).review(p, account(equity), instrument, 25_000)
    assert isinstance(result, OrderPlan), result
    return result


def _with_vol(vol: float | None) -> Enter:
    return msgspec.structs.replace(long_at(25_000, 24_800), volatility=vol)


def test_a_50_percent_vol_symbol_gets_half_the_notional_of_a_25_percent_one(instrument: Instrument) -> None:
    cfg = RiskConfig(sizing=Sizing.VOL_TARGET, vol_target=0.1, **LOOSE)
    calm = _plan(cfg, _with_vol(0.25), instrument)
    wild = _plan(cfg, _with_vol(0.50), instrument)
    step = instrument.step_size
    # 10,000 x 0.1 / 0.25 = 4,000 USDT of notional; / 0.5 = 2,000 (at the slipped entry fill)
    assert calm.quantity == instrument.round_qty(Decimal(4_000) / ENTRY_FILL)
    assert wild.quantity == instrument.round_qty(Decimal(2_000) / ENTRY_FILL)
    assert abs(calm.quantity - 2 * wild.quantity) <= step
    for plan in (calm, wild):
        assert any("size capped by the volatility target" in n for n in plan.notes), plan.notes
        assert plan.risk_quote <= Decimal(100)  # the 1% rule holds under any sizing
    by_stop = _plan(RiskConfig(**LOOSE), _with_vol(0.25), instrument)
    assert by_stop.quantity > calm.quantity  # the risk budget alone allows more (~0.36 BTC)


def test_the_risk_budget_binds_when_it_is_the_smaller_cap(instrument: Instrument) -> None:
    # a 0.2% budget (20 USDT) allows ~0.073 BTC, ~1,820 USDT: less than the 4,000 of the target
    cfg_vol = RiskConfig(risk_fraction=0.002, sizing=Sizing.VOL_TARGET, vol_target=0.1, **LOOSE)
    cfg_stop = RiskConfig(risk_fraction=0.002, **LOOSE)
    by_vol = _plan(cfg_vol, _with_vol(0.25), instrument)
    by_stop = _plan(cfg_stop, _with_vol(0.25), instrument)
    assert by_vol.quantity == by_stop.quantity
    assert by_vol.quantity * ENTRY_FILL < Decimal(4_000)
    assert not any("volatility target" in n for n in by_vol.notes)
    assert by_vol.risk_quote <= Decimal(20)


def test_a_low_volatility_never_lifts_the_size_past_the_risk_budget(instrument: Instrument) -> None:
    cfg = RiskConfig(sizing=Sizing.VOL_TARGET, vol_target=2.0, **LOOSE)  # the cap: 10,000 x 2 / 0.05
    plan = _plan(cfg, _with_vol(0.05), instrument)
    assert plan.quantity == _plan(RiskConfig(**LOOSE), _with_vol(None), instrument).quantity
    assert plan.risk_quote <= Decimal(100)


def test_without_volatility_it_sizes_as_by_the_stop(instrument: Instrument) -> None:
    cfg = RiskConfig(sizing=Sizing.VOL_TARGET, vol_target=0.1, **LOOSE)
    assert _plan(cfg, _with_vol(None), instrument) == _plan(RiskConfig(**LOOSE), _with_vol(None), instrument)


def test_the_stop_sizing_ignores_the_volatility(instrument: Instrument) -> None:
    plain = _plan(RiskConfig(**LOOSE), _with_vol(None), instrument)
    assert _plan(RiskConfig(**LOOSE), _with_vol(0.9), instrument).quantity == plain.quantity


def test_a_target_that_leaves_less_than_the_venue_minimum_refuses_with_its_reason(
    instrument: Instrument,
) -> None:
    cfg = RiskConfig(sizing=Sizing.VOL_TARGET, vol_target=0.01, **LOOSE)  # 100 x 0.01 / 2 = 0.5 USDT
    result = RiskGate(cfg).review(_with_vol(2.0), account(100), instrument, 25_000)
    assert isinstance(result, Rejection), result
    assert result.code is RejectionCode.RISK_BUDGET_TOO_SMALL
    assert result.message.startswith("volatility target: BTCUSDT moves 200% a year, so a 1% target allows")


def test_the_config_takes_the_name_and_checks_the_target() -> None:
    assert RiskConfig(sizing="vol_target").sizing is Sizing.VOL_TARGET  # type: ignore[arg-type]
    assert Sizing.VOL_TARGET == "vol_target"  # a journal's JSON compares equal
    assert RiskConfig().vol_target == 0.25
    for bad in (0.0, -0.1, 2.5):
        with pytest.raises(ValidationError):
            RiskConfig(vol_target=bad)


@pytest.mark.parametrize("bad", [0.0, -0.3, math.nan, math.inf])
def test_a_proposal_volatility_must_be_positive_and_finite(bad: float) -> None:
    with pytest.raises(ValueError, match="volatility must be a positive finite number"):
        _with_vol(bad)


def test_a_proposal_keeps_its_volatility() -> None:
    p = _with_vol(0.6)
    assert p.volatility == 0.6
    assert msgspec.to_builtins(p)["volatility"] == 0.6
    assert long_at().volatility is None
