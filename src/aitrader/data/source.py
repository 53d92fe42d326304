"""One candle source for every command: `load_series(symbol, timeframe, ...)`.

Where the candles come from, in order:

1. `path`: an explicit candle file (or a folder of `SYMBOL-TF-*` files) when one is given;
2. the local store (`data_dir`, default `AITRADER_DATA_DIR` or `var/data`), series of `venue`;
3. the real samples shipped in `data/sample/`.

The first of these that holds *any* series of the symbol from which the timeframe can be built
is used. Within it, the exact timeframe wins; otherwise the series is resampled from the one
that divides the timeframe and covers the longest history (ties: the finer one), e.g. BTCUSDT
1d and 1w from the 1h sample (2017-2024), not the 1m sample (7 weeks). A resampled first or last
bucket the data does not cover to its end is dropped: a partial bar is never called closed.

    from aitrader.data.source import load_series, SeriesNotFoundError
    loaded = load_series("BTCUSDT", Timeframe.D1, data_dir=settings.data_dir)
    loaded.candles          # validated Candles, oldest first
    loaded.origin           # "shipped sample data/sample/binance/BTCUSDT-1h-….csv.gz (resampled 1h→1d)"
    loaded.resampled_from   # Timeframe.H1, or None when read as is

Errors are `SeriesNotFoundError` (unknown symbol / timeframe that cannot be built: the message lists
what exists) and `DataError` (a bad file). Both are `ValueError`s with a one-line message.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from aitrader.data.errors import DataError
from aitrader.data.readers import is_candle_file, parse_name, read_candles
from aitrader.data.resample import resample_detailed
from aitrader.data.sample import sample_root
from aitrader.data.store import CandleStore
from aitrader.data.time_rules import validate_times
from aitrader.domain import Candles, Timeframe
from aitrader.domain.timeframe import parse_time


class SeriesNotFoundError(ValueError):
    """No source holds the requested series; the message says what does exist."""


@dataclass(frozen=True)
class LoadedSeries:
    """Candles of one symbol and timeframe and where they came from."""

    candles: Candles
    origin: str  # human-readable: "store var/data/binance/BTCUSDT/1h.parquet (resampled 1h→1d)"
    kind: str  # "file", "store" or "sample"
    venue: str  # the store's venue, the sample's folder ("binance", "indices"), or "file"
    resampled_from: Timeframe | None = None
    dropped_partial: int = 0  # partial first/last resampled bars dropped


@dataclass(frozen=True)
class _Candidate:
    timeframe: Timeframe
    label: str
    first_ms: int
    last_ms: int
    read: Callable[[], Candles]

    @property
    def coverage(self) -> int:
        return self.last_ms - self.first_ms


def default_data_dir() -> Path:
    """`Settings.data_dir` (AITRADER_DATA_DIR or var/data)."""
    try:
        from aitrader.config import load_settings

        return load_settings().data_dir
    except ValueError:
        return Path(os.environ.get("AITRADER_DATA_DIR") or "var/data")


_SPAN = re.compile(r"(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})")


def _sample_files() -> dict[tuple[str, Timeframe], Path]:
    root = sample_root()
    found: dict[tuple[str, Timeframe], Path] = {}
    if root.is_dir():
        for p in sorted(root.rglob("*")):
            named = parse_name(p)
            if named is not None and is_candle_file(p):
                found[named] = p
    return found


def _file_candidate(path: Path, symbol: str, tf: Timeframe, label: str) -> _Candidate:
    m = _SPAN.search(path.name)
    if m:
        first, last = parse_time(m.group(1)), parse_time(m.group(2))
    else:
        c = read_candles(path, symbol, tf)
        first, last = (c.start_ms, c.end_ms) if len(c) else (0, 0)
    return _Candidate(tf, label, first, last, lambda: read_candles(path, symbol, tf))


def _sample_candidates(symbol: str) -> list[_Candidate]:
    out = []
    for (sym, tf), path in _sample_files().items():
        if sym == symbol:
            out.append(_file_candidate(path, sym, tf, f"shipped sample {path}"))
    return out


def _store_candidates(store: CandleStore, venue: str, symbol: str) -> list[_Candidate]:
    out = []
    for s in store.series():
        if s.venue == venue.lower() and s.symbol == symbol and s.rows:
            out.append(
                _Candidate(
                    s.timeframe,
                    f"store {s.path}",
                    s.first_ms or 0,
                    s.last_ms or 0,
                    functools.partial(store.read, venue, symbol, s.timeframe),
                )
            )
    return out


def _explicit_candidates(path: Path, symbol: str, tf: Timeframe) -> list[_Candidate]:
    from aitrader.data.folder import load_symbol

    if not path.exists():
        raise DataError(path, "no such file or folder")
    if path.is_dir():
        c = load_symbol(path, symbol)
    else:
        named = parse_name(path)
        c = read_candles(path, symbol, named[1] if named else tf)
        if named is None:
            c = c.with_meta(timeframe=infer_timeframe(c) or tf)
    c = validate_times(c.with_meta(symbol=symbol), str(path))
    first, last = (c.start_ms, c.end_ms) if len(c) else (0, 0)
    return [_Candidate(c.timeframe, f"file {path}", first, last, lambda: c)]


def infer_timeframe(c: Candles) -> Timeframe | None:
    """The timeframe whose length is the smallest step between open times (None if none matches)."""
    if len(c) < 2:
        return None
    step = int(np.diff(c.open_time).min())
    return next((t for t in Timeframe if not t.is_calendar and t.duration_ms == step), None)


def _pick(candidates: list[_Candidate], tf: Timeframe) -> _Candidate | None:
    for c in candidates:
        if c.timeframe is tf:
            return c
    usable = [c for c in candidates if c.timeframe.divides(tf)]
    if not usable:
        return None
    return max(usable, key=lambda c: (c.coverage, -c.timeframe.duration_ms))


def complete_buckets(base: Candles, tf: Timeframe) -> tuple[Candles, int]:
    """`base` resampled to `tf` without a first/last bucket the data does not cover to its edge."""
    res = resample_detailed(base, tf)
    c = res.candles
    n = len(c)
    if n == 0:
        return c, 0
    lo, hi = 0, n
    if int(base.open_time[0]) > int(c.open_time[0]):
        lo = 1
    last_end = int(base.open_time[-1]) + base.timeframe.duration_ms
    if last_end < tf.next_open(int(c.open_time[-1])) and hi > lo:
        hi -= 1
    return c.slice(lo, hi), n - (hi - lo)


def available(data_dir: Path | None = None, venue: str = "binance") -> str:
    """What exists, for error messages: 'store (binance): …; shipped samples: BTCUSDT 1m, 1h; …'."""
    by_symbol: dict[str, list[Timeframe]] = {}
    for sym, tf in _sample_files():
        by_symbol.setdefault(sym, []).append(tf)

    def fmt(groups: dict[str, list[Timeframe]]) -> str:
        return "; ".join(
            f"{s} {', '.join(t.value for t in sorted(tfs, key=lambda t: t.duration_ms))}"
            for s, tfs in sorted(groups.items())
        )

    stored: dict[str, list[Timeframe]] = {}
    store = CandleStore(data_dir if data_dir is not None else default_data_dir())
    for s in store.series():
        if s.venue == venue.lower():
            stored.setdefault(s.symbol, []).append(s.timeframe)
    return (
        f"store {store.root} ({venue.lower()}): {fmt(stored) or 'empty'} | "
        f"shipped samples: {fmt(by_symbol) or 'none'}"
    )


def load_series(
    symbol: str,
    timeframe: Timeframe | str,
    path: Path | str | None = None,
    data_dir: Path | str | None = None,
    start_ms: int | None = None,
    end_ms: int | None = None,
    venue: str = "binance",
) -> LoadedSeries:
    """The candles of `symbol` at `timeframe`: explicit file, else the store, else the shipped sample.

    `start_ms`/`end_ms` keep open times in [start_ms, end_ms) after resampling.
    """
    sym = symbol.upper().replace("/", "").replace("_", "")
    tf = Timeframe.parse(timeframe)
    levels: list[tuple[str, str, Callable[[], list[_Candidate]]]] = []
    if path is not None:
        p = Path(path)
        levels.append(("file", "file", lambda: _explicit_candidates(p, sym, tf)))
    else:
        store = CandleStore(Path(data_dir) if data_dir is not None else default_data_dir())
        levels.append(("store", venue.lower(), lambda: _store_candidates(store, venue, sym)))
        levels.append(("sample", "", lambda: _sample_candidates(sym)))
    seen: list[str] = []
    for kind, where, candidates_of in levels:
        candidates = candidates_of()
        seen += [f"{c.timeframe.value} ({c.label})" for c in candidates]
        chosen = _pick(candidates, tf)
        if chosen is None:
            continue
        base = chosen.read().with_meta(symbol=sym)
        if kind == "sample":
            where = Path(chosen.label.removeprefix("shipped sample ")).parent.name
        if base.timeframe is tf:
            candles, dropped, how = base, 0, ""
        else:
            candles, dropped = complete_buckets(base, tf)
            how = f" (resampled {base.timeframe.value}→{tf.value})"
        if start_ms is not None or end_ms is not None:
            candles = candles.between(start_ms, end_ms)
        return LoadedSeries(
            candles=candles.with_meta(source=base.source),
            origin=chosen.label + how,
            kind=kind,
            venue=where,
            resampled_from=None if base.timeframe is tf else base.timeframe,
            dropped_partial=dropped,
        )
    if path is not None:
        raise SeriesNotFoundError(
            f"{path} holds {', '.join(seen) or 'no candles'} of {sym}: cannot build {tf.value} candles from it"
        )
    if seen:
        raise SeriesNotFoundError(
            f"cannot build {sym} {tf.value} candles: only {'; '.join(seen)} exist, and none divides "
            f"{tf.value} (pass --data PATH to a finer series)"
        )
    raise SeriesNotFoundError(
        f"no {sym} {tf.value} candles: {sym} is in neither the store nor the shipped samples. "
        f"Available: {available(_dir(data_dir), venue)}"
    )


def _dir(data_dir: Path | str | None) -> Path | None:
    return Path(data_dir) if data_dir is not None else None


def span_text(c: Candles) -> str:
    """'2023-03-16 22:15 → 2023-05-05 07:35' (open times of the first and last bar)."""
    from aitrader.domain.timeframe import format_ms

    if len(c) == 0:
        return "no candles"
    return f"{format_ms(c.start_ms)} → {format_ms(c.end_ms)}"


__all__ = [
    "LoadedSeries",
    "SeriesNotFoundError",
    "available",
    "complete_buckets",
    "default_data_dir",
    "load_series",
    "span_text",
]
