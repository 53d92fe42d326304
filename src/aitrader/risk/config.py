"""`RiskConfig`: every knob of the RiskGate, validated, with its default and why.

The risk fraction is the share of account value a single trade may lose at its stop, fees and
expected slippage included. Its default is 1%; anything above the hard ceiling of 10% is refused
when the config is built.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from aitrader.config.settings import RISK_FRACTION_CEILING

# The decision rules a session ran under, recorded with it (`live.kernel_build.session_params`) so a
# replay can tell: 1 (unrecorded) = the gate's reward:risk before costs and no cost check in the
# strategies; 2 = the gate's net reward:risk and the strategies' `costs` condition.
DECISION_RULES = 2


class Sizing(StrEnum):
    """How the gate sizes an entry beyond the risk budget (which always caps it: the 10% rule holds).

    A `StrEnum`, so that `RiskConfig(sizing="vol_target")` and a journal's JSON compare equal to it.
    """

    STOP = "stop"  # qty = risk budget / loss per unit at the stop
    VOLATILITY = "volatility"  # also cap qty so that `vol_atr_multiple` x ATR loses at most the budget
    # also cap the notional at equity x `vol_target` / the proposal's annualised volatility, so each
    # position carries about the same volatility (a proposal without `volatility`: as STOP)
    VOL_TARGET = "vol_target"


class RiskConfig(BaseModel):
    """Risk limits. Fractions are of account value (equity in quote currency)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    risk_fraction: float = Field(
        default=0.01, gt=0, description="max loss at the stop per trade (hard ceiling 10%)"
    )
    min_reward_risk: float = Field(
        default=1.5,
        ge=0,
        description="min weighted reward:risk of the targets, net: the gain at the targets after the "
        "entry's fee and slippage and the targets' maker fee, over the loss at the stop with its fees "
        "and slippage (`risk.sizing.net_reward_risk`)",
    )
    sizing: Sizing = Field(
        default=Sizing.STOP,
        description="stop-based, or also capped by ATR (volatility) or a volatility target",
    )
    vol_atr_multiple: float = Field(default=2.0, gt=0, description="ATR multiple used by volatility sizing")
    vol_target: float = Field(
        default=0.25,
        gt=0,
        le=2,
        description="vol_target sizing: the annualised volatility one position targets (notional <= "
        "equity x vol_target / the proposal's volatility)",
    )
    slippage: float = Field(
        default=0.0005, ge=0, le=0.05, description="expected slippage per market fill (fraction)"
    )
    max_price_move: float = Field(
        default=0.005,
        gt=0,
        le=0.5,
        description="slippage guard: reject when price moved this far from the proposal",
    )
    max_position_fraction: float = Field(default=0.5, gt=0, le=1, description="max notional of one position")
    max_symbol_exposure: float = Field(default=0.5, gt=0, le=1, description="max notional held in one symbol")
    max_total_exposure: float = Field(
        default=1.0, gt=0, le=1, description="max notional across all positions"
    )
    max_open_positions: int = Field(default=5, ge=1, description="max simultaneous open positions")
    max_daily_loss: float = Field(
        default=0.02, gt=0, le=1, description="circuit breaker: loss vs start-of-day equity"
    )
    breaker_cooldown_ms: int = Field(
        default=3_600_000, ge=0, description="after the breaker trips, no entries for at least this long"
    )
    max_consecutive_losses: int = Field(
        default=4, ge=1, description="lockout after this many losses in a row"
    )
    lockout_ms: int = Field(
        default=3_600_000, ge=0, description="lockout length after the last loss of a streak"
    )
    max_correlation: float = Field(
        default=0.8,
        gt=0,
        le=1,
        description="open positions on the same side whose return correlation with the new symbol is at "
        "least this count as one correlated group (max_correlated_exposure caps it)",
    )
    max_correlated_exposure: float = Field(
        default=0.6,
        gt=0,
        le=1,
        description="max notional of a correlated group (its open positions plus the new one), as a "
        "fraction of equity: two 0.95-correlated longs are nearly one bet",
    )
    correlation_window: int = Field(
        default=100, ge=10, description="bars of returns the correlations are measured over (the kernel)"
    )
    max_drawdown: float = Field(
        default=0.2,
        gt=0,
        le=1,
        description="drawdown halt: no entries once equity is this far below its peak (exits go on)",
    )
    drawdown_cooldown_ms: int = Field(
        default=86_400_000,
        ge=0,
        description="after the drawdown halt trips, no entries for at least this long; then it re-arms, "
        "measured from the equity at the end of the cooldown when the drawdown has not recovered",
    )
    allow_stop_loosening: bool = Field(
        default=False, description="let Adjust proposals move stops against positions"
    )

    @field_validator("risk_fraction")
    @classmethod
    def _under_ceiling(cls, v: float) -> float:
        if v > RISK_FRACTION_CEILING:
            raise ValueError(
                f"risk_fraction={v} exceeds the hard ceiling of {RISK_FRACTION_CEILING}: "
                "no trade may risk more than 10% of account value"
            )
        return v
