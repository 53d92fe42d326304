"""A trained policy on paper: `LiveRunner` (the production loop, `trade --paper` without sockets)
with `--strategy rl:PATH` proposes, is judged and fills exactly as a kernel backtest of the same
checkpoint on the same candles under the live fill model."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import torch

from aitrader.backtest.inputs import build_strategy
from aitrader.data import load_sample
from aitrader.domain import Candles, Instrument, Timeframe
from aitrader.domain.plan import OrderPlan
from aitrader.domain.proposal import Enter
from aitrader.engine.events import FillEvent, VerdictGiven
from aitrader.engine.kernel import Kernel
from aitrader.execution.fill_model import FillModel
from aitrader.execution.sim_broker import SimBroker
from aitrader.live.config import RunConfig
from aitrader.live.runner import LiveRunner
from aitrader.risk import RiskConfig, RiskGate
from aitrader.rl.checkpoint import save_checkpoint
from aitrader.rl.env_config import EnvConfig
from aitrader.rl.models import LSTMActorCritic
from aitrader.rl.observation import ObsSpec
from aitrader.rl.series import env_instrument

torch.set_num_threads(1)
WINDOW, START, BARS, CASH, MINUTE = 1_400, 30_000, 600, 10_000, 60_000
Rows = list[tuple[Any, ...]]


def _checkpoint(tmp: Path) -> Path:
    torch.manual_seed(11)
    policy = LSTMActorCritic(ObsSpec().obs_dim, 5, hidden=16)
    with torch.no_grad():  # spread the logits so that the random policy acts
        for p in policy.parameters():
            p.mul_(8.0)
    # stops 10 ATRs away and targets 3x that: the default 2 ATRs of a 1m bar put the targets inside the
    # round trip's fees and slippage, and the gate refuses every entry on its net reward:risk (this
    # window: 104 of 104); with these, 6 entries clear its default minimum (11 fills with the exits)
    env = EnvConfig(stop_atr=10.0, reward_risk=3.0)
    return save_checkpoint(tmp / "policy.pt", policy, env, ObsSpec(), agent="ppo-lstm")


def _listen(kernel: Kernel) -> tuple[Rows, Rows]:
    verdicts: Rows = []
    fills: Rows = []

    def on_verdict(e: VerdictGiven) -> None:
        p, v = e.proposal, e.verdict
        side = p.side.value if isinstance(p, Enter) else "exit"
        verdicts.append((e.time_ms, side, v.quantity if isinstance(v, OrderPlan) else v.code.value))

    def on_fill(e: FillEvent) -> None:
        r = e.report
        fills.append((r.time_ms, r.side.value, r.order_type, r.price, r.qty))

    kernel.bus.subscribe(VerdictGiven, on_verdict)
    kernel.bus.subscribe(FillEvent, on_fill)
    return verdicts, fills


async def _paper(tmp: Path, name: str, warm: Candles, replay: Candles, inst: Instrument) -> tuple[Rows, Rows]:
    cfg = RunConfig(
        symbol=inst.symbol, interval=Timeframe.M1, strategy=name, paper=True, venue_name="offline replay",
        journal_path=tmp / "journal.sqlite", telemetry_path=None, risk_fraction=0.01, window=WINDOW,
        paper_balances={inst.quote_asset: Decimal(CASH)},
    )  # fmt: skip
    runner = LiveRunner(cfg)
    history, stream = list(warm), list(replay)

    async def fetch(n: int) -> list[Any]:
        return [*history[-(n - 1) :], stream[0]]  # the newest kline counts as forming: it is dropped

    await runner.prepare(None, fetch, inst)
    out = _listen(runner.kernel)
    for candle in stream:
        await runner.on_closed(candle, 0)
    await runner.close()
    return out


def _backtest(name: str, warm: Candles, replay: Candles, inst: Instrument) -> tuple[Rows, Rows]:
    strategy = build_strategy(name, {}, Timeframe.M1)
    broker = SimBroker(fill_model=FillModel.LIVE, interval_ms=MINUTE)
    kernel = Kernel(strategy, RiskGate(RiskConfig(risk_fraction=0.01)), broker, inst, float(CASH))
    out = _listen(kernel)
    kernel.load(Candles.concat([warm, replay]))
    kernel.run(len(warm))
    return out


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[tuple[Rows, Rows], tuple[Rows, Rows]]:
    tmp = tmp_path_factory.mktemp("rl_paper")
    name = f"rl:{_checkpoint(tmp)}"
    full = load_sample("BTCUSDT", "1m")
    warm, replay = full.slice(START - WINDOW - 1, START), full.slice(START, START + BARS)
    inst = env_instrument("BTCUSDT", float(full.close[0]), allows_short=False)
    return asyncio.run(_paper(tmp, name, warm, replay, inst)), _backtest(name, warm, replay, inst)


def test_paper_and_backtest_decide_and_fill_alike(runs: tuple[tuple[Rows, Rows], tuple[Rows, Rows]]) -> None:
    (paper_verdicts, paper_fills), (bt_verdicts, bt_fills) = runs
    assert len(paper_verdicts) >= 10
    assert len(paper_fills) >= 6
    assert paper_verdicts == bt_verdicts
    assert paper_fills == bt_fills
