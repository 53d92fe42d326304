"""The vectorised environment is the kernel environment in numpy: the same actions give the same
equity path, rewards, observations, invalid flags and trades (stops, targets and closes alike),
on real BTCUSDT 1h (spot, percentage fees) and NIFTY50 1d (shorts, fixed 25/35 fees)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from aitrader.data import load_sample
from aitrader.rl.env_config import EnvConfig
from aitrader.rl.kernel_env import KernelTradingEnv
from aitrader.rl.series import EnvSeries
from aitrader.rl.vector_env import VectorTradingEnv

REL = 1e-6  # equity agreement; the two envs agree exactly on these data (a lot step apart would be ~1e-5)
# mostly entries and holds, so positions live until their stop or target; some closes; some
# uniformly random (often invalid) actions
WEIGHTS = np.array([0.55, 0.3, 0.3, 0.04, 0.04])


@pytest.fixture(scope="module")
def btc() -> EnvSeries:
    return EnvSeries.from_candles(load_sample("BTCUSDT", "1h").slice(0, 5000))


@pytest.fixture(scope="module")
def nifty() -> EnvSeries:
    return EnvSeries.from_candles(load_sample("NIFTY50", "1d"))


def run_both(series: EnvSeries, cfg: EnvConfig, start: int, seed: int) -> dict[str, Any]:
    """Drive both envs with the same seeded actions (chosen from the kernel env's mask) until the
    episode ends; assert every step agrees; return what happened."""
    kernel_env = KernelTradingEnv(series, cfg)
    vector_env = VectorTradingEnv(series, cfg, n_envs=1)
    k_obs, k_info = kernel_env.reset(options={"start": start})
    v_obs = vector_env.reset(options={"start": start})
    assert np.array_equal(k_obs, v_obs[0])
    rng = np.random.default_rng(seed)
    invalid = 0
    for step in range(cfg.episode_bars):
        assert np.array_equal(k_info["valid"], vector_env.valid[0])
        if rng.random() < 0.1:
            action = int(rng.integers(0, 5))
        else:
            w = WEIGHTS * k_info["valid"]
            action = int(rng.choice(5, p=w / w.sum()))
        k_obs, k_reward, k_term, k_trunc, k_info = kernel_env.step(action)
        v_obs, v_reward, v_term, v_trunc, v_info = vector_env.step(np.array([action]))
        where = f"step {step}, bar {k_info['bar']}, action {action}"
        assert k_info["equity"] == pytest.approx(float(v_info["equity"][0]), rel=REL), where
        assert k_reward == pytest.approx(float(v_reward[0]), rel=1e-4, abs=1e-5), where
        assert k_info["invalid"] == bool(v_info["invalid"][0]), where
        assert k_info["position"] == int(v_info["position"][0]), where
        assert k_info["trades"] == int(v_info["trades"][0]), where
        assert (k_term, k_trunc) == (bool(v_term[0]), bool(v_trunc[0])), where
        invalid += k_info["invalid"]
        if k_term or k_trunc:
            assert k_info["episode_trades"] == int(v_info["episode_trades"][0])
            assert k_info["episode_return"] == pytest.approx(
                float(v_info["episode_return"][0]), rel=1e-6, abs=1e-6
            )
            break
        np.testing.assert_allclose(k_obs, v_obs[0], atol=1e-5, err_msg=where)
    trades = kernel_env.kernel.portfolio.trades
    return {
        "steps": step + 1,
        "invalid": invalid,
        "reasons": [t.exit_reason for t in trades],
        "trades": trades,
    }


@pytest.mark.parametrize("start_offset", [1000, 3000])
def test_spot_btc_same_path_in_both_envs(btc: EnvSeries, start_offset: int) -> None:
    cfg = EnvConfig(episode_bars=300)
    out = run_both(btc, cfg, btc.first_valid + start_offset, seed=start_offset)
    assert out["steps"] == 300
    reasons = set(out["reasons"])
    assert {"stop", "target", "exit"} <= reasons, reasons  # every way out of a position was exercised
    assert len(out["trades"]) >= 10
    assert out["invalid"] > 0
    assert all(t.side.value == "BUY" for t in out["trades"])  # spot: long only


@pytest.mark.parametrize("start_offset", [500, 2500])
def test_index_futures_nifty_same_path_with_shorts_and_fixed_fees(
    nifty: EnvSeries, start_offset: int
) -> None:
    cfg = EnvConfig.for_index_futures(episode_bars=300, fee_rate=0.0002)  # fixed 25/35 plus a rate
    out = run_both(nifty, cfg, nifty.first_valid + start_offset, seed=start_offset)
    trades = out["trades"]
    assert {"BUY", "SELL"} == {t.side.value for t in trades}
    assert {"stop", "target", "exit"} <= set(out["reasons"])
    for t in trades:  # 25 in, 35 out, plus the rate on both fills' notional
        entry_value, exit_value = t.entry_price * t.quantity, t.exit_price * t.quantity
        assert t.fees == pytest.approx(60.0 + 0.0002 * (entry_value + exit_value), rel=1e-9)
