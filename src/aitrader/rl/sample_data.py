"""A small real example of the PRD's `data/final` (training) and `data/raw` (backtesting) layouts,
built from the shipped `data/sample` candles: `write_examples(root)` writes `root/final/`,
`root/raw/` and `root/README.md`. The repository keeps its output in `data/rl/` (`example_loader()`
reads it); a test rebuilds it and compares.

Each instrument is split by time: the training file holds the earlier part, the backtesting file
the later part, so a policy trained on `final/` is backtested on bars it never saw. Higher
timeframes are rolled up with `data.resample` (Binance's rule; a bucket still forming at the end is
dropped). Times are written as `YYYY-MM-DD HH:MM:SS` UTC, prices and volumes exactly as read.
Files are gzip with a zero mtime (the bytes depend only on the data), except `Nifty_2.csv`, named
and shaped as in the PRD (no volume column).
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from aitrader.data.resample import resample
from aitrader.data.sample import load_sample, sample_path
from aitrader.domain import Candles, Timeframe
from aitrader.domain.timeframe import format_ms
from aitrader.rl.data_loader import DataLoader


def _ms(day: str) -> int:
    return int(dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC).timestamp() * 1000)


@dataclass(frozen=True)
class Example:
    """One instrument and timeframe: where it comes from and where the training part ends."""

    instrument: str
    timeframe: Timeframe
    source_tf: Timeframe  # the sample it is rolled up from
    start: str  # first day kept (UTC)
    split: str  # first day of the backtesting part (UTC)
    raw_name: str | None  # backtesting file name, None for training only
    raw_volume: bool = True


EXAMPLES = (
    Example(
        "NIFTY50", Timeframe.D1, Timeframe.D1, "2000-01-01", "2017-01-01", "Nifty_2.csv", raw_volume=False
    ),
    Example("BTCUSDT", Timeframe.H1, Timeframe.H1, "2022-01-01", "2023-07-01", "BTCUSDT_1h.csv.gz"),
    Example("BTCUSDT", Timeframe.H4, Timeframe.H1, "2019-01-01", "2023-07-01", None),
    Example("ETHUSDT", Timeframe.M15, Timeframe.M1, "2023-03-16", "2023-04-20", "ETHUSDT_15m.csv.gz"),
    Example("SOLUSDT", Timeframe.M15, Timeframe.M1, "2023-03-16", "2023-04-20", "SOLUSDT_15m.csv.gz"),
)


def examples_root() -> Path:
    """`data/rl` of the source tree."""
    return Path(__file__).resolve().parents[3] / "data" / "rl"


def example_loader(root: Path | str | None = None) -> DataLoader:
    """A `DataLoader` over the example tree (`data/rl` unless `root` is given)."""
    base = Path(root) if root is not None else examples_root()
    return DataLoader(base / "final", base / "raw")


def csv_text(c: Candles, volume: bool = True) -> str:
    """`datetime,open,high,low,close[,volume]` rows of `c` (shortest exact float text)."""
    times = np.datetime_as_string(c.open_time.astype("datetime64[ms]"), unit="s")
    cols = ["datetime", "open", "high", "low", "close"] + (["volume"] if volume else [])
    out = io.StringIO()
    out.write(",".join(cols) + "\n")
    for i in range(len(c)):
        values = [c.open[i], c.high[i], c.low[i], c.close[i]] + ([c.volume[i]] if volume else [])
        out.write(str(times[i]).replace("T", " ") + "," + ",".join(repr(float(v)) for v in values) + "\n")
    return out.getvalue()


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    if path.name.endswith(".gz"):
        buf = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
            gz.write(data)
        data = buf.getvalue()
    path.write_bytes(data)


def example_candles(ex: Example) -> tuple[Candles, Candles]:
    """(training part, backtesting part) of one example."""
    c = resample(load_sample(ex.instrument, ex.source_tf), ex.timeframe, drop_incomplete_tail=True)
    split = _ms(ex.split)
    return c.between(_ms(ex.start), split), c.between(split, None)


def _span(c: Candles) -> str:
    return f"{len(c):,} | {format_ms(c.start_ms)} | {format_ms(c.end_ms)}"


def write_examples(root: Path | str) -> list[Path]:
    """Write the example tree under `root` (final/, raw/, README.md); returns the paths written."""
    base = Path(root)
    written: list[Path] = []
    rows: list[str] = []
    for ex in EXAMPLES:
        train, test = example_candles(ex)
        sample = sample_path(ex.instrument, ex.source_tf).name
        how = f"`{sample}`" + ("" if ex.source_tf is ex.timeframe else f" rolled up to {ex.timeframe.value}")
        name = f"{ex.instrument}_{ex.timeframe.value}.csv.gz"
        _write(base / "final" / name, csv_text(train))
        written.append(base / "final" / name)
        rows.append(f"| `final/{name}` | training | {_span(train)} | {how} |")
        if ex.raw_name is not None:
            _write(base / "raw" / ex.raw_name, csv_text(test, volume=ex.raw_volume))
            written.append(base / "raw" / ex.raw_name)
            rows.append(f"| `raw/{ex.raw_name}` | backtesting | {_span(test)} | {how} |")
    readme = base / "README.md"
    readme.write_text(_README.format(rows="\n".join(rows)), encoding="utf-8")
    return [*written, readme]


_README = """\
# RL example data: the PRD's `data/final` and `data/raw` layouts

Generated by `aitrader.rl.sample_data.write_examples("data/rl")` from the real candles in
`data/sample/` (see its README for where each came from); `tests/rl/test_sample_data.py` rebuilds
it and checks that it equals this tree. Nothing here is synthetic. Read it with
`aitrader.rl.sample_data.example_loader()` (a `DataLoader(data/rl/final, data/rl/raw)`).

- `final/<INSTRUMENT>_<TF>.csv.gz` — training data (PRD FR1): header
  `datetime,open,high,low,close,volume`, one file per instrument and timeframe.
- `raw/` — backtesting data (PRD FR4), the later part of the same series, so a policy trained on
  `final/` is backtested on bars it never saw. `Nifty_2.csv` has the PRD's name and columns
  (`datetime,open,high,low,close`, no volume).

`datetime` is the candle's open time in UTC (`YYYY-MM-DD HH:MM:SS`; NIFTY's daily bars at 00:00).
Prices and volumes are as in the samples (Binance volume in the base asset; NIFTY volume = traded
shares of the constituents). 15m and 4h candles are rolled up from 1m and 1h with
`aitrader.data.resample` (open = first, high = max, low = min, close = last, volume = sum; a candle
that lost minutes to an exchange outage keeps the ones it has, as Binance's own candles do).
Gaps are left as gaps (weekends and holidays for NIFTY, exchange outages for Binance).

| file | use | rows | first (UTC) | last (UTC) | from `data/sample/` |
|---|---|---:|---|---|---|
{rows}
"""
