"""The figures of a portfolio report, computed once and shared by the terminal, HTML and JSON.

- The account: `compute_metrics(result.account)` beside the equal-weight basket bought when the
  portfolio could first fill (`benchmark.benchmark_for` on the account, whose candles are the
  basket's value), same fees and slippage, and beside the equal-weight basket of volatility-targeted
  buy-and-holds (`vol_target_basket.vol_target_basket_for`: one sleeve per symbol, each aiming at
  the account's realised volatility).
- Each symbol: the metrics of its own result (equity = initial capital + what it added), its P&L
  contribution and share of the account's P&L (the contributions add up to the account's P&L), the
  deepest fall of its contribution from a running peak in quote, its own buy-and-hold (the
  whole capital in that symbol) and its own volatility-targeted buy-and-hold (aiming at the
  volatility of its contribution).
- The gate's rejections: one row per symbol and code with its count and its last sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from aitrader.backtest.benchmark import benchmark_for
from aitrader.backtest.metrics import Metrics, compute_metrics
from aitrader.backtest.portfolio_result import PortfolioResult
from aitrader.backtest.report.compare import Benchmarks, benchmark_metrics, benchmarks_of, vol_target_metrics
from aitrader.backtest.report.format import money, pct, short_time
from aitrader.backtest.result import BacktestResult, measured
from aitrader.backtest.vol_target_basket import vol_target_basket_for

# What the gate's rules refuse, in a line each for the report's rejections table (the codes a
# portfolio run meets; the rest of RejectionCode are the one-symbol checks, see risk/).
RULES: dict[str, str] = {
    "correlated_exposure": "correlated same-side positions would hold more than max_correlated_exposure",
    "total_exposure": "all open positions would hold more than max_total_exposure of equity",
    "symbol_exposure": "this symbol would hold more than max_symbol_exposure of equity",
    "max_open_positions": "max_open_positions positions are already open",
    "exposure_limit": "the position would be worth more than max_position_fraction of equity",
    "drawdown_halt": "the account fell max_drawdown from its peak: entries halted for the cooldown",
    "daily_loss_limit": "the day's loss reached the circuit breaker: entries halted for the cooldown",
    "loss_streak_lockout": "too many losses in a row: entries locked out for a while",
    "insufficient_balance": "the free cash cannot buy the venue's minimum quantity",
    "short_not_allowed": "a spot symbol cannot be sold short",
    "not_in_universe": "the symbol is outside the ranked universe at that time",
    "reward_risk_too_low": "the targets' net reward:risk (after fees and slippage) is below min_reward_risk",
}


@dataclass(frozen=True)
class SymbolFigures:
    """One symbol's line of the per-symbol table (fractions plain, money in quote)."""

    symbol: str
    metrics: Metrics  # of its own result: equity = initial capital + its contribution
    hold: Metrics | None  # its buy-and-hold: the whole capital in this symbol
    pnl: float  # its contribution to the account's P&L (final - initial of its equity)
    share: float | None  # pnl / the account's P&L (None when the account made exactly 0)
    max_drawdown_quote: float  # deepest fall of its contribution from a running peak, in quote
    vol_hold: Metrics | None = None  # its volatility-targeted buy-and-hold

    @property
    def hold_return(self) -> float | None:
        return self.hold.total_return if self.hold is not None else None

    @property
    def vol_hold_return(self) -> float | None:
        return self.vol_hold.total_return if self.vol_hold is not None else None


@dataclass(frozen=True)
class RejectionRow:
    symbol: str
    code: str
    count: int
    example: str  # the last sentence the gate gave for it


@dataclass(frozen=True)
class PortfolioFigures:
    metrics: Metrics  # the account's
    basket: Metrics | None  # the equal-weight basket's, over the same measured bars
    pnl: float  # the account's final - initial equity
    symbols: list[SymbolFigures]
    rejections: list[RejectionRow]
    benchmarks: Benchmarks | None = None  # both baskets as results and metrics (`basket` is its hold)

    @property
    def rejected(self) -> int:
        return sum(r.count for r in self.rejections)

    @property
    def vol_basket(self) -> Metrics | None:
        """The equal-weight basket of volatility-targeted buy-and-holds' metrics."""
        return self.benchmarks.vol_metrics if self.benchmarks is not None else None

    @property
    def target(self) -> float | None:
        """The volatility its sleeves aim at: the account's realised volatility (at least 5%)."""
        return self.benchmarks.target if self.benchmarks is not None else None


def contribution_drawdown(result: BacktestResult) -> float:
    """The deepest fall of `result`'s P&L from a running peak (0 included), in quote, over its
    measured bars."""
    m = measured(result)
    if not len(m.equity):
        return 0.0
    peak = np.maximum.accumulate(np.maximum(m.equity, m.initial))
    return float(np.max(peak - m.equity))


def symbol_figures(symbol: str, result: BacktestResult, account_pnl: float) -> SymbolFigures:
    pnl = result.final_equity - result.initial_equity
    return SymbolFigures(
        symbol=symbol,
        metrics=compute_metrics(result),
        hold=benchmark_metrics(result),
        pnl=pnl,
        share=pnl / account_pnl if account_pnl else None,
        max_drawdown_quote=contribution_drawdown(result),
        vol_hold=vol_target_metrics(result),
    )


def rejection_rows(result: PortfolioResult) -> list[RejectionRow]:
    """Every (symbol, code) the gate refused, symbols in the run's order, most frequent code first."""
    order = {s: i for i, s in enumerate(result.symbols)}
    rows = [
        RejectionRow(symbol, code, count, result.examples.get(f"{symbol} {code}", ""))
        for symbol, codes in result.rejections.items()
        for code, count in codes.items()
    ]
    return sorted(rows, key=lambda r: (order.get(r.symbol, len(order)), r.symbol, -r.count, r.code))


def portfolio_title(result: PortfolioResult) -> str:
    """ "confluence · portfolio of 3 · BTCUSDT, ETHUSDT, SOLUSDT 1m · 2023-03-16 22:15 → ... UTC"."""
    a = result.account
    span = f"{short_time(a.start_ms)} → {short_time(a.end_ms)} UTC" if len(a.times) else "no bars"
    symbols = ", ".join(result.symbols)
    return f"{a.strategy or 'backtest'} · portfolio of {len(result.symbols)} · {symbols} {a.timeframe.value} · {span}"


def portfolio_figures(result: PortfolioResult) -> PortfolioFigures:
    account = result.account
    pnl = account.final_equity - account.initial_equity
    baskets = benchmarks_of(benchmark_for(account), vol_target_basket_for(result))
    return PortfolioFigures(
        metrics=compute_metrics(account),
        basket=baskets.hold_metrics,
        pnl=pnl,
        symbols=[symbol_figures(s, r, pnl) for s, r in result.per_symbol.items()],
        rejections=rejection_rows(result),
        benchmarks=baskets,
    )


@dataclass(frozen=True)
class Cell:
    text: str
    value: float | int | str | None  # the raw value (sorting, JSON)
    sign: int = 0  # +1 good / -1 bad / 0 neutral, for colouring


# (header, what it is: the HTML header's tooltip)
SYMBOL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("symbol", "the symbol; 'all' is the account"),
    ("trades", "round trips (one open at the end counted)"),
    ("win rate", "trades with P&L > 0 / trades"),
    ("P&L", "what the symbol added to the account: its fills' cash and its position marked at its close"),
    ("share", "its P&L / the account's P&L (the shares add up to 100%)"),
    ("max DD", "deepest fall of its P&L from a running peak, in quote"),
    ("max DD %", "the same fall as a fraction of the capital plus its P&L at the peak"),
    ("fees", "fees its fills paid"),
    ("in market", "share of its measured bars with a position held at the close"),
    ("buy & hold", "its own buy-and-hold: the whole capital in the symbol over the same bars"),
    (
        "vol-target B&H",
        "its own volatility-targeted buy-and-hold: min(1, target / 30-day volatility) of the capital in "
        "the symbol, the target its contribution's volatility (the account's on the 'all' line: the "
        "equal-weight basket of such sleeves)",
    ),
)


def _sign(x: float | None) -> int:
    return 0 if not x else 1 if x > 0 else -1


def _cells(
    name: str,
    m: Metrics,
    pnl: float,
    share: float | None,
    dd: float,
    hold: float | None,
    vol_hold: float | None,
) -> list[Cell]:
    return [
        Cell(name, name),
        Cell(f"{m.n_trades:,}", m.n_trades),
        Cell(pct(m.win_rate, 1), m.win_rate),
        Cell(money(pnl), pnl, _sign(pnl)),
        Cell(pct(share, 1), share),
        Cell(money(dd), dd, -1 if dd > 0 else 0),
        Cell(pct(m.max_drawdown), m.max_drawdown, -1 if m.max_drawdown > 0 else 0),
        Cell(money(m.fees_paid), m.fees_paid),
        Cell(pct(m.exposure, 1), m.exposure),
        Cell(pct(hold), hold, _sign(hold)),
        Cell(pct(vol_hold), vol_hold, _sign(vol_hold)),
    ]


def symbol_cells(row: SymbolFigures) -> list[Cell]:
    """A symbol's line of the per-symbol table (`SYMBOL_COLUMNS`)."""
    return _cells(
        row.symbol,
        row.metrics,
        row.pnl,
        row.share,
        row.max_drawdown_quote,
        row.hold_return,
        row.vol_hold_return,
    )


def total_cells(figures: PortfolioFigures, account: BacktestResult) -> list[Cell]:
    """The account's line: every trade, its P&L (the symbols' sum), the baskets' returns."""
    m = figures.metrics
    hold = figures.basket.total_return if figures.basket is not None else None
    vol = figures.vol_basket.total_return if figures.vol_basket is not None else None
    share = 1.0 if figures.pnl else None
    return _cells("all", m, figures.pnl, share, contribution_drawdown(account), hold, vol)
