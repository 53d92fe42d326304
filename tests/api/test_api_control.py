"""The control endpoints act on a real run only through the kernel's path: a paused gate rejects the
next entry with its code (nothing is sent), a close is an exit the gate approves and the order
manager sends to the exchange, a reload changes the gate's risk fraction or refuses a bad value."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from api_helpers import Run, demo_run, events_of, step, until

from aitrader.api.auth_config import AuthConfig
from aitrader.api.control import PausableGate
from aitrader.api.reload import ReloadSettings
from aitrader.live.journal import LiveJournal
from aitrader.risk import RiskGate
from mechanics_costs import ENV_COSTS_OFF, STRATEGY_COSTS_OFF

CONTROL = "control-token-5678-abcdefghij"
AUTH = AuthConfig("127.0.0.1", None, CONTROL, allow_control=True)
HEADERS = {"Authorization": f"Bearer {CONTROL}"}


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("AITRADER_RISK_FRACTION", "AITRADER_STRATEGY", "AITRADER_SYMBOL", "AITRADER_TIMEFRAME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no .env or aitrader.toml of the checkout


async def _post(run: Run, path: str) -> tuple[int, Any]:
    r = await run.client.post(f"/api/control/{path}", headers=HEADERS)
    return r.status_code, r.json()


def test_pause_rejects_the_next_entry_with_its_code_and_sends_nothing(tmp_path: Path) -> None:
    async def main() -> dict[str, Any]:
        async with demo_run(tmp_path, auth=AUTH) as run:
            paused = await _post(run, "pause")
            status = (await run.client.get("/api/status")).json()
            await step(run, 8)  # the confluence long comes ~6 candles in
            await until(lambda: bool(events_of(run.source.hub, "decision")), "a decision")
            while_paused = [dict(e.data) for e in events_of(run.source.hub)]
            resumed = await _post(run, "resume")
            await step(run, 1)
            rejections = (await run.client.get("/api/rejections")).json()
            return {
                "paused": paused, "status": status, "resumed": resumed, "rejections": rejections,
                "while_paused": while_paused, "gate": run.runner.kernel.gate,
            }  # fmt: skip

    got = asyncio.run(main())
    assert got["paused"] == (200, {"paused": True})
    assert got["status"]["paused"] is True
    assert got["resumed"] == (200, {"paused": False})
    entries = [d for d in got["while_paused"] if d.get("proposal", {}).get("kind") == "enter"]
    assert entries
    assert {(d["verdict"]["approved"], d["verdict"]["code"]) for d in entries} == {(False, "entries_paused")}
    assert "paused by the operator" in entries[0]["verdict"]["message"]
    assert not [d for d in got["while_paused"] if d.get("role") == "entry"]  # no entry order, no fill
    assert any(r["code"] == "entries_paused" and r["count"] >= 1 for r in got["rejections"])
    assert isinstance(got["gate"], PausableGate)
    assert isinstance(got["gate"].inner, RiskGate)
    journal = LiveJournal(tmp_path / "journal.sqlite")
    kinds = [k for _, k, _ in journal.events()]
    journal.close()
    assert kinds.index("entries_paused") < kinds.index("entries_resumed")


def test_close_sends_an_exit_through_the_gate_and_the_order_manager(tmp_path: Path) -> None:
    async def main() -> dict[str, Any]:
        async with demo_run(tmp_path, auth=AUTH) as run:
            early = await _post(run, "close/BTCUSDT")  # nothing held yet: the gate says so
            await step(run, 8)
            await until(lambda: any(p["protected"] for p in run.source.positions()), "a protected position")
            other = await _post(run, "close/ETHUSDT")
            closed = await _post(run, "close/btcusdt")
            await until(lambda: not run.source.positions(), "the position closed")
            await until(
                lambda: any(e.data["role"] == "exit" for e in events_of(run.source.hub, "fill")),
                "the exit fill",
            )
            again = await _post(run, "close/BTCUSDT")
            return {
                "early": early, "other": other, "closed": closed, "again": again,
                "decisions": [dict(e.data) for e in events_of(run.source.hub, "decision")],
                "orders": [dict(e.data) for e in events_of(run.source.hub, "order")],
                "fills": [dict(e.data) for e in events_of(run.source.hub, "fill")],
            }  # fmt: skip

    got = asyncio.run(main())
    assert got["early"][0] == 409
    assert got["early"][1]["detail"].startswith("no_position")
    assert got["other"][0] == 404
    status, body = got["closed"]
    assert status == 200
    assert body["approved"] is True
    exits = [d for d in got["decisions"] if d["proposal"]["strategy"] == "operator"]
    assert [d["proposal"]["kind"] for d in exits] == ["exit"] * 3
    assert [d["verdict"]["approved"] for d in exits] == [False, True, False]  # early, closed, again
    assert any(
        o["role"] == "exit" and o["side"] == "SELL" for o in got["orders"]
    )  # the order manager sent it
    assert [f["role"] for f in got["fills"]] == ["entry", "exit"]
    assert got["again"][0] == 409


def test_reload_applies_the_risk_fraction_and_refuses_a_bad_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the run is a local exchange's replay, with the cost rules off (`mechanics_costs`); the settings
    # read again say so too, as a `trade` run's started that way would, so that only the risk changes
    for key, value in ENV_COSTS_OFF.items():
        monkeypatch.setenv(key, value)
    costs_off = "[strategies.confluence]\n" + "".join(f"{k} = {v:g}\n" for k, v in STRATEGY_COSTS_OFF.items())
    config = tmp_path / "aitrader.toml"
    config.write_text("risk = 0.02\n" + costs_off)
    reload = ReloadSettings({"symbol": "BTCUSDT", "timeframe": "1m", "strategy": "confluence"}, config)

    async def main() -> dict[str, Any]:
        async with demo_run(tmp_path / "run", auth=AUTH, reload=reload) as run:
            await step(run, 1)
            applied = await _post(run, "reload")
            gate = run.runner.kernel.gate
            risk_after = gate.inner.config.risk_fraction if isinstance(gate, PausableGate) else None
            config.write_text("risk = 0.5\n" + costs_off)
            refused = await _post(run, "reload")
            config.write_text("risk = 0.02\n" + costs_off + "ema_fast = 30\n")
            later = await _post(run, "reload")
            risk_end = gate.inner.config.risk_fraction if isinstance(gate, PausableGate) else None
            return {"applied": applied, "risk_after": risk_after, "refused": refused, "later": later,
                    "risk_end": risk_end, "cfg_risk": run.runner.cfg.risk_fraction}  # fmt: skip

    got = asyncio.run(main())
    assert got["applied"] == (200, {"applied": {"risk": 0.02}, "restart_needed": []})
    assert got["risk_after"] == 0.02
    assert got["refused"][0] == 400
    detail = got["refused"][1]["detail"]
    assert "risk" in detail
    assert "0.10" in detail
    assert "\n" not in detail
    status, body = got["later"]
    assert status == 200
    assert body["applied"] == {}
    assert len(body["restart_needed"]) == 1
    assert "ema_fast" in body["restart_needed"][0]
    assert got["risk_end"] == 0.02
    assert got["cfg_risk"] == 0.02


def test_a_pause_survives_a_restart_and_a_resume_is_kept_too(tmp_path: Path) -> None:
    async def once(action: str | None) -> dict[str, Any]:
        async with demo_run(tmp_path, auth=AUTH) as run:
            status = (await run.client.get("/api/status")).json()
            gate = run.runner.kernel.gate
            gate_paused = isinstance(gate, PausableGate) and gate.paused
            if action is not None:
                await _post(run, action)
            return {"paused": status["paused"], "gate": gate_paused}

    first = asyncio.run(once("pause"))
    second = asyncio.run(once("resume"))  # started paused: the journal said so
    third = asyncio.run(once(None))
    assert first == {"paused": False, "gate": False}
    assert second == {"paused": True, "gate": True}
    assert third == {"paused": False, "gate": False}
    journal = LiveJournal(tmp_path / "journal.sqlite")
    paused = [d for _, k, d in journal.events() if k == "entries_paused"]
    journal.close()
    assert paused == [{"by": "operator", "strategy": "confluence", "symbol": "BTCUSDT"}]
