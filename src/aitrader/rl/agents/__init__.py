"""RL agents behind one interface (PRD story 2.1): `BaseAgent` and the PPO-LSTM `PPOAgent`.

Importing this package imports no torch; `from aitrader.rl.agents.ppo_agent import PPOAgent` does.
"""

from aitrader.rl.agents.base import BaseAgent

__all__ = ["BaseAgent"]
