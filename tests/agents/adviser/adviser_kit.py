"""Shared pieces of the adviser tests: real BTCUSDT 1h candles, the adviser's features over them,
an HttpCaller (helper B's real one) against a scripted OpenAI-compatible server on 127.0.0.1, and
the JSON replies a model would send."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from aitrader.agents.adviser import LlmParams, LlmStrategy
from aitrader.agents.llm.config import AgentLlmConfig
from aitrader.agents.llm.factory import build_http_caller
from aitrader.agents.llm.http_caller import HttpCaller
from aitrader.agents.llm_calls import LlmRequest, LlmResponse
from aitrader.agents.snapshot import ContextData
from aitrader.data import load_sample
from aitrader.domain import Candles, Timeframe
from aitrader.strategies.base import Features, MarketView, Signals

API_KEY = "sk-test-ADVISER-0123456789abcdef"


class NoModel:
    """A caller that must not be called (features and screens need no model)."""

    def complete(self, request: LlmRequest) -> LlmResponse:
        raise AssertionError(f"no model call expected, got {request.role}")

    def note_decision(self, snapshot_id: str, role: str, decision: Any) -> None:
        raise AssertionError("no decision expected")


@cache
def candles() -> Candles:
    return load_sample("BTCUSDT", "1h").tail(2400)


@cache
def features_and_signals() -> tuple[Features, Signals]:
    s = LlmStrategy(timeframe=Timeframe.H1, caller=NoModel())
    f = s.features(candles())
    return f, s.signals(f)


def entry_bars() -> list[int]:
    return [int(i) for i in np.flatnonzero(features_and_signals()[1].entry_long)]


def view_at(i: int) -> MarketView:
    return MarketView(features_and_signals()[0], i)


def make_caller(base_url: str, tmp: Path, **config: Any) -> HttpCaller:
    cfg = AgentLlmConfig(
        base_url=base_url,
        api_key=API_KEY,
        model="scripted",
        timeout_s=config.pop("timeout_s", 5.0),
        deadline_s=config.pop("deadline_s", 10.0),
        budget_path=tmp / "budget.json",
        trace_path=tmp / "trace.jsonl",
        **config,
    )
    return build_http_caller(cfg)


def adviser(caller: Any, context: ContextData | None = None, **params: Any) -> LlmStrategy:
    return LlmStrategy(LlmParams(**params), Timeframe.H1, context, caller)


def plan(thesis: str = "breakout above the range with rising volume") -> str:
    return json.dumps({"thesis": thesis, "checks": ["volume confirms", "4h trend"]})


def decision(close: float, **over: Any) -> str:
    """A valid enter_long decision at `close`: stop 2% below, targets 4% and 6% above (R:R ~2.4)."""
    d: dict[str, Any] = {
        "action": "enter_long",
        "price": close,
        "stop": round(close * 0.98, 2),
        "targets": [
            {"price": round(close * 1.04, 2), "fraction": 0.5},
            {"price": round(close * 1.06, 2), "fraction": 0.5},
        ],
        "confidence": 0.64,
        "rationale": "Breakout with volume; the 4h trend agrees.",
        "evidence": ["rsi_14", "technical", "no_such_thing"],
    }
    d.update(over)
    return json.dumps(d)


def roles(server_requests: list[dict[str, Any]]) -> list[str]:
    """Which step sent each request (the system prompt names it)."""
    out = []
    for r in server_requests:
        system = r["messages"][0]["content"]
        out.append("planner" if "planning step" in system else "executor")
    return out
