"""A paper session of confluence on the real BTCUSDT 1m sample, recorded in a journal through the
production loop (`LiveRunner`), for the replay tests to replay."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aitrader.data import load_sample
from aitrader.domain import Instrument, Timeframe
from aitrader.live.config import RunConfig
from aitrader.live.runner import LiveRunner

FIXTURES = Path(__file__).resolve().parents[2] / "data" / "binance"
WINDOW = 2400


async def record_paper_session(journal: Path, start: int, bars: int, **settings: Any) -> LiveRunner:
    """Bars [start, start + bars) of the sample fed to a paper run (`settings` on top of the
    defaults), after the `WINDOW` bars before them as its history."""
    inst = Instrument.from_exchange_info(json.loads((FIXTURES / "exchangeinfo_btcusdt.json").read_text()))
    full = load_sample("BTCUSDT", "1m")
    history, stream = list(full.slice(start - WINDOW - 1, start)), list(full.slice(start, start + bars))
    cfg = RunConfig(
        symbol="BTCUSDT", interval=Timeframe.M1, strategy="confluence", paper=True, venue_name="offline",
        journal_path=journal, telemetry_path=None, window=WINDOW, **settings,
    )  # fmt: skip
    runner = LiveRunner(cfg)

    async def fetch(n: int) -> list[Any]:
        return [*history[-(n - 1) :], stream[0]]

    await runner.prepare(None, fetch, inst)
    for candle in stream:
        await runner.on_closed(candle, 0)
    await runner.close()
    return runner
