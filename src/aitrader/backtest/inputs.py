"""What a backtest runs on: candles (a file, the local store or the shipped sample) and a strategy."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aitrader.backtest.sma_cross import SmaCross, SmaCrossParams
from aitrader.domain import Candles, Timeframe
from aitrader.strategies.base import Strategy

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


def build_strategy(name: str, params: dict[str, Any], timeframe: Timeframe) -> Strategy:
    """A registered strategy, or the research `sma_cross`."""
    from pydantic import ValidationError

    from aitrader.strategies.registry import StrategyError, get_strategy, strategy_names

    key = name.strip().lower()
    if key == SmaCross.name:
        try:
            return SmaCross(SmaCrossParams(**params), timeframe)
        except ValidationError as exc:
            raise InputError(f"invalid parameters for sma_cross: {exc.errors()[0]['msg']}") from None
    try:
        return get_strategy(key, params, timeframe)
    except StrategyError as exc:
        if key not in strategy_names():
            raise InputError(f"{exc} (or the research strategy sma_cross)") from None
        raise InputError(str(exc)) from None


def load_candles(
    symbol: str,
    timeframe: Timeframe,
    data: Path | None = None,
    start_ms: int | None = None,
    end_ms: int | None = None,
    data_dir: Path | None = None,
) -> Candles:
    """Candles from `data` (any supported file), else the local store, else the shipped sample."""
    from aitrader.data import DataError, load_sample, read_candles

    sym = symbol.upper()
    try:
        if data is not None:
            candles = read_candles(data, sym, timeframe)
        elif data_dir is not None and _store_has(data_dir, sym, timeframe):
            from aitrader.data import CandleStore

            candles = CandleStore(data_dir).read("binance", sym, timeframe)
        else:
            candles = load_sample(sym, timeframe)
    except FileNotFoundError as exc:
        raise InputError(f"{exc}; pass --data PATH or import the data with `aitrader data import`") from None
    except DataError as exc:
        raise InputError(str(exc)) from None
    if candles.timeframe != timeframe:
        raise InputError(
            f"{data}: holds {candles.timeframe.value} candles, --timeframe says {timeframe.value}"
        )
    return window(candles, start_ms, end_ms)


def window(candles: Candles, start_ms: int | None, end_ms: int | None) -> Candles:
    import numpy as np

    lo = 0 if start_ms is None else int(np.searchsorted(candles.open_time, start_ms, side="left"))
    hi = len(candles) if end_ms is None else int(np.searchsorted(candles.open_time, end_ms, side="left"))
    out = candles.slice(lo, hi)
    if len(out) == 0:
        raise InputError(
            f"no {candles.symbol} {candles.timeframe.value} candles between the --from and --to you gave "
            f"(the data covers {_span(candles)})"
        )
    return out


def _span(candles: Candles) -> str:
    from aitrader.domain.timeframe import format_ms

    if len(candles) == 0:
        return "nothing"
    return f"{format_ms(int(candles.open_time[0]))} to {format_ms(int(candles.open_time[-1]))}"


def _store_has(data_dir: Path, symbol: str, timeframe: Timeframe) -> bool:
    from aitrader.data import CandleStore

    try:
        return CandleStore(data_dir).has("binance", symbol, timeframe)
    except OSError:
        return False
