"""The search space: built from each strategy's typed parameters and hints, narrowed by --space."""

from __future__ import annotations

import pytest

from aitrader.optimize.space import SpaceError, build_space
from aitrader.strategies.confluence import ConfluenceParams
from aitrader.strategies.registry import REGISTRY
from aitrader.strategies.sma_cross import SmaCrossParams


def test_default_space_is_the_hinted_fields_of_each_builtin() -> None:
    space = build_space(ConfluenceParams)
    assert space.names == [
        "ema_fast",
        "ema_slow",
        "breakout_bars",
        "volume_ratio",
        "stop_min_atr",
        "rr1",
        "rr2",
    ]
    fast = space.dimensions[0]
    assert (fast.kind, fast.low, fast.high, fast.step) == ("int", 5, 50, 5)
    assert fast.points() == [5, 10, 15, 20, 25, 30, 35, 40, 45, 50]
    for name, cls in REGISTRY.items():  # every built-in strategy can be optimised without --space
        assert build_space(cls.params_model).dimensions, name


def test_space_entries_narrow_add_choose_and_fix() -> None:
    space = build_space(
        ConfluenceParams,
        ["ema_fast=10:20:5", "rsi_period=10,14,21", "htf=15m,1h", "rr2=4.0", "volume_ratio=1.5:2.5:0.5"],
    )
    dims = {d.name: d for d in space.dimensions}
    assert dims["ema_fast"].points() == [10, 15, 20]
    assert dims["rsi_period"].points() == [10, 14, 21]
    assert dims["htf"].points() == ["15m", "1h"]  # plain values: Optuna stores them, pydantic parses them
    assert dims["volume_ratio"].points() == [1.5, 2.0, 2.5]
    assert "rr2" not in dims
    assert space.fixed == {"rr2": 4.0}
    assert space.grid_size() == 3 * 3 * 2 * 3 * len(dims["ema_slow"].points()) * len(
        dims["breakout_bars"].points()
    ) * len(dims["stop_min_atr"].points()) * len(dims["rr1"].points())
    point = next(space.grid())
    assert ConfluenceParams(**space.params(point)).rr2 == 4.0


def test_config_values_are_the_base_of_what_is_not_searched() -> None:
    space = build_space(ConfluenceParams, [], {"ema_fast": 12, "rsi_period": 10})
    assert "ema_fast" in space.names  # still searched: a choice applied once does not freeze the space
    assert space.fixed == {"rsi_period": 10}
    pinned = build_space(ConfluenceParams, ["ema_fast=12"], {"ema_fast": 30})  # --space pins it
    assert "ema_fast" not in pinned.names
    assert pinned.fixed == {"ema_fast": 12}


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("nope=1:2", "no parameter 'nope'"),
        ("ema_fast=1:300", "leaves the allowed range 2 .. 200"),
        ("ema_fast=10:5", "must be below HIGH"),
        ("ema_fast=5:20:2.5", "whole LOW, HIGH and STEP"),
        ("ema_fast=ten", "is not a whole number"),
        ("htf=7m", "is not one of"),
        ("ema_fast", "write NAME=LOW:HIGH"),
        ("rr1=1:2:0", "STEP 0 must be positive"),
    ],
)
def test_bad_space_entries_say_what_and_how(entry: str, message: str) -> None:
    with pytest.raises(SpaceError, match=message.replace("(", r"\(").replace(".", r"\.")):
        build_space(ConfluenceParams, [entry])


def test_cross_field_rules_make_a_point_infeasible_not_an_error() -> None:
    space = build_space(SmaCrossParams, ["fast=10,40", "slow=30,50"])
    reasons = {(p["fast"], p["slow"]): space.validate(p) for p in space.grid()}
    assert reasons[(10, 30)] is None
    assert reasons[(40, 50)] is None
    assert reasons[(40, 30)] is not None
    assert "shorter than slow" in reasons[(40, 30)]


def test_a_float_range_without_step_has_no_grid() -> None:
    space = build_space(ConfluenceParams, ["rr1=1:3"])
    assert space.grid_size() is None
    with pytest.raises(SpaceError, match="nothing to search"):
        build_space(SmaCrossParams, ["fast=10", "slow=30"])
