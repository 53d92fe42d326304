"""-1021 (timestamp outside recvWindow) makes the broker resync its clock and succeed; the user-data
stream signs with the same offset. The local exchange answers its replay clock (2023) as server
time here, so the machine's clock is years off."""

from __future__ import annotations

import asyncio

from aitrader.venues.binance.exchange_broker import BinanceBroker
from aitrader.venues.binance.user_stream import UserDataStream, UserEvent
from aitrader.venues.local import DEFAULT_API_KEY, DEFAULT_SECRET

from .helpers import TARGET_START_MS, exchange, wait_for


async def _scenario() -> tuple[int, int]:
    async with exchange(TARGET_START_MS, replay_server_time=True) as ex:
        broker = BinanceBroker.connect(DEFAULT_API_KEY, DEFAULT_SECRET, ex.rest_url)
        try:
            balances = await broker.balances()  # no sync yet: -1021, resync, retry
            resyncs = broker.session.clock_resyncs
            offset = broker.clock_offset_ms()

            async def ignore(_: UserEvent) -> None:
                return None

            user = UserDataStream(ex.ws_api_url, DEFAULT_API_KEY, DEFAULT_SECRET, ignore,
                                  time_offset_ms=broker.clock_offset_ms)  # fmt: skip
            task = asyncio.create_task(user.run())
            await wait_for(lambda: user.connected, timeout=10, what="user-data subscription")
            await user.stop()
            await task
            assert "USDT" in balances
            return resyncs, offset
        finally:
            await broker.close()


def test_timestamp_rejection_resyncs_the_clock() -> None:
    resyncs, offset = asyncio.run(_scenario())  # raises if the signed subscription was refused
    assert resyncs >= 1
    assert offset > 365 * 86_400_000  # the venue's clock is more than a year behind ours
