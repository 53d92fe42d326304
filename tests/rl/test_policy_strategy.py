"""A policy as a strategy: it trades in a kernel backtest exactly as it acted in its training
environment, sees no future bar, is asked on every bar, and explains each decision."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from aitrader.backtest.inputs import InputError, build_strategy
from aitrader.domain import Candles, Timeframe
from aitrader.rl.actions import Action
from aitrader.rl.checkpoint import Checkpoint, save_checkpoint
from aitrader.rl.env_config import EnvConfig
from aitrader.rl.evaluate import backtest_window
from aitrader.rl.kernel_env import KernelTradingEnv
from aitrader.rl.models import LSTMActorCritic
from aitrader.rl.moe import MixtureOfExperts
from aitrader.rl.observation import ObsSpec
from aitrader.rl.series import EnvSeries
from aitrader.rl.splits import BarRange
from aitrader.rl.strategy import PolicyParams, PolicyStrategy

torch.set_num_threads(1)
SPEC = ObsSpec()
START, BARS = 20_000, 400


def _policy(seed: int = 3) -> LSTMActorCritic:
    torch.manual_seed(seed)
    policy = LSTMActorCritic(SPEC.obs_dim, 5, hidden=16)
    with torch.no_grad():  # a random policy that still acts: spread the logits of the five actions
        for p in policy.parameters():
            p.mul_(8.0)
    return policy


def _strategy(
    policy: torch.nn.Module,
    env: EnvConfig,
    log: Path | None = None,
    context: int = 1,
    tf: Timeframe = Timeframe.H1,
) -> PolicyStrategy:
    ckpt = Checkpoint(policy=policy, env_config=env, obs_spec=SPEC)  # type: ignore[arg-type]
    params = PolicyParams(
        path="(test)",
        deterministic=True,
        context_bars=context,
        decision_log=None if log is None else str(log),
    )
    return PolicyStrategy(ckpt, params, tf)


def _logged(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_backtest_trades_exactly_as_the_training_environment(btc_1h: Candles, tmp_path: Path) -> None:
    env_cfg = EnvConfig(episode_bars=BARS + 10)
    log = tmp_path / "decisions.jsonl"
    policy = _policy()
    window = BarRange("w", START, START + BARS)
    result = backtest_window(_strategy(policy, env_cfg, log), btc_1h, window, env_cfg)
    decisions = _logged(log)
    assert len(decisions) == BARS  # asked on every bar of the window
    actions = [Action[str(d["action"])] for d in decisions]
    assert {Action.BUY_LONG, Action.CLOSE_LONG} <= set(actions)
    assert len(result.trades) >= 5

    # the same policy in the kernel environment, fed the environment's own observations
    env = KernelTradingEnv(EnvSeries.from_candles(btc_1h, SPEC), env_cfg, start=START, stop=START + BARS + 20)
    obs, _ = env.reset(options={"start": START})
    state = policy.initial_state(1)
    equity = []
    for k in range(BARS):
        with torch.no_grad():
            out = policy(torch.as_tensor(obs)[None, None, :], state, torch.zeros(1, 1, dtype=torch.bool))
        state = out.state
        chosen = Action(int(out.logits[0, 0].argmax()))
        logged = decisions[k]["evidence"]
        assert isinstance(logged, dict)
        # the same choice; an invalid one is a HOLD in both (the strategy says which it was)
        assert actions[k] is chosen or (actions[k] is Action.HOLD and logged["invalid_choice"] == chosen.name)
        obs, _, terminated, _, info = env.step(chosen)
        equity.append(info["equity"])
        assert not terminated
    # the backtest marks equity at each close of the window; the environment after each step
    np.testing.assert_allclose(result.equity[1:BARS], equity[: BARS - 1], rtol=1e-9)


def test_decisions_never_see_a_later_bar(btc_1h: Candles, tmp_path: Path) -> None:
    env_cfg = EnvConfig()
    cut = START + 200
    full, part = tmp_path / "full.jsonl", tmp_path / "part.jsonl"
    policy = _policy(5)
    backtest_window(_strategy(policy, env_cfg, full), btc_1h, BarRange("w", START, START + 300), env_cfg)
    prefix = btc_1h.slice(0, cut)
    backtest_window(_strategy(policy, env_cfg, part), prefix, BarRange("w", START, cut), env_cfg)
    assert _logged(part) == _logged(full)[: cut - START]


def test_a_gap_rebuilds_the_state_from_the_context_bars(btc_1h: Candles, tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    strat = _strategy(_policy(), EnvConfig(), log, context=64)
    backtest_window(strat, btc_1h, BarRange("w", START, START + 5), EnvConfig())
    flags = [d["evidence"]["burn_in"] for d in _logged(log)]  # type: ignore[index]
    assert flags == [True, False, False, False, False]


def test_a_mixture_of_experts_explains_each_decision(btc_1h: Candles, tmp_path: Path) -> None:
    torch.manual_seed(0)
    moe = MixtureOfExperts(SPEC.obs_dim, 5, hidden=8)
    log = tmp_path / "moe.jsonl"
    result = backtest_window(
        _strategy(moe, EnvConfig(), log), btc_1h, BarRange("w", START, START + 50), EnvConfig()
    )
    entries = _logged(log)
    assert len(entries) == 50
    first = entries[0]
    probs, experts = first["probs"], first["experts"]
    assert isinstance(probs, list)
    assert isinstance(experts, list)
    assert len(probs) == 5
    assert abs(sum(probs) - 1.0) < 1e-4
    assert len(experts) == 4
    assert abs(sum(experts) - 1.0) < 1e-4
    evidence = first["evidence"]
    assert isinstance(evidence, dict)
    assert {"p_hold", "p_buy_long", "expert_trend", "expert_consolidation", "obs_trend"} <= set(evidence)
    for trade in result.trades:
        assert trade.strategy == "rl"


def test_rl_path_loads_through_the_one_strategy_resolver(tmp_path: Path) -> None:
    path = save_checkpoint(tmp_path / "p.pt", _policy(), EnvConfig(), SPEC, agent="ppo-lstm")
    strat = build_strategy(f"rl:{path}", {"deterministic": False, "seed": 4}, Timeframe.H1)
    assert strat.name == "rl"
    assert strat.warmup == SPEC.warmup + 256 - 1  # the observation warm-up and the state's context
    with pytest.raises(InputError, match="rl:"):
        build_strategy(f"rl:{tmp_path / 'missing.pt'}", {}, Timeframe.H1)
    junk = tmp_path / "junk.pt"
    junk.write_text("not a checkpoint")
    with pytest.raises(InputError) as err:
        build_strategy(f"rl:{junk}", {}, Timeframe.H1)
    assert "\n" not in str(err.value)
    with pytest.raises(InputError, match="invalid parameters"):
        build_strategy(f"rl:{path}", {"context_bars": 0}, Timeframe.H1)


def test_spot_policy_never_proposes_a_short(btc_1h: Candles) -> None:
    strat = _strategy(_policy(), EnvConfig(allows_short=False))
    feats = strat.features(btc_1h.slice(0, 2000))
    signals = strat.signals(feats)
    assert not signals.entry_short.any()
    assert signals.entry_long.all()
    assert signals.exit_long.all()


def test_weekends_of_a_daily_index_are_no_gap(tmp_path: Path) -> None:
    from aitrader.rl.training import resolve_candles

    nifty, _ = resolve_candles("NIFTY50", "1d", None, None)
    log = tmp_path / "d.jsonl"
    strat = _strategy(_policy(), EnvConfig.for_index_futures(), log, context=32, tf=Timeframe.D1)
    backtest_window(strat, nifty, BarRange("w", 4000, 4030), EnvConfig.for_index_futures())
    flags = [d["evidence"]["burn_in"] for d in _logged(log)]  # type: ignore[index]
    assert len(flags) == 30
    assert flags == [True] + [False] * 29  # 30 trading days span weekends: the state carries on


def test_an_rllib_folder_needs_an_explicit_opt_in(tmp_path: Path) -> None:
    folder = tmp_path / "rllib_run"
    folder.mkdir()
    with pytest.raises(InputError, match="trust_rllib=true"):
        build_strategy(f"rl:{folder}", {}, Timeframe.H1)
    with pytest.raises(InputError, match="not a loadable RLlib policy"):
        build_strategy(f"rl:{folder}", {"trust_rllib": True}, Timeframe.H1)


def test_a_checkpoint_whose_shapes_disagree_is_refused(tmp_path: Path) -> None:
    from aitrader.rl.checkpoint import CheckpointError, load_checkpoint

    wrong = LSTMActorCritic(SPEC.obs_dim + 3, 5, hidden=8)
    path = save_checkpoint(tmp_path / "w.pt", wrong, EnvConfig(), SPEC, agent="ppo-lstm")
    with pytest.raises(CheckpointError, match="inputs"):
        load_checkpoint(path)
