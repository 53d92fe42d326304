"""The REST endpoints over a real run: the local exchange replays real BTCUSDT candles over real
sockets, a `LiveRunner` trades them (a confluence long ~6 candles in, protected by exchange OCOs),
and the in-process API answers from the runner and its journal."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from api_helpers import Run, demo_run, events_of, step, until


async def _entered(run: Run) -> None:
    await step(run, 8)
    await until(lambda: any(p["protected"] for p in run.source.positions()), "a protected position")


def test_rest_endpoints_answer_from_a_live_run(tmp_path: Path) -> None:
    async def main() -> dict[str, Any]:
        async with demo_run(tmp_path) as run:
            await _entered(run)
            await step(run, 1)  # the journal's rows of the entry's loop are committed by now
            c = run.client
            got = {
                name: (await c.get(path)).json()
                for name, path in {
                    "health": "/health", "status": "/api/status", "positions": "/api/positions",
                    "open": "/api/orders", "all": "/api/orders?status=all", "plans": "/api/plans",
                    "decisions": "/api/decisions?limit=50", "rejections": "/api/rejections",
                    "trades": "/api/trades", "equity": "/api/equity?limit=5", "candles": "/api/candles?limit=3",
                    "balances": "/api/balances",
                }.items()
            }  # fmt: skip
            other = await c.get("/api/candles?symbol=ETHUSDT")
            got["other"] = (other.status_code, other.json())
            answer = await c.post("/api/chat", json={"question": "why did you buy?"})
            got["chat"] = answer.json()
            got["events"] = [(e.kind, dict(e.data)) for e in events_of(run.source.hub)]
            return got

    got = asyncio.run(main())
    assert got["health"]["status"] == "ok"
    assert got["health"]["mode"] == "demo"
    status = got["status"]
    assert status["symbols"] == ["BTCUSDT"]
    assert status["connected"] is True
    assert status["source"] == "in-process"
    assert status["paused"] is False
    assert status["run_id"] == got["health"]["session"]
    (position,) = got["positions"]
    assert position["side"] == "long"
    assert position["protected"] is True
    assert position["stop"] < position["entry_price"] < position["targets"][0][0]
    roles = sorted({o["role"] for o in got["open"]})
    assert roles == ["stop", "target"]  # the OCO legs live on the exchange
    assert all(o["status"] == "NEW" for o in got["open"])
    entry = [o for o in got["all"] if o["role"] == "entry"]
    assert [o["status"] for o in entry] == ["FILLED"]
    (plan,) = got["plans"]
    assert plan["kind"] == "open"
    assert plan["risk_fraction"] > 0
    approved = [d for d in got["decisions"] if d["verdict"]["approved"]]
    assert approved
    assert approved[0]["proposal"]["kind"] == "enter"
    assert approved[0]["proposal"]["rationale"].startswith("confluence long")
    assert float(approved[0]["verdict"]["qty"]) > 0
    assert got["rejections"] == [] or all(r["count"] >= 1 for r in got["rejections"])
    assert got["trades"] == []
    assert 1 <= len(got["equity"]) <= 5
    assert all(p["equity"] > 0 for p in got["equity"])
    candles = got["candles"]
    assert len(candles) == 3
    assert candles[0]["open_time"] < candles[1]["open_time"] < candles[2]["open_time"]
    assert got["other"][0] == 404
    assert "ETHUSDT" in got["other"][1]["detail"]
    assets = {b["asset"]: b for b in got["balances"]}
    assert assets["BTC"]["locked"] > 0  # what the OCOs hold
    assert "BUY" in got["chat"]["answer"]
    _events_in_order(got["events"], approved[0])


def _events_in_order(events: list[tuple[str, dict[str, Any]]], decision: dict[str, Any]) -> None:
    """The run starts first; the decided candle comes before its decision, the decision before its
    entry order, the order before its fill; the position then shows protected."""
    kinds = [k for k, _ in events]
    assert kinds[0] in ("run", "stream")
    assert "run" in kinds[:3]
    i_decision = next(i for i, (k, d) in enumerate(events) if k == "decision" and d["verdict"]["approved"])
    bar = events[i_decision][1]["bar_time_ms"]
    assert bar == decision["bar_time_ms"]
    i_candle = next(i for i, (k, d) in enumerate(events) if k == "candle" and d["open_time"] == bar)
    i_order = next(i for i, (k, d) in enumerate(events) if k == "order" and d["role"] == "entry")
    i_fill = next(i for i, (k, d) in enumerate(events) if k == "fill" and d["role"] == "entry")
    assert i_candle < i_decision < i_order < i_fill
    assert events[i_decision][1]["latency_ms"] is not None
    protected = [d for k, d in events[i_fill:] if k == "protection" and d["protected"]]
    assert protected
    assert any(k == "position" and d["side"] == "long" for k, d in events[i_fill:])
    assert all(set(d) >= {"symbol", "interval", "open", "close"} for k, d in events if k == "candle")


def test_backtest_and_optimisation_results_from_the_reports_folder(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    backtest = {"version": 1, "symbol": "BTCUSDT", "timeframe": "1h", "strategy": "confluence",
                "metrics": {"sharpe": 1.2}, "equity_curve": {"time_ms": [1], "equity": [10000.0]}, "trades": []}  # fmt: skip
    (reports / "bt-one.json").write_text(json.dumps(backtest))
    (reports / "study.json").write_text(json.dumps({"kind": "search", "objectives": [{"name": "sharpe"}],
                                                    "symbol": "BTCUSDT", "chosen": {"params": {"ema_fast": 30}}}))  # fmt: skip
    (reports / "notes.json").write_text("[1, 2]")
    (reports / "broken.json").write_text("{not json")

    async def main() -> dict[str, Any]:
        from api_helpers import HubSource, client_for

        from aitrader.api.app import create_app

        app = create_app(HubSource(), reports_dir=reports)
        async with client_for(app) as c:
            return {
                "list": (await c.get("/api/backtests")).json(),
                "one": (await c.get("/api/backtests/bt-one")).json(),
                "opt": (await c.get("/api/optimizations")).json(),
                "opt_one": (await c.get("/api/optimizations/study")).status_code,
                "missing": (await c.get("/api/backtests/study")).status_code,
                "outside": (await c.get("/api/backtests/..%2F..%2Fetc%2Fpasswd")).status_code,
                "no_journal": (await c.get("/api/decisions")).status_code,
            }

    got = asyncio.run(main())
    assert [b["name"] for b in got["list"]] == ["bt-one"]
    assert got["list"][0]["metrics"] == {"sharpe": 1.2}
    assert got["one"] == backtest
    assert got["opt"] == [{"name": "study", "kind": "search", "symbol": "BTCUSDT", "timeframe": None,
                           "strategy": None, "chosen": {"ema_fast": 30}}]  # fmt: skip
    assert got["opt_one"] == 200
    assert got["missing"] == 404  # an optimisation is not a backtest
    assert got["outside"] == 404
    assert got["no_journal"] == 503


def test_a_paper_run_answers_from_its_simulated_account(tmp_path: Path) -> None:
    async def main() -> dict[str, Any]:
        async with demo_run(tmp_path, paper=True) as run:
            await step(run, 8)
            await until(
                lambda: any(p["protected"] for p in run.source.positions()), "a protected paper position"
            )
            await step(run, 1)
            c = run.client
            return {
                "positions": (await c.get("/api/positions")).json(),
                "balances": (await c.get("/api/balances")).json(),
                "open": (await c.get("/api/orders")).json(),
                "status": (await c.get("/api/status")).json(),
                "equity": [dict(e.data) for e in events_of(run.source.hub, "equity")],
            }

    got = asyncio.run(main())
    (position,) = got["positions"]
    assert (position["side"], position["protected"]) == ("long", True)  # its simulated OCO works
    assets = {b["asset"]: b for b in got["balances"]}
    assert set(assets) == {"USDT", "BTC"}
    assert assets["BTC"]["free"] >= position["qty"]
    assert assets["USDT"]["free"] < 10_000
    assert {o["role"] for o in got["open"]} == {"stop", "target"}
    assert got["status"]["mode"] == "demo"
    last = got["equity"][-1]
    assert last["cash"] == assets["USDT"]["free"]
    assert last["unrealized"] is not None
