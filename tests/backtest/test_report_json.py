"""JSON report: strict JSON that round-trips metrics and trades, times as epoch ms and ISO."""

from __future__ import annotations

import dataclasses
import json
import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_metrics_fixture import flat_result, sample, segments_result

from aitrader.backtest.metrics import compute_metrics
from aitrader.backtest.report import read_json, write_json
from aitrader.backtest.result import BacktestResult
from aitrader.domain import Side


@pytest.fixture(scope="module")
def result() -> BacktestResult:
    res = segments_result(sample(), sides=(Side.BUY, Side.SELL))
    return dataclasses.replace(
        res, params={**res.params, "weird": math.nan, "tf": Side.BUY, "nested": {"a": (1, 2)}}
    )


def test_round_trip(result: BacktestResult, tmp_path: Path) -> None:
    metrics = compute_metrics(result)
    path = write_json(result, metrics, tmp_path / "out" / "report.json")
    data, metrics_back, trades_back = read_json(path)
    assert metrics_back == metrics
    assert trades_back == result.trades
    assert data["symbol"] == "BTCUSDT"
    assert data["timeframe"] == "1m"
    assert data["strategy"] == "segments"
    assert data["final_equity"] == result.final_equity
    assert data["params"] == {
        "every": 1500,
        "hold": 600,
        "stop_pct": 0.015,
        "target_pct": 0.02,
        "weird": None,
        "tf": "BUY",
        "nested": {"a": [1, 2]},
    }


def test_times_as_epoch_ms_and_iso(result: BacktestResult, tmp_path: Path) -> None:
    path = write_json(result, compute_metrics(result), tmp_path / "r.json")
    data = json.loads(path.read_text())
    assert data["start_ms"] == result.start_ms == 1679004900000
    assert data["start"] == "2023-03-16T22:15:00Z"
    first = data["trades"][0]
    assert first["entry_time"] == result.trades[0].entry_time
    assert first["entry_iso"] == "2023-03-16T22:15:00Z"
    assert first["side"] in ("BUY", "SELL")
    assert first["return_pct"] == result.trades[0].return_pct
    assert first["duration_ms"] == result.trades[0].duration_ms


def test_file_is_strict_json(result: BacktestResult, tmp_path: Path) -> None:
    for res in (result, flat_result(1), flat_result(0)):
        path = write_json(res, compute_metrics(res), tmp_path / "s.json")
        text = path.read_text()
        assert "NaN" not in text
        assert "Infinity" not in text
        json.loads(text, parse_constant=lambda c: pytest.fail(f"non-strict constant {c}"))


def test_unknown_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"version": 99}))
    with pytest.raises(ValueError, match="version 99"):
        read_json(path)
