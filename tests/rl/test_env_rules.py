"""The environments' rules on real candles: shorts refused on spot and allowed on index futures
(with the fixed 25/35 fees charged), invalid actions and gate refusals penalised, episodes ended by
ruin, by their length and by the split's last bar, auto-reset with episode statistics."""

from __future__ import annotations

import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

from aitrader.data import load_sample
from aitrader.execution.fees import PercentPlusFixedFee
from aitrader.rl.actions import Action
from aitrader.rl.env_config import EnvConfig
from aitrader.rl.kernel_env import KernelTradingEnv
from aitrader.rl.series import EnvSeries
from aitrader.rl.vector_env import VectorTradingEnv

PENALTY = 0.25


@pytest.fixture(scope="module")
def btc() -> EnvSeries:
    return EnvSeries.from_candles(load_sample("BTCUSDT", "1h").slice(0, 3000))


@pytest.fixture(scope="module")
def nifty() -> EnvSeries:
    return EnvSeries.from_candles(load_sample("NIFTY50", "1d").slice(0, 2500))


def one_step(
    series: EnvSeries, cfg: EnvConfig, start: int, actions: list[int]
) -> list[tuple[float, dict[str, object]]]:
    """(reward, info) of each action in both envs, asserting they agree."""
    k_env, v_env = KernelTradingEnv(series, cfg), VectorTradingEnv(series, cfg, n_envs=1)
    k_env.reset(options={"start": start})
    v_env.reset(options={"start": start})
    out = []
    for a in actions:
        _, k_r, _, _, k_info = k_env.step(a)
        _, v_r, _, _, v_info = v_env.step([a])
        assert k_r == pytest.approx(float(v_r[0]), abs=1e-5)
        assert (k_info["invalid"], k_info["position"]) == (
            bool(v_info["invalid"][0]),
            int(v_info["position"][0]),
        )
        k_info["fees"] = k_env.kernel.portfolio.fees_paid
        out.append((k_r, k_info))
    return out


def test_fee_model_charges_rate_and_fixed_parts() -> None:
    fee = PercentPlusFixedFee(rate=0.001, entry=25.0, exit=35.0)
    assert fee.fee(10_000.0, is_maker=False, is_entry=True) == pytest.approx(35.0)
    assert fee.fee(-10_000.0, is_maker=True, is_entry=False) == pytest.approx(45.0)
    assert PercentPlusFixedFee().fee(1e6, False, True) == 0.0


def test_sell_short_refused_on_spot(btc: EnvSeries) -> None:
    cfg = EnvConfig(invalid_penalty=PENALTY)
    ((reward, info),) = one_step(btc, cfg, btc.first_valid + 100, [Action.SELL_SHORT])
    assert info["invalid"]
    assert info["position"] == 0
    assert reward == pytest.approx(-PENALTY)  # flat: the equity did not move
    assert info["fees"] == 0.0
    assert not info["valid"][Action.SELL_SHORT]


def test_sell_short_works_on_nifty_with_fixed_fees(nifty: EnvSeries) -> None:
    cfg = EnvConfig.for_index_futures(invalid_penalty=PENALTY)
    steps = one_step(
        nifty, cfg, nifty.first_valid + 200, [Action.SELL_SHORT, Action.HOLD, Action.CLOSE_SHORT]
    )
    (_, entered), (_, held), (_, closed) = steps
    assert not entered["invalid"]
    assert entered["position"] == -1
    assert entered["fees"] == 25.0  # the entry's fixed fee, no percentage
    assert held["position"] == -1
    assert held["fees"] == 25.0
    assert closed["position"] == 0
    assert closed["fees"] == 60.0
    assert closed["trades"] == 1
    assert entered["valid"][Action.CLOSE_SHORT]
    assert not entered["valid"][Action.CLOSE_LONG]


def test_invalid_actions_are_held_with_a_penalty(btc: EnvSeries) -> None:
    cfg = EnvConfig(invalid_penalty=PENALTY)
    start = btc.first_valid + 300
    steps = one_step(
        btc,
        cfg,
        start,
        [Action.CLOSE_LONG, Action.CLOSE_SHORT, Action.BUY_LONG, Action.BUY_LONG, Action.CLOSE_SHORT],
    )
    (r0, i0), (r1, i1), (_, i2), (_, i3), (_, i4) = steps
    assert i0["invalid"]
    assert i1["invalid"]
    assert r0 == r1 == pytest.approx(-PENALTY)
    assert not i2["invalid"]
    assert i2["position"] == 1
    assert i3["invalid"]
    assert i3["position"] == 1
    assert i4["invalid"]
    assert i4["position"] == 1
    held_reward = cfg.reward_scale * (i3["equity"] - i2["equity"]) / cfg.cash
    assert steps[3][0] == pytest.approx(held_reward - PENALTY)


def test_a_gate_refusal_counts_as_invalid(btc: EnvSeries) -> None:
    # 10% of 20 USDT is below BTCUSDT's 5 USDT minimum notional: the gate refuses every entry
    cfg = EnvConfig(cash=20.0, max_position_fraction=0.1, invalid_penalty=PENALTY)
    k_env = KernelTradingEnv(btc, cfg)
    k_env.reset(options={"start": btc.first_valid + 50})
    _, reward, _, _, info = k_env.step(Action.BUY_LONG)
    assert info["valid"][Action.BUY_LONG]  # the mask cannot know; the gate does
    assert info["invalid"]
    assert info["position"] == 0
    assert reward == pytest.approx(-PENALTY)
    assert "exposure_limit" in info["verdict"]
    assert "minimum" in info["verdict"]
    ((v_reward, v_info),) = one_step(btc, cfg, btc.first_valid + 50, [Action.BUY_LONG])
    assert v_info["invalid"]
    assert v_reward == pytest.approx(-PENALTY)


def test_ruin_terminates_in_both_envs(btc: EnvSeries) -> None:
    # a risk of 8% a trade and ruin below 90%: two stops end the episode
    cfg = EnvConfig(risk_fraction=0.08, ruin_fraction=0.9, episode_bars=2000)
    start = btc.first_valid + 10
    k_env, v_env = KernelTradingEnv(btc, cfg), VectorTradingEnv(btc, cfg, n_envs=1)
    _, info = k_env.reset(options={"start": start})
    v_env.reset(options={"start": start})
    steps = 0
    term = trunc = False
    while not (term or trunc):
        a = Action.BUY_LONG if info["position"] == 0 else Action.HOLD
        _, _, term, trunc, info = k_env.step(a)
        _, _, v_term, v_trunc, v_info = v_env.step([a])
        steps += 1
        assert (term, trunc) == (bool(v_term[0]), bool(v_trunc[0]))
    assert term, f"no ruin in {steps} steps"
    assert not trunc
    assert info["episode_equity"] < 0.9
    assert info["equity"] < 0.9 * cfg.cash
    assert v_info["episode_equity"][0] == pytest.approx(info["episode_equity"])
    assert v_info["episode_bars"][0] == info["episode_bars"] == steps
    assert v_env.equity()[0] == cfg.cash  # auto-reset: a fresh episode


def test_auto_reset_and_episode_statistics(btc: EnvSeries) -> None:
    cfg = EnvConfig(episode_bars=16)
    env = VectorTradingEnv(btc, cfg, n_envs=6, start=1000, stop=2000, seed=5)
    assert np.all((env.bars >= 1000) & (env.bars < 2000 - 16))
    rng = np.random.default_rng(0)
    returns = np.zeros(6)
    ended = 0
    for _step in range(40):
        actions = np.argmax(rng.random((6, 5)) * env.valid, axis=1)
        obs, reward, term, trunc, info = env.step(actions)
        returns += reward
        done = term | trunc
        assert ("final_obs" in info) == bool(done.any())
        assert np.all(np.isnan(info["episode_return"][~done]))
        assert np.all(info["episode_trades"][~done] == -1)
        for k in np.flatnonzero(done):
            ended += 1
            assert info["episode_bars"][k] == 16
            assert trunc[k]
            assert info["episode_return"][k] == pytest.approx(returns[k], abs=1e-3)
            assert info["episode_equity"][k] == pytest.approx(info["equity"][k] / cfg.cash)
            assert info["episode_trades"][k] == info["trades"][k] >= 0
            assert np.all(obs[k, 12:] == 0.0)  # the new episode's first observation: flat
            assert np.array_equal(info["final_obs"][k, :12], btc.features.matrix[info["bar"][k]])
            assert 1000 <= env.bars[k] < 2000 - 16
            assert np.array_equal(env.valid[k], [True, True, False, False, False])
            returns[k] = 0.0
        assert np.array_equal(info["valid"], env.valid)
    assert ended == 12  # everyone ended at steps 16 and 32


def test_split_end_truncates_both_envs(btc: EnvSeries) -> None:
    cfg = EnvConfig(episode_bars=100)
    start = btc.first_valid + 20
    k_env = KernelTradingEnv(btc, cfg, start=start, stop=start + 5)
    v_env = VectorTradingEnv(btc, cfg, n_envs=2, start=start, stop=start + 5)
    _, info = k_env.reset(seed=1)
    assert info["bar"] == start
    assert np.all(v_env.bars == start)
    for n in range(1, 5):
        _, _, term, trunc, info = k_env.step(Action.BUY_LONG if n == 1 else Action.HOLD)
        _, _, _v_term, v_trunc, v_info = v_env.step([Action.BUY_LONG, Action.HOLD])
        assert trunc == (n == 4)
        assert np.all(v_trunc == (n == 4))
        assert not term
    assert info["bar"] == start + 4 == v_info["bar"][0]
    assert info["episode_bars"] == 4


def test_several_series_round_robin(btc: EnvSeries, nifty: EnvSeries) -> None:
    env = VectorTradingEnv([btc, nifty], EnvConfig(), n_envs=5, seed=2)
    assert env.series_index.tolist() == [0, 1, 0, 1, 0]
    obs = env.reset(options={"start": 400})
    assert np.array_equal(obs[1, :12], nifty.features.matrix[400])
    assert np.array_equal(obs[2, :12], btc.features.matrix[400])
    _, _, _, _, info = env.step([Action.BUY_LONG] * 5)
    assert np.all(info["position"] == 1)


def test_kernel_env_passes_the_gymnasium_checker(btc: EnvSeries) -> None:
    env = KernelTradingEnv(btc, EnvConfig(episode_bars=32))
    check_env(env, skip_render_check=True)
    obs_a, _ = env.reset(seed=11)
    obs_b, _ = env.reset(seed=11)
    assert np.array_equal(obs_a, obs_b)
    assert env.observation_space.contains(obs_a)
