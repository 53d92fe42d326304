"""RL folder convention: every candle file under a folder, named `SYMBOL-TF-*.csv[.gz]` or as
freqtrade names them (`BTC_USDT-1m.json`, see `folder_scan`), loaded into one columnar table tagged
with symbol and timeframe (numpy columns, no pandas).

A corrupt or unreadable file is skipped with a warning that names it and why; it never crashes a
training run. Several files of one symbol and timeframe are merged (de-duplicated by open time).
Futures candles (freqtrade's `futures/` folder) are left out: they are another market than spot.
`import_folder` (folder_import.py) puts the same files into the store instead.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from aitrader.data.errors import DataError
from aitrader.data.folder_scan import CandleFile, scan_folder
from aitrader.data.readers import read_candles
from aitrader.data.store import merge_candles
from aitrader.domain import Candles, Timeframe

log = logging.getLogger(__name__)

StrArray = npt.NDArray[np.str_]
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class LabelledCandles:
    """Candles of many symbols/timeframes in one table: parallel numpy columns, sorted by
    (symbol, timeframe, open_time)."""

    symbol: StrArray
    timeframe: StrArray
    open_time: IntArray
    open: FloatArray
    high: FloatArray
    low: FloatArray
    close: FloatArray
    volume: FloatArray
    sources: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.open_time)

    @property
    def symbols(self) -> list[str]:
        return sorted({str(s) for s in np.unique(self.symbol)})

    def select(self, symbol: str, timeframe: Timeframe | str | None = None) -> Candles:
        """One symbol's candles (its finest timeframe when none is given)."""
        sym = symbol.upper()
        mask = self.symbol == sym
        if not mask.any():
            return Candles.empty(sym, Timeframe.parse(timeframe) if timeframe else Timeframe.M1)
        tfs = [Timeframe.parse(str(t)) for t in np.unique(self.timeframe[mask])]
        tf = Timeframe.parse(timeframe) if timeframe else min(tfs, key=lambda t: t.duration_ms)
        mask &= self.timeframe == tf.value
        return Candles.from_arrays(
            self.open_time[mask], self.open[mask], self.high[mask], self.low[mask], self.close[mask],
            self.volume[mask], symbol=sym, timeframe=tf,
        )  # fmt: skip

    def to_arrow(self) -> Any:
        """The same table as a `pyarrow.Table`."""
        import pyarrow as pa

        return pa.table(
            {
                "symbol": self.symbol.astype(object),
                "timeframe": self.timeframe.astype(object),
                "open_time": self.open_time,
                "open": self.open,
                "high": self.high,
                "low": self.low,
                "close": self.close,
                "volume": self.volume,
            }
        )


def _stack(parts: list[Candles], sources: tuple[str, ...]) -> LabelledCandles:
    def col(name: str, dtype: type[np.generic]) -> Any:
        if not parts:
            return np.empty(0, dtype=dtype)
        return np.concatenate([getattr(p, name) for p in parts]).astype(dtype)

    counts = [len(p) for p in parts]
    return LabelledCandles(
        symbol=np.repeat(np.array([p.symbol for p in parts], dtype=np.str_), counts),
        timeframe=np.repeat(np.array([p.timeframe.value for p in parts], dtype=np.str_), counts),
        open_time=col("open_time", np.int64),
        open=col("open", np.float64),
        high=col("high", np.float64),
        low=col("low", np.float64),
        close=col("close", np.float64),
        volume=col("volume", np.float64),
        sources=sources,
    )


def _read_or_warn(path: Path, symbol: str, tf: Timeframe) -> Candles | None:
    try:
        return read_candles(path, symbol, tf)
    except (DataError, OSError, ValueError) as exc:
        log.warning("skipping corrupt candle file %s: %s", path, exc)
        return None


def _spot_files(root: Path, log_skipped: bool = True) -> list[CandleFile]:
    found, skipped = scan_folder(root)
    if log_skipped:
        for s in skipped:
            log.warning("skipping %s: %s", s.path, s.reason)
    return sorted((f for f in found if not f.futures), key=lambda f: str(f.path))


def load_folder(path: Path | str) -> LabelledCandles:
    """Every `SYMBOL-TF-*` candle file under `path` (recursively) in one tagged table."""
    root = Path(path)
    if not root.is_dir():
        raise FileNotFoundError(f"{root} is not a folder")
    groups: dict[tuple[str, Timeframe], list[Candles]] = defaultdict(list)
    sources: list[str] = []
    for f in _spot_files(root):
        c = _read_or_warn(f.path, f.symbol, f.timeframe)
        if c is not None:
            groups[(f.symbol, f.timeframe)].append(c)
            sources.append(str(f.path))
    parts = []
    for (sym, tf), group in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1].duration_ms)):
        merged = group[0]
        for extra in group[1:]:
            merged = merge_candles(merged, extra)
        parts.append(merged.with_meta(symbol=sym, timeframe=tf))
    return _stack(parts, tuple(sources))


def load_symbol(path_or_folder: Path | str, symbol: str, timeframe: Timeframe | str | None = None) -> Candles:
    """One symbol's candles: read the file itself, or find its `SYMBOL-TF-*` file(s) in a folder."""
    p = Path(path_or_folder)
    sym = symbol.upper()
    if p.is_file():
        return read_candles(p, sym, timeframe)
    if not p.is_dir():
        raise FileNotFoundError(f"{p} does not exist")
    tf = Timeframe.parse(timeframe) if timeframe else None
    parts = []
    for f in _spot_files(p, log_skipped=False):
        if f.symbol != sym or (tf is not None and f.timeframe is not tf):
            continue
        c = _read_or_warn(f.path, f.symbol, f.timeframe)
        if c is not None:
            parts.append(c)
    if not parts:
        raise FileNotFoundError(
            f"no readable {sym} {tf.value if tf else ''} candle file under {p}".replace("  ", " ")
        )
    finest = min((c.timeframe for c in parts), key=lambda t: t.duration_ms)
    merged = Candles.empty(sym, finest)
    for c in parts:
        if c.timeframe is finest:
            merged = merge_candles(merged, c)
    return merged.with_meta(symbol=sym)
