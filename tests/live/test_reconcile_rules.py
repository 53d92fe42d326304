"""Reconciliation rules on an in-memory venue: adopt our orphaned OCO, leave foreign orders alone,
refuse to trade on a balance mismatch, re-place a missing OCO before anything else."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from pathlib import Path

from aitrader.domain import Candle, Instrument, OrderRequest, OrderType, Side
from aitrader.domain.client_ids import Leg, client_order_id
from aitrader.live.journal import LiveJournal
from aitrader.live.order_manager import LiveOrderManager
from aitrader.live.paper_venue import PaperVenue
from aitrader.live.reconcile import reconcile
from aitrader.venues.binance.exchange_broker import OcoRequest

FIXTURES = Path(__file__).resolve().parents[2] / "data" / "binance"


def _venue(btc: str = "0") -> PaperVenue:
    inst = Instrument.from_exchange_info(json.loads((FIXTURES / "exchangeinfo_btcusdt.json").read_text()))
    venue = PaperVenue(inst, {"USDT": Decimal(10000), "BTC": Decimal(btc)})
    venue.on_candle(Candle(0, *(Decimal("28000"),) * 4, Decimal(1)), 60_000)
    return venue


def _open_plan(journal: LiveJournal, qty: str, lists: list[str]) -> None:
    journal.add_plan("P1", 1, "BTCUSDT", "BUY", client_order_id("P1", 1, Leg.ENTRY), Decimal(28000),
                     Decimal(27500), [(Decimal(29000), Decimal(1))])  # fmt: skip
    journal.update_plan("P1", status="open", qty=Decimal(qty), entry_qty=Decimal(qty), list_cids=lists)


def test_missing_oco_is_replaced_first_and_then_all_agrees(tmp_path: Path) -> None:
    venue, journal = _venue(btc="0.01"), LiveJournal(tmp_path / "j.sqlite")
    _open_plan(journal, "0.01", [])
    report = asyncio.run(reconcile(venue, journal, LiveOrderManager(venue, journal), "BTCUSDT"))
    assert report.ok, report.lines()
    assert report.reprotected
    (lst,) = asyncio.run(venue.open_order_lists())
    assert lst.list_client_id == client_order_id("P1", 1, Leg.LIST)
    assert journal.plan("P1").list_cids == (lst.list_client_id,)  # type: ignore[union-attr]


def test_coins_sold_outside_the_bot_shrink_the_position_and_the_rest_is_protected(tmp_path: Path) -> None:
    venue, journal = _venue(btc="0.004"), LiveJournal(tmp_path / "j.sqlite")
    _open_plan(journal, "0.01", [])
    report = asyncio.run(reconcile(venue, journal, LiveOrderManager(venue, journal), "BTCUSDT"))
    assert report.ok, report.lines()
    assert report.sold_outside == ["0.00600000 BTCUSDT of P1; the bot now holds 0.00400000"]
    plan = journal.plan("P1")
    assert plan is not None
    assert (plan.qty, plan.outside_qty) == (Decimal("0.004"), Decimal("0.006"))
    (lst,) = asyncio.run(venue.open_order_lists())
    assert venue.orders[lst.orders[0][1]].request.quantity == Decimal("0.004")  # all that is left, no more
    assert [k for _, k, _ in journal.events("sold_outside")] == ["sold_outside"]


def test_foreign_orders_are_reported_untouched_and_our_orphan_oco_is_adopted(tmp_path: Path) -> None:
    venue, journal = _venue(btc="0.02"), LiveJournal(tmp_path / "j.sqlite")
    foreign = OrderRequest("BTCUSDT", Side.SELL, OrderType.LIMIT, Decimal("0.01"), Decimal("35000"),
                           client_order_id="x-TKT5PX2Fsomebodyelse")  # fmt: skip
    asyncio.run(venue.place(foreign))
    oco = OcoRequest("BTCUSDT", Side.SELL, Decimal("0.01"), Decimal("29000"), Decimal("27000"),
                     client_order_id("Q9", 2, Leg.LIST), client_order_id("Q9", 2, Leg.STOP),
                     client_order_id("Q9", 2, Leg.TARGET))  # fmt: skip
    asyncio.run(venue.place_oco(oco))
    report = asyncio.run(reconcile(venue, journal, LiveOrderManager(venue, journal), "BTCUSDT"))
    assert report.ok, report.lines()
    assert any("x-TKT5PX2Fsomebodyelse" in f for f in report.foreign_orders)
    assert venue.orders["x-TKT5PX2Fsomebodyelse"].status.is_open  # never touched
    (adopted,) = journal.plans("open")
    assert adopted.qty == Decimal("0.01")
    assert adopted.stop == Decimal("27000")
    assert adopted.list_cids == (client_order_id("Q9", 2, Leg.LIST),)


def test_a_plan_the_restart_cannot_explain_refuses_new_entries(tmp_path: Path) -> None:
    venue, journal = _venue(), LiveJournal(tmp_path / "j.sqlite")
    # what an older version left after a crash between its two commits: a plan without its entry intent
    journal.add_plan("P2", 1, "BTCUSDT", "BUY", client_order_id("P2", 1, Leg.ENTRY), Decimal(28000),
                     Decimal(27500), [(Decimal(29000), Decimal(1))])  # fmt: skip
    report = asyncio.run(reconcile(venue, journal, LiveOrderManager(venue, journal), "BTCUSDT"))
    assert not report.ok
    assert report.mismatches == [
        "plan P2 is pending an entry the journal has no order for (none is on the venue either; "
        "`aitrader trade --forget-plan P2` abandons it): cannot explain it, so new entries are refused"
    ]
    assert journal.plan("P2").status == "pending_entry"  # type: ignore[union-attr]  # left for a person
