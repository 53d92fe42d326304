"""A mixture of experts (PRD epic 3): four recurrent actor-critics — trend, mean reversion,
volatility, consolidation — and a gating network that weighs them from the bar's regime.

Each expert is an `LSTMActorCritic` seeing the whole observation and carrying its own LSTM state.
The gate is a small MLP over the four regime columns (`observation.REGIME_INDEX`) and the account
columns; softmax(gate / temperature) gives the weights. It is stateless on purpose: the weights of
a bar depend on that bar's regime and account only, which keeps them explainable (the decision log
records them) and lets the load-balancing term be recomputed from observations alone.

The policy's action distribution is the mixture of the experts' distributions,
p(a) = sum_k w_k p_k(a) (`logits` = log p, computed with logsumexp); the value is sum_k w_k v_k;
`extras["gate"]` holds w (T, B, 4) and `extras["expert_probs"]` the experts' p_k (T, B, 4, A);
with the learned gate, `extras["aux_loss"]` is `balance_coef` x `balance_loss(w)`, which `ppo_loss`
adds to the PPO loss so that one expert does not take every bar.

Training in stages (`moe_training`): with `gate_mode="regime"` the gate is replaced by the one-hot
of the bar's causal regime label (`regime_labels`), so each expert acts — and receives the policy
gradient — only on the bars of its regime; then `gate_mode="learned"` trains all jointly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import torch
from torch import nn

from aitrader.rl.actions import N_ACTIONS
from aitrader.rl.checkpoint import register_policy
from aitrader.rl.models import LSTMActorCritic
from aitrader.rl.observation import N_ACCOUNT, N_MARKET, REGIME_COLUMNS, REGIME_INDEX, MarketFeatures
from aitrader.rl.policy import PolicyOutput, State
from aitrader.rl.series import EnvSeries

EXPERTS = ("trend", "mean_reversion", "volatility", "consolidation")
N_EXPERTS = len(EXPERTS)
TREND, MEAN_REVERSION, VOLATILITY, CONSOLIDATION = range(N_EXPERTS)
GATE_INPUTS = (*REGIME_INDEX, *range(N_MARKET, N_MARKET + N_ACCOUNT))
GateMode = Literal["learned", "regime"]
_TR, _VOL, _REV = (REGIME_COLUMNS.index(c) for c in ("trend", "volatility", "reversion"))


@dataclass(frozen=True)
class RegimeThresholds:
    """Z-score thresholds of the regime labels (the columns are rolling z-scores, see observation).

    A bar is: volatility when its volatility z > `volatility`; else trend when |trend z| > `trend`;
    else mean reversion when |reversion z| > `reversion` (stretched from its mean without a
    trend); else consolidation. On the sample data (BTCUSDT 1h, NIFTY50 1d) the defaults give
    roughly 29% trend, 15-18% mean reversion, 17-18% volatility, 34-39% consolidation."""

    volatility: float = 1.0
    trend: float = 1.0
    reversion: float = 1.0


def regime_labels(regime: torch.Tensor, thresholds: RegimeThresholds = RegimeThresholds()) -> torch.Tensor:
    """Expert index (int64, an index into EXPERTS) of each row of `regime` (..., 4) — the regime
    columns of one bar, so the label of bar i uses bar i's observation only (causal)."""
    vol = regime[..., _VOL] > thresholds.volatility
    trend = regime[..., _TR].abs() > thresholds.trend
    rev = regime[..., _REV].abs() > thresholds.reversion
    out = torch.full(regime.shape[:-1], CONSOLIDATION, dtype=torch.int64, device=regime.device)
    out = torch.where(rev, torch.full_like(out, MEAN_REVERSION), out)
    out = torch.where(trend, torch.full_like(out, TREND), out)
    return torch.where(vol, torch.full_like(out, VOLATILITY), out)


def observation_labels(obs: torch.Tensor, thresholds: RegimeThresholds = RegimeThresholds()) -> torch.Tensor:
    """`regime_labels` of observations (..., obs_dim)."""
    return regime_labels(obs[..., list(REGIME_INDEX)], thresholds)


def expert_regime_labels(
    series: EnvSeries | MarketFeatures, thresholds: RegimeThresholds = RegimeThresholds()
) -> npt.NDArray[np.int64]:
    """Label every bar of a series (n,): an index into EXPERTS, -1 before the first complete
    observation. Causal: bar i's label depends on bars <= i only (its columns do)."""
    features = series.features if isinstance(series, EnvSeries) else series
    regime = torch.from_numpy(np.ascontiguousarray(features.matrix[:, list(REGIME_INDEX)]))
    labels = regime_labels(regime, thresholds).numpy().astype(np.int64)
    labels[: features.first_valid] = -1
    return labels


def balance_loss(gate: torch.Tensor) -> torch.Tensor:
    """KL(mean gate weight || uniform) over all steps: 0 when every expert carries the same share
    on average, log(n_experts) when one takes everything. It leaves each step's gate free to be
    sharp (an entropy penalty per step would not)."""
    usage = gate.reshape(-1, gate.shape[-1]).mean(dim=0).clamp_min(1e-8)
    return (usage * (usage * gate.shape[-1]).log()).sum()


@register_policy
class MixtureOfExperts(nn.Module):
    """See the module docstring. Implements `policy.RecurrentPolicy`."""

    expert_names = EXPERTS  # what gate column k means (decision logs, activation tables)

    def __init__(
        self,
        obs_dim: int = N_MARKET + N_ACCOUNT,
        n_actions: int = N_ACTIONS,
        hidden: int = 32,
        gate_hidden: int = 32,
        temperature: float = 1.0,
        balance_coef: float = 0.01,
        gate_mode: GateMode = "learned",
    ) -> None:
        super().__init__()
        if obs_dim < N_MARKET + N_ACCOUNT:
            raise ValueError(f"the gate reads columns up to {N_MARKET + N_ACCOUNT}, obs_dim is {obs_dim}")
        if temperature <= 0 or balance_coef < 0:
            raise ValueError("temperature must be > 0 and balance_coef >= 0")
        self.obs_dim = obs_dim
        self.n_actions = n_actions
        self.hidden = hidden
        self.gate_hidden = gate_hidden
        self.temperature = temperature
        self.balance_coef = balance_coef
        self.gate_mode: GateMode = gate_mode
        self.experts = nn.ModuleList(LSTMActorCritic(obs_dim, n_actions, hidden) for _ in EXPERTS)
        self.gate = nn.Sequential(
            nn.Linear(len(GATE_INPUTS), gate_hidden), nn.Tanh(), nn.Linear(gate_hidden, N_EXPERTS)
        )
        last = self.gate[-1]
        assert isinstance(last, nn.Linear)
        nn.init.zeros_(last.weight)  # start from the uniform mixture
        nn.init.zeros_(last.bias)
        self._state_sizes = [len(self._expert(k).initial_state(1)) for k in range(N_EXPERTS)]

    def _expert(self, k: int) -> LSTMActorCritic:
        expert = self.experts[k]
        assert isinstance(expert, LSTMActorCritic)
        return expert

    def config(self) -> dict[str, object]:
        return {
            "obs_dim": self.obs_dim, "n_actions": self.n_actions, "hidden": self.hidden,
            "gate_hidden": self.gate_hidden, "temperature": self.temperature,
            "balance_coef": self.balance_coef, "gate_mode": self.gate_mode,
        }  # fmt: skip

    def initial_state(self, batch: int, device: torch.device | None = None) -> State:
        return tuple(t for k in range(N_EXPERTS) for t in self._expert(k).initial_state(batch, device))

    def _split(self, state: State) -> list[State]:
        out, i = [], 0
        for size in self._state_sizes:
            out.append(tuple(state[i : i + size]))
            i += size
        if i != len(state):
            raise ValueError(f"a mixture state has {i} tensors, got {len(state)}")
        return out

    def gate_log_weights(self, obs: torch.Tensor) -> torch.Tensor:
        """log of the gate weights (..., N_EXPERTS) of observations (..., obs_dim)."""
        if self.gate_mode == "regime":
            onehot = nn.functional.one_hot(observation_labels(obs), N_EXPERTS).to(obs.dtype)
            return onehot.log()  # -inf off the bar's expert; constant, so no gradient flows
        logits = self.gate(obs[..., list(GATE_INPUTS)])
        return torch.log_softmax(logits / self.temperature, dim=-1)

    def gate_weights(self, obs: torch.Tensor) -> torch.Tensor:
        return self.gate_log_weights(obs).exp()

    def forward(
        self, obs: torch.Tensor, state: State, starts: torch.Tensor, gate: torch.Tensor | None = None
    ) -> PolicyOutput:
        """`gate` (T, B, N_EXPERTS), when given, replaces the gating network (e.g. a one-hot)."""
        states = self._split(state)
        logps, values, new_state = [], [], []
        for k in range(N_EXPERTS):
            out = self._expert(k)(obs, states[k], starts)
            logps.append(torch.log_softmax(out.logits, dim=-1))
            values.append(out.value)
            new_state.extend(out.state)
        logp = torch.stack(logps, dim=-2)  # (T, B, K, A)
        value = torch.stack(values, dim=-1)  # (T, B, K)
        log_w = self.gate_log_weights(obs) if gate is None else gate.log()
        w = log_w.exp()
        mixed = torch.logsumexp(logp + log_w.unsqueeze(-1), dim=-2)
        extras = {"gate": w, "expert_probs": logp.exp()}
        if gate is None and self.gate_mode == "learned" and self.balance_coef > 0:
            extras["aux_loss"] = self.balance_coef * balance_loss(w)  # ppo_loss adds it
        return PolicyOutput(
            logits=mixed, value=(w * value).sum(dim=-1), state=tuple(new_state), extras=extras
        )
