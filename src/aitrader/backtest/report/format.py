"""Labels and text for metrics and trades, shared by the terminal, HTML and JSON reports."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from aitrader.backtest.metrics import Metrics
from aitrader.backtest.result import BacktestResult
from aitrader.domain.timeframe import format_duration

MISSING = "—"


def iso(ms: int | None) -> str:
    """UTC ISO-8601 with a Z, to the second ("2023-03-16T00:00:00Z"); empty for None."""
    if ms is None:
        return ""
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def short_time(ms: int) -> str:
    """Compact UTC time for tables: "2023-03-16 14:05"."""
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC).strftime("%Y-%m-%d %H:%M")


def duration(ms: float | None) -> str:
    """A span as "3d 4h", "2h 15m", "45m" or "30s"."""
    return MISSING if ms is None else format_duration(round(ms))


def _no_negative_zero(text: str) -> str:
    """ "-0.00" -> "0.00": a loss that rounds to nothing reads as nothing."""
    if text.startswith("-") and not any(ch in "123456789" for ch in text):
        return text[1:]
    return text


def pct(x: float | None, digits: int = 2) -> str:
    return MISSING if x is None else _no_negative_zero(f"{x * 100:,.{digits}f}%")


def ratio(x: float | None) -> str:
    return MISSING if x is None else _no_negative_zero(f"{x:,.2f}")


def money(x: float | None) -> str:
    return MISSING if x is None else _no_negative_zero(f"{x:,.2f}")


def price(x: float | None) -> str:
    """A price with about 6 significant figures and at least 2 decimals (0.00001234 stays readable)."""
    if x is None:
        return MISSING
    if x == 0 or not math.isfinite(x):
        return f"{x:,.2f}"
    magnitude = math.floor(math.log10(abs(x)))  # 27390.99 -> 4, 0.0012 -> -3
    return f"{x:,.{max(2, 5 - magnitude)}f}"


def title(result: BacktestResult) -> str:
    span = (
        f"{short_time(result.start_ms)} → {short_time(result.end_ms)} UTC" if len(result.times) else "no bars"
    )
    return f"{result.strategy or 'backtest'} · {result.symbol} {result.timeframe.value} · {span}"


@dataclass(frozen=True, slots=True)
class MetricRow:
    section: str
    label: str
    text: str
    sign: int = 0  # +1 good / -1 bad / 0 neutral, for colouring


def _signed(x: float | None) -> int:
    if x is None or x == 0:
        return 0
    return 1 if x > 0 else -1


def metric_rows(result: BacktestResult, m: Metrics) -> list[MetricRow]:
    """The metrics as display rows, grouped in sections, in reading order."""
    dd_span = f"{m.max_drawdown_duration_bars:,} bars · {duration(m.max_drawdown_duration_ms)}"
    long_span = f"{m.longest_drawdown_bars:,} bars · {duration(m.longest_drawdown_ms)}"
    avg_wl = f"{money(m.avg_win)} / {money(m.avg_loss)}"
    rows: list[tuple[str, str, str, int]] = [
        ("Returns", "Initial equity", money(m.initial_equity), 0),
        ("Returns", "Final equity", money(m.final_equity), _signed(m.final_equity - m.initial_equity)),
        ("Returns", "Total return", pct(m.total_return), _signed(m.total_return)),
        ("Returns", "CAGR", pct(m.annual_return), _signed(m.annual_return)),
        ("Returns", "Exposure", pct(m.exposure, 1), 0),
        ("Returns", "Fees paid", money(m.fees_paid), 0),
        ("Risk", "Volatility (ann.)", pct(m.volatility_annual), 0),
        ("Risk", "Sharpe", ratio(m.sharpe), _signed(m.sharpe)),
        ("Risk", "Sortino", ratio(m.sortino), _signed(m.sortino)),
        ("Risk", "Calmar", ratio(m.calmar), _signed(m.calmar)),
        ("Risk", "Max drawdown", pct(m.max_drawdown), -1 if m.max_drawdown > 0 else 0),
        ("Risk", "Max DD peak", _when(m.max_drawdown_peak_ms), 0),
        ("Risk", "Max DD trough", _when(m.max_drawdown_trough_ms), 0),
        ("Risk", "Max DD duration", dd_span, 0),
        ("Risk", "Longest drawdown", long_span, 0),
        ("Trades", "Trades (won / lost)", f"{m.n_trades:,} ({m.n_wins:,} / {m.n_losses:,})", 0),
        ("Trades", "Open at the end", _open_text(m.n_open_trades), 0),
        ("Trades", "Win rate", pct(m.win_rate, 1), 0),
        ("Trades", "Profit factor", ratio(m.profit_factor), _signed(_minus_one(m.profit_factor))),
        ("Trades", "Avg P&L / trade", money(m.avg_trade_pnl), _signed(m.avg_trade_pnl)),
        ("Trades", "Avg return / trade", pct(m.avg_trade_return, 3), _signed(m.avg_trade_return)),
        ("Trades", "Avg win / avg loss", avg_wl, 0),
        ("Trades", "Expectancy", money(m.expectancy), _signed(m.expectancy)),
        ("Trades", "Best trade", money(m.best_trade_pnl), _signed(m.best_trade_pnl)),
        ("Trades", "Worst trade", money(m.worst_trade_pnl), _signed(m.worst_trade_pnl)),
        ("Trades", "Avg duration", duration(m.avg_trade_duration_ms), 0),
        ("Run", "Bars measured", f"{m.n_bars:,} × {result.timeframe.value}", 0),
        ("Run", "Years measured", f"{m.years:,.2f} ({m.bars_per_year:,.1f} bars a year)", 0),
        ("Run", "Warm-up (not measured)", f"{m.excluded_bars:,} bars", 0),
        ("Run", "First bar", _when(m.start_ms if m.n_bars else None), 0),
        ("Run", "Last bar", _when(m.end_ms if m.n_bars else None), 0),
    ]
    if result.elapsed_s:
        rows.append(("Run", "Backtest time", f"{result.elapsed_s:,.2f} s", 0))
    return [MetricRow(*r) for r in rows]


def _open_text(n_open: int) -> str:
    """How the open position counts (it is one of the trades above, marked at the last close)."""
    return "none" if n_open == 0 else f"{n_open:,} (counted)"


def _when(ms: int | None) -> str:
    return MISSING if ms is None else short_time(ms)


def _minus_one(x: float | None) -> float | None:
    return None if x is None else x - 1.0
