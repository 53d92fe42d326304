"""The kernel with several symbols: one account, no look-ahead across symbols, the same decisions
whether the history is walked at once (backtest) or fed one open time at a time (live's push_round).

Real data: the shipped BTCUSDT/ETHUSDT/SOLUSDT 1m samples over the same weeks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from aitrader.backtest.engine import BacktestConfig
from aitrader.backtest.inputs import build_strategy
from aitrader.backtest.portfolio_run import build_portfolio_kernel, run_portfolio
from aitrader.data.sample import load_sample
from aitrader.domain import Candles, Timeframe
from aitrader.domain.plan import OrderPlan
from aitrader.domain.position import PositionBook
from aitrader.domain.proposal import Proposal
from aitrader.engine.events import FillEvent, VerdictGiven
from aitrader.strategies.base import MarketView, Strategy

SYMBOLS = ("BTCUSDT", "ETHUSDT", "SOLUSDT")
BARS = 4_000


@pytest.fixture(scope="module")
def candles() -> dict[str, Candles]:
    """The three samples cut to the same first `BARS` minutes."""
    loaded = {s: load_sample(s, "1m") for s in SYMBOLS}
    start = max(int(c.open_time[0]) for c in loaded.values())
    out = {}
    for s, c in loaded.items():
        i = int(np.searchsorted(c.open_time, start))
        out[s] = c.slice(i, i + BARS)
    return out


class PeerSpy:
    """A real strategy whose `on_bar` also reads every other symbol through `view.peer` and records
    what it saw (the wrapped strategy decides as usual)."""

    def __init__(
        self, inner: Strategy, others: Sequence[str], seen: list[tuple[int, str, int, float]]
    ) -> None:
        self._inner = inner
        self._others = others
        self._seen = seen

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def on_bar(self, view: MarketView, book: PositionBook) -> Sequence[Proposal]:
        for other in self._others:
            peer = view.peer(other)
            if peer is not None:
                self._seen.append((view.close_ms, other, peer.close_ms, float(peer.candles.close[-1])))
        return self._inner.on_bar(view, book)


def _strategies(seen: list[tuple[int, str, int, float]] | None = None) -> dict[str, Strategy]:
    out: dict[str, Strategy] = {}
    for s in SYMBOLS:
        inner = build_strategy("confluence", {}, Timeframe.M1)
        out[s] = inner if seen is None else PeerSpy(inner, [o for o in SYMBOLS if o != s], seen)  # type: ignore[assignment]
    return out


def test_a_decision_at_t_sees_no_bar_after_t_on_any_symbol(candles: dict[str, Candles]) -> None:
    seen: list[tuple[int, str, int, float]] = []
    run_portfolio(_strategies(seen), candles, BacktestConfig(every_bar=True))
    assert len(seen) > 2 * (BARS - 100) * 2  # every bar of every symbol read both others
    for decided_ms, other, peer_close_ms, peer_close in seen:
        assert peer_close_ms <= decided_ms  # the peer's bar had closed when the decision was taken
        c = candles[other]
        k = int(np.searchsorted(c.open_time, peer_close_ms - 60_000))
        assert float(c.close[k]) == peer_close  # and it is the bar of that time, not a later one
    # with the same open times everywhere, the peer is the bar of the same minute, not an earlier one
    assert sum(1 for d, _, p, _ in seen if d == p) == len(seen)


def test_the_live_path_decides_as_the_backtest_does(candles: dict[str, Candles]) -> None:
    warm = 600
    config = BacktestConfig(cash=10_000, first_bar=warm)
    back = build_portfolio_kernel(_strategies(), candles, config)
    verdicts_back: list[tuple[int, str, str]] = []
    fills_back: list[tuple[int, str, float]] = []
    back.bus.subscribe(VerdictGiven, lambda e: verdicts_back.append(_verdict(e)))
    back.bus.subscribe(FillEvent, lambda e: fills_back.append((e.bar, e.report.symbol, e.report.price)))
    back.run(warm, None, every_bar=True)

    live = build_portfolio_kernel(_strategies(), candles, config)  # same lanes, history not walked
    for s in SYMBOLS:
        live.warm(candles[s].slice(0, warm))
    verdicts_live: list[tuple[int, str, str]] = []
    fills_live: list[tuple[int, str, float]] = []
    live.bus.subscribe(VerdictGiven, lambda e: verdicts_live.append(_verdict(e)))
    live.bus.subscribe(FillEvent, lambda e: fills_live.append((e.bar, e.report.symbol, e.report.price)))
    for k in range(warm, BARS):
        live.push_round({s: candles[s].row(k) for s in SYMBOLS})

    assert len(verdicts_back) > 20
    assert any(v[2] == "approved" for v in verdicts_back)
    assert verdicts_live == verdicts_back
    assert fills_live == fills_back
    assert live.portfolio.cash == pytest.approx(back.portfolio.cash)


def _verdict(e: VerdictGiven) -> tuple[int, str, str]:
    v = e.verdict
    return e.bar, e.proposal.symbol, "approved" if isinstance(v, OrderPlan) else v.code.value


def test_skipping_quiet_bars_changes_nothing(candles: dict[str, Candles]) -> None:
    every = run_portfolio(_strategies(), candles, BacktestConfig(every_bar=True))
    jumps = run_portfolio(_strategies(), candles, BacktestConfig(every_bar=False))
    assert [t.exit_time for t in every.account.trades] == [t.exit_time for t in jumps.account.trades]
    assert every.account.final_equity == pytest.approx(jumps.account.final_equity)


def test_one_account_adds_up(candles: dict[str, Candles]) -> None:
    result = run_portfolio(_strategies(), candles, BacktestConfig(cash=10_000))
    account = result.account
    assert {t.symbol for t in account.trades} == set(SYMBOLS)
    added = sum(r.final_equity - r.initial_equity for r in result.per_symbol.values())
    assert account.final_equity - account.initial_equity == pytest.approx(added, abs=1e-6)
    assert len(account.equity) == len(account.times) == BARS
    for s, r in result.per_symbol.items():
        assert len(r.equity) == len(candles[s])
        assert all(t.symbol == s for t in r.trades)
        for t in r.trades:  # a symbol's trades carry its own bar numbers
            assert int(r.candles.open_time[t.exit_bar]) <= t.exit_time
    # never more open at once than the gate allows, on one account
    assert account.params["approved"] > 0


def test_a_symbol_listed_later_is_not_traded_before_its_first_bar(candles: dict[str, Candles]) -> None:
    late = dict(candles)
    late["SOLUSDT"] = candles["SOLUSDT"].slice(1_500, None)
    result = run_portfolio(_strategies(), late, BacktestConfig(cash=10_000))
    first_sol = int(late["SOLUSDT"].open_time[0])
    assert all(t.entry_time >= first_sol for t in result.account.trades if t.symbol == "SOLUSDT")
    assert len(result.account.times) == BARS


def test_bad_portfolios_say_what_is_wrong(candles: dict[str, Candles]) -> None:
    with pytest.raises(ValueError, match="two symbols or more"):
        build_portfolio_kernel(_strategies(), {"BTCUSDT": candles["BTCUSDT"]}, BacktestConfig())
    hourly = {**candles, "ETHUSDT": replace(candles["ETHUSDT"], timeframe=Timeframe.H1)}
    with pytest.raises(ValueError, match="one timeframe per portfolio"):
        build_portfolio_kernel(_strategies(), hourly, BacktestConfig())


def test_entries_approved_on_the_same_bar_count_against_the_account(candles: dict[str, Candles]) -> None:
    """Three symbols entering at one close must not spend the same cash three times: the gate sees
    the other symbols' unfilled entries, so the account never holds more than it has."""
    from aitrader.risk import RiskConfig, RiskGate

    full = {s: load_sample(s, "1m") for s in SYMBOLS}  # the whole samples: many same-bar entries
    gate = RiskGate(RiskConfig(risk_fraction=0.05, max_position_fraction=0.6, max_symbol_exposure=0.6))
    result = run_portfolio(_strategies(), full, BacktestConfig(cash=10_000), gate=gate)
    closes = result.closes
    held_value = sum(np.nan_to_num(closes[s]) * result.held[s] for s in SYMBOLS)
    cash = result.account.equity - held_value
    assert cash.min() > -1e-6 * result.account.initial_equity  # never spent money it did not have
    exposure = held_value / result.account.equity
    assert exposure.max() > 0.5  # the limits were reached...
    assert exposure.max() <= 1.0 + 1e-9  # ...and never passed: spot holds at most the equity
    both = [t.entry_time for t in result.account.trades]
    assert len(both) != len(set(both))  # and some entries did happen at the same close
