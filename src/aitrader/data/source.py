"""One candle source for every command: `load_series(symbol, timeframe, ...)`.

Where the candles come from, in order:

1. `path`: an explicit candle file (or a folder of `SYMBOL-TF-*` files) when one is given: only it;
2. otherwise the local store (`data_dir`, default `AITRADER_DATA_DIR` or `var/data`, series of
   `venue`) and the real samples shipped in `data/sample/`, side by side: the series that covers
   the requested window best is read (`series_choice`: the most candles of the timeframe present in
   the window; ties go to the store, then to the timeframe itself, then to the finer series). A
   short download or one with a long hole therefore never hides the long sample, `origin` names
   the other series, and a hole of more than a week inside the window in the series read.

A timeframe that is not stored is resampled from the chosen finer series, e.g. BTCUSDT 1d and 1w
from the 1h sample (2017-2024), not the 1m sample (7 weeks). A resampled first or last bucket the
data does not cover to its end is dropped: a partial bar is never called closed.

    from aitrader.data.source import load_series, SeriesNotFoundError
    loaded = load_series("BTCUSDT", Timeframe.D1, data_dir=settings.data_dir)
    loaded.candles          # validated Candles, oldest first
    loaded.origin           # "shipped sample data/sample/binance/BTCUSDT-1h-….csv.gz (resampled 1h→1d)"
                            #   + "; the store also has …: pass --data … to use it" when another exists
    loaded.resampled_from   # Timeframe.H1, or None when read as is

Errors are `SeriesNotFoundError` (unknown symbol / timeframe that cannot be built: the message lists
what exists) and `DataError` (a bad file). Both are `ValueError`s with a one-line message.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from aitrader.data.errors import DataError
from aitrader.data.readers import parse_name, read_candles
from aitrader.data.resample import resample_detailed
from aitrader.data.series_choice import (
    Candidate,
    alternative_note,
    hole_note,
    pick,
    sample_candidates,
    sample_files,
    store_candidates,
)
from aitrader.data.store import CandleStore
from aitrader.data.time_parse import AmbiguousDatesError
from aitrader.data.time_rules import validate_times
from aitrader.domain import Candles, Timeframe


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
    # the other series that could have served, e.g. "the shipped sample also has BTCUSDT 71,041 1m
    # bars, …: pass --data … to use it" ("" when there is none); `origin` ends with it too
    also: str = ""
    # "has a 334-day gap inside the window (no bar from … until …)" when the series read has a hole
    # of more than a week there ("" when not); `origin` says it too
    hole: str = ""


def default_data_dir() -> Path:
    """`Settings.data_dir` (AITRADER_DATA_DIR or var/data)."""
    try:
        from aitrader.config import load_settings

        return load_settings().data_dir
    except ValueError:
        return Path(os.environ.get("AITRADER_DATA_DIR") or "var/data")


def _explicit_candidates(path: Path, symbol: str, tf: Timeframe) -> list[Candidate]:
    from aitrader.data.folder import load_symbol

    if not path.exists():
        raise DataError(path, "no such file or folder")
    try:
        if path.is_dir():
            c = load_symbol(path, symbol)
        else:
            named = parse_name(path)
            c = read_candles(path, symbol, named[1] if named else tf)
            if named is None:
                c = c.with_meta(timeframe=infer_timeframe(c) or tf)
    except AmbiguousDatesError as exc:  # --date-format is `data import`'s: say to import it first
        raise exc.outside_import() from None
    c = validate_times(c.with_meta(symbol=symbol), str(path))
    first, last = (c.start_ms, c.end_ms) if len(c) else (0, 0)
    return [Candidate("file", "file", c.timeframe, f"file {path}", path, first, last, len(c), lambda: c)]


def infer_timeframe(c: Candles) -> Timeframe | None:
    """The timeframe whose length is the smallest step between open times (None if none matches)."""
    if len(c) < 2:
        return None
    step = int(np.diff(c.open_time).min())
    return next((t for t in Timeframe if not t.is_calendar and t.duration_ms == step), None)


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
    for sym, tf in sample_files():
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
    *,
    cover: tuple[int | None, int | None] | None = None,
) -> LoadedSeries:
    """The candles of `symbol` at `timeframe`: the explicit file, else the store or the shipped
    sample, whichever covers the request best (see the module docstring).

    `start_ms`/`end_ms` choose the series by that window and keep open times in [start_ms, end_ms)
    after resampling. `cover=(start_ms, end_ms)` chooses by a window without cutting to it (a
    backtest that also wants the warm-up bars before its start).
    """
    sym = symbol.upper().replace("/", "").replace("_", "")
    tf = Timeframe.parse(timeframe)
    lo, hi = cover if cover is not None else (start_ms, end_ms)
    if path is not None:
        candidates = _explicit_candidates(Path(path), sym, tf)
    else:
        store = CandleStore(Path(data_dir) if data_dir is not None else default_data_dir())
        candidates = store_candidates(store, venue, sym) + sample_candidates(sym)
    chosen, others = pick(candidates, tf, lo, hi)
    if chosen is None:
        raise _not_found(sym, tf, path, data_dir, venue, candidates)
    base = chosen.read().with_meta(symbol=sym)
    if base.timeframe is tf:
        candles, dropped, how = base, 0, ""
    else:
        candles, dropped = complete_buckets(base, tf)
        how = f" (resampled {base.timeframe.value}→{tf.value})"
    if start_ms is not None or end_ms is not None:
        candles = candles.between(start_ms, end_ms)
    also = alternative_note(chosen, others)
    hole = hole_note(base, lo, hi)
    return LoadedSeries(
        candles=candles.with_meta(source=base.source),
        origin=chosen.label + how + (f", which {hole}" if hole else "") + (f"; {also}" if also else ""),
        kind=chosen.kind,
        venue=chosen.venue,
        resampled_from=None if base.timeframe is tf else base.timeframe,
        dropped_partial=dropped,
        also=also,
        hole=hole,
    )


def _not_found(
    sym: str,
    tf: Timeframe,
    path: Path | str | None,
    data_dir: Path | str | None,
    venue: str,
    candidates: list[Candidate],
) -> SeriesNotFoundError:
    seen = [f"{c.timeframe.value} ({c.label})" for c in candidates]
    if path is not None:
        return SeriesNotFoundError(
            f"{path} holds {', '.join(seen) or 'no candles'} of {sym}: cannot build {tf.value} candles from it"
        )
    if seen:
        return SeriesNotFoundError(
            f"cannot build {sym} {tf.value} candles: only {'; '.join(seen)} exist, and none divides "
            f"{tf.value} (pass --data PATH to a finer series)"
        )
    return SeriesNotFoundError(
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
