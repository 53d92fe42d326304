"""The regime ensemble on real BTCUSDT/ETHUSDT 1h bars, all before the research cut (2022-08-01 for
BTC, 2021-07-01 for ETH): each leg fires where its rule holds by hand, in its own regime only, long
only, with its own stop and targets; the stream equals the batch; a backtest runs end to end.

The parameters are pinned (`PARAMS`, today's defaults) so that a later change of defaults, chosen by
walk-forward, does not move the bars these tests read."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import numpy as np
import pytest
import talib
from typer.testing import CliRunner

from aitrader.cli.app import app
from aitrader.data import load_sample
from aitrader.domain import Candles, Side, Timeframe
from aitrader.domain.position import EMPTY_BOOK
from aitrader.domain.proposal import AdjustKind, Enter
from aitrader.strategies import MarketView, get_strategy
from aitrader.strategies.base import Features
from aitrader.strategies.ensemble import EnsembleStrategy, Leg
from aitrader.strategies.regime import Regime
from aitrader.strategies.replay import replay

PARAMS = {
    "trend_ema": 100,
    "slope_bars": 10,
    "donchian_bars": 48,
    "stop_atr": 3.0,
    "trail_atr": 3.0,
    "trend_rr": 5.0,
    "context_ema": 200,
    "bb_period": 20,
    "bb_k": 2.0,
    "rsi_period": 2,
    "rsi_oversold": 10.0,
    "revert_stop_atr": 1.5,
    "squeeze_lookback": 480,
    "squeeze_pct": 0.2,
    "squeeze_bars": 12,
    "volume_ratio": 1.5,
    "breakout_rr1": 2.0,
    "breakout_rr2": 4.0,
}
SAT_OUT = (Regime.TREND_DOWN, Regime.HIGH_VOLATILITY, Regime.ILLIQUID, Regime.UNKNOWN)


def _ms(when: str) -> int:
    return int(datetime.fromisoformat(when).replace(tzinfo=UTC).timestamp() * 1000)


def _before(candles: Candles, when: str) -> Candles:
    return candles.slice(0, int(np.searchsorted(candles.open_time, _ms(when))))


def _bar(candles: Candles, when: str) -> int:
    (i,) = np.flatnonzero(candles.open_time == _ms(when))
    return int(i)


@pytest.fixture(scope="module")
def btc() -> Candles:
    return _before(load_sample("BTCUSDT", "1h"), "2022-08-01")


@pytest.fixture(scope="module")
def ensemble() -> EnsembleStrategy:
    s = get_strategy("ensemble", PARAMS, Timeframe.H1)
    assert isinstance(s, EnsembleStrategy)
    return s


@pytest.fixture(scope="module")
def feats(ensemble: EnsembleStrategy, btc: Candles) -> Features:
    return ensemble.features(btc)


def _enter(s: EnsembleStrategy, f: Features, i: int) -> Enter:
    (p,) = s.on_bar(MarketView(f, i), EMPTY_BOOK)
    assert isinstance(p, Enter)
    return p


def _atr(c: Candles, i: int) -> float:
    return float(talib.ATR(c.high, c.low, c.close, timeperiod=14)[i])


def _band(c: Candles, i: int) -> tuple[float, float, float]:
    """Bollinger(20, 2) by hand: the mean and population deviation of the last 20 closes."""
    window = c.close[i - 19 : i + 1]
    mid, sd = float(window.mean()), float(window.std())
    return mid - 2 * sd, mid, mid + 2 * sd


def test_trend_leg_fires_on_a_donchian_breakout_above_a_rising_ema(
    ensemble: EnsembleStrategy, feats: Features, btc: Candles
) -> None:
    i = _bar(btc, "2020-04-16T22:00:00")
    close = float(btc.close[i])
    ema = talib.EMA(btc.close, timeperiod=100)
    assert feats["regime"][i] == Regime.TREND_UP
    assert close > ema[i] > ema[i - 10]  # above a rising trend EMA
    assert close > btc.high[i - 48 : i].max()  # a close over the previous 48 bars' highest high
    assert feats["leg"][i] == Leg.TREND
    assert feats["entry_long"][i]
    p = _enter(ensemble, feats, i)
    assert p.side is Side.BUY
    assert p.stop == pytest.approx(close - 3 * _atr(btc, i))  # 3 ATR below
    (target,) = p.targets  # one far target at 5R: the trailing stop does the rest
    assert target.price == pytest.approx(close + 5 * (close - p.stop))
    assert p.evidence["leg"] == "trend"
    assert "setup: trend leg held" in p.rationale
    assert "48-bar high" in p.rationale


def test_mean_reversion_leg_buys_a_stretched_dip_in_a_range_of_an_uptrend(
    ensemble: EnsembleStrategy, feats: Features, btc: Candles
) -> None:
    i = _bar(btc, "2020-08-04T11:00:00")
    close = float(btc.close[i])
    lower, mid, _ = _band(btc, i)
    assert feats["regime"][i] == Regime.RANGE
    assert close > talib.EMA(btc.close, timeperiod=200)[i]  # the longer-term uptrend
    assert close < lower  # below the lower band
    assert talib.RSI(btc.close, timeperiod=2)[i] < 10  # oversold
    assert close < talib.EMA(btc.close, timeperiod=100)[i]  # bought below the trend EMA on purpose
    assert feats["leg"][i] == Leg.REVERSION
    assert feats["entry_long"][i]
    p = _enter(ensemble, feats, i)
    assert p.stop == pytest.approx(close - 1.5 * _atr(btc, i))
    (target,) = p.targets
    assert target.price == pytest.approx(mid, rel=1e-9)  # back to the middle band
    assert p.evidence["leg"] == "mean-reversion"
    assert "mean-reversion leg held" in p.rationale
    assert "RSI 2" in p.rationale


def test_squeeze_breakout_leg_fires_after_a_squeeze_on_volume(
    ensemble: EnsembleStrategy, feats: Features, btc: Candles
) -> None:
    i = _bar(btc, "2020-04-29T06:00:00")
    close = float(btc.close[i])
    _, _, upper = _band(btc, i)
    assert feats["regime"][i] == Regime.RANGE
    assert close > upper
    assert btc.volume[i] >= 1.5 * btc.volume[i - 20 : i].mean()
    assert close > talib.EMA(btc.close, timeperiod=200)[i]
    up, mid, lo = talib.BBANDS(btc.close, timeperiod=20, nbdevup=2.0, nbdevdn=2.0)
    width = (up - lo) / mid

    def rank(j: int) -> float:  # share of the 60 values 8, 16, ..., 480 bars back below width[j]
        return float(np.mean(width[j - np.arange(8, 481, 8)] < width[j]))

    squeezes = [j for j in range(i - 12, i + 1) if rank(j) <= 0.2]
    assert squeezes
    assert rank(i) > 0.2
    assert feats["leg"][i] == Leg.BREAKOUT
    assert feats["entry_long"][i]
    assert feats["bars_since_squeeze"][i] == i - max(squeezes)
    p = _enter(ensemble, feats, i)
    a, squeeze_low = _atr(btc, i), float(btc.low[i - 12 : i].min())
    risk = close - p.stop
    assert risk == pytest.approx(min(max(close - squeeze_low + 0.25 * a, a), 3 * a))  # below the squeeze
    assert [t.price for t in p.targets] == pytest.approx([close + 2 * risk, close + 4 * risk])
    assert [t.fraction for t in p.targets] == [0.5, 0.5]
    assert "squeeze breakout leg held" in p.rationale


def test_each_leg_has_its_own_stop_and_targets_on_every_entry(
    ensemble: EnsembleStrategy, feats: Features, btc: Candles
) -> None:
    seen: dict[Leg, int] = dict.fromkeys((Leg.TREND, Leg.REVERSION, Leg.BREAKOUT), 0)
    for i in np.flatnonzero(feats["entry_long"]):
        p, leg = _enter(ensemble, feats, int(i)), Leg(int(feats["leg"][i]))
        a, close = float(feats["atr"][i]), float(btc.close[i])
        seen[leg] += 1
        assert p.evidence["leg"] == leg.label
        if leg is Leg.TREND:
            assert p.stop == pytest.approx(close - 3 * a)
            assert [t.price for t in p.targets] == pytest.approx([close + 15 * a])
        elif leg is Leg.REVERSION:
            assert p.stop == pytest.approx(close - 1.5 * a)
            assert [t.price for t in p.targets] == [feats["bb_mid"][i]]
        else:
            assert a * (1 - 1e-9) <= close - p.stop <= 3 * a * (1 + 1e-9)
            assert len(p.targets) == 2
    assert min(seen.values()) >= 10, seen


def test_no_entry_where_the_regime_sits_out_though_the_rules_held_there(
    ensemble: EnsembleStrategy, feats: Features
) -> None:
    codes = feats["regime"]
    sat_out = np.isin(codes, [int(r) for r in SAT_OUT])
    rule_held = feats["rule_trend"] | feats["rule_reversion"] | feats["rule_breakout"]
    blocked = np.flatnonzero(sat_out & rule_held & (np.arange(len(codes)) >= ensemble.warmup))
    by_regime = {Regime(int(codes[i])) for i in blocked}
    assert {Regime.TREND_DOWN, Regime.HIGH_VOLATILITY} <= by_regime  # the gate had work to do
    assert not (feats["entry_long"] & sat_out).any()
    assert not (feats["leg"][sat_out] != 0).any()
    for i in blocked[:: max(1, len(blocked) // 20)]:
        view = MarketView(feats, int(i))
        assert ensemble.on_bar(view, EMPTY_BOOK) == []
        why = ensemble.explain(view, Side.BUY)
        assert [c.key for c in why if not c.held] == ["regime", "setup"]
        assert "sits it out" in next(c.text for c in why if c.key == "setup")


def test_long_only_on_btc_and_eth() -> None:
    eth = _before(load_sample("ETHUSDT", "1h"), "2021-07-01")
    for candles in (_before(load_sample("BTCUSDT", "1h"), "2022-08-01"), eth):
        s = get_strategy("ensemble", PARAMS, Timeframe.H1)
        f = s.features(candles)
        assert not f["entry_short"].any()
        assert not f["exit_short"].any()
        log = replay(s, candles, every_bar=False)
        assert len(log.entries) > 100
        assert {p.side for _, p in log.entries} == {Side.BUY}
        assert {int(f["leg"][i]) for i, _ in log.entries} == {1, 2, 3}
        why = s.explain(MarketView(f, len(f) - 1), Side.SELL)
        assert "long only" in next(c.text for c in why if c.key == "setup")


def test_explain_names_the_leg_that_held_or_what_each_leg_missed(
    ensemble: EnsembleStrategy, feats: Features
) -> None:
    codes, leg = feats["regime"], feats["leg"]
    warm = np.arange(len(codes)) >= ensemble.warmup
    for i in np.flatnonzero(warm)[::97]:
        view = MarketView(feats, int(i))
        (setup,) = [c for c in ensemble.explain(view, Side.BUY) if c.key == "setup"]
        assert setup.held == (leg[i] != 0)
        if leg[i]:
            assert f"{Leg(int(leg[i])).label} leg held" in setup.text
        elif codes[i] == Regime.TREND_UP:
            assert "trend needs" in setup.text
        elif codes[i] == Regime.RANGE:
            assert "mean-reversion needs" in setup.text
            assert "squeeze breakout needs" in setup.text
    # a trend-up bar one condition short: the missing condition is the one named
    i = int(np.flatnonzero(warm & (codes == Regime.TREND_UP) & ~feats["rule_trend"])[0])
    view = MarketView(feats, i)
    text = next(c.text for c in ensemble.explain(view, Side.BUY) if c.key == "setup")
    close, high = view.close, view.value("donchian_high")
    assert ("48-bar high" in text) == (not close > high)


def test_exit_when_the_trend_context_is_lost_not_on_a_dip_bought_below_the_ema(
    feats: Features, btc: Candles
) -> None:
    close, ema, regime = btc.close, feats["ema_trend"], feats["regime"]
    exits = feats["exit_long"]
    crossed = (close < ema) & (np.roll(close, 1) >= np.roll(ema, 1))
    ready = np.arange(len(close)) >= 800
    assert np.array_equal(exits[ready], ((regime == Regime.TREND_DOWN) | crossed)[ready])
    # dips bought below the trend EMA: no exit while the close stays below it in a range
    dips = np.flatnonzero(feats["entry_long"] & (feats["leg"] == Leg.REVERSION) & (close < ema))
    assert len(dips) >= 10
    for i in dips:
        assert not exits[i + 1] or regime[i + 1] == Regime.TREND_DOWN or close[i] >= ema[i]


def test_stops_go_to_breakeven_then_trail_and_only_rise(ensemble: EnsembleStrategy, btc: Candles) -> None:
    log = replay(ensemble, btc.slice(0, 20_000), every_bar=False)
    kinds = {adj.kind for _, adj in log.adjusts}
    assert {AdjustKind.BREAKEVEN, AdjustKind.TRAIL} <= kinds
    for _, adj in log.adjusts:
        old, new = adj.evidence["old_stop"], adj.evidence["new_stop"]
        assert isinstance(old, float)
        assert isinstance(new, float)
        assert new > old
        assert new < adj.price  # never at or above the close


def test_stream_equals_batch_across_all_three_legs(ensemble: EnsembleStrategy, btc: Candles) -> None:
    start, end = _bar(btc, "2020-04-10T00:00:00"), _bar(btc, "2020-08-05T00:00:00")
    candles = btc.slice(0, end)
    batch = ensemble.features(candles)
    stream = ensemble.feature_stream(100)
    stream.warm(candles.slice(0, start))
    legs = set()
    for i in range(start, end):
        f = stream.push(candles.row(i))
        for col, values in f.columns.items():
            got, want = values[-1], batch[col][i]
            assert got == want or (got != got and want != want), f"{col} at bar {i}: {got} vs {want}"
        if f["entry_long"][-1]:
            legs.add(int(f["leg"][-1]))
    assert legs == {1, 2, 3}


def test_backtest_runs_end_to_end_and_every_leg_trades() -> None:
    result = CliRunner().invoke(
        app,
        ["backtest", "--strategy", "ensemble", "--timeframe", "1h", "--to", "2022-08-01", "--no-journal"]
        + [arg for k, v in PARAMS.items() for arg in ("-p", f"{k}={v}")]
        + ["--json", "-"],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["strategy"] == "ensemble"
    assert report["end"] < "2022-08-01"
    trades = report["trades"]
    assert report["metrics"]["n_trades"] == len(trades) > 100
    assert {t["side"] for t in trades} == {"BUY"}
    for label in ("trend", "mean-reversion", "squeeze breakout"):
        assert any(f"setup: {label} leg held" in t["rationale"] for t in trades), label
