"""Expert-activation logs of a mixture of experts (PRD 3.4.3: which agents are activated under which
conditions).

For each update: over the steps of its rollout, grouped by the regime label of the bar (the causal
label of `moe.regime_labels`, computed from the observation's regime columns) and over all steps,
the mean gate weight of every expert and the share of steps each expert dominates (has the largest
weight). A healthy mixture shows experts that dominate "their" regimes; one expert dominating
everything is the collapse the load-balancing term guards against.

`ActivationLog` appends one JSON line per update and prints a rich table of the latest one.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from rich.table import Table

ALL = "all"


@dataclass(frozen=True)
class RegimeActivation:
    """Activation of the experts over the steps of one regime label (or all steps)."""

    steps: int
    mean_gate: tuple[float, ...]  # per expert, sums to 1 (empty regime: zeros)
    dominant_share: tuple[float, ...]  # per expert, share of steps where it has the largest weight


@dataclass(frozen=True)
class ActivationStats:
    update: int
    steps: int
    experts: tuple[str, ...]
    by_regime: dict[str, RegimeActivation]  # regime name -> activation, plus ALL
    stage: str = ""  # e.g. "regime" (stage 1, gate fixed by the labels) or "learned"
    dominant_reward: tuple[float, ...] = ()  # mean step reward where each expert dominates (NaN: never)

    def to_json(self) -> str:
        """One JSON line (a NaN reward, an expert that never dominated, is written as null)."""
        raw = asdict(self)
        raw["dominant_reward"] = [None if math.isnan(r) else r for r in self.dominant_reward]
        return json.dumps(raw, separators=(",", ":"), allow_nan=False)


def _activation(gate: npt.NDArray[np.float64]) -> RegimeActivation:
    n, k = gate.shape
    if n == 0:
        return RegimeActivation(0, (0.0,) * k, (0.0,) * k)
    dominant = np.bincount(gate.argmax(axis=1), minlength=k) / n
    mean = gate.mean(axis=0)
    return RegimeActivation(
        n, tuple(round(float(x), 6) for x in mean), tuple(round(float(x), 6) for x in dominant)
    )


def activation_stats(
    gate: npt.ArrayLike,
    labels: npt.ArrayLike,
    experts: tuple[str, ...],
    update: int = 0,
    stage: str = "",
    rewards: npt.ArrayLike | None = None,
) -> ActivationStats:
    """Statistics of `gate` (..., n_experts) grouped by `labels` (...) (an index into `experts`;
    -1 = no label, counted only under ALL). With `rewards` (...), also the mean step reward over
    the steps each expert dominates (a rough per-expert performance)."""
    g = np.asarray(gate, dtype=np.float64)
    k = len(experts)
    if g.shape[-1] != k:
        raise ValueError(f"gate has {g.shape[-1]} experts, names given for {k}")
    g = g.reshape(-1, k)
    lab = np.asarray(labels, dtype=np.int64).reshape(-1)
    if len(lab) != len(g):
        raise ValueError(f"{len(lab)} labels for {len(g)} gate rows")
    by_regime = {name: _activation(g[lab == i]) for i, name in enumerate(experts)}
    by_regime[ALL] = _activation(g)
    dominant_reward: tuple[float, ...] = ()
    if rewards is not None:
        r = np.asarray(rewards, dtype=np.float64).reshape(-1)
        if len(r) != len(g):
            raise ValueError(f"{len(r)} rewards for {len(g)} gate rows")
        top = g.argmax(axis=1)
        dominant_reward = tuple(
            round(float(r[top == i].mean()), 6) if (top == i).any() else float("nan") for i in range(k)
        )
    return ActivationStats(update, len(g), experts, by_regime, stage, dominant_reward)


def activation_table(stats: ActivationStats) -> Table:
    """Rows = regime labels (and all), columns = experts: 'mean weight / dominant share'."""
    stage = f", {stats.stage} gate" if stats.stage else ""
    table = Table(
        title=f"expert activation, update {stats.update}{stage} ({stats.steps} steps); "
        "each cell: mean gate weight / share of steps the expert dominates",
        title_justify="left",
    )
    table.add_column("regime")
    table.add_column("steps", justify="right", no_wrap=True)
    for name in stats.experts:
        table.add_column(name.replace("_", " "), justify="right", no_wrap=True)
    for regime, act in stats.by_regime.items():
        cells = [f"{w:.2f} / {d:.0%}" for w, d in zip(act.mean_gate, act.dominant_share, strict=True)]
        table.add_row(regime, str(act.steps), *cells)
    if stats.dominant_reward:
        table.add_row("reward when dominant", "", *(f"{r:+.4f}" for r in stats.dominant_reward))
    return table


class ActivationLog:
    """Collects `ActivationStats` per update; appends each to `path` as JSON lines when given."""

    def __init__(self, experts: tuple[str, ...], path: Path | str | None = None) -> None:
        self.experts = experts
        self.path = Path(path) if path is not None else None
        self.history: list[ActivationStats] = []
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)

    def record(
        self,
        update: int,
        gate: npt.ArrayLike,
        labels: npt.ArrayLike,
        stage: str = "",
        rewards: npt.ArrayLike | None = None,
    ) -> ActivationStats:
        stats = activation_stats(gate, labels, self.experts, update, stage, rewards)
        self.history.append(stats)
        if self.path is not None:
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(stats.to_json() + "\n")
        return stats

    def table(self) -> Table:
        if not self.history:
            raise ValueError("no activation recorded yet")
        return activation_table(self.history[-1])


def read_activation_log(path: Path | str) -> list[ActivationStats]:
    """The statistics a log file holds, in order."""
    out: list[ActivationStats] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        by = {
            k: RegimeActivation(int(v["steps"]), tuple(v["mean_gate"]), tuple(v["dominant_share"]))
            for k, v in raw["by_regime"].items()
        }
        rewards = tuple(math.nan if x is None else float(x) for x in raw.get("dominant_reward", ()))
        out.append(
            ActivationStats(
                int(raw["update"]),
                int(raw["steps"]),
                tuple(raw["experts"]),
                by,
                str(raw.get("stage", "")),
                rewards,
            )
        )
    return out
