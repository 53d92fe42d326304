"""The proposals an RL action becomes: one definition for the kernel environment (training) and
the policy strategy (backtest, paper, live), so a policy trades exactly as it was trained."""

from __future__ import annotations

from aitrader.domain.enums import Side
from aitrader.domain.proposal import Enter, Evidence, Exit, Target
from aitrader.rl.actions import Action
from aitrader.rl.env_config import EnvConfig


def enter_for(
    action: Action,
    symbol: str,
    close: float,
    atr: float,
    time_ms: int,
    config: EnvConfig,
    strategy: str,
    confidence: float = 1.0,
    rationale: str = "",
    evidence: Evidence | None = None,
) -> Enter | None:
    """BUY_LONG / SELL_SHORT as an `Enter`: stop `stop_atr` ATRs away from the decision close, one
    target `reward_risk` times as far on the other side; None while the ATR is not known."""
    if action not in (Action.BUY_LONG, Action.SELL_SHORT) or not atr > 0.0 or not close > 0.0:
        return None
    sign = 1.0 if action is Action.BUY_LONG else -1.0
    risk = config.stop_atr * atr
    stop = close - sign * risk
    target = close + sign * config.reward_risk * risk
    if stop <= 0.0 or target <= 0.0:
        return None
    side = Side.BUY if sign > 0 else Side.SELL
    return Enter(
        symbol=symbol,
        side=side,
        price=float(close),
        stop=float(stop),
        targets=(Target(float(target)),),
        confidence=min(max(float(confidence), 0.0), 1.0),
        rationale=rationale or f"policy chose {action.name}",
        time_ms=int(time_ms),
        strategy=strategy,
        evidence=dict(evidence or {}),
    )


def exit_for(
    symbol: str,
    close: float,
    time_ms: int,
    strategy: str,
    reason: str = "",
    evidence: Evidence | None = None,
) -> Exit:
    """CLOSE_LONG / CLOSE_SHORT as an `Exit` of the whole position (market, next open)."""
    return Exit(
        symbol=symbol,
        reason=reason or "policy chose to close",
        price=float(close),
        time_ms=int(time_ms),
        strategy=strategy,
        evidence=dict(evidence or {}),
    )
