"""`EnvSeries`: one (symbol, timeframe) history as the RL environments read it, and the trading
rules (`Instrument`) an environment applies to it.

The market columns are computed once per series (`observation.market_features`); the price arrays
are float64 copies the vectorised environment indexes directly. `env_instrument` is the one place
both environments take their instrument from, so the kernel and the numpy simulator round prices
and quantities alike.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from aitrader.domain import Candles, Instrument, Timeframe
from aitrader.rl.observation import MarketFeatures, ObsSpec, market_features

F64 = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)  # arrays inside: compared by identity, not element-wise
class EnvSeries:
    """Candles of one symbol and timeframe with their observation columns and the ATR stops use."""

    symbol: str
    timeframe: Timeframe
    candles: Candles
    features: MarketFeatures
    open: F64
    high: F64
    low: F64
    close: F64
    atr: F64
    spec: ObsSpec

    @classmethod
    def from_candles(cls, candles: Candles, spec: ObsSpec | None = None) -> EnvSeries:
        """Compute the market columns of `candles` (causal: bar i uses bars 0..i only)."""
        s = spec or ObsSpec()
        if len(candles) == 0:
            raise ValueError(f"no candles for {candles.symbol or 'the series'}")
        features = market_features(candles, s)

        def f64(a: npt.ArrayLike) -> F64:
            return np.ascontiguousarray(a, dtype=np.float64)

        return cls(
            symbol=candles.symbol or "SERIES",
            timeframe=candles.timeframe,
            candles=candles,
            features=features,
            open=f64(candles.open),
            high=f64(candles.high),
            low=f64(candles.low),
            close=f64(candles.close),
            atr=f64(features.atr),
            spec=s,
        )

    def __len__(self) -> int:
        return len(self.close)

    @property
    def first_valid(self) -> int:
        """First bar whose observation is complete (the earliest bar an episode may start on)."""
        return self.features.first_valid

    @property
    def obs_dim(self) -> int:
        return self.spec.obs_dim

    def describe(self) -> str:
        return (
            f"{self.symbol} {self.timeframe.value}: {len(self)} bars, observations from bar "
            f"{self.first_valid}"
        )


def env_instrument(symbol: str, reference_price: float, allows_short: bool) -> Instrument:
    """The instrument an environment trades `symbol` as.

    Spot (no shorts): the local venue's exchangeInfo rules of a Binance pair
    (`backtest.engine.default_instrument`); a symbol that is not a Binance pair gets the generic
    rules with shorting switched off. With shorts (index futures such as NIFTY): the generic
    instrument of `data.instrument_guess`, which allows them."""
    from aitrader.data.instrument_guess import generic_instrument

    if allows_short:
        return generic_instrument(symbol)
    from aitrader.backtest.engine import default_instrument

    try:
        return default_instrument(symbol, reference_price)
    except ValueError:  # not a Binance pair (an index, a stock): generic rules, long only
        return replace(generic_instrument(symbol), allows_short=False)
