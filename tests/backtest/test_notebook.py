"""The notebook API: `Backtest(candles, MyStrategy, cash=, fee=).run()`, DataFrames out, the plot,
and the example notebook run cell by cell."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from aitrader import Backtest, UserStrategy, param
from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.backtest.metrics import compute_metrics
from aitrader.data import load_sample
from aitrader.domain import Candles
from aitrader.features.indicators.trend import sma
from aitrader.risk import RiskConfig, RiskGate
from aitrader.strategies.user import Bar

NOTEBOOK = Path(__file__).resolve().parents[2] / "docs" / "examples" / "own_strategy.ipynb"


class Cross(UserStrategy):
    fast: int = param(10, 2, 50)
    slow: int = param(30, 5, 200)

    def indicators(self, c: Candles) -> dict[str, Any]:
        return {"fast": sma(c.close, self.fast), "slow": sma(c.close, self.slow)}

    def next(self, bar: Bar) -> Any:
        if bar.crossed_above("fast", "slow"):
            return self.buy(stop=bar.close * 0.97, target=bar.close * 1.06)
        if bar.crossed_below("fast", "slow"):
            return self.exit("cross down")
        return None


@pytest.fixture(scope="module")
def btc() -> Candles:
    return load_sample("BTCUSDT", "1m").slice(0, 20_000)


def _frame(c: Candles) -> pd.DataFrame:
    return pd.DataFrame(
        {"Open": c.open, "High": c.high, "Low": c.low, "Close": c.close, "Volume": c.volume},
        index=pd.to_datetime(c.open_time, unit="ms"),
    )


def test_a_dataframe_backtest_equals_the_kernel_run_on_the_same_candles(btc: Candles) -> None:
    stats = Backtest(_frame(btc), Cross, cash=10_000, fee=0.001, slippage_bps=0, symbol="BTCUSDT").run()
    gate = RiskGate(RiskConfig(risk_fraction=0.01, slippage=0.0))  # as `backtest --slippage 0` builds it
    direct = run_backtest(Cross(), btc, BacktestConfig(cash=10_000, fee=0.001), gate=gate)
    closed = stats.trades[~stats.trades.open]
    assert len(closed) == len(direct.trades) > 100
    assert len(stats.trades) == stats["n_trades"]  # the open position is a row too, as the metrics count it
    assert stats.result.final_equity == pytest.approx(direct.final_equity, rel=1e-12)
    assert stats.to_series().to_dict() == compute_metrics(direct).to_dict()
    trades = closed
    assert list(trades.entry_bar) == [t.entry_bar for t in direct.trades]
    assert trades.pnl.sum() == pytest.approx(sum(t.pnl for t in direct.trades))
    assert str(trades.entry_time.dt.tz) == "UTC"
    assert (trades.exit_time >= trades.entry_time).all()
    equity = stats.equity
    assert len(equity) == len(btc) - direct.first_bar  # from the first bar it could decide on
    assert equity.index.tz is not None
    assert equity.equity.iloc[-1] == pytest.approx(
        stats["final_equity"]
    )  # net of an open position's exit fee
    assert (equity.drawdown <= 0).all()
    assert equity.drawdown.min() < 0


def test_parameters_per_run_and_inputs_by_name(btc: Candles) -> None:
    bt = Backtest(btc, Cross)
    assert len(bt.run(fast=5, slow=20).trades) > len(bt.run().trades)
    with pytest.raises(ValueError, match="fast"):
        bt.run(fast=500)
    hourly = Backtest("BTCUSDT", "sma_cross", timeframe="1h").run()  # a name, as --strategy takes
    assert hourly.result.timeframe.value == "1h"
    assert len(hourly.trades) > 10
    with pytest.raises(ValueError, match="no close column"):
        Backtest(_frame(btc).drop(columns=["Close"]), Cross)
    with pytest.raises(ValueError, match="hard ceiling is 10%"):
        Backtest(btc, Cross, risk=0.2)


def test_plot_gives_the_figure_and_writes_the_report(btc: Candles, tmp_path: Path) -> None:
    bt = Backtest(btc.slice(0, 5_000), Cross)
    fig = bt.plot()
    assert type(fig).__name__ == "Figure"
    assert len(fig.data) >= 2
    out = bt.plot(tmp_path / "r.html")
    text = Path(out).read_text(encoding="utf-8")
    assert "cross" in text
    assert "<html" in text.lower()


def test_the_example_notebook_runs_cell_by_cell(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every code cell of docs/examples/own_strategy.ipynb, in order, in one namespace (what
    "Run all" does, without a Jupyter kernel)."""
    monkeypatch.chdir(tmp_path)
    cells = [c for c in json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    namespace: dict[str, Any] = {"__name__": "__main__"}
    for cell in cells:
        exec(compile("".join(cell["source"]), str(NOTEBOOK), "exec"), namespace)
    stats = namespace["stats"]
    assert len(stats.trades) > 0
    assert np.isfinite(stats["sharpe"])
    assert stats.result.timeframe.value == "1h"


def test_dataframes_are_checked_like_files(btc: Candles) -> None:
    frame = _frame(btc.slice(0, 3_000))
    shuffled = frame.sample(frac=1.0, random_state=3)
    assert Backtest(shuffled, Cross).candles == Backtest(frame, Cross).candles  # sorted by time
    with pytest.raises(ValueError, match="two rows at 2023-03-16"):
        Backtest(pd.concat([frame, frame.iloc[:5]]), Cross)
    broken = frame.copy()
    broken.iloc[100, broken.columns.get_loc("Close")] = float("nan")
    with pytest.raises(ValueError, match="DataFrame row 100: close is nan"):
        Backtest(broken, Cross)
    epoch_s = frame.reset_index(drop=True).assign(time=(btc.open_time[:3_000] // 1000))
    assert Backtest(epoch_s, Cross).candles.open_time[0] == btc.open_time[0]  # seconds read as seconds
    for bad, message in (
        ({"cash": -5}, "cash=-5"),
        ({"fee": 0.5}, "fee=0.5"),
        ({"slippage_bps": -1}, "slippage=-1"),
    ):
        with pytest.raises(ValueError, match=message):
            Backtest(frame, Cross, **bad)  # type: ignore[arg-type]
