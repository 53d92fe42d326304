"""What each candle file in a folder holds, from its name and place: symbol, timeframe, market.

Two naming schemes are understood:

- freqtrade's data folder (`user_data/data/<exchange>/`): `BTC_USDT-1m.json`, `.json.gz`,
  `.feather`, `.parquet`; monthly candles as `-1Mo`; futures under `futures/` as
  `BTC_USDT_USDT-1h-futures.feather` (pair BTC/USDT:USDT). Its other files are not traded candles
  and are skipped with the reason: `-mark`, `-index`, `-premiumIndex`, `-funding_rate` and
  `-trades`;
- aitrader's own `SYMBOL-TF-…` names (`BTCUSDT-1m-2023-03-16_2023-05-05.csv.gz`, `data/sample/`).

The pair becomes the store's symbol (BTC_USDT → BTCUSDT; the futures settle currency is dropped:
BTC_USDT_USDT → BTCUSDT, in the `<exchange>-futures` venue). The venue is the exchange folder's name
(the folder holding the file, or the one above `futures/`) when it names a known exchange or sits in
a `data/` folder as freqtrade lays it out, else `binance`; `venue=` overrides it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from aitrader.data.calendars import CRYPTO_VENUES
from aitrader.data.readers import format_of, is_candle_file, parse_name
from aitrader.domain import Timeframe

# freqtrade's own pattern for candle file names: PAIR-TF[-CANDLETYPE].ext
_FREQTRADE = re.compile(r"^(?P<pair>[A-Za-z0-9_-]+?)-(?P<tf>\d+[A-Za-z]{1,2})(?:-(?P<kind>[A-Za-z_]+))?\.")
_TRADES = re.compile(r"^[A-Za-z0-9_-]+-trades\.")
_NOT_CANDLES = {
    "mark": "mark prices",
    "index": "index prices",
    "premiumindex": "premium index",
    "funding_rate": "funding rates",
}
DEFAULT_VENUE = "binance"


@dataclass(frozen=True)
class CandleFile:
    """A candle file and the series it belongs to."""

    path: Path
    symbol: str  # BTCUSDT
    timeframe: Timeframe
    venue: str  # binance, binance-futures, …
    futures: bool = False

    @property
    def series(self) -> tuple[str, str, Timeframe]:
        return self.venue, self.symbol, self.timeframe


@dataclass(frozen=True)
class SkippedFile:
    path: Path
    reason: str


def _symbol_of_pair(pair: str) -> str:
    """BTC_USDT → BTCUSDT; BTC_USDT_USDT (BTC/USDT:USDT) → BTCUSDT; BTC-PERP → BTCPERP."""
    parts = [p for p in pair.split("_") if p]
    kept = parts[:2] if len(parts) >= 2 else parts
    return re.sub(r"[^A-Za-z0-9]", "", "".join(kept)).upper()


def _exchange_folder(path: Path, root: Path) -> str | None:
    folder = path.parent
    if folder.name == "futures" and folder != root:
        folder = folder.parent
    name = folder.name.lower()
    if name in CRYPTO_VENUES or folder.parent.name == "data":
        return name
    return None


def describe(path: Path, root: Path, venue: str | None = None) -> CandleFile | SkippedFile:
    """What `path` holds, or why it is not imported."""
    name = path.name
    if _TRADES.match(name):
        return SkippedFile(path, "trade ticks, not candles")
    m = _FREQTRADE.match(name)
    named = parse_name(path)
    exchange = venue or _exchange_folder(path, root) or DEFAULT_VENUE
    if m and (m.group("kind") or named is None or "_" in m.group("pair")):
        kind = (m.group("kind") or "").lower()
        if kind in _NOT_CANDLES:
            return SkippedFile(path, f"{_NOT_CANDLES[kind]}, not traded candles")
        if kind not in ("", "spot", "futures"):
            return SkippedFile(path, f"unknown freqtrade candle type {m.group('kind')!r}")
        try:
            tf = Timeframe.parse(re.sub("(?i)^(\\d+)mo$", r"\1M", m.group("tf")))
        except ValueError:
            return SkippedFile(path, f"unknown timeframe {m.group('tf')!r} in the name")
        futures = kind == "futures" or path.parent.name == "futures"
        return CandleFile(
            path,
            _symbol_of_pair(m.group("pair")),
            tf,
            f"{exchange}-futures" if futures else exchange,
            futures,
        )
    if named is not None:
        return CandleFile(path, named[0], named[1], exchange)
    return SkippedFile(
        path,
        "the name says no symbol and timeframe (SYMBOL-TF-….csv or freqtrade's PAIR-TF.json): "
        "import it alone with data import FILE --symbol S --timeframe TF",
    )


def scan_folder(root: Path | str, venue: str | None = None) -> tuple[list[CandleFile], list[SkippedFile]]:
    """Every candle file under `root` (recursively, sorted by series then name) and the files
    skipped with their reasons. Hidden files (a store's `.tmp` files) are not looked at."""
    base = Path(root)
    found: list[CandleFile] = []
    skipped: list[SkippedFile] = []
    for path in sorted(base.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(base).parts) or not path.is_file():
            continue
        if not is_candle_file(path):
            if format_of(path) in (".h5", ".hdf5"):
                skipped.append(
                    SkippedFile(path, "HDF5: convert it with freqtrade convert-data --format-to feather")
                )
            continue
        what = describe(path, base, venue)
        if isinstance(what, CandleFile):
            found.append(what)
        else:
            skipped.append(what)
    found.sort(key=lambda f: (f.venue, f.symbol, f.timeframe.duration_ms, f.path.name))
    return found, skipped
