"""A strategy from the user's own file trades on the local exchange: paper and live, alike.

The file is loaded by path (`--strategy path.py:Class`, as `aitrader trade` passes it), the live
loop runs it through `engine.Kernel`, entries go out with their exchange-side OCO, and paper
(SimBroker under the live fill model) decides and fills exactly as live does.
"""

from __future__ import annotations

import asyncio
from decimal import Decimal
from pathlib import Path
from typing import Any

from aitrader.engine.events import FillEvent
from aitrader.live.journal import LiveJournal
from aitrader.live.runner import LiveRunner

from .helpers import TARGET_START_MS, exchange, run_config, started, step_candles

FILE = '''
import talib
from aitrader import UserStrategy, param


class QuickCross(UserStrategy):
    """Close crossing above its 5-bar SMA; tight stop and target so trades close within the test."""

    n: int = param(5, 2, 50)

    def indicators(self, c):
        return {"sma": talib.SMA(c.close, self.n)}

    def next(self, bar):
        if bar.crossed_above("close", "sma"):
            return self.buy(stop=bar.close * 0.996, target=bar.close * 1.012)
        return None
'''
CANDLES = 60


async def _run(tmp: Path, spec: str, paper: bool) -> dict[str, Any]:
    async with exchange(TARGET_START_MS) as ex:
        runner = LiveRunner(run_config(ex, tmp, paper=paper, strategy=spec))
        task = asyncio.create_task(runner.run())
        await started(runner)
        fills: list[tuple[str, str, Decimal, Decimal]] = []
        runner.kernel.bus.subscribe(
            FillEvent,
            lambda e: fills.append(
                (
                    e.report.side.value,
                    e.report.order_type.value,
                    Decimal(str(e.report.price)),
                    Decimal(str(e.report.qty)),
                )
            ),
        )
        await step_candles(ex, runner, CANDLES, timeout=60)
        runner.request_stop("test over")
        await task
        journal = LiveJournal(tmp / "journal.sqlite")
        try:
            plans = journal.plans()
        finally:
            journal.close()
        return {"runner": runner, "fills": fills, "plans": plans}


def test_a_file_strategy_trades_live_and_on_paper_alike(tmp_path: Path) -> None:
    path = tmp_path / "quick_cross.py"
    path.write_text(FILE, encoding="utf-8")
    spec = f"{path}:QuickCross"
    live = asyncio.run(_run(tmp_path / "live", spec, paper=False))
    paper = asyncio.run(_run(tmp_path / "paper", spec, paper=True))
    decisions = live["runner"].decisions
    assert live["runner"].kernel.strategy.name == "quick_cross"
    assert any(
        d["proposal"] == "Enter" and str(d["verdict"]).startswith("plan:open:BUY") for d in decisions
    ), decisions[:5]
    entries = [f for f in live["fills"] if f[0] == "BUY"]
    exits = [f for f in live["fills"] if f[0] == "SELL"]
    assert entries, live["fills"]
    assert exits, live["fills"]  # bought, and the exchange-side OCO closed it
    assert {f[1] for f in exits} <= {"LIMIT_MAKER", "STOP_LOSS", "STOP_LOSS_LIMIT", "LIMIT", "MARKET"}
    assert live["plans"]
    assert all(p.status != "pending_entry" for p in live["plans"])
    assert {p.strategy for p in live["plans"]} == {"quick_cross"}
    assert decisions == paper["runner"].decisions
    assert live["fills"] == paper["fills"]
