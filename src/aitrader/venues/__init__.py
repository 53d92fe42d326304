"""Venues: the exchanges aitrader talks to (Binance through ccxt, and the local look-alike server)."""
