"""Reader for the shared candle CSV schema: `open_time_ms,open,high,low,close,volume` (gzip or not)."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np

from aitrader.domain import Candles, Timeframe


def read_candles_csv(path: Path | str, symbol: str = "", timeframe: Timeframe = Timeframe.M1) -> Candles:
    """Read a candle CSV with a header row; `.gz` files are decompressed on the fly."""
    p = Path(path)
    opener = gzip.open if p.suffix == ".gz" else open
    with opener(p, "rt") as fh:
        table = np.loadtxt(fh, delimiter=",", skiprows=1, dtype=np.float64, ndmin=2)
    if table.size == 0:
        return Candles.empty(symbol, timeframe)
    return Candles.from_arrays(
        table[:, 0].astype(np.int64), table[:, 1], table[:, 2], table[:, 3], table[:, 4], table[:, 5],
        symbol=symbol, timeframe=timeframe, source=str(p),
    )
