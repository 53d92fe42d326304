"""`LlmParams`: every knob of the LLM adviser (strategy "llm"), flat so `--param key=value` sets it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from aitrader.config.run_settings import BUILT_IN, DEFAULT_SLIPPAGE_BPS


class LlmParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # --- planner -> executor -----------------------------------------------------------------------
    max_revisions: int = Field(default=2, ge=0, le=5, description="executor retries after an invalid reply")
    max_tool_rounds: int = Field(default=3, ge=0, le=8, description="planner rounds that may call tools")
    max_tool_calls: int = Field(default=8, ge=0, le=32, description="tool calls per decision")
    max_tool_calls_per_round: int = Field(default=4, ge=1, le=16, description="tool calls per round")
    max_argument_bytes: int = Field(default=512, ge=32, le=8192, description="bytes of one call's arguments")
    tool_latency_s: float = Field(
        default=1.0, gt=0, le=30, description="a tool slower than this answers an error"
    )
    max_tool_rows: int = Field(default=120, ge=1, le=1000, description="rows one data tool returns at most")
    max_tokens: int = Field(default=800, ge=64, le=8192, description="completion tokens per call")
    price_band: float = Field(
        default=0.2, gt=0, le=0.9, description="stop, targets and price must lie this close to the close"
    )

    # --- overlays (after the model, before the gate) ------------------------------------------------
    min_net_reward_risk: float = Field(
        default=1.5, ge=0, le=20, description="min weighted reward:risk after fees and slippage"
    )
    fee: float = Field(default=float(BUILT_IN["fee"]), ge=0, le=0.1, description="fee rate per fill")
    slippage_bps: float = Field(
        default=DEFAULT_SLIPPAGE_BPS, ge=0, le=1000, description="expected slippage per taker fill (bps)"
    )
    max_price_deviation: float = Field(
        default=0.003, gt=0, le=0.5, description="slippage guard: the model's price vs the close"
    )
    max_trades_per_day: int = Field(default=3, ge=1, le=100, description="entries proposed per UTC day")
    cooldown_after_rejections: int = Field(
        default=3, ge=1, le=100, description="no entries while this many gate rejections are recent"
    )
    rejection_memory_bars: int = Field(
        default=24, ge=1, le=10_000, description="bars a gate rejection counts as recent"
    )
