"""Venue trouble (5xx and 429 bursts) is ridden out without doubling anything or earning a ban, and a
paper run and a live run of the same replay make the same decisions and see the same fills."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from pathlib import Path
from typing import Any

from aitrader.backtest.replay import load_session, replay_session
from aitrader.backtest.replay_diff import compare
from aitrader.engine.events import FillEvent, OrderEvent
from aitrader.execution.journal_reader import JournalReader
from aitrader.live.journal import LiveJournal
from aitrader.live.runner import LiveRunner
from aitrader.venues.binance.exchange_broker import BinanceBroker
from aitrader.venues.local import DEFAULT_API_KEY, DEFAULT_SECRET

from .helpers import TARGET_START_MS, exchange, run_config, sample_around, started, step_candles


async def _run(
    tmp: Path, paper: bool, candles: int, faults: list[tuple[int, dict[str, Any]]]
) -> dict[str, Any]:
    async with exchange(TARGET_START_MS) as ex:
        runner = LiveRunner(run_config(ex, tmp, paper=paper))
        task = asyncio.create_task(runner.run())
        await started(runner)
        kernel_fills: list[tuple[str, str, Decimal, Decimal]] = []  # what the kernel heard, either mode
        ended: list[tuple[str, str, str]] = []  # orders that ended unfilled: (side, type, status)
        runner.kernel.bus.subscribe(
            OrderEvent,
            lambda e: ended.append((e.update.side.value, e.update.order_type.value, e.update.status.value)),
        )
        runner.kernel.bus.subscribe(
            FillEvent,
            lambda e: kernel_fills.append(
                (e.report.side.value, e.report.order_type.value, _dec(e.report.price), _dec(e.report.qty))
            ),
        )
        done = 0
        for at, change in faults:
            await step_candles(ex, runner, at - done, timeout=60)
            done = at
            ex.faults.update(change)
        await step_candles(ex, runner, candles - done, timeout=60)
        ex.faults.update({"rest_error_share": 0.0})
        runner.request_stop("test over")
        await task
        broker = BinanceBroker.connect(DEFAULT_API_KEY, DEFAULT_SECRET, ex.rest_url)
        try:
            orders = await broker.ex.private_get_allorders({"symbol": "BTCUSDT"})
        finally:
            await broker.close()
        journal = LiveJournal(tmp / "journal.sqlite")
        fills = [(f["side"], f["price"], f["qty"]) for f in journal.fills()]
        plans = journal.plans()
        journal.close()
        return {
            "runner": runner,
            "orders": orders,
            "fills": fills,
            "plans": plans,
            "kernel_fills": kernel_fills,
            "ended": ended,
        }


def _dec(x: float) -> Decimal:
    return Decimal(repr(x))


def test_5xx_and_429_bursts_are_ridden_out_without_doubles_or_bans(tmp_path: Path) -> None:
    bursts = [
        (0, {"rest_error_share": 0.3, "rest_error_status": 503}),
        (8, {"rest_error_share": 0.3, "rest_error_status": 429}),
        (16, {"rest_error_share": 0.0}),
    ]
    out = asyncio.run(_run(tmp_path, paper=False, candles=34, faults=bursts))
    runner: LiveRunner = out["runner"]
    session = runner.venue.session  # type: ignore[union-attr]
    assert session.retries + session.rate_limit_hits > 0, "no fault was met: the test did not test anything"
    entries = [o for o in out["orders"] if o["clientOrderId"].endswith("-1E")]
    assert len(entries) == 1
    lists = {o["orderListId"] for o in out["orders"] if o["orderListId"] != -1}
    assert len(lists) == 2  # one OCO per target, none doubled
    # an entry whose request died in a 5xx is looked up, never resent: once it surely cannot arrive
    # any more its plan is abandoned, and a later decision makes a new one
    (plan,) = [p for p in out["plans"] if p.status != "abandoned"]
    assert plan.status == "open"  # first target filled, the rest still protected
    assert all(p.entry_cid != plan.entry_cid for p in out["plans"] if p.status == "abandoned")
    assert runner.state.candles_seen >= 34


def test_paper_live_and_backtest_kernel_decide_alike_on_one_replay(tmp_path: Path) -> None:
    live = asyncio.run(_run(tmp_path / "live", paper=False, candles=34, faults=[]))
    paper = asyncio.run(_run(tmp_path / "paper", paper=True, candles=34, faults=[]))
    assert live["runner"].seen_closed == paper["runner"].seen_closed
    assert live["runner"].decisions == paper["runner"].decisions
    assert live["runner"].decisions, "no decision was made: the replay window is wrong"
    # the venue's fills (the local exchange through the live order manager) and the simulator's
    # (paper: SimBroker under the live fill model) reach the kernel alike: side, type, price, qty
    assert live["kernel_fills"], "no fill: the replay window is wrong"
    assert live["kernel_fills"] == paper["kernel_fills"]
    # the orders that ended without a fill reach the kernel alike too: the take-profit filled, so its
    # OCO's stop leg expired, on the exchange as in the simulator
    assert ("SELL", "STOP_LOSS", "EXPIRED") in live["ended"]
    assert sorted(live["ended"]) == sorted(paper["ended"])
    # and the kernel heard exactly what the crash-only journal recorded from the exchange
    journal = [(side, Decimal(price), Decimal(qty)) for side, price, qty in live["fills"]]
    assert journal == [(f[0], f[2], f[3]) for f in live["kernel_fills"]]
    # ...and a backtest (Kernel.load + run under the live fill model) decides and fills the same
    seen = live["runner"].seen_closed
    kernel, fills = _kernel_decisions(seen[0], seen[-1])
    assert [(d["time"], d["proposal"], d["verdict"]) for d in kernel] == [
        (d["time"], d["proposal"], d["verdict"]) for d in live["runner"].decisions
    ]
    assert fills == live["kernel_fills"]
    # and `aitrader replay` of the live session (its candles as received) finds no difference
    session = load_session(JournalReader(tmp_path / "live" / "journal.sqlite"))
    diff = compare(session, replay_session(session))
    assert session.run["mode"] == "live"
    assert diff.fills == len(live["kernel_fills"])
    assert diff.unexplained == []


def _kernel_decisions(first_ms: int, last_ms: int) -> tuple[list[dict[str, object]], list[Any]]:
    """A backtest on the same candles (`Kernel.load` + `run`, SimBroker under the live fill model):
    its decisions by bar open time, and its fills."""
    import json as _json

    from aitrader.domain import Instrument
    from aitrader.engine.events import VerdictGiven
    from aitrader.engine.kernel import Kernel
    from aitrader.execution.fill_model import FillModel
    from aitrader.execution.sim_broker import SimBroker
    from aitrader.live.verdicts import verdict_key
    from aitrader.risk import RiskConfig, RiskGate
    from aitrader.strategies import get_strategy
    from mechanics_costs import RISK_COSTS_OFF, STRATEGY_COSTS_OFF

    candles = sample_around(TARGET_START_MS)
    fixtures = Path(__file__).resolve().parents[2] / "data" / "binance"
    inst = Instrument.from_exchange_info(_json.loads((fixtures / "exchangeinfo_btcusdt.json").read_text()))
    broker = SimBroker(fill_model=FillModel.LIVE, interval_ms=60_000)
    # the live run's strategy and gate: a local exchange's replay runs with the cost rules off
    # (`local_exchange_config`), so this backtest does too (`mechanics_costs`)
    gate = RiskGate(RiskConfig(**RISK_COSTS_OFF))
    kernel = Kernel(get_strategy("confluence", STRATEGY_COSTS_OFF), gate, broker, inst, 10_000.0)
    seen: list[dict[str, object]] = []
    fills: list[Any] = []

    def on_verdict(v: VerdictGiven) -> None:
        open_time = v.time_ms - 60_000  # the kernel stamps a decision at its bar's close
        seen.append(
            {"time": open_time, "proposal": type(v.proposal).__name__, "verdict": verdict_key(v.verdict)}
        )

    kernel.bus.subscribe(VerdictGiven, on_verdict)
    kernel.bus.subscribe(
        FillEvent,
        lambda e: fills.append(
            (e.report.side.value, e.report.order_type.value, _dec(e.report.price), _dec(e.report.qty))
        ),
    )
    window = candles.between(None, last_ms + 1)
    kernel.load(window)
    kernel.run(len(candles.between(None, first_ms)))
    return seen, fills
