"""Training a `MixtureOfExperts` with PPO, in stages (PRD 3.4): each expert on its own regime first,
then all of it jointly, logging which expert is active under which regime.

Stage 1 (`gate_mode="regime"`): the gate is the one-hot of each bar's causal regime label, so on a
bar only the expert of that bar's regime acts, and the policy and value gradients of that bar reach
that expert alone; the experts still run their LSTMs over every bar, so their state carries the
whole history. Returns are the environment's, so an expert's advantages also reflect what the
other experts did on later bars (the price of training all four in one rollout stream).

Stage 2 (`gate_mode="learned"`): the gating network takes over, initialised to the uniform
mixture, and everything trains jointly; the policy's `aux_loss` (load balancing) joins the loss.

After every update the rollout's gate weights are recorded in the `ActivationLog` per regime label.
"""

from __future__ import annotations

from collections.abc import Callable

import torch

from aitrader.rl.activation_log import ActivationLog, ActivationStats
from aitrader.rl.moe import EXPERTS, MixtureOfExperts, observation_labels
from aitrader.rl.ppo import PPOConfig, PPOTrainer, Rollout, UpdateReport, VectorEnv


class MoETrainer(PPOTrainer):
    """A `PPOTrainer` for a mixture of experts with stage switching and activation logs."""

    def __init__(
        self,
        policy: MixtureOfExperts,
        env: VectorEnv,
        cfg: PPOConfig | None = None,
        optimizer: torch.optim.Optimizer | None = None,
        device: torch.device | None = None,
        seed: int = 0,
        activation_log: ActivationLog | None = None,
    ) -> None:
        super().__init__(policy, env, cfg, optimizer, device, seed)
        self.moe = policy
        self.activation_log = activation_log if activation_log is not None else ActivationLog(EXPERTS)
        self.last_activation: ActivationStats | None = None

    def update(self, rollout: Rollout) -> dict[str, float]:
        stats = super().update(rollout)
        gate = rollout.extras.get("gate")
        if gate is not None:
            labels = observation_labels(rollout.obs)
            self.last_activation = self.activation_log.record(
                self.updates + 1,  # the trainer counts the update once this returns
                gate.detach().cpu().numpy(),
                labels.cpu().numpy(),
                stage=self.moe.gate_mode,
                rewards=rollout.rewards.detach().cpu().numpy(),
            )
        return stats

    def train_stages(
        self,
        stage1_steps: int,
        stage2_steps: int,
        on_update: Callable[[UpdateReport], None] | None = None,
    ) -> list[UpdateReport]:
        """`stage1_steps` env steps with the regime gate, then `stage2_steps` jointly (either may be
        0); the policy is left in the learned-gate mode."""
        reports: list[UpdateReport] = []
        if stage1_steps > 0:
            self.moe.gate_mode = "regime"
            reports += self.train(stage1_steps, on_update)
        self.moe.gate_mode = "learned"
        if stage2_steps > 0:
            reports += self.train(stage2_steps, on_update)
        return reports
