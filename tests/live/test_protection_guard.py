"""The running bot on the local exchange keeps its promises between candles: an OCO cancelled by
hand is replaced without waiting for a candle, "protected" is shown only while it is true, and a
429 storm delays orders but not candle processing."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from pathlib import Path
from typing import Any

from aitrader.domain import Candle
from aitrader.live.guard import late_reason
from aitrader.live.journal import LiveJournal
from aitrader.live.runner import LiveRunner
from aitrader.venues.binance.exchange_broker import BinanceBroker
from aitrader.venues.local import DEFAULT_API_KEY, DEFAULT_SECRET

from .helpers import TARGET_START_MS, exchange, run_config, started, step_candles, wait_for


async def _until_protected(ex: Any, runner: LiveRunner) -> str:
    for _ in range(12):
        await step_candles(ex, runner, 1)
        row = runner.om.position("BTCUSDT") if runner.om else None
        if row is not None and row.status == "open" and runner.om and runner.om.is_protected(row.plan_id):
            return row.plan_id
    raise AssertionError("no protected position within 12 candles")


def test_an_oco_cancelled_by_hand_is_replaced_without_waiting_for_a_candle(tmp_path: Path) -> None:
    async def scenario() -> dict[str, Any]:
        async with exchange(TARGET_START_MS) as ex:
            runner = LiveRunner(run_config(ex, tmp_path))
            task = asyncio.create_task(runner.run())
            await started(runner)
            plan_id = await _until_protected(ex, runner)
            assert runner.om is not None
            assert runner.guard is not None
            shown: list[str] = []  # every protection line the view showed from here on
            redraw = runner.guard.on_change

            def record() -> None:
                redraw()
                shown.append(runner.state.protection)

            runner.guard.on_change = record
            other = BinanceBroker.connect(DEFAULT_API_KEY, DEFAULT_SECRET, ex.rest_url)  # another client
            try:
                before = [lst.list_client_id for lst in await other.open_order_lists()]
                for list_cid in before:
                    assert await other.cancel_oco("BTCUSDT", list_cid)
                candles = runner.state.candles_seen
                await wait_for(lambda: "NOT PROTECTED" in " ".join(shown), 5, "the bot to notice")
                await wait_for(lambda: runner.om.is_protected(plan_id), 10, "the bot to re-protect")  # type: ignore[union-attr]
                after = [lst.list_client_id for lst in await other.open_order_lists()]
                assert runner.state.candles_seen == candles  # no candle was needed
            finally:
                await other.close()
            runner.request_stop("test over")
            await task
            return {"before": before, "after": after, "journal": tmp_path / "journal.sqlite", "shown": shown,
                    "final": runner.state.protection}  # fmt: skip

    out = asyncio.run(scenario())
    assert out["before"]
    assert out["after"]
    shown = out["shown"]
    assert any(line.startswith("NOT PROTECTED") for line in shown)  # said as soon as the cancel was known
    assert shown[-1].startswith("protected")
    assert out["final"].startswith("protected")
    assert not set(out["before"]) & set(out["after"])  # new ids: a client id is never sent twice
    events = [
        (k, d) for _, k, d in LiveJournal(out["journal"]).events() if k in ("protect_intent", "protected")
    ]
    kinds = [k for i, (k, _) in enumerate(events) if i == 0 or events[i - 1][0] != k]  # one intent per OCO
    assert kinds == ["protect_intent", "protected", "protect_intent", "protected"]
    first = events[0][1]["version"]
    again = [d["version"] for k, d in events if k == "protect_intent" and d["version"] != first]
    assert again
    assert set(again) == {first + 1}  # re-placed under the next version
    assert events[-1][1]["lists"] == sorted(out["after"])


def test_a_rate_limit_storm_delays_orders_not_candles(tmp_path: Path) -> None:
    async def scenario() -> tuple[int, int, bool]:
        async with exchange(TARGET_START_MS, ban_after_429s=10**6) as ex:
            runner = LiveRunner(run_config(ex, tmp_path))
            task = asyncio.create_task(runner.run())
            await started(runner)
            plan_id = await _until_protected(ex, runner)
            ex.faults.update({"rest_error_share": 1.0, "rest_error_status": 429})
            done_before = runner.loops_done
            for _ in range(4):  # every candle is processed although every REST call is refused
                target = runner.loops_done + 1
                await ex.step(candles=1)
                await wait_for(lambda t=target: runner.loops_done >= t, 10, "a candle during the storm")  # type: ignore[misc]
            during = runner.loops_done - done_before
            ex.faults.update({"rest_error_share": 0.0})
            await step_candles(ex, runner, 1)
            assert runner.om is not None
            await wait_for(
                lambda: runner.om.is_protected(plan_id) or runner.om.position("BTCUSDT") is None, 20
            )  # type: ignore[union-attr]
            runner.request_stop("test over")
            await task
            return during, runner.state.candles_seen, runner.om.position("BTCUSDT") is None

    during, seen, _flat = asyncio.run(scenario())
    assert during == 4
    assert seen >= 6


def test_a_decision_on_a_candle_older_than_one_interval_is_skipped() -> None:
    import time
    from decimal import Decimal

    candle = Candle(1_000 * 60_000, *(Decimal(1),) * 4, Decimal(1))
    step = 60_000
    assert late_reason(candle, step, candle.open_time, time.perf_counter_ns()) is None
    later = late_reason(candle, step, candle.open_time + 2 * step, time.perf_counter_ns())
    assert later is not None
    assert "2 interval(s) later" in later
    old = late_reason(candle, step, None, time.perf_counter_ns() - 61 * 10**9)
    assert old is not None
    assert "more than one interval" in old


def test_an_exit_the_venue_keeps_refusing_reprotects_then_raises_an_alarm_that_survives_a_restart(
    tmp_path: Path,
) -> None:
    from aitrader.venues.local.hooks import Hook

    async def scenario() -> dict[str, Any]:
        async with exchange(TARGET_START_MS) as ex:
            runner = LiveRunner(run_config(ex, tmp_path))
            task = asyncio.create_task(runner.run())
            await started(runner)
            plan_id = await _until_protected(ex, runner)
            assert runner.om is not None
            refuse = Hook(on="order", side="SELL", type="MARKET", action="error", status=400, code=-2010,
                          msg="Account has insufficient balance for requested action.", times=10)  # fmt: skip
            ex.hooks.add(refuse)
            protected_between: list[bool] = []

            async def exit_now() -> None:  # the order manager closes the position; the venue refuses
                assert runner.order_manager is not None
                active = runner.order_manager.active["BTCUSDT"]
                runner.order_manager.close_position("BTCUSDT", active.held)
                await runner.worker.wait_idle(None)

            for _ in range(3):
                await exit_now()
                protected_between.append(runner.om.is_protected(plan_id))
            refused = refuse.fired
            await exit_now()  # alarm up: the bot no longer acts on the plan
            await step_candles(ex, runner, 1)
            other = BinanceBroker.connect(DEFAULT_API_KEY, DEFAULT_SECRET, ex.rest_url)
            try:
                lists = len(await other.open_order_lists())
            finally:
                await other.close()
            out = {
                "protected_between": protected_between, "refused": refused, "after_alarm": refuse.fired,
                "alarms": list(runner.om.alarms), "trading": runner.state.trading_enabled, "lists": lists,
            }  # fmt: skip
            runner.request_stop("test over")
            summary = await task
            out["summary_alarms"] = summary.alarms
            again = await LiveRunner(run_config(ex, tmp_path, reconcile_only=True)).run()
            out["restart_ok"] = again.reconcile.ok if again.reconcile else None
            out["restart_alarms"] = again.alarms
            return out

    out = asyncio.run(scenario())
    assert out["protected_between"] == [True, True, True]  # never left naked: re-protected after each refusal
    assert out["lists"] == 2
    assert out["refused"] == out["after_alarm"] == 3  # never resent after the alarm
    assert out["alarms"]
    assert "refused 3 times" in out["alarms"][0]
    assert out["trading"] is False  # no new entries
    assert out["summary_alarms"]  # `aitrader trade` exits with code 3 on these
    assert out["restart_ok"] is False
    assert out["restart_alarms"] == out["summary_alarms"]


def test_a_take_profit_filled_in_part_never_leaves_the_rest_naked(tmp_path: Path) -> None:
    """Binance expires an OCO's stop leg as soon as its take-profit fills in part, yet the list stays
    EXECUTING until the take-profit completes: the bot must not call that protected. Here the price
    is still beyond the target when the bot reacts, so the venue refuses a new OCO at that target and
    the bot closes the position at market instead; in no case does the rest stay without a stop."""
    from aitrader.venues.local import DEFAULT_API_KEY as ACCOUNT

    dust = Decimal("0.00001")

    async def scenario() -> dict[str, Any]:
        async with exchange(TARGET_START_MS, resting_fill_qty=0.02) as ex:  # a thin book: 0.02 BTC a tick
            runner = LiveRunner(run_config(ex, tmp_path))
            task = asyncio.create_task(runner.run())
            await started(runner)
            await _until_protected(ex, runner)
            assert runner.om is not None
            partial: list[Any] = []
            for _ in range(40):
                await step_candles(ex, runner, 1)
                partial = [  # filled in part (the bot may have cancelled the rest already)
                    o for o in ex.eng.book.orders.values()
                    if o.type.value == "LIMIT_MAKER" and 0 < o.executed_qty < o.orig_qty
                ]  # fmt: skip
                if partial:
                    break
            assert partial, "no take-profit filled in part within 40 candles"
            await wait_for(
                lambda: (ex.protection.update() or True) and not ex.protection.is_naked(), 5, "cover"
            )
            await asyncio.sleep(0.5)  # let the bot's checks settle
            ex.protection.update()
            state = ex.protection.state(ACCOUNT, "BTCUSDT")
            row = runner.om.position("BTCUSDT")
            out = {
                "cover": state.cover, "exposure": state.exposure, "naked": ex.protection.is_naked(),
                "episodes": [e.seconds() for e in ex.protection.episodes],
                "held": row.qty if row is not None and row.status == "open" else Decimal(0),
                "protected": row is None or runner.om.is_protected(row.plan_id),
                "expired_stop": any(
                    o.status == "EXPIRED" and o.type.value == "STOP_LOSS" and o.order_list_id == partial[0].order_list_id
                    for o in ex.eng.book.orders.values()
                ),
            }  # fmt: skip
            runner.request_stop("test over")
            await task
            return out

    out = asyncio.run(scenario())
    assert out["expired_stop"]  # the exchange did what Binance does: the stop leg went with the partial fill
    assert not out["naked"]
    assert max(out["episodes"]) < 1.0  # the uncovered rest was dealt with within a second
    assert abs(out["held"] - out["exposure"]) < dust  # journal = exchange
    assert abs(out["cover"] - out["exposure"]) < dust  # whatever is held sits under a working stop
    assert out["protected"]
