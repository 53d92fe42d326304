"""The `costs` entry condition (`strategies.cost_guard`) on real samples: it blocks the entries whose
targets do not earn `cost_multiple` round trips of fees and slippage, and only those; the run's
costs reach the strategy through `get_strategy` and `build_strategy`."""

from __future__ import annotations

import numpy as np
import pytest

from aitrader.backtest.inputs import InputError, build_strategy
from aitrader.data import load_sample
from aitrader.domain import Candles, Side, Timeframe
from aitrader.domain.position import EMPTY_BOOK
from aitrader.domain.proposal import Enter
from aitrader.strategies import REGISTRY, MarketView, StrategyError, get_strategy
from aitrader.strategies.cost_guard import Costs, expected_move
from aitrader.strategies.rule import RuleStrategy

BLOCKED_1H = 6230  # BTCUSDT 1h 2018-05-05 10:00: a confluence long at no cost, none at a 1% fee


@pytest.fixture(scope="module")
def btc_1h_sample() -> Candles:
    return load_sample("BTCUSDT", "1h")


def test_a_high_fee_blocks_entries_that_no_cost_lets_through(btc_1h_sample: Candles) -> None:
    free = get_strategy("confluence", timeframe=Timeframe.H1, fee_rate=0.0, slippage=0.0)
    dear = get_strategy("confluence", timeframe=Timeframe.H1, fee_rate=0.01, slippage=0.0005)
    ff, fd = free.features(btc_1h_sample), dear.features(btc_1h_sample)
    for side in ("long", "short"):
        assert ff[f"{side}_costs"].all()  # nothing to pay: every plan earns it
        assert not fd[f"{side}_costs"].all()
        # the only difference between the two is the cost condition
        assert np.array_equal(fd[f"entry_{side}"], ff[f"entry_{side}"] & fd[f"{side}_costs"])
        assert fd[f"entry_{side}"].sum() < ff[f"entry_{side}"].sum()
    i = BLOCKED_1H
    assert ff["entry_long"][i]
    assert not fd["entry_long"][i]
    assert isinstance(free.on_bar(MarketView(ff, i), EMPTY_BOOK)[0], Enter)
    assert list(dear.on_bar(MarketView(fd, i), EMPTY_BOOK)) == []
    why = dear.explain(MarketView(fd, i), Side.BUY)
    assert [c.key for c in why if not c.held] == ["costs"]
    assert "needed: 3x the round-trip fees and slippage" in why[-1].text


def test_one_bar_by_hand(btc_1m: Candles) -> None:
    """BTCUSDT 1m 2023-05-05 00:54, a confluence long: close 28,955.34, stop 28,903.90, targets
    29,058.23 and 29,135.39, half the position each: the expected move is 0.5 x 102.89 + 0.5 x 180.05
    = 141.47; a round trip at a 0.1% fee and 5 bps slippage a fill costs 28,955.34 x 0.003 = 86.866."""
    at = int(np.searchsorted(btc_1m.open_time, 1_683_248_040_000))  # 2023-05-05 00:54 UTC
    free = get_strategy("confluence", fee_rate=0.0, slippage=0.0)
    f = free.features(btc_1m)
    (enter,) = free.on_bar(MarketView(f, at), EMPTY_BOOK)
    assert isinstance(enter, Enter)
    assert enter.side is Side.BUY
    close = float(btc_1m.close[at])
    assert close == 28_955.34
    assert [round(t.price, 2) for t in enter.targets] == [29_058.23, 29_135.39]
    assert [t.fraction for t in enter.targets] == [0.5, 0.5]
    move = sum(t.fraction * abs(t.price - close) for t in enter.targets)
    assert move == pytest.approx(141.468, abs=5e-4)
    assert expected_move(close, enter.targets) == move
    cost = close * (2 * 0.001 + 2 * 0.0005)
    assert Costs().round_trip(close) == pytest.approx(cost, rel=1e-15)
    assert cost == pytest.approx(86.866, abs=5e-4)
    # 141.47 / 86.87 = 1.63 round trips: held at 1.6x, blocked at 1.65x and at the default 3x
    for multiple, held in ((1.6, True), (1.65, False), (3.0, False)):
        s = get_strategy("confluence", cost_multiple=multiple)
        g = s.features(btc_1m)
        assert bool(g["long_costs"][at]) is held, multiple
        assert bool(g["entry_long"][at]) is held, multiple


@pytest.mark.parametrize("name", list(REGISTRY))
def test_every_built_in_strategy_is_gated_by_its_costs(name: str) -> None:
    assert "costs" in [key for key, _ in REGISTRY[name].conditions]


def test_the_costs_reach_the_strategy() -> None:
    s = get_strategy("momentum", timeframe=Timeframe.H1, fee_rate=0.0002, slippage=0.0001, cost_multiple=2)
    assert s.costs == Costs(0.0002, 0.0001, 2.0)
    assert get_strategy("momentum").costs == Costs(0.001, 0.0005, 3.0)  # the defaults
    built = build_strategy("range", {}, Timeframe.H4, fee=0.00075, slippage_bps=2)
    assert isinstance(built, RuleStrategy)
    assert built.costs == Costs(0.00075, 0.0002, 3.0)
    fixed = build_strategy("range", {}, Timeframe.H4, fee=0.001, slippage_bps=5, fixed_fee=True)
    assert isinstance(fixed, RuleStrategy)
    assert fixed.costs == Costs(0.0, 0.0005, 3.0)  # a fixed fee has no rate: the slippage only
    unset = build_strategy("range", {}, Timeframe.H4)
    assert isinstance(unset, RuleStrategy)
    assert unset.costs == Costs()


def test_bad_costs_are_refused() -> None:
    with pytest.raises(StrategyError, match="invalid costs for levels: fee_rate must be a finite number"):
        get_strategy("levels", fee_rate=-0.001)
    with pytest.raises(StrategyError, match="multiple must be a finite number"):
        get_strategy("levels", cost_multiple=float("nan"))
    with pytest.raises(InputError, match="slippage must be a finite number"):
        build_strategy("levels", {}, Timeframe.H1, slippage_bps=-1)
