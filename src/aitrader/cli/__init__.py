"""The `aitrader` command line (typer + rich)."""
