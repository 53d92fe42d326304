"""Local candle store: one Parquet file per venue/symbol/timeframe under `Settings.data_dir`.

Layout: `<root>/<venue>/<SYMBOL>/<tf>.parquet` (`1mon` for 1M, so 1m and 1M never collide on
case-insensitive disks). New candles merge with what is stored, de-duplicated by open time
(the newer copy wins: it replaces a candle that was still forming). Open times must be plausible
epoch ms on the timeframe's grid (`time_rules.validate_times`). Every write goes to a temp
file in the same folder, then `os.replace` swaps it in, so a failed import leaves the old file.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from aitrader.data.errors import DataError
from aitrader.data.time_rules import validate_times
from aitrader.data.validate import validate_candles
from aitrader.domain import Candles, Timeframe

_PRICE_COLUMNS = ("open", "high", "low", "close", "volume")


def tf_file_stem(tf: Timeframe) -> str:
    return "1mon" if tf is Timeframe.MN1 else tf.value


@dataclass(frozen=True, slots=True)
class StoredSeries:
    venue: str
    symbol: str
    timeframe: Timeframe
    path: Path
    rows: int
    first_ms: int | None
    last_ms: int | None


@dataclass(frozen=True, slots=True)
class MergeResult:
    path: Path
    received: int
    added: int
    total: int


def merge_candles(old: Candles, new: Candles) -> Candles:
    """Union of two series keyed by open time; on equal open times the candle from `new` wins."""
    both = Candles.concat([old, new]) if len(old) else new
    t = both.open_time
    order = np.argsort(t, kind="stable")
    ts = t[order]
    keep_last = np.append(ts[1:] != ts[:-1], True) if len(ts) else np.empty(0, dtype=bool)
    idx = order[keep_last]
    return Candles(
        both.open_time[idx], both.open[idx], both.high[idx], both.low[idx], both.close[idx], both.volume[idx],
        new.symbol or old.symbol, new.timeframe, new.source or old.source,
    )  # fmt: skip


class CandleStore:
    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    def path_for(self, venue: str, symbol: str, timeframe: Timeframe) -> Path:
        return self.root / venue.lower() / symbol.upper() / f"{tf_file_stem(timeframe)}.parquet"

    def has(self, venue: str, symbol: str, timeframe: Timeframe) -> bool:
        return self.path_for(venue, symbol, timeframe).is_file()

    def read(self, venue: str, symbol: str, timeframe: Timeframe) -> Candles:
        """The stored series (empty if nothing is stored)."""
        import pyarrow.parquet as pq

        path = self.path_for(venue, symbol, timeframe)
        if not path.is_file():
            return Candles.empty(symbol.upper(), timeframe)
        table = pq.read_table(path)
        meta = table.schema.metadata or {}
        o, h, lo, c, v = (table.column(name).to_numpy() for name in _PRICE_COLUMNS)
        return Candles.from_arrays(
            table.column("open_time").to_numpy(),
            o,
            h,
            lo,
            c,
            v,
            symbol=symbol.upper(),
            timeframe=timeframe,
            source=meta.get(b"source", str(path).encode()).decode(),
        )

    def last_open_ms(self, venue: str, symbol: str, timeframe: Timeframe) -> int | None:
        c = self.read(venue, symbol, timeframe)
        return c.end_ms if len(c) else None

    def merge(self, candles: Candles, venue: str = "binance", symbol: str | None = None) -> MergeResult:
        """Validate `candles`, merge them into the stored series and write it back atomically."""
        sym = (symbol or candles.symbol).upper()
        if not sym:
            raise DataError(candles.source or "<candles>", "no symbol given for the store")
        validate_candles(candles, candles.source)
        validate_times(candles, candles.source)
        old = self.read(venue, sym, candles.timeframe)
        merged = merge_candles(old, candles.with_meta(symbol=sym))
        validate_candles(merged, f"merged {venue}/{sym}/{candles.timeframe.value}")
        path = self.path_for(venue, sym, candles.timeframe)
        self._write_atomic(path, merged, venue)
        return MergeResult(path, len(candles), len(merged) - len(old), len(merged))

    def _write_atomic(self, path: Path, c: Candles, venue: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        path.parent.mkdir(parents=True, exist_ok=True)
        table = pa.table(
            {"open_time": c.open_time, **{name: getattr(c, name) for name in _PRICE_COLUMNS}},
            metadata={"symbol": c.symbol, "timeframe": c.timeframe.value, "venue": venue, "source": c.source},
        )
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        try:
            pq.write_table(table, tmp, compression="zstd")
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def series(self) -> list[StoredSeries]:
        """Every stored series, sorted by venue, symbol and timeframe length."""
        import pyarrow.parquet as pq

        found: list[StoredSeries] = []
        if not self.root.is_dir():
            return found
        for path in self.root.glob("*/*/*.parquet"):
            try:
                tf = Timeframe.parse(path.stem)
                times = pq.read_table(path, columns=["open_time"]).column("open_time").to_numpy()
            except (ValueError, OSError):
                continue
            first = int(times[0]) if len(times) else None
            last = int(times[-1]) if len(times) else None
            found.append(
                StoredSeries(path.parent.parent.name, path.parent.name, tf, path, len(times), first, last)
            )
        found.sort(key=lambda s: (s.venue, s.symbol, s.timeframe.duration_ms))
        return found
