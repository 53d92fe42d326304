"""What a backtest produces: closed trades and a per-bar equity curve. Metrics and reports read this.

Three rules decide what the metrics measure (`measured`, `annualisation`), see
docs/backtest-report.md:

- the measured window starts at the first bar the strategy could decide on (`first_bar`): the flat
  bars of its warm-up before it would only dilute returns, Sharpe and exposure;
- a position still open on the last bar is valued at the last close NET of the exit fee the run's
  fee model would charge for selling it (buying it back), and counts as a trade marked "open";
- a year is 365.25 days of calendar time: the measured window lasts from the open of its first bar
  to the close of its last, and a year holds as many bars as the window holds per year (the nominal
  year / bar length for a continuous series; fewer for a market that closes or a series with gaps).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import msgspec
import numpy as np

from aitrader.domain.candles import Candles, FloatArray, IntArray
from aitrader.domain.enums import Side
from aitrader.domain.timeframe import MS_PER_YEAR, Timeframe
from aitrader.domain.trade import TradeRecord
from aitrader.domain.value import Value
from aitrader.execution.fees import FeeModel

__all__ = [
    "MS_PER_YEAR",
    "OPEN_REASON",
    "Annualisation",
    "BacktestResult",
    "ExitFill",
    "Measured",
    "TradeRecord",
    "annualisation",
    "measured",
    "open_trade_record",
    "trim_warmup",
]

OPEN_REASON = "open"  # exit reason of the position still open at the end (marked, not closed)


class ExitFill(Value, frozen=True):
    """One fill that reduced a position. A round trip closed in several fills (target 1, target 2,
    stop, ...) has several; `trade` is its index in `BacktestResult.trades` (== len(trades) for the
    position still open at the end)."""

    trade: int
    bar: int
    time_ms: int
    price: float
    qty: float
    fee: float
    role: str  # stop | target | exit | emergency_exit (the order manager's roles)
    oco: int = 0  # which protective OCO it belonged to: 0 for target 1's, 1 for target 2's, ...

    @property
    def reason(self) -> str:
        """ "target 1", "target 2", "stop", "exit", "emergency exit"."""
        if self.role == "target":
            return f"target {self.oco + 1}"
        return self.role.replace("_", " ")


@dataclass
class BacktestResult:
    """Trades plus mark-to-market equity at the close of every bar (`equity[i]` after bar i).

    `equity` is the plain mark to market (an open position at the close, no exit fee); `measured`
    applies the metrics' rules. `first_bar` is the index of the first bar the strategy could decide
    on; `exits` the position-reducing fills (empty when the producer did not record them);
    `fee_model` the fees the run charged (None: a percentage `params["fee"]`)."""

    symbol: str
    timeframe: Timeframe
    strategy: str
    initial_equity: float
    times: IntArray
    equity: FloatArray
    in_market: np.ndarray[Any, np.dtype[np.bool_]]
    trades: list[TradeRecord]
    fees_paid: float
    candles: Candles
    params: dict[str, Any] = field(default_factory=dict)
    elapsed_s: float = 0.0
    first_bar: int = 0
    exits: list[ExitFill] = field(default_factory=list)
    fee_model: FeeModel | None = None

    @property
    def final_equity(self) -> float:
        return float(self.equity[-1]) if len(self.equity) else self.initial_equity

    @property
    def bars_per_year(self) -> float:
        """Bars per year over the measured bars (`annualisation`): what the metrics annualise with."""
        return annualisation(self.times[_first_measured(self) :], self.timeframe).bars_per_year

    @property
    def start_ms(self) -> int:
        return int(self.times[0]) if len(self.times) else 0

    @property
    def end_ms(self) -> int:
        return int(self.times[-1]) if len(self.times) else 0


@dataclass(frozen=True, slots=True)
class Annualisation:
    """How a window of bars turns into years: `years` of calendar time it lasts and the
    `bars_per_year` it holds (`continuous`: no bar missing, so that is the nominal figure)."""

    years: float
    bars_per_year: float
    continuous: bool


def annualisation(times: Any, timeframe: Timeframe) -> Annualisation:
    """The calendar span and bar density of the bars opening at `times` (sorted, on the grid).

    years = (close of the last bar - open of the first) / 365.25 days. A continuous series (every
    bar of the grid present: a 24/7 market without gaps) has the nominal bars per year, a year /
    the bar length (8,766 for 1h); any other (a market that closes at night and at weekends, a
    series with holes) has its observed density, bars / years (about 250 for a daily index).
    Without bars: 0 years and the nominal figure."""
    t = np.asarray(times, dtype=np.int64)
    n = len(t)
    if n == 0:
        return Annualisation(0.0, MS_PER_YEAR / timeframe.duration_ms, True)
    first, last = int(t[0]), int(t[-1])
    elapsed = timeframe.next_open(last) - first
    years = elapsed / MS_PER_YEAR
    if timeframe.is_calendar:  # months differ in length: no nominal figure, always the density
        return Annualisation(years, n / years, _months_between(first, last) + 1 == n)
    continuous = last - first == (n - 1) * timeframe.duration_ms
    if continuous:
        return Annualisation(years, MS_PER_YEAR / timeframe.duration_ms, True)
    return Annualisation(years, n / years, False)


def _months_between(first_ms: int, last_ms: int) -> int:
    a, b = (np.datetime64(v, "ms").astype("datetime64[M]").astype(np.int64) for v in (first_ms, last_ms))
    return int(b - a)


def _first_measured(result: BacktestResult) -> int:
    """Index of the first measured bar (`measured`'s `first`)."""
    return min(max(result.first_bar, 0), max(len(result.equity) - 1, 0))


def trim_warmup(result: BacktestResult, warmup_bars: int) -> BacktestResult:
    """`result` from the first bar after the warm-up (--from): equity metrics cover the asked window.

    Every bar index moves with it (trades' entry/exit bar, exit fills' bar, the open position's):
    bar 0 is the first bar of the window."""
    if warmup_bars <= 0:
        return result
    k = warmup_bars
    early = [t for t in result.trades if t.entry_time < int(result.times[k])]
    if early:  # cannot happen: strategies make no decision during their warm-up
        raise RuntimeError(f"{len(early)} trades entered during the warm-up before --from")
    params = {**result.params, "warmup_bars": k}
    opened = params.get("open_trade")
    if opened:
        params["open_trade"] = {
            **opened,
            **{key: int(opened[key]) - k for key in ("entry_bar", "mark_bar") if key in opened},
        }
    return replace(
        result,
        times=result.times[k:],
        equity=result.equity[k:],
        in_market=result.in_market[k:],
        trades=[
            msgspec.structs.replace(t, entry_bar=t.entry_bar - k, exit_bar=t.exit_bar - k)
            for t in result.trades
        ],
        candles=result.candles.slice(k, None),
        params=params,
        first_bar=max(0, result.first_bar - k),
        exits=[msgspec.structs.replace(f, bar=f.bar - k) for f in result.exits],
    )


def open_trade_record(result: BacktestResult) -> TradeRecord | None:
    """The position still open at the end as a round trip exited at the last close, its exit fee
    paid (exit reason "open"); None when the run ended flat (or `optimize.closeout` closed it)."""
    return _open_record(result, result.params.get("open_trade"))


def open_trade_records(result: BacktestResult) -> list[tuple[TradeRecord, dict[str, Any]]]:
    """Every position still open at the end with what the run recorded of it (`open_trade_record`'s;
    a portfolio account holds one per symbol, under `params["open_trades"]`)."""
    found = [*(result.params.get("open_trades") or ()), result.params.get("open_trade")]
    pairs = [(_open_record(result, t), t) for t in found if t]
    return [(r, t) for r, t in pairs if r is not None]


def _open_record(result: BacktestResult, t: dict[str, Any] | None) -> TradeRecord | None:
    if not t or len(result.equity) == 0 or float(t.get("qty", 0.0)) <= 0:
        return None
    side = Side(t["side"])
    qty = float(t["qty"])
    last = len(result.times) - 1
    mark = float(t["mark_price"]) if "mark_price" in t else float(result.candles.close[-1])
    exit_fee = t.get("exit_fee")
    if exit_fee is None:  # produced before the engine priced the exit: the percentage fee
        exit_fee = qty * mark * float(result.params.get("fee", 0.0))
    fees = float(t.get("fees", 0.0)) + float(exit_fee)
    gross = float(t.get("realised", 0.0)) + side.sign * (mark - float(t["entry_price"])) * qty
    return TradeRecord(
        symbol=str(t.get("symbol") or result.symbol),
        side=side,
        quantity=float(t.get("entered_qty") or qty),
        entry_bar=int(t["entry_bar"]),
        entry_time=int(t["entry_time"]),
        entry_price=float(t["entry_price"]),
        exit_bar=int(t.get("mark_bar", last)),
        exit_time=int(t.get("mark_time", int(result.times[last]) + result.timeframe.duration_ms)),
        exit_price=mark,
        fees=fees,
        pnl=gross - fees,
        exit_reason=OPEN_REASON,
        stop=t.get("stop"),
        target=t.get("target"),
        strategy=str(t.get("strategy", "")),
        rationale=str(t.get("rationale", "")),
    )


@dataclass(frozen=True)
class Measured:
    """The part of a result the metrics measure (see the module docstring).

    `equity[i]` is after bar `first + i`, its last point net of the open position's exit fee;
    `initial` the equity before the first measured bar; `trades` the closed trades, then the open
    one (if any) as `open_trade_record` gives it."""

    first: int
    initial: float
    times: IntArray
    equity: FloatArray
    in_market: np.ndarray[Any, np.dtype[np.bool_]]
    trades: list[TradeRecord]
    n_open: int
    open_exit_fee: float


def measured(result: BacktestResult) -> Measured:
    """`result` as the metrics see it: from its first tradable bar, the open position marked net."""
    first = _first_measured(result)
    equity = np.asarray(result.equity, dtype=np.float64)[first:]
    initial = float(result.initial_equity) if first == 0 else float(result.equity[first - 1])
    trades = list(result.trades)
    opened = open_trade_records(result)
    exit_fee = sum(r.fees - float(t.get("fees", 0.0)) for r, t in opened)
    if opened:
        equity = equity.copy()
        equity[-1] -= exit_fee
        trades.extend(r for r, _ in opened)
    return Measured(
        first=first,
        initial=initial,
        times=np.asarray(result.times)[first:],
        equity=equity,
        in_market=np.asarray(result.in_market, dtype=bool)[first:],
        trades=trades,
        n_open=len(opened),
        open_exit_fee=exit_fee,
    )
