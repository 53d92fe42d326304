"""The market view the chat answers "how does BTC look?" from: typed, JSON-serialisable, rounded.

Every figure is stored rounded to the precision `market_view_text` prints it with, so each number of
the text appears in `model_dump(mode="json")` (the grounding check compares the two). Prices are in
the quote currency, oscillators (RSI, ADX, DI) on 0..100, `_pct` fields in percent, times UTC
epoch ms with a readable copy. `None` means the figure is still warming up (or there is none).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class ViewPart(BaseModel):
    model_config = ConfigDict(frozen=True)


class LevelView(ViewPart):
    kind: str  # "support" (below the close) or "resistance" (above it)
    price: float  # the zone's mean swing price
    low: float  # zone bounds
    high: float
    touches: int
    distance_pct: float  # (price / close - 1) x 100


class RegimeView(ViewPart):
    """The features layer's regime (the one `aitrader analyze` prints) and what decided it."""

    name: str  # "trend up", "trend down", "range", "high volatility", "illiquid" or "warming up"
    adx_14: float | None  # ADX >= 25 with +DI/-DI leading is a trend
    plus_di_14: float | None
    minus_di_14: float | None
    volatility_pctile: float | None  # realised volatility's percentile rank in its history, 0..100
    liquidity_pctile: float | None  # mean volume's percentile rank, 0..100
    ma_stack: str  # the close and its EMAs, highest first: "close > EMA20 > EMA50 > EMA200"


class IndicatorsView(ViewPart):
    rsi_14: float | None
    ema_20: float | None
    ema_50: float | None
    ema_200: float | None
    atr_14: float | None  # quote currency
    atr_pct: float | None  # ATR as a percentage of the close
    macd_hist: float | None
    volume: float  # the last bar's volume, base asset
    volume_avg_20: float | None
    volume_ratio: float | None  # volume / its average over `volume_window` bars
    volume_window: int = 20


class HigherView(ViewPart):
    """A higher timeframe built from the same closed candles."""

    timeframe: str
    regime: str
    rsi_14: float | None
    adx_14: float | None
    ema_50: float | None
    ema_200: float | None


class NeedView(ViewPart):
    """One comparison of a condition: `text` says what must be true, with the figures now."""

    text: str  # "close above 64,500.00 (30-bar high), now 64,012.50"
    held: bool
    value: float | None = None  # the figure now
    threshold: float | None = None  # what it is compared with


class ConditionView(ViewPart):
    key: str  # "regime", "trend", "rsi", ... (the strategy's condition keys)
    text: str  # the strategy's own words for it (`explain`)
    held: bool
    any_of: list[list[NeedView]]  # holds when every need of one list holds (mostly a single list)


class SideView(ViewPart):
    side: str  # "long" or "short"
    signal: bool  # every condition holds: the strategy enters this side on this bar
    held: int  # conditions that hold, of `total`
    total: int
    conditions: list[ConditionView]
    to_enter: list[str]  # per failed condition, its failed needs phrased as what has to change


class SignalView(ViewPart):
    side: str  # "long" or "short"
    price: float  # the decision price (the bar's close)
    stop: float
    targets: list[float]
    target_fractions: list[float]  # share of the position each target closes
    confidence: float
    rationale: str


class LastSignalView(ViewPart):
    side: str
    bar_time_ms: int
    bar_time: str
    bars_ago: int


class StrategyView(ViewPart):
    """What the strategy makes of the last bar, from the code `aitrader decide` runs."""

    name: str
    params: dict[str, Any]
    warmup: int  # bars of history it needs
    regime: str  # its own regime gate's reading, e.g. "trend_up" (ADX 22 and a 720-bar volatility history)
    shorts_allowed: bool  # False on spot: a short signal is advice to stay out or exit longs
    signal: SignalView | None
    long: SideView
    short: SideView
    last_signal: LastSignalView | None  # the latest bar of the given history with an entry signal


class MarketView(ViewPart):
    symbol: str
    timeframe: str
    ready: bool  # False: too few bars (or an unknown strategy); `message` says what is needed
    message: str = ""
    bars: int  # closed bars used
    bars_needed: int
    warmup_bars: int | None = None  # the strategy's share of `bars_needed`
    analysis_bars: int | None = None  # the indicators' and regime's share
    bar_time_ms: int | None = None  # open time of the last closed bar
    bar_time: str = ""  # the same, "2024-04-21 13:00 UTC"
    close: float | None = None
    regime: RegimeView | None = None
    indicators: IndicatorsView | None = None
    support: LevelView | None = None  # nearest below the close
    resistance: LevelView | None = None  # nearest above the close
    levels: list[LevelView] = []  # the strongest on each side, highest price first
    prior_levels: dict[str, float] = {}  # "prev day high", "prev week low", ...
    higher: list[HigherView] = []
    patterns: list[str] = []  # recent candle and chart patterns, newest last
    strategy: StrategyView | None = None


__all__ = [
    "ConditionView",
    "HigherView",
    "IndicatorsView",
    "LastSignalView",
    "LevelView",
    "MarketView",
    "NeedView",
    "RegimeView",
    "SideView",
    "SignalView",
    "StrategyView",
]
