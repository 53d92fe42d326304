"""Full lifecycle against the local exchange over real sockets: entry → OCO → stop or target → the
other leg ends → journal, fills and balances agree with the exchange to the last digit."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from pathlib import Path

from aitrader.live.journal import LiveJournal
from aitrader.live.runner import LiveRunner
from aitrader.venues.binance.exchange_broker import BinanceBroker
from aitrader.venues.local import DEFAULT_API_KEY, DEFAULT_SECRET

from .helpers import (
    STOP_START_MS,
    TARGET_START_MS,
    exchange,
    exchange_balances,
    run_config,
    started,
    step_candles,
    telemetry_lines,
)

ZERO = Decimal(0)


def _balances_from_fills(journal: LiveJournal) -> dict[str, Decimal]:
    usdt, btc = Decimal(10000), ZERO
    for f in journal.fills():
        qty, quote = Decimal(f["qty"]), Decimal(f["qty"]) * Decimal(f["price"])
        if f["side"] == "BUY":
            usdt, btc = usdt - quote, btc + qty
        else:
            usdt, btc = usdt + quote, btc - qty
        if f["commission_asset"] == "USDT":
            usdt -= Decimal(f["commission"])
        elif f["commission_asset"] == "BTC":
            btc -= Decimal(f["commission"])
    return {"USDT": usdt, "BTC": btc}


async def _run(
    start_ms: int, tmp: Path, candles: int
) -> tuple[LiveRunner, dict[str, Decimal], list[str], list[str]]:
    async with exchange(start_ms) as ex:
        runner = LiveRunner(run_config(ex, tmp))
        task = asyncio.create_task(runner.run())
        await started(runner)
        await step_candles(ex, runner, candles)
        runner.request_stop("test over")
        await task
        broker = BinanceBroker.connect(DEFAULT_API_KEY, DEFAULT_SECRET, ex.rest_url)
        try:
            lists = [lst.list_client_id for lst in await broker.open_order_lists()]
            open_orders = [o.client_order_id or "" for o in await broker.open_orders("BTCUSDT")]
        finally:
            await broker.close()
        return runner, exchange_balances(ex), lists, open_orders


def test_stop_loss_closes_the_position_and_expires_the_targets(tmp_path: Path) -> None:
    runner, balances, lists, open_orders = asyncio.run(_run(STOP_START_MS, tmp_path, 14))
    journal = LiveJournal(tmp_path / "journal.sqlite")
    plans = journal.plans()
    assert len(plans) == 1
    plan = plans[0]
    assert plan.status == "closed", plan
    assert lists == []
    assert open_orders == []
    events = [k for _, k, _ in journal.events()]
    assert events.index("entry_filled") < events.index("protected") < events.index("protection_filled")
    orders = {o["cid"]: o for o in journal.orders_of(plan.plan_id)}
    legs = {o["leg"]: [] for o in orders.values()}
    for o in orders.values():
        legs[o["leg"]].append(o["status"])
    assert legs["E"] == ["FILLED"]
    assert set(legs["S"]) == {"FILLED"}  # both OCOs stopped out
    assert set(legs["T"]) == {"EXPIRED"}  # ...and their take-profit legs ended with them
    assert _balances_from_fills(journal) == {k: balances.get(k, ZERO) for k in ("USDT", "BTC")}
    lines = telemetry_lines(tmp_path / "telemetry.jsonl")
    assert len(lines) == runner.state.candles_seen >= 14  # +1: the warm-up's newest candle, backfilled
    assert any(line["orders"] for line in lines)
    journal.close()


def test_target_fill_leaves_the_rest_protected_and_journal_matches_exchange(tmp_path: Path) -> None:
    _, balances, lists, open_orders = asyncio.run(_run(TARGET_START_MS, tmp_path, 34))
    journal = LiveJournal(tmp_path / "journal.sqlite")
    (plan,) = journal.plans()
    assert plan.status == "open"
    filled = [o for o in journal.orders_of(plan.plan_id) if o["leg"] == "T" and o["status"] == "FILLED"]
    assert len(filled) == 1
    expired = [o for o in journal.orders_of(plan.plan_id) if o["leg"] == "S" and o["status"] == "EXPIRED"]
    assert len(expired) == 1
    assert expired[0]["list_cid"] == filled[0]["list_cid"]
    assert sorted(lists) == sorted(plan.list_cids)
    assert len(lists) == 1
    assert len(open_orders) == 2  # the two legs of the remaining OCO
    from_fills = _balances_from_fills(journal)
    assert from_fills == {k: balances.get(k, ZERO) for k in ("USDT", "BTC")}
    assert balances["BTC"] >= plan.qty  # what we hold covers what the OCO protects (dust aside)
    assert balances["BTC"] - plan.qty < Decimal("0.00001")
    journal.close()
