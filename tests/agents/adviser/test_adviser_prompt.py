"""The prompt is the snapshot in words: the same snapshot gives the same bytes, a prefix of the
history gives the same prompt as the whole history at that bar (nothing from later bars), and the
screen's masks are causal and honour the skip contract."""

from __future__ import annotations

import json

import numpy as np
from adviser_kit import NoModel, candles, entry_bars, features_and_signals

from aitrader.agents.adviser import LlmParams, LlmStrategy
from aitrader.agents.adviser.prompt import DATA_CLOSE, DATA_OPEN, build_prompt
from aitrader.agents.analysts.panel import run_panel
from aitrader.agents.debate.strategy import DebateParams, DebateStrategy
from aitrader.agents.snapshot import Snapshot
from aitrader.domain import Timeframe
from aitrader.strategies.base import MarketView


def _prompt_at(strategy: LlmStrategy, history_end: int, i: int) -> str:
    f = strategy.features(candles().slice(0, history_end))
    snap = Snapshot.take(MarketView(f, i))
    return build_prompt(snap, run_panel(snap), LlmParams()).data


def test_same_snapshot_same_bytes_and_no_later_bar_in_it() -> None:
    strategy = LlmStrategy(timeframe=Timeframe.H1, caller=NoModel())
    i = entry_bars()[2]
    whole = _prompt_at(strategy, len(candles()), i)
    assert _prompt_at(strategy, len(candles()), i) == whole  # deterministic
    assert _prompt_at(strategy, i + 1, i) == whole  # the history after the bar changes nothing

    doc = json.loads(whole.split(DATA_OPEN, 1)[1].rsplit(DATA_CLOSE, 1)[0])
    assert doc["bar"]["close"] == float(candles().close[i])
    assert set(doc) >= {
        "timeframes", "features", "regime", "cross_asset", "analysts", "open_positions",
        "recent_gate_rejections", "news_titles",
    }  # fmt: skip
    assert set(doc["timeframes"]) == {"1h", "4h", "1d"}
    assert doc["features"]["rsi_14"] == float(f"{features_and_signals()[0]['rsi_14'][i]:.8g}")
    assert len(doc["analysts"]) == 7


def test_the_screen_honours_the_skip_contract_and_passes_few_bars() -> None:
    f, s = features_and_signals()
    strategy = LlmStrategy(timeframe=Timeframe.H1, caller=NoModel())
    assert not s.entry_short.any()
    assert not s.exit_short.any()
    assert not s.entry_long[: strategy.warmup - 1].any()
    assert not s.exit_long[: strategy.warmup - 1].any()
    assert 0 < s.entry_long.sum() < len(f) // 4  # a screen: a minority of bars reach the model
    # the screen is the debate's: both slow deciders deliberate on the same bars
    debate = DebateStrategy(DebateParams(), Timeframe.H1, None, None)
    assert np.array_equal(
        debate.signals(debate.features(candles())).entry_long[strategy.warmup :],
        s.entry_long[strategy.warmup :],
    )
