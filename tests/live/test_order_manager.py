"""The one order manager live, against the local exchange (real BTCUSDT candles, the real venue
client, the venue adapter and its journal, as `aitrader trade` wires them): open → one OCO per target → adjust replaces the OCOs with the next plan version's → exit cancels
them and sells the rest; an OCO the exchange refuses never leaves the position naked; closed
results feed the loss streak."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from decimal import Decimal
from pathlib import Path

from aitrader.domain import Instrument, OrderType, Side
from aitrader.domain.client_ids import Leg, client_order_id
from aitrader.domain.plan import OrderPlan
from aitrader.domain.proposal import Adjust, AdjustKind, Enter, Target
from aitrader.live.account_book import account_state
from aitrader.live.journal import LiveJournal
from aitrader.live.verdicts import to_position
from aitrader.risk import AccountState, RiskGate
from aitrader.venues.binance.exchange_broker import BinanceBroker
from aitrader.venues.local import DEFAULT_API_KEY, DEFAULT_SECRET, LocalExchange

from .helpers import STOP_START_MS, OrderDesk, exchange

# Seven candles into the stopped-out long's window: the tape is at a local high (28455.94) and the
# next two candles fall about 0.6% without coming near a 2% stop.
START_MS = STOP_START_MS + 7 * 60_000
SYMBOL = "BTCUSDT"


class Desk:
    """One local exchange, the venue client the live bot uses on it, and the live order path."""

    def __init__(self, ex: LocalExchange, broker: BinanceBroker, tmp: Path, inst: Instrument) -> None:
        self.ex, self.broker = ex, broker
        self.journal = LiveJournal(tmp / "journal.sqlite")
        self.desk = OrderDesk(broker, self.journal, inst)
        self.om = self.desk.orders

    async def price(self) -> Decimal:
        ticker = await self.broker.ex.public_get_ticker_price({"symbol": SYMBOL})
        return Decimal(str(ticker["price"]))

    async def open_lists(self) -> list[str]:
        return sorted(lst.list_client_id for lst in await self.broker.open_order_lists())

    async def stop_legs(self) -> list[tuple[Decimal, Decimal]]:
        """(quantity, stop price) of the stop leg of every open OCO, as the exchange has them."""
        out = []
        for lst in await self.broker.open_order_lists():
            for _, cid in lst.orders:
                order = await self.broker.get_order(SYMBOL, cid)
                assert order is not None, cid
                if order.type is OrderType.STOP_LOSS:
                    out.append((order.request.quantity or Decimal(0), order.request.stop_price or Decimal(0)))
        return out

    async def btc(self) -> Decimal:
        held = (await self.broker.balances()).get("BTC")
        return held.total if held is not None else Decimal(0)


@asynccontextmanager
async def desk(tmp: Path) -> AsyncIterator[Desk]:
    async with exchange(START_MS) as ex:
        broker = BinanceBroker.connect(DEFAULT_API_KEY, DEFAULT_SECRET, ex.rest_url)
        try:
            await broker.start()
            d = Desk(ex, broker, tmp, await broker.instrument(SYMBOL))
            yield d
            await d.desk.stop()
            d.journal.close()
        finally:
            await broker.close()


def _entry_plan(
    inst: Instrument, gate: RiskGate, price: Decimal, stop: float, targets: tuple[float, ...]
) -> OrderPlan:
    p = float(price)
    enter = Enter(SYMBOL, Side.BUY, p, p * stop, tuple(Target(p * t, 0.5) for t in targets), 0.7,
                  "test entry", START_MS, "test")  # fmt: skip
    plan = gate.review(enter, AccountState.flat(10000, START_MS), inst, price)
    assert isinstance(plan, OrderPlan), plan
    return plan


def _wide_plan(inst: Instrument, gate: RiskGate, price: Decimal) -> OrderPlan:
    """Stop 1.8% below, targets 3.6% and 5.4% above: nothing the next candles reach."""
    return _entry_plan(inst, gate, price, 0.982, (1.036, 1.054))


def test_open_adjust_exit(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with desk(tmp_path) as d:
            inst = await d.broker.instrument(SYMBOL)
            price = await d.price()
            gate = RiskGate()
            plan = _wide_plan(inst, gate, price)
            await d.desk.execute(plan, price)
            row = d.om.position(SYMBOL)
            assert row is not None
            assert row.status == "open"
            assert d.om.is_protected(plan.plan_id)
            v1 = sorted(client_order_id(plan.plan_id, 1, Leg.LIST, k) for k in (0, 1))  # one OCO per target
            assert sorted(row.list_cids) == v1
            assert await d.open_lists() == v1
            legs = await d.stop_legs()
            assert sum(q for q, _ in legs) == row.qty > 0  # the whole position, no more
            assert {s for _, s in legs} == {row.stop}
            assert await d.btc() - row.qty < inst.step_size  # fee dust aside, the OCOs cover what we hold

            new_stop = inst.round_price(price * Decimal("0.993"))
            account = AccountState(
                Decimal(10000), Decimal(5000), START_MS + 60_000, positions=(to_position(row),)
            )
            adjust = Adjust(SYMBOL, AdjustKind.MOVE_STOP, "tighten", float(price), START_MS + 60_000,
                            new_stop=float(new_stop))  # fmt: skip
            plan2 = gate.review(adjust, account, inst, price)
            assert isinstance(plan2, OrderPlan), plan2
            await d.desk.execute(plan2)
            row2 = d.om.position(SYMBOL)
            assert row2 is not None
            assert row2.version == plan2.version == 2
            assert row2.stop == new_stop > row.stop
            open_lists = await d.open_lists()
            assert open_lists == sorted(row2.list_cids)
            assert all(cid.split("-")[-1].startswith("2L") for cid in open_lists)  # v2 replaced v1
            assert not set(open_lists) & set(v1)
            legs2 = await d.stop_legs()
            assert {s for _, s in legs2} == {new_stop}  # the exchange holds the moved stop
            assert sum(q for q, _ in legs2) == row2.qty == row.qty
            assert d.om.is_protected(plan.plan_id)

            await d.desk.close(SYMBOL)
            assert d.om.position(SYMBOL) is None
            assert await d.open_lists() == []
            assert await d.broker.open_orders(SYMBOL) == []
            (closed,) = d.journal.plans("closed")
            assert closed.qty == 0
            assert await d.btc() < inst.step_size  # only fee dust is left

    asyncio.run(scenario())


def test_refused_protection_closes_the_position_at_market(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with desk(tmp_path) as d:
            inst = await d.broker.instrument(SYMBOL)
            price = await d.price()
            plan = _entry_plan(inst, RiskGate(), price, 0.998, (1.01, 1.015))  # a tight stop, 0.2% below
            assert plan.stop_price is not None
            for _ in range(5):  # the market falls through the stop before the orders go out
                await d.ex.step(candles=1)
                if await d.price() < plan.stop_price:
                    break
            assert await d.price() < plan.stop_price, "the tape no longer falls through the stop here"
            await d.desk.execute(plan, price)
            assert d.om.position(SYMBOL) is None
            (row,) = d.journal.plans()
            assert row.status == "closed"
            assert row.qty == 0
            events = list(d.journal.events())
            kinds = [k for _, k, _ in events]
            assert kinds.index("entry_filled") < kinds.index("protection_rejected") < kinds.index("exit")
            (refusal,) = [detail for _, k, detail in events if k == "protection_rejected"]
            # the exchange's own refusal (-2010): a stop above the market would trigger at once
            assert "-2010" in refusal["reason"]
            assert "relationship of the prices" in refusal["reason"]
            assert await d.open_lists() == []
            assert await d.broker.open_orders(SYMBOL) == []
            assert await d.btc() < inst.step_size  # sold: never left holding coins without a stop

    asyncio.run(scenario())


def test_closed_results_feed_the_loss_streak(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with desk(tmp_path) as d:
            inst = await d.broker.instrument(SYMBOL)
            price = await d.price()
            plan = _wide_plan(inst, RiskGate(), price)
            await d.desk.execute(plan, price)
            assert d.om.is_protected(plan.plan_id)
            await d.ex.step(candles=2)  # the tape falls ~0.6%, far above the stop
            now = await d.price()
            assert now < price
            assert d.om.position(SYMBOL) is not None  # still open: the OCOs did not fire
            await d.desk.close(SYMBOL)
            fills = d.journal.fills()
            bought = [Decimal(f["price"]) for f in fills if f["side"] == "BUY"]
            sold = [Decimal(f["price"]) for f in fills if f["side"] == "SELL"]
            assert bought
            assert sold
            assert max(sold) < min(bought)  # sold lower than we bought: a loss
            ((plan_id, pnl, _),) = d.journal.closed_results()
            assert plan_id == plan.plan_id
            assert pnl < 0
            balances = {a: (b.free, b.locked) for a, b in (await d.broker.balances()).items()}
            account = account_state(
                balances, inst, now, START_MS + 200_000, results=d.journal.closed_results()
            )
            assert account.consecutive_losses == 1
            assert account.last_loss_ms is not None
            assert account.equity < Decimal(10000)

    asyncio.run(scenario())


def test_an_exit_under_way_is_not_decided_again(tmp_path: Path) -> None:
    """A slow venue still works on the exit when the strategy says "exit" again: the kernel
    answers that proposal itself (exit_under_way) instead of a second exit plan of the same version."""
    from aitrader.domain.plan import Rejection, RejectionCode
    from aitrader.domain.proposal import Exit
    from aitrader.engine.events import VerdictGiven

    async def scenario() -> None:
        async with desk(tmp_path) as d:
            inst = await d.broker.instrument(SYMBOL)
            price = await d.price()
            await d.desk.execute(_wide_plan(inst, RiskGate(), price), price)
            verdicts: list[VerdictGiven] = []
            d.desk.kernel.bus.subscribe(VerdictGiven, verdicts.append)
            d.desk.om.close_position(SYMBOL, d.desk.held(SYMBOL))  # handed to the worker, not done yet
            assert d.desk.om.exiting(SYMBOL)
            d.desk.kernel._review(Exit(SYMBOL, "again", float(price), START_MS + 60_000), 1, float(price))
            (again,) = verdicts
            assert isinstance(again.verdict, Rejection)
            assert again.verdict.code is RejectionCode.EXIT_UNDER_WAY
            await d.desk.idle()
            assert not d.desk.om.exiting(SYMBOL)
            assert d.om.position(SYMBOL) is None  # the one exit closed it
            assert [
                o for o in d.journal.all_orders() if o["leg"] == Leg.EXIT.value and o["status"] == "FILLED"
            ]

    asyncio.run(scenario())
