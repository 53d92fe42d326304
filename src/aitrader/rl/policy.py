"""The shape every recurrent policy has (the PPO-LSTM's actor-critic, the mixture of experts), so
PPO, MAML, checkpoints and the policy strategy treat them alike.

Tensors are time-major: `obs` is (T, B, obs_dim); `starts` (T, B) is True where an episode begins
at that step (the recurrent state is zeroed there before the step, as in truncated BPTT over a
rollout that spans episode boundaries). `state` is a tuple of tensors whose dim 1 is the batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import torch

State = tuple[torch.Tensor, ...]


@dataclass
class PolicyOutput:
    logits: torch.Tensor  # (T, B, n_actions), unnormalised
    value: torch.Tensor  # (T, B)
    state: State  # the recurrent state after the last step
    extras: dict[str, torch.Tensor] = field(default_factory=dict)  # e.g. "gate": (T, B, n_experts)


@runtime_checkable
class RecurrentPolicy(Protocol):
    obs_dim: int
    n_actions: int

    def initial_state(self, batch: int, device: torch.device | None = None) -> State: ...

    def __call__(self, obs: torch.Tensor, state: State, starts: torch.Tensor) -> PolicyOutput: ...

    def config(self) -> dict[str, object]:
        """Constructor arguments (JSON-safe): a checkpoint rebuilds the module from them."""
        ...
