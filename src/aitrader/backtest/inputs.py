"""What a backtest runs on: candles (via `aitrader.data.load_series`, with warm-up) and a strategy."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aitrader.domain import Candles, Timeframe
from aitrader.strategies.base import Strategy
from aitrader.strategies.sma_cross import SmaCross, SmaCrossParams

RESEARCH_STRATEGIES = {SmaCross.name}


class InputError(ValueError):
    """Bad backtest input; the message says what, where and what to do."""


def parse_params(pairs: Sequence[str]) -> dict[str, Any]:
    """`["fast=10", "htf=15m"]` -> {"fast": 10, "htf": "15m"} (values parsed as JSON when they can be)."""
    out: dict[str, Any] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--param {pair!r}: write NAME=VALUE, e.g. --param fast=10")
        try:
            out[name.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            out[name.strip()] = raw
    return out


def build_strategy(
    name: str,
    params: dict[str, Any],
    timeframe: Timeframe,
    *,
    fee: float | None = None,
    slippage_bps: float | None = None,
    fixed_fee: bool = False,
) -> Strategy:
    """A built-in strategy, the research `sma_cross`, a trained RL policy (`rl:PATH`), the agents
    (`debate`, `llm`: `agents.factory`), or the user's own: `path/to/file.py[:Class]`, `module:Class`
    or an installed `aitrader.strategies` entry point.

    `fee` (rate per fill), `slippage_bps` and `fixed_fee` (the run has `--fixed-fee`) are the run's
    costs: a built-in strategy's `costs` entry condition weighs its plans against them
    (`strategies.cost_guard.Costs.of_run`: a fixed-fee run weighs the slippage only); None keeps the
    strategies' defaults (0.1% and 5 bps). The other kinds decide without them."""
    from pydantic import ValidationError

    from aitrader.strategies.cost_guard import Costs
    from aitrader.strategies.loader import StrategyLoadError, build_loaded, looks_like_spec, plugin_names
    from aitrader.strategies.registry import StrategyError, get_strategy, strategy_names

    key = name.strip().lower()
    if key.startswith("rl:"):
        return _policy_strategy(name, params, timeframe)
    if key in ("debate", "llm"):  # the agents: analysts + bull/bear debate, or the LLM adviser
        from aitrader.agents.factory import AgentStrategyError, build_agent_strategy

        try:
            return build_agent_strategy(key, params, timeframe)
        except AgentStrategyError as exc:
            raise InputError(str(exc)) from None
    if key == SmaCross.name:
        try:
            return SmaCross(SmaCrossParams(**params), timeframe)
        except ValidationError as exc:
            raise InputError(f"invalid parameters for sma_cross: {exc.errors()[0]['msg']}") from None
    if looks_like_spec(name) or (key not in strategy_names() and key in plugin_names()):
        try:
            return build_loaded(name, params, timeframe)
        except StrategyLoadError as exc:
            raise InputError(str(exc)) from None
    try:
        costs = Costs.of_run(fee, slippage_bps, fixed_fee)
    except ValueError as exc:
        raise InputError(f"the run's fee and slippage: {exc}") from None
    try:
        return get_strategy(key, params, timeframe, fee_rate=costs.fee_rate, slippage=costs.slippage)
    except StrategyError as exc:
        if key not in strategy_names():
            plugins = "".join(f", {p}" for p in plugin_names())
            raise InputError(
                f"{exc}, sma_cross, debate, llm{plugins}, or your own file: --strategy path/to/file.py:ClassName "
                "(`aitrader new-strategy NAME` writes one)"
            ) from None
        raise InputError(str(exc)) from None


def _policy_strategy(name: str, params: dict[str, Any], timeframe: Timeframe) -> Strategy:
    """`rl:PATH`: the policy checkpoint at PATH (needs the `rl` extra: torch)."""
    from pydantic import ValidationError

    try:
        from aitrader.rl.checkpoint import CheckpointError
        from aitrader.rl.strategy import load_policy_strategy
    except ImportError as exc:  # torch is an extra
        raise InputError(
            f"--strategy {name}: a trained policy needs PyTorch ({exc.name} is missing): uv sync --extra rl"
        ) from None

    try:
        return load_policy_strategy(name, params, timeframe)
    except CheckpointError as exc:
        raise InputError(f"--strategy {name}: {exc}") from None
    except ValidationError as exc:
        raise InputError(f"invalid parameters for {name}: {exc.errors()[0]['msg']}") from None


@dataclass(frozen=True)
class BacktestCandles:
    """The candles a backtest runs on: `warmup_bars` of history before --from, then the window."""

    candles: Candles
    origin: str  # where they came from (`LoadedSeries.origin`)
    warmup_bars: int = 0  # bars before --from included so indicators are warm (no trading there)
    before_available: int = 0  # bars the data holds before --from (0 without --from)

    @property
    def window(self) -> Candles:
        """The asked window (--from .. --to), without the warm-up bars."""
        return self.candles.slice(self.warmup_bars, None)


def load_candles(
    symbol: str,
    timeframe: Timeframe,
    data: Path | None = None,
    start_ms: int | None = None,
    end_ms: int | None = None,
    data_dir: Path | None = None,
    warmup: int = 0,
) -> BacktestCandles:
    """Candles via the data layer's one resolver (file, else the store, else the shipped sample;
    resampled from a finer series when needed, partial bars dropped), plus up to `warmup` bars
    before `start_ms` when the data has them."""
    from aitrader.data import DataError, SeriesNotFoundError, load_series

    try:
        # the series (store or sample) that covers --from/--to best; cut to the window below
        loaded = load_series(symbol, timeframe, path=data, data_dir=data_dir, cover=(start_ms, end_ms))
    except DataError as exc:
        raise InputError(f"{exc.source}: {exc.rule}" if exc.row is None else str(exc)) from None
    except SeriesNotFoundError as exc:
        raise InputError(str(exc)) from None
    except FileNotFoundError as exc:
        raise InputError(f"{exc}; pass --data PATH or import the data with `aitrader data import`") from None
    candles = loaded.candles
    if candles.timeframe != timeframe:
        raise InputError(
            f"{data}: holds {candles.timeframe.value} candles, --timeframe says {timeframe.value}"
        )
    lo, hi = _bounds(candles, start_ms, end_ms)
    if hi <= lo:
        raise InputError(
            f"no {candles.symbol} {candles.timeframe.value} candles between the --from and --to you gave "
            f"(the data covers {_span(candles)})"
        )
    first = max(0, lo - max(warmup, 0)) if start_ms is not None else lo
    return BacktestCandles(
        candles.slice(first, hi), loaded.origin, lo - first, lo if start_ms is not None else 0
    )


def _bounds(candles: Candles, start_ms: int | None, end_ms: int | None) -> tuple[int, int]:
    import numpy as np

    lo = 0 if start_ms is None else int(np.searchsorted(candles.open_time, start_ms, side="left"))
    hi = len(candles) if end_ms is None else int(np.searchsorted(candles.open_time, end_ms, side="left"))
    return lo, hi


def _span(candles: Candles) -> str:
    from aitrader.domain.timeframe import format_ms

    if len(candles) == 0:
        return "nothing"
    return f"{format_ms(int(candles.open_time[0]))} to {format_ms(int(candles.open_time[-1]))}"


def warmup_note(strategy: str, need: int, b: BacktestCandles, asked_start: bool) -> str:
    """One line on the warm-up: taken from before --from, or a warning when the data lacks it."""
    if need <= 1:
        return ""
    if not asked_start:
        if need - 1 >= len(b.window):
            return (
                f"warning: {strategy} needs {need:,} bars of warm-up; the data holds only {len(b.window):,}: "
                "no bar can make a decision"
            )
        return f"warm-up: {strategy} makes no decision on the first {need - 1:,} bars of the data (no --from)"
    if b.warmup_bars >= need:
        return f"warm-up: {b.warmup_bars:,} bars before --from (no trading)"
    blind = min(need - 1 - b.warmup_bars, len(b.window))
    tail = (
        "no bar of your window can make a decision"
        if blind >= len(b.window)
        else f"the first {blind:,} bars of your window make no decisions"
    )
    return (
        f"warning: {strategy} needs {need:,} bars of warm-up; only {b.warmup_bars:,} available before "
        f"--from: {tail}"
    )


def load_intrabar(path: Path, symbol: str, window: Candles) -> tuple[Candles, str]:
    """The --intrabar-data candles, refused when they are another symbol's (by name or by price);
    with a note on which part of the backtest window they cover."""
    import numpy as np

    from aitrader.data import DataError, parse_name, read_candles
    from aitrader.domain.timeframe import format_ms

    sym = symbol.upper()
    named = parse_name(path)
    if named is not None and named[0] != sym:
        raise InputError(
            f"--intrabar-data {path}: holds {named[0]} candles, the backtest is on {sym}; pass a {sym} file"
        )
    try:
        lower = read_candles(path, sym)
    except DataError as exc:  # its message already starts with the file
        raise InputError(f"--intrabar-data {exc}") from None
    except FileNotFoundError as exc:
        raise InputError(f"--intrabar-data {path}: {exc}") from None
    if lower.timeframe.duration_ms >= window.timeframe.duration_ms:
        raise InputError(
            f"--intrabar-data {path}: holds {lower.timeframe.value} candles; need a timeframe shorter than "
            f"{window.timeframe.value}"
        )
    idx = np.searchsorted(lower.open_time, window.open_time)
    ok = idx < len(lower)
    ok[ok] = lower.open_time[idx[ok]] == window.open_time[ok]
    if ok.any():
        ratio = float(np.median(lower.open[idx[ok]] / window.open[ok]))
        if not 0.9 <= ratio <= 1.1:
            raise InputError(
                f"--intrabar-data {path}: its prices are {ratio:.3g}x those of {sym} on the same bars: "
                f"not {sym} data; pass a {sym} file"
            )
    end = window.end_ms + window.timeframe.duration_ms
    lo, hi = max(lower.start_ms, window.start_ms), min(lower.end_ms + lower.timeframe.duration_ms, end)
    asked = f"{format_ms(window.start_ms)} → {format_ms(end)}"
    if hi <= lo:
        return lower, f"warning: --intrabar-data {path} covers none of the window {asked}: it changes nothing"
    if lo <= window.start_ms and hi >= end:
        return lower, f"intrabar: {lower.timeframe.value} candles cover the whole window"
    return lower, (
        f"warning: --intrabar-data {path} covers only {format_ms(lo)} → {format_ms(hi)} of the window {asked}; "
        "bars outside it use the default intrabar order"
    )
