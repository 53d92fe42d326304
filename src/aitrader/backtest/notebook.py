"""`Backtest`: the kernel from a notebook, in the shape backtesting.py users know.

    from aitrader import Backtest
    bt = Backtest(candles, MyStrategy, cash=10_000, fee=0.001)
    stats = bt.run()            # metrics (stats["sharpe"]), stats.trades and stats.equity as DataFrames
    bt.plot()                   # the report's plotly figure (shown inline in Jupyter)
    bt.plot("report.html")      # the full HTML report

`candles` is a `Candles`, a pandas DataFrame (open/high/low/close/volume columns in any case, a
DatetimeIndex or a time column), a file path, or a symbol the data resolver knows ("BTCUSDT").
The strategy is a class, an instance, or a name/spec as `--strategy` takes. Same kernel, risk gate
and fills as `aitrader backtest`: a notebook result equals the CLI's for the same inputs.
`risk_limits` are the gate's other limits by `RiskConfig` field, as aitrader.toml's `[risk]` table
gives them to the CLI (`RunSettings.risk_limits`), e.g. `risk_limits={"max_drawdown": 0.3}`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.backtest.inputs import InputError, build_strategy
from aitrader.backtest.notebook_frames import candles_from, equity_frame, trades_frame
from aitrader.backtest.result import BacktestResult
from aitrader.config.run_settings import DEFAULT_SLIPPAGE_BPS, KEYS
from aitrader.domain import Candles, Timeframe
from aitrader.strategies.base import Strategy
from aitrader.strategies.loader import StrategyLoadError, build_class

if TYPE_CHECKING:
    import pandas as pd

    from aitrader.backtest.metrics import Metrics


class Stats(Mapping[str, Any]):
    """A backtest's metrics by name (`stats["sharpe"]`), its `trades` and `equity` DataFrames, and
    the raw `result`. Displays as a table in Jupyter and in `print`."""

    def __init__(self, result: BacktestResult, metrics: Metrics) -> None:
        self.result = result
        self.metrics = metrics
        self._values: dict[str, Any] = metrics.to_dict()

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Any:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    @property
    def trades(self) -> pd.DataFrame:
        """One row per round trip: entry/exit time and price, quantity, fees, P&L, reason, rationale."""
        return trades_frame(self.result)

    @property
    def equity(self) -> pd.DataFrame:
        """Equity at each bar's close, drawdown, and whether a position was open (UTC DatetimeIndex)."""
        return equity_frame(self.result)

    def to_series(self) -> pd.Series[Any]:
        import pandas as pd

        return pd.Series(self._values, dtype=object)

    def __repr__(self) -> str:
        return self.to_series().to_string()

    def _repr_html_(self) -> str:
        return self.to_series().to_frame("value").to_html()


class Backtest:
    """Run a strategy over candles with the kernel; see the module docstring."""

    def __init__(
        self,
        candles: Candles | pd.DataFrame | str | Path,
        strategy: type | Strategy | str,
        *,
        cash: float = 10_000.0,
        fee: float = 0.001,
        slippage_bps: float = DEFAULT_SLIPPAGE_BPS,
        risk: float = 0.01,
        symbol: str | None = None,
        timeframe: Timeframe | str | None = None,
        all_in: bool = False,
        every_bar: bool = False,
        risk_limits: Mapping[str, Any] | None = None,
    ) -> None:
        for key, value in (("equity", cash), ("fee", fee), ("slippage", slippage_bps), ("risk", risk)):
            rule = KEYS[key]
            if not rule.check(value):  # the same rules as the CLI and aitrader.toml
                raise ValueError(f"{'cash' if key == 'equity' else key}={value!r}: use {rule.rule}")
        self.candles = candles_from(candles, symbol, timeframe)
        self.strategy = strategy
        # per-fill exits recorded: the report's rows (a target then a stop each get their own)
        self.config = BacktestConfig(
            cash=cash, fee=fee, slippage_bps=slippage_bps, every_bar=every_bar, record_exits=True
        )
        self.risk = risk
        self.risk_limits = dict(risk_limits or {})
        if self.risk_limits:
            from aitrader.risk import RiskConfig

            RiskConfig(**self.risk_limits)  # a bad limit is refused here, not at the first run
        self.all_in = all_in
        self._last: Stats | None = None

    def run(self, **params: Any) -> Stats:
        """Backtest with the strategy's defaults, or `params` on top of them (`bt.run(fast=12)`)."""
        from aitrader.backtest.metrics import compute_metrics

        strat = self._build(params)
        result = run_backtest(
            strat, self.candles, self.config, gate=self._gate(), instrument=self._instrument()
        )
        self._last = Stats(result, compute_metrics(result))
        return self._last

    def plot(self, path: str | Path | None = None) -> Any:
        """The report's figure (plotly; Jupyter shows it inline), or, given `path`, the full
        self-contained HTML report written there (returns the path)."""
        stats = self._last or self.run()
        if path is not None:
            from aitrader.backtest.report import write_html_report

            return write_html_report(stats.result, stats.metrics, Path(path))
        from aitrader.backtest.report.chart import build_figure

        return build_figure(stats.result)

    # ---- internals ---------------------------------------------------------------------------
    def _build(self, params: Mapping[str, Any]) -> Strategy:
        tf = self.candles.timeframe
        s = self.strategy
        if isinstance(s, str):
            try:
                return build_strategy(
                    s, dict(params), tf, fee=self.config.fee, slippage_bps=self.config.slippage_bps
                )
            except InputError as exc:
                raise ValueError(str(exc)) from None
        if isinstance(s, type):
            try:
                return build_class(s, params, tf)
            except StrategyLoadError as exc:
                raise ValueError(str(exc)) from None
        if params:
            raise ValueError(
                "parameters go with a strategy class or name, not an instance: Backtest(c, MyStrategy)"
            )
        return s

    def _gate(self) -> Any:
        if self.all_in:
            from aitrader.backtest.all_in import AllInSizer

            return AllInSizer()
        from aitrader.risk import RiskConfig, RiskGate

        slippage = self.config.slippage_bps / 10_000.0
        return RiskGate(RiskConfig(risk_fraction=self.risk, slippage=slippage, **self.risk_limits))

    def _instrument(self) -> Any:
        from aitrader.data.instrument_guess import instrument_for

        c = self.candles
        inst, assumptions = instrument_for(c.symbol, float(c.close[np.flatnonzero(np.isfinite(c.close))[0]]))
        return inst if assumptions else None


__all__ = ["Backtest", "Stats"]
