"""Strategies: the `Strategy` protocol, the built-in rule strategies and their registry."""

from aitrader.strategies.base import Features, MarketView, Signals, Strategy
from aitrader.strategies.regime import Regime

__all__ = ["Features", "MarketView", "Regime", "Signals", "Strategy"]
