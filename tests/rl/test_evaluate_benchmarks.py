"""`rl evaluate`'s benchmarks on real BTC bars: buy-and-hold and volatility-targeted buy-and-hold
over the evaluation window, the second aimed at the evaluated policy's own realised volatility
(the mean over its sampling seeds) and equal to a direct `vol_target_buy_and_hold` call. A rule
strategy stands in for the policy: no training is needed to check the benchmarks."""

from __future__ import annotations

import numpy as np
import pytest
from rich.console import Console

from aitrader.backtest.benchmark import buy_and_hold
from aitrader.backtest.inputs import build_strategy
from aitrader.backtest.metrics import compute_metrics
from aitrader.backtest.vol_target_benchmark import target_for, vol_target_buy_and_hold
from aitrader.data import load_sample
from aitrader.domain.timeframe import parse_time
from aitrader.rl.env_config import EnvConfig
from aitrader.rl.evaluate import HOLD, VOL_TARGET, compare, eval_table, row_dict
from aitrader.rl.splits import BarRange

CANDLES = load_sample("BTCUSDT", "1h")
START, STOP = (int(i) for i in np.searchsorted(CANDLES.open_time, [parse_time("2021-03-01"), parse_time("2021-07-01")]))  # fmt: skip
WINDOW = BarRange("test", START, STOP)
ENV = EnvConfig()


def test_both_benchmarks_sit_beside_the_policy_on_its_window() -> None:
    policy = build_strategy("confluence", {}, CANDLES.timeframe)
    rows = compare(policy, CANDLES, WINDOW, ENV, rules=("momentum",))
    assert [r.name for r in rows] == ["policy", HOLD, VOL_TARGET, "momentum"]
    mine, hold, vol = rows[0].result, rows[1].result, rows[2].result
    assert mine.trades  # a target from a real run, not the default
    np.testing.assert_array_equal(vol.times, hold.times)
    np.testing.assert_array_equal(vol.times, CANDLES.open_time[START:STOP])
    plain = buy_and_hold(CANDLES.slice(START, STOP), ENV.cash, ENV.fee_rate)
    assert rows[1].metrics.total_return == compute_metrics(plain).total_return
    target = target_for(mine)
    assert vol.params["target_volatility"] == pytest.approx(target)
    direct = vol_target_buy_and_hold(CANDLES.slice(0, STOP), ENV.cash, target, ENV.fee_rate, start=START)
    assert rows[2].metrics.total_return == pytest.approx(compute_metrics(direct).total_return, rel=1e-12)
    assert 0 < vol.params["mean_weight"] <= 1
    assert rows[2].metrics.exposure <= 1
    assert rows[2].metrics.max_drawdown < rows[1].metrics.max_drawdown  # BTC runs far above the target
    doc = row_dict(rows[2])
    assert doc["target_volatility"] == pytest.approx(target, abs=1e-6)
    assert 0 < doc["mean_weight"] <= 1
    assert "target_volatility" not in row_dict(rows[1])
    assert f"{target:.1%} is the policy's realised volatility" in rows[2].note
    console = Console(record=True, width=200)
    console.print(eval_table(rows, "test"))
    assert f"{VOL_TARGET}*" in console.export_text()


def test_with_several_seeds_the_target_is_the_mean_of_theirs() -> None:
    runs = [(f"seed {k}", build_strategy(name, {}, CANDLES.timeframe)) for k, name in enumerate(("confluence", "momentum"))]  # fmt: skip
    rows = compare(runs, CANDLES, WINDOW, ENV, rules=())
    assert [r.name for r in rows] == ["seed 0", "seed 1", HOLD, VOL_TARGET]
    expected = (target_for(rows[0].result) + target_for(rows[1].result)) / 2
    assert rows[3].result.params["target_volatility"] == pytest.approx(expected)
    assert "the mean of the 2 runs' realised volatility" in rows[3].note
