"""Backtest and optimisation results from a folder of JSON files (`serve --reports DIR`).

A backtest report is what `aitrader backtest --json FILE` writes (`backtest.report.json_export`:
"metrics", "equity_curve", "trades"); an optimisation's is what `aitrader optimize --json FILE`
writes (`optimize.output`: "kind", "objectives"). A file is named by its stem; a name is looked up
among the folder's files (never joined onto the path), so no request reaches outside the folder.
Other JSON files are ignored. Files are read when asked: a new report shows up without a restart.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException

log = logging.getLogger(__name__)
MAX_BYTES = 64 * 1024 * 1024


def _documents(folder: Path | None) -> dict[str, Path]:
    if folder is None or not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.json")) if p.is_file()}


def _load(path: Path) -> dict[str, Any] | None:
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("skipped %s: %s", path.name, type(exc).__name__)
        return None
    return doc if isinstance(doc, dict) else None


def is_backtest(doc: dict[str, Any]) -> bool:
    return "metrics" in doc and "equity_curve" in doc


def is_optimization(doc: dict[str, Any]) -> bool:
    return "objectives" in doc and "kind" in doc


def backtest_summary(name: str, doc: dict[str, Any]) -> dict[str, Any]:
    keys = ("symbol", "timeframe", "strategy", "start_ms", "end_ms", "initial_equity", "final_equity")
    return {"name": name, **{k: doc.get(k) for k in keys}, "metrics": doc.get("metrics") or {}}


def optimization_summary(name: str, doc: dict[str, Any]) -> dict[str, Any]:
    chosen = doc.get("chosen") if isinstance(doc.get("chosen"), dict) else None
    return {
        "name": name, "kind": doc.get("kind"), "symbol": doc.get("symbol"), "timeframe": doc.get("timeframe"),
        "strategy": doc.get("strategy"), "chosen": chosen.get("params") if chosen else None,
    }  # fmt: skip


def reports_router(folder: Path | None) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["results"])

    def listing(wanted: Any) -> list[tuple[str, dict[str, Any]]]:
        out = []
        for name, path in _documents(folder).items():
            doc = _load(path)
            if doc is not None and wanted(doc):
                out.append((name, doc))
        return out

    def one(name: str, wanted: Any, what: str) -> dict[str, Any]:
        path = _documents(folder).get(name)
        doc = _load(path) if path is not None else None
        if doc is None or not wanted(doc):
            raise HTTPException(404, f"no {what} named {name[:80]!r} in the reports folder")
        return doc

    @router.get("/backtests", summary="Backtest reports in the reports folder")
    def backtests() -> list[dict[str, Any]]:
        return [backtest_summary(n, d) for n, d in listing(is_backtest)]

    @router.get("/backtests/{name}", summary="One backtest report, as `backtest --json` wrote it")
    def backtest(name: str) -> dict[str, Any]:
        return one(name, is_backtest, "backtest report")

    @router.get("/optimizations", summary="Optimisation results in the reports folder")
    def optimizations() -> list[dict[str, Any]]:
        return [optimization_summary(n, d) for n, d in listing(is_optimization)]

    @router.get("/optimizations/{name}", summary="One optimisation result, as `optimize --json` wrote it")
    def optimization(name: str) -> dict[str, Any]:
        return one(name, is_optimization, "optimisation result")

    return router
