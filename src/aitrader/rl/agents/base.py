"""`BaseAgent`: the interface every RL agent has (PRD story 2.1), so a trainer, the CLI and the
evaluation treat the PPO-LSTM agent and the mixture of experts alike.

`E` is the agent's unit of experience: for the on-policy recurrent agents here it is a whole
`Rollout` (T steps x B environments, with the recurrent states) rather than one
`(state, action, reward, next_state, done)` tuple — PPO learns from batches of trajectories, and
a single transition carries no recurrent context.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Generic, TypeVar

import numpy as np
import numpy.typing as npt

E = TypeVar("E")


class BaseAgent(ABC, Generic[E]):
    @abstractmethod
    def select_action(self, observation: npt.NDArray[np.float32]) -> int:
        """The discrete action (an `Action` value) for one normalised observation (obs_dim,).
        A recurrent agent carries its state from call to call until `reset()`."""

    @abstractmethod
    def learn(self, experience: E) -> dict[str, float]:
        """Update the policy from `experience`; returns training statistics (losses, ...)."""

    @abstractmethod
    def save_model(self, path: str | os.PathLike[str]) -> Path:
        """Save the learned policy to `path`; returns the file written."""

    def reset(self) -> None:
        """Forget any state carried between `select_action` calls (a new episode begins)."""
