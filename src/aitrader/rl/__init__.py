"""Reinforcement learning: a trading environment on the kernel's own fills, recurrent PPO, a mixture
of experts and MAML (PyTorch, the `rl` extra); a trained policy trades as a strategy (`rl:PATH`).

Importing `aitrader.rl` itself imports neither torch nor gymnasium: the environment, the agents and
the CLI import them where they are used, so commands that never train stay fast.
"""
