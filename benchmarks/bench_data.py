"""Data-layer speed on 1,000,000 1m candles (the real BTCUSDT 1m sample tiled forward in time),
next to pandas doing the same job.  Run: uv run python benchmarks/bench_data.py"""

from __future__ import annotations

import gzip
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from aitrader.data import find_gaps, load_sample, read_candles, resample_detailed, validate_candles
from aitrader.domain import Candles, Timeframe

N = 1_000_000


def best_ms(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    base = load_sample("BTCUSDT", "1m")
    idx = np.resize(np.arange(len(base)), N)
    t = base.start_ms + np.arange(N, dtype=np.int64) * 60_000
    c = Candles.from_arrays(t, base.open[idx], base.high[idx], base.low[idx], base.close[idx], base.volume[idx],
                            "BTCUSDT", Timeframe.M1)  # fmt: skip
    df = pd.DataFrame({k: getattr(c, k) for k in ("open", "high", "low", "close", "volume")},
                      index=pd.to_datetime(c.open_time, unit="ms", utc=True))  # fmt: skip
    agg = {"open": "first", "high": "max", "low": "min", "close": "last", "volume": "sum"}
    folder = Path(tempfile.mkdtemp())
    csv = folder / "BTCUSDT-1m-bench.csv"
    with csv.open("w") as fh:
        fh.write("open_time_ms,open,high,low,close,volume\n")
        cols = np.column_stack([c.open_time, c.open, c.high, c.low, c.close, c.volume])
        np.savetxt(fh, cols, fmt=["%d"] + ["%.10g"] * 5, delimiter=",")
    gz = folder / "BTCUSDT-1m-bench.csv.gz"
    gz.write_bytes(gzip.compress(csv.read_bytes(), 6))

    rows = [
        ("resample 1m->1h", best_ms(lambda: resample_detailed(c, Timeframe.H1)),
         best_ms(lambda: df.resample("1h").agg(agg).dropna())),
        ("resample 1m->1M (calendar months)", best_ms(lambda: resample_detailed(c, Timeframe.MN1)),
         best_ms(lambda: df.resample("MS").agg(agg).dropna())),
        ("gap report", best_ms(lambda: find_gaps(c)), None),
        ("validate (6 rules)", best_ms(lambda: validate_candles(c)), None),
        ("read CSV + validate", best_ms(lambda: read_candles(csv)), best_ms(lambda: pd.read_csv(csv))),
        ("read CSV.gz + validate", best_ms(lambda: read_candles(gz)), best_ms(lambda: pd.read_csv(gz))),
    ]  # fmt: skip
    print(f"{N:,} rows; best of 3; ms")
    print(f"{'operation':<36}{'aitrader':>10}{'pandas':>10}")
    for name, ours, peer in rows:
        print(f"{name:<36}{ours:>10.1f}{'' if peer is None else f'{peer:.1f}':>10}")


if __name__ == "__main__":
    main()
