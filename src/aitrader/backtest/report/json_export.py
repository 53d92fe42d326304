"""The machine-readable report: metrics, params and trades as strict JSON (no NaN, no inf).

Layout (version 1):
    {"version": 1, "symbol", "timeframe", "strategy", "start_ms", "end_ms", "start", "end",
     "initial_equity", "final_equity", "fees_paid", "elapsed_s", "params": {...},
     "metrics": {<Metrics fields>}, "trades": [{<TradeRecord fields>, "side": "BUY",
     "entry_iso", "exit_iso", "return_pct", "duration_ms"}, ...]}
Times are UTC epoch ms with an ISO-8601 twin ("...Z"). Params that JSON cannot hold are written
with repr(); NaN/inf floats anywhere become null.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from msgspec.structs import asdict, fields

from aitrader.backtest.metrics import Metrics
from aitrader.backtest.report.format import iso
from aitrader.backtest.result import BacktestResult, TradeRecord
from aitrader.domain.enums import Side

FORMAT_VERSION = 1
_TRADE_FIELDS = tuple(f.name for f in fields(TradeRecord))


def _clean(value: Any) -> Any:
    """A JSON-safe copy: non-finite floats to None, enums to their value, the rest by repr."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and callable(value.item):  # numpy scalar
        return _clean(value.item())
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
    return {k: _clean(v) for k, v in d.items()}


def trade_from_dict(d: dict[str, Any]) -> TradeRecord:
    """Rebuild a TradeRecord from `trade_to_dict` output (extra keys ignored)."""
    values = {k: d[k] for k in _TRADE_FIELDS if k in d}
    values["side"] = Side(d["side"])
    return TradeRecord(**values)


def report_dict(result: BacktestResult, metrics: Metrics) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "symbol": result.symbol,
        "timeframe": result.timeframe.value,
        "strategy": result.strategy,
        "start_ms": result.start_ms,
        "end_ms": result.end_ms,
        "start": iso(result.start_ms) if len(result.times) else None,
        "end": iso(result.end_ms) if len(result.times) else None,
        "initial_equity": _clean(float(result.initial_equity)),
        "final_equity": _clean(result.final_equity),
        "fees_paid": _clean(float(result.fees_paid)),
        "elapsed_s": _clean(float(result.elapsed_s)),
        "params": _clean(result.params),
        "metrics": _clean(metrics.to_dict()),
        "trades": [trade_to_dict(t) for t in result.trades],
    }


def write_json(result: BacktestResult, metrics: Metrics, path: str | Path) -> Path:
    """Write the JSON report to `path` (parents created); return the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(report_dict(result, metrics), indent=1, allow_nan=False, ensure_ascii=False)
    out.write_text(text + "\n", encoding="utf-8")
    return out


def read_json(path: str | Path) -> tuple[dict[str, Any], Metrics, list[TradeRecord]]:
    """Read a report written by `write_json`: (the whole dict, its Metrics, its trades)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("version") != FORMAT_VERSION:
        raise ValueError(f"{path}: report format version {data.get('version')!r}, expected {FORMAT_VERSION}")
    return data, Metrics.from_dict(data["metrics"]), [trade_from_dict(t) for t in data["trades"]]
