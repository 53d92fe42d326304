"""The fault matrix's moving parts: a local exchange on real candles, the real bot as an OS process,
stepping candle by candle, and what the exchange measured (see fault_matrix.py).

The bot is `aitrader trade` exactly as a user starts it (console script, environment, `--journal`),
pointed at a `LocalExchange` this process serves on 127.0.0.1. Everything judged here comes from
the exchange's protection monitor and the bot's SQLite journal, never from the bot's memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sqlite3
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from aitrader.data import load_sample
from aitrader.domain import Candles
from aitrader.strategies.registry import strategy_names
from aitrader.venues.local import (
    DEFAULT_API_KEY,
    DEFAULT_SECRET,
    AccountConfig,
    LocalExchange,
    LocalExchangeConfig,
)

# Starts on the BTCUSDT 1m sample (tests/live/helpers.py has the first two):
TARGET_START_MS = 1_679_250_480_000  # confluence long ~6 candles in (two OCOs); first target ~24 later
STOP_START_MS = 1_679_302_680_000  # a long stopped out 3 candles after entry
EXIT_START_MS = 1_679_252_700_000  # momentum long ~6 candles in, sold by a strategy exit ~9 later
HISTORY = 4000  # candles before the start: the bot's default window (warm-up + 1000) must fit
AFTER = 900  # candles after the start the exchange can replay

_CANDLES: dict[int, Candles] = {}


def candles_around(start_ms: int) -> dict[str, Candles]:
    if not _CANDLES:
        _CANDLES[0] = load_sample("BTCUSDT", "1m")
    if start_ms not in _CANDLES:
        _CANDLES[start_ms] = _CANDLES[0].between(start_ms - HISTORY * 60_000, start_ms + AFTER * 60_000)
    return {"BTCUSDT": _CANDLES[start_ms]}


class BotDiedError(RuntimeError):
    """The bot exited on its own (not by the harness's kill)."""


class Bot:
    """One `aitrader trade` process."""

    def __init__(self, proc: asyncio.subprocess.Process, log: Path, log_fh: TextIO, started: float) -> None:
        self.proc = proc
        self.log = log
        self._fh = log_fh
        self.started = started  # wall time just before exec (time.time())

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def dead(self) -> bool:
        return self.proc.returncode is not None

    @property
    def killed(self) -> bool:
        return self.proc.returncode == -signal.SIGKILL

    def tail(self, n: int = 6) -> str:
        self._fh.flush()
        lines = [x for x in self.log.read_text(errors="replace").splitlines() if x.strip()]
        return " | ".join(lines[-n:])

    async def wait(self, timeout: float) -> bool:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.proc.wait(), timeout)
        return self.dead

    async def kill(self) -> None:
        if not self.dead:
            self.proc.kill()
        await self.proc.wait()
        self._fh.close()

    async def stop(self, timeout: float = 30.0) -> int:
        """SIGTERM (the bot finishes its loop and leaves its OCOs); SIGKILL after `timeout`."""
        if not self.dead:
            self.proc.terminate()
            if not await self.wait(timeout):
                self.proc.kill()
        code = await self.proc.wait()
        self._fh.close()
        return code


def bot_command(journal: Path, strategy: str) -> list[str]:
    script = Path(sys.executable).with_name("aitrader")
    head = (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "from aitrader.cli.app import main; main()"]
    )
    # the crash tests are about the order mechanics on 1m, where the cost rules would leave few
    # trades to kill the bot around: off, as on every local exchange replay (live.config)
    costs_off = ["--param", "cost_multiple=0"] if strategy.strip().lower() in strategy_names() else []
    return [*head, "trade", "--no-view", "--journal", str(journal), "--strategy", strategy, *costs_off]


@dataclass
class Run:
    """One exchange, one work folder, one journal; bots come and go on it."""

    ex: LocalExchange
    workdir: Path
    strategy: str
    bots: list[Bot] = field(default_factory=list)

    @property
    def journal(self) -> Path:
        return self.workdir / "journal.sqlite"

    @property
    def telemetry(self) -> Path:
        return self.workdir / "telemetry.jsonl"

    def decisions(self) -> int:
        """Telemetry lines so far: the bot writes one per closed candle it decided on."""
        if not self.telemetry.exists():
            return 0
        with self.telemetry.open("rb") as fh:
            return sum(1 for _ in fh)

    async def spawn(self, env: dict[str, str] | None = None) -> Bot:
        ex = self.ex
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("AITRADER_", "BINANCE_"))}
        clean.update(
            AITRADER_VENUE="local", AITRADER_REST_URL=ex.rest_url, AITRADER_WS_URL=ex.ws_url,
            AITRADER_WS_API_URL=ex.ws_api_url, BINANCE_API_KEY=DEFAULT_API_KEY,
            BINANCE_API_SECRET=DEFAULT_SECRET, AITRADER_TELEMETRY=str(self.telemetry),
            AITRADER_SYMBOL="BTCUSDT", AITRADER_INTERVAL="1m", AITRADER_MIN_REWARD_RISK="0", **(env or {}),
        )  # fmt: skip
        log = self.workdir / f"bot{len(self.bots) + 1}.log"
        fh = log.open("w")
        started = time.time()
        proc = await asyncio.create_subprocess_exec(
            *bot_command(self.journal, self.strategy), env=clean, cwd=self.workdir,
            stdin=asyncio.subprocess.DEVNULL, stdout=fh, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        bot = Bot(proc, log, fh, started)
        self.bots.append(bot)
        return bot

    async def wait_ready(self, bot: Bot, timeout: float = 120.0, allow_kill: bool = False) -> None:
        """Until the bot's market stream and user-data stream are both connected (it reconciled first).

        With `allow_kill`, a bot SIGKILLed on the way (a kill point during start-up) returns too.
        """
        end = time.monotonic() + timeout
        while not (self.ex.streams.conns and self.ex.wsapi.conns):
            if allow_kill and bot.killed:
                return
            if bot.dead:
                raise BotDiedError(f"the bot exited ({bot.proc.returncode}) before connecting: {bot.tail()}")
            if time.monotonic() > end:
                raise TimeoutError(f"the bot did not connect within {timeout:.0f} s: {bot.tail()}")
            await asyncio.sleep(0.05)

    async def wait_gone(self, timeout: float = 10.0) -> None:
        """Until the exchange has noticed a dead bot's connections close."""
        end = time.monotonic() + timeout
        while (self.ex.streams.conns or self.ex.wsapi.conns) and time.monotonic() < end:
            await asyncio.sleep(0.02)

    async def step(self, bot: Bot, candles: int, timeout: float = 30.0) -> int:
        """Replay candles one at a time, each once the bot decided on the last; stop when it dies."""
        for n in range(candles):
            if bot.dead:
                return n
            before = self.decisions()
            await self.ex.step(candles=1)
            end = time.monotonic() + timeout
            while self.decisions() <= before and not bot.dead:
                if time.monotonic() > end:
                    raise TimeoutError(
                        f"the bot did not decide on a candle within {timeout:.0f} s: {bot.tail()}"
                    )
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.03)  # user-data events and follow-up requests land
        return candles

    async def close(self) -> None:
        for bot in self.bots:
            if not bot.dead:
                await bot.kill()


def exchange_for(start_ms: int, foreign_btc: Decimal, speed: float = 0.0) -> LocalExchange:
    account = AccountConfig(balances={"USDT": Decimal(10000), "BTC": foreign_btc})
    cfg = LocalExchangeConfig(symbols=("BTCUSDT",), start_ms=start_ms, speed=speed, accounts=[account])
    return LocalExchange(cfg, candles_around(start_ms))


# ---- the journal (its schema will change: keep reading it here, in one place) -------------------
@dataclass(frozen=True)
class JournalView:
    open_qty: Decimal
    list_cids: frozenset[str]
    plans: tuple[tuple[str, str, str], ...]  # (plan_id, status, qty) of every plan


def read_journal(path: Path) -> JournalView:
    """Open plans from the bot's journal: `live_plans` rows not closed or abandoned."""
    if not path.exists():
        return JournalView(Decimal(0), frozenset(), ())
    import json

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        rows = con.execute(
            "SELECT plan_id, status, qty, list_cids FROM live_plans ORDER BY created_ms"
        ).fetchall()
    except sqlite3.OperationalError:  # the bot died before it created its tables
        rows = []
    finally:
        con.close()
    open_rows = [r for r in rows if r[1] not in ("closed", "abandoned")]
    qty = sum((Decimal(r[2] or "0") for r in open_rows), Decimal(0))
    cids = frozenset(c for r in open_rows for c in json.loads(r[3] or "[]"))
    return JournalView(qty, cids, tuple((r[0], r[1], r[2]) for r in rows))


def journal_matches(view: JournalView, report: dict[str, Any], step: Decimal) -> tuple[bool, str]:
    """Journal = exchange: the same open OCO lists, and held quantities within one lot step."""
    rows = [r for r in report["symbols"] if r["symbol"] == "BTCUSDT"]
    lists = frozenset(x["listClientOrderId"] for r in rows for x in r["open_lists"])
    held = sum((Decimal(r["exposure"]) for r in rows), Decimal(0))
    ok = lists == view.list_cids and abs(held - view.open_qty) < step
    note = "" if ok else (
        f"journal {view.open_qty} in {sorted(view.list_cids)} vs exchange {held} in {sorted(lists)}"
    )  # fmt: skip
    return ok, note


# ---- one run's verdict ---------------------------------------------------------------------------
@dataclass
class RunResult:
    scenario: str
    row: str
    run: int
    kills: int = 0  # kills that happened (hooks fired, commit points reached, random kills)
    kill_wanted: int = 0
    naked_at_kill: int = 0  # kills that left a sellable quantity without a stop (the restart had work to do)
    naked_after_restart_s: float = 0.0
    doubles: list[dict[str, Any]] = field(default_factory=list)
    foreign_sold: Decimal = Decimal(0)
    journal_ok: bool = True
    reprotect_s: float | None = None
    notes: list[str] = field(default_factory=list)
    error: str = ""
    wall_s: float = 0.0

    def failures(self, naked_limit: float, reprotect_limit: float) -> list[str]:
        out = []
        if self.error:
            out.append(self.error)
        if self.kills < self.kill_wanted:
            out.append(f"kill point reached {self.kills}/{self.kill_wanted} times")
        if self.naked_after_restart_s > naked_limit:
            out.append(f"naked {self.naked_after_restart_s:.2f} s after restart")
        if self.doubles:
            out.append(f"{len(self.doubles)} doubled id(s): {', '.join(d['id'] for d in self.doubles)}")
        if self.foreign_sold > 0:
            out.append(f"sold {self.foreign_sold} foreign BTC")
        if not self.journal_ok:
            out.append("journal != exchange")
        if self.reprotect_s is not None and self.reprotect_s > reprotect_limit:
            out.append(f"re-protected after {self.reprotect_s:.2f} s")
        return out

    def to_json(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["foreign_sold"] = str(self.foreign_sold)
        return d


def measure(run: Run, result: RunResult, since: Sequence[float]) -> None:
    """Fill `result` from the exchange: naked seconds after each restart in `since`, doubles,
    foreign coins sold, and whether the journal says what the exchange holds."""
    mon = run.ex.protection
    report = mon.report()
    result.naked_after_restart_s = max((mon.naked_seconds_after(t) for t in since), default=0.0)
    result.doubles = report["doubles"]
    result.foreign_sold = Decimal(report["foreign_sold"])
    ok, note = journal_matches(read_journal(run.journal), report, run.ex.eng.instruments["BTCUSDT"].step_size)
    result.journal_ok = ok
    if note:
        result.notes.append(note)
