"""The machine-readable portfolio report: strict JSON (no NaN, no inf), the single-symbol report's
conventions (json_export) for the account, plus the symbols and the gate's rejections.

Layout (version 1):
    {"version": 1, "kind": "portfolio", "symbols": [...], "timeframe", "strategy", "start_ms",
     "end_ms", "start", "end", "initial_equity", "final_equity", "pnl", "fees_paid", "elapsed_s",
     "params": {...}, "metrics": {<Metrics fields>},
     "measured": {"first_bar_ms", "excluded_bars", "n_bars"},
     "equity_curve": {"time_ms": [...], "equity": [...]},
     "benchmark": {"name": "equal_weight_basket", "equity": [...], "metrics": {...}} | null,
     "vol_target_benchmark": {"name": "equal_weight_vol_target_basket", "target_volatility",
                              "rebalances", "equity": [...], "metrics": {...}} | null,
     "comparison": {"total_return": {"portfolio": x, "basket": y, "vol_target_basket": z}, ...},
     "per_symbol": {"BTCUSDT": {"pnl", "share", "max_drawdown_quote", "buy_and_hold_return",
                                "vol_target_return", "metrics": {...},
                                "buy_and_hold": {<Metrics fields>} | null,
                                "vol_target_buy_and_hold": {<Metrics fields>} | null}, ...},
     "trades": [{<TradeRecord fields>, "symbol", "side", "entry_iso", ...}, ...],
     "open_positions": {"SOLUSDT": qty, ...},
     "rejected": n, "rejections": [{"symbol", "code", "count", "example"}, ...]}

`trades` are the account's, in the order they closed; their `entry_bar`/`exit_bar` are steps of
the merged time grid (the symbols' own bar numbers are in each symbol's HTML section). A symbol's
`metrics` are those of its contribution (equity = the capital plus what it added); the `pnl` of
the symbols add up to the account's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from aitrader.backtest.metrics import Metrics
from aitrader.backtest.portfolio_result import PortfolioResult
from aitrader.backtest.report.compare import compared_rows
from aitrader.backtest.report.format import iso
from aitrader.backtest.report.json_export import (
    benchmark_dict,
    clean,
    curve,
    dumps,
    trade_from_dict,
    trade_to_dict,
)
from aitrader.backtest.report.portfolio_figures import PortfolioFigures, SymbolFigures, portfolio_figures
from aitrader.backtest.result import TradeRecord, measured

PORTFOLIO_FORMAT_VERSION = 1
VOL_BASKET_NAME = "equal_weight_vol_target_basket"
KIND = "portfolio"


def _symbol_dict(f: SymbolFigures) -> dict[str, Any]:
    return {
        "pnl": clean(f.pnl),
        "share": clean(f.share),
        "max_drawdown_quote": clean(f.max_drawdown_quote),
        "buy_and_hold_return": clean(f.hold_return),
        "vol_target_return": clean(f.vol_hold_return),
        "metrics": clean(f.metrics.to_dict()),
        "buy_and_hold": clean(f.hold.to_dict()) if f.hold is not None else None,
        "vol_target_buy_and_hold": clean(f.vol_hold.to_dict()) if f.vol_hold is not None else None,
    }


def _vol_basket_dict(fig: PortfolioFigures) -> dict[str, Any] | None:
    b = fig.benchmarks
    block = benchmark_dict(VOL_BASKET_NAME, b.vol, b.vol_metrics) if b is not None else None
    if block is None or b is None or b.vol is None:
        return None
    extra = {k: clean(b.vol.params.get(k)) for k in ("target_volatility", "rebalances")}
    return {"name": block.pop("name"), **extra, **block}


def portfolio_report_dict(result: PortfolioResult, figures: PortfolioFigures | None = None) -> dict[str, Any]:
    """The report as a dict that `json.dumps(..., allow_nan=False)` takes (module docstring)."""
    fig = figures or portfolio_figures(result)
    account, metrics = result.account, fig.metrics
    m = measured(account)
    bench = fig.benchmarks.hold if fig.benchmarks is not None else None
    close_ms = np.asarray(m.times, dtype=np.int64) + account.timeframe.duration_ms
    return {
        "version": PORTFOLIO_FORMAT_VERSION,
        "kind": KIND,
        "symbols": list(result.symbols),
        "timeframe": account.timeframe.value,
        "strategy": account.strategy,
        "start_ms": account.start_ms,
        "end_ms": account.end_ms,
        "start": iso(account.start_ms) if len(account.times) else None,
        "end": iso(account.end_ms) if len(account.times) else None,
        "initial_equity": clean(float(account.initial_equity)),
        "final_equity": clean(float(metrics.final_equity)),
        "pnl": clean(fig.pnl),
        "fees_paid": clean(float(metrics.fees_paid)),
        "elapsed_s": clean(float(account.elapsed_s)),
        "params": clean(account.params),
        "metrics": clean(metrics.to_dict()),
        "measured": {
            "first_bar_ms": int(m.times[0]) if len(m.times) else None,
            "excluded_bars": m.first,
            "n_bars": len(m.equity),
        },
        "equity_curve": {"time_ms": close_ms.tolist(), "equity": curve(m.equity)},
        "benchmark": None
        if bench is None or fig.basket is None
        else {
            "name": "equal_weight_basket",
            "equity": curve(bench.equity),
            "metrics": clean(fig.basket.to_dict()),
        },
        "vol_target_benchmark": _vol_basket_dict(fig),
        "comparison": clean(
            {
                r.key: {"portfolio": r.strategy, "basket": r.benchmark, "vol_target_basket": r.vol_target}
                for r in compared_rows(metrics, fig.basket, fig.vol_basket)
            }
        ),
        "per_symbol": {f.symbol: _symbol_dict(f) for f in fig.symbols},
        "trades": [trade_to_dict(t) for t in m.trades],
        "open_positions": clean(account.params.get("open_positions") or {}),
        "rejected": fig.rejected,
        "rejections": [
            {"symbol": r.symbol, "code": r.code, "count": r.count, "example": r.example}
            for r in fig.rejections
        ],
    }


def write_portfolio_json(result: PortfolioResult, path: str | Path) -> Path:
    """Write the JSON report to `path` (parents created); return the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(dumps(portfolio_report_dict(result)) + "\n", encoding="utf-8")
    return out


def read_portfolio_json(
    path: str | Path,
) -> tuple[dict[str, Any], Metrics, dict[str, Metrics], list[TradeRecord]]:
    """Read a report written by `write_portfolio_json`: (the whole dict, the account's Metrics, each
    symbol's Metrics, the account's trades)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("kind") != KIND or data.get("version") != PORTFOLIO_FORMAT_VERSION:
        raise ValueError(
            f"{path}: not a portfolio report of version {PORTFOLIO_FORMAT_VERSION} "
            f"(kind {data.get('kind')!r}, version {data.get('version')!r})"
        )
    per_symbol = {s: Metrics.from_dict(d["metrics"]) for s, d in data["per_symbol"].items()}
    trades = [trade_from_dict(t) for t in data["trades"]]
    return data, Metrics.from_dict(data["metrics"]), per_symbol, trades
