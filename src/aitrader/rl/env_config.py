"""`EnvConfig`: the trading rules an RL environment simulates, shared by the kernel environment,
the vectorised one and the policy strategy (a checkpoint stores it, so a policy trades under the
rules it was trained with).

Entries are proposals through the real `RiskGate`: a protective stop `stop_atr` x ATR from the
decision close and one target at `reward_risk` times that distance (the gate needs a target
of at least its `min_reward_risk`); the gate sizes the position so that the stop loses at most
`risk_fraction` of equity, capped at `max_position_fraction` of equity in notional.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from aitrader.config.settings import RISK_FRACTION_CEILING


class EnvConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    cash: float = Field(default=10_000.0, gt=0, description="starting equity (quote currency)")
    fee_rate: float = Field(
        default=0.001, ge=0, le=0.05, description="percentage fee per fill (0.001 = 0.1%)"
    )
    fee_entry: float = Field(default=0.0, ge=0, description="fixed fee per entry fill (e.g. 25 INR)")
    fee_exit: float = Field(default=0.0, ge=0, description="fixed fee per exit fill (e.g. 35 INR)")
    slippage_bps: float = Field(
        default=2.0, ge=0, le=500, description="slippage of taker fills, basis points"
    )
    allows_short: bool = Field(
        default=False, description="SELL_SHORT allowed (index futures), refused on spot"
    )
    risk_fraction: float = Field(
        default=0.02, gt=0, le=RISK_FRACTION_CEILING, description="loss at the stop, share of equity"
    )
    max_position_fraction: float = Field(
        default=1.0, gt=0, le=1, description="max notional of the position, share of equity"
    )
    stop_atr: float = Field(default=2.0, gt=0, le=20, description="protective stop distance in ATRs")
    reward_risk: float = Field(default=2.0, ge=1.5, le=20, description="target distance over stop distance")
    invalid_penalty: float = Field(default=0.1, ge=0, description="reward subtracted for an invalid action")
    reward_scale: float = Field(
        default=100.0, gt=0, description="reward = scale x equity change / starting equity"
    )
    episode_bars: int = Field(default=512, ge=8, description="bars per training episode (truncation)")
    ruin_fraction: float = Field(
        default=0.5, gt=0, lt=1, description="episode ends when equity falls below this share"
    )

    @model_validator(mode="after")
    def _fees_known(self) -> EnvConfig:
        if self.fee_entry > self.cash or self.fee_exit > self.cash:
            raise ValueError("a fixed fee larger than the starting cash leaves nothing to trade")
        return self

    @classmethod
    def for_index_futures(cls, **overrides: object) -> EnvConfig:
        """NIFTY-style rules of the PRD: 25 per entry, 35 per exit, shorts allowed, no percentage fee."""
        base: dict[str, object] = {
            "cash": 1_000_000.0, "fee_rate": 0.0, "fee_entry": 25.0, "fee_exit": 35.0,
            "allows_short": True, "slippage_bps": 1.0,
        }  # fmt: skip
        base.update(overrides)
        return cls.model_validate(base)
