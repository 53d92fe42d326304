"""Measure how many trailing bars each infinite-memory indicator really needs so that its last
value is within 1e-9 (relative) of the full-history value, next to the window the registry
(`aitrader.features.indicators.window_for`) documents.

    uv run python benchmarks/indicators_windows.py

Measured on real BTCUSDT 1m bars at 8 end points spread over the sample; the figure is the
largest minimal window over those end points (binary search per end point).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from rich.console import Console
from rich.table import Table

from aitrader.data import load_sample
from aitrader.domain import Candles
from aitrader.features import indicators as ind

TOL = 1e-9
Fn = Callable[[Candles], np.ndarray]

CASES: list[tuple[str, dict[str, int], Fn]] = [
    ("ema", {"n": 12}, lambda c: ind.ema(c.close, 12)),
    ("ema", {"n": 50}, lambda c: ind.ema(c.close, 50)),
    ("ema", {"n": 200}, lambda c: ind.ema(c.close, 200)),
    ("rsi", {"n": 14}, lambda c: ind.rsi(c.close, 14)),
    ("atr", {"n": 14}, lambda c: ind.atr(c.high, c.low, c.close, 14)),
    ("adx", {"n": 14}, lambda c: ind.adx(c.high, c.low, c.close, 14).adx),
    ("macd", {}, lambda c: ind.macd(c.close).hist),
    ("keltner", {}, lambda c: ind.keltner(c.high, c.low, c.close).upper),
]


def close_enough(got: float, want: float, scale: float) -> bool:
    return abs(got - want) <= TOL * max(abs(want), scale)


def minimal_window(c: Candles, fn: Fn, full: np.ndarray, end: int, hi: int) -> int:
    scale = float(np.nanmedian(np.abs(full)))
    want = float(full[end - 1])
    lo = 2
    while lo < hi:
        mid = (lo + hi) // 2
        got = fn(c.slice(end - mid, end))
        if len(got) and np.isfinite(got[-1]) and close_enough(float(got[-1]), want, scale):
            hi = mid
        else:
            lo = mid + 1
    return lo


def main() -> None:
    c = load_sample("BTCUSDT", "1m")
    ends = np.linspace(8000, len(c), 8).astype(int)
    table = Table(title="Trailing window for a last value within 1e-9 of full history (BTCUSDT 1m)")
    for col in ("indicator", "documented window", "measured minimum (max over 8 ends)", "margin"):
        table.add_column(col, justify="left" if col == "indicator" else "right")
    for name, params, fn in CASES:
        full = fn(c)
        doc = ind.window_for(name, **params)
        assert doc is not None
        need = max(minimal_window(c, fn, full, int(e), min(int(e), 4 * doc)) for e in ends)
        label = (
            f"{name}({', '.join(f'{k}={v}' for k, v in params.items())})" if params else f"{name}(default)"
        )
        table.add_row(label, f"{doc:,}", f"{need:,}", f"{doc / need:.1f}×")
    Console(width=120).print(table)


if __name__ == "__main__":
    main()
