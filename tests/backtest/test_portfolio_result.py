"""A portfolio result measures what a one-symbol result measures: positions open at the end valued
net of their exit fee on the account and on each symbol, the window after --from only, and a basket
bought in equal parts where the account starts being measured."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pytest

from aitrader.backtest.engine import BacktestConfig
from aitrader.backtest.metrics import compute_metrics
from aitrader.backtest.portfolio_result import PortfolioResult
from aitrader.backtest.portfolio_run import run_portfolio
from aitrader.backtest.result import measured
from aitrader.domain.position import PositionBook
from aitrader.domain.proposal import Proposal
from aitrader.strategies.base import MarketView
from scripted_strategy import MIN, T0, Scripted, candles, enter

N = 400
START = 300  # --from: the bars before it only warm up


def _once_at(bar: int) -> Callable[[MarketView, PositionBook], Sequence[Proposal]]:
    def plan(view: MarketView, book: PositionBook) -> Sequence[Proposal]:
        if book.get(view.symbol) is None and view.index == bar:
            return [enter(view, stop_frac=0.05, target_frac=0.15)]  # neither reached: open at the end
        return []

    return plan


@pytest.fixture(scope="module")
def result() -> PortfolioResult:
    rng = np.random.default_rng(1)
    btc = 100 * np.exp(np.cumsum(rng.normal(0.0, 0.0005, N)))
    eth = 50 * np.exp(np.cumsum(rng.normal(0.0004, 0.0005, N)))
    c = {"BTCUSDT": candles("BTCUSDT", btc), "ETHUSDT": candles("ETHUSDT", eth)}
    strategies = {"BTCUSDT": Scripted(_once_at(310)), "ETHUSDT": Scripted(_once_at(320))}
    return run_portfolio(strategies, c, BacktestConfig(cash=10_000), start_ms=T0 + START * MIN)


def test_open_positions_count_on_the_account_as_on_each_symbol(result: PortfolioResult) -> None:
    account = compute_metrics(result.account)
    assert account.n_open_trades == 2
    assert account.n_trades == 2
    for r in result.per_symbol.values():
        m = compute_metrics(r)
        assert m.n_open_trades == 1
        assert r.fees_paid == pytest.approx(r.params["open_trade"]["fees"])  # the entry fee is paid
    pnl_account = float(measured(result.account).equity[-1]) - result.account.initial_equity
    pnl_symbols = sum(float(measured(r).equity[-1]) - r.initial_equity for r in result.per_symbol.values())
    assert pnl_account == pytest.approx(pnl_symbols, abs=1e-9)  # both net of the exit fees
    assert measured(result.account).open_exit_fee > 0
    assert result.account.fees_paid == pytest.approx(sum(r.fees_paid for r in result.per_symbol.values()))


def test_every_result_is_measured_from_the_first_bar_asked(result: PortfolioResult) -> None:
    assert result.account.first_bar == START
    for r in result.per_symbol.values():
        assert r.first_bar == START
        assert len(measured(r).equity) == N - START


def test_the_basket_is_bought_in_equal_parts_where_measuring_starts(result: PortfolioResult) -> None:
    basket = result.account.candles.close
    closes = {s: r.candles.close for s, r in result.per_symbol.items()}
    expected = sum(c / c[START] for c in closes.values()) / len(closes) * result.account.initial_equity
    assert basket[START:] == pytest.approx(expected[START:])
    assert basket[START] == pytest.approx(result.account.initial_equity)
