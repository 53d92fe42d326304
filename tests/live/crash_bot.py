"""A live bot process for the crash tests: `python crash_bot.py REST_URL WORKDIR` (dies where
AITRADER_DIE_AT says, see aitrader.live.faults)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from aitrader.domain import Timeframe
from aitrader.live.config import RunConfig
from aitrader.live.runner import LiveRunner
from aitrader.venues.local import DEFAULT_API_KEY, DEFAULT_SECRET


def main() -> None:
    rest, workdir = sys.argv[1], Path(sys.argv[2])
    host = rest.removeprefix("http://")
    cfg = RunConfig(
        symbol="BTCUSDT", interval=Timeframe.M1, rest_url=rest, ws_url=f"ws://{host}/ws",
        ws_api_url=f"ws://{host}/ws-api/v3", api_key=DEFAULT_API_KEY, secret=DEFAULT_SECRET, sandbox=False,
        venue_name="local", journal_path=workdir / "journal.sqlite", telemetry_path=workdir / "telemetry.jsonl",
        window=2400, max_runtime_s=90, stale_after_s=30,
    )  # fmt: skip
    asyncio.run(LiveRunner(cfg).run())


if __name__ == "__main__":
    main()
