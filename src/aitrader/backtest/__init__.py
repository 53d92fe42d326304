"""Backtest mode: the kernel fed by history, with SimBroker fills, metrics and reports."""
