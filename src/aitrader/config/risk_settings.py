"""The `[risk]` table of `aitrader.toml` and its environment variables: the risk gate's portfolio
limits (`RISK_KEYS`), resolved into `RunSettings.risk_limits` by `config.run_settings.resolve_run`.

    [risk]                    # each key also AITRADER_<KEY> (minutes: AITRADER_<KEY>_MINUTES)
    fraction = 0.01           # the risk per trade (top-level `risk`, which TOML cannot hold beside the table)
    max_drawdown = 0.15       # no entries once equity is 15% below its peak
    drawdown_cooldown = 1440  # minutes: the halt holds at least a day

The environment wins over the file. A bad key or value is one line: `ConfigFileError` naming the file
and the key, or `SettingsError` naming the variable (never its value).
"""

from __future__ import annotations

import difflib
import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field, create_model
from pydantic_settings import BaseSettings, SettingsConfigDict

from aitrader.config.settings import RISK_FRACTION_CEILING, SettingsError
from aitrader.config.strategy_file import ConfigFileError

RISK_TABLE = "risk"  # `[risk]`: `fraction` (the risk fraction, as top-level `risk`) and RISK_KEYS


def is_number(v: Any) -> bool:
    """A finite int or float (not a bool)."""
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


@dataclass(frozen=True)
class _Limit:
    """A `[risk]` key: what a valid value is (as said in an error), and whether it is a whole
    number or minutes. It sets the `RiskConfig` field of its name (minutes: `<name>_ms`), and the
    environment sets it as `AITRADER_<NAME>` (minutes: `AITRADER_<NAME>_MINUTES`)."""

    rule: str
    check: Callable[[Any], bool]
    integer: bool = False
    minutes: bool = False

    def env(self, key: str) -> str:
        return f"AITRADER_{key.upper()}{'_MINUTES' if self.minutes else ''}"

    def field(self, key: str) -> str:
        return f"{key}_ms" if self.minutes else key

    def value(self, raw: Any) -> Any:
        """The `RiskConfig` field's value of a checked `raw` value."""
        return round(raw * 60_000) if self.minutes else int(raw) if self.integer else float(raw)


def _fraction(v: Any) -> bool:
    return is_number(v) and 0 < v <= 1


def _whole(least: int) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= least


# the risk per trade: top-level `risk`, `[risk] fraction`, --risk, AITRADER_RISK_FRACTION
RISK_FRACTION = _Limit(
    f"a fraction in (0, {RISK_FRACTION_CEILING:.2f}], e.g. 0.01 for 1% (the hard ceiling is 10%)",
    lambda v: is_number(v) and 0 < v <= RISK_FRACTION_CEILING,
)
_FRACTION = "a fraction of equity in (0, 1], e.g. "
RISK_KEYS: dict[str, _Limit] = {
    "max_open_positions": _Limit("a whole number >= 1, e.g. 5", _whole(1), integer=True),
    "min_reward_risk": _Limit("a net reward:risk >= 0, e.g. 1.5", lambda v: is_number(v) and v >= 0),
    "max_position_fraction": _Limit(_FRACTION + "0.5", _fraction),
    "max_symbol_exposure": _Limit(_FRACTION + "0.5", _fraction),
    "max_total_exposure": _Limit(_FRACTION + "1.0", _fraction),
    "max_correlation": _Limit("a correlation in (0, 1], e.g. 0.8", _fraction),
    "max_correlated_exposure": _Limit(_FRACTION + "0.6", _fraction),
    "correlation_window": _Limit("a whole number of bars >= 10, e.g. 100", _whole(10), integer=True),
    "max_drawdown": _Limit("a fraction of the peak equity in (0, 1], e.g. 0.2", _fraction),
    "drawdown_cooldown": _Limit("minutes >= 0, e.g. 1440 for a day", lambda v: is_number(v) and v >= 0,
                                minutes=True),
    "max_daily_loss": _Limit("a fraction of start-of-day equity in (0, 1], e.g. 0.02", _fraction),
    "breaker_cooldown": _Limit("minutes >= 0, e.g. 60", lambda v: is_number(v) and v >= 0, minutes=True),
}  # fmt: skip


def check_risk_table(path: Path, table: Mapping[str, Any]) -> tuple[Any, dict[str, Any]]:
    """(`fraction` or None, the limits by RISK_KEYS key) of the file's `[risk]` table; one line
    (`ConfigFileError`) on the first bad key or value."""
    limits: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = str(raw_key)
        rule = RISK_FRACTION if key == "fraction" else RISK_KEYS.get(key)
        if rule is None:
            known = ["fraction", *RISK_KEYS]
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise ConfigFileError(f"{path}: [risk]: unknown key {key!r}: {hint}it holds {', '.join(known)}")
        if not rule.check(value):
            shown = repr(value) if isinstance(value, str) else str(value)
            raise ConfigFileError(f"{path}: [risk] {key} = {shown}: use {rule.rule}")
        limits[key] = value
    return limits.pop("fraction", None), limits


def resolve_risk_limits(file_limits: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """(`RiskConfig` field -> value, `risk.<key>` -> "env" | "file") of the file's `[risk]` limits
    (by RISK_KEYS key) with the environment's on top."""
    from_env = _risk_env()
    merged = {**file_limits, **from_env}
    limits = {RISK_KEYS[k].field(k): RISK_KEYS[k].value(v) for k, v in merged.items()}
    sources = {f"{RISK_TABLE}.{k}": "env" if k in from_env else "file" for k in merged}
    return limits, sources


class _EnvironmentFile(BaseSettings):  # read as `Settings` is: the environment, then `.env`
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", env_ignore_empty=True, extra="ignore"
    )


@functools.cache
def _risk_environment() -> type[BaseSettings]:
    """The `[risk]` keys as the environment and `.env` give them (text, one field per key)."""
    fields: dict[str, Any] = {k: (str | None, Field(None, alias=r.env(k))) for k, r in RISK_KEYS.items()}
    return create_model("RiskEnvironment", __base__=_EnvironmentFile, **fields)


def _risk_env() -> dict[str, Any]:
    """The `[risk]` keys the environment or `.env` sets, as numbers; `SettingsError` in one line
    (naming the variable and the rule, never the value) on a bad one."""
    read = _risk_environment()()
    out: dict[str, Any] = {}
    for key, limit in RISK_KEYS.items():
        text = getattr(read, key)
        if text is None or not text.strip():
            continue
        try:
            value: Any = int(text) if limit.integer else float(text)
        except ValueError:
            value = None
        if value is None or not limit.check(value):
            raise SettingsError(f"invalid settings: {limit.env(key)}: use {limit.rule}")
        out[key] = value
    return out
