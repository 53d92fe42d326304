"""The live tests' helpers for runs over several symbols: a local exchange replaying the real
BTCUSDT, ETHUSDT and SOLUSDT 1m samples, a runner wired to it, stepping round by round."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from aitrader.data import load_sample
from aitrader.domain import Candles
from aitrader.live.config import RunConfig
from aitrader.live.runner import LiveRunner
from aitrader.venues.local import LocalExchange, LocalExchangeConfig

from .helpers import TARGET_START_MS, run_config, wait_for

# From TARGET_START_MS (2023-03-19 18:28 UTC) confluence enters BTCUSDT and ETHUSDT on the same
# candle, 6 candles in (a backtest of each symbol says so); SOLUSDT stays flat for hours.
SYMBOLS = ("BTCUSDT", "ETHUSDT", "SOLUSDT")
ENTRY_ROUNDS = 9  # rounds to step until both entries filled and are protected

_CANDLES: dict[tuple[str, int], Candles] = {}


def samples_around(start_ms: int, before: int = 2500, after: int = 400) -> dict[str, Candles]:
    for s in SYMBOLS:
        if (s, start_ms) not in _CANDLES:
            _CANDLES[(s, start_ms)] = load_sample(s, "1m").between(
                start_ms - before * 60_000, start_ms + after * 60_000
            )
    return {s: _CANDLES[(s, start_ms)] for s in SYMBOLS}


def portfolio_exchange(start_ms: int = TARGET_START_MS, **kw: Any) -> LocalExchange:
    cfg = LocalExchangeConfig(symbols=SYMBOLS, start_ms=start_ms, speed=0.0, **kw)
    return LocalExchange(cfg, samples_around(start_ms))


def portfolio_config(ex: LocalExchange, tmp: Path, paper: bool = False, **kw: Any) -> RunConfig:
    return run_config(ex, tmp, paper=paper, symbols=SYMBOLS, **kw)


async def step_rounds(ex: LocalExchange, runner: LiveRunner, n: int, timeout: float = 15.0) -> None:
    """Replay `n` candles of every symbol, one open time at a time, each once the runner decided it."""
    for _ in range(n):
        target = runner.rounds_done + 1
        await ex.step(candles=1)
        await wait_for(lambda t=target: runner.rounds_done >= t, timeout, "the runner to decide the round")  # type: ignore[misc]
        await asyncio.sleep(0.02)  # user-data events and background refreshes land


async def until_started(runner: LiveRunner, task: asyncio.Task[Any]) -> None:
    def up() -> bool:
        if task.done():
            task.result()  # a start-up failure surfaces here
        return runner.stream is not None and runner.stream.connected

    await wait_for(up, what="the market stream")
    if runner.user is not None:
        await wait_for(lambda: runner.user is not None and runner.user.connected, what="the user stream")
