"""The cost rules relaxed, for tests of mechanics on 1m data.

On the 1m samples fees and slippage exceed most moves, so a built-in strategy's `costs` entry
condition and the gate's minimum net reward:risk leave almost no trades. Tests of mechanics (order
flow, exits, reports, journals, replays, chat about trades) need trades, not good decisions: they
relax both rules explicitly, the same way a local exchange's replay does
(`aitrader.live.config.MECHANICS_COSTS_OFF`): no cost check in the strategy, and a gate minimum of 0,
which still refuses a plan whose targets do not cover its costs (a negative net reward:risk). Tests
of decision quality keep the rules.
"""

from __future__ import annotations

from typing import Any

from aitrader.backtest.inputs import build_strategy
from aitrader.domain import Timeframe
from aitrader.live.config import MECHANICS_COSTS_OFF
from aitrader.risk import RiskConfig, RiskGate
from aitrader.strategies.base import Strategy
from aitrader.strategies.registry import COST_MULTIPLE_PARAM

COST_MULTIPLE_OFF, MIN_REWARD_RISK_OFF = MECHANICS_COSTS_OFF
# a built-in strategy's parameters (`--param cost_multiple=0`) and the gate's limits ([risk])
STRATEGY_COSTS_OFF: dict[str, Any] = {COST_MULTIPLE_PARAM: COST_MULTIPLE_OFF}
RISK_COSTS_OFF: dict[str, Any] = {"min_reward_risk": MIN_REWARD_RISK_OFF}
# the same as CLI arguments (`backtest`, `paper`, `replay` ...) and environment
PARAM_ARGS = ("--param", f"{COST_MULTIPLE_PARAM}={COST_MULTIPLE_OFF:g}")
ENV_COSTS_OFF = {"AITRADER_MIN_REWARD_RISK": f"{MIN_REWARD_RISK_OFF:g}"}


def mechanics_strategy(
    name: str = "confluence", timeframe: Timeframe = Timeframe.M1, **params: Any
) -> Strategy:
    """Built-in strategy `name` with its cost check off (`params` on top)."""
    return build_strategy(name, {**STRATEGY_COSTS_OFF, **params}, timeframe)


def mechanics_gate(**limits: Any) -> RiskGate:
    """The risk gate with `limits` and a minimum net reward:risk of 0 (targets must cover costs)."""
    return RiskGate(RiskConfig(**{**RISK_COSTS_OFF, **limits}))
