"""Per-candle cost of a strategy's features on the live path: recomputing them over the trailing
window (what `Kernel.push` and the live decider did) against `strategy.feature_stream` (one closed
candle pushed into incremental state), for every built-in strategy, in the same run.

    uv run python benchmarks/bench_feature_stream.py [--candles 2000] [--start 20000] [--window N]

Real BTCUSDT 1m candles, in alternating blocks of 50 (so the machine's drift hits both alike, with
an untimed `gc.collect()` between blocks so neither path pays for the other's garbage; each still
pays for its own): the window path times `strategy.features(last W candles)` (W = warmup + 1000,
the live decider's window, unless --window), the stream path times `stream.push(candle)` (Decimal
candle in, Features out). Also printed, from the same candles: how far the window recomputation's last row is from the
full-history features (it starts its EMAs and running sums at the window's first bar) and on how
many bars its entry/exit masks differ; the stream's figures for the same must be 0.
"""

from __future__ import annotations

import argparse
import gc
import time

import numpy as np
from rich.console import Console
from rich.table import Table

from aitrader.data import load_sample
from aitrader.domain import Candle, Candles
from aitrader.strategies import REGISTRY, Features, get_strategy

MASKS = ("entry_long", "entry_short", "exit_long", "exit_short")
BLOCK = 50


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


class Gap:
    """Largest relative difference of float columns and count of differing mask bars against the batch."""

    def __init__(self) -> None:
        self.rel = 0.0
        self.nan_mismatch = 0
        self.mask_bars = 0

    def add(self, got: Features, want: Features, i: int) -> None:
        masks = False
        for col, values in want.columns.items():
            g, w = got[col][-1], values[i]
            if values.dtype.kind != "f":
                masks |= col in MASKS and bool(g) != bool(w)
                continue
            if np.isnan(g) or np.isnan(w):
                self.nan_mismatch += int(np.isnan(g) != np.isnan(w))
                continue
            if g != w:
                self.rel = max(self.rel, abs(g - w) / max(abs(w), 1e-300))
        self.mask_bars += masks


def run(name: str, c: Candles, start: int, candles: int, window: int | None) -> list[str]:
    strategy = get_strategy(name)
    w = window or strategy.warmup + 1000
    full = strategy.features(c.slice(0, start + candles))  # causal: row i is the full history up to i
    rows: list[Candle] = [c.row(i) for i in range(start, start + candles)]
    stream = strategy.feature_stream(w)
    stream.warm(c.slice(0, start))
    win_t: list[float] = []
    stream_t: list[float] = []
    win_gap, stream_gap = Gap(), Gap()
    for first in range(start, start + candles, BLOCK):
        bars = range(first, min(first + BLOCK, start + candles))
        gc.collect()
        for i in bars:
            t0 = time.perf_counter()
            windowed = strategy.features(c.slice(i + 1 - w, i + 1))
            win_t.append(time.perf_counter() - t0)
            win_gap.add(windowed, full, i)
        gc.collect()
        for i in bars:
            t0 = time.perf_counter()
            streamed = stream.push(rows[i - start])
            stream_t.append(time.perf_counter() - t0)
            stream_gap.add(streamed, full, i)
    p50w, p99w, p50s, p99s = pct(win_t, 50), pct(win_t, 99), pct(stream_t, 50), pct(stream_t, 99)
    return [
        name,
        f"{w:,}",
        f"{p50w * 1e3:.2f}",
        f"{p99w * 1e3:.2f}",
        f"{p50s * 1e6:.0f}",
        f"{p99s * 1e6:.0f}",
        f"{p50w / p50s:.0f}×",
        f"{win_gap.rel:.1e} / {win_gap.mask_bars}",
        f"{stream_gap.rel:.0e} / {stream_gap.mask_bars + stream_gap.nan_mismatch}",
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--candles", type=int, default=2000, help="candles pushed per strategy")
    ap.add_argument("--start", type=int, default=20_000, help="first pushed bar of the BTCUSDT 1m sample")
    ap.add_argument("--window", type=int, default=None, help="window bars (default: warmup + 1000)")
    args = ap.parse_args()
    c = load_sample("BTCUSDT", "1m")
    table = Table(title=f"Features per closed candle, BTCUSDT 1m bars {args.start:,}+{args.candles:,}")
    for col in (
        "strategy",
        "window bars",
        "window p50 ms",
        "window p99 ms",
        "stream p50 µs",
        "stream p99 µs",
        "p50 speed-up",
        "window vs full: max rel / mask bars",
        "stream vs full",
    ):
        table.add_column(col, justify="left" if col == "strategy" else "right")
    for name in REGISTRY:
        table.add_row(*run(name, c, args.start, args.candles, args.window))
    Console(width=160).print(table)


if __name__ == "__main__":
    main()
