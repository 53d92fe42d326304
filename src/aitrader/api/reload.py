"""`POST /api/control/reload`: read the run settings again, as the command read them at start.

What reloads while the run goes on: the risk fraction (the gate sizes the next entry with it).
What needs a restart, and is only reported: the strategy's parameters (its features are state
built over the whole warm-up), the symbol, the timeframe and the strategy itself. Values are
resolved exactly as at start (the command line, then the environment, then `aitrader.toml`, then
the default), so a value given on the command line keeps winning; a bad value anywhere is refused
in one line and changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class ReloadError(ValueError):
    """A setting read again breaks a rule; the message names it (never a secret)."""


@dataclass(frozen=True)
class ReloadSettings:
    """How the command resolved its settings at start: its command-line values (None: not given),
    its --config file and its --param pairs."""

    cli: Mapping[str, Any] = field(default_factory=dict)
    config: Path | None = None
    param_pairs: Sequence[str] = ()


@dataclass(frozen=True)
class Reread:
    risk: float
    symbol: str
    timeframe: str
    strategy: str
    params: dict[str, Any]


def reread(settings: ReloadSettings, strategy: str, interval: str) -> Reread:
    """The settings now; the running strategy's parameters are checked by building it once.
    Blocking (files, imports): run it off the event loop."""
    from aitrader.backtest.inputs import InputError, build_strategy
    from aitrader.config import load_settings
    from aitrader.config.run_settings import RunSettingsError, parse_param_pairs, resolve_run
    from aitrader.config.settings import SettingsError
    from aitrader.config.strategy_file import ConfigFileError, strategy_params
    from aitrader.domain import Timeframe

    cli = {k: v for k, v in settings.cli.items() if v is not None}
    try:
        run = resolve_run(cli, settings=load_settings(allow_mainnet=True), config=settings.config)
        params = {**strategy_params(strategy, run.config_file), **parse_param_pairs(settings.param_pairs)}
        build_strategy(strategy, dict(params), Timeframe.parse(interval))
    except (SettingsError, RunSettingsError, ConfigFileError, InputError, ValueError) as exc:
        raise ReloadError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    return Reread(run.risk, run.symbol, run.timeframe, run.strategy, params)


def restart_needed(
    now: Reread,
    symbol: str,
    interval: str,
    strategy: str,
    params: Mapping[str, Any],
    baseline: Mapping[str, Any] | None = None,
) -> list[str]:
    """What differs from the running run and only a restart applies, one line each (`baseline`: the
    parameters the run starts from beneath the files, e.g. a local exchange's cost_multiple 0)."""
    out = []
    wanted_params = {**dict(baseline or {}), **now.params}
    for name, running, wanted in (
        ("symbol", symbol, now.symbol),
        ("timeframe", interval, now.timeframe),
        ("strategy", strategy, now.strategy),
    ):
        if str(running).lower() != str(wanted).lower():
            out.append(f"{name} {running} -> {wanted}: restart to apply")
    changed = sorted(k for k in set(params) | set(wanted_params) if params.get(k) != wanted_params.get(k))
    if changed:
        pairs = ", ".join(f"{k} {params.get(k)!r} -> {wanted_params.get(k)!r}" for k in changed)
        out.append(f"strategy parameters {pairs}: restart to apply")
    return out
