"""`market_view(candles)`: the analysis and the strategy's reading of the last closed bar, for the chat.

It runs the code `aitrader analyze` and `aitrader decide` run, nothing beside it: the features
layer's `snapshot` (indicators, regime, levels, patterns, higher timeframes, read through
`features.snapshot_read`), and the strategy's `read_bar` (its proposal, or each entry condition held
or failed) with `entry_requirements` (the comparisons behind each condition, with the figures).
Only the candles it is given are read; `now_ms` drops the bars that had not closed by then.

With `bars_needed` trailing bars the view equals the one over the whole history (the test holds it
to that) except for what needs more: higher-timeframe figures (a daily EMA 200 needs 200 days), the
prior week's levels on 1m, and the last digits of a strategy's higher-timeframe EMA; the strategy's
conditions and proposal are the same, as its warm-up promises.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from aitrader.agents.chat.market_view_figures import Kind, rounded, shown
from aitrader.agents.chat.market_view_models import (
    ConditionView,
    HigherView,
    IndicatorsView,
    LastSignalView,
    LevelView,
    MarketView,
    NeedView,
    RegimeView,
    SideView,
    SignalView,
    StrategyView,
)
from aitrader.agents.chat.market_view_text import market_view_text
from aitrader.domain import Candles, Side, Timeframe
from aitrader.domain.proposal import Enter
from aitrader.domain.timeframe import format_ms
from aitrader.features.price_action import Level
from aitrader.features.snapshot import Snapshot
from aitrader.strategies.bar_reading import BarReading
from aitrader.strategies.entry_needs import Need
from aitrader.strategies.registry import DEFAULT_STRATEGY
from aitrader.strategies.rule import RuleStrategy

_OP_WORDS = {">": "above", ">=": "at least", "<": "below", "<=": "at most"}


def build_strategy(
    strategy: str, timeframe: Timeframe, params: Mapping[str, Any] | None = None
) -> RuleStrategy[Any]:
    """The strategy as the bot trades it: aitrader.toml's `[strategies.<name>]` table, then `params`
    on top (as `decide --param` does). Raises `StrategyError` or `ConfigFileError` with the reason."""
    from aitrader.config.strategy_file import strategy_params
    from aitrader.strategies.registry import get_strategy

    return get_strategy(strategy, {**strategy_params(strategy), **dict(params or {})}, timeframe)


def bars_needed(
    strategy: str = DEFAULT_STRATEGY,
    timeframe: Timeframe = Timeframe.M1,
    params: Mapping[str, Any] | None = None,
) -> int:
    """Closed bars of `timeframe` a `market_view` needs: the larger of the strategy's warm-up and the
    window after which the snapshot's regime and indicators equal their full-history values (the
    features layer's 2,880-bar volatility history and EMA 200 below 4h: 2,964 bars for confluence on
    1m or 1h). Fetch at least this many; more only costs time. An unknown strategy or a bad config
    file does not raise here: the analysis' own count comes back and `market_view` says what is wrong."""
    from aitrader.config.strategy_file import ConfigFileError
    from aitrader.features.snapshot_read import analysis_bars
    from aitrader.strategies.registry import StrategyError

    try:
        warmup = build_strategy(strategy, timeframe, params).warmup
    except (StrategyError, ConfigFileError):
        warmup = 0
    return max(warmup, analysis_bars(timeframe))


def market_view(
    candles: Candles,
    strategy: str = DEFAULT_STRATEGY,
    params: dict[str, Any] | None = None,
    now_ms: int | None = None,
) -> MarketView:
    """The market at the last closed bar of `candles` and what `strategy` makes of it.

    `candles`: closed bars of the strategy's timeframe, oldest first: `bars_needed(strategy,
    timeframe)` of them at least (2,964 for confluence on 1m or 1h: three pages of /api/v3/klines at
    limit=1000). `now_ms`: bars that had not closed by then (the venue's still-open bar) are
    dropped. `params` go on top of aitrader.toml's table for the strategy. Never raises for too few
    bars or an unknown strategy: `ready` is False and `message` says what is needed.
    """
    from aitrader.config.strategy_file import ConfigFileError
    from aitrader.features.indicators import ema
    from aitrader.features.snapshot import snapshot
    from aitrader.features.snapshot_read import analysis_bars, closed_by
    from aitrader.strategies.bar_reading import read_bar
    from aitrader.strategies.registry import StrategyError

    if now_ms is not None:
        candles = closed_by(candles, now_ms)
    tf = candles.timeframe
    sym, bars = candles.symbol, len(candles)
    try:
        strat = build_strategy(strategy, tf, params)
    except (StrategyError, ConfigFileError) as exc:
        return MarketView(
            symbol=sym, timeframe=tf.value, bars=bars, ready=False, message=str(exc), bars_needed=0
        )
    analysis = analysis_bars(tf)
    needed = max(strat.warmup, analysis)
    if len(candles) < needed:
        message = (
            f"not enough history: {len(candles):,} closed {tf.value} bars given, {needed:,} needed "
            f"({strat.name} warm-up {strat.warmup:,} bars; indicators and regime {analysis:,} bars)"
        )
        return MarketView(
            symbol=sym,
            timeframe=tf.value,
            bars=bars,
            ready=False,
            message=message,
            bars_needed=needed,
            warmup_bars=strat.warmup,
            analysis_bars=analysis,
        )
    snap = snapshot(candles)
    ema_20 = float(ema(candles.close, 20)[-1])  # the snapshot's EMAs are 12/26/50/200
    feats = strat.features(candles)
    reading = read_bar(strat, feats, len(candles) - 1)
    support, resistance = _nearest(snap)
    return MarketView(
        symbol=sym,
        timeframe=tf.value,
        bars=bars,
        ready=True,
        bars_needed=needed,
        bar_time_ms=snap.time,
        bar_time=f"{format_ms(snap.time)} UTC",
        close=rounded(snap.close, "price"),
        regime=_regime(snap, ema_20),
        indicators=_indicators(snap, ema_20, float(candles.volume[-1])),
        support=support,
        resistance=resistance,
        levels=[_level(lv, snap.close) for lv in sorted(snap.levels, key=lambda lv: -lv.price)],
        prior_levels={k: v for k, p in snap.prior_levels.items() if (v := rounded(p, "price")) is not None},
        higher=[_higher(tf_name, v) for tf_name, v in snap.higher.items()],
        patterns=_patterns(snap),
        strategy=_strategy(strat, reading),
    )


# ---- the analysis (the snapshot `analyze` prints) -------------------------------------------------
def _regime(s: Snapshot, ema_20: float) -> RegimeView:
    from aitrader.features.snapshot_read import regime_label

    lines = {
        "close": s.close,
        "EMA20": ema_20,
        "EMA50": s.indicators["ema_50"],
        "EMA200": s.indicators["ema_200"],
    }
    finite = {k: v for k, v in lines.items() if math.isfinite(v)}
    stack = " > ".join(sorted(finite, key=lambda k: -finite[k])) if len(finite) == len(lines) else ""
    ri = s.regime_inputs
    return RegimeView(
        name=regime_label(s.regime),
        adx_14=rounded(ri["adx"], "level"),
        plus_di_14=rounded(ri["+di"], "level"),
        minus_di_14=rounded(ri["-di"], "level"),
        volatility_pctile=rounded(ri["volatility percentile"] * 100, "level"),
        liquidity_pctile=rounded(ri["liquidity percentile"] * 100, "level"),
        ma_stack=stack,
    )


def _indicators(s: Snapshot, ema_20: float, volume: float) -> IndicatorsView:
    i = s.indicators
    return IndicatorsView(
        rsi_14=rounded(i["rsi_14"], "level"),
        ema_20=rounded(ema_20, "price"),
        ema_50=rounded(i["ema_50"], "price"),
        ema_200=rounded(i["ema_200"], "price"),
        atr_14=rounded(i["atr_14"], "price"),
        atr_pct=rounded(i["atr_14"] / s.close * 100, "pct"),
        macd_hist=rounded(i["macd_hist"], "price"),
        volume=rounded(volume, "price") or 0.0,
        volume_avg_20=rounded(i["volume_sma_20"], "price"),
        volume_ratio=rounded(i["rvol_20"], "ratio"),
    )


def _level(lv: Level, close: float) -> LevelView:
    return LevelView(
        kind=lv.kind,
        price=rounded(lv.price, "price") or 0.0,
        low=rounded(lv.low, "price") or 0.0,
        high=rounded(lv.high, "price") or 0.0,
        touches=lv.touches,
        distance_pct=rounded((lv.price / close - 1) * 100, "pct") or 0.0,
    )


def _nearest(s: Snapshot) -> tuple[LevelView | None, LevelView | None]:
    from aitrader.features.snapshot_read import nearest_levels

    sup, res = nearest_levels(s)
    return (
        None if sup is None else _level(sup, s.close),
        None if res is None else _level(res, s.close),
    )


def _higher(tf: str, v: Mapping[str, float]) -> HigherView:
    from aitrader.features.snapshot_read import regime_label

    return HigherView(
        timeframe=tf,
        regime=regime_label(v["regime"]),
        rsi_14=rounded(v["rsi_14"], "level"),
        adx_14=rounded(v["adx_14"], "level"),
        ema_50=rounded(v["ema_50"], "price"),
        ema_200=rounded(v["ema_200"], "price"),
    )


def _patterns(s: Snapshot) -> list[str]:
    bias = {1: "bullish", -1: "bearish", 0: "neutral"}
    out = [
        f"{p.kind.value.replace('_', ' ')} ({bias[p.direction]}, {format_ms(p.start_time)} → "
        f"{format_ms(p.end_time)} UTC, {'broke out' if p.breakout_index is not None else 'no breakout yet'})"
        for p in s.chart_patterns[-3:]
    ]
    out += [f"{c.name} ({format_ms(c.time)} UTC)" for c in s.candle_signals[-3:]]
    return out


# ---- the strategy's reading (what `decide` prints) -----------------------------------------------
def _strategy(strat: RuleStrategy[Any], reading: BarReading) -> StrategyView:
    from aitrader.data.instrument_guess import instrument_for
    from aitrader.strategies.bar_reading import last_signal

    view = reading.view
    inst, _ = instrument_for(view.symbol, view.close)
    j = last_signal(strat, view.features, view.index)
    last = None
    if j is not None:
        t = int(view.features.candles.open_time[j])
        side = "long" if view.features["entry_long"][j] else "short"
        last = LastSignalView(
            side=side, bar_time_ms=t, bar_time=f"{format_ms(t)} UTC", bars_ago=view.index - j
        )
    enter = next((p for p in reading.proposals if isinstance(p, Enter)), None)
    return StrategyView(
        name=strat.name,
        params=strat.params.model_dump(mode="json"),
        warmup=strat.warmup,
        regime=reading.regime,
        shorts_allowed=inst.allows_short,
        signal=None if enter is None else _signal(enter),
        long=_side(strat, reading, Side.BUY),
        short=_side(strat, reading, Side.SELL),
        last_signal=last,
    )


def _signal(p: Enter) -> SignalView:
    return SignalView(
        side="long" if p.side is Side.BUY else "short",
        price=rounded(p.price, "price") or 0.0,
        stop=rounded(p.stop, "price") or 0.0,
        targets=[rounded(t.price, "price") or 0.0 for t in p.targets],
        target_fractions=[round(t.fraction, 4) for t in p.targets],
        confidence=round(p.confidence, 2),
        rationale=p.rationale,
    )


def _side(strat: RuleStrategy[Any], reading: BarReading, side: Side) -> SideView:
    from aitrader.strategies.entry_needs import entry_requirements

    conditions = reading.side(side)
    reqs = {r.key: r for r in entry_requirements(strat, reading.view, side)}
    views: list[ConditionView] = []
    to_enter: list[str] = []
    for c in conditions:
        req = reqs.get(c.key)
        groups = [[_need(n) for n in g] for g in req.groups] if req is not None else []
        views.append(ConditionView(key=c.key, text=c.text, held=c.held, any_of=groups))
        if not c.held:
            to_enter.append(_change(groups) if groups else c.text)
    held = sum(c.held for c in conditions)
    prefix = "long" if side is Side.BUY else "short"
    return SideView(
        side=prefix,
        signal=bool(reading.view.flag(f"entry_{prefix}")),
        held=held,
        total=len(conditions),
        conditions=views,
        to_enter=to_enter,
    )


def _need(n: Need) -> NeedView:
    if not n.op:
        return NeedView(text=n.subject, held=n.held)
    kind: Kind = n.unit
    value, threshold = rounded(n.value, kind), rounded(n.threshold, kind)
    name = f" ({n.threshold_name})" if n.threshold_name else ""
    text = f"{n.subject} {_OP_WORDS[n.op]} {shown(threshold, kind)}{name}, now {shown(value, kind)}"
    return NeedView(text=text, held=n.held, value=value, threshold=threshold)


def _change(groups: list[list[NeedView]]) -> str:
    """The failed needs of a failed condition; with alternatives, each one's failed needs, 'or'-joined."""
    parts = ["; ".join(n.text for n in g if not n.held) for g in groups]
    return " — or ".join(p for p in parts if p)


__all__ = ["MarketView", "bars_needed", "build_strategy", "market_view", "market_view_text"]
