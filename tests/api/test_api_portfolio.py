"""The API over a portfolio run: a paper kernel with a lane per symbol, fed through push_round
(tests/api/portfolio_rig.py: the shipped BTC/ETH/SOL samples, a tight correlation limit). The status
lists every symbol, positions and their events cover every symbol, every decision event carries its
symbol, code and sentence, the rejection endpoints count and list them by symbol, each symbol's
candles are served, and the WebSocket carries it all. No network beyond 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from api_helpers import client_for, events_of, serving
from portfolio_rig import SYMBOLS, PortfolioRig

from aitrader.api.app import create_app
from aitrader.api.auth_config import AuthConfig
from aitrader.api.hub import EventHub
from aitrader.api.sources.in_process import InProcessSource

CORRELATED = "correlated_exposure"


def _decisions(source: InProcessSource) -> list[dict[str, Any]]:
    return [dict(e.data) for e in events_of(source.hub, "decision")]


def _correlated(source: InProcessSource) -> list[dict[str, Any]]:
    return [d for d in _decisions(source) if d["verdict"]["code"] == CORRELATED]


def test_a_portfolio_run_through_rest_and_events(tmp_path: Path) -> None:
    async def main() -> dict[str, Any]:
        rig = PortfolioRig(tmp_path)
        # each round's records refresh it; the hub holds the whole run (the socket replays it all)
        source = InProcessSource(EventHub(capacity=100_000), mode="paper", poll_s=60.0)
        source.attach(rig.runner)  # type: ignore[arg-type]
        rig.start()
        app = create_app(source, AuthConfig(), reports_dir=tmp_path / "reports")
        client = client_for(app)
        got: dict[str, Any] = {"two": None}
        try:
            while rig.more:
                rig.round()
                if got["two"] is None and len(source.positions()) >= 2:
                    got["two"] = {
                        "positions": (await client.get("/api/positions")).json(),
                        "balances": (await client.get("/api/balances")).json(),
                        "held": {s for s in SYMBOLS if rig.kernel.portfolio.get(s) is not None},
                    }
                if got["two"] is not None and _correlated(source):
                    break
            c = client
            for name, path in {
                "status": "/api/status", "decisions": "/api/decisions?limit=10000", "rejections": "/api/rejections",
                "eth": "/api/rejections?symbol=ethusdt", "latest": f"/api/rejections/latest?code={CORRELATED}",
                "eth_latest": "/api/rejections/latest?symbol=ETHUSDT&limit=3",
                "btc_candles": "/api/candles?symbol=BTCUSDT&limit=5", "sol_candles": "/api/candles?symbol=SOLUSDT&limit=5",
            }.items():  # fmt: skip
                answer = await c.get(path)
                assert answer.status_code == 200, (path, answer.text)
                got[name] = answer.json()
            got["eth_all"] = (await c.get("/api/rejections/latest?symbol=ETHUSDT&limit=1000")).json()
            got["chat"] = (await c.post("/api/chat", json={"question": "why didn't you buy ETH?"})).json()
            unknown = await c.get("/api/rejections/latest?symbol=DOGEUSDT")
            got["unknown"] = (unknown.status_code, unknown.json())
            got["last_bar"] = rig.next - 1
            got["rig"] = rig
            got["ws"] = await _websocket_frames(app, source.hub.last_seq)
        finally:
            await source.stop()
            await client.aclose()
        got["events"] = [(e.kind, dict(e.data)) for e in events_of(source.hub)]
        got["decision_events"] = _decisions(source)
        return got

    got = asyncio.run(main())
    rig: PortfolioRig = got["rig"]
    assert got["status"]["symbols"] == list(SYMBOLS)
    runs = [d for k, d in got["events"] if k == "run"]
    assert runs[0]["symbols"] == list(SYMBOLS)
    _positions_of_several_symbols(got)
    _decisions_carry_symbol_code_and_sentence(got)
    _rejections_by_symbol(got)
    # each symbol's candles: the first from the candles table, the others from the run's events
    for key, symbol in (("btc_candles", "BTCUSDT"), ("sol_candles", "SOLUSDT")):
        c = rig.candles[symbol]
        assert [r["open_time"] for r in got[key]] == [
            int(t) for t in c.open_time[got["last_bar"] - 4 : got["last_bar"] + 1]
        ]
        assert [r["close"] for r in got[key]] == [
            float(x) for x in c.close[got["last_bar"] - 4 : got["last_bar"] + 1]
        ]
    # the chat over the run's journal: ETH's latest refusal (a refused spot short gives way)
    eth = got["eth_all"]
    lead = next((r for r in eth if r["code"] != "short_not_allowed"), eth[0])
    said = got["chat"]["answer"].splitlines()[0]
    assert said.startswith("ETHUSDT was not ")
    assert said.endswith(f": {lead['message']} ({lead['code']}).")
    assert got["unknown"][0] == 404
    assert got["unknown"][1]["detail"] == "DOGEUSDT is not traded by this run (BTCUSDT, ETHUSDT, SOLUSDT)"
    # the WebSocket carries the same events, every symbol's
    frames = got["ws"]
    assert [f["seq"] for f in frames] == list(range(1, len(frames) + 1))
    decided = {f["data"]["symbol"] for f in frames if f["kind"] == "decision"}
    assert decided == set(SYMBOLS)
    assert {f["data"]["symbol"] for f in frames if f["kind"] == "candle"} == set(SYMBOLS)
    assert any(f["kind"] == "decision" and f["data"]["verdict"]["code"] == CORRELATED for f in frames)


def _positions_of_several_symbols(got: dict[str, Any]) -> None:
    two = got["two"]
    assert two is not None, "no moment with two open positions"
    rows = two["positions"]
    assert {r["symbol"] for r in rows} == two["held"]
    assert len(rows) >= 2
    for r in rows:
        assert r["side"] == "long"
        assert r["protected"] is True  # each under its simulated OCO
        assert r["stop"] < r["entry_price"]
    assets = {b["asset"] for b in two["balances"]}
    assert {s.removesuffix("USDT") for s in two["held"]} | {"USDT"} <= assets
    opened = {d["symbol"] for k, d in got["events"] if k == "position" and d["side"] == "long"}
    assert len(opened) >= 2
    assert {d["symbol"] for k, d in got["events"] if k == "protection"} >= opened


def _decisions_carry_symbol_code_and_sentence(got: dict[str, Any]) -> None:
    events = got["decision_events"]
    assert {d["symbol"] for d in events} == set(SYMBOLS)
    for d in events:
        v = d["verdict"]
        if not v["approved"]:
            assert v["code"]
            assert v["message"]
    correlated = [d for d in events if d["verdict"]["code"] == CORRELATED]
    assert correlated
    for d in correlated:
        other = next(s for s in SYMBOLS if f"correlated exposure with {s} at " in d["verdict"]["message"])
        assert other != d["symbol"]

    # the journal's decisions are the events' decisions (a refusal's sentence word for word)
    def key(d: dict[str, Any]) -> tuple[Any, ...]:
        v = d["verdict"]
        return (
            d["symbol"],
            d["bar_time_ms"],
            v["approved"],
            v["code"],
            None if v["approved"] else v["message"],
        )

    assert sorted(map(key, got["decisions"])) == sorted(map(key, events))


def _rejections_by_symbol(got: dict[str, Any]) -> None:
    refused = [d for d in got["decision_events"] if not d["verdict"]["approved"]]
    tally = Counter((d["verdict"]["code"], d["symbol"]) for d in refused)
    rows = got["rejections"]
    assert {r["code"]: r["count"] for r in rows} == dict(Counter(d["verdict"]["code"] for d in refused))
    for r in rows:
        assert r["symbols"] == {s: n for (code, s), n in tally.items() if code == r["code"]}
        assert sum(r["symbols"].values()) == r["count"]
        newest = max(
            (d for d in refused if d["verdict"]["code"] == r["code"]), key=lambda d: d["bar_time_ms"]
        )
        assert r["last_time_ms"] == newest["bar_time_ms"] + 60_000
        assert r["last_symbol"] in r["symbols"]
    assert all(set(r["symbols"]) == {"ETHUSDT"} for r in got["eth"])
    assert sum(r["count"] for r in got["eth"]) == sum(1 for d in refused if d["symbol"] == "ETHUSDT")
    newest = max(
        (d for d in refused if d["verdict"]["code"] == CORRELATED),
        key=lambda d: (d["bar_time_ms"], d["symbol"]),
    )
    first = got["latest"][0]
    assert (first["code"], first["bar_time_ms"]) == (CORRELATED, newest["bar_time_ms"])
    same_bar = {
        (d["symbol"], d["verdict"]["message"]) for d in refused if d["bar_time_ms"] == newest["bar_time_ms"]
    }
    assert (first["symbol"], first["message"]) in same_bar
    assert [r["symbol"] for r in got["eth_latest"]] == ["ETHUSDT"] * len(got["eth_latest"])
    eth = sorted((d for d in refused if d["symbol"] == "ETHUSDT"), key=lambda d: -d["bar_time_ms"])[:3]
    assert [(r["code"], r["message"]) for r in got["eth_latest"]] == [
        (d["verdict"]["code"], d["verdict"]["message"]) for d in eth
    ]


async def _websocket_frames(app: Any, upto: int) -> list[dict[str, Any]]:
    """Every event the hub holds, as a client of /ws?since=0 receives them."""
    frames: list[dict[str, Any]] = []
    async with (
        serving(app) as url,
        aiohttp.ClientSession() as http,
        http.ws_connect(f"{url}/ws?since=0") as ws,
    ):
        while not frames or frames[-1]["seq"] < upto:
            msg = await asyncio.wait_for(ws.receive(), 30)
            assert msg.type is aiohttp.WSMsgType.TEXT, msg
            frames.append(json.loads(msg.data))
    return frames


CONTROL = "control-token-portfolio-abcdefghij"


def test_the_operator_closes_any_symbol_of_the_portfolio(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no aitrader.toml of the checkout

    async def main() -> dict[str, Any]:
        rig = PortfolioRig(tmp_path)
        source = InProcessSource(mode="paper", poll_s=60.0, allow_control=True)
        source.attach(rig.runner)  # type: ignore[arg-type]
        rig.start()
        # the pause stands in front of the gate, and the kernel still reads the gate's limits
        config = rig.kernel.gate.config  # type: ignore[attr-defined]
        assert (config.max_correlation, config.max_correlated_exposure) == (0.5, 0.3)
        held = lambda: [s for s in SYMBOLS if rig.kernel.portfolio.get(s) is not None]  # noqa: E731
        rig.run_until(lambda: len(held()) == 1, most=6_000)
        (symbol,) = held()
        flat = next(s for s in SYMBOLS if s != symbol)
        auth = AuthConfig("127.0.0.1", None, CONTROL, allow_control=True)
        client = client_for(create_app(source, auth, reports_dir=tmp_path / "reports"))
        headers = {"Authorization": f"Bearer {CONTROL}"}
        got: dict[str, Any] = {"symbol": symbol, "flat": flat}
        try:
            for name, target in (("flat_close", flat), ("unknown", "DOGEUSDT"), ("closed", symbol.lower())):
                r = await client.post(f"/api/control/close/{target}", headers=headers)
                got[name] = (r.status_code, r.json())
            rig.run_until(lambda: not held(), most=3)  # the exit fills at the next bar's open
            got["held"] = held()
            got["positions"] = (await client.get("/api/positions")).json()
        finally:
            await source.stop()
            await client.aclose()
        got["events"] = [(e.kind, dict(e.data)) for e in events_of(source.hub)]
        return got

    got = asyncio.run(main())
    assert got["flat_close"][0] == 409
    assert got["flat_close"][1]["detail"].startswith("no_position")
    assert got["unknown"] == (
        404,
        {"detail": "DOGEUSDT is not traded by this run (it trades BTCUSDT, ETHUSDT, SOLUSDT)"},
    )
    assert got["closed"][0] == 200
    assert got["closed"][1]["approved"] is True
    assert got["held"] == []
    assert got["positions"] == []
    exits = [d for k, d in got["events"] if k == "decision" and d["proposal"]["strategy"] == "operator"]
    assert [(d["symbol"], d["verdict"]["approved"]) for d in exits] == [
        (got["flat"], False),
        (got["symbol"], True),
    ]
    assert any(
        k == "position" and d["symbol"] == got["symbol"] and d["side"] == "flat" for k, d in got["events"]
    )
