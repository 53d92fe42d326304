"""The overlays after the model refuse, each saying why: poor net reward:risk, a decision price
off the close, too many entries in a day, and a cooldown after repeated gate rejections."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import msgspec
import pytest
from adviser_kit import adviser, decision, entry_bars, make_caller, plan, view_at
from chat_scripted_llm import ScriptedLLM, text_reply

from aitrader.agents.adviser import LlmParams
from aitrader.agents.adviser.overlays import net_reward_risk, refusal
from aitrader.agents.adviser.schema import AdviserDecision
from aitrader.agents.snapshot import DAY_MS, Snapshot
from aitrader.domain import Side
from aitrader.domain.plan import Rejection, RejectionCode
from aitrader.domain.position import EMPTY_BOOK
from aitrader.domain.proposal import Enter, Target
from aitrader.engine.bus import EventBus
from aitrader.engine.events import VerdictGiven


def _decision(close: float, **over: object) -> AdviserDecision:
    return AdviserDecision.model_validate_json(decision(close, **over))


def test_net_reward_risk_takes_fees_and_slippage_off() -> None:
    gross = net_reward_risk(100.0, 98.0, ((104.0, 1.0),), fee=0.0, slippage=0.0)
    assert gross == pytest.approx(2.0)
    net = net_reward_risk(100.0, 98.0, ((104.0, 1.0),), fee=0.001, slippage=0.0005)
    # reward 4 - 0.05 slip - 0.1 - 0.104 fees; risk 2 + 0.05 + 0.049 slip + 0.1 + 0.098 fees
    assert net == pytest.approx((4 - 0.05 - 0.10005 - 0.104) / (2.05 + 0.049 + 0.10005 + 0.0979510), rel=1e-4)
    assert net < gross
    assert net_reward_risk(100.0, 98.0, ((100.1, 1.0),), fee=0.001, slippage=0.0) == 0.0  # fees eat it all


def test_each_overlay_refuses_with_its_reason() -> None:
    view = view_at(entry_bars()[0])
    close = view.close
    p = LlmParams()
    snap = Snapshot.take(view)
    assert refusal(_decision(close), snap, p, entries_today=0) is None

    thin = _decision(close, targets=[{"price": round(close * 1.02, 2), "fraction": 1.0}])
    why = refusal(thin, snap, p, 0)
    assert why is not None
    assert why.startswith("reward:risk")
    assert "after fees and slippage" in why

    stale = _decision(close, price=round(close * 1.01, 2))
    why = refusal(stale, snap, p, 0)
    assert why is not None
    assert why.startswith("slippage guard")
    assert "1.00%" in why

    why = refusal(_decision(close), snap, p, entries_today=3)
    assert why is not None
    assert why.startswith("max trades per day")

    rejected = Snapshot.take(view, rejections=("price_moved: a", "price_moved: b", "reward_risk_too_low: c"))
    why = refusal(_decision(close), rejected, p, 0)
    assert why is not None
    assert why.startswith("cooldown")
    assert "reward_risk_too_low: c" in why

    exit_ = AdviserDecision(action="exit", confidence=0.5, rationale="done")
    assert refusal(exit_, rejected, p, entries_today=99) is None  # closing never adds risk


def test_max_trades_per_day_counts_this_advisers_entries(llm: ScriptedLLM, tmp_path: Path) -> None:
    bars = entry_bars()
    pair = next(
        (a, b)
        for a, b in itertools.pairwise(bars)
        if view_at(a).close_ms // DAY_MS == view_at(b).close_ms // DAY_MS
    )
    first, second = view_at(pair[0]), view_at(pair[1])
    llm.script = [
        text_reply(plan()),
        text_reply(decision(first.close)),
        text_reply(plan()),
        text_reply(decision(second.close)),
    ]
    strategy = adviser(make_caller(llm.base_url, tmp_path), max_trades_per_day=1)  # type: ignore[attr-defined]
    assert isinstance(strategy.on_bar(first, EMPTY_BOOK)[0], Enter)
    assert strategy.on_bar(second, EMPTY_BOOK) == ()
    verdicts = [d.verdict for d in strategy.drain_deliberations()]
    assert verdicts[1].startswith("no trade: max trades per day: 1 entries already proposed today")


def test_cooldown_after_repeated_gate_rejections(llm: ScriptedLLM, tmp_path: Path) -> None:
    view = view_at(entry_bars()[0])
    llm.script = [text_reply(plan()), text_reply(decision(view.close))]
    strategy = adviser(make_caller(llm.base_url, tmp_path), cooldown_after_rejections=2)  # type: ignore[attr-defined]
    bus = EventBus()
    strategy.watch_rejections(bus)
    proposal = Enter(
        "BTCUSDT",
        Side.BUY,
        view.close,
        view.close * 0.98,
        (Target(view.close * 1.05),),
        0.5,
        "x",
        0,
        strategy="llm",
    )
    for k in range(2):
        t = view.close_ms - (k + 1) * 3_600_000
        rejected = Rejection(RejectionCode.PRICE_MOVED, f"moved {k}", "BTCUSDT", t, "llm")
        bus.publish(VerdictGiven(0, t, proposal, rejected))
    # another strategy's rejection does not count
    others = msgspec.structs.replace(proposal, strategy="confluence")
    other = Rejection(RejectionCode.PRICE_MOVED, "not mine", "BTCUSDT", view.close_ms, "confluence")
    bus.publish(VerdictGiven(0, view.close_ms, others, other))
    assert strategy.on_bar(view, EMPTY_BOOK) == ()
    (d,) = strategy.drain_deliberations()
    assert d.verdict.startswith("no trade: cooldown: the gate rejected")
    prompt = llm.requests[0]["messages"][1]["content"]
    assert "price_moved: moved 0" in prompt  # the model sees the recent rejections too
    assert "not mine" not in prompt
    assert json.loads(d.payload)["overlay"].startswith("cooldown")


def test_old_rejections_are_forgotten(llm: ScriptedLLM, tmp_path: Path) -> None:
    view = view_at(entry_bars()[0])
    llm.script = [text_reply(plan()), text_reply(decision(view.close))]
    strategy = adviser(make_caller(llm.base_url, tmp_path), cooldown_after_rejections=1)  # type: ignore[attr-defined]
    long_ago = view.close_ms - 100 * 3_600_000  # beyond rejection_memory_bars (24 bars)
    strategy.note_rejection(Rejection(RejectionCode.PRICE_MOVED, "old", "BTCUSDT", long_ago, "llm"))
    assert len(strategy.on_bar(view, EMPTY_BOOK)) == 1
