"""The machine-readable report: metrics, params, trades and curves as strict JSON (no NaN, no inf).

Layout (version 1; keys added since are optional for readers):
    {"version": 1, "symbol", "timeframe", "strategy", "start_ms", "end_ms", "start", "end",
     "initial_equity", "final_equity", "fees_paid", "elapsed_s", "params": {...},
     "metrics": {<Metrics fields>},
     "trades": [{<TradeRecord fields>, "side": "BUY", "entry_iso", "exit_iso", "return_pct",
                 "duration_ms", "open": false}, ...],
     "exits": [{"trade_no", "exit", "exits", "exit_time", "exit_iso", "exit_price", "qty", "fees",
                "pnl", "return_pct", "reason", "open"}, ...],
     "measured": {"first_bar_ms", "excluded_bars", "n_bars"},
     "open_trade": {<the trade marked at the last close>} | null,
     "equity_curve": {"time_ms": [...], "equity": [...]},
     "benchmark": {"name": "buy_and_hold", "equity": [...], "metrics": {<Metrics fields>}} | null,
     "vol_target_benchmark": {"name": "vol_target_buy_and_hold", "target_volatility": t,
                              "rebalances": k, "mean_weight": w, "equity": [...],
                              "metrics": {<Metrics fields>}} | null,
     "comparison": {"total_return": {"strategy": x, "buy_and_hold": y, "vol_target": z}, ...}}

`final_equity`, `fees_paid` and `metrics` follow the metrics' rules (docs/backtest-report.md): from
the first tradable bar, a position open at the end valued at the last close net of its exit fee.
That position is the last of `trades` with "open": true and exit_reason "open" (and `open_trade`).
`exits` has one row per exit fill (a round trip closed in several fills has several). The curves
share `equity_curve.time_ms`: the close time of each measured bar; values rounded to 1e-6.
Times are UTC epoch ms with an ISO-8601 twin ("...Z"). Params that JSON cannot hold are written
with repr(); NaN/inf floats anywhere become null.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
from msgspec.structs import asdict, fields

from aitrader.backtest.metrics import Metrics
from aitrader.backtest.report.compare import benchmarks_for, comparison_dict
from aitrader.backtest.report.format import iso
from aitrader.backtest.report.legs import ExitRow, exit_rows
from aitrader.backtest.result import OPEN_REASON, BacktestResult, TradeRecord, measured, open_trade_record
from aitrader.backtest.vol_target_benchmark import NAME as VOL_TARGET_NAME
from aitrader.domain.enums import Side

FORMAT_VERSION = 1
_TRADE_FIELDS = tuple(f.name for f in fields(TradeRecord))


def clean(value: Any) -> Any:
    """A JSON-safe copy: non-finite floats to None, enums to their value, the rest by repr."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    if hasattr(value, "item") and callable(value.item):  # numpy scalar
        return clean(value.item())
    if hasattr(value, "value") and isinstance(value.value, str | int):  # Enum
        return value.value
    return repr(value)


def trade_to_dict(t: TradeRecord) -> dict[str, Any]:
    d = asdict(t)
    d["side"] = t.side.value
    d["entry_iso"] = iso(t.entry_time)
    d["exit_iso"] = iso(t.exit_time)
    d["return_pct"] = t.return_pct
    d["duration_ms"] = t.duration_ms
    d["open"] = t.exit_reason == OPEN_REASON
    return {k: clean(v) for k, v in d.items()}


def exit_to_dict(r: ExitRow) -> dict[str, Any]:
    d = {
        "trade_no": r.no,
        "exit": r.leg,
        "exits": r.legs,
        "exit_time": r.exit_time,
        "exit_iso": iso(r.exit_time),
        "exit_price": r.exit_price,
        "qty": r.qty,
        "fees": r.fees,
        "pnl": r.pnl,
        "return_pct": r.return_pct,
        "reason": r.reason,
        "open": r.is_open,
    }
    return {k: clean(v) for k, v in d.items()}


def curve(values: Any) -> list[float | None]:
    return [clean(v) for v in np.round(np.asarray(values, dtype=np.float64), 6).tolist()]


def trade_from_dict(d: dict[str, Any]) -> TradeRecord:
    """Rebuild a TradeRecord from `trade_to_dict` output (extra keys ignored)."""
    values = {k: d[k] for k in _TRADE_FIELDS if k in d}
    values["side"] = Side(d["side"])
    return TradeRecord(**values)


def report_dict(result: BacktestResult, metrics: Metrics) -> dict[str, Any]:
    m = measured(result)
    bench = benchmarks_for(result)
    opened = open_trade_record(result)
    close_ms = np.asarray(m.times, dtype=np.int64) + result.timeframe.duration_ms
    return {
        "version": FORMAT_VERSION,
        "symbol": result.symbol,
        "timeframe": result.timeframe.value,
        "strategy": result.strategy,
        "start_ms": result.start_ms,
        "end_ms": result.end_ms,
        "start": iso(result.start_ms) if len(result.times) else None,
        "end": iso(result.end_ms) if len(result.times) else None,
        "initial_equity": clean(float(result.initial_equity)),
        "final_equity": clean(float(metrics.final_equity)),
        "fees_paid": clean(float(metrics.fees_paid)),
        "elapsed_s": clean(float(result.elapsed_s)),
        "params": clean(result.params),
        "metrics": clean(metrics.to_dict()),
        "trades": [trade_to_dict(t) for t in m.trades],
        "exits": [exit_to_dict(r) for r in exit_rows(result)],
        "measured": {
            "first_bar_ms": int(m.times[0]) if len(m.times) else None,
            "excluded_bars": m.first,
            "n_bars": len(m.equity),
        },
        "open_trade": trade_to_dict(opened) if opened is not None else None,
        "equity_curve": {"time_ms": close_ms.tolist(), "equity": curve(m.equity)},
        "benchmark": benchmark_dict("buy_and_hold", bench.hold, bench.hold_metrics),
        "vol_target_benchmark": vol_target_dict(bench.vol, bench.vol_metrics),
        "comparison": clean(comparison_dict(metrics, bench.hold_metrics, bench.vol_metrics)),
    }


def benchmark_dict(name: str, bench: BacktestResult | None, metrics: Metrics | None) -> dict[str, Any] | None:
    """A benchmark's block: its name, its equity on the report's times and its metrics."""
    if bench is None or metrics is None:
        return None
    return {"name": name, "equity": curve(bench.equity), "metrics": clean(metrics.to_dict())}


def vol_target_dict(bench: BacktestResult | None, metrics: Metrics | None) -> dict[str, Any] | None:
    """The volatility-targeted benchmark's block: `benchmark_dict`'s, plus its target, its number
    of rebalances and the mean weight it held."""
    block = benchmark_dict(VOL_TARGET_NAME, bench, metrics)
    if block is None or bench is None:
        return None
    extra = {k: clean(bench.params.get(k)) for k in ("target_volatility", "rebalances", "mean_weight")}
    return {"name": block.pop("name"), **extra, **block}


_CURVES = (
    ("equity_curve", "time_ms"),
    ("equity_curve", "equity"),
    ("benchmark", "equity"),
    ("vol_target_benchmark", "equity"),
)


def dumps(data: dict[str, Any]) -> str:
    """`data` as indented JSON, its long curves each on one line (a number per line would triple
    the file)."""
    lifted: dict[str, str] = {}
    for outer, inner in _CURVES:
        part = data.get(outer)
        if isinstance(part, dict) and isinstance(part.get(inner), list):
            key = f"@@{outer}.{inner}@@"
            lifted[json.dumps(key)] = json.dumps(part[inner], separators=(",", ":"), allow_nan=False)
            data = {**data, outer: {**part, inner: key}}
    text = json.dumps(data, indent=1, allow_nan=False, ensure_ascii=False)
    for key, compact in lifted.items():
        text = text.replace(key, compact, 1)
    return text


def write_json(result: BacktestResult, metrics: Metrics, path: str | Path) -> Path:
    """Write the JSON report to `path` (parents created); return the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(dumps(report_dict(result, metrics)) + "\n", encoding="utf-8")
    return out


def read_json(path: str | Path) -> tuple[dict[str, Any], Metrics, list[TradeRecord]]:
    """Read a report written by `write_json`: (the whole dict, its Metrics, its trades: the closed
    ones, then the one open at the end, if any, with exit reason "open")."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("version") != FORMAT_VERSION:
        raise ValueError(f"{path}: report format version {data.get('version')!r}, expected {FORMAT_VERSION}")
    return data, Metrics.from_dict(data["metrics"]), [trade_from_dict(t) for t in data["trades"]]
