"""Shared helpers for the live tests: a local exchange on real candles, a runner wired to it, stepping."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from aitrader.data import load_sample
from aitrader.domain import Candles
from aitrader.live.config import RunConfig, local_exchange_config
from aitrader.live.runner import LiveRunner
from aitrader.venues.local import LocalExchange, LocalExchangeConfig

# Index 4093 of the BTCUSDT 1m sample (2023-03-19 18:28 UTC): a confluence long comes 6 candles
# later and its first target fills ~24 candles after that. Index 4963: a long stopped out 3 candles
# after entry.
TARGET_START_MS = 1_679_250_480_000
STOP_START_MS = 1_679_302_680_000
WINDOW = 2400  # strategy window for tests (warm-up 2265 + margin); the default is warm-up + 1000

_CANDLES: dict[int, Candles] = {}


def sample_around(start_ms: int, before: int = 2500, after: int = 400) -> Candles:
    key = start_ms
    if key not in _CANDLES:
        full = load_sample("BTCUSDT", "1m")
        _CANDLES[key] = full.between(start_ms - before * 60_000, start_ms + after * 60_000)
    return _CANDLES[key]


def exchange(start_ms: int, **kw: Any) -> LocalExchange:
    cfg = LocalExchangeConfig(symbols=("BTCUSDT",), start_ms=start_ms, speed=0.0, **kw)
    return LocalExchange(cfg, {"BTCUSDT": sample_around(start_ms)})


def run_config(ex: LocalExchange, tmp: Path, paper: bool = False, **kw: Any) -> RunConfig:
    kw.setdefault("stale_after_s", 30.0)
    return local_exchange_config(ex, tmp, paper=paper, venue_name="local", window=WINDOW, **kw)


async def wait_for(cond: Callable[[], bool], timeout: float = 15.0, what: str = "condition") -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not cond():
        if loop.time() > end:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


async def started(runner: LiveRunner) -> None:
    await wait_for(lambda: runner.stream is not None and runner.stream.connected, what="stream connected")
    if runner.user is not None:
        await wait_for(lambda: runner.user is not None and runner.user.connected, what="user stream")


async def step_candles(ex: LocalExchange, runner: LiveRunner, n: int, timeout: float = 15.0) -> None:
    """Replay `n` candles one at a time, waiting until the runner has decided on each."""
    for _ in range(n):
        target = runner.loops_done + 1
        await ex.step(candles=1)
        await wait_for(lambda t=target: runner.loops_done >= t, timeout, "the runner to decide on the candle")  # type: ignore[misc]
        await asyncio.sleep(0.02)  # let user-data events and background refreshes land


def exchange_balances(ex: LocalExchange) -> dict[str, Decimal]:
    acc = next(iter(ex.eng.book.accounts.values()))
    return {a: Decimal(str(acc.free.get(a, 0))) + Decimal(str(acc.locked.get(a, 0))) for a in acc.assets()}


def telemetry_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


class OrderDesk:
    """The live order path without a candle stream, wired as `aitrader trade` wires it at start
    (`live_orders`): the one order manager, inside a real kernel, over the venue adapter, the order
    worker and a journal. Each call waits until the venue work it caused is done."""

    def __init__(self, venue: Any, journal: Any, inst: Any) -> None:
        from aitrader.domain import Timeframe
        from aitrader.engine.kernel import Kernel
        from aitrader.live.guard import OrderWorker
        from aitrader.live.live_orders import live_orders
        from aitrader.live.state import LiveState
        from aitrader.risk import RiskGate
        from aitrader.strategies.registry import get_strategy

        self.errors: list[str] = []
        self.worker = OrderWorker(lambda what, exc: self.errors.append(f"{what}: {exc!r}"))
        self.state = LiveState(inst.symbol, "1m", "live", "local")
        self.wired = live_orders(venue, journal, self.worker, self.state, inst)
        self.orders = self.wired.orders
        self.om = self.wired.om
        strategy = get_strategy("confluence", {}, Timeframe.M1)
        self.kernel = Kernel(strategy, RiskGate(), self.wired.broker, inst, 10_000.0, orders=self.om)

    def held(self, symbol: str) -> float:
        row = self.orders.position(symbol)
        return float(row.qty) if row is not None else 0.0

    async def idle(self) -> None:
        await self.worker.wait_idle(None)
        died = self.worker.died_of()
        if died is not None:  # e.g. the crash tests' stand-in for SIGKILL
            raise died
        assert not self.errors, self.errors

    async def execute(self, plan: Any, price: Decimal | None = None) -> None:
        """The kernel's step for an approved plan: the order manager carries it out."""
        if price is not None:
            self.wired.broker.last_price = price
        self.om.execute(plan, self.held(plan.symbol))
        await self.idle()

    async def close(self, symbol: str) -> None:
        """Close the whole position at market (a strategy exit)."""
        self.om.close_position(symbol, self.held(symbol))
        await self.idle()

    async def refresh(self, symbol: str | None = None) -> None:
        """The protection guard's check: the venue's truth reconciled into the order manager."""
        await self.orders.refresh(symbol)
        await self.idle()

    async def stop(self) -> None:
        died = self.worker.died_of()
        try:
            await self.worker.stop()
        except BaseException as exc:  # what killed the worker (the crash tests' SIGKILL) is told by `idle`
            if exc is not died:
                raise
