"""Meta-training as `aitrader rl meta-train` runs it: MAML over the (instrument, timeframe) tasks of
a `data/final` folder with one task held out, then the held-out task's adaptation measured.

- Meta-training uses every task of `data/final` except the held-out one, each only up to the bar
  before the held-out window starts (crypto moves together: no task may train on those days).
- Adaptation: `maml.adapt` takes `adapt_steps` gradient steps on rollouts of the held-out task's
  `data/final` bars (its training data).
- Measurement: the meta-policy and the adapted policy are backtested through the real kernel on
  the held-out task's `data/raw` bars (its backtesting file: later bars that no step of training
  or adaptation saw), with the bars of `data/final` before them as indicator warm-up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from aitrader.domain import Candles
from aitrader.domain.timeframe import format_ms
from aitrader.rl.checkpoint import Checkpoint, save_checkpoint
from aitrader.rl.data_loader import DataLoader, Task
from aitrader.rl.evaluate import EvalRow, compare
from aitrader.rl.maml import MAMLConfig, MetaIterationReport, MetaTask, adapt, meta_train
from aitrader.rl.observation import ObsSpec
from aitrader.rl.policy import RecurrentPolicy
from aitrader.rl.series import EnvSeries
from aitrader.rl.splits import BarRange
from aitrader.rl.strategy import PolicyStrategy, sampled_strategies
from aitrader.rl.training import build_policy, rules_for

MIN_TASK_BARS = 64  # bars a task needs after its observation warm-up (a few short episodes)
log = logging.getLogger(__name__)


class MetaDataError(ValueError):
    """The task folders cannot give a meta-training run (the message says what to do)."""


@dataclass
class HeldOut:
    task: Task
    meta_task: MetaTask  # its training bars (data/final), where adaptation happens
    candles: Candles  # data/final then data/raw, one series
    window: BarRange  # the data/raw bars: where before/after are measured


@dataclass
class MetaOutcome:
    meta_checkpoint: Path
    adapted_checkpoint: Path
    reports: list[MetaIterationReport]
    before: list[EvalRow]  # meta-policy (one row per sampling seed), buy-and-hold, rule strategies
    after: list[EvalRow]  # the adapted policy, one row per sampling seed, on the same bars
    holdout: HeldOut


def _task_of(name: str, tasks: list[Task]) -> Task:
    key = name.replace(" ", "_").upper()
    for t in tasks:
        if f"{t.instrument}_{t.timeframe.value}".upper() == key:
            return t
    raise MetaDataError(f"no task {name!r} in data/final: have {', '.join(str(t) for t in tasks)}")


def load_tasks(
    loader: DataLoader, holdout: str, spec: ObsSpec | None = None
) -> tuple[list[MetaTask], HeldOut]:
    """Meta-training tasks (all but `holdout`, e.g. 'SOLUSDT_15m') and the held-out task."""
    data = loader.load_all_data()
    tasks = data.tasks
    if len(tasks) < 2:
        raise MetaDataError(
            f"{loader.final_dir} holds {len(tasks)} task(s): meta-training needs at least two "
            "(instrument, timeframe) series besides the held-out one (aitrader rl data writes examples)"
        )
    held = _task_of(holdout, tasks)
    raw = loader.load_data_for_symbol(held.instrument, held.timeframe)
    if raw is None or len(raw) < 2:
        raise MetaDataError(
            f"no backtesting file for {held} in {loader.raw_dir}: it is where adaptation is measured"
        )
    train_c = data.candles(held.instrument, held.timeframe)
    later = raw.between(start_ms=int(train_c.open_time[-1]) + 1)
    if len(later) < 2:
        raise MetaDataError(
            f"{held}: the backtesting file in {loader.raw_dir} has no bars after its training file ends "
            f"({len(later)}): adaptation is measured on later bars"
        )
    joined = Candles.concat([train_c, later])
    window = BarRange("held-out", len(train_c), len(joined))
    cutoff = int(later.open_time[0])  # no task trains on a bar at or after the held-out window's start
    meta_tasks: list[MetaTask] = []
    held_task: MetaTask | None = None
    for t in tasks:
        series = EnvSeries.from_candles(data.candles(t.instrument, t.timeframe), spec)
        config = rules_for(series.symbol, float(series.close[-1]))
        stop = int(np.searchsorted(series.candles.open_time, cutoff, side="left"))
        if stop - series.first_valid < MIN_TASK_BARS:
            log.warning(
                "task %s skipped: %d bars before %s after its warm-up",
                t,
                stop - series.first_valid,
                format_ms(cutoff),
            )
            continue
        task = MetaTask(str(t), series, config, start=series.first_valid, stop=stop)
        if t == held:
            held_task = task
        else:
            meta_tasks.append(task)
    if held_task is None or not meta_tasks:
        raise MetaDataError(
            f"too little data before {format_ms(cutoff)}: the held-out task and at least one other need "
            f"{MIN_TASK_BARS} bars after their warm-up"
        )
    return meta_tasks, HeldOut(held, held_task, joined, window)


def _runs(
    policy: RecurrentPolicy, task: MetaTask, label: str, seeds: int
) -> list[tuple[str, PolicyStrategy]]:
    ckpt = Checkpoint(policy=policy, env_config=task.config, obs_spec=task.series.spec)  # type: ignore[arg-type]
    return sampled_strategies(ckpt, task.series.timeframe, seeds, label)


def run_meta(
    loader: DataLoader,
    holdout: str,
    out_dir: Path,
    cfg: MAMLConfig,
    iterations: int,
    adapt_steps: int,
    agent: str = "ppo-lstm",
    hidden: int = 64,
    device: torch.device | None = None,
    seeds: int = 5,
    on_iteration: Callable[[MetaIterationReport], None] | None = None,
) -> MetaOutcome:
    tasks, held = load_tasks(loader, holdout)
    torch.manual_seed(cfg.seed)
    policy = build_policy(agent, tasks[0].series.obs_dim, hidden)
    reports = meta_train(policy, tasks, cfg, iterations, on_iteration, device)
    names = [t.name for t in tasks]
    seen: dict[str, int] = {}  # per symbol, the last bar any task trained or adapted on
    for t in [*tasks, held.meta_task]:
        last = int(t.series.candles.open_time[(t.stop or len(t.series)) - 1])
        seen[t.series.symbol] = max(seen.get(t.series.symbol, last), last)
    extra: dict[str, Any] = {"seen_until": seen, "maml": {"order": cfg.order, "inner_steps": cfg.inner_steps, "iterations": iterations},
                             "tasks": names, "holdout": str(held.task)}  # fmt: skip
    module: Any = policy
    module.eval()
    meta_path = save_checkpoint(
        out_dir / "meta.pt", policy, held.meta_task.config, held.meta_task.series.spec, agent=f"maml-{agent}",
        seed=cfg.seed, data=names, extra={**extra, "timeframe": held.task.timeframe.value},
    )  # fmt: skip
    adapted = adapt(policy, held.meta_task, adapt_steps, cfg, device)
    adapted_module: Any = adapted
    adapted_module.eval()
    adapted_path = save_checkpoint(
        out_dir / f"adapted-{held.task.instrument}_{held.task.timeframe.value}.pt", adapted,
        held.meta_task.config, held.meta_task.series.spec, agent=f"maml-{agent}-adapted", seed=cfg.seed,
        data=[str(held.task)], extra={**extra, "adapt_steps": adapt_steps, "timeframe": held.task.timeframe.value},
    )  # fmt: skip
    env = held.meta_task.config
    before = compare(_runs(policy, held.meta_task, "before", seeds), held.candles, held.window, env)
    after = compare(_runs(adapted, held.meta_task, "after", seeds), held.candles, held.window, env, rules=())
    return MetaOutcome(meta_path, adapted_path, reports, before, after[:seeds], held)
