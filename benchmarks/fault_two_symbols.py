"""The fault matrix's two-symbol rows: the same kill steps while BTCUSDT and ETHUSDT both have a
position open (`aitrader trade --symbols BTCUSDT,ETHUSDT`: one process, one journal, one account),
naked seconds measured on the exchange side for each symbol.

From TARGET_START_MS confluence enters both symbols on the same candle (BTCUSDT decides first, then
ETHUSDT); the venue sees BTCUSDT's entry, ETHUSDT's entry, then their OCOs. Each kill names the
step by ETHUSDT's orders (`match`), so BTCUSDT's position is already open when it comes: the
restart must re-protect both, the second one as fast as the first. `after_partial_tp` kills at the
first take-profit fill of either symbol, both positions open; `commit:N` lets the bot kill itself
after its N-th order-flow journal commit over both symbols' orders.

Run:   uv run python benchmarks/fault_matrix.py --only two_symbols   (see fault_matrix.py)
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from aitrader.data import load_sample
from aitrader.domain import Candles
from aitrader.venues.local import (
    DEFAULT_API_KEY,
    DEFAULT_SECRET,
    AccountConfig,
    LocalExchange,
    LocalExchangeConfig,
)
from aitrader.venues.local.hooks import Hook
from fault_harness import AFTER, HISTORY, TARGET_START_MS, Bot, BotDiedError, Run, RunResult, bot_command

SYMBOLS = ("BTCUSDT", "ETHUSDT")
ETH_ENTRY = r"^at-ETHUSDT.*-\d+E$"
ETH_ANY = r"^at-ETHUSDT"
# Order-flow commits of the two symbols' lives in the window: 1-2 both entries' intents, 3 BTCUSDT's
# fill, 4-5 its OCO intents, 6 ETHUSDT's fill, 7-8 its OCO intents, 9-14 the four OCOs acknowledged,
# 15 the first take-profit's fill. Both positions are open from commit 6 on: the rows kill there.
COMMITS = (6, 7, 8, 9, 12, 15)


@dataclass(frozen=True)
class TwoSymbolScenario:
    name: str
    row: str
    what: str
    hooks: tuple[dict[str, Any], ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    strategy: str = "confluence"
    start_ms: int = TARGET_START_MS
    until: int = 40
    after: int = 6
    repeat: int = 1
    ci: bool = False
    kind: str = "kill"


@dataclass
class TwoSymbolResult(RunResult):
    naked_by_symbol: dict[str, float] = field(default_factory=dict)  # seconds after the restart
    held_at_kill: list[str] = field(default_factory=list)  # symbols with a bot position at the kill
    naked_at_kill_by_symbol: dict[str, bool] = field(default_factory=dict)

    def failures(self, naked_limit: float, reprotect_limit: float) -> list[str]:
        out = super().failures(naked_limit, reprotect_limit)
        if self.kills and sorted(self.held_at_kill) != sorted(SYMBOLS):  # the row did not test what it says
            out.append(f"only {', '.join(self.held_at_kill) or 'nothing'} held at the kill")
        return out


def _kill(on: str, when: str = "before", **kw: Any) -> dict[str, Any]:
    return {"on": on, "when": when, "action": "kill", **kw}


SCENARIOS: tuple[TwoSymbolScenario, ...] = (
    TwoSymbolScenario("two_symbols:entry_sent", "2 symbols: 2nd entry sent", "kill as ETHUSDT's entry arrives (BTCUSDT filled); it executes",
                      hooks=(_kill("order", side="BUY", match=ETH_ENTRY),)),
    TwoSymbolScenario("two_symbols:entry_executed", "2 symbols: 2nd entry executed, reply lost", "kill after ETHUSDT's entry filled",
                      hooks=(_kill("order", "after", side="BUY", match=ETH_ENTRY),)),
    TwoSymbolScenario("two_symbols:before_oco", "2 symbols: 2nd symbol's OCO never sent", "kill as ETHUSDT's first OCO arrives; it is lost",
                      hooks=(_kill("order_list", match=ETH_ANY, drop=True),)),
    TwoSymbolScenario("two_symbols:between_ocos", "2 symbols: between 2nd symbol's OCOs", "kill after ETHUSDT's first OCO is on the book",
                      hooks=(_kill("order_list", "after", match=ETH_ANY),)),
    TwoSymbolScenario("two_symbols:after_partial_tp", "2 symbols: after a partial take-profit", "kill at the first LIMIT_MAKER fill, both open",
                      hooks=(_kill("fill", type="LIMIT_MAKER", match="^at-"),), until=60),
    *(
        TwoSymbolScenario(f"two_symbols:commit:{n}", "2 symbols: between journal commits",
                          f"the bot kills itself after its order-flow commit {n}", env=(("AITRADER_DIE_AT", f"commit:{n}"),))
        for n in COMMITS
    ),
)  # fmt: skip


def select(only: str | None, quick: bool = False) -> list[TwoSymbolScenario]:
    """`only`: a scenario name or row (exact), else a name prefix (`two_symbols` = every row here);
    `quick`: every other commit point."""
    exact = [s for s in SCENARIOS if only in (s.name, s.row)]
    chosen = exact or [s for s in SCENARIOS if not only or s.name.startswith(only)]
    if quick:
        chosen = [
            s
            for s in chosen
            if ":commit:" not in s.name or COMMITS.index(int(s.name.rsplit(":", 1)[1])) % 2 == 0
        ]
    return chosen


# ---- the exchange and the bot ---------------------------------------------------------------------
_CANDLES: dict[tuple[str, int], Candles] = {}


def candles_around(start_ms: int) -> dict[str, Candles]:
    for s in SYMBOLS:
        if (s, start_ms) not in _CANDLES:
            full = load_sample(s, "1m")
            _CANDLES[(s, start_ms)] = full.between(start_ms - HISTORY * 60_000, start_ms + AFTER * 60_000)
    return {s: _CANDLES[(s, start_ms)] for s in SYMBOLS}


def two_symbol_exchange(start_ms: int) -> LocalExchange:
    account = AccountConfig(balances={"USDT": Decimal(10000)})
    cfg = LocalExchangeConfig(symbols=SYMBOLS, start_ms=start_ms, speed=0.0, accounts=[account])
    return LocalExchange(cfg, candles_around(start_ms))


class PortfolioRun(Run):
    """`Run` whose bots trade both symbols (`--symbols BTCUSDT,ETHUSDT`)."""

    async def spawn(self, env: dict[str, str] | None = None) -> Bot:
        ex = self.ex
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("AITRADER_", "BINANCE_"))}
        clean.update(
            AITRADER_VENUE="local", AITRADER_REST_URL=ex.rest_url, AITRADER_WS_URL=ex.ws_url,
            AITRADER_WS_API_URL=ex.ws_api_url, BINANCE_API_KEY=DEFAULT_API_KEY,
            BINANCE_API_SECRET=DEFAULT_SECRET, AITRADER_TELEMETRY=str(self.telemetry),
            AITRADER_INTERVAL="1m", AITRADER_MIN_REWARD_RISK="0", **(env or {}),
        )  # fmt: skip
        log = self.workdir / f"bot{len(self.bots) + 1}.log"
        fh = log.open("w")
        started = time.time()
        cmd = [*bot_command(self.journal, self.strategy), "--symbols", ",".join(SYMBOLS)]
        proc = await asyncio.create_subprocess_exec(
            *cmd, env=clean, cwd=self.workdir, stdin=asyncio.subprocess.DEVNULL, stdout=fh,
            stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        bot = Bot(proc, log, fh, started)
        self.bots.append(bot)
        return bot


# ---- one run --------------------------------------------------------------------------------------
async def run_two(scn: TwoSymbolScenario, n: int, workdir: Path) -> TwoSymbolResult:
    result = TwoSymbolResult(scn.name, scn.row, n, kill_wanted=1)
    t0 = time.monotonic()
    async with two_symbol_exchange(scn.start_ms) as ex:
        run = PortfolioRun(ex, workdir, scn.strategy)
        try:
            await _kill_and_restart(run, scn, result)
        except (BotDiedError, TimeoutError) as exc:
            result.error = str(exc)[:400]
        except Exception as exc:  # a harness or exchange failure: reported on the run, the matrix goes on
            result.error = f"{type(exc).__name__}: {exc}"[:400]
        finally:
            await run.close()
    result.wall_s = time.monotonic() - t0
    return result


async def _kill_and_restart(run: PortfolioRun, scn: TwoSymbolScenario, result: TwoSymbolResult) -> None:
    ex = run.ex
    bot = await run.spawn(dict(scn.env))
    for spec in scn.hooks:
        ex.hooks.add(Hook.from_json({**spec, "pid": bot.pid}))
    await run.wait_ready(bot, allow_kill=True)
    await run.step(bot, scn.until)
    if not bot.dead:
        result.notes.append(f"the bot was still running after {scn.until} candles")
        await bot.stop()
        return
    if not bot.killed:
        result.error = f"the bot exited with {bot.proc.returncode}: {bot.tail()}"
        return
    result.kills += 1
    mon = ex.protection
    mon.update()
    result.naked_at_kill += mon.is_naked()
    for s in SYMBOLS:
        st = mon.state(DEFAULT_API_KEY, s)
        if st.exposure > 0:
            result.held_at_kill.append(s)
        result.naked_at_kill_by_symbol[s] = st.naked
    ex.hooks.clear()
    await run.wait_gone()
    again = await run.spawn()
    await run.wait_ready(again)
    await run.step(again, scn.after)
    await again.stop()
    measure_two(run, result, again.started)


def measure_two(run: Run, result: TwoSymbolResult, since: float) -> None:
    """Per symbol: naked seconds after the restart's exec, and journal = exchange (open OCO lists,
    held quantity); doubles and foreign coins sold over the account."""
    mon = run.ex.protection
    report = mon.report()
    now = time.time()
    for s in SYMBOLS:
        eps = [ep for ep in mon.episodes if ep.symbol == s]
        result.naked_by_symbol[s] = max((ep.seconds(now, since) for ep in eps), default=0.0)
    result.naked_after_restart_s = max(result.naked_by_symbol.values(), default=0.0)
    result.doubles = report["doubles"]
    result.foreign_sold = Decimal(report["foreign_sold"])
    plans = _journal_plans(run.journal)
    for s in SYMBOLS:
        rows = [r for r in report["symbols"] if r["symbol"] == s]
        lists = frozenset(x["listClientOrderId"] for r in rows for x in r["open_lists"])
        held = sum((Decimal(r["exposure"]) for r in rows), Decimal(0))
        mine = [p for p in plans if p[0] == s and p[1] not in ("closed", "abandoned")]
        qty = sum((Decimal(p[2] or "0") for p in mine), Decimal(0))
        cids = frozenset(c for p in mine for c in json.loads(p[3] or "[]"))
        step = run.ex.eng.instruments[s].step_size
        if cids != lists or abs(held - qty) >= step:
            result.journal_ok = False
            result.notes.append(f"{s}: journal {qty} in {sorted(cids)} vs exchange {held} in {sorted(lists)}")


def _journal_plans(path: Path) -> list[tuple[str, str, str, str]]:
    """(symbol, status, qty, list_cids) of every plan in the bot's journal."""
    if not path.exists():
        return []
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        return [tuple(r) for r in con.execute("SELECT symbol, status, qty, list_cids FROM live_plans")]  # type: ignore[misc]
    except sqlite3.OperationalError:
        return []
    finally:
        con.close()


def per_symbol_rows(results: list[RunResult]) -> list[dict[str, Any]]:
    """One line per two-symbol run: what was held at the kill and each symbol's naked seconds."""
    out = []
    for r in results:
        if isinstance(r, TwoSymbolResult):
            out.append(
                {"scenario": r.scenario, "run": r.run, "held_at_kill": list(r.held_at_kill),
                 "naked_at_kill": dict(r.naked_at_kill_by_symbol),
                 "naked_after_restart_s": {s: round(v, 3) for s, v in r.naked_by_symbol.items()}}
            )  # fmt: skip
    return out
