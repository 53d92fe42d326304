"""`aitrader analyze --symbol SYMBOL --timeframe TF`: indicators, levels, patterns and regime at the last (or a given) bar."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from aitrader.cli import options
from aitrader.cli.errors import fail

if TYPE_CHECKING:
    from rich.table import Table

    from aitrader.data.source import LoadedSeries
    from aitrader.domain import Candles, Timeframe
    from aitrader.features.snapshot import Snapshot

console = Console()

_GROUPS: dict[str, tuple[str, ...]] = {
    "trend": ("sma_20", "sma_50", "sma_200", "ema_12", "ema_26", "ema_50", "ema_200", "wma_20",
              "macd", "macd_signal", "macd_hist", "adx_14", "plus_di_14", "minus_di_14"),
    "momentum": ("rsi_14", "stoch_k", "stoch_d", "willr_14", "cci_20", "mfi_14"),
    "volatility": ("atr_14", "realized_vol_60", "bb_upper", "bb_middle", "bb_lower", "bb_pct_b", "bb_bandwidth",
                   "donchian_upper_20", "donchian_lower_20", "keltner_upper_20", "keltner_lower_20"),
    "volume": ("volume_sma_20", "rvol_20", "obv", "obv_20", "vwap_day", "vwap_20"),
}  # fmt: skip


def _num(x: float, digits: int = 2) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{x:,.{digits}f}" if abs(x) >= 1 or x == 0 else f"{x:.6g}"


def _load(symbol: str, tf: Timeframe, data: Path | None, data_dir: Path | None) -> LoadedSeries:
    """The candles from `aitrader.data.source.load_series`: --data file, else the store, else the sample."""
    from aitrader.data import DataError
    from aitrader.data.source import SeriesNotFoundError, load_series

    try:
        return load_series(symbol, tf, path=data, data_dir=data_dir)
    except SeriesNotFoundError as exc:
        fail(str(exc))
    except (DataError, OSError) as exc:
        fail(f"{exc} (pass --data PATH to a candle file)")


def cut_at(loaded: LoadedSeries, at: str, tf: Timeframe) -> Candles:
    """The bars that had closed by `--at`; an error when `--at` lies outside the data."""
    from aitrader.data.source import span_text
    from aitrader.domain.timeframe import parse_time
    from aitrader.features.snapshot_read import closed_by

    try:
        at_ms = parse_time(at)
    except ValueError as exc:
        fail(str(exc))
    c = loaded.candles
    if len(c) == 0 or at_ms < tf.close_time(c.start_ms) or at_ms > tf.close_time(c.end_ms):
        fail(
            f"--at {at} is outside the data: {c.symbol} {tf.value} covers {span_text(c)} UTC "
            f"({loaded.origin})"
        )
    return closed_by(c, at_ms)


def fit_no_wrap_columns(table: Table) -> Table:
    """Give every no-wrap column a min width of its widest cell, so rich never cuts a number with '…'."""
    from rich.text import Text

    for col in table.columns:
        if col.no_wrap:
            cells = [Text.from_markup(c) if isinstance(c, str) else c for c in col.cells]
            widths = [Text.from_markup(str(col.header)).cell_len] + [
                c.cell_len for c in cells if isinstance(c, Text)
            ]
            col.min_width = max(widths)
    return table


def _indicator_table(s: Snapshot) -> Table:
    from rich.table import Table

    t = Table(title=f"Indicators at {s.symbol} {s.timeframe.value} close", title_justify="left")
    for col in ("group", "indicator", "value", "group ", "indicator ", "value "):
        if col.startswith("value"):
            t.add_column(col, justify="right", no_wrap=True)
        else:
            t.add_column(col, overflow="fold", no_wrap=col.startswith("indicator"))
    rows: list[tuple[str, str, str]] = []
    for group, keys in _GROUPS.items():
        for i, k in enumerate(keys):
            rows.append(
                (group if i == 0 else "", k, _num(s.indicators[k], 4 if k.startswith("realized") else 2))
            )
    half = (len(rows) + 1) // 2
    for a, b in zip(rows[:half], [*rows[half:], ("", "", "")], strict=False):
        t.add_row(*a, *b)
    return t


def _levels_table(s: Snapshot) -> Table:
    from rich.table import Table

    t = Table(title="Levels", title_justify="left")
    for col in ("level", "price", "zone", "touches", "strength", "distance"):
        if col in ("level", "zone"):
            t.add_column(col, overflow="fold")
        else:
            t.add_column(col, justify="right", no_wrap=True)
    for name, price in s.prior_levels.items():
        t.add_row(name, _num(price), "", "", "", _pct(price, s.close))
    for lv in sorted(s.levels, key=lambda x: -x.price):
        style = "red" if lv.kind == "resistance" else "green"
        t.add_row(f"[{style}]{lv.kind}[/{style}]", _num(lv.price), f"{_num(lv.low)} – {_num(lv.high)}",
                  str(lv.touches), f"{lv.strength:.2f}", _pct(lv.price, s.close))  # fmt: skip
    if s.profile is not None:
        p = s.profile
        t.add_row("volume POC (1 day)", _num(p.poc), f"VA {_num(p.value_area_low)} – {_num(p.value_area_high)}",
                  "", "", _pct(p.poc, s.close))  # fmt: skip
    return t


def _regime_name(code: float) -> str:
    from aitrader.features.snapshot_read import regime_label

    return regime_label(code)


def _pct(price: float, close: float) -> str:
    return "–" if math.isnan(price) else f"{(price / close - 1) * 100:+.2f}%"


def _patterns_table(s: Snapshot) -> Table:
    from rich.table import Table

    from aitrader.domain.timeframe import format_ms

    t = Table(title="Recent patterns", title_justify="left")
    for col in ("time", "pattern", "bias", "levels", "confidence", "breakout"):
        if col == "confidence":
            t.add_column(col, justify="right", no_wrap=True)
        else:
            t.add_column(col, overflow="fold")
    bias = {1: "[green]bullish[/green]", -1: "[red]bearish[/red]", 0: "neutral"}
    for p in s.chart_patterns:
        keys = [k for k in ("neckline", "breakout", "upper", "lower", "target") if k in p.levels]
        levels = ", ".join(f"{k} {_num(p.levels[k])}" for k in dict.fromkeys(keys))
        status = "yes" if p.breakout_index is not None else "not yet"
        t.add_row(f"{format_ms(p.start_time)} → {format_ms(p.end_time)}", p.kind.value.replace("_", " "),
                  bias[p.direction], levels, f"{p.confidence:.2f}", status)  # fmt: skip
    for c in s.candle_signals[-10:]:
        t.add_row(format_ms(c.time), c.name, bias[c.direction], "", "", "")
    return t


def _context_table(s: Snapshot) -> Table:
    from rich.table import Table

    t = Table(title="Regime and higher timeframes (closed candles only)", title_justify="left")
    for col in ("timeframe", "regime", "RSI 14", "ADX 14", "EMA 50", "EMA 200", "ATR 14"):
        if col in ("timeframe", "regime"):
            t.add_column(col, overflow="fold")
        else:
            t.add_column(col, justify="right", no_wrap=True)
    t.add_row(s.timeframe.value, _regime_name(s.regime), _num(s.indicators["rsi_14"]),
              _num(s.indicators["adx_14"]), _num(s.indicators["ema_50"]), _num(s.indicators["ema_200"]),
              _num(s.indicators["atr_14"]))  # fmt: skip
    for tf, v in s.higher.items():
        t.add_row(
            tf,
            _regime_name(v["regime"]),
            _num(v["rsi_14"]),
            _num(v["adx_14"]),
            _num(v["ema_50"]),
            _num(v["ema_200"]),
            _num(v["atr_14"]),
        )
    return t


def register(app: typer.Typer) -> None:
    @app.command()
    def analyze(
        symbol: str | None = options.symbol(),
        timeframe: str | None = options.timeframe(),
        at: str | None = options.at("Analyse the bars closed"),
        data: Path | None = options.data(),
        data_dir: Path | None = options.data_dir(),
        config: Path | None = options.config(),
    ) -> None:
        """Current indicator values, support/resistance and prior day/week levels, recent candle and
        chart patterns, and the market regime, from closed candles."""
        from aitrader.domain import Timeframe
        from aitrader.domain.timeframe import format_ms
        from aitrader.features.snapshot import snapshot

        run = options.run_settings(
            {"symbol": symbol, "timeframe": timeframe, "data_dir": data_dir}, config=config
        )
        try:
            tf = Timeframe.parse(run.timeframe)
        except ValueError as exc:
            fail(f"{run.where('timeframe')}: {exc}")
        loaded = _load(run.symbol, tf, data, run.data_dir)
        candles = loaded.candles
        if at is not None:
            candles = cut_at(loaded, at, tf)
        if len(candles) < 50:
            fail(f"only {len(candles)} closed {tf.value} candles for {run.symbol} by then: need at least 50")
        s = snapshot(candles)
        console.print(
            f"[bold]{s.symbol} {s.timeframe.value}[/bold]  last closed bar opened {format_ms(s.time)} UTC  "
            f"close {_num(s.close)}  regime [bold]{_regime_name(s.regime)}[/bold]  "
            f"({len(candles):,} bars from {loaded.origin})"
        )
        for table in (_context_table(s), _indicator_table(s), _levels_table(s), _patterns_table(s)):
            console.print(fit_no_wrap_columns(table))
