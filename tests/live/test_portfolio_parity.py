"""Portfolio parity: a paper run over two symbols through the live loop decides and fills as the
portfolio backtest does, on real BTCUSDT and ETHUSDT candles.

- paper: `LiveRunner.prepare_symbols` (each symbol warmed up on the 2400 candles before), then one
  `LiveRunner.on_round` per open time (the production loop: `Kernel.push_round` on trailing windows,
  one `SimBroker` per symbol under the live fill model, one account, one gate), without sockets;
- backtest: `backtest.portfolio_run.run_portfolio` over warm-up + stretch (the merged loop over the
  union time grid), the same strategy, gate settings, cash, instruments and fill model.

Identical: every verdict (time, symbol, approved plan or rejection code), every plan quantity and
every fill (time, symbol, side, type, price, quantity).
"""

from __future__ import annotations

import asyncio
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from aitrader.backtest.engine import BacktestConfig
from aitrader.backtest.portfolio_run import run_portfolio
from aitrader.data import load_sample
from aitrader.domain import Candle, Candles, Instrument, Timeframe
from aitrader.domain.plan import Rejection
from aitrader.engine.bus import EventBus
from aitrader.engine.events import FillEvent, VerdictGiven
from aitrader.execution.fill_model import FillModel
from aitrader.live.config import RunConfig
from aitrader.live.multi_stream import Round
from aitrader.live.runner import LiveRunner
from aitrader.risk import RiskConfig, RiskGate
from aitrader.strategies import get_strategy
from aitrader.venues.local.instruments import build_instruments

SYMBOLS = ("BTCUSDT", "ETHUSDT")
STRATEGY = "confluence"
WINDOW = 2400
START_MS = 1_679_250_480_000  # 2023-03-19 18:28 UTC: both symbols enter 6 candles in
BARS = 2000  # ~33 h: 10 approved entries over the two symbols, 28 fills
MINUTE = 60_000

Row = tuple[Any, ...]


def _stretch() -> dict[str, tuple[Candles, Candles]]:
    out = {}
    for s in SYMBOLS:
        full = load_sample(s, "1m")
        i = int(full.open_time.searchsorted(START_MS))
        out[s] = (full.slice(i - WINDOW - 1, i), full.slice(i, i + BARS))
    return out


def _candle(c: Candles, i: int) -> Candle:
    d = Decimal
    return Candle(
        int(c.open_time[i]), d(repr(float(c.open[i]))), d(repr(float(c.high[i]))), d(repr(float(c.low[i]))),
        d(repr(float(c.close[i]))), d(repr(float(c.volume[i]))),
    )  # fmt: skip


def _listen(bus: EventBus, verdicts: list[Row], fills: list[Row]) -> None:
    def on_verdict(e: VerdictGiven) -> None:
        v = e.verdict
        key = (v.code.value,) if isinstance(v, Rejection) else (v.kind.value, v.side.value, v.quantity)
        verdicts.append((e.time_ms, e.proposal.symbol, *key))

    def on_fill(e: FillEvent) -> None:
        r = e.report
        fills.append((r.time_ms, r.symbol, r.side.value, r.order_type, repr(r.price), repr(r.qty)))

    bus.subscribe(VerdictGiven, on_verdict)
    bus.subscribe(FillEvent, on_fill)


async def _paper(
    tmp: Path, data: dict[str, tuple[Candles, Candles]], insts: dict[str, Instrument]
) -> tuple[list[Row], list[Row]]:
    cfg = RunConfig(
        symbols=SYMBOLS, interval=Timeframe.M1, strategy=STRATEGY, paper=True, venue_name="offline replay",
        journal_path=tmp / "journal.sqlite", telemetry_path=None, window=WINDOW,
    )  # fmt: skip
    runner = LiveRunner(cfg)

    async def fetch(symbol: str, n: int) -> list[Candle]:
        warm, replay = data[symbol]
        held = [_candle(warm, k) for k in range(len(warm))]
        return [*held[-(n - 1) :], _candle(replay, 0)]  # the newest kline counts as forming: dropped

    await runner.prepare_symbols(None, fetch, insts)
    verdicts: list[Row] = []
    fills: list[Row] = []
    _listen(runner.kernel.bus, verdicts, fills)
    for k in range(BARS):
        candles = {s: (_candle(data[s][1], k), 0) for s in SYMBOLS}
        await runner.on_round(Round(int(data[SYMBOLS[0]][1].open_time[k]), candles))
    await runner.close()
    return verdicts, fills


def _backtest(
    data: dict[str, tuple[Candles, Candles]], insts: dict[str, Instrument]
) -> tuple[list[Row], list[Row]]:
    bus = EventBus(history=0)
    verdicts: list[Row] = []
    fills: list[Row] = []
    _listen(bus, verdicts, fills)
    run_portfolio(
        {s: get_strategy(STRATEGY, {}, Timeframe.M1) for s in SYMBOLS},
        {s: Candles.concat([w, r]) for s, (w, r) in data.items()},
        BacktestConfig(fill_model=FillModel.LIVE),
        gate=RiskGate(RiskConfig(risk_fraction=0.01)),
        instruments=insts,
        bus=bus,
        start_ms=START_MS,
    )
    return verdicts, fills


@pytest.fixture(scope="module")
def runs(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[tuple[list[Row], list[Row]], tuple[list[Row], list[Row]]]:
    data = _stretch()
    for s in SYMBOLS:  # one open time per round: the two samples share every minute here
        assert list(data[s][1].open_time) == list(data[SYMBOLS[0]][1].open_time)
    prices = {s: float(data[s][1].close[0]) for s in SYMBOLS}
    insts = {s: inst for s, (_, inst) in build_instruments(prices).items()}
    paper = asyncio.run(_paper(tmp_path_factory.mktemp("portfolio_parity"), data, insts))
    return paper, _backtest(data, insts)


def test_both_symbols_trade_in_the_stretch(runs: Any) -> None:
    (verdicts, fills), _ = runs
    approved = {v[1] for v in verdicts if v[2] == "open"}
    assert approved == set(SYMBOLS)
    assert len(fills) >= 6


def test_every_verdict_and_plan_quantity_is_the_same(runs: Any) -> None:
    (paper, _), (backtest, _) = runs
    assert paper == backtest


def test_every_fill_is_the_same(runs: Any) -> None:
    (_, paper), (_, backtest) = runs
    assert paper == backtest
