"""`UserStrategy`: parameters, warm-up, the every-bar guarantee and errors, on real candles."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import talib

from aitrader.backtest.all_in import AllInSizer
from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.backtest.inputs import InputError, build_strategy
from aitrader.data import load_sample
from aitrader.domain import Candles, Timeframe
from aitrader.domain.position import StaticBook
from aitrader.domain.proposal import Enter, Exit
from aitrader.features.indicators.trend import sma
from aitrader.risk import RiskConfig, RiskGate
from aitrader.strategies.base import MarketView, history_needed
from aitrader.strategies.sma_cross import SmaCross, SmaCrossParams
from aitrader.strategies.user import Bar, UserStrategy, UserStrategyError
from aitrader.strategies.user_params import param


class UserSma(UserStrategy):
    """sma_cross written as a user would: the same rule, no masks."""

    fast: int = param(10, 2, 50)
    slow: int = param(30, 5, 200, step=5)
    stop_pct: float = 0.03
    target_pct: float = 0.06

    def indicators(self, c: Candles) -> dict[str, Any]:
        return {"fast": sma(c.close, self.fast), "slow": sma(c.close, self.slow)}

    def next(self, bar: Bar) -> Enter | Exit | None:
        if bar.crossed_above("fast", "slow"):
            return self.buy(stop=bar.close * (1 - self.stop_pct), target=bar.close * (1 + self.target_pct))
        if bar.crossed_below("fast", "slow"):
            return self.exit("fast below slow")
        return None


@pytest.fixture(scope="module")
def btc() -> Candles:
    return load_sample("BTCUSDT", "1m").slice(0, 30_000)


def _trades(result: Any) -> list[tuple[int, int, float, float, float]]:
    return [(t.entry_bar, t.exit_bar, t.entry_price, t.exit_price, t.quantity) for t in result.trades]


def test_parameters_are_a_validated_model_with_search_ranges() -> None:
    s = UserSma(fast=5)
    assert (s.fast, s.slow, s.stop_pct) == (5, 30, 0.03)
    assert s.name == "user_sma"
    assert s.description.startswith("sma_cross written")
    schema = UserSma.params_model.model_json_schema()["properties"]
    assert schema["slow"]["minimum"] == 5
    assert schema["slow"]["maximum"] == 200
    assert schema["slow"]["search"] == {"low": 5, "high": 200, "step": 5, "log": False}
    assert "search" not in schema["stop_pct"]  # a plain default: fixed unless --space names it
    with pytest.raises(
        UserStrategyError, match=r"invalid parameters for user_sma: fast: .*less than or equal to 50"
    ):
        UserSma(fast=99)
    with pytest.raises(UserStrategyError, match="nope"):
        UserSma(nope=1)


def test_the_warm_up_is_derived_from_the_indicators_or_declared() -> None:
    assert UserSma().warmup == 30
    assert UserSma(slow=120).warmup == 120

    class Declared(UserSma):
        warmup = 500

    assert Declared().warmup == 500

    class Never(UserSma):
        def indicators(self, c: Candles) -> dict[str, Any]:
            return {"x": np.full(len(c), np.nan)}

    with pytest.raises(ValueError, match="declare the warm-up on the class"):
        Never()


def test_a_user_strategy_trades_exactly_as_the_masked_built_in(btc: Candles) -> None:
    """The kernel visits every bar for a user strategy: its trades equal the built-in sma_cross's,
    whose vectorised masks let the kernel jump, and equal its own every-bar run."""
    gate = RiskGate(RiskConfig(risk_fraction=0.01))
    built_in = run_backtest(SmaCross(SmaCrossParams()), btc, BacktestConfig(), gate=gate)
    user = run_backtest(UserSma(), btc, BacktestConfig(), gate=RiskGate(RiskConfig(risk_fraction=0.01)))
    every = run_backtest(
        UserSma(), btc, BacktestConfig(every_bar=True), gate=RiskGate(RiskConfig(risk_fraction=0.01))
    )
    assert len(user.trades) > 200
    assert _trades(user) == _trades(built_in) == _trades(every)
    assert user.final_equity == pytest.approx(built_in.final_equity, rel=1e-12)


def test_every_cross_while_flat_becomes_an_entry(btc: Candles) -> None:
    """Never fewer trades than the rule says: each bar where fast crosses above slow while no
    position is open is an entry (all-in sizing, so the gate refuses nothing)."""
    result = run_backtest(UserSma(), btc, BacktestConfig(), gate=AllInSizer())
    f, s = sma(btc.close, 10), sma(btc.close, 30)
    with np.errstate(invalid="ignore"):
        cross = np.flatnonzero((f[:-1] < s[:-1]) & (f[1:] > s[1:])) + 1
    busy = np.zeros(len(btc) + 1, dtype=bool)
    for t in result.trades:  # a position is open from the entry fill bar to the exit bar
        busy[t.entry_bar : t.exit_bar] = True
    expected = [i for i in cross if i + 1 < len(btc) and not busy[i]]
    assert [t.entry_bar - 1 for t in result.trades] == expected[: len(result.trades)]
    assert len(expected) - len(result.trades) <= 1  # the last cross may come on the final bar


def test_decisions_see_no_future_bar(btc: Candles) -> None:
    """Indicators over a prefix decide as over the whole history (what the live window relies on)."""
    strategy = UserSma()
    full = strategy.features(btc)
    flat = StaticBook()
    for i in range(100, 6_000, 37):
        prefix = strategy.features(btc.slice(0, i + 1))
        assert strategy.on_bar(MarketView(prefix, i), flat) == strategy.on_bar(MarketView(full, i), flat)
    bar = Bar(MarketView(full, 50), None)
    with pytest.raises(ValueError, match="cannot look ahead"):
        _ = bar["fast", -1]


def test_entries_only_when_flat_and_exits_only_when_open(btc: Candles) -> None:
    class Both(UserSma):
        def next(self, bar: Bar) -> list[Enter | Exit]:
            return [self.buy(stop=bar.close * 0.9, target=bar.close * 1.1), self.exit("always")]

    s = Both()
    f = s.features(btc.slice(0, 200))
    flat = s.on_bar(MarketView(f, 150), StaticBook())
    assert [type(p) for p in flat] == [Enter]
    result = run_backtest(Both(), btc.slice(0, 2_000), BacktestConfig(), gate=AllInSizer())
    assert result.trades
    assert all(t.exit_bar - t.entry_bar <= 1 for t in result.trades)


def test_a_failing_rule_names_its_file_line_and_bar(btc: Candles) -> None:
    class Broken(UserSma):
        def next(self, bar: Bar) -> None:
            if bar.index == 1_234:
                _ = bar["fasst"]

    with pytest.raises(UserStrategyError) as err:
        run_backtest(Broken(), btc.slice(0, 2_000), BacktestConfig(), gate=AllInSizer())
    text = str(err.value)
    assert "test_user_strategy.py:" in text
    assert "broken.next failed on BTCUSDT bar 1,234" in text
    assert "KeyError" in text
    assert "fasst" in text
    assert "UTC" in text

    class NoTarget(UserSma):
        def next(self, bar: Bar) -> Enter:
            return self.buy(stop=bar.close * 0.9)

    with pytest.raises(UserStrategyError, match="give a take-profit"):
        run_backtest(NoTarget(), btc.slice(0, 500), BacktestConfig(), gate=AllInSizer())


def test_bad_indicator_shapes_are_refused_in_one_line(btc: Candles) -> None:
    class Short(UserSma):
        warmup = 5

        def indicators(self, c: Candles) -> dict[str, Any]:
            return {"rsi": talib.RSI(c.close[:-1], 14)}

    with pytest.raises(UserStrategyError, match=r"'rsi' has shape \(\d+,\), the candles have \d+ bars"):
        Short()  # measuring its needs already runs the indicators


def test_sma_cross_trades_at_its_defaults_through_the_gate() -> None:
    c = load_sample("BTCUSDT", "1m").slice(0, 20_000)
    strategy = build_strategy("sma_cross", {}, Timeframe.M1)
    result = run_backtest(strategy, c, BacktestConfig(), gate=RiskGate(RiskConfig(risk_fraction=0.01)))
    assert len(result.trades) > 100
    with pytest.raises(InputError, match=r"or your own file: --strategy path/to/file\.py:ClassName"):
        build_strategy("no_such", {}, Timeframe.M1)


class EmaCross(UserStrategy):
    fast: int = param(20, 2, 200)
    slow: int = param(100, 5, 400)

    def indicators(self, c: Candles) -> dict[str, Any]:
        return {"fast": talib.EMA(c.close, self.fast), "slow": talib.EMA(c.close, self.slow)}

    def next(self, bar: Bar) -> Enter | Exit | None:
        if bar.crossed_above("fast", "slow"):
            return self.buy(stop=bar.close * 0.97, target=bar.close * 1.06)
        if bar.crossed_below("fast", "slow"):
            return self.exit("fast below slow")
        return None


def test_recursive_indicators_get_the_history_that_reproduces_the_full_one(btc: Candles) -> None:
    """An EMA remembers beyond its warm-up: the measured history makes a trailing window (what live
    trading recomputes over, and what a backtest loads before --from) decide as the full history."""
    s = EmaCross(slow=400)
    assert s.warmup == 400
    assert s.history_bars > 2_000  # (1 - 2/401)^n < 1e-9 needs ~4,100 bars
    assert history_needed(s) == s.history_bars
    full = s.features(btc)
    flat = StaticBook()
    windowed = short = 0
    for i in range(s.history_bars + 10, len(btc), 997):
        tail = s.features(btc.slice(i + 1 - s.history_bars, i + 1))
        windowed += s.on_bar(MarketView(tail, len(tail) - 1), flat) != s.on_bar(MarketView(full, i), flat)
        assert np.allclose(tail["slow"][-1], full["slow"][i], rtol=1e-8)
        tiny = s.features(btc.slice(i + 1 - 500, i + 1))  # warm-up + 100 bars: not enough
        short += not np.isclose(tiny["slow"][-1], full["slow"][i], rtol=1e-9)
    assert windowed == 0
    assert short > 0  # the measurement is needed: a warm-up-sized window gives other values


def test_look_ahead_and_never_converging_indicators_are_refused() -> None:
    class Peeks(UserSma):
        def indicators(self, c: Candles) -> dict[str, Any]:
            nxt = np.append(c.close[1:], np.nan)  # tomorrow's close: shift(-1)
            return {"fast": sma(c.close, 10), "slow": sma(c.close, 30), "next_close": nxt}

    with pytest.raises(UserStrategyError, match=r"'next_close' at bar .* looks ahead"):
        Peeks()

    class AllTimeHigh(UserSma):
        def indicators(self, c: Candles) -> dict[str, Any]:
            return {"fast": sma(c.close, 10), "slow": np.maximum.accumulate(c.high)}

    with pytest.raises(UserStrategyError, match=r"never forgets the past .* declare history_bars"):
        AllTimeHigh()

    class Declared(AllTimeHigh):
        history_bars = 5_000

    assert Declared().history_bars == 5_000


def test_warm_up_is_measured_at_the_strategy_timeframe() -> None:
    class PriorDay(UserStrategy):
        def indicators(self, c: Candles) -> dict[str, Any]:
            days = c.open_time // 86_400_000
            first = np.concatenate(([True], days[1:] != days[:-1]))
            seen = np.cumsum(first)
            return {"day": np.where(seen >= 2, 1.0, np.nan)}  # defined from the second UTC day on

        def next(self, bar: Bar) -> None:
            return None

    assert PriorDay(timeframe=Timeframe.M1).warmup == 1_441
    assert PriorDay(timeframe=Timeframe.H1).warmup == 25
    assert PriorDay(timeframe=Timeframe.D1).warmup == 2


def test_parameter_declarations_are_checked() -> None:
    with pytest.raises(ValueError, match="the default lies outside its range"):
        param(500, 2, 50)

    class Loose(UserStrategy):
        n: int = 10
        k: float = 1.5

        def next(self, bar: Bar) -> None:
            return None

    with pytest.raises(UserStrategyError, match="n: Input should be a valid integer"):
        Loose(n=10.5)
    with pytest.raises(UserStrategyError, match="k: Input should be a finite number"):
        Loose(k=float("nan"))
    with pytest.raises(TypeError, match="exit is part of UserStrategy"):

        class Clash(UserStrategy):  # a parameter named like a method would replace it
            exit: float = 0.02


def test_entries_refused_while_a_position_is_open_are_counted(btc: Candles) -> None:
    class Eager(UserSma):
        def next(self, bar: Bar) -> Enter | None:
            return self.buy(stop=bar.close * 0.9, target=bar.close * 1.1)

    s = Eager()
    result = run_backtest(s, btc.slice(0, 3_000), BacktestConfig(), gate=AllInSizer())
    assert len(result.trades) >= 1
    assert s.dropped > 100  # every bar while the position is open proposes again, and is counted


def test_an_indicator_that_raises_is_one_line_with_its_file_and_line() -> None:
    class Bad(UserSma):
        def indicators(self, c: Candles) -> dict[str, Any]:
            return {"x": talib.SMA(c.close, "10")}

    with pytest.raises(UserStrategyError) as err:
        Bad()
    assert "test_user_strategy.py:" in str(err.value)
    assert "bad.indicators failed on 2,000 bars of the synthetic series" in str(err.value)
    assert "TypeError" in str(err.value)
