"""Paths of the real samples and writers that turn real candles into each supported file format."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from aitrader.domain import Candles

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "sample"
BTC_1M_PATH = SAMPLES / "binance" / "BTCUSDT-1m-2023-03-16_2023-05-05.csv.gz"
BTC_1H_PATH = SAMPLES / "binance" / "BTCUSDT-1h-2017-08-17_2024-04-21.csv.gz"
NIFTY_1D_PATH = SAMPLES / "indices" / "NIFTY50-1d-2000-01-03_2021-07-07.csv.gz"
PRICE_COLUMNS = ("open", "high", "low", "close", "volume")


def _values(c: Candles, i: int) -> list[str]:
    return [repr(float(getattr(c, k)[i])) for k in PRICE_COLUMNS]


def shared_csv_text(c: Candles) -> str:
    """The shared schema, values written as Python writes floats (shortest repr, exact round trip)."""
    lines = ["open_time_ms,open,high,low,close,volume"]
    lines += [",".join([str(int(c.open_time[i])), *_values(c, i)]) for i in range(len(c))]
    return "\n".join(lines) + "\n"


def write_shared_csv(c: Candles, path: Path) -> Path:
    text = shared_csv_text(c)
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text)
    return path


def write_binance_klines(c: Candles, path: Path, header: bool, micros: bool) -> Path:
    """data.binance.vision layout: 12 columns, open/close time in ms (µs since 2025 for spot)."""
    scale = 1000 if micros else 1
    lines = []
    if header:
        lines.append(
            "open_time,open,high,low,close,volume,close_time,quote_volume,count,"
            "taker_buy_volume,taker_buy_quote_volume,ignore"
        )
    for i in range(len(c)):
        t = int(c.open_time[i])
        close_t = c.timeframe.close_time(t)
        lines.append(
            ",".join([str(t * scale), *_values(c, i), str(close_t * scale), "1.5", "42", "0.5", "0.7", "0"])
        )
    path.write_text("\n".join(lines) + "\n")
    return path


def write_freqtrade_json(c: Candles, path: Path) -> Path:
    rows = [[int(c.open_time[i]), *(float(getattr(c, k)[i]) for k in PRICE_COLUMNS)] for i in range(len(c))]
    text = json.dumps(rows)
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text)
    return path


def write_freqtrade_feather(c: Candles, path: Path) -> Path:
    """freqtrade's feather layout: a `date` timestamp column (UTC) and OHLCV."""
    import pyarrow as pa
    import pyarrow.feather as feather

    table = pa.table(
        {
            "date": pa.array(c.open_time, pa.int64()).cast(pa.timestamp("ms", tz="UTC")),
            **{k: getattr(c, k) for k in PRICE_COLUMNS},
        }
    )
    feather.write_feather(table, path)
    return path


def write_parquet(c: Candles, path: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"open_time": c.open_time, **{k: getattr(c, k) for k in PRICE_COLUMNS}}), path)
    return path
