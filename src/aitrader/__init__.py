"""aitrader: one kernel for backtest, paper and live trading, behind one deterministic risk gate."""

__version__ = "0.1.0"
