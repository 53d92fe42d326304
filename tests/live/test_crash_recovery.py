"""SIGKILL at the dangerous points of an entry, then restart: every position is protected at once,
no order is doubled, and the journal matches the exchange."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from aitrader.live.journal import LiveJournal
from aitrader.live.runner import LiveRunner
from aitrader.venues.binance.exchange_broker import BinanceBroker
from aitrader.venues.local import DEFAULT_API_KEY, DEFAULT_SECRET

from .helpers import TARGET_START_MS, exchange, exchange_balances, run_config, wait_for

BOT = Path(__file__).with_name("crash_bot.py")
REPO = Path(__file__).resolve().parents[2]


def _lines(path: Path) -> int:
    return len(path.read_text().splitlines()) if path.exists() else 0


async def _crash_then_restart(point: str, tmp: Path) -> dict[str, Any]:
    async with exchange(TARGET_START_MS) as ex:
        env = {**os.environ, "AITRADER_DIE_AT": point, "PYTHONPATH": str(REPO / "src")}
        proc = await asyncio.create_subprocess_exec(
            sys.executable, str(BOT), ex.rest_url, str(tmp), env=env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        try:
            await wait_for(
                lambda: len(ex.streams.conns) >= 1 and len(ex.wsapi.conns) >= 1, 90, "the bot to connect"
            )
            telemetry = tmp / "telemetry.jsonl"
            for _ in range(20):
                if proc.returncode is not None:
                    break
                before = _lines(telemetry)
                await ex.step(candles=1)
                with contextlib.suppress(TimeoutError, AssertionError):  # the bot decided, or died trying
                    await wait_for(lambda b=before: _lines(telemetry) > b or proc.returncode is not None, 20)  # type: ignore[misc]
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(proc.wait(), timeout=0.3)
        finally:
            if proc.returncode is None:
                proc.terminate()  # SIGTERM: tells "never reached the point" apart from the SIGKILL
            await proc.wait()
            err = (await proc.stderr.read()).decode() if proc.stderr else ""
        died = proc.returncode == -signal.SIGKILL
        t0 = time.monotonic()
        runner = LiveRunner(run_config(ex, tmp, reconcile_only=True))
        summary = await runner.run()
        recovery_s = time.monotonic() - t0
        broker = BinanceBroker.connect(DEFAULT_API_KEY, DEFAULT_SECRET, ex.rest_url)
        try:
            all_orders = await broker.ex.private_get_allorders({"symbol": "BTCUSDT"})
            lists = [lst.list_client_id for lst in await broker.open_order_lists()]
        finally:
            await broker.close()
        return {
            "died": died, "report": summary.reconcile, "orders": all_orders, "lists": lists,
            "balances": exchange_balances(ex), "recovery_s": recovery_s, "stderr": err[-2000:],
        }  # fmt: skip


@pytest.mark.parametrize("point", ["entry_before_send", "entry_after_send", "entry_after_fill"])
def test_killed_bot_restarts_protected_and_undoubled(point: str, tmp_path: Path) -> None:
    out = asyncio.run(_crash_then_restart(point, tmp_path))
    assert out["died"], f"the bot did not die at {point}: {out['stderr']}"
    report = out["report"]
    assert report is not None
    assert report.ok, report.lines()
    journal = LiveJournal(tmp_path / "journal.sqlite")
    entries = [o for o in out["orders"] if o["clientOrderId"].endswith("-1E")]
    if point == "entry_before_send":
        assert entries == []  # never sent, and not re-sent on restart (the signal is stale)
        (plan,) = journal.plans()
        assert plan.status == "abandoned"
        assert out["lists"] == []
        assert out["balances"].get("BTC", Decimal(0)) == 0
    else:
        assert len(entries) == 1, "the entry was doubled"
        assert entries[0]["status"] == "FILLED"
        (plan,) = journal.plans()
        assert plan.status == "open"
        assert sorted(out["lists"]) == sorted(plan.list_cids)
        assert len(out["lists"]) == 2
        assert out["balances"]["BTC"] - plan.qty < Decimal("0.00001")
        assert plan.qty > 0
        if point == "entry_after_fill":
            assert any(line.startswith("re-protected") for line in report.lines())
        ocos = {o["orderListId"] for o in out["orders"] if o["orderListId"] != -1}
        assert len(ocos) == 2, "an OCO was doubled"
    assert out["recovery_s"] < 30
    journal.close()
