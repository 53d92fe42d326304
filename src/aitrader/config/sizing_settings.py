"""How the risk gate sizes entries, as run settings: `sizing` and `vol_target`.

    # aitrader.toml (top level, beside `risk`)
    sizing = "vol-target"     # stop | volatility | vol-target (option --sizing, AITRADER_SIZING)
    vol_target = 0.25         # vol-target: the annualised volatility one position targets
                              # (option --vol-target, AITRADER_VOL_TARGET)

`config.run_settings` resolves them as it does `risk` (option > environment/.env > file > default)
and hands them to every `RiskConfig` built from run settings through `RunSettings.risk_limits`
(`sizing_limits`), so what was backtested is what trades. The names are `risk.config.Sizing`'s
values, with `vol-target` as the option's spelling; nothing from `aitrader.risk` is imported here
(the config layer sits below it). `Settings` has no field for them: `sizing_env` reads the two
variables as `config.risk_settings` reads the `[risk]` ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from aitrader.config.risk_settings import is_number
from aitrader.config.settings import SettingsError

# what a user may write -> `risk.config.Sizing`'s value
SIZING_NAMES = {
    "stop": "stop",
    "volatility": "volatility",
    "vol-target": "vol_target",
    "vol_target": "vol_target",
}
SIZING_RULE = (
    "stop, volatility or vol-target (stop: the risk budget alone; volatility: also an ATR cap; "
    "vol-target: also notional <= equity x vol_target / the symbol's volatility)"
)
VOL_TARGET_RULE = "an annualised volatility in (0, 2], e.g. 0.25 for 25% a year"
DEFAULT_SIZING = "stop"
DEFAULT_VOL_TARGET = 0.25  # as `RiskConfig.vol_target`
SIZING_ENV = {"sizing": "AITRADER_SIZING", "vol_target": "AITRADER_VOL_TARGET"}


def sizing_name(value: Any) -> str | None:
    """`Sizing`'s value for what a user wrote ("vol-target" -> "vol_target"); None when it is none."""
    return SIZING_NAMES.get(value.strip().lower()) if isinstance(value, str) else None


def is_sizing(value: Any) -> bool:
    return sizing_name(value) is not None


def is_vol_target(value: Any) -> bool:
    return is_number(value) and 0 < value <= 2


class _SizingEnvironment(BaseSettings):  # read as `Settings` is: the environment, then `.env`
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
    )

    sizing: str | None = Field(default=None, alias="AITRADER_SIZING")
    vol_target: str | None = Field(default=None, alias="AITRADER_VOL_TARGET")


def sizing_env() -> dict[str, Any]:
    """`sizing` and `vol_target` as the environment or `.env` sets them (only those set);
    `SettingsError` in one line naming the variable and the rule on a bad one."""
    read = _SizingEnvironment()
    out: dict[str, Any] = {}
    if read.sizing is not None and read.sizing.strip():
        if not is_sizing(read.sizing):
            raise SettingsError(f"invalid settings: {SIZING_ENV['sizing']}: use {SIZING_RULE}")
        out["sizing"] = read.sizing
    if read.vol_target is not None and read.vol_target.strip():
        try:
            value = float(read.vol_target)
        except ValueError:
            value = float("nan")
        if not is_vol_target(value):
            raise SettingsError(f"invalid settings: {SIZING_ENV['vol_target']}: use {VOL_TARGET_RULE}")
        out["vol_target"] = value
    return out


def sizing_limits(sizing: str, vol_target: float, sources: Mapping[str, str]) -> dict[str, Any]:
    """The `RiskConfig` fields of the sizing settings that were set (not left at their default)."""
    out: dict[str, Any] = {}
    if sources.get("sizing", "default") != "default":
        out["sizing"] = sizing
    if sources.get("vol_target", "default") != "default":
        out["vol_target"] = vol_target
    return out
