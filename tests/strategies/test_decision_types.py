"""The decision value types: proposals validate themselves, views cannot look ahead, helpers place sanely."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from aitrader.domain import Candles, Side
from aitrader.domain.position import Position, StaticBook
from aitrader.domain.proposal import Adjust, AdjustKind, Enter, EntryType, Exit, Target
from aitrader.risk.placement import atr_stop, rr_targets, structure_stop
from aitrader.strategies import MarketView, Signals, get_strategy
from aitrader.strategies.registry import REGISTRY, param_info


def test_enter_rejects_bad_values() -> None:
    ok = {"symbol": "X", "side": Side.BUY, "price": 100.0, "stop": 95.0, "targets": (Target(110.0),), "confidence": 0.5,
              "rationale": "r", "time_ms": 1}  # fmt: skip
    Enter(**ok)  # type: ignore[arg-type]
    for bad, match in (
        ({"confidence": 1.5}, "confidence"),
        ({"targets": ()}, "at least one target"),
        ({"targets": (Target(110.0, 0.5), Target(120.0, 0.4))}, "sum to 1"),
        ({"stop": float("nan")}, "stop"),
        ({"entry_type": EntryType.LIMIT}, "limit_price"),
    ):
        with pytest.raises(ValueError, match=match):
            Enter(**{**ok, **bad})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="fraction"):
        Exit("X", "r", 100.0, 1, fraction=0.0)
    with pytest.raises(ValueError, match="new_stop, take_fraction"):
        Adjust("X", AdjustKind.TRAIL, "r", 100.0, 1)


def test_position_risk_and_protective_moves() -> None:
    long = Position("X", Side.BUY, Decimal(2), Decimal(100), Decimal(95))
    assert long.risk == Decimal(10)
    assert long.stop_is_protective_move(Decimal(96))
    assert not long.stop_is_protective_move(Decimal(94))
    short = Position("X", Side.SELL, Decimal(2), Decimal(100), Decimal(105))
    assert short.risk == Decimal(10)
    assert short.stop_is_protective_move(Decimal(104))
    assert not short.stop_is_protective_move(Decimal(106))
    assert StaticBook([long]).get("X") is long
    assert StaticBook().get("X") is None


def test_market_view_cannot_look_ahead(btc_1m: Candles) -> None:
    s = get_strategy("confluence")
    f = s.features(btc_1m.slice(0, 3000))
    v = MarketView(f, 2500)
    assert len(v.candles) == 2501
    assert v.series("rsi", 10).shape == (10,)
    assert v.series("rsi", 10)[-1] == f["rsi"][2500]
    with pytest.raises(ValueError, match="cannot look ahead"):
        v.value("rsi", back=-1)
    with pytest.raises(ValueError):
        v.series("rsi", 3)[0] = 1.0  # read-only
    with pytest.raises(IndexError):
        MarketView(f, 3000)


def test_signal_candidates_follow_the_position() -> None:
    t, f = True, False
    sig = Signals(
        np.array([t, f, f, f]), np.array([f, t, f, f]), np.array([f, f, t, f]), np.array([f, f, f, t])
    )
    assert sig.candidates().tolist() == [0, 1]
    assert sig.candidates(long_open=True).tolist() == [2]
    assert sig.candidates(short_open=True).tolist() == [3]
    trailing = Signals(sig.entry_long, sig.entry_short, sig.exit_long, sig.exit_short, adjusts_every_bar=True)
    assert trailing.candidates(long_open=True).tolist() == [0, 1, 2, 3]


def test_placement_helpers() -> None:
    assert atr_stop(100.0, 2.0, Side.BUY, 1.5) == 97.0
    assert atr_stop(100.0, 2.0, Side.SELL, 1.5) == 103.0
    # beyond the swing low at 98 by 0.25 ATR -> 97.5, inside [1, 4] ATR
    assert structure_stop(100.0, Side.BUY, 98.0, 2.0) == pytest.approx(97.5)
    # a level too close is pushed out to the minimum, too far is pulled in to the maximum
    assert structure_stop(100.0, Side.BUY, 99.9, 2.0) == pytest.approx(98.0)
    assert structure_stop(100.0, Side.BUY, 50.0, 2.0) == pytest.approx(92.0)
    assert structure_stop(100.0, Side.SELL, float("nan"), 2.0) == pytest.approx(102.0)
    tps = rr_targets(100.0, 98.0, Side.BUY, (1.5, 3.0))
    assert [t.price for t in tps] == [103.0, 106.0]
    assert sum(t.fraction for t in tps) == 1.0


def test_every_parameter_has_a_default_range_and_meaning() -> None:
    for cls in REGISTRY.values():
        for p in param_info(cls.params_model):
            assert p.description, f"{cls.name}.{p.name} has no description"
            assert p.default is not None
        assert cls.regimes_traded(), f"{cls.name} trades no regime"
