"""A scripted model's valid decision becomes an `Enter` with the model's stop and targets and no
quantity; the gate then sizes it. Hold is no trade; no caller is a clear error at construction."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from adviser_kit import adviser, decision, entry_bars, features_and_signals, make_caller, plan, roles, view_at
from chat_scripted_llm import ScriptedLLM, text_reply

from aitrader.agents.adviser import LlmNotConfiguredError, LlmStrategy
from aitrader.domain import Side, Timeframe
from aitrader.domain.plan import OrderPlan
from aitrader.domain.position import EMPTY_BOOK
from aitrader.domain.proposal import Enter
from aitrader.risk import RiskConfig, RiskGate
from aitrader.risk.account import AccountState


def test_no_caller_fails_at_construction_saying_how_to_configure() -> None:
    with pytest.raises(LlmNotConfiguredError) as err:
        LlmStrategy(None, Timeframe.H1, None, None)
    assert "AITRADER_LLM_BASE_URL" in str(err.value)
    assert "AITRADER_LLM_MODEL" in str(err.value)
    assert "record" in str(err.value)


def test_a_valid_decision_becomes_an_enter_with_the_models_stop_and_targets(
    llm: ScriptedLLM, tmp_path: Path
) -> None:
    i = entry_bars()[0]
    view = view_at(i)
    close = view.close
    llm.script = [text_reply(plan()), text_reply(decision(close))]
    strategy = adviser(make_caller(llm.base_url, tmp_path))  # type: ignore[attr-defined]

    (p,) = strategy.on_bar(view, EMPTY_BOOK)

    assert isinstance(p, Enter)
    assert p.strategy == "llm"
    assert p.side is Side.BUY
    assert p.price == close  # the snapshot's close, not the model's word
    assert p.time_ms == view.time_ms
    assert p.stop == round(close * 0.98, 2)
    assert [(t.price, t.fraction) for t in p.targets] == [
        (round(close * 1.04, 2), 0.5),
        (round(close * 1.06, 2), 0.5),
    ]
    assert p.confidence == 0.64
    assert "qty" not in Enter.__struct_fields__
    assert "quantity" not in Enter.__struct_fields__
    # evidence: only what the snapshot can back with a figure (an invented name is left out)
    assert p.evidence["rsi_14"] == round(view.value("rsi_14"), 6)
    assert "analyst.technical" in p.evidence
    assert "no_such_thing" not in p.evidence
    assert roles(llm.requests) == ["planner", "executor"]

    (d,) = strategy.drain_deliberations()
    record = json.loads(d.payload)
    assert d.decider == "llm"
    assert d.verdict.startswith("enter long")
    assert record["decision"]["action"] == "enter_long"
    assert [c["role"] for c in record["calls"]] == ["adviser.planner", "adviser.executor"]
    assert record["tokens"] > 0
    assert strategy.drain_deliberations() == ()


def test_the_gate_sizes_what_the_adviser_proposed(llm: ScriptedLLM, tmp_path: Path) -> None:
    view = view_at(entry_bars()[0])
    llm.script = [text_reply(plan()), text_reply(decision(view.close))]
    (p,) = adviser(make_caller(llm.base_url, tmp_path)).on_bar(view, EMPTY_BOOK)  # type: ignore[attr-defined]
    assert isinstance(p, Enter)

    from aitrader.backtest.engine import default_instrument

    inst = default_instrument("BTCUSDT", view.close)
    equity = Decimal(10_000)
    account = AccountState(equity=equity, free_quote=equity, now_ms=view.close_ms)
    verdict = RiskGate(RiskConfig()).review(p, account, inst, Decimal(str(view.close)))
    assert isinstance(verdict, OrderPlan)
    assert verdict.quantity > 0
    assert 0 < verdict.risk_quote <= Decimal("0.01") * equity  # sized by the gate's 1% risk budget


def test_hold_is_no_trade_with_the_reason(llm: ScriptedLLM, tmp_path: Path) -> None:
    view = view_at(entry_bars()[0])
    hold = json.dumps({"action": "hold", "confidence": 0.3, "rationale": "No edge here."})
    llm.script = [text_reply(plan()), text_reply(hold)]
    strategy = adviser(make_caller(llm.base_url, tmp_path))  # type: ignore[attr-defined]
    assert strategy.on_bar(view, EMPTY_BOOK) == ()
    (d,) = strategy.drain_deliberations()
    assert d.verdict.startswith("hold")


def test_bars_the_screen_does_not_pass_never_reach_the_model(llm: ScriptedLLM, tmp_path: Path) -> None:
    bars = set(entry_bars())
    quiet = next(i for i in range(min(bars), len(features_and_signals()[0])) if i not in bars)
    strategy = adviser(make_caller(llm.base_url, tmp_path))  # type: ignore[attr-defined]
    assert strategy.on_bar(view_at(quiet), EMPTY_BOOK) == ()
    assert llm.requests == []
    assert strategy.drain_deliberations() == ()
