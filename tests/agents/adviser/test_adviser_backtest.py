"""`--strategy llm` end to end: a backtest over real BTCUSDT candles against a model on 127.0.0.1
trades only through the RiskGate, and a replay from its recordings reruns it bit for bit without
calling the model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from adviser_kit import candles, make_caller
from adviser_model import RuleModel

from aitrader.agents.adviser import LlmParams, LlmStrategy
from aitrader.agents.llm.recordings import AnswerStore, RecordingCaller
from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.domain import Timeframe
from aitrader.domain.plan import OrderPlan
from aitrader.domain.proposal import Enter
from aitrader.engine.bus import EventBus
from aitrader.engine.events import Deliberated, VerdictGiven


def _run(caller: Any) -> tuple[Any, list[Any], LlmStrategy]:
    bus = EventBus()
    events: list[Any] = []
    for kind in (VerdictGiven, Deliberated):
        bus.subscribe(kind, events.append)
    strategy = LlmStrategy(LlmParams(), Timeframe.H1, None, caller)
    strategy.watch_rejections(bus)
    result = run_backtest(strategy, candles().tail(1500), BacktestConfig(cash=10_000.0, fee=0.001), bus=bus)
    return result, events, strategy


@pytest.mark.slow
def test_a_backtest_trades_through_the_gate_and_replays_bit_for_bit(
    rule_model: RuleModel, tmp_path: Path
) -> None:
    store = AnswerStore(tmp_path / "answers.sqlite", "scripted")
    live = RecordingCaller(make_caller(rule_model.base_url, tmp_path), store, "record")  # type: ignore[attr-defined]
    result, events, _ = _run(live)

    verdicts = [e for e in events if isinstance(e, VerdictGiven)]  # every proposal meets the gate
    proposals = [v.proposal for v in verdicts]
    assert proposals
    assert all(p.strategy == "llm" for p in proposals)
    entries = [
        v.verdict for v in verdicts if isinstance(v.verdict, OrderPlan) and isinstance(v.proposal, Enter)
    ]
    assert entries
    assert all(plan.quantity > 0 and plan.risk_fraction <= 0.01 for plan in entries)
    assert len(result.trades) >= 1
    deliberations = [e for e in events if isinstance(e, Deliberated)]
    assert len(deliberations) >= len(proposals)
    asked = len(rule_model.requests)
    assert asked == 2 * len(deliberations)  # planner + executor per screened bar, nothing else

    replay = RecordingCaller(None, store, "replay")
    again, events_again, _ = _run(replay)
    assert len(rule_model.requests) == asked  # the replay called no model
    assert replay.divergences == []
    assert again.trades == result.trades
    assert again.equity.tolist() == result.equity.tolist()
    verdicts_again = [e for e in events_again if isinstance(e, VerdictGiven)]
    assert [v.proposal for v in verdicts_again] == proposals
    assert [v.verdict for v in verdicts_again] == [v.verdict for v in verdicts]
    again_records = [e.deliberation for e in events_again if isinstance(e, Deliberated)]
    assert [d.verdict for d in again_records] == [e.deliberation.verdict for e in deliberations]
    assert all('"replayed":true' in d.payload for d in again_records)
