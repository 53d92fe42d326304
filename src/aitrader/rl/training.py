"""Training runs as the CLI starts them: the series and its rules, the agent, PPO on the fast
vectorised environment over the train split, model selection on the validation split through the
real kernel, checkpoints and logs. The test split is never touched here (`aitrader rl evaluate`).

Model selection: every `eval_every` updates (and at the end) the current policy is backtested on
the validation window with `evaluate.backtest_window`; the checkpoint with the best validation
Sharpe is kept as `OUT/policy.pt` (`OUT/last.pt` is the final one).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import torch

from aitrader.domain import Candles, Timeframe
from aitrader.rl.checkpoint import Checkpoint, save_checkpoint
from aitrader.rl.env_config import EnvConfig
from aitrader.rl.evaluate import backtest_window
from aitrader.rl.observation import ObsSpec
from aitrader.rl.policy import RecurrentPolicy
from aitrader.rl.ppo import PPOConfig, PPOTrainer, UpdateReport
from aitrader.rl.series import EnvSeries
from aitrader.rl.splits import Splits, split_series
from aitrader.rl.strategy import PolicyParams, PolicyStrategy
from aitrader.rl.training_log import TrainingLog
from aitrader.rl.vector_env import VectorTradingEnv

Agent = Literal["ppo-lstm", "moe"]
AGENTS: tuple[str, ...] = ("ppo-lstm", "moe")


def rules_for(symbol: str, price: float, **overrides: Any) -> EnvConfig:
    """Spot rules for a Binance pair (0.1% fee, no shorts); index-futures rules for anything else
    (the PRD's 25 / 35 per leg, shorts allowed)."""
    from aitrader.data.instrument_guess import instrument_for

    _, assumed = instrument_for(symbol, price)
    if assumed is None:
        return EnvConfig.model_validate(overrides)
    return EnvConfig.for_index_futures(**overrides)


@dataclass
class Prepared:
    series: EnvSeries
    config: EnvConfig
    splits: Splits
    origin: str


def prepare(candles: Candles, origin: str, spec: ObsSpec | None = None, **overrides: Any) -> Prepared:
    series = EnvSeries.from_candles(candles, spec)
    config = rules_for(series.symbol, float(series.close[-1]), **overrides)
    return Prepared(series, config, split_series(series), origin)


def build_policy(agent: str, obs_dim: int, hidden: int) -> RecurrentPolicy:
    from aitrader.rl.actions import N_ACTIONS

    if agent == "ppo-lstm":
        from aitrader.rl.models import LSTMActorCritic

        module: Any = LSTMActorCritic(obs_dim, N_ACTIONS, hidden)
    elif agent == "moe":
        from aitrader.rl.moe import MixtureOfExperts

        module = MixtureOfExperts(obs_dim, N_ACTIONS, hidden=max(hidden // 2, 8))
    else:
        raise ValueError(f"unknown agent {agent!r}: choose one of {', '.join(AGENTS)}")
    policy: RecurrentPolicy = module
    return policy


@dataclass
class TrainSettings:
    agent: str = "ppo-lstm"
    steps: int = 200_000
    n_envs: int = 32
    seed: int = 0
    hidden: int = 64
    eval_every: int = 10  # updates between validation backtests
    stage1_fraction: float = 0.3  # moe: share of the steps with the regime gate (experts pretrain)
    ppo: PPOConfig = field(default_factory=PPOConfig)


@dataclass
class Validation:
    update: int
    env_steps: int
    sharpe: float
    total_return: float
    max_drawdown: float
    trades: int


@dataclass
class TrainOutcome:
    best: Path
    last: Path
    validations: list[Validation]
    reports: list[UpdateReport]
    activation_log: Path | None


def validate(
    policy: RecurrentPolicy, prep: Prepared, window_name: str = "validation"
) -> tuple[float, float, float, int]:
    """(Sharpe, return, max drawdown, trades) of the policy's backtest on a split (0 when undefined)."""
    from aitrader.backtest.metrics import compute_metrics

    ckpt = Checkpoint(policy=policy, env_config=prep.config, obs_spec=prep.series.spec)  # type: ignore[arg-type]
    strategy = PolicyStrategy(ckpt, PolicyParams(path="(training)"), prep.series.timeframe)
    window = prep.splits.by_name(window_name)
    m = compute_metrics(backtest_window(strategy, prep.series.candles, window, prep.config))
    sharpe = m.sharpe if m.sharpe is not None and math.isfinite(m.sharpe) else 0.0
    return sharpe, m.total_return, m.max_drawdown, m.n_trades


def train(
    prep: Prepared,
    settings: TrainSettings,
    out_dir: Path,
    device: torch.device,
    on_update: Callable[[UpdateReport], None] | None = None,
    on_validation: Callable[[Validation], None] | None = None,
) -> TrainOutcome:
    """Train `settings.agent` on the train split; see the module docstring."""
    s, series = settings, prep.series
    torch.manual_seed(s.seed)
    policy = build_policy(s.agent, series.obs_dim, s.hidden)
    train_range = prep.splits.train
    env = VectorTradingEnv(series, prep.config, s.n_envs, train_range.start, train_range.stop, s.seed)
    activation_path = out_dir / "experts.jsonl" if s.agent == "moe" else None
    trainer: PPOTrainer
    if s.agent == "moe":
        from aitrader.rl.activation_log import ActivationLog
        from aitrader.rl.moe import EXPERTS, MixtureOfExperts
        from aitrader.rl.moe_training import MoETrainer

        assert isinstance(policy, MixtureOfExperts)
        if activation_path is not None and activation_path.exists():
            activation_path.unlink()
        trainer = MoETrainer(
            policy,
            env,
            s.ppo,
            device=device,
            seed=s.seed,
            activation_log=ActivationLog(EXPERTS, activation_path),
        )
    else:
        trainer = PPOTrainer(policy, env, s.ppo, device=device, seed=s.seed)
    data_used = [f"{series.symbol} {series.timeframe.value} ({prep.origin})"]
    # the last bar training or model selection read: `rl evaluate` warns on windows before it
    last_seen = int(series.candles.open_time[prep.splits.validation.stop - 1])
    split_bars = {r.name: [r.start, r.stop] for r in prep.splits}
    best_sharpe = -math.inf
    best, last = out_dir / "policy.pt", out_dir / "last.pt"
    validations: list[Validation] = []
    log = TrainingLog(out_dir)

    def checkpoint(path: Path, steps: int, extra: dict[str, Any]) -> None:
        save_checkpoint(
            path, policy, prep.config, series.spec, agent=s.agent, steps=steps, seed=s.seed,
            data=data_used, splits=split_bars, extra={"timeframe": series.timeframe.value, "seen_until": {series.symbol: last_seen}, **extra},
        )  # fmt: skip

    def run_validation(report: UpdateReport) -> None:
        nonlocal best_sharpe
        policy_module: Any = policy
        policy_module.eval()
        sharpe, ret, dd, trades = validate(policy, prep)
        policy_module.train()
        v = Validation(report.update, report.env_steps, sharpe, ret, dd, trades)
        validations.append(v)
        log.record(report.env_steps, {"validation/sharpe": sharpe, "validation/return": ret,
                                      "validation/max_drawdown": dd, "validation/trades": trades})  # fmt: skip
        if sharpe > best_sharpe:
            best_sharpe = sharpe
            checkpoint(best, report.env_steps, {"validation": v.__dict__})
        if on_validation is not None:
            on_validation(v)

    total_updates = max(1, math.ceil(s.steps / (s.ppo.n_steps * s.n_envs)))

    def each(report: UpdateReport) -> None:
        scalars: dict[str, float | int | None] = {
            "train/mean_return": report.mean_return, "train/mean_equity": report.mean_equity,
            "loss/policy": report.policy_loss, "loss/value": report.value_loss, "loss/entropy": report.entropy,
            "loss/approx_kl": report.approx_kl, "loss/clip_frac": report.clip_frac,
            "speed/steps_per_s": report.steps_per_s,
            **{f"extras/{k}": v for k, v in report.extras.items()},
        }  # fmt: skip
        log.record(report.env_steps, scalars, update=report.update)
        if on_update is not None:
            on_update(report)
        if report.update % s.eval_every == 0 or report.update == total_updates:
            run_validation(report)

    try:
        if s.agent == "moe":  # the MoETrainer built above
            per_update = s.ppo.n_steps * s.n_envs  # stages in whole updates: the total stays as asked
            stage1_updates = round(total_updates * s.stage1_fraction)
            reports = trainer.train_stages(  # type: ignore[attr-defined]
                stage1_updates * per_update, (total_updates - stage1_updates) * per_update, each
            )
        else:
            reports = trainer.train(s.steps, each)
        if not validations or validations[-1].update != reports[-1].update:
            run_validation(reports[-1])
        checkpoint(last, trainer.env_steps, {})
    finally:
        log.close()
    return TrainOutcome(best, last, validations, reports, activation_path)


def resolve_candles(
    symbol: str, timeframe: str, data: Path | None, data_dir: Path | None
) -> tuple[Candles, str]:
    """Candles through the data layer's one resolver (file, else the store, else the sample)."""
    from aitrader.data.source import load_series

    loaded = load_series(symbol, Timeframe.parse(timeframe), path=data, data_dir=data_dir)
    return loaded.candles, loaded.origin
