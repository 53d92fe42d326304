"""The real candle samples shipped in `data/sample/` (see its README for where each came from)."""

from __future__ import annotations

import os
from pathlib import Path

from aitrader.data.csv_reader import read_candles_csv
from aitrader.domain import Candles, Timeframe


def sample_root() -> Path:
    """`data/sample` of the source tree, or `AITRADER_SAMPLE_DIR` when set."""
    env = os.environ.get("AITRADER_SAMPLE_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "data" / "sample"


def sample_path(symbol: str, timeframe: Timeframe | str) -> Path:
    """The sample file for `symbol` and `timeframe`, e.g. BTCUSDT 1m."""
    tf = Timeframe.parse(timeframe)
    matches = sorted(sample_root().rglob(f"{symbol.upper()}-{tf.value}-*.csv*"))
    if not matches:
        raise FileNotFoundError(
            f"no sample data for {symbol.upper()} {tf.value} under {sample_root()}: "
            "try BTCUSDT/ETHUSDT/SOLUSDT 1m or BTCUSDT 1h"
        )
    return matches[-1]


def load_sample(symbol: str, timeframe: Timeframe | str) -> Candles:
    """Load the shipped real sample for `symbol` and `timeframe` as `Candles`."""
    tf = Timeframe.parse(timeframe)
    return read_candles_csv(sample_path(symbol, tf), symbol=symbol.upper(), timeframe=tf)
