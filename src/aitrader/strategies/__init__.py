"""Strategies: the `Strategy` protocol, the built-in rule strategies and their registry."""

from aitrader.strategies.base import Features, MarketView, Signals, Strategy
from aitrader.strategies.regime import Regime
from aitrader.strategies.registry import (
    DEFAULT_STRATEGY,
    REGISTRY,
    StrategyError,
    get_strategy,
    strategy_names,
)

__all__ = [
    "DEFAULT_STRATEGY",
    "REGISTRY",
    "Features",
    "MarketView",
    "Regime",
    "Signals",
    "Strategy",
    "StrategyError",
    "get_strategy",
    "strategy_names",
]
