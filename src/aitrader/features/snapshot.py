"""Everything the features layer can say about one bar, gathered for a report (CLI, analysts).

`snapshot(candles)` reads only the candles it is given: cut them at the bar of interest first
(`Candles.between(end_ms=...)`) and nothing after it is seen.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from aitrader.domain import Candles, Timeframe
from aitrader.features.mtf import MultiTimeframe
from aitrader.features.patterns import ChartPattern, PatternConfig, detect_patterns
from aitrader.features.price_action import (
    Level,
    VolumeProfile,
    doji,
    engulfing,
    inside_bar,
    pin_bar,
    prior_period_levels,
    support_resistance,
    volume_profile,
    volume_spikes,
)
from aitrader.features.regime import Regime, RegimeConfig, regime_features, regimes
from aitrader.features.standard import compute_features, compute_mtf_features

_DAY_MS = 86_400_000
# Higher timeframes have few bars in a sample: compare volatility with ~480 past bars, not 2880.
HIGHER_REGIME = RegimeConfig(vol_lookback=480, vol_step=8, liquidity_n=20)


@dataclass(frozen=True)
class CandleSignal:
    index: int
    time: int
    name: str  # "bullish engulfing", "hammer", "inside bar", "doji", "volume spike", ...
    direction: int  # +1 bullish, -1 bearish, 0 neutral


@dataclass(frozen=True)
class Snapshot:
    symbol: str
    timeframe: Timeframe
    index: int
    time: int
    close: float
    indicators: dict[str, float]
    regime: Regime
    regime_inputs: dict[str, float]
    levels: list[Level]
    prior_levels: dict[str, float]
    candle_signals: list[CandleSignal]
    chart_patterns: list[ChartPattern]
    profile: VolumeProfile | None
    higher: dict[str, dict[str, float]] = field(default_factory=dict)


def regime_config(tf: Timeframe) -> RegimeConfig:
    """The default (2880-bar volatility history) below 4h; `HIGHER_REGIME` (480 bars) from 4h up, where
    2880 bars would be years (1d: 8 years) and every sample would stay "warming up"."""
    return HIGHER_REGIME if tf.duration_ms >= Timeframe.H4.duration_ms else RegimeConfig()


def swing_bars(tf: Timeframe) -> int:
    """Pivot bars on each side that suit a timeframe (1m noise needs wider pivots)."""
    return 10 if tf.duration_ms < 5 * 60_000 else 5


def _candle_signals(c: Candles, recent: int) -> list[CandleSignal]:
    start = max(0, len(c) - recent - 1)
    part = c.slice(start, None)
    found: list[CandleSignal] = []
    arrays = {
        "engulfing": engulfing(part.open, part.close),
        "pin bar": pin_bar(part.open, part.high, part.low, part.close),
        "inside bar": inside_bar(part.high, part.low),
        "doji": doji(part.open, part.high, part.low, part.close),
        "volume spike": volume_spikes(c.volume)[start:].astype(np.int8),
    }
    names = {("engulfing", 1): "bullish engulfing", ("engulfing", -1): "bearish engulfing"}
    names |= {("pin bar", 1): "hammer / bullish pin", ("pin bar", -1): "shooting star / bearish pin"}
    for i in range(1, len(part)):  # the first bar of the slice lacks its predecessor
        for key, arr in arrays.items():
            v = int(arr[i])
            if v:
                direction = v if key in ("engulfing", "pin bar") else 0
                found.append(
                    CandleSignal(start + i, int(part.open_time[i]), names.get((key, v), key), direction)
                )
    return found


def snapshot(
    candles: Candles,
    recent_bars: int = 20,
    pattern_bars: int = 500,
    higher: tuple[Timeframe, ...] = (Timeframe.M15, Timeframe.H1, Timeframe.H4, Timeframe.D1),
) -> Snapshot:
    """Indicators, regime, levels, candle and chart patterns and higher-timeframe context at the last bar."""
    if len(candles) < 50:
        raise ValueError(f"need at least 50 candles to analyse, got {len(candles)}")
    i = len(candles) - 1
    f = compute_features(candles)
    indicators = {k: float(v[i]) for k, v in f.items() if k != "regime"}
    rf = regime_features(candles, regime_config(candles.timeframe))
    k = swing_bars(candles.timeframe)
    prior: dict[str, float] = {}
    for name, period in (("day", Timeframe.D1), ("week", Timeframe.W1)):
        if candles.timeframe.duration_ms < period.duration_ms:
            p = prior_period_levels(candles, period)
            prior[f"prev {name} high"], prior[f"prev {name} low"] = float(p.high[i]), float(p.low[i])
    patterns_from = max(0, i - pattern_bars - 400)
    window = candles.slice(patterns_from, None)
    patterns = [
        p
        for p in detect_patterns(window, PatternConfig(k, k))
        if p.confirmed_index + patterns_from >= i - pattern_bars
    ]
    bars_per_day = max(1, _DAY_MS // candles.timeframe.duration_ms)
    day = candles.tail(min(len(candles), bars_per_day))
    profile = volume_profile(day.high, day.low, day.volume, bins=40) if float(day.volume.sum()) > 0 else None
    above = tuple(
        tf
        for tf in higher
        if candles.timeframe.divides(tf) and tf.duration_ms > candles.timeframe.duration_ms
    )
    higher_view: dict[str, dict[str, float]] = {}
    if above:
        keys = ("rsi_14", "ema_50", "ema_200", "adx_14", "atr_14")
        view = MultiTimeframe(candles)
        mtf = compute_mtf_features(candles, above, keys, view=view)
        for tf in above:
            higher_view[tf.value] = {key: float(mtf[f"{tf.value}:{key}"][i]) for key in keys}
            labels = view.feature(tf, lambda c: regimes(c, HIGHER_REGIME).astype(np.float64))
            higher_view[tf.value]["regime"] = float(labels[i])
    return Snapshot(
        symbol=candles.symbol,
        timeframe=candles.timeframe,
        index=i,
        time=int(candles.open_time[i]),
        close=float(candles.close[i]),
        indicators=indicators,
        regime=Regime(int(rf.labels[i])),
        regime_inputs={
            "adx": float(rf.adx[i]),
            "+di": float(rf.plus_di[i]),
            "-di": float(rf.minus_di[i]),
            "volatility percentile": float(rf.vol_pct[i]),
            "liquidity percentile": float(rf.liquidity_pct[i]),
        },
        levels=_nearest_levels(support_resistance(candles, left=k, right=k), 4),
        prior_levels=prior,
        candle_signals=_candle_signals(candles, recent_bars),
        chart_patterns=[_shift(p, patterns_from) for p in patterns][-8:],
        profile=profile,
        higher=higher_view,
    )


def _nearest_levels(levels: list[Level], per_side: int) -> list[Level]:
    """The `per_side` strongest supports and resistances (input is strongest first)."""
    sup = [lv for lv in levels if lv.kind == "support"][:per_side]
    res = [lv for lv in levels if lv.kind == "resistance"][:per_side]
    return res + sup


def _shift(p: ChartPattern, offset: int) -> ChartPattern:
    return replace(
        p,
        start_index=p.start_index + offset,
        end_index=p.end_index + offset,
        confirmed_index=p.confirmed_index + offset,
        breakout_index=None if p.breakout_index is None else p.breakout_index + offset,
    )


__all__ = ["CandleSignal", "Snapshot", "regime_config", "snapshot", "swing_bars"]
