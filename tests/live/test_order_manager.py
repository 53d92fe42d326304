"""The live order manager on the in-memory venue: open → OCO per target → adjust replaces the OCOs
with the next plan version → exit cancels them and sells the rest; a refused OCO never leaves the
position naked."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from pathlib import Path

from aitrader.domain import Candle, Instrument, Side
from aitrader.domain.client_ids import Leg, client_order_id
from aitrader.domain.plan import OrderPlan
from aitrader.domain.proposal import Adjust, AdjustKind, Enter, Target
from aitrader.live.journal import LiveJournal
from aitrader.live.order_manager import LiveOrderManager
from aitrader.live.paper_venue import PaperVenue
from aitrader.live.verdicts import to_position
from aitrader.risk import AccountState, RiskGate

FIXTURES = Path(__file__).resolve().parents[2] / "data" / "binance"
PRICE = Decimal("28000")


def _setup(tmp: Path) -> tuple[PaperVenue, LiveJournal, LiveOrderManager, Instrument]:
    inst = Instrument.from_exchange_info(json.loads((FIXTURES / "exchangeinfo_btcusdt.json").read_text()))
    venue = PaperVenue(inst, {"USDT": Decimal(10000)})
    venue.on_candle(Candle(0, PRICE, PRICE, PRICE, PRICE, Decimal(1)), 60_000)
    journal = LiveJournal(tmp / "j.sqlite")
    return venue, journal, LiveOrderManager(venue, journal), inst


def _entry_plan(inst: Instrument, gate: RiskGate) -> OrderPlan:
    enter = Enter("BTCUSDT", Side.BUY, 28000.0, 27500.0, (Target(29000.0, 0.5), Target(29500.0, 0.5)), 0.7,
                  "test entry", 60_000, "test")  # fmt: skip
    plan = gate.review(enter, AccountState.flat(10000, 60_000), inst, PRICE)
    assert isinstance(plan, OrderPlan), plan
    return plan


def test_open_adjust_exit(tmp_path: Path) -> None:
    venue, journal, om, inst = _setup(tmp_path)
    gate = RiskGate()
    plan = _entry_plan(inst, gate)
    asyncio.run(om.open(plan, PRICE))
    row = om.position("BTCUSDT")
    assert row is not None
    assert row.status == "open"
    v1 = [client_order_id(plan.plan_id, 1, Leg.LIST, k) for k in (0, 1)]
    assert sorted(row.list_cids) == sorted(v1)
    assert sorted(lst.list_client_id for lst in asyncio.run(venue.open_order_lists())) == sorted(v1)

    account = AccountState(Decimal(10000), Decimal(5000), 120_000, positions=(to_position(row),))
    adjust = Adjust("BTCUSDT", AdjustKind.MOVE_STOP, "tighten", 28000.0, 120_000, new_stop=27800.0)
    plan2 = gate.review(adjust, account, inst, PRICE)
    assert isinstance(plan2, OrderPlan), plan2
    asyncio.run(om.adjust(plan2))
    row2 = om.position("BTCUSDT")
    assert row2 is not None
    assert row2.version == plan2.version == 2
    assert row2.stop == Decimal("27800")
    open_lists = sorted(lst.list_client_id for lst in asyncio.run(venue.open_order_lists()))
    assert open_lists == sorted(row2.list_cids)
    assert all(cid.split("-")[-1].startswith("2L") for cid in open_lists)  # version 2 replaced version 1

    asyncio.run(om.exit("BTCUSDT", "strategy exit"))
    assert om.position("BTCUSDT") is None
    assert asyncio.run(venue.open_order_lists()) == []
    (closed,) = journal.plans("closed")
    assert closed.qty == 0
    btc = asyncio.run(venue.balances())["BTC"]
    assert btc.total < inst.step_size  # only fee dust is left


def test_refused_protection_closes_the_position_at_market(tmp_path: Path) -> None:
    venue, journal, om, inst = _setup(tmp_path)
    plan = _entry_plan(inst, RiskGate())
    venue.last_price = Decimal("27400")  # the market fell through the stop before the OCO went out
    asyncio.run(om.open(plan, PRICE))
    assert om.position("BTCUSDT") is None
    (row,) = journal.plans()
    assert row.status == "closed"
    kinds = [k for _, k, _ in journal.events()]
    assert "protection_rejected" in kinds
    assert "exit" in kinds


def test_closed_results_feed_the_loss_streak(tmp_path: Path) -> None:
    from aitrader.live.account_book import account_state

    venue, journal, om, inst = _setup(tmp_path)
    plan = _entry_plan(inst, RiskGate())
    asyncio.run(om.open(plan, PRICE))
    venue.last_price = Decimal("27900")  # sell lower than we bought: a loss
    asyncio.run(om.exit("BTCUSDT", "cut"))
    ((plan_id, pnl, _),) = journal.closed_results()
    assert plan_id == plan.plan_id
    assert pnl < 0
    balances = {a: (b.free, b.locked) for a, b in asyncio.run(venue.balances()).items()}
    account = account_state(balances, inst, Decimal("27900"), 200_000, results=journal.closed_results())
    assert account.consecutive_losses == 1
    assert account.last_loss_ms is not None
