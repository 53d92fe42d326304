"""JSON report: strict JSON that round-trips metrics and trades, times as epoch ms and ISO, with the
equity curve, buy-and-hold and the volatility-targeted buy-and-hold beside it, every exit fill and the open position."""

from __future__ import annotations

import dataclasses
import json
import math
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_metrics_fixture import OPEN_AT_END_BARS, engine_result, flat_result, sample, segments_result

from aitrader.backtest.benchmark import benchmark_for
from aitrader.backtest.metrics import compute_metrics
from aitrader.backtest.report import read_json, write_json
from aitrader.backtest.report.compare import COMPARED
from aitrader.backtest.report.legs import exit_rows
from aitrader.backtest.result import BacktestResult
from aitrader.backtest.vol_target_benchmark import target_for, vol_target_benchmark_for
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


def test_keys_read_by_other_code_are_kept(result: BacktestResult, tmp_path: Path) -> None:
    data = json.loads(write_json(result, compute_metrics(result), tmp_path / "k.json").read_text())
    for key in ("version", "symbol", "timeframe", "strategy", "start_ms", "end_ms", "start", "end"):
        assert key in data
    for key in ("initial_equity", "final_equity", "fees_paid", "elapsed_s", "params", "metrics", "trades"):
        assert key in data


def test_equity_curve_and_benchmark_from_the_first_tradable_bar(tmp_path: Path) -> None:
    run = engine_result()
    m = compute_metrics(run)
    data = json.loads(write_json(run, m, tmp_path / "e.json").read_text())
    first = run.first_bar
    curve = data["equity_curve"]
    assert len(curve["time_ms"]) == len(curve["equity"]) == m.n_bars == len(run.equity) - first
    assert curve["time_ms"][0] == run.times[first] + 60_000  # each point at its bar's close
    assert curve["time_ms"][-1] == run.times[-1] + 60_000
    np.testing.assert_allclose(curve["equity"], run.equity[first:], rtol=0, atol=5e-7)
    assert curve["equity"][-1] == pytest.approx(data["final_equity"], abs=5e-7)
    bench = benchmark_for(run)
    assert bench is not None
    assert data["benchmark"]["name"] == "buy_and_hold"
    # rounded to 1e-6: half of that off at most, and a float's error on top
    np.testing.assert_allclose(data["benchmark"]["equity"], bench.equity, rtol=0, atol=5e-7 + 1e-9)
    assert data["benchmark"]["metrics"] == compute_metrics(bench).to_dict()
    assert data["measured"] == {
        "first_bar_ms": int(run.times[first]),
        "excluded_bars": first,
        "n_bars": m.n_bars,
    }


def test_strategy_and_both_benchmarks_side_by_side(tmp_path: Path) -> None:
    run = engine_result()
    m = compute_metrics(run)
    data = json.loads(write_json(run, m, tmp_path / "c.json").read_text())
    bench = data["benchmark"]["metrics"]
    vol = data["vol_target_benchmark"]["metrics"]
    assert list(data["comparison"]) == [key for key, *_ in COMPARED]
    for key in (
        "total_return",
        "annual_return",
        "sharpe",
        "sortino",
        "max_drawdown",
        "volatility_annual",
        "exposure",
        "n_trades",
    ):
        assert data["comparison"][key] == {
            "strategy": getattr(m, key),
            "buy_and_hold": bench[key],
            "vol_target": vol[key],
        }


def test_the_vol_target_benchmark_block(tmp_path: Path) -> None:
    run = engine_result()
    m = compute_metrics(run)
    data = json.loads(write_json(run, m, tmp_path / "v.json").read_text())
    vol = vol_target_benchmark_for(run)
    assert vol is not None
    block = data["vol_target_benchmark"]
    assert block["name"] == "vol_target_buy_and_hold"
    assert block["target_volatility"] == target_for(run) == max(m.volatility_annual or 0.0, 0.05)
    assert block["rebalances"] == vol.params["rebalances"] >= 1
    assert 0 < block["mean_weight"] <= 1
    assert len(block["equity"]) == len(data["equity_curve"]["equity"]) == m.n_bars
    np.testing.assert_allclose(block["equity"], vol.equity, rtol=0, atol=5e-7 + 1e-9)
    assert block["metrics"] == compute_metrics(vol).to_dict()
    assert block["metrics"]["n_trades"] == len(vol.trades)


def test_every_exit_fill_is_listed(tmp_path: Path) -> None:
    run = engine_result()
    data = json.loads(write_json(run, compute_metrics(run), tmp_path / "x.json").read_text())
    rows = exit_rows(run)
    assert len(data["exits"]) == len(rows) > len(data["trades"])
    assert [(e["trade_no"], e["exit"], e["reason"], e["pnl"]) for e in data["exits"]] == [
        (r.no, r.leg, r.reason, r.pnl) for r in rows
    ]


def test_open_position_is_the_last_trade_marked_open(tmp_path: Path) -> None:
    run = engine_result(bars=OPEN_AT_END_BARS)
    m = compute_metrics(run)
    path = write_json(run, m, tmp_path / "o.json")
    data, metrics_back, trades = read_json(path)
    assert metrics_back == m
    assert len(trades) == len(run.trades) + 1 == m.n_trades
    assert trades[:-1] == run.trades
    assert trades[-1].exit_reason == "open"
    assert data["trades"][-1]["open"] is True
    assert not any(t["open"] for t in data["trades"][:-1])
    assert data["open_trade"] == data["trades"][-1]
    assert (
        data["final_equity"]
        == m.final_equity
        == pytest.approx(run.final_equity - run.params["open_trade"]["exit_fee"], rel=1e-15)
    )
    assert data["exits"][-1]["open"] is True
    assert data["metrics"]["n_open_trades"] == 1


def test_curves_are_one_line_each(tmp_path: Path) -> None:
    run = engine_result()
    text = write_json(run, compute_metrics(run), tmp_path / "l.json").read_text()
    lines = text.splitlines()
    assert len(lines) < 20_000  # 68,777 points a curve: one number per line would be over 200k lines
    curves = [line for line in lines if line.lstrip().startswith(('"time_ms": [', '"equity": ['))]
    assert len(curves) == 4  # time, equity, buy-and-hold's and the vol-targeted one's equity
    assert all(len(json.loads(line.split(": ", 1)[1].rstrip(","))) == 68_777 for line in curves)
    assert len(text.encode()) < 4_000_000
