"""Crash-only order flow, in process: stop the order manager right after each journal commit of an
order's whole life (entry, protection, stop move, exit), start a fresh one on the same journal
against the same local exchange, and check what the exchange says: the position is covered by live
OCOs or closed, no client order id or list was ever accepted twice, the user's own 0.5 BTC were
never sold, and the journal's quantity equals what the bot holds on the venue.

The "kill" raises out of `faults.after_commit`, which the journal calls right after a commit, so
the state left behind is exactly a SIGKILL's at that point (nothing after the commit runs; no
journal write sits in a `finally`). The real process is SIGKILLed by the fault matrix
(benchmarks/fault_matrix.py); this test walks every commit deterministically and fast.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from aitrader.domain import Side
from aitrader.domain.plan import OrderPlan
from aitrader.domain.proposal import Adjust, AdjustKind, Enter, Target
from aitrader.live import faults
from aitrader.live.journal import LiveJournal
from aitrader.live.verdicts import to_position
from aitrader.risk import AccountState, RiskGate
from aitrader.venues.binance.exchange_broker import BinanceBroker
from aitrader.venues.local import DEFAULT_API_KEY, DEFAULT_SECRET, AccountConfig, LocalExchange

from .helpers import TARGET_START_MS, OrderDesk, exchange

FOREIGN_BTC = Decimal("0.5")
COMMITS = 40  # journal commits of one clean life: entry, protection, stop move, partial take-off, exit


class Killed(BaseException):
    """Stands for SIGKILL: a BaseException, so no `except Exception` in the code under test eats it."""


def _exchange() -> LocalExchange:
    account = AccountConfig(balances={"USDT": Decimal(10000), "BTC": FOREIGN_BTC})
    return exchange(TARGET_START_MS, accounts=[account])


def _plans(inst: Any, price: Decimal) -> tuple[Enter, float]:
    p = float(price)
    enter = Enter("BTCUSDT", Side.BUY, p, p * 0.99, (Target(p * 1.02, 0.5), Target(p * 1.03, 0.5)), 0.7,
                  "test entry", TARGET_START_MS, "test")  # fmt: skip
    return enter, p * 0.995


async def _life(desk: OrderDesk, broker: BinanceBroker, step: int) -> None:
    """Entry -> protected -> stop moved -> exit; `step` resumes after a restart (0: from the start)."""
    inst = await broker.instrument("BTCUSDT")
    price = Decimal(str((await broker.ex.public_get_ticker_price({"symbol": "BTCUSDT"}))["price"]))
    gate = RiskGate()
    enter, new_stop = _plans(inst, price)
    if step == 0:
        account = AccountState.flat(10000, TARGET_START_MS)
        plan = gate.review(enter, account, inst, price)
        assert isinstance(plan, OrderPlan), plan
        await desk.execute(plan, price)
    row = desk.orders.position("BTCUSDT")
    if row is None or row.status != "open":
        return
    if step <= 1 and row.stop < Decimal(str(new_stop)):
        account = AccountState(
            Decimal(10000), Decimal(5000), TARGET_START_MS + 60_000, positions=(to_position(row),)
        )
        adjust = Adjust("BTCUSDT", AdjustKind.MOVE_STOP, "tighten", float(price), TARGET_START_MS + 60_000,
                        new_stop=new_stop)  # fmt: skip
        plan2 = gate.review(adjust, account, inst, price)
        assert isinstance(plan2, OrderPlan), plan2
        await desk.execute(plan2)
    row = desk.orders.position("BTCUSDT")
    if step <= 2 and row is not None and row.status == "open" and row.version < 3:
        account = AccountState(
            Decimal(10000), Decimal(5000), TARGET_START_MS + 120_000, positions=(to_position(row),)
        )
        partial = Adjust("BTCUSDT", AdjustKind.TAKE_PARTIAL, "take half", float(price), TARGET_START_MS + 120_000,
                         new_stop=float(row.stop), take_fraction=0.5)  # fmt: skip
        plan3 = gate.review(partial, account, inst, price)
        assert isinstance(plan3, OrderPlan), plan3
        await desk.execute(plan3)
    await desk.close("BTCUSDT")


async def _venue_facts(broker: BinanceBroker) -> dict[str, Any]:
    orders = await broker.ex.private_get_allorders({"symbol": "BTCUSDT"})
    lists = await broker.ex.private_get_allorderlist({})
    balances = await broker.balances()
    bot_net = Decimal(0)
    for o in orders:
        if str(o["clientOrderId"]).startswith("at-"):
            qty = Decimal(str(o["executedQty"]))
            bot_net += qty if o["side"] == "BUY" else -qty
    stops = sum(  # what the bot's live stop legs would sell: must be exactly what it holds
        (
            Decimal(str(o["origQty"])) - Decimal(str(o["executedQty"]))
            for o in orders
            if str(o["clientOrderId"]).startswith("at-") and o["type"] == "STOP_LOSS" and o["status"] == "NEW"
        ),
        Decimal(0),
    )
    return {
        "stops": stops,
        "order_cids": Counter(str(o["clientOrderId"]) for o in orders),
        "list_cids": Counter(str(lst["listClientOrderId"]) for lst in lists),
        "open_lists": [lst for lst in lists if lst["listOrderStatus"] == "EXECUTING"],
        "btc": balances["BTC"].total if "BTC" in balances else Decimal(0),
    }


def _kill_after_write(broker: BinanceBroker, nth: int) -> list[str]:
    """Make the `nth` order write (order, OCO, cancel) of `broker` "kill" the bot once the venue has
    executed it and before its answer is read: what a SIGKILL between the two does."""
    writes: list[str] = []
    for name in ("place", "place_oco", "cancel", "cancel_oco"):
        real = getattr(broker, name)

        async def wrapped(*args: Any, _real: Any = real, _name: str = name, **kw: Any) -> Any:
            result = await _real(*args, **kw)
            writes.append(_name)
            if len(writes) == nth:
                raise Killed
            return result

        setattr(broker, name, wrapped)
    return writes


async def _run(
    tmp: Path, kill_at: int | None, monkeypatch: pytest.MonkeyPatch, kill_after_write: int | None = None
) -> dict[str, Any]:
    def die(n: int) -> None:
        if n == kill_at:
            raise Killed

    monkeypatch.setattr("aitrader.live.journal.after_commit", die)
    async with _exchange() as ex:
        broker = BinanceBroker.connect(DEFAULT_API_KEY, DEFAULT_SECRET, ex.rest_url)
        try:
            journal = LiveJournal(tmp / "journal.sqlite")
            killed = False
            dying = BinanceBroker.connect(DEFAULT_API_KEY, DEFAULT_SECRET, ex.rest_url)  # the first process's
            writes = _kill_after_write(dying, kill_after_write) if kill_after_write else []
            first = OrderDesk(dying, journal, await dying.instrument("BTCUSDT"))
            try:
                await _life(first, dying, 0)
            except Killed:
                killed = True
            finally:
                await first.stop()
                await dying.close()
            commits = journal.commits
            journal.close()
            monkeypatch.setattr("aitrader.live.journal.after_commit", faults.after_commit)
            journal = LiveJournal(tmp / "journal.sqlite")  # the restarted process
            desk = OrderDesk(broker, journal, await broker.instrument("BTCUSDT"))
            om = desk.orders
            await desk.refresh("BTCUSDT")
            doubt_waits = 0
            while (
                om.io.recheck_at is not None
            ):  # an order in doubt: the guard checks again once it is settled
                await asyncio.sleep(max(0.0, om.io.recheck_at - time.monotonic()) + 0.01)
                assert om.io.recheck_due()
                await desk.refresh("BTCUSDT")
                doubt_waits += 1
            row = om.position("BTCUSDT")
            protected_after_restart = row is None or row.status != "open" or om.is_protected(row.plan_id)
            held_in_journal = row.qty if row is not None else Decimal(0)
            facts = await _venue_facts(broker)
            await _life(desk, broker, 1 if row is not None else 2)  # the strategy goes on: it exits
            end = await _venue_facts(broker)
            await desk.stop()
            journal.close()
        finally:
            await broker.close()
    return {
        "killed": killed, "commits": commits, "protected": protected_after_restart, "writes": writes,
        "doubt_waits": doubt_waits,
        "held": held_in_journal, "restart": facts, "end": end,
    }  # fmt: skip


def test_a_clean_life_commits_and_closes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = asyncio.run(_run(tmp_path, None, monkeypatch))
    assert not out["killed"]
    assert out["commits"] == COMMITS  # the kill test below walks every one of them
    assert out["end"]["open_lists"] == []
    assert FOREIGN_BTC <= out["end"]["btc"] < FOREIGN_BTC + Decimal("0.00001")  # fee dust at most


def _check(out: dict[str, Any], where: str) -> None:
    restart, end = out["restart"], out["end"]
    assert out["protected"], f"{where}: the open position was not protected by the restart"
    for facts in (restart, end):
        assert [c for c, n in facts["order_cids"].items() if n > 1] == []
        assert [c for c, n in facts["list_cids"].items() if n > 1] == []
        assert facts["btc"] >= FOREIGN_BTC, "the user's own coins were sold"
    assert abs(restart["btc"] - FOREIGN_BTC - out["held"]) < Decimal("0.00001")  # journal = exchange (dust)
    if out["held"] > Decimal("0.0001"):  # an open position: its stops cover what the bot holds, no more
        assert abs(restart["stops"] - out["held"]) < Decimal("0.00001"), (restart["stops"], out["held"])
    assert end["open_lists"] == []
    assert end["btc"] < FOREIGN_BTC + Decimal("0.00001")


@pytest.mark.parametrize("kill_at", range(1, COMMITS + 1))
def test_killed_after_any_commit_the_restart_is_protected_undoubled_and_honest(
    kill_at: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = asyncio.run(_run(tmp_path, kill_at, monkeypatch))
    if not out["killed"]:
        pytest.skip(f"a clean life has fewer than {kill_at} commits")
    _check(out, f"after commit {kill_at}")


@pytest.mark.parametrize("nth", range(1, 16))
def test_killed_after_the_venue_executed_a_request_nothing_is_sent_twice(
    nth: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The audit's double SELL: killed after the exit executed, before the bot heard. Here every
    order write of an order's life (entry, two OCOs, two cancels and two OCOs of the stop move,
    two cancels and the exit) is the one the bot dies after."""
    out = asyncio.run(_run(tmp_path, None, monkeypatch, kill_after_write=nth))
    assert out["killed"], f"a clean life has fewer than {nth} order writes: {out['writes']}"
    _check(out, f"after order write {nth} ({out['writes'][-1]})")
