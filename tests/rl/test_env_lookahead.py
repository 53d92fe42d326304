"""No look-ahead: what either environment shows at bar i (observation, equity, valid actions) is
unchanged when every candle after bar i is replaced by garbage."""

from __future__ import annotations

import numpy as np
import pytest

from aitrader.data import load_sample
from aitrader.domain import Candles
from aitrader.rl.env_config import EnvConfig
from aitrader.rl.kernel_env import KernelTradingEnv
from aitrader.rl.series import EnvSeries
from aitrader.rl.vector_env import VectorTradingEnv

START_OFFSET = 400
STEPS = 120  # the decision bar i is start + STEPS


def garbage_after(candles: Candles, i: int, seed: int) -> Candles:
    """`candles` with every bar after i scrambled (prices scaled and shuffled, volume random)."""
    rng = np.random.default_rng(seed)
    cols = {}
    for name in ("open", "high", "low", "close", "volume"):
        col = np.array(getattr(candles, name), dtype=np.float64)
        tail = col[i + 1 :] * rng.uniform(0.3, 3.0, len(col) - i - 1)
        col[i + 1 :] = rng.permutation(tail)
        cols[name] = col
    return Candles.from_arrays(candles.open_time, **cols, symbol=candles.symbol, timeframe=candles.timeframe)


@pytest.fixture(
    scope="module", params=[("BTCUSDT", "1h", 4000), ("NIFTY50", "1d", 2500)], ids=["btc", "nifty"]
)
def pair(request: pytest.FixtureRequest) -> tuple[EnvSeries, EnvSeries, EnvConfig, int, int]:
    symbol, tf, n = request.param
    candles = load_sample(symbol, tf).slice(0, n)
    true = EnvSeries.from_candles(candles)
    start = true.first_valid + START_OFFSET
    i = start + STEPS
    altered = EnvSeries.from_candles(garbage_after(candles, i, seed=7))
    assert not np.allclose(true.close[i + 1 :], altered.close[i + 1 :])
    cfg = (
        EnvConfig(episode_bars=400) if symbol == "BTCUSDT" else EnvConfig.for_index_futures(episode_bars=400)
    )
    return true, altered, cfg, start, i


def test_market_rows_up_to_i_ignore_the_future(
    pair: tuple[EnvSeries, EnvSeries, EnvConfig, int, int],
) -> None:
    true, altered, _, _, i = pair
    assert np.array_equal(true.features.matrix[: i + 1], altered.features.matrix[: i + 1])
    assert np.array_equal(true.atr[: i + 1], altered.atr[: i + 1], equal_nan=True)
    assert true.first_valid == altered.first_valid


def test_kernel_env_sees_nothing_after_i(pair: tuple[EnvSeries, EnvSeries, EnvConfig, int, int]) -> None:
    true, altered, cfg, start, i = pair
    envs = [KernelTradingEnv(s, cfg) for s in (true, altered)]
    (obs_a, info_a), (obs_b, info_b) = (e.reset(options={"start": start}) for e in envs)
    rng = np.random.default_rng(3)
    trades = 0
    for _ in range(i - start):
        w = np.array([0.6, 0.3, 0.3, 0.05, 0.05]) * info_a["valid"]
        action = int(rng.choice(5, p=w / w.sum()))
        obs_a, r_a, _, _, info_a = envs[0].step(action)
        obs_b, r_b, _, _, info_b = envs[1].step(action)
        assert np.array_equal(obs_a, obs_b)
        assert (r_a, info_a["equity"], info_a["trades"]) == (r_b, info_b["equity"], info_b["trades"])
        trades = info_a["trades"]
    assert envs[0].bar == i
    assert trades >= 3  # the comparison covered entries, fills and exits


def test_vector_env_sees_nothing_after_i(pair: tuple[EnvSeries, EnvSeries, EnvConfig, int, int]) -> None:
    true, altered, cfg, start, i = pair
    envs = [VectorTradingEnv(s, cfg, n_envs=8) for s in (true, altered)]
    obs = [e.reset(options={"start": start}) for e in envs]
    rng = np.random.default_rng(4)
    for _ in range(i - start):
        u = rng.random((8, 5)) * envs[0].valid
        actions = np.argmax(u, axis=1)
        out_a, out_b = envs[0].step(actions), envs[1].step(actions)
        assert np.array_equal(out_a[0], out_b[0])
        assert np.array_equal(out_a[1], out_b[1])
        assert np.array_equal(out_a[4]["equity"], out_b[4]["equity"])
        obs = [out_a[0], out_b[0]]
    assert np.all(envs[0].bars == i)
    assert np.array_equal(obs[0], obs[1])
    assert envs[0].series[0].features.matrix[i] == pytest.approx(obs[0][0, :12])
