"""The fault matrix's scenarios (rows) and how one run of each goes: kill, restart, measure.

- kill: hooks on the exchange (or AITRADER_DIE_AT=commit:N in the bot) SIGKILL the bot at one step
  of an order's life; the bot is restarted on the same journal, trades a few more candles, stops.
- random: the exchange replays in real time (no stepping) and the bot is SIGKILLed at a seeded
  random moment after its first order; restarted the same way.
- external: no kill; another client of the account cancels the bot's OCO or sells coins, and the
  exchange measures how long the bot leaves the position uncovered.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import signal
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from aitrader.domain.instrument import Rounding, round_to_step
from aitrader.venues.local.hooks import Hook
from fault_harness import (
    EXIT_START_MS,
    TARGET_START_MS,
    BotDiedError,
    Run,
    RunResult,
    exchange_for,
    measure,
)

ENTRY = r"-\d+E$"
FOREIGN = Decimal("0.5")


@dataclass(frozen=True)
class Scenario:
    name: str
    row: str  # the table row it counts in (several commit:N scenarios share one)
    what: str
    start_ms: int = TARGET_START_MS
    strategy: str = "confluence"
    foreign_btc: Decimal = Decimal(0)
    kind: str = "kill"  # kill | random | external
    hooks: tuple[dict[str, Any], ...] = ()  # Hook fields; the bot's pid is added at run time
    env: tuple[tuple[str, str], ...] = ()
    until: int = 40  # candles to step waiting for the kill (or for protection, external)
    after: int = 6  # candles to step after the restart (random: seconds to run on)
    external: tuple[tuple[dict[str, Any], ...], ...] = ()  # groups of actions, measured one group at a time
    repeat: int = 2
    ci: bool = False


def _kill(on: str, when: str = "before", **kw: Any) -> dict[str, Any]:
    return {"on": on, "when": when, "action": "kill", **kw}


# Order-flow commits of the bot's life in the scenarios' window (entry, its fill, two OCO intents, both
# acknowledged, the first take-profit's fill, the expired stop leg, the smaller position): the commit
# rows kill it after each one. 12 before the one order manager (issue 14), which commits less.
COMMITS_IN_WINDOW = 9

SCENARIOS: tuple[Scenario, ...] = (
    Scenario("entry_sent", "entry sent (killed before it executed)", "kill as the entry request arrives; it executes",
             hooks=(_kill("order", side="BUY", match=ENTRY),)),
    Scenario("entry_executed", "entry executed, reply lost", "kill after the entry filled, before its reply",
             hooks=(_kill("order", "after", side="BUY", match=ENTRY),), ci=True),
    Scenario("before_oco", "entry filled, OCO never sent", "kill as the first OCO request arrives; it is lost",
             hooks=(_kill("order_list", drop=True),)),
    Scenario("between_ocos", "between two OCO lists", "kill after the first OCO (of two) is on the book",
             hooks=(_kill("order_list", "after"),), ci=True),
    Scenario("stop_move_cancel1", "stop move, after 1st cancel", "momentum trails its stop: kill after the 1st list cancel",
             strategy="momentum", hooks=(_kill("cancel_list", "after", nth=1),)),
    Scenario("stop_move_cancel2", "stop move, after 2nd cancel", "momentum: kill after the 2nd list cancel",
             strategy="momentum", hooks=(_kill("cancel_list", "after", nth=2),)),
    Scenario("after_exit_sell", "exit sold (0.5 BTC foreign)", "momentum exits: kill after its MARKET SELL filled",
             start_ms=EXIT_START_MS, strategy="momentum", foreign_btc=FOREIGN,
             hooks=(_kill("order", "after", side="SELL", type="MARKET", match="^at-"),), ci=True),
    Scenario("after_partial_tp", "after a partial take-profit", "kill when the first LIMIT_MAKER target fills",
             hooks=(_kill("fill", type="LIMIT_MAKER", match="^at-"),), until=60),
    *(
        Scenario(f"commit:{n}", "between journal commits", f"the bot kills itself after its order-flow commit {n}",
                 env=(("AITRADER_DIE_AT", f"commit:{n}"),), repeat=1, ci=n == 3)
        for n in range(1, COMMITS_IN_WINDOW + 1)
    ),
    Scenario("random", "random times (real-time replay)", "SIGKILL at a seeded random moment after the first order",
             start_ms=TARGET_START_MS - 10 * 60_000, strategy="momentum", kind="random", after=15, repeat=22),
    Scenario("ext_cancel_all", "external cancel, all OCOs", "another client cancels every bot OCO",
             kind="external", external=(({"action": "cancel_list", "bot": "all"},),), ci=True, repeat=1),
    Scenario("ext_cancel_one", "external cancel, one OCO", "another client cancels the bot's last OCO",
             kind="external", external=(({"action": "cancel_list", "bot": "last"},),), repeat=1),
    Scenario("ext_sell_part", "external cancel + partial sell", "the user cancels the OCOs and sells 40% of the coins",
             kind="external", repeat=1,
             external=(({"action": "cancel_list", "bot": "all"}, {"action": "market_sell", "quantity": "40%"}),)),
    Scenario("ext_sell_foreign", "external sell of own coins (0.5 BTC foreign)", "the user sells 0.3 of their own BTC",
             kind="external", foreign_btc=FOREIGN, after=30, repeat=1,
             external=(({"action": "market_sell", "quantity": "0.3"},),)),
)  # fmt: skip


def select(only: str | None, quick: bool, ci: bool = False) -> list[Scenario]:
    """`only`: a scenario name or row (exact), else a name prefix (`commit` = every commit point)."""
    exact = [s for s in SCENARIOS if only in (s.name, s.row)]
    chosen = exact or [s for s in SCENARIOS if not only or s.name.startswith(only)]
    if ci:
        chosen = [s for s in chosen if s.ci]
    if quick:
        chosen = [s for s in chosen if not s.name.startswith("commit:") or int(s.name[7:]) % 3 == 0]
    return chosen


# ---- one run ---------------------------------------------------------------------------------------
async def run_once(scn: Scenario, n: int, workdir: Path, rng: random.Random) -> RunResult:
    result = RunResult(scn.name, scn.row, n, kill_wanted=0 if scn.kind == "external" else 1)
    t0 = time.monotonic()
    speed = 60.0 if scn.kind == "random" else 0.0
    async with exchange_for(scn.start_ms, scn.foreign_btc, speed) as ex:
        run = Run(ex, workdir, scn.strategy)
        try:
            if scn.kind == "external":
                await _external(run, scn, result)
            else:
                await _kill_and_restart(run, scn, result, rng)
        except (BotDiedError, TimeoutError) as exc:
            result.error = str(exc)[:400]
        except Exception as exc:  # a harness or exchange failure: reported on the run, the matrix goes on
            result.error = f"{type(exc).__name__}: {exc}"[:400]
        finally:
            await run.close()
    result.wall_s = time.monotonic() - t0
    return result


async def _kill_and_restart(run: Run, scn: Scenario, result: RunResult, rng: random.Random) -> None:
    ex = run.ex
    bot = await run.spawn(dict(scn.env))
    for spec in scn.hooks:
        ex.hooks.add(Hook.from_json({**spec, "pid": bot.pid}))
    await run.wait_ready(bot, allow_kill=True)
    if scn.kind == "random":
        await _wait_first_order(run, bot)
        delay = rng.uniform(0.0, 40.0)  # the first trade's life, its exit and the next entry
        await bot.wait(delay)
        result.notes.append(f"killed {delay:.1f} s after the first order")
        if not bot.dead:
            bot.proc.send_signal(signal.SIGKILL)
        await bot.wait(5)
    else:
        await run.step(bot, scn.until)
    if not bot.dead:
        result.notes.append(f"the bot was still running after {scn.until} candles")
        await bot.stop()
        return
    if bot.killed:
        result.kills += 1
        ex.protection.update()
        result.naked_at_kill += ex.protection.is_naked()
    else:
        result.error = f"the bot exited with {bot.proc.returncode}: {bot.tail()}"
        return
    ex.hooks.clear()
    await run.wait_gone()
    again = await run.spawn()
    await run.wait_ready(again)
    if scn.kind == "random":
        await asyncio.sleep(scn.after)
        ex.pause_replay()  # freeze the market so journal and exchange can be compared
        await asyncio.sleep(1.0)
    else:
        await run.step(again, scn.after)
    await again.stop()
    measure(run, result, [again.started])


async def _wait_first_order(run: Run, bot: Any, timeout: float = 120.0) -> None:
    mon = run.ex.protection
    end = time.monotonic() + timeout
    while not any(mon.is_bot_order(o) for o in run.ex.eng.book.orders.values()):
        if bot.dead or time.monotonic() > end:
            raise TimeoutError(f"the bot sent no order within {timeout:.0f} s: {bot.tail()}")
        await asyncio.sleep(0.05)


def _protected(run: Run) -> bool:
    rows = run.ex.protection.report()["symbols"]
    return bool(rows) and Decimal(rows[0]["exposure"]) > 0 and not rows[0]["naked"]


def _resolve(run: Run, action: dict[str, Any]) -> dict[str, Any]:
    """'40%' quantities are a share of the bot's coins now, rounded down to the lot step."""
    qty = str(action.get("quantity", ""))
    if not qty.endswith("%"):
        return action
    row = run.ex.protection.report()["symbols"][0]
    step = run.ex.eng.instruments["BTCUSDT"].step_size
    share = Decimal(row["exposure"]) * Decimal(qty[:-1]) / 100
    return {**action, "quantity": str(round_to_step(share, step, Rounding.DOWN))}


async def _external(run: Run, scn: Scenario, result: RunResult, hold_s: float = 5.0) -> None:
    ex = run.ex
    bot = await run.spawn()
    await run.wait_ready(bot)
    for _ in range(scn.until):
        if _protected(run):
            break
        await run.step(bot, 1)
    if not _protected(run):
        result.error = f"the bot held no protected position within {scn.until} candles"
        await bot.stop()
        return
    await asyncio.sleep(0.5)  # the second OCO of a bracket lands
    worst = 0.0
    for group in scn.external:
        wall = time.time()
        for action in group:
            ex.act(_resolve(run, action))
        end = time.monotonic() + hold_s  # no candle closes meanwhile: the bot must react to the event
        while ex.protection.is_naked() and time.monotonic() < end:
            await asyncio.sleep(0.01)
        with contextlib.suppress(TimeoutError):
            while ex.protection.is_naked() and await run.step(bot, 1) == 1 and not bot.dead:
                if time.monotonic() > end + 30:
                    break
        episodes = [ep for ep in ex.protection.episodes if ep.start >= wall - 0.01]
        worst = max([worst, *(ep.seconds() for ep in episodes)])
    result.reprotect_s = worst
    await run.step(bot, scn.after)
    await bot.stop()
    measure(run, result, [])
