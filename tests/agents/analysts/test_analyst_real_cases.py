"""Each analyst reads real market moments the way a trader would: BTCUSDT on 27 December 2020
(the run from 20k to 40k) against 19 May 2021 (the crash from 43k to 30k), and the cross-asset
view of SOL on real 2023 minutes with BTC and ETH beside it."""

from __future__ import annotations

import pytest
from analyst_fixtures import Peers, bar_at, nifty50, sample_features

from aitrader.agents.analysts import build_analyst
from aitrader.agents.reports import AnalystReport, Stance
from aitrader.agents.snapshot import ContextData, Snapshot
from aitrader.strategies.base import MarketView
from aitrader.strategies.regime import Regime

UPTREND = "2020-12-27 00:00"  # close 26,759: +8.8% in a day, above a rising EMA stack
CRASH = "2021-05-19 14:00"  # close 37,521: -13% in a day, 25% under the 100-hour high


def _btc(when: str, context: ContextData | None = None) -> Snapshot:
    f = sample_features("BTCUSDT", "1h")
    view = MarketView(f, bar_at(f.candles, when))
    return Snapshot.take(view) if context is None else Snapshot.take(view, context=context)


def _report(name: str, snap: Snapshot) -> AnalystReport:
    return build_analyst(name).analyze(snap)


def _item(r: AnalystReport, name: str) -> float:
    return next(e.value for e in r.evidence if e.name == name)


def test_the_figures_of_the_two_moments() -> None:
    up, down = _btc(UPTREND).view, _btc(CRASH).view
    assert up.close > up.value("ema_20") > up.value("ema_50")
    assert down.close < down.value("ema_20") < down.value("ema_50")
    assert up.value("ret_24") > 8
    assert down.value("ret_24") < -13
    assert down.value("drawdown_100") < -24


def test_technical() -> None:
    up, down = _report("technical", _btc(UPTREND)), _report("technical", _btc(CRASH))
    assert up.stance is Stance.BULLISH
    assert up.score > 0.8
    assert down.stance is Stance.BEARISH
    assert down.score < -0.8
    assert _item(up, "rsi_14") > 75 > 40 > _item(down, "rsi_14")
    assert "-DI leads" in down.summary
    assert "+DI leads" in up.summary


def test_volume_flow() -> None:
    up, down = _report("volume_flow", _btc(UPTREND)), _report("volume_flow", _btc(CRASH))
    assert up.stance is Stance.BULLISH
    assert down.stance is Stance.BEARISH
    assert _item(up, "updown_vol_24") > 65  # % of volume on up closes
    assert _item(down, "updown_vol_24") < 45
    assert _item(up, "obv_slope_20") > 0 > _item(down, "obv_slope_20")


def test_multi_timeframe() -> None:
    up, down = _report("multi_timeframe", _btc(UPTREND)), _report("multi_timeframe", _btc(CRASH))
    assert [_item(up, f"trend_{tf}") for tf in ("1h", "4h", "1d")] == [1.0, 1.0, 1.0]
    assert [_item(down, f"trend_{tf}") for tf in ("1h", "4h", "1d")] == [-1.0, -1.0, -1.0]
    assert up.score == 1.0
    assert up.confidence == 1.0
    assert down.score == -1.0
    assert down.stance is Stance.BEARISH


def test_multi_timeframe_reads_only_closed_higher_candles() -> None:
    """On 8 February 2021 the 1h trend had turned, the 4h leaned down, the daily was up: they disagree."""
    r = _report("multi_timeframe", _btc("2021-02-08 00:00"))
    assert _item(r, "trend_4h") < 0 < _item(r, "trend_1d")
    assert "disagree" in r.summary
    assert r.confidence < 0.8


def test_regime() -> None:
    up, down = _report("regime", _btc(UPTREND)), _report("regime", _btc(CRASH))
    assert _item(up, "regime") == Regime.TREND_UP
    assert up.stance is Stance.BULLISH
    assert _item(down, "regime") == Regime.HIGH_VOLATILITY
    assert down.stance is Stance.BEARISH
    assert _item(down, "vol_pct") == 100.0
    assert down.confidence < up.confidence  # turbulence is read with less confidence


def test_sentiment_fear_and_greed_from_price() -> None:
    up, down = _report("sentiment", _btc(UPTREND)), _report("sentiment", _btc(CRASH))
    assert _item(up, "fear_greed_price") > 70
    assert up.stance is Stance.BULLISH
    assert _item(down, "fear_greed_price") < 20
    assert down.stance is Stance.BEARISH
    assert "extreme fear" in down.summary
    assert up.confidence <= 0.25  # price alone, no text: low confidence


def test_risk_reads_the_crash_as_a_reason_for_caution() -> None:
    calm, crash = _report("risk", _btc(UPTREND)), _report("risk", _btc(CRASH))
    assert calm.stance is Stance.NEUTRAL
    assert crash.stance is Stance.BEARISH
    assert _item(crash, "drawdown_100") < -24
    assert _item(crash, "rv_ratio") > 2


def test_cross_asset_equity_index_in_the_march_2020_crash() -> None:
    """NIFTY 50 fell 21% in the 20 sessions to 12 March 2020: risk-off for BTC."""
    r = _report("cross_asset", _btc("2020-03-13 00:00", ContextData(series={"NIFTY50": nifty50()})))
    assert r.stance is Stance.BEARISH
    equity = next(e for e in r.evidence if e.name == "equity_trend")
    assert equity.weight < 0
    assert "-20.79% over 20 bars from context NIFTY50" in equity.note


@pytest.mark.parametrize(
    ("when", "stance"), [("2023-04-12 02:14", Stance.BEARISH), ("2023-03-21 01:52", Stance.BULLISH)]
)
def test_cross_asset_altcoin_follows_btc_and_eth_btc(when: str, stance: Stance) -> None:
    sol = sample_features("SOLUSDT", "1m")
    peers = Peers({s: sample_features(s, "1m") for s in ("BTCUSDT", "ETHUSDT")})
    r = _report("cross_asset", Snapshot.take(MarketView(sol, bar_at(sol.candles, when), peers)))
    assert r.stance is stance
    sign = 1 if stance is Stance.BULLISH else -1
    for name in ("btc_trend", "eth_btc_trend", "relative_strength_btc"):
        assert sign * _item(r, name) > 0.5, name  # each trend > 0.5 volatility units the same way


def test_cross_asset_says_no_data_without_context() -> None:
    r = _report("cross_asset", _btc(CRASH))
    assert r.stance is Stance.NEUTRAL
    assert r.score == 0.0
    assert r.confidence == 0.0
    assert r.summary.startswith("No cross-asset data for BTCUSDT")
    assert r.evidence
    assert all(e.note.startswith("no data") and e.weight == 0.0 for e in r.evidence)
    assert {e.name for e in r.evidence} == {"eth_btc_trend", "equity_trend", "vix_trend", "dxy_trend"}


def test_cross_asset_altcoin_without_btc_says_so() -> None:
    sol = sample_features("SOLUSDT", "1m")
    r = _report("cross_asset", Snapshot.take(MarketView(sol, len(sol) - 1)))
    assert r.confidence == 0.0
    btc = next(e for e in r.evidence if e.name == "btc_trend")
    assert btc.note.startswith("no data")
    assert btc.value == 0.0
