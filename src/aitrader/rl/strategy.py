"""A trained policy as a `Strategy` (`--strategy rl:PATH`): it proposes through the RiskGate in
backtest, paper and live like any rule strategy, with the stop and target it was trained with.

The recurrent state runs bar by bar: the masks are True on every bar, so the kernel asks on every
bar (the skip contract holds trivially) and the policy steps its LSTM once per bar. After a gap
(the first bar asked, a restart, a missed candle) it rebuilds the state from the last
`context_bars` bars with the position it holds now (a warm-start approximation, said in the
evidence as `burn_in`).

The policy is sampled, with a seeded generator (reproducible bar for bar), by default: a PPO
policy is stochastic, and its most probable action can be another behaviour altogether — one
that enters with 13% probability on each flat bar has HOLD as its argmax on every bar and, taken
deterministically, never trades. `deterministic=True` takes the argmax (for sharp policies).

Every decision is auditable (the PRD's requirement): the proposal's evidence carries the action
probabilities, the expert weights of a mixture of experts and a summary of the observation, and
the journal records it with the gate's verdict; with `decision_log` set, every bar's decision,
HOLDs included, is appended to a JSON-lines file.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from aitrader.domain import Candles, Timeframe
from aitrader.domain.position import Position, PositionBook
from aitrader.domain.proposal import Proposal
from aitrader.features.regime import Regime
from aitrader.rl.actions import ACTION_NAMES, Action, valid_actions
from aitrader.rl.env_config import EnvConfig
from aitrader.rl.observation import MARKET_COLUMNS, ObsSpec, market_features, position_row
from aitrader.rl.proposals import enter_for, exit_for
from aitrader.strategies.base import Features, MarketView, Signals
from aitrader.strategies.stream import FeatureStream, WindowStream

if TYPE_CHECKING:
    from aitrader.rl.checkpoint import Checkpoint

RL_PREFIX = "rl:"
_VALID = "obs_valid"


class PolicyParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str = Field(description="the checkpoint file of a trained policy")
    deterministic: bool = Field(
        default=False, description="take the most probable action instead of sampling the policy (seeded)"
    )
    context_bars: int = Field(
        default=256, ge=1, le=10_000, description="bars replayed to rebuild the state after a gap"
    )
    decision_log: str | None = Field(
        default=None, description="append every bar's decision here (JSON lines)"
    )
    seed: int = Field(default=0, description="sampling seed when not deterministic")
    trust_rllib: bool = Field(
        default=False, description="allow an RLlib folder (RLlib unpickles code from it on load: yours only)"
    )


class PolicyStrategy:
    """See the module docstring."""

    name = "rl"

    def __init__(self, checkpoint: Checkpoint, params: PolicyParams, timeframe: Timeframe) -> None:
        import torch

        self._torch = torch
        self.checkpoint = checkpoint
        self.policy = checkpoint.policy
        if hasattr(self.policy, "eval"):
            self.policy.eval()
        self._experts: tuple[str, ...] = tuple(getattr(self.policy, "expert_names", ()))
        self.env: EnvConfig = checkpoint.env_config
        self.spec: ObsSpec = checkpoint.obs_spec
        self._params = params
        self._timeframe = timeframe
        self._dur = timeframe.duration_ms
        self._state: Any = None
        self._last_time: int | None = None
        self._rng = np.random.default_rng(params.seed)
        self._log = Path(params.decision_log) if params.decision_log else None
        self.decisions = 0

    # ---- Strategy protocol -------------------------------------------------------------------------
    @property
    def description(self) -> str:
        kind = self.checkpoint.meta.get("agent", "policy")
        return f"trained RL {kind} from {self._params.path}"

    @property
    def regimes(self) -> frozenset[Regime]:
        return frozenset(Regime)

    @property
    def timeframe(self) -> Timeframe:
        return self._timeframe

    @property
    def timeframes(self) -> tuple[Timeframe, ...]:
        return (self._timeframe,)

    @property
    def warmup(self) -> int:
        """The observation warm-up plus the context the first decision rebuilds its state from."""
        return self.spec.warmup + self._params.context_bars - 1

    @property
    def params(self) -> BaseModel:
        return self._params

    def features(self, candles: Candles) -> Features:
        mf = market_features(candles, self.spec)
        cols: dict[str, np.ndarray[Any, Any]] = {
            name: mf.matrix[:, k] for k, name in enumerate(MARKET_COLUMNS)
        }
        cols["atr"] = mf.atr
        valid = np.zeros(len(candles), dtype=np.bool_)
        valid[mf.first_valid :] = True
        cols[_VALID] = valid
        return Features(candles, cols)

    def signals(self, features: Features) -> Signals:
        n = len(features)
        every = np.ones(n, dtype=np.bool_)
        shorts = every if self.env.allows_short else np.zeros(n, dtype=np.bool_)
        return Signals(entry_long=every, entry_short=shorts, exit_long=every, exit_short=every)

    def feature_stream(self, window: int) -> FeatureStream:
        return WindowStream(self, window)

    def on_bar(self, view: MarketView, book: PositionBook) -> Sequence[Proposal]:
        i, t = view.index, view.time_ms
        if i < self.warmup - 1 or not view.flag(_VALID):  # the Strategy contract: no decision in the warm-up
            return ()
        position = book.get(view.symbol)
        probs, gate, burn_in = self._step(view, position)
        held = 0 if position is None else (1 if position.is_long else -1)
        valid = valid_actions(np.array([held], dtype=np.int8), self.env.allows_short)[0]
        if self._params.deterministic:
            chosen = int(np.argmax(probs))
        else:
            chosen = int(self._rng.choice(len(probs), p=probs / probs.sum()))
        action = Action(chosen) if valid[chosen] else Action.HOLD
        evidence: dict[str, float | int | str | bool] = {
            f"p_{name.lower()}": round(float(p), 4) for name, p in zip(ACTION_NAMES, probs, strict=True)
        }
        if gate is not None:
            names = self._experts or tuple(str(k) for k in range(len(gate)))
            evidence.update({f"expert_{n}": round(float(w), 4) for n, w in zip(names, gate, strict=False)})
        evidence.update(self._obs_summary(view, i))
        evidence["burn_in"] = burn_in
        if action is not Action(chosen):
            evidence["invalid_choice"] = ACTION_NAMES[chosen]
        self.decisions += 1
        proposals = self._proposals(action, view, evidence, float(probs[chosen]))
        if self._log is not None:
            self._write_log(t, view.symbol, action, probs, gate, evidence, proposals)
        return proposals

    # ---- internals -----------------------------------------------------------------------------------
    def _proposals(
        self, action: Action, view: MarketView, evidence: dict[str, float | int | str | bool], p: float
    ) -> tuple[Proposal, ...]:
        sym, close, t = view.symbol, view.close, view.time_ms
        if action in (Action.BUY_LONG, Action.SELL_SHORT):
            enter = enter_for(
                action, sym, close, view.value("atr"), t, self.env, self.name, confidence=p,
                rationale=f"policy chose {action.name} with probability {p:.2f}", evidence=evidence,
            )  # fmt: skip
            return () if enter is None else (enter,)
        if action in (Action.CLOSE_LONG, Action.CLOSE_SHORT):
            reason = f"policy chose {action.name} with probability {p:.2f}"
            return (exit_for(sym, close, t, self.name, reason, evidence),)
        return ()

    def _obs(self, view: MarketView, index: int, position: Position | None) -> Any:
        market = np.array([view.features[c][index] for c in MARKET_COLUMNS], dtype=np.float32)
        close = float(view.features.candles.close[index])
        atr = float(view.features["atr"][index])
        t = int(view.features.candles.open_time[index])
        return np.concatenate([market, position_row(position, close, atr, t, self._dur, self.spec.clip)])

    def _step(self, view: MarketView, position: Position | None) -> tuple[Any, Any, bool]:
        torch = self._torch
        i, t = view.index, view.time_ms
        times = view.features.candles.open_time
        # continuity is "the previous candle was the last one decided on", not "one bar duration
        # ago": daily index bars skip weekends and holidays, and training carried the state across
        burn_in = self._last_time is None or i == 0 or int(times[i - 1]) != self._last_time
        if burn_in:
            valid = view.features[_VALID]
            first = max(i - self._params.context_bars + 1, int(np.argmax(valid[: i + 1])))
            rows = [self._obs(view, j, position if j == i else None) for j in range(first, i + 1)]
            state = self.policy.initial_state(1)
        else:
            rows = [self._obs(view, i, position)]
            state = self._state
        obs = torch.as_tensor(np.stack(rows), dtype=torch.float32).unsqueeze(1)
        starts = torch.zeros(obs.shape[:2], dtype=torch.bool)
        with torch.no_grad():
            out = self.policy(obs, state, starts)
        self._state = out.state
        self._last_time = t
        probs = torch.softmax(out.logits[-1, 0], dim=-1).double().numpy()
        gate = out.extras.get("gate")
        return probs, (None if gate is None else gate[-1, 0].double().numpy()), burn_in

    def _obs_summary(self, view: MarketView, i: int) -> dict[str, float | int | str | bool]:
        keys = ("close_z", "ret_n", "trend", "volatility", "reversion", "compression")
        return {f"obs_{k}": round(float(view.features[k][i]), 3) for k in keys}

    def _write_log(
        self, t: int, symbol: str, action: Action, probs: Any, gate: Any,
        evidence: dict[str, float | int | str | bool], proposals: tuple[Proposal, ...],
    ) -> None:  # fmt: skip
        assert self._log is not None
        entry = {
            "time_ms": t, "symbol": symbol, "action": action.name,
            "probs": [round(float(p), 5) for p in probs],
            "experts": None if gate is None else [round(float(w), 5) for w in gate],
            "proposal": type(proposals[0]).__name__ if proposals else None,
            "evidence": evidence,
        }  # fmt: skip
        self._log.parent.mkdir(parents=True, exist_ok=True)
        with self._log.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry) + "\n")


def load_policy_strategy(name: str, params: dict[str, Any] | None, timeframe: Timeframe) -> PolicyStrategy:
    """`rl:PATH` -> the policy strategy (ValueError with one line when the file is not a policy)."""
    path = name.strip()[len(RL_PREFIX) :]
    settings = PolicyParams(path=path, **{k: v for k, v in (params or {}).items() if k != "path"})
    return PolicyStrategy(load_policy_checkpoint(Path(path), settings.trust_rllib), settings, timeframe)


def load_policy_checkpoint(path: Path, trust_rllib: bool = False) -> Checkpoint:
    """Our checkpoint file, or an RLlib `--out` folder when `trust_rllib` (RLlib unpickles code)."""
    from aitrader.rl.checkpoint import CheckpointError, load_checkpoint

    if not path.is_dir():
        return load_checkpoint(path)
    if not trust_rllib:
        raise CheckpointError(
            f"{path} is an RLlib folder: loading one unpickles code from it; if you made it, "
            "pass --param trust_rllib=true"
        )
    return _rllib_checkpoint(path)


def sampled_strategies(
    checkpoint: Checkpoint, timeframe: Timeframe, seeds: int, label: str
) -> list[tuple[str, PolicyStrategy]]:
    """The policy as strategies sampling with seeds 0 .. seeds-1 (a sampled policy's backtest is one
    path of many: several seeds show the spread); they share the module, each keeps its own state."""
    path = str(checkpoint.path or "(in memory)")
    names = [label] if seeds == 1 else [f"{label}, seed {k}" for k in range(seeds)]
    return [
        (name, PolicyStrategy(checkpoint, PolicyParams(path=path, seed=k), timeframe))
        for k, name in enumerate(names)
    ]


def _rllib_checkpoint(folder: Path) -> Checkpoint:
    """The `--out` folder of `aitrader rl train --backend rllib` as a checkpoint."""
    from aitrader.rl.checkpoint import Checkpoint, CheckpointError
    from aitrader.rl.rllib_backend import load_rllib_policy

    try:
        policy = load_rllib_policy(folder)
    except Exception as exc:  # a foreign or damaged folder: one line, whatever RLlib raised
        raise CheckpointError(
            f"{folder}: not a loadable RLlib policy ({type(exc).__name__}: {exc})"
        ) from None
    if policy.env_config is None or policy.obs_spec is None:
        raise CheckpointError(f"{folder}: the RLlib run's aitrader_rllib.json is missing")
    meta = policy.meta
    data = [f"{meta.get('symbol', '')} {meta.get('timeframe', '')}".strip()]
    info = {"agent": "rllib-ppo-lstm", "data": data, "timeframe": meta.get("timeframe")}
    module: Any = policy  # a RecurrentPolicy without nn.Module's train/eval (never trained further here)
    return Checkpoint(
        policy=module, env_config=policy.env_config, obs_spec=policy.obs_spec, meta=info, path=folder
    )
