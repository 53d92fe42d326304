"""The series the research protocol designs and evaluates on.

Each *source* is a candle file as collected, at its own interval; the protocol's cut
(`holdout.cut_time`) is taken on the source, and every timeframe a design trades is resampled
from it (`derived`), so a 1h and a 4h design of the same source share one cut instant.

Sources: the shipped BTCUSDT and ETHUSDT 1h samples (2017 onward), and every `*-15m-*` file of
`data_dir` (by default the project's Binance spot 15m collection, 14 symbols, 2023-04 .. 2024-04,
when it is present on this machine).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aitrader.data import load_sample, read_candles, resample
from aitrader.domain import Candles, Timeframe
from aitrader.domain.timeframe import format_ms
from aitrader.research.holdout import cut_time

DEFAULT_DATA_DIR = Path("/work/shared/data/market/binance/spot/15m")
SAMPLES = ("BTCUSDT", "ETHUSDT")


@dataclass(frozen=True)
class Source:
    """One collected series and where its held-back part starts."""

    symbol: str
    candles: Candles
    origin: str  # "sample" or the file path

    @property
    def label(self) -> str:
        """Symbol and first year: BTCUSDT/2017 (the sample) and BTCUSDT/2023 (the 15m file) differ."""
        return f"{self.symbol}/{format_ms(int(self.candles.open_time[0]))[:4]}"

    @property
    def cut_ms(self) -> int:
        return cut_time(self.candles)

    def derived(self, timeframe: Timeframe) -> Candles:
        """The source at `timeframe` (resampled when coarser, complete buckets only)."""
        own = self.candles.timeframe
        if timeframe == own:
            return self.candles
        if timeframe.duration_ms < own.duration_ms:
            raise ValueError(f"{self.label}: a {own.value} series cannot give {timeframe.value} bars")
        return resample(self.candles, timeframe)


def research_sources(data_dir: Path | None = None, samples: bool = True) -> list[Source]:
    """The shipped samples (when `samples`) and the 15m files of `data_dir` (default: the collection
    when it exists here)."""
    out = [Source(s, load_sample(s, "1h"), "sample") for s in (SAMPLES if samples else ())]
    folder = data_dir if data_dir is not None else DEFAULT_DATA_DIR
    if data_dir is not None and not folder.is_dir():
        raise FileNotFoundError(f"--data-dir {folder} is not a folder")
    if folder.is_dir():
        for path in sorted(folder.glob("*-15m-*")):
            out.append(Source(path.name.split("-", 1)[0].upper(), read_candles(path), str(path)))
    return out
