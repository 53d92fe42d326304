"""The skip contract the kernel relies on, checked on every bar of the real BTCUSDT 1m sample:
no proposal appears off its mask, and visiting only candidate bars gives the same decisions."""

from __future__ import annotations

import numpy as np
import pytest

from aitrader.domain import Candles, Side
from aitrader.domain.proposal import Adjust, Enter, Exit
from aitrader.strategies import REGISTRY, Strategy, get_strategy
from aitrader.strategies.replay import replay


@pytest.mark.parametrize("name", list(REGISTRY))
def test_no_proposal_off_its_mask_and_skipping_changes_nothing(name: str, btc_1m: Candles) -> None:
    strategy = get_strategy(name)
    assert isinstance(strategy, Strategy)
    signals = strategy.signals(strategy.features(btc_1m))
    full = replay(strategy, btc_1m, every_bar=True)
    assert full.entries, f"{name} never entered on the BTCUSDT 1m sample"
    for i, proposals in full.proposals_by_bar.items():
        for p in proposals:
            if isinstance(p, Enter):
                mask = signals.entry_long if p.side is Side.BUY else signals.entry_short
                assert mask[i], f"{name}: Enter {p.side} at bar {i} off the entry mask"
                assert i >= strategy.warmup - 1
            elif isinstance(p, Exit):
                assert signals.exit_long[i] or signals.exit_short[i], (
                    f"{name}: Exit at bar {i} off the exit masks"
                )
            else:
                assert isinstance(p, Adjust)
                assert signals.adjusts_every_bar, f"{name}: Adjust at bar {i} without adjusts_every_bar"
    skipped = replay(strategy, btc_1m, every_bar=False)
    assert [(i, e) for i, e in skipped.entries] == [(i, e) for i, e in full.entries]
    assert skipped.exits == full.exits
    assert skipped.adjusts == full.adjusts


@pytest.mark.parametrize("name", list(REGISTRY))
def test_features_are_causal(name: str, btc_1m: Candles) -> None:
    """Features of a prefix equal the full-history features on that prefix: nothing looks ahead."""
    strategy = get_strategy(name)
    data = btc_1m.slice(0, 12_000)
    full = strategy.features(data)
    for cut in (3_001, 7_777, 11_000):
        part = strategy.features(data.slice(0, cut))
        for col, values in part.columns.items():
            np.testing.assert_array_equal(values, full[col][:cut], err_msg=f"{name}.{col} at cut {cut}")


@pytest.mark.parametrize("name", list(REGISTRY))
def test_a_live_window_of_warmup_bars_decides_like_the_full_history(name: str, btc_1m: Candles) -> None:
    """Live computes the same features on a trailing window of `warmup` bars: same masks on its last bar."""
    strategy = get_strategy(name)
    full = strategy.features(btc_1m)
    w = strategy.warmup
    active = np.flatnonzero(full["entry_long"] | full["entry_short"] | full["exit_long"] | full["exit_short"])
    rng = np.random.default_rng(7)
    bars = np.concatenate(
        [active[active >= w - 1][:: max(1, len(active) // 8)][:8], rng.integers(w - 1, len(btc_1m), 6)]
    )
    for i in bars:
        live = strategy.features(btc_1m.slice(int(i) - w + 1, int(i) + 1))
        for key in ("entry_long", "entry_short", "exit_long", "exit_short"):
            assert bool(live[key][-1]) == bool(full[key][i]), f"{name}.{key} differs live at bar {i}"
