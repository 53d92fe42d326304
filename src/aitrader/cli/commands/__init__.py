"""One module per command or command group. Each module defines `register(app: typer.Typer)`.

Modules import heavy libraries (ccxt, talib, plotly, ...) inside their command functions so that
`aitrader --help` stays fast.
"""
