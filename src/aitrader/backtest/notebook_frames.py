"""pandas at the notebook's edge: DataFrames in (candles) and out (trades, equity).

Only here: the kernel itself works on numpy arrays (no pandas in the per-bar loop).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from aitrader.backtest.result import BacktestResult
from aitrader.domain import Candles, Timeframe

if TYPE_CHECKING:
    import pandas as pd


def candles_from(
    source: Candles | pd.DataFrame | str | Path, symbol: str | None, timeframe: Timeframe | str | None
) -> Candles:
    """Candles from what a notebook user has at hand (see `Backtest`)."""
    import pandas as pd

    tf = Timeframe.parse(timeframe) if timeframe is not None else None
    if isinstance(source, Candles):
        return source.with_meta(symbol=symbol) if symbol else source
    if isinstance(source, pd.DataFrame):
        return _checked(_from_frame(source, symbol or "ASSET", tf))
    text = str(source)
    from aitrader.data import load_series

    if Path(text).exists() or (Path(text).suffix.lower() in _FILE_SUFFIXES):  # a file, not RELIANCE.NS
        loaded = load_series(
            symbol or Path(text).stem.split("-")[0].split("_")[0], tf or Timeframe.M1, path=text
        )
    else:  # a symbol: the store, else the shipped sample
        loaded = load_series(text, tf or Timeframe.M1)
    return loaded.candles


_FILE_SUFFIXES = {".csv", ".gz", ".json", ".feather", ".parquet", ".zip", ".txt"}


def _checked(c: Candles) -> Candles:
    """The data layer's rules (positive finite prices, high/low around the body, strictly later
    times, plausible epoch ms) on a DataFrame's candles: one line naming the row when one breaks."""
    from aitrader.data.time_rules import find_time_violation
    from aitrader.data.validate import find_violation

    problem = find_violation(c) or find_time_violation(c)
    if problem is not None:
        row, rule = problem
        raise ValueError(f"DataFrame row {row}: {rule}")
    return c


def _from_frame(df: pd.DataFrame, symbol: str, tf: Timeframe | None) -> Candles:
    import pandas as pd

    from aitrader.data.csv_reader import _ALIASES
    from aitrader.data.source import infer_timeframe
    from aitrader.data.time_rules import to_epoch_ms

    cols = {str(c).strip().lower(): c for c in df.columns}
    missing = [k for k in ("open", "high", "low", "close") if k not in cols]
    if missing:
        raise ValueError(
            f"the DataFrame has no {', '.join(missing)} column(s): give open, high, low, close "
            f"(and volume) columns; it has {', '.join(map(str, df.columns))}"
        )
    if isinstance(df.index, pd.DatetimeIndex):
        stamps = df.index
    else:
        name = next((cols[k] for k in _ALIASES["open_time"] if k in cols), None)
        if name is None:
            raise ValueError(
                "the DataFrame needs a DatetimeIndex or a time column (open_time, time, timestamp or date)"
            )
        raw = df[name]
        if pd.api.types.is_numeric_dtype(raw):  # epoch s, ms or µs, told apart by size as in CSVs
            ms_values = to_epoch_ms(raw.to_numpy(np.int64))
            stamps = pd.DatetimeIndex(pd.to_datetime(ms_values, unit="ms", utc=True))
        else:
            stamps = pd.DatetimeIndex(pd.to_datetime(raw, utc=True))
    if stamps.tz is None:
        stamps = stamps.tz_localize("UTC")
    ms = _to_ms(stamps)
    order = np.argsort(ms, kind="stable")
    if (np.diff(ms[order]) == 0).any():
        dup = int(ms[order][np.flatnonzero(np.diff(ms[order]) == 0)[0]])
        raise ValueError(
            f"the DataFrame has two rows at {pd.Timestamp(dup, unit='ms', tz='UTC')}: drop duplicates"
        )
    if (np.diff(ms) < 0).any():  # unsorted: sorted here (a DataFrame's order is often incidental)
        df, ms = df.iloc[order], ms[order]
    volume = df[cols["volume"]].to_numpy(np.float64) if "volume" in cols else np.zeros(len(df))
    candles = Candles.from_arrays(
        ms,
        df[cols["open"]].to_numpy(np.float64),
        df[cols["high"]].to_numpy(np.float64),
        df[cols["low"]].to_numpy(np.float64),
        df[cols["close"]].to_numpy(np.float64),
        volume,
        symbol=symbol.upper(),
        timeframe=tf or Timeframe.M1,
        source="DataFrame",
    )
    if tf is not None:
        return candles
    if len(candles) < 2:
        raise ValueError("pass timeframe=... for a DataFrame of fewer than two rows")
    found = infer_timeframe(candles)  # the data layer's rule: the smallest step between open times
    if found is None:
        step = int(np.diff(ms).min())
        raise ValueError(f"rows are {step:,} ms apart, which is no known timeframe: pass timeframe='1h' etc.")
    return candles.with_meta(timeframe=found)


def _to_ms(stamps: pd.DatetimeIndex) -> Any:
    return np.asarray(stamps.tz_convert("UTC").as_unit("ms").asi8, dtype=np.int64)


def trades_frame(result: BacktestResult) -> pd.DataFrame:
    """One row per round trip, times as UTC timestamps; a position still open at the end is the
    last row, marked at the last close net of its exit fee (`open` True), as the metrics count it."""
    import pandas as pd

    from aitrader.backtest.result import OPEN_REASON, measured

    rows = [
        {
            "entry_time": pd.Timestamp(t.entry_time, unit="ms", tz="UTC"),
            "exit_time": pd.Timestamp(t.exit_time, unit="ms", tz="UTC"),
            "side": t.side.value,
            "quantity": t.quantity,
            "entry_price": t.entry_price,
            "exit_price": t.exit_price,
            "stop": t.stop,
            "target": t.target,
            "fees": t.fees,
            "pnl": t.pnl,
            "return_pct": t.return_pct,
            "exit_reason": t.exit_reason,
            "open": t.exit_reason == OPEN_REASON,
            "entry_bar": t.entry_bar,
            "exit_bar": t.exit_bar,
            "rationale": t.rationale,
        }
        for t in measured(result).trades
    ]
    columns = ["entry_time", "exit_time", "side", "quantity", "entry_price", "exit_price", "stop", "target"]
    columns += ["fees", "pnl", "return_pct", "exit_reason", "open", "entry_bar", "exit_bar", "rationale"]
    return pd.DataFrame(rows, columns=columns)


def equity_frame(result: BacktestResult) -> pd.DataFrame:
    """Equity at each measured bar's close (from the first tradable bar; the last point net of an
    open position's exit fee, as the metrics and the JSON report have it), its drawdown from the
    running peak, and the in-market flag."""
    import pandas as pd

    from aitrader.backtest.result import measured

    m = measured(result)
    equity = np.asarray(m.equity, dtype=np.float64)
    peak = np.maximum.accumulate(np.concatenate(([m.initial], equity)))[1:] if len(equity) else equity
    with np.errstate(invalid="ignore", divide="ignore"):
        drawdown = np.where(peak > 0, equity / peak - 1.0, 0.0)
    closes = np.asarray(m.times, dtype=np.int64) + result.timeframe.duration_ms
    index = pd.DatetimeIndex(pd.to_datetime(closes, unit="ms", utc=True), name="close_time")
    return pd.DataFrame({"equity": equity, "drawdown": drawdown, "in_market": m.in_market}, index=index)


__all__ = ["candles_from", "equity_frame", "trades_frame"]
