"""`instrument_for`: Binance pairs keep their rules; other symbols get stated generic ones."""

from __future__ import annotations

from decimal import Decimal

from aitrader.data.instrument_guess import instrument_for


def test_binance_pair_uses_the_exchange_rules() -> None:
    inst, assumed = instrument_for("BTCUSDT", 29_000.0)
    assert assumed is None
    assert inst.quote_asset == "USDT"
    assert inst.min_notional > 0
    assert not inst.allows_short


def test_index_gets_generic_rules_and_says_so() -> None:
    inst, assumed = instrument_for("NIFTY50", 15_879.65)
    assert assumed is not None
    assert "instrument rules assumed for NIFTY50" in assumed
    assert inst.base_asset == "NIFTY50"
    assert inst.quote_asset == "QUOTE"
    assert inst.tick_size == Decimal("0.01")
    assert inst.step_size == Decimal("0.0001")
    assert inst.min_notional == 0
    assert inst.allows_short
    assert inst.round_price(Decimal("15879.654")) == Decimal("15879.65")
    assert inst.round_qty(Decimal("0.123456")) == Decimal("0.1234")
