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

_TIME_COLUMNS = ("open_time", "time", "timestamp", "date", "datetime")


def candles_from(
    source: Candles | pd.DataFrame | str | Path, symbol: str | None, timeframe: Timeframe | str | None
) -> Candles:
    """Candles from what a notebook user has at hand (see `Backtest`)."""
    import pandas as pd

    tf = Timeframe.parse(timeframe) if timeframe is not None else None
    if isinstance(source, Candles):
        return source.with_meta(symbol=symbol) if symbol else source
    if isinstance(source, pd.DataFrame):
        return _from_frame(source, symbol or "ASSET", tf)
    text = str(source)
    from aitrader.data import load_series

    if Path(text).suffix or Path(text).exists():  # a file
        loaded = load_series(
            symbol or Path(text).stem.split("-")[0].split("_")[0], tf or Timeframe.M1, path=text
        )
    else:  # a symbol: the store, else the shipped sample
        loaded = load_series(text, tf or Timeframe.M1)
    return loaded.candles


def _from_frame(df: pd.DataFrame, symbol: str, tf: Timeframe | None) -> Candles:
    import pandas as pd

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
        name = next((cols[k] for k in _TIME_COLUMNS if k in cols), None)
        if name is None:
            raise ValueError(
                "the DataFrame needs a DatetimeIndex or a time column (open_time, time, timestamp or date)"
            )
        raw = df[name]
        stamps = pd.DatetimeIndex(
            pd.to_datetime(raw, unit="ms", utc=True)
            if pd.api.types.is_numeric_dtype(raw)
            else pd.to_datetime(raw, utc=True)
        )
    if stamps.tz is None:
        stamps = stamps.tz_localize("UTC")
    ms = _to_ms(stamps)
    volume = df[cols["volume"]].to_numpy(np.float64) if "volume" in cols else np.zeros(len(df))
    frame_tf = tf or _infer_timeframe(ms)
    return Candles.from_arrays(
        ms,
        df[cols["open"]].to_numpy(np.float64),
        df[cols["high"]].to_numpy(np.float64),
        df[cols["low"]].to_numpy(np.float64),
        df[cols["close"]].to_numpy(np.float64),
        volume,
        symbol=symbol.upper(),
        timeframe=frame_tf,
        source="DataFrame",
    )


def _to_ms(stamps: pd.DatetimeIndex) -> Any:
    return np.asarray(stamps.tz_convert("UTC").as_unit("ms").asi8, dtype=np.int64)


def _infer_timeframe(ms: Any) -> Timeframe:
    if len(ms) < 2:
        raise ValueError("pass timeframe=... for a DataFrame of fewer than two rows")
    step = int(np.median(np.diff(ms)))
    for tf in Timeframe:
        if not tf.is_calendar and tf.duration_ms == step:
            return tf
    raise ValueError(f"rows are {step:,} ms apart, which is no known timeframe: pass timeframe='1h' etc.")


def trades_frame(result: BacktestResult) -> pd.DataFrame:
    """One row per round trip, times as UTC timestamps."""
    import pandas as pd

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
            "entry_bar": t.entry_bar,
            "exit_bar": t.exit_bar,
            "rationale": t.rationale,
        }
        for t in result.trades
    ]
    columns = ["entry_time", "exit_time", "side", "quantity", "entry_price", "exit_price", "stop", "target"]
    columns += ["fees", "pnl", "return_pct", "exit_reason", "entry_bar", "exit_bar", "rationale"]
    return pd.DataFrame(rows, columns=columns)


def equity_frame(result: BacktestResult) -> pd.DataFrame:
    """Equity after each bar's close, its drawdown from the running peak, and the in-market flag."""
    import pandas as pd

    equity = np.asarray(result.equity, dtype=np.float64)
    peak = np.maximum.accumulate(equity) if len(equity) else equity
    with np.errstate(invalid="ignore", divide="ignore"):
        drawdown = np.where(peak > 0, equity / peak - 1.0, 0.0)
    index = pd.DatetimeIndex(
        pd.to_datetime(np.asarray(result.times, dtype=np.int64), unit="ms", utc=True), name="time"
    )
    return pd.DataFrame({"equity": equity, "drawdown": drawdown, "in_market": result.in_market}, index=index)


__all__ = ["candles_from", "equity_frame", "trades_frame"]
