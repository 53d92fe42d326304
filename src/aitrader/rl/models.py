"""The networks of the PPO-LSTM agent: the PRD's generic `LSTMModel` (LSTM layers + a linear head
over sequences) and `LSTMActorCritic`, a `RecurrentPolicy` built on it.

The actor-critic shares one LSTM torso between the policy and the value (the "lean" recurrent
PPO: no separate critic LSTM): the observation goes through a layer norm, the LSTM, then one linear
head whose first `n_actions` outputs are the action logits and whose last output is the value.

Episode starts inside a sequence zero the state of those environments before that step. Rather
than stepping the LSTM one bar at a time, the sequence is cut at the steps where some environment
starts and each piece runs through `nn.LSTM` at once (the cuDNN/oneDNN kernel); a chunk with no
start inside is a single call.
"""

from __future__ import annotations

import itertools

import torch
from torch import nn

from aitrader.rl.policy import PolicyOutput, State

LSTMState = tuple[torch.Tensor, torch.Tensor]


class LSTMModel(nn.Module):
    """LSTM layer(s) followed by a linear layer, over time-major sequences (PRD story 2.2).

    `forward(x, state)` takes x of shape (T, B, input_dim) (or (T, input_dim) for one sequence)
    and returns the head's output (T, B, output_dim) and the state (h, c), each
    (num_layers, B, hidden_dim); `state=None` starts from zeros."""

    def __init__(self, input_dim: int, hidden_dim: int, output_dim: int, num_layers: int = 1) -> None:
        super().__init__()
        if min(input_dim, hidden_dim, output_dim, num_layers) < 1:
            raise ValueError("LSTMModel dimensions and num_layers must be positive")
        self.input_dim = input_dim
        self.hidden_dim = hidden_dim
        self.output_dim = output_dim
        self.num_layers = num_layers
        self.lstm = nn.LSTM(input_dim, hidden_dim, num_layers=num_layers)
        self.head = nn.Linear(hidden_dim, output_dim)
        for name, p in self.lstm.named_parameters():
            if name.startswith("weight"):
                nn.init.orthogonal_(p)
            else:
                nn.init.zeros_(p)

    def initial_state(self, batch: int, device: torch.device | None = None) -> LSTMState:
        shape = (self.num_layers, batch, self.hidden_dim)
        return torch.zeros(shape, device=device), torch.zeros(shape, device=device)

    def recur(self, x: torch.Tensor, state: LSTMState | None = None) -> tuple[torch.Tensor, LSTMState]:
        """The LSTM alone: hidden outputs (T, B, hidden_dim) and the final state."""
        if state is None:
            batch = x.shape[1] if x.dim() == 3 else 1
            h0, c0 = self.initial_state(batch, x.device)
            state = (h0, c0) if x.dim() == 3 else (h0[:, 0], c0[:, 0])
        out, (h, c) = self.lstm(x, state)
        return out, (h, c)

    def forward(self, x: torch.Tensor, state: LSTMState | None = None) -> tuple[torch.Tensor, LSTMState]:
        out, new_state = self.recur(x, state)
        return self.head(out), new_state


def _zero_at(state: LSTMState, start: torch.Tensor) -> LSTMState:
    """The state with the environments where `start` (B,) is True set to zero (differentiable for
    the others: a multiplication, not an in-place write)."""
    keep = (~start).to(state[0].dtype).view(1, -1, 1)
    return state[0] * keep, state[1] * keep


class LSTMActorCritic(nn.Module):
    """A `RecurrentPolicy`: layer norm -> shared LSTM -> linear head (logits | value)."""

    def __init__(self, obs_dim: int, n_actions: int, hidden: int = 64, num_layers: int = 1) -> None:
        super().__init__()
        self.obs_dim = obs_dim
        self.n_actions = n_actions
        self.hidden = hidden
        self.num_layers = num_layers
        self.norm = nn.LayerNorm(obs_dim)
        self.body = LSTMModel(obs_dim, hidden, n_actions + 1, num_layers=num_layers)
        # small policy logits (near-uniform first actions) and a unit-gain value row, as in the
        # usual PPO initialisation of separate heads
        with torch.no_grad():
            w = self.body.head.weight
            nn.init.orthogonal_(w[:n_actions], gain=0.01)
            nn.init.orthogonal_(w[n_actions:], gain=1.0)
            nn.init.zeros_(self.body.head.bias)

    def config(self) -> dict[str, object]:
        return {
            "obs_dim": self.obs_dim,
            "n_actions": self.n_actions,
            "hidden": self.hidden,
            "num_layers": self.num_layers,
        }

    def initial_state(self, batch: int, device: torch.device | None = None) -> State:
        return self.body.initial_state(batch, device)

    def forward(self, obs: torch.Tensor, state: State, starts: torch.Tensor) -> PolicyOutput:
        """obs (T, B, obs_dim), state (h, c) before step 0, starts (T, B) bool."""
        if obs.dim() != 3 or obs.shape[-1] != self.obs_dim:
            raise ValueError(f"obs must be (T, B, {self.obs_dim}), got {tuple(obs.shape)}")
        h, c = state
        x = self.norm(obs)
        cuts = self._cuts(starts)
        lstm_state: LSTMState = (h, c)
        pieces: list[torch.Tensor] = []
        for a, b in itertools.pairwise(cuts):
            lstm_state = _zero_at(lstm_state, starts[a])
            out, lstm_state = self.body.recur(x[a:b], lstm_state)
            pieces.append(out)
        hidden = pieces[0] if len(pieces) == 1 else torch.cat(pieces, dim=0)
        head = self.body.head(hidden)
        return PolicyOutput(head[..., : self.n_actions], head[..., self.n_actions], lstm_state)

    @staticmethod
    def _cuts(starts: torch.Tensor) -> list[int]:
        """[0, t1, ..., T]: the steps after 0 where some environment starts, and the ends."""
        steps = int(starts.shape[0])
        inner = torch.nonzero(starts[1:].any(dim=1)).flatten()
        return [0, *(int(t) + 1 for t in inner.tolist()), steps]
