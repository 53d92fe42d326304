"""Pausing a timed replay: the market stands still (no ticks, no clock), stepping still works."""

from __future__ import annotations

import asyncio

from aitrader.domain import Candles
from aitrader.venues.local import LocalExchange
from conftest import make_config


def test_pause_replay_freezes_a_timed_replay(sample_candles: dict[str, Candles]) -> None:
    async def main() -> tuple[tuple[int, int], tuple[int, int], int, int]:
        async with LocalExchange(make_config(speed=600.0), sample_candles) as ex:
            while ex.eng.clock_ms == ex.eng.start_ms:
                await asyncio.sleep(0.01)
            ex.pause_replay()
            frozen = (ex.eng.clock_ms, ex.replay_now())
            await asyncio.sleep(0.2)  # 120 replay seconds at speed 600
            still = (ex.eng.clock_ms, ex.replay_now())
            ticks = await ex.step(ticks=2)
            return frozen, still, ticks, ex.eng.clock_ms

    frozen, still, ticks, after = asyncio.run(main())
    assert still == frozen
    assert frozen[0] == frozen[1]
    assert ticks == 2
    assert after > frozen[0]
