"""Execution: matching rules, fee and slippage models, brokers, order management, journal."""
